// The newsroom desk's first slice against the real binary: the first admin,
// accounts from `qalam user add`, sign-in with lock-out, sessions, logout,
// CSRF and Origin checks, password change, roles, the dashboard and the audit log.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "core/text.h"
#include "desk_client.h"
#include "server_process.h"

namespace qalam::testing {
namespace {

const std::string kBadLogin = "البريد الإلكتروني أو كلمة المرور غير صحيحين.";
const std::string kRtl = "<html lang=\"ar\" dir=\"rtl\">";
const std::string kNewPassword = "a-brand-new-password";

class AdminTest : public DeskFixture {};

TEST_F(AdminTest, ServePrintsASetupLinkThatShowsTheFormAndCreatesTheFirstAdmin) {
  Start();
  const std::string token = SetupToken();
  EXPECT_EQ(token.size(), 43u);  // 256 bits, URL-safe base64.
  Browser b = NewBrowser();
  Reply page = b.Get("/admin/setup?token=" + token);
  EXPECT_TRUE(Shows(page, 200, "إنشاء حساب المدير الأول"));
  EXPECT_TRUE(Has(page.body, "name=\"email\"") && Has(page.body, "name=\"name\""));
  EXPECT_EQ(Field(page.body, "token"), token);
  EXPECT_EQ(Field(page.body, "csrf"), b.jar["qalam_form"]);
  // The new admin lands on the desk, signed in.
  EXPECT_TRUE(RedirectsTo(PostSetup(b, token, "Chief@News.example"), "/admin"));
  Reply here = b.Get("/admin");
  EXPECT_TRUE(Shows(here, 200, "مدير الموقع") && Has(here.body, "ليلى"));
  Reply desk = SignedIn("chief@news.example").Get("/admin");
  EXPECT_TRUE(Shows(desk, 200, "مدير الموقع") && Has(desk.body, "ليلى"));
}

TEST_F(AdminTest, SetupLinkIsSingleUse) {
  Start();
  const std::string token = SetupToken();
  Browser b = NewBrowser();
  b.Get("/admin/setup?token=" + token);
  ASSERT_TRUE(RedirectsTo(PostSetup(b, token, "first@news.example"), "/admin"));
  b = NewBrowser();
  EXPECT_TRUE(Shows(PostSetup(b, token, "second@news.example"), 400, "رابط الإعداد غير صالح أو استُخدم من قبل."));
  EXPECT_TRUE(Shows(b.Get("/admin/setup?token=" + token), 400, "الرابط غير صالح أو انتهت مدته"));
  EXPECT_EQ(SignIn(b, "second@news.example", kPassword).status, 401);
}

TEST_F(AdminTest, SetupLinkStopsWorkingOnceAnAccountExists) {
  Start();
  const std::string token = SetupToken();
  AddUser("admin", "owner@news.example");  // From another process, while serving.
  Browser b = NewBrowser();
  Reply get = b.Get("/admin/setup?token=" + token);
  EXPECT_EQ(get.status, 400) << "the setup form is still offered on a site that has an account";
  EXPECT_FALSE(Has(get.body, "name=\"password\""));
  EXPECT_TRUE(Shows(PostSetup(b, token, "intruder@news.example"), 400, "رابط الإعداد غير صالح أو استُخدم من قبل."));
  EXPECT_EQ(SignIn(b, "intruder@news.example", kPassword).status, 401);
}

TEST_F(AdminTest, UserAddPrintsALinkForEveryRole) {
  std::set<std::string> tokens;
  for (std::string role : {"admin", "chief_editor", "editor", "writer", "moderator"}) {
    CommandResult r = UserAdd(role, role + "@News.Example");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(Has(r.out, "created " + role + " account for " + role + "@news.example\n")) << r.out;
    tokens.insert(TokenAfter(r.out, "\nhttp://127.0.0.1:8080/admin/set-password?token="));
    EXPECT_EQ(tokens.rbegin()->size(), 43u) << r.out;
  }
  EXPECT_EQ(tokens.size(), 5u);
}

TEST_F(AdminTest, UserAddWhileServingPrintsTheServersAddressUntilSiteUrlIsSet) {
  Start();
  CommandResult r = UserAdd("editor", "editor@news.example");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "\nhttp://127.0.0.1:" + std::to_string(port_) + "/admin/set-password?token=")) << r.out;
  // The link opens on that server.
  Browser b = NewBrowser();
  EXPECT_TRUE(RedirectsTo(UseLink(b, TokenAfter(r.out, "/admin/set-password?token="), kPassword), "/admin"));
  // Once the operator names the site's address, that is what links use.
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  r = UserAdd("writer", "writer@news.example");
  EXPECT_TRUE(Has(r.out, "\nhttps://news.example/admin/set-password?token=")) << r.out;
  // A stopped server leaves no address behind.
  Stop();
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "http://127.0.0.1:8080"}).exit_code, 0);
  r = UserAdd("writer", "writer2@news.example");
  EXPECT_TRUE(Has(r.out, "\nhttp://127.0.0.1:8080/admin/set-password?token=")) << r.out;
}

TEST_F(AdminTest, UserAddRejectsABadRoleEmailNameOrADuplicate) {
  ASSERT_EQ(UserAdd("writer", "dup@news.example").exit_code, 0);
  const std::vector<std::array<std::string, 4>> cases = {
      {"boss", "a@news.example", "سلمى", "--role must be one of: admin, chief_editor, editor, writer, moderator (got \"boss\")"},
      {"writer", "not-an-email", "سلمى", "not an email address: \"not-an-email\""},
      {"writer", "a@news.example", "  ", "the name must be 1 to 100 characters"},
      {"editor", " DUP@news.example ", "سلمى", "an account with email dup@news.example exists"}};
  for (const auto& [role, email, name, error] : cases) {
    CommandResult r = UserAdd(role, email, name);
    EXPECT_EQ(r.exit_code, 1) << error;
    EXPECT_EQ(r.err, "qalam: " + error + "\n");
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(AdminTest, SetPasswordLinkRefusesShortPasswordsThenSignsIn) {
  Start();
  const std::string token = AddUser("writer", "writer@news.example");
  Browser b = NewBrowser();
  Reply page = b.Get("/admin/set-password?token=" + token);
  EXPECT_TRUE(Shows(page, 200, "تعيين كلمة المرور"));
  EXPECT_EQ(Field(page.body, "token"), token);
  // Nine characters, also as eighteen bytes of Arabic; the link survives a refusal.
  for (std::string password : {"123456789", "كلمةسرقصي"}) {
    Reply r = b.Post("/admin/set-password", {{"csrf", Field(page.body, "csrf")}, {"token", token}, {"password", password}});
    EXPECT_TRUE(Shows(r, 400, "كلمة المرور قصيرة: اجعلها 10 أحرف على الأقل.")) << password;
  }
  // Setting the password signs the person in: the desk opens, with a session cookie.
  Reply set = UseLink(b, token, "كلمةسرطويلة");
  EXPECT_TRUE(RedirectsTo(set, "/admin"));
  EXPECT_TRUE(Has(set.header("set-cookie"), "qalam_session=")) << set.header("set-cookie");
  EXPECT_TRUE(Shows(b.Get("/admin"), 200, "كاتب"));
  EXPECT_EQ(b.Get("/admin/set-password?token=" + token).status, 400);  // Used up.
  SignedIn("writer@news.example", "كلمةسرطويلة");
}

TEST_F(AdminTest, PasswordNeverAppearsInOutputOrAccessLog) {
  const std::string log = dir_.path() + "/access.log", secret = "SirrunMaktum-4821";
  Start(log);
  CommandResult add = UserAdd("editor", "editor@news.example");
  const std::string token = TokenAfter(add.out, "token=");
  Browser b = NewBrowser();
  ASSERT_TRUE(RedirectsTo(UseLink(b, token, secret), "/admin"));
  SignedIn("editor@news.example", secret);
  Browser other = NewBrowser();
  EXPECT_EQ(SignIn(other, "editor@news.example", secret + "x").status, 401);
  Stop();  // Flushes the access log.
  const std::string logged = ReadText(log);
  EXPECT_TRUE(Has(logged, "\"GET /admin/set-password?") && Has(logged, "\"POST /admin/set-password\" 303")) << logged;
  EXPECT_FALSE(Has(logged + ServeErr() + add.out + add.err, "SirrunMaktum"));
  EXPECT_FALSE(Has(logged, token)) << "the one-time link's token is in the access log";
}

TEST_F(AdminTest, WrongPasswordOrUnknownEmailIs401InArabic) {
  StartWithUser("writer");
  Browser b = NewBrowser();
  Reply r = SignIn(b, "writer@news.example", "not-the-password");
  EXPECT_TRUE(Shows(r, 401, kBadLogin));
  EXPECT_TRUE(Has(r.body, "name=\"email\" value=\"writer@news.example\""));
  EXPECT_EQ(Field(r.body, "csrf"), b.jar["qalam_form"]);  // The form can be sent again.
  EXPECT_TRUE(Shows(SignIn(b, "nobody@news.example", kPassword), 401, kBadLogin));
  EXPECT_EQ(b.jar.count("qalam_session"), 0u);
  Reply evil = SignIn(b, "\"><script>x()</script>", "not-the-password");  // What is kept is escaped.
  EXPECT_FALSE(Has(evil.body, "<script>x()"));
}

TEST_F(AdminTest, FiveFailuresLockTheAccountEvenForTheRightPassword) {
  StartWithUser("writer");
  MakeUser("editor", "editor@news.example");
  Browser b = NewBrowser();
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(SignIn(b, "writer@news.example", "wrong-" + std::to_string(i)).status, 401);
  Reply r = SignIn(b, "writer@news.example", kPassword);
  EXPECT_TRUE(Shows(r, 429, "تم إيقاف تسجيل الدخول مؤقتًا") && Has(r.body, "حاول مجددًا"));
  EXPECT_EQ(b.jar.count("qalam_session"), 0u);
  SignedIn("editor@news.example");  // The lock is this address's on this account; the address is under its limit.
}

// Issue 15: anyone could lock the admin out with five wrong passwords.
// Now they lock out only the address they came from (127.0.0.2 here).
TEST_F(AdminTest, WrongPasswordsFromOneAddressDoNotLockTheAdminOutElsewhere) {
  StartWithUser("admin");
  Browser guesser = NewBrowser();
  guesser.from = "127.0.0.2";
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(SignIn(guesser, "admin@news.example", "wrong-" + std::to_string(i)).status, 401);
  Reply r = SignIn(guesser, "admin@news.example", kPassword);
  EXPECT_TRUE(Shows(r, 429, "تم إيقاف تسجيل الدخول مؤقتًا من هذا العنوان") && Has(r.body, "حاول مجددًا بعد 15 دقيقة"));
  EXPECT_EQ(guesser.jar.count("qalam_session"), 0u);
  SignedIn("admin@news.example");  // The owner, from 127.0.0.1.

  CommandResult missing = RunQalam({"user", "unlock", "--data", data_, "nobody@news.example"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no account with the email"), std::string::npos) << missing.err;
  CommandResult unlock = RunQalam({"user", "unlock", "--data", data_, "Admin@news.example"});
  EXPECT_EQ(unlock.exit_code, 0) << unlock.err;
  EXPECT_NE(unlock.out.find("sign-in unlocked for admin@news.example (1 address was locked out)"), std::string::npos)
      << unlock.out;
  EXPECT_TRUE(RedirectsTo(SignIn(guesser, "admin@news.example", kPassword), "/admin"));
  EXPECT_TRUE(Has(guesser.Get("/admin/audit").body, "رفع إيقاف تسجيل الدخول عن حساب"));
}

TEST_F(AdminTest, TwentyFailuresFromOneAddressLockIt) {
  StartWithUser("writer");
  Browser b = NewBrowser();
  for (int i = 0; i < 20; ++i) {  // Four per account, never locking one.
    EXPECT_EQ(SignIn(b, "nobody" + std::to_string(i % 5) + "@news.example", "wrong").status, 401) << i;
  }
  EXPECT_TRUE(Shows(SignIn(b, "writer@news.example", kPassword), 429, "حاول مجددًا"));
}

TEST_F(AdminTest, SignInSetsAHardenedSessionCookie) {
  StartWithUser("writer");
  Browser b = NewBrowser();
  Reply r = SignIn(b, " WRITER@news.example", kPassword);
  EXPECT_TRUE(RedirectsTo(r, "/admin"));
  const std::string cookie = r.SetCookie("qalam_session");
  std::set<std::string> attrs = Attributes(cookie);
  EXPECT_TRUE(attrs.count("HttpOnly") && attrs.count("SameSite=Lax") && attrs.count("Path=/")) << cookie;
  EXPECT_FALSE(attrs.count("Secure")) << cookie;
  EXPECT_EQ(b.jar.count("qalam_form"), 0u);  // The pre-sign-in token is dropped.
  EXPECT_EQ(b.Get("/admin").status, 200);
  EXPECT_TRUE(RedirectsTo(b.Get("/admin/login"), "/admin"));
}

TEST_F(AdminTest, SessionCookieIsSecureWhenTheSiteIsHttps) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  Start();
  CommandResult add = UserAdd("writer", "writer@news.example");
  EXPECT_TRUE(Has(add.out, "\nhttps://news.example/admin/set-password?token=")) << add.out;
  Browser b = NewBrowser();
  // Both the session the link starts and a later sign-in's.
  Reply linked = UseLink(b, TokenAfter(add.out, "token="), kPassword);
  ASSERT_EQ(linked.status, 303);
  std::set<std::string> attrs = Attributes(linked.SetCookie("qalam_session"));
  EXPECT_TRUE(attrs.count("Secure") && attrs.count("HttpOnly") && attrs.count("SameSite=Lax")) << linked.SetCookie("qalam_session");
  Browser other = NewBrowser();
  Reply r = SignIn(other, "writer@news.example", kPassword);
  attrs = Attributes(r.SetCookie("qalam_session"));
  EXPECT_TRUE(attrs.count("Secure") && attrs.count("HttpOnly") && attrs.count("SameSite=Lax")) << r.SetCookie("qalam_session");
}

TEST_F(AdminTest, AMadeUpSessionIsNotSignedInAndSignInIssuesAFreshToken) {
  StartWithUser("admin");
  const std::string planted = "planted-by-an-attacker-0123456789abcdefghij";
  EXPECT_FALSE(TokenWorks(planted));
  Browser b = NewBrowser();
  b.jar["qalam_session"] = planted;
  EXPECT_EQ(b.Post("/admin/password", {{"csrf", "x"}, {"current", kPassword}, {"password", kNewPassword}}).status, 403);
  ASSERT_TRUE(RedirectsTo(SignIn(b, "admin@news.example", kPassword), "/admin"));
  const std::string issued = b.jar["qalam_session"];
  EXPECT_NE(issued, planted);
  EXPECT_EQ(issued.size(), 43u);
  EXPECT_FALSE(TokenWorks(planted));
  EXPECT_TRUE(TokenWorks(issued));
  EXPECT_NE(SignedIn("admin@news.example").jar["qalam_session"], issued);
}

TEST_F(AdminTest, LogoutEndsTheSession) {
  StartWithUser("writer");
  Browser b = SignedIn("writer@news.example");
  const std::string token = b.jar["qalam_session"], csrf = DeskCsrf(b);
  EXPECT_EQ(b.Post("/admin/logout", {}).status, 403);  // No token: nothing happens.
  EXPECT_TRUE(TokenWorks(token));
  Reply r = b.Post("/admin/logout", {{"csrf", csrf}});
  EXPECT_TRUE(RedirectsTo(r, "/admin/login"));
  const std::string cleared = r.SetCookie("qalam_session");
  EXPECT_TRUE(cleared.rfind("qalam_session=;", 0) == 0 && Attributes(cleared).count("Max-Age=0")) << cleared;
  EXPECT_FALSE(TokenWorks(token));
  EXPECT_TRUE(RedirectsTo(b.Get("/admin"), "/admin/login"));
}

TEST_F(AdminTest, LoginWithoutAMatchingFormTokenIs403) {
  StartWithUser("writer");
  Browser attacker = NewBrowser(), victim = NewBrowser(), fresh = NewBrowser();
  const std::string attackers = Field(attacker.Get("/admin/login").body, "csrf");
  victim.Get("/admin/login");
  ASSERT_TRUE(victim.jar.count("qalam_form"));
  Form form = {{"email", "writer@news.example"}, {"password", kPassword}};
  EXPECT_EQ(victim.Post("/admin/login", form).status, 403);  // No field.
  EXPECT_EQ(fresh.Post("/admin/login", form).status, 403);   // No field, no cookie.
  form.push_back({"csrf", attackers});
  EXPECT_TRUE(Shows(victim.Post("/admin/login", form), 403, "انتهت صلاحية النموذج"));  // Someone else's.
  EXPECT_EQ(fresh.Post("/admin/login", form).status, 403);  // A field without its cookie.
  EXPECT_EQ(victim.jar.count("qalam_session") + fresh.jar.count("qalam_session"), 0u);
}

TEST_F(AdminTest, PasswordChangeWithoutAValidTokenIs403AndChangesNothing) {
  StartWithUser("writer");
  Browser b = SignedIn("writer@news.example"), other = SignedIn("writer@news.example");
  for (const std::string& csrf : {std::string(), std::string("wrong"), DeskCsrf(other)}) {
    Form form = {{"current", kPassword}, {"password", kNewPassword}};
    if (!csrf.empty()) form.push_back({"csrf", csrf});
    EXPECT_TRUE(Shows(b.Post("/admin/password", form), 403, "انتهت صلاحية النموذج")) << "csrf=" << csrf;
  }
  EXPECT_EQ(b.Get("/admin").status, 200);
  Browser c = NewBrowser();
  EXPECT_EQ(SignIn(c, "writer@news.example", kNewPassword).status, 401);
  SignedIn("writer@news.example");
}

TEST_F(AdminTest, CrossOriginPostIs403) {
  StartWithUser("writer");
  const Headers evil = {{"Origin", "http://evil.example"}};
  Browser b = NewBrowser();
  EXPECT_TRUE(Shows(SignIn(b, "writer@news.example", kPassword, evil), 403, "رُفض الطلب لأنه جاء من موقع آخر."));
  EXPECT_EQ(b.jar.count("qalam_session"), 0u);
  b = SignedIn("writer@news.example");
  const std::string csrf = DeskCsrf(b);
  EXPECT_EQ(b.Post("/admin/logout", {{"csrf", csrf}}, evil).status, 403);
  EXPECT_EQ(b.Get("/admin").status, 200);  // Still signed in.
  const Headers self = {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}};
  EXPECT_TRUE(RedirectsTo(b.Post("/admin/logout", {{"csrf", csrf}}, self), "/admin/login"));  // Its own is fine.
}

TEST_F(AdminTest, PasswordChangeWithAWrongCurrentPasswordIs400) {
  StartWithUser("writer");
  Browser b = SignedIn("writer@news.example");
  Reply page = b.Get("/admin/password");
  EXPECT_TRUE(Shows(page, 200, "name=\"current\""));
  const std::string csrf = Field(page.body, "csrf");
  Reply r = b.Post("/admin/password", {{"csrf", csrf}, {"current", "not-my-password"}, {"password", kNewPassword}});
  EXPECT_TRUE(Shows(r, 400, "كلمة المرور الحالية غير صحيحة."));
  r = b.Post("/admin/password", {{"csrf", csrf}, {"current", kPassword}, {"password", "short"}});
  EXPECT_TRUE(Shows(r, 400, "كلمة المرور قصيرة"));
  EXPECT_EQ(b.Get("/admin").status, 200);
  SignedIn("writer@news.example");
}

TEST_F(AdminTest, PasswordChangeSignsOutEverywhere) {
  StartWithUser("writer");
  Browser laptop = SignedIn("writer@news.example"), phone = SignedIn("writer@news.example");
  const std::string laptop_token = laptop.jar["qalam_session"], phone_token = phone.jar["qalam_session"];
  Reply r = laptop.Post("/admin/password", {{"csrf", DeskCsrf(laptop)}, {"current", kPassword}, {"password", kNewPassword}});
  EXPECT_TRUE(RedirectsTo(r, "/admin/login?done=1"));
  EXPECT_TRUE(Attributes(r.SetCookie("qalam_session")).count("Max-Age=0"));
  EXPECT_FALSE(TokenWorks(laptop_token));
  EXPECT_FALSE(TokenWorks(phone_token));
  Browser c = NewBrowser();
  EXPECT_EQ(SignIn(c, "writer@news.example", kPassword).status, 401);
  SignedIn("writer@news.example", kNewPassword);
}

TEST_F(AdminTest, WriterIsRefusedTheAuditLog) {
  StartWithUser("writer");
  Browser b = SignedIn("writer@news.example");
  Reply r = b.Get("/admin/audit");
  EXPECT_TRUE(Shows(r, 403, "سجل العمليات متاح لمدير الموقع فقط.") && Has(r.body, kRtl));
  EXPECT_FALSE(Has(b.Get("/admin").body, "href=\"/admin/audit\""));
}

TEST_F(AdminTest, AdminSeesTheAuditLog) {
  StartWithUser("admin", "مريم");
  MakeUser("writer", "writer@news.example");
  Browser b = SignedIn("admin@news.example");
  EXPECT_TRUE(Has(b.Get("/admin").body, "href=\"/admin/audit\""));
  Reply r = b.Get("/admin/audit");
  // Arabic sentences: who, what, on whom; no raw codes or English details.
  EXPECT_TRUE(Shows(r, 200, "<td>مريم</td><td><a href=\"/admin/accounts\">دخول إلى مكتب التحرير من العنوان <code dir=\"ltr\">"));
  EXPECT_TRUE(Has(r.body, "إضافة حساب «سلمى» بدور «كاتب».")) << r.body;  // Who was added, as what.
  EXPECT_TRUE(Has(r.body, "تعيين كلمة المرور برابط لمرة واحدة."));
  EXPECT_FALSE(Has(r.body, "by one-time link") || Has(r.body, ">login<") || Has(r.body, "writer سلمى"));
}

TEST_F(AdminTest, DashboardShowsTheRoleAndArticleCounts) {
  const std::string drafts = dir_.path() + "/draft.jsonl";
  WriteFile(drafts, R"({"id": "d1", "title": "مسودة لم تنشر بعد", "status": "draft", "body": "نص."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, drafts}).exit_code, 0);
  Start();
  const std::map<std::string, std::string> names = {{"admin", "مدير الموقع"}, {"chief_editor", "رئيس التحرير"},
      {"editor", "محرر"}, {"writer", "كاتب"}, {"moderator", "مشرف التعليقات"}};
  for (const auto& [role, arabic] : names) {
    MakeUser(role, role + "@news.example", "اسم " + role);
    Reply r = SignedIn(role + "@news.example").Get("/admin");
    EXPECT_TRUE(Shows(r, 200, "دورك: " + arabic + "<") && Has(r.body, "أهلًا، اسم " + role)) << role;
    if (role == "admin" || role == "chief_editor") {
      // The whole newsroom's desk: everyone's published articles, newest first.
      EXPECT_TRUE(Has(r.body, "<strong>4</strong> نُشرت مؤخرًا")) << role;
      EXPECT_TRUE(Has(r.body, "أهلًا بك في قلم")) << role;
    } else if (role == "moderator") {
      EXPECT_FALSE(Has(r.body, "مسوداتي")) << "a moderator writes no articles";
    } else {
      // Their own desk: nothing written yet.
      EXPECT_TRUE(Has(r.body, "<strong>0</strong> مسوداتي")) << role;
      EXPECT_FALSE(Has(r.body, "أهلًا بك في قلم")) << role;
    }
    EXPECT_FALSE(Has(r.body, "مسودة لم تنشر بعد")) << "an imported draft is nobody's";
  }
}

TEST_F(AdminTest, EveryDeskResponseIsNoStoreNoindexAndPagesAreArabicRtl) {
  StartWithUser("admin");
  Browser anon = NewBrowser(), b = NewBrowser();
  std::vector<std::pair<std::string, Reply>> replies = {
      {"login", anon.Get("/admin/login")}, {"bad setup link", anon.Get("/admin/setup?token=nope")},
      {"bad password link", anon.Get("/admin/set-password?token=nope")}, {"signed-out desk", anon.Get("/admin")},
      {"failed login", SignIn(anon, "admin@news.example", "wrong-password")},
      {"signed-out post", anon.Post("/admin/password", {})}, {"sign-in", SignIn(b, "admin@news.example", kPassword)}};
  for (const char* target : {"/admin", "/admin/password", "/admin/audit", "/admin/nope"}) replies.push_back({target, b.Get(target)});
  replies.push_back({"DELETE", b.Send("DELETE", "/admin", "", {})});
  EXPECT_EQ(replies.back().second.status, 405);
  replies.push_back({"logout", b.Post("/admin/logout", {{"csrf", DeskCsrf(b)}})});
  for (const auto& [what, r] : replies) {
    EXPECT_EQ(r.header("cache-control"), "no-store") << what;
    EXPECT_TRUE(Has(r.header("x-robots-tag"), "noindex")) << what << " (" << r.status << ")";
    if (r.status == 303) continue;  // Redirects have no page.
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << what;
    EXPECT_TRUE(Has(r.body, kRtl)) << what;
  }
}

TEST_F(AdminTest, SignedOutDeskRedirectsToLogin) {
  Start();
  Browser b = NewBrowser();
  for (const char* target : {"/admin", "/admin/audit", "/admin/password", "/admin/x"}) {
    EXPECT_TRUE(RedirectsTo(b.Get(target), "/admin/login")) << target;
  }
  EXPECT_TRUE(Shows(b.Post("/admin/password", {{"csrf", "x"}}), 403, "سجّل الدخول ثم أعد المحاولة."));
  Reply login = b.Get("/admin/login");
  EXPECT_TRUE(Shows(login, 200, "تسجيل الدخول"));
  EXPECT_TRUE(Attributes(login.SetCookie("qalam_form")).count("SameSite=Strict")) << login.SetCookie("qalam_form");
}

TEST_F(AdminTest, UnknownDeskPathIs404InArabic) {
  StartWithUser("admin");
  Reply r = SignedIn("admin@news.example").Get("/admin/x");
  EXPECT_TRUE(Shows(r, 404, "لا توجد صفحة بهذا العنوان في مكتب التحرير.") && Has(r.body, kRtl));
}

}  // namespace
}  // namespace qalam::testing
