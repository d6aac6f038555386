// SiteHandler: the reader's site over HTTP. Routes a request to a cached
// page or a theme asset, answers conditional requests (ETag, 304), picks the
// gzip body when the client takes it, and keeps the page cache current by
// reading the site's change keys (PollChanges, run by the server's tick).
// Everything it reads or writes goes through the site's services.
#pragma once
#include <atomic>
#include <functional>
#include <initializer_list>
#include <optional>
#include <memory>

#include "render/pages.h"
#include "render/theme.h"
#include "services/site_services.h"
#include "web/admin_handler.h"
#include "web/http_types.h"
#include "web/live_hub.h"
#include "web/page_cache.h"
#include "web/rate_limiter.h"

namespace qalam {

class SiteHandler {
 public:
  using Clock = std::function<int64_t()>;  // UTC seconds; injectable for tests.

  // Uploaded images (services.media.dir()) are served at /media/; an
  // imported one whose variants are not made yet is made on its first
  // request (MediaLibrary::EnsureFile).
  // `services` and `renderer` outlive the handler.
  SiteHandler(SiteServices& services, PageRenderer& renderer, const Theme& theme, size_t cache_bytes,
              Clock clock);

  HttpReply Handle(const HttpRequest& request);
  // Publishes scheduled articles whose time has come (whichever server gets
  // there first; each goes live once), then reads change keys written since
  // the last call (by this or any other process) and purges the pages built
  // from them.
  void PollChanges();

  const PageCache& cache() const { return cache_; }
  LiveHub& live() { return live_; }

  // Whether the site is served over https: its site_url starts with
  // https:// (read at start and whenever the setting changes). The HTTP
  // server then sends Strict-Transport-Security (HttpServerOptions::https).
  bool Https() const { return https_.load(std::memory_order_relaxed); }

 private:
  HttpReply Page(const HttpRequest& request, const std::string& path, int page);
  HttpReply Moved(const std::string& location);
  // Where an address under a renamed writer, source, section or tag (or an
  // article whose slug was edited) now is: `path` is one of `prefixes`
  // (each with the kind of what follows it; none for an article) then the
  // old slug, then `path`'s rest when `with_rest` ("/feed/atom"), else
  // nothing. Empty when it names no renamed thing.
  struct SlugPrefix {
    const char* prefix;
    std::optional<NamedKind> kind;
  };
  std::string RenamedPath(const std::string& path, std::initializer_list<SlugPrefix> prefixes, bool with_rest);
  HttpReply FeedOrSitemap(const HttpRequest& request, const std::string& path);
  HttpReply Robots(const HttpRequest& request);
  // /live (the stream) and /live/breaking.json: see web/live_hub.h.
  HttpReply LiveRoute(const HttpRequest& request, const std::string& path, std::string_view query);
  // Reads the ticker as readers see it now and sends it to the streams.
  void PublishBreaking();
  HttpReply Asset(const HttpRequest& request, const std::string& path);
  HttpReply MediaFile(const HttpRequest& request, const std::string& path);
  // In comment_routes.cc: POST /comments, /comments/ID/report,
  // /api/comment-token and /api/comment-status.
  HttpReply CommentRoute(const HttpRequest& request, const std::string& path, std::string_view query);
  HttpReply CommentPage(const CommentPageData& data);
  // In search_routes.cc: /search, /api/search and /api/suggest.
  HttpReply SearchPage(std::string_view query);
  HttpReply SearchApi(std::string_view query);
  HttpReply SuggestApi(std::string_view query);
  // In view_routes.cc: POST /api/view (the article page's view beacon), and
  // the most-read list pages show, recounted from the store by PollChanges
  // every kMostReadEvery seconds (so every server shows the same) and
  // soft-purged (kMostReadKey) only when it changed.
  HttpReply ViewBeacon(const HttpRequest& request);
  void RefreshMostRead(int64_t now);
  static constexpr int64_t kMostReadEvery = 60;
  std::atomic<int64_t> most_read_at_{0};  // When it was last recounted (UTC seconds).
  // In api_routes.cc: the Content API under /api/v1 (docs/API.md).
  static bool IsApiPath(const std::string& path);
  HttpReply ApiRoute(const HttpRequest& request, const std::string& path, std::string_view query);
  CachedPage RenderPage(const std::string& path, int page);
  // A rendered document as the cache keeps it: ETag, gzip body.
  static CachedPage ToCached(RenderedPage rendered);
  // A cached document as a reply: its type, ETag and Last-Modified, 304 for
  // a conditional request it satisfies, the gzip body when taken.
  HttpReply Serve(const HttpRequest& request, const CachedPage& cached);
  // Any document kept in the page cache under `key` (a feed, a sitemap, an
  // API answer), rendered by `render` on a miss and purged by the change
  // keys it names, like a page.
  HttpReply Document(const HttpRequest& request, const std::string& key,
                     const std::function<RenderedPage(int64_t now)>& render);

  SiteSettings& settings_;
  SearchService& search_;
  CommentService& comments_;
  Redirects& redirects_;
  SiteChanges& changes_;
  const Theme& theme_;
  PageRenderer& renderer_;
  PageCache cache_;
  Clock clock_;
  MediaLibrary& media_;
  BreakingNews& breaking_;
  LiveHub live_;
  ViewCounter& views_;
  ViewStats& view_stats_;
  AdminHandler admin_;
  // Uncached Content API answers per client address: 120 at once, 20 a second.
  RateLimiter api_limiter_{120, 20};
  // Reads site_url (HSTS) and the cache settings (the pages' Cache-Control),
  // at start and when one of them changes.
  void ReadServingSettings();
  static std::string PageCacheControl(const Settings& settings);
  std::shared_ptr<const std::string> cache_control_ = std::make_shared<const std::string>("public, no-cache");
  void TickerChanged();
  std::atomic<bool> https_{false};
};

}  // namespace qalam
