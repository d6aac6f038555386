// Backups of a whole site and their restoration (`qalam backup`, `qalam
// restore`; docs/DEPLOY.md says how to schedule them).
//
// A backup is one tar file (POSIX pax; `tar tf FILE` lists it):
//   qalam.db            the database as of one moment (Store::CopyTo: the
//                       online backup API, consistent while the site serves
//                       and takes writes)
//   media/…             every file under DIR/media (variants, originals
//                       still waiting for their variants)
//   moderation/…        the site's own classifier and its card
//   qalam-backup.json   last: {"format": "qalam-backup", "version": 1,
//                       "created_at", "database_bytes", "files",
//                       "file_bytes"}; a file without it is incomplete.
// Every write acknowledged before the backup began is in it. Media files
// are content-addressed and never rewritten, so copying them after the
// database misses none it names (an original deleted meanwhile because its
// variants were made is a warning, its variants are copied).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

struct BackupSummary {
  int64_t database_bytes = 0;
  int64_t files = 0;  // Under media/ and moderation/.
  int64_t file_bytes = 0;
  std::vector<std::string> warnings;  // Files that went away while copied.
};

// Writes the backup of the site in `data_dir`, whose store is `store`, to
// `file`: first FILE.partial beside it, synced, then renamed over `file`
// (an older backup of that name is replaced only by a complete one).
Status BackupSite(Store& store, const std::string& data_dir, const std::string& file, int64_t now,
                  BackupSummary* summary);

struct RestoreOptions {
  bool force = false;  // Replace a site already in data_dir (kept aside).
  int64_t now = 0;     // Names the folder the replaced site is kept in.
};

struct RestoreSummary {
  int64_t database_bytes = 0;
  int64_t files = 0;
  std::string created_at;  // The backup's, as its manifest says.
  // Where the site that was in data_dir went (--force), else empty.
  std::string replaced_dir;
};

// Restores `file` into `data_dir`. Refuses (Conflict) to replace a site
// there without options.force. Nothing in data_dir changes until the whole
// file is read, every name in it is one a backup holds (no absolute path,
// no "..", files and folders only), it is complete (its manifest last),
// and the restored store passes Store::CheckIntegrity; with force, the
// site it replaces is moved to data_dir/.replaced-TIME, never deleted. The
// caller makes sure no server runs on data_dir.
Status RestoreSite(const std::string& file, const std::string& data_dir, const RestoreOptions& options,
                   RestoreSummary* summary);

}  // namespace qalam
