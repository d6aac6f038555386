// Sitemaps (sitemaps.org 0.9 with Google's image 1.1 and news 0.9
// extensions): the index at /sitemap.xml, its children (articles by UTC
// month, split every 50,000 URLs: /sitemap-articles-2026-12.xml,
// -2026-12-2.xml; /sitemap-sections.xml, -tags.xml, -writers.xml,
// -pages.xml, split the same way) and the Google News sitemap
// /sitemap-news.xml (articles of the last 48 hours, at most 1,000).
//
// UrlsetWriter and the Build functions are pure; RenderSitemap reads the
// store for an address, streaming a child's rows into the writer so that
// its memory is the document's, not the site's, and names the change keys
// it was built from.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "render/pages.h"
#include "store/store.h"

namespace qalam {

// At most this many URLs in one sitemap (the protocol's limit). A URL's
// entry is under 1 KB (a slug is at most 80 letters, 6 bytes each once
// percent-encoded), so a full child stays under the protocol's 50 MB.
constexpr int64_t kSitemapMaxUrls = 50000;

struct SitemapUrl {
  std::string loc;           // Absolute.
  int64_t lastmod = 0;       // 0: none.
  std::string image;         // The featured image's absolute URL; empty: none.
};

// A <urlset>, written one URL at a time.
class UrlsetWriter {
 public:
  // `images` declares Google's image namespace.
  explicit UrlsetWriter(bool images);
  ~UrlsetWriter();
  void Add(const SitemapUrl& url);
  // The document; empty when libxml2 failed.
  std::string Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct SitemapChild {
  std::string loc;  // Absolute.
  int64_t lastmod = 0;
};
std::string BuildSitemapIndex(const std::vector<SitemapChild>& children);

struct NewsUrl {
  std::string loc;  // Absolute.
  std::string title;
  int64_t published_at = 0;
};
// `publication` is the site's name; the language is always "ar".
std::string BuildNewsSitemap(const std::string& publication, const std::vector<NewsUrl>& urls);

// The sitemap document at `path` ("/sitemap.xml", "/sitemap-news.xml",
// "/sitemap-articles-2026-12.xml", …): NotFound for any other path, a bad
// month or part, or a child with no URL.
Status RenderSitemap(Store& store, const std::string& path, int64_t now, RenderedPage* out);

// True when `path` is one RenderSitemap may answer ("/sitemap*.xml").
bool IsSitemapPath(const std::string& path);

}  // namespace qalam
