// The security headers on every kind of reply (issue 15, "Headers"): a
// page, an asset, the Content API's JSON, a feed, a sitemap, the desk, a
// redirect, the errors the handler makes (404, 405) and those the HTTP
// server makes before any handler (400, 413, 431), and the 503 of a busy
// address: a Content-Security-Policy without 'unsafe-inline' or
// 'unsafe-eval', with frame-ancestors 'none', object-src 'none' and a
// base-uri; nosniff; Strict-Transport-Security exactly when the site's
// address is https; and the desk's cookies' flags.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <regex>

#include "desk_client.h"
#include "raw_http.h"

namespace qalam::testing {
namespace {

const std::string kSeedSlug = "تداعيات-أزمة-كازاخستان-على-أوكرانيا";

class SecurityHeadersTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    ASSERT_EQ(RunQalam({"import", "--data", data_, SharedDir() + "/seed/seed-article.jsonl"}).exit_code, 0);
  }

  // Every kind of reply, by name, as raw exchanges (so the server's own
  // errors are among them).
  std::map<std::string, RawExchange> EveryKindOfReply(const std::string& session) {
    const std::string host = "Host: 127.0.0.1:" + std::to_string(port_) + "\r\nConnection: close\r\n";
    const std::string cookie = "Cookie: qalam_session=" + session + "\r\n";
    auto get = [&](const std::string& target, const std::string& extra = "") {
      return RawSend(port_, "GET " + target + " HTTP/1.1\r\n" + host + extra + "\r\n");
    };
    std::smatch m;
    const std::string home = Browser(port_).Get("/").body;
    EXPECT_TRUE(std::regex_search(home, m, std::regex("/assets/[^\"]+\\.css")));
    const std::string css = m[0];
    const std::string login = Browser(port_).Get("/admin/login").body;
    EXPECT_TRUE(std::regex_search(login, m, std::regex("/admin/assets/[^\"]+\\.(css|js)")));
    const std::string desk_asset = m[0];
    std::map<std::string, RawExchange> out;
    out["home page"] = get("/");
    out["article"] = get("/article/" + Encode(kSeedSlug));
    out["asset"] = get(css);
    out["desk asset"] = get(desk_asset);
    out["api json"] = get("/api/v1/articles");
    out["api error"] = get("/api/v1/nothing");
    out["search json"] = get("/api/search?q=x");
    out["comment token json"] = get("/api/comment-token?article=1");
    out["feed"] = get("/feed");
    out["sitemap"] = get("/sitemap.xml");
    out["robots"] = get("/robots.txt");
    out["desk sign-in page"] = get("/admin/login");
    out["desk page"] = get("/admin", cookie);
    out["desk redirect"] = get("/admin");
    out["404"] = get("/no-such-page");
    out["405"] = RawSend(port_, "DELETE / HTTP/1.1\r\n" + host + "\r\n");
    out["400 from the handler"] = get("/%G1");
    out["400 from the server"] = RawSend(port_, "GET / HTTP/1.1\r\nHost : x\r\n\r\n");
    out["413"] = RawSend(port_, "POST /comments HTTP/1.1\r\n" + host + "Content-Length: 99999999\r\n\r\n");
    out["431"] = get("/", "X-Fill: " + std::string(20000, 'a') + "\r\n");
    for (const auto& [name, ex] : out) EXPECT_GT(ex.status(), 0) << name << ": no reply";
    EXPECT_EQ(out["desk page"].status(), 200);
    EXPECT_EQ(out["413"].status(), 413);
    EXPECT_EQ(out["431"].status(), 431);
    EXPECT_EQ(out["400 from the server"].status(), 400);
    return out;
  }

  static void ExpectStrictPolicy(const std::string& name, const RawReply& r) {
    const std::string csp = r.header("content-security-policy");
    EXPECT_FALSE(csp.empty()) << name;
    EXPECT_FALSE(Has(csp, "unsafe-inline")) << name << ": " << csp;
    EXPECT_FALSE(Has(csp, "unsafe-eval")) << name << ": " << csp;
    EXPECT_TRUE(Has(csp, "frame-ancestors 'none'")) << name << ": " << csp;
    EXPECT_TRUE(Has(csp, "object-src 'none'")) << name << ": " << csp;
    EXPECT_TRUE(Has(csp, "base-uri 'self'") || Has(csp, "base-uri 'none'")) << name << ": " << csp;
    EXPECT_TRUE(Has(csp, "script-src 'self';")) << name << ": " << csp;
    EXPECT_TRUE(Has(csp, "default-src 'self'")) << name << ": " << csp;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << name;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << name;
  }

  // The 503 of an address over --max-connections-per-address 1: one
  // connection held open, a second refused.
  RawExchange BusyReply() {
    int held = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(static_cast<uint16_t>(port_));
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    EXPECT_EQ(connect(held, reinterpret_cast<sockaddr*>(&dst), sizeof dst), 0);
    // Once the server has admitted the held connection, the next is refused.
    RawExchange ex;
    for (int i = 0; i < 50 && ex.status() != 503; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      ex = RawSend(port_, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }
    close(held);
    EXPECT_EQ(ex.status(), 503) << ex.raw;
    return ex;
  }
};

TEST_F(SecurityHeadersTest, EveryReplyOfAnHttpSiteHasAStrictPolicyAndNoHsts) {
  StartWithUser("admin");
  Browser b = SignedIn("admin@news.example");
  for (const auto& [name, ex] : EveryKindOfReply(b.jar["qalam_session"])) {
    ASSERT_FALSE(ex.replies.empty()) << name;
    ExpectStrictPolicy(name, ex.replies[0]);
    // HSTS over plain http would be ignored at best, and would lock out a
    // site that has no certificate at worst.
    EXPECT_EQ(ex.replies[0].header("strict-transport-security"), "") << name;
  }
}

TEST_F(SecurityHeadersTest, EveryReplyOfAnHttpsSiteCarriesHsts) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  StartWithUser("admin");
  Browser b = SignedIn("admin@news.example");
  for (const auto& [name, ex] : EveryKindOfReply(b.jar["qalam_session"])) {
    ASSERT_FALSE(ex.replies.empty()) << name;
    ExpectStrictPolicy(name, ex.replies[0]);
    const std::string hsts = ex.replies[0].header("strict-transport-security");
    EXPECT_EQ(hsts, "max-age=31536000") << name;  // A year; no preload unless asked for.
  }
}

TEST_F(SecurityHeadersTest, HstsFollowsTheSiteAddressWhileServing) {
  StartWithUser("admin");
  EXPECT_EQ(Browser(port_).Get("/healthz").header("strict-transport-security"), "");
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  Reply r;
  for (int i = 0; i < 100 && r.header("strict-transport-security").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = Browser(port_).Get("/healthz");
  }
  EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000");
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "http://news.example"}).exit_code, 0);
  for (int i = 0; i < 100 && !r.header("strict-transport-security").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = Browser(port_).Get("/healthz");
  }
  EXPECT_EQ(r.header("strict-transport-security"), "");
}

TEST_F(SecurityHeadersTest, TheBusyAddressReplyHasTheHeadersToo) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  Start("off", {"--max-connections-per-address", "1"});
  RawExchange ex = BusyReply();
  ASSERT_FALSE(ex.replies.empty()) << ex.raw;
  ExpectStrictPolicy("503", ex.replies[0]);
  EXPECT_EQ(ex.replies[0].header("strict-transport-security"), "max-age=31536000");
}

// Every cookie the desk sets, on the way in and out: HttpOnly, SameSite,
// a Path, and Secure exactly when the site is https.
void ExpectCookieFlags(const std::string& line, const std::string& path, const std::string& same_site, bool secure) {
  const std::set<std::string> attrs = Attributes(line);
  EXPECT_TRUE(attrs.count("HttpOnly")) << line;
  EXPECT_TRUE(attrs.count("SameSite=" + same_site)) << line;
  EXPECT_TRUE(attrs.count("Path=" + path)) << line;
  EXPECT_EQ(attrs.count("Secure"), secure ? 1u : 0u) << line;
}

class CookieFlagsTest : public SecurityHeadersTest, public ::testing::WithParamInterface<bool> {};

TEST_P(CookieFlagsTest, EveryDeskCookieIsHttpOnlySameSiteWithAPathAndSecureOnHttps) {
  const bool https = GetParam();
  if (https) ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", "https://news.example"}).exit_code, 0);
  StartWithUser("admin");
  Browser b = NewBrowser();
  Reply login = b.Get("/admin/login");
  ASSERT_FALSE(login.SetCookie("qalam_form").empty());
  ExpectCookieFlags(login.SetCookie("qalam_form"), "/admin", "Strict", https);
  Reply in = b.Post("/admin/login", {{"csrf", Field(login.body, "csrf")}, {"email", "admin@news.example"},
                                     {"password", kPassword}});
  ASSERT_TRUE(RedirectsTo(in, "/admin"));
  ExpectCookieFlags(in.SetCookie("qalam_session"), "/", "Lax", https);
  ExpectCookieFlags(in.SetCookie("qalam_form"), "/admin", "Strict", https);  // Dropped, flags and all.
  Reply out = b.Post("/admin/logout", {{"csrf", DeskCsrf(b)}});
  ASSERT_TRUE(RedirectsTo(out, "/admin/login"));
  ExpectCookieFlags(out.SetCookie("qalam_session"), "/", "Lax", https);
  // The reader's site sets none.
  EXPECT_EQ(Browser(port_).Get("/").header("set-cookie"), "");
  EXPECT_EQ(Browser(port_).Get("/api/comment-token?article=1").header("set-cookie"), "");
}

INSTANTIATE_TEST_SUITE_P(HttpAndHttps, CookieFlagsTest, ::testing::Values(false, true));

}  // namespace
}  // namespace qalam::testing
