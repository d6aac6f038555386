// No secret leaves where it belongs (issue 15, "A hostile-input audit",
// Secrets). The test makes desk accounts with known, unique emails and
// passwords, signs each in (session cookie, anti-forgery tokens, the
// set-password links), posts a reader's comment with a known email, fails
// sign-ins up to a lock-out and the operator's alarm, and then reads every
// public page, every Content API answer, every feed and sitemap, every desk
// page each role can see, the error pages, the access log and everything
// the server wrote to stdout and stderr, and searches them for its values.
//
// Where each value may appear (the design, docs/SECURITY.md):
// - passwords and session cookie values: nowhere;
// - a set-password link's token and the sign-in form's token: nowhere but
//   the page that carries it to its own browser (not fetched here again);
// - a session's form token (csrf): only in that session's own desk pages;
// - a desk account's email: in that account's own desk pages, and to admins
//   (the accounts page); the sign-in form shows back what was typed;
// - a reader's email: nowhere, except a chief editor's or admin's export of
//   that commenter's comments, asked for with that very address.
#include <nlohmann/json.hpp>

#include <regex>

#include "desk_client.h"
#include "raw_http.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;
const std::string kReaderEmail = "reader.8w5n@mail.example";
const std::string kWrongPassword = "Wrong-guess-7h2k-zz";

struct Account {
  std::string role, email, password;
  std::string link_token, form_token;  // The set-password link, its form's cookie.
  std::string session, csrf;           // After signing in.
};

class SecretsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    WriteFile(dir_.path() + "/a.jsonl",
              R"({"id": "s1", "title": "مقال للتعليقات", "published_at": "2025-12-01", "section": "محليات", )"
              R"("tags": ["وسم"], "writer": {"name": "كاتب"}, "source": {"name": "مصدر"}, "body": "نص المقال."})"
              "\n");
    ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/a.jsonl"}).exit_code, 0);
    ASSERT_EQ(RunQalam({"settings", "--data", data_, "comment_first_time", "never"}).exit_code, 0);
    clock_ = dir_.path() + "/clock";
    SetClock(kStart);
    capture_stdout_ = true;
    access_log_ = dir_.path() + "/access.log";
    Start(access_log_, {"--clock-file", clock_});
  }
  void SetClock(int64_t t) {
    now_ = t;
    WriteFile(clock_ + ".tmp", std::to_string(t));
    std::rename((clock_ + ".tmp").c_str(), clock_.c_str());
  }

  // An account made as an admin makes one: `qalam user add`, its link
  // opened and a password chosen; then a sign-in of its own.
  Account Make(const std::string& role, const std::string& tag) {
    Account a{role, role + "." + tag + "@desk.example", "Pass-" + tag + "-" + role + "-long", "", "", "", ""};
    a.link_token = AddUser(role, a.email);
    Browser b = NewBrowser();
    const Reply form = b.Get("/admin/set-password?token=" + a.link_token);
    a.form_token = b.jar["qalam_form"];
    EXPECT_TRUE(RedirectsTo(
        b.Post("/admin/set-password", {{"csrf", Field(form.body, "csrf")}, {"token", a.link_token}, {"password", a.password}}),
        "/admin"));
    Browser in = SignedIn(a.email, a.password);
    a.session = in.jar["qalam_session"];
    a.csrf = DeskCsrf(in);
    EXPECT_FALSE(a.session.empty() || a.csrf.empty() || a.form_token.empty() || a.link_token.empty());
    return a;
  }
  Browser As(const Account& a) {
    Browser b = NewBrowser();
    b.jar["qalam_session"] = a.session;
    return b;
  }

  // `where` may not show `value` (named `what`).
  void ExpectAbsent(const std::string& where, const std::string& text, const std::string& value,
                    const std::string& what) {
    ASSERT_FALSE(value.empty()) << what;
    size_t at = text.find(value);
    EXPECT_EQ(at, std::string::npos) << what << " (" << value << ") appears in " << where << ": …"
                                     << text.substr(at > 80 ? at - 80 : 0, 200) << "…";
  }

  std::string clock_, access_log_;
  int64_t now_ = 0;
};

TEST_F(SecretsTest, NoEmailPasswordTokenOrCookieValueAppearsWhereItShouldNot) {
  const std::vector<Account> accounts = {Make("admin", "9x7k"), Make("chief_editor", "4m2p"), Make("moderator", "3j8q"),
                                         Make("writer", "6t1v")};
  const Account& admin = accounts[0];
  const Account& chief = accounts[1];
  const Account& writer = accounts[3];

  // A reader's comment, with the email only the site keeps.
  Browser reader = NewBrowser();
  const std::string article_url = "/article/" + Encode("مقال-للتعليقات");
  const std::string article_id = Field(reader.Get(article_url).body, "article");
  ASSERT_FALSE(article_id.empty());
  const std::string comment_token =
      nlohmann::json::parse(reader.Get("/api/comment-token?article=" + article_id).body)["token"];
  SetClock(now_ + 30);
  Reply posted = reader.Post("/comments", {{"article", article_id}, {"parent", ""}, {"token", comment_token},
                                           {"website", ""}, {"name", "قارئ الاختبار"}, {"email", kReaderEmail},
                                           {"comment", "تعليق مفيد عن هذا المقال، شكرًا للكاتب."}});
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 2000);
  std::smatch m;
  const std::string location = posted.header("location");
  ASSERT_TRUE(std::regex_search(location, m, std::regex("posted=([0-9]+)&sig=([0-9a-f]+)"))) << location;
  const std::string comment_id = m[1], comment_sig = m[2];

  // What every reader, and anyone else, can fetch.
  std::map<std::string, std::string> public_answers;
  std::vector<std::string> targets = {"/", article_url, "/latest", "/corrections", "/search?q=" + Encode("مقال"),
                                      "/api/search?q=" + Encode("مقال"), "/api/suggest?q=" + Encode("مقا"),
                                      "/api/comment-token?article=" + article_id,
                                      "/api/comment-status?id=" + comment_id + "&sig=" + comment_sig,
                                      "/comments/" + comment_id + "/report", "/feed", "/feed/atom",
                                      "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/api/v1/articles",
                                      "/api/v1/articles/" + article_id, "/api/v1/writers", "/api/v1/sections",
                                      "/api/v1/tags", "/api/v1/sources", "/api/v1/breaking", "/api/v1/pages",
                                      "/no-such-page", "/%G1", "/api/v1/no-such-endpoint"};
  // Every list the article is on, its feeds, and every sitemap the index names.
  const std::string article_html = Browser(port_).Get(article_url).body;
  const std::regex list_link("href=\"(/(?:section|tag|writer|source)/[^\"#?]+)\"");
  for (std::sregex_iterator it(article_html.begin(), article_html.end(), list_link), end; it != end; ++it) {
    targets.push_back((*it)[1]);
    targets.push_back((*it)[1].str() + "/feed");
  }
  const std::string index = Browser(port_).Get("/sitemap.xml").body;
  const std::regex loc("<loc>https?://[^/<]+(/[^<]+)</loc>");
  for (std::sregex_iterator it(index.begin(), index.end(), loc), end; it != end; ++it) {
    targets.push_back((*it)[1]);
  }
  for (const std::string& t : targets) {
    Reply r = Browser(port_).Get(t);
    EXPECT_LT(r.status, 500) << t;
    public_answers[t] = r.body;
    for (const auto& [name, value] : r.headers) public_answers[t] += "\n" + name + ": " + value;
  }
  EXPECT_TRUE(Has(public_answers[article_url], "قارئ الاختبار")) << "the comment is published";
  // The comment form again, after a mistake: it shows what the reader typed
  // to that reader (name, email), so it is searched for the others' values.
  Reply again = reader.Post("/comments", {{"article", article_id}, {"token", "bad"}, {"name", "قارئ"},
                                          {"email", kReaderEmail}, {"comment", "قصير"}});
  EXPECT_GE(again.status, 400);
  // The server's own errors.
  for (const auto& [name, request] : std::vector<std::pair<std::string, std::string>>{
           {"413", "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"},
           {"431", "GET / HTTP/1.1\r\nHost: x\r\nX-Fill: " + std::string(20000, 'a') + "\r\n\r\n"},
           {"400", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"}}) {
    public_answers[name] = RawSend(port_, request).raw;
  }

  // Sign-in errors: a wrong password, then the lock-out (429), from one
  // address; then enough failures from other addresses for the operator's
  // alarm on the account (every 50th failure within 15 minutes).
  std::map<std::string, std::string> sign_in_pages;
  Browser guesser = NewBrowser();
  guesser.from = "127.0.0.9";
  for (int i = 0; i < 6; ++i) {
    Reply r = SignIn(guesser, writer.email, kWrongPassword);
    EXPECT_TRUE(r.status == 401 || r.status == 429) << r.status;
    sign_in_pages["sign-in error " + std::to_string(r.status)] = r.body;
  }
  EXPECT_EQ(SignIn(guesser, writer.email, kWrongPassword).status, 429);
  for (int address = 10; address < 19; ++address) {
    Browser other = NewBrowser();
    other.from = "127.0.0." + std::to_string(address);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(SignIn(other, writer.email, kWrongPassword).status, 401);
  }
  for (int i = 0; i < 40 && !Has(ServeOut(), "failed attempts"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(Has(ServeOut(), "50 failed attempts")) << ServeOut();

  // Every desk page each account can see (a page it may not see is a 403
  // message, searched all the same).
  const std::vector<std::string> desk = {"/admin", "/admin/articles", "/admin/articles/new",
                                         "/admin/articles/" + article_id, "/admin/articles/" + article_id + "/history",
                                         "/admin/audit", "/admin/breaking", "/admin/home", "/admin/names/person",
                                         "/admin/names/tag", "/admin/names/section", "/admin/names/source",
                                         "/admin/media", "/admin/media/api", "/admin/accounts", "/admin/settings",
                                         "/admin/identity", "/admin/comments", "/admin/comments?state=approved",
                                         "/admin/comments/" + comment_id, "/admin/comments/machine",
                                         "/admin/comments/commenter", "/admin/terms", "/admin/password",
                                         "/admin/api/names?kind=tag&q=" + Encode("وس"), "/admin/no-such-page"};
  std::map<std::string, std::map<std::string, std::string>> desk_pages;  // role → path → page.
  for (const Account& a : accounts) {
    Browser b = As(a);
    for (const std::string& path : desk) {
      Reply r = b.Get(path);
      EXPECT_LT(r.status, 500) << a.role << " " << path;
      desk_pages[a.role][path] = r.body;
      for (const auto& [name, value] : r.headers) desk_pages[a.role][path] += "\n" + name + ": " + value;
    }
  }
  EXPECT_TRUE(Has(desk_pages["admin"]["/admin/accounts"], writer.email)) << "admins see the accounts";
  EXPECT_TRUE(Has(desk_pages["moderator"]["/admin/comments?state=approved"], "قارئ الاختبار"));
  // The one place a reader's email is given: the export, to whoever asks
  // with the address, if they are a chief editor or an admin.
  Reply exported = As(chief).Post("/admin/comments/commenter",
                                  {{"csrf", chief.csrf}, {"action", "export"}, {"email", kReaderEmail}});
  EXPECT_EQ(exported.status, 200);
  EXPECT_TRUE(Has(exported.body, kReaderEmail));
  Reply refused = As(accounts[2]).Post("/admin/comments/commenter",
                                       {{"csrf", accounts[2].csrf}, {"action", "export"}, {"email", kReaderEmail}});
  EXPECT_EQ(refused.status, 403);
  ExpectAbsent("the moderator's refused export", refused.body, kReaderEmail, "the reader's email");

  // Logs: the access log (flushed every 500 ms and at exit), stdout, stderr.
  Stop();
  const std::string logs = ReadText(access_log_) + ServeOut() + ServeErr();
  ASSERT_TRUE(Has(ReadText(access_log_), "/admin/login")) << "the access log was written";

  // Nowhere: passwords, session values, link and sign-in form tokens, the
  // reader's email (the export above aside).
  auto everywhere = [&](const std::function<void(const std::string&, const std::string&)>& check) {
    for (const auto& [t, text] : public_answers) check("public " + t, text);
    for (const auto& [name, text] : sign_in_pages) check(name, text);
    check("the logs", logs);
    for (const auto& [role, pages] : desk_pages) {
      for (const auto& [path, text] : pages) check(role + "'s " + path, text);
    }
  };
  everywhere([&](const std::string& where, const std::string& text) {
    ExpectAbsent(where, text, kWrongPassword, "a wrong password");
    ExpectAbsent(where, text, kReaderEmail, "the reader's email");
    for (const Account& a : accounts) {
      ExpectAbsent(where, text, a.password, a.role + "'s password");
      ExpectAbsent(where, text, a.session, a.role + "'s session cookie");
      ExpectAbsent(where, text, a.link_token, a.role + "'s set-password link");
      ExpectAbsent(where, text, a.form_token, a.role + "'s sign-in form token");
    }
  });
  // A session's form token only in its own pages; a desk email only in its
  // own pages and an admin's; neither in public answers or logs.
  for (const Account& a : accounts) {
    for (const auto& [t, text] : public_answers) {
      ExpectAbsent("public " + t, text, a.csrf, a.role + "'s form token");
      ExpectAbsent("public " + t, text, a.email, a.role + "'s email");
    }
    ExpectAbsent("the logs", logs, a.csrf, a.role + "'s form token");
    ExpectAbsent("the logs", logs, a.email, a.role + "'s email");
    for (const auto& [role, pages] : desk_pages) {
      if (role == a.role) continue;
      for (const auto& [path, text] : pages) {
        ExpectAbsent(role + "'s " + path, text, a.csrf, a.role + "'s form token");
        if (role != "admin") ExpectAbsent(role + "'s " + path, text, a.email, a.role + "'s email");
      }
    }
  }
  // The comment form shown again holds what its reader typed, and nothing
  // of anyone else's.
  ExpectAbsent("the comment form again", again.body, kWrongPassword, "a wrong password");
  for (const Account& a : accounts) {
    for (const std::string& value : {a.email, a.password, a.session, a.csrf, a.link_token, a.form_token}) {
      ExpectAbsent("the comment form again", again.body, value, a.role + "'s values");
    }
  }
  // The sign-in errors show the typed email back to whoever typed it, and
  // nothing of any other account.
  for (const auto& [name, text] : sign_in_pages) {
    for (const Account& a : accounts) {
      if (a.email != writer.email) ExpectAbsent(name, text, a.email, a.role + "'s email");
    }
  }
  (void)admin;
}

}  // namespace
}  // namespace qalam::testing
