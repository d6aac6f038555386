#include "core/http_date.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TEST(HttpDate, FormatsImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(HttpDate, ParsesWhatItFormats) {
  for (int64_t t : {int64_t{0}, int64_t{784111777}, int64_t{1796613240}, int64_t{4102444799}}) {
    int64_t back = -1;
    ASSERT_TRUE(ParseHttpDate(FormatHttpDate(t), &back)) << t;
    EXPECT_EQ(back, t);
  }
}

TEST(HttpDate, RefusesOtherForms) {
  int64_t t = 0;
  EXPECT_FALSE(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", &t));
  EXPECT_FALSE(ParseHttpDate("Sun Nov  6 08:49:37 1994", &t));
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT", &t));
  EXPECT_FALSE(ParseHttpDate("Sun, 36 Nov 1994 08:49:37 GMT", &t));
  EXPECT_FALSE(ParseHttpDate("", &t));
}

TEST(HttpDate, W3cInUtc) { EXPECT_EQ(FormatW3cDateUtc(784111777), "1994-11-06T08:49:37Z"); }

}  // namespace
}  // namespace qalam
