#include "web/site_handler.h"
#include "web/query_string.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include <charconv>

#include "core/change_keys.h"
#include "core/files.h"
#include "core/gzip.h"
#include "core/http_date.h"
#include "core/text.h"
#include "render/feeds.h"
#include "render/live_json.h"
#include "render/sitemaps.h"
#include "services/old_addresses.h"

namespace qalam {
namespace {

constexpr size_t kMinGzipBytes = 512;
constexpr size_t kFastGzipBytes = 1 << 20;

bool AcceptsGzip(std::string_view accept_encoding) {
  // "gzip" listed and not refused with a zero quality (q=0, q=0.0, q=0.000).
  size_t p = accept_encoding.find("gzip");
  if (p == std::string_view::npos) return false;
  std::string_view rest = accept_encoding.substr(p + 4);
  std::string_view params = rest.substr(0, rest.find(','));
  size_t q = params.find("q=");
  if (q == std::string_view::npos) return true;
  for (char c : params.substr(q + 2)) {
    if (c >= '1' && c <= '9') return true;
    if (c != '0' && c != '.') break;
  }
  return false;
}

bool EtagMatches(std::string_view if_none_match, const std::string& etag) {
  if (if_none_match.empty() || etag.empty()) return false;
  if (if_none_match == "*") return true;
  // A list of tags, possibly weak (W/"…"); ours are unique enough to search for.
  return if_none_match.find(etag) != std::string_view::npos;
}

HttpReply TextReply(int status, std::string text) {
  HttpReply r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::make_shared<const std::string>(std::move(text));
  return r;
}

}  // namespace

SiteHandler::SiteHandler(SiteServices& services, PageRenderer& renderer, const Theme& theme, size_t cache_bytes,
                         Clock clock)
    : settings_(services.settings),
      search_(services.search),
      comments_(services.comments),
      redirects_(services.redirects),
      changes_(services.changes),
      theme_(theme),
      renderer_(renderer),
      cache_(cache_bytes),
      clock_(clock),
      media_(services.media),
      breaking_(services.breaking),
      views_(services.views),
      view_stats_(services.view_stats),
      admin_(services, renderer, clock) {
  // Unread, every change since the first is read once: pages purged, nothing lost.
  if (Status st = changes_.Start(); !st.ok()) spdlog::warn("cannot read the last change: {}", st.message());
  ReadServingSettings();
  // Articles whose time came while no server ran go live now.
  PollChanges();
  PublishBreaking();
}

void SiteHandler::PollChanges() {
  std::vector<std::string> page_keys;
  Status st = changes_.Poll(clock_(), &page_keys);
  if (!st.ok()) {
    spdlog::warn("cannot read changes: {}", st.message());
    return;
  }
  cache_.Invalidate(page_keys);
  if (std::find(page_keys.begin(), page_keys.end(), keys::kBreaking) != page_keys.end()) {
    PublishBreaking();
    TickerChanged();
  }
  live_.Tick(std::chrono::steady_clock::now());
  if (std::any_of(page_keys.begin(), page_keys.end(), [](const std::string& k) {
        return k == keys::Setting("site_url") || k.rfind(keys::Setting("cache_"), 0) == 0;
      })) {
    ReadServingSettings();
  }
  // The most read: a read of the store about each minute (and at start),
  // never a purge per view.
  if (const int64_t now = clock_(); now >= most_read_at_ + kMostReadEvery || now < most_read_at_) {
    most_read_at_ = now;
    RefreshMostRead(now);
  }
}

// No page is purged for the ticker: each shows it as of its render until
// the ticker_refresh_seconds setting has passed since the change, then is
// rendered anew on its next request (PageCache::ExpireBy).
void SiteHandler::TickerChanged() {
  Settings settings;
  int64_t refresh = 60;
  if (Status st = settings_.Load(&settings); st.ok()) {
    refresh = settings.GetInt("ticker_refresh_seconds");
  } else {
    spdlog::warn("cannot read ticker_refresh_seconds: {}", st.message());
  }
  cache_.ExpireBy({keys::kTicker}, clock_() + refresh);
}

void SiteHandler::PublishBreaking() {
  const int64_t id = changes_.last_change();
  std::vector<BreakingItem> items;
  if (Status st = breaking_.Showing(clock_(), &items); !st.ok()) {
    spdlog::warn("cannot read the breaking ticker for /live: {}", st.message());
    return;
  }
  live_.PublishBreaking(id, BreakingJson(items, id));
}

HttpReply SiteHandler::LiveRoute(const HttpRequest& request, const std::string& path, std::string_view query) {
  if (path == "/live/breaking.json") {
    return Document(request, path, [&](int64_t now) {
      RenderedPage out;
      // The change it is as of is read first: the list read after it is at
      // least that new, so a reader passing it to /live misses nothing.
      const int64_t id = changes_.last_change();
      std::vector<BreakingItem> items;
      if (Status st = breaking_.Showing(now, &items); !st.ok()) {
        spdlog::error("/live/breaking.json: {}", st.message());
        out.status = 500;
        out.content_type = "text/plain; charset=utf-8";
        out.html = "تعذّرت قراءة الأخبار العاجلة الآن.\n";
        return out;
      }
      out.content_type = "application/json; charset=utf-8";
      out.html = BreakingJson(items, id);
      out.keys = {keys::kBreaking};
      for (const BreakingItem& b : items) {
        if (b.until && (out.expires_at == 0 || b.until < out.expires_at)) out.expires_at = b.until;
      }
      // Read anew when the next item starts, as when one ends.
      int64_t next_start = 0;
      if (Status st = breaking_.NextStart(now, &next_start); !st.ok()) {
        spdlog::warn("/live/breaking.json: cannot read the next start: {}", st.message());
        out.expires_at = now + 1;
      } else if (next_start && (out.expires_at == 0 || next_start < out.expires_at)) {
        out.expires_at = next_start;
      }
      return out;
    });
  }
  if (path != "/live") return Page(request, path, -1);
  // A reconnecting EventSource sends Last-Event-ID; a page that has just
  // read /live/breaking.json passes its event_id as ?since=.
  int64_t since = ParseLastEventId(request.last_event_id);
  if (since < 0) {
    std::map<std::string, std::string> params;
    if (ParseQueryString(query, &params)) {
      if (auto it = params.find("since"); it != params.end()) since = ParseLastEventId(it->second);
    }
  }
  return live_.Open(since);
}

void SiteHandler::ReadServingSettings() {
  Settings settings;
  if (Status st = settings_.Load(&settings); !st.ok()) {
    spdlog::warn("cannot read site_url and the cache settings: {}", st.message());
    return;
  }
  https_ = settings.site_url().rfind("https://", 0) == 0;
  std::atomic_store(&cache_control_, std::make_shared<const std::string>(PageCacheControl(settings)));
}

// Browsers revalidate every time (max-age=0: a 304 when the ETag holds);
// shared caches (a CDN, Varnish) may keep a page s-maxage seconds, serve
// it stale while fetching the new one and while Qalam cannot answer.
std::string SiteHandler::PageCacheControl(const Settings& settings) {
  std::string out = "public, max-age=0, s-maxage=" + std::to_string(settings.GetInt("cache_s_maxage"));
  if (int swr = settings.GetInt("cache_stale_while_revalidate"); swr > 0) {
    out += ", stale-while-revalidate=" + std::to_string(swr);
  }
  if (int sie = settings.GetInt("cache_stale_if_error"); sie > 0) out += ", stale-if-error=" + std::to_string(sie);
  return out;
}

HttpReply SiteHandler::Handle(const HttpRequest& request) {
  if (request.target.rfind("/admin", 0) == 0) {
    std::string_view target = request.target;
    size_t q = target.find('?');
    std::string path;
    if (!PercentDecode(target.substr(0, q), &path) || path.find('\0') != std::string::npos) {
      return TextReply(400, "عنوان غير صالح.\n");
    }
    // The desk's assets (/admin/assets/) are served below, like the theme's.
    if ((path == "/admin" || path.rfind("/admin/", 0) == 0) &&
        path.rfind(Theme::kDeskAssetPrefix, 0) != 0) {
      return admin_.Handle(request, path, q == std::string_view::npos ? "" : target.substr(q + 1));
    }
  }
  {
    std::string_view target = request.target;
    const size_t q = target.find('?');
    std::string path;
    const bool decoded = PercentDecode(target.substr(0, q), &path);
    if (decoded &&
        (path == "/comments" || path.rfind("/comments/", 0) == 0 || path == "/api/comment-token" ||
         path == "/api/comment-status")) {
      return CommentRoute(request, path, q == std::string_view::npos ? "" : target.substr(q + 1));
    }
    if (decoded && path == "/api/view") return ViewBeacon(request);
    if (decoded && IsApiPath(path)) return ApiRoute(request, path, q == std::string_view::npos ? "" : target.substr(q + 1));
  }
  if (request.method != "GET" && request.method != "HEAD") {
    HttpReply r = TextReply(405, "هذه الطريقة غير مدعومة هنا.\n");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  std::string_view target = request.target;
  if (target.empty() || target[0] != '/') return TextReply(400, "عنوان غير صالح.\n");
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  std::string path;
  if (!PercentDecode(raw_path, &path) || path.find('\0') != std::string::npos) {
    return TextReply(400, "عنوان غير صالح.\n");
  }

  if (path.rfind("/assets/", 0) == 0 || path.rfind(Theme::kDeskAssetPrefix, 0) == 0) {
    return Asset(request, path);
  }
  if (path.rfind("/media/", 0) == 0) return MediaFile(request, path);
  if (path == "/robots.txt") return Robots(request);
  if (path == "/healthz") {
    HttpReply r = TextReply(200, "ok\n");
    r.cache_control = "no-store";
    return r;
  }
  if (path == "/live" || path.rfind("/live/", 0) == 0) return LiveRoute(request, path, query);
  if (path == "/search") return SearchPage(query);
  if (path == "/api/search") return SearchApi(query);
  if (path == "/api/suggest") return SuggestApi(query);
  // "//host" or "/\host" would be read as another site by a browser: never
  // a page, never a redirect target.
  if (path.rfind("//", 0) == 0 || path.rfind("/\\", 0) == 0) return Page(request, path, -1);
  // An address of the site Qalam replaced, "/2019/05/خبر/" or "/?p=123":
  // straight to its page here with one 301 (a miss costs one indexed read,
  // only for these shapes and for pages that would be 404s).
  if ((path.size() > 1 && path.back() == '/') || HasWordPressQuery(query)) {
    std::string location;
    if (redirects_.FindOld(path, query, &location).ok()) return Moved(location);
  }
  if (path.size() > 1 && path.back() == '/') {
    // One address per page: "/tag/x/" redirects to "/tag/x".
    HttpReply r = TextReply(301, "");
    std::string to(raw_path.substr(0, raw_path.size() - 1));
    if (!query.empty()) to += "?" + std::string(query);
    r.headers.emplace_back("Location", to);
    return r;
  }

  if (IsFeedPath(path) || IsSitemapPath(path)) return FeedOrSitemap(request, path);

  // The only query a page takes is ?page=N (N ≥ 1); anything else is ignored.
  int page = 1;
  for (size_t start = 0; start <= query.size();) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(start, amp - start);
    if (param.rfind("page=", 0) == 0) {
      std::string_view v = param.substr(5);
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), page);
      if (ec != std::errc() || p != v.data() + v.size() || page < 1 || page > 1000000) page = -1;
    }
    start = amp + 1;
  }
  return Page(request, path, page);
}

// Uploaded images: named by the hash of their content, so never changed in
// place and cached for a year. Only names the desk makes are served.
HttpReply SiteHandler::MediaFile(const HttpRequest& request, const std::string& path) {
  const std::string name = path.substr(7);
  const size_t dot = name.rfind('.');
  const bool valid_name =
      !media_.dir().empty() && dot != std::string::npos && dot > 0 && name.size() < 100 &&
      std::all_of(name.begin(), name.begin() + dot,
                  [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-' || c == 'x'; });
  static const std::map<std::string, std::string> types = {
      {"jpg", "image/jpeg"}, {"png", "image/png"}, {"webp", "image/webp"}, {"gif", "image/gif"}};
  auto type = valid_name ? types.find(name.substr(dot + 1)) : types.end();
  if (type == types.end()) return Page(request, path, -1);
  if (Status st = media_.EnsureFile(name); !st.ok()) {
    if (!st.IsNotFound()) spdlog::error("serving /media/{}: {}", name, st.message());
    return Page(request, path, -1);
  }
  std::string bytes;
  if (!ReadWholeFile(media_.dir() + "/" + name, &bytes)) return Page(request, path, -1);
  HttpReply r;
  r.status = 200;
  r.content_type = type->second;
  r.cache_control = "public, max-age=31536000, immutable";
  r.etag = "\"" + name + "\"";
  if (request.if_none_match == r.etag) {
    r.status = 304;
    r.body = std::make_shared<const std::string>();
    return r;
  }
  r.body = std::make_shared<const std::string>(std::move(bytes));
  return r;
}

CachedPage SiteHandler::ToCached(RenderedPage rendered) {
  CachedPage c;
  c.status = rendered.status;
  c.cacheable = rendered.status == 200 || rendered.status == 301;
  c.location = rendered.location;
  c.content_type = std::move(rendered.content_type);
  c.last_modified = rendered.last_modified;
  c.etag = "\"" + ShortHash(rendered.html) + "\"";
  if (rendered.html.size() >= kMinGzipBytes) {
    // A large document (a sitemap of 50,000 URLs, ~17 MB) at zlib's fastest
    // level: three times faster than the default, about 1.6 times bigger.
    std::string gz = GzipCompress(rendered.html, rendered.html.size() >= kFastGzipBytes ? 1 : 6);
    if (!gz.empty() && gz.size() < rendered.html.size()) {
      c.gzip_body = std::make_shared<const std::string>(std::move(gz));
    }
  }
  c.body = std::make_shared<const std::string>(std::move(rendered.html));
  c.keys = std::move(rendered.keys);
  for (const std::string& k : c.keys) {
    c.surrogate_keys += (c.surrogate_keys.empty() ? "" : " ") + k;
    c.cache_tags += (c.cache_tags.empty() ? "" : ",") + k;
  }
  c.expires_at = rendered.expires_at;
  return c;
}

CachedPage SiteHandler::RenderPage(const std::string& path, int page) {
  RenderedPage rendered;
  int64_t now = clock_();
  Status st = page < 1 ? Status::NotFound(path) : renderer_.Render(path, page, now, &rendered);
  if (st.IsNotFound()) {
    rendered = renderer_.NotFound(now);
  } else if (!st.ok()) {
    spdlog::error("cannot render {}: {}", path, st.message());
    rendered = renderer_.ServerError();
  }
  return ToCached(std::move(rendered));
}

HttpReply SiteHandler::Serve(const HttpRequest& request, const CachedPage& cached) {
  HttpReply r;
  r.status = cached.status;
  if (!cached.content_type.empty()) r.content_type = cached.content_type;
  r.etag = cached.status == 200 ? cached.etag : "";
  r.last_modified = cached.status == 200 ? cached.last_modified : 0;
  r.cache_control = cached.status == 200 ? *std::atomic_load(&cache_control_) : "no-store";
  r.vary_encoding = true;
  if (cached.status == 200 && !cached.surrogate_keys.empty()) {
    r.headers.emplace_back("Surrogate-Key", cached.surrogate_keys);
    r.headers.emplace_back("Cache-Tag", cached.cache_tags);
  }
  if (cached.status == 200) {
    // If-None-Match decides when sent; If-Modified-Since only without it
    // (RFC 9110, 13.1.3).
    int64_t since = 0;
    const bool not_modified =
        !request.if_none_match.empty()
            ? EtagMatches(request.if_none_match, cached.etag)
            : cached.last_modified > 0 && ParseHttpDate(request.if_modified_since, &since) &&
                  cached.last_modified <= since;
    if (not_modified) {
      r.status = 304;
      return r;
    }
  }
  if (!cached.body) {  // A render that threw.
    HttpReply e = TextReply(500, "خطأ في الخادم.\n");
    return e;
  }
  if (cached.gzip_body && AcceptsGzip(request.accept_encoding)) {
    r.body = cached.gzip_body;
    r.gzip = true;
  } else {
    r.body = cached.body;
  }
  return r;
}

HttpReply SiteHandler::Document(const HttpRequest& request, const std::string& key,
                                const std::function<RenderedPage(int64_t now)>& render) {
  auto cached = cache_.Get(key, clock_(), [&] { return ToCached(render(clock_())); });
  return Serve(request, *cached);
}

HttpReply SiteHandler::Page(const HttpRequest& request, const std::string& path, int page) {
  // A bad page number is a 404 of its own, never the cache entry of page 1.
  std::string key = page == 1 ? path : path + "?page=" + std::to_string(page);
  auto cached = cache_.Get(key, clock_(), [&] { return RenderPage(path, page); });
  if (cached->status == 404 && page >= 1) {
    std::string location;
    if (redirects_.FindOld(path, "", &location).ok()) return Moved(location);
    // A renamed writer, source, section or tag, or an article whose slug was
    // edited: its old address moves permanently to the new one. Revalidated
    // (no-cache), since a later rename may give the old slug back.
    const std::string moved = RenamedPath(path,
                                          {{"/tag/", NamedKind::kTag},
                                           {"/section/", NamedKind::kSection},
                                           {"/writer/", NamedKind::kPerson},
                                           {"/source/", NamedKind::kSource},
                                           {"/article/", std::nullopt},
                                           {"/page/", std::nullopt}},
                                          false);
    if (!moved.empty()) return Moved(moved + (page > 1 ? "?page=" + std::to_string(page) : ""));
  }
  if (cached->status == 301 && !cached->location.empty()) {
    // A static page asked for at /article/, or an article at /page/.
    return Moved(cached->location);
  }
  return Serve(request, *cached);
}

// Feeds and sitemaps (render/feeds.h, render/sitemaps.h), cached by path
// like pages and purged by their keys; any query is ignored.
HttpReply SiteHandler::FeedOrSitemap(const HttpRequest& request, const std::string& path) {
  HttpReply reply = Document(request, path, [&](int64_t now) {
    RenderedPage out;
    Status st = IsFeedPath(path) ? renderer_.RenderFeed(path, now, &out) : renderer_.RenderSitemap(path, now, &out);
    if (st.IsNotFound()) return renderer_.NotFound(now);
    if (!st.ok()) {
      spdlog::error("cannot render {}: {}", path, st.message());
      return renderer_.ServerError();
    }
    return out;
  });
  if (reply.status != 404 || !IsFeedPath(path)) return reply;
  // The feed of a renamed writer, source, section or tag moves with its page.
  const std::string moved = RenamedPath(path,
                                        {{"/tag/", NamedKind::kTag},
                                         {"/section/", NamedKind::kSection},
                                         {"/writer/", NamedKind::kPerson},
                                         {"/source/", NamedKind::kSource}},
                                        true);
  if (!moved.empty()) return Moved(moved);
  return reply;
}

// robots.txt names the sitemap index on the site's public address.
HttpReply SiteHandler::Robots(const HttpRequest& request) {
  return Document(request, "/robots.txt", [&](int64_t now) {
    RenderedPage out;
    Settings settings;
    if (Status st = settings_.Load(&settings); !st.ok()) {
      spdlog::error("cannot read the settings for robots.txt: {}", st.message());
      return renderer_.ServerError();
    }
    out.html = "User-agent: *\nAllow: /\n\nSitemap: " + settings.site_url() + "/sitemap.xml\n";
    out.content_type = "text/plain; charset=utf-8";
    out.last_modified = now;
    out.keys = {keys::Setting("site_url")};
    return out;
  });
}

std::string SiteHandler::RenamedPath(const std::string& path, std::initializer_list<SlugPrefix> prefixes,
                                     bool with_rest) {
  for (const auto& [prefix, kind] : prefixes) {
    const std::string_view p(prefix);
    if (path.compare(0, p.size(), p) != 0 || path.size() == p.size()) continue;
    const size_t end = path.find('/', p.size());
    if (end != std::string::npos && !with_rest) continue;
    const std::string old_slug = path.substr(p.size(), end == std::string::npos ? std::string::npos : end - p.size());
    std::string slug;
    if (old_slug.empty() || !redirects_.Find(kind, old_slug, &slug).ok() || slug.empty() || slug == old_slug) {
      return "";
    }
    return std::string(p) + PercentEncode(slug) + (end == std::string::npos ? "" : path.substr(end));
  }
  return "";
}

// A permanent move, revalidated (no-cache): what an old address names may
// be unpublished, or an old slug given back, later.
HttpReply SiteHandler::Moved(const std::string& location) {
  HttpReply moved = TextReply(301, "");
  moved.cache_control = "public, no-cache";
  moved.headers.emplace_back("Location", location);
  return moved;
}

HttpReply SiteHandler::Asset(const HttpRequest& request, const std::string& path) {
  // The desk's assets are their own set under their own prefix: a theme
  // (`--theme`) neither replaces nor shadows them.
  const Theme& from = path.rfind(Theme::kDeskAssetPrefix, 0) == 0 ? Theme::Desk() : theme_;
  const qalam::Asset* asset = from.FindAsset(path);
  if (!asset) {
    HttpReply r = TextReply(404, "الملف غير موجود.\n");
    return r;
  }
  HttpReply r;
  r.content_type = asset->content_type;
  r.cache_control = "public, max-age=31536000, immutable";
  r.etag = "\"" + ShortHash(path) + "\"";  // The name carries the content hash.
  if (EtagMatches(request.if_none_match, r.etag)) {
    r.status = 304;
    return r;
  }
  r.vary_encoding = asset->gzip_bytes != nullptr;
  if (asset->gzip_bytes && AcceptsGzip(request.accept_encoding)) {
    r.body = asset->gzip_bytes;
    r.gzip = true;
  } else {
    r.body = asset->bytes;
  }
  return r;
}

}  // namespace qalam
