#include "moderation/model_card.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace qalam {

namespace fs = std::filesystem;

std::string ModelCardPath(const std::string& model_path) {
  return fs::path(model_path).replace_extension(".json").string();
}

Status ReadModelCard(const std::string& path, ModelCard* card) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no model card");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  auto number = [&j](const char* key, double* v) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return false;
    *v = it->get<double>();
    return std::isfinite(*v);
  };
  ModelCard c;
  if (!j.is_object() || !number("hold", &c.hold) || !number("reject", &c.reject) || c.hold < 0 || c.hold > 1 ||
      c.reject < 0 || c.reject > 1.01) {
    return Status::Invalid(path + ": not a model card (needs \"hold\" from 0 to 1 and \"reject\" from 0 to 1.01)");
  }
  if (auto it = j.find("reject_needs_term"); it != j.end() && it->is_boolean()) c.reject_needs_term = it->get<bool>();
  if (auto it = j.find("basis"); it != j.end() && it->is_string()) c.basis = it->get<std::string>();
  if (auto it = j.find("report"); it != j.end() && it->is_object()) c.report = *it;
  *card = std::move(c);
  return Status::Ok();
}

Status WriteModelCard(const std::string& path, const ModelCard& card) {
  nlohmann::json j = {{"hold", card.hold},
                      {"reject", card.reject},
                      {"reject_needs_term", card.reject_needs_term},
                      {"basis", card.basis},
                      {"report", card.report}};
  const std::string partial = path + ".partial-" + std::to_string(getpid());
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << j.dump(2) << "\n";
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(partial, ec);
      return Status::Io(path + ": cannot be written");
    }
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Io(path + ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace qalam
