// UTF-8 text helpers (core/text.h).
#include "core/text.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TEST(Trim, StripsAsciiWhitespaceBothEnds) {
  EXPECT_EQ(Trim("  \t\r\n مرحبا بكم \n\f\v "), "مرحبا بكم");
  EXPECT_EQ(Trim("x"), "x");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \t\n "), "");
  EXPECT_EQ(Trim("a  b"), "a  b");
}

TEST(AsciiLower, OnlyTouchesAsciiLetters) {
  EXPECT_EQ(AsciiLower("LEVANT Egypt"), "levant egypt");
  EXPECT_EQ(AsciiLower("قلم ABC"), "قلم abc");
}

TEST(ToNfc, ComposesDecomposedInput) {
  // "é" as e + U+0301 becomes U+00E9.
  EXPECT_EQ(ToNfc("e\u0301"), "\u00e9");
  // Arabic: alef + hamza above (U+0654) becomes U+0623, alef + madda (U+0653) U+0622.
  EXPECT_EQ(ToNfc("\u0627\u0654\u0632\u0645\u0629"), "\u0623\u0632\u0645\u0629");
  EXPECT_EQ(ToNfc("\u0627\u0653"), "\u0622");
}

TEST(ToNfc, LeavesNormalizedTextAlone) {
  EXPECT_EQ(ToNfc("تداعيات أزمة كازاخستان"), "تداعيات أزمة كازاخستان");
  EXPECT_EQ(ToNfc(""), "");
  EXPECT_EQ(ToNfc("plain ascii"), "plain ascii");
}

TEST(IsValidUtf8, AcceptsWellFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("abc"));
  EXPECT_TRUE(IsValidUtf8("قلم"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x93\xB0"));  // U+1F4F0 newspaper.
}

TEST(IsValidUtf8, RejectsMalformed) {
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xD9"));              // Truncated two-byte sequence.
  EXPECT_FALSE(IsValidUtf8("a\x80z"));            // Lone continuation byte.
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong "/".
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // Above U+10FFFF.
}

TEST(CountCodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("قلم"), 3u);
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x93\xB0x"), 2u);
}

TEST(Excerpt, ShortTextIsUnchanged) {
  EXPECT_EQ(Excerpt("قلم", 3), "قلم");
  EXPECT_EQ(Excerpt("abc def", 100), "abc def");
}

TEST(Excerpt, CutsAtAWordAndAddsEllipsis) {
  EXPECT_EQ(Excerpt("abc def ghi", 5), "abc…");
  EXPECT_EQ(Excerpt("كلمة أخرى ثالثة", 11), "كلمة أخرى…");
}

TEST(Excerpt, CutsInsideALongWordWithoutBreakingCharacters) {
  std::string s = Excerpt("أوكرانيا", 4);
  EXPECT_EQ(s, "أوكر…");
  EXPECT_TRUE(IsValidUtf8(s));
  EXPECT_EQ(CountCodePoints(s), 5u);
}

TEST(HtmlEscape, EscapesTheFiveCharacters) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("قلم"), "قلم");
  EXPECT_EQ(HtmlEscape(""), "");
}

TEST(PercentDecode, DecodesValidInput) {
  std::string out;
  ASSERT_TRUE(PercentDecode("%D9%82%D9%84%D9%85", &out));
  EXPECT_EQ(out, "قلم");
  ASSERT_TRUE(PercentDecode("a-b_c.d~e", &out));
  EXPECT_EQ(out, "a-b_c.d~e");
  ASSERT_TRUE(PercentDecode("%d9%82", &out));  // Lower-case hex.
  EXPECT_EQ(out, "ق");
  ASSERT_TRUE(PercentDecode("x%41", &out));  // Escape at the very end.
  EXPECT_EQ(out, "xA");
  ASSERT_TRUE(PercentDecode("", &out));
  EXPECT_EQ(out, "");
}

TEST(PercentDecode, RejectsMalformedEscapes) {
  std::string out;
  EXPECT_FALSE(PercentDecode("%zz", &out));
  EXPECT_FALSE(PercentDecode("a%4", &out));  // Truncated.
  EXPECT_FALSE(PercentDecode("a%", &out));
  EXPECT_FALSE(PercentDecode("%4g", &out));
}

TEST(PercentDecode, RejectsInvalidUtf8Result) {
  std::string out;
  EXPECT_FALSE(PercentDecode("%FF", &out));
  EXPECT_FALSE(PercentDecode("%D9", &out));  // Half a character.
  EXPECT_FALSE(PercentDecode("%C0%AF", &out));
}

TEST(PercentEncode, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(PercentEncode("a-Z_0.~"), "a-Z_0.~");
  EXPECT_EQ(PercentEncode("قلم"), "%D9%82%D9%84%D9%85");
  EXPECT_EQ(PercentEncode("a b/c?"), "a%20b%2Fc%3F");
}

TEST(PercentEncode, RoundTripsThroughDecode) {
  for (const char* s : {"تداعيات-أزمة-كازاخستان", "covid-19", "a b&c=d", "«x»", ""}) {
    std::string out;
    ASSERT_TRUE(PercentDecode(PercentEncode(s), &out)) << s;
    EXPECT_EQ(out, s);
  }
}

}  // namespace
}  // namespace qalam
