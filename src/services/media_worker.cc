#include "services/media_worker.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

namespace qalam {

MediaWorker::MediaWorker(MediaLibrary& media, std::chrono::milliseconds poll)
    : media_(media), poll_(poll), thread_([this] { Run(); }) {}

MediaWorker::~MediaWorker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void MediaWorker::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

int64_t MediaWorker::made() const {
  std::lock_guard lock(mu_);
  return made_;
}

void MediaWorker::Run() {
  if (media_.dir().empty()) return;
  // Below the request threads: on Linux a thread's nice value is its own.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  std::unique_lock lock(mu_);
  int64_t backlog_logged = 0;
  while (!stopping_) {
    cv_.wait_for(lock, poll_, [this] { return woken_ || stopping_; });
    woken_ = false;
    while (!stopping_) {
      lock.unlock();
      std::vector<PendingMedia> batch;
      Status st = media_.ListWaiting(16, &batch);
      if (!st.ok()) spdlog::warn("media worker: {}", st.message());
      bool progress = false;
      for (const PendingMedia& p : batch) {
        {
          std::lock_guard check(mu_);
          if (stopping_) break;
        }
        st = media_.MakePending(p);
        if (st.ok()) {
          progress = true;
          std::lock_guard count(mu_);
          ++made_;
        } else if (st.IsInvalid()) {
          progress = true;  // Marked failed: not listed again.
        } else {
          spdlog::warn("media worker: image {}: {}", p.media_id, st.message());
        }
      }
      lock.lock();
      if (batch.empty() || !progress) break;  // Nothing left, or only errors: wait for the next poll.
      if (made_ - backlog_logged >= 100) {
        spdlog::info("media worker: variants made for {} images", made_);
        backlog_logged = made_;
      }
    }
  }
}

}  // namespace qalam
