#include "services/names.h"

#include <spdlog/spdlog.h>

#include <set>

#include "core/text.h"
#include "services/article_text.h"

namespace qalam {

Status Names::Check(NamedKind kind, const NamedItem& item) {
  if (item.name.empty()) return Status::Invalid("اكتب الاسم.");
  if (CountCodePoints(item.name) > kNameMaxChars) {
    return Status::Invalid("الاسم أطول من " + std::to_string(kNameMaxChars) + " حرفًا.");
  }
  if (kind == NamedKind::kPerson && CountCodePoints(item.extra) > kBioMaxChars) {
    return Status::Invalid("النبذة أطول من " + std::to_string(kBioMaxChars) + " حرف.");
  }
  if ((kind == NamedKind::kSection || kind == NamedKind::kTag) &&
      CountCodePoints(item.extra) > kDescriptionMaxChars) {
    return Status::Invalid("الوصف أطول من المسموح (" + std::to_string(kDescriptionMaxChars) + " حرف).");
  }
  if (kind == NamedKind::kSource && !item.extra.empty() &&
      (!IsWebAddress(item.extra) || CountCodePoints(item.extra) > kAddressMaxChars)) {
    return Status::Invalid("عنوان المصدر غير صالح: اكتب عنوانًا كاملًا يبدأ بـ https:// أو http://.");
  }
  return Status::Ok();
}

Status Names::Update(NamedKind kind, const NamedItem& stored, const NamedItem& item, Id user, int64_t now,
                     bool* changed) {
  *changed = false;
  if (kind == NamedKind::kPerson && item.photo_id) {
    MediaItem media;
    Status st = store_.GetMedia(item.photo_id, &media);
    if (st.IsNotFound()) return Status::Invalid("لا توجد صورة بهذا الرقم في مكتبة الوسائط.");
    if (!st.ok()) return st;
  }
  if (item.name == stored.name && item.extra == stored.extra && item.photo_id == stored.photo_id &&
      item.show_time == stored.show_time) {
    return Status::Ok();  // Nothing changed: nothing to purge.
  }
  std::set<std::string> changes;
  NamedItem named = item;
  named.slug = NameSlug(kind, item.name);  // Taken when the name is new.
  Status st = store_.UpdateNamed(kind, named, &changes);
  if (!st.ok()) return st;
  *changed = true;
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.target = std::string(ToString(kind)) + ":" + std::to_string(stored.id);
  if (item.name != stored.name) {
    e.action = "names.rename";
    e.detail = stored.name + " ← " + item.name;
  } else {
    e.action = "names.edit";
    e.detail = item.name;
  }
  if (Status a = store_.AppendAudit(e); !a.ok()) spdlog::warn("cannot write the audit log: {}", a.message());
  return Status::Ok();
}

}  // namespace qalam
