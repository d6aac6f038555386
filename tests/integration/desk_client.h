// The newsroom desk as a browser sees it, for integration tests: a cookie
// jar client (Browser), page assertions, and a fixture serving a site with
// accounts (DeskFixture).
#pragma once
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/text.h"
#include "server_process.h"

namespace qalam::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using Headers = std::map<std::string, std::string>;
using Form = std::vector<std::pair<std::string, std::string>>;

inline const std::string kPassword = "kalimat-sirr-2024";

inline bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// What follows `marker` in `text`, up to the end of the line.
inline std::string TokenAfter(const std::string& text, const std::string& marker) {
  size_t at = text.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return text.substr(at, text.find_first_of(" \r\n", at) - at);
}

// The value of a hidden input in a page.
inline std::string Field(const std::string& html, const std::string& name) {
  std::smatch m;
  return std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\"")) ? m[1].str() : "";
}

// A Set-Cookie line's attributes, without its name=value.
inline std::set<std::string> Attributes(const std::string& set_cookie) {
  std::set<std::string> out;
  for (size_t i = set_cookie.find(';'), next; i != std::string::npos; i = next) {
    next = set_cookie.find(';', i + 1);
    out.insert(Trim(set_cookie.substr(i + 1, next == std::string::npos ? next : next - i - 1)));
  }
  return out;
}

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // Lower-case names.
  std::string body;
  std::string header(const std::string& name) const { return headers.count(name) ? headers.find(name)->second : ""; }
  std::string SetCookie(const std::string& name) const {  // The whole line, or "".
    auto [b, e] = headers.equal_range("set-cookie");
    for (auto it = b; it != e; ++it) if (it->second.rfind(name + "=", 0) == 0) return it->second;
    return "";
  }
};

// A page with this status that shows this text.
inline ::testing::AssertionResult Shows(const Reply& r, int status, const std::string& text) {
  if (r.status == status && Has(r.body, text)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "wanted " << status << " showing \"" << text << "\", got " << r.status
                                       << ":\n" << r.body.substr(0, 3000);
}
inline ::testing::AssertionResult RedirectsTo(const Reply& r, const std::string& location) {
  if (r.status == 303 && r.header("location") == location) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "wanted 303 to " << location << ", got " << r.status << " to \""
                                       << r.header("location") << "\":\n" << r.body.substr(0, 3000);
}

// One browser: sends Host as browsers do, keeps the cookies it is given.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  std::map<std::string, std::string> jar;
  // The address its connections come from ("" for the system's choice,
  // 127.0.0.1); Linux routes all of 127/8 to lo, so 127.0.0.2 is another
  // client to the server.
  std::string from;

  Reply Get(const std::string& target, const Headers& extra = {}) { return Send("GET", target, "", extra); }
  Reply Post(const std::string& target, const Form& form, const Headers& extra = {}) {
    std::string body;
    for (const auto& [k, v] : form) body += (body.empty() ? "" : "&") + Encode(k) + "=" + Encode(v);
    return Send("POST", target, body, extra);
  }
  Reply Send(const std::string& method, const std::string& target, const std::string& body, const Headers& extra) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(20));
    if (!from.empty()) {
      stream.socket().open(asio::ip::tcp::v4());
      stream.socket().bind({asio::ip::make_address(from), 0});
    }
    stream.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)});
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    std::string cookie;
    for (const auto& [k, v] : jar) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    if (method == "POST") req.set(http::field::content_type, "application/x-www-form-urlencoded");
    for (const auto& [k, v] : extra) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    Reply out{static_cast<int>(res.result_int()), {}, res.body()};
    for (const auto& f : res) out.headers.emplace(AsciiLower(std::string(f.name_string())), std::string(f.value()));
    for (auto [it, end] = out.headers.equal_range("set-cookie"); it != end; ++it) {
      size_t eq = it->second.find('='), semi = it->second.find(';');
      std::string name = it->second.substr(0, eq), value = it->second.substr(eq + 1, semi - eq - 1);
      if (value.empty() || Attributes(it->second).count("Max-Age=0")) jar.erase(name);
      else jar[name] = value;
    }
    return out;
  }

 private:
  int port_;
};

// The session's anti-forgery token, as the desk's forms carry it.
inline std::string DeskCsrf(Browser& b) { return Field(b.Get("/admin").body, "csrf"); }

// A site served by the real binary, with accounts made as an admin would
// make them (`qalam user add` and its one-time link).
class DeskFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
  }
  void TearDown() override { Stop(); }

  // `qalam serve` with its stderr in a file, so what it prints after the
  // serving line (the first admin's link) can be read at any time.
  void Start(const std::string& access_log = "off", const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {QalamBin(), "serve", "--data", data_, "--listen", "127.0.0.1:0",
                                     "--access-log", access_log};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if ((pid_ = fork()) == 0) {
      dup2(open(err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 2);
      if (capture_stdout_) dup2(open(out_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600), 1);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 400 && port_ == 0; ++i) {
      std::string err = ServeErr();
      size_t at = err.find("at http://127.0.0.1:");
      if (at != std::string::npos && err.find('\n', at) != std::string::npos) port_ = std::atoi(err.c_str() + at + 20);
      else std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (port_ == 0) throw std::runtime_error("server did not start: " + ServeErr());
  }
  std::string ServeErr() const { return ReadText(err_file_); }
  // What the server wrote to standard output (its log), when capture_stdout_
  // was set before Start().
  std::string ServeOut() const { return ReadText(out_file_); }
  void Stop() {  // SIGTERM, as an operator would.
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
      if (i == 100) kill(pid_, SIGKILL);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    pid_ = -1;
  }
  // Starts serving with one account, ROLE@news.example, whose password is kPassword.
  void StartWithUser(const std::string& role, const std::string& name = "سلمى") {
    Start();
    MakeUser(role, role + "@news.example", name);
  }
  Browser NewBrowser() { return Browser(port_); }
  // The reader's page at `path` once `pred` holds (the cache is purged by
  // the server's 250 ms change poll), or as it is after two seconds.
  template <typename Pred>
  Reply ReaderUntil(const std::string& path, Pred pred) {
    Reply r;
    for (int i = 0; i < 40; ++i) {
      r = Browser(port_).Get(path);
      if (pred(r)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return r;
  }
  // The first admin's link, which serve prints after its serving line.
  std::string SetupToken() {
    // On the port it really listens on while site_url is the default.
    const std::string marker =
        "create the first admin at:\n  http://127.0.0.1:" + std::to_string(port_) + "/admin/setup?token=";
    std::string err;
    for (int i = 0; i < 100 && TokenAfter(err = ServeErr(), marker).size() < 43; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_LT(err.find("qalam: serving"), err.find(marker)) << err;
    return TokenAfter(err, marker);
  }
  CommandResult UserAdd(const std::string& role, const std::string& email, const std::string& name = "سلمى") {
    return RunQalam({"user", "add", "--data", data_, "--role", role, "--email", email, "--name", name});
  }
  // `qalam user add`; the token of the link it prints.
  std::string AddUser(const std::string& role, const std::string& email, const std::string& name = "سلمى") {
    CommandResult r = UserAdd(role, email, name);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return TokenAfter(r.out, "/admin/set-password?token=");
  }
  // Opens a set-password link and submits its form.
  Reply UseLink(Browser& b, const std::string& token, const std::string& password) {
    const std::string csrf = Field(b.Get("/admin/set-password?token=" + token).body, "csrf");
    return b.Post("/admin/set-password", {{"csrf", csrf}, {"token", token}, {"password", password}});
  }
  void MakeUser(const std::string& role, const std::string& email, const std::string& name = "سلمى") {
    Browser b = NewBrowser();
    EXPECT_TRUE(RedirectsTo(UseLink(b, AddUser(role, email, name), kPassword), "/admin"));  // Signed in.
  }
  // Submits the first admin's form (its token is the double-submit cookie's value).
  Reply PostSetup(Browser& b, const std::string& token, const std::string& email) {
    const std::string csrf = b.jar.count("qalam_form") ? b.jar["qalam_form"] : Field(b.Get("/admin/login").body, "csrf");
    return b.Post("/admin/setup", {{"csrf", csrf}, {"token", token}, {"name", "ليلى"}, {"email", email}, {"password", kPassword}});
  }
  // Opens the login page and submits it.
  Reply SignIn(Browser& b, const std::string& email, const std::string& password, const Headers& extra = {}) {
    const std::string csrf = Field(b.Get("/admin/login").body, "csrf");
    return b.Post("/admin/login", {{"csrf", csrf}, {"email", email}, {"password", password}}, extra);
  }
  Browser SignedIn(const std::string& email, const std::string& password = kPassword) {
    Browser b = NewBrowser();
    EXPECT_TRUE(RedirectsTo(SignIn(b, email, password), "/admin")) << email;
    return b;
  }
  // Whether a browser holding just this session token is signed in.
  bool TokenWorks(const std::string& token) {
    Browser b = NewBrowser();
    b.jar["qalam_session"] = token;
    Reply r = b.Get("/admin");
    EXPECT_TRUE(r.status == 200 || RedirectsTo(r, "/admin/login")) << r.status;
    return r.status == 200;
  }

  TempDir dir_;
  std::string data_, err_file_ = dir_.path() + "/serve.err", out_file_ = dir_.path() + "/serve.out";
  bool capture_stdout_ = false;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace qalam::testing
