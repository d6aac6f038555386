// SqliteStore, the Store on an embedded SQLite database (DIR/qalam.db) in WAL
// mode: the class and the helpers its files share. Internal to src/store:
// everything else reaches it through OpenStore (store/open_store.h).
//
// Its methods are defined by area:
//   sqlite_store.cc     opening and migrating, settings, change keys
//   sqlite_articles.cc  reading, listing and saving articles (import and desk)
//   sqlite_search.cc    the full-text index, term lists, related articles
//   sqlite_names.cc     writers, sources, sections and tags; their renames
//   sqlite_desk.cc      the desk: workflow, revisions, autosaves, scheduling,
//                       the trash, article redirects, breaking news
//   sqlite_accounts.cc  users, one-time links, sessions, lock-out, audit log
//   sqlite_media.cc     the media library
//   sqlite_comments.cc  comments, reports, the moderation log and term lists
//   sqlite_imports.cc   imports from another system: batches, old IDs, old addresses
//   sqlite_feeds.cc     feeds and sitemaps: published rows streamed
//   sqlite_api.cc       the Content API's reads: keyset pages of articles, names, pages
//   sqlite_views.cc     readers' views by hour: adds, the most read, one article's hours
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "store/sqlite_db.h"
#include "core/change_keys.h"
#include "core/clock.h"
#include "store/store.h"

namespace qalam::sqlite_store_internal {

using sqlite::Connection;
using sqlite::SqliteError;
using sqlite::Stmt;

template <typename F>
Status Guard(F&& body) {
  try {
    return body();
  } catch (const SqliteError& e) {
    return Status::Io(e.what());
  }
}

// A slug for `base` that no row of `table` other than `self` uses.
// `table` is one of our own table names, never input.
inline std::string UniqueSlug(Connection& conn, const char* exists_sql, const std::string& base,
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
  SqliteStore(const std::string& path, Clock clock);

  // Brings the database to the current schema (sqlite_store.cc), and its
  // connections to the site's durability setting; throws SqliteError.
  void Migrate();

  // settings and change keys (sqlite_store.cc)
  Status LoadSettings(Settings* out) override;
  Status SaveSetting(const std::string& key, const std::string& value) override;
  Status RecordChanges(const std::set<std::string>& keys) override;
  Status ReadChanges(int64_t after, std::vector<std::string>* keys, int64_t* last) override;
  Status LastChangeId(int64_t* last) override;

  // backups and consistency (sqlite_backup.cc)
  Status CopyTo(const std::string& file) override;
  Status CheckIntegrity(std::vector<std::string>* problems) override;

  // articles (sqlite_articles.cc)
  Status SaveArticles(std::vector<Article>* articles, std::vector<SaveResult>* results,
                      std::set<std::string>* changes) override;
  Status GetArticleBySlug(const std::string& slug, Article* out) override;
  Status GetArticleById(Id id, Article* out) override;
  Status ListAllArticleIds(std::vector<Id>* out) override;
  Status GetArticleSummaries(const std::vector<Id>& ids,
                             std::vector<ArticleSummary>* out) override;
  Status ListArticles(ListKind kind, Id owner, int64_t offset, int64_t limit,
                      ArticlePage* out) override;
  Status CountArticles(int64_t* published, int64_t* drafts) override;
  Status ListFooterPages(std::vector<ArticleSummary>* out) override;
  Status ListPinnedArticles(int64_t now, std::vector<ArticleSummary>* out, int64_t* expires) override;
  Status ListCorrections(int64_t offset, int64_t limit, std::vector<CorrectionEntry>* out,
                         int64_t* total) override;

  // search and related articles (sqlite_search.cc)
  Status MatchIndex(const IndexQuery& query, std::vector<IndexMatch>* matches, IndexStats* stats) override;
  Status GetPublishedTimes(const std::vector<Id>& ids, std::vector<int64_t>* out) override;
  Status GetIndexedArticles(const std::vector<Id>& ids, std::vector<IndexedArticle>* out) override;
  Status LoadVocabulary(std::vector<std::pair<std::string, int64_t>>* out) override;
  Status LoadArticleTerms(ArticleTermLists* out) override;
  Status LoadIndexSources(std::vector<IndexSource>* out) override;
  Status RebuildSearchIndex(const arabic::AnalyzerOptions& analyzer, const std::vector<IndexText>& texts,
                            size_t* count) override;
  Status MissingSearchText(bool* missing) override;
  Status LoadRelatednessFeatures(std::vector<RelatednessFeatures>* out) override;
  Status LoadAutoRelated(std::map<Id, std::vector<Id>>* out) override;
  Status ReplaceAutoRelated(const std::map<Id, std::vector<Id>>& lists,
                            const std::set<std::string>& changes) override;
  Status GetAutoRelated(Id article_id, std::vector<ArticleSummary>* out) override;

  // feeds and sitemaps (sqlite_feeds.cc)
  Status ListSitemapMonths(std::vector<SitemapMonth>* out) override;
  Status ForEachSitemapArticle(const SitemapQuery& query,
                               const std::function<void(const SitemapRow&)>& row) override;
  Status ForEachSitemapName(NamedKind kind, int64_t offset, int64_t limit,
                            const std::function<void(const SitemapName&)>& name) override;

  // writers, sources, sections and tags (sqlite_names.cc)
  Status GetSectionBySlug(const std::string& slug, Section* out) override;
  Status GetTagBySlug(const std::string& slug, Tag* out) override;
  Status GetPersonBySlug(const std::string& slug, Person* out) override;
  Status GetSourceBySlug(const std::string& slug, Source* out) override;
  Status ListSections(std::vector<Section>* out) override;
  Status ListNamed(NamedKind kind, const std::string& query, int64_t limit,
                   std::vector<NamedItem>* out) override;
  Status GetNamed(NamedKind kind, Id id, NamedItem* out) override;
  Status UpdateNamed(NamedKind kind, const NamedItem& item, std::set<std::string>* changes) override;
  Status FindRedirect(NamedKind kind, const std::string& old_slug, std::string* slug) override;

  // the newsroom desk and breaking news (sqlite_desk.cc)
  Status SaveDeskArticle(Article* a, const DeskSave& save, std::set<std::string>* changes) override;
  Status ListDeskArticles(const DeskFilter& f, int64_t offset, int64_t limit,
                          std::vector<DeskRow>* out, int64_t* total) override;
  Status CountDesk(Id author_id, DeskCounts* out) override;
  Status ListRevisions(Id article_id, std::vector<Revision>* out) override;
  Status GetRevision(Id revision_id, Revision* out) override;
  Status SaveAutosave(const Autosave& s) override;
  Status ListAutosaves(Id article_id, std::vector<Autosave>* out) override;
  Status PublishDue(int64_t now, std::vector<Id>* published, std::set<std::string>* changes) override;
  Status PurgeTrash(int64_t before, std::vector<std::pair<Id, std::string>>* deleted) override;
  Status FindArticleRedirect(const std::string& old_slug, std::string* slug) override;
  Status GetHomeLayout(HomeLayout* out) override;
  // sqlite_views.cc
  Status AddArticleViews(const std::vector<ArticleViewsAdd>& adds) override;
  Status ListMostRead(int64_t since, int64_t limit, std::vector<MostReadArticle>* out) override;
  Status ListArticleViews(Id article_id, int64_t since, std::vector<HourViews>* out) override;
  Status SaveHomeLayout(const HomeLayout& layout, const AuditEntry& audit) override;
  Status GetFeaturedImages(const std::vector<Id>& article_ids, std::map<Id, MediaItem>* out) override;
  Status GetMenu(MenuName menu, SiteMenu* out) override;
  Status SaveMenu(MenuName menu, const std::vector<MenuItem>& items, Id user, int64_t now,
                  const AuditEntry& audit) override;
  Status AddBreaking(BreakingItem* item) override;
  Status ListBreaking(int64_t now, std::vector<BreakingItem>* out) override;
  Status UpdateBreaking(const BreakingItem& item) override;
  Status BreakingDue(int64_t now, bool* changed) override;
  Status NextBreakingStart(int64_t now, int64_t* at) override;
  Status OrderBreaking(const std::vector<Id>& ids) override;
  Status RemoveBreaking(Id id) override;

  // the Content API (sqlite_api.cc)
  Status ListApiArticles(const ApiArticleFilter& filter, bool with_bodies, std::vector<ApiArticle>* out) override;
  Status GetApiArticle(Id id, const std::string& slug, ApiArticle* out) override;
  Status ListApiNames(NamedKind kind, const std::string& after_name, Id after_id, int64_t limit,
                      std::vector<NamedItem>* out) override;
  Status GetApiName(NamedKind kind, const std::string& slug, NamedItem* out) override;
  Status ListApiPages(Id after_id, int64_t limit, std::vector<Article>* out) override;
  // The rest of a page of API articles, read for all of them at once.
  static void FillApiArticles(Connection& conn, std::vector<ApiArticle>* items);

  // accounts (sqlite_accounts.cc)
  Status CreateUser(User* user) override;
  Status GetUserByEmail(const std::string& email, User* out) override;
  Status GetUserById(Id id, User* out) override;
  Status CountUsers(int64_t* count) override;
  Status ListUsers(std::vector<User>* out) override;
  Status CountActiveAdmins(int64_t* count) override;
  Status UpdateUserRole(Id user_id, Role role) override;
  Status SetUserDisabled(Id user_id, bool disabled) override;
  Status DeleteUserOneTimeTokens(Id user_id, const std::string& purpose) override;
  Status SetPasswordHash(Id user_id, const std::string& hash) override;
  Status SaveOneTimeToken(const std::string& digest, const std::string& purpose, Id user_id,
                          int64_t expires_at) override;
  Status ConsumeOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                             Id* user_id) override;
  Status PeekOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                          Id* user_id) override;
  Status CreateSession(const Session& session) override;
  Status GetSession(const std::string& digest, int64_t now, Session* out) override;
  Status DeleteSession(const std::string& digest) override;
  Status RecordLoginFailure(const std::string& key, int64_t now, const LoginLimit& limit, int64_t* failures,
                            int64_t* locked_until) override;
  Status GetLoginLock(const std::string& key, int64_t now, int64_t* locked_until) override;
  Status ClearLoginFailuresWithPrefix(const std::string& prefix, int64_t now, int64_t* cleared) override;
  Status ClearLoginFailures(const std::string& key) override;
  Status AppendAudit(const AuditEntry& e) override;
  Status ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) override;

  // media (sqlite_media.cc)
  Status SaveMedia(MediaItem* item, bool* created) override;
  Status GetMedia(Id id, MediaItem* out) override;
  Status ListMedia(int64_t offset, int64_t limit, std::vector<MediaItem>* out, int64_t* total) override;
  Status SetMediaAlt(Id id, const std::string& alt) override;
  Status SetMediaCaptionCredit(Id id, const std::string& caption, const std::string& credit) override;
  Status SaveMediaPending(MediaItem* item, PendingMedia* pending, bool* created) override;
  Status ListPendingMedia(bool failed, int64_t limit, std::vector<PendingMedia>* out) override;
  Status FindPendingMedia(const std::string& variant_key, PendingMedia* out) override;
  Status FinishPendingMedia(Id media_id) override;
  Status FailPendingMedia(Id media_id, const std::string& failure) override;

  // comments and moderation (sqlite_comments.cc)
  Status AddComment(Comment* c, std::set<std::string>* changes) override;
  Status GetComment(Id id, Comment* out) override;
  Status ListApprovedComments(Id article_id, bool newest_first, int64_t offset, int64_t limit,
                              std::vector<Comment>* out, int64_t* total) override;
  Status CountApprovedComments(Id article_id, int64_t* count) override;
  Status CountComments(CommentState state, int64_t* count) override;
  Status ListCommentQueue(const CommentFilter& f, int64_t offset, int64_t limit, std::vector<Comment>* out,
                          int64_t* total) override;
  Status ListCommentedArticles(int64_t limit, std::vector<CommentedArticle>* out) override;
  Status DecideComment(Id id, CommentState state, Id user_id, int64_t now, const std::string& label,
                       std::set<std::string>* changes, bool* changed, const AuditEntry* audit) override;
  Status EditCommentBody(Id id, const std::string& body, const std::string& scores, const std::string& reasons,
                         Id user_id, int64_t now, std::set<std::string>* changes, const AuditEntry* audit) override;
  Status AddModeratorReply(Comment* reply, const std::string& approve_action, const std::string& reply_action,
                           std::set<std::string>* changes, bool* approved_parent) override;
  Status ReportComment(Id id, const std::string& address_hash, int64_t now, int threshold, int* reports,
                       std::set<std::string>* changes) override;
  Status GetCommenterHistory(Id article_id, const std::string& address_hash, const std::string& email_hash,
                             const std::string& body, int64_t since, CommenterHistory* out) override;
  Status ExportComments(const std::string& email_hash, std::vector<Comment>* out) override;
  Status ListArticleComments(Id article_id, std::vector<Comment>* out) override;
  Status EraseComments(const std::string& email_hash, int64_t* erased, std::set<std::string>* changes,
                       const AuditEntry* audit) override;
  Status LoadModerationLog(std::vector<std::pair<std::string, std::string>>* out) override;
  Status ListModeratorDecisions(int64_t since, std::vector<ModeratorDecision>* out) override;
  Status CountModeratorDecisions(int64_t* n) override;
  Status ListModerationTerms(std::vector<ModerationTerm>* out) override;
  Status AddModerationTerm(ModerationTerm* t) override;
  Status RemoveModerationTerm(Id id) override;

  // sqlite_imports.cc
  Status SaveImportBatch(ImportBatch* batch, ImportBatchResult* result,
                         std::set<std::string>* changes) override;
  Status LoadImported(const std::string& origin, const std::string& kind,
                      std::vector<ImportedObject>* out) override;
  Status SaveImported(const std::vector<ImportedObject>& objects) override;
  Status FindOldAddress(const std::string& path, OldAddress* out) override;

 private:
  void ApplyDurability(const std::string& setting);
  // The articles a person (bound as `person`, e.g. "?1") took part in: as
  // the byline's first writer or in article_people (co-writer, translator,
  // contributor). Their page, counts and filters all use it. A query that
  // also filters on status and kind writes `+a.status`, `+a.kind`: SQLite
  // then starts from these ids (two index seeks) instead of walking every
  // published article in date order (articles_sitemap) to find them.
#define QALAM_TOOK_PART(person)                                                                   \
  "a.id IN (SELECT w.id FROM articles w WHERE w.writer_id = " person " UNION "                   \
  "SELECT ap.article_id FROM article_people ap WHERE ap.person_id = " person ")"
  // Summary columns: id, title, slug, published_at, first highlight, section
  // name and slug, writer name. Every list binds ?1 owner, ?2 limit, ?3 offset.
#define QALAM_SUMMARY_COLUMNS                                                        \
  "SELECT a.id, a.title, a.slug, a.published_at, "                                   \
  "coalesce((SELECT text FROM article_highlights h WHERE h.article_id = a.id "       \
  "ORDER BY position LIMIT 1), ''), coalesce(c.name, ''), coalesce(c.slug, ''), "    \
  "coalesce(w.name, '') FROM articles a LEFT JOIN sections c ON c.id = a.section_id " \
  "LEFT JOIN people w ON w.id = a.writer_id "
#define QALAM_SUMMARY_COLUMNS_PINNED                                                 \
  "SELECT a.id, a.title, a.slug, a.published_at, "                                   \
  "coalesce((SELECT text FROM article_highlights h WHERE h.article_id = a.id "       \
  "ORDER BY position LIMIT 1), ''), coalesce(c.name, ''), coalesce(c.slug, ''), "    \
  "coalesce(w.name, ''), a.pinned_until FROM articles a "                            \
  "LEFT JOIN sections c ON c.id = a.section_id LEFT JOIN people w ON w.id = a.writer_id "
#define QALAM_SUMMARY_ORDER " ORDER BY a.published_at DESC, a.id DESC LIMIT ?2 OFFSET ?3"
  // Articles only: a page has no summary (no list, no comments).
  static constexpr const char* kSummarySelect_ById = QALAM_SUMMARY_COLUMNS "WHERE a.id = ?1 AND a.kind = 'article'";
  static constexpr const char* kSummarySelect_All =
      QALAM_SUMMARY_COLUMNS "WHERE a.status = 'published' AND a.kind = 'article' AND ?1 = ?1" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Section =
      QALAM_SUMMARY_COLUMNS "WHERE a.section_id = ?1 AND a.status = 'published' AND a.kind = 'article'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Writer =
      QALAM_SUMMARY_COLUMNS "WHERE " QALAM_TOOK_PART("?1") " AND +a.status = 'published' AND +a.kind = 'article'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Source =
      QALAM_SUMMARY_COLUMNS "WHERE a.source_id = ?1 AND a.status = 'published' AND a.kind = 'article'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Tag =
      QALAM_SUMMARY_COLUMNS "JOIN article_tags at ON at.article_id = a.id "
                            "WHERE at.tag_id = ?1 AND a.status = 'published' AND a.kind = 'article'" QALAM_SUMMARY_ORDER;
  static constexpr const char* kSummarySelect_Footer =
      QALAM_SUMMARY_COLUMNS "WHERE a.kind = 'page' AND a.in_footer = 1 AND a.status = 'published' "
                            "ORDER BY a.title, a.id";
  // ?1 now; the pin's expiry is the summary's ninth column.
  static constexpr const char* kSummarySelect_Pinned =
      QALAM_SUMMARY_COLUMNS_PINNED "WHERE a.pinned = 1 AND a.status = 'published' AND a.kind = 'article' "
                                   "AND (a.pinned_until = 0 OR a.pinned_until > ?1) "
                                   "ORDER BY a.published_at DESC, a.id DESC";
  static constexpr const char* kSummarySelect_Related =
      QALAM_SUMMARY_COLUMNS "JOIN related_auto r ON r.target_id = a.id "
                            "WHERE r.article_id = ?1 AND a.status = 'published' AND a.kind = 'article' "
                            "ORDER BY r.position";
#undef QALAM_SUMMARY_COLUMNS
#undef QALAM_SUMMARY_COLUMNS_PINNED
#undef QALAM_SUMMARY_ORDER

  // How FindOrCreate finds and adds a person, source, section or tag.
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

  // Each named table's statements (SqlFor).
  struct NamedSql {
    const char* list;    // ?1 query, ?2 limit
    const char* get;     // ?1 id
    const char* by_name; // ?1 name -> id
    const char* slug_exists;
    const char* update;  // ?1 id, ?2 name, ?3 slug, ?4 extra, ?5 photo
  };

  // sqlite_store.cc
  void InsertChanges(Connection& conn, const std::set<std::string>& keys);

  // sqlite_comments.cc, inside a caller's transaction
  Status InsertComment(Connection& conn, Comment* c, std::vector<CommentChange>* facts);
  static void FillEmails(Connection& conn, std::vector<Comment>* comments);
  // CheckIntegrity's part for comments: every state explained by its log.
  static void CheckCommentStates(Connection& conn, std::vector<std::string>* problems);
  static Status DecideInTx(Connection& conn, Id id, CommentState state, Id user_id, int64_t now,
                           const std::string& label, const AuditEntry* audit, std::vector<CommentChange>* facts,
                           bool* changed);
  static void InsertAudit(Connection& conn, const AuditEntry& e, int64_t now);

  // sqlite_media.cc
  // The cards of the listed articles (published, not pages) among those
  // whose featured image is `image_id`, or the one article `article_id`
  // (the other 0), as they are now in this transaction.
  static std::vector<ListedCard> ListedCards(Connection& conn, Id image_id, Id article_id);

  // sqlite_articles.cc
  static bool ReadArticle(Connection& conn, Id id, const std::string& slug, Article* out);
  // An article's notices, in order (oldest first as the desk keeps them).
  static std::vector<ArticleNotice> ReadNotices(Connection& conn, Id article_id);
  // The last-admin rule's reads (sqlite_accounts.cc).
  static bool ActiveAdminLeft(Connection& conn);
  static bool IsActiveAdmin(Connection& conn, Id user_id, bool* exists);
  static ArticleSummary ReadSummary(Stmt& q);
  static std::vector<Id> MenuSections(Connection& conn);
  static std::string ContentHash(const Article& a);
  static void BindKind(Stmt& q, const Article& a);
  // Invalid when a slug the caller makes is missing (store.h, SaveArticles).
  static Status CheckMade(const Article& a);
  // Appends to facts->written when it writes the article.
  // `index` false: the caller calls IndexArticle itself once its other
  // writes are done (FTS5 flushes its pending terms at every statement that
  // opens a savepoint after them: an import batch indexes last).
  SaveResult SaveOne(Connection& conn, Article& a, ArticleSaveFacts* facts, bool index = true);
  // The search text and terms stored with an article.
  static void ReadIndexedText(Connection& conn, Article* a);

  // sqlite_search.cc
  // Stores the article's search text and terms, and puts it in the search
  // index when published (takes it out when not).
  static void IndexArticle(Connection& conn, const Article& a);
  // IndexArticle's two halves. FTS5 flushes its pending terms whenever a
  // later write statement opens a savepoint, so a batch writes every
  // article's terms first and then every search row (the import).
  static void IndexTerms(Connection& conn, const Article& a);
  static void IndexSearchRow(Connection& conn, const Article& a);

  // sqlite_names.cc
  template <typename F>
  Status GetBySlug(const char* sql, const std::string& slug, F&& read);
  static NamedRow FindOrCreate(Connection& conn, const NamedTable& t, const std::string& name,
                               const std::string& extra, const std::string& slug_base, bool* created);
  static const NamedSql& SqlFor(NamedKind kind);

  // sqlite_desk.cc
  static void BindDesk(Stmt& q, const DeskFilter& f);

  // sqlite_accounts.cc
  template <typename BindFn>
  Status GetUser(const char* sql, BindFn bind, User* out);

  // sqlite_media.cc
  static std::string VariantsJson(const MediaItem& item);
  static void ParseVariants(const std::string& text, MediaItem* item);
  // The columns of sqlite_media.cc's QALAM_MEDIA_SELECT, from column `first`.
  static MediaItem ReadMediaRow(Stmt& q, int first = 0);
  static bool ReadMedia(Connection& conn, Id id, MediaItem* out);

  // sqlite_comments.cc
  static Comment ReadComment(Stmt& q);
  static std::string BodyHash(const std::string& body);

  sqlite::Pool pool_;
  const Clock clock_;  // For rows whose time the caller left at 0, and the change log's age.
};

// The ids as a JSON array, for "IN (SELECT value FROM json_each(?1))": one
// statement text whatever the number of ids.
inline std::string IdsJson(const std::vector<Id>& ids) {
  std::string out = "[";
  for (Id id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "]";
}

// A read of several statements seeing one snapshot of the database.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite::Connection& conn) : conn_(conn) { conn_.Exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      conn_.Exec("COMMIT");
    } catch (const sqlite::SqliteError&) {
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite::Connection& conn_;
};

}  // namespace qalam::sqlite_store_internal
