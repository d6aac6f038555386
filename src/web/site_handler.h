// SiteHandler: the reader's site over HTTP. Routes a request to a cached
// page or a theme asset, answers conditional requests (ETag, 304), picks the
// gzip body when the client takes it, and keeps the page cache current by
// reading the store's change keys (PollChanges, run by the server's tick).
#pragma once
#include <atomic>
#include <functional>
#include <memory>

#include "render/pages.h"
#include "render/theme.h"
#include "store/store.h"
#include "services/comments.h"
#include "services/related_refresher.h"
#include "services/search.h"
#include "web/admin_handler.h"
#include "web/http_types.h"
#include "web/page_cache.h"

namespace qalam {

class SiteHandler {
 public:
  using Clock = std::function<int64_t()>;  // UTC seconds; injectable for tests.

  // `media_dir` holds uploaded images (DIR/media), served at /media/.
  // `model_path` is the comment classifier (DIR/moderation/model.bin; it
  // may not exist yet).
  SiteHandler(Store& store, const Theme& theme, size_t cache_bytes, Clock clock,
              std::string media_dir = "", std::string model_path = "");

  HttpReply Handle(const HttpRequest& request);
  // Publishes scheduled articles whose time has come (whichever server gets
  // there first; each goes live once), then reads change keys written since
  // the last call (by this or any other process) and purges the pages built
  // from them.
  void PollChanges();

  const PageCache& cache() const { return cache_; }

 private:
  HttpReply Page(const HttpRequest& request, const std::string& path, int page);
  HttpReply Asset(const HttpRequest& request, const std::string& path);
  HttpReply MediaFile(const HttpRequest& request, const std::string& path);
  // In comment_routes.cc: POST /comments, /comments/ID/report,
  // /api/comment-token and /api/comment-status.
  HttpReply CommentRoute(const HttpRequest& request, const std::string& path, std::string_view query);
  HttpReply CommentPage(const CommentPageData& data);
  // In search_routes.cc: /search, /api/search and /api/suggest.
  HttpReply SearchPage(std::string_view query);
  HttpReply SearchApi(std::string_view query);
  HttpReply SuggestApi(std::string_view query);
  CachedPage RenderPage(const std::string& path, int page);

  Store& store_;
  const Theme& theme_;
  PageRenderer renderer_;
  PageCache cache_;
  Clock clock_;
  std::string media_dir_;
  RelatedRefresher related_;  // Before admin_, which notifies it.
  CommentService comments_;
  AdminHandler admin_;
  VocabularyCache vocabulary_;  // For "هل تقصد"; dropped on every write.
  std::mutex poll_mu_;
  int64_t last_change_ = 0;
};

}  // namespace qalam
