// The front page as the desk lays it out (web: /admin/home): who may
// arrange it, what a layout may hold, saving it with its audit entry
// (home.layout, target "home", an Arabic summary as detail), and finding
// published articles by title to place on it. What a layout leaves open is
// filled when the page is drawn (render/home_page.cc).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kHomeFeaturedMax = 4;  // The row of featured stories.
constexpr size_t kHomeSectionsMax = 12;  // Section blocks.

// One article the desk may place on the front page.
struct HomeCandidate {
  Id id = 0;
  std::string title;
  std::string section_name;
  int64_t published_at = 0;
};

class HomeLayoutService {
 public:
  explicit HomeLayoutService(Store& store) : store_(store) {}

  // Whoever may publish anyone's work (and so pin it) arranges the front page.
  static bool MayEdit(const User& user);

  Status Get(HomeLayout* out) { return store_.GetHomeLayout(out); }

  // Checks `layout` against the site as it is now: at most kHomeFeaturedMax
  // featured and kHomeSectionsMax sections; no article or section twice;
  // only published articles (not static pages) and existing sections.
  // Invalid with an Arabic message naming what is wrong.
  Status Check(const HomeLayout& layout);

  // Checks and saves the layout by `user` at `now`, audited in the same
  // transaction. Only the home page is purged (keys::ForHomeLayout).
  Status Save(HomeLayout layout, Id user, int64_t now);

  // Published articles whose title contains `query` (every one when it is
  // empty), newest first, at most `limit`; `titles` of given ids too, for
  // the desk to show what a layout names.
  Status Search(const std::string& query, int64_t limit, std::vector<HomeCandidate>* out);
  Status Describe(const std::vector<Id>& ids, std::vector<HomeCandidate>* out);

 private:
  Store& store_;
};

}  // namespace qalam
