#include "services/site_setup.h"

#include <sstream>

#include "core/embedded.h"
#include "core/settings.h"
#include "moderation/starter_terms.h"
#include "services/importer.h"
#include "store/open_store.h"
#include "store/store.h"

namespace qalam {

Status AddStarterTerms(Store& store, size_t* added) {
  *added = 0;
  for (const moderation::Term& t : moderation::StarterTerms()) {
    ModerationTerm term{0, t.text, t.action == moderation::TermAction::kReject ? "reject" : "hold", t.category};
    Status st = store.AddModerationTerm(&term);
    if (st.IsConflict()) continue;  // already listed (perhaps with another action: the admin's stays)
    if (!st.ok()) return st;
    ++*added;
  }
  return Status::Ok();
}

Status CreateSite(const std::string& data_dir, std::string* report) {
  if (SiteExists(data_dir)) {
    return Status::Conflict("a Qalam site already exists in " + data_dir +
                            " (nothing was changed)");
  }
  std::unique_ptr<Store> store;
  Status st = OpenStore(data_dir, StoreOptions{.create = true}, &store);
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

  size_t terms = 0;
  st = AddStarterTerms(*store, &terms);
  if (!st.ok()) return st;

  *report = "created a Qalam site in " + data_dir + " with " + std::to_string(summary.created) +
            " welcome articles, one breaking item and the starter term lists (" + std::to_string(terms) +
            " terms)";
  return Status::Ok();
}

}  // namespace qalam
