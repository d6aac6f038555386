// Addresses written into the HTML of an article body by Qalam itself (the
// figures, galleries and embeds of content/markdown), with the same rules
// cmark-gfm's safe mode applies to the links it writes.
#pragma once
#include <string>
#include <string_view>

namespace qalam {

// False for the schemes safe mode refuses: javascript:, vbscript:, file:,
// and data: other than data:image/png, gif, jpeg or webp (case-insensitive,
// after leading spaces).
bool IsSafeUrl(std::string_view url);

// `url` for a double-quoted attribute: bytes outside the characters a URL
// may hold as they are are percent-encoded (as cmark-gfm does), and &, ',
// " are written as entities. An unsafe address (IsSafeUrl) becomes "".
std::string HtmlUrlAttr(std::string_view url);

}  // namespace qalam
