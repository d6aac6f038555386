// gzip (RFC 1952) compression of whole response bodies, through zlib.
#pragma once
#include <string>
#include <string_view>

namespace qalam {

// Compresses `in` at the given zlib level; returns "" on failure.
std::string GzipCompress(std::string_view in, int level = 6);

}  // namespace qalam
