// The store backends every store test suite runs on. A suite is written once
// as TEST_P over StoreBackend; a second backend runs all of them by adding
// one line to StoreBackends().
#pragma once
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store/open_store.h"

namespace qalam::testing_backends {

struct StoreBackend {
  std::string name;
  // The location of a new, empty site for one test, given a fresh temporary
  // directory that the test removes afterwards.
  std::function<std::string(const std::string& dir)> location;
};

// gtest prints a parameter by its name.
inline void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }

inline std::vector<StoreBackend> StoreBackends() {
  return {
      {"sqlite", [](const std::string& dir) { return "sqlite:" + dir + "/site"; }},
  };
}

inline std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

// A fresh site in a fresh temporary directory for each test, at the
// location Location(dir) names; TearDown removes both. Base is the gtest
// fixture (::testing::Test or TestWithParam).
template <typename Base>
class FreshSiteTest : public Base {
 protected:
  virtual std::string Location(const std::string& dir) const = 0;

  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "qalam-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    location_ = Location(dir_);
    Status st = OpenStore(location_, StoreOptions{.create = true}, &store_);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  // Another connection to the same site, as a second server would have.
  std::unique_ptr<Store> OpenAgain() {
    std::unique_ptr<Store> other;
    Status st = OpenStore(location_, StoreOptions{}, &other);
    EXPECT_TRUE(st.ok()) << st.message();
    return other;
  }

  std::string dir_, location_;
  std::unique_ptr<Store> store_;
};

// A fresh site on the test's backend.
class StoreBackendTest : public FreshSiteTest<::testing::TestWithParam<StoreBackend>> {
 protected:
  std::string Location(const std::string& dir) const override { return GetParam().location(dir); }
};

// A fresh SQLite site, for the few tests of what only SQLite has (a site is
// a directory holding qalam.db). Its location is the plain directory, the
// form without "sqlite:" that `qalam --data DIR` passes.
class SqliteSiteTest : public FreshSiteTest<::testing::Test> {
 protected:
  std::string Location(const std::string& dir) const override { return dir + "/site"; }
};

}  // namespace qalam::testing_backends
