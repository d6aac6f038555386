#include "services/moderation_terms.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "moderation/term_matcher.h"

namespace qalam {

void ModerationTerms::Audit(const char* action, Id id, const std::string& detail, Id user, int64_t now) {
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = action;
  e.target = "term:" + std::to_string(id);
  e.detail = detail;
  if (Status st = store_.AppendAudit(e); !st.ok()) spdlog::warn("cannot write the audit log: {}", st.message());
}

Status ModerationTerms::Add(const std::string& text, const std::string& action, const std::string& category,
                            Id user, int64_t now, ModerationTerm* stored) {
  if (action != "reject" && action != "hold") return Status::Invalid("اختر القائمة: رفض أو مراجعة.");
  if (CountCodePoints(text) > kMaxTermChars) {
    return Status::Invalid("الكلمة أطول من " + std::to_string(kMaxTermChars) + " حرف؛ اكتب كلمة أو عبارة قصيرة.");
  }
  if (CountCodePoints(category) > kMaxTermCategoryChars) {
    return Status::Invalid("اسم التصنيف أطول من " + std::to_string(kMaxTermCategoryChars) + " حرفًا.");
  }
  moderation::Term term;
  term.text = text;
  term.action = action == "reject" ? moderation::TermAction::kReject : moderation::TermAction::kHold;
  term.category = category;
  if (Status st = moderation::TermMatcher::Validate(term); !st.ok()) return Status::Invalid(st.message());
  ModerationTerm added{0, text, action, category};
  Status st = store_.AddModerationTerm(&added);
  if (!st.ok()) return st;
  Audit("terms.add", added.id, action + ": " + text + (category.empty() ? "" : " (" + category + ")"), user, now);
  *stored = std::move(added);
  return Status::Ok();
}

Status ModerationTerms::Remove(Id id, Id user, int64_t now) {
  std::vector<ModerationTerm> terms;
  Status st = List(&terms);
  if (!st.ok()) return st;
  auto it = std::find_if(terms.begin(), terms.end(), [&](const ModerationTerm& t) { return t.id == id; });
  if (it == terms.end()) return Status::NotFound("no term " + std::to_string(id));
  st = store_.RemoveModerationTerm(id);
  if (!st.ok()) return st;
  Audit("terms.remove", id, it->action + ": " + it->text, user, now);
  return Status::Ok();
}

}  // namespace qalam
