// Keeps automatic related articles current after desk changes without
// making a save wait for them: MarkDirty() returns at once, and a
// background thread runs RefreshAutoRelated once the changes settle (a
// burst of saves costs one refresh). The importer refreshes synchronously.
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/store.h"

namespace qalam {

class RelatedRefresher {
 public:
  explicit RelatedRefresher(Store& store,
                            std::chrono::milliseconds settle = std::chrono::milliseconds(1500));
  ~RelatedRefresher();  // Finishes a refresh under way, then stops.
  RelatedRefresher(const RelatedRefresher&) = delete;
  RelatedRefresher& operator=(const RelatedRefresher&) = delete;

  // Published articles changed: refresh soon.
  void MarkDirty();
  // Refreshes completed so far (for tests).
  int refreshes() const;

 private:
  void Run();

  Store& store_;
  const std::chrono::milliseconds settle_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool dirty_ = false;
  bool stopping_ = false;
  int refreshes_ = 0;
  std::thread thread_;
};

}  // namespace qalam
