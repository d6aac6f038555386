#include "content/html_attr.h"

#include <cctype>
#include <cstring>

#include "core/text.h"

namespace qalam {

bool IsSafeUrl(std::string_view url) {
  // The scheme as a browser reads it (the URL standard): leading spaces and
  // controls skipped, tabs and newlines anywhere ignored, then ASCII
  // letters, digits, '+', '-' and '.' up to a ':'. Anything else before the
  // first ':' ('/', '?', '#', a space, a non-ASCII letter) makes the
  // address relative.
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= ' ') ++i;
  std::string scheme;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') break;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!(letter || (other && !scheme.empty()))) return true;  // No scheme: relative.
    scheme += static_cast<char>(c | 0x20);
  }
  if (i == url.size()) return true;  // No ':' at all.
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

bool IsSafeImageUrl(std::string_view url) {
  if (!IsSafeUrl(url)) return false;
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= ' ') ++i;
  // A scheme: a letter, then letters, digits, "+", "-" or ".", then ":".
  size_t j = i;
  if (j < url.size() && std::isalpha(static_cast<unsigned char>(url[j]))) {
    while (j < url.size() && (std::isalnum(static_cast<unsigned char>(url[j])) || url[j] == '+' || url[j] == '-' ||
                              url[j] == '.')) {
      ++j;
    }
    if (j < url.size() && url[j] == ':') {
      const std::string scheme = AsciiLower(url.substr(i, j - i));
      return scheme == "http" || scheme == "https";
    }
  }
  return true;
}

std::string HtmlUrlAttr(std::string_view url) {
  if (!IsSafeUrl(url)) return "";
  static const char* digits = "0123456789ABCDEF";
  // The characters cmark-gfm's houdini_escape_href leaves as they are.
  static const char* kept = "-_.+!*(),%#@?=;:/~$[]";
  std::string out;
  out.reserve(url.size() + 8);
  for (unsigned char c : url) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && std::strchr(kept, c))) {
      out += static_cast<char>(c);
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '\'') {
      out += "&#x27;";
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

}  // namespace qalam
