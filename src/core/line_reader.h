// Lines of a stream read with a bound on what is held in memory: a line
// longer than the bound is read to its end and dropped as it goes, never
// buffered whole (`qalam import`'s JSON lines: one line of 75 MB once took
// 3.7 GB to parse).
#pragma once
#include <cstddef>
#include <istream>
#include <string>

namespace qalam {

enum class LineRead {
  kLine,     // *line holds the next line, without its '\n'
  kTooLong,  // the next line had more than `max_bytes` bytes: consumed, *line empty
  kEnd,      // nothing left
};

// Reads the next line of `in` into *line (a '\r' before the '\n' is kept, as
// std::getline keeps it). A last line without '\n' is a line.
LineRead ReadBoundedLine(std::istream& in, size_t max_bytes, std::string* line);

}  // namespace qalam
