// Work spread over threads, with progress shown from the calling thread.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>

namespace qalam {

// Calls body(i) once for every i in [0, count) on `threads` threads (at
// least one, at most `count`), each taking the next index as it finishes
// one; `body` must be safe to call from several threads at once. Meanwhile
// the calling thread calls tick(done) about every `every`, and once more
// when all are done (tick may be empty), so that a progress display is
// drawn from one thread only. Returns when every call has returned.
void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& body,
                 const std::function<void(size_t done)>& tick, std::chrono::milliseconds every);

}  // namespace qalam
