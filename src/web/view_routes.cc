// POST /api/view: the article page's beacon (themes/default/assets/views.js,
// navigator.sendBeacon with article=ID). The view is handed to the
// in-memory counter (services/view_counter.h), which never writes the store
// here; nothing sets a cookie, and the reader's address and agent are
// neither stored nor logged. And the most-read list pages show, recounted
// from the store about each minute by the server's tick.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "web/query_string.h"
#include "web/site_handler.h"

namespace qalam {
namespace {

HttpReply Plain(int status, std::string text) {
  HttpReply r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(std::move(text));
  return r;
}

bool SameOrigin(const HttpRequest& request) {
  if (request.origin.empty()) return true;
  const std::string host(request.host);
  return request.origin == "http://" + host || request.origin == "https://" + host;
}

}  // namespace

HttpReply SiteHandler::ViewBeacon(const HttpRequest& request) {
  if (request.method != "POST") {
    HttpReply r = Plain(405, "يُرسل عدّ القراءة بطلب POST فقط.\n");
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  // Another site's page cannot make its visitors count here.
  if (!SameOrigin(request)) return Plain(403, "رُفض الطلب لأنه جاء من موقع آخر.\n");
  std::string_view type = request.content_type.substr(0, request.content_type.find(';'));
  if (!type.empty() && type != "application/x-www-form-urlencoded") {
    return Plain(415, "يُرسل عدّ القراءة نموذجًا (application/x-www-form-urlencoded).\n");
  }
  std::map<std::string, std::string> form;
  Id id = 0;
  if (request.body.size() <= 256 && ParseQueryString(request.body, &form)) {
    const std::string& v = form["article"];
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec != std::errc() || end != v.data() + v.size()) id = 0;
  }
  if (id <= 0) return Plain(400, "رقم المقال غير صالح.\n");
  if (views_.Record(id, request.remote, request.user_agent, clock_()) == ViewCounter::Result::kUnknown) {
    return Plain(400, "لا يوجد مقال بهذا الرقم.\n");
  }
  // A counted view, a repeat and a program's all look alike to the client.
  HttpReply r = Plain(204, "");
  r.content_type.clear();
  return r;
}

void SiteHandler::RefreshMostRead(int64_t now) {
  std::vector<MostReadArticle> list;
  if (Status st = view_stats_.MostRead(now, &list); !st.ok()) {
    spdlog::warn("cannot recount the most read: {}", st.message());
    return;
  }
  // Pages show titles and order: only a change there is worth re-rendering.
  auto shown = renderer_.MostRead();
  const bool same = std::equal(list.begin(), list.end(), shown->begin(), shown->end(),
                               [](const MostReadArticle& a, const MostReadArticle& b) {
                                 return a.article.id == b.article.id && a.article.title == b.article.title &&
                                        a.article.slug == b.article.slug;
                               });
  if (same) return;
  renderer_.SetMostRead(std::move(list));
  cache_.ExpireBy({kMostReadKey}, now);
}

}  // namespace qalam
