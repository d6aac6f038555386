#include "web/cookies.h"

#include "core/text.h"

namespace qalam {

std::map<std::string, std::string> ParseCookies(std::string_view header) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < header.size()) {
    size_t semi = header.find(';', i);
    if (semi == std::string_view::npos) semi = header.size();
    std::string pair = Trim(header.substr(i, semi - i));
    size_t eq = pair.find('=');
    if (eq != std::string::npos) out.emplace(Trim(pair.substr(0, eq)), Trim(pair.substr(eq + 1)));
    i = semi + 1;
  }
  return out;
}

}  // namespace qalam
