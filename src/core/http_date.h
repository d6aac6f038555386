// Dates as HTTP (RFC 9110's IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT")
// and RSS 2.0 (RFC 822, for which the same form is valid) write them, and
// W3C datetimes in UTC ("2026-12-07T13:34:13Z") for Atom and sitemaps.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace qalam {

std::string FormatHttpDate(int64_t utc_seconds);
// Reads IMF-fixdate only (the form every current client sends); false for
// anything else, which callers treat as "no date".
bool ParseHttpDate(std::string_view text, int64_t* utc_seconds);
std::string FormatW3cDateUtc(int64_t utc_seconds);

}  // namespace qalam
