// Change keys name what a write touched, so caches can purge exactly the
// pages built from it. A page lists the keys it was built from; a write
// records the keys it changed. "global" is on every page (site settings,
// the section menu, the footer menu, the breaking-news ticker).
//
// Which keys a write records is decided here, once, for every backend: a
// store gathers the facts of a write (what it replaced, what it created,
// who links to it) inside its transaction and calls the function for that
// kind of write, then records the keys in the same transaction. The store
// calls these itself rather than handing the facts up and taking the keys
// back, because the keys must commit with the write (no server may see the
// write without them, and no crash may lose a purge) and the facts exist
// only inside that transaction (the ids of names it creates, the state it
// replaces, the section menu after it). A second backend gathers the same
// facts and calls the same functions; it decides nothing about keys.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"

namespace qalam::keys {

inline const char* kGlobal = "global";
inline const char* kHome = "home";  // The home page and the latest list.
// The published static pages: their sitemap and the Content API's
// /api/v1/pages. A page published, edited or unpublished changes them.
inline const char* kPages = "pages";
// The site's corrections page (/corrections): the listed notices
// (NoticeListed) of published articles.
inline const char* kCorrections = "corrections";
// The breaking ticker's items changed (services/breaking_news): purges
// what shows the list itself (/live/breaking.json, the Content API's
// /api/v1/breaking) and is sent live to open pages (/live).
inline const char* kBreaking = "breaking";
// Named by every page for the ticker it shows. No write records it: a
// breaking change soft-purges it (PageCache::ExpireBy), so pages show the
// old ticker at most the ticker_refresh_seconds setting, and no page is
// purged by a breaking item.
inline const char* kTicker = "ticker";
// Not on any page: the site's term lists and its classifier changed, so
// every server reloads them (services/comments).
inline const char* kModerationTerms = "moderation:terms";
inline const char* kModerationModel = "moderation:model";
inline std::string Article(Id id) { return "article:" + std::to_string(id); }
inline std::string Section(Id id) { return "section:" + std::to_string(id); }
inline std::string Tag(Id id) { return "tag:" + std::to_string(id); }
inline std::string Writer(Id id) { return "writer:" + std::to_string(id); }
inline std::string Source(Id id) { return "source:" + std::to_string(id); }
// A person's or source's own data (name, bio, address), shown on the pages
// of their articles; apart from their lists so a new article does not purge
// every page of its writer.
inline std::string Person(Id id) { return "person:" + std::to_string(id); }
inline std::string SourceInfo(Id id) { return "sourceinfo:" + std::to_string(id); }
// The articles published in one UTC month ("month:2026-12"): that month's
// sitemap children, which no write about another month purges.
std::string Month(int64_t published_at);
// One site setting ("setting:site_url"), for documents that show only a
// few settings (a sitemap shows the site's address and name): besides
// "global", which every page carries.
inline std::string Setting(const std::string& key) { return "setting:" + key; }
// Every writer, source, section or tag by slug ("names:tag"): the sitemap
// listing them all, purged by any rename of one.
std::string Names(NamedKind kind);

}  // namespace qalam::keys

namespace qalam {

// --- the facts of each kind of write (the keys they imply follow below)

// One article written (an identical save writes nothing and has no facts).
struct ArticleWrite {
  Id id = 0;
  bool was_published = false;  // Before the write (false for a new article).
  bool is_published = false;   // After it.
  // The section, writer and source before and after (0: none).
  Id section_before = 0, section_after = 0;
  Id writer_before = 0, writer_after = 0;
  Id source_before = 0, source_after = 0;
  // Its tags before and after.
  std::vector<Id> tags;
  // Its co-writers, translators and contributors before and after (their
  // pages list it too).
  std::vector<Id> people;
  // Articles whose pages show this one's title and address: curated links
  // and automatic related lists pointing at it, and curated links that
  // named it by title and point at it since this write.
  std::vector<Id> linked_from;
  // A writer whose bio, or a source whose address, this write changed
  // (they show on every page of their articles); 0: none.
  Id writer_bio_changed = 0;
  Id source_url_changed = 0;
  // A static page (ArticleKind::kPage) before and after the write: a page
  // is in no reader's list, so only an article joins or leaves them.
  bool was_page = false;
  bool is_page = false;
  // In the footer menu (a published page marked in_footer) before and
  // after; its title or slug changed (what the menu shows of it).
  bool footer_before = false;
  bool footer_after = false;
  bool title_changed = false;
  bool slug_changed = false;
  // Pinned or unpinned, or its pin's expiry moved (the home page's top).
  bool pin_changed = false;
  // It has listed notices (corrections, clarifications: NoticeListed)
  // before or after the write: the corrections page shows them with its
  // title and address while it is published.
  bool listed_notices_before = false;
  bool listed_notices_after = false;
  // Its publication time before and after (0: none): which month's
  // sitemap it leaves or joins.
  int64_t published_at_before = 0;
  int64_t published_at_after = 0;
};

// A published article (not a page) as readers' lists show it: its card,
// with its featured image's thumbnail, is on the home page and in the
// lists of its section, writer, source and tags.
struct ListedCard {
  Id id = 0;
  Id section = 0, writer = 0, source = 0;  // 0: none.
  std::vector<Id> tags;
  std::vector<Id> people;  // Its co-writers, translators, contributors.
};

// A save of articles: the importer's batch, a desk save, scheduled
// publishing.
struct ArticleSaveFacts {
  std::vector<ArticleWrite> written;
  // Articles saved on the desk: their page shows desk fields outside the
  // content (the featured image), so it changes even when nothing was
  // written.
  std::vector<Id> desk_saved;
  // The sections having published articles (the menu on every page) are
  // not the same after the save.
  bool menu_changed = false;
  // The publication times of those among desk_saved that are published
  // articles (not pages): their month's sitemap shows the featured image.
  std::vector<int64_t> desk_saved_published = {};
  // Those among desk_saved that are listed and whose featured image, its
  // alt text or its caption the save changed (what a card and a list's
  // feed items show of it), as listed after the save.
  std::vector<ListedCard> card_image_changed = {};
};

// A comment added, decided, edited, reported or erased, as readers of its
// article's page see it.
struct CommentChange {
  Id article_id = 0;
  bool shown_before = false;  // Approved before the write.
  bool shown_after = false;   // Approved after it.
  bool text_changed = false;  // A moderator's edit of its text.
  bool removed = false;       // Deleted (a commenter's erasure).
};

}  // namespace qalam

namespace qalam::keys {

// --- the keys of each kind of write

std::set<std::string> ForArticleSave(const ArticleSaveFacts& facts);

// A writer, source, section or tag edited (renamed, bio, address, photo).
// `articles_naming` lists the articles that name it; it is called only
// when the keys depend on them.
std::set<std::string> ForNamedEdit(NamedKind kind, Id id,
                                   const std::function<std::vector<Id>()>& articles_naming);

std::set<std::string> ForComments(const std::vector<CommentChange>& changes);

// An image's caption or credit edited: the pages of the articles whose
// featured image it is show both (article:ID each).
std::set<std::string> ForMediaText(const std::vector<Id>& articles_featuring);
// An image's alt text edited in the media library: it is shown (where the
// article sets none of its own) on the pages of the articles featuring it
// (article:ID each), and with the picture of their cards (a theme's list
// may show it; feeds' items do) in every list showing those of them that
// are `listed`.
std::set<std::string> ForMediaAlt(const std::vector<Id>& articles_featuring,
                                  const std::vector<ListedCard>& listed);

// A site setting saved: global and setting:KEY.
std::set<std::string> ForSetting(const std::string& key);
// The breaking-news ticker: an item added, edited, removed or moved, or
// its start or end time come (Store::BreakingDue).
std::set<std::string> ForBreaking();
// The front page's layout saved on the desk: the home page only ("home").
std::set<std::string> ForHomeLayout();
// A site menu saved (header or footer): every page shows both.
std::set<std::string> ForMenu();
// The moderation term lists: a term added or removed.
std::set<std::string> ForTermLists();
// The search index rebuilt (the vocabulary every server keeps goes too).
std::set<std::string> ForSearchIndexRebuild();

}  // namespace qalam::keys
