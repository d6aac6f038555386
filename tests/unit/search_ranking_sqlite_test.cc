// Ranking and snippets left the store for services/search (issue 11) without
// moving: on real news articles (the first of the ANT corpus), for queries
// made of their own words, BM25 from the index's counts (services/
// search_ranking) equals SQLite FTS5's bm25() with the same weights, and
// MakeSnippet (services/search_snippet) equals FTS5's snippet(), article by
// article. SQLite-only: it asks FTS5 itself for the figures it compares.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "arabic/analyzer.h"
#include "core/text.h"
#include "services/importer.h"
#include "services/search_query.h"
#include "services/search_ranking.h"
#include "services/search_snippet.h"
#include "store/open_store.h"
#include "store/sqlite_db.h"
#include "store/sqlite_search_query.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

constexpr size_t kArticles = 400;

// FTS5's snippet with char(1)/char(2) around matches, as the HTML that
// MakeSnippet writes.
std::string MarkedHtml(const std::string& raw) {
  std::string html;
  for (char c : HtmlEscape(raw)) {
    if (c == '\x01') {
      html += "<mark>";
    } else if (c == '\x02') {
      html += "</mark>";
    } else {
      html += c;
    }
  }
  return html;
}

class SearchRankingSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "qalam-ranking-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    ASSERT_TRUE(OpenStore(dir_ + "/site", StoreOptions{.create = true}, &store_).ok());
    const char* shared = std::getenv("QALAM_SHARED");
    const fs::path corpus = fs::path(shared ? shared : QALAM_SHARED_DEFAULT) / "data/ant-corpus/ant-qalam.jsonl";
    std::ifstream in(corpus);
    ASSERT_TRUE(in) << corpus << " not found: shared/ must sit beside the repo";
    std::stringstream lines;
    std::string line;
    for (size_t n = 0; n < kArticles && std::getline(in, line); ++n) {
      lines << line << '\n';
      if (n % 20 == 0) titles_.push_back(line);
    }
    ImportSummary summary;
    ASSERT_TRUE(ImportArticles(*store_, lines, &summary).ok());
    ASSERT_GT(summary.created, kArticles / 2);
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Queries from the corpus's own titles: two, three and one of their words,
  // a phrase, and an exclusion.
  std::vector<std::string> Queries() {
    std::vector<std::string> out;
    for (const std::string& jsonl : titles_) {
      const size_t at = jsonl.find("\"title\": \"");
      if (at == std::string::npos) continue;
      std::string title = jsonl.substr(at + 10, jsonl.find('"', at + 10) - at - 10);
      std::vector<std::string> words;
      std::istringstream split(title);
      for (std::string w; split >> w;) {
        if (w.size() > 4) words.push_back(w);
      }
      if (words.size() < 3) continue;
      out.push_back(words[0]);
      out.push_back(words[0] + " " + words[1]);
      out.push_back(words[0] + " " + words[1] + " " + words[2]);
      out.push_back("\"" + words[1] + " " + words[2] + "\"");
      out.push_back(words[1] + " -" + words[2]);
    }
    return out;
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> titles_;
};

TEST_F(SearchRankingSqliteTest, Bm25AndSnippetsAreFts5s) {
  sqlite::Connection fts(dir_ + "/site/qalam.db", false);
  const arabic::AnalyzerOptions options;
  size_t compared = 0, snippets = 0;
  for (const std::string& text : Queries()) {
    ParsedQuery parsed;
    ASSERT_TRUE(ParseQuery(text, options, &parsed).ok()) << text;
    for (bool all : {true, false}) {
      const IndexQuery query = BuildIndexQuery(parsed, all);
      std::vector<IndexMatch> matches;
      IndexStats stats;
      ASSERT_TRUE(store_->MatchIndex(query, &matches, &stats).ok()) << text;
      std::map<Id, double> ours;
      const Bm25 bm25(stats);
      for (const IndexMatch& m : matches) ours[m.id] = bm25.Score(m);

      sqlite::Stmt q(fts,
                     "SELECT rowid, -bm25(article_search, 10.0, 4.0, 1.0), "
                     "snippet(article_search, -1, char(1), char(2), '…', 24) "
                     "FROM article_search WHERE article_search MATCH ?1");
      q.Bind(1, sqlite::Fts5Expression(query));
      size_t theirs = 0;
      std::vector<Id> ids;
      std::map<Id, std::string> fts_snippets;
      while (q.Step()) {
        ++theirs;
        const Id id = q.Int(0);
        ASSERT_TRUE(ours.count(id)) << text << ": article " << id;
        EXPECT_DOUBLE_EQ(ours[id], q.Double(1)) << text << ": article " << id;
        ids.push_back(id);
        fts_snippets[id] = MarkedHtml(q.Text(2));
        ++compared;
      }
      EXPECT_EQ(theirs, matches.size()) << text;
      std::vector<IndexedArticle> articles;
      ASSERT_TRUE(store_->GetIndexedArticles(ids, &articles).ok());
      for (const IndexedArticle& a : articles) {
        EXPECT_EQ(MakeSnippet(a, query, options), fts_snippets[a.id]) << text << ": article " << a.id;
        ++snippets;
      }
    }
  }
  EXPECT_GT(compared, 200u) << "the queries must match something to compare";
  EXPECT_GT(snippets, 200u);
}

}  // namespace
}  // namespace qalam
