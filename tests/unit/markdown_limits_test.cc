// The bounds a body keeps before it is rendered (content/markdown_limits.h):
// each refused one past its bound, with the line and the figures, and
// accepted at it; the pathological bodies of issue 15 refused.
#include "content/markdown_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace qalam {
namespace {

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

MarkdownLimit Exceeded(const std::string& body) { return CheckMarkdownLimits(body).exceeded; }

TEST(MarkdownLimits, AnOrdinaryBodyPasses) {
  const std::string body =
      "## عنوان\n\nقال **الوزير** إن [الخطة](https://example.com/a_b) ~~لن~~ ستبدأ.\n\n"
      "- أولًا\n  - فرعي\n    1. واحد\n\n> اقتباس\n> > داخله\n\n| أ | ب |\n|---|:-:|\n| 1 | 2 |\n\n"
      "    شيفرة\n\n---\n\n* * *\n\n-1 درجة\n";
  const MarkdownLimitCheck check = CheckMarkdownLimits(body);
  EXPECT_TRUE(check.ok()) << check.English();
  EXPECT_TRUE(CheckMarkdownLimits("").ok());
}

TEST(MarkdownLimits, LengthInCodePoints) {
  EXPECT_EQ(Exceeded(Repeat("ب", kMaxBodyCodePoints)), MarkdownLimit::kNone);
  const MarkdownLimitCheck check = CheckMarkdownLimits(Repeat("ب", kMaxBodyCodePoints + 1));
  EXPECT_EQ(check.exceeded, MarkdownLimit::kLength);
  EXPECT_EQ(check.found, kMaxBodyCodePoints + 1);
  EXPECT_EQ(check.English(), "body: 300001 characters; at most 300000");
}

TEST(MarkdownLimits, NestingOnOneLine) {
  EXPECT_EQ(Exceeded(Repeat("- ", kMaxNesting) + "a"), MarkdownLimit::kNone);
  EXPECT_EQ(Exceeded(Repeat(">", kMaxNesting) + "a"), MarkdownLimit::kNone);
  // Issue 15: "- " × 60,000 took 22 s to import.
  const MarkdownLimitCheck check = CheckMarkdownLimits("سطر\n\n" + Repeat("- ", 60000));
  EXPECT_EQ(check.exceeded, MarkdownLimit::kNesting);
  EXPECT_EQ(check.line, 3u);
  EXPECT_EQ(check.English(), "body: lists and quotes nested 60000 deep at line 3; at most 32");
  EXPECT_EQ(Exceeded(Repeat(">", kMaxNesting + 1) + "a"), MarkdownLimit::kNesting);
  EXPECT_EQ(Exceeded(Repeat("> - 1. ", 11) + "a"), MarkdownLimit::kNesting);
  EXPECT_EQ(Exceeded(Repeat("1) ", kMaxNesting + 1) + "a"), MarkdownLimit::kNesting);
}

TEST(MarkdownLimits, NestingThroughIndentation) {
  // Each line nests inside the last one's items: its indentation counts.
  std::string body;
  for (size_t i = 0; i < 40; ++i) body += std::string(i * 30 * 2, ' ') + Repeat("- ", 30) + "a\n";
  const MarkdownLimitCheck check = CheckMarkdownLimits(body);
  EXPECT_EQ(check.exceeded, MarkdownLimit::kNesting);
  EXPECT_EQ(check.line, 2u);
  // An indented code block in a list is far from it.
  EXPECT_TRUE(CheckMarkdownLimits("- a\n\n          code\n").ok());
}

TEST(MarkdownLimits, ListItems) {
  EXPECT_EQ(Exceeded(Repeat("- a\n", kMaxListItems)), MarkdownLimit::kNone);
  const MarkdownLimitCheck check = CheckMarkdownLimits(Repeat("- a\n", kMaxListItems + 1));
  EXPECT_EQ(check.exceeded, MarkdownLimit::kListItems);
  EXPECT_EQ(check.line, kMaxListItems + 1);
}

TEST(MarkdownLimits, Brackets) {
  EXPECT_EQ(Exceeded(Repeat("[a](b) ", kMaxBrackets)), MarkdownLimit::kNone);
  // Issue 15: "![[]()" × 80,000 took 42 s; it is quadratic in cmark-gfm.
  EXPECT_EQ(Exceeded(Repeat("![[]()", 2001)), MarkdownLimit::kBrackets);
  EXPECT_EQ(Exceeded(Repeat("[", 50000)), MarkdownLimit::kBrackets);
  // Escaped, they are text (the WordPress import writes them so).
  EXPECT_TRUE(CheckMarkdownLimits(Repeat("\\[\\*\\_", 10000)).ok());
  EXPECT_EQ(Exceeded(Repeat("\\\\[", 4001)), MarkdownLimit::kBrackets) << "an escaped backslash escapes nothing";
  EXPECT_EQ(CheckMarkdownLimits(Repeat("[", 50000)).English(),
            "body: more than 4000 '[' of links and images (passed at line 1)");
}

TEST(MarkdownLimits, EmphasisMarks) {
  EXPECT_EQ(Exceeded(Repeat("*a", kMaxEmphasis)), MarkdownLimit::kNone);
  EXPECT_EQ(Exceeded(Repeat("*a*_", kMaxEmphasis / 3 + 1)), MarkdownLimit::kEmphasis);
  EXPECT_EQ(Exceeded(Repeat("a~~", 50000)), MarkdownLimit::kEmphasis);
}

TEST(MarkdownLimits, TableCells) {
  // A header of 50 cells and rows of one: cmark-gfm pads every row to 50.
  const std::string header = Repeat("|a", 50) + "|\n" + Repeat("|-", 50) + "|\n";
  EXPECT_EQ(Exceeded("\n" + header + Repeat("|a\n", kMaxTableCells / 50 - 2)), MarkdownLimit::kNone);
  const MarkdownLimitCheck check = CheckMarkdownLimits("\n" + header + Repeat("|a\n", kMaxTableCells / 50 - 1));
  EXPECT_EQ(check.exceeded, MarkdownLimit::kTableCells);
  EXPECT_EQ(check.line, 2u);  // where the table starts
  EXPECT_EQ(check.English(), "body: tables of more than 20000 cells in all (20050 with the table at line 2)");
  // A blank line ends a table; the paragraph after it has no cells. The
  // cells of every table count together.
  EXPECT_TRUE(CheckMarkdownLimits(header + "|a\n\n" + Repeat("x\n", kMaxTableCells)).ok());
  std::string tables;
  for (size_t i = 0; i < kMaxTableCells / 8; ++i) tables += "|a|b|\n|-|-|\n|x|y|\n|z|w|\n\n";
  EXPECT_TRUE(CheckMarkdownLimits(tables).ok()) << CheckMarkdownLimits(tables).English();
  EXPECT_EQ(Exceeded(tables + "|a|\n|-|\n"), MarkdownLimit::kTableCells);
  // A browser's form sends CRLF line ends.
  EXPECT_EQ(Exceeded("|a|b|\r\n|-|-|\r\n" + Repeat("|x|y|\r\n", kMaxTableCells / 2)), MarkdownLimit::kTableCells);
  // Lines without a pipe are rows too (cmark-gfm reads them so).
  EXPECT_EQ(Exceeded("|a|b|\n|-|-|\n" + Repeat("x\n", kMaxTableCells / 2)), MarkdownLimit::kTableCells);
}

}  // namespace
}  // namespace qalam
