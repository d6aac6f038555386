#include "web/page_cache.h"

#include <condition_variable>

namespace qalam {

struct PageCache::Flight {
  std::mutex mu;
  std::condition_variable done_cv;
  bool done = false;
  std::shared_ptr<const CachedPage> page;
};

std::shared_ptr<const CachedPage> PageCache::Get(const std::string& key, int64_t now,
                                                 const std::function<CachedPage()>& render) {
  std::shared_ptr<Flight> flight;
  bool leader = false;
  uint64_t generation = 0, soft_seq = 0;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      const auto& page = it->second.page;
      if (page->expires_at == 0 || page->expires_at > now) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        const int64_t refresh_at = it->second.refresh_at;
        if (refresh_at == 0 || refresh_at > now) {
          ++stats_.hits;
          return page;
        }
        // Soft-purged and due: one reader renders it anew, the others get
        // it as it was meanwhile.
        if (flights_.count(key)) {
          ++stats_.stale;
          return page;
        }
      } else {
        EraseLocked(it);
      }
    }
    ++stats_.misses;
    auto f = flights_.find(key);
    if (f == flights_.end()) {
      flight = std::make_shared<Flight>();
      flights_.emplace(key, flight);
      leader = true;
      generation = generation_;
      soft_seq = soft_seq_;
    } else {
      flight = f->second;
    }
  }
  if (!leader) {
    std::unique_lock lock(flight->mu);
    flight->done_cv.wait(lock, [&] { return flight->done; });
    return flight->page;
  }

  std::shared_ptr<const CachedPage> page;
  try {
    page = std::make_shared<const CachedPage>(render());
  } catch (...) {
    CachedPage error;
    error.status = 500;
    error.cacheable = false;
    page = std::make_shared<const CachedPage>(std::move(error));
  }
  {
    std::lock_guard lock(mu_);
    ++stats_.renders;
    // An Invalidate during the render detached this flight; a newer one may
    // have taken its place.
    auto f = flights_.find(key);
    if (f != flights_.end() && f->second == flight) flights_.erase(f);
    if (page->cacheable) {
      Insert(key, page, generation, soft_seq);
    } else if (auto old = entries_.find(key); old != entries_.end() && page->status >= 500) {
      // A soft-purged page whose render failed (the database busy, say)
      // stays, still due: served as it was, to this reader too, while the
      // next one tries again.
      page = old->second.page;
    }
  }
  {
    std::lock_guard lock(flight->mu);
    flight->page = page;
    flight->done = true;
  }
  flight->done_cv.notify_all();
  return page;
}

void PageCache::Insert(const std::string& key, std::shared_ptr<const CachedPage> page,
                       uint64_t generation, uint64_t soft_seq) {
  if (generation != generation_) return;  // Rendered from data purged since.
  // Rendered before one of its keys was soft-purged: due at that purge's time.
  int64_t refresh_at = 0;
  if (soft_seq != soft_seq_) {
    for (const std::string& k : page->keys) {
      auto p = soft_purges_.find(k);
      if (p != soft_purges_.end() && p->second.seq > soft_seq &&
          (refresh_at == 0 || p->second.at < refresh_at)) {
        refresh_at = p->second.at;
      }
    }
  }
  size_t bytes = key.size() + sizeof(Entry) + (page->body ? page->body->size() : 0) +
                 (page->gzip_body ? page->gzip_body->size() : 0);
  if (bytes > max_bytes_) return;
  auto old = entries_.find(key);
  if (old != entries_.end()) EraseLocked(old);
  lru_.push_front(key);
  entries_.emplace(key, Entry{std::move(page), lru_.begin(), bytes, generation, refresh_at});
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    EraseLocked(entries_.find(lru_.back()));
    ++stats_.evictions;
  }
}

void PageCache::EraseLocked(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

void PageCache::Invalidate(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::set<std::string> wanted(keys.begin(), keys.end());
  std::lock_guard lock(mu_);
  ++generation_;
  // Renders under way may have read the old data: readers from now on must
  // not wait for them, but start their own.
  flights_.clear();
  for (auto it = entries_.begin(); it != entries_.end();) {
    bool hit = false;
    for (const std::string& k : it->second.page->keys) {
      if (wanted.count(k)) {
        hit = true;
        break;
      }
    }
    if (hit) {
      auto next = std::next(it);
      EraseLocked(it);
      ++stats_.purges;
      it = next;
    } else {
      ++it;
    }
  }
}

void PageCache::ExpireBy(const std::vector<std::string>& keys, int64_t at) {
  if (keys.empty()) return;
  std::set<std::string> wanted(keys.begin(), keys.end());
  std::lock_guard lock(mu_);
  ++soft_seq_;
  for (const std::string& k : wanted) soft_purges_[k] = SoftPurge{soft_seq_, at};
  for (auto& [key, entry] : entries_) {
    for (const std::string& k : entry.page->keys) {
      if (wanted.count(k)) {
        if (entry.refresh_at == 0 || at < entry.refresh_at) entry.refresh_at = at;
        break;
      }
    }
  }
}

void PageCache::Clear() {
  std::lock_guard lock(mu_);
  ++generation_;
  flights_.clear();
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
}

PageCache::Stats PageCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.entries = entries_.size();
  s.bytes = bytes_;
  return s;
}

}  // namespace qalam
