// Test helpers: a temporary site, the real `qalam` binary run as a child
// process (commands and a server on a free port), and a small HTTP client.
#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace qalam::testing {

// The qalam binary (QALAM_BIN) and the shared data directory (QALAM_SHARED).
std::string QalamBin();
std::string SharedDir();

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};
// Runs `qalam ARGS…` to completion.
CommandResult RunQalam(const std::vector<std::string>& args, const std::string& stdin_text = "");

// `qalam serve` on 127.0.0.1 with a free port; stopped with SIGTERM.
class ServerProcess {
 public:
  ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits; returns the exit status (-1 if it had to be killed).
  int Stop();
  // Waits (up to 5 s) for an exit already asked for; the exit status or -1.
  int Wait();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int err_fd_ = -1;
};

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // Lower-case names.
  std::string body;
  bool ok = false;  // False when the connection failed.
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request on a new connection. `extra` adds request headers.
HttpResult Http(int port, const std::string& method, const std::string& target,
                const std::map<std::string, std::string>& extra = {});
HttpResult Get(int port, const std::string& target, const std::map<std::string, std::string>& extra = {});

// Percent-encodes a path segment (Arabic slugs).
std::string Encode(const std::string& s);
std::string GunzipForTest(const std::string& gz);
// Writes text to a file.
void WriteFile(const std::string& path, const std::string& text);

}  // namespace qalam::testing
