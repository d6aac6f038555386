// The site's settings on the desk (/admin/settings), for admins: every key
// of core/settings.h with an Arabic label, checked by ValidateSetting, saved
// only when all are valid, each change in the audit log. Changing how ة is
// searched rebuilds the search index, as `qalam settings` does (both in
// services/site_settings.h).
#include <spdlog/spdlog.h>

#include "core/roles.h"
#include "core/settings.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"
#include "web/setting_labels.h"

namespace qalam {

namespace {

struct SettingLabel {
  const char* key;
  const char* label;
  const char* help;
  // For settings with fixed values: "value:Arabic name|…"; empty for free text.
  const char* choices;
  bool long_text;
};

const SettingLabel kLabels[] = {
    {"site_name", "اسم الموقع", "يظهر في رأس كل صفحة وفي عناوينها.", "", false},
    {"site_description", "وصف الموقع", "سطر واحد يصف الموقع لمحركات البحث والمشاركة.", "", false},
    {"site_url", "عنوان الموقع العام", "مثل https://example.com؛ تُبنى عليه الروابط الأساسية وروابط الحسابات.", "", false},
    {"publisher_logo", "شعار الناشر", "رقم صورة الشعار في مكتبة الوسائط؛ تذكره البيانات المنظَّمة للمقالات ناشرًا لها عند محركات البحث. يُفضَّل شعار عرضه 600 بكسل أو أكثر.", "", false},
    {"timezone", "المنطقة الزمنية", "باسمها في قاعدة IANA، مثل Asia/Riyadh أو Africa/Cairo.", "", false},
    {"date_style", "أسماء الأشهر", "", "egypt:يناير، فبراير (مصر والخليج)|levant:كانون الثاني، شباط (الشام والعراق)|maghreb:جانفي، فيفري (المغرب العربي)", false},
    {"digits", "الأرقام في التواريخ", "", "western:غربية (15)|arabic:هندية (١٥)", false},
    {"hijri", "التاريخ الهجري", "", "off:لا يظهر|on:يظهر بجانب الميلادي", false},
    {"comment_terms", "شروط التعليق", "تظهر تحت كل مقال فوق نموذج التعليق.", "", true},
    {"page_size", "عدد المقالات في الصفحة", "من 5 إلى 100.", "", false},
    {"search_teh_marbuta", "البحث: التاء المربوطة", "تغييره يعيد بناء فهرس البحث.", "fold:ة تطابق ه|keep:ة وه حرفان مختلفان", false},
    {"search_recency", "البحث: تفضيل الأحدث", "", "on:نعم، دفعة خفيفة للأحدث|off:لا، الصلة وحدها", false},
    {"feed_items", "الخلاصات: عدد المقالات", "في كل خلاصة RSS وAtom؛ من 10 إلى 100.", "", false},
    {"feed_full_text", "الخلاصات: نص المقال", "", "on:المقال كاملًا|off:النقاط البارزة وحدها", false},
    {"page_cache_mb", "ذاكرة الصفحات المخزنة (ميغابايت)", "من 1 إلى 4096؛ يسري بعد إعادة تشغيل الخادم.", "", false},
    {"cache_s_maxage", "التخزين المؤقت: مدة الصفحة في شبكة التوزيع (ثانية)", "ما تقدّمه شبكة توزيع المحتوى أو الوكيل دون الرجوع إلى قلم؛ المتصفحات تتحقق دائمًا. ارفعها بعد إعداد المسح الفوري. من 0 إلى 31536000.", "", false},
    {"cache_stale_while_revalidate", "التخزين المؤقت: تقديم القديم أثناء التحديث (ثانية)", "من 0 إلى 86400.", "", false},
    {"cache_stale_if_error", "التخزين المؤقت: تقديم القديم إن تعذّر الخادم (ثانية)", "إن توقف قلم أو أخطأ بقيت الصفحات تُقدَّم هذه المدة. من 0 إلى 604800.", "", false},
    {"ticker_refresh_seconds", "شريط العاجل: أقصى تأخر للصفحات المخزنة (ثانية)", "الصفحات المفتوحة تتلقى كل تغيير فورًا؛ هذا أقصى ما يتأخر فيه الشريط عمّن يتصفح دون جافاسكربت. من 5 إلى 3600.", "", false},
    {"moderation_mode", "التعليقات: طريقة الإشراف", "",
     "automatic:تلقائي: القواعد والدرجات تقرر|pre:مسبق: كل تعليق ينتظر المشرف|post:لاحق: يُنشر فورًا ويُعلَّم للمراجعة", false},
    {"moderation_hold_score", "التعليقات: درجة الحجز للمراجعة (٪)", "إذا بلغت درجة المصنّف هذه النسبة انتظر التعليق المشرف. auto: الحد الذي اختاره التدريب كي لا يُنشر أكثر من 10٪ من التعليقات المسيئة.", "", false},
    {"moderation_reject_score", "التعليقات: درجة الرفض (٪)", "إذا بلغتها جاز رفض التعليق دون مشرف (ويبقى للمشرف أن يقبله). auto: الحد الذي اختاره التدريب كي لا يُرفض أكثر من 2٪ من التعليقات السليمة.", "", false},
    {"moderation_reject_needs", "التعليقات: شرط الرفض التلقائي", "", "term:الدرجة وكلمة من القوائم معًا؛ الدرجة وحدها تحجز للمراجعة|score:الدرجة وحدها تكفي للرفض", false},
    {"comment_first_time", "التعليقات: المعلّق لأول مرة", "", "auto:ينتظر المشرف ما دام الموقع بلا مصنّف مدرَّب|always:ينتظر المشرف دائمًا|never:يمر بالخطوات كغيره", false},
    {"comment_max_chars", "التعليقات: أقصى طول (حرفًا)", "من 100 إلى 20000.", "", false},
    {"comment_max_links", "التعليقات: أقصى عدد للروابط", "ما زاد عليه يُحجز للمراجعة.", "", false},
    {"comment_min_seconds", "التعليقات: أقل زمن لملء النموذج (ثانية)", "ما أُرسل أسرع من ذلك يُعد رسائل مزعجة.", "", false},
    {"comment_rate_per_hour", "التعليقات: الحد في الساعة لكل عنوان وبريد", "", "", false},
    {"comment_reports_to_queue", "التعليقات: عدد البلاغات لإعادته إلى المراجعة", "", "", false},
    {"comment_order", "التعليقات: الترتيب", "", "newest:الأحدث أولًا|oldest:الأقدم أولًا", false},
    {"comment_trust", "التعليقات: الثقة بالمعلّقين", "", "off:كل تعليق يمر بالخطوات كلها|on:من قُبلت تعليقاته السابقة يتجاوز الانتظار", false},
    {"durability", "حفظ البيانات", "يسري بعد إعادة تشغيل الخادم.",
     "full:كامل: كل ما أُكّد حفظه يبقى ولو انقطعت الكهرباء|normal:عادي: يبقى إن توقف البرنامج، وقد يضيع آخر ما حُفظ إن انقطعت الكهرباء", false},
};

nlohmann::json Choices(const std::string& spec, const std::string& current) {
  nlohmann::json out = nlohmann::json::array();
  size_t start = 0;
  while (start < spec.size()) {
    size_t bar = spec.find('|', start);
    if (bar == std::string::npos) bar = spec.size();
    const std::string item = spec.substr(start, bar - start);
    const size_t colon = item.find(':');
    out.push_back({{"value", item.substr(0, colon)}, {"name", item.substr(colon + 1)},
                   {"selected", item.substr(0, colon) == current}});
    start = bar + 1;
  }
  return out;
}

}  // namespace

std::string SettingArabicLabel(const std::string& key) {
  for (const SettingLabel& l : kLabels) {
    if (key == l.key) return l.label;
  }
  if (const char* label = IdentitySettingLabel(key)) return label;  // web/admin_identity.cc
  return key;
}

std::string SettingArabicValue(const std::string& key, const std::string& value) {
  for (const SettingLabel& l : kLabels) {
    if (key != l.key || !*l.choices) continue;
    for (const auto& choice : Choices(l.choices, value)) {
      if (choice["selected"].get<bool>()) return choice["name"].get<std::string>();
    }
  }
  return value;
}

HttpReply AdminHandler::SettingsRoute(Visit& v) {
  if (!Can(v.user.role, Action::kManageSettings)) {
    return Message(v, 403, "غير مسموح", "إعدادات الموقع لمدير الموقع فقط.");
  }
  if (v.path != "/admin/settings") {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  std::map<std::string, std::string> shown;  // What the form shows: stored, or as typed.
  for (const SettingSpec& spec : SettingSpecs()) shown[spec.key] = v.settings.Get(spec.key);
  std::vector<std::string> errors;
  int status = 200;
  if (v.post) {
    std::map<std::string, std::string> changed;
    for (const SettingSpec& spec : SettingSpecs()) {
      auto it = v.form.find(spec.key);
      if (it == v.form.end()) continue;
      shown[spec.key] = it->second;
      std::string canonical;
      Status st = ValidateSetting(spec.key, it->second, &canonical);
      if (!st.ok()) {
        const char* label = spec.key.c_str();
        for (const SettingLabel& l : kLabels) {
          if (spec.key == l.key) label = l.label;
        }
        errors.push_back(std::string("«") + label + "»: " + st.message());
      } else if (canonical != v.settings.Get(spec.key)) {
        changed[spec.key] = canonical;
      }
    }
    if (errors.empty()) {
      bool index_failed = false;
      Status st = settings_.Save(v.settings, changed, v.user.id, v.now, &index_failed);
      if (index_failed) {
        spdlog::error("reindex after a settings change failed: {}", st.message());
        return Message(v, 500, "خطأ في الخادم",
                       "حُفظ الإعداد لكن تعذّرت إعادة بناء فهرس البحث؛ شغّل: qalam search reindex");
      }
      if (st.IsInvalid()) {
        errors.push_back(st.message());
      } else if (!st.ok()) {
        spdlog::error("cannot save settings: {}", st.message());
        return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ الإعدادات، حاول بعد قليل.");
      } else {
        return Redirect("/admin/settings?done=" + std::to_string(changed.size()));
      }
    }
    status = 400;
  }
  nlohmann::json fields = nlohmann::json::array();
  for (const SettingLabel& l : kLabels) {
    const std::string& value = shown[l.key];
    nlohmann::json f = {{"key", l.key}, {"label", l.label}, {"value", value}, {"long", l.long_text}};
    // Limits in the help ("من 5 إلى 100") in the site's digits; the digits
    // setting's own choices keep their examples as they are.
    if (*l.help) f["help"] = LocalDigits(l.help, v.settings.Get("digits") == "arabic" ? Digits::kArabicIndic : Digits::kWestern);
    if (*l.choices) {
      f["choices"] = Choices(l.choices, value);
      f["select"] = true;
    }
    else if (!l.long_text) f["text"] = true;
    fields.push_back(std::move(f));
  }
  nlohmann::json view = {{"title", "إعدادات الموقع"}, {"fields", fields}};
  if (!errors.empty()) view["errors"] = errors;
  if (v.query.count("done")) {
    view["notice"] = v.query["done"] == "0" ? "لم يتغير شيء." : "حُفظت الإعدادات؛ تظهر في صفحات الموقع خلال ثوانٍ.";
  }
  return Page(v, status, "settings", view);
}

}  // namespace qalam
