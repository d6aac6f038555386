// Readers' comments over HTTP: POST /comments, the report flow
// (/comments/ID/report), and the two small endpoints the article page's
// script asks, so that the page itself stays the same for every reader:
// /api/comment-token and /api/comment-status. Nothing here sets a cookie,
// and no answer carries an email address.
#include <spdlog/spdlog.h>

#include <charconv>

#include "core/text.h"
#include "web/query_string.h"
#include "web/site_handler.h"

namespace qalam {

namespace {

bool ParseId(std::string_view s, Id* out) {
  if (s.empty()) {
    *out = 0;
    return true;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && *out > 0;
}

HttpReply TextPage(int status, std::string text) {
  HttpReply r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(std::move(text));
  return r;
}

HttpReply JsonReply(int status, const nlohmann::json& body) {
  HttpReply r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(body.dump());
  return r;
}

}  // namespace

HttpReply SiteHandler::CommentPage(const CommentPageData& data) {
  RenderedPage page;
  Status st = renderer_.RenderCommentPage(data, clock_(), &page);
  HttpReply r;
  if (!st.ok()) {
    spdlog::error("comment page failed: {}", st.message());
    page = renderer_.ServerError();
  }
  r.status = page.status;
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(std::move(page.html));
  r.headers.emplace_back("X-Robots-Tag", "noindex");
  return r;
}

HttpReply SiteHandler::CommentRoute(const HttpRequest& request, const std::string& path,
                                    std::string_view query) {
  const int64_t now = clock_();
  std::map<std::string, std::string> params;
  ParseQueryString(query, &params);

  if (path == "/api/comment-token") {
    Id article_id = 0;
    if (!ParseId(params["article"], &article_id) || !article_id) {
      return JsonReply(400, {{"error", "رقم المقال مطلوب."}});
    }
    std::string token;
    if (!comments_.IssueToken(article_id, now, &token).ok()) return JsonReply(500, {{"error", "تعذّر إعداد النموذج."}});
    return JsonReply(200, {{"token", token}});
  }
  if (path == "/api/comment-status") {
    Id id = 0;
    Comment c;
    if (!ParseId(params["id"], &id) || !id || !comments_.CheckStatusSignature(id, params["sig"]) ||
        !comments_.Get(id, &c).ok()) {
      return JsonReply(404, {{"error", "لا يوجد تعليق بهذا الرقم."}});
    }
    return JsonReply(200, {{"id", c.id}, {"state", ToString(c.state)}});
  }

  std::map<std::string, std::string> form;
  const bool post = request.method == "POST";
  if (post && (request.content_type.rfind("application/x-www-form-urlencoded", 0) != 0 ||
               !ParseQueryString(request.body, &form))) {
    return TextPage(400, "بيانات النموذج غير صالحة.\n");
  }

  if (path == "/comments" && post) {
    CommentForm f;
    Id article_id = 0, parent_id = 0;
    ParseId(form["article"], &article_id);
    ParseId(form["parent"], &parent_id);
    f.article_id = article_id;
    f.parent_id = parent_id;
    f.name = form["name"];
    f.email = form["email"];
    f.body = form["comment"];
    f.token = form["token"];
    f.website = form["website"];
    ArticleSummary article;
    if (!article_id || !comments_.FindArticle(article_id, &article).ok()) {
      return TextPage(404, "المقال غير موجود.\n");
    }
    const std::string article_url = "/article/" + PercentEncode(article.slug);
    CommentPageData page;
    page.article_id = article_id;
    page.article_title = article.title;
    page.article_url = article_url;
    page.parent_id = parent_id;
    page.name = f.name;
    page.email = f.email;
    page.body = f.body;
    PostedComment posted;
    CommentErrors errors;
    std::set<std::string> changes;
    Status st = comments_.Post(f, request.remote, now, &posted, &errors, &changes);
    if (st.IsInvalid() || st.code() == Status::Code::kConflict) {
      // The form again, with what was typed and a fresh token.
      page.title = "أكمل تعليقك";
      page.error_name = errors.name;
      page.error_email = errors.email;
      page.error_body = errors.body;
      page.error_form = st.code() == Status::Code::kConflict ? st.message() : errors.form;
      page.status = st.code() == Status::Code::kConflict ? 429 : 400;
      (void)comments_.IssueToken(article_id, now, &page.token);  // Without one the form is refused when sent.
      return CommentPage(page);
    }
    if (!st.ok()) {
      spdlog::error("posting a comment failed: {}", st.message());
      page.title = "تعذّر حفظ التعليق";
      page.error_form = "تعذّر حفظ تعليقك الآن؛ نصّك باقٍ هنا، حاول بعد قليل.";
      page.status = 500;
      (void)comments_.IssueToken(article_id, now, &page.token);  // Without one the form is refused when sent.
      return CommentPage(page);
    }
    if (!changes.empty()) PollChanges();  // An approved comment shows at once.
    std::string sig;
    (void)comments_.StatusSignature(posted.comment.id, &sig);  // Without one the page just shows no state.
    HttpReply r;
    r.status = 303;
    r.content_type = "text/plain; charset=utf-8";
    r.cache_control = "no-store";
    r.body = std::make_shared<const std::string>("");
    r.headers.emplace_back("Location", article_url + "?posted=" + std::to_string(posted.comment.id) + "&sig=" + sig +
                                           "#comment-form");
    return r;
  }

  // /comments/ID/report
  const std::string prefix = "/comments/";
  const std::string suffix = "/report";
  Id id = 0;
  if (path.size() > prefix.size() + suffix.size() && path.rfind(prefix, 0) == 0 &&
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
      ParseId(std::string_view(path).substr(prefix.size(), path.size() - prefix.size() - suffix.size()), &id) && id) {
    Comment c;
    if (!comments_.Get(id, &c).ok() || c.state != CommentState::kApproved) {
      return TextPage(404, "لا يوجد تعليق منشور بهذا الرقم.\n");
    }
    CommentPageData page;
    page.comment_id = id;
    page.article_title = c.article_title;
    page.article_url = "/article/" + PercentEncode(c.article_slug);
    if (!post) {
      page.kind = "report";
      page.title = "الإبلاغ عن تعليق";
      page.comment_excerpt = Excerpt(c.body, 400);
      (void)comments_.IssueToken(c.article_id, now, &page.token);  // Without one the form is refused when sent.
      return CommentPage(page);
    }
    // The report form carries the article's form token: a page of the site issued it.
    if (!comments_.CheckToken(c.article_id, form["token"], now, nullptr)) {
      page.kind = "report";
      page.title = "الإبلاغ عن تعليق";
      page.message = "انتهت صلاحية النموذج؛ أكّد البلاغ مجددًا.";
      page.comment_excerpt = Excerpt(c.body, 400);
      page.status = 400;
      (void)comments_.IssueToken(c.article_id, now, &page.token);  // Without one the form is refused when sent.
      return CommentPage(page);
    }
    std::set<std::string> changes;
    Status st = comments_.Report(id, request.remote, now, &changes);
    if (!st.ok() && !st.IsNotFound()) {
      spdlog::error("reporting comment {} failed: {}", id, st.message());
      return TextPage(500, "تعذّر تسجيل البلاغ، حاول بعد قليل.\n");
    }
    if (!changes.empty()) PollChanges();
    page.kind = "message";
    page.title = "شكرًا لك";
    page.message = "وصل بلاغك، وسيراجع المشرفون التعليق.";
    return CommentPage(page);
  }
  return TextPage(404, "الصفحة غير موجودة.\n");
}

}  // namespace qalam
