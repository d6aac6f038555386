// AdminHandler: the newsroom desk under /admin. Sign-in with lock-out,
// one-time links to set a password or create the first admin, sign-out,
// password change, the dashboard and the audit log. Every page is no-store;
// every state-changing request needs a valid anti-forgery token (the
// session's, or before sign-in a double-submit cookie) and, when the
// browser names one, a same-site Origin — else 403 and nothing changes.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/account.h"
#include "render/admin_pages.h"
#include "render/theme.h"
#include "store/store.h"
#include "web/http_types.h"

namespace qalam {

class AdminHandler {
 public:
  using Clock = std::function<int64_t()>;
  AdminHandler(Store& store, const Theme& theme, Clock clock);

  // `path` is decoded and starts with "/admin".
  HttpReply Handle(const HttpRequest& request, const std::string& path, std::string_view query);

 private:
  struct Visit;  // One request's parsed state.
  HttpReply Login(Visit& v);
  HttpReply Logout(Visit& v);
  HttpReply SetPassword(Visit& v, bool first_admin);
  HttpReply ChangePassword(Visit& v);
  HttpReply Dashboard(Visit& v);
  HttpReply Audit(Visit& v);
  HttpReply Page(Visit& v, int status, const std::string& name, nlohmann::json view);
  HttpReply Message(Visit& v, int status, const std::string& title, const std::string& message);

  Store& store_;
  AdminRenderer renderer_;
  Clock clock_;
};

}  // namespace qalam
