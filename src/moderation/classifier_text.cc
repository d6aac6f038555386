// ClassifierText: what the comment classifier reads (moderation/classifier.h).
#include "moderation/classifier.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "arabic/analyzer.h"
#include "core/utf8.h"

namespace qalam {
namespace {

// --- ClassifierText ----------------------------------------------------------

enum class Kind { kSpace, kLetter, kDigit, kSymbol, kDrop };

Kind KindOf(char32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return Kind::kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Kind::kLetter;
    if (c == ' ' || c == '_' || c < 0x20 || c == 0x7F) return Kind::kSpace;
    return Kind::kSymbol;
  }
  if (c >= 0x0621 && c <= 0x064A) return Kind::kLetter;  // the Arabic letters
  if (c == 0xFFFD || (c >= 0x1F3FB && c <= 0x1F3FF)) return Kind::kDrop;  // skin tones
  UChar32 u = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(u)) return Kind::kSpace;
  if (u_isdigit(u)) return Kind::kDigit;
  if (u_isalpha(u)) return Kind::kLetter;
  switch (u_charType(u)) {
    case U_NON_SPACING_MARK:  // Normalize() drops marks; anything left is noise
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
    case U_CONTROL_CHAR:
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return Kind::kDrop;
    default:
      return Kind::kSymbol;
  }
}

// Normalize()'s output is well-formed UTF-8; core/utf8.h reads it as the
// term matcher and the analyzer do.
size_t DecodeAt(std::string_view s, size_t i, char32_t* c) { return NextCodePoint(s, i, c); }

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// The number of c in a row from *end on, plus the one before it; *end moves
// past them.
size_t RunLength(std::string_view s, char32_t c, size_t* end) {
  size_t count = 1;
  while (*end < s.size()) {
    char32_t d;
    size_t after = DecodeAt(s, *end, &d);
    if (d != c) break;
    ++count;
    *end = after;
  }
  return count;
}

// How many of a run of count to keep: runs of 3 or more are cut to max.
size_t Kept(size_t count, int max_repeat) {
  return count >= 3 ? std::min(count, static_cast<size_t>(max_repeat)) : count;
}

// A character that may continue an @mention (letters, digits, _ and .).
bool MentionChar(std::string_view s, size_t i, size_t* next) {
  char32_t c;
  *next = DecodeAt(s, i, &c);
  Kind k = KindOf(c);
  return k == Kind::kLetter || k == Kind::kDigit || c == '_' || c == '.';
}

}  // namespace

// --- ClassifierText --------------------------------------------------------------

std::string ClassifierText(std::string_view text) { return ClassifierText(text, {}); }

std::string ClassifierText(std::string_view text, const ClassifierTextOptions& options) {
  const int max_repeat = std::max(1, options.max_repeat);
  const std::string norm = arabic::Normalize(text);
  std::string out;
  out.reserve(norm.size() + norm.size() / 4 + 8);
  bool in_token = false;  // out ends inside a word (letters and digits)
  bool last_digit = false;
  auto boundary = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
    in_token = false;
    last_digit = false;
  };
  auto whole_token = [&](std::string_view t) {
    boundary();
    out.append(t);
    boundary();
  };
  auto append = [&out](std::string_view s, size_t from, size_t to) {
    out.append(s.data() + from, to - from);
  };
  size_t i = 0;
  while (i < norm.size()) {
    std::string_view rest(norm.data() + i, norm.size() - i);
    if (!in_token &&
        (StartsWith(rest, "http://") || StartsWith(rest, "https://") || StartsWith(rest, "www."))) {
      whole_token("url");
      while (i < norm.size()) {
        char32_t c;
        size_t next = DecodeAt(norm, i, &c);
        if (KindOf(c) == Kind::kSpace) break;
        i = next;
      }
      continue;
    }
    if (rest[0] == '@' && rest.size() > 1) {
      size_t next;
      if (MentionChar(norm, i + 1, &next)) {
        whole_token("@user");
        i = next;
        while (i < norm.size() && MentionChar(norm, i, &next)) i = next;
        continue;
      }
    }
    if (rest[0] == '<' && StartsWith(rest, "<lf>")) {
      boundary();
      i += 4;
      continue;
    }
    char32_t c;
    size_t next = DecodeAt(norm, i, &c);
    switch (KindOf(c)) {
      case Kind::kDrop:
        break;
      case Kind::kSpace:
        boundary();
        break;
      case Kind::kDigit:
        if (!in_token) boundary();
        append(norm, i, next);
        in_token = true;
        last_digit = true;
        break;
      case Kind::kLetter: {
        if (!in_token) boundary();
        size_t end = next;
        size_t count = RunLength(norm, c, &end);
        for (size_t k = 0; k < Kept(count, max_repeat); ++k) append(norm, i, next);
        in_token = true;
        last_digit = false;
        next = end;
        break;
      }
      case Kind::kSymbol: {
        // 3.5 and 1,000 stay whole (Normalize keeps their separators).
        if ((c == '.' || c == ',') && in_token && last_digit && next < norm.size() &&
            norm[next] >= '0' && norm[next] <= '9') {
          append(norm, i, next);
          last_digit = false;
          break;
        }
        size_t end = next;
        size_t count = RunLength(norm, c, &end);
        for (size_t k = 0; k < Kept(count, max_repeat); ++k) {
          boundary();
          append(norm, i, next);
        }
        boundary();
        next = end;
        break;
      }
    }
    i = next;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace qalam
