#include "arabic/slug.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/text.h"

namespace qalam {

std::string MakeSlug(const std::string& text, size_t max_chars) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(ToNfc(text));
  icu::UnicodeString out;
  int32_t count = 0;
  bool pending_hyphen = false;
  int32_t last_hyphen = -1;  // Length of `out` before its last hyphen.
  bool cut_in_word = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    bool is_mark = type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
                   type == U_COMBINING_SPACING_MARK;
    if (c == 0x0640 || is_mark || type == U_FORMAT_CHAR) continue;  // Tatweel, tashkeel, ZWJ.
    if (u_isalnum(c)) {
      if (pending_hyphen && count > 0) {
        if (count + 1 >= static_cast<int32_t>(max_chars)) break;
        last_hyphen = out.length();
        out.append(static_cast<UChar>('-'));
        ++count;
      }
      pending_hyphen = false;
      if (count >= static_cast<int32_t>(max_chars)) {
        cut_in_word = true;
        break;
      }
      out.append(u_tolower(c));
      ++count;
    } else {
      pending_hyphen = true;
    }
  }
  // Cut inside a word: end at the hyphen before it where there is one.
  if (cut_in_word && last_hyphen > 0) out.truncate(last_hyphen);
  std::string s;
  out.toUTF8String(s);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s;
}

}  // namespace qalam
