#include "arabic/plural.h"

#include <unicode/locid.h>
#include <unicode/plurrule.h>
#include <unicode/unistr.h>

#include <memory>

namespace qalam {

namespace {

// The plural category of n in Arabic; ICU's rules are built once.
std::string Category(int64_t n) {
  static const std::unique_ptr<icu::PluralRules> rules = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::PluralRules> r(icu::PluralRules::forLocale(icu::Locale("ar"), err));
    return U_FAILURE(err) ? nullptr : std::move(r);
  }();
  if (!rules) return "other";
  std::string out;
  rules->select(static_cast<int32_t>(n)).toUTF8String(out);
  return out;
}

}  // namespace

std::string LocalDigits(const std::string& text, Digits digits) {
  if (digits != Digits::kArabicIndic) return text;
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += "\xD9";
      out += static_cast<char>(0xA0 + (c - '0'));  // U+0660 + d
    } else {
      out += c;
    }
  }
  return out;
}

std::string Count(int64_t n, const CountedNoun& noun, Digits digits) {
  const std::string c = Category(n);
  const std::string& form = c == "zero" ? noun.zero : c == "one" ? noun.one : c == "two" ? noun.two
                            : c == "few" ? noun.few : c == "many" ? noun.many : noun.other;
  std::string out = form;
  const size_t at = out.find("{n}");
  if (at != std::string::npos) out.replace(at, 3, LocalDigits(std::to_string(n), digits));
  return out;
}

}  // namespace qalam
