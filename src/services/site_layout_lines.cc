#include "services/site_layout_lines.h"

#include "services/home_layout.h"
#include "services/site_identity.h"

namespace qalam {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

const char* MenuText(MenuName menu) { return menu == MenuName::kHeader ? "header" : "footer"; }

// A section's slug by its number; "" when it is gone.
std::string SectionSlug(Store& store, Id id, Status* st) {
  NamedItem s;
  *st = store.GetNamed(NamedKind::kSection, id, &s);
  if (st->IsNotFound()) *st = Status::Ok();
  return s.slug;
}

// The string field `name` of `obj`, "" when absent; Invalid when not a string.
Status StringField(const json& obj, const char* name, const std::string& where, std::string* out) {
  out->clear();
  if (!obj.contains(name)) return Status::Ok();
  if (!obj[name].is_string()) return Status::Invalid(where + "." + name + " must be a string");
  *out = obj[name].get<std::string>();
  return Status::Ok();
}

// Finds what lines name in this site, noting what is not here.
class Resolver {
 public:
  Resolver(Store& store, const std::map<std::string, Id>& article_ids, LayoutApplied* out)
      : store_(store), article_ids_(article_ids), out_(out) {}

  // The published article (or, with `page`, static page) imported under
  // `interchange_id`; 0 when it is not here or not published.
  Status Article(const std::string& where, const std::string& interchange_id, bool page, Id* id) {
    *id = 0;
    auto found = article_ids_.find(interchange_id);
    const char* what = page ? "page" : "article";
    if (found == article_ids_.end()) {
      out_->left_out.push_back(where + ": " + what + " " + interchange_id + " is not in this file");
      return Status::Ok();
    }
    qalam::Article a;
    Status st = store_.GetArticleById(found->second, &a);
    if (st.IsNotFound()) {
      out_->left_out.push_back(where + ": " + what + " " + interchange_id + " is not here");
      return Status::Ok();
    }
    if (!st.ok()) return st;
    const ArticleKind kind = page ? ArticleKind::kPage : ArticleKind::kArticle;
    if (a.kind != kind || a.status != ArticleStatus::kPublished) {
      out_->left_out.push_back(where + ": " + interchange_id + " is not a published " + what + " here");
      return Status::Ok();
    }
    *id = a.id;
    return Status::Ok();
  }

  // The section with `slug`; 0 when there is none.
  Status Section(const std::string& where, const std::string& slug, Id* id) {
    *id = 0;
    qalam::Section s;
    Status st = store_.GetSectionBySlug(slug, &s);
    if (st.IsNotFound()) {
      out_->left_out.push_back(where + ": no section " + slug + " here");
      return Status::Ok();
    }
    if (!st.ok()) return st;
    *id = s.id;
    return Status::Ok();
  }

 private:
  Store& store_;
  const std::map<std::string, Id>& article_ids_;
  LayoutApplied* out_;
};

bool SameItems(const std::vector<MenuItem>& a, const std::vector<MenuItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].target != b[i].target || a[i].url != b[i].url || a[i].label != b[i].label) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status LayoutLines(Store& store, const std::map<Id, std::string>& interchange, std::vector<std::string>* lines) {
  lines->clear();
  auto article = [&](Id id) {
    auto found = interchange.find(id);
    return found == interchange.end() ? std::string() : found->second;
  };
  HomeLayout layout;
  if (Status st = store.GetHomeLayout(&layout); !st.ok()) return st;
  if (layout.updated_at) {
    ojson home = ojson::object();
    if (std::string id = article(layout.lead); layout.lead && !id.empty()) home["lead"] = id;
    ojson featured = ojson::array();
    for (Id f : layout.featured) {
      if (std::string id = article(f); !id.empty()) featured.push_back(id);
    }
    home["featured"] = std::move(featured);
    Status st;
    // Without "sections" the page shows every section, largest first; an
    // empty list shows none.
    if (layout.sections_chosen) {
      ojson sections = ojson::array();
      for (Id s : layout.sections) {
        std::string slug = SectionSlug(store, s, &st);
        if (!st.ok()) return st;
        if (!slug.empty()) sections.push_back(slug);
      }
      home["sections"] = std::move(sections);
    }
    if (layout.opinion_section) {
      std::string slug = SectionSlug(store, layout.opinion_section, &st);
      if (!st.ok()) return st;
      if (!slug.empty()) home["opinion"] = slug;
    }
    lines->push_back(ojson{{"home", home}}.dump(-1, ' ', false, ojson::error_handler_t::replace));
  }
  for (MenuName name : {MenuName::kHeader, MenuName::kFooter}) {
    SiteMenu menu;
    if (Status st = store.GetMenu(name, &menu); !st.ok()) return st;
    if (!menu.saved) continue;
    ojson items = ojson::array();
    for (const MenuItem& item : menu.items) {
      ojson j = ojson::object();
      Status st;
      switch (item.kind) {
        case MenuItemKind::kSection: {
          std::string slug = SectionSlug(store, item.target, &st);
          if (!st.ok()) return st;
          if (slug.empty()) continue;
          j["section"] = slug;
          break;
        }
        case MenuItemKind::kPage: {
          std::string id = article(item.target);
          if (id.empty()) continue;
          j["page"] = id;
          break;
        }
        case MenuItemKind::kLink: j["link"] = item.url; break;
      }
      if (!item.label.empty()) j["label"] = item.label;
      items.push_back(std::move(j));
    }
    lines->push_back(ojson{{"menu", {{"name", MenuText(name)}, {"items", std::move(items)}}}}.dump(
        -1, ' ', false, ojson::error_handler_t::replace));
  }
  return Status::Ok();
}

Status ApplyHomeLine(Store& store, const json& home, const std::map<std::string, Id>& article_ids, int64_t now,
                     LayoutApplied* out) {
  *out = LayoutApplied{};
  if (!home.is_object()) return Status::Invalid("home must be an object");
  Resolver find(store, article_ids, out);
  HomeLayout layout;
  std::string text;
  if (Status st = StringField(home, "lead", "home", &text); !st.ok()) return st;
  if (!text.empty()) {
    if (Status st = find.Article("home.lead", text, false, &layout.lead); !st.ok()) return st;
  }
  for (const char* list : {"featured", "sections"}) {
    if (home.contains(list) && !home[list].is_array()) {
      return Status::Invalid(std::string("home.") + list + " must be an array of strings");
    }
  }
  if (home.contains("featured")) {
    for (const json& f : home["featured"]) {
      if (!f.is_string()) return Status::Invalid("home.featured must be an array of strings");
      Id id = 0;
      if (Status st = find.Article("home.featured", f.get<std::string>(), false, &id); !st.ok()) return st;
      if (id) layout.featured.push_back(id);
    }
  }
  if (home.contains("sections")) {
    layout.sections_chosen = true;
    for (const json& s : home["sections"]) {
      if (!s.is_string()) return Status::Invalid("home.sections must be an array of strings");
      Id id = 0;
      if (Status st = find.Section("home.sections", s.get<std::string>(), &id); !st.ok()) return st;
      if (id) layout.sections.push_back(id);
    }
  }
  if (Status st = StringField(home, "opinion", "home", &text); !st.ok()) return st;
  if (!text.empty()) {
    if (Status st = find.Section("home.opinion", text, &layout.opinion_section); !st.ok()) return st;
  }

  HomeLayout stored;
  if (Status st = store.GetHomeLayout(&stored); !st.ok()) return st;
  if (stored.updated_at && stored.lead == layout.lead && stored.featured == layout.featured &&
      stored.sections_chosen == layout.sections_chosen && stored.sections == layout.sections &&
      stored.opinion_section == layout.opinion_section) {
    return Status::Ok();
  }
  HomeLayoutService service(store);
  if (Status st = service.Save(layout, 0, now); !st.ok()) {
    return st.IsInvalid() ? Status::Invalid("home: " + st.message()) : st;
  }
  out->changed = true;
  return Status::Ok();
}

Status ApplyMenuLine(Store& store, const json& menu, const std::map<std::string, Id>& article_ids, int64_t now,
                     LayoutApplied* out) {
  *out = LayoutApplied{};
  if (!menu.is_object()) return Status::Invalid("menu must be an object");
  std::string name_text;
  if (Status st = StringField(menu, "name", "menu", &name_text); !st.ok()) return st;
  if (name_text != "header" && name_text != "footer") return Status::Invalid("menu.name must be header or footer");
  const MenuName name = name_text == "header" ? MenuName::kHeader : MenuName::kFooter;
  const std::string where = "menu " + name_text;
  if (!menu.contains("items") || !menu["items"].is_array()) return Status::Invalid(where + ": items must be an array");
  Resolver find(store, article_ids, out);
  std::vector<MenuItem> items;
  for (const json& j : menu["items"]) {
    if (!j.is_object()) return Status::Invalid(where + ": an item must be an object");
    MenuItem item;
    std::string section, page, link;
    if (Status st = StringField(j, "label", where, &item.label); !st.ok()) return st;
    if (Status st = StringField(j, "section", where, &section); !st.ok()) return st;
    if (Status st = StringField(j, "page", where, &page); !st.ok()) return st;
    if (Status st = StringField(j, "link", where, &link); !st.ok()) return st;
    if (!section.empty() + !page.empty() + !link.empty() != 1) {
      return Status::Invalid(where + ": an item names one section, page or link");
    }
    if (!section.empty()) {
      item.kind = MenuItemKind::kSection;
      if (Status st = find.Section(where, section, &item.target); !st.ok()) return st;
      if (!item.target) continue;
    } else if (!page.empty()) {
      item.kind = MenuItemKind::kPage;
      if (Status st = find.Article(where, page, true, &item.target); !st.ok()) return st;
      if (!item.target) continue;
    } else {
      item.kind = MenuItemKind::kLink;
      item.url = link;
    }
    items.push_back(std::move(item));
  }
  SiteIdentity identity(store);
  // Compared as the desk would save them (labels and addresses canonical).
  std::vector<MenuItem> checked = items;
  if (Status st = identity.CheckMenu(&checked); !st.ok()) {
    return st.IsInvalid() ? Status::Invalid(where + ": " + st.message()) : st;
  }
  SiteMenu stored;
  if (Status st = identity.GetMenu(name, &stored); !st.ok()) return st;
  if (stored.saved && SameItems(stored.items, checked)) return Status::Ok();
  if (Status st = identity.SaveMenu(name, std::move(items), 0, now); !st.ok()) {
    return st.IsInvalid() ? Status::Invalid(where + ": " + st.message()) : st;
  }
  out->changed = true;
  return Status::Ok();
}

}  // namespace qalam
