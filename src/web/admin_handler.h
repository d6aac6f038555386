// AdminHandler: the newsroom desk under /admin. Sign-in with lock-out,
// one-time links to set a password or create the first admin, sign-out,
// password change, the dashboard and the audit log. Every page is no-store;
// every state-changing request needs a valid anti-forgery token (the
// session's, or before sign-in a double-submit cookie) and, when the
// browser names one, a same-site Origin — else 403 and nothing changes.
// What the desk reads and changes goes through the site's services
// (services/site_services.h); the handler parses, checks the role, and
// answers.
#pragma once
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/account.h"
#include "render/admin_pages.h"
#include "render/pages.h"
#include "render/theme.h"
#include "services/newsroom.h"
#include "services/site_services.h"
#include "web/http_types.h"

namespace qalam {

class AdminHandler {
 public:
  using Clock = std::function<int64_t()>;
  // `renderer` draws the preview of an article as readers would see it.
  // `services` and `renderer` outlive the handler.
  AdminHandler(SiteServices& services, PageRenderer& renderer, Clock clock);

  // `path` is decoded and starts with "/admin".
  HttpReply Handle(const HttpRequest& request, const std::string& path, std::string_view query);

 private:
  struct Visit;  // One request's parsed state.
  HttpReply Login(Visit& v);
  HttpReply Logout(Visit& v);
  HttpReply SetPassword(Visit& v, bool first_admin);
  HttpReply ChangePassword(Visit& v);
  HttpReply Dashboard(Visit& v);
  // admin_views.cc: readers' views on the desk (an article's chart over 30
  // days with its summary; today's most read for the dashboard, null when
  // it cannot be read).
  nlohmann::json ViewsChartView(Visit& v, Id article_id);
  nlohmann::json TopTodayView(Visit& v);
  HttpReply Audit(Visit& v);
  // admin_articles.cc: the editor's desk (/admin/articles…, /admin/preview,
  // /admin/api/names).
  HttpReply ArticlesRoute(Visit& v);
  HttpReply ArticleList(Visit& v);
  HttpReply Editor(Visit& v, Id id);  // id 0: a new article.
  nlohmann::json EditorView(Visit& v, const Article& stored, const ArticleForm& form);
  HttpReply AutosaveArticle(Visit& v, Id id);
  HttpReply History(Visit& v, Id id);
  HttpReply RestoreRevision(Visit& v, Id id);
  HttpReply EmptyTrash(Visit& v);
  HttpReply Preview(Visit& v);
  HttpReply NamesApi(Visit& v);
  // admin_desk.cc: breaking news (/admin/breaking…), writers, sources,
  // sections and tags (/admin/names…).
  HttpReply BreakingRoute(Visit& v);
  HttpReply NamesRoute(Visit& v);
  // admin_home.cc: the front page's layout (/admin/home, /admin/home/preview).
  HttpReply HomeRoute(Visit& v);
  // admin_identity.cc: the logo, favicon, footer line and menus (/admin/identity).
  HttpReply IdentityRoute(Visit& v);
  // admin_media.cc: the media library and uploads (/admin/media…).
  HttpReply MediaRoute(Visit& v);
  // admin_media_api.cc: the library as JSON for the rich editor (/admin/media/api).
  HttpReply MediaApi(Visit& v);
  // admin_accounts.cc: the admin's accounts page (/admin/accounts…).
  HttpReply AccountsRoute(Visit& v);
  // admin_settings.cc: the site's settings (/admin/settings).
  HttpReply SettingsRoute(Visit& v);
  // admin_comments.cc: the moderators' queue (/admin/comments…), a
  // commenter's export and erasure, and the term lists (/admin/terms…).
  HttpReply CommentsRoute(Visit& v);
  HttpReply TermsRoute(Visit& v);
  HttpReply Page(Visit& v, int status, const std::string& name, nlohmann::json view);
  HttpReply Message(Visit& v, int status, const std::string& title, const std::string& message);

  SiteSettings& settings_;
  Accounts& accounts_;
  ArticleDesk& desk_;
  Names& names_;
  BreakingNews& breaking_;
  HomeLayoutService& home_;
  SiteIdentity& identity_;
  MediaLibrary& media_;
  CommentService& comments_;
  CommentModeration& moderation_;  // the queue's decisions (services/comment_moderation.h)
  ModerationTerms& terms_;
  ViewStats& view_stats_;  // Readers' views (admin_views.cc).
  PageRenderer& page_renderer_;  // The reader's pages, for the preview.
  AdminRenderer renderer_;  // The desk's own pages (render/desk), never a theme's.
  Clock clock_;
};

}  // namespace qalam
