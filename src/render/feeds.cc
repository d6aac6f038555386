#include "render/feeds.h"

#include "content/markdown.h"
#include "core/change_keys.h"
#include "core/http_date.h"
#include "core/text.h"
#include "render/xml_writer.h"

namespace qalam {
namespace {

constexpr const char* kAtomNs = "http://www.w3.org/2005/Atom";
constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr const char* kMediaNs = "http://search.yahoo.com/mrss/";
// The date of the tag URIs (RFC 4151) of guids and feed ids: fixed for
// ever, or every guid would change.
constexpr const char* kTagDate = "2026";

// The highlights as the summary's HTML: one paragraph each.
std::string SummaryHtml(const std::vector<std::string>& highlights) {
  std::string html;
  for (const std::string& h : highlights) html += "<p>" + HtmlEscape(h) + "</p>";
  return html;
}

std::string Host(const std::string& site_url) {
  size_t start = site_url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const size_t end = site_url.find_first_of(":/", start);
  return AsciiLower(site_url.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

void MediaContent(XmlWriter& x, const FeedImage& image) {
  x.Start("media:content");
  x.Attribute("url", image.url);
  x.Attribute("medium", "image");
  if (!image.mime.empty()) x.Attribute("type", image.mime);
  if (image.width) x.Attribute("width", std::to_string(image.width));
  if (image.height) x.Attribute("height", std::to_string(image.height));
  if (!image.alt.empty()) {
    x.Start("media:title");
    x.Attribute("type", "plain");
    x.Text(image.alt);
    x.End();
    x.Start("media:description");
    x.Attribute("type", "plain");
    x.Text(image.alt);
    x.End();
  }
  x.End();
}

std::string Finish(XmlWriter& x) {
  std::string out;
  // Only a failure to allocate makes libxml2's memory writer fail.
  if (!x.Finish(&out).ok()) out.clear();
  return out;
}

}  // namespace

bool IsFeedPath(const std::string& path) {
  auto ends = [&](std::string_view tail) {
    return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends("/feed") || ends("/feed/atom");
}

std::string ArticleGuid(const std::string& site_url, Id id) {
  return "tag:" + Host(site_url) + "," + kTagDate + ":article:" + std::to_string(id);
}

std::string AbsoluteLinks(const std::string& html, const std::string& site_url) {
  std::string out;
  out.reserve(html.size());
  size_t from = 0;
  while (true) {
    size_t best = std::string::npos, len = 0;
    for (const char* attr : {"href=\"/", "src=\"/"}) {
      const size_t at = html.find(attr, from);
      if (at < best) {
        best = at;
        len = std::char_traits<char>::length(attr);
      }
    }
    if (best == std::string::npos) break;
    const size_t slash = best + len - 1;
    out.append(html, from, slash - from);
    // "//host" already names a host.
    if (slash + 1 >= html.size() || html[slash + 1] != '/') out += site_url;
    from = slash;
    out += '/';
    ++from;
  }
  out.append(html, from, std::string::npos);
  return out;
}

std::string BuildRss(const Feed& feed) {
  XmlWriter x;
  x.Start("rss");
  x.Attribute("version", "2.0");
  x.Attribute("xmlns:atom", kAtomNs);
  x.Attribute("xmlns:content", kContentNs);
  x.Attribute("xmlns:dc", kDcNs);
  x.Attribute("xmlns:media", kMediaNs);
  x.Start("channel");
  x.Element("title", feed.title);
  x.Element("link", feed.page_url);
  x.Element("description", feed.description.empty() ? feed.title : feed.description);
  x.Element("language", "ar");
  if (feed.updated) x.Element("lastBuildDate", FormatHttpDate(feed.updated));
  x.Element("generator", "Qalam");
  x.Start("atom:link");
  x.Attribute("href", feed.self_url);
  x.Attribute("rel", "self");
  x.Attribute("type", "application/rss+xml");
  x.End();
  for (const FeedItem& item : feed.items) {
    x.Start("item");
    x.Element("title", item.title);
    x.Element("link", item.url);
    x.Start("guid");
    x.Attribute("isPermaLink", "false");
    x.Text(item.guid);
    x.End();
    x.Element("pubDate", FormatHttpDate(item.published_at));
    for (const std::string& author : item.authors) x.Element("dc:creator", author);
    for (const std::string& c : item.categories) x.Element("category", c);
    if (!item.highlights.empty()) x.Element("description", SummaryHtml(item.highlights));
    if (!item.content_html.empty()) x.Cdata("content:encoded", item.content_html);
    if (item.image) MediaContent(x, *item.image);
    x.End();
  }
  return Finish(x);
}

std::string BuildAtom(const Feed& feed) {
  XmlWriter x;
  x.Start("feed");
  x.Attribute("xmlns", kAtomNs);
  x.Attribute("xmlns:media", kMediaNs);
  x.Attribute("xml:lang", "ar");
  x.Element("title", feed.title);
  if (!feed.description.empty()) x.Element("subtitle", feed.description);
  x.Start("link");
  x.Attribute("rel", "alternate");
  x.Attribute("type", "text/html");
  x.Attribute("href", feed.page_url);
  x.End();
  x.Start("link");
  x.Attribute("rel", "self");
  x.Attribute("type", "application/atom+xml");
  x.Attribute("href", feed.self_url);
  x.End();
  x.Element("id", feed.id);
  x.Element("updated", FormatW3cDateUtc(feed.updated));
  // Atom wants an author for every entry: the site's, for those without a
  // writer.
  x.Start("author");
  x.Element("name", feed.site_name);
  x.End();
  x.Element("generator", "Qalam");
  for (const FeedItem& item : feed.items) {
    x.Start("entry");
    x.Element("title", item.title);
    x.Start("link");
    x.Attribute("rel", "alternate");
    x.Attribute("type", "text/html");
    x.Attribute("href", item.url);
    x.End();
    x.Element("id", item.guid);
    x.Element("published", FormatW3cDateUtc(item.published_at));
    x.Element("updated", FormatW3cDateUtc(item.updated_at ? item.updated_at : item.published_at));
    for (const std::string& author : item.authors) {
      x.Start("author");
      x.Element("name", author);
      x.End();
    }
    for (const std::string& c : item.categories) {
      x.Start("category");
      x.Attribute("term", c);
      x.End();
    }
    if (!item.highlights.empty()) {
      x.Start("summary");
      x.Attribute("type", "html");
      x.Text(SummaryHtml(item.highlights));
      x.End();
    }
    if (!item.content_html.empty()) {
      x.Start("content");
      x.Attribute("type", "html");
      x.Text(item.content_html);
      x.End();
    }
    if (item.image) MediaContent(x, *item.image);
    x.End();
  }
  return Finish(x);
}

Status RenderFeed(Store& store, const std::string& path, int64_t now, RenderedPage* out) {
  // "/feed", "/feed/atom", "/KIND/SLUG/feed", "/KIND/SLUG/feed/atom".
  std::string_view rest = path;
  const bool atom = rest.size() > 5 && rest.substr(rest.size() - 5) == "/atom";
  if (atom) rest.remove_suffix(5);
  if (rest.size() < 5 || rest.substr(rest.size() - 5) != "/feed") return Status::NotFound(path);
  rest.remove_suffix(5);
  const std::string list_path(rest);  // "" for the site, "/tag/SLUG" for a list.
  std::string kind, slug;
  if (!list_path.empty()) {
    const size_t slash = list_path.find('/', 1);
    if (slash == std::string::npos) return Status::NotFound(path);
    kind = list_path.substr(1, slash - 1);
    slug = list_path.substr(slash + 1);
    if (slug.empty() || slug.find('/') != std::string::npos) return Status::NotFound(path);
  }

  Settings settings;
  Status st = store.LoadSettings(&settings);
  if (!st.ok()) return st;
  const std::string site_url = settings.site_url();
  const std::string host = Host(site_url);
  RenderedPage page;
  page.keys.insert(keys::kGlobal);
  Feed feed;
  feed.site_name = settings.site_name();
  ListKind list_kind = ListKind::kAll;
  Id owner = 0;
  std::string name;
  std::string canonical = "/";
  if (kind.empty()) {
    page.keys.insert(keys::kHome);
    feed.title = feed.site_name;
    feed.description = settings.Get("site_description");
    feed.id = "tag:" + host + "," + kTagDate + ":feed";
  } else {
    if (kind == "tag") {
      Tag t;
      if (!(st = store.GetTagBySlug(slug, &t)).ok()) return st;
      list_kind = ListKind::kTag, owner = t.id, name = t.name, slug = t.slug;
      page.keys.insert(keys::Tag(t.id));
    } else if (kind == "section") {
      Section c;
      if (!(st = store.GetSectionBySlug(slug, &c)).ok()) return st;
      list_kind = ListKind::kSection, owner = c.id, name = c.name, slug = c.slug;
      page.keys.insert(keys::Section(c.id));
    } else if (kind == "writer") {
      Person p;
      if (!(st = store.GetPersonBySlug(slug, &p)).ok()) return st;
      list_kind = ListKind::kWriter, owner = p.id, name = p.name, slug = p.slug;
      page.keys.insert(keys::Writer(p.id));
      page.keys.insert(keys::Person(p.id));
    } else if (kind == "source") {
      Source s;
      if (!(st = store.GetSourceBySlug(slug, &s)).ok()) return st;
      list_kind = ListKind::kSource, owner = s.id, name = s.name, slug = s.slug;
      page.keys.insert(keys::Source(s.id));
      page.keys.insert(keys::SourceInfo(s.id));
    } else {
      return Status::NotFound(path);
    }
    canonical = "/" + kind + "/" + PercentEncode(slug);
    feed.title = name + " - " + feed.site_name;
    feed.description = name + ": " + feed.site_name;
    feed.id = "tag:" + host + "," + kTagDate + ":feed:" + kind + ":" + std::to_string(owner);
  }
  feed.page_url = site_url + canonical;
  feed.self_url = site_url + (kind.empty() ? "" : canonical) + (atom ? "/feed/atom" : "/feed");

  ArticlePage latest;
  st = store.ListArticles(list_kind, owner, 0, settings.GetInt("feed_items"), &latest);
  if (!st.ok()) return st;
  // As for its page: a list without articles does not exist for readers,
  // but a writer (their bio) does.
  if (latest.total == 0 && (kind == "tag" || kind == "section" || kind == "source")) {
    return Status::NotFound(path);
  }
  const bool full_text = settings.GetBool("feed_full_text");
  for (const ArticleSummary& s : latest.items) {
    Article a;
    if (!(st = store.GetArticleById(s.id, &a)).ok()) return st;
    page.keys.insert(keys::Article(a.id));
    FeedItem item;
    item.title = a.title;
    item.url = site_url + "/article/" + PercentEncode(a.slug);
    item.guid = ArticleGuid(site_url, a.id);
    item.published_at = a.published_at;
    item.updated_at = a.updated_at ? a.updated_at : a.published_at;
    feed.updated = std::max(feed.updated, item.updated_at);
    if (a.writer) {
      item.authors.push_back(a.writer->name);
      page.keys.insert(keys::Person(a.writer->id));
    }
    for (const Contributor& c : a.contributors) {
      if (c.role != ContributorRole::kWriter) continue;
      item.authors.push_back(c.person.name);
      page.keys.insert(keys::Person(c.person.id));
    }
    if (a.section) item.categories.push_back(a.section->name);
    for (const Tag& t : a.tags) item.categories.push_back(t.name);
    item.highlights = a.highlights;
    // An article without highlights is summed up by its SEO description,
    // else by its body's opening words, so no item goes without a summary
    // (and a summary-only feed without text).
    if (item.highlights.empty()) {
      item.highlights.push_back(!a.seo_description.empty() ? a.seo_description
                                                            : Excerpt(MarkdownToText(a.body_markdown), 300));
    }
    if (full_text) item.content_html = AbsoluteLinks(a.body_html, site_url);
    if (a.image) {
      if (const MediaVariant* v = LargestOwnFormat(a.image->variants)) {
        item.image = FeedImage{site_url + "/media/" + v->file, v->mime, v->width, v->height,
                               a.image_alt.empty() ? a.image->alt : a.image_alt, a.image_caption};
      }
    }
    feed.items.push_back(std::move(item));
  }
  if (feed.updated == 0) feed.updated = now;
  page.html = atom ? BuildAtom(feed) : BuildRss(feed);
  if (page.html.empty()) return Status::Io("cannot write the feed " + path);
  page.content_type = atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
  // Built now; any change to what it shows purges it, so the next build
  // is later.
  page.last_modified = now;
  *out = std::move(page);
  return Status::Ok();
}

Status PageRenderer::RenderFeed(const std::string& path, int64_t now, RenderedPage* out) {
  return qalam::RenderFeed(store_, path, now, out);
}

}  // namespace qalam
