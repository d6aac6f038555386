// core/parallel.h: every index once, progress from the calling thread.
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace qalam {
namespace {

TEST(ParallelFor, CallsEveryIndexOnceAndTicksFromTheCaller) {
  std::vector<std::atomic<int>> calls(500);
  std::mutex mu;
  std::set<std::thread::id> workers;
  std::vector<size_t> ticks;
  const std::thread::id caller = std::this_thread::get_id();
  bool ticked_elsewhere = false;
  ParallelFor(
      calls.size(), 4,
      [&](size_t i) {
        ++calls[i];
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        std::lock_guard lock(mu);
        workers.insert(std::this_thread::get_id());
      },
      [&](size_t done) {
        ticked_elsewhere = ticked_elsewhere || std::this_thread::get_id() != caller;
        ticks.push_back(done);
      },
      std::chrono::milliseconds(5));
  for (size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i].load(), 1) << i;
  EXPECT_LE(workers.size(), 4u);
  EXPECT_FALSE(ticked_elsewhere);
  ASSERT_FALSE(ticks.empty());
  EXPECT_EQ(ticks.back(), calls.size()) << "the last tick says all are done";
  for (size_t k = 1; k < ticks.size(); ++k) EXPECT_LE(ticks[k - 1], ticks[k]);
}

TEST(ParallelFor, NothingToDoAndNoTickAreFine) {
  int calls = 0;
  ParallelFor(0, 8, [&](size_t) { ++calls; }, nullptr, std::chrono::milliseconds(1));
  EXPECT_EQ(calls, 0);
  // Zero threads asked: still one.
  ParallelFor(3, 0, [&](size_t) { ++calls; }, nullptr, std::chrono::milliseconds(1));
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace qalam
