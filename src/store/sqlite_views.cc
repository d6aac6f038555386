// SqliteStore's readers' views (migration 24): hourly counts added by the
// servers' flushes, the most read over a window, one article's hours.
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

Status SqliteStore::AddArticleViews(const std::vector<ArticleViewsAdd>& adds) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    for (const ArticleViewsAdd& a : adds) {
      if (a.views <= 0) continue;
      // The SELECT skips an article deleted since its views were taken (the
      // foreign key would otherwise fail the whole batch).
      Stmt q(*conn,
             "INSERT INTO article_views(article_id, hour, views) "
             "SELECT id, ?2, ?3 FROM articles WHERE id = ?1 "
             "ON CONFLICT(article_id, hour) DO UPDATE SET views = views + excluded.views");
      q.Bind(1, a.article_id).Bind(2, a.hour).Bind(3, a.views);
      q.Step();
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::ListMostRead(int64_t since, int64_t limit, std::vector<MostReadArticle>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    // The window's rows by the hour index, summed per article, then the
    // published articles among them as summaries.
    Stmt q(*conn,
           "WITH v AS (SELECT article_id, sum(views) AS views FROM article_views "
           "WHERE hour >= ?1 GROUP BY article_id) "
           "SELECT a.id, a.title, a.slug, a.published_at, "
           "coalesce((SELECT text FROM article_highlights h WHERE h.article_id = a.id "
           "ORDER BY position LIMIT 1), ''), coalesce(c.name, ''), coalesce(c.slug, ''), "
           "coalesce(w.name, ''), v.views FROM v JOIN articles a ON a.id = v.article_id "
           "LEFT JOIN sections c ON c.id = a.section_id LEFT JOIN people w ON w.id = a.writer_id "
           "WHERE a.status = 'published' AND a.kind = 'article' AND v.views > 0 "
           "ORDER BY v.views DESC, a.published_at DESC, a.id DESC LIMIT ?2");
    q.Bind(1, since).Bind(2, limit);
    while (q.Step()) {
      MostReadArticle m;
      m.article = ReadSummary(q);
      m.views = q.Int(8);
      out->push_back(std::move(m));
    }
    return Status::Ok();
  });
}

Status SqliteStore::ListArticleViews(Id article_id, int64_t since, std::vector<HourViews>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT hour, views FROM article_views WHERE article_id = ?1 AND hour >= ?2 ORDER BY hour");
    q.Bind(1, article_id).Bind(2, since);
    while (q.Step()) out->push_back({q.Int(0), q.Int(1)});
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
