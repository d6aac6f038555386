// Moderators' decisions on readers' comments, as the desk's queue
// (web/admin_comments.cc) makes them: approve, reject or mark as spam, one
// comment or many, edit, reply. Each decision is one transaction in the
// store with its moderation log entry (the training label it implies) and
// its audit entry, so a crash never leaves a decision unaudited. The rules
// that belong to moderation live here, not in the web layer: a decision
// made already is a no-op; an edit is screened again; a newsroom reply
// publishes the comment it answers when it was waiting, and is refused under
// a rejected one.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/account.h"
#include "core/comment.h"
#include "core/status.h"
#include "services/comments.h"
#include "store/store.h"

namespace qalam {

// A decision's state, its training label and its audit action.
struct CommentDecision {
  const char* action;  // "approve", "reject", "spam"
  CommentState state;
  const char* label;  // "ok", "offensive", "spam"
  const char* audit;  // "comment.approve", …
};
// The decision named `action`, or null.
const CommentDecision* FindCommentDecision(std::string_view action);

class CommentModeration {
 public:
  CommentModeration(Store& store, CommentService& comments) : store_(store), comments_(comments) {}

  // NotFound when the comment is gone; *changed false when the same
  // decision was made already (nothing logged or audited). `note` goes into
  // the audit entry's detail ("bulk").
  Status Decide(Id comment, const CommentDecision& d, Id moderator, int64_t now, bool* changed,
                std::set<std::string>* changes, const std::string& note = "");

  // The same for each of `ids` (each its own transaction). *found: those
  // that exist; *decided: those that changed.
  Status DecideMany(const std::set<Id>& ids, const CommentDecision& d, Id moderator, int64_t now,
                    int64_t* found, int64_t* decided, std::set<std::string>* changes);

  // A moderator's edit of the text (cleaned as a reader's is), screened again
  // with the current lists and classifier. Invalid with an Arabic message
  // for an empty or over-long text; *changed false when it is the same text.
  Status Edit(const Comment& comment, const std::string& typed, int max_chars, Id moderator, int64_t now,
              bool* changed, std::set<std::string>* changes);

  // A newsroom reply under `parent`, published at once in the moderator's
  // name. Invalid (Arabic message) for an empty or over-long text or a
  // parent that is not published and cannot be (rejected or spam);
  // *approved_parent says whether the comment answered was published by it.
  Status Reply(const Comment& parent, const std::string& typed, int max_chars, const User& moderator,
               int64_t now, Id* reply_id, bool* approved_parent, std::set<std::string>* changes);

 private:
  Status CheckText(const std::string& body, int max_chars, bool edit) const;

  Store& store_;
  CommentService& comments_;
};

}  // namespace qalam
