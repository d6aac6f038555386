// Moderators' decisions on readers' comments, as the desk's queue
// (web/admin_comments.cc) makes them: approve, reject or mark as spam, one
// comment or many, edit, reply. Each decision is one transaction in the
// store with its moderation log entry (the training label it implies) and
// its audit entry, so a crash never leaves a decision unaudited. The rules
// that belong to moderation live here, not in the web layer: a decision
// made already is a no-op; an edit is screened again; a newsroom reply
// publishes the comment it answers when it was waiting, and is refused under
// a rejected one. Also what the queue reads, and a commenter's data on
// request: export (audited) and erasure (audited in its own transaction).
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

  // The queue, with article titles, without emails.
  Status Queue(const CommentFilter& filter, int64_t offset, int64_t limit, std::vector<Comment>* out,
               int64_t* total) {
    return store_.ListCommentQueue(filter, offset, limit, out, total);
  }
  // Comments waiting for a moderator, over the whole site.
  Status CountPending(int64_t* count) { return store_.CountComments(CommentState::kPending, count); }
  // Articles that have comments: those with pending ones first, then by
  // their latest comment; at most `limit`.
  Status CommentedArticles(int64_t limit, std::vector<CommentedArticle>* out) {
    return store_.ListCommentedArticles(limit, out);
  }
  // The title of any article (published or not), for the queue's filter.
  Status ArticleTitle(Id article_id, std::string* title);

  // A commenter's comments with their email (CommentService::EmailHash),
  // for export on request: the lookup is audited by `user` as
  // comment.export, naming the commenter by a prefix of the hash, never by
  // the address.
  Status Export(const std::string& email_hash, Id user, int64_t now, std::vector<Comment>* out);
  // The same comments, to show what an erasure would delete (not audited:
  // the erasure is).
  Status CommenterComments(const std::string& email_hash, std::vector<Comment>* out) {
    return store_.ExportComments(email_hash, out);
  }
  // Deletes a commenter's comments and the threads under them, audited by
  // `user` as comment.erase in the same transaction: it never happens
  // unrecorded. *erased: how many comments went.
  Status Erase(const std::string& email_hash, Id user, int64_t now, int64_t* erased);

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
