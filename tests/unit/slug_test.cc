// URL slugs that keep Arabic (arabic/slug.h).
#include "arabic/slug.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace qalam {
namespace {

TEST(MakeSlug, ArabicTitleBecomesHyphenated) {
  EXPECT_EQ(MakeSlug("تداعيات أزمة كازاخستان على أوكرانيا"),
            "تداعيات-أزمة-كازاخستان-على-أوكرانيا");
}

TEST(MakeSlug, TashkeelAndTatweelAreDropped) {
  EXPECT_EQ(MakeSlug("مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(MakeSlug("كـــازاخستان"), "كازاخستان");
  EXPECT_EQ(MakeSlug("الْعَرَبِيَّةُ لُغَةٌ"), "العربية-لغة");
}

TEST(MakeSlug, DecomposedHamzaIsComposedNotDropped) {
  // ا + U+0654 (hamza above) is NFC أ; stripping the mark would give "ازمة".
  EXPECT_EQ(MakeSlug("\u0627\u0654زمة"), "أزمة");
}

TEST(MakeSlug, LatinIsLowerCased) {
  EXPECT_EQ(MakeSlug("COVID-19 Vaccine"), "covid-19-vaccine");
  EXPECT_EQ(MakeSlug("قمة G20 في الرياض"), "قمة-g20-في-الرياض");
}

TEST(MakeSlug, PunctuationAndSpacesCollapseToOneHyphen) {
  EXPECT_EQ(MakeSlug("  سؤال؟!  جواب ... نهاية،   "), "سؤال-جواب-نهاية");
  EXPECT_EQ(MakeSlug("a -- b!!c"), "a-b-c");
  EXPECT_EQ(MakeSlug("--بداية"), "بداية");
}

TEST(MakeSlug, GuillemetsAreDropped) {
  EXPECT_EQ(MakeSlug("«الحماية» الروسية"), "الحماية-الروسية");
  EXPECT_EQ(MakeSlug("كازاخستان وفاعلية «الحماية» الروسية"),
            "كازاخستان-وفاعلية-الحماية-الروسية");
}

TEST(MakeSlug, DigitsAreKept) {
  EXPECT_EQ(MakeSlug("انتخابات 2022"), "انتخابات-2022");
  EXPECT_EQ(MakeSlug("انتخابات ٢٠٢٢"), "انتخابات-٢٠٢٢");
}

TEST(MakeSlug, EmptyWhenNoLetterOrDigit) {
  EXPECT_EQ(MakeSlug(""), "");
  EXPECT_EQ(MakeSlug("؟!..، «» -- ***"), "");
  EXPECT_EQ(MakeSlug("ـــ"), "");  // Tatweel only.
}

TEST(MakeSlug, MaxLengthIsRespected) {
  std::string s = MakeSlug("تداعيات أزمة كازاخستان على أوكرانيا", 20);
  EXPECT_LE(CountCodePoints(s), 20u) << s;
  EXPECT_FALSE(s.empty());
  EXPECT_NE(s.back(), '-') << s;
  std::string long_word(200, 'a');
  EXPECT_EQ(MakeSlug(long_word, 80), std::string(80, 'a'));  // One word: nowhere else to cut.
  EXPECT_LE(CountCodePoints(MakeSlug("كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة "
                                     "كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة كلمة")),
            80u);
}

// slug.h: "At most max_chars code points, cut at a hyphen where possible."
// A title too long is cut between words, never inside one.
TEST(MakeSlug, MaxLengthCutsAtAHyphen) {
  EXPECT_EQ(MakeSlug("تداعيات أزمة كازاخستان على أوكرانيا", 20), "تداعيات-أزمة");
  EXPECT_EQ(MakeSlug("abc defgh", 6), "abc");
  EXPECT_EQ(MakeSlug("abc def", 7), "abc-def");  // Fits exactly: nothing cut.
  EXPECT_EQ(MakeSlug("abc def ghi", 7), "abc-def");  // Cut falls on the hyphen.
}

}  // namespace
}  // namespace qalam
