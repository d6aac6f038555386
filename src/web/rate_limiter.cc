#include "web/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace qalam {

bool RateLimiter::Take(const std::string& address, int* retry_after) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  auto refill = [&](Bucket& b) {
    const double seconds = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min(burst_, b.tokens + seconds * per_second_);
    b.at = now;
  };
  if (now - last_sweep_ > std::chrono::seconds(60)) {
    last_sweep_ = now;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, created] = buckets_.try_emplace(address, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!created) refill(b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  if (retry_after) *retry_after = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_second_)));
  return false;
}

}  // namespace qalam
