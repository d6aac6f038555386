// The desk's breaking-news ticker (/admin/breaking…) and its writers,
// sources, sections and tags (/admin/names…). Handle() has already signed
// the user in and checked a POST's anti-forgery token; each route checks the
// role. Every POST that changes something answers 303 back to its page with
// a notice; refused input re-renders the page with the typed values. The
// rules and the audit entries are in services/breaking_news.h and
// services/names.h.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>

#include "arabic/dates.h"
#include "core/roles.h"
#include "core/text.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {
namespace {

constexpr int64_t kNamesPerPage = 300;

// Paragraphs: CRLF as LF, other control characters but LF dropped; NFC, trimmed.
std::string Paragraphs(const std::string& s) {
  std::string out;
  for (char c : ToNfc(s)) {
    if (c == '\n' || c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)) out += c;
  }
  return Trim(out);
}

// "2024-05-01T14:30", the value of <input type="datetime-local">, in the zone.
std::string LocalInputValue(int64_t utc, const std::string& timezone) {
  return utc ? FormatIsoDateTime(utc, timezone).substr(0, 16) : "";
}

std::string When(int64_t utc, const DateStyle& style) {
  return FormatArabicDateTime(utc, style);
}

// A form's values, and the articles it offers with the one it names selected.
nlohmann::json FormJson(const BreakingForm& f, const std::vector<ArticleSummary>& articles) {
  nlohmann::json choices = nlohmann::json::array();
  for (const ArticleSummary& a : articles) {
    const std::string id = std::to_string(a.id);
    choices.push_back({{"id", id}, {"title", a.title}, {"selected", id == f.article}});
  }
  return {{"text", f.text},     {"link", f.link},          {"until", f.until},
          {"minutes", f.minutes}, {"starts", f.starts},      {"urgent", !f.urgent.empty()},
          {"articles", choices}, {"no_article", f.article.empty()}};
}

struct NamedKindInfo {
  NamedKind kind;
  const char* key;      // In the desk's addresses: /admin/names/KEY.
  const char* prefix;   // The public page: PREFIX + slug.
  const char* plural;   // The tab.
  const char* singular;
};
constexpr NamedKindInfo kNamedKinds[] = {
    {NamedKind::kPerson, "person", "/writer/", "الكتّاب", "الكاتب"},
    {NamedKind::kSource, "source", "/source/", "المصادر", "المصدر"},
    {NamedKind::kSection, "section", "/section/", "الأقسام", "القسم"},
    {NamedKind::kTag, "tag", "/tag/", "الوسوم", "الوسم"},
};

const NamedKindInfo* FindKind(std::string_view key) {
  for (const NamedKindInfo& k : kNamedKinds) {
    if (key == k.key) return &k;
  }
  return nullptr;
}

}  // namespace

// --- breaking news -------------------------------------------------------------------

HttpReply AdminHandler::BreakingRoute(Visit& v) {
  if (!Can(v.user.role, Action::kManageBreaking)) {
    return Message(v, 403, "غير مسموح", "إدارة الأخبار العاجلة متاحة لرئيس التحرير ومدير الموقع فقط.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/breaking"));
  const std::string timezone = v.settings.timezone();
  const DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", timezone);
  std::vector<BreakingItem> items;
  if (!breaking_.List(&items).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة الأخبار العاجلة، حاول بعد قليل.");
  }
  auto server_error = [&] {
    return Message(v, 500, "خطأ في الخادم", "تعذّر حفظ التغيير، حاول بعد قليل.");
  };
  auto form = [&] {
    return BreakingForm{v.Form("text"),   v.Form("link"),   v.Form("until"),  v.Form("minutes"),
                        v.Form("starts"), v.Form("urgent"), v.Form("article")};
  };
  // The page; after a refusal, `error` with the typed values kept in the
  // add form (edit_id 0) or in that item's form.
  auto page = [&](int status, const std::string& error, Id edit_id, const BreakingForm* typed) {
    std::vector<Id> linked;
    for (const BreakingItem& b : items) {
      if (b.article_id) linked.push_back(b.article_id);
    }
    std::vector<ArticleSummary> articles;
    if (!breaking_.ArticleChoices(linked, &articles).ok()) {
      return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقالات، حاول بعد قليل.");
    }
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < items.size(); ++i) {
      const BreakingItem& b = items[i];
      const bool expired = b.until && b.until <= v.now;
      const bool scheduled = !expired && b.starts_at > v.now;
      nlohmann::json item = {
          {"id", std::to_string(b.id)},
          {"text", b.text},
          {"has_link", !b.link.empty()},
          {"link", b.link},
          {"added", When(b.created_at, style)},
          {"added_iso", FormatIsoDateTime(b.created_at, timezone)},
          {"expired", expired},
          {"scheduled", scheduled},
          {"starts_text", scheduled ? When(b.starts_at, style) : ""},
          {"starts_iso", scheduled ? FormatIsoDateTime(b.starts_at, timezone) : ""},
          {"urgent", b.urgent},
          {"article_hidden", b.article_id != 0 && b.link.empty()},
          {"expires", b.until != 0 && !expired},
          {"no_expiry", b.until == 0},
          {"until_text", b.until ? When(b.until, style) : ""},
          {"until_iso", b.until ? FormatIsoDateTime(b.until, timezone) : ""},
          {"can_up", i > 0},
          {"can_down", i + 1 < items.size()},
          {"open", false},
          {"item_error", false},
          {"form", FormJson(BreakingForm{b.text, b.article_id ? "" : b.link, LocalInputValue(b.until, timezone), "",
                                         scheduled ? LocalInputValue(b.starts_at, timezone) : "",
                                         b.urgent ? "on" : "", b.article_id ? std::to_string(b.article_id) : ""},
                            articles)}};
      if (edit_id == b.id && typed) {
        item["form"] = FormJson(*typed, articles);
        item["open"] = true;
        item["item_error"] = error;
      }
      list.push_back(std::move(item));
    }
    nlohmann::json view = {{"title", "الأخبار العاجلة"},
                           {"items", list},
                           {"timezone", timezone},
                           {"max_chars", v.Number(kBreakingMaxChars)},
                           {"max_minutes", v.Number(kBreakingMaxMinutes)},
                           {"add", FormJson(BreakingForm{}, articles)}};
    if (!error.empty()) view["error"] = error;
    if (edit_id == 0 && typed) view["add"] = FormJson(*typed, articles);
    static const std::map<std::string, std::string> kNotices = {
        {"added", "أُضيف الخبر إلى الشريط."},   {"edited", "حُفظ تعديل الخبر."},
        {"removed", "حُذف الخبر من الشريط."},   {"ordered", "حُفظ الترتيب الجديد."},
        {"expired", "أُنهي عرض الخبر الآن."}};
    if (auto it = v.query.find("done"); it != v.query.end() && kNotices.count(it->second)) {
      view["notice"] = kNotices.at(it->second);
    }
    return Page(v, status, "breaking", view);
  };
  auto find = [&](Id id) -> const BreakingItem* {
    for (const BreakingItem& b : items) {
      if (b.id == id) return &b;
    }
    return nullptr;
  };
  auto gone = [&] {
    return Message(v, 404, "الخبر غير موجود", "لم يعد هذا الخبر في الشريط؛ ربما حذفه زميل.");
  };

  if (rest.empty() || rest == "/") {
    if (v.post) return Message(v, 405, "طريقة غير مدعومة", "أرسل النموذج من صفحة الأخبار العاجلة.");
    return page(200, "", 0, nullptr);
  }
  if (!v.post) return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");

  if (rest == "/add") {
    const BreakingForm f = form();
    BreakingItem item;
    if (Status st = breaking_.Check(f, timezone, v.now, 0, &item); !st.ok()) {
      return st.IsInvalid() ? page(400, st.message(), 0, &f) : server_error();
    }
    if (!breaking_.Add(&item, v.user.id, v.now).ok()) return server_error();
    return Redirect("/admin/breaking?done=added");
  }

  if (rest == "/order") {
    const std::string conflict =
        "الترتيب المرسل لا يطابق الأخبار الحالية؛ ربما غيّرها زميل. راجع القائمة ثم أعد المحاولة.";
    if (v.form.count("move")) {  // An up or down button: the neighbours swap.
      int64_t id = 0;
      if (!ParsePositive(v.Form("move"), &id) || !find(id)) return gone();
      const std::string dir = v.Form("dir");
      if (dir != "up" && dir != "down") return Redirect("/admin/breaking");
      bool moved = false;
      Status st = breaking_.Move(id, dir == "up", v.user.id, v.now, &moved);
      if (st.IsNotFound()) return gone();
      if (!st.ok()) return server_error();
      if (!moved) return Redirect("/admin/breaking");  // Already first or last: nothing to do.
      return Redirect("/admin/breaking?done=ordered");
    }
    // The whole order: every item once, "3,1,2".
    std::vector<Id> wanted;
    const std::string text = v.Form("order");
    bool ok = true;
    for (size_t start = 0; start <= text.size() && ok;) {
      size_t comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      int64_t id = 0;
      ok = ParsePositive(Trim(std::string_view(text).substr(start, comma - start)), &id);
      wanted.push_back(id);
      start = comma + 1;
    }
    if (!ok) return page(409, conflict, 0, nullptr);
    Status st = breaking_.Order(wanted, v.user.id, v.now);
    if (st.IsConflict()) return page(409, conflict, 0, nullptr);
    if (!st.ok()) return server_error();
    return Redirect("/admin/breaking?done=ordered");
  }

  // /admin/breaking/ID, /admin/breaking/ID/remove, /admin/breaking/ID/expire
  const size_t slash = rest.find('/', 1);
  const std::string id_text = rest.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  const std::string verb = slash == std::string::npos ? "" : rest.substr(slash + 1);
  int64_t id = 0;
  if (!ParsePositive(id_text, &id) || (verb != "" && verb != "remove" && verb != "expire")) {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  const BreakingItem* found = find(id);
  if (!found) return gone();
  BreakingItem item = *found;
  if (verb == "remove") {
    Status st = breaking_.Remove(item, v.user.id, v.now);
    if (st.IsNotFound()) return gone();
    if (!st.ok()) return server_error();
    return Redirect("/admin/breaking?done=removed");
  }
  if (verb == "expire") {
    Status st = breaking_.Expire(item, v.user.id, v.now);
    if (st.IsNotFound()) return gone();
    if (!st.ok()) return server_error();
    return Redirect("/admin/breaking?done=expired");
  }
  const BreakingForm f = form();
  if (Status st = breaking_.Check(f, timezone, v.now, found->until, &item); !st.ok()) {
    return st.IsInvalid() ? page(400, st.message(), id, &f) : server_error();
  }
  Status st = breaking_.Edit(item, v.user.id, v.now);
  if (st.IsNotFound()) return gone();
  if (!st.ok()) return server_error();
  return Redirect("/admin/breaking?done=edited");
}

// --- writers, sources, sections and tags ---------------------------------------------

HttpReply AdminHandler::NamesRoute(Visit& v) {
  if (!Can(v.user.role, Action::kManageTaxonomy)) {
    return Message(v, 403, "غير مسموح",
                   "إدارة الكتّاب والمصادر والأقسام والوسوم متاحة لرئيس التحرير ومدير الموقع فقط.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/names"));
  if (rest.empty() || rest == "/") {
    if (v.post) return Message(v, 405, "طريقة غير مدعومة", "أرسل النموذج من صفحة التعديل.");
    return Redirect("/admin/names/person");
  }
  const size_t slash = rest.find('/', 1);
  const NamedKindInfo* kind = FindKind(rest.substr(1, slash == std::string::npos ? std::string::npos : slash - 1));
  int64_t id = 0;
  if (!kind || (slash != std::string::npos && !ParsePositive(rest.substr(slash + 1), &id))) {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  const std::string list_url = std::string("/admin/names/") + kind->key;
  auto public_url = [&](const std::string& slug) { return kind->prefix + PercentEncode(slug); };

  if (id == 0) {  // The list.
    if (v.post) return Message(v, 405, "طريقة غير مدعومة", "أرسل النموذج من صفحة التعديل.");
    const std::string q = v.query.count("q") ? OneLine(v.query["q"]) : "";
    std::vector<NamedItem> found;
    if (!names_.List(kind->kind, q, kNamesPerPage + 1, &found).ok()) {
      return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة القائمة، حاول بعد قليل.");
    }
    const bool more = found.size() > static_cast<size_t>(kNamesPerPage);
    if (more) found.pop_back();
    nlohmann::json tabs = nlohmann::json::array(), list = nlohmann::json::array();
    for (const NamedKindInfo& k : kNamedKinds) {
      tabs.push_back({{"label", k.plural}, {"url", std::string("/admin/names/") + k.key}, {"current", &k == kind}});
    }
    for (const NamedItem& n : found) {
      list.push_back({{"name", n.name},
                      {"articles", v.Number(n.articles)},
                      {"public_url", public_url(n.slug)},
                      {"public_path", kind->prefix + n.slug},
                      {"edit_url", list_url + "/" + std::to_string(n.id)}});
    }
    nlohmann::json view = {{"title", std::string(kind->plural) + " - الكتّاب والتصنيفات"},
                           {"kind_plural", kind->plural},
                           {"list_url", list_url},
                           {"tabs", tabs},
                           {"items", list},
                           {"has_items", !list.empty()},
                           {"q", q},
                           {"more", more},
                           {"limit", std::to_string(kNamesPerPage)}};
    if (!q.empty()) view["searched"] = true;
    return Page(v, 200, "names", view);
  }

  NamedItem stored;
  if (Status st = names_.Get(kind->kind, id, &stored); !st.ok()) {
    if (st.IsNotFound()) {
      return Message(v, 404, "غير موجود", std::string("لا يوجد ") + kind->singular + " بهذا الرقم.");
    }
    return Message(v, 500, "خطأ في الخادم", "تعذّر القراءة، حاول بعد قليل.");
  }
  const bool person = kind->kind == NamedKind::kPerson, source = kind->kind == NamedKind::kSource;
  const std::string action = list_url + "/" + std::to_string(id);
  // The edit form, with the stored values or, after a refusal, the typed ones.
  auto page = [&](int status, const NamedItem& shown, const std::string& photo, const std::string& error) {
    nlohmann::json view = {{"title", std::string("تعديل ") + kind->singular + ": " + stored.name},
                           {"kind_singular", kind->singular},
                           {"kind_plural", kind->plural},
                           {"list_url", list_url},
                           {"action", action},
                           {"stored_name", stored.name},
                           {"public_url", public_url(stored.slug)},
                           {"public_path", kind->prefix + stored.slug},
                           {"articles", v.Number(stored.articles)},
                           {"is_person", person},
                           {"is_source", source},
                           {"has_description", !person && !source},
                           {"is_section", kind->kind == NamedKind::kSection},
                           {"show_time", shown.show_time},
                           {"form", {{"name", shown.name}, {"bio", shown.extra}, {"url", shown.extra},
                                     {"description", shown.extra},
                                     {"photo_id", photo}}}};
    if (!error.empty()) view["error"] = error;
    if (v.query.count("done")) view["notice"] = "حُفظت التغييرات.";
    return Page(v, status, "name_edit", view);
  };
  if (!v.post) return page(200, stored, stored.photo_id ? std::to_string(stored.photo_id) : "", "");

  NamedItem item = stored;
  item.name = OneLine(v.Form("name"));
  const std::string photo = Trim(v.Form("photo_id"));
  if (person) item.extra = Paragraphs(v.Form("bio"));
  if (source) item.extra = Trim(v.Form("url"));
  if (!person && !source) item.extra = OneLine(v.Form("description"));
  // A checkbox, absent from the form when unticked: read only from a form
  // that showed it (show_time_field), else the stored setting stays.
  if (kind->kind == NamedKind::kSection && v.Form("show_time_field") == "1") {
    item.show_time = v.Form("show_time") == "1";
  }
  auto refuse = [&](int status, const std::string& error) { return page(status, item, photo, error); };
  if (Status st = Names::Check(kind->kind, item); !st.ok()) return refuse(400, st.message());
  if (person) {
    item.photo_id = 0;
    if (!photo.empty() && !ParsePositive(photo, &item.photo_id)) {
      return refuse(400, "رقم الصورة يجب أن يكون عددًا صحيحًا.");
    }
  }
  bool changed = false;
  Status st = names_.Update(kind->kind, stored, item, v.user.id, v.now, &changed);
  if (st.IsInvalid()) return refuse(400, st.message());
  if (st.code() == Status::Code::kConflict) {
    return refuse(409, std::string("الاسم مستخدم: يوجد ") + kind->singular + " آخر بالاسم «" + item.name + "».");
  }
  if (st.IsNotFound()) {
    return Message(v, 404, "غير موجود", std::string("لا يوجد ") + kind->singular + " بهذا الرقم.");
  }
  if (!st.ok()) {
    spdlog::error("cannot save {} {}: {}", kind->key, id, st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّر الحفظ، حاول بعد قليل.");
  }
  return Redirect(action + "?done=saved");
}

}  // namespace qalam
