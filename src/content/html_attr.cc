#include "content/html_attr.h"

#include <cstring>

#include "core/text.h"

namespace qalam {

namespace {

// The scheme as a browser reads it (the URL standard), lower-cased: leading
// spaces and controls skipped, tabs and newlines anywhere ignored, then an
// ASCII letter and letters, digits, '+', '-' and '.' up to a ':'. "" when
// anything else comes first ('/', '?', '#', a space, a non-ASCII letter) or
// there is no ':': the address is relative.
std::string BrowserScheme(std::string_view url) {
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= ' ') ++i;
  std::string scheme;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') return scheme;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!(letter || (other && !scheme.empty()))) return "";
    scheme += static_cast<char>(c | 0x20);
  }
  return "";
}

}  // namespace

bool IsSafeUrl(std::string_view url) {
  const std::string scheme = BrowserScheme(url);
  return scheme.empty() || scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

bool IsSafeImageUrl(std::string_view url) {
  const std::string scheme = BrowserScheme(url);
  return scheme.empty() || scheme == "http" || scheme == "https";
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
