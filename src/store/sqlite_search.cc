// SqliteStore's search: the FTS5 index and each article's term list
// (IndexArticle, RebuildSearchIndex: their text and terms come made from
// above), matching with filters and the counts that services/search ranks
// by, the vocabulary for suggestions, and the stored related-article lists.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "core/change_keys.h"
#include "store/sqlite_match_counts.h"
#include "store/sqlite_search_query.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

namespace {

// Match statements share their binding: ?1 the FTS5 expression, ?2 the
// phrases to count, ?3..?6 section, tag, writer and source slugs, ?7 from,
// ?8 to.
#define QALAM_MATCH_FILTERED                                                                      \
  " FROM article_search s CROSS JOIN articles a ON a.id = s.rowid "                               \
  "LEFT JOIN sections c ON c.id = a.section_id "                                                  \
  "WHERE article_search MATCH ?1 AND a.status = 'published' AND a.kind = 'article' AND ?2 = ?2 "                         \
  "AND (?3 = '' OR c.slug = ?3) "                                                                 \
  "AND (?4 = '' OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id "        \
  "WHERE at.article_id = a.id AND t.slug = ?4)) "                                                 \
  "AND (?5 = '' OR EXISTS (SELECT 1 FROM people p WHERE p.slug = ?5 AND (p.id = a.writer_id OR "    \
  "EXISTS (SELECT 1 FROM article_people ap WHERE ap.article_id = a.id AND ap.person_id = p.id)))) " \
  "AND (?6 = '' OR EXISTS (SELECT 1 FROM sources o WHERE o.id = a.source_id AND o.slug = ?6)) "   \
  "AND (?7 = 0 OR a.published_at >= ?7) AND (?8 = 0 OR a.published_at < ?8)"
// The index holds published articles only (IndexArticle): without filters
// or dates it answers alone, with no lookup per match.
constexpr const char* kMatchIds = "SELECT rowid FROM article_search WHERE article_search MATCH ?1 AND ?2 = ?2";
constexpr const char* kMatchCounts =
    "SELECT rowid, qalam_counts(article_search, ?2) FROM article_search WHERE article_search MATCH ?1";
constexpr const char* kMatchFilteredIds = "SELECT s.rowid, a.published_at" QALAM_MATCH_FILTERED;
constexpr const char* kMatchFilteredCounts =
    "SELECT s.rowid, a.published_at, qalam_counts(article_search, ?2)" QALAM_MATCH_FILTERED;
#undef QALAM_MATCH_FILTERED

bool Unfiltered(const IndexQuery& q) {
  return q.section.empty() && q.tag.empty() && q.writer.empty() && q.source.empty() && q.from == 0 &&
         q.to == 0 && !q.with_dates;
}

}  // namespace

Status SqliteStore::MatchIndex(const IndexQuery& query, std::vector<IndexMatch>* matches, IndexStats* stats) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    matches->clear();
    if (stats) *stats = IndexStats();
    const std::string expression = sqlite::Fts5Expression(query);
    const size_t features = FeatureCount(query);
    const bool unfiltered = Unfiltered(query);
    Stmt q(*conn, unfiltered ? (stats ? kMatchCounts : kMatchIds)
                             : (stats ? kMatchFilteredCounts : kMatchFilteredIds));
    q.Bind(1, expression).Bind(2, static_cast<int64_t>(features));
    if (!unfiltered) {
      q.Bind(3, query.section).Bind(4, query.tag).Bind(5, query.writer).Bind(6, query.source)
          .Bind(7, query.from).Bind(8, query.to);
    }
    const int counts_column = unfiltered ? 1 : 2;
    while (q.Step()) {
      IndexMatch m;
      m.id = q.Int(0);
      if (!unfiltered) m.published_at = q.Int(1);
      if (stats && !sqlite::ParseMatchCounts(q.Blob(counts_column), features, stats, &m)) {
        return Status::Io("the search index gave counts of an unexpected shape");
      }
      matches->push_back(std::move(m));
      if (query.max_matches > 0 && static_cast<int64_t>(matches->size()) >= query.max_matches) break;
    }
    return Status::Ok();
  });
}

Status SqliteStore::GetPublishedTimes(const std::vector<Id>& ids, std::vector<int64_t>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->assign(ids.size(), 0);
    for (size_t i = 0; i < ids.size(); ++i) {
      Stmt q(*conn, "SELECT published_at FROM articles WHERE id = ?1");
      if (q.Bind(1, ids[i]).Step()) (*out)[i] = q.Int(0);
    }
    return Status::Ok();
  });
}

Status SqliteStore::GetIndexedArticles(const std::vector<Id>& ids, std::vector<IndexedArticle>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    for (Id id : ids) {
      Stmt q(*conn,
             "SELECT a.id, coalesce(a.external_id, ''), a.title, a.slug, a.published_at, coalesce(c.name, ''), "
             "s.title, s.highlights, s.body FROM article_search s CROSS JOIN articles a ON a.id = s.rowid "
             "LEFT JOIN sections c ON c.id = a.section_id WHERE s.rowid = ?1");
      if (!q.Bind(1, id).Step()) continue;
      IndexedArticle a;
      a.id = q.Int(0);
      a.external_id = q.Text(1);
      a.title = q.Text(2);
      a.slug = q.Text(3);
      a.published_at = q.Int(4);
      a.section_name = q.Text(5);
      for (int f = 0; f < kIndexFields; ++f) a.text[f] = q.Text(6 + f);
      out->push_back(std::move(a));
    }
    return Status::Ok();
  });
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

Status SqliteStore::LoadArticleTerms(ArticleTermLists* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    *out = ArticleTermLists{};
    std::unordered_map<std::string, uint32_t> numbers;
    Stmt q(*conn,
           "SELECT t.article_id, t.term, t.weight FROM article_terms t "
           "JOIN articles a ON a.id = t.article_id AND a.status = 'published' AND a.kind = 'article' "
           "ORDER BY t.article_id, t.weight DESC");
    while (q.Step()) {
      const Id id = q.Int(0);
      if (out->lists.empty() || out->lists.back().first != id) out->lists.emplace_back(id, std::vector<std::pair<uint32_t, int>>{});
      auto [it, inserted] = numbers.emplace(q.Text(1), static_cast<uint32_t>(out->terms.size()));
      if (inserted) out->terms.push_back(it->first);
      out->lists.back().second.emplace_back(it->second, static_cast<int>(q.Int(2)));
    }
    for (auto& [id, list] : out->lists) list.shrink_to_fit();
    return Status::Ok();
  });
}

void SqliteStore::IndexArticle(Connection& conn, const Article& a) {
  IndexTerms(conn, a);
  IndexSearchRow(conn, a);
}

void SqliteStore::IndexTerms(Connection& conn, const Article& a) {
  Stmt(conn, "DELETE FROM article_terms WHERE article_id = ?1").Bind(1, a.id).Run();
  // Drafts keep theirs too: publishing a scheduled one computes nothing.
  for (const auto& [term, weight] : a.terms) {
    Stmt(conn, "INSERT INTO article_terms(article_id, term, weight) VALUES(?1, ?2, ?3)")
        .Bind(1, a.id).Bind(2, term).Bind(3, weight).Run();
  }
}

void SqliteStore::IndexSearchRow(Connection& conn, const Article& a) {
  Stmt(conn, "DELETE FROM article_search WHERE rowid = ?1").Bind(1, a.id).Run();
  // Readers search published articles; a page is in no search result.
  if (a.status != ArticleStatus::kPublished || a.kind == ArticleKind::kPage) return;
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
      Stmt q(*conn, "SELECT id, content_hash, status, title, kind FROM articles ORDER BY id");
      while (q.Step()) {
        Row r;
        r.article.id = q.Int(0);
        r.stamp = q.Text(1);
        ParseArticleStatus(q.Text(2), &r.article.status);
        r.article.title = q.Text(3);
        ParseArticleKind(q.Text(4), &r.article.kind);
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
      if (a.status == ArticleStatus::kPublished && a.kind == ArticleKind::kArticle) ++*count;
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
             "FROM articles WHERE status = 'published' AND kind = 'article' ORDER BY id");
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
