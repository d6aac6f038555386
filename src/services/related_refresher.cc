#include "services/related_refresher.h"

#include <spdlog/spdlog.h>

#include "services/related.h"

namespace qalam {

RelatedRefresher::RelatedRefresher(Store& store, std::chrono::milliseconds settle)
    : store_(store), settle_(settle), thread_([this] { Run(); }) {}

RelatedRefresher::~RelatedRefresher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RelatedRefresher::MarkDirty() {
  {
    std::lock_guard lock(mu_);
    dirty_ = true;
  }
  cv_.notify_all();
}

int RelatedRefresher::refreshes() const {
  std::lock_guard lock(mu_);
  return refreshes_;
}

void RelatedRefresher::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return dirty_ || stopping_; });
    if (stopping_) return;
    // Let a burst of saves settle: each MarkDirty in the window restarts it.
    while (dirty_ && !stopping_) {
      dirty_ = false;
      cv_.wait_for(lock, settle_, [this] { return dirty_ || stopping_; });
    }
    if (stopping_) return;
    lock.unlock();
    size_t changed = 0;
    auto started = std::chrono::steady_clock::now();
    Status st = RefreshAutoRelated(store_, &changed);
    if (!st.ok()) {
      spdlog::warn("related articles were not refreshed: {}", st.message());
    } else {
      spdlog::info("related articles refreshed: {} lists changed in {} ms", changed,
                   std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    }
    lock.lock();
    ++refreshes_;
  }
}

}  // namespace qalam
