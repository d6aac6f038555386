// SqliteStore: the Store on an embedded SQLite database (DIR/qalam.db) in WAL
// mode, so one writer and many readers, in this and other processes, work at
// once. This file opens and migrates the database and holds settings and
// change keys; sqlite_store_impl.h lists the files with the other areas.
#include <filesystem>
#include <memory>

#include "core/change_keys.h"
#include "store/sqlite_migrations.h"
#include "store/sqlite_open.h"
#include "store/sqlite_store_impl.h"

namespace qalam {
namespace sqlite_store_internal {
namespace {

// Applies pending migrations.
void ApplyMigrations(Connection& conn) {
  int64_t version = 0;
  {
    Stmt q(conn, "PRAGMA user_version");
    if (q.Step()) version = q.Int(0);
  }
  for (const Migration& m : SqliteMigrations()) {
    if (m.version <= version) continue;
    sqlite::Transaction tx(conn);
    // Another process may have applied it since we looked.
    {
      Stmt q(conn, "PRAGMA user_version");
      if (q.Step() && q.Int(0) >= m.version) {
        version = q.Int(0);
        continue;
      }
    }
    conn.Exec(m.sql);
    if (m.edits_schema) {
      int64_t schema_version = 0;
      {
        Stmt q(conn, "PRAGMA schema_version");
        if (q.Step()) schema_version = q.Int(0);
      }
      conn.Exec(("PRAGMA schema_version = " + std::to_string(schema_version + 1)).c_str());
    }
    conn.Exec(("PRAGMA user_version = " + std::to_string(m.version)).c_str());
    tx.Commit();
    version = m.version;
  }
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, Clock clock) : pool_(path, false), clock_(std::move(clock)) {}

// A database from before the stored search text (migration 8; a database
// from before the index too, whose migration 2 indexed Markdown) has
// articles without it: MissingSearchText says so, and the services rebuild
// the index (services/article_text.h), since only they compute the text.
void SqliteStore::Migrate() {
  auto conn = pool_.Acquire();
  ApplyMigrations(*conn);
  Stmt q(*conn, "SELECT value FROM settings WHERE key = 'durability'");
  ApplyDurability(q.Step() ? q.Text(0) : "");
}

// The "durability" setting (core/settings.h): "normal" trades the last
// writes before a power cut for fewer flushes; anything else is "full".
void SqliteStore::ApplyDurability(const std::string& setting) {
  pool_.SetSynchronous(setting == "normal" ? "NORMAL" : "FULL");
}

Status SqliteStore::LoadSettings(Settings* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    std::map<std::string, std::string> values;
    Stmt q(*conn, "SELECT key, value FROM settings");
    while (q.Step()) values[q.Text(0)] = q.Text(1);
    *out = Settings(std::move(values));
    return Status::Ok();
  });
}

Status SqliteStore::SaveSetting(const std::string& key, const std::string& value) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn,
         "INSERT INTO settings(key, value) VALUES(?1, ?2) "
         "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .Bind(1, key)
        .Bind(2, value)
        .Run();
    InsertChanges(*conn, keys::ForSetting(key));
    tx.Commit();
    if (key == "durability") ApplyDurability(value);
    return Status::Ok();
  });
}

Status SqliteStore::RecordChanges(const std::set<std::string>& keys) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    InsertChanges(*conn, keys);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::ReadChanges(int64_t after, std::vector<std::string>* keys, int64_t* last) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    keys->clear();
    *last = after;
    Stmt q(*conn, "SELECT id, key FROM changes WHERE id > ?1 ORDER BY id");
    q.Bind(1, after);
    while (q.Step()) {
      *last = q.Int(0);
      keys->push_back(q.Text(1));
    }
    return Status::Ok();
  });
}

Status SqliteStore::LastChangeId(int64_t* last) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT coalesce(max(id), 0) FROM changes");
    q.Step();
    *last = q.Int(0);
    return Status::Ok();
  });
}

void SqliteStore::InsertChanges(Connection& conn, const std::set<std::string>& keys) {
  const int64_t now = clock_();
  for (const std::string& k : keys) {
    Stmt(conn, "INSERT INTO changes(key, at) VALUES(?1, ?2)").Bind(1, k).Bind(2, now).Run();
  }
  // Servers read changes within a second; a day of history is plenty.
  Stmt(conn, "DELETE FROM changes WHERE at < ?1").Bind(1, now - 86400).Run();
}

}  // namespace sqlite_store_internal

namespace {

using sqlite::SqliteError;
using sqlite_store_internal::SqliteStore;

constexpr const char* kDbFile = "qalam.db";

}  // namespace

bool SqliteSiteExists(const std::string& data_dir) {
  return std::filesystem::exists(std::filesystem::path(data_dir) / kDbFile);
}

Status OpenSqliteStore(const std::string& data_dir, const StoreOptions& options, std::unique_ptr<Store>* out) {
  const bool create = options.create;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (create) {
    fs::create_directories(data_dir, ec);
    if (ec) return Status::Io("cannot create directory " + data_dir + ": " + ec.message());
  } else if (!SqliteSiteExists(data_dir)) {
    return Status::NotFound("no Qalam site in " + data_dir +
                            " (create one with: qalam init --data " + data_dir + ")");
  }
  std::string path = (fs::path(data_dir) / kDbFile).string();
  try {
    if (create) sqlite::Connection(path, true);  // Creates the file.
    auto store = std::make_unique<SqliteStore>(path, options.clock);
    store->Migrate();
    *out = std::move(store);
  } catch (const SqliteError& e) {
    return Status::Io(e.what());
  }
  return Status::Ok();
}

}  // namespace qalam
