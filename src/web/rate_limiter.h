// A token bucket per client address: `burst` requests at once, refilled at
// `per_second`. Time is the monotonic clock's, not the site's (a test's
// injected site clock may stand still). Thread-safe; buckets that are full
// again are forgotten, so memory follows the clients of the last moments.
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace qalam {

class RateLimiter {
 public:
  RateLimiter(double burst, double per_second) : burst_(burst), per_second_(per_second) {}

  // Takes a token for `address`; false when its bucket is empty, with
  // *retry_after (optional) the whole seconds until a token is back.
  bool Take(const std::string& address, int* retry_after = nullptr);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point at;
  };
  const double burst_, per_second_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::chrono::steady_clock::time_point last_sweep_{};
};

}  // namespace qalam
