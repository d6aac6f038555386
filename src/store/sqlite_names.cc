// SqliteStore's named things: writers (people), sources, sections and tags.
// Found by slug for their pages, found or created by name when an article is
// saved, listed and renamed on the desk (the old slug redirects).
#include <string>
#include <string_view>

#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

template <typename F>
Status SqliteStore::GetBySlug(const char* sql, const std::string& slug, F&& read) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, sql);
    q.Bind(1, slug);
    if (!q.Step()) return Status::NotFound("not found: " + slug);
    read(q);
    return Status::Ok();
  });
}

Status SqliteStore::GetSectionBySlug(const std::string& slug, Section* out) {
  return GetBySlug("SELECT id, name, slug, description, show_time FROM sections WHERE slug = ?1", slug,
                  [&](Stmt& q) { *out = Section{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4) != 0}; });
}

Status SqliteStore::GetTagBySlug(const std::string& slug, Tag* out) {
  return GetBySlug("SELECT id, name, slug, description FROM tags WHERE slug = ?1", slug,
                  [&](Stmt& q) { *out = Tag{q.Int(0), q.Text(1), q.Text(2), q.Text(3)}; });
}

Status SqliteStore::GetPersonBySlug(const std::string& slug, Person* out) {
  return GetBySlug("SELECT id, name, slug, bio, coalesce(photo_id, 0) FROM people WHERE slug = ?1", slug,
                  [&](Stmt& q) { *out = Person{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4)}; });
}

Status SqliteStore::GetSourceBySlug(const std::string& slug, Source* out) {
  return GetBySlug("SELECT id, name, slug, url FROM sources WHERE slug = ?1", slug,
                  [&](Stmt& q) { *out = Source{q.Int(0), q.Text(1), q.Text(2), q.Text(3)}; });
}

Status SqliteStore::ListSections(std::vector<Section>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT c.id, c.name, c.slug FROM sections c JOIN articles a ON a.section_id = c.id "
           "AND a.status = 'published' AND a.kind = 'article' GROUP BY c.id ORDER BY count(*) DESC, c.name");
    while (q.Step()) out->push_back(Section{q.Int(0), q.Text(1), q.Text(2), ""});
    return Status::Ok();
  });
}

// Finds a person/section/tag/source by name, creating it when missing
// with `slug` (its base, made above the store) made unique. Returns its id.
NamedRow SqliteStore::FindOrCreate(Connection& conn, const NamedTable& t, const std::string& name,
                                   const std::string& extra, const std::string& slug_base,
                                   bool* created) {
  *created = false;
  {
    Stmt q(conn, t.find);
    q.Bind(1, name);
    if (q.Step()) return NamedRow{q.Int(0), q.Text(1)};
  }
  std::string slug = UniqueSlug(conn, t.slug_exists, slug_base, -1);
  Stmt ins(conn, t.insert);
  ins.Bind(1, name).Bind(2, slug);
  if (std::string_view(t.insert).find("?3") != std::string_view::npos) ins.Bind(3, extra);
  ins.Step();
  NamedRow row{ins.Int(0), extra};
  ins.Run();
  *created = true;
  return row;
}

const SqliteStore::NamedSql& SqliteStore::SqlFor(NamedKind kind) {
  static const NamedSql people = {
      "SELECT p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0), (SELECT count(*) FROM articles a "
      "WHERE " QALAM_TOOK_PART("p.id") " AND +a.status = 'published' AND +a.kind = 'article'), 1 FROM people p "
      "WHERE ?1 = '' OR instr(p.name, ?1) > 0 ORDER BY p.name LIMIT ?2",
      "SELECT p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0), (SELECT count(*) FROM articles a "
      "WHERE " QALAM_TOOK_PART("p.id") " AND +a.status = 'published' AND +a.kind = 'article'), 1 FROM people p WHERE p.id = ?1",
      "SELECT id FROM people WHERE name = ?1", "SELECT id FROM people WHERE slug = ?1",
      "UPDATE people SET name = ?2, slug = ?3, bio = ?4, photo_id = nullif(?5, 0) WHERE id = ?1 AND ?6 = ?6"};
  static const NamedSql sources = {
      "SELECT s.id, s.name, s.slug, s.url, 0, (SELECT count(*) FROM articles a "
      "WHERE a.source_id = s.id AND a.status = 'published' AND a.kind = 'article'), 1 FROM sources s "
      "WHERE ?1 = '' OR instr(s.name, ?1) > 0 ORDER BY s.name LIMIT ?2",
      "SELECT s.id, s.name, s.slug, s.url, 0, (SELECT count(*) FROM articles a "
      "WHERE a.source_id = s.id AND a.status = 'published' AND a.kind = 'article'), 1 FROM sources s WHERE s.id = ?1",
      "SELECT id FROM sources WHERE name = ?1", "SELECT id FROM sources WHERE slug = ?1",
      "UPDATE sources SET name = ?2, slug = ?3, url = ?4 WHERE id = ?1 AND ?5 = ?5 AND ?6 = ?6"};
  static const NamedSql sections = {
      "SELECT c.id, c.name, c.slug, c.description, 0, (SELECT count(*) FROM articles a "
      "WHERE a.section_id = c.id AND a.status = 'published' AND a.kind = 'article'), c.show_time FROM sections c "
      "WHERE ?1 = '' OR instr(c.name, ?1) > 0 ORDER BY c.name LIMIT ?2",
      "SELECT c.id, c.name, c.slug, c.description, 0, (SELECT count(*) FROM articles a "
      "WHERE a.section_id = c.id AND a.status = 'published' AND a.kind = 'article'), c.show_time FROM sections c WHERE c.id = ?1",
      "SELECT id FROM sections WHERE name = ?1", "SELECT id FROM sections WHERE slug = ?1",
      "UPDATE sections SET name = ?2, slug = ?3, description = ?4, show_time = ?6 WHERE id = ?1 AND ?5 = ?5"};
  static const NamedSql tags = {
      "SELECT t.id, t.name, t.slug, t.description, 0, (SELECT count(*) FROM article_tags at JOIN articles a "
      "ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published' AND a.kind = 'article'), 1 FROM tags t "
      "WHERE ?1 = '' OR instr(t.name, ?1) > 0 ORDER BY t.name LIMIT ?2",
      "SELECT t.id, t.name, t.slug, t.description, 0, (SELECT count(*) FROM article_tags at JOIN articles a "
      "ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published' AND a.kind = 'article'), 1 FROM tags t "
      "WHERE t.id = ?1",
      "SELECT id FROM tags WHERE name = ?1", "SELECT id FROM tags WHERE slug = ?1",
      "UPDATE tags SET name = ?2, slug = ?3, description = ?4 WHERE id = ?1 AND ?5 = ?5 AND ?6 = ?6"};
  switch (kind) {
    case NamedKind::kSource: return sources;
    case NamedKind::kSection: return sections;
    case NamedKind::kTag: return tags;
    case NamedKind::kPerson: break;
  }
  return people;
}

Status SqliteStore::ListNamed(NamedKind kind, const std::string& query, int64_t limit,
                              std::vector<NamedItem>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, SqlFor(kind).list);
    q.Bind(1, query).Bind(2, limit);
    while (q.Step()) out->push_back(NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5), q.Int(6) != 0});
    return Status::Ok();
  });
}

Status SqliteStore::GetNamed(NamedKind kind, Id id, NamedItem* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, SqlFor(kind).get);
    q.Bind(1, id);
    if (!q.Step()) return Status::NotFound(std::string("no ") + ToString(kind) + " " + std::to_string(id));
    *out = NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5), q.Int(6) != 0};
    return Status::Ok();
  });
}

Status SqliteStore::UpdateNamed(NamedKind kind, const NamedItem& item, std::set<std::string>* changes) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    const NamedSql& sql = SqlFor(kind);
    NamedItem old;
    {
      Stmt q(*conn, sql.get);
      q.Bind(1, item.id);
      if (!q.Step()) return Status::NotFound(std::string("no ") + ToString(kind) + " " + std::to_string(item.id));
      old = NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5), q.Int(6) != 0};
    }
    {
      Stmt q(*conn, sql.by_name);
      q.Bind(1, item.name);
      if (q.Step() && q.Int(0) != item.id) return Status::Conflict("the name is taken: " + item.name);
    }
    // A new name takes the slug made for it above the store; the address
    // changes with the name only.
    std::string slug = old.slug;
    if (item.name != old.name) {
      if (item.slug.empty()) {
        return Status::Invalid("the new name " + item.name +
                               " has no slug (slugs are made above the store: services/article_text.h)");
      }
      slug = UniqueSlug(*conn, sql.slug_exists, item.slug, item.id);
    }
    Stmt(*conn, sql.update).Bind(1, item.id).Bind(2, item.name).Bind(3, slug).Bind(4, item.extra)
        .Bind(5, item.photo_id).Bind(6, item.show_time ? 1 : 0).Run();
    if (slug != old.slug) {
      // The old address redirects; an address that had been redirected
      // here follows along, and the new slug is no longer a redirect.
      Stmt(*conn, "INSERT INTO slug_redirects(kind, old_slug, new_id) VALUES(?1, ?2, ?3) "
                  "ON CONFLICT(kind, old_slug) DO UPDATE SET new_id = excluded.new_id")
          .Bind(1, ToString(kind)).Bind(2, old.slug).Bind(3, item.id).Run();
      Stmt(*conn, "DELETE FROM slug_redirects WHERE kind = ?1 AND old_slug = ?2")
          .Bind(1, ToString(kind)).Bind(2, slug).Run();
    }
    const std::set<std::string> local = keys::ForNamedEdit(kind, item.id, [&] {
      std::vector<Id> ids;
      const char* articles_sql = nullptr;
      switch (kind) {
        case NamedKind::kPerson:
          articles_sql =
              "SELECT id FROM articles WHERE writer_id = ?1 OR editor_id = ?1 UNION "
              "SELECT article_id FROM article_people WHERE person_id = ?1";
          break;
        case NamedKind::kSource: articles_sql = "SELECT id FROM articles WHERE source_id = ?1"; break;
        case NamedKind::kSection: articles_sql = "SELECT id FROM articles WHERE section_id = ?1"; break;
        case NamedKind::kTag: articles_sql = "SELECT article_id FROM article_tags WHERE tag_id = ?1"; break;
      }
      Stmt q(*conn, articles_sql);
      q.Bind(1, item.id);
      while (q.Step()) ids.push_back(q.Int(0));
      return ids;
    });
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::FindRedirect(NamedKind kind, const std::string& old_slug, std::string* slug) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT new_id FROM slug_redirects WHERE kind = ?1 AND old_slug = ?2");
    q.Bind(1, ToString(kind)).Bind(2, old_slug);
    if (!q.Step()) return Status::NotFound("no redirect for " + old_slug);
    Stmt g(*conn, SqlFor(kind).get);
    g.Bind(1, q.Int(0));
    if (!g.Step()) return Status::NotFound("redirect target is gone");
    *slug = g.Text(2);
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
