#include "core/comment.h"

namespace qalam {

const char* ToString(CommentState s) {
  switch (s) {
    case CommentState::kApproved: return "approved";
    case CommentState::kRejected: return "rejected";
    case CommentState::kSpam: return "spam";
    case CommentState::kTrash: return "trash";
    case CommentState::kPending: break;
  }
  return "pending";
}

bool ParseCommentState(const std::string& s, CommentState* out) {
  for (CommentState c : {CommentState::kPending, CommentState::kApproved, CommentState::kRejected,
                         CommentState::kSpam, CommentState::kTrash}) {
    if (s == ToString(c)) {
      *out = c;
      return true;
    }
  }
  return false;
}

}  // namespace qalam
