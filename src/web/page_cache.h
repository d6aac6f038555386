// PageCache: rendered pages in memory, bounded by bytes (least recently used
// go first). Each entry carries the change keys it was built from; a write
// purges exactly the entries naming one of its keys. Concurrent misses for
// one page render it once: the others wait for that render.
// Besides the purge, a soft one (ExpireBy): for what a page shows beside its
// own content and may show late (the breaking ticker, which reaches open
// pages live; the most-read list), entries naming a key are rendered anew
// once a time has come, and while that one render runs every other reader
// is answered the page as it was, without waiting.
#pragma once
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace qalam {

struct CachedPage {
  int status = 200;
  std::shared_ptr<const std::string> body;
  std::shared_ptr<const std::string> gzip_body;  // Null when gzip does not help.
  std::string etag;                               // Quoted, e.g. "\"9a3f…\"".
  std::string content_type;                       // Empty: HTML.
  int64_t last_modified = 0;                      // UTC seconds; 0 none.
  std::set<std::string> keys;
  // The keys as a CDN is told them: Surrogate-Key (space-separated, Fastly,
  // Varnish) and Cache-Tag (comma-separated, Cloudflare).
  std::string surrogate_keys, cache_tags;
  int64_t expires_at = 0;  // UTC seconds; 0 never.
  bool cacheable = true;   // False for pages that must not be kept (errors).
  std::string location;    // A 301's target path (an article at /page/, a page at /article/).
};

class PageCache {
 public:
  explicit PageCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The page for `key`, rendering it with `render` on a miss (or when
  // expired at `now`). Only one render per key runs at a time.
  std::shared_ptr<const CachedPage> Get(const std::string& key, int64_t now,
                                        const std::function<CachedPage()>& render);

  // Drops every entry built from any of `keys` ("global" drops all that
  // name it, which every page does).
  void Invalidate(const std::vector<std::string>& keys);
  // Soft purge: every entry built from any of `keys`, and any being
  // rendered now, is kept and served until `at` (UTC seconds), then
  // rendered anew on its next request while the others get it as it was.
  // An entry already due earlier keeps its earlier time.
  void ExpireBy(const std::vector<std::string>& keys, int64_t at);
  void Clear();

  struct Stats {
    uint64_t hits = 0, misses = 0, renders = 0, evictions = 0, purges = 0;
    uint64_t stale = 0;  // Answered as it was while its soft-purged page was rendered anew.
    size_t entries = 0, bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::shared_ptr<const CachedPage> page;
    std::list<std::string>::iterator lru;
    size_t bytes = 0;
    uint64_t generation = 0;
    int64_t refresh_at = 0;  // Soft-purged: rendered anew from then on; 0 never.
  };
  struct Flight;
  // The latest soft purge of a key: its sequence number and time.
  struct SoftPurge {
    uint64_t seq = 0;
    int64_t at = 0;
  };
  void Insert(const std::string& key, std::shared_ptr<const CachedPage> page, uint64_t generation,
              uint64_t soft_seq);
  void EraseLocked(std::unordered_map<std::string, Entry>::iterator it);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> lru_;  // Front is most recent.
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  // Raised by every invalidation: a render that started before one may have
  // read old data, so its result is returned but not kept.
  uint64_t generation_ = 0;
  // Soft purges by key; a render started before one of its keys' was
  // soft-purged is kept with that purge's time (soft_seq_ when it began).
  std::unordered_map<std::string, SoftPurge> soft_purges_;
  uint64_t soft_seq_ = 0;
  size_t bytes_ = 0;
  mutable Stats stats_;
};

}  // namespace qalam
