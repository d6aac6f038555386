// A small site for the fuzz targets that need a store: a SQLite file in a
// fresh temporary directory (removed at exit), opened once per process,
// holding `lines` imported as `qalam import` would.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz_check.h"
#include "services/importer.h"
#include "store/open_store.h"

namespace qalam::fuzz {

inline Store& FuzzSite(const std::string& lines) {
  static Store* store = [&lines] {
    char pattern[] = "/tmp/qalam-fuzz-XXXXXX";
    const char* dir = mkdtemp(pattern);
    QALAM_FUZZ_CHECK(dir != nullptr, "mkdtemp");
    static const std::string removed = dir;
    std::atexit([] { std::filesystem::remove_all(removed); });
    std::unique_ptr<Store> opened;
    Status st = OpenStore(std::string(dir) + "/site", StoreOptions{.create = true}, &opened);
    QALAM_FUZZ_CHECK(st.ok(), st.message());
    std::istringstream in(lines);
    ImportSummary summary;
    st = ImportArticles(*opened, in, &summary);
    QALAM_FUZZ_CHECK(st.ok(), st.message());
    return opened.release();
  }();
  return *store;
}

}  // namespace qalam::fuzz
