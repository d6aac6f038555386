// Whole files in and out of memory.
#pragma once
#include <string>

namespace qalam {

// The whole content of the file at `path`; false when it cannot be opened
// or read to its end.
bool ReadWholeFile(const std::string& path, std::string* bytes);

}  // namespace qalam
