// One desk request's parsed state, shared by the AdminHandler's files
// (admin_handler.cc: sign-in and accounts; admin_articles.cc: the editor's
// desk; admin_desk.cc: breaking news, names, media).
#pragma once
#include <charconv>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "arabic/plural.h"
#include "core/account.h"
#include "core/settings.h"
#include "core/text.h"
#include "services/accounts.h"
#include "web/admin_handler.h"
#include "web/multipart.h"

namespace qalam {

inline constexpr const char* kSessionCookie = "qalam_session";
inline constexpr const char* kFormCookie = "qalam_form";  // Anti-forgery token before sign-in.

// A page rendered through the reader's theme for the desk (a preview): never
// stored by anyone, never indexed.
inline HttpReply DeskPreviewReply(std::string html) {
  HttpReply r;
  r.status = 200;
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>(std::move(html));
  r.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  return r;
}

// A 303 to `to` (after a POST, or to the sign-in page).
inline HttpReply Redirect(const std::string& to) {
  HttpReply r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.cache_control = "no-store";
  r.body = std::make_shared<const std::string>("");
  r.headers.emplace_back("Location", to);
  r.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  return r;
}

struct AdminHandler::Visit {
  Visit(const HttpRequest& r, std::string p) : request(r), path(std::move(p)) {}
  const HttpRequest& request;
  std::string path;
  bool post = false;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;
  std::vector<FormPart> files;  // Uploaded files of a multipart POST.
  std::map<std::string, std::string> cookies;
  Settings settings;
  int64_t now = 0;
  bool signed_in = false;
  User user;
  Session session;
  std::string session_token;
  std::vector<std::pair<std::string, std::string>> set_cookies;

  // ?page=N as the desk's lists read it: 1 to 100,000, anything else 1.
  int64_t PageNumber() const {
    auto it = query.find("page");
    if (it == query.end()) return 1;
    int64_t page = 0;
    const std::string& p = it->second;
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), page);
    return ec != std::errc() || end != p.data() + p.size() || page < 1 || page > 100000 ? 1 : page;
  }
  // A number as the desk shows it: in the site's digits.
  std::string Number(int64_t n) const {
    return LocalDigits(std::to_string(n), settings.Get("digits") == "arabic" ? Digits::kArabicIndic : Digits::kWestern);
  }
  bool Secure() const { return request.secure || settings.site_url().rfind("https://", 0) == 0; }
  std::string Cookie(const std::string& name, const std::string& value, int64_t max_age,
                     const char* path, const char* same_site) const {
    std::string c = name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=" + same_site +
                    "; Max-Age=" + std::to_string(max_age);
    if (Secure()) c += "; Secure";
    return c;
  }
  // The pre-sign-in anti-forgery token: the cookie's, or a new one.
  std::string FormToken() {
    auto it = cookies.find(kFormCookie);
    if (it != cookies.end() && it->second.size() >= 32) return it->second;
    std::string token = RandomToken();
    cookies[kFormCookie] = token;
    set_cookies.emplace_back("Set-Cookie", Cookie(kFormCookie, token, 3600, "/admin", "Strict"));
    return token;
  }
  bool FormTokenValid() const {
    auto c = cookies.find(kFormCookie);
    auto f = form.find("csrf");
    return c != cookies.end() && f != form.end() && ConstantTimeEquals(c->second, f->second);
  }
  bool SessionTokenValid() const {
    auto f = form.find("csrf");
    return signed_in && f != form.end() && ConstantTimeEquals(session.csrf, f->second);
  }
  // A browser that names the page's origin must name this site.
  bool SameOrigin() const {
    if (request.origin.empty()) return true;
    std::string host(request.host);
    return request.origin == "http://" + host || request.origin == "https://" + host;
  }
  std::string Form(const char* name) const {
    auto it = form.find(name);
    return it == form.end() ? "" : it->second;
  }
};


}  // namespace qalam
