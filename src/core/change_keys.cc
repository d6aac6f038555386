#include "core/change_keys.h"

#include <cstdio>
#include <ctime>

namespace qalam::keys {

std::string Month(int64_t published_at) {
  const std::time_t t = static_cast<std::time_t>(published_at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "month:%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return buf;
}

std::string Names(NamedKind kind) { return std::string("names:") + ToString(kind); }

namespace {

// Every list showing the card of `c`.
void InsertListsOf(const ListedCard& c, std::set<std::string>* out) {
  out->insert(kHome);
  if (c.section) out->insert(Section(c.section));
  if (c.writer) out->insert(Writer(c.writer));
  if (c.source) out->insert(Source(c.source));
  for (Id t : c.tags) out->insert(Tag(t));
  for (Id p : c.people) out->insert(Writer(p));
}

}  // namespace

std::set<std::string> ForArticleSave(const ArticleSaveFacts& facts) {
  std::set<std::string> out;
  for (const ArticleWrite& w : facts.written) {
    out.insert(Article(w.id));
    for (Id id : w.linked_from) out.insert(Article(id));
    if (w.writer_bio_changed) out.insert(Person(w.writer_bio_changed));
    if (w.source_url_changed) out.insert(SourceInfo(w.source_url_changed));
    // Readers' lists hold published articles only (never pages): they
    // change when the article is or was published as an article. Each
    // list it leaves or joins changes.
    if ((w.is_published && !w.is_page) || (w.was_published && !w.was_page)) {
      out.insert(kHome);
      for (Id t : w.tags) out.insert(Tag(t));
      for (Id s : {w.section_before, w.section_after}) {
        if (s) out.insert(Section(s));
      }
      for (Id p : {w.writer_before, w.writer_after}) {
        if (p) out.insert(Writer(p));
      }
      for (Id p : w.people) out.insert(Writer(p));
      for (Id s : {w.source_before, w.source_after}) {
        if (s) out.insert(Source(s));
      }
    }
    // The sitemap of each month it is or was listed in (its address,
    // modification time and image are there).
    if (w.was_published && !w.was_page && w.published_at_before) out.insert(Month(w.published_at_before));
    if (w.is_published && !w.is_page && w.published_at_after) out.insert(Month(w.published_at_after));
    // The published pages' sitemap and API list.
    if ((w.was_published && w.was_page) || (w.is_published && w.is_page)) out.insert(kPages);
    // The footer menu is on every page: a page in it before or after the
    // write (joining, leaving, retitled, moved or edited while listed), and
    // a page whose title changed, purge them all.
    if (w.footer_before || w.footer_after || ((w.was_page || w.is_page) && w.title_changed)) {
      out.insert(kGlobal);
    }
    // The pinned block at the top of the home page.
    if (w.pin_changed) out.insert(kHome);
    // The corrections page lists a published article's corrections.
    if ((w.was_published && w.listed_notices_before) || (w.is_published && w.listed_notices_after)) {
      out.insert(kCorrections);
    }
  }
  for (Id id : facts.desk_saved) out.insert(Article(id));
  for (int64_t t : facts.desk_saved_published) {
    if (t) out.insert(Month(t));
  }
  // The home page's cards show a published article's featured image (its
  // thumbnail), which a desk save may change without writing the content.
  if (!facts.desk_saved_published.empty()) out.insert(kHome);
  // Every list showing the card of an article whose image changed.
  for (const ListedCard& c : facts.card_image_changed) InsertListsOf(c, &out);
  if (facts.menu_changed) out.insert(kGlobal);
  return out;
}

std::set<std::string> ForMediaText(const std::vector<Id>& articles_featuring) {
  std::set<std::string> out;
  for (Id a : articles_featuring) out.insert(Article(a));
  return out;
}

std::set<std::string> ForMediaAlt(const std::vector<Id>& articles_featuring,
                                  const std::vector<ListedCard>& listed) {
  std::set<std::string> out = ForMediaText(articles_featuring);
  for (const ListedCard& c : listed) {
    out.insert(Article(c.id));
    InsertListsOf(c, &out);
  }
  return out;
}

std::set<std::string> ForNamedEdit(NamedKind kind, Id id,
                                   const std::function<std::vector<Id>()>& articles_naming) {
  std::set<std::string> out{Names(kind)};
  switch (kind) {
    case NamedKind::kPerson:
      // Their articles' pages carry person:ID, their list writer:ID.
      out.insert(Person(id));
      out.insert(Writer(id));
      break;
    case NamedKind::kSource:
      out.insert(SourceInfo(id));
      out.insert(Source(id));
      break;
    case NamedKind::kSection:
      out.insert(kGlobal);  // The menu on every page.
      break;
    case NamedKind::kTag:
      // An article's page lists its tags but carries no tag key.
      out.insert(Tag(id));
      if (articles_naming) {
        for (Id a : articles_naming()) out.insert(Article(a));
      }
      break;
  }
  return out;
}

std::set<std::string> ForComments(const std::vector<CommentChange>& changes) {
  std::set<std::string> out;
  for (const CommentChange& c : changes) {
    const bool seen_differs = c.shown_before != c.shown_after;
    const bool seen_text_changed = c.shown_after && c.text_changed;
    if (seen_differs || seen_text_changed || c.removed) out.insert(Article(c.article_id));
  }
  return out;
}

std::set<std::string> ForSetting(const std::string& key) { return {kGlobal, Setting(key)}; }

std::set<std::string> ForBreaking() { return {kBreaking}; }

std::set<std::string> ForHomeLayout() { return {kHome}; }

std::set<std::string> ForMenu() { return {kGlobal}; }

std::set<std::string> ForTermLists() { return {kModerationTerms}; }

std::set<std::string> ForSearchIndexRebuild() { return {kGlobal}; }

}  // namespace qalam::keys
