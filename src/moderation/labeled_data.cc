// Labeled comments as JSON lines (moderation/classifier.h).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "moderation/classifier_internal.h"

namespace qalam {

namespace fs = std::filesystem;
using classifier_internal::IsLabel;

// --- Data ------------------------------------------------------------------------

Status ReadLabeledJsonl(const std::string& path, std::vector<LabeledComment>* out,
                        size_t* skipped) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
  if (fs::is_directory(path, ec)) return Status::Io(path + ": is a folder, not a JSON-lines file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot be read");
  size_t bad = 0;
  std::string line;
  auto optional_string = [](const nlohmann::json& j, const char* key, std::string* v) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    *v = it->get<std::string>();
    return true;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    LabeledComment c;
    if (j.is_discarded() || !j.is_object()) {
      ++bad;
      continue;
    }
    auto text = j.find("text");
    auto label = j.find("label");
    if (text == j.end() || !text->is_string() || label == j.end() || !label->is_string()) {
      ++bad;
      continue;
    }
    c.text = text->get<std::string>();
    c.label = label->get<std::string>();
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos || !IsLabel(c.label) ||
        !optional_string(j, "dataset", &c.dataset) || !optional_string(j, "target", &c.target)) {
      ++bad;
      continue;
    }
    out->push_back(std::move(c));
  }
  if (in.bad()) return Status::Io(path + ": read error");
  if (skipped) *skipped = bad;
  return Status::Ok();
}

}  // namespace qalam
