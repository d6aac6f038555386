#include "render/live_json.h"

#include <nlohmann/json.hpp>

namespace qalam {

std::string BreakingJson(const std::vector<BreakingItem>& items, int64_t event_id) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const BreakingItem& b : items) {
    list.push_back({{"id", b.id},
                    {"text", b.text},
                    {"link", b.link.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(b.link)},
                    {"urgent", b.urgent}});
  }
  nlohmann::ordered_json out = {{"items", std::move(list)}, {"event_id", event_id}};
  // Text stays UTF-8; "<" is escaped in case the JSON is ever written
  // into a page's HTML.
  std::string text = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string safe;
  safe.reserve(text.size());
  for (char c : text) {
    if (c == '<') safe += "\\u003c"; else safe += c;
  }
  return safe;
}

}  // namespace qalam
