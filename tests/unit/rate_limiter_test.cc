// The Content API's per-address token bucket (web/rate_limiter.h).
#include <gtest/gtest.h>

#include <thread>

#include "web/rate_limiter.h"

namespace qalam {
namespace {

TEST(RateLimiter, ABurstThenRefusedWithARetryTimePerAddress) {
  RateLimiter limiter(3, 1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("10.0.0.1")) << i;
  int retry = 0;
  EXPECT_FALSE(limiter.Take("10.0.0.1", &retry));
  EXPECT_GE(retry, 1);
  EXPECT_TRUE(limiter.Take("10.0.0.2")) << "another address has its own bucket";
}

TEST(RateLimiter, TokensComeBackAtTheRate) {
  RateLimiter limiter(1, 20);  // One every 50 ms.
  EXPECT_TRUE(limiter.Take("a"));
  EXPECT_FALSE(limiter.Take("a"));
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  EXPECT_TRUE(limiter.Take("a"));
  EXPECT_FALSE(limiter.Take("a")) << "the bucket holds no more than its burst";
}

}  // namespace
}  // namespace qalam
