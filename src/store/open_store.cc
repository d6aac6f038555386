#include "store/open_store.h"

#include "store/sqlite_open.h"

namespace qalam {
namespace {

enum class Backend { kSqlite, kPostgres };

// The backend a location names, and what the backend is given of it.
Backend Parse(const std::string& location, std::string* rest) {
  for (const char* prefix : {"postgresql://", "postgres://"}) {
    if (location.rfind(prefix, 0) == 0) {
      *rest = location;
      return Backend::kPostgres;
    }
  }
  for (const char* prefix : {"sqlite://", "sqlite:"}) {
    if (location.rfind(prefix, 0) == 0) {
      *rest = location.substr(std::string(prefix).size());
      return Backend::kSqlite;
    }
  }
  *rest = location;
  return Backend::kSqlite;
}

Status PostgresMissing(const std::string& location) {
  return Status::Invalid("this Qalam is built without PostgreSQL; cannot open " + location);
}

}  // namespace

Status OpenStore(const std::string& location, const StoreOptions& options, std::unique_ptr<Store>* out) {
  std::string rest;
  switch (Parse(location, &rest)) {
    case Backend::kPostgres: return PostgresMissing(location);
    case Backend::kSqlite: break;
  }
  if (rest.empty()) return Status::Invalid("no site directory given");
  return OpenSqliteStore(rest, options, out);
}

bool SiteExists(const std::string& location) {
  std::string rest;
  if (Parse(location, &rest) != Backend::kSqlite) return false;
  return SqliteSiteExists(rest);
}

}  // namespace qalam
