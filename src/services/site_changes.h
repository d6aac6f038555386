// What changed on the site since this server last looked, whoever wrote
// it (this process, `qalam import` in another, another server sharing the
// database). Poll, run by the server's 250 ms tick, first publishes the
// scheduled articles whose time has come (whichever server gets there
// first: each goes live once) and records a breaking change for each
// breaking item's start or end whose time has come (Store::BreakingDue:
// told once), then reads the change keys written since
// the last poll and acts on those that name no page: the term lists and
// the classifier are reloaded (moderation:terms, moderation:model), the
// search vocabulary is dropped after any write to pages, and published
// articles changing asks for a related-articles refresh. The keys that
// name pages go back to the caller, which purges its cache.
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "services/comments.h"
#include "services/search.h"
#include "store/store.h"

namespace qalam {

class SiteChanges {
 public:
  // `published_changed` is called when scheduled articles went live.
  SiteChanges(Store& store, CommentService& comments, SearchService& search,
              std::function<void()> published_changed = {});

  // Starts reading after the newest change written so far.
  Status Start();
  // Thread-safe; one poll at a time. *page_keys: the keys naming pages
  // that changed since the last poll. A failure to publish is logged and
  // the keys are read all the same; a failure to read them is returned.
  Status Poll(int64_t now, std::vector<std::string>* page_keys);
  // The newest change read so far (by Start or Poll): what the keys of the
  // last poll are as of.
  int64_t last_change() const;

 private:
  Store& store_;
  CommentService& comments_;
  SearchService& search_;
  std::function<void()> published_changed_;
  mutable std::mutex mu_;
  int64_t last_change_ = 0;
};

}  // namespace qalam
