#include "render/site_identity.h"

#include <cstdlib>

#include "core/change_keys.h"
#include "core/text.h"

namespace qalam {

Status ResolveMenu(Store& store, MenuName menu, const std::vector<Section>& live, std::set<std::string>* keys,
                   bool* saved, std::vector<MenuLink>* out) {
  out->clear();
  SiteMenu m;
  Status st = store.GetMenu(menu, &m);
  if (!st.ok()) return st;
  *saved = m.saved;
  for (const MenuItem& item : m.items) {
    switch (item.kind) {
      case MenuItemKind::kSection:
        for (const Section& s : live) {
          if (s.id == item.target) {
            out->push_back({item.label.empty() ? s.name : item.label, "/section/" + PercentEncode(s.slug)});
          }
        }
        break;
      case MenuItemKind::kPage: {
        keys->insert(keys::Article(item.target));
        Article a;
        st = store.GetArticleById(item.target, &a);
        if (st.IsNotFound()) break;
        if (!st.ok()) return st;
        if (a.kind != ArticleKind::kPage || a.status != ArticleStatus::kPublished) break;
        out->push_back({item.label.empty() ? a.title : item.label, "/page/" + PercentEncode(a.slug)});
        break;
      }
      case MenuItemKind::kLink:
        out->push_back({item.label, item.url});
        break;
    }
  }
  return Status::Ok();
}

bool PickIdentityImage(const MediaItem& m, int min_width, IdentityImage* out) {
  const MediaVariant* pick = nullptr;
  for (const MediaVariant& v : m.variants) {  // Smallest first.
    if (v.mime == "image/webp" && m.mime != "image/webp") continue;
    if (!v.aspect.empty()) continue;
    if (!pick || pick->width < min_width) pick = &v;
  }
  if (!pick) return false;
  *out = {"/media/" + pick->file, pick->mime, pick->width, pick->height};
  return true;
}

bool LoadIdentityImage(Store& store, const Settings& settings, const std::string& key, int min_width,
                       IdentityImage* out) {
  const std::string& id = settings.Get(key);
  if (id.empty()) return false;
  MediaItem m;
  if (!store.GetMedia(std::atoll(id.c_str()), &m).ok()) return false;
  return PickIdentityImage(m, min_width, out);
}

}  // namespace qalam
