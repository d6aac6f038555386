// Lines read with a bound (core/line_reader.h): a line over it is consumed
// and reported, the next one read as usual.
#include "core/line_reader.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace qalam {
namespace {

// Every line of `text` with a bound of `max`: the line, or "<too long>".
std::vector<std::string> Lines(const std::string& text, size_t max) {
  std::istringstream in(text);
  std::vector<std::string> out;
  std::string line;
  for (LineRead r; (r = ReadBoundedLine(in, max, &line)) != LineRead::kEnd;) {
    out.push_back(r == LineRead::kTooLong ? "<too long>" : line);
    if (out.size() > 100) break;
  }
  return out;
}

using V = std::vector<std::string>;

TEST(ReadBoundedLine, ReadsLinesAsGetlineDoes) {
  EXPECT_EQ(Lines("", 10), V{});
  EXPECT_EQ(Lines("a\nbc\n", 10), (V{"a", "bc"}));
  EXPECT_EQ(Lines("a\n\nb", 10), (V{"a", "", "b"}));
  EXPECT_EQ(Lines("a\r\n", 10), (V{"a\r"}));
  EXPECT_EQ(Lines("\n", 10), (V{""}));
}

TEST(ReadBoundedLine, ALineOverTheBoundIsSkippedWhole) {
  EXPECT_EQ(Lines("0123456789\n01234567890\nok\n", 10), (V{"0123456789", "<too long>", "ok"}));
  EXPECT_EQ(Lines("short\n" + std::string(10, 'x'), 9), (V{"short", "<too long>"}));
  // Longer than the reader's own chunks, on both sides of the bound.
  const std::string big(100000, 'y');
  EXPECT_EQ(Lines(big + "\n" + big + "z\nend", 100000), (V{big, "<too long>", "end"}));
  EXPECT_EQ(Lines(std::string(16383, 'a') + "\n" + std::string(16384, 'b') + "\nc", 20000),
            (V{std::string(16383, 'a'), std::string(16384, 'b'), "c"}));
}

}  // namespace
}  // namespace qalam
