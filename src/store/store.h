// Store: everything Qalam keeps, behind one interface. SqliteStore is the
// embedded implementation; a PostgreSQL one satisfies the same contract.
//
// Every method is safe to call from several threads at once, and from
// several processes or servers sharing the site. Writes that change what
// readers see also record "change keys" (see core/change_keys.h) in the same
// transaction, so that every server process sharing the database can purge
// exactly the cached pages they affect. Which keys is not the store's to
// decide: a backend gathers the facts of the write in its transaction and
// records the keys core/change_keys.h's function for that write returns.
//
// The store computes nothing from what it is given: slugs, the plain text
// and terms of the search index and related articles come made from above
// (services/article_text.h); the store makes slugs unique and persists.
//
// Isolation. Every method is one transaction: all of it or nothing. Unless its
// comment says more, a method needs no more than READ COMMITTED: it reads
// nothing it then writes on the strength of. The methods that read, check and
// write say how they stay right when two servers call them at once; a backend
// must keep that promise however it runs transactions (tests/unit/
// store_races_test.cc runs two writers at once on each):
//   - SaveDeskArticle: compare-and-set on the article's version.
//   - PublishDue: each due article claimed by compare-and-set on its
//     schedule, so it goes live once.
//   - BreakingDue: the items' times claimed by compare-and-set on their
//     `announced` marks, so each start or end is recorded as one change.
//   - UpdateUserRole, SetUserDisabled: the last-admin rule is checked after
//     the change; the active admins' rows must be locked (or the transaction
//     serializable) so that two admins removing each other cannot both pass.
//   - DecideComment, AddModeratorReply: compare-and-set on the comment's
//     state and decision time.
//   - AddModerationTerm, CreateUser, media and names: unique keys.
// Times come from the caller or, where a row's time is left at 0, from the
// clock the store was opened with (store/open_store.h), never the wall clock.
#pragma once
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "arabic/analyzer.h"
#include "core/account.h"
#include "core/comment.h"
#include "core/model.h"
#include "core/settings.h"
#include "core/status.h"
#include "store/imported.h"
#include "store/search_index.h"

namespace qalam {

// The front page as the desk lays it out (services/home_layout.h keeps its
// rules; render/home_page.cc fills whatever is left open). Ids of articles
// and sections that no longer exist are dropped by the store.
// Readers' views of an article (migration 24): counted in memory by
// services/view_counter and added here by hour, never per reader.
struct ArticleViewsAdd {
  Id article_id = 0;
  int64_t hour = 0;   // UTC seconds at the start of the hour (a multiple of 3600).
  int64_t views = 0;  // Added to what the hour already holds; > 0.
};
// An article with its views over a window (the most read, the dashboard).
struct MostReadArticle {
  ArticleSummary article;
  int64_t views = 0;
};
// One hour's views of one article (the desk's chart).
struct HourViews {
  int64_t hour = 0;
  int64_t views = 0;
};

struct HomeLayout {
  Id lead = 0;                  // 0: none chosen.
  std::vector<Id> featured;     // The row under the lead, in order.
  bool sections_chosen = false; // False: never chosen (every section, largest first).
  std::vector<Id> sections;     // One block per section, in order.
  Id opinion_section = 0;       // Its block shows the writers; 0: none.
  int64_t updated_at = 0;
  Id updated_by = 0;
};

// One entry of a site menu (services/site_identity.h keeps the rules;
// render/site_identity.cc skips entries whose section or page is gone or
// unpublished).
enum class MenuItemKind { kSection, kPage, kLink };
struct MenuItem {
  MenuItemKind kind = MenuItemKind::kLink;
  Id target = 0;      // The section's or the static page's id; 0 for a link.
  std::string url;    // A link's address (http(s) or a site path).
  std::string label;  // Shown instead of the section's or page's name; a link's text.
};

// The header's or the footer's menu as the desk built it.
enum class MenuName { kHeader, kFooter };
struct SiteMenu {
  bool saved = false;  // False: never saved (the theme's default menu shows).
  std::vector<MenuItem> items;  // In order.
};

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

// Every published article's characteristic terms, each distinct term held
// once (LoadArticleTerms): `terms` numbers them, and `lists` gives each
// article (by id, ascending) its (term number, weight) pairs, heaviest
// first. Interned because 50,000 articles × 40 terms as strings were most of
// a related-articles refresh's memory (bench/import).
struct ArticleTermLists {
  std::vector<std::string> terms;
  std::vector<std::pair<Id, std::vector<std::pair<uint32_t, int>>>> lists;
};

enum class ListKind { kAll, kSection, kTag, kWriter, kSource };

// What an article's search text and terms are computed from (LoadIndexSources).
struct IndexSource {
  Id id = 0;
  std::string stamp;  // Moves on with every save that writes the article.
  std::string title;
  std::vector<std::string> highlights;
  std::string body_markdown;
};

// An article's search text and terms, computed above the store from its
// IndexSource (RebuildSearchIndex).
struct IndexText {
  Id id = 0;
  std::string stamp;  // The IndexSource's.
  std::string search_text;
  std::vector<std::pair<std::string, int>> terms;
};

// --- feeds and sitemaps (the rows of a sitemap, streamed)

// A published article or static page as a sitemap lists it.
struct SitemapRow {
  Id id = 0;
  std::string slug;
  std::string title;
  int64_t published_at = 0;
  // The latest of its publication, "updated" and modification times.
  int64_t modified_at = 0;
  // The featured image's variants, smallest first (none without one).
  std::vector<MediaVariant> image_variants;
};

// Which published rows ForEachSitemapArticle streams: of one kind,
// published in [from, to), in publication order (then id), skipping
// `offset` rows and giving at most `limit` (-1: all).
struct SitemapQuery {
  ArticleKind kind = ArticleKind::kArticle;
  int64_t from = 0;
  int64_t to = INT64_MAX;
  int64_t offset = 0;
  int64_t limit = -1;
  bool newest_first = false;
};

// The published articles of one UTC month ("2026-12"): how many, and the
// latest modification among them.
struct SitemapMonth {
  std::string month;
  int64_t count = 0;
  int64_t modified_at = 0;
};

// A writer, section or tag with published articles, and the latest
// modification among them.
struct SitemapName {
  Id id = 0;
  std::string slug;
  int64_t modified_at = 0;
};

// --- the newsroom desk

// Where an article stands on the desk, derived from status and workflow.
enum class DeskState { kDraft, kReview, kScheduled, kPublished, kTrashed };
DeskState DeskStateOf(ArticleStatus status, Workflow workflow);
const char* ToString(DeskState s);  // "draft", "review", "scheduled", "published", "trashed"
bool ParseDeskState(const std::string& s, DeskState* out);

// Filters for the desk's article lists; zero/empty means any.
struct DeskFilter {
  std::optional<DeskState> state;  // Without it: everything but the trash.
  Id author_id = 0;   // Created on the desk by this account.
  Id writer_id = 0;
  Id section_id = 0;
  Id tag_id = 0;
  std::string title;  // Part of the title.
  std::optional<ArticleKind> kind;  // Without it: articles and pages.
  // Newest publication first; otherwise the most recently changed first.
  bool newest_published = false;
};

struct DeskRow {
  Id id = 0;
  std::string title;
  std::string slug;
  DeskState state = DeskState::kDraft;
  int64_t published_at = 0;
  int64_t scheduled_at = 0;
  int64_t trashed_at = 0;
  int64_t modified_at = 0;
  Id author_id = 0;
  std::string author_name;
  std::string writer_name;
  std::string section_name;
  ArticleKind kind = ArticleKind::kArticle;
  bool in_footer = false;
  bool pinned = false;  // As stored, whether or not its pin has expired.
};

struct DeskCounts {
  int64_t draft = 0, review = 0, scheduled = 0, published = 0, trashed = 0;
};

// One save of an article on the desk (article_revisions).
struct Revision {
  Id id = 0;
  Id article_id = 0;
  Id user_id = 0;
  std::string user_name;  // Filled when read.
  int64_t at = 0;
  bool minor = false;
  std::string action;    // "save", "submit", "publish", "schedule", "unpublish", "trash", "restore", …
  std::string snapshot;  // The editable fields as JSON (services/newsroom.h).
};

struct Autosave {
  Id article_id = 0;
  Id user_id = 0;
  std::string user_name;
  int64_t at = 0;
  int64_t base_version = 0;
  std::string snapshot;
};

// How a desk save is checked and recorded.
struct DeskSave {
  // The version the editor started from: Conflict when the stored article
  // has moved on (someone else saved). Ignored for a new article.
  int64_t expected_version = 0;
  Revision revision;         // Recorded in the same transaction (article_id filled in).
  std::vector<AuditEntry> audit;  // Also in the same transaction.
  Id user_id = 0;            // Whose autosave the save supersedes.
};

struct NamedItem {
  Id id = 0;
  std::string name;
  std::string slug;
  // A person's bio, a source's address, a section's or tag's description.
  std::string extra;
  Id photo_id = 0;    // A person's photo (media).
  int64_t articles = 0;  // Published articles naming it.
  bool show_time = true;  // A section's Section::show_time; true for the other kinds.
};

// --- comments

struct CommentFilter {
  std::optional<CommentState> state;  // Without it: pending first, then the rest but the trash.
  Id article_id = 0;
  bool reported = false;  // Only comments readers reported.
};

// An article that has comments, for the moderators' filter.
struct CommentedArticle {
  Id id = 0;
  std::string title;
  int64_t pending = 0;  // Comments waiting for a moderator.
};

// What the spam guards and trust ask of the store, all since `since`.
struct CommenterHistory {
  int64_t by_address = 0;        // Comments from this address.
  int64_t by_email = 0;          // Comments with this email.
  int64_t duplicates = 0;        // The same text on the same article.
  int64_t approved_by_email = 0; // Approved comments with this email, ever.
  int64_t rejected_by_email = 0; // Rejected or spam, ever.
};

// --- the Content API (render/content_api.h): what a public, read-only API
// may read. Only published articles (never pages) and published pages.

// Which published articles a page of the Content API's list holds, newest
// first by (published_at, id). 0 ids mean any; the times are inclusive
// bounds (INT64_MIN / INT64_MAX when absent).
struct ApiArticleFilter {
  Id section_id = 0, tag_id = 0, writer_id = 0, source_id = 0;
  int64_t since = INT64_MIN;          // published_at >= since
  int64_t until = INT64_MAX;          // published_at <= until
  int64_t updated_since = INT64_MIN;  // max(published_at, updated_at) >= updated_since
  // The keyset: only articles after (older than) this (published_at, id)
  // in the list's order. Absent for the first page.
  std::optional<std::pair<int64_t, Id>> after;
  int64_t limit = 20;
};

// A published article as the Content API shows it: what its page shows.
struct ApiArticle {
  // Filled as GetArticleById fills it (featured image, curated links whose
  // target is published, tags, highlights); body_markdown and body_html
  // only when asked for.
  Article article;
  std::vector<ArticleSummary> auto_related;  // As GetAutoRelated gives them.
  int64_t comment_count = 0;                 // Approved comments.
  std::optional<MediaItem> writer_photo;
  // The portraits of its contributors (Article::contributors), by person id.
  std::map<Id, MediaItem> contributor_photos;
};

class Store {
 public:
  virtual ~Store() = default;

  // --- settings
  virtual Status LoadSettings(Settings* out) = 0;
  virtual Status SaveSetting(const std::string& key, const std::string& value) = 0;

  // --- articles
  // Inserts or updates each article by external_id (or by slug when it has
  // none), creating the people, source, section and tags it names. It
  // computes nothing: the caller fills in body_html, the base slugs of the
  // article and of the names it brings, search_text and terms
  // (services/article_text.h, PrepareArticle); Invalid, writing nothing,
  // when a slug is missing. Slugs are made unique. All in one transaction;
  // adds the affected change keys (keys::ForArticleSave) to *changes.
  virtual Status SaveArticles(std::vector<Article>* articles, std::vector<SaveResult>* results,
                              std::set<std::string>* changes) = 0;
  // A published or draft article or page with everything its page shows,
  // but the automatic related articles.
  virtual Status GetArticleBySlug(const std::string& slug, Article* out) = 0;
  // Articles only (a page has no summary), in the order asked.
  virtual Status GetArticleSummaries(const std::vector<Id>& ids,
                                     std::vector<ArticleSummary>* out) = 0;
  // Published articles (never pages), newest first; `owner` is the
  // section/tag/person/source id.
  virtual Status ListArticles(ListKind kind, Id owner, int64_t offset, int64_t limit,
                              ArticlePage* out) = 0;
  // Published articles (pages not counted) and drafts of either kind.
  virtual Status CountArticles(int64_t* published, int64_t* drafts) = 0;
  // The footer menu: published pages marked in_footer, by title, then id
  // (summaries: title and slug; no date, section or writer is shown).
  virtual Status ListFooterPages(std::vector<ArticleSummary>* out) = 0;
  // Published articles pinned at `now` (pinned_until 0 or after `now`),
  // newest first: the top of the home page. *expires (optional) gets the
  // earliest pinned_until among them, 0 when none expires.
  virtual Status ListPinnedArticles(int64_t now, std::vector<ArticleSummary>* out, int64_t* expires) = 0;
  // The corrections page: listed notices (NoticeListed) of published
  // articles, newest first (then by article and position); *total counts
  // them all.
  virtual Status ListCorrections(int64_t offset, int64_t limit, std::vector<CorrectionEntry>* out,
                                 int64_t* total) = 0;

  // --- the newsroom desk
  // Any article, by row id, with its desk state and featured image.
  virtual Status GetArticleById(Id id, Article* out) = 0;
  // The row id of every article and page of the site, in any state (drafts,
  // scheduled, the trash), oldest row first: what `qalam export` writes out,
  // each read with GetArticleById. Ids only, so that a site of any size is
  // read one article at a time.
  virtual Status ListAllArticleIds(std::vector<Id>* out) = 0;
  // Creates (a->id == 0) or updates the article by id with its desk state
  // (author, workflow, schedule, trash, image), bumps its version, records
  // the revision and audit entries and drops `save.user_id`'s autosave: all
  // in one transaction. Conflict, changing nothing, when the stored version
  // is not save.expected_version. Filled in as for SaveArticles.
  virtual Status SaveDeskArticle(Article* a, const DeskSave& save, std::set<std::string>* changes) = 0;
  virtual Status ListDeskArticles(const DeskFilter& filter, int64_t offset, int64_t limit,
                                  std::vector<DeskRow>* out, int64_t* total) = 0;
  // Counts by state, of one author's articles (0: everyone's).
  virtual Status CountDesk(Id author_id, DeskCounts* out) = 0;
  // Newest first, without snapshots.
  virtual Status ListRevisions(Id article_id, std::vector<Revision>* out) = 0;
  virtual Status GetRevision(Id revision_id, Revision* out) = 0;
  virtual Status SaveAutosave(const Autosave& autosave) = 0;
  // Every person's autosave of the article, newest first.
  virtual Status ListAutosaves(Id article_id, std::vector<Autosave>* out) = 0;
  // Publishes every scheduled article whose time is at or before `now`, in
  // one transaction, so that each goes live exactly once however many
  // servers call this, indexed with the search text and terms stored with
  // it. *published gets their ids.
  virtual Status PublishDue(int64_t now, std::vector<Id>* published, std::set<std::string>* changes) = 0;
  // Deletes articles in the trash since before `before`.
  virtual Status PurgeTrash(int64_t before, std::vector<std::pair<Id, std::string>>* deleted) = 0;

  // --- media
  // Finds by hash or inserts; fills item->id (an upload of the same bytes
  // again reuses the stored one and keeps its alt text).
  virtual Status SaveMedia(MediaItem* item, bool* created) = 0;
  virtual Status GetMedia(Id id, MediaItem* out) = 0;
  virtual Status ListMedia(int64_t offset, int64_t limit, std::vector<MediaItem>* out, int64_t* total) = 0;
  virtual Status SetMediaAlt(Id id, const std::string& alt) = 0;
  // The image's own caption and credit (MediaItem::caption, credit).
  virtual Status SetMediaCaptionCredit(Id id, const std::string& caption, const std::string& credit) = 0;
  // SaveMedia for an item whose variants are planned but not made yet:
  // when it is created, `pending` (its media_id filled in) is recorded with
  // it in the same transaction. *created false: an item with these bytes
  // exists, and nothing is recorded.
  virtual Status SaveMediaPending(MediaItem* item, PendingMedia* pending, bool* created) = 0;
  // Items still waiting for their variants, oldest first, at most `limit`;
  // those that failed only when `failed` (else only those that did not).
  virtual Status ListPendingMedia(bool failed, int64_t limit, std::vector<PendingMedia>* out) = 0;
  // The waiting item whose variants are named with `variant_key`; NotFound
  // when there is none (made already, or never planned).
  virtual Status FindPendingMedia(const std::string& variant_key, PendingMedia* out) = 0;
  // The item's variants are on disk: it waits no more. Ok when it was not
  // waiting (another process finished it first).
  virtual Status FinishPendingMedia(Id media_id) = 0;
  // The variants cannot be made (`failure` says why): skipped from now on.
  virtual Status FailPendingMedia(Id media_id, const std::string& failure) = 0;

  // --- named things: writers, sources, sections, tags
  // Sorted by name; those whose name contains `query` when it is not empty.
  virtual Status ListNamed(NamedKind kind, const std::string& query, int64_t limit,
                           std::vector<NamedItem>* out) = 0;
  virtual Status GetNamed(NamedKind kind, Id id, NamedItem* out) = 0;
  // Renames (the old slug redirects), and sets bio/address and photo.
  // item.slug is the base slug of item.name, made above the store
  // (services/article_text.h, NameSlug): a new name gets it, made unique.
  // Conflict when another of the kind has the name.
  virtual Status UpdateNamed(NamedKind kind, const NamedItem& item, std::set<std::string>* changes) = 0;
  // The current slug for an old one, NotFound when it never was one.
  virtual Status FindRedirect(NamedKind kind, const std::string& old_slug, std::string* slug) = 0;
  // The same for an article whose slug was edited on the desk.
  virtual Status FindArticleRedirect(const std::string& old_slug, std::string* slug) = 0;

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

  // --- search (the index is kept current by SaveArticles; store/search_index.h)
  // The published articles matching `query`, each with its counts, and the
  // index's statistics (stats may be null). Ranking is the caller's.
  virtual Status MatchIndex(const IndexQuery& query, std::vector<IndexMatch>* matches, IndexStats* stats) = 0;
  // When each article was published, in the order asked (0 for one gone).
  virtual Status GetPublishedTimes(const std::vector<Id>& ids, std::vector<int64_t>* out) = 0;
  // A page of results: the articles in the order asked, those gone left out.
  virtual Status GetIndexedArticles(const std::vector<Id>& ids, std::vector<IndexedArticle>* out) = 0;
  // Every word of the index (stems and exact forms, without their '='),
  // with the number of articles holding it. A full pass over the index:
  // callers cache it (services/search.h, Vocabulary).
  virtual Status LoadVocabulary(std::vector<std::pair<std::string, int64_t>>* out) = 0;
  // Every published article's characteristic terms (arabic/term_weights.h).
  virtual Status LoadArticleTerms(ArticleTermLists* out) = 0;

  // --- rebuilding the index (services/article_text.h, RebuildSearchIndex)
  // What every article's search text and terms are computed from, drafts
  // included (scheduled publishing indexes what their save stored).
  virtual Status LoadIndexSources(std::vector<IndexSource>* out) = 0;
  // Rebuilds the search index, its words analyzed with `analyzer`, from
  // `texts`, and stores each article's text and terms, in one transaction.
  // An article saved since its text was read (its stamp moved on) keeps
  // what its save stored. Invalid when the index cannot analyze words that
  // way. *count gets the number of published articles indexed.
  virtual Status RebuildSearchIndex(const arabic::AnalyzerOptions& analyzer,
                                    const std::vector<IndexText>& texts, size_t* count) = 0;
  // True when an article has no stored search text: it was saved before
  // the store kept it (migration 8), so the index must be rebuilt.
  virtual Status MissingSearchText(bool* missing) = 0;

  // --- feeds and sitemaps (render/feeds.h, render/sitemaps.h)
  // Only published rows, never a draft, scheduled, unpublished or trashed
  // one. A sitemap of 50,000 rows is streamed, one row in memory at a
  // time: the caller writes each as it comes.
  // Every month with published articles (not pages), newest first.
  virtual Status ListSitemapMonths(std::vector<SitemapMonth>* out) = 0;
  virtual Status ForEachSitemapArticle(const SitemapQuery& query,
                                       const std::function<void(const SitemapRow&)>& row) = 0;
  // The writers (NamedKind::kPerson), sections or tags with published
  // articles, by slug, skipping `offset` and at most `limit` (-1: all).
  virtual Status ForEachSitemapName(NamedKind kind, int64_t offset, int64_t limit,
                                    const std::function<void(const SitemapName&)>& name) = 0;

  // --- breaking news
  // Stores text, link, times, urgency and article; fills id (and
  // created_at when 0). Records a breaking change; whichever of its start
  // and end has come by then counts as announced (see BreakingDue).
  virtual Status AddBreaking(BreakingItem* item) = 0;
  // With now > 0, the items shown at `now` (started: starts_at <= now; not
  // expired: until 0 or later); with now 0, every item (scheduled and
  // expired ones too). Urgent items first, then by position (first shown
  // first). An item naming an article (article_id) gets as `link` that
  // article's address as it is now (/article/SLUG, /page/SLUG for a page),
  // or "" while the article is not published or is in the trash; a
  // deleted article leaves article_id 0 and the link "".
  virtual Status ListBreaking(int64_t now, std::vector<BreakingItem>* out) = 0;
  virtual Status RemoveBreaking(Id id) = 0;
  // Replaces text, link, expiry, start, urgency and article of an item;
  // NotFound when gone. Records a breaking change, as AddBreaking.
  virtual Status UpdateBreaking(const BreakingItem& item) = 0;
  // Records one breaking change (keys::ForBreaking) when an item's start
  // or end has come by `now` and no change told of it yet; *changed says
  // whether it did. Each time is told once, whichever server or process
  // sees it first (one transaction marks them announced).
  virtual Status BreakingDue(int64_t now, bool* changed) = 0;
  // The earliest start of an item still to start after `now`; 0 when none.
  virtual Status NextBreakingStart(int64_t now, int64_t* at) = 0;
  // Puts the items in this order (first shown first).
  virtual Status OrderBreaking(const std::vector<Id>& ids) = 0;

  // --- the front page
  // The saved layout; HomeLayout{} when the desk never saved one.
  virtual Status GetHomeLayout(HomeLayout* out) = 0;
  // Replaces the layout and appends `audit`, recording keys::ForHomeLayout:
  // one transaction. Ids are stored as given (the service checked them).
  virtual Status SaveHomeLayout(const HomeLayout& layout, const AuditEntry& audit) = 0;
  // The featured image of each of `article_ids` that has one, by article
  // id, in one read (the thumbnails of a whole list).
  virtual Status GetFeaturedImages(const std::vector<Id>& article_ids, std::map<Id, MediaItem>* out) = 0;

  // --- readers' views (migration 24)
  // Adds each row's views to its (article, hour) bucket, creating it at 0
  // first: an add, never an overwrite, so several servers flushing into one
  // database all count. Rows of articles that no longer exist are skipped.
  // One transaction: all rows are added or none (the caller keeps them to
  // add again). Records no change key: no page is purged by a view.
  virtual Status AddArticleViews(const std::vector<ArticleViewsAdd>& adds) = 0;
  // Published articles (not pages) with views in hours starting at or after
  // `since`, the most viewed first (ties: the newest first, then the higher
  // id), at most `limit`, each with the views summed over those hours.
  virtual Status ListMostRead(int64_t since, int64_t limit, std::vector<MostReadArticle>* out) = 0;
  // One article's hours with views, from `since` on, oldest first; hours
  // without a view are absent. Any article state (the desk's chart).
  virtual Status ListArticleViews(Id article_id, int64_t since, std::vector<HourViews>* out) = 0;

  // --- the site's menus (migration 20)
  // The saved menu; SiteMenu{} (saved false) when the desk never saved it.
  // Items whose section or page was deleted are gone.
  virtual Status GetMenu(MenuName menu, SiteMenu* out) = 0;
  // Replaces the menu's items and appends `audit`, recording keys::ForMenu:
  // one transaction. Items are stored as given (the service checked them).
  virtual Status SaveMenu(MenuName menu, const std::vector<MenuItem>& items, Id user, int64_t now,
                          const AuditEntry& audit) = 0;

  // --- the Content API
  // A page of published articles (never pages) matching `filter`, in a
  // bounded number of queries whatever the page size; keyset on
  // (published_at, id), so a deep page costs what the first does.
  virtual Status ListApiArticles(const ApiArticleFilter& filter, bool with_bodies,
                                 std::vector<ApiArticle>* out) = 0;
  // One published article (never a page) by id, or by slug when id is 0;
  // NotFound for anything else.
  virtual Status GetApiArticle(Id id, const std::string& slug, ApiArticle* out) = 0;
  // Writers, sources, sections or tags having published articles, by
  // (name, id) after the given pair ("" and 0 for the first page), with
  // their counts of published articles.
  virtual Status ListApiNames(NamedKind kind, const std::string& after_name, Id after_id, int64_t limit,
                              std::vector<NamedItem>* out) = 0;
  // One of them by slug with its count (a writer even without articles,
  // as their page shows them); NotFound when no such slug.
  virtual Status GetApiName(NamedKind kind, const std::string& slug, NamedItem* out) = 0;
  // Published static pages by id after `after_id`, with their bodies.
  virtual Status ListApiPages(Id after_id, int64_t limit, std::vector<Article>* out) = 0;

  // --- accounts (core/account.h)
  // Conflict when the email is taken; fills user->id and created_at.
  virtual Status CreateUser(User* user) = 0;
  virtual Status GetUserByEmail(const std::string& email, User* out) = 0;
  virtual Status GetUserById(Id id, User* out) = 0;
  virtual Status CountUsers(int64_t* count) = 0;
  // Every account, disabled ones too, oldest first (by id).
  virtual Status ListUsers(std::vector<User>* out) = 0;
  // Accounts with the admin role that are not disabled.
  virtual Status CountActiveAdmins(int64_t* count) = 0;
  // Gives the user `role`; their sessions stay (every request reads the role
  // anew). NotFound when no such user; Conflict, changing nothing, when the
  // user is the last active admin and `role` is not admin: the site is never
  // left without one. The check and the change are one transaction.
  virtual Status UpdateUserRole(Id user_id, Role role) = 0;
  // Disables or enables the account. Disabling deletes, in the same
  // transaction, every session of the user (signed out at their next
  // request) and their unused one-time links. NotFound when no such user;
  // Conflict, changing nothing, when disabling the last active admin.
  virtual Status SetUserDisabled(Id user_id, bool disabled) = 0;
  // Deletes the user's unused one-time tokens for `purpose` (a new link
  // replaces the older ones).
  virtual Status DeleteUserOneTimeTokens(Id user_id, const std::string& purpose) = 0;
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
  // Counts a failed sign-in for `key` (one transaction) into *failures.
  // Failures count together while each comes within `limit.window` seconds
  // of the first one or of the end of the key's last lock; from the
  // `limit.max`th on, each locks the key until now + lock_for ×
  // 2^(failures − max), at most now + max_lock (a lock that grows with every
  // round of guesses). *locked_until gets the lock's end (0 when none).
  virtual Status RecordLoginFailure(const std::string& key, int64_t now, const LoginLimit& limit,
                                    int64_t* failures, int64_t* locked_until) = 0;
  virtual Status GetLoginLock(const std::string& key, int64_t now, int64_t* locked_until) = 0;
  virtual Status ClearLoginFailures(const std::string& key) = 0;
  // Clears every key that starts with `prefix` (an admin's unlock);
  // *cleared gets how many were locked at `now`.
  virtual Status ClearLoginFailuresWithPrefix(const std::string& prefix, int64_t now, int64_t* cleared) = 0;
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Status ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) = 0;

  // --- comments (core/comment.h)
  // Stores a new comment; fills its id. A comment that is approved at once
  // records its article's change key.
  virtual Status AddComment(Comment* c, std::set<std::string>* changes) = 0;
  // One comment, without its email.
  virtual Status GetComment(Id id, Comment* out) = 0;
  // An article's approved comments for its page, without emails: top-level
  // ones newest or oldest first (a page of them), each followed by its
  // replies oldest first. *total counts the top-level ones.
  virtual Status ListApprovedComments(Id article_id, bool newest_first, int64_t offset, int64_t limit,
                                      std::vector<Comment>* out, int64_t* total) = 0;
  virtual Status CountApprovedComments(Id article_id, int64_t* count) = 0;
  // Comments in a state, over the whole site (the desk's pending count).
  virtual Status CountComments(CommentState state, int64_t* count) = 0;
  // The moderators' queue, with article titles, without emails.
  virtual Status ListCommentQueue(const CommentFilter& filter, int64_t offset, int64_t limit,
                                  std::vector<Comment>* out, int64_t* total) = 0;
  // Articles that have comments: those with pending ones first, then by
  // their latest comment; at most `limit`.
  virtual Status ListCommentedArticles(int64_t limit, std::vector<CommentedArticle>* out) = 0;
  // A moderator's decision: the new state, who and when, logged with the
  // training label it implies ("ok", "offensive", "spam"); purges the
  // article's page when what readers see changed. A decision a moderator
  // already made (same state, decided before) changes and logs nothing, and
  // *changed (optional) says false. A moderator confirming the machine's
  // approval is a decision. With `audit`, its entry is written in the same
  // transaction, its detail "before → after" followed by audit->detail.
  virtual Status DecideComment(Id id, CommentState state, Id user_id, int64_t now,
                               const std::string& label, std::set<std::string>* changes,
                               bool* changed = nullptr, const AuditEntry* audit = nullptr) = 0;
  // A moderator's edit: the new body with the scores and reasons of
  // screening it again (CommentService::Rescreen), logged, and with `audit`
  // audited in the same transaction (its detail "N → M chars").
  virtual Status EditCommentBody(Id id, const std::string& body, const std::string& scores,
                                 const std::string& reasons, Id user_id, int64_t now,
                                 std::set<std::string>* changes, const AuditEntry* audit = nullptr) = 0;
  // A moderator's reply (reply->parent_id, reply->user_id, created_at),
  // in one transaction: the comment it answers is approved first if it was
  // pending (logged with the label "ok" and audited as `approve_action`),
  // then the reply is added approved and audited as `reply_action`. Conflict
  // when the comment answered is rejected or spam (a reply under it would
  // not show); NotFound when it is gone.
  virtual Status AddModeratorReply(Comment* reply, const std::string& approve_action,
                                   const std::string& reply_action, std::set<std::string>* changes,
                                   bool* approved_parent) = 0;
  // Counts one report per address; at `threshold` reports an approved
  // comment goes back to the queue. *reports gets the count.
  virtual Status ReportComment(Id id, const std::string& address_hash, int64_t now, int threshold,
                               int* reports, std::set<std::string>* changes) = 0;
  // `body` is compared as stored (CleanCommentText'd) for duplicates.
  virtual Status GetCommenterHistory(Id article_id, const std::string& address_hash,
                                     const std::string& email_hash, const std::string& body,
                                     int64_t since, CommenterHistory* out) = 0;
  // Every comment of an article in every state, with its email, parents
  // before their replies (oldest row first): a whole-site export
  // (`qalam export --comments`). Not for pages: it carries personal data.
  virtual Status ListArticleComments(Id article_id, std::vector<Comment>* out) = 0;
  // A commenter's comments with their email, for export on request.
  virtual Status ExportComments(const std::string& email_hash, std::vector<Comment>* out) = 0;
  // Deletes a commenter's comments (their replies' threads go with them).
  // With `audit`, its entry (detail "N comments") is written in the same
  // transaction.
  virtual Status EraseComments(const std::string& email_hash, int64_t* erased,
                               std::set<std::string>* changes, const AuditEntry* audit = nullptr) = 0;
  // Moderators' decisions as labeled text, for training.
  virtual Status LoadModerationLog(std::vector<std::pair<std::string, std::string>>* text_label) = 0;
  // The latest labeled decision per comment made at or after `since`,
  // oldest first; spam says nothing about language and is left out.
  virtual Status ListModeratorDecisions(int64_t since, std::vector<ModeratorDecision>* out) = 0;
  // How many comments carry a moderator's labeled decision (ok, offensive
  // or hate): the site's own training data.
  virtual Status CountModeratorDecisions(int64_t* n) = 0;
  virtual Status ListModerationTerms(std::vector<ModerationTerm>* out) = 0;
  // Conflict when the term is already listed.
  virtual Status AddModerationTerm(ModerationTerm* term) = 0;
  virtual Status RemoveModerationTerm(Id id) = 0;

  // --- change keys
  // --- imports from another system (store/imported.h)

  // Saves a batch of imported posts and pages, each with its comments and
  // old addresses, and the batch's other addresses, in one transaction. An
  // article is found by its origin and old ID (its external_id) and written
  // only when its hash moved on; so is each comment. The desk fields the
  // import sets (workflow, scheduled_at, trashed_at, image_id, image_alt,
  // author_id) are written with it. A comment's parent is found by its old
  // ID among the origin's imported comments; one that is missing makes it a
  // comment on the article (reported in `result->problems`). An article
  // whose hash moved on must come made (services/article_text.h): else
  // Invalid, and nothing of the batch is saved; one whose hash is stored
  // needs only its origin, old ID and hash.
  virtual Status SaveImportBatch(ImportBatch* batch, ImportBatchResult* result,
                                 std::set<std::string>* changes) = 0;
  // Every object of `kind` imported from `origin`, by old ID.
  virtual Status LoadImported(const std::string& origin, const std::string& kind,
                              std::vector<ImportedObject>* out) = 0;
  // Records where objects of another kind than articles and comments (media,
  // users) went; an existing (origin, kind, old_id) is updated.
  virtual Status SaveImported(const std::vector<ImportedObject>& objects) = 0;
  // The old address `path` (normalized as OldAddress says): NotFound when
  // no import knew it.
  virtual Status FindOldAddress(const std::string& path, OldAddress* out) = 0;

  // --- safety: backups and consistency (services/site_backup.h, the crash tests)
  // A consistent copy of the whole store written to `file` (which must not
  // exist), taken while the site serves and writes: every write committed
  // before the copy began is in it, none half-made. SQLite: the online
  // backup API, into a new database file.
  virtual Status CopyTo(const std::string& file) = 0;
  // Every check the store can make of itself, problems listed (empty: all
  // consistent): the database's own integrity and foreign keys, and the
  // search index against the published articles (the same ids on both
  // sides, and the index's own consistency), and every comment's state
  // against its moderation log (the last decision, or the screening's
  // verdict when no one decided).
  virtual Status CheckIntegrity(std::vector<std::string>* problems) = 0;

  virtual Status RecordChanges(const std::set<std::string>& keys) = 0;
  // Keys recorded after `after`; *last is the newest change id seen.
  virtual Status ReadChanges(int64_t after, std::vector<std::string>* keys, int64_t* last) = 0;
  virtual Status LastChangeId(int64_t* last) = 0;
};

}  // namespace qalam
