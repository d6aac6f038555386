// The admin's accounts page (/admin/accounts) against the real binary: an
// account added on the desk gets a one-time link that works, role changes
// take effect at the next request, disabling signs the account out at once,
// the site always keeps an active admin, and nobody but an admin (nor a
// forged form) changes anything. Every change is in the audit log.
#include <regex>

#include "desk_client.h"

namespace qalam::testing {
namespace {


class AccountsTest : public DeskFixture {
 protected:
  // While site_url is the default, a desk link opens where the admin reached
  // the desk (the Host header), not on port 8080.
  std::string LinkPrefix() const { return "http://127.0.0.1:" + std::to_string(port_) + "/admin/set-password?token="; }

 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    Start();
    MakeUser("admin", "admin@news.example", "المديرة");
  }
  // The token of the set-password link a page shows, or "".
  static std::string LinkToken(const std::string& html) {
    std::smatch m;
    return std::regex_search(html, m, std::regex("/admin/set-password\\?token=([A-Za-z0-9_-]+)")) ? m[1].str() : "";
  }
  // The account's id, from its row on the accounts page.
  static std::string AccountId(const std::string& html, const std::string& email) {
    const size_t at = html.find(">" + email + "<");
    if (at == std::string::npos) return "";
    const size_t row = html.rfind("id=\"user-", at);
    if (row == std::string::npos) return "";
    return html.substr(row + 9, html.find('"', row + 9) - row - 9);
  }
  // The part of the accounts page that is this account's row.
  static std::string Row(const std::string& html, const std::string& id) {
    const size_t at = html.find("id=\"user-" + id + "\"");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</tr>", at) - at);
  }
  // What the row's role and state cells say.
  static std::string RoleOf(const std::string& row) { return Between(row, "data-label=\"الدور\">", "</td>"); }
  static std::string StateOf(const std::string& row) { return Between(row, "class=\"accounts-state\">", "</span>"); }
  static std::string Between(const std::string& text, const std::string& start, const std::string& end) {
    const size_t at = text.find(start);
    if (at == std::string::npos) return "";
    return text.substr(at + start.size(), text.find(end, at) - at - start.size());
  }
  Reply Add(Browser& b, const std::string& email, const std::string& name, const std::string& role) {
    return b.Post("/admin/accounts", {{"csrf", DeskCsrf(b)}, {"email", email}, {"name", name}, {"role", role}});
  }
  Reply Act(Browser& b, const std::string& id, const std::string& field, const std::string& value) {
    return b.Post("/admin/accounts/" + id, {{"csrf", DeskCsrf(b)}, {field, value}});
  }
  std::string Audit() { return SignedIn("admin@news.example").Get("/admin/audit").body; }
};

TEST_F(AccountsTest, AdminAddsAnEditorChangesTheRoleDisablesAndEnables) {
  Browser admin = SignedIn("admin@news.example");
  Reply list = admin.Get("/admin/accounts");
  ASSERT_TRUE(Shows(list, 200, "<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_TRUE(Has(list.body, "الحسابات") && Has(list.body, "admin@news.example") && Has(list.body, "مدير الموقع"));
  EXPECT_TRUE(Has(list.body, "<option value=\"editor\">محرر</option>"));
  EXPECT_TRUE(Has(list.body, "name=\"csrf\" value=\"" + DeskCsrf(admin) + "\""));
  EXPECT_TRUE(Has(admin.Get("/admin").body, "href=\"/admin/accounts\"")) << "the nav links the page";
  EXPECT_EQ(list.header("cache-control"), "no-store");

  // Added on the desk: the link is on the answer, once.
  Reply added = Add(admin, " Editor@News.example ", "نور الهدى", "editor");
  ASSERT_TRUE(Shows(added, 200, LinkPrefix()));
  EXPECT_TRUE(Has(added.body, "72 ساعة") && Has(added.body, "خاصة"));
  EXPECT_TRUE(Has(added.body, "أُنشئ الحساب"));
  const std::string token = LinkToken(added.body);
  ASSERT_EQ(token.size(), 43u);
  list = admin.Get("/admin/accounts");
  EXPECT_FALSE(Has(list.body, token)) << "the link is shown once";
  const std::string id = AccountId(list.body, "editor@news.example");
  ASSERT_FALSE(id.empty()) << list.body;
  EXPECT_EQ(StateOf(Row(list.body, id)), "بانتظار تعيين كلمة المرور");
  EXPECT_EQ(RoleOf(Row(list.body, id)), "محرر");

  Browser editor = NewBrowser();
  ASSERT_TRUE(RedirectsTo(UseLink(editor, token, kPassword), "/admin"));  // Signed in by the link.
  EXPECT_EQ(StateOf(Row(admin.Get("/admin/accounts").body, id)), "فعّال");
  EXPECT_TRUE(Has(editor.Get("/admin/articles/new").body, "value=\"publish\"")) << "an editor publishes";
  EXPECT_EQ(editor.Get("/admin/accounts").status, 403);
  EXPECT_FALSE(Has(editor.Get("/admin").body, "href=\"/admin/accounts\""));

  // Made a writer: the signed-in browser can no longer publish.
  EXPECT_TRUE(RedirectsTo(Act(admin, id, "role", "writer"), "/admin/accounts?done=role"));
  list = admin.Get("/admin/accounts?done=role");
  EXPECT_TRUE(Has(list.body, "تغيّر دور الحساب."));
  EXPECT_EQ(RoleOf(Row(list.body, id)), "كاتب");
  Reply page = editor.Get("/admin/articles/new");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(Has(page.body, "value=\"publish\"")) << "a writer cannot publish";
  std::string audit = Audit();
  // In Arabic, naming the account and both roles; the code stays as data.
  EXPECT_TRUE(Has(audit, "data-action=\"user.role\"")) << audit;
  EXPECT_TRUE(Has(audit, "تغيير دور «") && Has(audit, "» من «محرر» إلى «كاتب».")) << audit;
  EXPECT_FALSE(Has(audit, "editor → writer"));
  EXPECT_TRUE(Has(audit, "data-action=\"user.add\"") && Has(audit, "إضافة حساب «"));

  // Disabled: the signed-in browser is out at its next request and cannot sign in.
  EXPECT_TRUE(RedirectsTo(Act(admin, id, "action", "disable"), "/admin/accounts?done=disabled"));
  list = admin.Get("/admin/accounts?done=disabled");
  EXPECT_TRUE(Has(list.body, "عُطّل الحساب"));
  EXPECT_EQ(StateOf(Row(list.body, id)), "معطّل");
  EXPECT_TRUE(RedirectsTo(editor.Get("/admin/articles/new"), "/admin/login"));
  EXPECT_EQ(SignIn(editor, "editor@news.example", kPassword).status, 401);
  EXPECT_TRUE(Has(Audit(), "user.disable"));
  EXPECT_TRUE(RedirectsTo(Act(admin, id, "action", "disable"), "/admin/accounts?done=unchanged"));

  // Enabled: signs in again, still a writer.
  EXPECT_TRUE(RedirectsTo(Act(admin, id, "action", "enable"), "/admin/accounts?done=enabled"));
  EXPECT_TRUE(Has(admin.Get("/admin/accounts?done=enabled").body, "فُعّل الحساب"));
  ASSERT_TRUE(RedirectsTo(SignIn(editor, "editor@news.example", kPassword), "/admin"));
  EXPECT_FALSE(Has(editor.Get("/admin/articles/new").body, "value=\"publish\""));
  EXPECT_TRUE(Has(Audit(), "user.enable"));
}

TEST_F(AccountsTest, NewPasswordLinkReplacesTheOldOneAndSetsThePassword) {
  Browser admin = SignedIn("admin@news.example");
  const std::string first = LinkToken(Add(admin, "w@news.example", "وليد", "writer").body);
  ASSERT_EQ(first.size(), 43u);
  const std::string id = AccountId(admin.Get("/admin/accounts").body, "w@news.example");
  Reply fresh = Act(admin, id, "action", "link");
  ASSERT_TRUE(Shows(fresh, 200, LinkPrefix()));
  EXPECT_TRUE(Has(fresh.body, "72 ساعة") && Has(fresh.body, "w@news.example"));
  const std::string second = LinkToken(fresh.body);
  ASSERT_EQ(second.size(), 43u);
  EXPECT_NE(first, second);
  EXPECT_FALSE(Has(admin.Get("/admin/accounts").body, second)) << "the link is shown once";
  Browser w = NewBrowser();
  EXPECT_EQ(w.Get("/admin/set-password?token=" + first).status, 400) << "the older link is void";
  ASSERT_TRUE(RedirectsTo(UseLink(w, second, kPassword), "/admin"));
  Browser again = NewBrowser();
  ASSERT_TRUE(RedirectsTo(SignIn(again, "w@news.example", kPassword), "/admin"));
  EXPECT_TRUE(Has(Audit(), "user.link"));

  // A forgotten password: a new link, the old password works until it is used,
  // and using it ends the account's sessions.
  const std::string third = LinkToken(Act(admin, id, "action", "link").body);
  EXPECT_EQ(w.Get("/admin").status, 200);
  Browser other = NewBrowser();
  ASSERT_TRUE(RedirectsTo(UseLink(other, third, "another-long-password"), "/admin"));
  EXPECT_TRUE(RedirectsTo(w.Get("/admin"), "/admin/login"));
  EXPECT_EQ(other.Get("/admin").status, 200);  // The link's own session outlives the others.
  Browser fresh_browser = NewBrowser();
  EXPECT_EQ(SignIn(fresh_browser, "w@news.example", kPassword).status, 401);
  EXPECT_TRUE(RedirectsTo(SignIn(fresh_browser, "w@news.example", "another-long-password"), "/admin"));
}

TEST_F(AccountsTest, DisablingAnAccountVoidsItsPendingLink) {
  Browser admin = SignedIn("admin@news.example");
  const std::string token = LinkToken(Add(admin, "m@news.example", "مها", "moderator").body);
  const std::string id = AccountId(admin.Get("/admin/accounts").body, "m@news.example");
  ASSERT_TRUE(RedirectsTo(Act(admin, id, "action", "disable"), "/admin/accounts?done=disabled"));
  Browser m = NewBrowser();
  EXPECT_EQ(m.Get("/admin/set-password?token=" + token).status, 400);
}

TEST_F(AccountsTest, BadInputIsRefusedInArabicWithTheTypedValuesKept) {
  Browser admin = SignedIn("admin@news.example");
  Reply r = Add(admin, "not-an-email", "سارة", "editor");
  EXPECT_TRUE(Shows(r, 400, "البريد الإلكتروني غير صالح"));
  EXPECT_TRUE(Has(r.body, "value=\"not-an-email\"") && Has(r.body, "value=\"سارة\""));
  EXPECT_TRUE(Has(r.body, "<option value=\"editor\" selected>")) << "the chosen role is kept";
  EXPECT_FALSE(Has(r.body, "not an email address")) << "no English for the desk";
  r = Add(admin, "Admin@News.example", "نسخة", "writer");
  EXPECT_TRUE(Shows(r, 400, "يوجد حساب بهذا البريد الإلكتروني"));
  EXPECT_TRUE(Has(r.body, "value=\"نسخة\""));
  EXPECT_TRUE(Shows(Add(admin, "x@news.example", "", "writer"), 400, "اكتب الاسم"));
  EXPECT_TRUE(Shows(Add(admin, "x@news.example", "اسم", "owner"), 400, "اختر دور الحساب"));
  EXPECT_EQ(AccountId(admin.Get("/admin/accounts").body, "x@news.example"), "") << "nothing was added";
  const std::string id = AccountId(admin.Get("/admin/accounts").body, "admin@news.example");
  EXPECT_EQ(Act(admin, id, "action", "explode").status, 400);
  EXPECT_EQ(Act(admin, "9999", "action", "disable").status, 404);
  EXPECT_EQ(Act(admin, "abc", "action", "disable").status, 404);
}

TEST_F(AccountsTest, ChiefEditorIsRefusedAndChangesNothing) {
  MakeUser("chief_editor", "chief@news.example", "رئيس");
  MakeUser("writer", "writer@news.example", "كاتب");
  Browser admin = SignedIn("admin@news.example");
  const std::string list = admin.Get("/admin/accounts").body;
  const std::string admin_id = AccountId(list, "admin@news.example");
  const std::string writer_id = AccountId(list, "writer@news.example");
  ASSERT_FALSE(admin_id.empty() || writer_id.empty());

  Browser chief = SignedIn("chief@news.example");
  EXPECT_TRUE(Shows(chief.Get("/admin/accounts"), 403, "إدارة الحسابات متاحة لمدير الموقع فقط."));
  EXPECT_FALSE(Has(chief.Get("/admin").body, "href=\"/admin/accounts\""));
  EXPECT_EQ(Add(chief, "new@news.example", "جديد", "admin").status, 403);
  EXPECT_EQ(Act(chief, writer_id, "role", "chief_editor").status, 403);
  EXPECT_EQ(Act(chief, admin_id, "role", "writer").status, 403);
  EXPECT_EQ(Act(chief, admin_id, "action", "disable").status, 403);
  EXPECT_EQ(Act(chief, writer_id, "action", "link").status, 403);

  const std::string after = admin.Get("/admin/accounts").body;
  EXPECT_EQ(AccountId(after, "new@news.example"), "");
  EXPECT_TRUE(RoleOf(Row(after, writer_id)) == "كاتب" && StateOf(Row(after, writer_id)) == "فعّال");
  EXPECT_TRUE(RoleOf(Row(after, admin_id)) == "مدير الموقع" && StateOf(Row(after, admin_id)) == "فعّال");
  EXPECT_FALSE(Has(Audit(), "user.link"));
}

TEST_F(AccountsTest, TheLastAdminCannotDisableOrDemoteThemselves) {
  Browser admin = SignedIn("admin@news.example");
  const std::string id = AccountId(admin.Get("/admin/accounts").body, "admin@news.example");
  ASSERT_FALSE(id.empty());
  EXPECT_TRUE(Shows(Act(admin, id, "action", "disable"), 400, "لا يمكنك تعطيل حسابك بنفسك"));
  EXPECT_TRUE(Shows(Act(admin, id, "role", "editor"), 400, "لا يمكنك تغيير دورك بنفسك"));
  const std::string row = Row(admin.Get("/admin/accounts").body, id);
  EXPECT_TRUE(RoleOf(row) == "مدير الموقع" && StateOf(row) == "فعّال");
  EXPECT_FALSE(Has(row, "value=\"disable\"")) << "no disable button for oneself";
  EXPECT_EQ(admin.Get("/admin/accounts").status, 200) << "still signed in, still admin";
  const std::string audit = Audit();
  EXPECT_FALSE(Has(audit, "user.disable") || Has(audit, "user.role"));

  // With a second admin, each may demote the other but never themselves.
  MakeUser("admin", "second@news.example", "الثاني");
  Browser second = SignedIn("second@news.example");
  const std::string second_id = AccountId(admin.Get("/admin/accounts").body, "second@news.example");
  EXPECT_TRUE(Shows(Act(second, second_id, "role", "writer"), 400, "لا يمكنك تغيير دورك بنفسك"));
  EXPECT_TRUE(RedirectsTo(Act(second, id, "role", "chief_editor"), "/admin/accounts?done=role"));
  EXPECT_EQ(admin.Get("/admin/accounts").status, 403) << "the demoted admin lost the page at once";
  EXPECT_TRUE(Shows(Act(second, second_id, "action", "disable"), 400, "لا يمكنك تعطيل حسابك بنفسك"));
  EXPECT_EQ(StateOf(Row(second.Get("/admin/accounts").body, second_id)), "فعّال");
}

TEST_F(AccountsTest, FormsWithoutTheSessionTokenAreRefused) {
  MakeUser("editor", "editor@news.example", "محرر");
  Browser admin = SignedIn("admin@news.example");
  const std::string id = AccountId(admin.Get("/admin/accounts").body, "editor@news.example");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(admin.Post("/admin/accounts", {{"email", "f@news.example"}, {"name", "مزوّر"}, {"role", "admin"}}).status, 403);
  EXPECT_EQ(admin.Post("/admin/accounts/" + id, {{"action", "disable"}}).status, 403);
  EXPECT_EQ(admin.Post("/admin/accounts/" + id, {{"csrf", "forged"}, {"role", "writer"}}).status, 403);
  EXPECT_EQ(admin.Post("/admin/accounts/" + id, {{"csrf", "forged"}, {"action", "link"}}).status, 403);
  // From another site, even with the token.
  EXPECT_EQ(admin.Post("/admin/accounts/" + id, {{"csrf", DeskCsrf(admin)}, {"action", "disable"}},
                       {{"Origin", "https://evil.example"}}).status, 403);
  const std::string list = admin.Get("/admin/accounts").body;
  EXPECT_EQ(AccountId(list, "f@news.example"), "");
  EXPECT_TRUE(RoleOf(Row(list, id)) == "محرر" && StateOf(Row(list, id)) == "فعّال");
  EXPECT_TRUE(SignedIn("editor@news.example").Get("/admin").status == 200);
  const std::string audit = Audit();
  EXPECT_FALSE(Has(audit, "user.disable") || Has(audit, "user.role") || Has(audit, "user.link"));
}

}  // namespace
}  // namespace qalam::testing
