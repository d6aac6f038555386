// Store: everything Qalam keeps, behind one interface. SqliteStore is the
// embedded implementation; a PostgreSQL one satisfies the same contract.
//
// Every method is safe to call from several threads at once. Writes that
// change what readers see also record "change keys" (see core/change_keys.h)
// in the same transaction, so that every server process sharing the database
// can purge exactly the cached pages they affect.
#pragma once
#include <cstdint>
#include <map>
#include <utility>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/model.h"
#include "core/settings.h"
#include "core/status.h"

namespace qalam {

// What an article upsert did.
struct SaveResult {
  Id id = 0;
  bool created = false;
  bool changed = false;  // False when the stored article was already identical.
};

// The features automatic related-article selection looks at.
struct RelatednessFeatures {
  Id id = 0;
  int64_t published_at = 0;
  Id section_id = 0;
  Id writer_id = 0;
  std::vector<Id> tag_ids;
};

enum class ListKind { kAll, kSection, kTag, kWriter, kSource };

// A full-text search as the store runs it: `match` is an FTS5 expression in
// the index's own tokens (built by services/search_query). Filters are
// slugs ("" for none) and UTC second bounds (0 for none).
struct SearchRequest {
  std::string match;
  std::string section, tag, writer, source;
  int64_t from = 0, to = 0;
  bool by_date = false;         // Newest first instead of by relevance.
  double recency_weight = 0.0;  // 0 turns the recency boost off.
  int64_t now = 0;
  int64_t offset = 0, limit = 10;
  bool count = true;  // False skips counting all matches (total = results seen).
};

struct SearchHit {
  Id id = 0;
  std::string external_id;
  std::string title;
  std::string slug;
  std::string snippet;  // Text with \x01 … \x02 around matched words (not escaped).
  double score = 0.0;
  int64_t published_at = 0;
  std::string section_name;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- settings
  virtual Status LoadSettings(Settings* out) = 0;
  virtual Status SaveSetting(const std::string& key, const std::string& value) = 0;

  // --- articles
  // Inserts or updates each article by external_id (or by slug when it has
  // none), creating the people, source, section and tags it names, and
  // rendering nothing: body_html must be filled in by the caller. Slugs are
  // made unique. All in one transaction; adds the affected change keys to
  // *changes.
  virtual Status SaveArticles(std::vector<Article>* articles, std::vector<SaveResult>* results,
                              std::set<std::string>* changes) = 0;
  // A published or draft article with everything its page shows, but the
  // automatic related articles.
  virtual Status GetArticleBySlug(const std::string& slug, Article* out) = 0;
  virtual Status GetArticleSummaries(const std::vector<Id>& ids,
                                     std::vector<ArticleSummary>* out) = 0;
  // Published articles, newest first; `owner` is the section/tag/person/source id.
  virtual Status ListArticles(ListKind kind, Id owner, int64_t offset, int64_t limit,
                              ArticlePage* out) = 0;
  virtual Status CountArticles(int64_t* published, int64_t* drafts) = 0;

  // --- the things articles point at
  virtual Status GetSectionBySlug(const std::string& slug, Section* out) = 0;
  virtual Status GetTagBySlug(const std::string& slug, Tag* out) = 0;
  virtual Status GetPersonBySlug(const std::string& slug, Person* out) = 0;
  virtual Status GetSourceBySlug(const std::string& slug, Source* out) = 0;
  // Sections that have published articles, largest first.
  virtual Status ListSections(std::vector<Section>* out) = 0;

  // --- automatic related articles ("موضوعات تهمك" after the curated links)
  virtual Status LoadRelatednessFeatures(std::vector<RelatednessFeatures>* out) = 0;
  virtual Status LoadAutoRelated(std::map<Id, std::vector<Id>>* out) = 0;
  // Replaces the lists of the given articles (an empty list removes them)
  // and records their change keys.
  virtual Status ReplaceAutoRelated(const std::map<Id, std::vector<Id>>& lists,
                                    const std::set<std::string>& changes) = 0;
  virtual Status GetAutoRelated(Id article_id, std::vector<ArticleSummary>* out) = 0;

  // --- search (the index is kept current by SaveArticles)
  virtual Status Search(const SearchRequest& request, std::vector<SearchHit>* hits,
                        int64_t* total) = 0;
  // Every word of the index (stems and exact forms, without their '='),
  // with the number of articles holding it. A full pass over the index:
  // callers cache it (services/search.h, Vocabulary).
  virtual Status LoadVocabulary(std::vector<std::pair<std::string, int64_t>>* out) = 0;
  // Rebuilds the search index and the term lists from the articles, with ة
  // folded into ه or not. *count gets the number of articles indexed.
  virtual Status ReindexSearch(bool fold_teh_marbuta, size_t* count) = 0;
  // Every published article's characteristic terms (arabic/term_weights.h).
  virtual Status LoadArticleTerms(std::map<Id, std::vector<std::pair<std::string, int>>>* out) = 0;

  // --- breaking news
  virtual Status AddBreaking(BreakingItem* item) = 0;
  // Items not expired at `now`, newest first; all items when now is 0.
  virtual Status ListBreaking(int64_t now, std::vector<BreakingItem>* out) = 0;
  virtual Status RemoveBreaking(Id id) = 0;

  // --- accounts (core/account.h)
  // Conflict when the email is taken; fills user->id and created_at.
  virtual Status CreateUser(User* user) = 0;
  virtual Status GetUserByEmail(const std::string& email, User* out) = 0;
  virtual Status GetUserById(Id id, User* out) = 0;
  virtual Status CountUsers(int64_t* count) = 0;
  // Sets the hash and ends every session of the user (a new password
  // signs out everywhere else).
  virtual Status SetPasswordHash(Id user_id, const std::string& hash) = 0;
  virtual Status SaveOneTimeToken(const std::string& digest, const std::string& purpose,
                                  Id user_id, int64_t expires_at) = 0;
  // Deletes the token and returns its user; NotFound when unknown, used or
  // expired at `now`.
  virtual Status ConsumeOneTimeToken(const std::string& digest, const std::string& purpose,
                                     int64_t now, Id* user_id) = 0;
  // True when an unexpired token exists (without consuming it).
  virtual Status PeekOneTimeToken(const std::string& digest, const std::string& purpose,
                                  int64_t now, Id* user_id) = 0;
  virtual Status CreateSession(const Session& session) = 0;
  // NotFound when unknown or expired at `now`.
  virtual Status GetSession(const std::string& digest, int64_t now, Session* out) = 0;
  virtual Status DeleteSession(const std::string& digest) = 0;
  // Counts a failed sign-in for `key`; when `max` failures fall within
  // `window` seconds, locks it until now + lock_for. *locked_until gets the
  // lock's end (0 when not locked).
  virtual Status RecordLoginFailure(const std::string& key, int64_t now, int64_t window, int max,
                                    int64_t lock_for, int64_t* locked_until) = 0;
  virtual Status GetLoginLock(const std::string& key, int64_t now, int64_t* locked_until) = 0;
  virtual Status ClearLoginFailures(const std::string& key) = 0;
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Status ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) = 0;

  // --- change keys
  virtual Status RecordChanges(const std::set<std::string>& keys) = 0;
  // Keys recorded after `after`; *last is the newest change id seen.
  virtual Status ReadChanges(int64_t after, std::vector<std::string>* keys, int64_t* last) = 0;
  virtual Status LastChangeId(int64_t* last) = 0;
};

// Opens the site database in `data_dir`. With create, makes the directory
// and a new database; without it, fails when there is no site there.
// Applies pending migrations either way.
Status OpenSqliteStore(const std::string& data_dir, bool create, std::unique_ptr<Store>* out);

// True when `data_dir` holds a Qalam database.
bool SiteExists(const std::string& data_dir);

}  // namespace qalam
