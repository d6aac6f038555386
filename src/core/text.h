// Small UTF-8 text helpers shared by every module.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace qalam {

std::string Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
std::string ToNfc(std::string_view s);
// True when s is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
size_t CountCodePoints(std::string_view s);
// The first max_chars code points of s, with "…" added when cut at a word.
std::string Excerpt(std::string_view s, size_t max_chars);
// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view s);

// A decimal number above zero, nothing else (no sign, no spaces, at most 18
// digits): ids and counts from forms and URLs.
bool ParsePositive(std::string_view s, int64_t* out);
// Percent-decodes a URL path segment; false if it is malformed.
bool PercentDecode(std::string_view in, std::string* out);
// Percent-encodes everything but unreserved ASCII (for URLs with Arabic slugs).
std::string PercentEncode(std::string_view in);
// One line of typed text: control characters (a crafted form may send
// newlines) become spaces; NFC, trimmed.
std::string OneLine(std::string_view s);
// http:// or https:// and a host, with no space or control character.
bool IsWebAddress(std::string_view s);
// A path on this site: "/…", but never "//host" or "/\host", which a
// browser reads as another site.
bool IsSitePath(std::string_view s);

// The text XML 1.0 can hold: `s` as valid UTF-8 without the control
// characters XML forbids (all below U+0020 but tab, LF and CR; U+FFFE,
// U+FFFF); anything else is dropped (the feeds, sitemaps and WXR writers).
std::string XmlChars(std::string_view s);

}  // namespace qalam
