// PageRenderer: the reader's pages as HTML, from the store through the
// theme's Mustache templates. Every page is the same bytes for every reader;
// with it come the change keys it was built from (core/change_keys.h) so the
// cache can purge it when one of them changes, and, when the breaking-news
// ticker will change by itself, the time it does.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "core/settings.h"
#include "core/status.h"
#include "render/theme.h"
#include "store/store.h"

namespace qalam {

// A page, or any other document served from the page cache (a feed, a
// sitemap, an answer of the Content API): `html` holds its bytes whatever
// their type.
struct RenderedPage {
  int status = 200;
  std::string html;
  // Empty for an HTML page ("text/html; charset=utf-8").
  std::string content_type;
  // When what it shows last changed (UTC seconds), sent as Last-Modified
  // so that If-Modified-Since gets a 304; 0 when it has no such time.
  int64_t last_modified = 0;
  std::set<std::string> keys;
  int64_t expires_at = 0;  // UTC seconds; 0 means only a change purges it.
  // A 301 (status) to this path: an article asked for at /page/ or a
  // static page at /article/. No html then.
  std::string location;
};

// What the search page shows; the search itself runs in services/search.
struct SearchPageData {
  std::string query, section, tag, writer, source, from, to;
  bool by_date = false;
  int page = 1;
  int64_t page_size = 10;
  std::string error;  // An Arabic message for a bad query; no results then.
  int64_t total = 0;
  std::vector<SearchHit> hits;  // Snippets already HTML.
  bool matched_all = true;
  std::string suggestion;
};

// A reader's page about their comment, never cached: the form again with
// its errors and what they typed ("form"), asking to confirm a report
// ("report"), or a short answer ("message").
struct CommentPageData {
  std::string kind = "form";
  std::string title;
  std::string message;
  Id article_id = 0;
  std::string article_title;
  std::string article_url;
  Id parent_id = 0;
  Id comment_id = 0;
  std::string name, email, body, token;
  std::string error_name, error_email, error_body, error_form;
  std::string comment_excerpt;
  int status = 200;
};

class ContentApi;  // render/content_api.h

// The change key of the most-read block («الأكثر قراءة») on the home page
// and article pages. No write records it: the server soft-purges it
// (PageCache::ExpireBy) when its about-minutely recount differs from what
// pages show (SiteHandler::RefreshMostRead), never on a view.
inline constexpr const char* kMostReadKey = "most-read";

class PageRenderer {
 public:
  PageRenderer(Store& store, const Theme& theme);
  ~PageRenderer();

  // The most-read list that pages render from now on (a snapshot the server
  // recounts from the store about each minute; empty hides the block).
  // Thread-safe.
  void SetMostRead(std::vector<MostReadArticle> list);
  std::shared_ptr<const std::vector<MostReadArticle>> MostRead() const;

  // The Content API's answers, read from the same store.
  ContentApi& Api() { return *api_; }

  // Renders the page at `path` (decoded, without the query) for list page
  // `page` (1-based). Unknown paths and pages give the Arabic 404 page.
  Status Render(const std::string& path, int page, int64_t now, RenderedPage* out);
  // The search page (never cached: it depends on the query).
  Status RenderSearch(const SearchPageData& data, int64_t now, RenderedPage* out);
  // The article page for an unsaved article, exactly as readers would see it
  // (the desk's preview); marked noindex, never cached.
  Status RenderPreview(const Article& article, int64_t now, RenderedPage* out);
  // The home page laid out by an unsaved `layout` (the desk's preview of
  // /admin/home); marked noindex, never cached.
  Status RenderHomePreview(const HomeLayout& layout, int64_t now, RenderedPage* out);
  Status RenderCommentPage(const CommentPageData& data, int64_t now, RenderedPage* out);
  // A feed (render/feeds.h) or a sitemap (render/sitemaps.h) at `path`,
  // read from this renderer's store; NotFound for an address that is none.
  Status RenderFeed(const std::string& path, int64_t now, RenderedPage* out);
  Status RenderSitemap(const std::string& path, int64_t now, RenderedPage* out);
  // The Arabic 404 and 500 pages.
  RenderedPage NotFound(int64_t now);
  RenderedPage ServerError();

 private:
  struct Context;
  Status RenderHome(Context& ctx);
  Status FillHome(Context& ctx, const HomeLayout& layout);  // render/home_page.h's plan, as the view.
  Status RenderArticle(Context& ctx, const std::string& slug, int comment_page);
  Status FillComments(Context& ctx, const Article& a, int page);
  Status FillArticle(Context& ctx, const Article& a);
  Status RenderStaticPage(Context& ctx, const std::string& slug);
  void FillStaticPage(Context& ctx, const Article& a);
  Status RenderList(Context& ctx, const std::string& kind, const std::string& slug, int page);
  Status RenderCorrections(Context& ctx, int page);
  Status Finish(Context& ctx, const std::string& template_name, RenderedPage* out);
  Status LoadCommon(Context& ctx, int64_t now);

  Store& store_;
  const Theme& theme_;
  std::unique_ptr<ContentApi> api_;
  mutable std::mutex most_read_mu_;
  std::shared_ptr<const std::vector<MostReadArticle>> most_read_ =
      std::make_shared<const std::vector<MostReadArticle>>();
};

}  // namespace qalam
