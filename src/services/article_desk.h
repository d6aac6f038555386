// The editor's desk over one store (web/admin_articles.cc and the
// dashboard): reading articles and their lists and counts, running a desk
// action (services/newsroom.h holds its rules), autosaves and who else has
// an article open, revisions and restoring one, and emptying the trash.
// Permission is decided by MayDo/MayOpen (newsroom.h) before these calls.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/account.h"
#include "core/model.h"
#include "core/status.h"
#include "services/newsroom.h"
#include "store/store.h"

namespace qalam {

// Someone else's autosave this recent means they have the editor open.
constexpr int64_t kEditingWindow = 120;

// What the editor shows about an article's autosaves.
struct AutosaveState {
  std::vector<std::string> others_editing;  // Names of others with it open now.
  std::optional<Autosave> own;              // This person's text not saved yet.
};

class ArticleDesk {
 public:
  // `published_changed` is called after a desk action changed what readers
  // see among published articles (for the related-articles refresh).
  explicit ArticleDesk(Store& store, std::function<void()> published_changed = {})
      : store_(store), published_changed_(std::move(published_changed)) {}

  // Any article, by row id, with its desk state and featured image.
  Status Get(Id id, Article* out) { return store_.GetArticleById(id, out); }
  Status List(const DeskFilter& filter, int64_t offset, int64_t limit, std::vector<DeskRow>* out,
              int64_t* total) {
    return store_.ListDeskArticles(filter, offset, limit, out, total);
  }
  // Counts by state, of one author's articles (0: everyone's).
  Status Count(Id author_id, DeskCounts* out) { return store_.CountDesk(author_id, out); }

  // RunDeskAction (newsroom.h) on `article`, which holds the stored article
  // with the form applied.
  Status Run(const User& user, const DeskCommand& command, int64_t now, Article* article,
             std::set<std::string>* changes);

  // Keeps `user`'s unsaved text of `stored` (the form as typed, valid or
  // not) without touching the article; `base_version` is the version
  // the editor opened.
  Status Autosave(const User& user, const Article& stored, const ArticleForm& form, int64_t base_version,
                  int64_t now);
  Status Autosaves(Id article_id, const User& user, int64_t now, AutosaveState* out);

  // Newest first, without snapshots.
  Status ListRevisions(Id article_id, std::vector<Revision>* out) { return store_.ListRevisions(article_id, out); }
  Status GetRevision(Id revision_id, Revision* out) { return store_.GetRevision(revision_id, out); }
  // The form a revision of the article recorded; NotFound when there is no
  // such revision of this article, or it cannot be read.
  Status RevisionForm(Id article_id, Id revision_id, ArticleForm* out);

  // Deletes what has been in the trash longer than kTrashKeepSeconds, each
  // article audited as article.delete by `user`. *deleted: ids and titles.
  Status EmptyTrash(const User& user, int64_t now, std::vector<std::pair<Id, std::string>>* deleted);

 private:
  Store& store_;
  std::function<void()> published_changed_;
};

}  // namespace qalam
