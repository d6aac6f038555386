#include "web/audit_sentences.h"

#include <charconv>
#include <map>
#include <string_view>

#include "arabic/plural.h"
#include "core/roles.h"
#include "core/text.h"
#include "web/setting_labels.h"

namespace qalam {

namespace {

// What the sentence quotes, escaped: «…».
std::string Quoted(const std::string& text) { return "«" + HtmlEscape(text) + "»"; }

// Machine text (an address, an email) kept left to right and in its digits.
std::string Code(const std::string& text) { return "<code dir=\"ltr\">" + HtmlEscape(text) + "</code>"; }

bool SplitAt(const std::string& text, std::string_view sep, std::string* before, std::string* after) {
  const size_t at = text.find(sep);
  if (at == std::string::npos) return false;
  *before = text.substr(0, at);
  *after = text.substr(at + sep.size());
  return true;
}

bool ParseInt(std::string_view text, int64_t* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// "article:7" → 7 when the kind matches.
Id TargetId(const std::string& target, std::string_view kind) {
  if (target.size() <= kind.size() + 1 || target.compare(0, kind.size(), kind) != 0 || target[kind.size()] != ':') {
    return 0;
  }
  int64_t id = 0;
  return ParseInt(std::string_view(target).substr(kind.size() + 1), &id) ? id : 0;
}

std::string When(int64_t at, const DateStyle& style) {
  return FormatArabicDateTime(at, style);
}

const char* CommentStateName(const std::string& state) {
  static const std::map<std::string, const char*> kNames = {
      {"pending", "بانتظار المراجعة"}, {"approved", "منشور"}, {"rejected", "مرفوض"},
      {"spam", "رسالة مزعجة"},         {"trash", "محذوف"}};
  auto it = kNames.find(state);
  return it == kNames.end() ? nullptr : it->second;
}

std::string RoleName(const std::string& code) {
  Role role;
  return ParseRole(code, &role) ? ArabicName(role) : code;
}

// Kinds of names as the names desk calls them, with the definite article.
const char* NamedKindName(std::string_view kind) {
  if (kind == "person") return "الكاتب";
  if (kind == "section") return "القسم";
  if (kind == "tag") return "الوسم";
  if (kind == "source") return "المصدر";
  return nullptr;
}

// A setting's value: numbers in the site's digits, fixed choices by name.
std::string SettingValue(const std::string& key, const std::string& value, Digits digits) {
  int64_t n = 0;
  if (ParseInt(value, &n)) return Quoted(LocalDigits(value, digits));
  const std::string named = SettingArabicValue(key, value);
  return named == value ? Quoted(value) : Quoted(named);
}

std::string ArticleSentence(const AuditEntry& e, const DateStyle& style) {
  std::string title = e.detail, when;
  // A schedule's detail ends with " @UTC-seconds" (services/newsroom).
  if (const size_t at = title.rfind(" @"); at != std::string::npos) {
    int64_t seconds = 0;
    if (ParseInt(std::string_view(title).substr(at + 2), &seconds)) {
      when = When(seconds, style);
      title.resize(at);
    }
  }
  const std::string scheduled_prefix = "مجدول: ";
  const bool by_schedule = e.user_id == 0 && title.rfind(scheduled_prefix, 0) == 0;
  if (by_schedule) title = title.substr(scheduled_prefix.size());
  const std::string t = Quoted(title);
  if (e.action == "article.publish") return by_schedule ? "نشر المقالة المجدولة " + t + " في موعدها" : "نشر المقالة " + t;
  if (e.action == "article.schedule") {
    return "جدولة المقالة " + t + " للنشر" + (when.empty() ? "" : " في " + when);
  }
  if (e.action == "article.unpublish") {
    return "إيقاف نشر المقالة " + t + (when.empty() ? "" : " وجدولتها للنشر في " + when);
  }
  if (e.action == "article.trash") return "نقل المقالة " + t + " إلى سلة المهملات";
  if (e.action == "article.restore") return "استعادة المقالة " + t + " من سلة المهملات";
  if (e.action == "article.delete") return "حذف المقالة " + t + " نهائيًا من سلة المهملات";
  return "";
}

std::string AccountSentence(const AuditEntry& e, Id target, const std::string& name, const DateStyle& style) {
  // "حساب «سلمى»", or by number for an account that no longer exists.
  const std::string who = name.empty() ? "رقم " + LocalDigits(std::to_string(target), style.digits) : Quoted(name);
  if (e.action == "login") return "دخول إلى مكتب التحرير" + (e.detail.empty() ? "" : " من العنوان " + Code(e.detail));
  if (e.action == "login.failed") {
    return "محاولة دخول فاشلة إلى حساب " + who + (e.detail.empty() ? "" : " من العنوان " + Code(e.detail));
  }
  if (e.action == "logout") return "خروج من مكتب التحرير";
  if (e.action == "password.change") return "تغيير كلمة المرور";
  if (e.action == "password.set") return "تعيين كلمة المرور برابط لمرة واحدة";
  if (e.action == "setup.first_admin") return "إنشاء حساب المدير الأول للموقع";
  if (e.action == "user.add") {
    // Detail: "ROLE NAME" (services/accounts).
    std::string role, added;
    if (SplitAt(e.detail, " ", &role, &added)) {
      return "إضافة حساب " + Quoted(added) + " بدور «" + HtmlEscape(RoleName(role)) + "»";
    }
    return "إضافة حساب " + who;
  }
  if (e.action == "user.role") {
    std::string from, to;
    if (SplitAt(e.detail, " → ", &from, &to)) {
      return "تغيير دور " + who + " من «" + HtmlEscape(RoleName(from)) + "» إلى «" + HtmlEscape(RoleName(to)) + "»";
    }
    return "تغيير دور " + who;
  }
  if (e.action == "user.disable") return "تعطيل حساب " + who;
  if (e.action == "user.enable") return "إعادة تفعيل حساب " + who;
  if (e.action == "user.unlock") return "رفع إيقاف تسجيل الدخول عن حساب " + who;
  if (e.action == "user.link") return "إنشاء رابط جديد لتعيين كلمة مرور " + who;
  return "";
}

std::string CommentSentence(const AuditEntry& e, const DateStyle& style) {
  static const CountedNoun kComments{"لا تعليقات", "تعليق واحد", "تعليقان", "{n} تعليقات", "{n} تعليقًا", "{n} تعليق"};
  static const CountedNoun kChars{"لا أحرف", "حرف واحد", "حرفان", "{n} أحرف", "{n} حرفًا", "{n} حرف"};
  static const std::map<std::string, const char*> kDecisions = {
      {"comment.approve", "نشر التعليق{n}"},
      {"comment.reject", "رفض التعليق{n}"},
      {"comment.spam", "تصنيف التعليق{n} رسالةً مزعجة"},
      {"comment.trash", "نقل التعليق{n} إلى المحذوفات"}};
  // "التعليق رقم ١٢": the queue finds a comment by its number.
  const Id comment = TargetId(e.target, "comment");
  const std::string number = comment ? " رقم " + LocalDigits(std::to_string(comment), style.digits) : "";
  if (auto it = kDecisions.find(e.action); it != kDecisions.end()) {
    std::string sentence = it->second;
    sentence.replace(sentence.find("{n}"), 3, number);
    // Detail: "BEFORE → AFTER" and maybe " (WHY)" (store/sqlite_comments).
    std::string before, rest, why;
    if (SplitAt(e.detail, " → ", &before, &rest)) {
      if (const char* name = CommentStateName(before)) sentence += std::string("، وكان ") + name;
      std::string after;
      if (SplitAt(rest, " (", &after, &why) && !why.empty() && why.back() == ')') {
        why.pop_back();
        if (why == "reply") sentence += "، مع ردّ من المشرف";
        else sentence += " (" + HtmlEscape(why) + ")";
      }
    }
    return sentence;
  }
  if (e.action == "comment.edit") {
    std::string from, to;
    int64_t a = 0, b = 0;
    if (SplitAt(e.detail, " → ", &from, &to) && to.size() > 6 && to.compare(to.size() - 6, 6, " chars") == 0 &&
        ParseInt(from, &a) && ParseInt(to.substr(0, to.size() - 6), &b)) {
      return "تعديل نص التعليق" + number + " (من " + Count(a, kChars, style.digits) + " إلى " +
             Count(b, kChars, style.digits) + ")";
    }
    return "تعديل نص التعليق" + number;
  }
  if (e.action == "comment.reply") return "ردّ المشرف على التعليق" + number;
  if (e.action == "comment.export" || e.action == "comment.erase") {
    std::string count = e.detail;
    int64_t n = -1;
    if (count.size() > 9 && count.compare(count.size() - 9, 9, " comments") == 0) ParseInt(count.substr(0, count.size() - 9), &n);
    const std::string what = e.action == "comment.export" ? "تصدير تعليقات معلّق بطلبه" : "محو تعليقات معلّق بطلبه";
    return n >= 0 ? what + " (" + Count(n, kComments, style.digits) + ")" : what;
  }
  return "";
}

// A breaking item's detail: its text, then after a line break what sets
// it apart, if anything (services/breaking_news.cc).
std::string BreakingItemText(const std::string& detail) {
  std::string text, notes;
  if (!SplitAt(detail, "\n", &text, &notes)) return Quoted(detail);
  return Quoted(text) + " (" + HtmlEscape(notes) + ")";
}

std::string OtherSentence(const AuditEntry& e, const DateStyle& style) {
  if (e.action == "breaking.add") return "إضافة خبر عاجل: " + BreakingItemText(e.detail);
  if (e.action == "breaking.edit") return "تعديل خبر عاجل: " + BreakingItemText(e.detail);
  if (e.action == "breaking.expire") return "إنهاء خبر عاجل: " + Quoted(e.detail);
  if (e.action == "breaking.remove") return "حذف خبر عاجل: " + Quoted(e.detail);
  if (e.action == "breaking.order") return "إعادة ترتيب الأخبار العاجلة";
  // Detail: an Arabic summary made in the site's digits (services/home_layout).
  if (e.action == "home.layout") return "ترتيب الصفحة الرئيسية" + (e.detail.empty() ? "" : ": " + HtmlEscape(e.detail));
  // Detail: which menu and how many items, in the site's digits (services/site_identity).
  if (e.action == "menu.save") return "حفظ القائمة" + (e.detail.empty() ? "" : ": " + HtmlEscape(e.detail));
  if (e.action == "media.upload") return e.detail.empty() ? "رفع صورة إلى مكتبة الوسائط" : "رفع الصورة " + Quoted(e.detail) + " إلى مكتبة الوسائط";
  if (e.action == "names.rename" || e.action == "names.edit") {
    const size_t colon = e.target.find(':');
    const char* kind = NamedKindName(std::string_view(e.target).substr(0, colon == std::string::npos ? 0 : colon));
    const std::string what = kind ? kind : "الاسم";
    std::string old_name, new_name;
    if (e.action == "names.rename" && SplitAt(e.detail, " ← ", &old_name, &new_name)) {
      return "تغيير اسم " + what + " " + Quoted(old_name) + " إلى " + Quoted(new_name);
    }
    return "تعديل بيانات " + what + " " + Quoted(e.detail);
  }
  if (e.action == "settings.change") {
    const std::string key = e.target.rfind("setting:", 0) == 0 ? e.target.substr(8) : e.target;
    const std::string label = Quoted(SettingArabicLabel(key));
    std::string from, to;
    if (SplitAt(e.detail, " → ", &from, &to)) {
      if (from.empty()) return "تعيين الإعداد " + label + ": " + SettingValue(key, to, style.digits);
      if (to.empty()) return "إفراغ الإعداد " + label + " (كان " + SettingValue(key, from, style.digits) + ")";
      return "تغيير الإعداد " + label + " من " + SettingValue(key, from, style.digits) + " إلى " +
             SettingValue(key, to, style.digits);
    }
    return "تغيير الإعداد " + label;
  }
  if (e.action == "terms.add" || e.action == "terms.remove") {
    // Detail: "ACTION: TEXT" and maybe " (CATEGORY)" (services/moderation_terms).
    std::string list, text;
    if (SplitAt(e.detail, ": ", &list, &text)) {
      const std::string list_name = list == "reject" ? "قائمة الرفض" : list == "hold" ? "قائمة الحجز للمراجعة" : list;
      return e.action == "terms.add" ? "إضافة " + Quoted(text) + " إلى " + list_name
                                     : "حذف " + Quoted(text) + " من " + list_name;
    }
    return e.action == "terms.add" ? "إضافة كلمة إلى قوائم الإشراف" : "حذف كلمة من قوائم الإشراف";
  }
  return "";
}

std::string LinkFor(const AuditEntry& e) {
  if (Id id = TargetId(e.target, "article")) return "/admin/articles/" + std::to_string(id);
  if (e.target.rfind("user:", 0) == 0) return "/admin/accounts";
  if (e.target.rfind("breaking", 0) == 0) return "/admin/breaking";
  if (e.action == "home.layout") return "/admin/home";
  if (e.action == "menu.save") return "/admin/identity";
  if (e.target.rfind("media:", 0) == 0) return "/admin/media";
  if (e.target.rfind("setting:", 0) == 0) {
    // The logo, icon and footer line are set on the identity page.
    return IdentitySettingLabel(e.target.substr(8)) ? "/admin/identity" : "/admin/settings";
  }
  if (e.target.rfind("comment:", 0) == 0) return "/admin/comments";
  if (e.target.rfind("term:", 0) == 0 || e.action.rfind("terms.", 0) == 0) return "/admin/terms";
  for (std::string_view kind : {"person", "section", "tag", "source"}) {
    if (Id id = TargetId(e.target, kind)) return "/admin/names/" + std::string(kind) + "/" + std::to_string(id);
  }
  return "";
}

}  // namespace

AuditSentence DescribeAudit(const AuditEntry& e, const DateStyle& style, const UserNameLookup& user_name) {
  std::string text;
  if (e.action.rfind("article.", 0) == 0) {
    text = ArticleSentence(e, style);
  } else if (e.action.rfind("comment.", 0) == 0) {
    text = CommentSentence(e, style);
  } else if (e.action.rfind("user.", 0) == 0 || e.action.rfind("login", 0) == 0 || e.action == "logout" ||
             e.action.rfind("password.", 0) == 0 || e.action.rfind("setup.", 0) == 0) {
    const Id target = TargetId(e.target, "user");
    text = AccountSentence(e, target, target && user_name ? user_name(target) : std::string(), style);
  } else {
    text = OtherSentence(e, style);
  }
  if (text.empty()) {
    text = Code(e.action) + (e.detail.empty() ? "" : ": " + HtmlEscape(e.detail));
  }
  return AuditSentence{text + ".", LinkFor(e)};
}

std::string AuditActor(const AuditEntry& e) {
  if (e.user_id) return e.user_name.empty() ? "حساب محذوف" : e.user_name;
  if (e.action == "article.publish") return "النشر المجدول";
  if (e.action == "login.failed") return "زائر";
  return "سطر الأوامر";
}

}  // namespace qalam
