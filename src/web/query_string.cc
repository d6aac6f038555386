#include "web/query_string.h"

#include "core/text.h"

namespace qalam {

bool ParseQueryString(std::string_view query, std::map<std::string, std::string>* out) {
  out->clear();
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string pair(query.substr(start, amp - start));
    start = amp + 1;
    if (pair.empty()) continue;
    for (char& c : pair) {
      if (c == '+') c = ' ';
    }
    size_t eq = pair.find('=');
    std::string name, value;
    if (!PercentDecode(pair.substr(0, eq), &name)) return false;
    if (eq != std::string::npos && !PercentDecode(pair.substr(eq + 1), &value)) return false;
    // No text field holds a NUL; one arriving is an attack on whatever reads
    // the string as C text later.
    if (name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) return false;
    out->emplace(std::move(name), std::move(value));
  }
  return true;
}

}  // namespace qalam
