// The Content API's routes of SiteHandler (/api/v1/…, docs/API.md): only
// GET and HEAD (and OPTIONS for a CORS preflight), each answer from the
// page cache under its path and canonical query, purged by the change keys
// render/content_api.cc gives it; readable from any origin. Rendering an
// answer (a cache miss) costs a token of the client's bucket: a client
// hammering uncached answers gets 429s, cached ones are never limited.
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "core/text.h"
#include "render/content_api.h"
#include "web/query_string.h"
#include "web/site_handler.h"

namespace qalam {
namespace {

void AddCors(HttpReply* r) { r->headers.emplace_back("Access-Control-Allow-Origin", "*"); }

HttpReply ApiErrorReply(const ApiError& e) {
  HttpReply r;
  r.status = e.status;
  r.content_type = kApiContentType;
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(ApiErrorJson(e));
  AddCors(&r);
  return r;
}

}  // namespace

bool SiteHandler::IsApiPath(const std::string& path) {
  return path == "/api/v1" || path.rfind("/api/v1/", 0) == 0;
}

HttpReply SiteHandler::ApiRoute(const HttpRequest& request, const std::string& path, std::string_view query) {
  if (request.method == "OPTIONS") {
    HttpReply r;
    r.status = 204;
    r.cache_control = "public, max-age=86400";
    r.body = std::make_shared<const std::string>();
    AddCors(&r);
    r.headers.emplace_back("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    r.headers.emplace_back("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since");
    r.headers.emplace_back("Access-Control-Max-Age", "86400");
    r.headers.emplace_back("Allow", "GET, HEAD, OPTIONS");
    return r;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    HttpReply r = ApiErrorReply({405, "method_not_allowed",
                                 "The Content API is read-only: GET, HEAD or OPTIONS.",
                                 "واجهة المحتوى للقراءة فقط.", ""});
    r.headers.emplace_back("Allow", "GET, HEAD, OPTIONS");
    return r;
  }
  std::map<std::string, std::string> params;
  if (!ParseQueryString(query, &params)) {
    return ApiErrorReply({400, "invalid_query", "The query string is not valid percent-encoded UTF-8.",
                          "عنوان الطلب غير صالح.", ""});
  }
  // One cache entry per path and set of parameters, whatever their order.
  std::string key = "api:" + path;
  for (const auto& [name, value] : params) {
    key += (key.find('?') == std::string::npos ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  }
  int retry_after = 0;
  HttpReply r = Document(request, key, [&](int64_t now) {
    if (!api_limiter_.Take(request.remote, &retry_after)) {
      return ApiErrorPage({429, "rate_limited", "Too many uncached requests; slow down and retry later.",
                           "طلبات كثيرة في وقت قصير؛ أعد المحاولة بعد قليل.", ""});
    }
    return renderer_.Api().Render(path, params, now);
  });
  if (r.status == 429 && retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
  if (r.status == 404) {
    // A renamed article, writer, section, tag or source: its old slug
    // moves permanently to the new one, as its page does (revalidated:
    // a later rename may give the old slug back).
    const std::string moved = RenamedPath(path,
                                          {{"/api/v1/articles/by-slug/", std::nullopt},
                                           {"/api/v1/writers/", NamedKind::kPerson},
                                           {"/api/v1/sections/", NamedKind::kSection},
                                           {"/api/v1/tags/", NamedKind::kTag},
                                           {"/api/v1/sources/", NamedKind::kSource}},
                                          false);
    if (!moved.empty()) {
      const std::string location = moved + (query.empty() ? "" : "?" + std::string(query));
      HttpReply reply = Moved(location);
      reply.content_type = kApiContentType;
      reply.body = std::make_shared<const std::string>(nlohmann::json{{"location", location}}.dump());
      AddCors(&reply);
      return reply;
    }
  }
  AddCors(&r);
  return r;
}

}  // namespace qalam
