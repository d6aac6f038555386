// Makes the variants of imported images in the background of `qalam serve`
// (MediaLibrary::AddForLater), one image at a time on one thread of lower
// CPU priority, so that readers' requests come first. It looks for waiting
// images when it starts, when woken, and every `poll` otherwise (another
// process, such as `qalam import`, may have added some). A reader asking
// for a variant before the worker reaches it does not wait for the worker:
// MediaLibrary::EnsureFile makes that image at once.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "services/media_library.h"

namespace qalam {

class MediaWorker {
 public:
  explicit MediaWorker(MediaLibrary& media, std::chrono::milliseconds poll = std::chrono::seconds(10));
  ~MediaWorker();  // Finishes the image under way, then stops.
  MediaWorker(const MediaWorker&) = delete;
  MediaWorker& operator=(const MediaWorker&) = delete;

  // Look for waiting images now.
  void Wake();
  // Images whose variants this worker has made (for tests and the log).
  int64_t made() const;

 private:
  void Run();

  MediaLibrary& media_;
  const std::chrono::milliseconds poll_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = true;
  bool stopping_ = false;
  int64_t made_ = 0;
  std::thread thread_;
};

}  // namespace qalam
