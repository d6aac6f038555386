// SqliteStore's imports from another system (store/imported.h): a batch of
// posts and pages with their comments and old addresses in one
// transaction, where each old object went, and the old addresses.
#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {
namespace {

// The stored object (origin, kind, old_id): its new id and hash, or false.
bool FindObject(Connection& conn, const std::string& origin, const char* kind,
                const std::string& old_id, Id* new_id, std::string* hash) {
  Stmt q(conn, "SELECT new_id, hash FROM imported_objects WHERE origin = ?1 AND kind = ?2 AND old_id = ?3");
  q.Bind(1, origin).Bind(2, kind).Bind(3, old_id);
  if (!q.Step()) return false;
  *new_id = q.Int(0);
  if (hash) *hash = q.Text(1);
  return true;
}

void PutObject(Connection& conn, const std::string& origin, const std::string& kind,
               const std::string& old_id, Id new_id, const std::string& hash) {
  Stmt(conn,
       "INSERT INTO imported_objects(origin, kind, old_id, new_id, hash) VALUES(?1, ?2, ?3, ?4, ?5) "
       "ON CONFLICT(origin, kind, old_id) DO UPDATE SET new_id = excluded.new_id, hash = excluded.hash")
      .Bind(1, origin).Bind(2, kind).Bind(3, old_id).Bind(4, new_id).Bind(5, hash).Run();
}

void PutAddress(Connection& conn, const OldAddress& a) {
  Stmt(conn,
       "INSERT INTO old_addresses(path, target_kind, target_id, origin) VALUES(?1, ?2, ?3, ?4) "
       "ON CONFLICT(path) DO UPDATE SET target_kind = excluded.target_kind, "
       "target_id = excluded.target_id, origin = excluded.origin "
       "WHERE old_addresses.target_kind != excluded.target_kind OR "
       "old_addresses.target_id != excluded.target_id OR old_addresses.origin != excluded.origin")
      .Bind(1, a.path).Bind(2, a.target_kind).Bind(3, a.target_id).Bind(4, a.origin).Run();
}

// A name's id by its kind and name; 0 when there is none.
Id NamedId(Connection& conn, std::string kind, const std::string& name) {
  if (kind.rfind("feed:", 0) == 0) kind = kind.substr(5);  // A name's feed names it too.
  const char* sql = kind == "section" ? "SELECT id FROM sections WHERE name = ?1"
                    : kind == "tag"   ? "SELECT id FROM tags WHERE name = ?1"
                    : kind == "person" ? "SELECT id FROM people WHERE name = ?1"
                                       : nullptr;
  if (!sql) return 0;
  Stmt q(conn, sql);
  q.Bind(1, name);
  return q.Step() ? q.Int(0) : 0;
}

}  // namespace

Status SqliteStore::SaveImportBatch(ImportBatch* batch, ImportBatchResult* result,
                                    std::set<std::string>* changes) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    ArticleSaveFacts facts;
    std::vector<CommentChange> comment_facts;
    const std::vector<Id> menu_before = MenuSections(*conn);
    const std::string& origin = batch->origin;
    std::vector<const Article*> to_index;
    for (ImportedArticle& ia : batch->articles) {
      Article& a = ia.article;
      Id stored = 0;
      std::string stored_hash;
      const bool known = FindObject(*conn, origin, "article", ia.old_id, &stored, &stored_hash);
      bool exists = false;
      if (known) {
        Stmt q(*conn, "SELECT slug FROM articles WHERE id = ?1");
        q.Bind(1, stored);
        exists = q.Step();
        if (exists) a.slug = q.Text(0);
      }
      if (exists && stored_hash == ia.hash) {
        a.id = stored;
        ++result->articles_unchanged;
      } else {
        // Only an article that is written must come made (its slugs);
        // the transaction is given up, nothing of the batch saved.
        if (Status st = CheckMade(a); !st.ok()) return st;
        // The featured image as it was (none for a new article), which the
        // content hash leaves out.
        bool image_changed = !exists;
        if (exists) {
          Stmt q(*conn, "SELECT coalesce(image_id, 0), image_alt, image_caption FROM articles WHERE id = ?1");
          q.Bind(1, stored);
          image_changed = !q.Step() || q.Int(0) != a.image_id || q.Text(1) != a.image_alt ||
                          q.Text(2) != a.image_caption;
        }
        SaveResult r = SaveOne(*conn, a, &facts, /*index=*/false);
        to_index.push_back(&a);
        Stmt(*conn,
             "UPDATE articles SET author_id = ?2, workflow = ?3, scheduled_at = ?4, trashed_at = ?5, "
             "image_id = ?6, image_alt = ?7, image_caption = ?8 WHERE id = ?1")
            .Bind(1, a.id).BindId(2, a.author_id).Bind(3, ToString(a.workflow)).Bind(4, a.scheduled_at)
            .Bind(5, a.trashed_at).BindId(6, a.image_id).Bind(7, a.image_alt).Bind(8, a.image_caption).Run();
        // The featured image is on the page but not in the content hash.
        facts.desk_saved.push_back(a.id);
        if (image_changed) {
          for (ListedCard& c : ListedCards(*conn, 0, a.id)) facts.card_image_changed.push_back(std::move(c));
        }
        if (r.created) {
          ++result->articles_created;
        } else {
          ++result->articles_updated;
        }
        PutObject(*conn, origin, "article", ia.old_id, a.id, ia.hash);
      }
      result->article_ids.push_back(a.id);
      for (const std::string& path : ia.old_paths) {
        PutAddress(*conn, OldAddress{path, "article", a.id, "", origin});
      }
      for (ImportedComment& ic : ia.comments) {
        Comment& c = ic.comment;
        c.article_id = a.id;
        c.parent_id = 0;
        if (!ic.old_parent_id.empty() && ic.old_parent_id != "0") {
          Id parent = 0;
          bool same_article = false;
          if (FindObject(*conn, origin, "comment", ic.old_parent_id, &parent, nullptr)) {
            Stmt p(*conn, "SELECT article_id FROM comments WHERE id = ?1");
            p.Bind(1, parent);
            same_article = p.Step() && p.Int(0) == a.id;
          }
          if (same_article) {
            c.parent_id = parent;
          } else {
            result->problems.push_back("comment " + ic.old_id + ": its parent " + ic.old_parent_id +
                                       " is not in the export: shown as a comment on the article");
          }
        }
        Id cid = 0;
        std::string chash;
        const bool ckn = FindObject(*conn, origin, "comment", ic.old_id, &cid, &chash);
        CommentChange change;
        change.article_id = a.id;
        if (ckn) {
          Stmt q(*conn, "SELECT state, article_id FROM comments WHERE id = ?1");
          q.Bind(1, cid);
          if (!q.Step()) {
            cid = 0;  // Erased since (a commenter's request): never brought back.
            ++result->comments_unchanged;
            continue;
          }
          if (chash == ic.hash && q.Int(1) == a.id) {
            c.id = cid;
            ++result->comments_unchanged;
            continue;
          }
          change.shown_before = q.Text(0) == "approved";
          int depth = 0;
          if (c.parent_id) {
            Stmt p(*conn, "SELECT depth FROM comments WHERE id = ?1");
            p.Bind(1, c.parent_id);
            if (p.Step()) depth = static_cast<int>(p.Int(0)) + 1;
          }
          Stmt(*conn,
               "UPDATE comments SET article_id = ?2, parent_id = ?3, depth = ?4, name = ?5, email = ?6, "
               "email_hash = ?7, body = ?8, body_hash = ?9, state = ?10, user_id = ?11, "
               "created_at = ?12, decided_at = ?13 WHERE id = ?1")
              .Bind(1, cid).Bind(2, a.id).BindId(3, c.parent_id).Bind(4, depth).Bind(5, c.name)
              .Bind(6, c.email).Bind(7, c.email_hash).Bind(8, c.body).Bind(9, BodyHash(c.body))
              .Bind(10, ToString(c.state)).BindId(11, c.user_id).Bind(12, c.created_at)
              .Bind(13, c.decided_at).Run();
          c.id = cid;
          change.shown_after = c.state == CommentState::kApproved;
          change.text_changed = true;
          comment_facts.push_back(change);
          ++result->comments_updated;
        } else {
          std::vector<CommentChange> inserted;
          if (Status st = InsertComment(*conn, &c, &inserted); !st.ok()) return st;
          comment_facts.insert(comment_facts.end(), inserted.begin(), inserted.end());
          ++result->comments_created;
        }
        PutObject(*conn, origin, "comment", ic.old_id, c.id, ic.hash);
      }
    }
    for (OldAddress& address : batch->addresses) {
      address.origin = origin;
      if (address.target_id == 0 && !address.target_name.empty()) {
        address.target_id = NamedId(*conn, address.target_kind, address.target_name);
        if (address.target_id == 0) {
          result->problems.push_back(address.path + ": no " + address.target_kind + " named \"" +
                                     address.target_name + "\" (it has no imported article)");
          continue;
        }
      }
      PutAddress(*conn, address);
    }
    // The search index last: every other write of the batch is done, so
    // FTS5 keeps its pending terms until the commit.
    for (const Article* a : to_index) IndexTerms(*conn, *a);
    for (const Article* a : to_index) IndexSearchRow(*conn, *a);
    facts.menu_changed = MenuSections(*conn) != menu_before;
    std::set<std::string> local = keys::ForArticleSave(facts);
    const std::set<std::string> comment_keys = keys::ForComments(comment_facts);
    local.insert(comment_keys.begin(), comment_keys.end());
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::LoadImported(const std::string& origin, const std::string& kind,
                                 std::vector<ImportedObject>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT old_id, new_id, hash FROM imported_objects WHERE origin = ?1 AND kind = ?2");
    q.Bind(1, origin).Bind(2, kind);
    while (q.Step()) out->push_back(ImportedObject{origin, kind, q.Text(0), q.Int(1), q.Text(2)});
    return Status::Ok();
  });
}

Status SqliteStore::SaveImported(const std::vector<ImportedObject>& objects) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    for (const ImportedObject& o : objects) PutObject(*conn, o.origin, o.kind, o.old_id, o.new_id, o.hash);
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::FindOldAddress(const std::string& path, OldAddress* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT target_kind, target_id, origin FROM old_addresses WHERE path = ?1");
    q.Bind(1, path);
    if (!q.Step()) return Status::NotFound("no old address " + path);
    *out = OldAddress{path, q.Text(0), q.Int(1), "", q.Text(2)};
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
