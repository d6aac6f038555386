// The one UTF-8 codec of the text pipelines (the search analyzer, the term
// matcher, the classifier's preprocessing), so that they read the same bytes
// as the same characters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

namespace qalam {

// Decodes the code point at s[i] (i < s.size()) into *c and returns the index
// after it. An ill-formed sequence reads as U+FFFD and is skipped as ICU's
// U8_NEXT does (its maximal subpart). Fast for ASCII and two-byte (Arabic)
// characters.
// Inline: the analyzer calls it for every character it indexes.
inline size_t NextCodePoint(std::string_view s, size_t i, char32_t* c) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *c = b;
    return i + 1;
  }
  if (b >= 0xC2 && b <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    *c = (static_cast<char32_t>(b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    return i + 2;
  }
  int32_t j = static_cast<int32_t>(i);
  const int32_t len = static_cast<int32_t>(s.size());
  UChar32 u;
  U8_NEXT(s.data(), j, len, u);
  *c = u < 0 ? 0xFFFD : static_cast<char32_t>(u);
  return static_cast<size_t>(j);
}

// Appends c as UTF-8.
inline void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Every code point of s (NextCodePoint's reading).
std::u32string DecodeUtf8(std::string_view s);

}  // namespace qalam
