// Opening a site's store from where it lives. Every backend is reached
// through here; nothing above the store names one.
//
// Locations:
//   DIR, sqlite:DIR, sqlite://DIR   the embedded SQLite database DIR/qalam.db
//   postgresql://…, postgres://…    PostgreSQL (not built yet: Invalid)
#pragma once
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

struct StoreOptions {
  // Make the directory and a new database; without it, fail when there is
  // no site there. Pending migrations are applied either way.
  bool create = false;
  // What the store stamps on rows whose time the caller left at 0, and
  // ages the change log by.
  Clock clock = SystemClock();
};

Status OpenStore(const std::string& location, const StoreOptions& options, std::unique_ptr<Store>* out);

// True when `location` holds a Qalam site.
bool SiteExists(const std::string& location);

}  // namespace qalam
