// The SQLite backend's entry points, for store/open_store.cc only.
#pragma once
#include <memory>
#include <string>

#include "store/open_store.h"

namespace qalam {

// The site database DIR/qalam.db (see StoreOptions).
Status OpenSqliteStore(const std::string& data_dir, const StoreOptions& options, std::unique_ptr<Store>* out);
bool SqliteSiteExists(const std::string& data_dir);

}  // namespace qalam
