// The SQLite schema as numbered migrations, embedded in the binary. Migration
// N brings a database from user_version N-1 to N; never edit a released one,
// add the next.
#pragma once
#include <vector>

namespace qalam {

struct Migration {
  int version;
  const char* sql;
  // The SQL edits sqlite_schema itself (writable_schema): the schema
  // version is then moved on, so that every connection, this one
  // included, reads the schema again.
  bool edits_schema = false;
};

const std::vector<Migration>& SqliteMigrations();

}  // namespace qalam
