// SqliteStore's comments: adding, threads for readers, the moderators'
// queue and decisions, reports, a commenter's history, export and erasure,
// the moderation log (training data) and the term lists.
#include <functional>
#include <map>

#include "core/change_keys.h"
#include "core/text.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

#define QALAM_COMMENT_SELECT                                                                   \
  "SELECT c.id, c.article_id, coalesce(c.parent_id, 0), c.depth, c.name, c.email_hash, c.body, " \
  "c.state, c.decision, c.scores, c.reasons, c.reports, c.address_hash, coalesce(c.user_id, 0), " \
  "c.created_at, c.decided_at, coalesce(c.decided_by, 0), a.title, a.slug "                     \
  "FROM comments c JOIN articles a ON a.id = c.article_id "
Comment SqliteStore::ReadComment(Stmt& q) {
  Comment c;
  c.id = q.Int(0);
  c.article_id = q.Int(1);
  c.parent_id = q.Int(2);
  c.depth = static_cast<int>(q.Int(3));
  c.name = q.Text(4);
  c.email_hash = q.Text(5);
  c.body = q.Text(6);
  ParseCommentState(q.Text(7), &c.state);
  c.decision = q.Text(8);
  c.scores = q.Text(9);
  c.reasons = q.Text(10);
  c.reports = static_cast<int>(q.Int(11));
  c.address_hash = q.Text(12);
  c.user_id = q.Int(13);
  c.created_at = q.Int(14);
  c.decided_at = q.Int(15);
  c.decided_by = q.Int(16);
  c.article_title = q.Text(17);
  c.article_slug = q.Text(18);
  return c;
}

std::string SqliteStore::BodyHash(const std::string& body) {
  return std::to_string(std::hash<std::string>{}(body)) + "-" + std::to_string(body.size());
}

Status SqliteStore::InsertComment(Connection& conn, Comment* c, std::vector<CommentChange>* facts) {
  c->depth = 0;
  if (c->parent_id) {
    Stmt p(conn, "SELECT depth, article_id FROM comments WHERE id = ?1");
    p.Bind(1, c->parent_id);
    if (!p.Step() || p.Int(1) != c->article_id) return Status::NotFound("no such comment to reply to");
    c->depth = static_cast<int>(p.Int(0)) + 1;
  }
  Stmt q(conn,
         "INSERT INTO comments(article_id, parent_id, depth, name, email, email_hash, body, body_hash, "
         "state, decision, scores, reasons, address_hash, user_id, created_at, decided_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
  q.Bind(1, c->article_id).BindId(2, c->parent_id).Bind(3, c->depth).Bind(4, c->name).Bind(5, c->email)
      .Bind(6, c->email_hash).Bind(7, c->body).Bind(8, BodyHash(c->body)).Bind(9, ToString(c->state))
      .Bind(10, c->decision).Bind(11, c->scores.empty() ? "{}" : c->scores)
      .Bind(12, c->reasons.empty() ? "[]" : c->reasons).Bind(13, c->address_hash).BindId(14, c->user_id)
      .Bind(15, c->created_at ? c->created_at : clock_()).Bind(16, c->decided_at);
  q.Step();
  c->id = q.Int(0);
  q.Run();
  facts->push_back(CommentChange{c->article_id, false, c->state == CommentState::kApproved});
  return Status::Ok();
}

Status SqliteStore::AddComment(Comment* c, std::set<std::string>* changes) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    std::vector<CommentChange> facts;
    if (Status st = InsertComment(*conn, c, &facts); !st.ok()) return st;
    const std::set<std::string> local = keys::ForComments(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::GetComment(Id id, Comment* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.id = ?1");
    q.Bind(1, id);
    if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
    *out = ReadComment(q);
    return Status::Ok();
  });
}

Status SqliteStore::ListApprovedComments(Id article_id, bool newest_first, int64_t offset, int64_t limit,
                                         std::vector<Comment>* out, int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    {
      Stmt c(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND state = 'approved' AND parent_id IS NULL");
      c.Bind(1, article_id);
      *total = c.Step() ? c.Int(0) : 0;
    }
    std::vector<Comment> top;
    {
      Stmt q(*conn, newest_first
                        ? QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                               "c.parent_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"
                        : QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                               "c.parent_id IS NULL ORDER BY c.created_at, c.id LIMIT ?2 OFFSET ?3");
      q.Bind(1, article_id).Bind(2, limit).Bind(3, offset);
      while (q.Step()) top.push_back(ReadComment(q));
    }
    // Each thread: its approved replies, depth first, oldest first; a reply
    // whose parent is not approved is not shown.
    std::map<Id, std::vector<Comment>> children;
    {
      Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 AND c.state = 'approved' AND "
                                         "c.parent_id IS NOT NULL ORDER BY c.created_at, c.id");
      q.Bind(1, article_id);
      while (q.Step()) {
        Comment c = ReadComment(q);
        children[c.parent_id].push_back(std::move(c));
      }
    }
    std::function<void(const Comment&)> add = [&](const Comment& c) {
      out->push_back(c);
      auto it = children.find(c.id);
      if (it == children.end()) return;
      for (const Comment& child : it->second) add(child);
    };
    for (const Comment& c : top) add(c);
    return Status::Ok();
  });
}

Status SqliteStore::CountApprovedComments(Id article_id, int64_t* count) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND state = 'approved'");
    q.Bind(1, article_id);
    *count = q.Step() ? q.Int(0) : 0;
    return Status::Ok();
  });
}

Status SqliteStore::CountComments(CommentState state, int64_t* count) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT count(*) FROM comments WHERE state = ?1");
    q.Bind(1, ToString(state));
    *count = q.Step() ? q.Int(0) : 0;
    return Status::Ok();
  });
}

Status SqliteStore::ListCommentQueue(const CommentFilter& f, int64_t offset, int64_t limit, std::vector<Comment>* out,
                                     int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    const std::string state = f.state ? ToString(*f.state) : "";
    {
      Stmt c(*conn,
             "SELECT count(*) FROM comments c WHERE ((?1 = '' AND c.state != 'trash') OR c.state = ?1) "
             "AND (?2 = 0 OR c.article_id = ?2) "
             "AND (?3 = 0 OR c.reports > 0)");
      c.Bind(1, state).Bind(2, f.article_id).Bind(3, f.reported ? 1 : 0);
      *total = c.Step() ? c.Int(0) : 0;
    }
    Stmt q(*conn, QALAM_COMMENT_SELECT
           "WHERE ((?1 = '' AND c.state != 'trash') OR c.state = ?1) AND (?2 = 0 OR c.article_id = ?2) "
           "AND (?3 = 0 OR c.reports > 0) "
           "ORDER BY c.state = 'pending' DESC, c.created_at DESC, c.id DESC LIMIT ?4 OFFSET ?5");
    q.Bind(1, state).Bind(2, f.article_id).Bind(3, f.reported ? 1 : 0).Bind(4, limit).Bind(5, offset);
    while (q.Step()) out->push_back(ReadComment(q));
    return Status::Ok();
  });
}

Status SqliteStore::ListCommentedArticles(int64_t limit, std::vector<CommentedArticle>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT a.id, a.title, c.pending FROM (SELECT article_id, sum(state = 'pending') AS pending, "
           "max(created_at) AS latest FROM comments GROUP BY article_id) c JOIN articles a ON a.id = c.article_id "
           "ORDER BY c.pending > 0 DESC, c.latest DESC, a.id DESC LIMIT ?1");
    q.Bind(1, limit);
    while (q.Step()) out->push_back(CommentedArticle{q.Int(0), q.Text(1), q.Int(2)});
    return Status::Ok();
  });
}

void SqliteStore::InsertAudit(Connection& conn, const AuditEntry& e, int64_t now) {
  Stmt(conn, "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)")
      .Bind(1, e.at ? e.at : now).BindId(2, e.user_id).Bind(3, e.action).Bind(4, e.target).Bind(5, e.detail).Run();
}

Status SqliteStore::DecideInTx(Connection& conn, Id id, CommentState state, Id user_id, int64_t now,
                               const std::string& label, const AuditEntry* audit,
                               std::vector<CommentChange>* facts, bool* changed) {
  *changed = false;
  std::string before, body;
  Id article = 0;
  // Compare-and-set on the state and decision time read: a decision another
  // moderator made in between is read again, so that the same decision made
  // twice at once is made (and logged) once.
  for (int attempt = 0;; ++attempt) {
    Stmt q(conn, "SELECT state, article_id, body, decided_at FROM comments WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
    before = q.Text(0);
    article = q.Int(1);
    body = q.Text(2);
    const int64_t decided_at = q.Int(3);
    q.Run();
    if (before == ToString(state) && decided_at != 0) return Status::Ok();
    if (Stmt(conn, "UPDATE comments SET state = ?2, decided_at = ?3, decided_by = ?4 "
                   "WHERE id = ?1 AND state = ?5 AND decided_at = ?6")
            .Bind(1, id).Bind(2, ToString(state)).Bind(3, now).BindId(4, user_id).Bind(5, before)
            .Bind(6, decided_at).RunCount() == 1) {
      break;
    }
    if (attempt == 3) return Status::Conflict("comment " + std::to_string(id) + " keeps changing under the decision");
  }
  Stmt(conn, "INSERT INTO moderation_log(comment_id, user_id, at, action, label, text) VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
      .Bind(1, id).BindId(2, user_id).Bind(3, now).Bind(4, ToString(state)).Bind(5, label).Bind(6, body).Run();
  if (audit) {
    AuditEntry e = *audit;
    e.detail = before + " → " + ToString(state) + (audit->detail.empty() ? "" : " (" + audit->detail + ")");
    InsertAudit(conn, e, now);
  }
  facts->push_back(CommentChange{article, before == "approved", state == CommentState::kApproved});
  *changed = true;
  return Status::Ok();
}

Status SqliteStore::DecideComment(Id id, CommentState state, Id user_id, int64_t now, const std::string& label,
                                  std::set<std::string>* changes, bool* changed, const AuditEntry* audit) {
  if (changed) *changed = false;
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    std::vector<CommentChange> facts;
    bool did = false;
    if (Status st = DecideInTx(*conn, id, state, user_id, now, label, audit, &facts, &did); !st.ok()) return st;
    if (!did) return Status::Ok();
    const std::set<std::string> local = keys::ForComments(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    if (changed) *changed = true;
    return Status::Ok();
  });
}

Status SqliteStore::EditCommentBody(Id id, const std::string& body, const std::string& scores, const std::string& reasons,
                                    Id user_id, int64_t now, std::set<std::string>* changes, const AuditEntry* audit) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt old(*conn, "SELECT body FROM comments WHERE id = ?1");
    old.Bind(1, id);
    if (!old.Step()) return Status::NotFound("no comment " + std::to_string(id));
    const size_t before_chars = CountCodePoints(old.Text(0));
    Stmt q(*conn, "UPDATE comments SET body = ?2, body_hash = ?3, scores = ?4, reasons = ?5 WHERE id = ?1 "
                  "RETURNING state, article_id");
    q.Bind(1, id).Bind(2, body).Bind(3, BodyHash(body)).Bind(4, scores).Bind(5, reasons);
    if (!q.Step()) return Status::NotFound("no comment " + std::to_string(id));
    const bool shown = q.Text(0) == "approved";
    const Id article = q.Int(1);
    q.Run();
    Stmt(*conn, "INSERT INTO moderation_log(comment_id, user_id, at, action, label, text) VALUES(?1, ?2, ?3, 'edit', '', ?4)")
        .Bind(1, id).BindId(2, user_id).Bind(3, now).Bind(4, body).Run();
    if (audit) {
      AuditEntry e = *audit;
      e.detail = std::to_string(before_chars) + " → " + std::to_string(CountCodePoints(body)) + " chars";
      InsertAudit(*conn, e, now);
    }
    const std::set<std::string> local = keys::ForComments({CommentChange{article, shown, shown, true}});
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::AddModeratorReply(Comment* reply, const std::string& approve_action,
                                      const std::string& reply_action, std::set<std::string>* changes,
                                      bool* approved_parent) {
  *approved_parent = false;
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt p(*conn, "SELECT state, article_id FROM comments WHERE id = ?1");
    p.Bind(1, reply->parent_id);
    if (!p.Step()) return Status::NotFound("no comment " + std::to_string(reply->parent_id));
    const std::string state = p.Text(0);
    reply->article_id = p.Int(1);
    if (state == "rejected" || state == "spam") return Status::Conflict("the comment answered is not published");
    const int64_t now = reply->created_at ? reply->created_at : clock_();
    std::vector<CommentChange> facts;
    bool approved = false;
    if (state == "pending") {
      AuditEntry a;
      a.user_id = reply->user_id;
      a.action = approve_action;
      a.target = "comment:" + std::to_string(reply->parent_id);
      a.detail = "reply";
      if (Status st = DecideInTx(*conn, reply->parent_id, CommentState::kApproved, reply->user_id, now, "ok", &a, &facts,
                                 &approved);
          !st.ok()) {
        return st;
      }
    }
    reply->state = CommentState::kApproved;
    reply->decided_at = now;
    if (Status st = InsertComment(*conn, reply, &facts); !st.ok()) return st;
    AuditEntry r;
    r.user_id = reply->user_id;
    r.action = reply_action;
    r.target = "comment:" + std::to_string(reply->id);
    r.detail = "reply to comment:" + std::to_string(reply->parent_id);
    InsertAudit(*conn, r, now);
    const std::set<std::string> local = keys::ForComments(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    *approved_parent = approved;
    return Status::Ok();
  });
}

Status SqliteStore::ReportComment(Id id, const std::string& address_hash, int64_t now, int threshold, int* reports,
                                  std::set<std::string>* changes) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt q(*conn, "SELECT state, article_id FROM comments WHERE id = ?1");
    q.Bind(1, id);
    if (!q.Step() || q.Text(0) != "approved") return Status::NotFound("no comment " + std::to_string(id));
    const Id article = q.Int(1);
    Stmt(*conn, "INSERT INTO comment_reports(comment_id, address_hash, at) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .Bind(1, id).Bind(2, address_hash).Bind(3, now).Run();
    Stmt n(*conn, "UPDATE comments SET reports = (SELECT count(*) FROM comment_reports WHERE comment_id = ?1) "
                  "WHERE id = ?1 RETURNING reports");
    n.Bind(1, id);
    n.Step();
    *reports = static_cast<int>(n.Int(0));
    n.Run();
    const bool back_to_queue = *reports >= threshold;
    if (back_to_queue) {
      // Back to the queue: readers no longer see it until a moderator decides.
      Stmt(*conn, "UPDATE comments SET state = 'pending' WHERE id = ?1").Bind(1, id).Run();
    }
    const std::set<std::string> local = keys::ForComments({CommentChange{article, true, !back_to_queue}});
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::GetCommenterHistory(Id article_id, const std::string& address_hash, const std::string& email_hash,
                                        const std::string& body, int64_t since, CommenterHistory* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    *out = CommenterHistory{};
    {
      Stmt q(*conn, "SELECT count(*) FROM comments WHERE address_hash = ?1 AND created_at >= ?2");
      q.Bind(1, address_hash).Bind(2, since);
      if (q.Step()) out->by_address = q.Int(0);
    }
    {
      Stmt q(*conn,
             "SELECT coalesce(sum(created_at >= ?2), 0), coalesce(sum(state = 'approved'), 0), "
             "coalesce(sum(state IN ('rejected', 'spam')), 0) FROM comments WHERE email_hash = ?1");
      q.Bind(1, email_hash).Bind(2, since);
      if (q.Step()) {
        out->by_email = q.Int(0);
        out->approved_by_email = q.Int(1);
        out->rejected_by_email = q.Int(2);
      }
    }
    {
      Stmt q(*conn, "SELECT count(*) FROM comments WHERE article_id = ?1 AND body_hash = ?2");
      q.Bind(1, article_id).Bind(2, BodyHash(body));
      if (q.Step()) out->duplicates = q.Int(0);
    }
    return Status::Ok();
  });
}

// The email of each comment: lists leave it out, an export needs it.
void SqliteStore::FillEmails(Connection& conn, std::vector<Comment>* comments) {
  for (Comment& c : *comments) {
    Stmt e(conn, "SELECT email FROM comments WHERE id = ?1");
    e.Bind(1, c.id);
    if (e.Step()) c.email = e.Text(0);
  }
}

Status SqliteStore::ExportComments(const std::string& email_hash, std::vector<Comment>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.email_hash = ?1 ORDER BY c.created_at, c.id");
    q.Bind(1, email_hash);
    while (q.Step()) out->push_back(ReadComment(q));
    FillEmails(*conn, out);
    return Status::Ok();
  });
}

Status SqliteStore::ListArticleComments(Id article_id, std::vector<Comment>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    // A reply is always inserted after its parent, so id order is parents first.
    Stmt q(*conn, QALAM_COMMENT_SELECT "WHERE c.article_id = ?1 ORDER BY c.id");
    q.Bind(1, article_id);
    while (q.Step()) out->push_back(ReadComment(q));
    FillEmails(*conn, out);
    return Status::Ok();
  });
}

Status SqliteStore::EraseComments(const std::string& email_hash, int64_t* erased, std::set<std::string>* changes,
                                  const AuditEntry* audit) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    std::vector<CommentChange> facts;
    {
      Stmt q(*conn, "SELECT DISTINCT article_id FROM comments WHERE email_hash = ?1");
      q.Bind(1, email_hash);
      while (q.Step()) {
        CommentChange gone;
        gone.article_id = q.Int(0);
        gone.removed = true;
        facts.push_back(gone);
      }
    }
    Stmt(*conn, "UPDATE moderation_log SET text = '' WHERE comment_id IN (SELECT id FROM comments WHERE email_hash = ?1)")
        .Bind(1, email_hash).Run();
    Stmt(*conn, "DELETE FROM comments WHERE email_hash = ?1").Bind(1, email_hash).Run();
    *erased = sqlite3_changes(conn->handle());
    if (audit) {
      AuditEntry e = *audit;
      e.detail = std::to_string(*erased) + " comments";
      InsertAudit(*conn, e, clock_());
    }
    const std::set<std::string> local = keys::ForComments(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::LoadModerationLog(std::vector<std::pair<std::string, std::string>>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    // The latest decision per comment wins.
    Stmt q(*conn,
           "SELECT text, label FROM moderation_log WHERE id IN (SELECT max(id) FROM moderation_log "
           "WHERE label != '' GROUP BY comment_id) AND text != ''");
    while (q.Step()) out->emplace_back(q.Text(0), q.Text(1));
    return Status::Ok();
  });
}

Status SqliteStore::ListModeratorDecisions(int64_t since, std::vector<ModeratorDecision>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT at, text, label FROM moderation_log WHERE id IN (SELECT max(id) FROM moderation_log "
           "WHERE label != '' GROUP BY comment_id) AND text != '' AND label IN ('ok', 'offensive', 'hate') "
           "AND at >= ? ORDER BY at, id");
    q.Bind(1, since);
    while (q.Step()) out->push_back(ModeratorDecision{q.Int(0), q.Text(1), q.Text(2)});
    return Status::Ok();
  });
}

Status SqliteStore::CountModeratorDecisions(int64_t* n) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT count(*) FROM moderation_log WHERE id IN (SELECT max(id) FROM moderation_log "
           "WHERE label != '' GROUP BY comment_id) AND text != '' AND label IN ('ok', 'offensive', 'hate')");
    *n = q.Step() ? q.Int(0) : 0;
    return Status::Ok();
  });
}

Status SqliteStore::ListModerationTerms(std::vector<ModerationTerm>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT id, text, action, category FROM moderation_terms ORDER BY action, category, text");
    while (q.Step()) out->push_back(ModerationTerm{q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
    return Status::Ok();
  });
}

Status SqliteStore::AddModerationTerm(ModerationTerm* t) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    {
      Stmt q(*conn, "SELECT id FROM moderation_terms WHERE text = ?1");
      q.Bind(1, t->text);
      if (q.Step()) return Status::Conflict("the term is already listed: " + t->text);
    }
    Stmt q(*conn, "INSERT INTO moderation_terms(text, action, category) VALUES(?1, ?2, ?3) RETURNING id");
    q.Bind(1, t->text).Bind(2, t->action).Bind(3, t->category);
    q.Step();
    t->id = q.Int(0);
    q.Run();
    InsertChanges(*conn, keys::ForTermLists());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::RemoveModerationTerm(Id id) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn, "DELETE FROM moderation_terms WHERE id = ?1").Bind(1, id).Run();
    if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no term " + std::to_string(id));
    InsertChanges(*conn, keys::ForTermLists());
    tx.Commit();
    return Status::Ok();
  });
}
#undef QALAM_COMMENT_SELECT

}  // namespace qalam::sqlite_store_internal
