#include "web/admin_handler.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <map>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/roles.h"
#include "core/text.h"
#include "services/accounts.h"
#include "web/admin_visit.h"
#include "web/audit_sentences.h"
#include "web/cookies.h"
#include "web/multipart.h"
#include "web/query_string.h"

namespace qalam {

AdminHandler::AdminHandler(SiteServices& services, PageRenderer& renderer, Clock clock)
    : settings_(services.settings),
      accounts_(services.accounts),
      desk_(services.desk),
      names_(services.names),
      breaking_(services.breaking),
      home_(services.home),
      identity_(services.identity),
      media_(services.media),
      comments_(services.comments),
      moderation_(services.moderation),
      terms_(services.terms),
      view_stats_(services.view_stats),
      page_renderer_(renderer),
      clock_(std::move(clock)) {}

HttpReply AdminHandler::Handle(const HttpRequest& request, const std::string& path,
                               std::string_view query) {
  Visit v{request, path};
  v.now = clock_();
  v.post = request.method == "POST";
  if (!v.post && request.method != "GET" && request.method != "HEAD") {
    HttpReply r = Message(v, 405, "طريقة غير مدعومة", "هذه الطريقة غير مدعومة هنا.");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  if (!settings_.Load(&v.settings).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر فتح إعدادات الموقع، حاول بعد قليل.");
  }
  if (!ParseQueryString(query, &v.query)) return Message(v, 400, "طلب غير صالح", "عنوان الطلب غير صالح.");
  if (v.post) {
    const std::string boundary = MultipartBoundary(request.content_type);
    if (!boundary.empty()) {
      // Uploads: text fields join the form, files stay apart.
      std::vector<FormPart> parts;
      if (!ParseMultipart(request.body, boundary, &parts)) {
        return Message(v, 400, "طلب غير صالح", "بيانات النموذج غير صالحة.");
      }
      // Names, file names and text fields are UTF-8 without a NUL, as a
      // urlencoded form's must be (ParseQueryString): one that is not is
      // refused, not dropped.
      auto text = [](std::string_view s) { return IsValidUtf8(s) && s.find('\0') == std::string_view::npos; };
      for (FormPart& part : parts) {
        if (!text(part.name) || !text(part.is_file ? part.filename : part.data)) {
          return Message(v, 400, "طلب غير صالح", "بيانات النموذج غير صالحة.");
        }
        if (part.is_file) {
          v.files.push_back(std::move(part));
        } else {
          v.form.emplace(part.name, std::string(part.data));
        }
      }
    } else if (request.content_type.rfind("application/x-www-form-urlencoded", 0) != 0 ||
               !ParseQueryString(request.body, &v.form)) {
      return Message(v, 400, "طلب غير صالح", "بيانات النموذج غير صالحة.");
    }
  }
  v.cookies = ParseCookies(request.cookie);
  if (auto it = v.cookies.find(kSessionCookie); it != v.cookies.end()) {
    v.session_token = it->second;
    v.signed_in = accounts_.Authenticate(v.session_token, v.now, &v.user, &v.session).ok();
  }
  if (v.post && !v.SameOrigin()) {
    return Message(v, 403, "طلب مرفوض", "رُفض الطلب لأنه جاء من موقع آخر.");
  }

  if (path == "/admin/login") return Login(v);
  if (path == "/admin/set-password") return SetPassword(v, false);
  if (path == "/admin/setup") return SetPassword(v, true);
  if (!v.signed_in) {
    if (v.post) return Message(v, 403, "انتهت الجلسة", "سجّل الدخول ثم أعد المحاولة.");
    return Redirect("/admin/login");
  }
  if (v.post && !v.SessionTokenValid()) {
    return Message(v, 403, "طلب مرفوض", "انتهت صلاحية النموذج؛ أعد تحميل الصفحة ثم حاول مجددًا.");
  }
  if (path == "/admin/logout" && v.post) return Logout(v);
  if (path == "/admin/password") return ChangePassword(v);
  if (path == "/admin" && !v.post) return Dashboard(v);
  if (path == "/admin/audit" && !v.post) return Audit(v);
  auto under = [&](const char* prefix) {
    const size_t n = std::char_traits<char>::length(prefix);
    return path.compare(0, n, prefix) == 0 && (path.size() == n || path[n] == '/');
  };
  if (under("/admin/articles")) return ArticlesRoute(v);
  if (path == "/admin/preview" && v.post) return Preview(v);
  if (path == "/admin/api/names" && !v.post) return NamesApi(v);
  if (under("/admin/breaking")) return BreakingRoute(v);
  if (under("/admin/home")) return HomeRoute(v);
  if (under("/admin/names")) return NamesRoute(v);
  // Under /admin/media so that uploads get the upload limit (http_server.h).
  if (path == "/admin/media/api") return MediaApi(v);
  if (under("/admin/media")) return MediaRoute(v);
  if (under("/admin/accounts")) return AccountsRoute(v);
  if (under("/admin/settings")) return SettingsRoute(v);
  if (under("/admin/identity")) return IdentityRoute(v);
  if (under("/admin/comments")) return CommentsRoute(v);
  if (under("/admin/terms")) return TermsRoute(v);
  return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
}

HttpReply AdminHandler::Page(Visit& v, int status, const std::string& name, nlohmann::json view) {
  view["site_name"] = v.settings.site_name();
  if (v.signed_in) {
    view["user"] = {{"name", v.user.name}, {"email", v.user.email}};
    view["csrf"] = v.session.csrf;
    view["can_audit"] = Can(v.user.role, Action::kViewAudit);
    view["can_accounts"] = Can(v.user.role, Action::kManageAccounts);
    view["can_write"] = Can(v.user.role, Action::kWriteDraft);
    view["can_breaking"] = Can(v.user.role, Action::kManageBreaking);
    view["can_home"] = HomeLayoutService::MayEdit(v.user);
    view["can_names"] = Can(v.user.role, Action::kManageTaxonomy);
    view["can_settings"] = Can(v.user.role, Action::kManageSettings);
    view["can_moderate"] = Can(v.user.role, Action::kModerateComments);
    // The queue's length beside its link, on every desk page.
    int64_t pending = 0;
    if (Can(v.user.role, Action::kModerateComments) && moderation_.CountPending(&pending).ok() &&
        pending > 0) {
      view["pending_comments"] = v.Number(pending);
    }
  }
  std::string html;
  HttpReply r;
  Status st = renderer_.Render(name, view, &html);
  if (!st.ok()) {
    spdlog::error("cannot render admin page {}: {}", name, st.message());
    status = 500;
    html = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><meta charset=\"utf-8\"><title>خطأ</title>"
           "<p>حدث خطأ في الخادم.</p></html>";
  }
  r.status = status;
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(std::move(html));
  r.headers = v.set_cookies;
  r.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  return r;
}

HttpReply AdminHandler::Message(Visit& v, int status, const std::string& title,
                                const std::string& message) {
  return Page(v, status, "message", {{"title", title}, {"message", message}});
}

HttpReply AdminHandler::Login(Visit& v) {
  if (!v.post) {
    if (v.signed_in) return Redirect("/admin");
    nlohmann::json view = {{"title", "تسجيل الدخول"}, {"form_csrf", v.FormToken()}};
    if (v.query.count("done")) view["notice"] = "حُفظت كلمة المرور. سجّل الدخول الآن.";
    return Page(v, 200, "login", view);
  }
  const std::string email = v.Form("email");
  auto again = [&](int status, const std::string& error) {
    return Page(v, status, "login",
                {{"title", "تسجيل الدخول"}, {"form_csrf", v.FormToken()}, {"email", email}, {"error", error}});
  };
  if (!v.FormTokenValid()) return again(403, "انتهت صلاحية النموذج؛ أعد المحاولة.");
  SignedIn in;
  Status st = accounts_.SignIn(email, v.Form("password"), v.request.remote, v.now, &in);
  if (st.code() == Status::Code::kConflict) return again(429, st.message());
  if (st.IsInvalid()) return again(401, st.message());
  if (!st.ok()) {
    spdlog::error("sign-in failed: {}", st.message());
    return again(500, "تعذّر تسجيل الدخول الآن، حاول بعد قليل.");
  }
  // A fresh token on every sign-in: a token planted before it is worthless.
  HttpReply r = Redirect("/admin");
  r.headers.emplace_back("Set-Cookie", v.Cookie(kSessionCookie, in.token, kSessionLifetime, "/", "Lax"));
  r.headers.emplace_back("Set-Cookie", v.Cookie(kFormCookie, "", 0, "/admin", "Strict"));
  return r;
}

HttpReply AdminHandler::Logout(Visit& v) {
  if (Status st = accounts_.SignOut(v.session_token, v.user.id); !st.ok()) {
    spdlog::warn("sign-out: cannot end the session of user {}: {}", v.user.id, st.message());
  }
  HttpReply r = Redirect("/admin/login");
  r.headers.emplace_back("Set-Cookie", v.Cookie(kSessionCookie, "", 0, "/", "Lax"));
  return r;
}

HttpReply AdminHandler::SetPassword(Visit& v, bool first_admin) {
  const std::string token = v.post ? v.Form("token") : (v.query.count("token") ? v.query["token"] : "");
  nlohmann::json view = {
      {"title", first_admin ? "إنشاء حساب المدير الأول" : "تعيين كلمة المرور"},
      {"action", first_admin ? "/admin/setup" : "/admin/set-password"},
      {"token", token},
      {"ask_identity", first_admin},
      {"show_form", true},
      {"intro", first_admin ? "هذا الموقع بلا حسابات بعد: أنشئ حساب المدير الأول."
                            : "اختر كلمة مرور لحسابك في مكتب التحرير."}};
  Id user_id = 0;
  if (!v.post) {
    if (accounts_.LinkUsable(token, first_admin, v.now)) {
      view["form_csrf"] = v.FormToken();
      return Page(v, 200, "password", view);
    }
    return Message(v, 400, view["title"], "الرابط غير صالح أو انتهت مدته؛ اطلب رابطًا جديدًا من مدير الموقع.");
  }
  view["form_csrf"] = v.FormToken();
  view["name"] = v.Form("name");
  view["email"] = v.Form("email");
  if (!v.FormTokenValid()) {
    view["error"] = "انتهت صلاحية النموذج؛ أعد المحاولة.";
    return Page(v, 403, "password", view);
  }
  Status st = first_admin ? accounts_.CreateFirstAdmin(token, v.Form("email"), v.Form("name"),
                                                       v.Form("password"), v.now, &user_id)
                          : accounts_.SetPasswordWithLink(token, v.Form("password"), v.now, &user_id);
  if (st.IsInvalid()) {
    view["error"] = st.message();
    return Page(v, 400, "password", view);
  }
  if (!st.ok()) {
    spdlog::error("setting a password failed: {}", st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ كلمة المرور، حاول بعد قليل.");
  }
  // The link and the new password are proof enough: straight onto the desk.
  SignedIn in;
  if (Status s = accounts_.SignInAfterLink(user_id, v.request.remote, v.now, &in); !s.ok()) {
    if (!s.IsNotFound()) spdlog::error("signing in after a password link failed: {}", s.message());
    return Redirect("/admin/login?done=1");
  }
  HttpReply r = Redirect("/admin");
  r.headers.emplace_back("Set-Cookie", v.Cookie(kSessionCookie, in.token, kSessionLifetime, "/", "Lax"));
  r.headers.emplace_back("Set-Cookie", v.Cookie(kFormCookie, "", 0, "/admin", "Strict"));
  return r;
}

HttpReply AdminHandler::ChangePassword(Visit& v) {
  nlohmann::json view = {{"title", "تغيير كلمة المرور"}, {"action", "/admin/password"},
                         {"ask_current", true}, {"show_form", true}, {"form_csrf", v.session.csrf}};
  if (!v.post) return Page(v, 200, "password", view);
  Status st = accounts_.ChangePassword(v.user, v.Form("current"), v.Form("password"));
  if (st.IsInvalid()) {
    view["error"] = st.message();
    return Page(v, 400, "password", view);
  }
  if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ كلمة المرور، حاول بعد قليل.");
  // Every session ended with the old password, this one too: sign in again.
  HttpReply r = Redirect("/admin/login?done=1");
  r.headers.emplace_back("Set-Cookie", v.Cookie(kSessionCookie, "", 0, "/", "Lax"));
  return r;
}

HttpReply AdminHandler::Dashboard(Visit& v) {
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off",
                                  v.settings.timezone());
  const bool all = Can(v.user.role, Action::kEditAnyArticle);
  const bool writes = Can(v.user.role, Action::kWriteDraft);
  nlohmann::json view = {{"title", "الرئيسية"}, {"role_name", ArabicName(v.user.role)}};
  nlohmann::json counts = nlohmann::json::array();
  nlohmann::json blocks = nlohmann::json::array();
  if (writes) {
    DeskCounts mine, everyone;
    if (!desk_.Count(v.user.id, &mine).ok() || !desk_.Count(0, &everyone).ok()) {
      return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقالات، حاول بعد قليل.");
    }
    const DeskCounts& shown = all ? everyone : mine;
    // My drafts, waiting for review, scheduled, recently published.
    struct Block {
      const char* name;
      DeskState state;
      int64_t count;
      bool mine;
    };
    const Block list[] = {{"مسوداتي", DeskState::kDraft, mine.draft, true},
                          {"بانتظار المراجعة", DeskState::kReview, shown.review, !all},
                          {"مجدولة", DeskState::kScheduled, shown.scheduled, !all},
                          {"نُشرت مؤخرًا", DeskState::kPublished, shown.published, !all}};
    for (const Block& b : list) {
      const std::string url = std::string("/admin/articles?state=") + ToString(b.state) + (b.mine ? "&mine=1" : "");
      counts.push_back({{"name", b.name}, {"count", v.Number(b.count)}, {"url", url}});
      DeskFilter f;
      f.state = b.state;
      f.newest_published = b.state == DeskState::kPublished;
      if (b.mine) f.author_id = v.user.id;
      std::vector<DeskRow> rows;
      int64_t total = 0;
      if (!desk_.List(f, 0, 5, &rows, &total).ok()) {
        return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقالات، حاول بعد قليل.");
      }
      nlohmann::json items = nlohmann::json::array();
      for (const DeskRow& r : rows) {
        const int64_t t = b.state == DeskState::kScheduled ? r.scheduled_at
                        : b.state == DeskState::kPublished ? r.published_at : r.modified_at;
        items.push_back({{"title", r.title}, {"url", "/admin/articles/" + std::to_string(r.id)},
                         {"when", FormatArabicDateTime(t, style)},
                         {"iso", FormatIsoDateTime(t, style.timezone)}});
      }
      nlohmann::json block = {{"name", b.name}, {"count", v.Number(total)}, {"items", items}};
      if (total > 5) block["more"] = url;
      blocks.push_back(std::move(block));
    }
  }
  if (Can(v.user.role, Action::kModerateComments)) {
    int64_t pending = 0;
    if (!moderation_.CountPending(&pending).ok()) {
      return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة التعليقات، حاول بعد قليل.");
    }
    counts.push_back({{"name", "تعليقات بانتظار المراجعة"},
                      {"count", v.Number(pending)},
                      {"url", "/admin/comments?state=pending"}});
  }
  view["counts"] = counts;
  view["blocks"] = blocks;
  if (writes) view["top_today"] = TopTodayView(v);  // Null (hidden) when unreadable.
  return Page(v, 200, "dashboard", view);
}

HttpReply AdminHandler::Audit(Visit& v) {
  if (!Can(v.user.role, Action::kViewAudit)) {
    return Message(v, 403, "غير مسموح", "سجل العمليات متاح لمدير الموقع فقط.");
  }
  const int64_t page = v.PageNumber();
  constexpr int64_t kPerPage = 50;
  std::vector<AuditEntry> entries;
  if (!accounts_.ListAudit((page - 1) * kPerPage, kPerPage + 1, &entries).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة السجل، حاول بعد قليل.");
  }
  const bool more = entries.size() > static_cast<size_t>(kPerPage);
  if (more) entries.pop_back();
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off",
                                  v.settings.timezone());
  // Accounts are few: their names now, for entries about an account.
  std::map<Id, std::string> names;
  if (std::vector<User> users; accounts_.List(&users).ok()) {
    for (const User& u : users) names[u.id] = u.name;
  }
  const UserNameLookup user_name = [&names](Id id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
  };
  nlohmann::json list = nlohmann::json::array();
  for (const AuditEntry& e : entries) {
    const AuditSentence sentence = DescribeAudit(e, style, user_name);
    nlohmann::json row = {{"when", FormatArabicDateTime(e.at, style)},
                          {"iso", FormatIsoDateTime(e.at, style.timezone)},
                          {"who", AuditActor(e)},
                          {"code", e.action},
                          {"sentence_html", sentence.text}};
    if (!sentence.link.empty()) row["link"] = sentence.link;
    list.push_back(std::move(row));
  }
  nlohmann::json view = {{"title", "سجل العمليات"}, {"entries", list}};
  if (page > 1) view["prev"] = "/admin/audit?page=" + std::to_string(page - 1);
  if (more) view["next"] = "/admin/audit?page=" + std::to_string(page + 1);
  return Page(v, 200, "audit", view);
}

}  // namespace qalam
