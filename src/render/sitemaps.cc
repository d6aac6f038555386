#include "render/sitemaps.h"

#include <ctime>

#include "core/change_keys.h"
#include "core/http_date.h"
#include "core/text.h"
#include "render/xml_writer.h"

namespace qalam {
namespace {

constexpr const char* kSitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
constexpr const char* kImageNs = "http://www.google.com/schemas/sitemap-image/1.1";
constexpr const char* kNewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr int64_t kNewsWindow = 48 * 3600;
constexpr int64_t kNewsMax = 1000;
constexpr const char* kXmlType = "application/xml; charset=utf-8";

// The absolute address of LargestOwnFormat; empty without a variant.
std::string LargestOriginal(const std::vector<MediaVariant>& variants, const std::string& site_url) {
  const MediaVariant* v = LargestOwnFormat(variants);
  return v ? site_url + "/media/" + v->file : "";
}

// A child's address: "/sitemap-tags.xml", "/sitemap-tags-2.xml".
std::string PartPath(const std::string& stem, int64_t part) {
  return "/sitemap-" + stem + (part > 1 ? "-" + std::to_string(part) : "") + ".xml";
}

// "2026-12" → the UTC seconds of its first instant and of the next
// month's; false for anything else.
bool MonthRange(std::string_view month, int64_t* from, int64_t* to) {
  if (month.size() != 7 || month[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (month[i] < '0' || month[i] > '9') return false;
  }
  const int year = std::stoi(std::string(month.substr(0, 4)));
  const int mon = std::stoi(std::string(month.substr(5, 2)));
  if (year < 1970 || mon < 1 || mon > 12) return false;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = mon - 1;
  tm.tm_mday = 1;
  *from = timegm(&tm);
  tm.tm_mon += 1;
  *to = timegm(&tm);
  return true;
}

// "NAME" or "NAME-N" (N ≥ 2, no leading zero) → the name and part.
bool SplitPart(std::string_view stem, std::string_view* name, int64_t* part) {
  *name = stem;
  *part = 1;
  const size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos) return true;
  const std::string_view n = stem.substr(dash + 1);
  if (n.empty() || n.size() > 6 || n[0] == '0') return true;
  for (char c : n) {
    if (c < '0' || c > '9') return true;
  }
  *part = std::stoll(std::string(n));
  *name = stem.substr(0, dash);
  return *part >= 2;
}

int64_t Parts(int64_t count) { return (count + kSitemapMaxUrls - 1) / kSitemapMaxUrls; }

struct NameKind {
  const char* stem;
  NamedKind kind;
  const char* prefix;
};
constexpr NameKind kNameKinds[] = {{"sections", NamedKind::kSection, "/section/"},
                                   {"tags", NamedKind::kTag, "/tag/"},
                                   {"writers", NamedKind::kPerson, "/writer/"}};

Status Finish(RenderedPage* out, std::string xml, int64_t now) {
  if (xml.empty()) return Status::Io("cannot write the sitemap");
  out->html = std::move(xml);
  out->content_type = kXmlType;
  // Built now; any change to what it lists purges it.
  out->last_modified = now;
  return Status::Ok();
}

}  // namespace

struct UrlsetWriter::Impl {
  XmlWriter x;
};

UrlsetWriter::UrlsetWriter(bool images) : impl_(std::make_unique<Impl>()) {
  impl_->x.Start("urlset");
  impl_->x.Attribute("xmlns", kSitemapNs);
  if (images) impl_->x.Attribute("xmlns:image", kImageNs);
}

UrlsetWriter::~UrlsetWriter() = default;

void UrlsetWriter::Add(const SitemapUrl& url) {
  XmlWriter& x = impl_->x;
  x.Start("url");
  x.Element("loc", url.loc);
  if (url.lastmod) x.Element("lastmod", FormatW3cDateUtc(url.lastmod));
  if (!url.image.empty()) {
    x.Start("image:image");
    x.Element("image:loc", url.image);
    x.End();
  }
  x.End();
}

std::string UrlsetWriter::Finish() {
  std::string out;
  if (!impl_->x.Finish(&out).ok()) out.clear();
  return out;
}

std::string BuildSitemapIndex(const std::vector<SitemapChild>& children) {
  XmlWriter x;
  x.Start("sitemapindex");
  x.Attribute("xmlns", kSitemapNs);
  for (const SitemapChild& c : children) {
    x.Start("sitemap");
    x.Element("loc", c.loc);
    if (c.lastmod) x.Element("lastmod", FormatW3cDateUtc(c.lastmod));
    x.End();
  }
  std::string out;
  if (!x.Finish(&out).ok()) out.clear();
  return out;
}

std::string BuildNewsSitemap(const std::string& publication, const std::vector<NewsUrl>& urls) {
  XmlWriter x;
  x.Start("urlset");
  x.Attribute("xmlns", kSitemapNs);
  x.Attribute("xmlns:news", kNewsNs);
  for (const NewsUrl& u : urls) {
    x.Start("url");
    x.Element("loc", u.loc);
    x.Start("news:news");
    x.Start("news:publication");
    x.Element("news:name", publication);
    x.Element("news:language", "ar");
    x.End();
    x.Element("news:publication_date", FormatW3cDateUtc(u.published_at));
    x.Element("news:title", u.title);
    x.End();
    x.End();
  }
  std::string out;
  if (!x.Finish(&out).ok()) out.clear();
  return out;
}

bool IsSitemapPath(const std::string& path) {
  return path.rfind("/sitemap", 0) == 0 && path.size() >= 12 && path.compare(path.size() - 4, 4, ".xml") == 0 &&
         path.find('/', 1) == std::string::npos;
}

Status RenderSitemap(Store& store, const std::string& path, int64_t now, RenderedPage* out) {
  if (!IsSitemapPath(path)) return Status::NotFound(path);
  Settings settings;
  Status st = store.LoadSettings(&settings);
  if (!st.ok()) return st;
  const std::string site_url = settings.site_url();
  RenderedPage page;
  page.keys.insert(keys::Setting("site_url"));

  if (path == "/sitemap.xml") {
    // Every child with its latest modification. `home` names every write
    // of a published article; the months' keys a desk save of one.
    page.keys.insert(keys::kHome);
    page.keys.insert(keys::kPages);
    std::vector<SitemapChild> children;
    std::vector<SitemapMonth> months;
    if (!(st = store.ListSitemapMonths(&months)).ok()) return st;
    for (const SitemapMonth& m : months) {
      page.keys.insert("month:" + m.month);
      for (int64_t part = 1; part <= Parts(m.count); ++part) {
        children.push_back({site_url + PartPath("articles-" + m.month, part), m.modified_at});
      }
    }
    for (const NameKind& k : kNameKinds) {
      page.keys.insert(keys::Names(k.kind));
      int64_t count = 0, latest = 0;
      st = store.ForEachSitemapName(k.kind, 0, -1, [&](const SitemapName& n) {
        ++count;
        latest = std::max(latest, n.modified_at);
      });
      if (!st.ok()) return st;
      for (int64_t part = 1; part <= Parts(count); ++part) {
        children.push_back({site_url + PartPath(k.stem, part), latest});
      }
    }
    int64_t pages = 0, pages_latest = 0;
    SitemapQuery q;
    q.kind = ArticleKind::kPage;
    st = store.ForEachSitemapArticle(q, [&](const SitemapRow& r) {
      ++pages;
      pages_latest = std::max(pages_latest, r.modified_at);
    });
    if (!st.ok()) return st;
    for (int64_t part = 1; part <= Parts(pages); ++part) {
      children.push_back({site_url + PartPath("pages", part), pages_latest});
    }
    st = Finish(&page, BuildSitemapIndex(children), now);
  } else if (path == "/sitemap-news.xml") {
    page.keys.insert(keys::kHome);
    page.keys.insert(keys::Setting("site_name"));
    std::vector<NewsUrl> urls;
    SitemapQuery q;
    q.from = now - kNewsWindow;
    q.limit = kNewsMax;
    q.newest_first = true;
    st = store.ForEachSitemapArticle(q, [&](const SitemapRow& r) {
      urls.push_back({site_url + "/article/" + PercentEncode(r.slug), r.title, r.published_at});
    });
    if (!st.ok()) return st;
    // Rebuilt when its oldest article leaves the window, with no write.
    if (!urls.empty()) page.expires_at = urls.back().published_at + kNewsWindow + 1;
    st = Finish(&page, BuildNewsSitemap(settings.site_name(), urls), now);
  } else {
    if (path.size() < 14 || path[8] != '-') return Status::NotFound(path);
    const std::string stem = path.substr(9, path.size() - 13);  // "/sitemap-" … ".xml"
    std::string_view name;
    int64_t part = 1;
    // "articles-2026-12" and "articles-2026-12-2": the month has a dash.
    const bool articles = stem.rfind("articles-", 0) == 0;
    if (articles && stem.size() == 16) {
      name = stem;
    } else if (!SplitPart(stem, &name, &part) || (articles && name.size() != 16)) {
      return Status::NotFound(path);
    }
    int64_t count = 0;
    UrlsetWriter urls(true);
    if (articles) {
      SitemapQuery q;
      if (!MonthRange(name.substr(9), &q.from, &q.to)) return Status::NotFound(path);
      q.offset = (part - 1) * kSitemapMaxUrls;
      q.limit = kSitemapMaxUrls;
      page.keys.insert(keys::Month(q.from));
      st = store.ForEachSitemapArticle(q, [&](const SitemapRow& r) {
        ++count;
        urls.Add({site_url + "/article/" + PercentEncode(r.slug), r.modified_at,
                  LargestOriginal(r.image_variants, site_url)});
      });
    } else if (name == "pages") {
      page.keys.insert(keys::kPages);
      SitemapQuery q;
      q.kind = ArticleKind::kPage;
      q.offset = (part - 1) * kSitemapMaxUrls;
      q.limit = kSitemapMaxUrls;
      st = store.ForEachSitemapArticle(q, [&](const SitemapRow& r) {
        ++count;
        urls.Add({site_url + "/page/" + PercentEncode(r.slug), r.modified_at,
                  LargestOriginal(r.image_variants, site_url)});
      });
    } else {
      const NameKind* kind = nullptr;
      for (const NameKind& k : kNameKinds) {
        if (name == k.stem) kind = &k;
      }
      if (!kind) return Status::NotFound(path);
      page.keys.insert(keys::Names(kind->kind));
      page.keys.insert(keys::kHome);  // A list's latest modification.
      st = store.ForEachSitemapName(kind->kind, (part - 1) * kSitemapMaxUrls, kSitemapMaxUrls,
                                    [&](const SitemapName& n) {
                                      ++count;
                                      urls.Add({site_url + kind->prefix + PercentEncode(n.slug), n.modified_at, ""});
                                    });
    }
    if (!st.ok()) return st;
    if (count == 0) return Status::NotFound(path);
    st = Finish(&page, urls.Finish(), now);
  }
  if (!st.ok()) return st;
  *out = std::move(page);
  return Status::Ok();
}

Status PageRenderer::RenderSitemap(const std::string& path, int64_t now, RenderedPage* out) {
  return qalam::RenderSitemap(store_, path, now, out);
}

}  // namespace qalam
