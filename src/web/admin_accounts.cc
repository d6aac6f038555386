// The admin's accounts page (/admin/accounts): every account with its role
// and state, a form that adds one (its one-time link is shown once, on the
// answer to that POST), and per account (POST /admin/accounts/ID) a role
// change, disable (which ends its sessions at once), enable and a fresh
// set-password link. Handle() has already signed the user in and checked a
// POST's anti-forgery token; only Action::kManageAccounts gets further.
// The site is never left without an active admin: an admin cannot disable
// or demote themselves, and the store refuses to disable or demote the last
// one. Every change is in the audit log (user.role, user.disable,
// user.enable, user.link, user.add): the rules and the audit entries are in
// services/accounts.h.
#include <spdlog/spdlog.h>

#include <charconv>
#include <map>
#include <string_view>

#include "arabic/dates.h"
#include "core/roles.h"
#include "core/text.h"
#include "services/accounts.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {
namespace {

// The origin of a one-time link made on the desk: site_url once set; until
// then the address this admin reached the desk at (the Host they typed).
std::string LinkOrigin(const Settings& settings, std::string_view host) {
  const bool plain = !host.empty() && host.size() < 256 &&
                     host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                         std::string_view::npos;
  return settings.LinkOrigin(plain ? "http://" + std::string(host) : std::string());
}

constexpr const char* kLinkNote =
    "الرابط صالح 72 ساعة ولا يُستعمل إلا مرة واحدة. أرسله إلى صاحب الحساب وحده عبر قناة خاصة "
    "(لا في مجموعة ولا في رسالة عامة)، فمن يفتحه يستطيع تعيين كلمة مرور الحساب. لن يظهر مرة أخرى.";

// A decimal number above zero, nothing else.
bool ParseId(std::string_view s, Id* out) { return ParsePositive(s, out); }

nlohmann::json RoleOptions(Role selected) {
  nlohmann::json out = nlohmann::json::array();
  for (Role r : kAllRoles) {
    out.push_back({{"value", ToString(r)}, {"name", ArabicName(r)}, {"selected", r == selected}});
  }
  return out;
}

// AddUser's refusals are English, for the operator at the command line.
std::string ArabicAddError(const Status& st) {
  if (st.code() == Status::Code::kConflict) return "يوجد حساب بهذا البريد الإلكتروني من قبل.";
  if (st.message().rfind("not an email address", 0) == 0) {
    return "البريد الإلكتروني غير صالح؛ اكتبه كاملًا مثل name@example.com.";
  }
  if (st.message().find("name") != std::string::npos) return "اكتب الاسم (من حرف واحد إلى 100 حرف).";
  return "تحقق من البريد الإلكتروني والاسم.";
}

}  // namespace

HttpReply AdminHandler::AccountsRoute(Visit& v) {
  if (!Can(v.user.role, Action::kManageAccounts)) {
    return Message(v, 403, "غير مسموح", "إدارة الحسابات متاحة لمدير الموقع فقط.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/accounts"));
  const std::string timezone = v.settings.timezone();
  const DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", timezone);
  auto server_error = [&](const Status& st) {
    spdlog::error("accounts page: {}", st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّر إتمام العملية، حاول بعد قليل.");
  };
  // What a page shows besides the list: a refusal, the add form's typed
  // values, a one-time link just issued.
  struct Extras {
    std::string error;
    std::string email, name;
    Role role = Role::kWriter;
    std::string link, link_for;
    bool link_new_account = false;
  };
  auto page = [&](int status, const Extras& x) {
    std::vector<User> users;
    if (Status st = accounts_.List(&users); !st.ok()) return server_error(st);
    nlohmann::json list = nlohmann::json::array();
    for (const User& u : users) {
      const bool self = u.id == v.user.id;
      const char* state = u.disabled ? "disabled" : u.password_hash.empty() ? "pending" : "active";
      const char* state_name = u.disabled ? "معطّل" : u.password_hash.empty() ? "بانتظار تعيين كلمة المرور" : "فعّال";
      list.push_back({{"id", std::to_string(u.id)},
                      {"name", u.name},
                      {"email", u.email},
                      {"role_name", ArabicName(u.role)},
                      {"roles", RoleOptions(u.role)},
                      {"created", FormatArabicDate(u.created_at, style)},
                      {"created_iso", FormatIsoDateTime(u.created_at, timezone)},
                      {"state", state},
                      {"state_name", state_name},
                      {"self", self},
                      {"disabled", u.disabled},
                      {"can_disable", !self && !u.disabled},
                      {"action", "/admin/accounts/" + std::to_string(u.id)}});
    }
    nlohmann::json view = {{"title", "الحسابات"},
                           {"accounts", list},
                           {"add", {{"email", x.email}, {"name", x.name}}},
                           {"roles", RoleOptions(x.role)}};
    if (!x.error.empty()) view["error"] = x.error;
    if (!x.link.empty()) {
      view["link"] = {{"url", x.link}, {"for", x.link_for}, {"new_account", x.link_new_account}, {"note", kLinkNote}};
    }
    static const std::map<std::string, std::string> kNotices = {
        {"role", "تغيّر دور الحساب."},
        {"disabled", "عُطّل الحساب وأُنهيت كل جلساته؛ لم يعد يستطيع الدخول."},
        {"enabled", "فُعّل الحساب؛ يستطيع صاحبه الدخول من جديد."},
        {"unchanged", "لم يتغير شيء."}};
    if (auto it = v.query.find("done"); it != v.query.end() && kNotices.count(it->second)) {
      view["notice"] = kNotices.at(it->second);
    }
    return Page(v, status, "accounts", view);
  };

  if (rest.empty() || rest == "/") {
    if (!v.post) return page(200, Extras{});
    // Adds an account; its link is shown on this answer only.
    Extras x;
    x.email = Trim(v.Form("email"));
    x.name = Trim(v.Form("name"));
    if (!ParseRole(v.Form("role"), &x.role)) {
      x.error = "اختر دور الحساب من القائمة.";
      return page(400, x);
    }
    std::string link;
    Status st = accounts_.Add(x.email, x.name, x.role, LinkOrigin(v.settings, v.request.host), v.now, v.user.id, &link);
    if (st.IsInvalid() || st.code() == Status::Code::kConflict) {
      x.error = ArabicAddError(st);
      return page(400, x);
    }
    if (!st.ok()) return server_error(st);
    Extras shown;
    shown.link = link;
    shown.link_for = x.name + " (" + AsciiLower(x.email) + ")";
    shown.link_new_account = true;
    return page(200, shown);
  }

  Id id = 0;
  if (!ParseId(rest.substr(1), &id)) {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  if (!v.post) return Redirect("/admin/accounts");
  User target;
  if (Status st = accounts_.Get(id, &target); !st.ok()) {
    if (st.IsNotFound()) return Message(v, 404, "الحساب غير موجود", "لا يوجد حساب بهذا الرقم.");
    return server_error(st);
  }
  auto refuse = [&](int status, const std::string& error) {
    Extras x;
    x.error = error;
    return page(status, x);
  };
  // A refusal of the rules (services/accounts.h: not oneself, never the
  // last active admin) with its message, or the account gone, or a failure.
  auto failed = [&](const Status& st) {
    if (st.IsInvalid()) return refuse(400, st.message());
    if (st.IsConflict()) return refuse(409, st.message());
    if (st.IsNotFound()) return Message(v, 404, "الحساب غير موجود", "لا يوجد حساب بهذا الرقم.");
    return server_error(st);
  };
  const std::string action = v.Form("action");

  if (action == "link") {
    Extras x;
    if (Status st = accounts_.NewPasswordLink(v.user, target, LinkOrigin(v.settings, v.request.host), v.now, &x.link); !st.ok()) {
      return server_error(st);
    }
    x.link_for = target.name + " (" + target.email + ")";
    return page(200, x);
  }

  if (action == "disable" || action == "enable") {
    const bool disable = action == "disable";
    bool changed = false;
    if (Status st = accounts_.SetDisabled(v.user, target, disable, v.now, &changed); !st.ok()) return failed(st);
    if (!changed) return Redirect("/admin/accounts?done=unchanged");
    return Redirect(std::string("/admin/accounts?done=") + (disable ? "disabled" : "enabled"));
  }

  if (!action.empty() || !v.form.count("role")) {
    return Message(v, 400, "طلب غير صالح", "أرسل النموذج من صفحة الحسابات.");
  }
  Role role;
  if (!ParseRole(v.Form("role"), &role)) return refuse(400, "اختر دور الحساب من القائمة.");
  bool changed = false;
  if (Status st = accounts_.SetRole(v.user, target, role, v.now, &changed); !st.ok()) return failed(st);
  if (!changed) return Redirect("/admin/accounts?done=unchanged");
  return Redirect("/admin/accounts?done=role");
}

}  // namespace qalam
