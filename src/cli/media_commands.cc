// `qalam media variants`: the sizes of imported images made now, instead of
// in the background of `qalam serve` (services/media_library.h).
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "media/image.h"
#include "services/media_library.h"
#include "store/open_store.h"

namespace qalam::cli {

Status MakeWaitingMedia(Store& store, const std::string& data_dir, int threads, bool show_progress) {
  if (Status st = InitImageLibrary("qalam"); !st.ok()) return st;
  MediaLibrary media(store, (std::filesystem::path(data_dir) / "media").string());
  std::vector<PendingMedia> waiting;
  if (Status st = media.ListWaiting(INT64_MAX, &waiting); !st.ok()) return st;
  if (waiting.empty()) return Status::Ok();
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  int last_step = -1;
  auto progress = [&](int64_t done, int64_t total) {
    if (!show_progress || total == 0) return;
    const int percent = static_cast<int>(100 * done / total);
    if (tty) {
      std::cerr << "\rimage sizes " << std::setw(3) << percent << "%  " << done << "/" << total << std::flush;
    } else if (percent / 10 != last_step) {
      last_step = percent / 10;
      std::cerr << "image sizes " << percent << "%  " << done << "/" << total << "\n";
    }
  };
  const auto started = std::chrono::steady_clock::now();
  int64_t made = 0, failed = 0;
  Status st = media.MakeAllPending(threads, progress, &made, &failed);
  if (show_progress && tty) std::cerr << "\n";
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "image sizes made for " << made << " images (" << std::fixed << std::setprecision(1) << seconds
            << " s)" << (failed ? "; " + std::to_string(failed) + " could not be made" : "") << "\n";
  std::vector<PendingMedia> bad;
  if (media.ListFailed(INT64_MAX, &bad).ok()) {
    for (const PendingMedia& p : bad) {
      std::cerr << "  image " << p.media_id << ": " << p.failure
                << " (its pages show no image; replace it on the desk)\n";
    }
  }
  return st;
}

int MediaVariants(const std::string& data_dir, int threads) {
  std::unique_ptr<Store> store;
  if (Status st = OpenStore(data_dir, StoreOptions{}, &store); !st.ok()) {
    std::cerr << "qalam: " << st.message() << "\n";
    return 1;
  }
  if (Status st = MakeWaitingMedia(*store, data_dir, threads, true); !st.ok()) {
    std::cerr << "qalam: image sizes stopped: " << st.message() << "\nqalam: run the same command again to finish\n";
    return 1;
  }
  return 0;
}

}  // namespace qalam::cli
