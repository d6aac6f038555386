#include "core/clock.h"

#include <ctime>

namespace qalam {

Clock SystemClock() {
  return [] { return static_cast<int64_t>(std::time(nullptr)); };
}

}  // namespace qalam
