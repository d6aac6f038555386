#include "services/site_backup.h"

#include <archive.h>
#include <algorithm>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/http_date.h"
#include "store/open_store.h"

namespace qalam {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "qalam-backup.json";
constexpr const char* kFormat = "qalam-backup";
constexpr int kVersion = 1;
// The folders of a site a backup holds beside its database.
constexpr const char* kFolders[] = {"media", "moderation"};

struct ArchiveWriteDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct ArchiveReadDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string ArchiveError(archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown error";
}

// Flushes `path` (a file or a folder) to the disk.
Status Sync(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io("cannot open " + path + " to sync it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Io("cannot sync " + path + ": " + std::strerror(err));
  return Status::Ok();
}

std::string ParentOf(const std::string& path) {
  fs::path p = fs::absolute(path).parent_path();
  return p.empty() ? std::string(".") : p.string();
}

// One regular file into the archive under `name`; false (with *missing)
// when it went away before it could be opened.
Status AddFile(archive* a, const std::string& path, const std::string& name, int64_t mtime, int64_t* bytes,
               bool* missing) {
  *missing = false;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *missing = !fs::exists(path);
    if (*missing) return Status::Ok();
    return Status::Io("cannot read " + path);
  }
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Status::Io("cannot read the size of " + path + ": " + ec.message());
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  archive_entry_set_pathname_utf8(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_mtime(entry.get(), mtime, 0);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK) return Status::Io("writing " + name + ": " + ArchiveError(a));
  std::vector<char> buf(1 << 20);
  uintmax_t left = size;
  while (left > 0) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<uintmax_t>(buf.size(), left)));
    const std::streamsize got = in.gcount();
    // The file is immutable once written (content-addressed media, the
    // database copy): shorter than its size means it was cut, which a
    // backup must not hide.
    if (got <= 0) return Status::Io(path + " ended before its size");
    if (archive_write_data(a, buf.data(), static_cast<size_t>(got)) < 0) {
      return Status::Io("writing " + name + ": " + ArchiveError(a));
    }
    left -= static_cast<uintmax_t>(got);
  }
  *bytes += static_cast<int64_t>(size);
  return Status::Ok();
}

Status AddText(archive* a, const std::string& name, const std::string& text, int64_t mtime) {
  std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
  archive_entry_set_pathname_utf8(entry.get(), name.c_str());
  archive_entry_set_size(entry.get(), static_cast<la_int64_t>(text.size()));
  archive_entry_set_filetype(entry.get(), AE_IFREG);
  archive_entry_set_perm(entry.get(), 0644);
  archive_entry_set_mtime(entry.get(), mtime, 0);
  if (archive_write_header(a, entry.get()) != ARCHIVE_OK ||
      archive_write_data(a, text.data(), text.size()) < 0) {
    return Status::Io("writing " + name + ": " + ArchiveError(a));
  }
  return Status::Ok();
}

// The site's files under its folders, relative to data_dir, in a stable order.
std::vector<std::string> SiteFiles(const std::string& data_dir) {
  std::vector<std::string> out;
  for (const char* folder : kFolders) {
    const fs::path root = fs::path(data_dir) / folder;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) {
        out.push_back(fs::relative(it->path(), data_dir).generic_string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Whether `name` is one a backup holds: the database, the manifest, or a
// relative path under one of kFolders without "." or ".." parts.
bool AllowedName(const std::string& name, bool directory) {
  if (name.empty() || name[0] == '/' || name.find('\\') != std::string::npos ||
      name.find('\0') != std::string::npos) {
    return false;
  }
  const std::string trimmed = directory && name.back() == '/' ? name.substr(0, name.size() - 1) : name;
  if (!directory && (trimmed == "qalam.db" || trimmed == kManifest)) return true;
  const fs::path p(trimmed);
  bool first = true, under_folder = false;
  for (const fs::path& part : p) {
    const std::string s = part.string();
    if (s.empty() || s == "." || s == "..") return false;
    if (first) {
      for (const char* f : kFolders) under_folder = under_folder || s == f;
      if (!under_folder) return false;
      first = false;
    }
  }
  return under_folder;
}

// Writes the entry's data to `path` (a new file), synced.
Status ExtractTo(archive* a, const std::string& path) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return Status::Io("cannot make the folder of " + path + ": " + ec.message());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io("cannot create " + path + ": " + std::strerror(errno));
  const void* block = nullptr;
  size_t size = 0;
  la_int64_t offset = 0;
  Status st = Status::Ok();
  for (;;) {
    const int r = archive_read_data_block(a, &block, &size, &offset);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) {
      st = Status::Invalid("the backup is damaged: " + ArchiveError(a));
      break;
    }
    if (::lseek(fd, offset, SEEK_SET) < 0) {
      st = Status::Io("cannot write " + path + ": " + std::strerror(errno));
      break;
    }
    const char* p = static_cast<const char*>(block);
    while (size > 0) {
      const ssize_t n = ::write(fd, p, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        st = Status::Io("cannot write " + path + ": " + std::strerror(errno));
        break;
      }
      p += n;
      size -= static_cast<size_t>(n);
    }
    if (!st.ok()) break;
  }
  if (st.ok() && ::fsync(fd) != 0) st = Status::Io("cannot sync " + path + ": " + std::strerror(errno));
  ::close(fd);
  return st;
}

std::string TimeStamp(int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
  return buf;
}

}  // namespace

Status BackupSite(Store& store, const std::string& data_dir, const std::string& file, int64_t now,
                  BackupSummary* summary) {
  *summary = BackupSummary{};
  const std::string partial = file + ".partial";
  const std::string db_copy = file + ".partial-db";
  std::error_code ignored;
  fs::remove(partial, ignored);
  fs::remove(db_copy, ignored);
  // Whatever happens below, no half-made file stays behind.
  struct Cleanup {
    std::string a, b;
    ~Cleanup() {
      std::error_code ec;
      fs::remove(a, ec);
      fs::remove(b, ec);
    }
  } cleanup{partial, db_copy};

  if (Status st = store.CopyTo(db_copy); !st.ok()) return st;
  std::unique_ptr<archive, ArchiveWriteDeleter> a(archive_write_new());
  if (!a || archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
      archive_write_open_filename(a.get(), partial.c_str()) != ARCHIVE_OK) {
    return Status::Io("cannot create " + partial + ": " + (a ? ArchiveError(a.get()) : "out of memory"));
  }
  bool missing = false;
  if (Status st = AddFile(a.get(), db_copy, "qalam.db", now, &summary->database_bytes, &missing); !st.ok()) return st;
  if (missing) return Status::Io(db_copy + " went away while it was copied");
  fs::remove(db_copy, ignored);
  for (const std::string& name : SiteFiles(data_dir)) {
    if (Status st = AddFile(a.get(), (fs::path(data_dir) / name).string(), name, now, &summary->file_bytes, &missing);
        !st.ok()) {
      return st;
    }
    if (missing) {
      summary->warnings.push_back(name + " went away while the backup was made");
    } else {
      ++summary->files;
    }
  }
  const nlohmann::json manifest = {{"format", kFormat},
                                   {"version", kVersion},
                                   {"created_at", FormatW3cDateUtc(now)},
                                   {"database_bytes", summary->database_bytes},
                                   {"files", summary->files},
                                   {"file_bytes", summary->file_bytes}};
  if (Status st = AddText(a.get(), kManifest, manifest.dump() + "\n", now); !st.ok()) return st;
  if (archive_write_close(a.get()) != ARCHIVE_OK) return Status::Io("writing " + partial + ": " + ArchiveError(a.get()));
  a.reset();
  if (Status st = Sync(partial); !st.ok()) return st;
  std::error_code ec;
  fs::rename(partial, file, ec);
  if (ec) return Status::Io("cannot rename " + partial + " to " + file + ": " + ec.message());
  return Sync(ParentOf(file));
}

Status RestoreSite(const std::string& file, const std::string& data_dir, const RestoreOptions& options,
                   RestoreSummary* summary) {
  *summary = RestoreSummary{};
  const bool had_site = SiteExists(data_dir);
  if (had_site && !options.force) {
    return Status::Conflict(data_dir + " already holds a site: --force replaces it (the site there is kept in " +
                            data_dir + "/.replaced-TIME)");
  }
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) return Status::Io("cannot make " + data_dir + ": " + ec.message());
  const std::string staging = (fs::path(data_dir) / (".restoring-" + std::to_string(::getpid()))).string();
  fs::remove_all(staging, ec);
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{staging};
  fs::create_directories(staging, ec);
  if (ec) return Status::Io("cannot make " + staging + ": " + ec.message());

  // Read the whole file into the staging folder.
  std::unique_ptr<archive, ArchiveReadDeleter> a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());  // An operator may have compressed it.
  if (archive_read_open_filename(a.get(), file.c_str(), 1 << 16) != ARCHIVE_OK) {
    return Status::Invalid("cannot read " + file + " as a backup: " + ArchiveError(a.get()));
  }
  bool manifest_last = false, has_db = false;
  std::string manifest_text;
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) return Status::Invalid(file + " is damaged: " + ArchiveError(a.get()));
    const char* raw = archive_entry_pathname_utf8(entry);
    if (!raw) raw = archive_entry_pathname(entry);
    const std::string name = raw ? raw : "";
    const auto type = archive_entry_filetype(entry);
    if ((type != AE_IFREG && type != AE_IFDIR) || !AllowedName(name, type == AE_IFDIR)) {
      return Status::Invalid(file + " holds \"" + name + "\", which no Qalam backup holds: refused");
    }
    if (manifest_last) return Status::Invalid(file + " goes on after its manifest: refused");
    if (type == AE_IFDIR) continue;
    if (name == kManifest) {
      if (archive_entry_size(entry) > (1 << 16)) return Status::Invalid(file + ": its manifest is too big");
      manifest_text.resize(static_cast<size_t>(archive_entry_size(entry)));
      const la_ssize_t got = archive_read_data(a.get(), manifest_text.data(), manifest_text.size());
      if (got != static_cast<la_ssize_t>(manifest_text.size())) {
        return Status::Invalid(file + " is damaged: its manifest is cut");
      }
      manifest_last = true;
      continue;
    }
    if (Status st = ExtractTo(a.get(), (fs::path(staging) / name).string()); !st.ok()) return st;
    if (name == "qalam.db") {
      has_db = true;
      summary->database_bytes = archive_entry_size(entry);
    } else {
      ++summary->files;
    }
  }
  if (!manifest_last) return Status::Invalid(file + " is incomplete: no manifest at its end (a backup cut short?)");
  const nlohmann::json manifest = nlohmann::json::parse(manifest_text, nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != kFormat) {
    return Status::Invalid(file + " is not a Qalam backup");
  }
  if (manifest.value("version", 0) > kVersion) {
    return Status::Invalid(file + " was made by a newer Qalam (backup version " +
                           std::to_string(manifest.value("version", 0)) + ")");
  }
  if (!has_db) return Status::Invalid(file + " holds no database");
  if (manifest.value("files", int64_t{-1}) != summary->files) {
    return Status::Invalid(file + " holds " + std::to_string(summary->files) + " files where its manifest says " +
                           std::to_string(manifest.value("files", int64_t{-1})));
  }
  summary->created_at = manifest.value("created_at", "");

  // The restored site must open (older backups are migrated here) and be
  // consistent before anything in data_dir changes.
  {
    std::unique_ptr<Store> restored;
    if (Status st = OpenStore(staging, StoreOptions{}, &restored); !st.ok()) {
      return Status::Invalid("the database in " + file + " does not open: " + st.message());
    }
    std::vector<std::string> problems;
    if (Status st = restored->CheckIntegrity(&problems); !st.ok()) return st;
    if (!problems.empty()) {
      std::string list;
      for (size_t i = 0; i < problems.size() && i < 5; ++i) list += "\n  " + problems[i];
      return Status::Invalid("the database in " + file + " is not consistent; nothing was restored:" + list);
    }
  }

  // Keep the site being replaced aside, then move the restored one in.
  std::vector<std::string> parts = {"qalam.db", "qalam.db-wal", "qalam.db-shm"};
  for (const char* f : kFolders) parts.emplace_back(f);
  if (had_site) {
    summary->replaced_dir = (fs::path(data_dir) / (".replaced-" + TimeStamp(options.now))).string();
    fs::create_directories(summary->replaced_dir, ec);
    if (ec) return Status::Io("cannot make " + summary->replaced_dir + ": " + ec.message());
    for (const std::string& p : parts) {
      const fs::path from = fs::path(data_dir) / p;
      if (!fs::exists(from)) continue;
      fs::rename(from, fs::path(summary->replaced_dir) / p, ec);
      if (ec) return Status::Io("cannot move " + from.string() + " aside: " + ec.message());
    }
  } else {
    // A folder without a site may still hold stray media/ or moderation/.
    for (const std::string& p : parts) {
      if (fs::exists(fs::path(data_dir) / p)) {
        return Status::Conflict((fs::path(data_dir) / p).string() + " is in the way: move it first");
      }
    }
  }
  for (const std::string& p : parts) {
    const fs::path from = fs::path(staging) / p;
    if (!fs::exists(from)) continue;
    fs::rename(from, fs::path(data_dir) / p, ec);
    if (ec) return Status::Io("cannot move " + from.string() + " into " + data_dir + ": " + ec.message());
  }
  return Sync(data_dir);
}

}  // namespace qalam
