// `qalam import` of a WordPress export: the progress bar, the report and
// the exit status (services/wordpress_import.h does the work).
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string_view>

#include "cli/commands.h"
#include "core/files.h"
#include "services/article_text.h"
#include "services/media_library.h"
#include "services/wordpress_import.h"
#include "store/open_store.h"

namespace qalam::cli {
namespace {

// A progress bar on a terminal (redrawn in place on stderr, at most ten
// times a second), plain lines elsewhere (one every 10%).
class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(::isatty(STDERR_FILENO) == 1) {}

  void operator()(const WordPressProgress& p) {
    // How far the phase is: the images made, or the file read.
    const bool images = std::string_view(p.phase) == "images";
    const int percent = images ? (p.images_total ? static_cast<int>(100 * p.images_done / p.images_total) : 0)
                               : (p.bytes_total ? static_cast<int>(100 * p.bytes_done / p.bytes_total) : 0);
    const auto now = std::chrono::steady_clock::now();
    std::ostringstream line;
    line << p.phase << " " << std::setw(3) << percent << "%  posts " << p.posts_done << "/"
         << p.posts_total << "  comments " << p.comments_done << "/" << p.comments_total
         << "  images " << p.images_done << "/" << p.images_total;
    if (tty_) {
      if (now - last_ < std::chrono::milliseconds(100) && percent != 100) return;
      last_ = now;
      constexpr int kWidth = 24;
      const int filled = percent * kWidth / 100;
      std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
                << line.str() << "\x1b[K" << std::flush;
      drawn_ = true;
    } else {
      const std::string phase = p.phase;
      if (phase != phase_) {
        phase_ = phase;
        step_ = -1;
      }
      if (percent / 10 == step_) return;
      step_ = percent / 10;
      std::cerr << line.str() << "\n";
    }
  }
  void Done() {
    if (tty_ && drawn_) std::cerr << "\n";
  }

 private:
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
  std::string phase_;
  int step_ = -1;
};

void PrintCounts(const char* what, const WordPressReport::Counts& c, bool dry_run) {
  std::cout << "  " << std::left << std::setw(10) << what << std::right << c.created
            << (dry_run ? " to create, " : " created, ") << c.updated
            << (dry_run ? " to update, " : " updated, ") << c.unchanged << " unchanged\n";
}

}  // namespace

int ImportWordPressExport(const std::string& data_dir, const std::string& file,
                          const WordPressImportCliOptions& cli) {
  std::unique_ptr<Store> store;
  if (Status st = OpenStore(data_dir, StoreOptions{}, &store); !st.ok()) {
    std::cerr << "qalam: " << st.message() << "\n";
    return 1;
  }
  if (!cli.media_dir.empty() && !std::filesystem::is_directory(cli.media_dir)) {
    std::cerr << "qalam: --media-dir " << cli.media_dir << " is not a directory\n";
    return 2;
  }
  WordPressImportOptions options;
  if (!cli.users_file.empty()) {
    std::string text;
    if (!ReadWholeFile(cli.users_file, &text)) {
      std::cerr << "qalam: cannot read " << cli.users_file << ": " << std::strerror(errno) << "\n";
      return 2;
    }
    if (Status st = wp::ParseUsersCsv(text, &options.users); !st.ok()) {
      std::cerr << cli.users_file << ":" << st.message() << "\nqalam: nothing was imported\n";
      return 3;
    }
  }
  const std::string media_dir = (std::filesystem::path(data_dir) / "media").string();
  MediaLibrary media(*store, media_dir);
  options.media_dir = cli.media_dir;
  options.dry_run = cli.dry_run;
  options.now = static_cast<int64_t>(std::time(nullptr));
  if (cli.fetch_media) options.fetch = FetchImage;
  ProgressPrinter printer;
  options.progress = [&](const WordPressProgress& p) { printer(p); };

  const auto started = std::chrono::steady_clock::now();
  WordPressReport report;
  Status st = ImportWordPress(*store, &media, file, options, &report);
  printer.Done();
  if (!st.ok()) {
    if (st.IsInvalid()) {
      std::cerr << file << ":" << st.message() << "\nqalam: nothing was imported\n";
      return 3;
    }
    std::cerr << "qalam: import stopped: " << st.message()
              << "\nqalam: what was saved is kept; run the same command again to finish\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << (cli.dry_run ? "dry run (nothing written) of " : "imported ") << file
            << ": WordPress site " << report.origin << " (WXR " << report.wxr_version << ", "
            << std::fixed << std::setprecision(1) << seconds << " s)\n";
  PrintCounts("articles", report.articles, cli.dry_run);
  PrintCounts("pages", report.pages, cli.dry_run);
  PrintCounts("comments", report.comments, cli.dry_run);
  PrintCounts("images", report.images, cli.dry_run);
  PrintCounts("accounts", report.accounts, cli.dry_run);
  std::cout << "  old addresses: " << report.addresses << " (each answers 301 on its content here)\n";
  std::cout << "mapped:\n";
  for (const auto& [line, n] : report.mapped) std::cout << "  " << line << ": " << n << "\n";
  std::cout << "problems: " << report.problems.size() << "\n";
  for (const WordPressProblem& p : report.problems) {
    std::cout << "  ";
    if (!p.kind.empty()) std::cout << p.kind << (p.wp_id ? " " + std::to_string(p.wp_id) : "") << ": ";
    std::cout << p.message << "\n";
  }
  std::vector<PendingMedia> waiting;
  if (!cli.dry_run && media.ListWaiting(INT64_MAX, &waiting).ok() && !waiting.empty()) {
    std::cout << "The sizes of " << waiting.size() << " images are still to be made: `qalam serve` makes them "
              << "in the background (any one a reader asks for first, at once), or run `qalam media variants "
              << "--data " << data_dir << "` now.\n";
  }
  if (report.accounts.created > 0 && !cli.dry_run) {
    std::cout << "The new desk accounts are disabled writers: an admin enables each on the desk "
                 "(/admin/users), sets its role and sends its one-time link.\n";
  }
  return 0;
}

}  // namespace qalam::cli
