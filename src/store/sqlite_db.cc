#include "store/sqlite_db.h"

#include "store/sqlite_fts.h"
#include "store/sqlite_match_counts.h"

namespace qalam::sqlite {
namespace {

[[noreturn]] void Fail(sqlite3* db, const std::string& what) {
  throw SqliteError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Connection::Connection(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = "cannot open database " + path;
    msg += db_ ? std::string(": ") + sqlite3_errmsg(db_) : "";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(msg);
  }
  sqlite3_busy_timeout(db_, 10000);
  if (!RegisterQalamTokenizer(db_) || !RegisterMatchCounts(db_)) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError("cannot register the qalam FTS5 tokenizer and counts on " + path);
  }
  // A constructor that throws runs no destructor: a file that is not a
  // database fails here (the open itself reads nothing), and the handle
  // must be closed on the way out (LeakSanitizer found it leaking on every
  // refused restore).
  try {
    Exec("PRAGMA journal_mode = WAL");
    SetSynchronous("FULL");
    Exec("PRAGMA foreign_keys = ON");
    // 16 MB of page cache (the default is 2 MB): an import's batch of 200
    // posts with their comments and index rows spilled to the WAL
    // mid-transaction (bench/import). Pages are taken only as used.
    Exec("PRAGMA cache_size = -16384");
  } catch (...) {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

void Connection::SetSynchronous(const std::string& level) {
  if (level == synchronous_) return;
  Exec(level == "NORMAL" ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL");
  synchronous_ = level == "NORMAL" ? "NORMAL" : "FULL";
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Connection::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw SqliteError(msg);
  }
}

sqlite3_stmt* Connection::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    Fail(db_, std::string("cannot prepare \"") + sql + "\"");
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

Stmt::~Stmt() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::Bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) Fail(conn_.handle(), "bind");
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    Fail(conn_.handle(), "bind");
  }
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) Fail(conn_.handle(), "bind");
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) Fail(conn_.handle(), "bind");
  return *this;
}

bool Stmt::Step() {
  // Stepping a finished statement again would run it again from the start
  // (SQLite resets it by itself): a finished statement stays finished.
  if (done_) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    done_ = true;
    return false;
  }
  Fail(conn_.handle(), std::string("cannot run \"") + sqlite3_sql(stmt_) + "\"");
}

std::string Stmt::Text(int col) {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return "";
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Pool::Pool(std::string path, bool create) : path_(std::move(path)), create_(create) {}

Pool::Lease Pool::Acquire() {
  std::unique_ptr<Connection> conn;
  std::string level;
  {
    std::lock_guard lock(mu_);
    level = synchronous_;
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!conn) conn = std::make_unique<Connection>(path_, create_);
  conn->SetSynchronous(level);
  return Lease(this, std::move(conn));
}

void Pool::SetSynchronous(const std::string& level) {
  std::lock_guard lock(mu_);
  synchronous_ = level;
}

Pool::Lease::~Lease() {
  if (!conn_) return;
  std::lock_guard lock(pool_->mu_);
  pool_->idle_.push_back(std::move(conn_));
}

Transaction::Transaction(Connection& conn) : conn_(conn) { conn_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      conn_.Exec("ROLLBACK");
    } catch (const SqliteError&) {
      // The transaction is already gone (SQLite rolled it back itself).
    }
  }
}

void Transaction::Commit() {
  conn_.Exec("COMMIT");
  done_ = true;
}

}  // namespace qalam::sqlite
