// The clock, injected: every layer that needs the time takes one, so that
// tests can set it and nothing below the command line reads the wall clock
// on its own.
#pragma once
#include <cstdint>
#include <functional>

namespace qalam {

// UTC seconds.
using Clock = std::function<int64_t()>;

// The wall clock.
Clock SystemClock();

}  // namespace qalam
