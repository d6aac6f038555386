// Feeds: RSS 2.0 and Atom 1.0 of the site's latest articles, or of a
// section's, tag's, writer's or source's (docs/ARCHITECTURE.md, "Feeds and
// sitemaps"). BuildRss and BuildAtom are pure: a Feed in, the document
// out. RenderFeed reads the store for a feed address and names the change
// keys the feed was built from, like a page.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "render/pages.h"
#include "store/store.h"

namespace qalam {

struct FeedImage {
  std::string url;  // Absolute.
  std::string mime;
  int width = 0;
  int height = 0;
  std::string alt;
  std::string caption;
};

struct FeedItem {
  std::string title;
  std::string url;  // Absolute.
  // Never changes once published: not the address (a slug may be
  // renamed), but the article's id ("tag:HOST,2026:article:ID").
  std::string guid;
  int64_t published_at = 0;
  int64_t updated_at = 0;
  // The byline's writers (the writer, then co-writers); empty for none.
  std::vector<std::string> authors;
  std::vector<std::string> categories;  // Section first, then tags.
  std::vector<std::string> highlights;  // The summary.
  std::string content_html;  // The full body, absolute links; empty: summary only.
  std::optional<FeedImage> image;
};

struct Feed {
  std::string title;
  std::string description;
  std::string page_url;  // The HTML page it follows (absolute).
  std::string self_url;  // The feed's own address (absolute).
  std::string id;        // Atom's feed id: as permanent as the items' guids.
  std::string site_name;  // Atom's feed author.
  int64_t updated = 0;    // The latest item's update (or publication).
  std::vector<FeedItem> items;
};

std::string BuildRss(const Feed& feed);
std::string BuildAtom(const Feed& feed);

// The feed at `path` ("/feed", "/tag/{slug}/feed/atom", …): NotFound for
// any other path, an unknown slug, or a list that has no published article.
Status RenderFeed(Store& store, const std::string& path, int64_t now, RenderedPage* out);

// True when `path` is one RenderFeed may answer ("…/feed", "…/feed/atom").
bool IsFeedPath(const std::string& path);

// The link of a feed item, its guid: permanent for an article's id on the
// site's host ("tag:example.com,2026:article:7", RFC 4151).
std::string ArticleGuid(const std::string& site_url, Id id);
// Links and image sources of `html` that start with one "/" made absolute
// on `site_url` (a feed is read away from the site).
std::string AbsoluteLinks(const std::string& html, const std::string& site_url);

}  // namespace qalam
