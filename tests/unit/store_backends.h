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

// A fresh site on the test's backend; TearDown removes it.
class StoreBackendTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "qalam-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    location_ = GetParam().location(dir_);
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

}  // namespace qalam::testing_backends
