#include "services/comment_moderation.h"

#include <spdlog/spdlog.h>

#include "core/text.h"
#include "content/text_hygiene.h"

namespace qalam {

namespace {

constexpr CommentDecision kDecisions[] = {
    {"approve", CommentState::kApproved, "ok", "comment.approve"},
    {"reject", CommentState::kRejected, "offensive", "comment.reject"},
    {"spam", CommentState::kSpam, "spam", "comment.spam"},
    // No label: removing a comment says nothing of what it says.
    {"trash", CommentState::kTrash, "", "comment.trash"},
};

AuditEntry Entry(const char* action, Id target, Id user, int64_t now, const std::string& detail) {
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = action;
  e.target = "comment:" + std::to_string(target);
  e.detail = detail;
  return e;
}

// For the audit log: which commenter, never their address.
std::string CommenterTarget(const std::string& email_hash) { return "commenter:" + email_hash.substr(0, 16); }

}  // namespace

const CommentDecision* FindCommentDecision(std::string_view action) {
  for (const CommentDecision& d : kDecisions) {
    if (action == d.action) return &d;
  }
  return nullptr;
}

Status CommentModeration::Decide(Id comment, const CommentDecision& d, Id moderator, int64_t now, bool* changed,
                                 std::set<std::string>* changes, const std::string& note) {
  const AuditEntry audit = Entry(d.audit, comment, moderator, now, note);
  return store_.DecideComment(comment, d.state, moderator, now, d.label, changes, changed, &audit);
}

Status CommentModeration::DecideMany(const std::set<Id>& ids, const CommentDecision& d, Id moderator, int64_t now,
                                     int64_t* found, int64_t* decided, std::set<std::string>* changes) {
  *found = *decided = 0;
  for (Id id : ids) {
    bool changed = false;
    Status st = Decide(id, d, moderator, now, &changed, changes, "bulk");
    if (st.IsNotFound()) continue;
    if (!st.ok()) return st;
    ++*found;
    *decided += changed;
  }
  return Status::Ok();
}

Status CommentModeration::CheckText(const std::string& body, int max_chars, bool edit) const {
  if (Trim(body).empty()) {
    return Status::Invalid(edit ? "لا يمكن حفظ تعليق فارغ؛ لإخفائه ارفضه بدلًا من ذلك." : "اكتب نص الرد.");
  }
  const size_t n = CountCodePoints(body);
  if (n > static_cast<size_t>(max_chars)) {
    return Status::Invalid("النص أطول من المسموح (" + std::to_string(max_chars) + " حرف)؛ طوله الآن " +
                           std::to_string(n) + ".");
  }
  return Status::Ok();
}

Status CommentModeration::Edit(const Comment& comment, const std::string& typed, int max_chars, Id moderator,
                               int64_t now, bool* changed, std::set<std::string>* changes) {
  *changed = false;
  const std::string body = moderation::CleanCommentText(typed);
  if (Status st = CheckText(body, max_chars, true); !st.ok()) return st;
  if (body == comment.body) return Status::Ok();
  std::string scores, reasons;
  if (Status st = comments_.Rescreen(body, &scores, &reasons); !st.ok()) return st;
  const AuditEntry audit = Entry("comment.edit", comment.id, moderator, now, "");
  if (Status st = store_.EditCommentBody(comment.id, body, scores, reasons, moderator, now, changes, &audit); !st.ok())
    return st;
  *changed = true;
  return Status::Ok();
}

Status CommentModeration::Reply(const Comment& parent, const std::string& typed, int max_chars, const User& moderator,
                                int64_t now, Id* reply_id, bool* approved_parent, std::set<std::string>* changes) {
  *approved_parent = false;
  const std::string body = moderation::CleanCommentText(typed);
  if (Status st = CheckText(body, max_chars, false); !st.ok()) return st;
  Comment reply;
  reply.article_id = parent.article_id;
  reply.parent_id = parent.id;
  reply.name = moderator.name;
  // The newsroom's own account stands in for an address: only its hash, so
  // a data request by that address finds these replies too.
  reply.email_hash = CommentService::EmailHash(moderator.email);
  reply.body = body;
  reply.user_id = moderator.id;
  reply.created_at = now;
  Status st = store_.AddModeratorReply(&reply, "comment.approve", "comment.reply", changes, approved_parent);
  if (st.IsConflict()) return Status::Invalid("هذا التعليق غير منشور، فلن يظهر ردك تحته؛ انشره أولًا ثم رد عليه.");
  if (!st.ok()) return st;
  *reply_id = reply.id;
  return Status::Ok();
}

Status CommentModeration::ArticleTitle(Id article_id, std::string* title) {
  Article a;
  Status st = store_.GetArticleById(article_id, &a);
  if (st.ok()) *title = a.title;
  return st;
}

Status CommentModeration::Export(const std::string& email_hash, Id user, int64_t now, std::vector<Comment>* out) {
  Status st = store_.ExportComments(email_hash, out);
  if (!st.ok()) return st;
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = "comment.export";
  e.target = CommenterTarget(email_hash);
  e.detail = std::to_string(out->size()) + " comments";
  if (Status a = store_.AppendAudit(e); !a.ok()) spdlog::warn("cannot write the audit log: {}", a.message());
  return Status::Ok();
}

Status CommentModeration::Erase(const std::string& email_hash, Id user, int64_t now, int64_t* erased) {
  AuditEntry entry;
  entry.at = now;
  entry.user_id = user;
  entry.action = "comment.erase";
  entry.target = CommenterTarget(email_hash);
  std::set<std::string> changes;
  return store_.EraseComments(email_hash, erased, &changes, &entry);
}

}  // namespace qalam
