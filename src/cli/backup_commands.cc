// `qalam backup` and `qalam restore` (services/site_backup.h).
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/server_address.h"
#include "services/site_backup.h"
#include "store/open_store.h"

namespace qalam::cli {
namespace {

int Fail(const std::string& message) {
  std::cerr << "qalam: " << message << "\n";
  return 1;
}

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

// Whether something answers at `origin` ("http://host:port"), as a server
// that wrote DIR/server-address and still runs would.
bool Answers(const std::string& origin) {
  std::string rest = origin.substr(origin.find("://") == std::string::npos ? 0 : origin.find("://") + 3);
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = rest.substr(0, colon), port = rest.substr(colon + 1);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return false;
  bool answered = false;
  for (addrinfo* ai = found; ai && !answered; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    answered = ::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
    ::close(fd);
  }
  freeaddrinfo(found);
  return answered;
}

}  // namespace

int Backup(const std::string& data_dir, const std::string& file) {
  std::unique_ptr<Store> store;
  if (Status st = OpenStore(data_dir, StoreOptions{}, &store); !st.ok()) return Fail(st.message());
  const auto started = std::chrono::steady_clock::now();
  BackupSummary summary;
  if (Status st = BackupSite(*store, data_dir, file, Now(), &summary); !st.ok()) {
    return Fail("backup failed (nothing written to " + file + "): " + st.message());
  }
  for (const std::string& w : summary.warnings) std::cerr << "qalam: warning: " << w << "\n";
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "backed up " << data_dir << " to " << file << ": database " << summary.database_bytes << " bytes, "
            << summary.files << " files (" << summary.file_bytes << " bytes) in " << seconds << " s\n";
  return 0;
}

int Restore(const std::string& data_dir, const std::string& file, bool force) {
  if (const std::string origin = ServerAddress(data_dir); !origin.empty() && Answers(origin)) {
    return Fail("a server is running on " + data_dir + " (at " + origin + "): stop it before restoring");
  }
  RestoreOptions options;
  options.force = force;
  options.now = Now();
  RestoreSummary summary;
  if (Status st = RestoreSite(file, data_dir, options, &summary); !st.ok()) {
    return Fail("restore refused, " + data_dir + " unchanged: " + st.message());
  }
  std::cerr << "restored " << file << " (made " << summary.created_at << ") into " << data_dir << ": database "
            << summary.database_bytes << " bytes, " << summary.files << " files; integrity ok\n";
  if (!summary.replaced_dir.empty()) std::cerr << "the site that was there is kept in " << summary.replaced_dir << "\n";
  return 0;
}

}  // namespace qalam::cli
