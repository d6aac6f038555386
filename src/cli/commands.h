// The `qalam` subcommands. Each returns the process exit code: 0 success,
// 1 failure (message on stderr), 2 bad usage.
#pragma once
#include <string>
#include <vector>

namespace qalam::cli {

int Init(const std::string& data_dir);
int Import(const std::string& data_dir, const std::string& file, bool strict);
int BreakingAdd(const std::string& data_dir, const std::string& text, const std::string& link,
                const std::string& until);
int BreakingList(const std::string& data_dir, bool all);
int BreakingRemove(const std::string& data_dir, long long id);
int SettingsCommand(const std::string& data_dir, const std::string& key, const std::string& value,
             bool set);

int UserAdd(const std::string& data_dir, const std::string& role, const std::string& email,
            const std::string& name);
int SearchReindex(const std::string& data_dir);

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
  int idle_timeout = 30;
  int max_connections = 10000;
  // For tests: the current time is read from this file (UTC seconds) when
  // it holds a number, so that scheduling can be tested without waiting.
  std::string clock_file;
};
int Serve(const ServeOptions& options);

}  // namespace qalam::cli
