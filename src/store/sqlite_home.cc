// SqliteStore's front page (migration 17): the layout the desk saved, and
// the featured images of a whole list of articles in one read.
#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

Status SqliteStore::GetHomeLayout(HomeLayout* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    ReadSnapshot snapshot(*conn);  // One snapshot of the three tables.
    *out = HomeLayout{};
    {
      Stmt q(*conn, "SELECT role, article_id FROM home_articles ORDER BY role = 'featured', position");
      while (q.Step()) {
        if (q.Text(0) == "lead") {
          out->lead = q.Int(1);
        } else {
          out->featured.push_back(q.Int(1));
        }
      }
    }
    {
      Stmt q(*conn, "SELECT section_id FROM home_sections ORDER BY position");
      while (q.Step()) out->sections.push_back(q.Int(0));
    }
    {
      Stmt q(*conn,
             "SELECT sections_chosen, coalesce(opinion_section_id, 0), updated_at, coalesce(updated_by, 0) "
             "FROM home_layout WHERE id = 1");
      if (q.Step()) {
        out->sections_chosen = q.Int(0) != 0;
        out->opinion_section = q.Int(1);
        out->updated_at = q.Int(2);
        out->updated_by = q.Int(3);
      }
    }
    return Status::Ok();
  });
}

Status SqliteStore::SaveHomeLayout(const HomeLayout& layout, const AuditEntry& audit) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    const int64_t now = layout.updated_at ? layout.updated_at : clock_();
    Stmt(*conn, "DELETE FROM home_articles").Run();
    Stmt(*conn, "DELETE FROM home_sections").Run();
    if (layout.lead) {
      Stmt(*conn, "INSERT INTO home_articles(role, position, article_id) VALUES('lead', 0, ?1)")
          .Bind(1, layout.lead)
          .Run();
    }
    for (size_t i = 0; i < layout.featured.size(); ++i) {
      Stmt(*conn, "INSERT INTO home_articles(role, position, article_id) VALUES('featured', ?1, ?2)")
          .Bind(1, static_cast<int64_t>(i))
          .Bind(2, layout.featured[i])
          .Run();
    }
    for (size_t i = 0; i < layout.sections.size(); ++i) {
      Stmt(*conn, "INSERT INTO home_sections(position, section_id) VALUES(?1, ?2)")
          .Bind(1, static_cast<int64_t>(i))
          .Bind(2, layout.sections[i])
          .Run();
    }
    Stmt(*conn,
         "INSERT INTO home_layout(id, sections_chosen, opinion_section_id, updated_at, updated_by) "
         "VALUES(1, ?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET sections_chosen = ?1, "
         "opinion_section_id = ?2, updated_at = ?3, updated_by = ?4")
        .Bind(1, layout.sections_chosen ? 1 : 0)
        .BindId(2, layout.opinion_section)
        .Bind(3, now)
        .BindId(4, layout.updated_by)
        .Run();
    InsertAudit(*conn, audit, now);
    InsertChanges(*conn, keys::ForHomeLayout());
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::GetFeaturedImages(const std::vector<Id>& article_ids, std::map<Id, MediaItem>* out) {
  return Guard([&] {
    out->clear();
    if (article_ids.empty()) return Status::Ok();
    auto conn = pool_.Acquire();
    // The media row as ReadMediaRow reads it (from column 1), then the
    // article's own alt text, which wins over the image's.
    Stmt q(*conn,
           "SELECT a.id, m.id, m.hash, m.mime, m.width, m.height, m.alt, m.variants, "
           "coalesce(m.uploaded_by, 0), m.created_at, m.caption, m.credit, a.image_alt "
           "FROM articles a JOIN media m ON m.id = a.image_id "
           "WHERE a.id IN (SELECT value FROM json_each(?1))");
    q.Bind(1, IdsJson(article_ids));
    while (q.Step()) {
      MediaItem m = ReadMediaRow(q, 1);
      if (const std::string alt = q.Text(12); !alt.empty()) m.alt = alt;
      (*out)[q.Int(0)] = std::move(m);
    }
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
