#include "core/model.h"

namespace qalam {

const char* ToString(ArticleStatus s) {
  return s == ArticleStatus::kPublished ? "published" : "draft";
}

bool ParseArticleStatus(const std::string& s, ArticleStatus* out) {
  if (s == "published") {
    *out = ArticleStatus::kPublished;
  } else if (s == "draft") {
    *out = ArticleStatus::kDraft;
  } else {
    return false;
  }
  return true;
}

}  // namespace qalam
