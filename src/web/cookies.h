// The Cookie request header (RFC 6265 §5.4): "a=1; b=2" into name → value.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace qalam {

// Pairs are split at ';' and their first '='; names and values are trimmed
// of spaces and kept byte for byte (no decoding). A pair without '=' is
// skipped; the first of a repeated name wins.
std::map<std::string, std::string> ParseCookies(std::string_view header);

}  // namespace qalam
