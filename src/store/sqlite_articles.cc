// SqliteStore's articles: one read with everything its page and the desk
// show, summaries and lists, and saving (SaveOne, for the importer, the desk
// and scheduled publishing alike) with the change keys a save implies.
#include <algorithm>
#include <cctype>
#include <functional>

#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

Status SqliteStore::SaveArticles(std::vector<Article>* articles, std::vector<SaveResult>* results,
                                 std::set<std::string>* changes) {
  results->clear();
  for (const Article& a : *articles) {
    if (Status st = CheckMade(a); !st.ok()) return st;
  }
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    ArticleSaveFacts facts;
    const std::vector<Id> menu_before = MenuSections(*conn);
    for (Article& a : *articles) results->push_back(SaveOne(*conn, a, &facts));
    // The section menu on every page lists sections with published articles.
    facts.menu_changed = MenuSections(*conn) != menu_before;
    const std::set<std::string> local = keys::ForArticleSave(facts);
    InsertChanges(*conn, local);
    tx.Commit();
    changes->insert(local.begin(), local.end());
    return Status::Ok();
  });
}

Status SqliteStore::GetArticleBySlug(const std::string& slug, Article* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    if (!ReadArticle(*conn, 0, slug, out)) return Status::NotFound("no article with slug " + slug);
    return Status::Ok();
  });
}

Status SqliteStore::GetArticleById(Id id, Article* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    if (!ReadArticle(*conn, id, "", out)) {
      return Status::NotFound("no article with id " + std::to_string(id));
    }
    return Status::Ok();
  });
}

Status SqliteStore::ListAllArticleIds(std::vector<Id>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT id FROM articles ORDER BY id");
    while (q.Step()) out->push_back(q.Int(0));
    return Status::Ok();
  });
}

#define QALAM_ARTICLE_SELECT                                                                   \
  "SELECT a.id, coalesce(a.external_id, ''), a.title, a.slug, a.status, a.published_at, "     \
  "a.updated_at, a.body_md, a.body_html, "                                                    \
  "w.id, w.name, w.slug, w.bio, e.id, e.name, e.slug, e.bio, "                                \
  "s.id, s.name, s.slug, s.url, c.id, c.name, c.slug, "                                       \
  "coalesce(a.image_id, 0), a.image_alt, coalesce(a.author_id, 0), a.workflow, "              \
  "a.scheduled_at, a.trashed_at, a.version, a.modified_at, coalesce(w.photo_id, 0), "        \
  "a.kind, a.in_footer, a.pinned, a.pinned_until, a.image_caption, "                          \
  "a.seo_title, a.seo_description, a.original_url, a.canonical_original, c.description, "   \
  "coalesce(c.show_time, 1) "                                                                 \
  "FROM articles a LEFT JOIN people w ON w.id = a.writer_id "                                 \
  "LEFT JOIN people e ON e.id = a.editor_id "                                                 \
  "LEFT JOIN sources s ON s.id = a.source_id "                                                \
  "LEFT JOIN sections c ON c.id = a.section_id "

// One article with everything its page and the desk show, by id (when not
// 0) or slug; false when there is none.
bool SqliteStore::ReadArticle(Connection& conn, Id id, const std::string& slug, Article* out) {
  Stmt q(conn, id ? QALAM_ARTICLE_SELECT "WHERE a.id = ?1" : QALAM_ARTICLE_SELECT "WHERE a.slug = ?1");
  if (id) q.Bind(1, id); else q.Bind(1, slug);
  if (!q.Step()) return false;
  Article a;
  a.id = q.Int(0);
  a.external_id = q.Text(1);
  a.title = q.Text(2);
  a.slug = q.Text(3);
  ParseArticleStatus(q.Text(4), &a.status);
  a.published_at = q.Int(5);
  a.updated_at = q.Int(6);
  a.body_markdown = q.Text(7);
  a.body_html = q.Text(8);
  if (!q.IsNull(9)) a.writer = Person{q.Int(9), q.Text(10), q.Text(11), q.Text(12)};
  if (!q.IsNull(13)) a.editor = Person{q.Int(13), q.Text(14), q.Text(15), q.Text(16)};
  if (!q.IsNull(17)) a.source = Source{q.Int(17), q.Text(18), q.Text(19), q.Text(20)};
  if (!q.IsNull(21)) a.section = Section{q.Int(21), q.Text(22), q.Text(23), ""};
  a.image_id = q.Int(24);
  a.image_alt = q.Text(25);
  a.author_id = q.Int(26);
  ParseWorkflow(q.Text(27), &a.workflow);
  a.scheduled_at = q.Int(28);
  a.trashed_at = q.Int(29);
  a.version = q.Int(30);
  a.modified_at = q.Int(31);
  if (a.writer) a.writer->photo_id = q.Int(32);
  ParseArticleKind(q.Text(33), &a.kind);
  a.in_footer = q.Int(34) != 0;
  a.pinned = q.Int(35) != 0;
  a.pinned_until = q.Int(36);
  a.image_caption = q.Text(37);
  a.seo_title = q.Text(38);
  a.seo_description = q.Text(39);
  a.original_url = q.Text(40);
  a.canonical_original = q.Int(41) != 0;
  if (a.section) {
    a.section->description = q.Text(42);
    a.section->show_time = q.Int(43) != 0;
  }
  a.notices = ReadNotices(conn, a.id);
  {
    Stmt p(conn,
           "SELECT ap.role, p.id, p.name, p.slug, p.bio, coalesce(p.photo_id, 0) FROM article_people ap "
           "JOIN people p ON p.id = ap.person_id WHERE ap.article_id = ?1 ORDER BY ap.position");
    p.Bind(1, a.id);
    while (p.Step()) {
      Contributor c;
      ParseContributorRole(p.Text(0), &c.role);
      c.person = Person{p.Int(1), p.Text(2), p.Text(3), p.Text(4), p.Int(5)};
      a.contributors.push_back(std::move(c));
    }
  }
  {
    Stmt h(conn, "SELECT text FROM article_highlights WHERE article_id = ?1 ORDER BY position");
    h.Bind(1, a.id);
    while (h.Step()) a.highlights.push_back(h.Text(0));
  }
  {
    Stmt t(conn,
           "SELECT t.id, t.name, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id "
           "WHERE at.article_id = ?1 ORDER BY at.position");
    t.Bind(1, a.id);
    while (t.Step()) a.tags.push_back(Tag{t.Int(0), t.Text(1), t.Text(2), ""});
  }
  {
    // A curated link to an article is shown only while that article is published.
    Stmt r(conn,
           "SELECT r.title, r.url, t.id, t.slug FROM article_related r "
           "LEFT JOIN articles t ON t.id = r.target_id AND t.status = 'published' "
           "WHERE r.article_id = ?1 ORDER BY r.position");
    r.Bind(1, a.id);
    while (r.Step()) {
      RelatedLink link;
      link.title = r.Text(0);
      link.url = r.Text(1);
      if (!r.IsNull(2)) {
        link.target_id = r.Int(2);
        link.target_slug = r.Text(3);
      }
      a.related.push_back(std::move(link));
    }
  }
  if (a.image_id) {
    MediaItem m;
    if (ReadMedia(conn, a.image_id, &m)) a.image = std::move(m);
  }
  *out = std::move(a);
  return true;
}
#undef QALAM_ARTICLE_SELECT

std::vector<ArticleNotice> SqliteStore::ReadNotices(Connection& conn, Id article_id) {
  std::vector<ArticleNotice> out;
  Stmt q(conn, "SELECT kind, placement, text, at FROM article_notices WHERE article_id = ?1 ORDER BY position");
  q.Bind(1, article_id);
  while (q.Step()) {
    ArticleNotice n;
    ParseNoticeKind(q.Text(0), &n.kind);
    ParseNoticePlacement(q.Text(1), &n.placement);
    n.text = q.Text(2);
    n.at = q.Int(3);
    out.push_back(std::move(n));
  }
  return out;
}

Status SqliteStore::ListCorrections(int64_t offset, int64_t limit, std::vector<CorrectionEntry>* out,
                                   int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
#define QALAM_CORRECTIONS_FROM                                                                  \
  "FROM article_notices n JOIN articles a ON a.id = n.article_id "                               \
  "WHERE n.kind IN ('correction', 'clarification') AND a.status = 'published' AND a.kind = 'article' "
    {
      Stmt c(*conn, "SELECT count(*) " QALAM_CORRECTIONS_FROM);
      *total = c.Step() ? c.Int(0) : 0;
    }
    Stmt q(*conn, "SELECT n.kind, n.placement, n.text, n.at, a.id, a.title, a.slug " QALAM_CORRECTIONS_FROM
                  "ORDER BY n.at DESC, n.article_id DESC, n.position DESC LIMIT ?1 OFFSET ?2");
#undef QALAM_CORRECTIONS_FROM
    q.Bind(1, limit).Bind(2, offset);
    while (q.Step()) {
      CorrectionEntry e;
      ParseNoticeKind(q.Text(0), &e.notice.kind);
      ParseNoticePlacement(q.Text(1), &e.notice.placement);
      e.notice.text = q.Text(2);
      e.notice.at = q.Int(3);
      e.article_id = q.Int(4);
      e.title = q.Text(5);
      e.slug = q.Text(6);
      out->push_back(std::move(e));
    }
    return Status::Ok();
  });
}

Status SqliteStore::GetArticleSummaries(const std::vector<Id>& ids,
                                        std::vector<ArticleSummary>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    for (Id id : ids) {
      Stmt q(*conn, kSummarySelect_ById);
      q.Bind(1, id);
      if (q.Step()) out->push_back(ReadSummary(q));
    }
    return Status::Ok();
  });
}

Status SqliteStore::ListArticles(ListKind kind, Id owner, int64_t offset, int64_t limit,
                                 ArticlePage* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    const char* list_sql = nullptr;
    const char* count_sql = nullptr;
    switch (kind) {
      case ListKind::kAll:
        list_sql = kSummarySelect_All;
        count_sql = "SELECT count(*) FROM articles WHERE status = 'published' AND kind = 'article' AND ?1 = ?1";
        break;
      case ListKind::kSection:
        list_sql = kSummarySelect_Section;
        count_sql =
            "SELECT count(*) FROM articles WHERE section_id = ?1 AND status = 'published' AND kind = 'article'";
        break;
      case ListKind::kWriter:
        list_sql = kSummarySelect_Writer;
        count_sql =
            "SELECT count(*) FROM articles a WHERE " QALAM_TOOK_PART("?1")
            " AND +a.status = 'published' AND +a.kind = 'article'";
        break;
      case ListKind::kSource:
        list_sql = kSummarySelect_Source;
        count_sql =
            "SELECT count(*) FROM articles WHERE source_id = ?1 AND status = 'published' AND kind = 'article'";
        break;
      case ListKind::kTag:
        list_sql = kSummarySelect_Tag;
        count_sql =
            "SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id "
            "WHERE at.tag_id = ?1 AND a.status = 'published' AND a.kind = 'article'";
        break;
    }
    out->items.clear();
    {
      Stmt c(*conn, count_sql);
      c.Bind(1, owner);
      out->total = c.Step() ? c.Int(0) : 0;
    }
    Stmt q(*conn, list_sql);
    q.Bind(1, owner).Bind(2, limit).Bind(3, offset);
    while (q.Step()) out->items.push_back(ReadSummary(q));
    return Status::Ok();
  });
}

Status SqliteStore::CountArticles(int64_t* published, int64_t* drafts) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT coalesce(sum(status = 'published' AND kind = 'article'), 0), coalesce(sum(status = 'draft'), 0) "
           "FROM articles");
    q.Step();
    *published = q.Int(0);
    *drafts = q.Int(1);
    return Status::Ok();
  });
}

Status SqliteStore::ListFooterPages(std::vector<ArticleSummary>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, kSummarySelect_Footer);
    while (q.Step()) out->push_back(ReadSummary(q));
    return Status::Ok();
  });
}

Status SqliteStore::ListPinnedArticles(int64_t now, std::vector<ArticleSummary>* out, int64_t* expires) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    int64_t first = 0;
    Stmt q(*conn, kSummarySelect_Pinned);
    q.Bind(1, now);
    while (q.Step()) {
      out->push_back(ReadSummary(q));
      const int64_t until = q.Int(8);
      if (until && (first == 0 || until < first)) first = until;
    }
    if (expires) *expires = first;
    return Status::Ok();
  });
}

ArticleSummary SqliteStore::ReadSummary(Stmt& q) {
  ArticleSummary s;
  s.id = q.Int(0);
  s.title = q.Text(1);
  s.slug = q.Text(2);
  s.published_at = q.Int(3);
  s.first_highlight = q.Text(4);
  s.section_name = q.Text(5);
  s.section_slug = q.Text(6);
  s.writer_name = q.Text(7);
  return s;
}

std::vector<Id> SqliteStore::MenuSections(Connection& conn) {
  std::vector<Id> ids;
  // One index seek per section (articles_menu), not a walk of every
  // published article: this runs twice in every save.
  Stmt q(conn, "SELECT s.id FROM sections s WHERE EXISTS (SELECT 1 FROM articles a "
               "WHERE a.status = 'published' AND a.kind = 'article' AND a.section_id = s.id) "
               "ORDER BY s.id");
  while (q.Step()) ids.push_back(q.Int(0));
  return ids;
}

std::string SqliteStore::ContentHash(const Article& a) {
  // Everything saved, separated by a byte that cannot occur in UTF-8 text.
  std::string s;
  auto add = [&](const std::string& v) { s += v; s += '\xff'; };
  add(a.title);
  add(a.slug);
  add(ToString(a.status));
  add(std::to_string(a.published_at));
  add(std::to_string(a.updated_at));
  add(a.body_markdown);
  add(a.body_html);
  for (const auto& h : a.highlights) add("h" + h);
  if (a.writer) add("w" + a.writer->name + '\xfe' + a.writer->bio);
  if (a.editor) add("e" + a.editor->name);
  if (a.source) add("s" + a.source->name + '\xfe' + a.source->url);
  if (a.section) add("c" + a.section->name);
  for (const auto& t : a.tags) add("t" + t.name);
  for (const auto& r : a.related) add("r" + r.title + '\xfe' + r.url);
  // Added only when not the default, so that an article stored before
  // migration 9 keeps its hash and its unchanged re-import stays a no-op.
  if (a.kind != ArticleKind::kArticle) add(std::string("k") + ToString(a.kind));
  if (a.in_footer) add("f");
  if (a.pinned) add("p" + std::to_string(a.pinned_until));
  // Migration 15's, likewise only when set.
  if (!a.seo_title.empty()) add("st" + a.seo_title);
  if (!a.seo_description.empty()) add("sd" + a.seo_description);
  if (!a.original_url.empty()) add("ou" + a.original_url);
  if (a.canonical_original) add("co");
  // Migration 21's co-writers, translators and contributors, likewise.
  for (const Contributor& c : a.contributors) add(std::string("pp") + ToString(c.role) + '\xfe' + c.person.name);
  // Migration 19's notices, likewise only when there are some.
  for (const ArticleNotice& n : a.notices) {
    add(std::string("n") + ToString(n.kind) + '\xfe' + ToString(n.placement) + '\xfe' + std::to_string(n.at) +
        '\xfe' + n.text);
  }
  return std::to_string(std::hash<std::string>{}(s)) + "-" + std::to_string(s.size());
}

Status SqliteStore::CheckMade(const Article& a) {
  auto missing = [&](const std::string& what) {
    return Status::Invalid("article \"" + a.title + "\": " + what +
                           " has no slug (slugs are made above the store: services/article_text.h)");
  };
  if (a.slug.empty()) return missing("the article");
  if (a.writer && a.writer->slug.empty()) return missing("writer " + a.writer->name);
  if (a.editor && a.editor->slug.empty()) return missing("editor " + a.editor->name);
  if (a.source && a.source->slug.empty()) return missing("source " + a.source->name);
  if (a.section && a.section->slug.empty()) return missing("section " + a.section->name);
  for (const Tag& t : a.tags) {
    if (t.slug.empty()) return missing("tag " + t.name);
  }
  for (const Contributor& c : a.contributors) {
    if (c.person.slug.empty()) return missing(std::string(ToString(c.role)) + " " + c.person.name);
  }
  return Status::Ok();
}

// The columns of migrations 9 and 15, bound as ?16..?23 by both writes of
// SaveOne.
void SqliteStore::BindKind(Stmt& q, const Article& a) {
  q.Bind(16, ToString(a.kind)).Bind(17, a.in_footer ? 1 : 0).Bind(18, a.pinned ? 1 : 0)
      .Bind(19, a.pinned ? a.pinned_until : 0).Bind(20, a.seo_title).Bind(21, a.seo_description)
      .Bind(22, a.original_url).Bind(23, a.canonical_original ? 1 : 0);
}

// Saves one article inside the caller's transaction.
SaveResult SqliteStore::SaveOne(Connection& conn, Article& a, ArticleSaveFacts* facts, bool index) {
  SaveResult result;
  const std::string& base_slug = a.slug;

  // Find the stored article: by interchange id, or by slug for articles without one.
  Id id = 0;
  std::string old_slug, old_hash, old_status;
  int64_t old_published_at = 0;
  ArticleKind old_kind = ArticleKind::kArticle;
  bool old_in_footer = false, old_pinned = false;
  int64_t old_pinned_until = 0;
  std::string old_title;
  Id old_refs[4] = {0, 0, 0, 0};  // section, writer, source, editor
  if (a.id != 0) {
    // A desk save names the article by id: its slug may be what changed.
    Stmt q(conn,
           "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
           "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
           "published_at, kind, in_footer, pinned, pinned_until, title FROM articles WHERE id = ?1");
    q.Bind(1, a.id);
    if (q.Step()) {
      id = q.Int(0);
      old_slug = q.Text(1);
      old_hash = q.Text(2);
      old_status = q.Text(3);
      for (int i = 0; i < 4; ++i) old_refs[i] = q.Int(4 + i);
      old_published_at = q.Int(8);
      ParseArticleKind(q.Text(9), &old_kind);
      old_in_footer = q.Int(10) != 0;
      old_pinned = q.Int(11) != 0;
      old_pinned_until = q.Int(12);
      old_title = q.Text(13);
    }
  } else {
    Stmt q(conn, a.external_id.empty()
                     ? "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
                       "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
                       "published_at, kind, in_footer, pinned, pinned_until, title FROM articles "
                       "WHERE external_id IS NULL AND (slug = ?1 OR "
                       "(title = ?2 AND slug LIKE ?1 || '-%')) ORDER BY slug = ?1 DESC LIMIT 1"
                     : "SELECT id, slug, content_hash, status, coalesce(section_id, 0), "
                       "coalesce(writer_id, 0), coalesce(source_id, 0), coalesce(editor_id, 0), "
                       "published_at, kind, in_footer, pinned, pinned_until, title FROM articles "
                       "WHERE external_id = ?1");
    q.Bind(1, a.external_id.empty() ? base_slug : a.external_id);
    if (a.external_id.empty()) q.Bind(2, a.title);
    if (q.Step()) {
      id = q.Int(0);
      old_slug = q.Text(1);
      old_hash = q.Text(2);
      old_status = q.Text(3);
      for (int i = 0; i < 4; ++i) old_refs[i] = q.Int(4 + i);
      old_published_at = q.Int(8);
      ParseArticleKind(q.Text(9), &old_kind);
      old_in_footer = q.Int(10) != 0;
      old_pinned = q.Int(11) != 0;
      old_pinned_until = q.Int(12);
      old_title = q.Text(13);
    }
  }
  const bool id_existed = id != 0;
  // A published article saved without a date keeps the one it has, or is
  // dated now when it has none yet.
  if (a.status == ArticleStatus::kPublished && a.published_at == 0) {
    a.published_at = old_published_at != 0 ? old_published_at : clock_();
  }
  const std::string hash = ContentHash(a);
  if (id != 0 && old_hash == hash) {
    result.id = id;
    a.id = id;
    a.slug = old_slug;
    return result;  // Identical: nothing to write, nothing to purge.
  }

  // A stored article keeps its slug while its base is unchanged ("x" or "x-2").
  std::string slug;
  if (id != 0 && (old_slug == base_slug || (old_slug.rfind(base_slug + "-", 0) == 0 &&
                                            old_slug.size() > base_slug.size() + 1 &&
                                            std::all_of(old_slug.begin() + base_slug.size() + 1,
                                                        old_slug.end(), ::isdigit)))) {
    slug = old_slug;
  } else {
    slug = UniqueSlug(conn, "SELECT id FROM articles WHERE slug = ?1", base_slug, id);
  }

  ArticleWrite write;
  bool created = false;
  Id writer_id = 0, editor_id = 0, source_id = 0, section_id = 0;
  if (a.writer) {
    NamedRow w = FindOrCreate(conn, kPeople, a.writer->name, a.writer->bio, a.writer->slug, &created);
    writer_id = w.id;
    if (!created && !a.writer->bio.empty() && w.extra != a.writer->bio) {
      // The bio belongs to the writer: it changes under every article of theirs.
      Stmt(conn, "UPDATE people SET bio = ?2 WHERE id = ?1").Bind(1, w.id).Bind(2, a.writer->bio).Run();
      write.writer_bio_changed = w.id;
    }
  }
  if (a.editor) {
    editor_id = FindOrCreate(conn, kPeople, a.editor->name, "", a.editor->slug, &created).id;
  }
  if (a.source) {
    NamedRow s = FindOrCreate(conn, kSources, a.source->name, a.source->url, a.source->slug, &created);
    source_id = s.id;
    if (!created && !a.source->url.empty() && s.extra != a.source->url) {
      Stmt(conn, "UPDATE sources SET url = ?2 WHERE id = ?1").Bind(1, s.id).Bind(2, a.source->url).Run();
      write.source_url_changed = s.id;
    }
  }
  if (a.section) {
    section_id = FindOrCreate(conn, kSections, a.section->name, "", a.section->slug, &created).id;
  }

  const int64_t now = clock_();
  const char* status = ToString(a.status);
  if (id == 0) {
    Stmt q(conn,
           "INSERT INTO articles(external_id, title, slug, status, published_at, updated_at, "
           "writer_id, editor_id, source_id, section_id, body_md, body_html, content_hash, "
           "created_at, modified_at, search_text, kind, in_footer, pinned, pinned_until, seo_title, "
           "seo_description, original_url, canonical_original) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, ?19, "
           "?20, ?21, ?22, ?23) "
           "RETURNING id");
    if (a.external_id.empty()) q.BindNull(1); else q.Bind(1, a.external_id);
    q.Bind(2, a.title).Bind(3, slug).Bind(4, status).Bind(5, a.published_at)
        .Bind(6, a.updated_at).BindId(7, writer_id).BindId(8, editor_id).BindId(9, source_id)
        .BindId(10, section_id).Bind(11, a.body_markdown).Bind(12, a.body_html).Bind(13, hash)
        .Bind(14, now).Bind(15, a.search_text);
    BindKind(q, a);
    q.Step();
    id = q.Int(0);
    q.Run();
    result.created = true;
  } else {
    Stmt q(conn,
           "UPDATE articles SET title = ?2, slug = ?3, status = ?4, published_at = ?5, "
           "updated_at = ?6, writer_id = ?7, editor_id = ?8, source_id = ?9, section_id = ?10, "
           "body_md = ?11, body_html = ?12, content_hash = ?13, modified_at = ?14, search_text = ?15, "
           "kind = ?16, in_footer = ?17, pinned = ?18, pinned_until = ?19, seo_title = ?20, "
           "seo_description = ?21, original_url = ?22, canonical_original = ?23 WHERE id = ?1");
    q.Bind(1, id).Bind(2, a.title).Bind(3, slug).Bind(4, status).Bind(5, a.published_at)
        .Bind(6, a.updated_at).BindId(7, writer_id).BindId(8, editor_id).BindId(9, source_id)
        .BindId(10, section_id).Bind(11, a.body_markdown).Bind(12, a.body_html).Bind(13, hash)
        .Bind(14, now).Bind(15, a.search_text);
    BindKind(q, a);
    q.Run();
  }
  result.id = id;
  result.changed = true;
  a.id = id;
  a.slug = slug;

  // Tags: the old ones are facts too, since their lists lose this article.
  std::set<Id> tag_ids;
  {
    Stmt q(conn, "SELECT tag_id FROM article_tags WHERE article_id = ?1");
    q.Bind(1, id);
    while (q.Step()) tag_ids.insert(q.Int(0));
  }
  Stmt(conn, "DELETE FROM article_tags WHERE article_id = ?1").Bind(1, id).Run();
  int position = 0;
  for (Tag& t : a.tags) {
    t.id = FindOrCreate(conn, kTags, t.name, "", t.slug, &created).id;
    Stmt(conn,
         "INSERT INTO article_tags(article_id, tag_id, position) VALUES(?1, ?2, ?3) "
         "ON CONFLICT DO NOTHING")
        .Bind(1, id).Bind(2, t.id).Bind(3, position++).Run();
    tag_ids.insert(t.id);
  }
  // Co-writers, translators, contributors: those before are facts too,
  // since their pages lose this article.
  std::set<Id> people;
  {
    Stmt q(conn, "SELECT person_id FROM article_people WHERE article_id = ?1");
    q.Bind(1, id);
    while (q.Step()) people.insert(q.Int(0));
  }
  Stmt(conn, "DELETE FROM article_people WHERE article_id = ?1").Bind(1, id).Run();
  position = 0;
  for (Contributor& c : a.contributors) {
    c.person.id = FindOrCreate(conn, kPeople, c.person.name, "", c.person.slug, &created).id;
    Stmt(conn, "INSERT INTO article_people(article_id, position, role, person_id) VALUES(?1, ?2, ?3, ?4)")
        .Bind(1, id).Bind(2, position++).Bind(3, ToString(c.role)).Bind(4, c.person.id).Run();
    people.insert(c.person.id);
  }
  write.people.assign(people.begin(), people.end());
  Stmt(conn, "DELETE FROM article_highlights WHERE article_id = ?1").Bind(1, id).Run();
  position = 0;
  for (const std::string& h : a.highlights) {
    Stmt(conn, "INSERT INTO article_highlights(article_id, position, text) VALUES(?1, ?2, ?3)")
        .Bind(1, id).Bind(2, position++).Bind(3, h).Run();
  }
  // Notices: whether it had listed ones is a fact (the corrections page).
  bool listed_before = false;
  {
    Stmt q(conn, "SELECT 1 FROM article_notices WHERE article_id = ?1 AND kind IN ('correction', 'clarification')");
    q.Bind(1, id);
    listed_before = q.Step();
  }
  Stmt(conn, "DELETE FROM article_notices WHERE article_id = ?1").Bind(1, id).Run();
  position = 0;
  bool listed_after = false;
  for (ArticleNotice& n : a.notices) {
    if (n.at == 0) n.at = now;
    listed_after = listed_after || NoticeListed(n.kind);
    Stmt(conn,
         "INSERT INTO article_notices(article_id, position, kind, placement, text, at) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6)")
        .Bind(1, id).Bind(2, position++).Bind(3, ToString(n.kind)).Bind(4, ToString(n.placement))
        .Bind(5, n.text).Bind(6, n.at).Run();
  }
  write.listed_notices_before = listed_before;
  write.listed_notices_after = listed_after;
  Stmt(conn, "DELETE FROM article_related WHERE article_id = ?1").Bind(1, id).Run();
  position = 0;
  for (const RelatedLink& r : a.related) {
    Id target = 0;
    if (r.url.empty()) {
      Stmt q(conn, "SELECT id FROM articles WHERE title = ?1 AND id != ?2 ORDER BY id LIMIT 1");
      q.Bind(1, r.title).Bind(2, id);
      if (q.Step()) target = q.Int(0);
    }
    Stmt(conn,
         "INSERT INTO article_related(article_id, position, title, url, target_id) "
         "VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(1, id).Bind(2, position++).Bind(3, r.title).Bind(4, r.url).BindId(5, target).Run();
  }
  // Links elsewhere that named this article by title now point at it.
  {
    Stmt q(conn,
           "UPDATE article_related SET target_id = ?1 WHERE target_id IS NULL AND url = '' "
           "AND title = ?2 AND article_id != ?1 RETURNING article_id");
    q.Bind(1, id).Bind(2, a.title);
    while (q.Step()) write.linked_from.push_back(q.Int(0));
  }
  // Pages that link to this article show its title and slug.
  {
    Stmt q(conn,
           "SELECT article_id FROM article_related WHERE target_id = ?1 UNION "
           "SELECT article_id FROM related_auto WHERE target_id = ?1");
    q.Bind(1, id);
    while (q.Step()) write.linked_from.push_back(q.Int(0));
  }

  if (index) IndexArticle(conn, a);

  write.id = id;
  write.was_published = old_status == "published";
  write.is_published = a.status == ArticleStatus::kPublished;
  write.section_before = old_refs[0];
  write.section_after = section_id;
  write.writer_before = old_refs[1];
  write.writer_after = writer_id;
  write.source_before = old_refs[2];
  write.source_after = source_id;
  write.tags.assign(tag_ids.begin(), tag_ids.end());
  write.was_page = id_existed && old_kind == ArticleKind::kPage;
  write.is_page = a.kind == ArticleKind::kPage;
  // The footer menu lists published pages marked for it, by title.
  write.footer_before = write.was_page && write.was_published && old_in_footer;
  write.footer_after = write.is_page && write.is_published && a.in_footer;
  write.title_changed = id_existed && old_title != a.title;
  write.slug_changed = id_existed && old_slug != slug;
  write.pin_changed = old_pinned != a.pinned || (a.pinned && old_pinned_until != a.pinned_until);
  write.published_at_before = old_published_at;
  write.published_at_after = a.published_at;
  facts->written.push_back(std::move(write));
  return result;
}

}  // namespace qalam::sqlite_store_internal
