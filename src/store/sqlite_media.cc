// SqliteStore's media library: uploaded images by content hash, their
// variants (as JSON in one column) and alt text.
#include <nlohmann/json.hpp>

#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

// Sizes and crops in one array; a crop carries its "aspect".
std::string SqliteStore::VariantsJson(const MediaItem& item) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto* list : {&item.variants, &item.crops}) {
    for (const MediaVariant& v : *list) {
      nlohmann::json e = {{"w", v.width}, {"h", v.height}, {"mime", v.mime}, {"file", v.file}};
      if (!v.aspect.empty()) e["aspect"] = v.aspect;
      j.push_back(std::move(e));
    }
  }
  return j.dump();
}

void SqliteStore::ParseVariants(const std::string& text, MediaItem* item) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return;
  for (const auto& v : j) {
    MediaVariant m{v.value("w", 0), v.value("h", 0), v.value("mime", ""), v.value("file", ""), v.value("aspect", "")};
    (m.aspect.empty() ? item->variants : item->crops).push_back(std::move(m));
  }
}

MediaItem SqliteStore::ReadMediaRow(Stmt& q, int first) {
  MediaItem m;
  m.id = q.Int(first + 0);
  m.hash = q.Text(first + 1);
  m.mime = q.Text(first + 2);
  m.width = static_cast<int>(q.Int(first + 3));
  m.height = static_cast<int>(q.Int(first + 4));
  m.alt = q.Text(first + 5);
  ParseVariants(q.Text(first + 6), &m);
  m.uploaded_by = q.Int(first + 7);
  m.created_at = q.Int(first + 8);
  m.caption = q.Text(first + 9);
  m.credit = q.Text(first + 10);
  return m;
}

#define QALAM_MEDIA_SELECT \
  "SELECT id, hash, mime, width, height, alt, variants, coalesce(uploaded_by, 0), created_at, caption, credit FROM media "
bool SqliteStore::ReadMedia(Connection& conn, Id id, MediaItem* out) {
  Stmt q(conn, QALAM_MEDIA_SELECT "WHERE id = ?1");
  q.Bind(1, id);
  if (!q.Step()) return false;
  *out = ReadMediaRow(q);
  return true;
}

Status SqliteStore::SaveMedia(MediaItem* item, bool* created) {
  return SaveMediaPending(item, nullptr, created);
}

Status SqliteStore::SaveMediaPending(MediaItem* item, PendingMedia* pending, bool* created) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    *created = false;
    {
      Stmt q(*conn, QALAM_MEDIA_SELECT "WHERE hash = ?1");
      q.Bind(1, item->hash);
      if (q.Step()) {
        *item = ReadMediaRow(q);
        return Status::Ok();
      }
    }
    Stmt q(*conn,
           "INSERT INTO media(hash, mime, width, height, alt, variants, uploaded_by, created_at, caption, credit) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    q.Bind(1, item->hash).Bind(2, item->mime).Bind(3, item->width).Bind(4, item->height)
        .Bind(5, item->alt).Bind(6, VariantsJson(*item)).BindId(7, item->uploaded_by)
        .Bind(8, item->created_at ? item->created_at : clock_()).Bind(9, item->caption).Bind(10, item->credit);
    q.Step();
    item->id = q.Int(0);
    q.Run();
    if (pending) {
      pending->media_id = item->id;
      Stmt(*conn, "INSERT INTO media_pending(media_id, variant_key, original, failure) VALUES(?1, ?2, ?3, ?4)")
          .Bind(1, item->id).Bind(2, pending->variant_key).Bind(3, pending->original).Bind(4, pending->failure)
          .Run();
    }
    tx.Commit();
    *created = true;
    return Status::Ok();
  });
}

#define QALAM_PENDING_SELECT "SELECT media_id, variant_key, original, failure FROM media_pending "
static PendingMedia ReadPendingRow(Stmt& q) {
  return PendingMedia{q.Int(0), q.Text(1), q.Text(2), q.Text(3)};
}

Status SqliteStore::ListPendingMedia(bool failed, int64_t limit, std::vector<PendingMedia>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, failed ? QALAM_PENDING_SELECT "WHERE failure != '' ORDER BY media_id LIMIT ?1"
                         : QALAM_PENDING_SELECT "WHERE failure = '' ORDER BY media_id LIMIT ?1");
    q.Bind(1, limit);
    while (q.Step()) out->push_back(ReadPendingRow(q));
    return Status::Ok();
  });
}

Status SqliteStore::FindPendingMedia(const std::string& variant_key, PendingMedia* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, QALAM_PENDING_SELECT "WHERE variant_key = ?1");
    q.Bind(1, variant_key);
    if (!q.Step()) return Status::NotFound("no image waits for variants " + variant_key);
    *out = ReadPendingRow(q);
    return Status::Ok();
  });
}
#undef QALAM_PENDING_SELECT

Status SqliteStore::FinishPendingMedia(Id media_id) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "DELETE FROM media_pending WHERE media_id = ?1").Bind(1, media_id).Run();
    return Status::Ok();
  });
}

Status SqliteStore::FailPendingMedia(Id media_id, const std::string& failure) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "UPDATE media_pending SET failure = ?2 WHERE media_id = ?1").Bind(1, media_id).Bind(2, failure).Run();
    return Status::Ok();
  });
}

Status SqliteStore::GetMedia(Id id, MediaItem* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    if (!ReadMedia(*conn, id, out)) return Status::NotFound("no image " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::ListMedia(int64_t offset, int64_t limit, std::vector<MediaItem>* out, int64_t* total) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    {
      Stmt c(*conn, "SELECT count(*) FROM media");
      *total = c.Step() ? c.Int(0) : 0;
    }
    Stmt q(*conn, QALAM_MEDIA_SELECT "ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2");
    q.Bind(1, limit).Bind(2, offset);
    while (q.Step()) out->push_back(ReadMediaRow(q));
    return Status::Ok();
  });
}
#undef QALAM_MEDIA_SELECT

std::vector<ListedCard> SqliteStore::ListedCards(Connection& conn, Id image_id, Id article_id) {
  std::vector<ListedCard> out;
  {
#define QALAM_CARD_SELECT                                                                              \
  "SELECT id, coalesce(section_id, 0), coalesce(writer_id, 0), coalesce(source_id, 0) FROM articles " \
  "WHERE status = 'published' AND kind = 'article' AND "
    Stmt q(conn, image_id ? QALAM_CARD_SELECT "image_id = ?1 ORDER BY id" : QALAM_CARD_SELECT "id = ?1");
#undef QALAM_CARD_SELECT
    q.Bind(1, image_id ? image_id : article_id);
    while (q.Step()) {
      ListedCard c;
      c.id = q.Int(0);
      c.section = q.Int(1);
      c.writer = q.Int(2);
      c.source = q.Int(3);
      out.push_back(std::move(c));
    }
  }
  for (ListedCard& c : out) {
    Stmt q(conn, "SELECT tag_id FROM article_tags WHERE article_id = ?1");
    q.Bind(1, c.id);
    while (q.Step()) c.tags.push_back(q.Int(0));
    Stmt p(conn, "SELECT person_id FROM article_people WHERE article_id = ?1");
    p.Bind(1, c.id);
    while (p.Step()) c.people.push_back(p.Int(0));
  }
  return out;
}

Status SqliteStore::SetMediaAlt(Id id, const std::string& alt) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn, "UPDATE media SET alt = ?2 WHERE id = ?1").Bind(1, id).Bind(2, alt).Run();
    if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no image " + std::to_string(id));
    std::vector<Id> featuring;
    {
      Stmt q(*conn, "SELECT id FROM articles WHERE image_id = ?1");
      q.Bind(1, id);
      while (q.Step()) featuring.push_back(q.Int(0));
    }
    InsertChanges(*conn, keys::ForMediaAlt(featuring, ListedCards(*conn, id, 0)));
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::SetMediaCaptionCredit(Id id, const std::string& caption, const std::string& credit) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn, "UPDATE media SET caption = ?2, credit = ?3 WHERE id = ?1").Bind(1, id).Bind(2, caption).Bind(3, credit).Run();
    if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no image " + std::to_string(id));
    std::vector<Id> featuring;
    {
      Stmt q(*conn, "SELECT id FROM articles WHERE image_id = ?1");
      q.Bind(1, id);
      while (q.Step()) featuring.push_back(q.Int(0));
    }
    InsertChanges(*conn, keys::ForMediaText(featuring));
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
