// SqliteStore's site menus (migration 20): the header's and the footer's
// items as the desk saved them.
#include "core/change_keys.h"
#include "store/sqlite_store_impl.h"

namespace qalam::sqlite_store_internal {

namespace {

std::string_view MenuText(MenuName menu) { return menu == MenuName::kHeader ? "header" : "footer"; }

std::string_view KindText(MenuItemKind kind) {
  switch (kind) {
    case MenuItemKind::kSection: return "section";
    case MenuItemKind::kPage: return "page";
    case MenuItemKind::kLink: return "link";
  }
  return "link";
}

MenuItemKind KindOf(const std::string& text) {
  if (text == "section") return MenuItemKind::kSection;
  if (text == "page") return MenuItemKind::kPage;
  return MenuItemKind::kLink;
}

}  // namespace

Status SqliteStore::GetMenu(MenuName menu, SiteMenu* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    *out = SiteMenu{};
    // One statement, one snapshot: the menu's row joined to its items.
    Stmt q(*conn,
           "SELECT i.kind, coalesce(i.section_id, i.article_id, 0), i.url, i.label "
           "FROM site_menus m LEFT JOIN site_menu_items i ON i.menu = m.menu "
           "WHERE m.menu = ?1 ORDER BY i.position");
    q.Bind(1, MenuText(menu));
    while (q.Step()) {
      out->saved = true;
      if (q.IsNull(0)) continue;  // Saved empty.
      MenuItem item;
      item.kind = KindOf(q.Text(0));
      item.target = q.Int(1);
      item.url = q.Text(2);
      item.label = q.Text(3);
      out->items.push_back(std::move(item));
    }
    return Status::Ok();
  });
}

Status SqliteStore::SaveMenu(MenuName menu, const std::vector<MenuItem>& items, Id user, int64_t now,
                             const AuditEntry& audit) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    const int64_t at = now ? now : clock_();
    Stmt(*conn,
         "INSERT INTO site_menus(menu, updated_at, updated_by) VALUES(?1, ?2, ?3) "
         "ON CONFLICT(menu) DO UPDATE SET updated_at = ?2, updated_by = ?3")
        .Bind(1, MenuText(menu))
        .Bind(2, at)
        .BindId(3, user)
        .Run();
    Stmt(*conn, "DELETE FROM site_menu_items WHERE menu = ?1").Bind(1, MenuText(menu)).Run();
    for (size_t i = 0; i < items.size(); ++i) {
      const MenuItem& item = items[i];
      Stmt(*conn,
           "INSERT INTO site_menu_items(menu, position, kind, section_id, article_id, url, label) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .Bind(1, MenuText(menu))
          .Bind(2, static_cast<int64_t>(i))
          .Bind(3, KindText(item.kind))
          .BindId(4, item.kind == MenuItemKind::kSection ? item.target : 0)
          .BindId(5, item.kind == MenuItemKind::kPage ? item.target : 0)
          .Bind(6, item.kind == MenuItemKind::kLink ? item.url : std::string())
          .Bind(7, item.label)
          .Run();
    }
    InsertAudit(*conn, audit, at);
    InsertChanges(*conn, keys::ForMenu());
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
