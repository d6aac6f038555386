#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace qalam {

void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& body,
                 const std::function<void(size_t done)>& tick, std::chrono::milliseconds every) {
  std::atomic<size_t> next{0}, done{0};
  const size_t n = std::max<size_t>(1, std::min<size_t>(threads, count));
  std::vector<std::thread> pool;
  for (size_t t = 0; t < n; ++t) {
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < count;) {
        body(i);
        ++done;
      }
    });
  }
  while (done < count) {
    if (tick) tick(done);
    std::this_thread::sleep_for(every);
  }
  for (std::thread& t : pool) t.join();
  if (tick) tick(done);
}

}  // namespace qalam
