// The site's settings as the desk changes them (web/admin_settings.cc):
// reading them, and saving checked values with an audit entry each. A
// change to how ة is searched rebuilds the search index at once, as
// `qalam settings` does, since the index holds words analyzed under the
// old rule.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/settings.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

class SiteSettings {
 public:
  explicit SiteSettings(Store& store) : store_(store) {}

  Status Load(Settings* out);

  // Saves `changed` (key → canonical value, as ValidateSetting gives it;
  // only values that differ from `current`), in key order, each audited as
  // settings.change "old → new" by `user` (0: the command line). Stops at the
  // first failure. When the failure is the search index's rebuild, the
  // setting is saved and *index_failed says so (the index can be rebuilt with
  // `qalam search reindex`). *reindexed (optional) gets the number of
  // articles indexed again when how ة is searched changed.
  Status Save(const Settings& current, const std::map<std::string, std::string>& changed, Id user,
              int64_t now, bool* index_failed, size_t* reindexed = nullptr);

 private:
  Store& store_;
};

}  // namespace qalam
