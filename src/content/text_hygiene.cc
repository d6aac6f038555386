// Text hygiene for comments (content/text_hygiene.h).
#include "content/text_hygiene.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "core/text.h"
#include "core/utf8.h"

namespace qalam::moderation {
namespace {

constexpr int kMaxMarksPerBase = 8;

// core/utf8.h: the codec of the analyzer, the term matcher and the classifier.
std::u32string Decode(std::string_view s) { return DecodeUtf8(s); }
size_t NextCp(std::string_view s, size_t i, char32_t* c) { return NextCodePoint(s, i, c); }

bool Has(char32_t c, UProperty p) { return u_hasBinaryProperty(static_cast<UChar32>(c), p); }

int8_t Category(char32_t c) { return u_charType(static_cast<UChar32>(c)); }

bool IsLetter(char32_t c) {
  switch (Category(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

bool IsMark(char32_t c) {
  int8_t t = Category(c);
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

bool IsSymbol(char32_t c) {
  int8_t t = Category(c);
  return t == U_MATH_SYMBOL || t == U_CURRENCY_SYMBOL || t == U_MODIFIER_SYMBOL ||
         t == U_OTHER_SYMBOL;
}

UScriptCode Script(char32_t c) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &err);
  return U_SUCCESS(err) ? s : USCRIPT_INVALID_CODE;
}

// A letter or mark of a script other than Arabic and Latin (and not Common or
// Inherited): where ZWJ and variation selectors have a job.
bool IsOtherScriptLetterOrMark(char32_t c) {
  if (!IsLetter(c) && !IsMark(c)) return false;
  UScriptCode s = Script(c);
  return s != USCRIPT_ARABIC && s != USCRIPT_LATIN && s != USCRIPT_COMMON &&
         s != USCRIPT_INHERITED && s != USCRIPT_INVALID_CODE;
}

bool IsVariationSelector(char32_t c) {
  return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x180B && c <= 0x180D) || c == 0x180F;
}

bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
         c == 0x200F || c == 0x061C;
}

bool IsZs(char32_t c) { return c == ' ' || Category(c) == U_SPACE_SEPARATOR; }
bool IsLineSpace(char32_t c) { return c == '\t' || IsZs(c); }

// The decision for one default-ignorable code point, given the last kept
// code point (0 if none) and the next input code point (0 if none).
bool KeepIgnorable(char32_t c, char32_t prev, char32_t next) {
  if (IsBidiControl(c)) return false;
  if (c == 0x200C) {  // ZWNJ: between two letters (marks may follow the first)
    return prev != 0 && (IsLetter(prev) || IsMark(prev)) && IsLetter(next);
  }
  if (c == 0x200D) {  // ZWJ: emoji sequences, Indic conjuncts
    bool emoji_before = Has(prev, UCHAR_EXTENDED_PICTOGRAPHIC) ||
                        Has(prev, UCHAR_EMOJI_MODIFIER) || prev == 0xFE0F || prev == 0xE007F;
    if (emoji_before && Has(next, UCHAR_EXTENDED_PICTOGRAPHIC)) return true;
    return IsOtherScriptLetterOrMark(prev) && IsOtherScriptLetterOrMark(next);
  }
  if (prev == 0 || IsVariationSelector(prev)) {
    return false;  // a selector selects nothing at the start or after another
  }
  if (c == 0xFE0E || c == 0xFE0F) return Has(prev, UCHAR_EMOJI);
  if ((c >= 0xFE00 && c <= 0xFE0D) || (c >= 0xE0100 && c <= 0xE01EF)) {
    return IsSymbol(prev) || IsOtherScriptLetterOrMark(prev);
  }
  if ((c >= 0x180B && c <= 0x180D) || c == 0x180F) return Script(prev) == USCRIPT_MONGOLIAN;
  if (c >= 0xE0020 && c <= 0xE007F) {  // emoji tag sequence: 🏴 tag… cancel-tag
    return prev == 0x1F3F4 || (prev >= 0xE0020 && prev <= 0xE007E);
  }
  return false;  // U+200B, U+2060–U+206F, U+FEFF, U+00AD, U+034F, fillers, …
}

// Removes what disguises text; line breaks become \n.
std::string Filter(std::string_view text) {
  std::u32string in = Decode(text);
  std::string out;
  out.reserve(text.size());
  char32_t prev = 0;  // the last code point kept
  int marks = 0;      // combining marks kept on the current base
  auto keep = [&](char32_t c) {
    AppendUtf8(out, c);
    prev = c;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    char32_t c = in[i];
    char32_t next = i + 1 < in.size() ? in[i + 1] : 0;
    if (c == '\r') {
      if (next == '\n') continue;  // CR LF → LF
      c = '\n';
    } else if (c == 0x85 || c == 0x2028) {
      c = '\n';
    } else if (c == 0x2029) {
      keep('\n');
      c = '\n';
    } else if (c == '\v' || c == '\f') {
      c = ' ';
    }
    if (c == '\n' || c == '\t') {
      keep(c);
      marks = 0;
      continue;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) continue;  // other controls
    if (Has(c, UCHAR_NONCHARACTER_CODE_POINT)) continue;
    if (Has(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || IsBidiControl(c)) {
      if (KeepIgnorable(c, prev, next)) keep(c);
      continue;
    }
    if (IsMark(c)) {
      if (++marks > kMaxMarksPerBase) continue;
    } else {
      marks = 0;
    }
    keep(c);
  }
  return out;
}

// Trailing whitespace off each line, at most one blank line in a row, and
// whitespace off both ends.
std::string TidyLines(std::string_view text) {
  std::u32string in = Decode(text);
  std::string out;
  out.reserve(text.size());
  size_t newlines = 0;  // pending line breaks
  bool started = false;
  size_t i = 0;
  while (i < in.size()) {
    size_t e = i;
    while (e < in.size() && in[e] != '\n') ++e;
    size_t last = e;  // one past the last non-space character of the line
    while (last > i && IsLineSpace(in[last - 1])) --last;
    size_t first = i;
    if (!started) {
      while (first < last && IsLineSpace(in[first])) ++first;
    }
    if (first < last) {
      if (started) out.append(newlines >= 2 ? "\n\n" : "\n");
      for (size_t k = first; k < last; ++k) AppendUtf8(out, in[k]);
      started = true;
      newlines = 0;
    }
    if (e < in.size()) ++newlines;
    i = e + 1;
  }
  return out;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool StartsWithNoCase(std::string_view s, size_t at, std::string_view prefix) {
  if (s.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    char c = s[at + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[k]) return false;
  }
  return true;
}

// Whether c ends an address.
bool EndsAddress(char32_t c) {
  if (c <= 0x20 || (c >= 0x7F && c <= 0xA0)) return true;
  switch (c) {
    case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^':
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x060C: case 0x061B: case 0x061F: case 0xFFFD:
      return true;
    default:
      break;
  }
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || IsBidiControl(c) ||
         Has(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// Trailing characters that belong to the sentence rather than the address.
size_t TrimTrailing(std::string_view url) {
  size_t n = url.size();
  while (n > 0) {
    char c = url[n - 1];
    if (std::string_view(".,:;!?'*~_-").find(c) != std::string_view::npos) {
      --n;
      continue;
    }
    if (c == ')' || c == ']') {
      char open = c == ')' ? '(' : '[';
      std::string_view u = url.substr(0, n);
      size_t opens = 0, closes = 0;
      for (char d : u) {
        opens += d == open;
        closes += d == c;
      }
      if (closes > opens) {
        --n;
        continue;
      }
    }
    if (n >= 2 && url.substr(n - 2, 2) == "\xDB\x94") {  // ۔ U+06D4
      n -= 2;
      continue;
    }
    break;
  }
  return n;
}

bool ValidHost(std::string_view authority, bool www) {
  if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority;
  size_t colon = authority.find(':');
  if (colon != std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return false;
    for (char c : port) {
      if (c < '0' || c > '9') return false;
    }
    host = authority.substr(0, colon);
  }
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    labels.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos
                                                                       : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels.size() < (www ? 3u : 2u)) return false;
  bool all_numeric = true;
  for (std::string_view label : labels) {
    if (label.empty() || label.size() > 63) return false;
    bool numeric = true;
    for (size_t i = 0; i < label.size();) {
      char32_t c;
      i = NextCp(label, i, &c);
      if (c >= '0' && c <= '9') continue;
      numeric = false;
      if (c == '-' || (c < 0x80 && IsAsciiAlnum(static_cast<char>(c)))) continue;
      if (c >= 0x80 && (IsLetter(c) || IsMark(c) || Category(c) == U_DECIMAL_DIGIT_NUMBER)) {
        continue;
      }
      return false;
    }
    all_numeric = all_numeric && numeric;
  }
  if (all_numeric) {  // an IPv4 address
    if (labels.size() != 4) return false;
    for (std::string_view label : labels) {
      if (label.size() > 3 || std::stoi(std::string(label)) > 255) return false;
    }
    return true;
  }
  std::string_view tld = labels.back();
  if (CountCodePoints(tld) < 2) return false;
  for (char c : tld) {
    if (c < '0' || c > '9') return true;
  }
  return false;  // a numeric top-level label that is not an IPv4 address
}

}  // namespace

std::string CleanCommentText(std::string_view text) {
  return TidyLines(ToNfc(Filter(text)));
}

std::string CleanLineText(std::string_view text) {
  const std::string clean = CleanCommentText(text);
  std::string out;
  out.reserve(clean.size());
  bool space = false;
  for (char c : clean) {  // Only ASCII whitespace is left (\n, \t, ' ').
    if (c == '\n' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<Link> FindLinks(std::string_view s) {
  std::vector<Link> links;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c != 'h' && c != 'H' && c != 'w' && c != 'W') {
      ++i;
      continue;
    }
    if (i > 0) {
      char p = s[i - 1];
      if (IsAsciiAlnum(p) || std::string_view("@./:-_%+&=~#?").find(p) != std::string_view::npos) {
        ++i;
        continue;
      }
    }
    size_t host_at;
    bool www = false;
    std::string scheme;
    if (StartsWithNoCase(s, i, "https://")) {
      host_at = i + 8;
      scheme = "https://";
    } else if (StartsWithNoCase(s, i, "http://")) {
      host_at = i + 7;
      scheme = "http://";
    } else if (StartsWithNoCase(s, i, "www.")) {
      host_at = i;
      www = true;
      scheme = "https://";
    } else {
      ++i;
      continue;
    }
    size_t end = host_at;
    while (end < s.size()) {
      char32_t cp;
      size_t next = NextCp(s, end, &cp);
      if (EndsAddress(cp)) break;
      end = next;
    }
    end = host_at + TrimTrailing(s.substr(host_at, end - host_at));
    std::string_view rest = s.substr(host_at, end - host_at);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (!ValidHost(authority, www)) {
      ++i;
      continue;
    }
    Link link;
    link.begin = i;
    link.end = end;
    link.href = scheme + std::string(rest);
    links.push_back(std::move(link));
    i = end;
  }
  return links;
}

std::string CommentToHtml(std::string_view input) {
  std::string text = CleanCommentText(input);
  if (text.empty()) return "";
  std::vector<Link> links = FindLinks(text);
  std::string out;
  out.reserve(text.size() * 5 / 4 + 64 + links.size() * 96);
  out += "<p>";
  auto plain = [&](std::string_view piece) {
    size_t i = 0;
    while (i < piece.size()) {
      size_t nl = piece.find('\n', i);
      out += HtmlEscape(piece.substr(i, nl == std::string_view::npos ? std::string_view::npos
                                                                      : nl - i));
      if (nl == std::string_view::npos) break;
      if (nl + 1 < piece.size() && piece[nl + 1] == '\n') {
        out += "</p>\n<p>";
        i = nl + 2;
      } else {
        out += "<br>\n";
        i = nl + 1;
      }
    }
  };
  size_t at = 0;
  for (const Link& link : links) {
    plain(std::string_view(text).substr(at, link.begin - at));
    out += "<bdi><a href=\"";
    out += HtmlEscape(link.href);
    out += "\" rel=\"nofollow ugc noopener\" target=\"_blank\">";
    out += HtmlEscape(std::string_view(text).substr(link.begin, link.end - link.begin));
    out += "</a></bdi>";
    at = link.end;
  }
  plain(std::string_view(text).substr(at));
  out += "</p>";
  return out;
}

int CountLinks(std::string_view text) {
  return static_cast<int>(FindLinks(CleanCommentText(text)).size());
}

}  // namespace qalam::moderation
