#include "services/view_counter.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <string>

#include "services/bot_agents.h"

namespace qalam {

static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_shorthash_BYTES == 8);

ViewCounter::ViewCounter(Store& store, std::chrono::milliseconds flush_every, size_t max_readers)
    : store_(store), flush_every_(flush_every), max_readers_(max_readers) {
  if (sodium_init() < 0) spdlog::error("libsodium failed to start: views are not counted");
  if (flush_every_.count() > 0) thread_ = std::thread([this] { Run(); });
}

ViewCounter::~ViewCounter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (Status st = Flush(); !st.ok()) {
    spdlog::warn("views not saved at shutdown ({} lost): {}", pending_views(), st.message());
  }
}

void ViewCounter::StartDay(int64_t day) {
  day_ = day;
  crypto_shorthash_keygen(key_);
  seen_.clear();
  seen_.rehash(0);
  known_.clear();
  warned_full_ = false;
}

ViewCounter::Result ViewCounter::Record(Id article_id, std::string_view reader, std::string_view user_agent,
                                        int64_t now) {
  if (IsBotAgent(user_agent)) return Result::kBot;
  if (article_id <= 0) return Result::kUnknown;
  const int64_t day = now / 86400;
  bool known;
  bool remember = false;  // Found by the read below: known for the rest of the day.
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (day != day_) StartDay(day);
    known = known_.count(article_id) > 0;
  }
  if (!known) {
    // The first view of an article in a day reads whether it exists (a
    // summary is an article's, never a page's); unknown ids cost a read
    // each and are never remembered. A failed read counts the view (the
    // flush skips an id that is no article) rather than lose it.
    std::vector<ArticleSummary> found;
    Status st = store_.GetArticleSummaries({article_id}, &found);
    if (st.ok() && found.empty()) return Result::kUnknown;
    remember = st.ok();
  }
  std::string message;
  message.reserve(reader.size() + user_agent.size() + 24);
  message.append(reader).push_back('\0');
  message.append(user_agent).push_back('\0');
  message += std::to_string(article_id);
  uint64_t hash = 0;
  unsigned char out[crypto_shorthash_BYTES];
  std::lock_guard<std::mutex> lock(mu_);
  if (day != day_) StartDay(day);
  if (remember && known_.size() < kMaxKnownArticles) known_.insert(article_id);
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key_);
  std::memcpy(&hash, out, sizeof hash);
  if (seen_.count(hash)) return Result::kRepeat;
  if (seen_.size() < max_readers_) {
    seen_.insert(hash);
  } else if (!warned_full_) {
    warned_full_ = true;
    spdlog::warn("views: {} readers today, the most remembered; further views are counted without de-duplication "
                 "until the day ends",
                 max_readers_);
  }
  const auto bucket = std::make_pair(article_id, now - now % 3600);
  auto it = pending_.find(bucket);
  if (it == pending_.end()) {
    if (pending_.size() >= kMaxPending) {
      if (!warned_pending_) {
        warned_pending_ = true;
        spdlog::warn("views: {} articles and hours wait to be saved; views of others are dropped until the next "
                     "flush",
                     kMaxPending);
      }
      return Result::kCounted;
    }
    it = pending_.emplace(bucket, 0).first;
  }
  ++it->second;
  return Result::kCounted;
}

Status ViewCounter::Flush() {
  std::lock_guard<std::mutex> flushing(flush_mu_);
  std::map<std::pair<Id, int64_t>, int64_t> taken;
  {
    std::lock_guard<std::mutex> lock(mu_);
    taken.swap(pending_);
    warned_pending_ = false;
  }
  if (taken.empty()) return Status::Ok();
  std::vector<ArticleViewsAdd> adds;
  adds.reserve(taken.size());
  for (const auto& [bucket, views] : taken) adds.push_back({bucket.first, bucket.second, views});
  Status st = store_.AddArticleViews(adds);
  if (!st.ok()) {
    // Kept for the next flush: added to what came in meanwhile.
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [bucket, views] : taken) pending_[bucket] += views;
  }
  return st;
}

int64_t ViewCounter::pending_views() const {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t n = 0;
  for (const auto& [bucket, views] : pending_) n += views;
  return n;
}

void ViewCounter::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, flush_every_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    if (Status st = Flush(); !st.ok()) spdlog::warn("views not saved yet (kept for the next try): {}", st.message());
    lock.lock();
  }
}

}  // namespace qalam
