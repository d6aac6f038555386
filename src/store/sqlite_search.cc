// SqliteStore's search: the FTS5 index and each article's term list
// (IndexArticle, ReindexSearch), matching with filters and the counts that
// services/search ranks by, the vocabulary for suggestions, and the stored
// related-article lists.
#include <algorithm>
#include <unordered_map>
#include <utility>

#include "arabic/term_weights.h"
#include "core/change_keys.h"
#include "content/markdown.h"
#include "store/sqlite_match_counts.h"
#include "store/sqlite_search_query.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

namespace {

constexpr size_t kTermsPerArticle = 40;

// Match statements share their binding: ?1 the FTS5 expression, ?2 the
// phrases to count, ?3..?6 section, tag, writer and source slugs, ?7 from,
// ?8 to.
#define QALAM_MATCH_FILTERED                                                                      \
  " FROM article_search s CROSS JOIN articles a ON a.id = s.rowid "                               \
  "LEFT JOIN sections c ON c.id = a.section_id "                                                  \
  "WHERE article_search MATCH ?1 AND a.status = 'published' AND ?2 = ?2 "                         \
  "AND (?3 = '' OR c.slug = ?3) "                                                                 \
  "AND (?4 = '' OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id "        \
  "WHERE at.article_id = a.id AND t.slug = ?4)) "                                                 \
  "AND (?5 = '' OR EXISTS (SELECT 1 FROM people p WHERE p.id = a.writer_id AND p.slug = ?5)) "    \
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

Status SqliteStore::ReindexSearch(bool fold_teh_marbuta, size_t* count) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    conn->Exec("DROP TABLE IF EXISTS article_search_vocab");
    conn->Exec("DROP TABLE IF EXISTS article_search");
    conn->Exec(fold_teh_marbuta
                   ? "CREATE VIRTUAL TABLE article_search USING fts5(title, highlights, body, "
                     "tokenize = 'qalam', prefix = '2 3')"
                   : "CREATE VIRTUAL TABLE article_search USING fts5(title, highlights, body, "
                     "tokenize = 'qalam teh 0', prefix = '2 3')");
    conn->Exec("CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row')");
    conn->Exec("DELETE FROM article_terms");
    *count = 0;
    std::vector<Article> all;
    {
      Stmt q(*conn, "SELECT id, title, body_md, status FROM articles WHERE status = 'published'");
      while (q.Step()) {
        Article a;
        a.id = q.Int(0);
        a.title = q.Text(1);
        a.body_markdown = q.Text(2);
        all.push_back(std::move(a));
      }
    }
    for (Article& a : all) {
      Stmt h(*conn, "SELECT text FROM article_highlights WHERE article_id = ?1 ORDER BY position");
      h.Bind(1, a.id);
      while (h.Step()) a.highlights.push_back(h.Text(0));
      IndexArticle(*conn, a, fold_teh_marbuta);
      ++*count;
    }
    InsertChanges(*conn, {keys::kGlobal});
    tx.Commit();
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

// Puts a published article in the search index with its term list, or
// takes it out when it is not published.
void SqliteStore::IndexArticle(Connection& conn, const Article& a, bool fold_teh) {
  Stmt(conn, "DELETE FROM article_search WHERE rowid = ?1").Bind(1, a.id).Run();
  Stmt(conn, "DELETE FROM article_terms WHERE article_id = ?1").Bind(1, a.id).Run();
  if (a.status != ArticleStatus::kPublished) return;
  std::string highlights;
  for (const std::string& h : a.highlights) highlights += (highlights.empty() ? "" : "\n") + h;
  // The words a reader sees: snippets must not show Markdown syntax, and a
  // link's address is not the article's content.
  const std::string body = MarkdownToText(a.body_markdown);
  Stmt(conn, "INSERT INTO article_search(rowid, title, highlights, body) VALUES(?1, ?2, ?3, ?4)")
      .Bind(1, a.id).Bind(2, a.title).Bind(3, highlights).Bind(4, body).Run();
  arabic::AnalyzerOptions options;
  options.fold_teh_marbuta = fold_teh;
  for (const auto& [term, weight] :
       arabic::TopTerms(a.title, a.highlights, body, kTermsPerArticle, options)) {
    Stmt(conn, "INSERT INTO article_terms(article_id, term, weight) VALUES(?1, ?2, ?3)")
        .Bind(1, a.id).Bind(2, term).Bind(3, weight).Run();
  }
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
