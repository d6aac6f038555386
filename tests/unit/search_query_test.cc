#include "services/search_query.h"

#include <gtest/gtest.h>

#include "services/search.h"
#include "web/query_string.h"

namespace qalam {
namespace {

ParsedQuery Parse(const std::string& q) {
  ParsedQuery p;
  Status st = ParseQuery(q, {}, &p);
  EXPECT_TRUE(st.ok()) << q << ": " << st.message();
  return p;
}

std::string Error(const std::string& q) {
  ParsedQuery p;
  Status st = ParseQuery(q, {}, &p);
  EXPECT_TRUE(st.IsInvalid()) << q;
  return st.message();
}

TEST(ParseQuery, WordsPhrasesAndExclusions) {
  ParsedQuery p = Parse("الكازاخستانية \"الأزمة الأوكرانية\" -روسيا -\"حلف الأطلسي\"");
  ASSERT_EQ(p.words.size(), 1u);
  EXPECT_EQ(p.words[0].exact, "الكازاخستانيه");
  ASSERT_EQ(p.phrases.size(), 1u);
  EXPECT_EQ(p.phrases[0].size(), 2u);
  ASSERT_EQ(p.excluded_words.size(), 1u);
  EXPECT_EQ(p.excluded_words[0].exact, "روسيا");
  ASSERT_EQ(p.excluded_phrases.size(), 1u);
}

TEST(ParseQuery, ArabicQuotationMarksMakeAPhrase) {
  ParsedQuery p = Parse("«معاهدة الأمن الجماعي»");
  EXPECT_TRUE(p.words.empty());
  ASSERT_EQ(p.phrases.size(), 1u);
  EXPECT_EQ(p.phrases[0].size(), 3u);
}

TEST(ParseQuery, StopWordsCountOnlyInPhrasesOrAlone) {
  ParsedQuery p = Parse("في كازاخستان");
  ASSERT_EQ(p.words.size(), 1u);
  EXPECT_EQ(p.words[0].exact, "كازاخستان");
  ParsedQuery alone = Parse("في");
  EXPECT_EQ(alone.words.size(), 1u);  // A query of stop words searches for them.
  ParsedQuery phrase = Parse("\"في كازاخستان\"");
  ASSERT_EQ(phrase.phrases.size(), 1u);
  EXPECT_EQ(phrase.phrases[0].size(), 2u);
}

TEST(ParseQuery, HyphenInsideAWordIsNotAnExclusion) {
  ParsedQuery p = Parse("كوفيد-19");
  EXPECT_TRUE(p.excluded_words.empty());
  EXPECT_EQ(p.words.size(), 2u);
}

TEST(ParseQuery, RejectsWithArabicMessages) {
  EXPECT_EQ(Error(""), "اكتب ما تبحث عنه.");
  EXPECT_EQ(Error("   "), "اكتب ما تبحث عنه.");
  EXPECT_NE(Error("\"غير مغلق").find("علامات التنصيص غير متوازنة"), std::string::npos);
  EXPECT_NE(Error("«غير مغلق").find("علامات التنصيص غير متوازنة"), std::string::npos);
  EXPECT_NE(Error("غير » مفتوح").find("علامات التنصيص غير متوازنة"), std::string::npos);
  EXPECT_NE(Error(std::string(201, 'a')).find("أطول من المسموح"), std::string::npos);
  EXPECT_NE(Error("-روسيا -أوكرانيا").find("لا كلمات مستبعدة فقط"), std::string::npos);
  std::string many;
  for (int i = 0; i < 25; ++i) many += "كلمة" + std::to_string(i) + " ";
  EXPECT_NE(Error(many).find("أكثر من المسموح"), std::string::npos);
  EXPECT_NE(Error(std::string("\xff\xfe")).find("ليست نصًا صالحًا"), std::string::npos);
}

TEST(BuildIndexQuery, AllAnyAndNot) {
  ParsedQuery p = Parse("الحكومة جنيف -روسيا");
  IndexQuery all = BuildIndexQuery(p, true);
  IndexQuery any = BuildIndexQuery(p, false);
  EXPECT_TRUE(all.all);
  EXPECT_FALSE(any.all);
  EXPECT_EQ(all.clauses.size(), 2u);
  EXPECT_EQ(all.excluded.size(), 1u);
  EXPECT_EQ(FeatureCount(all), 3u) << "الحكومة by its stem and its exact form, جنيف as it is";
}

TEST(BuildIndexQuery, WordMatchesStemOrExactForm) {
  ParsedQuery p = Parse("والاحتجاجات");
  ASSERT_EQ(p.words.size(), 1u);
  const QueryTerm& t = p.words[0];
  ASSERT_NE(t.stem, t.exact);
  IndexClause c = WordClause(t);
  ASSERT_EQ(c.features.size(), 2u);
  EXPECT_EQ(c.features[0][0].text, t.stem);
  EXPECT_FALSE(c.features[0][0].exact);
  EXPECT_EQ(c.features[1][0].text, t.exact);
  EXPECT_TRUE(c.features[1][0].exact);
}

TEST(BuildIndexQuery, PhraseAsksForExactFormsAndStopWordsAsThemselves) {
  ParsedQuery p = Parse("\"في الاحتجاجات\"");
  ASSERT_EQ(p.phrases.size(), 1u);
  IndexClause c = PhraseClause(p.phrases[0]);
  ASSERT_EQ(c.features.size(), 1u);
  ASSERT_EQ(c.features[0].size(), 2u);
  EXPECT_FALSE(c.features[0][0].exact) << "a stop word is indexed as itself";
  EXPECT_TRUE(c.features[0][1].exact);
}


TEST(ParseQueryString, DecodesPairs) {
  std::map<std::string, std::string> m;
  ASSERT_TRUE(ParseQueryString("q=%D8%A7+%D8%A8&page=2&empty=&flag", &m));
  EXPECT_EQ(m["q"], "ا ب");
  EXPECT_EQ(m["page"], "2");
  EXPECT_EQ(m["empty"], "");
  EXPECT_TRUE(m.count("flag"));
  EXPECT_FALSE(ParseQueryString("q=%ZZ", &m));
  EXPECT_FALSE(ParseQueryString("q=%FF", &m));  // Not UTF-8.
  EXPECT_FALSE(ParseQueryString("q=a%00b", &m));  // A NUL is no text.
  EXPECT_FALSE(ParseQueryString("a%00=1", &m));
  ASSERT_TRUE(ParseQueryString("a=1&a=2", &m));
  EXPECT_EQ(m["a"], "1");
}

}  // namespace
}  // namespace qalam
