// SqliteStore's copy of itself (the online backup API: a consistent copy
// while the site serves and writes) and its checks of itself (integrity,
// foreign keys, the search index against the published articles).
#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

Status SqliteStore::CopyTo(const std::string& file) {
  if (std::filesystem::exists(file)) return Status::Invalid(file + " already exists");
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite3* dest = nullptr;
    if (sqlite3_open_v2(file.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      std::string why = dest ? sqlite3_errmsg(dest) : "out of memory";
      sqlite3_close(dest);
      return Status::Io("cannot create " + file + ": " + why);
    }
    // All pages in one step: one read transaction on the source, so the
    // copy is the database as of one moment (WAL lets writers go on), and
    // no write between steps can make SQLite start the copy over.
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", conn->handle(), "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : sqlite3_errcode(dest);
    const int finish = backup ? sqlite3_backup_finish(backup) : rc;
    std::string why = sqlite3_errmsg(dest);
    if (rc == SQLITE_DONE && finish == SQLITE_OK) {
      // The copy stands alone: no -wal beside it.
      rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
      why = sqlite3_errmsg(dest);
    } else {
      rc = finish != SQLITE_OK ? finish : rc;
    }
    if (sqlite3_close(dest) != SQLITE_OK && rc == SQLITE_OK) rc = SQLITE_ERROR;
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
      std::error_code ignored;  // The half-made copy goes; its error is the one to report.
      std::filesystem::remove(file, ignored);
      return Status::Io("copying the database to " + file + " failed: " + why);
    }
    return Status::Ok();
  });
}

Status SqliteStore::CheckIntegrity(std::vector<std::string>* problems) {
  problems->clear();
  return Guard([&] {
    auto conn = pool_.Acquire();
    {
      Stmt q(*conn, "PRAGMA integrity_check");
      while (q.Step()) {
        if (q.Text(0) != "ok") problems->push_back("integrity_check: " + q.Text(0));
      }
    }
    {
      Stmt q(*conn, "PRAGMA foreign_key_check");
      while (q.Step()) {
        problems->push_back("foreign_key_check: " + q.Text(0) + " row " + std::to_string(q.Int(1)) + " names a missing " +
                            q.Text(2) + " row");
      }
    }
    // FTS5's own check: its index agrees with the text it holds.
    try {
      conn->Exec("INSERT INTO article_search(article_search) VALUES('integrity-check')");
    } catch (const SqliteError& e) {
      problems->push_back(std::string("search index integrity-check: ") + e.what());
    }
    // The index holds exactly the published articles (IndexArticle), with
    // their title and search text.
    {
      Stmt q(*conn,
             "SELECT a.id FROM articles a WHERE a.status = 'published' AND a.kind = 'article' "
             "AND NOT EXISTS (SELECT 1 FROM article_search s WHERE s.rowid = a.id)");
      while (q.Step()) problems->push_back("published article " + std::to_string(q.Int(0)) + " is not in the search index");
    }
    {
      Stmt q(*conn,
             "SELECT s.rowid FROM article_search s LEFT JOIN articles a ON a.id = s.rowid "
             "WHERE a.id IS NULL OR a.status != 'published' OR a.kind != 'article'");
      while (q.Step()) {
        problems->push_back("the search index holds " + std::to_string(q.Int(0)) + ", not a published article");
      }
    }
    {
      Stmt q(*conn,
             "SELECT a.id FROM article_search s JOIN articles a ON a.id = s.rowid "
             "WHERE s.title IS NOT a.title OR s.body IS NOT coalesce(a.search_text, '')");
      while (q.Step()) {
        problems->push_back("the search index's text of article " + std::to_string(q.Int(0)) + " is not the article's");
      }
    }
    CheckCommentStates(*conn, problems);
    return Status::Ok();
  });
}

// A comment's state is explained by its last decision in moderation_log
// (DecideInTx writes both in one transaction), or, when no one decided, by
// the screening's verdict at posting (CommentService::Post); reports send an
// approved comment back to the queue without a decision (ReportComment).
// Imported comments keep the state their file gave them and are not judged.
void SqliteStore::CheckCommentStates(Connection& conn, std::vector<std::string>* problems) {
  Stmt q(conn,
         "SELECT c.id, c.state, c.decision, c.reports, c.decided_at, l.action, l.at FROM comments c "
         "LEFT JOIN moderation_log l ON l.id = (SELECT max(id) FROM moderation_log m WHERE m.comment_id = c.id "
         "AND m.action IN ('approved', 'rejected', 'spam', 'trash', 'pending')) "
         "WHERE NOT EXISTS (SELECT 1 FROM imported_objects o WHERE o.kind = 'comment' AND o.new_id = c.id)");
  while (q.Step()) {
    const int64_t id = q.Int(0);
    const std::string state = q.Text(1), decision = q.Text(2), last = q.Text(5);
    const bool reported_back = state == "pending" && q.Int(3) > 0;
    std::string explained_by;
    if (!last.empty()) {
      if (state == last && q.Int(4) == q.Int(6)) continue;
      if (reported_back && last == "approved") continue;
      explained_by = "its last decision is " + last;
    } else {
      if (decision.empty() || state == "spam") continue;
      if (q.Int(4) == 0 && ((decision == "approve" && (state == "approved" || reported_back)) ||
                            (decision == "hold" && state == "pending") ||
                            (decision == "reject" && state == "rejected"))) {
        continue;
      }
      explained_by = "no one decided it and the screening said " + decision;
    }
    problems->push_back("comment " + std::to_string(id) + " is " + state + " but " + explained_by);
  }
}

}  // namespace qalam::sqlite_store_internal
