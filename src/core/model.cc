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

const char* ToString(NoticeKind k) {
  switch (k) {
    case NoticeKind::kUpdate: return "update";
    case NoticeKind::kClarification: return "clarification";
    case NoticeKind::kEditorsNote: return "editors_note";
    case NoticeKind::kCorrection: break;
  }
  return "correction";
}

bool ParseNoticeKind(const std::string& s, NoticeKind* out) {
  for (NoticeKind k : {NoticeKind::kCorrection, NoticeKind::kUpdate, NoticeKind::kClarification,
                       NoticeKind::kEditorsNote}) {
    if (s == ToString(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

const char* NoticeKindName(NoticeKind k) {
  switch (k) {
    case NoticeKind::kUpdate: return "تحديث";
    case NoticeKind::kClarification: return "توضيح";
    case NoticeKind::kEditorsNote: return "ملاحظة المحرر";
    case NoticeKind::kCorrection: break;
  }
  return "تصحيح";
}

bool NoticeListed(NoticeKind k) { return k == NoticeKind::kCorrection || k == NoticeKind::kClarification; }

const char* ToString(NoticePlacement p) { return p == NoticePlacement::kBottom ? "bottom" : "top"; }

bool ParseNoticePlacement(const std::string& s, NoticePlacement* out) {
  if (s == "top") {
    *out = NoticePlacement::kTop;
  } else if (s == "bottom") {
    *out = NoticePlacement::kBottom;
  } else {
    return false;
  }
  return true;
}

const char* ToString(ContributorRole r) {
  switch (r) {
    case ContributorRole::kWriter: return "writer";
    case ContributorRole::kTranslator: return "translator";
    case ContributorRole::kContributor: return "contributor";
  }
  return "writer";
}

bool ParseContributorRole(const std::string& s, ContributorRole* out) {
  for (ContributorRole r : {ContributorRole::kWriter, ContributorRole::kTranslator, ContributorRole::kContributor}) {
    if (s == ToString(r)) {
      *out = r;
      return true;
    }
  }
  return false;
}

const char* ContributorRoleLabel(ContributorRole r) {
  switch (r) {
    case ContributorRole::kWriter: return "بقلم";
    case ContributorRole::kTranslator: return "ترجمة";
    case ContributorRole::kContributor: return "شارك في الإعداد";
  }
  return "بقلم";
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
