// Addresses written into the HTML of an article body: by Qalam itself (the
// figures, galleries and embeds of content/markdown), and every link's and
// image's address cmark-gfm writes (content/markdown clears those IsSafeUrl
// refuses before rendering). Stricter than cmark-gfm's safe mode, which lets
// data:image/png, gif, jpeg and webp through.
#pragma once
#include <string>
#include <string_view>

namespace qalam {

// True for an address without a scheme (a path, "?…", "#…", "//host/…")
// and for http:, https:, mailto: and tel: (case-insensitive, read as a
// browser reads a scheme: after leading spaces and control characters,
// ignoring tabs and newlines). False for every other scheme: javascript:,
// vbscript:, data:, file:, and any handler an operating system registers
// (ms-msdt:, intent:, …). An uploaded image is an address on the site; a
// body never needs a data: one.
bool IsSafeUrl(std::string_view url);

// IsSafeUrl, and an address the Content-Security-Policy lets a page load an
// image from (img-src 'self' https:, web/http_server.cc): a path on the
// site (no scheme) or http(s) (an http one is the site's to fix, not a
// trick). Another scheme ("x:…", ftp:, cid:) would load nothing and make
// the reader's browser report a violation.
bool IsSafeImageUrl(std::string_view url);

// `url` for a double-quoted attribute: bytes outside the characters a URL
// may hold as they are are percent-encoded (as cmark-gfm does), and &, ',
// " are written as entities. An unsafe address (IsSafeUrl) becomes "".
std::string HtmlUrlAttr(std::string_view url);

}  // namespace qalam
