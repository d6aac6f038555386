// Readers' views of articles, counted in memory and added to the store in
// hourly buckets by a thread of its own (migration 24, article_views).
//
// Privacy: a view is taken without a cookie, and nothing that identifies a
// reader is stored or logged. To count a reader once per article and day,
// the counter keeps a 64-bit keyed hash (SipHash-2-4, libsodium's
// crypto_shorthash) of (client address, user agent, article id) under a
// random key made in memory when each UTC day begins and never written
// anywhere; at the next day both the key and the hashes are dropped, so
// no hash can be linked to another day's or to an address afterwards.
//
// Memory: at most `max_readers` hashes a day (kMaxReaders, 1,048,576:
// about 40 MB in a std::unordered_set). Past that, views are still
// counted but no longer de-duplicated until the day ends (an over-count
// rather than lost views), and the operator's log says so once a day.
// Pending counts are bounded by kMaxPending (article, hour) pairs between
// flushes; past that, views of new pairs wait for the next flush's room
// and are dropped (logged once).
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

class ViewCounter {
 public:
  static constexpr size_t kMaxReaders = size_t{1} << 20;
  static constexpr size_t kMaxPending = 100000;
  static constexpr size_t kMaxKnownArticles = 200000;

  // `flush_every` > 0 starts the flushing thread: the store's single writer
  // may be held by an import's batch for a while, and a flush waiting for
  // it must hold back neither a request nor the server's tick (which purges
  // pages). 0: no thread; the caller calls Flush (tests).
  explicit ViewCounter(Store& store, std::chrono::milliseconds flush_every = std::chrono::seconds(5),
                       size_t max_readers = kMaxReaders);
  ~ViewCounter();  // Stops the thread, then flushes what is pending.
  ViewCounter(const ViewCounter&) = delete;
  ViewCounter& operator=(const ViewCounter&) = delete;

  enum class Result {
    kCounted,
    kRepeat,   // This reader's view of this article was counted today already.
    kBot,      // The user agent is a program's (services/bot_agents.h).
    kUnknown,  // No such article (or a static page): nothing to count.
  };
  // Takes one view at `now` (UTC seconds) on the request path: a read of the
  // article's existence the first time it is viewed in a day, never a write.
  // `reader` is the client's address; neither it nor `user_agent` is kept.
  Result Record(Id article_id, std::string_view reader, std::string_view user_agent, int64_t now);

  // Adds the pending counts to the store in one transaction; on failure
  // they stay pending for the next flush.
  Status Flush();
  // Views taken and not yet flushed (tests, the operator's figures).
  int64_t pending_views() const;

 private:
  void Run();
  void StartDay(int64_t day);  // With mu_ held.

  Store& store_;
  const std::chrono::milliseconds flush_every_;
  const size_t max_readers_;
  mutable std::mutex mu_;
  int64_t day_ = -1;  // UTC day (now / 86400) of key_ and seen_.
  unsigned char key_[16] = {};
  std::unordered_set<uint64_t> seen_;
  std::unordered_set<Id> known_;  // Articles seen to exist today.
  bool warned_full_ = false, warned_pending_ = false;
  std::map<std::pair<Id, int64_t>, int64_t> pending_;  // (article, hour) → views.
  std::mutex flush_mu_;  // One flush at a time.
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace qalam
