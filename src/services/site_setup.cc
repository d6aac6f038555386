#include "services/site_setup.h"

#include <sstream>

#include "core/embedded.h"
#include "core/settings.h"
#include "services/importer.h"
#include "store/store.h"

namespace qalam {

Status CreateSite(const std::string& data_dir, std::string* report) {
  if (SiteExists(data_dir)) {
    return Status::Conflict("a Qalam site already exists in " + data_dir +
                            " (nothing was changed)");
  }
  std::unique_ptr<Store> store;
  Status st = OpenSqliteStore(data_dir, /*create=*/true, &store);
  if (!st.ok()) return st;
  for (const SettingSpec& spec : SettingSpecs()) {
    st = store->SaveSetting(spec.key, spec.default_value);
    if (!st.ok()) return st;
  }

  std::string_view welcome;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path == "src/services/welcome_site.jsonl") welcome = f.bytes;
  }
  std::istringstream in{std::string(welcome)};
  ImportSummary summary;
  st = ImportArticles(*store, in, &summary);
  if (!st.ok()) return st;
  if (!summary.errors.empty()) {
    return Status::Invalid("welcome article line " + std::to_string(summary.errors[0].line) +
                           ": " + summary.errors[0].reason);
  }

  BreakingItem item;
  item.text = "أُنشئ موقعك الجديد على قلم، وهذا شريط الأخبار العاجلة الذي يظهر أسفل كل صفحة";
  st = store->AddBreaking(&item);
  if (!st.ok()) return st;

  *report = "created a Qalam site in " + data_dir + " with " + std::to_string(summary.created) +
            " welcome articles and one breaking item";
  return Status::Ok();
}

}  // namespace qalam
