// A thin RAII layer over the SQLite C API: connections with cached prepared
// statements, a pool of them, and transactions. Failures throw SqliteError;
// SqliteStore turns them into Status at its border.
#pragma once
#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qalam::sqlite {

struct SqliteError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  Connection(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() { return db_; }
  // PRAGMA synchronous ("FULL" or "NORMAL"), applied once when it changes.
  void SetSynchronous(const std::string& level);
  // Runs SQL text without results (schema, pragmas, BEGIN/COMMIT).
  void Exec(const char* sql);
  // A prepared statement for `sql`, prepared once per connection. `sql` must
  // be a string literal: its address is the cache key.
  sqlite3_stmt* Prepare(const char* sql);

 private:
  sqlite3* db_ = nullptr;
  std::string synchronous_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// One use of a cached statement; resets it when done.
class Stmt {
 public:
  Stmt(Connection& conn, const char* sql) : conn_(conn), stmt_(conn.Prepare(sql)) {}
  ~Stmt();
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Stmt& Bind(int index, std::string_view value);
  Stmt& Bind(int index, double value);
  Stmt& BindNull(int index);
  // Binds 0 as NULL (for optional foreign keys).
  Stmt& BindId(int index, int64_t id) { return id == 0 ? BindNull(index) : Bind(index, id); }
  // True while there is a row; false when done, and from then on. Throws on
  // error.
  bool Step();
  void Run() { while (Step()) {} }
  // Runs the statement and returns how many rows it inserted, changed or
  // deleted: a compare-and-set's "did it take".
  int64_t RunCount() {
    Run();
    return sqlite3_changes64(sqlite3_db_handle(stmt_));
  }
  int64_t Int(int col) { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col);
  // Valid until the next Step() or the statement's end.
  std::string_view Blob(int col) {
    const void* p = sqlite3_column_blob(stmt_, col);
    return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  bool IsNull(int col) { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  Connection& conn_;
  sqlite3_stmt* stmt_;
  bool done_ = false;
};

// A fixed database file's connections, handed out one per caller.
class Pool {
 public:
  Pool(std::string path, bool create);
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };
  Lease Acquire();
  // Every connection handed out from now on flushes commits at `level`
  // ("FULL": to the disk before COMMIT returns; "NORMAL": in WAL mode, at
  // checkpoints only). FULL until told otherwise.
  void SetSynchronous(const std::string& level);

 private:
  std::string path_;
  bool create_;
  std::string synchronous_ = "FULL";
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// BEGIN IMMEDIATE on construction; rolls back unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  ~Transaction();
  void Commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace qalam::sqlite
