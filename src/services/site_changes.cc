#include "services/site_changes.h"

#include <spdlog/spdlog.h>

#include <set>
#include <utility>

#include "core/change_keys.h"

namespace qalam {

SiteChanges::SiteChanges(Store& store, CommentService& comments, SearchService& search,
                         std::function<void()> published_changed)
    : store_(store), comments_(comments), search_(search), published_changed_(std::move(published_changed)) {}

Status SiteChanges::Start() {
  std::lock_guard lock(mu_);
  return store_.LastChangeId(&last_change_);
}

int64_t SiteChanges::last_change() const {
  std::lock_guard lock(mu_);
  return last_change_;
}

Status SiteChanges::Poll(int64_t now, std::vector<std::string>* page_keys) {
  std::lock_guard lock(mu_);
  page_keys->clear();
  std::vector<Id> published;
  std::set<std::string> scheduled_changes;
  Status due = store_.PublishDue(now, &published, &scheduled_changes);
  if (!due.ok()) spdlog::warn("cannot publish scheduled articles: {}", due.message());
  for (Id id : published) spdlog::info("published scheduled article {}", id);
  if (!published.empty() && published_changed_) published_changed_();
  // An item's start or end whose time came is told as a breaking change
  // (once, by whichever server sees it first), so open pages get it.
  bool breaking_changed = false;
  if (Status st = store_.BreakingDue(now, &breaking_changed); !st.ok()) {
    spdlog::warn("cannot announce breaking items' times: {}", st.message());
  }
  std::vector<std::string> keys;
  int64_t last = last_change_;
  Status st = store_.ReadChanges(last_change_, &keys, &last);
  if (!st.ok()) return st;
  last_change_ = last;
  for (std::string& k : keys) {
    if (k == keys::kModerationTerms) {
      comments_.ReloadTerms();
    } else if (k == keys::kModerationModel) {
      comments_.ReloadModel();
    } else {
      page_keys->push_back(std::move(k));
    }
  }
  if (!page_keys->empty()) search_.Invalidate();
  return Status::Ok();
}

}  // namespace qalam
