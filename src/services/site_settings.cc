#include "services/site_settings.h"

#include <spdlog/spdlog.h>

#include "services/article_text.h"

namespace qalam {

Status SiteSettings::Load(Settings* out) { return store_.LoadSettings(out); }

Status SiteSettings::Save(const Settings& current, const std::map<std::string, std::string>& changed, Id user,
                          int64_t now, bool* index_failed, size_t* reindexed) {
  *index_failed = false;
  // The logo must be an image of the library (checked before anything is saved).
  if (auto it = changed.find("publisher_logo"); it != changed.end() && !it->second.empty()) {
    MediaItem logo;
    Status st = store_.GetMedia(std::stoll(it->second), &logo);
    if (st.IsNotFound()) return Status::Invalid("«شعار الناشر»: لا توجد صورة بهذا الرقم في مكتبة الوسائط.");
    if (!st.ok()) return st;
  }
  for (const auto& [key, value] : changed) {
    Status st = store_.SaveSetting(key, value);
    if (!st.ok()) return st;
    if (Status a = store_.AppendAudit(AuditEntry{0, now, user, "", "settings.change", "setting:" + key,
                                                 current.Get(key) + " → " + value});
        !a.ok()) {
      spdlog::warn("cannot write the audit log: {}", a.message());
    }
    if (key == "search_teh_marbuta") {
      size_t count = 0;
      arabic::AnalyzerOptions analyzer;
      analyzer.fold_teh_marbuta = value == "fold";
      st = RebuildSearchIndex(store_, analyzer, &count);
      if (!st.ok()) {
        *index_failed = true;
        return st;
      }
      if (reindexed) *reindexed = count;
    }
  }
  return Status::Ok();
}

}  // namespace qalam
