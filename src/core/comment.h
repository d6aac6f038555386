// Readers' comments and the moderation that holds them to the site's terms.
// A commenter's email address is kept for the site's own use (duplicate and
// rate checks, trust, export and erasure on request) and never shown: only
// `email_hash` leaves the store in lists.
#pragma once
#include <cstdint>
#include <string>

#include "core/model.h"

namespace qalam {

// kTrash: removed by a moderator (or in WordPress's trash when imported):
// never shown, restorable, and, unlike kRejected, no judgement of the
// commenter (not counted against them, not a training label).
enum class CommentState { kPending, kApproved, kRejected, kSpam, kTrash };
const char* ToString(CommentState s);  // "pending", "approved", "rejected", "spam", "trash"
bool ParseCommentState(const std::string& s, CommentState* out);

struct Comment {
  Id id = 0;
  Id article_id = 0;
  Id parent_id = 0;  // 0: a comment on the article; else a reply.
  int depth = 0;     // 0 for top level; replies nest a few levels at most.
  std::string name;
  std::string email;       // Only filled for export; lists leave it empty.
  std::string email_hash;  // BLAKE2b of the lower-cased address.
  std::string body;        // As written (cleaned of invisible tricks), never HTML.
  CommentState state = CommentState::kPending;
  std::string decision;  // The machine's: "approve", "hold" or "reject".
  std::string scores;    // JSON object of the classifier's scores.
  std::string reasons;   // JSON array of the pipeline's reasons.
  int reports = 0;
  std::string address_hash;  // Of the poster's network address.
  Id user_id = 0;            // A moderator's reply: the account.
  int64_t created_at = 0;
  int64_t decided_at = 0;
  Id decided_by = 0;
  std::string article_title;  // Filled for the queue.
  std::string article_slug;
};

// A term of the site's lists (moderation/term_matcher.h).
// A moderator's latest decision on a comment, as training data and for the
// desk's comparison with what the machine would decide.
struct ModeratorDecision {
  int64_t at = 0;
  std::string text;   // the text as it was judged
  std::string label;  // "ok" (approved) or "offensive" (rejected)
};

struct ModerationTerm {
  Id id = 0;
  std::string text;
  std::string action;    // "reject" or "hold".
  std::string category;  // "insult", "religion", "sect", "race", … or "".
};

}  // namespace qalam
