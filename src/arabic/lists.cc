#include "arabic/lists.h"

#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>

namespace qalam {

namespace {

const icu::ListFormatter* Formatter() {
  static const std::unique_ptr<icu::ListFormatter> formatter = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::ListFormatter> f(icu::ListFormatter::createInstance(icu::Locale("ar"), err));
    return U_FAILURE(err) ? nullptr : std::move(f);
  }();
  return formatter.get();
}

// ICU's list of `items`; «أ وب وج» by hand only if ICU has no Arabic
// data, which Debian's libicu always has.
icu::UnicodeString Format(const std::vector<icu::UnicodeString>& items) {
  if (const icu::ListFormatter* f = Formatter()) {
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString text;
    f->format(items.data(), static_cast<int32_t>(items.size()), text, err);
    if (U_SUCCESS(err)) return text;
  }
  icu::UnicodeString text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) text += icu::UnicodeString::fromUTF8(" و");
    text += items[i];
  }
  return text;
}

}  // namespace

std::string JoinArabicList(const std::vector<std::string>& items) {
  std::vector<icu::UnicodeString> u;
  u.reserve(items.size());
  for (const std::string& s : items) u.push_back(icu::UnicodeString::fromUTF8(s));
  std::string out;
  Format(u).toUTF8String(out);
  return out;
}

std::vector<std::string> ArabicListGlue(size_t n) {
  if (n == 0) return {};
  // Each item a private-use character that no pattern holds, then the
  // formatted text cut at them.
  constexpr UChar32 kFirstMark = 0xF0000;  // Plane 15, private use.
  std::vector<icu::UnicodeString> marks;
  for (size_t i = 0; i < n; ++i) marks.emplace_back(static_cast<UChar32>(kFirstMark + i));
  const icu::UnicodeString text = Format(marks);
  std::vector<std::string> glue(1);
  icu::UnicodeString piece;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c >= kFirstMark && c < kFirstMark + static_cast<UChar32>(n)) {
      piece.toUTF8String(glue.back());
      piece.remove();
      glue.emplace_back();
    } else {
      piece.append(c);
    }
  }
  piece.toUTF8String(glue.back());
  glue.resize(n + 1);  // Only if ICU dropped an item, which it does not.
  return glue;
}

}  // namespace qalam
