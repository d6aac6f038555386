// The site's identity on the desk (/admin/identity), for admins: the logo,
// its dark variant and the favicon picked from the media library, the
// footer's line, and the header's and footer's menus. Each menu is its own
// form carrying the menu as it is being edited (kind_N, target_N, url_N,
// label_N for N below count); each button names what to do ("op"): add a
// section, a page or a link, move an item up or down, remove it, or save.
// Every op but save answers the page again with the edited, unsaved menu,
// so the page works without scripts. A menu never saved starts from what
// readers see today (the theme's default). The rules and the audit entries
// are in services/site_identity.h.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/text.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {
namespace {

const char* KindName(MenuItemKind kind) {
  switch (kind) {
    case MenuItemKind::kSection: return "section";
    case MenuItemKind::kPage: return "page";
    case MenuItemKind::kLink: return "link";
  }
  return "link";
}

// The menu a form carries; items of an unknown kind are dropped.
std::vector<MenuItem> FormItems(const std::map<std::string, std::string>& form) {
  auto get = [&](const std::string& name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  std::vector<MenuItem> items;
  int64_t count = 0;
  if (!ParsePositive(get("count"), &count)) return items;
  for (int64_t i = 0; i < std::min<int64_t>(count, 100); ++i) {
    const std::string n = std::to_string(i);
    const std::string kind = get("kind_" + n);
    MenuItem item;
    if (kind == "section") {
      item.kind = MenuItemKind::kSection;
    } else if (kind == "page") {
      item.kind = MenuItemKind::kPage;
    } else if (kind == "link") {
      item.kind = MenuItemKind::kLink;
    } else {
      continue;
    }
    if (item.kind != MenuItemKind::kLink && !ParsePositive(get("target_" + n), &item.target)) continue;
    item.url = get("url_" + n);
    item.label = get("label_" + n);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

// The settings' Arabic names for the keys this page sets (web/setting_labels.h).
const char* IdentitySettingLabel(const std::string& key) {
  if (key == "logo") return "الشعار";
  if (key == "logo_dark") return "الشعار على الخلفية الداكنة";
  if (key == "favicon") return "أيقونة الموقع";
  if (key == "footer_text") return "نص التذييل";
  return nullptr;
}

HttpReply AdminHandler::IdentityRoute(Visit& v) {
  if (!SiteIdentity::MayEdit(v.user)) {
    return Message(v, 403, "غير مسموح", "هوية الموقع لمدير الموقع فقط.");
  }
  if (v.path != "/admin/identity") {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  auto server_error = [&] { return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ هوية الموقع، حاول بعد قليل."); };

  // What can go in a menu.
  std::vector<NamedItem> sections;
  if (!names_.List(NamedKind::kSection, "", 500, &sections).ok()) return server_error();
  std::vector<DeskRow> pages;
  if (!identity_.ListPages(&pages).ok()) return server_error();

  // The menus: saved, or as the theme shows them by default, or (the one
  // being edited) as the form carries it.
  struct Edited {
    MenuName name;
    const char* key;
    std::vector<MenuItem> items;
    std::string error, notice;
  };
  Edited menus[2] = {{MenuName::kHeader, "header", {}, "", ""}, {MenuName::kFooter, "footer", {}, "", ""}};
  for (Edited& m : menus) {
    SiteMenu saved;
    if (!identity_.GetMenu(m.name, &saved).ok()) return server_error();
    if (saved.saved) {
      m.items = saved.items;
    } else if (m.name == MenuName::kHeader) {
      m.items.push_back({MenuItemKind::kLink, 0, "/", "الرئيسية"});
      m.items.push_back({MenuItemKind::kLink, 0, "/latest", "الأحدث"});
      std::vector<NamedItem> live = sections;
      std::erase_if(live, [](const NamedItem& s) { return s.articles == 0; });
      std::stable_sort(live.begin(), live.end(), [](const NamedItem& a, const NamedItem& b) { return a.articles > b.articles; });
      for (const NamedItem& s : live) m.items.push_back({MenuItemKind::kSection, s.id, "", ""});
    } else {
      for (const DeskRow& p : pages) {
        Article a;
        if (desk_.Get(p.id, &a).ok() && a.in_footer) m.items.push_back({MenuItemKind::kPage, p.id, "", ""});
      }
      m.items.push_back({MenuItemKind::kLink, 0, "/corrections", "التصحيحات"});
    }
  }

  std::string identity_error;
  std::map<std::string, std::string> identity_shown;
  for (const std::string& key : IdentitySettingKeys()) identity_shown[key] = v.settings.Get(key);
  int status = 200;
  if (v.post && v.Form("form") == "identity") {
    for (const std::string& key : IdentitySettingKeys()) {
      if (v.form.count(key)) identity_shown[key] = v.form.at(key);
    }
    size_t changed = 0;
    Status st = identity_.SaveIdentity(v.settings, identity_shown, v.user.id, v.now, &changed);
    if (st.IsInvalid()) {
      identity_error = st.message();
      status = 400;
    } else if (!st.ok()) {
      spdlog::error("cannot save the site's identity: {}", st.message());
      return server_error();
    } else {
      return Redirect("/admin/identity?done=" + std::string(changed ? "identity" : "none"));
    }
  } else if (v.post) {
    Edited* m = v.Form("menu") == "footer" ? &menus[1] : v.Form("menu") == "header" ? &menus[0] : nullptr;
    if (!m) return Message(v, 400, "طلب غير صالح", "لم يُذكر أي القائمتين يُعدَّل.");
    m->items = FormItems(v.form);
    const std::string op = v.Form("op");
    if (op == "save") {
      Status st = identity_.SaveMenu(m->name, m->items, v.user.id, v.now);
      if (st.IsInvalid()) {
        m->error = st.message();
        status = 400;
      } else if (!st.ok()) {
        spdlog::error("cannot save a menu: {}", st.message());
        return server_error();
      } else {
        return Redirect("/admin/identity?done=" + std::string(m->key) + "#menu-" + m->key);
      }
    } else {
      const size_t colon = op.find(':');
      const std::string verb = op.substr(0, colon);
      int64_t index = -1;
      if (colon != std::string::npos) {
        const std::string arg = op.substr(colon + 1);
        int64_t i = 0;
        if (ParsePositive(arg, &i) || arg == "0") index = i;
      }
      const bool at_item = index >= 0 && static_cast<size_t>(index) < m->items.size();
      int64_t id = 0;
      if (verb == "up" && at_item && index > 0) {
        std::swap(m->items[index], m->items[index - 1]);
      } else if (verb == "down" && at_item && static_cast<size_t>(index) + 1 < m->items.size()) {
        std::swap(m->items[index], m->items[index + 1]);
      } else if (verb == "remove" && at_item) {
        m->items.erase(m->items.begin() + index);
      } else if (verb == "add_section" && ParsePositive(v.Form("add_section"), &id)) {
        m->items.push_back({MenuItemKind::kSection, id, "", ""});
      } else if (verb == "add_page" && ParsePositive(v.Form("add_page"), &id)) {
        m->items.push_back({MenuItemKind::kPage, id, "", ""});
      } else if (verb == "add_link") {
        MenuItem link{MenuItemKind::kLink, 0, v.Form("link_url"), v.Form("link_label")};
        std::string label, url;
        Status st = SiteIdentity::CheckLabel(link.label, &label);
        if (st.ok() && label.empty()) st = Status::Invalid("اكتب اسمًا للرابط.");
        if (st.ok()) st = SiteIdentity::CheckLinkUrl(link.url, &url);
        if (!st.ok()) {
          m->error = st.message();
          status = 400;
        } else {
          m->items.push_back({MenuItemKind::kLink, 0, url, label});
        }
      }
      if (m->error.empty()) m->notice = "عُدّلت القائمة ولم تُحفظ بعد؛ احفظها ليراها القراء.";
    }
  }

  // The page.
  auto section_name = [&](Id id) -> std::string {
    for (const NamedItem& s : sections) {
      if (s.id == id) return s.name;
    }
    return "قسم لم يعد موجودًا";
  };
  auto page_title = [&](Id id) -> std::string {
    for (const DeskRow& p : pages) {
      if (p.id == id) return p.title;
    }
    return "صفحة غير منشورة";
  };
  nlohmann::json menu_views = nlohmann::json::array();
  for (const Edited& m : menus) {
    nlohmann::json items = nlohmann::json::array();
    for (size_t i = 0; i < m.items.size(); ++i) {
      const MenuItem& item = m.items[i];
      nlohmann::json j = {{"index", std::to_string(i)},
                          {"kind", KindName(item.kind)},
                          {"target", std::to_string(item.target)},
                          {"url", item.url},
                          {"label", item.label},
                          {"is_link", item.kind == MenuItemKind::kLink},
                          {"can_up", i > 0},
                          {"can_down", i + 1 < m.items.size()}};
      if (item.kind == MenuItemKind::kSection) {
        j["kind_name"] = "قسم";
        j["name"] = section_name(item.target);
      } else if (item.kind == MenuItemKind::kPage) {
        j["kind_name"] = "صفحة";
        j["name"] = page_title(item.target);
      } else {
        j["kind_name"] = "رابط";
        j["name"] = item.label;
      }
      items.push_back(std::move(j));
    }
    nlohmann::json view = {{"key", m.key},
                           {"title", m.name == MenuName::kHeader ? "قائمة الرأس" : "قائمة التذييل"},
                           {"count", std::to_string(m.items.size())},
                           {"items", items},
                           {"empty", m.items.empty()}};
    if (!m.error.empty()) view["error"] = m.error;
    if (!m.notice.empty()) view["notice"] = m.notice;
    menu_views.push_back(std::move(view));
  }
  nlohmann::json section_options = nlohmann::json::array();
  for (const NamedItem& s : sections) section_options.push_back({{"id", std::to_string(s.id)}, {"name", s.name}});
  nlohmann::json page_options = nlohmann::json::array();
  for (const DeskRow& p : pages) page_options.push_back({{"id", std::to_string(p.id)}, {"name", p.title}});

  // The images to pick from: the library's latest, and any already chosen.
  std::vector<MediaItem> images;
  int64_t total = 0;
  if (!media_.List(0, 200, &images, &total).ok()) return server_error();
  nlohmann::json image_fields = nlohmann::json::array();
  const std::pair<const char*, const char*> image_keys[] = {
      {"logo", "يظهر في رأس كل صفحة بدل اسم الموقع (ويبقى الاسم لقارئات الشاشة)."},
      {"logo_dark", "يظهر بدل الشعار حين يختار القارئ المظهر الداكن؛ بلا اختيار يبقى الشعار نفسه."},
      {"favicon", "صورة مربعة تظهر في لسان المتصفح وعلى الشاشة الرئيسية للهاتف؛ بلا اختيار تبقى أيقونة القالب."}};
  // Numbers as the desk shows them, in the site's digits.
  const Digits digits =
      MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", v.settings.timezone()).digits;
  for (const auto& [key, help] : image_keys) {
    const std::string current = identity_shown[key];
    nlohmann::json options = nlohmann::json::array();
    options.push_back({{"value", ""}, {"name", "بلا"}, {"selected", current.empty()}});
    bool found = current.empty();
    for (const MediaItem& m : images) {
      const std::string id = std::to_string(m.id);
      const std::string name = "صورة " + LocalDigits(id, digits) + (m.alt.empty() ? "" : ": " + m.alt) + " (" +
                               LocalDigits(std::to_string(m.width) + "×" + std::to_string(m.height), digits) + ")";
      options.push_back({{"value", id}, {"name", name}, {"selected", id == current}});
      found = found || id == current;
    }
    if (!found) options.push_back({{"value", current}, {"name", "صورة " + LocalDigits(current, digits)}, {"selected", true}});
    nlohmann::json f = {{"key", key}, {"label", IdentitySettingLabel(key)}, {"help", help}, {"options", options}};
    MediaItem chosen;
    int64_t chosen_id = 0;
    if (ParsePositive(current, &chosen_id) && media_.Get(chosen_id, &chosen).ok() && !chosen.variants.empty()) {
      f["preview"] = "/media/" + chosen.variants.front().file;
    }
    image_fields.push_back(std::move(f));
  }

  nlohmann::json view = {{"title", "هوية الموقع"},
                         {"image_fields", image_fields},
                         {"footer_text", identity_shown["footer_text"]},
                         {"menus", menu_views},
                         {"section_options", section_options},
                         {"page_options", page_options},
                         {"has_pages", !page_options.empty()}};
  if (!identity_error.empty()) view["identity_error"] = identity_error;
  if (v.query.count("done")) {
    const std::string& done = v.query.at("done");
    if (done == "identity") view["identity_notice"] = "حُفظت هوية الموقع؛ تظهر في صفحاته خلال ثوانٍ.";
    if (done == "none") view["identity_notice"] = "لم يتغير شيء.";
    for (auto& m : view["menus"]) {
      if (m["key"] == done) m["notice"] = "حُفظت القائمة، وهي الآن كما يراها القراء.";
    }
  }
  return Page(v, status, "identity", view);
}

}  // namespace qalam
