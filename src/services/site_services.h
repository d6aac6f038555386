// Every service one server gives its web layer, all on one store. The web
// layer (src/web) holds these instead of the store and never calls the
// store itself: the rules, and the audit entries that go with a change,
// live in the services. Built once per server by `qalam serve`, before the
// SiteHandler that uses it and destroyed after it.
#pragma once
#include <string>

#include "services/accounts.h"
#include "services/article_desk.h"
#include "services/breaking_news.h"
#include "services/comment_moderation.h"
#include "services/comments.h"
#include "services/home_layout.h"
#include "services/media_library.h"
#include "services/media_worker.h"
#include "services/moderation_terms.h"
#include "services/names.h"
#include "services/redirects.h"
#include "services/related_refresher.h"
#include "services/search.h"
#include "services/site_changes.h"
#include "services/site_identity.h"
#include "services/site_settings.h"
#include "services/view_counter.h"
#include "services/view_stats.h"
#include "store/store.h"

namespace qalam {

struct SiteServices {
  // `media_dir` holds uploaded images (DIR/media); `model_path` is the
  // comment classifier (DIR/moderation/model.bin; it may not exist yet).
  SiteServices(Store& store, std::string media_dir, std::string model_path);
  SiteServices(const SiteServices&) = delete;
  SiteServices& operator=(const SiteServices&) = delete;

  SiteSettings settings;
  Accounts accounts;
  // Refreshes related articles after desk changes, on its own thread; the
  // desk and scheduled publishing mark it.
  RelatedRefresher related;
  ArticleDesk desk;
  Names names;
  BreakingNews breaking;
  HomeLayoutService home;  // The front page's layout (/admin/home).
  SiteIdentity identity;   // Logo, favicon, footer line, menus (/admin/identity).
  MediaLibrary media;
  // Makes the variants of imported images in the background.
  MediaWorker media_worker;
  SearchService search;
  // Holds the term lists and the classifier; screens readers' comments.
  CommentService comments;
  CommentModeration moderation;
  ModerationTerms terms;
  Redirects redirects;
  SiteChanges changes;
  // Readers' views (POST /api/view), flushed to the store every 5 seconds
  // on its own thread; and what they show (the most read, the desk's).
  ViewCounter views;
  ViewStats view_stats;
};

}  // namespace qalam
