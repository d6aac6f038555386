// Hostile HTTP against the real server (issue 15, "A hostile-input audit",
// HTTP): every route gets an oversized header, an oversized body (declared
// and chunked), invalid UTF-8 and bad percent-encoding in its path, its
// query, a form body and its cookies; /assets/, /admin/assets/ and /media/
// get path traversal; and the request-smuggling shapes get a clean 400. The
// answer is always a clean 4xx (or the right 2xx/3xx where the request is in
// fact valid), never a 500, a hang or a crash: /healthz answers after every
// route and the process is alive at the end. The desk's routes are sent
// with a signed-in admin's session, so the bad input reaches its handlers.
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <regex>

#include "desk_client.h"
#include "raw_http.h"

namespace qalam::testing {
namespace {

const std::string kSeedSlug = "تداعيات-أزمة-كازاخستان-على-أوكرانيا";
const std::string kSecret = "QALAM-PLANTED-SECRET-7f3e9a";
constexpr size_t kBodyLimit = 1024 * 1024;
constexpr size_t kUploadLimit = 16 * 1024 * 1024;

class HostileHttpTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    ASSERT_EQ(RunQalam({"import", "--data", data_, SharedDir() + "/seed/seed-article.jsonl"}).exit_code, 0);
    // Files a traversal would reach: beside the site, in it, and in its
    // media directory under a name the desk never makes.
    WriteFile(dir_.path() + "/secret.txt", kSecret + " beside the site\n");
    WriteFile(data_ + "/secret.txt", kSecret + " in the site\n");
    std::filesystem::create_directories(data_ + "/media");
    WriteFile(data_ + "/media/secret.png", kSecret + " in media\n");
    StartWithUser("admin");
    Browser b = SignedIn("admin@news.example");
    session_ = b.jar["qalam_session"];
    csrf_ = DeskCsrf(b);
    ASSERT_FALSE(session_.empty());
    ASSERT_FALSE(csrf_.empty());
    std::smatch m;
    const std::string home = Browser(port_).Get("/").body;
    ASSERT_TRUE(std::regex_search(home, m, std::regex("/assets/[^\"]+\\.css"))) << home.substr(0, 2000);
    css_ = m[0];
    const std::string login = Browser(port_).Get("/admin/login").body;
    ASSERT_TRUE(std::regex_search(login, m, std::regex("/admin/assets/[^\"]+\\.css")));
    desk_css_ = m[0];
  }

  // Every route the server answers (src/web/site_handler.cc and the files it
  // dispatches to, admin_handler.cc and each desk file's sub-routes).
  std::vector<std::string> Routes() const {
    return {"/", "/article/" + Encode(kSeedSlug), "/latest", "/corrections", "/section/x", "/tag/x",
            "/writer/x", "/source/x", "/page/x", "/search", "/api/search", "/api/suggest",
            "/api/comment-token", "/api/comment-status", "/comments", "/comments/1/report", "/feed",
            "/feed/atom", "/tag/x/feed", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-tags.xml",
            "/robots.txt", "/healthz", css_, desk_css_, "/media/0123abcd-640.png", "/api/v1",
            "/api/v1/articles", "/api/v1/articles/1", "/api/v1/articles/by-slug/x", "/api/v1/writers",
            "/api/v1/writers/x", "/api/v1/sections", "/api/v1/tags", "/api/v1/sources", "/api/v1/breaking",
            "/api/v1/pages", "/api/v1/pages/x", "/api/v1/openapi.json", "/admin", "/admin/login",
            "/admin/setup", "/admin/set-password", "/admin/logout", "/admin/password", "/admin/audit",
            "/admin/articles", "/admin/articles/new", "/admin/articles/1", "/admin/articles/1/autosave",
            "/admin/articles/1/history", "/admin/articles/1/history/restore", "/admin/articles/trash/empty",
            "/admin/preview", "/admin/api/names", "/admin/breaking", "/admin/breaking/add",
            "/admin/breaking/order", "/admin/breaking/1/remove", "/admin/home", "/admin/home/preview",
            "/admin/names", "/admin/names/tag", "/admin/names/tag/1", "/admin/media", "/admin/media/1",
            "/admin/media/api", "/admin/accounts", "/admin/accounts/1", "/admin/settings", "/admin/identity",
            "/admin/comments", "/admin/comments/machine", "/admin/comments/commenter", "/admin/comments/bulk",
            "/admin/comments/1", "/admin/terms", "/admin/terms/1/remove"};
  }
  // Routes that read their query string: a malformed one is their 400.
  static bool ReadsQuery(const std::string& route) {
    return (route.rfind("/admin", 0) == 0 && route.rfind("/admin/assets/", 0) != 0) ||
           route.rfind("/api/", 0) == 0 || route == "/search";
  }
  static size_t LimitOf(const std::string& route) {
    return route.rfind("/admin/media", 0) == 0 ? kUploadLimit : kBodyLimit;
  }

  // A request as a browser of the signed-in admin would send it, plus
  // `headers` (each ending in CRLF) and a form body.
  std::string Request(const std::string& method, const std::string& target, const std::string& headers = "",
                      const std::string& body = "", bool with_session = true) const {
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                    "\r\nConnection: close\r\n";
    if (with_session) r += "Cookie: qalam_session=" + session_ + "\r\n";
    r += headers;
    if (method == "POST") {
      r += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
    }
    return r + "\r\n" + body;
  }

  // The server still answers and is still running.
  ::testing::AssertionResult Alive() {
    if (waitpid(pid_, nullptr, WNOHANG) != 0) return ::testing::AssertionFailure() << "the server exited";
    RawExchange ex = RawSend(port_, Request("GET", "/healthz", "", "", false));
    if (ex.status() != 200) return ::testing::AssertionFailure() << "/healthz answered " << ex.status();
    return ::testing::AssertionSuccess();
  }

  // A clean answer: something came back, in time, and not a server error.
  static ::testing::AssertionResult Clean(const RawExchange& ex, int lo, int hi, const std::string& what) {
    if (ex.silent) return ::testing::AssertionFailure() << what << ": no answer (a hang)";
    if (ex.status() >= lo && ex.status() <= hi) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << what << ": wanted " << lo << "–" << hi << ", got " << ex.status()
                                         << (ex.replies.empty() ? " (no reply)" : "") << ":\n"
                                         << ex.raw.substr(0, 600);
  }

  std::string session_, csrf_, css_, desk_css_;
};

TEST_F(HostileHttpTest, OversizedHeadersAndBodiesGet431And413OnEveryRoute) {
  for (const std::string& route : Routes()) {
    SCOPED_TRACE(route);
    // One header over the 16 KiB limit, and many small ones over it together.
    EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route, "X-Fill: " + std::string(20000, 'a') + "\r\n")), 431,
                      431, "one big header"));
    std::string many;
    for (int i = 0; i < 800; ++i) many += "X-Fill-" + std::to_string(i) + ": " + std::string(20, 'b') + "\r\n";
    EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route, many)), 431, 431, "many headers"));
    EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route + "?q=" + std::string(20000, 'c'))), 431, 431,
                      "a long query"));

    // A declared length over the route's limit: refused before the body.
    const size_t limit = LimitOf(route);
    std::string declared = "POST " + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: qalam_session=" +
                           session_ + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                           std::to_string(limit + 1) + "\r\n\r\n" + std::string(64 * 1024, 'd');
    EXPECT_TRUE(Clean(RawSend(port_, declared), 413, 413, "declared length"));

    // A chunked body that grows past it.
    std::string chunked = "POST " + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: qalam_session=" +
                          session_ +
                          "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(64 * 1024, 'e');
    for (size_t sent = 0; sent <= limit; sent += chunk.size()) chunked += "10000\r\n" + chunk + "\r\n";
    chunked += "0\r\n\r\n";
    EXPECT_TRUE(Clean(RawSend(port_, chunked), 413, 413, "chunked body"));
    ASSERT_TRUE(Alive());
  }
}

TEST_F(HostileHttpTest, BadEncodingInPathsQueriesFormsAndCookiesIsA4xxOnEveryRoute) {
  // Truncated and non-hex escapes, overlong forms of '/' and '.', a NUL, a
  // lone continuation byte, a UTF-16 surrogate, a five-byte form, raw bytes.
  const std::vector<std::string> bad = {"%",           "%2",           "%G1",       "%C0%AF",
                                        "%00",         "%FF",          "%80",       "%E0%80%AF",
                                        "%ED%A0%80",   "%F8%88%80%80%80", "%c0%ae%c0%ae", "\xff\xfe",
                                        "%C3",         "\xc0\xaf"};
  for (const std::string& route : Routes()) {
    SCOPED_TRACE(route);
    for (const std::string& b : bad) {
      EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route + b)), 400, 499, "path " + b));
      const std::string query = "?page=" + b + "&q=" + b + "&id=1&sig=" + b + "&article=" + b;
      EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route + query)), ReadsQuery(route) ? 400 : 200,
                        ReadsQuery(route) ? 499 : 499, "query " + b));
      // A form whose every field is badly encoded (the anti-forgery token
      // right), and the same as a reader's comment form would send it.
      const std::string form = "csrf=" + csrf_ + "&name=" + b + "&email=a" + b + "%40x.example&comment=" + b +
                               "&title=" + b + "&body=" + b + "&article=1&token=" + b;
      EXPECT_TRUE(Clean(RawSend(port_, Request("POST", route, "", form)), 400, 499, "form " + b));
      // Cookies: a session value and names that are not what the server
      // made; only a real session signs in, so this is the signed-out page.
      if (b.find('%') != std::string::npos || b.find('\xff') != std::string::npos) {
        const std::string cookies = "Cookie: qalam_session=" + b + "; qalam_form=" + b + "; " + b + "=" + b +
                                    "; ;=; =x; qalam_session\r\n";
        EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route, cookies, "", false)), 200, 499, "cookie " + b));
      }
    }
    // A NUL or a bare CR in a header value is not HTTP.
    EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route, std::string("Cookie: a=\0b\r\n", 14), "", false)), 400,
                      400, "NUL in a cookie"));
    EXPECT_TRUE(Clean(RawSend(port_, Request("GET", route, "Cookie: a=b\rc\r\n", "", false)), 400, 400,
                      "CR in a cookie"));
    ASSERT_TRUE(Alive());
  }
}

// The desk's multipart forms (uploads, and any desk form sent that way):
// broken framing, too many parts, names, values and file names that are
// not UTF-8 or try to climb out of the media directory. A 4xx each time,
// and nothing is written outside media/.
TEST_F(HostileHttpTest, MalformedMultipartFormsGetA4xx) {
  const std::string b = "XyZbOuNdArY";
  auto part = [&](const std::string& disposition, const std::string& data) {
    return "--" + b + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + data + "\r\n";
  };
  const std::string csrf = part("name=\"csrf\"", csrf_);
  std::string many = csrf;
  for (int i = 0; i < 100; ++i) many += part("name=\"f" + std::to_string(i) + "\"", "x");
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"no closing delimiter", csrf + part("name=\"alt\"", "x")},
      {"no boundary at all", "just some bytes"},
      {"a part without its blank line", "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n" + csrf_ + "\r\n--" + b + "--\r\n"},
      {"a part without a disposition", "--" + b + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + b + "--\r\n"},
      {"an unclosed quote", "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\r\n\r\nx\r\n--" + b + "--\r\n"},
      {"too many parts", many + "--" + b + "--\r\n"},
      {"a name and value not UTF-8", csrf + part("name=\"\xff\xfe\"", "\xc0\xaf") + "--" + b + "--\r\n"},
      {"a file named to climb out",
       csrf + part("name=\"file\"; filename=\"../../secret.txt\"", "not an image") +
           part("name=\"alt\"", "\xff") + "--" + b + "--\r\n"},
      {"a file name with a NUL and bad UTF-8",
       csrf + part(std::string("name=\"file\"; filename=\"a") + '\0' + "b\xff.png\"", "GIF89a") + "--" + b + "--\r\n"},
      {"a setting not UTF-8", csrf + part("name=\"site_name\"", "\xff\xfe") + "--" + b + "--\r\n"},
      {"a setting with a NUL", csrf + part("name=\"site_name\"", std::string("a\0b", 3)) + "--" + b + "--\r\n"},
      {"an empty file", csrf + part("name=\"file\"; filename=\"x.png\"", "") + "--" + b + "--\r\n"},
  };
  for (const std::string route : {"/admin/media", "/admin/media/api", "/admin/media/1", "/admin/articles/new",
                                  "/admin/settings", "/admin/login"}) {
    for (const auto& [name, body] : bodies) {
      // Settings take no file: a form with only one changes nothing, rightly.
      if (route == std::string("/admin/settings") && name == "an empty file") continue;
      SCOPED_TRACE(route + ": " + name);
      const std::string request = "POST " + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: qalam_session=" +
                                  session_ + "\r\nContent-Type: multipart/form-data; boundary=" + b +
                                  "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      EXPECT_TRUE(Clean(RawSend(port_, request), 400, 499, name));
    }
    ASSERT_TRUE(Alive());
  }
  // Nothing but the planted file in media/, nothing new beside the site.
  std::vector<std::string> media;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_ + "/media")) {
    if (entry.is_regular_file()) media.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(media, std::vector<std::string>{"secret.png"});
  EXPECT_EQ(ReadText(dir_.path() + "/secret.txt"), kSecret + " beside the site\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/a"));
}

TEST_F(HostileHttpTest, TraversalNeverLeavesTheServedDirectories) {
  const std::vector<std::string> tails = {
      "../secret.txt", "../../secret.txt", "../../../secret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt",
      "%2E%2E%2F%2E%2E%2Fsecret.txt", "..%2fsecret.txt", "..%2f..%2fsecret.txt", "..%5csecret.txt",
      "..%5c..%5csecret.txt", "..\\secret.txt", "%252e%252e%252fsecret.txt", "%252e%252e/secret.txt",
      "....//secret.txt", "..;/secret.txt", "%c0%ae%c0%ae/secret.txt", "%c0%ae%c0%ae%c0%afsecret.txt",
      "%e0%80%ae%e0%80%ae/secret.txt", "/etc/passwd", "%2fetc%2fpasswd", "..%00/secret.txt",
      "secret.txt%00.png", "secret.png", "./secret.png", "../qalam.db", "../site/qalam.db",
      "../../site/secret.txt", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "../../../../../../../etc/passwd",
      "..", ".", "%2e%2e", "0123abcd.png/../../secret.txt", "0123abcd..png", "..png", "a/../../secret.txt",
      "/" + data_.substr(1) + "/secret.txt", "%2f" + data_.substr(1) + "/secret.txt"};
  for (const std::string prefix : {"/assets/", "/admin/assets/", "/media/"}) {
    for (const std::string& tail : tails) {
      const std::string target = prefix + tail;
      SCOPED_TRACE(target);
      for (bool session : {false, true}) {
        RawExchange ex = RawSend(port_, Request("GET", target, "", "", session));
        EXPECT_TRUE(Clean(ex, 400, 404, target));
        EXPECT_FALSE(Has(ex.raw, kSecret)) << ex.raw.substr(0, 400);
        EXPECT_FALSE(Has(ex.raw, "root:x:0:0")) << ex.raw.substr(0, 400);
        EXPECT_FALSE(Has(ex.raw, "SQLite format 3")) << ex.raw.substr(0, 400);
      }
    }
    ASSERT_TRUE(Alive());
  }
}

// Each shape with a second request behind it: a server that read the first
// one's body differently from a proxy in front would answer the hidden one.
// Ambiguous framing is a 400 and the connection closes; nothing behind it
// is answered.
TEST_F(HostileHttpTest, RequestSmugglingShapesAreRefusedAndCloseTheConnection) {
  const std::string hidden = "GET /healthz?hidden HTTP/1.1\r\nHost: x\r\n\r\n";
  struct Shape {
    std::string name, headers, body;
  };
  const std::vector<Shape> refused = {
      {"Content-Length then Transfer-Encoding", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
       "0\r\n\r\n"},
      {"Transfer-Encoding then Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
       "0\r\n\r\n"},
      {"two Content-Lengths that differ", "Content-Length: 3\r\nContent-Length: 5\r\n", "a=bcd"},
      {"one Content-Length listing two", "Content-Length: 3, 5\r\n", "a=bcd"},
      {"chunked, identity", "Transfer-Encoding: chunked, identity\r\n", "3\r\na=b\r\n0\r\n\r\n"},
      {"identity with a length", "Transfer-Encoding: identity\r\nContent-Length: 3\r\n", "a=b"},
      {"gzip, chunked", "Transfer-Encoding: gzip, chunked\r\n", "3\r\na=b\r\n0\r\n\r\n"},
      {"chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "3\r\na=b\r\n0\r\n\r\n"},
      {"identity then chunked", "Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n",
       "3\r\na=b\r\n0\r\n\r\n"},
      {"an unknown coding", "Transfer-Encoding: xchunked\r\n", "3\r\na=b\r\n0\r\n\r\n"},
      {"a space before the colon", "Transfer-Encoding : chunked\r\nContent-Length: 3\r\n", "a=b"},
      {"a space before the colon of a length", "Content-Length : 3\r\n", "a=b"},
      {"a tab in the name", "Content\t-Length: 3\r\n", "a=b"},
      {"a negative length", "Content-Length: -3\r\n", "a=b"},
      {"a signed length", "Content-Length: +3\r\n", "a=b"},
      {"a hexadecimal length", "Content-Length: 0x3\r\n", "a=b"},
      {"a length with a space inside", "Content-Length: 3 3\r\n", "a=b"},
      {"a length beyond 64 bits", "Content-Length: 99999999999999999999999\r\n", "a=b"},
      {"a chunk size that is not hex", "Transfer-Encoding: chunked\r\n", "zz\r\na=b\r\n0\r\n\r\n"},
      {"a chunk size beyond 64 bits", "Transfer-Encoding: chunked\r\n", "fffffffffffffffffffff\r\na=b\r\n0\r\n\r\n"},
      {"a chunk without its CRLF", "Transfer-Encoding: chunked\r\n", "3\r\na=bXX0\r\n\r\n"},
  };
  for (const std::string route : {"/comments", "/", "/admin/login", "/api/v1/articles", "/admin/articles/new"}) {
    for (const Shape& s : refused) {
      SCOPED_TRACE(route + ": " + s.name);
      const std::string request = "POST " + route + " HTTP/1.1\r\nHost: x\r\nCookie: qalam_session=" + session_ +
                                  "\r\nContent-Type: application/x-www-form-urlencoded\r\n" + s.headers + "\r\n" +
                                  s.body + hidden;
      RawExchange ex = RawSend(port_, request);
      EXPECT_TRUE(Clean(ex, 400, 400, s.name));
      EXPECT_EQ(ex.replies.size(), 1u) << ex.raw.substr(0, 1200);
      EXPECT_TRUE(ex.closed) << "the connection stays open after an ambiguous request";
    }
    ASSERT_TRUE(Alive());
  }

  // Line endings that are not CRLF, and a request line that is not one.
  const std::vector<std::pair<std::string, std::string>> malformed = {
      {"bare LF everywhere", "GET / HTTP/1.1\nHost: x\n\n"},
      {"bare LF after a header", "GET / HTTP/1.1\r\nHost: x\nX-A: b\r\n\r\n"},
      {"bare CR", "GET / HTTP/1.1\rHost: x\r\n\r\n"},
      {"a space before the colon of Host", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"},
      {"no colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"},
      {"an empty name", "GET / HTTP/1.1\r\nHost: x\r\n: y\r\n\r\n"},
      {"a folded line first", "GET / HTTP/1.1\r\n X-A: b\r\nHost: x\r\n\r\n"},
      {"two spaces in the request line", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"no version", "GET /\r\nHost: x\r\n\r\n"},
      {"a bad version", "GET / HTTP/9.x\r\nHost: x\r\n\r\n"},
      {"a space in the target", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a NUL in the target", std::string("GET /") + '\0' + " HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a bad method", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"binary noise", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15)},
  };
  for (const auto& [name, request] : malformed) {
    SCOPED_TRACE(name);
    RawExchange ex = RawSend(port_, request + hidden);
    EXPECT_TRUE(Clean(ex, 400, 400, name));
    EXPECT_EQ(ex.replies.size(), 1u) << ex.raw.substr(0, 1200);
    EXPECT_TRUE(ex.closed);
  }

  // Obsolete line folding inside a header is read as RFC 9112 (5.2) allows:
  // the fold is a space, the line part of the header before it; a folded
  // "Transfer-Encoding" is no header of its own, so the body is the one the
  // Content-Length gives and the request behind it is answered in turn.
  {
    const std::string folded = "POST /comments HTTP/1.1\r\nHost: x\r\nX-A: b\r\n Transfer-Encoding: chunked\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b";
    RawExchange ex = RawSend(port_, folded + hidden);
    ASSERT_TRUE(Clean(ex, 400, 499, "folded"));
    ASSERT_EQ(ex.replies.size(), 2u) << ex.raw.substr(0, 1200);
    EXPECT_EQ(ex.replies[1].status, 200);  // /healthz
  }
  // Two equal lengths are one length (RFC 9110, 8.6).
  {
    RawExchange ex = RawSend(port_, "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                    "application/x-www-form-urlencoded\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\na=b" +
                                        hidden);
    ASSERT_EQ(ex.replies.size(), 2u) << ex.raw.substr(0, 1200);
    EXPECT_EQ(ex.replies[0].status, 404);  // No such article.
    EXPECT_EQ(ex.replies[1].status, 200);
  }
  // A plain chunked body is fine.
  {
    RawExchange ex = RawSend(port_, "POST /comments HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                    "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "3\r\na=b\r\n0\r\n\r\n" + hidden);
    ASSERT_EQ(ex.replies.size(), 2u) << ex.raw.substr(0, 1200);
    EXPECT_EQ(ex.replies[0].status, 404);
    EXPECT_EQ(ex.replies[1].status, 200);
  }
  ASSERT_TRUE(Alive());
  EXPECT_FALSE(Has(ServeErr(), "handler failed"));
}

}  // namespace
}  // namespace qalam::testing
