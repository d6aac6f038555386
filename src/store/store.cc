#include "store/store.h"

namespace qalam {

DeskState DeskStateOf(ArticleStatus status, Workflow workflow) {
  if (status == ArticleStatus::kPublished) return DeskState::kPublished;
  switch (workflow) {
    case Workflow::kReview: return DeskState::kReview;
    case Workflow::kScheduled: return DeskState::kScheduled;
    case Workflow::kTrashed: return DeskState::kTrashed;
    case Workflow::kNone: break;
  }
  return DeskState::kDraft;
}

const char* ToString(DeskState s) {
  switch (s) {
    case DeskState::kReview: return "review";
    case DeskState::kScheduled: return "scheduled";
    case DeskState::kPublished: return "published";
    case DeskState::kTrashed: return "trashed";
    case DeskState::kDraft: break;
  }
  return "draft";
}

bool ParseDeskState(const std::string& s, DeskState* out) {
  for (DeskState d : {DeskState::kDraft, DeskState::kReview, DeskState::kScheduled,
                      DeskState::kPublished, DeskState::kTrashed}) {
    if (s == ToString(d)) {
      *out = d;
      return true;
    }
  }
  return false;
}

}  // namespace qalam

namespace qalam {

size_t FeatureCount(const IndexQuery& query) {
  size_t n = 0;
  for (const IndexClause& c : query.clauses) n += c.features.size();
  return n;
}

}  // namespace qalam
