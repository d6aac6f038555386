// The domain model: every element of an article page. Plain data, no I/O.
// Times are UTC seconds since the epoch; 0 means "not set".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qalam {

using Id = int64_t;  // A row id; 0 means "none".

enum class ArticleStatus { kDraft, kPublished };
const char* ToString(ArticleStatus s);
bool ParseArticleStatus(const std::string& s, ArticleStatus* out);

// A writer (the byline, بقلم) or an editor (who published it on this site).
// A guest writer is a person without an account.
struct Person {
  Id id = 0;
  std::string name;
  std::string slug;
  std::string bio;
  Id photo_id = 0;  // A portrait from the media library; 0 for none.
};

// How a person other than the byline's first writer (Article::writer) took
// part in an article: a co-writer shares the byline («بقلم فلان وفلان»), a
// translator is named after it («ترجمة»), and a contributor helped prepare
// it («شارك في الإعداد»). Each has their page listing every article they
// took part in.
enum class ContributorRole { kWriter, kTranslator, kContributor };
const char* ToString(ContributorRole r);  // "writer", "translator", "contributor"
bool ParseContributorRole(const std::string& s, ContributorRole* out);
// What the article page writes before their names: «بقلم», «ترجمة»,
// «شارك في الإعداد».
const char* ContributorRoleLabel(ContributorRole r);
// At most this many contributors on one article, whichever way it comes.
constexpr size_t kMaxContributors = 20;
struct Contributor {
  ContributorRole role = ContributorRole::kWriter;
  Person person;  // By name (and slug once made); its bio is read, not saved.
};

// The paper or site an article is republished from (المصدر).
struct Source {
  Id id = 0;
  std::string name;
  std::string slug;
  std::string url;
};

// Sections and tags share a shape: a name and its URL slug.
//
// Slugs of people, sources, sections and tags: saving an article names
// them by name; one found by its name keeps its slug, a new one gets the
// slug given here (made above the store, services/article_text.h), made
// unique by the store with -2, -3, ….
struct Section {
  Id id = 0;
  std::string name;
  std::string slug;
  std::string description = {};  // Shown on its page and in its metadata; may be empty.
  // Its articles' pages show the time of publication beside the date (news);
  // off for sections such as opinion, whose pages show the date alone.
  bool show_time = true;
};
struct Tag {
  Id id = 0;
  std::string name;
  std::string slug;
  std::string description = {};
};

// Kinds of named things with pages and slugs.
enum class NamedKind { kPerson, kSource, kSection, kTag };
const char* ToString(NamedKind k);  // "person", "source", "section", "tag"

// A link the editor chose for "موضوعات تهمك". A link with a title but no url
// names another article of the site; target_id is set once it exists.
struct RelatedLink {
  std::string title;
  std::string url;
  Id target_id = 0;
  std::string target_slug;  // Filled when read, for rendering.
};

// A short view of an article, enough for lists and related links.
struct ArticleSummary {
  Id id = 0;
  std::string title;
  std::string slug;
  int64_t published_at = 0;
  std::string first_highlight;
  std::string section_name;
  std::string section_slug;
  std::string writer_name;
};

// What an article row is: a dated piece of the newspaper, or a static page
// ("من نحن", "اتصل بنا", "سياسة الخصوصية": no byline or date, in no list,
// feed, search or related list; served at /page/{slug}; linked from the
// footer menu when `in_footer`).
enum class ArticleKind { kArticle, kPage };
const char* ToString(ArticleKind k);  // "article", "page"
bool ParseArticleKind(const std::string& s, ArticleKind* out);

// A dated notice the editor attaches to an article: a correction (تصحيح),
// an update (تحديث), a clarification (توضيح) or an editor's note (ملاحظة
// المحرر), shown at the top or the bottom of the article. Corrections and
// clarifications fix the record, so the site's corrections page lists them
// (NoticeListed); updates and notes stay on their article.
enum class NoticeKind { kCorrection, kUpdate, kClarification, kEditorsNote };
const char* ToString(NoticeKind k);  // "correction", "update", "clarification", "editors_note"
bool ParseNoticeKind(const std::string& s, NoticeKind* out);
bool NoticeListed(NoticeKind k);
// Its Arabic name as readers and the desk see it: «تصحيح», «تحديث»,
// «توضيح», «ملاحظة المحرر».
const char* NoticeKindName(NoticeKind k);
enum class NoticePlacement { kTop, kBottom };
const char* ToString(NoticePlacement p);  // "top", "bottom"
bool ParseNoticePlacement(const std::string& s, NoticePlacement* out);
struct ArticleNotice {
  NoticeKind kind = NoticeKind::kCorrection;
  NoticePlacement placement = NoticePlacement::kTop;
  std::string text;  // Short Markdown (links, emphasis), rendered when shown.
  int64_t at = 0;    // When it was added (UTC); 0 on the desk's form: added now.
  bool operator==(const ArticleNotice&) const = default;
};

// A listed notice (NoticeListed) with its published article, for the
// site's corrections page, newest first.
struct CorrectionEntry {
  ArticleNotice notice;
  Id article_id = 0;
  std::string title;
  std::string slug;
};

// Where an unpublished article is on the newsroom desk (articles.workflow).
enum class Workflow { kNone, kReview, kScheduled, kTrashed };
const char* ToString(Workflow w);  // "", "review", "scheduled", "trashed"
bool ParseWorkflow(const std::string& s, Workflow* out);

// An image the newsroom uploaded (media/image.h makes its sizes).
struct MediaVariant {
  int width = 0;
  int height = 0;
  std::string mime;
  std::string file;  // Content-hash name under DIR/media, served at /media/FILE.
  std::string aspect;  // A crop's ("16:9"; MediaItem::crops), else empty.
};
// An image stored with its variants still to make (an import stores the
// original and its planned variants, media/image.h PlanImage; a background
// worker or the first request for a variant makes them).
struct PendingMedia {
  Id media_id = 0;
  // The key shared by the item's variant names ("KEY-640.webp").
  std::string variant_key;
  // The original's file name under DIR/media/.originals/ (never served).
  std::string original;
  // Why the variants could not be made ("" while they still can be).
  std::string failure;
};
// The largest of `variants` in the image's own format (JPEG, PNG: not the
// WebP copies), else the largest (a WebP original has only WebP sizes);
// null when there are none. What a page's src, previews, feeds, sitemaps
// and the API name when they name one size.
const MediaVariant* LargestOwnFormat(const std::vector<MediaVariant>& variants);

struct MediaItem {
  Id id = 0;
  std::string hash;
  std::string mime;
  int width = 0;
  int height = 0;
  std::string alt;
  // What is shown under the image wherever it goes (an article's own
  // image_caption comes first), and whom it is credited to: read from the
  // file's IPTC, XMP or EXIF when uploaded (media/image_credit.h), editable.
  std::string caption;
  std::string credit;
  std::vector<MediaVariant> variants;  // Smallest first.
  // 1:1, 4:3 and 16:9 crops for search engines' structured data (media/
  // image.h); none for images stored before they were made.
  std::vector<MediaVariant> crops;
  Id uploaded_by = 0;
  int64_t created_at = 0;
};

struct Article {
  Id id = 0;
  std::string external_id;  // The interchange `id` this article was imported with.
  std::string title;
  // Saving: its base slug, made above the store (services/article_text.h);
  // the store keeps the stored slug while it has this base ("x" or "x-2"),
  // else makes it unique with -2, -3, … and sets it here.
  std::string slug;
  ArticleStatus status = ArticleStatus::kPublished;
  int64_t published_at = 0;
  int64_t updated_at = 0;  // The "آخر تحديث" time; 0 when never updated.
  std::vector<std::string> highlights;
  std::string body_markdown;
  std::string body_html;  // Rendered from body_markdown when saved.
  // What search and related articles hold of the article, computed from
  // title, highlights and body above the store (services/article_text.h)
  // and stored with it, so that the store can index it again (scheduled
  // publishing) without computing anything: the words a reader sees (no
  // Markdown syntax, no link targets), and its characteristic terms with
  // their weights (arabic/term_weights.h). Not read back with the article.
  std::string search_text;
  std::vector<std::pair<std::string, int>> terms;
  std::optional<Person> writer;  // The byline's first writer.
  // Co-writers, translators and contributors, in the editor's order (a
  // person at most once per role; never the writer again as a co-writer).
  std::vector<Contributor> contributors;
  std::optional<Person> editor;
  std::optional<Source> source;
  std::optional<Section> section;
  std::vector<Tag> tags;
  std::vector<RelatedLink> related;  // Curated links, in the editor's order.
  // Dated notices (corrections, updates, …), oldest first.
  std::vector<ArticleNotice> notices;
  // The featured image (0: none), its required description, and the
  // caption shown under it (may be empty; a WordPress attachment's caption).
  Id image_id = 0;
  std::string image_alt;
  std::string image_caption;
  std::optional<MediaItem> image;  // Filled when read.

  // What search engines and social previews show instead of the title and
  // the first highlight (empty: those).
  std::string seo_title;
  std::string seo_description;
  // A republished piece's own address at its source (may be empty), and
  // whether pages name it as canonical (some sources require it; off by
  // default, and only with a source and an address).
  std::string original_url;
  bool canonical_original = false;

  ArticleKind kind = ArticleKind::kArticle;
  bool in_footer = false;  // A page listed in the site's footer menu.
  // Pinned at the top of the home page (a WordPress "sticky" post), until
  // unpinned or, when pinned_until is set, until that time.
  bool pinned = false;
  int64_t pinned_until = 0;

  // The newsroom desk's state; zero for articles that came by import.
  Id author_id = 0;  // The account that created it on the desk.
  Workflow workflow = Workflow::kNone;
  int64_t scheduled_at = 0;
  int64_t trashed_at = 0;
  int64_t version = 0;  // Grows with every desk save (conflict detection).
  int64_t modified_at = 0;
};

// An item of the site-wide breaking-news ticker (الأخبار العاجلة).
struct BreakingItem {
  Id id = 0;
  std::string text;
  std::string link;
  int64_t created_at = 0;
  int64_t until = 0;  // Expiry time; 0 means it stays until removed.
  int64_t starts_at = 0;  // Shown from then on; 0: from its creation.
  bool urgent = false;    // Shown first, in the urgent style.
  // The article (or live coverage) it links to, when it names one: `link`
  // is then that article's address as it is now.
  Id article_id = 0;
};

// One page of a list, newest first.
struct ArticlePage {
  std::vector<ArticleSummary> items;
  int64_t total = 0;
};

// One search result as a reader sees it (services/search).
struct SearchHit {
  Id id = 0;
  std::string external_id;
  std::string title;
  std::string slug;
  std::string snippet;  // HTML: escaped text with <mark> around matched words.
  double score = 0.0;
  int64_t published_at = 0;
  std::string section_name;
};

}  // namespace qalam
