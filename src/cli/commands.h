// The `qalam` subcommands. Each returns the process exit code: 0 success,
// 1 failure (message on stderr), 2 bad usage.
#pragma once
#include <string>
#include <vector>

#include "core/status.h"

namespace qalam {
class Store;
}  // namespace qalam

namespace qalam::cli {

int Init(const std::string& data_dir);
// `qalam import`'s options for a WordPress export.
struct WordPressImportCliOptions {
  std::string media_dir;
  std::string users_file;  // --users: WP-CLI's CSV of users (roles, bios).
  bool fetch_media = false;
  bool dry_run = false;
};
// A JSON lines file, or a WordPress export (told apart by its content):
// The whole site written to FILE (- for standard output) as JSON lines
// ("jsonl", lossless) or a WordPress export ("wxr"); services/site_export.h.
// A summary line on stderr. Exit 2 for an unknown format, 1 on failure.
int Export(const std::string& data_dir, const std::string& format, bool comments,
           const std::string& file);

// wordpress_commands.cc for the latter.
int Import(const std::string& data_dir, const std::string& file, bool strict,
           const WordPressImportCliOptions& wordpress);

// wordpress_commands.cc
// Exit status 3 for a file that is not a readable WordPress export (nothing
// written), 1 when the store fails (what was saved is kept; a re-run
// finishes), 0 otherwise.
int ImportWordPressExport(const std::string& data_dir, const std::string& file,
                          const WordPressImportCliOptions& options);
// fetch.cc: an image by its http(s) address (redirects followed).
Status FetchImage(const std::string& url, std::string* bytes);
// `qalam breaking add`'s options, as typed ("" when not given).
struct BreakingAddOptions {
  std::string link, until, starts;
  std::string article;  // An article's id.
  bool urgent = false;
};
int BreakingAdd(const std::string& data_dir, const std::string& text, const BreakingAddOptions& options);
int BreakingList(const std::string& data_dir, bool all);
int BreakingRemove(const std::string& data_dir, long long id);
int SettingsCommand(const std::string& data_dir, const std::string& key, const std::string& value,
             bool set);

// backup_commands.cc: services/site_backup.h. Restore refuses while a
// server answers at the address DIR/server-address names.
int Backup(const std::string& data_dir, const std::string& file);
int Restore(const std::string& data_dir, const std::string& file, bool force);

int UserAdd(const std::string& data_dir, const std::string& role, const std::string& email,
            const std::string& name);
// Ends every lock-out of an account (services/accounts UnlockSignIn).
int UserUnlock(const std::string& data_dir, const std::string& email);
int SearchReindex(const std::string& data_dir);
// media_commands.cc: makes the variants of every image still waiting for
// them (imported with MediaLibrary::AddForLater) on `threads` threads (0:
// one per core), with progress on stderr; lists those that cannot be made.
// Exit 1 when the store or the disc fails, else 0.
int MediaVariants(const std::string& data_dir, int threads);
// The same for the commands that need every image's files (export); a
// summary on stderr when there were any.
Status MakeWaitingMedia(Store& store, const std::string& data_dir, int threads, bool show_progress);

// moderation_commands.cc
std::string ModelPath(const std::string& data_dir);  // DIR/moderation/model.bin
int ModerationScore(const std::string& data_dir);
// threads 0: one per core; folds: models trained on parts of the data to
// choose the thresholds (moderation/site_model.h).
int ModerationTrain(const std::string& data_dir, const std::vector<std::string>& files, bool force,
                    int threads, int folds);
// verb: list, add (text, action, category) or remove (id).
int ModerationTerms(const std::string& data_dir, const std::string& verb, const std::string& text,
                    const std::string& action, const std::string& category, long long id);
int SearchQuery(const std::string& data_dir, const std::string& query, int limit);

struct ServeOptions {
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  std::string theme_dir;
  std::string access_log = "-";
  int threads = 0;
  int io_threads = 0;
  int idle_timeout = 30;
  int header_timeout = 10;
  int body_timeout = 60;
  int max_connections = 10000;
  int max_connections_per_address = 100;  // 0: no limit (behind a proxy).
  int live_heartbeat = 15;  // Seconds between heartbeats on /live streams.
  // For tests: the current time is read from this file (UTC seconds) when
  // it holds a number, so that scheduling can be tested without waiting.
  std::string clock_file;
};
int Serve(const ServeOptions& options);

}  // namespace qalam::cli
