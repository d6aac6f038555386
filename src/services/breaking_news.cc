#include "services/breaking_news.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "arabic/dates.h"
#include "core/text.h"

namespace qalam {
namespace {

std::string Target(Id id) { return "breaking:" + std::to_string(id); }

// The text (one line), then, after a line break, what sets the item apart
// when anything does: its urgency, a start still to come, an article
// (web/audit_sentences.cc shows them after the quoted text).
std::string AuditDetail(const BreakingItem& b, int64_t now) {
  std::string notes;
  auto note = [&](const char* n) { notes += (notes.empty() ? "" : "، ") + std::string(n); };
  if (b.urgent) note("عاجل جدًا");
  if (b.starts_at > now) note("يبدأ لاحقًا");
  if (b.article_id) note("مرتبط بمقال");
  return notes.empty() ? b.text : b.text + "\n" + notes;
}

}  // namespace

bool BreakingNews::LinkAcceptable(std::string_view link) {
  // Browsers read a backslash as a slash and drop tabs and line breaks
  // inside an address, so "/\\evil.example" or "/<TAB>/evil.example" would
  // lead to another host: neither is a path on this site.
  if (link.find('\\') != std::string_view::npos) return false;
  return IsWebAddress(link) || IsSitePath(link);
}

Status BreakingNews::Check(const BreakingForm& f, const std::string& timezone, int64_t now, int64_t kept,
                           BreakingItem* item) {
  item->text = OneLine(f.text);
  if (item->text.empty()) return Status::Invalid("اكتب نص الخبر العاجل.");
  if (CountCodePoints(item->text) > kBreakingMaxChars) {
    return Status::Invalid("نص الخبر العاجل أطول من " + std::to_string(kBreakingMaxChars) + " حرفًا؛ اختصره.");
  }
  item->link = Trim(f.link);
  if (!item->link.empty() && Trim(f.article).empty() && !LinkAcceptable(item->link)) {
    return Status::Invalid(
        "الرابط غير صالح: اكتب عنوانًا يبدأ بـ https:// أو http://، أو مسارًا في الموقع يبدأ بـ /.");
  }
  item->urgent = !f.urgent.empty();
  item->starts_at = 0;
  if (const std::string starts = Trim(f.starts); !starts.empty()) {
    int64_t t = 0;
    if (!ParseIsoDateTime(starts, timezone, &t).ok()) return Status::Invalid("موعد البدء غير صالح.");
    if (t > now) item->starts_at = t;  // A start already past means now.
  }
  item->article_id = 0;
  if (const std::string article = Trim(f.article); !article.empty()) {
    int64_t id = 0;
    Article a;
    Status st = ParsePositive(article, &id) ? store_.GetArticleById(id, &a) : Status::NotFound("not an id");
    if (st.IsNotFound() || (st.ok() && (a.status != ArticleStatus::kPublished || a.workflow == Workflow::kTrashed))) {
      return Status::Invalid("المقال المختار غير موجود أو غير منشور؛ اختر مقالًا منشورًا أو اكتب رابطًا.");
    }
    if (!st.ok()) return st;
    item->article_id = id;
    item->link.clear();  // The article wins over a typed link.
  }
  const int64_t shown_from = item->starts_at ? item->starts_at : now;
  const std::string minutes = Trim(f.minutes), until = Trim(f.until);
  item->until = 0;
  if (!minutes.empty()) {  // The duration, when given, wins over the date.
    int64_t m = 0;
    if (!ParsePositive(minutes, &m) || m > kBreakingMaxMinutes) {
      return Status::Invalid("المدة بالدقائق يجب أن تكون عددًا صحيحًا من 1 إلى " +
                             std::to_string(kBreakingMaxMinutes) + ".");
    }
    item->until = shown_from + m * 60;  // Counted from the start.
  } else if (!until.empty()) {
    int64_t t = 0;
    if (!ParseIsoDateTime(until, timezone, &t).ok()) return Status::Invalid("موعد الانتهاء غير صالح.");
    if (kept && t / 60 == kept / 60) {
      t = kept;
    } else if (t <= now) {
      return Status::Invalid("موعد الانتهاء مضى؛ اختر وقتًا لاحقًا أو اتركه فارغًا.");
    }
    item->until = t;
  }
  if (item->starts_at && item->until && item->until <= item->starts_at) {
    return Status::Invalid("موعد الانتهاء يجب أن يأتي بعد موعد البدء.");
  }
  return Status::Ok();
}

Status BreakingNews::ArticleChoices(const std::vector<Id>& also, std::vector<ArticleSummary>* out) {
  ArticlePage latest;
  Status st = store_.ListArticles(ListKind::kAll, 0, 0, kBreakingArticleChoices, &latest);
  if (!st.ok()) return st;
  *out = std::move(latest.items);
  std::vector<Id> missing;
  for (Id id : also) {
    const bool listed = std::any_of(out->begin(), out->end(), [&](const ArticleSummary& a) { return a.id == id; });
    if (!listed && std::find(missing.begin(), missing.end(), id) == missing.end()) missing.push_back(id);
  }
  if (missing.empty()) return Status::Ok();
  std::vector<ArticleSummary> more;
  if (!(st = store_.GetArticleSummaries(missing, &more)).ok()) return st;
  out->insert(out->end(), more.begin(), more.end());
  return Status::Ok();
}

void BreakingNews::Audit(const char* action, const std::string& target, const std::string& detail, Id user,
                         int64_t now) {
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = action;
  e.target = target;
  e.detail = detail;
  if (Status st = store_.AppendAudit(e); !st.ok()) spdlog::warn("cannot write the audit log: {}", st.message());
}

Status BreakingNews::Add(BreakingItem* item, Id user, int64_t now) {
  item->created_at = now;
  Status st = store_.AddBreaking(item);
  if (!st.ok()) return st;
  Audit("breaking.add", Target(item->id), AuditDetail(*item, now), user, now);
  return Status::Ok();
}

Status BreakingNews::Edit(const BreakingItem& item, Id user, int64_t now) {
  Status st = store_.UpdateBreaking(item);
  if (!st.ok()) return st;
  Audit("breaking.edit", Target(item.id), AuditDetail(item, now), user, now);
  return Status::Ok();
}

Status BreakingNews::Expire(BreakingItem item, Id user, int64_t now) {
  item.until = now;
  Status st = store_.UpdateBreaking(item);
  if (!st.ok()) return st;
  Audit("breaking.expire", Target(item.id), item.text, user, now);
  return Status::Ok();
}

Status BreakingNews::Remove(const BreakingItem& item, Id user, int64_t now) {
  Status st = store_.RemoveBreaking(item.id);
  if (!st.ok()) return st;
  Audit("breaking.remove", Target(item.id), item.text, user, now);
  return Status::Ok();
}

Status BreakingNews::Move(Id id, bool up, Id user, int64_t now, bool* moved) {
  *moved = false;
  std::vector<BreakingItem> items;
  Status st = List(&items);
  if (!st.ok()) return st;
  std::vector<Id> order;
  for (const BreakingItem& b : items) order.push_back(b.id);
  const auto at = std::find(order.begin(), order.end(), id);
  if (at == order.end()) return Status::NotFound("no breaking item " + std::to_string(id));
  if (up && at != order.begin()) {
    std::iter_swap(at, at - 1);
  } else if (!up && at + 1 != order.end()) {
    std::iter_swap(at, at + 1);
  } else {
    return Status::Ok();  // Already first or last: nothing to do.
  }
  *moved = true;
  return SaveOrder(order, Target(id), user, now);
}

Status BreakingNews::Order(const std::vector<Id>& order, Id user, int64_t now) {
  std::vector<BreakingItem> items;
  Status st = List(&items);
  if (!st.ok()) return st;
  std::vector<Id> wanted = order, current;
  for (const BreakingItem& b : items) current.push_back(b.id);
  std::sort(wanted.begin(), wanted.end());
  std::sort(current.begin(), current.end());
  if (wanted != current) return Status::Conflict("the order does not name the current items");
  return SaveOrder(order, "breaking", user, now);
}

Status BreakingNews::SaveOrder(const std::vector<Id>& order, const std::string& target, Id user, int64_t now) {
  Status st = store_.OrderBreaking(order);
  if (!st.ok()) return st;
  std::string detail;
  for (Id id : order) detail += (detail.empty() ? "" : ", ") + std::to_string(id);
  Audit("breaking.order", target, detail, user, now);
  return Status::Ok();
}

}  // namespace qalam
