// How the SQLite backend asks FTS5 for an IndexQuery (store/sqlite_search_query.h).
#include "store/sqlite_search_query.h"

#include <gtest/gtest.h>

namespace qalam::sqlite {
namespace {

IndexClause Word(const std::string& stem, const std::string& exact = "") {
  IndexClause c;
  c.features.push_back({IndexToken{stem}});
  if (!exact.empty()) c.features.push_back({IndexToken{exact, true}});
  return c;
}

TEST(Fts5Expression, WordMatchesStemOrExactForm) {
  IndexQuery q;
  q.clauses.push_back(Word("احتجاج", "والاحتجاجات"));
  EXPECT_EQ(Fts5Expression(q), "(\"احتجاج\" OR \"=والاحتجاجات\")");
}

TEST(Fts5Expression, AllAnyAndNot) {
  IndexQuery q;
  q.clauses = {Word("حكومه", "الحكومه"), Word("جنيف")};
  q.excluded = {Word("روسيا")};
  EXPECT_EQ(Fts5Expression(q), "((\"حكومه\" OR \"=الحكومه\") AND \"جنيف\") NOT (\"روسيا\")");
  q.all = false;
  EXPECT_EQ(Fts5Expression(q), "((\"حكومه\" OR \"=الحكومه\") OR \"جنيف\") NOT (\"روسيا\")");
}

TEST(Fts5Expression, PhrasesPrefixesAndTitles) {
  IndexQuery q;
  q.clauses.push_back(IndexClause{{{IndexToken{"في"}, IndexToken{"الاحتجاجات", true}}}});
  q.clauses.push_back(IndexClause{{{IndexToken{"قم", false, true}}}});
  q.title_only = true;
  EXPECT_EQ(Fts5Expression(q), "title : (\"في =الاحتجاجات\" AND \"قم\"*)");
}

TEST(Fts5Expression, QuotesInsideTokensAreDoubled) {
  IndexQuery q;
  q.clauses.push_back(Word("a\"b"));
  EXPECT_EQ(Fts5Expression(q), "\"a\"\"b\"");
}

}  // namespace
}  // namespace qalam::sqlite
