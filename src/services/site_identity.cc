#include "services/site_identity.h"

#include <algorithm>
#include <cstdlib>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/roles.h"
#include "core/text.h"
#include "services/site_settings.h"

namespace qalam {

namespace {

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string MenuArabicName(MenuName menu) { return menu == MenuName::kHeader ? "قائمة الرأس" : "قائمة التذييل"; }

}  // namespace

const std::vector<std::string>& IdentitySettingKeys() {
  static const std::vector<std::string> keys = {"logo", "logo_dark", "favicon", "footer_text"};
  return keys;
}

bool SiteIdentity::MayEdit(const User& user) { return Can(user.role, Action::kManageSettings); }

Status SiteIdentity::CheckLinkUrl(const std::string& url, std::string* canonical) {
  if (!IsValidUtf8(url)) return Status::Invalid("عنوان الرابط ليس نصًّا صالحًا.");
  const std::string u = Trim(url);
  if (u.empty()) return Status::Invalid("اكتب عنوان الرابط.");
  if (CountCodePoints(u) > kMenuUrlMax) return Status::Invalid("عنوان الرابط أطول مما ينبغي.");
  if (HasControl(u) || u.find_first_of(" \"'<>\\`") != std::string::npos) {
    return Status::Invalid("في عنوان الرابط مسافات أو رموز لا تصلح فيه.");
  }
  const bool web = u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0;
  const bool path = u[0] == '/' && (u.size() == 1 || u[1] != '/');
  if (web) {
    const size_t host = u.find("://") + 3;
    if (host >= u.size() || u[host] == '/' || u[host] == '?' || u[host] == '#') {
      return Status::Invalid("عنوان الرابط بلا اسم موقع بعد ‎://‎.");
    }
  } else if (!path) {
    return Status::Invalid(
        "عنوان الرابط يبدأ بـ‎ https:// ‎أو‎ http:// ‎أو بـ‎ / ‎لصفحة في الموقع؛ لا تُقبل العناوين الأخرى مثل‎ javascript: ‎أو‎ data:‎.");
  }
  *canonical = u;
  return Status::Ok();
}

Status SiteIdentity::CheckLabel(const std::string& label, std::string* canonical) {
  if (!IsValidUtf8(label)) return Status::Invalid("اسم العنصر ليس نصًّا صالحًا.");
  const std::string l = ToNfc(Trim(label));
  if (HasControl(l)) return Status::Invalid("في اسم العنصر رموز لا تصلح فيه.");
  if (CountCodePoints(l) > kMenuLabelMax) {
    static_assert(kMenuLabelMax == 60, "the message names the limit");
    return Status::Invalid("اسم العنصر أطول من ستين حرفًا.");
  }
  *canonical = l;
  return Status::Ok();
}

Status SiteIdentity::CheckMenu(std::vector<MenuItem>* items) {
  if (items->size() > kMenuItemsMax) {
    static_assert(kMenuItemsMax == 20, "the message names the limit");
    return Status::Invalid("لا تتسع القائمة لأكثر من عشرين عنصرًا.");
  }
  for (MenuItem& item : *items) {
    Status st = CheckLabel(item.label, &item.label);
    if (!st.ok()) return st;
    switch (item.kind) {
      case MenuItemKind::kSection: {
        NamedItem s;
        st = store_.GetNamed(NamedKind::kSection, item.target, &s);
        if (st.IsNotFound()) return Status::Invalid("أحد الأقسام المختارة لم يعد موجودًا.");
        if (!st.ok()) return st;
        item.url.clear();
        break;
      }
      case MenuItemKind::kPage: {
        Article a;
        st = store_.GetArticleById(item.target, &a);
        if (st.IsNotFound()) return Status::Invalid("إحدى الصفحات المختارة لم تعد موجودة.");
        if (!st.ok()) return st;
        if (a.kind != ArticleKind::kPage) return Status::Invalid("«" + a.title + "» مقال لا صفحة ثابتة.");
        if (a.status != ArticleStatus::kPublished) {
          return Status::Invalid("الصفحة «" + a.title + "» غير منشورة؛ لا يوضع في القائمة إلا المنشور.");
        }
        item.url.clear();
        break;
      }
      case MenuItemKind::kLink: {
        if (item.label.empty()) return Status::Invalid("اكتب اسمًا للرابط «" + item.url + "».");
        st = CheckLinkUrl(item.url, &item.url);
        if (!st.ok()) return Status::Invalid("الرابط «" + item.label + "»: " + st.message());
        item.target = 0;
        break;
      }
    }
  }
  return Status::Ok();
}

Status SiteIdentity::SaveMenu(MenuName menu, std::vector<MenuItem> items, Id user, int64_t now) {
  Status st = CheckMenu(&items);
  if (!st.ok()) return st;
  Settings settings;
  if (!(st = store_.LoadSettings(&settings)).ok()) return st;
  const Digits digits = MakeDateStyle(settings.Get("date_style"), settings.Get("digits"), "off", settings.timezone()).digits;
  static const CountedNoun kItems{"بلا عناصر", "عنصر واحد", "عنصران", "{n} عناصر", "{n} عنصرًا", "{n} عنصر"};
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = "menu.save";
  e.target = menu == MenuName::kHeader ? "menu:header" : "menu:footer";
  e.detail = MenuArabicName(menu) + "، " + Count(static_cast<int64_t>(items.size()), kItems, digits);
  return store_.SaveMenu(menu, items, user, now, e);
}

Status SiteIdentity::ListPages(std::vector<DeskRow>* out) {
  DeskFilter f;
  f.state = DeskState::kPublished;
  f.kind = ArticleKind::kPage;
  int64_t total = 0;
  Status st = store_.ListDeskArticles(f, 0, 200, out, &total);
  if (!st.ok()) return st;
  std::stable_sort(out->begin(), out->end(), [](const DeskRow& a, const DeskRow& b) { return a.title < b.title; });
  return Status::Ok();
}

Status SiteIdentity::SaveIdentity(const Settings& current, const std::map<std::string, std::string>& values, Id user,
                                  int64_t now, size_t* changed_count) {
  std::map<std::string, std::string> changed;
  // Numbers in messages in the site's digits.
  const Digits digits = MakeDateStyle(current.Get("date_style"), current.Get("digits"), "off", current.timezone()).digits;
  for (const std::string& key : IdentitySettingKeys()) {
    auto it = values.find(key);
    if (it == values.end()) continue;
    std::string canonical;
    if (!ValidateSetting(key, it->second, &canonical).ok()) {
      return Status::Invalid(key == "footer_text" ? "نص التذييل سطر واحد لا يزيد على ثلاثمئة حرف."
                                                  : "اختر الصورة من مكتبة الوسائط برقمها.");
    }
    if (key != "footer_text" && !canonical.empty()) {
      MediaItem m;
      Status st = store_.GetMedia(std::atoll(canonical.c_str()), &m);
      if (st.IsNotFound()) return Status::Invalid("لا صورة برقم " + LocalDigits(canonical, digits) + " في مكتبة الوسائط.");
      if (!st.ok()) return st;
      if (key == "favicon" && m.width != m.height) {
        return Status::Invalid("أيقونة الموقع صورة مربعة (عرضها يساوي ارتفاعها)؛ الصورة رقم " + LocalDigits(canonical, digits) + " ليست مربعة.");
      }
    }
    if (canonical != current.Get(key)) changed[key] = canonical;
  }
  *changed_count = changed.size();
  if (changed.empty()) return Status::Ok();
  bool index_failed = false;
  return SiteSettings(store_).Save(current, changed, user, now, &index_failed);
}

}  // namespace qalam
