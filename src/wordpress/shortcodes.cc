// Shortcode tags (wordpress/shortcodes.h), read the way WordPress's
// get_shortcode_regex() and shortcode_parse_atts() read them, without regular
// expressions and their backtracking.
#include "wordpress/shortcodes.h"

#include <algorithm>

namespace qalam::wp {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerName(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// shortcode_parse_atts(): name="v", name='v', name=v, "v", 'v', v.
void ParseAttrs(std::string_view s, ShortcodeTag* tag) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '"' || s[i] == '\'') {
      const char q = s[i];
      const size_t close = s.find(q, i + 1);
      const size_t stop = close == std::string_view::npos ? s.size() : close;
      tag->attrs.emplace_back("", std::string(s.substr(i + 1, stop - i - 1)));
      i = close == std::string_view::npos ? s.size() : close + 1;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j]) && s[j] != '=') ++j;
    std::string_view key = s.substr(i, j - i);
    size_t k = j;
    while (k < s.size() && IsSpace(s[k])) ++k;
    const bool named = !key.empty() && std::all_of(key.begin(), key.end(), IsNameChar);
    if (k < s.size() && s[k] == '=' && named) {
      ++k;
      while (k < s.size() && IsSpace(s[k])) ++k;
      if (k < s.size() && (s[k] == '"' || s[k] == '\'')) {
        const char q = s[k];
        const size_t close = s.find(q, k + 1);
        const size_t stop = close == std::string_view::npos ? s.size() : close;
        tag->attrs.emplace_back(LowerName(key), std::string(s.substr(k + 1, stop - k - 1)));
        i = close == std::string_view::npos ? s.size() : close + 1;
      } else {
        size_t e = k;
        while (e < s.size() && !IsSpace(s[e])) ++e;
        tag->attrs.emplace_back(LowerName(key), std::string(s.substr(k, e - k)));
        i = e;
      }
      continue;
    }
    // A value alone runs to the next space ("https://e.com/?v=1" included).
    size_t e = i;
    while (e < s.size() && !IsSpace(s[e])) ++e;
    tag->attrs.emplace_back("", std::string(s.substr(i, e - i)));
    i = e;
  }
}

}  // namespace

bool ParseShortcodeTag(std::string_view s, size_t pos, ShortcodeTag* tag, size_t* resume) {
  // The tag ends at the first ']' and may not hold a '['; either one ends the
  // look-ahead, and the scan resumes there, so no byte is read twice.
  size_t stop = pos + 1;
  while (stop < s.size() && s[stop] != '[' && s[stop] != ']') ++stop;
  *resume = stop;
  if (stop >= s.size() || s[stop] != ']') return false;
  size_t i = pos + 1;
  if (i >= stop || !IsAsciiAlpha(s[i])) return false;
  while (i < stop && IsNameChar(s[i])) ++i;
  if (i < stop && !IsSpace(s[i]) && s[i] != '/' && s[i] != '=') return false;
  tag->name = LowerName(s.substr(pos + 1, i - pos - 1));
  tag->attrs.clear();
  tag->begin = pos;
  tag->end = stop + 1;
  std::string_view rest = s.substr(i, stop - i);
  tag->self_closed = !rest.empty() && rest.back() == '/';
  if (tag->self_closed) rest.remove_suffix(1);
  if (!rest.empty() && rest.front() == '=') {
    // "[youtube=URL]" (Jetpack's form): the value alone.
    rest.remove_prefix(1);
    while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
    tag->attrs.emplace_back("", std::string(rest));
    return true;
  }
  ParseAttrs(rest, tag);
  return true;
}

std::vector<ShortcodeClose> FindShortcodeCloses(std::string_view s) {
  std::vector<ShortcodeClose> out;
  size_t i = 0;
  while ((i = s.find("[/", i)) != std::string_view::npos) {
    size_t j = i + 2;
    while (j < s.size() && IsNameChar(s[j])) ++j;
    if (j > i + 2 && j < s.size() && s[j] == ']' && IsAsciiAlpha(s[i + 2])) {
      out.push_back({LowerName(s.substr(i + 2, j - i - 2)), i, j + 1});
      i = j + 1;
    } else {
      i = j;
    }
  }
  return out;
}

std::string ShortcodeAttr(const ShortcodeTag& tag, std::string_view name) {
  for (const auto& [key, value] : tag.attrs) {
    if (key == name) return value;
  }
  return "";
}

std::string ShortcodePositional(const ShortcodeTag& tag, size_t index) {
  for (const auto& [key, value] : tag.attrs) {
    if (!key.empty()) continue;
    if (index == 0) return value;
    --index;
  }
  return "";
}

}  // namespace qalam::wp
