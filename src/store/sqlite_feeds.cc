// SqliteStore's reads for feeds and sitemaps: published rows streamed one
// at a time (a month's sitemap may list 50,000), covered by migration 16's
// index articles_sitemap (status, kind, published_at, id, modified_at,
// updated_at).
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

// Statements are cached by the address of their text (sqlite_db.h), so
// each variant is a literal of its own. QALAM_MODIFIED: the latest of a
// row's times, its publication, its "updated" time and its last write.
#define QALAM_MODIFIED "max(a.published_at, a.modified_at, a.updated_at)"
#define QALAM_SITEMAP_ROWS(ORDER)                                                                 \
  "SELECT a.id, a.slug, a.title, a.published_at, " QALAM_MODIFIED ", coalesce(m.variants, '') "   \
  "FROM articles a INDEXED BY articles_sitemap LEFT JOIN media m ON m.id = a.image_id "          \
  "WHERE a.status = 'published' AND a.kind = ?1 AND a.published_at >= ?2 AND a.published_at < ?3 " \
  "ORDER BY " ORDER " LIMIT ?4 OFFSET ?5"
#define QALAM_SITEMAP_NAMES(FROM)                                                               \
  "SELECT t.id, t.slug, max(" QALAM_MODIFIED ") FROM " FROM                                     \
  " WHERE a.status = 'published' AND a.kind = 'article' GROUP BY t.id ORDER BY t.slug LIMIT ?1 OFFSET ?2"

Status SqliteStore::ListSitemapMonths(std::vector<SitemapMonth>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT strftime('%Y-%m', a.published_at, 'unixepoch') AS m, count(*), max(" QALAM_MODIFIED
                  ") FROM articles a INDEXED BY articles_sitemap "
                  "WHERE a.status = 'published' AND a.kind = 'article' GROUP BY m ORDER BY m DESC");
    while (q.Step()) out->push_back(SitemapMonth{q.Text(0), q.Int(1), q.Int(2)});
    return Status::Ok();
  });
}

Status SqliteStore::ForEachSitemapArticle(const SitemapQuery& query,
                                          const std::function<void(const SitemapRow&)>& row) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, query.newest_first ? QALAM_SITEMAP_ROWS("a.published_at DESC, a.id DESC")
                                     : QALAM_SITEMAP_ROWS("a.published_at, a.id"));
    q.Bind(1, ToString(query.kind)).Bind(2, query.from).Bind(3, query.to).Bind(4, query.limit)
        .Bind(5, query.offset);
    SitemapRow r;
    while (q.Step()) {
      r.id = q.Int(0);
      r.slug = q.Text(1);
      r.title = q.Text(2);
      r.published_at = q.Int(3);
      r.modified_at = q.Int(4);
      const std::string variants = q.Text(5);
      MediaItem image;  // Its sizes; the crops are not a sitemap's.
      if (!variants.empty()) ParseVariants(variants, &image);
      r.image_variants = std::move(image.variants);
      row(r);
    }
    return Status::Ok();
  });
}

Status SqliteStore::ForEachSitemapName(NamedKind kind, int64_t offset, int64_t limit,
                                       const std::function<void(const SitemapName&)>& name) {
  return Guard([&] {
    const char* sql = nullptr;
    switch (kind) {
      case NamedKind::kPerson: sql = QALAM_SITEMAP_NAMES("people t JOIN articles a ON " QALAM_TOOK_PART("t.id")); break;
      case NamedKind::kSource: sql = QALAM_SITEMAP_NAMES("articles a JOIN sources t ON t.id = a.source_id"); break;
      case NamedKind::kSection:
        sql = QALAM_SITEMAP_NAMES("articles a JOIN sections t ON t.id = a.section_id");
        break;
      case NamedKind::kTag:
        sql = QALAM_SITEMAP_NAMES(
            "article_tags at JOIN articles a ON a.id = at.article_id JOIN tags t ON t.id = at.tag_id");
        break;
    }
    auto conn = pool_.Acquire();
    Stmt q(*conn, sql);
    q.Bind(1, limit).Bind(2, offset);
    SitemapName n;
    while (q.Step()) {
      n.id = q.Int(0);
      n.slug = q.Text(1);
      n.modified_at = q.Int(2);
      name(n);
    }
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
