#include "services/article_desk.h"

#include <spdlog/spdlog.h>

namespace qalam {

Status ArticleDesk::Run(const User& user, const DeskCommand& command, int64_t now, Article* article,
                        std::set<std::string>* changes) {
  // A new article starts as a draft, whatever it holds (RunDeskAction).
  const bool was_published = article->id != 0 && article->status == ArticleStatus::kPublished;
  Status st = RunDeskAction(store_, user, command, now, article, changes);
  if (st.ok() && (was_published || article->status == ArticleStatus::kPublished) && published_changed_) {
    published_changed_();
  }
  return st;
}

Status ArticleDesk::Autosave(const User& user, const Article& stored, const ArticleForm& form, int64_t base_version,
                             int64_t now) {
  Article edited = stored;
  (void)ApplyForm(form, &edited);  // An autosave keeps even text that is not valid yet.
  edited.title = form.title;
  // A body ApplyForm refused (content/markdown_limits.h) is kept as typed,
  // never rendered.
  edited.body_markdown = form.body;
  return store_.SaveAutosave(qalam::Autosave{stored.id, user.id, "", now, base_version, Snapshot(edited)});
}

Status ArticleDesk::Autosaves(Id article_id, const User& user, int64_t now, AutosaveState* out) {
  *out = AutosaveState{};
  std::vector<qalam::Autosave> autosaves;
  Status st = store_.ListAutosaves(article_id, &autosaves);
  if (!st.ok()) return st;
  for (qalam::Autosave& s : autosaves) {
    if (s.user_id != user.id) {
      if (now - s.at <= kEditingWindow) out->others_editing.push_back(s.user_name);
    } else {
      // A save drops its author's autosave: one still here is unsaved text.
      out->own = std::move(s);
    }
  }
  return Status::Ok();
}

Status ArticleDesk::RevisionForm(Id article_id, Id revision_id, ArticleForm* out) {
  Revision rev;
  if (!store_.GetRevision(revision_id, &rev).ok() || rev.article_id != article_id ||
      !ParseSnapshot(rev.snapshot, out).ok()) {
    return Status::NotFound("no revision " + std::to_string(revision_id) + " of article " +
                            std::to_string(article_id));
  }
  return Status::Ok();
}

Status ArticleDesk::EmptyTrash(const User& user, int64_t now, std::vector<std::pair<Id, std::string>>* deleted) {
  Status st = store_.PurgeTrash(now - kTrashKeepSeconds, deleted);
  if (!st.ok()) return st;
  for (const auto& [id, title] : *deleted) {
    if (Status a = store_.AppendAudit(
            AuditEntry{0, now, user.id, "", "article.delete", "article:" + std::to_string(id), title});
        !a.ok()) {
      spdlog::warn("cannot write the audit log: {}", a.message());
    }
  }
  return Status::Ok();
}

}  // namespace qalam
