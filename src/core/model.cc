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

const char* ToString(ArticleKind k) { return k == ArticleKind::kPage ? "page" : "article"; }

bool ParseArticleKind(const std::string& s, ArticleKind* out) {
  if (s == "article") {
    *out = ArticleKind::kArticle;
  } else if (s == "page") {
    *out = ArticleKind::kPage;
  } else {
    return false;
  }
  return true;
}

const char* ToString(Workflow w) {
  switch (w) {
    case Workflow::kReview: return "review";
    case Workflow::kScheduled: return "scheduled";
    case Workflow::kTrashed: return "trashed";
    case Workflow::kNone: break;
  }
  return "";
}

bool ParseWorkflow(const std::string& s, Workflow* out) {
  for (Workflow w : {Workflow::kNone, Workflow::kReview, Workflow::kScheduled, Workflow::kTrashed}) {
    if (s == ToString(w)) {
      *out = w;
      return true;
    }
  }
  return false;
}

const char* ToString(NamedKind k) {
  switch (k) {
    case NamedKind::kSource: return "source";
    case NamedKind::kSection: return "section";
    case NamedKind::kTag: return "tag";
    case NamedKind::kPerson: break;
  }
  return "person";
}

const MediaVariant* LargestOwnFormat(const std::vector<MediaVariant>& variants) {
  const MediaVariant* own = nullptr;
  const MediaVariant* any = nullptr;
  for (const MediaVariant& v : variants) {
    if (!any || v.width > any->width) any = &v;
    if (v.mime != "image/webp" && (!own || v.width > own->width)) own = &v;
  }
  return own ? own : any;
}

}  // namespace qalam
