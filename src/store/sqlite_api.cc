// SqliteStore's reads for the Content API (render/content_api.h): keyset
// pages of published articles with everything their pages show, read in a
// fixed number of statements per page (not one article at a time), and the
// published names and static pages.
#include <map>
#include <string>
#include <vector>

#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {
namespace {

// Columns 0-28 of every API article row; the bodies are columns 5 and 6
// when asked for (empty strings otherwise: a list rarely wants them).
std::string ArticleColumns(bool with_bodies) {
  return std::string(
             "SELECT a.id, a.title, a.slug, a.published_at, a.updated_at, ") +
         (with_bodies ? "a.body_md, a.body_html, " : "'', '', ") +
         "w.id, w.name, w.slug, w.bio, coalesce(w.photo_id, 0), e.id, e.name, e.slug, "
         "s.id, s.name, s.slug, s.url, c.id, c.name, c.slug, coalesce(a.image_id, 0), a.image_alt, "
         "a.image_caption, a.seo_title, a.seo_description, a.original_url, a.canonical_original "
         "FROM articles a LEFT JOIN people w ON w.id = a.writer_id "
         "LEFT JOIN people e ON e.id = a.editor_id LEFT JOIN sources s ON s.id = a.source_id "
         "LEFT JOIN sections c ON c.id = a.section_id ";
}

ApiArticle ReadApiRow(Stmt& q) {
  ApiArticle item;
  Article& a = item.article;
  a.id = q.Int(0);
  a.title = q.Text(1);
  a.slug = q.Text(2);
  a.status = ArticleStatus::kPublished;
  a.published_at = q.Int(3);
  a.updated_at = q.Int(4);
  a.body_markdown = q.Text(5);
  a.body_html = q.Text(6);
  if (!q.IsNull(7)) a.writer = Person{q.Int(7), q.Text(8), q.Text(9), q.Text(10), q.Int(11)};
  if (!q.IsNull(12)) a.editor = Person{q.Int(12), q.Text(13), q.Text(14), ""};
  if (!q.IsNull(15)) a.source = Source{q.Int(15), q.Text(16), q.Text(17), q.Text(18)};
  if (!q.IsNull(19)) a.section = Section{q.Int(19), q.Text(20), q.Text(21), ""};
  a.image_id = q.Int(22);
  a.image_alt = q.Text(23);
  a.image_caption = q.Text(24);
  a.seo_title = q.Text(25);
  a.seo_description = q.Text(26);
  a.original_url = q.Text(27);
  a.canonical_original = q.Int(28) != 0;
  return item;
}

// The list statement for one combination of filters. Connection caches
// statements by the address of their text, so each combination's text is
// made once and kept for the life of the process. Bindings: ?1 section,
// ?2 writer, ?3 source, ?4 tag (each only when its filter is on), ?5
// since, ?6 the upper bound of published_at (until or the cursor's time,
// the lower), ?7 the cursor's time, ?8 its id, ?9 updated_since, ?10 limit.
// The time bounds are always bound (to the extremes when absent) so that
// the index's range is (published_at <= ?6), whatever the request.
const char* ListSql(bool section, bool writer, bool source, bool tag, bool with_bodies) {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (int mask = 0; mask < 32; ++mask) {
      // By writer: from their articles' ids (QALAM_TOOK_PART), not the date index.
      std::string sql = ArticleColumns(mask & 16) + ((mask & 2) ? "WHERE +a.status = 'published' AND +a.kind = 'article' "
                                                                : "WHERE a.status = 'published' AND a.kind = 'article' ");
      if (mask & 1) sql += "AND a.section_id = ?1 ";
      if (mask & 2) sql += "AND " QALAM_TOOK_PART("?2") " ";
      if (mask & 4) sql += "AND a.source_id = ?3 ";
      if (mask & 8) {
        sql += "AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = ?4) ";
      }
      sql +=
          "AND a.published_at >= ?5 AND a.published_at <= ?6 AND (a.published_at < ?7 OR a.id < ?8) "
          "AND max(a.published_at, a.updated_at) >= ?9 "
          "ORDER BY a.published_at DESC, a.id DESC LIMIT ?10";
      out.push_back(std::move(sql));
    }
    return out;
  }();
  const int mask = (section ? 1 : 0) | (writer ? 2 : 0) | (source ? 4 : 0) | (tag ? 8 : 0) | (with_bodies ? 16 : 0);
  return texts[mask].c_str();
}

const char* SingleSql(bool by_id) {
  static const std::string by_id_sql =
      ArticleColumns(true) + "WHERE a.id = ?1 AND a.status = 'published' AND a.kind = 'article'";
  static const std::string by_slug_sql =
      ArticleColumns(true) + "WHERE a.slug = ?1 AND a.status = 'published' AND a.kind = 'article'";
  return by_id ? by_id_sql.c_str() : by_slug_sql.c_str();
}

}  // namespace

void SqliteStore::FillApiArticles(Connection& conn, std::vector<ApiArticle>* items) {
  if (items->empty()) return;
  std::map<Id, ApiArticle*> by_id;
  std::vector<Id> ids;
  std::vector<Id> media_ids;
  for (ApiArticle& item : *items) {
    by_id[item.article.id] = &item;
    ids.push_back(item.article.id);
    if (item.article.image_id) media_ids.push_back(item.article.image_id);
    if (item.article.writer && item.article.writer->photo_id) media_ids.push_back(item.article.writer->photo_id);
  }
  const std::string ids_json = IdsJson(ids);
  {
    Stmt q(conn,
           "SELECT article_id, text FROM article_highlights WHERE article_id IN (SELECT value FROM json_each(?1)) "
           "ORDER BY article_id, position");
    q.Bind(1, ids_json);
    while (q.Step()) by_id[q.Int(0)]->article.highlights.push_back(q.Text(1));
  }
  {
    Stmt q(conn,
           "SELECT at.article_id, t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id "
           "WHERE at.article_id IN (SELECT value FROM json_each(?1)) ORDER BY at.article_id, at.position");
    q.Bind(1, ids_json);
    while (q.Step()) by_id[q.Int(0)]->article.tags.push_back(Tag{q.Int(1), q.Text(2), q.Text(3), ""});
  }
  {
    Stmt q(conn,
           "SELECT ap.article_id, ap.role, p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0) "
           "FROM article_people ap JOIN people p ON p.id = ap.person_id "
           "WHERE ap.article_id IN (SELECT value FROM json_each(?1)) ORDER BY ap.article_id, ap.position");
    q.Bind(1, ids_json);
    while (q.Step()) {
      Contributor c;
      ParseContributorRole(q.Text(1), &c.role);
      c.person = Person{q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Int(6)};
      if (c.person.photo_id) media_ids.push_back(c.person.photo_id);
      by_id[q.Int(0)]->article.contributors.push_back(std::move(c));
    }
  }
  {
    // As ReadArticle: a curated link to an article shows only while that
    // article is published.
    Stmt q(conn,
           "SELECT r.article_id, r.title, r.url, t.id, t.slug FROM article_related r "
           "LEFT JOIN articles t ON t.id = r.target_id AND t.status = 'published' "
           "WHERE r.article_id IN (SELECT value FROM json_each(?1)) ORDER BY r.article_id, r.position");
    q.Bind(1, ids_json);
    while (q.Step()) {
      RelatedLink link;
      link.title = q.Text(1);
      link.url = q.Text(2);
      if (!q.IsNull(3)) {
        link.target_id = q.Int(3);
        link.target_slug = q.Text(4);
      }
      by_id[q.Int(0)]->article.related.push_back(std::move(link));
    }
  }
  {
    // As GetAutoRelated. CROSS JOIN keeps related_auto first: left to
    // itself SQLite walks every published article (an index on status and
    // kind) and looks each up in related_auto, ~1 s on 40,000 articles.
    Stmt q(conn,
           "SELECT r.article_id, a.id, a.title, a.slug, a.published_at FROM related_auto r "
           "CROSS JOIN articles a ON a.id = r.target_id "
           "WHERE r.article_id IN (SELECT value FROM json_each(?1)) AND a.status = 'published' "
           "AND a.kind = 'article' ORDER BY r.article_id, r.position");
    q.Bind(1, ids_json);
    while (q.Step()) {
      ArticleSummary s;
      s.id = q.Int(1);
      s.title = q.Text(2);
      s.slug = q.Text(3);
      s.published_at = q.Int(4);
      by_id[q.Int(0)]->auto_related.push_back(std::move(s));
    }
  }
  {
    Stmt q(conn,
           "SELECT article_id, kind, placement, text, at FROM article_notices "
           "WHERE article_id IN (SELECT value FROM json_each(?1)) ORDER BY article_id, position");
    q.Bind(1, ids_json);
    while (q.Step()) {
      ArticleNotice n;
      ParseNoticeKind(q.Text(1), &n.kind);
      ParseNoticePlacement(q.Text(2), &n.placement);
      n.text = q.Text(3);
      n.at = q.Int(4);
      by_id[q.Int(0)]->article.notices.push_back(std::move(n));
    }
  }
  {
    Stmt q(conn,
           "SELECT article_id, count(*) FROM comments WHERE article_id IN (SELECT value FROM json_each(?1)) "
           "AND state = 'approved' GROUP BY article_id");
    q.Bind(1, ids_json);
    while (q.Step()) by_id[q.Int(0)]->comment_count = q.Int(1);
  }
  if (!media_ids.empty()) {
    std::map<Id, MediaItem> media;
    Stmt q(conn,
           "SELECT id, hash, mime, width, height, alt, variants, coalesce(uploaded_by, 0), created_at, caption, credit "
           "FROM media WHERE id IN (SELECT value FROM json_each(?1))");
    q.Bind(1, IdsJson(media_ids));
    while (q.Step()) {
      MediaItem m = ReadMediaRow(q);
      media[m.id] = std::move(m);
    }
    for (ApiArticle& item : *items) {
      Article& a = item.article;
      if (auto it = media.find(a.image_id); a.image_id && it != media.end()) a.image = it->second;
      if (a.writer && a.writer->photo_id) {
        if (auto it = media.find(a.writer->photo_id); it != media.end()) item.writer_photo = it->second;
      }
      for (const Contributor& c : a.contributors) {
        if (auto it = media.find(c.person.photo_id); c.person.photo_id && it != media.end()) {
          item.contributor_photos[c.person.id] = it->second;
        }
      }
    }
  }
}

Status SqliteStore::ListApiArticles(const ApiArticleFilter& f, bool with_bodies, std::vector<ApiArticle>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    ReadSnapshot snapshot(*conn);
    out->clear();
    const int64_t cursor_time = f.after ? f.after->first : INT64_MAX;
    const Id cursor_id = f.after ? f.after->second : INT64_MAX;
    Stmt q(*conn, ListSql(f.section_id != 0, f.writer_id != 0, f.source_id != 0, f.tag_id != 0, with_bodies));
    if (f.section_id) q.Bind(1, f.section_id);
    if (f.writer_id) q.Bind(2, f.writer_id);
    if (f.source_id) q.Bind(3, f.source_id);
    if (f.tag_id) q.Bind(4, f.tag_id);
    q.Bind(5, f.since).Bind(6, std::min(f.until, cursor_time)).Bind(7, cursor_time).Bind(8, cursor_id);
    q.Bind(9, f.updated_since).Bind(10, f.limit);
    while (q.Step()) out->push_back(ReadApiRow(q));
    FillApiArticles(*conn, out);
    return Status::Ok();
  });
}

Status SqliteStore::GetApiArticle(Id id, const std::string& slug, ApiArticle* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    ReadSnapshot snapshot(*conn);
    std::vector<ApiArticle> items;
    {
      Stmt q(*conn, SingleSql(id != 0));
      if (id) q.Bind(1, id); else q.Bind(1, slug);
      if (!q.Step()) return Status::NotFound("no published article " + (id ? std::to_string(id) : slug));
      items.push_back(ReadApiRow(q));
    }
    FillApiArticles(*conn, &items);
    *out = std::move(items.front());
    return Status::Ok();
  });
}

namespace {

// Each kind's statements: its published articles counted, the list by
// (name, id) after ?1, ?2 (?3 limit), and one by slug (?1).
struct ApiNameSql {
  const char* list;
  const char* by_slug;
};

#define QALAM_PEOPLE_COUNT \
  "(SELECT count(*) FROM articles a WHERE " QALAM_TOOK_PART("x.id") " AND +a.status = 'published' AND +a.kind = 'article')"
#define QALAM_SOURCES_COUNT \
  "(SELECT count(*) FROM articles a WHERE a.source_id = x.id AND a.status = 'published' AND a.kind = 'article')"
#define QALAM_SECTIONS_COUNT \
  "(SELECT count(*) FROM articles a WHERE a.section_id = x.id AND a.status = 'published' AND a.kind = 'article')"
#define QALAM_TAGS_COUNT                                                                              \
  "(SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE at.tag_id = x.id " \
  "AND a.status = 'published' AND a.kind = 'article')"
#define QALAM_NAME_LIST(COLUMNS, TABLE, COUNT)                                                       \
  "SELECT * FROM (SELECT x.id, x.name, x.slug, " COLUMNS ", " COUNT " AS n FROM " TABLE " x "        \
  "WHERE x.name > ?1 OR (x.name = ?1 AND x.id > ?2)) WHERE n > 0 ORDER BY name, id LIMIT ?3"
#define QALAM_NAME_ONE(COLUMNS, TABLE, COUNT) \
  "SELECT x.id, x.name, x.slug, " COLUMNS ", " COUNT " FROM " TABLE " x WHERE x.slug = ?1"

const ApiNameSql& NameSqlFor(NamedKind kind) {
  static const ApiNameSql people = {
      QALAM_NAME_LIST("x.bio, coalesce(x.photo_id, 0)", "people", QALAM_PEOPLE_COUNT),
      QALAM_NAME_ONE("x.bio, coalesce(x.photo_id, 0)", "people", QALAM_PEOPLE_COUNT)};
  static const ApiNameSql sources = {QALAM_NAME_LIST("x.url, 0", "sources", QALAM_SOURCES_COUNT),
                                     QALAM_NAME_ONE("x.url, 0", "sources", QALAM_SOURCES_COUNT)};
  static const ApiNameSql sections = {QALAM_NAME_LIST("x.description, 0", "sections", QALAM_SECTIONS_COUNT),
                                      QALAM_NAME_ONE("x.description, 0", "sections", QALAM_SECTIONS_COUNT)};
  static const ApiNameSql tags = {QALAM_NAME_LIST("x.description, 0", "tags", QALAM_TAGS_COUNT),
                                  QALAM_NAME_ONE("x.description, 0", "tags", QALAM_TAGS_COUNT)};
  switch (kind) {
    case NamedKind::kSource: return sources;
    case NamedKind::kSection: return sections;
    case NamedKind::kTag: return tags;
    case NamedKind::kPerson: break;
  }
  return people;
}

#undef QALAM_PEOPLE_COUNT
#undef QALAM_SOURCES_COUNT
#undef QALAM_SECTIONS_COUNT
#undef QALAM_TAGS_COUNT
#undef QALAM_NAME_LIST
#undef QALAM_NAME_ONE

}  // namespace

Status SqliteStore::ListApiNames(NamedKind kind, const std::string& after_name, Id after_id, int64_t limit,
                                 std::vector<NamedItem>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, NameSqlFor(kind).list);
    q.Bind(1, after_name).Bind(2, after_id).Bind(3, limit);
    while (q.Step()) out->push_back(NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)});
    return Status::Ok();
  });
}

Status SqliteStore::GetApiName(NamedKind kind, const std::string& slug, NamedItem* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, NameSqlFor(kind).by_slug);
    q.Bind(1, slug);
    // A writer has a page without articles (their bio); the others do not.
    if (!q.Step() || (kind != NamedKind::kPerson && q.Int(5) == 0)) {
      return Status::NotFound(std::string("no ") + ToString(kind) + " " + slug);
    }
    *out = NamedItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), q.Int(5)};
    return Status::Ok();
  });
}

Status SqliteStore::ListApiPages(Id after_id, int64_t limit, std::vector<Article>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT id, title, slug, published_at, updated_at, body_md, body_html FROM articles "
           "WHERE kind = 'page' AND status = 'published' AND id > ?1 ORDER BY id LIMIT ?2");
    q.Bind(1, after_id).Bind(2, limit);
    while (q.Step()) {
      Article a;
      a.kind = ArticleKind::kPage;
      a.id = q.Int(0);
      a.title = q.Text(1);
      a.slug = q.Text(2);
      a.published_at = q.Int(3);
      a.updated_at = q.Int(4);
      a.body_markdown = q.Text(5);
      a.body_html = q.Text(6);
      out->push_back(std::move(a));
    }
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
