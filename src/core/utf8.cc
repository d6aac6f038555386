#include "core/utf8.h"


namespace qalam {

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    i = NextCodePoint(s, i, &c);
    out.push_back(c);
  }
  return out;
}

}  // namespace qalam
