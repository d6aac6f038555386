// SqliteStore: the Store on an embedded SQLite database (DIR/qalam.db) in WAL
// mode, so one writer and many readers, in this and other processes, work at
// once.
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <functional>
#include <unordered_map>

#include "arabic/slug.h"
#include "arabic/term_weights.h"
#include <nlohmann/json.hpp>

#include "core/change_keys.h"
#include "render/markdown.h"
#include "store/sqlite_db.h"
#include "store/sqlite_migrations.h"
#include "store/store.h"

namespace qalam {
namespace {

using sqlite::Connection;
using sqlite::SqliteError;
using sqlite::Stmt;

constexpr const char* kDbFile = "qalam.db";

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

template <typename F>
Status Guard(F&& body) {
  try {
    return body();
  } catch (const SqliteError& e) {
    return Status::Io(e.what());
  }
}

// Applies pending migrations; returns the version the database had before.
int64_t ApplyMigrations(Connection& conn) {
  int64_t version = 0;
  {
    Stmt q(conn, "PRAGMA user_version");
    if (q.Step()) version = q.Int(0);
  }
  const int64_t before = version;
  for (const Migration& m : SqliteMigrations()) {
    if (m.version <= version) continue;
    sqlite::Transaction tx(conn);
    // Another process may have applied it since we looked.
    {
      Stmt q(conn, "PRAGMA user_version");
      if (q.Step() && q.Int(0) >= m.version) {
        version = q.Int(0);
        continue;
      }
    }
    conn.Exec(m.sql);
    conn.Exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    tx.Commit();
    version = m.version;
  }
  return before;
}

constexpr size_t kTermsPerArticle = 40;

// A slug for `base` that no row of `table` other than `self` uses.
// `table` is one of our own table names, never input.
std::string UniqueSlug(Connection& conn, const char* exists_sql, const std::string& base,
                       int64_t self) {
  for (int n = 1;; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    Stmt q(conn, exists_sql);
    q.Bind(1, candidate);
    if (!q.Step() || q.Int(0) == self) return candidate;
  }
}

struct NamedRow {
  Id id = 0;
  std::string extra;  // bio or url
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path) : pool_(path, false) {}

  Status LoadSettings(Settings* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      std::map<std::string, std::string> values;
      Stmt q(*conn, "SELECT key, value FROM settings");
      while (q.Step()) values[q.Text(0)] = q.Text(1);
      *out = Settings(std::move(values));
      return Status::Ok();
    });
  }

  Status SaveSetting(const std::string& key, const std::string& value) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn,
           "INSERT INTO settings(key, value) VALUES(?1, ?2) "
           "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
          .Bind(1, key)
          .Bind(2, value)
          .Run();
      InsertChanges(*conn, {keys::kGlobal});
      tx.Commit();
      return Status::Ok();
    });
  }

  Status SaveArticles(std::vector<Article>* articles, std::vector<SaveResult>* results,
                      std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      std::set<std::string> local;
      results->clear();
      const bool fold = FoldTehMarbuta(*conn);
      const std::vector<Id> menu_before = MenuSections(*conn);
      for (Article& a : *articles) results->push_back(SaveOne(*conn, a, fold, &local));
      // The section menu on every page lists sections with published articles.
      if (MenuSections(*conn) != menu_before) local.insert(keys::kGlobal);
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status GetArticleBySlug(const std::string& slug, Article* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      if (!ReadArticle(*conn, 0, slug, out)) return Status::NotFound("no article with slug " + slug);
      return Status::Ok();
    });
  }

  Status GetArticleById(Id id, Article* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      if (!ReadArticle(*conn, id, "", out)) {
        return Status::NotFound("no article with id " + std::to_string(id));
      }
      return Status::Ok();
    });
  }

#define QALAM_ARTICLE_SELECT                                                                   \
  "SELECT a.id, coalesce(a.external_id, ''), a.title, a.slug, a.status, a.published_at, "     \
  "a.updated_at, a.body_md, a.body_html, "                                                    \
  "w.id, w.name, w.slug, w.bio, e.id, e.name, e.slug, e.bio, "                                \
  "s.id, s.name, s.slug, s.url, c.id, c.name, c.slug, "                                       \
  "coalesce(a.image_id, 0), a.image_alt, coalesce(a.author_id, 0), a.workflow, "              \
  "a.scheduled_at, a.trashed_at, a.version, a.modified_at, coalesce(w.photo_id, 0) "         \
  "FROM articles a LEFT JOIN people w ON w.id = a.writer_id "                                 \
  "LEFT JOIN people e ON e.id = a.editor_id "                                                 \
  "LEFT JOIN sources s ON s.id = a.source_id "                                                \
  "LEFT JOIN sections c ON c.id = a.section_id "

  // One article with everything its page and the desk show, by id (when not
  // 0) or slug; false when there is none.
  static bool ReadArticle(Connection& conn, Id id, const std::string& slug, Article* out) {
    Stmt q(conn, id ? QALAM_ARTICLE_SELECT "WHERE a.id = ?1" : QALAM_ARTICLE_SELECT "WHERE a.slug = ?1");
    if (id) q.Bind(1, id); else q.Bind(1, slug);
    if (!q.Step()) return false;
    Article a;
    a.id = q.Int(0);
    a.external_id = q.Text(1);
    a.title = q.Text(2);
    a.slug = q.Text(3);
    ParseArticleStatus(q.Text(4), &a.status);
    a.published_at = q.Int(5);
    a.updated_at = q.Int(6);
    a.body_markdown = q.Text(7);
    a.body_html = q.Text(8);
    if (!q.IsNull(9)) a.writer = Person{q.Int(9), q.Text(10), q.Text(11), q.Text(12)};
    if (!q.IsNull(13)) a.editor = Person{q.Int(13), q.Text(14), q.Text(15), q.Text(16)};
    if (!q.IsNull(17)) a.source = Source{q.Int(17), q.Text(18), q.Text(19), q.Text(20)};
    if (!q.IsNull(21)) a.section = Section{q.Int(21), q.Text(22), q.Text(23)};
    a.image_id = q.Int(24);
    a.image_alt = q.Text(25);
    a.author_id = q.Int(26);
    ParseWorkflow(q.Text(27), &a.workflow);
    a.scheduled_at = q.Int(28);
    a.trashed_at = q.Int(29);
    a.version = q.Int(30);
    a.modified_at = q.Int(31);
    if (a.writer) a.writer->photo_id = q.Int(32);
    {
      Stmt h(conn, "SELECT text FROM article_highlights WHERE article_id = ?1 ORDER BY position");
      h.Bind(1, a.id);
      while (h.Step()) a.highlights.push_back(h.Text(0));
    }
    {
      Stmt t(conn,
             "SELECT t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id "
             "WHERE at.article_id = ?1 ORDER BY at.position");
      t.Bind(1, a.id);
      while (t.Step()) a.tags.push_back(Tag{t.Int(0), t.Text(1), t.Text(2)});
    }
    {
      // A curated link to an article is shown only while that article is published.
      Stmt r(conn,
             "SELECT r.title, r.url, t.id, t.slug FROM article_related r "
             "LEFT JOIN articles t ON t.id = r.target_id AND t.status = 'published' "
             "WHERE r.article_id = ?1 ORDER BY r.position");
      r.Bind(1, a.id);
      while (r.Step()) {
        RelatedLink link;
        link.title = r.Text(0);
        link.url = r.Text(1);
        if (!r.IsNull(2)) {
          link.target_id = r.Int(2);
          link.target_slug = r.Text(3);
        }
        a.related.push_back(std::move(link));
      }
    }
    if (a.image_id) {
      MediaItem m;
      if (ReadMedia(conn, a.image_id, &m)) a.image = std::move(m);
    }
    *out = std::move(a);
    return true;
  }
#undef QALAM_ARTICLE_SELECT

  Status GetArticleSummaries(const std::vector<Id>& ids,
                             std::vector<ArticleSummary>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      for (Id id : ids) {
        Stmt q(*conn, kSummarySelect_ById);
        q.Bind(1, id);
        if (q.Step()) out->push_back(ReadSummary(q));
      }
      return Status::Ok();
    });
  }

  Status ListArticles(ListKind kind, Id owner, int64_t offset, int64_t limit,
                      ArticlePage* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      const char* list_sql = nullptr;
      const char* count_sql = nullptr;
      switch (kind) {
        case ListKind::kAll:
          list_sql = kSummarySelect_All;
          count_sql = "SELECT count(*) FROM articles WHERE status = 'published' AND ?1 = ?1";
          break;
        case ListKind::kSection:
          list_sql = kSummarySelect_Section;
          count_sql =
              "SELECT count(*) FROM articles WHERE section_id = ?1 AND status = 'published'";
          break;
        case ListKind::kWriter:
          list_sql = kSummarySelect_Writer;
          count_sql =
              "SELECT count(*) FROM articles WHERE writer_id = ?1 AND status = 'published'";
          break;
        case ListKind::kSource:
          list_sql = kSummarySelect_Source;
          count_sql =
              "SELECT count(*) FROM articles WHERE source_id = ?1 AND status = 'published'";
          break;
        case ListKind::kTag:
          list_sql = kSummarySelect_Tag;
          count_sql =
              "SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id "
              "WHERE at.tag_id = ?1 AND a.status = 'published'";
          break;
      }
      out->items.clear();
      {
        Stmt c(*conn, count_sql);
        c.Bind(1, owner);
        out->total = c.Step() ? c.Int(0) : 0;
      }
      Stmt q(*conn, list_sql);
      q.Bind(1, owner).Bind(2, limit).Bind(3, offset);
      while (q.Step()) out->items.push_back(ReadSummary(q));
      return Status::Ok();
    });
  }

  Status CountArticles(int64_t* published, int64_t* drafts) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT coalesce(sum(status = 'published'), 0), coalesce(sum(status = 'draft'), 0) "
             "FROM articles");
      q.Step();
      *published = q.Int(0);
      *drafts = q.Int(1);
      return Status::Ok();
    });
  }

  Status GetSectionBySlug(const std::string& slug, Section* out) override {
    return GetBySlug("SELECT id, name, slug FROM sections WHERE slug = ?1", slug,
                    [&](Stmt& q) { *out = Section{q.Int(0), q.Text(1), q.Text(2)}; });
  }
  Status GetTagBySlug(const std::string& slug, Tag* out) override {
    return GetBySlug("SELECT id, name, slug FROM tags WHERE slug = ?1", slug,
                    [&](Stmt& q) { *out = Tag{q.Int(0), q.Text(1), q.Text(2)}; });
  }
  Status GetPersonBySlug(const std::string& slug, Person* out) override {
    return GetBySlug("SELECT id, name, slug, bio, coalesce(photo_id, 0) FROM people WHERE slug = ?1", slug,
                    [&](Stmt& q) { *out = Person{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4)}; });
  }
  Status GetSourceBySlug(const std::string& slug, Source* out) override {
    return GetBySlug("SELECT id, name, slug, url FROM sources WHERE slug = ?1", slug,
                    [&](Stmt& q) { *out = Source{q.Int(0), q.Text(1), q.Text(2), q.Text(3)}; });
  }

  Status ListSections(std::vector<Section>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT c.id, c.name, c.slug FROM sections c JOIN articles a ON a.section_id = c.id "
             "AND a.status = 'published' GROUP BY c.id ORDER BY count(*) DESC, c.name");
      while (q.Step()) out->push_back(Section{q.Int(0), q.Text(1), q.Text(2)});
      return Status::Ok();
    });
  }

  Status LoadRelatednessFeatures(std::vector<RelatednessFeatures>* out) override {
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

  Status LoadAutoRelated(std::map<Id, std::vector<Id>>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, "SELECT article_id, target_id FROM related_auto ORDER BY article_id, position");
      while (q.Step()) (*out)[q.Int(0)].push_back(q.Int(1));
      return Status::Ok();
    });
  }

  Status ReplaceAutoRelated(const std::map<Id, std::vector<Id>>& lists,
                            const std::set<std::string>& changes) override {
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

  Status GetAutoRelated(Id article_id, std::vector<ArticleSummary>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, kSummarySelect_Related);
      q.Bind(1, article_id);
      while (q.Step()) out->push_back(ReadSummary(q));
      return Status::Ok();
    });
  }

  Status AddBreaking(BreakingItem* item) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      if (item->created_at == 0) item->created_at = Now();
      Stmt q(*conn,
             "INSERT INTO breaking(text, link, created_at, until, position) VALUES(?1, ?2, ?3, ?4, "
             "(SELECT coalesce(min(position), 0) - 1 FROM breaking)) RETURNING id");
      q.Bind(1, item->text).Bind(2, item->link).Bind(3, item->created_at).Bind(4, item->until);
      q.Step();
      item->id = q.Int(0);
      q.Run();
      InsertChanges(*conn, {keys::kGlobal});
      tx.Commit();
      return Status::Ok();
    });
  }

  Status ListBreaking(int64_t now, std::vector<BreakingItem>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT id, text, link, created_at, until FROM breaking "
             "WHERE ?1 = 0 OR until = 0 OR until > ?1 ORDER BY position, created_at DESC, id DESC");
      q.Bind(1, now);
      while (q.Step()) out->push_back(BreakingItem{q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4)});
      return Status::Ok();
    });
  }

  Status RemoveBreaking(Id id) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn, "DELETE FROM breaking WHERE id = ?1").Bind(1, id).Run();
      if (sqlite3_changes(conn->handle()) == 0) {
        return Status::NotFound("no breaking item with id " + std::to_string(id));
      }
      InsertChanges(*conn, {keys::kGlobal});
      tx.Commit();
      return Status::Ok();
    });
  }

  Status RecordChanges(const std::set<std::string>& keys) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      InsertChanges(*conn, keys);
      tx.Commit();
      return Status::Ok();
    });
  }

  Status ReadChanges(int64_t after, std::vector<std::string>* keys, int64_t* last) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      keys->clear();
      *last = after;
      Stmt q(*conn, "SELECT id, key FROM changes WHERE id > ?1 ORDER BY id");
      q.Bind(1, after);
      while (q.Step()) {
        *last = q.Int(0);
        keys->push_back(q.Text(1));
      }
      return Status::Ok();
    });
  }

  Status LastChangeId(int64_t* last) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT coalesce(max(id), 0) FROM changes");
      q.Step();
      *last = q.Int(0);
      return Status::Ok();
    });
  }

  static bool NoFilters(const SearchRequest& r) {
    return r.section.empty() && r.tag.empty() && r.writer.empty() && r.source.empty() &&
           r.from == 0 && r.to == 0;
  }

  Status Search(const SearchRequest& r, std::vector<SearchHit>* hits, int64_t* total) override {
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
  static constexpr int64_t kMaxRerank = 400;
  Status SearchTopK(Connection& conn, const SearchRequest& r, std::vector<SearchHit>* hits,
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

  Status LoadVocabulary(std::vector<std::pair<std::string, int64_t>>* out) override {
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

  Status ReindexSearch(bool fold_teh_marbuta, size_t* count) override {
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

  Status LoadArticleTerms(std::map<Id, std::vector<std::pair<std::string, int>>>* out) override {
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

  Status CreateUser(User* user) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      {
        Stmt q(*conn, "SELECT id FROM users WHERE email = ?1");
        q.Bind(1, user->email);
        if (q.Step()) return Status::Conflict("an account with email " + user->email + " exists");
      }
      if (user->created_at == 0) user->created_at = Now();
      Stmt q(*conn,
             "INSERT INTO users(email, name, role, password_hash, created_at, disabled) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
      q.Bind(1, user->email).Bind(2, user->name).Bind(3, ToString(user->role))
          .Bind(4, user->password_hash).Bind(5, user->created_at).Bind(6, user->disabled ? 1 : 0);
      q.Step();
      user->id = q.Int(0);
      q.Run();
      tx.Commit();
      return Status::Ok();
    });
  }

  Status GetUserByEmail(const std::string& email, User* out) override {
    return GetUser("SELECT id, email, name, role, password_hash, created_at, disabled FROM users "
                   "WHERE email = ?1", [&](Stmt& q) { q.Bind(1, email); }, out);
  }

  Status GetUserById(Id id, User* out) override {
    return GetUser("SELECT id, email, name, role, password_hash, created_at, disabled FROM users "
                   "WHERE id = ?1", [&](Stmt& q) { q.Bind(1, id); }, out);
  }

  Status CountUsers(int64_t* count) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT count(*) FROM users");
      q.Step();
      *count = q.Int(0);
      return Status::Ok();
    });
  }

  Status ListUsers(std::vector<User>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, "SELECT id, email, name, role, password_hash, created_at, disabled FROM users ORDER BY id");
      while (q.Step()) {
        User u;
        u.id = q.Int(0);
        u.email = q.Text(1);
        u.name = q.Text(2);
        ParseRole(q.Text(3), &u.role);
        u.password_hash = q.Text(4);
        u.created_at = q.Int(5);
        u.disabled = q.Int(6) != 0;
        out->push_back(std::move(u));
      }
      return Status::Ok();
    });
  }

  Status CountActiveAdmins(int64_t* count) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0");
      q.Step();
      *count = q.Int(0);
      return Status::Ok();
    });
  }

  Status UpdateUserRole(Id user_id, Role role) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      bool active_admin = false;
      int64_t active_admins = 0;
      {
        Stmt q(*conn,
               "SELECT role = 'admin' AND disabled = 0, "
               "(SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0) FROM users WHERE id = ?1");
        q.Bind(1, user_id);
        if (!q.Step()) return Status::NotFound("no such user");
        active_admin = q.Int(0) != 0;
        active_admins = q.Int(1);
      }
      if (active_admin && role != Role::kAdmin && active_admins <= 1) {
        return Status::Conflict("the last active admin keeps the admin role");
      }
      Stmt(*conn, "UPDATE users SET role = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, ToString(role)).Run();
      tx.Commit();
      return Status::Ok();
    });
  }

  Status SetUserDisabled(Id user_id, bool disabled) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      bool active_admin = false;
      int64_t active_admins = 0;
      {
        Stmt q(*conn,
               "SELECT role = 'admin' AND disabled = 0, "
               "(SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0) FROM users WHERE id = ?1");
        q.Bind(1, user_id);
        if (!q.Step()) return Status::NotFound("no such user");
        active_admin = q.Int(0) != 0;
        active_admins = q.Int(1);
      }
      if (disabled && active_admin && active_admins <= 1) {
        return Status::Conflict("the last active admin cannot be disabled");
      }
      Stmt(*conn, "UPDATE users SET disabled = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, disabled ? 1 : 0).Run();
      if (disabled) {
        Stmt(*conn, "DELETE FROM sessions WHERE user_id = ?1").Bind(1, user_id).Run();
        Stmt(*conn, "DELETE FROM one_time_tokens WHERE user_id = ?1").Bind(1, user_id).Run();
      }
      tx.Commit();
      return Status::Ok();
    });
  }

  Status DeleteUserOneTimeTokens(Id user_id, const std::string& purpose) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn, "DELETE FROM one_time_tokens WHERE user_id = ?1 AND purpose = ?2")
          .Bind(1, user_id).Bind(2, purpose).Run();
      return Status::Ok();
    });
  }

  Status SetPasswordHash(Id user_id, const std::string& hash) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn, "UPDATE users SET password_hash = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, hash).Run();
      if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no such user");
      Stmt(*conn, "DELETE FROM sessions WHERE user_id = ?1").Bind(1, user_id).Run();
      tx.Commit();
      return Status::Ok();
    });
  }

  Status SaveOneTimeToken(const std::string& digest, const std::string& purpose, Id user_id,
                          int64_t expires_at) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn,
           "INSERT INTO one_time_tokens(token_digest, purpose, user_id, expires_at) "
           "VALUES(?1, ?2, ?3, ?4)")
          .Bind(1, digest).Bind(2, purpose).BindId(3, user_id).Bind(4, expires_at).Run();
      Stmt(*conn, "DELETE FROM one_time_tokens WHERE expires_at < ?1").Bind(1, Now() - 86400).Run();
      return Status::Ok();
    });
  }

  Status ConsumeOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                             Id* user_id) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "DELETE FROM one_time_tokens WHERE token_digest = ?1 AND purpose = ?2 "
             "AND expires_at > ?3 RETURNING coalesce(user_id, 0)");
      q.Bind(1, digest).Bind(2, purpose).Bind(3, now);
      if (!q.Step()) return Status::NotFound("unknown or expired link");
      *user_id = q.Int(0);
      q.Run();
      return Status::Ok();
    });
  }

  Status PeekOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                          Id* user_id) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT coalesce(user_id, 0) FROM one_time_tokens WHERE token_digest = ?1 "
             "AND purpose = ?2 AND expires_at > ?3");
      q.Bind(1, digest).Bind(2, purpose).Bind(3, now);
      if (!q.Step()) return Status::NotFound("unknown or expired link");
      *user_id = q.Int(0);
      return Status::Ok();
    });
  }

  Status CreateSession(const Session& session) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn,
           "INSERT INTO sessions(token_digest, user_id, csrf, created_at, expires_at) "
           "VALUES(?1, ?2, ?3, ?4, ?5)")
          .Bind(1, session.token_digest).Bind(2, session.user_id).Bind(3, session.csrf)
          .Bind(4, session.created_at).Bind(5, session.expires_at).Run();
      Stmt(*conn, "DELETE FROM sessions WHERE expires_at < ?1").Bind(1, session.created_at).Run();
      return Status::Ok();
    });
  }

  Status GetSession(const std::string& digest, int64_t now, Session* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT s.user_id, s.csrf, s.created_at, s.expires_at FROM sessions s "
             "JOIN users u ON u.id = s.user_id AND u.disabled = 0 "
             "WHERE s.token_digest = ?1 AND s.expires_at > ?2");
      q.Bind(1, digest).Bind(2, now);
      if (!q.Step()) return Status::NotFound("no such session");
      *out = Session{digest, q.Int(0), q.Text(1), q.Int(2), q.Int(3)};
      return Status::Ok();
    });
  }

  Status DeleteSession(const std::string& digest) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn, "DELETE FROM sessions WHERE token_digest = ?1").Bind(1, digest).Run();
      return Status::Ok();
    });
  }

  Status RecordLoginFailure(const std::string& key, int64_t now, int64_t window, int max,
                            int64_t lock_for, int64_t* locked_until) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      int64_t failures = 0, start = now;
      {
        Stmt q(*conn, "SELECT failures, window_start FROM login_failures WHERE key = ?1");
        q.Bind(1, key);
        if (q.Step() && q.Int(1) > now - window) {
          failures = q.Int(0);
          start = q.Int(1);
        }
      }
      ++failures;
      *locked_until = failures >= max ? now + lock_for : 0;
      Stmt(*conn,
           "INSERT INTO login_failures(key, failures, window_start, locked_until) "
           "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
           "window_start = excluded.window_start, locked_until = excluded.locked_until")
          .Bind(1, key).Bind(2, failures).Bind(3, start).Bind(4, *locked_until).Run();
      tx.Commit();
      return Status::Ok();
    });
  }

  Status GetLoginLock(const std::string& key, int64_t now, int64_t* locked_until) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT locked_until FROM login_failures WHERE key = ?1");
      q.Bind(1, key);
      *locked_until = q.Step() && q.Int(0) > now ? q.Int(0) : 0;
      return Status::Ok();
    });
  }

  Status ClearLoginFailures(const std::string& key) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn, "DELETE FROM login_failures WHERE key = ?1").Bind(1, key).Run();
      return Status::Ok();
    });
  }

  Status AppendAudit(const AuditEntry& e) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn, "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)")
          .Bind(1, e.at ? e.at : Now()).BindId(2, e.user_id).Bind(3, e.action).Bind(4, e.target)
          .Bind(5, e.detail).Run();
      return Status::Ok();
    });
  }

  Status ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT l.id, l.at, coalesce(l.user_id, 0), coalesce(u.name, ''), l.action, l.target, "
             "l.detail FROM audit_log l LEFT JOIN users u ON u.id = l.user_id "
             "ORDER BY l.at DESC, l.id DESC LIMIT ?1 OFFSET ?2");
      q.Bind(1, limit).Bind(2, offset);
      while (q.Step()) {
        out->push_back(AuditEntry{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)});
      }
      return Status::Ok();
    });
  }

  void Migrate() {
    int64_t before = 0;
    {
      auto conn = pool_.Acquire();
      before = ApplyMigrations(*conn);
    }
    // A database from before the search index (version 1 with articles) gets
    // its term lists now; the migration itself filled the index.
    if (before == 1) {
      size_t count = 0;
      Status st = ReindexSearch(FoldTehMarbuta(), &count);
      if (!st.ok()) throw SqliteError(st.message());
    }
  }

 private:
  // Summary columns: id, title, slug, published_at, first highlight, section
  // name and slug, writer name. Every list binds ?1 owner, ?2 limit, ?3 offset.
#define QALAM_SUMMARY_COLUMNS                                                        \
  "SELECT a.id, a.title, a.slug, a.published_at, "                                   \
  "coalesce((SELECT text FROM article_highlights h WHERE h.article_id = a.id "       \
  "ORDER BY position LIMIT 1), ''), coalesce(c.name, ''), coalesce(c.slug, ''), "    \
  "coalesce(w.name, '') FROM articles a LEFT JOIN sections c ON c.id = a.section_id " \
  "LEFT JOIN people w ON w.id = a.writer_id "
#define QALAM_SUMMARY_ORDER " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3"
  static constexpr const char* kSummarySelect_ById = QALAM_SUMMARY_COLUMNS "WHERE a.id = ?1";
  static constexpr const char* kSummarySelect_All =
      QALAM_SUMMARY_COLUMNS "WHERE a.status = 'published' AND ?1 = ?1" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Section =
      QALAM_SUMMARY_COLUMNS "WHERE a.section_id = ?1 AND a.status = 'published'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Writer =
      QALAM_SUMMARY_COLUMNS "WHERE a.writer_id = ?1 AND a.status = 'published'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Source =
      QALAM_SUMMARY_COLUMNS "WHERE a.source_id = ?1 AND a.status = 'published'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Tag =
      QALAM_SUMMARY_COLUMNS "JOIN article_tags at ON at.article_id = a.id "
                            "WHERE at.tag_id = ?1 AND a.status = 'published'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Related =
      QALAM_SUMMARY_COLUMNS "JOIN related_auto r ON r.target_id = a.id "
                            "WHERE r.article_id = ?1 AND a.status = 'published' "
                            "ORDER BY r.position";
#undef QALAM_SUMMARY_COLUMNS
#undef QALAM_SUMMARY_ORDER

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
  static constexpr const char* kSearchCount = "SELECT count(*) + 0 * ?7 * ?8" QALAM_SEARCH_FROM;
  static constexpr const char* kSearchByRelevance =
      QALAM_SEARCH_COLUMNS QALAM_SEARCH_FROM "ORDER BY score DESC, a.published_at DESC LIMIT ?9 OFFSET ?10";
  static constexpr const char* kSearchByDate =
      QALAM_SEARCH_COLUMNS QALAM_SEARCH_FROM "ORDER BY a.published_at DESC, a.id DESC LIMIT ?9 OFFSET ?10";
#undef QALAM_SEARCH_FROM
#undef QALAM_SEARCH_COLUMNS

  static void BindSearch(Stmt& q, const SearchRequest& r) {
    q.Bind(1, r.match).Bind(2, r.section).Bind(3, r.tag).Bind(4, r.writer).Bind(5, r.source)
        .Bind(6, r.from).Bind(7, r.recency_weight).Bind(8, r.now).Bind(11, r.to);
  }

  static std::vector<Id> MenuSections(Connection& conn) {
    std::vector<Id> ids;
    Stmt q(conn, "SELECT DISTINCT section_id FROM articles WHERE status = 'published' "
                 "AND section_id IS NOT NULL ORDER BY section_id");
    while (q.Step()) ids.push_back(q.Int(0));
    return ids;
  }

  bool FoldTehMarbuta() {
    auto conn = pool_.Acquire();
    return FoldTehMarbuta(*conn);
  }
  static bool FoldTehMarbuta(Connection& conn) {
    Stmt q(conn, "SELECT value FROM settings WHERE key = 'search_teh_marbuta'");
    return !q.Step() || q.Text(0) != "keep";
  }

  // Puts a published article in the search index with its term list, or
  // takes it out when it is not published.
  static void IndexArticle(Connection& conn, const Article& a, bool fold_teh) {
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

  template <typename BindFn>
  Status GetUser(const char* sql, BindFn bind, User* out) {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, sql);
      bind(q);
      if (!q.Step()) return Status::NotFound("no such user");
      User u;
      u.id = q.Int(0);
      u.email = q.Text(1);
      u.name = q.Text(2);
      ParseRole(q.Text(3), &u.role);
      u.password_hash = q.Text(4);
      u.created_at = q.Int(5);
      u.disabled = q.Int(6) != 0;
      *out = std::move(u);
      return Status::Ok();
    });
  }

  static ArticleSummary ReadSummary(Stmt& q) {
    ArticleSummary s;
    s.id = q.Int(0);
    s.title = q.Text(1);
    s.slug = q.Text(2);
    s.published_at = q.Int(3);
    s.first_highlight = q.Text(4);
    s.section_name = q.Text(5);
    s.section_slug = q.Text(6);
    s.writer_name = q.Text(7);
    return s;
  }

  template <typename F>
  Status GetBySlug(const char* sql, const std::string& slug, F&& read) {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, sql);
      q.Bind(1, slug);
      if (!q.Step()) return Status::NotFound("not found: " + slug);
      read(q);
      return Status::Ok();
    });
  }

  static void InsertChanges(Connection& conn, const std::set<std::string>& keys) {
    int64_t now = Now();
    for (const std::string& k : keys) {
      Stmt(conn, "INSERT INTO changes(key, at) VALUES(?1, ?2)").Bind(1, k).Bind(2, now).Run();
    }
    // Servers read changes within a second; a day of history is plenty.
    Stmt(conn, "DELETE FROM changes WHERE at < ?1").Bind(1, now - 86400).Run();
  }

  // Finds a person/section/tag/source by name, creating it with a unique
  // slug when missing. Returns its id.
  struct NamedTable {
    const char* find;
    const char* slug_exists;
    const char* insert;  // ?1 name, ?2 slug, ?3 extra (where the table has one)
  };
  static constexpr NamedTable kPeople = {
      "SELECT id, bio FROM people WHERE name = ?1", "SELECT id FROM people WHERE slug = ?1",
      "INSERT INTO people(name, slug, bio) VALUES(?1, ?2, ?3) RETURNING id"};
  static constexpr NamedTable kSources = {
      "SELECT id, url FROM sources WHERE name = ?1", "SELECT id FROM sources WHERE slug = ?1",
      "INSERT INTO sources(name, slug, url) VALUES(?1, ?2, ?3) RETURNING id"};
  static constexpr NamedTable kSections = {
      "SELECT id, '' FROM sections WHERE name = ?1", "SELECT id FROM sections WHERE slug = ?1",
      "INSERT INTO sections(name, slug) VALUES(?1, ?2) RETURNING id"};
  static constexpr NamedTable kTags = {
      "SELECT id, '' FROM tags WHERE name = ?1", "SELECT id FROM tags WHERE slug = ?1",
      "INSERT INTO tags(name, slug) VALUES(?1, ?2) RETURNING id"};

  static NamedRow FindOrCreate(Connection& conn, const NamedTable& t, const std::string& name,
                               const std::string& extra, const char* fallback_slug,
                               bool* created) {
    *created = false;
    {
      Stmt q(conn, t.find);
      q.Bind(1, name);
      if (q.Step()) return NamedRow{q.Int(0), q.Text(1)};
    }
    std::string base = MakeSlug(name);
    if (base.empty()) base = fallback_slug;
    std::string slug = UniqueSlug(conn, t.slug_exists, base, -1);
    Stmt ins(conn, t.insert);
    ins.Bind(1, name).Bind(2, slug);
    if (std::string_view(t.insert).find("?3") != std::string_view::npos) ins.Bind(3, extra);
    ins.Step();
    NamedRow row{ins.Int(0), extra};
    ins.Run();
    *created = true;
    return row;
  }

  static std::string ContentHash(const Article& a) {
    // Everything saved, separated by a byte that cannot occur in UTF-8 text.
    std::string s;
    auto add = [&](const std::string& v) { s += v; s += '\xff'; };
    add(a.title);
    add(a.slug);
    add(ToString(a.status));
    add(std::to_string(a.published_at));
    add(std::to_string(a.updated_at));
    add(a.body_markdown);
    add(a.body_html);
    for (const auto& h : a.highlights) add("h" + h);
    if (a.writer) add("w" + a.writer->name + '\xfe' + a.writer->bio);
    if (a.editor) add("e" + a.editor->name);
    if (a.source) add("s" + a.source->name + '\xfe' + a.source->url);
    if (a.section) add("c" + a.section->name);
    for (const auto& t : a.tags) add("t" + t.name);
    for (const auto& r : a.related) add("r" + r.title + '\xfe' + r.url);
    return std::to_string(std::hash<std::string>{}(s)) + "-" + std::to_string(s.size());
  }

  // Saves one article inside the caller's transaction.
  SaveResult SaveOne(Connection& conn, Article& a, bool fold_teh, std::set<std::string>* changes) {
    SaveResult result;
    const std::string base_slug = [&] {
      std::string s = MakeSlug(a.slug.empty() ? a.title : a.slug);
      return s.empty() ? std::string("article") : s;
    }();

    // Find the stored article: by interchange id, or by slug for articles without one.
    Id id = 0;
    std::string old_slug, old_hash, old_status;
    int64_t old_published_at = 0;
    Id old_refs[4] = {0, 0, 0, 0};  // section, writer, source, editor
    if (a.id != 0) {
      // A desk save names the article by id: its slug may be what changed.
      Stmt q(conn,
             "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
             "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
             "published_at FROM articles WHERE id = ?1");
      q.Bind(1, a.id);
      if (q.Step()) {
        id = q.Int(0);
        old_slug = q.Text(1);
        old_hash = q.Text(2);
        old_status = q.Text(3);
        for (int i = 0; i < 4; ++i) old_refs[i] = q.Int(4 + i);
        old_published_at = q.Int(8);
      }
    } else {
      Stmt q(conn, a.external_id.empty()
                       ? "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
                         "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
                         "published_at FROM articles WHERE external_id IS NULL AND (slug = ?1 OR "
                         "(title = ?2 AND slug LIKE ?1 || '-%')) ORDER BY slug = ?1 DESC LIMIT 1"
                       : "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
                         "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
                         "published_at FROM articles WHERE external_id = ?1");
      q.Bind(1, a.external_id.empty() ? base_slug : a.external_id);
      if (a.external_id.empty()) q.Bind(2, a.title);
      if (q.Step()) {
        id = q.Int(0);
        old_slug = q.Text(1);
        old_hash = q.Text(2);
        old_status = q.Text(3);
        for (int i = 0; i < 4; ++i) old_refs[i] = q.Int(4 + i);
        old_published_at = q.Int(8);
      }
    }
    // A published article saved without a date keeps the one it has, or is
    // dated now when it has none yet.
    if (a.status == ArticleStatus::kPublished && a.published_at == 0) {
      a.published_at = old_published_at != 0 ? old_published_at : Now();
    }
    const std::string hash = ContentHash(a);
    if (id != 0 && old_hash == hash) {
      result.id = id;
      a.id = id;
      a.slug = old_slug;
      return result;  // Identical: nothing to write, nothing to purge.
    }

    // A stored article keeps its slug while its base is unchanged ("x" or "x-2").
    std::string slug;
    if (id != 0 && (old_slug == base_slug || (old_slug.rfind(base_slug + "-", 0) == 0 &&
                                              old_slug.size() > base_slug.size() + 1 &&
                                              std::all_of(old_slug.begin() + base_slug.size() + 1,
                                                          old_slug.end(), ::isdigit)))) {
      slug = old_slug;
    } else {
      slug = UniqueSlug(conn, "SELECT id FROM articles WHERE slug = ?1", base_slug, id);
    }

    bool created = false;
    Id writer_id = 0, editor_id = 0, source_id = 0, section_id = 0;
    if (a.writer) {
      NamedRow w = FindOrCreate(conn, kPeople, a.writer->name, a.writer->bio, "writer", &created);
      writer_id = w.id;
      if (!created && !a.writer->bio.empty() && w.extra != a.writer->bio) {
        // The bio belongs to the writer: it changes under every article of theirs.
        Stmt(conn, "UPDATE people SET bio = ?2 WHERE id = ?1").Bind(1, w.id).Bind(2, a.writer->bio).Run();
        changes->insert(keys::Person(w.id));
      }
    }
    if (a.editor) {
      editor_id = FindOrCreate(conn, kPeople, a.editor->name, "", "editor", &created).id;
    }
    if (a.source) {
      NamedRow s = FindOrCreate(conn, kSources, a.source->name, a.source->url, "source", &created);
      source_id = s.id;
      if (!created && !a.source->url.empty() && s.extra != a.source->url) {
        Stmt(conn, "UPDATE sources SET url = ?2 WHERE id = ?1").Bind(1, s.id).Bind(2, a.source->url).Run();
        changes->insert(keys::SourceInfo(s.id));
      }
    }
    if (a.section) {
      section_id = FindOrCreate(conn, kSections, a.section->name, "", "section", &created).id;
    }

    const int64_t now = Now();
    const char* status = ToString(a.status);
    if (id == 0) {
      Stmt q(conn,
             "INSERT INTO articles(external_id, title, slug, status, published_at, updated_at, "
             "writer_id, editor_id, source_id, section_id, body_md, body_html, content_hash, "
             "created_at, modified_at) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id");
      if (a.external_id.empty()) q.BindNull(1); else q.Bind(1, a.external_id);
      q.Bind(2, a.title).Bind(3, slug).Bind(4, status).Bind(5, a.published_at)
          .Bind(6, a.updated_at).BindId(7, writer_id).BindId(8, editor_id).BindId(9, source_id)
          .BindId(10, section_id).Bind(11, a.body_markdown).Bind(12, a.body_html).Bind(13, hash)
          .Bind(14, now);
      q.Step();
      id = q.Int(0);
      q.Run();
      result.created = true;
    } else {
      Stmt(conn,
           "UPDATE articles SET title = ?2, slug = ?3, status = ?4, published_at = ?5, "
           "updated_at = ?6, writer_id = ?7, editor_id = ?8, source_id = ?9, section_id = ?10, "
           "body_md = ?11, body_html = ?12, content_hash = ?13, modified_at = ?14 WHERE id = ?1")
          .Bind(1, id).Bind(2, a.title).Bind(3, slug).Bind(4, status).Bind(5, a.published_at)
          .Bind(6, a.updated_at).BindId(7, writer_id).BindId(8, editor_id).BindId(9, source_id)
          .BindId(10, section_id).Bind(11, a.body_markdown).Bind(12, a.body_html).Bind(13, hash)
          .Bind(14, now).Run();
    }
    result.id = id;
    result.changed = true;
    a.id = id;
    a.slug = slug;

    // Tags: old ones are purged too, since their lists lose this article.
    std::set<Id> tag_ids;
    {
      Stmt q(conn, "SELECT tag_id FROM article_tags WHERE article_id = ?1");
      q.Bind(1, id);
      while (q.Step()) tag_ids.insert(q.Int(0));
    }
    Stmt(conn, "DELETE FROM article_tags WHERE article_id = ?1").Bind(1, id).Run();
    int position = 0;
    for (Tag& t : a.tags) {
      t.id = FindOrCreate(conn, kTags, t.name, "", "tag", &created).id;
      Stmt(conn,
           "INSERT INTO article_tags(article_id, tag_id, position) VALUES(?1, ?2, ?3) "
           "ON CONFLICT DO NOTHING")
          .Bind(1, id).Bind(2, t.id).Bind(3, position++).Run();
      tag_ids.insert(t.id);
    }
    Stmt(conn, "DELETE FROM article_highlights WHERE article_id = ?1").Bind(1, id).Run();
    position = 0;
    for (const std::string& h : a.highlights) {
      Stmt(conn, "INSERT INTO article_highlights(article_id, position, text) VALUES(?1, ?2, ?3)")
          .Bind(1, id).Bind(2, position++).Bind(3, h).Run();
    }
    Stmt(conn, "DELETE FROM article_related WHERE article_id = ?1").Bind(1, id).Run();
    position = 0;
    for (const RelatedLink& r : a.related) {
      Id target = 0;
      if (r.url.empty()) {
        Stmt q(conn, "SELECT id FROM articles WHERE title = ?1 AND id != ?2 ORDER BY id LIMIT 1");
        q.Bind(1, r.title).Bind(2, id);
        if (q.Step()) target = q.Int(0);
      }
      Stmt(conn,
           "INSERT INTO article_related(article_id, position, title, url, target_id) "
           "VALUES(?1, ?2, ?3, ?4, ?5)")
          .Bind(1, id).Bind(2, position++).Bind(3, r.title).Bind(4, r.url).BindId(5, target).Run();
    }
    // Links elsewhere that named this article by title now point at it.
    {
      Stmt q(conn,
             "UPDATE article_related SET target_id = ?1 WHERE target_id IS NULL AND url = '' "
             "AND title = ?2 AND article_id != ?1 RETURNING article_id");
      q.Bind(1, id).Bind(2, a.title);
      while (q.Step()) changes->insert(keys::Article(q.Int(0)));
    }
    // Pages that link to this article show its title and slug.
    {
      Stmt q(conn,
             "SELECT article_id FROM article_related WHERE target_id = ?1 UNION "
             "SELECT article_id FROM related_auto WHERE target_id = ?1");
      q.Bind(1, id);
      while (q.Step()) changes->insert(keys::Article(q.Int(0)));
    }

    IndexArticle(conn, a, fold_teh);

    changes->insert(keys::Article(id));
    if (a.status == ArticleStatus::kPublished || old_status == "published") {
      changes->insert(keys::kHome);
      for (Id t : tag_ids) changes->insert(keys::Tag(t));
      for (Id s : {section_id, old_refs[0]}) if (s) changes->insert(keys::Section(s));
      for (Id w : {writer_id, old_refs[1]}) if (w) changes->insert(keys::Writer(w));
      for (Id s : {source_id, old_refs[2]}) if (s) changes->insert(keys::Source(s));
    }
    return result;
  }

  // --- the newsroom desk -----------------------------------------------------------

  Status SaveDeskArticle(Article* a, const DeskSave& save, std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      std::set<std::string> local;
      if (a->id != 0) {
        Stmt q(*conn, "SELECT version FROM articles WHERE id = ?1");
        q.Bind(1, a->id);
        if (!q.Step()) return Status::NotFound("no article with id " + std::to_string(a->id));
        if (q.Int(0) != save.expected_version) {
          return Status::Conflict("the article was saved by someone else (version " +
                                  std::to_string(q.Int(0)) + ", editing " +
                                  std::to_string(save.expected_version) + ")");
        }
      }
      std::string old_slug;
      if (a->id != 0) {
        Stmt q(*conn, "SELECT slug FROM articles WHERE id = ?1 AND published_at != 0");
        q.Bind(1, a->id);
        if (q.Step()) old_slug = q.Text(0);
      }
      const bool fold = FoldTehMarbuta(*conn);
      const std::vector<Id> menu_before = MenuSections(*conn);
      SaveOne(*conn, *a, fold, &local);
      if (!old_slug.empty() && old_slug != a->slug) {
        // Readers and search engines know the old address: it redirects.
        Stmt(*conn, "INSERT INTO slug_redirects(kind, old_slug, new_id) VALUES('article', ?1, ?2) "
                    "ON CONFLICT(kind, old_slug) DO UPDATE SET new_id = excluded.new_id")
            .Bind(1, old_slug).Bind(2, a->id).Run();
      }
      Stmt(*conn, "DELETE FROM slug_redirects WHERE kind = 'article' AND old_slug = ?1").Bind(1, a->slug).Run();
      // The desk's clock (injected in tests), so that modification times
      // compare with its autosaves and schedules.
      const int64_t now = save.revision.at ? save.revision.at : Now();
      Stmt q(*conn,
             "UPDATE articles SET author_id = ?2, workflow = ?3, scheduled_at = ?4, trashed_at = ?5, "
             "image_id = ?6, image_alt = ?7, version = version + 1, modified_at = ?8 WHERE id = ?1 "
             "RETURNING version");
      q.Bind(1, a->id).BindId(2, a->author_id).Bind(3, ToString(a->workflow)).Bind(4, a->scheduled_at)
          .Bind(5, a->trashed_at).BindId(6, a->image_id).Bind(7, a->image_alt).Bind(8, now);
      q.Step();
      a->version = q.Int(0);
      a->modified_at = now;
      q.Run();
      // The featured image is on the page but not in the content hash.
      local.insert(keys::Article(a->id));
      Revision r = save.revision;
      Stmt(*conn,
           "INSERT INTO article_revisions(article_id, user_id, at, minor, action, snapshot) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
          .Bind(1, a->id).BindId(2, r.user_id).Bind(3, r.at ? r.at : now).Bind(4, r.minor ? 1 : 0)
          .Bind(5, r.action).Bind(6, r.snapshot).Run();
      for (const AuditEntry& e : save.audit) {
        std::string target = e.target.empty() ? "article:" + std::to_string(a->id) : e.target;
        Stmt(*conn, "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)")
            .Bind(1, e.at ? e.at : now).BindId(2, e.user_id).Bind(3, e.action).Bind(4, target)
            .Bind(5, e.detail).Run();
      }
      if (save.user_id) {
        Stmt(*conn, "DELETE FROM article_autosaves WHERE article_id = ?1 AND user_id = ?2")
            .Bind(1, a->id).Bind(2, save.user_id).Run();
      }
      if (MenuSections(*conn) != menu_before) local.insert(keys::kGlobal);
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

#define QALAM_DESK_FROM                                                                         \
  "FROM articles a LEFT JOIN users u ON u.id = a.author_id "                                     \
  "LEFT JOIN people w ON w.id = a.writer_id LEFT JOIN sections c ON c.id = a.section_id "        \
  "WHERE (CASE WHEN ?1 = '' THEN a.workflow != 'trashed' "                                       \
  "  WHEN ?1 = 'published' THEN a.status = 'published' "                                         \
  "  WHEN ?1 = 'draft' THEN a.status = 'draft' AND a.workflow = '' "                              \
  "  ELSE a.status = 'draft' AND a.workflow = ?1 END) "                                          \
  "AND (?2 = 0 OR a.author_id = ?2) AND (?3 = 0 OR a.writer_id = ?3) "                            \
  "AND (?4 = 0 OR a.section_id = ?4) "                                                           \
  "AND (?5 = 0 OR EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = ?5)) " \
  "AND (?6 = '' OR instr(a.title, ?6) > 0) "

  static void BindDesk(Stmt& q, const DeskFilter& f) {
    q.Bind(1, f.state ? ToString(*f.state) : "").Bind(2, f.author_id).Bind(3, f.writer_id)
        .Bind(4, f.section_id).Bind(5, f.tag_id).Bind(6, f.title);
  }

  Status ListDeskArticles(const DeskFilter& f, int64_t offset, int64_t limit,
                          std::vector<DeskRow>* out, int64_t* total) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      {
        Stmt c(*conn, "SELECT count(*) " QALAM_DESK_FROM);
        BindDesk(c, f);
        *total = c.Step() ? c.Int(0) : 0;
      }
      Stmt q(*conn,
             "SELECT a.id, a.title, a.slug, a.status, a.workflow, a.published_at, a.scheduled_at, "
             "a.trashed_at, a.modified_at, coalesce(a.author_id, 0), coalesce(u.name, ''), "
             "coalesce(w.name, ''), coalesce(c.name, '') " QALAM_DESK_FROM
             "ORDER BY CASE WHEN ?9 THEN a.published_at ELSE a.modified_at END DESC, a.id DESC "
             "LIMIT ?7 OFFSET ?8");
      BindDesk(q, f);
      q.Bind(7, limit).Bind(8, offset).Bind(9, f.newest_published ? 1 : 0);
      while (q.Step()) {
        DeskRow r;
        r.id = q.Int(0);
        r.title = q.Text(1);
        r.slug = q.Text(2);
        ArticleStatus status;
        Workflow workflow = Workflow::kNone;
        ParseArticleStatus(q.Text(3), &status);
        ParseWorkflow(q.Text(4), &workflow);
        r.state = DeskStateOf(status, workflow);
        r.published_at = q.Int(5);
        r.scheduled_at = q.Int(6);
        r.trashed_at = q.Int(7);
        r.modified_at = q.Int(8);
        r.author_id = q.Int(9);
        r.author_name = q.Text(10);
        r.writer_name = q.Text(11);
        r.section_name = q.Text(12);
        out->push_back(std::move(r));
      }
      return Status::Ok();
    });
  }
#undef QALAM_DESK_FROM

  Status CountDesk(Id author_id, DeskCounts* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT coalesce(sum(status = 'draft' AND workflow = ''), 0), "
             "coalesce(sum(status = 'draft' AND workflow = 'review'), 0), "
             "coalesce(sum(status = 'draft' AND workflow = 'scheduled'), 0), "
             "coalesce(sum(status = 'published'), 0), "
             "coalesce(sum(status = 'draft' AND workflow = 'trashed'), 0) "
             "FROM articles WHERE ?1 = 0 OR author_id = ?1");
      q.Bind(1, author_id);
      q.Step();
      *out = DeskCounts{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Int(4)};
      return Status::Ok();
    });
  }

  Status ListRevisions(Id article_id, std::vector<Revision>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT r.id, r.article_id, coalesce(r.user_id, 0), coalesce(u.name, ''), r.at, r.minor, "
             "r.action FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id "
             "WHERE r.article_id = ?1 ORDER BY r.id DESC");
      q.Bind(1, article_id);
      while (q.Step()) {
        out->push_back(Revision{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Int(4), q.Int(5) != 0, q.Text(6), ""});
      }
      return Status::Ok();
    });
  }

  Status GetRevision(Id revision_id, Revision* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT r.id, r.article_id, coalesce(r.user_id, 0), coalesce(u.name, ''), r.at, r.minor, "
             "r.action, r.snapshot FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id "
             "WHERE r.id = ?1");
      q.Bind(1, revision_id);
      if (!q.Step()) return Status::NotFound("no revision " + std::to_string(revision_id));
      *out = Revision{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Int(4), q.Int(5) != 0, q.Text(6), q.Text(7)};
      return Status::Ok();
    });
  }

  Status SaveAutosave(const Autosave& s) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt(*conn,
           "INSERT INTO article_autosaves(article_id, user_id, at, base_version, snapshot) "
           "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(article_id, user_id) DO UPDATE SET "
           "at = excluded.at, base_version = excluded.base_version, snapshot = excluded.snapshot")
          .Bind(1, s.article_id).Bind(2, s.user_id).Bind(3, s.at).Bind(4, s.base_version)
          .Bind(5, s.snapshot).Run();
      return Status::Ok();
    });
  }

  Status ListAutosaves(Id article_id, std::vector<Autosave>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT s.article_id, s.user_id, u.name, s.at, s.base_version, s.snapshot "
             "FROM article_autosaves s JOIN users u ON u.id = s.user_id WHERE s.article_id = ?1 "
             "ORDER BY s.at DESC");
      q.Bind(1, article_id);
      while (q.Step()) {
        out->push_back(Autosave{q.Int(0), q.Int(1), q.Text(2), q.Int(3), q.Int(4), q.Text(5)});
      }
      return Status::Ok();
    });
  }

  Status PublishDue(int64_t now, std::vector<Id>* published, std::set<std::string>* changes) override {
    return Guard([&] {
      published->clear();
      auto conn = pool_.Acquire();
      {
        // Most calls find nothing: answer them without the write lock.
        Stmt q(*conn, "SELECT 1 FROM articles WHERE workflow = 'scheduled' AND scheduled_at <= ?1 LIMIT 1");
        q.Bind(1, now);
        if (!q.Step()) return Status::Ok();
      }
      sqlite::Transaction tx(*conn);
      std::vector<Id> due;
      {
        // Inside the write transaction: another process that published them
        // first has changed workflow, so each goes live once.
        Stmt q(*conn, "SELECT id FROM articles WHERE workflow = 'scheduled' AND scheduled_at <= ?1 ORDER BY scheduled_at, id");
        q.Bind(1, now);
        while (q.Step()) due.push_back(q.Int(0));
      }
      std::set<std::string> local;
      const bool fold = FoldTehMarbuta(*conn);
      const std::vector<Id> menu_before = MenuSections(*conn);
      for (Id id : due) {
        Article a;
        if (!ReadArticle(*conn, id, "", &a)) continue;
        a.status = ArticleStatus::kPublished;
        a.published_at = a.scheduled_at;
        SaveOne(*conn, a, fold, &local);
        Stmt(*conn, "UPDATE articles SET workflow = '', scheduled_at = 0, version = version + 1, "
                    "modified_at = ?2 WHERE id = ?1")
            .Bind(1, id).Bind(2, now).Run();
        Stmt(*conn,
             "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, NULL, 'article.publish', ?2, ?3)")
            .Bind(1, now).Bind(2, "article:" + std::to_string(id)).Bind(3, "مجدول: " + a.title).Run();
        published->push_back(id);
      }
      if (MenuSections(*conn) != menu_before) local.insert(keys::kGlobal);
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status PurgeTrash(int64_t before, std::vector<std::pair<Id, std::string>>* deleted) override {
    return Guard([&] {
      deleted->clear();
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      {
        Stmt q(*conn, "SELECT id, title FROM articles WHERE workflow = 'trashed' AND trashed_at < ?1");
        q.Bind(1, before);
        while (q.Step()) deleted->emplace_back(q.Int(0), q.Text(1));
      }
      for (const auto& [id, title] : *deleted) {
        Stmt(*conn, "DELETE FROM article_search WHERE rowid = ?1").Bind(1, id).Run();
        Stmt(*conn, "DELETE FROM articles WHERE id = ?1").Bind(1, id).Run();
      }
      tx.Commit();
      return Status::Ok();
    });
  }

  // --- media -------------------------------------------------------------------------

  static std::string VariantsJson(const std::vector<MediaVariant>& variants) {
    nlohmann::json j = nlohmann::json::array();
    for (const MediaVariant& v : variants) {
      j.push_back({{"w", v.width}, {"h", v.height}, {"mime", v.mime}, {"file", v.file}});
    }
    return j.dump();
  }
  static std::vector<MediaVariant> ParseVariants(const std::string& text) {
    std::vector<MediaVariant> out;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_array()) return out;
    for (const auto& v : j) {
      out.push_back(MediaVariant{v.value("w", 0), v.value("h", 0), v.value("mime", ""), v.value("file", "")});
    }
    return out;
  }
  static MediaItem ReadMediaRow(Stmt& q) {
    MediaItem m;
    m.id = q.Int(0);
    m.hash = q.Text(1);
    m.mime = q.Text(2);
    m.width = static_cast<int>(q.Int(3));
    m.height = static_cast<int>(q.Int(4));
    m.alt = q.Text(5);
    m.variants = ParseVariants(q.Text(6));
    m.uploaded_by = q.Int(7);
    m.created_at = q.Int(8);
    return m;
  }
#define QALAM_MEDIA_SELECT \
  "SELECT id, hash, mime, width, height, alt, variants, coalesce(uploaded_by, 0), created_at FROM media "
  static bool ReadMedia(Connection& conn, Id id, MediaItem* out) {
    Stmt q(conn, QALAM_MEDIA_SELECT "WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step()) return false;
    *out = ReadMediaRow(q);
    return true;
  }

  Status SaveMedia(MediaItem* item, bool* created) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      *created = false;
      {
        Stmt q(*conn, QALAM_MEDIA_SELECT "WHERE hash = ?1");
        q.Bind(1, item->hash);
        if (q.Step()) {
          *item = ReadMediaRow(q);
          return Status::Ok();
        }
      }
      Stmt q(*conn,
             "INSERT INTO media(hash, mime, width, height, alt, variants, uploaded_by, created_at) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
      q.Bind(1, item->hash).Bind(2, item->mime).Bind(3, item->width).Bind(4, item->height)
          .Bind(5, item->alt).Bind(6, VariantsJson(item->variants)).BindId(7, item->uploaded_by)
          .Bind(8, item->created_at ? item->created_at : Now());
      q.Step();
      item->id = q.Int(0);
      q.Run();
      tx.Commit();
      *created = true;
      return Status::Ok();
    });
  }

  Status GetMedia(Id id, MediaItem* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      if (!ReadMedia(*conn, id, out)) return Status::NotFound("no image " + std::to_string(id));
      return Status::Ok();
    });
  }

  Status ListMedia(int64_t offset, int64_t limit, std::vector<MediaItem>* out, int64_t* total) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      {
        Stmt c(*conn, "SELECT count(*) FROM media");
        *total = c.Step() ? c.Int(0) : 0;
      }
      Stmt q(*conn, QALAM_MEDIA_SELECT "ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2");
      q.Bind(1, limit).Bind(2, offset);
      while (q.Step()) out->push_back(ReadMediaRow(q));
      return Status::Ok();
    });
  }
#undef QALAM_MEDIA_SELECT

  Status SetMediaAlt(Id id, const std::string& alt) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn, "UPDATE media SET alt = ?2 WHERE id = ?1").Bind(1, id).Bind(2, alt).Run();
      if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no image " + std::to_string(id));
      tx.Commit();
      return Status::Ok();
    });
  }

  // --- named things ----------------------------------------------------------------

  struct NamedSql {
    const char* list;    // ?1 query, ?2 limit
    const char* get;     // ?1 id
    const char* by_name; // ?1 name -> id
    const char* slug_exists;
    const char* update;  // ?1 id, ?2 name, ?3 slug, ?4 extra, ?5 photo
  };
  static const NamedSql& SqlFor(NamedKind kind) {
    static const NamedSql people = {
        "SELECT p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0), (SELECT count(*) FROM articles a "
        "WHERE a.writer_id = p.id AND a.status = 'published') FROM people p "
        "WHERE ?1 = '' OR instr(p.name, ?1) > 0 ORDER BY p.name LIMIT ?2",
        "SELECT p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0), (SELECT count(*) FROM articles a "
        "WHERE a.writer_id = p.id AND a.status = 'published') FROM people p WHERE p.id = ?1",
        "SELECT id FROM people WHERE name = ?1", "SELECT id FROM people WHERE slug = ?1",
        "UPDATE people SET name = ?2, slug = ?3, bio = ?4, photo_id = nullif(?5, 0) WHERE id = ?1"};
    static const NamedSql sources = {
        "SELECT s.id, s.name, s.slug, s.url, 0, (SELECT count(*) FROM articles a "
        "WHERE a.source_id = s.id AND a.status = 'published') FROM sources s "
        "WHERE ?1 = '' OR instr(s.name, ?1) > 0 ORDER BY s.name LIMIT ?2",
        "SELECT s.id, s.name, s.slug, s.url, 0, (SELECT count(*) FROM articles a "
        "WHERE a.source_id = s.id AND a.status = 'published') FROM sources s WHERE s.id = ?1",
        "SELECT id FROM sources WHERE name = ?1", "SELECT id FROM sources WHERE slug = ?1",
        "UPDATE sources SET name = ?2, slug = ?3, url = ?4 WHERE id = ?1 AND ?5 = ?5"};
    static const NamedSql sections = {
        "SELECT c.id, c.name, c.slug, '', 0, (SELECT count(*) FROM articles a "
        "WHERE a.section_id = c.id AND a.status = 'published') FROM sections c "
        "WHERE ?1 = '' OR instr(c.name, ?1) > 0 ORDER BY c.name LIMIT ?2",
        "SELECT c.id, c.name, c.slug, '', 0, (SELECT count(*) FROM articles a "
        "WHERE a.section_id = c.id AND a.status = 'published') FROM sections c WHERE c.id = ?1",
        "SELECT id FROM sections WHERE name = ?1", "SELECT id FROM sections WHERE slug = ?1",
        "UPDATE sections SET name = ?2, slug = ?3 WHERE id = ?1 AND ?4 = ?4 AND ?5 = ?5"};
    static const NamedSql tags = {
        "SELECT t.id, t.name, t.slug, '', 0, (SELECT count(*) FROM article_tags at JOIN articles a "
        "ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published') FROM tags t "
        "WHERE ?1 = '' OR instr(t.name, ?1) > 0 ORDER BY t.name LIMIT ?2",
        "SELECT t.id, t.name, t.slug, '', 0, (SELECT count(*) FROM article_tags at JOIN articles a "
        "ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published') FROM tags t "
        "WHERE t.id = ?1",
        "SELECT id FROM tags WHERE name = ?1", "SELECT id FROM tags WHERE slug = ?1",
        "UPDATE tags SET name = ?2, slug = ?3 WHERE id = ?1 AND ?4 = ?4 AND ?5 = ?5"};
    switch (kind) {
      case NamedKind::kSource: return sources;
      case NamedKind::kSection: return sections;
      case NamedKind::kTag: return tags;
      case NamedKind::kPerson: break;
    }
    return people;
  }

  Status ListNamed(NamedKind kind, const std::string& query, int64_t limit,
                   std::vector<NamedItem>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, SqlFor(kind).list);
      q.Bind(1, query).Bind(2, limit);
      while (q.Step()) out->push_back(NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)});
      return Status::Ok();
    });
  }

  Status GetNamed(NamedKind kind, Id id, NamedItem* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, SqlFor(kind).get);
      q.Bind(1, id);
      if (!q.Step()) return Status::NotFound(std::string("no ") + ToString(kind) + " " + std::to_string(id));
      *out = NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)};
      return Status::Ok();
    });
  }

  Status UpdateNamed(NamedKind kind, const NamedItem& item, std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      const NamedSql& sql = SqlFor(kind);
      NamedItem old;
      {
        Stmt q(*conn, sql.get);
        q.Bind(1, item.id);
        if (!q.Step()) return Status::NotFound(std::string("no ") + ToString(kind) + " " + std::to_string(item.id));
        old = NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)};
      }
      {
        Stmt q(*conn, sql.by_name);
        q.Bind(1, item.name);
        if (q.Step() && q.Int(0) != item.id) return Status::Conflict("the name is taken: " + item.name);
      }
      std::string slug = old.slug;
      if (item.name != old.name) {
        std::string base = MakeSlug(item.name);
        if (base.empty()) base = ToString(kind);
        slug = UniqueSlug(*conn, sql.slug_exists, base, item.id);
      }
      Stmt(*conn, sql.update).Bind(1, item.id).Bind(2, item.name).Bind(3, slug).Bind(4, item.extra)
          .Bind(5, item.photo_id).Run();
      std::set<std::string> local;
      if (slug != old.slug) {
        // The old address redirects; an address that had been redirected
        // here follows along, and the new slug is no longer a redirect.
        Stmt(*conn, "INSERT INTO slug_redirects(kind, old_slug, new_id) VALUES(?1, ?2, ?3) "
                    "ON CONFLICT(kind, old_slug) DO UPDATE SET new_id = excluded.new_id")
            .Bind(1, ToString(kind)).Bind(2, old.slug).Bind(3, item.id).Run();
        Stmt(*conn, "DELETE FROM slug_redirects WHERE kind = ?1 AND old_slug = ?2")
            .Bind(1, ToString(kind)).Bind(2, slug).Run();
      }
      const char* articles_sql = nullptr;
      switch (kind) {
        case NamedKind::kPerson:
          local.insert(keys::Person(item.id));
          local.insert(keys::Writer(item.id));
          break;
        case NamedKind::kSource:
          local.insert(keys::SourceInfo(item.id));
          local.insert(keys::Source(item.id));
          break;
        case NamedKind::kSection:
          local.insert(keys::kGlobal);  // The menu on every page.
          break;
        case NamedKind::kTag:
          local.insert(keys::Tag(item.id));
          articles_sql = "SELECT article_id FROM article_tags WHERE tag_id = ?1";
          break;
      }
      if (articles_sql) {
        Stmt q(*conn, articles_sql);
        q.Bind(1, item.id);
        while (q.Step()) local.insert(keys::Article(q.Int(0)));
      }
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status FindRedirect(NamedKind kind, const std::string& old_slug, std::string* slug) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT new_id FROM slug_redirects WHERE kind = ?1 AND old_slug = ?2");
      q.Bind(1, ToString(kind)).Bind(2, old_slug);
      if (!q.Step()) return Status::NotFound("no redirect for " + old_slug);
      Stmt g(*conn, SqlFor(kind).get);
      g.Bind(1, q.Int(0));
      if (!g.Step()) return Status::NotFound("redirect target is gone");
      *slug = g.Text(2);
      return Status::Ok();
    });
  }

  Status FindArticleRedirect(const std::string& old_slug, std::string* slug) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn,
             "SELECT a.slug FROM slug_redirects r JOIN articles a ON a.id = r.new_id "
             "WHERE r.kind = 'article' AND r.old_slug = ?1 AND a.status = 'published'");
      q.Bind(1, old_slug);
      if (!q.Step()) return Status::NotFound("no redirect for " + old_slug);
      *slug = q.Text(0);
      return Status::Ok();
    });
  }

  // --- breaking news order -----------------------------------------------------------

  Status UpdateBreaking(const BreakingItem& item) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn, "UPDATE breaking SET text = ?2, link = ?3, until = ?4 WHERE id = ?1")
          .Bind(1, item.id).Bind(2, item.text).Bind(3, item.link).Bind(4, item.until).Run();
      if (sqlite3_changes(conn->handle()) == 0) {
        return Status::NotFound("no breaking item with id " + std::to_string(item.id));
      }
      InsertChanges(*conn, {keys::kGlobal});
      tx.Commit();
      return Status::Ok();
    });
  }

  Status OrderBreaking(const std::vector<Id>& ids) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      for (size_t i = 0; i < ids.size(); ++i) {
        Stmt(*conn, "UPDATE breaking SET position = ?2 WHERE id = ?1")
            .Bind(1, ids[i]).Bind(2, static_cast<int64_t>(i)).Run();
      }
      InsertChanges(*conn, {keys::kGlobal});
      tx.Commit();
      return Status::Ok();
    });
  }

  // --- comments -------------------------------------------------------------------

#define QALAM_COMMENT_SELECT                                                                   \
  "SELECT c.id, c.article_id, coalesce(c.parent_id, 0), c.depth, c.name, c.email_hash, c.body, " \
  "c.state, c.decision, c.scores, c.reasons, c.reports, c.address_hash, coalesce(c.user_id, 0), " \
  "c.created_at, c.decided_at, coalesce(c.decided_by, 0), a.title, a.slug "                     \
  "FROM comments c JOIN articles a ON a.id = c.article_id "
  static Comment ReadComment(Stmt& q) {
    Comment c;
    c.id = q.Int(0);
    c.article_id = q.Int(1);
    c.parent_id = q.Int(2);
    c.depth = static_cast<int>(q.Int(3));
    c.name = q.Text(4);
    c.email_hash = q.Text(5);
    c.body = q.Text(6);
    ParseCommentState(q.Text(7), &c.state);
    c.decision = q.Text(8);
    c.scores = q.Text(9);
    c.reasons = q.Text(10);
    c.reports = static_cast<int>(q.Int(11));
    c.address_hash = q.Text(12);
    c.user_id = q.Int(13);
    c.created_at = q.Int(14);
    c.decided_at = q.Int(15);
    c.decided_by = q.Int(16);
    c.article_title = q.Text(17);
    c.article_slug = q.Text(18);
    return c;
  }

  static std::string BodyHash(const std::string& body) {
    return std::to_string(std::hash<std::string>{}(body)) + "-" + std::to_string(body.size());
  }

  Status AddComment(Comment* c, std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      c->depth = 0;
      if (c->parent_id) {
        Stmt p(*conn, "SELECT depth, article_id FROM comments WHERE id = ?1");
        p.Bind(1, c->parent_id);
        if (!p.Step() || p.Int(1) != c->article_id) return Status::NotFound("no such comment to reply to");
        c->depth = static_cast<int>(p.Int(0)) + 1;
      }
      Stmt q(*conn,
             "INSERT INTO comments(article_id, parent_id, depth, name, email, email_hash, body, body_hash, "
             "state, decision, scores, reasons, address_hash, user_id, created_at, decided_at) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
      q.Bind(1, c->article_id).BindId(2, c->parent_id).Bind(3, c->depth).Bind(4, c->name).Bind(5, c->email)
          .Bind(6, c->email_hash).Bind(7, c->body).Bind(8, BodyHash(c->body)).Bind(9, ToString(c->state))
          .Bind(10, c->decision).Bind(11, c->scores.empty() ? "{}" : c->scores)
          .Bind(12, c->reasons.empty() ? "[]" : c->reasons).Bind(13, c->address_hash).BindId(14, c->user_id)
          .Bind(15, c->created_at ? c->created_at : Now()).Bind(16, c->decided_at);
      q.Step();
      c->id = q.Int(0);
      q.Run();
      std::set<std::string> local;
      if (c->state == CommentState::kApproved) local.insert(keys::Article(c->article_id));
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status GetComment(Id id, Comment* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.id = ?1");
      q.Bind(1, id);
      if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
      *out = ReadComment(q);
      return Status::Ok();
    });
  }

  Status ListApprovedComments(Id article_id, bool newest_first, int64_t offset, int64_t limit,
                              std::vector<Comment>* out, int64_t* total) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      {
        Stmt c(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND state = 'approved' AND parent_id IS NULL");
        c.Bind(1, article_id);
        *total = c.Step() ? c.Int(0) : 0;
      }
      std::vector<Comment> top;
      {
        Stmt q(*conn, newest_first
                          ? QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                                 "c.parent_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"
                          : QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                                 "c.parent_id IS NULL ORDER BY c.created_at, c.id LIMIT ?2 OFFSET ?3");
        q.Bind(1, article_id).Bind(2, limit).Bind(3, offset);
        while (q.Step()) top.push_back(ReadComment(q));
      }
      // Each thread: its approved replies, depth first, oldest first; a reply
      // whose parent is not approved is not shown.
      std::map<Id, std::vector<Comment>> children;
      {
        Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                           "c.parent_id IS NOT NULL ORDER BY c.created_at, c.id");
        q.Bind(1, article_id);
        while (q.Step()) {
          Comment c = ReadComment(q);
          children[c.parent_id].push_back(std::move(c));
        }
      }
      std::function<void(const Comment&)> add = [&](const Comment& c) {
        out->push_back(c);
        auto it = children.find(c.id);
        if (it == children.end()) return;
        for (const Comment& child : it->second) add(child);
      };
      for (const Comment& c : top) add(c);
      return Status::Ok();
    });
  }

  Status CountApprovedComments(Id article_id, int64_t* count) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND state = 'approved'");
      q.Bind(1, article_id);
      *count = q.Step() ? q.Int(0) : 0;
      return Status::Ok();
    });
  }

  Status CountComments(CommentState state, int64_t* count) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      Stmt q(*conn, "SELECT count(*) FROM comments WHERE state = ?1");
      q.Bind(1, ToString(state));
      *count = q.Step() ? q.Int(0) : 0;
      return Status::Ok();
    });
  }

  Status ListCommentQueue(const CommentFilter& f, int64_t offset, int64_t limit, std::vector<Comment>* out,
                          int64_t* total) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      const std::string state = f.state ? ToString(*f.state) : "";
      {
        Stmt c(*conn,
               "SELECT count(*) FROM comments c WHERE (?1 = '' OR c.state = ?1) AND (?2 = 0 OR c.article_id = ?2) "
               "AND (?3 = 0 OR c.reports > 0)");
        c.Bind(1, state).Bind(2, f.article_id).Bind(3, f.reported ? 1 : 0);
        *total = c.Step() ? c.Int(0) : 0;
      }
      Stmt q(*conn, QALAM_COMMENT_SELECT
             "WHERE (?1 = '' OR c.state = ?1) AND (?2 = 0 OR c.article_id = ?2) AND (?3 = 0 OR c.reports > 0) "
             "ORDER BY c.state = 'pending' DESC, c.created_at DESC, c.id DESC LIMIT ?4 OFFSET ?5");
      q.Bind(1, state).Bind(2, f.article_id).Bind(3, f.reported ? 1 : 0).Bind(4, limit).Bind(5, offset);
      while (q.Step()) out->push_back(ReadComment(q));
      return Status::Ok();
    });
  }

  Status ListCommentedArticles(int64_t limit, std::vector<CommentedArticle>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn,
             "SELECT a.id, a.title, c.pending FROM (SELECT article_id, sum(state = 'pending') AS pending, "
             "max(created_at) AS latest FROM comments GROUP BY article_id) c JOIN articles a ON a.id = c.article_id "
             "ORDER BY c.pending > 0 DESC, c.latest DESC, a.id DESC LIMIT ?1");
      q.Bind(1, limit);
      while (q.Step()) out->push_back(CommentedArticle{q.Int(0), q.Text(1), q.Int(2)});
      return Status::Ok();
    });
  }

  Status DecideComment(Id id, CommentState state, Id user_id, int64_t now, const std::string& label,
                       std::set<std::string>* changes, bool* changed) override {
    if (changed) *changed = false;
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt q(*conn, "SELECT state, article_id, body, decided_at FROM comments WHERE id = ?1");
      q.Bind(1, id);
      if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
      const std::string before = q.Text(0);
      const Id article = q.Int(1);
      const std::string body = q.Text(2);
      if (before == ToString(state) && q.Int(3) != 0) return Status::Ok();
      Stmt(*conn, "UPDATE comments SET state = ?2, decided_at = ?3, decided_by = ?4 WHERE id = ?1")
          .Bind(1, id).Bind(2, ToString(state)).Bind(3, now).BindId(4, user_id).Run();
      Stmt(*conn, "INSERT INTO moderation_log(comment_id, user_id, at, action, label, text) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
          .Bind(1, id).BindId(2, user_id).Bind(3, now).Bind(4, ToString(state)).Bind(5, label).Bind(6, body).Run();
      std::set<std::string> local;
      if ((before == "approved") != (state == CommentState::kApproved)) local.insert(keys::Article(article));
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      if (changed) *changed = true;
      return Status::Ok();
    });
  }

  Status EditCommentBody(Id id, const std::string& body, const std::string& scores, const std::string& reasons,
                         Id user_id, int64_t now, std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt q(*conn, "UPDATE comments SET body = ?2, body_hash = ?3, scores = ?4, reasons = ?5 WHERE id = ?1 "
                    "RETURNING state, article_id");
      q.Bind(1, id).Bind(2, body).Bind(3, BodyHash(body)).Bind(4, scores).Bind(5, reasons);
      if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
      const bool shown = q.Text(0) == "approved";
      const Id article = q.Int(1);
      q.Run();
      Stmt(*conn, "INSERT INTO moderation_log(comment_id, user_id, at, action, label, text) VALUES(?1, ?2, ?3, 'edit', '', ?4)")
          .Bind(1, id).BindId(2, user_id).Bind(3, now).Bind(4, body).Run();
      std::set<std::string> local;
      if (shown) local.insert(keys::Article(article));
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status ReportComment(Id id, const std::string& address_hash, int64_t now, int threshold, int* reports,
                       std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt q(*conn, "SELECT state, article_id FROM comments WHERE id = ?1");
      q.Bind(1, id);
      if (!q.Step() || q.Text(0) != "approved") return Status::NotFound("no comment " + std::to_string(id));
      const Id article = q.Int(1);
      Stmt(*conn, "INSERT INTO comment_reports(comment_id, address_hash, at) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING")
          .Bind(1, id).Bind(2, address_hash).Bind(3, now).Run();
      Stmt n(*conn, "UPDATE comments SET reports = (SELECT count(*) FROM comment_reports WHERE comment_id = ?1) "
                    "WHERE id = ?1 RETURNING reports");
      n.Bind(1, id);
      n.Step();
      *reports = static_cast<int>(n.Int(0));
      n.Run();
      std::set<std::string> local;
      if (*reports >= threshold) {
        // Back to the queue: readers no longer see it until a moderator decides.
        Stmt(*conn, "UPDATE comments SET state = 'pending' WHERE id = ?1").Bind(1, id).Run();
        local.insert(keys::Article(article));
      }
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status GetCommenterHistory(Id article_id, const std::string& address_hash, const std::string& email_hash,
                             const std::string& body, int64_t since, CommenterHistory* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      *out = CommenterHistory{};
      {
        Stmt q(*conn, "SELECT count(*) FROM comments WHERE address_hash = ?1 AND created_at >= ?2");
        q.Bind(1, address_hash).Bind(2, since);
        if (q.Step()) out->by_address = q.Int(0);
      }
      {
        Stmt q(*conn,
               "SELECT coalesce(sum(created_at >= ?2), 0), coalesce(sum(state = 'approved'), 0), "
               "coalesce(sum(state IN ('rejected', 'spam')), 0) FROM comments WHERE email_hash = ?1");
        q.Bind(1, email_hash).Bind(2, since);
        if (q.Step()) {
          out->by_email = q.Int(0);
          out->approved_by_email = q.Int(1);
          out->rejected_by_email = q.Int(2);
        }
      }
      {
        Stmt q(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND body_hash = ?2");
        q.Bind(1, article_id).Bind(2, BodyHash(body));
        if (q.Step()) out->duplicates = q.Int(0);
      }
      return Status::Ok();
    });
  }

  Status ExportComments(const std::string& email_hash, std::vector<Comment>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.email_hash = ?1 ORDER BY c.created_at, c.id");
      q.Bind(1, email_hash);
      while (q.Step()) out->push_back(ReadComment(q));
      for (Comment& c : *out) {
        Stmt e(*conn, "SELECT email FROM comments WHERE id = ?1");
        e.Bind(1, c.id);
        if (e.Step()) c.email = e.Text(0);
      }
      return Status::Ok();
    });
  }

  Status EraseComments(const std::string& email_hash, int64_t* erased, std::set<std::string>* changes) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      std::set<std::string> local;
      {
        Stmt q(*conn, "SELECT DISTINCT article_id FROM comments WHERE email_hash = ?1");
        q.Bind(1, email_hash);
        while (q.Step()) local.insert(keys::Article(q.Int(0)));
      }
      Stmt(*conn, "UPDATE moderation_log SET text = '' WHERE comment_id IN (SELECT id FROM comments WHERE email_hash = ?1)")
          .Bind(1, email_hash).Run();
      Stmt(*conn, "DELETE FROM comments WHERE email_hash = ?1").Bind(1, email_hash).Run();
      *erased = sqlite3_changes(conn->handle());
      InsertChanges(*conn, local);
      tx.Commit();
      changes->insert(local.begin(), local.end());
      return Status::Ok();
    });
  }

  Status LoadModerationLog(std::vector<std::pair<std::string, std::string>>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      // The latest decision per comment wins.
      Stmt q(*conn,
             "SELECT text, label FROM moderation_log WHERE id IN (SELECT max(id) FROM moderation_log "
             "WHERE label != '' GROUP BY comment_id) AND text != ''");
      while (q.Step()) out->emplace_back(q.Text(0), q.Text(1));
      return Status::Ok();
    });
  }

  Status ListModerationTerms(std::vector<ModerationTerm>* out) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      out->clear();
      Stmt q(*conn, "SELECT id, text, action, category FROM moderation_terms ORDER BY action, category, text");
      while (q.Step()) out->push_back(ModerationTerm{q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
      return Status::Ok();
    });
  }

  Status AddModerationTerm(ModerationTerm* t) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      {
        Stmt q(*conn, "SELECT id FROM moderation_terms WHERE text = ?1");
        q.Bind(1, t->text);
        if (q.Step()) return Status::Conflict("the term is already listed: " + t->text);
      }
      Stmt q(*conn, "INSERT INTO moderation_terms(text, action, category) VALUES(?1, ?2, ?3) RETURNING id");
      q.Bind(1, t->text).Bind(2, t->action).Bind(3, t->category);
      q.Step();
      t->id = q.Int(0);
      q.Run();
      InsertChanges(*conn, {keys::kModerationTerms});
      tx.Commit();
      return Status::Ok();
    });
  }

  Status RemoveModerationTerm(Id id) override {
    return Guard([&] {
      auto conn = pool_.Acquire();
      sqlite::Transaction tx(*conn);
      Stmt(*conn, "DELETE FROM moderation_terms WHERE id = ?1").Bind(1, id).Run();
      if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no term " + std::to_string(id));
      InsertChanges(*conn, {keys::kModerationTerms});
      tx.Commit();
      return Status::Ok();
    });
  }
#undef QALAM_COMMENT_SELECT

  sqlite::Pool pool_;
};

}  // namespace

bool SiteExists(const std::string& data_dir) {
  return std::filesystem::exists(std::filesystem::path(data_dir) / kDbFile);
}

Status OpenSqliteStore(const std::string& data_dir, bool create, std::unique_ptr<Store>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (create) {
    fs::create_directories(data_dir, ec);
    if (ec) return Status::Io("cannot create directory " + data_dir + ": " + ec.message());
  } else if (!SiteExists(data_dir)) {
    return Status::NotFound("no Qalam site in " + data_dir +
                            " (create one with: qalam init --data " + data_dir + ")");
  }
  std::string path = (fs::path(data_dir) / kDbFile).string();
  try {
    if (create) sqlite::Connection(path, true);  // Creates the file.
    auto store = std::make_unique<SqliteStore>(path);
    store->Migrate();
    *out = std::move(store);
  } catch (const SqliteError& e) {
    return Status::Io(e.what());
  }
  return Status::Ok();
}

}  // namespace qalam
