// SqliteStore's newsroom desk: saving with version checks, revisions and the
// audit trail, the desk's lists and counts, autosaves, scheduled publishing
// (PublishDue), the trash, redirects from an article's old slugs, and the
// breaking news bar.
#include "core/change_keys.h"
#include "core/text.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

Status SqliteStore::SaveDeskArticle(Article* a, const DeskSave& save, std::set<std::string>* changes) {
  if (Status st = CheckMade(*a); !st.ok()) return st;
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    ArticleSaveFacts facts;
    const bool existing = a->id != 0;
    if (existing) {
      // Compare-and-set: the version moves on only from the one the editor
      // started from, so of two saves of one version exactly one takes.
      if (Stmt(*conn, "UPDATE articles SET version = version + 1 WHERE id = ?1 AND version = ?2")
              .Bind(1, a->id).Bind(2, save.expected_version).RunCount() == 0) {
        Stmt q(*conn, "SELECT version FROM articles WHERE id = ?1");
        q.Bind(1, a->id);
        if (!q.Step()) return Status::NotFound("no article with id " + std::to_string(a->id));
        return Status::Conflict("the article was saved by someone else (version " +
                                std::to_string(q.Int(0)) + ", editing " +
                                std::to_string(save.expected_version) + ")");
      }
    }
    std::string old_slug;
    if (a->id != 0) {
      Stmt q(*conn, "SELECT slug FROM articles WHERE id = ?1 AND published_at != 0");
      q.Bind(1, a->id);
      if (q.Step()) old_slug = q.Text(0);
    }
    // The featured image as it was (none for a new article), which the
    // content hash leaves out.
    bool image_changed = !existing;
    if (existing) {
      Stmt q(*conn, "SELECT coalesce(image_id, 0), image_alt, image_caption FROM articles WHERE id = ?1");
      q.Bind(1, a->id);
      image_changed = !q.Step() || q.Int(0) != a->image_id || q.Text(1) != a->image_alt ||
                      q.Text(2) != a->image_caption;
    }
    const std::vector<Id> menu_before = MenuSections(*conn);
    SaveOne(*conn, *a, &facts);
    if (!old_slug.empty() && old_slug != a->slug) {
      // Readers and search engines know the old address: it redirects.
      Stmt(*conn, "INSERT INTO slug_redirects(kind, old_slug, new_id) VALUES('article', ?1, ?2) "
                  "ON CONFLICT(kind, old_slug) DO UPDATE SET new_id = excluded.new_id")
          .Bind(1, old_slug).Bind(2, a->id).Run();
    }
    Stmt(*conn, "DELETE FROM slug_redirects WHERE kind = 'article' AND old_slug = ?1").Bind(1, a->slug).Run();
    // The desk's clock (injected in tests), so that modification times
    // compare with its autosaves and schedules.
    const int64_t now = save.revision.at ? save.revision.at : clock_();
    Stmt q(*conn,
           "UPDATE articles SET author_id = ?2, workflow = ?3, scheduled_at = ?4, trashed_at = ?5, "
           "image_id = ?6, image_alt = ?7, version = version + ?9, modified_at = ?8, image_caption = ?10 "
           "WHERE id = ?1 RETURNING version");
    q.Bind(1, a->id).BindId(2, a->author_id).Bind(3, ToString(a->workflow)).Bind(4, a->scheduled_at)
        .Bind(5, a->trashed_at).BindId(6, a->image_id).Bind(7, a->image_alt).Bind(8, now)
        .Bind(9, existing ? 0 : 1).Bind(10, a->image_caption);  // An existing article's version moved on above.
    q.Step();
    a->version = q.Int(0);
    a->modified_at = now;
    q.Run();
    // The featured image is on the page but not in the content hash.
    facts.desk_saved.push_back(a->id);
    if (a->status == ArticleStatus::kPublished && a->kind == ArticleKind::kArticle) {
      facts.desk_saved_published.push_back(a->published_at);
      if (image_changed) facts.card_image_changed = ListedCards(*conn, 0, a->id);
    }
    Revision r = save.revision;
    Stmt(*conn,
         "INSERT INTO article_revisions(article_id, user_id, at, minor, action, snapshot) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(1, a->id).BindId(2, r.user_id).Bind(3, r.at ? r.at : now).Bind(4, r.minor ? 1 : 0)
        .Bind(5, r.action).Bind(6, r.snapshot).Run();
    for (const AuditEntry& e : save.audit) {
      std::string target = e.target.empty() ? "article:" + std::to_string(a->id) : e.target;
      Stmt(*conn, "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)")
          .Bind(1, e.at ? e.at : now).BindId(2, e.user_id).Bind(3, e.action).Bind(4, target)
          .Bind(5, e.detail).Run();
    }
    if (save.user_id) {
      Stmt(*conn, "DELETE FROM article_autosaves WHERE article_id = ?1 AND user_id = ?2")
          .Bind(1, a->id).Bind(2, save.user_id).Run();
    }
    facts.menu_changed = MenuSections(*conn) != menu_before;
    const std::set<std::string> local = keys::ForArticleSave(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

#define QALAM_DESK_FROM                                                                         \
  "FROM articles a LEFT JOIN users u ON u.id = a.author_id "                                     \
  "LEFT JOIN people w ON w.id = a.writer_id LEFT JOIN sections c ON c.id = a.section_id "        \
  "WHERE (CASE WHEN ?1 = '' THEN a.workflow != 'trashed' "                                       \
  "  WHEN ?1 = 'published' THEN a.status = 'published' "                                         \
  "  WHEN ?1 = 'draft' THEN a.status = 'draft' AND a.workflow = '' "                              \
  "  ELSE a.status = 'draft' AND a.workflow = ?1 END) "                                          \
  "AND (?2 = 0 OR a.author_id = ?2) AND (?3 = 0 OR " QALAM_TOOK_PART("?3") ") "                   \
  "AND (?4 = 0 OR a.section_id = ?4) "                                                           \
  "AND (?5 = 0 OR EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = ?5)) " \
  "AND (?6 = '' OR instr(a.title, ?6) > 0) AND (?10 = '' OR a.kind = ?10) "

void SqliteStore::BindDesk(Stmt& q, const DeskFilter& f) {
  q.Bind(1, f.state ? ToString(*f.state) : "").Bind(2, f.author_id).Bind(3, f.writer_id)
      .Bind(4, f.section_id).Bind(5, f.tag_id).Bind(6, f.title).Bind(10, f.kind ? ToString(*f.kind) : "");
}

Status SqliteStore::ListDeskArticles(const DeskFilter& f, int64_t offset, int64_t limit,
                                     std::vector<DeskRow>* out, int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    {
      Stmt c(*conn, "SELECT count(*) " QALAM_DESK_FROM);
      BindDesk(c, f);
      *total = c.Step() ? c.Int(0) : 0;
    }
    Stmt q(*conn,
           "SELECT a.id, a.title, a.slug, a.status, a.workflow, a.published_at, a.scheduled_at, "
           "a.trashed_at, a.modified_at, coalesce(a.author_id, 0), coalesce(u.name, ''), "
           "coalesce(w.name, ''), coalesce(c.name, ''), a.kind, a.in_footer, a.pinned " QALAM_DESK_FROM
           "ORDER BY CASE WHEN ?9 THEN a.published_at ELSE a.modified_at END DESC, a.id DESC "
           "LIMIT ?7 OFFSET ?8");
    BindDesk(q, f);
    q.Bind(7, limit).Bind(8, offset).Bind(9, f.newest_published ? 1 : 0);
    while (q.Step()) {
      DeskRow r;
      r.id = q.Int(0);
      r.title = q.Text(1);
      r.slug = q.Text(2);
      ArticleStatus status;
      Workflow workflow = Workflow::kNone;
      ParseArticleStatus(q.Text(3), &status);
      ParseWorkflow(q.Text(4), &workflow);
      r.state = DeskStateOf(status, workflow);
      r.published_at = q.Int(5);
      r.scheduled_at = q.Int(6);
      r.trashed_at = q.Int(7);
      r.modified_at = q.Int(8);
      r.author_id = q.Int(9);
      r.author_name = q.Text(10);
      r.writer_name = q.Text(11);
      r.section_name = q.Text(12);
      ParseArticleKind(q.Text(13), &r.kind);
      r.in_footer = q.Int(14) != 0;
      r.pinned = q.Int(15) != 0;
      out->push_back(std::move(r));
    }
    return Status::Ok();
  });
}
#undef QALAM_DESK_FROM

Status SqliteStore::CountDesk(Id author_id, DeskCounts* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT coalesce(sum(status = 'draft' AND workflow = ''), 0), "
           "coalesce(sum(status = 'draft' AND workflow = 'review'), 0), "
           "coalesce(sum(status = 'draft' AND workflow = 'scheduled'), 0), "
           "coalesce(sum(status = 'published'), 0), "
           "coalesce(sum(status = 'draft' AND workflow = 'trashed'), 0) "
           "FROM articles WHERE ?1 = 0 OR author_id = ?1");
    q.Bind(1, author_id);
    q.Step();
    *out = DeskCounts{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Int(4)};
    return Status::Ok();
  });
}

Status SqliteStore::ListRevisions(Id article_id, std::vector<Revision>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT r.id, r.article_id, coalesce(r.user_id, 0), coalesce(u.name, ''), r.at, r.minor, "
           "r.action FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id "
           "WHERE r.article_id = ?1 ORDER BY r.id DESC");
    q.Bind(1, article_id);
    while (q.Step()) {
      out->push_back(Revision{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Int(4), q.Int(5) != 0, q.Text(6), ""});
    }
    return Status::Ok();
  });
}

Status SqliteStore::GetRevision(Id revision_id, Revision* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT r.id, r.article_id, coalesce(r.user_id, 0), coalesce(u.name, ''), r.at, r.minor, "
           "r.action, r.snapshot FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id "
           "WHERE r.id = ?1");
    q.Bind(1, revision_id);
    if (!q.Step()) return Status::NotFound("no revision " + std::to_string(revision_id));
    *out = Revision{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Int(4), q.Int(5) != 0, q.Text(6), q.Text(7)};
    return Status::Ok();
  });
}

Status SqliteStore::SaveAutosave(const Autosave& s) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn,
         "INSERT INTO article_autosaves(article_id, user_id, at, base_version, snapshot) "
         "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(article_id, user_id) DO UPDATE SET "
         "at = excluded.at, base_version = excluded.base_version, snapshot = excluded.snapshot")
        .Bind(1, s.article_id).Bind(2, s.user_id).Bind(3, s.at).Bind(4, s.base_version)
        .Bind(5, s.snapshot).Run();
    return Status::Ok();
  });
}

Status SqliteStore::ListAutosaves(Id article_id, std::vector<Autosave>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT s.article_id, s.user_id, u.name, s.at, s.base_version, s.snapshot "
           "FROM article_autosaves s JOIN users u ON u.id = s.user_id WHERE s.article_id = ?1 "
           "ORDER BY s.at DESC");
    q.Bind(1, article_id);
    while (q.Step()) {
      out->push_back(Autosave{q.Int(0), q.Int(1), q.Text(2), q.Int(3), q.Int(4), q.Text(5)});
    }
    return Status::Ok();
  });
}

Status SqliteStore::PublishDue(int64_t now, std::vector<Id>* published, std::set<std::string>* changes) {
  return Guard([&] {
    published->clear();
    auto conn = pool_.Acquire();
    {
      // Most calls find nothing: answer them without the write lock.
      Stmt q(*conn, "SELECT 1 FROM articles WHERE workflow = 'scheduled' AND scheduled_at <= ?1 LIMIT 1");
      q.Bind(1, now);
      if (!q.Step()) return Status::Ok();
    }
    sqlite::Transaction tx(*conn);
    std::vector<Id> due;
    {
      // Each is claimed below by compare-and-set: what another server
      // published meanwhile is skipped.
      Stmt q(*conn, "SELECT id FROM articles WHERE workflow = 'scheduled' AND scheduled_at <= ?1 ORDER BY scheduled_at, id");
      q.Bind(1, now);
      while (q.Step()) due.push_back(q.Int(0));
    }
    ArticleSaveFacts facts;
    const std::vector<Id> menu_before = MenuSections(*conn);
    for (Id id : due) {
      Article a;
      if (!ReadArticle(*conn, id, "", &a)) continue;
      // Saved again as stored: its slugs, and the search text and terms
      // its last save stored (nothing is computed here).
      ReadIndexedText(*conn, &a);
      // Compare-and-set: claim the article while it is still scheduled and
      // due, so that of two servers publishing at once one takes it.
      if (Stmt(*conn, "UPDATE articles SET workflow = '', scheduled_at = 0, version = version + 1, "
                      "modified_at = ?2 WHERE id = ?1 AND workflow = 'scheduled' AND scheduled_at <= ?3")
              .Bind(1, id).Bind(2, now).Bind(3, now).RunCount() == 0) {
        continue;
      }
      a.status = ArticleStatus::kPublished;
      a.published_at = a.scheduled_at;
      a.workflow = Workflow::kNone;
      a.scheduled_at = 0;
      SaveOne(*conn, a, &facts);
      Stmt(*conn,
           "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, NULL, 'article.publish', ?2, ?3)")
          .Bind(1, now).Bind(2, "article:" + std::to_string(id)).Bind(3, "مجدول: " + a.title).Run();
      published->push_back(id);
    }
    facts.menu_changed = MenuSections(*conn) != menu_before;
    const std::set<std::string> local = keys::ForArticleSave(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::PurgeTrash(int64_t before, std::vector<std::pair<Id, std::string>>* deleted) {
  return Guard([&] {
    deleted->clear();
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    {
      Stmt q(*conn, "SELECT id, title FROM articles WHERE workflow = 'trashed' AND trashed_at < ?1");
      q.Bind(1, before);
      while (q.Step()) deleted->emplace_back(q.Int(0), q.Text(1));
    }
    for (const auto& [id, title] : *deleted) {
      Stmt(*conn, "DELETE FROM article_search WHERE rowid = ?1").Bind(1, id).Run();
      Stmt(*conn, "DELETE FROM articles WHERE id = ?1").Bind(1, id).Run();
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::FindArticleRedirect(const std::string& old_slug, std::string* slug) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT a.slug FROM slug_redirects r JOIN articles a ON a.id = r.new_id "
           "WHERE r.kind = 'article' AND r.old_slug = ?1 AND a.status = 'published'");
    q.Bind(1, old_slug);
    if (!q.Step()) return Status::NotFound("no redirect for " + old_slug);
    *slug = q.Text(0);
    return Status::Ok();
  });
}

// --- breaking news -------------------------------------------------------------

// Which of an item's times have come by `now` (migration 23's
// `announced`): 1 its start, 2 its end.
namespace {
int64_t BreakingTimesCome(const BreakingItem& b, int64_t now) {
  return (b.starts_at <= now ? 1 : 0) | (b.until > 0 && b.until <= now ? 2 : 0);
}
}  // namespace

// The same, of a row, by ?N, as SQL.
#define QALAM_BREAKING_CAME(N)                                           \
  "((CASE WHEN starts_at <= ?" N " THEN 1 ELSE 0 END) | "               \
  "(CASE WHEN until > 0 AND until <= ?" N " THEN 2 ELSE 0 END))"

Status SqliteStore::AddBreaking(BreakingItem* item) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    if (item->created_at == 0) item->created_at = clock_();
    // The change recorded below tells of every time already come.
    Stmt q(*conn,
           "INSERT INTO breaking(text, link, created_at, until, starts_at, urgent, article_id, announced, position) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
           "(SELECT coalesce(min(position), 0) - 1 FROM breaking)) RETURNING id");
    q.Bind(1, item->text).Bind(2, item->article_id ? std::string() : item->link).Bind(3, item->created_at)
        .Bind(4, item->until).Bind(5, item->starts_at).Bind(6, item->urgent ? 1 : 0).BindId(7, item->article_id)
        .Bind(8, BreakingTimesCome(*item, item->created_at));
    q.Step();
    item->id = q.Int(0);
    q.Run();
    InsertChanges(*conn, keys::ForBreaking());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::ListBreaking(int64_t now, std::vector<BreakingItem>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT b.id, b.text, b.link, b.created_at, b.until, b.starts_at, b.urgent, coalesce(b.article_id, 0), "
           "a.slug, a.kind, a.status = 'published' AND a.workflow <> 'trashed' "
           "FROM breaking b LEFT JOIN articles a ON a.id = b.article_id "
           "WHERE ?1 = 0 OR (b.starts_at <= ?1 AND (b.until = 0 OR b.until > ?1)) "
           "ORDER BY b.urgent DESC, b.position, b.created_at DESC, b.id DESC");
    q.Bind(1, now);
    while (q.Step()) {
      BreakingItem b{q.Int(0), q.Text(1), q.Text(2), q.Int(3), q.Int(4)};
      b.starts_at = q.Int(5);
      b.urgent = q.Int(6) != 0;
      b.article_id = q.Int(7);
      // An article's address as it is now, so a later slug edit is
      // followed; none while readers cannot open it.
      if (b.article_id) {
        b.link = q.Int(10) ? std::string(q.Text(9) == "page" ? "/page/" : "/article/") + PercentEncode(q.Text(8))
                           : std::string();
      }
      out->push_back(std::move(b));
    }
    return Status::Ok();
  });
}

Status SqliteStore::UpdateBreaking(const BreakingItem& item) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    // Its times are told anew: the change recorded below tells of those
    // already come, BreakingDue of the others when they come.
    Stmt(*conn,
         "UPDATE breaking SET text = ?2, link = ?3, until = ?4, starts_at = ?5, urgent = ?6, article_id = ?7, "
         "announced = ?8 WHERE id = ?1")
        .Bind(1, item.id).Bind(2, item.text).Bind(3, item.article_id ? std::string() : item.link)
        .Bind(4, item.until).Bind(5, item.starts_at).Bind(6, item.urgent ? 1 : 0).BindId(7, item.article_id)
        .Bind(8, BreakingTimesCome(item, clock_())).Run();
    if (sqlite3_changes(conn->handle()) == 0) {
      return Status::NotFound("no breaking item with id " + std::to_string(item.id));
    }
    InsertChanges(*conn, keys::ForBreaking());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::BreakingDue(int64_t now, bool* changed) {
  return Guard([&] {
    *changed = false;
    auto conn = pool_.Acquire();
    {
      // Most calls find nothing: answer them without the write lock.
      Stmt q(*conn, "SELECT 1 FROM breaking WHERE announced <> (announced | " QALAM_BREAKING_CAME("1") ") LIMIT 1");
      q.Bind(1, now);
      if (!q.Step()) return Status::Ok();
    }
    // Under the write lock the marks are read again: of two servers
    // seeing the same time, the second changes no row and records nothing.
    sqlite::Transaction tx(*conn);
    if (Stmt(*conn,
             "UPDATE breaking SET announced = announced | " QALAM_BREAKING_CAME("1") " "
             "WHERE announced <> (announced | " QALAM_BREAKING_CAME("1") ")")
            .Bind(1, now)
            .RunCount() == 0) {
      return Status::Ok();
    }
    InsertChanges(*conn, keys::ForBreaking());
    tx.Commit();
    *changed = true;
    return Status::Ok();
  });
}

Status SqliteStore::NextBreakingStart(int64_t now, int64_t* at) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT coalesce(min(starts_at), 0) FROM breaking WHERE starts_at > ?1");
    q.Bind(1, now);
    *at = q.Step() ? q.Int(0) : 0;
    return Status::Ok();
  });
}

#undef QALAM_BREAKING_CAME

Status SqliteStore::OrderBreaking(const std::vector<Id>& ids) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    for (size_t i = 0; i < ids.size(); ++i) {
      Stmt(*conn, "UPDATE breaking SET position = ?2 WHERE id = ?1")
          .Bind(1, ids[i]).Bind(2, static_cast<int64_t>(i)).Run();
    }
    InsertChanges(*conn, keys::ForBreaking());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::RemoveBreaking(Id id) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn, "DELETE FROM breaking WHERE id = ?1").Bind(1, id).Run();
    if (sqlite3_changes(conn->handle()) == 0) {
      return Status::NotFound("no breaking item with id " + std::to_string(id));
    }
    InsertChanges(*conn, keys::ForBreaking());
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
