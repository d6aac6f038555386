// SqliteStore's search: the FTS5 index and each article's term list
// (IndexArticle, RebuildSearchIndex: their text and terms come made from
// above), queries with filters and the recency boost, the vocabulary for
// suggestions, and the stored related-article lists.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

namespace {

// Search statements share their binding: ?1 match, ?2..?5 section, tag,
// writer and source slugs, ?6 from, ?7 recency weight, ?8 now, ?9 limit,
// ?10 offset, ?11 to.
#define QALAM_SEARCH_FROM                                                              \
  " FROM article_search s CROSS JOIN articles a ON a.id = s.rowid "                        \
  "LEFT JOIN sections c ON c.id = a.section_id "                                     \
  "WHERE article_search MATCH ?1 AND a.status = 'published' "                        \
  "AND (?2 = '' OR c.slug = ?2) "                                                    \
  "AND (?3 = '' OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id " \
  "WHERE at.article_id = a.id AND t.slug = ?3)) "                                    \
  "AND (?4 = '' OR EXISTS (SELECT 1 FROM people p WHERE p.id = a.writer_id AND p.slug = ?4)) " \
  "AND (?5 = '' OR EXISTS (SELECT 1 FROM sources o WHERE o.id = a.source_id AND o.slug = ?5)) " \
  "AND (?6 = 0 OR a.published_at >= ?6) AND (?11 = 0 OR a.published_at < ?11) "
#define QALAM_SEARCH_COLUMNS                                                           \
  "SELECT a.id, coalesce(a.external_id, ''), a.title, a.slug, "                      \
  "snippet(article_search, -1, char(1), char(2), '…', 24), "                         \
  "(-bm25(article_search, 10.0, 4.0, 1.0)) * "                                        \
  "(1.0 + ?7 / (1.0 + max(0, ?8 - a.published_at) / 15552000.0)) AS score, "        \
  "a.published_at, coalesce(c.name, '')"
constexpr const char* kSearchCount = "SELECT count(*) + 0 * ?7 * ?8" QALAM_SEARCH_FROM;
constexpr const char* kSearchByRelevance =
    QALAM_SEARCH_COLUMNS QALAM_SEARCH_FROM "ORDER BY score DESC, a.published_at DESC LIMIT ?9 OFFSET ?10";
constexpr const char* kSearchByDate =
    QALAM_SEARCH_COLUMNS QALAM_SEARCH_FROM "ORDER BY a.published_at DESC, a.id DESC LIMIT ?9 OFFSET ?10";
#undef QALAM_SEARCH_FROM
#undef QALAM_SEARCH_COLUMNS

// The least K that SearchTopK re-ranks.
constexpr int64_t kMaxRerank = 400;

}  // namespace

bool SqliteStore::NoFilters(const SearchRequest& r) {
  return r.section.empty() && r.tag.empty() && r.writer.empty() && r.source.empty() &&
         r.from == 0 && r.to == 0;
}

Status SqliteStore::Search(const SearchRequest& r, std::vector<SearchHit>* hits, int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    hits->clear();
    const bool plain = NoFilters(r);
    if (r.count) {
      if (plain) {
        // The index holds published articles only (IndexArticle).
        Stmt c(*conn, "SELECT count(*) FROM article_search WHERE article_search MATCH ?1");
        c.Bind(1, r.match);
        *total = c.Step() ? c.Int(0) : 0;
      } else {
        Stmt c(*conn, kSearchCount);
        BindSearch(c, r);
        *total = c.Step() ? c.Int(0) : 0;
      }
    }
    if (plain && !r.by_date) return SearchTopK(*conn, r, hits, total);
    Stmt q(*conn, r.by_date ? kSearchByDate : kSearchByRelevance);
    BindSearch(q, r);
    q.Bind(9, r.limit).Bind(10, r.offset);
    while (q.Step()) {
      SearchHit h;
      h.id = q.Int(0);
      h.external_id = q.Text(1);
      h.title = q.Text(2);
      h.slug = q.Text(3);
      h.snippet = q.Text(4);
      h.score = q.Double(5);
      h.published_at = q.Int(6);
      h.section_name = q.Text(7);
      hits->push_back(std::move(h));
    }
    if (!r.count) *total = r.offset + static_cast<int64_t>(hits->size());
    return Status::Ok();
  });
}

// Relevance order without filters, in two steps: the best K by BM25 from
// the index alone (K = max(kMaxRerank, 4 × the results asked for)),
// re-ranked with the mild recency boost (at most ×(1+w)); then columns and
// snippets are read for the page's articles only. An article outside the
// best K by BM25 is never lifted in by recency: for a word in thousands of
// articles that changes little (bench/RESULTS.md: the same top 10 for 996 of
// 1,000 queries) and saves ranking every match.
Status SqliteStore::SearchTopK(Connection& conn, const SearchRequest& r, std::vector<SearchHit>* hits,
                               int64_t* total) {
  const int64_t need = r.offset + r.limit;
  struct Candidate {
    Id id;
    double bm25;
    double score;
    int64_t published_at;
  };
  std::vector<Candidate> candidates;
  {
    // The index alone: joining articles here for the date would cost a
    // lookup per match (17,000 for a common word); dates are read for the K.
    Stmt top(conn,
             "SELECT rowid, -bm25(article_search, 10.0, 4.0, 1.0) AS b FROM article_search "
             "WHERE article_search MATCH ?1 ORDER BY b DESC LIMIT ?2");
    top.Bind(1, r.match).Bind(2, std::max(kMaxRerank, 4 * need));
    while (top.Step()) candidates.push_back({top.Int(0), top.Double(1), 0, 0});
  }
  for (Candidate& c : candidates) {
    Stmt date(conn, "SELECT published_at FROM articles WHERE id = ?1");
    if (date.Bind(1, c.id).Step()) c.published_at = date.Int(0);
  }
  for (Candidate& c : candidates) {
    double age = std::max<int64_t>(0, r.now - c.published_at) / 15552000.0;
    c.score = c.bm25 * (1.0 + r.recency_weight / (1.0 + age));
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.published_at > b.published_at;
  });
  for (int64_t i = r.offset; i < need && i < static_cast<int64_t>(candidates.size()); ++i) {
    Stmt q(conn,
           "SELECT a.id, coalesce(a.external_id, ''), a.title, a.slug, "
           "snippet(article_search, -1, char(1), char(2), '…', 24), a.published_at, "
           "coalesce(c.name, '') FROM article_search s CROSS JOIN articles a ON a.id = s.rowid "
           "LEFT JOIN sections c ON c.id = a.section_id "
           "WHERE article_search MATCH ?1 AND s.rowid = ?2");
    q.Bind(1, r.match).Bind(2, candidates[i].id);
    if (!q.Step()) continue;
    SearchHit h;
    h.id = q.Int(0);
    h.external_id = q.Text(1);
    h.title = q.Text(2);
    h.slug = q.Text(3);
    h.snippet = q.Text(4);
    h.score = candidates[i].score;
    h.published_at = q.Int(5);
    h.section_name = q.Text(6);
    hits->push_back(std::move(h));
  }
  if (!r.count) *total = r.offset + static_cast<int64_t>(hits->size());
  return Status::Ok();
}

void SqliteStore::BindSearch(Stmt& q, const SearchRequest& r) {
  q.Bind(1, r.match).Bind(2, r.section).Bind(3, r.tag).Bind(4, r.writer).Bind(5, r.source)
      .Bind(6, r.from).Bind(7, r.recency_weight).Bind(8, r.now).Bind(11, r.to);
}

Status SqliteStore::LoadVocabulary(std::vector<std::pair<std::string, int64_t>>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    std::unordered_map<std::string, int64_t> words;
    Stmt q(*conn, "SELECT term, doc FROM article_search_vocab");
    while (q.Step()) {
      std::string term = q.Text(0);
      if (!term.empty() && term[0] == '=') term.erase(0, 1);
      int64_t& docs = words[term];
      docs = std::max(docs, q.Int(1));
    }
    out->assign(words.begin(), words.end());
    return Status::Ok();
  });
}

Status SqliteStore::LoadArticleTerms(std::map<Id, std::vector<std::pair<std::string, int>>>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT t.article_id, t.term, t.weight FROM article_terms t "
           "JOIN articles a ON a.id = t.article_id AND a.status = 'published' "
           "ORDER BY t.article_id, t.weight DESC");
    while (q.Step()) (*out)[q.Int(0)].emplace_back(q.Text(1), static_cast<int>(q.Int(2)));
    return Status::Ok();
  });
}

void SqliteStore::IndexArticle(Connection& conn, const Article& a) {
  Stmt(conn, "DELETE FROM article_search WHERE rowid = ?1").Bind(1, a.id).Run();
  Stmt(conn, "DELETE FROM article_terms WHERE article_id = ?1").Bind(1, a.id).Run();
  // Drafts keep theirs too: publishing a scheduled one computes nothing.
  for (const auto& [term, weight] : a.terms) {
    Stmt(conn, "INSERT INTO article_terms(article_id, term, weight) VALUES(?1, ?2, ?3)")
        .Bind(1, a.id).Bind(2, term).Bind(3, weight).Run();
  }
  if (a.status != ArticleStatus::kPublished) return;
  std::string highlights;
  for (const std::string& h : a.highlights) highlights += (highlights.empty() ? "" : "\n") + h;
  Stmt(conn, "INSERT INTO article_search(rowid, title, highlights, body) VALUES(?1, ?2, ?3, ?4)")
      .Bind(1, a.id).Bind(2, a.title).Bind(3, highlights).Bind(4, a.search_text).Run();
}

void SqliteStore::ReadIndexedText(Connection& conn, Article* a) {
  {
    Stmt q(conn, "SELECT coalesce(search_text, '') FROM articles WHERE id = ?1");
    q.Bind(1, a->id);
    a->search_text = q.Step() ? q.Text(0) : "";
  }
  a->terms.clear();
  Stmt t(conn, "SELECT term, weight FROM article_terms WHERE article_id = ?1 ORDER BY weight DESC, term");
  t.Bind(1, a->id);
  while (t.Step()) a->terms.emplace_back(t.Text(0), static_cast<int>(t.Int(1)));
}

Status SqliteStore::LoadIndexSources(std::vector<IndexSource>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    std::unordered_map<Id, size_t> index;
    {
      Stmt q(*conn, "SELECT id, content_hash, title, body_md FROM articles ORDER BY id");
      while (q.Step()) {
        IndexSource s;
        s.id = q.Int(0);
        s.stamp = q.Text(1);
        s.title = q.Text(2);
        s.body_markdown = q.Text(3);
        index[s.id] = out->size();
        out->push_back(std::move(s));
      }
    }
    Stmt h(*conn, "SELECT article_id, text FROM article_highlights ORDER BY article_id, position");
    while (h.Step()) {
      auto it = index.find(h.Int(0));
      if (it != index.end()) (*out)[it->second].highlights.push_back(h.Text(1));
    }
    return Status::Ok();
  });
}

Status SqliteStore::RebuildSearchIndex(const arabic::AnalyzerOptions& analyzer, const std::vector<IndexText>& texts,
                                       size_t* count) {
  *count = 0;
  // The index's words are analyzed by the qalam tokenizer (sqlite_fts.cc),
  // which takes how ة is read as its one argument.
  if (analyzer.stemmer != arabic::AnalyzerOptions::Stemmer::kLight) {
    return Status::Invalid("the search index analyzes words with the light stemmer only");
  }
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    conn->Exec("DROP TABLE IF EXISTS article_search_vocab");
    conn->Exec("DROP TABLE IF EXISTS article_search");
    conn->Exec(analyzer.fold_teh_marbuta
                   ? "CREATE VIRTUAL TABLE article_search USING fts5(title, highlights, body, "
                     "tokenize = 'qalam', prefix = '2 3')"
                   : "CREATE VIRTUAL TABLE article_search USING fts5(title, highlights, body, "
                     "tokenize = 'qalam teh 0', prefix = '2 3')");
    conn->Exec("CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row')");
    std::unordered_map<Id, const IndexText*> given;
    for (const IndexText& t : texts) given[t.id] = &t;
    struct Row {
      Article article;
      std::string stamp;
    };
    std::vector<Row> rows;
    {
      Stmt q(*conn, "SELECT id, content_hash, status, title FROM articles ORDER BY id");
      while (q.Step()) {
        Row r;
        r.article.id = q.Int(0);
        r.stamp = q.Text(1);
        ParseArticleStatus(q.Text(2), &r.article.status);
        r.article.title = q.Text(3);
        rows.push_back(std::move(r));
      }
    }
    for (Row& r : rows) {
      Article& a = r.article;
      auto it = given.find(a.id);
      if (it != given.end() && it->second->stamp == r.stamp) {
        a.search_text = it->second->search_text;
        a.terms = it->second->terms;
        Stmt(*conn, "UPDATE articles SET search_text = ?2 WHERE id = ?1").Bind(1, a.id).Bind(2, a.search_text).Run();
      } else {
        // Saved since its text was read: its save stored the text to keep.
        ReadIndexedText(*conn, &a);
      }
      Stmt h(*conn, "SELECT text FROM article_highlights WHERE article_id = ?1 ORDER BY position");
      h.Bind(1, a.id);
      while (h.Step()) a.highlights.push_back(h.Text(0));
      IndexArticle(*conn, a);
      if (a.status == ArticleStatus::kPublished) ++*count;
    }
    InsertChanges(*conn, keys::ForSearchIndexRebuild());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::MissingSearchText(bool* missing) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT 1 FROM articles WHERE search_text IS NULL LIMIT 1");
    *missing = q.Step();
    return Status::Ok();
  });
}

Status SqliteStore::LoadRelatednessFeatures(std::vector<RelatednessFeatures>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    std::map<Id, size_t> index;
    {
      Stmt q(*conn,
             "SELECT id, published_at, coalesce(section_id, 0), coalesce(writer_id, 0) "
             "FROM articles WHERE status = 'published' ORDER BY id");
      while (q.Step()) {
        index[q.Int(0)] = out->size();
        out->push_back(RelatednessFeatures{q.Int(0), q.Int(1), q.Int(2), q.Int(3), {}});
      }
    }
    Stmt t(*conn, "SELECT article_id, tag_id FROM article_tags");
    while (t.Step()) {
      auto it = index.find(t.Int(0));
      if (it != index.end()) (*out)[it->second].tag_ids.push_back(t.Int(1));
    }
    return Status::Ok();
  });
}

Status SqliteStore::LoadAutoRelated(std::map<Id, std::vector<Id>>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT article_id, target_id FROM related_auto ORDER BY article_id, position");
    while (q.Step()) (*out)[q.Int(0)].push_back(q.Int(1));
    return Status::Ok();
  });
}

Status SqliteStore::ReplaceAutoRelated(const std::map<Id, std::vector<Id>>& lists,
                                       const std::set<std::string>& changes) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    for (const auto& [id, targets] : lists) {
      Stmt(*conn, "DELETE FROM related_auto WHERE article_id = ?1").Bind(1, id).Run();
      for (size_t i = 0; i < targets.size(); ++i) {
        Stmt(*conn, "INSERT INTO related_auto(article_id, position, target_id) VALUES(?1, ?2, ?3)")
            .Bind(1, id)
            .Bind(2, static_cast<int64_t>(i))
            .Bind(3, targets[i])
            .Run();
      }
    }
    InsertChanges(*conn, changes);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::GetAutoRelated(Id article_id, std::vector<ArticleSummary>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, kSummarySelect_Related);
    q.Bind(1, article_id);
    while (q.Step()) out->push_back(ReadSummary(q));
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
