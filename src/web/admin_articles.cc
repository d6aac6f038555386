// The editor's desk: article lists with filters, the editor (save, submit,
// publish, schedule, unpublish, trash, restore), autosave with warnings
// when someone else is editing, the preview, the history with word diffs
// and restoring a revision, the trash, and name completion.
#include <spdlog/spdlog.h>

#include <charconv>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/roles.h"
#include "core/text.h"
#include "render/pages.h"
#include "services/newsroom.h"
#include "services/word_diff.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"

namespace qalam {

namespace {

constexpr int64_t kPerPage = 30;

bool ParseId(std::string_view text, Id* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && *out > 0;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = Trim(std::string_view(text).substr(start, nl - start));
    if (!line.empty()) out.push_back(std::move(line));
    start = nl + 1;
  }
  return out;
}

// Tags are typed separated by commas, Arabic (،) or Latin.
std::vector<std::string> SplitTags(const std::string& text) {
  std::string unified;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "،") == 0) {
      unified += ',';
      ++i;
    } else {
      unified += text[i];
    }
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= unified.size()) {
    size_t comma = unified.find(',', start);
    if (comma == std::string::npos) comma = unified.size();
    std::string tag = Trim(std::string_view(unified).substr(start, comma - start));
    if (!tag.empty()) out.push_back(std::move(tag));
    start = comma + 1;
  }
  return out;
}

// Names (tags, people) as the editor's fields show them: «أ، ب، ج».
std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "، ") + n;
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// Related links are typed one per line: a title of this site's articles, or
// "title | address" for a link elsewhere.
std::vector<RelatedLink> ParseRelated(const std::string& text) {
  std::vector<RelatedLink> out;
  for (const std::string& line : SplitLines(text)) {
    RelatedLink r;
    size_t bar = line.rfind('|');
    if (bar == std::string::npos) {
      r.title = line;
    } else {
      r.title = Trim(std::string_view(line).substr(0, bar));
      r.url = Trim(std::string_view(line).substr(bar + 1));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string RelatedText(const std::vector<RelatedLink>& links) {
  std::string out;
  for (const RelatedLink& r : links) {
    out += (out.empty() ? "" : "\n") + r.title + (r.url.empty() ? "" : " | " + r.url);
  }
  return out;
}

const char* StateName(DeskState s) {
  switch (s) {
    case DeskState::kReview: return "بانتظار المراجعة";
    case DeskState::kScheduled: return "مجدول";
    case DeskState::kPublished: return "منشور";
    case DeskState::kTrashed: return "في سلة المحذوفات";
    case DeskState::kDraft: break;
  }
  return "مسودة";
}

const char* ActionLabel(DeskAction a) {
  switch (a) {
    case DeskAction::kSubmit: return "أرسل للمراجعة";
    case DeskAction::kPublish: return "انشر الآن";
    case DeskAction::kSchedule: return "جدول النشر";
    case DeskAction::kUnpublish: return "ألغِ النشر";
    case DeskAction::kTrash: return "انقل إلى سلة المحذوفات";
    case DeskAction::kRestore: return "استعد من السلة";
    case DeskAction::kSave: break;
  }
  return "احفظ";
}

}  // namespace

// The notices fieldset's rows: each notice, then an empty one to add.
static nlohmann::json NoticeRows(const std::vector<ArticleNotice>& notices, const DateStyle& style) {
  nlohmann::json rows = nlohmann::json::array();
  auto row = [&](const ArticleNotice* n, size_t i) {
    nlohmann::json kinds = nlohmann::json::array();
    for (NoticeKind k : {NoticeKind::kCorrection, NoticeKind::kUpdate, NoticeKind::kClarification,
                         NoticeKind::kEditorsNote}) {
      kinds.push_back({{"value", ToString(k)}, {"name", NoticeKindName(k)}, {"selected", n && n->kind == k}});
    }
    nlohmann::json r = {{"i", std::to_string(i)},
                        {"kinds", kinds},
                        {"text", n ? n->text : ""},
                        {"bottom", n && n->placement == NoticePlacement::kBottom},
                        {"new", n == nullptr || n->at == 0}};
    if (n && n->at) {
      r["at"] = std::to_string(n->at);
      r["date"] = FormatArabicDateTime(n->at, style);
    }
    rows.push_back(std::move(r));
  };
  for (size_t i = 0; i < notices.size(); ++i) row(&notices[i], i);
  row(nullptr, notices.size());
  return rows;
}

// The form's fields as the newsroom typed them.
static ArticleForm ReadForm(const std::map<std::string, std::string>& form) {
  auto get = [&](const char* name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  ArticleForm f;
  f.title = get("title");
  f.slug = get("slug");
  f.highlights = SplitLines(get("highlights"));
  f.body = get("body");
  f.writer_name = get("writer");
  f.writer_bio = get("writer_bio");
  f.co_writers = SplitTags(get("co_writers"));
  f.translators = SplitTags(get("translators"));
  f.contributors = SplitTags(get("contributors"));
  f.editor_name = get("editor");
  f.source_name = get("source");
  f.source_url = get("source_url");
  f.section = get("section");
  f.tags = SplitTags(get("tags"));
  f.related = ParseRelated(get("related"));
  Id image = 0;
  if (ParseId(get("image_id"), &image)) f.image_id = image;
  f.image_alt = get("image_alt");
  f.image_caption = get("image_caption");
  f.seo_title = get("seo_title");
  f.seo_description = get("seo_description");
  f.original_url = get("original_url");
  f.canonical_original = get("canonical_original") == "1";
  // The kind and the pin count only when the editor showed them (to those
  // who may manage pages, and to those who may publish): otherwise the
  // stored ones stay. pinned_until is read by PinnedUntil below.
  if (get("kind_fields") == "1") {
    f.has_kind = true;
    if (!ParseArticleKind(get("kind"), &f.kind)) f.kind = ArticleKind::kArticle;
    f.in_footer = get("in_footer") == "1";
  }
  if (get("pin_fields") == "1") {
    f.has_pin = true;
    f.pinned = get("pinned") == "1";
  }
  // Notices: rows notice_*_0, notice_*_1, … (the stored ones, then an empty
  // one to add); a ticked notice_remove_N drops its row. A row keeps its
  // date (notice_at_N); a new one has none and is dated by the save.
  if (get("notice_fields") == "1") {
    f.has_notices = true;
    for (int i = 0; form.count("notice_text_" + std::to_string(i)); ++i) {
      const std::string n = std::to_string(i);
      if (get(("notice_remove_" + n).c_str()) == "1") continue;
      ArticleNotice notice;
      if (!ParseNoticeKind(get(("notice_kind_" + n).c_str()), &notice.kind)) notice.kind = NoticeKind::kCorrection;
      if (!ParseNoticePlacement(get(("notice_placement_" + n).c_str()), &notice.placement)) {
        notice.placement = NoticePlacement::kTop;
      }
      notice.text = get(("notice_text_" + n).c_str());
      Id at = 0;
      if (ParseId(get(("notice_at_" + n).c_str()), &at)) notice.at = at;
      f.notices.push_back(std::move(notice));
    }
  }
  return f;
}

// The pin's end as typed (datetime-local, the site's time zone, the same
// format as scheduling); empty: until unpinned. False when not a time.
static bool PinnedUntil(const std::map<std::string, std::string>& form, const std::string& timezone,
                        ArticleForm* f) {
  auto it = form.find("pinned_until");
  const std::string text = it == form.end() ? "" : Trim(it->second);
  f->pinned_until = 0;
  if (!f->has_pin || !f->pinned || text.empty()) return true;
  return ParseIsoDateTime(text, timezone, &f->pinned_until).ok();
}

HttpReply AdminHandler::ArticlesRoute(Visit& v) {
  if (!Can(v.user.role, Action::kWriteDraft)) {
    return Message(v, 403, "غير مسموح", "دورك لا يتيح كتابة المقالات أو تحريرها.");
  }
  // /admin/articles[/new | /ID[/autosave | /history[/restore]]] and /admin/articles/trash/empty
  std::vector<std::string> parts;
  for (size_t start = 1; start <= v.path.size();) {
    size_t slash = v.path.find('/', start);
    if (slash == std::string::npos) slash = v.path.size();
    if (slash > start) parts.push_back(v.path.substr(start, slash - start));
    start = slash + 1;
  }
  // parts[0] == "admin", parts[1] == "articles"
  if (parts.size() == 2) {
    if (v.post) return Editor(v, 0);  // The first save of a new article.
    return ArticleList(v);
  }
  if (parts.size() == 3 && parts[2] == "new" && !v.post) return Editor(v, 0);
  if (parts.size() == 4 && parts[2] == "trash" && parts[3] == "empty" && v.post) return EmptyTrash(v);
  Id id = 0;
  if (parts.size() >= 3 && ParseId(parts[2], &id)) {
    if (parts.size() == 3) return Editor(v, id);
    if (parts.size() == 4 && parts[3] == "autosave" && v.post) return AutosaveArticle(v, id);
    if (parts.size() == 4 && parts[3] == "history" && !v.post) return History(v, id);
    if (parts.size() == 5 && parts[3] == "history" && parts[4] == "restore" && v.post) {
      return RestoreRevision(v, id);
    }
  }
  return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
}

HttpReply AdminHandler::ArticleList(Visit& v) {
  DeskFilter f;
  nlohmann::json view = {{"title", "المقالات"}};
  auto q = [&](const char* name) {
    auto it = v.query.find(name);
    return it == v.query.end() ? std::string() : it->second;
  };
  const std::string state = q("state");
  DeskState parsed;
  if (ParseDeskState(state, &parsed)) f.state = parsed;
  const bool can_pages = Can(v.user.role, Action::kManagePages);
  const std::string kind = q("kind");
  ArticleKind parsed_kind;
  if (!can_pages) {
    f.kind = ArticleKind::kArticle;  // Pages are for those who manage them.
  } else if (ParseArticleKind(kind, &parsed_kind)) {
    f.kind = parsed_kind;
  }
  view["can_pages"] = can_pages;
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& [value, name] : std::vector<std::pair<std::string, std::string>>{
           {"", "الكل"}, {"article", "مقالات"}, {"page", "صفحات ثابتة"}}) {
    kinds.push_back({{"value", value}, {"name", name}, {"selected", value == kind}});
  }
  view["kinds"] = kinds;
  if (q("mine") == "1" || !Can(v.user.role, Action::kEditAnyArticle)) {
    // Writers and editors see their own articles; editors also others' drafts.
    if (!(Can(v.user.role, Action::kPublishOwn) && q("mine") != "1")) f.author_id = v.user.id;
  }
  f.title = Trim(q("q"));
  struct NamedFilter {
    const char* param;
    NamedKind kind;
    Id* target;
  };
  for (const NamedFilter& nf : {NamedFilter{"writer", NamedKind::kPerson, &f.writer_id},
                                NamedFilter{"section", NamedKind::kSection, &f.section_id},
                                NamedFilter{"tag", NamedKind::kTag, &f.tag_id}}) {
    nlohmann::json options = nlohmann::json::array();
    std::vector<NamedItem> items;
    Id chosen = 0;
    ParseId(q(nf.param), &chosen);
    if (names_.List(nf.kind, "", 500, &items).ok()) {
      for (const NamedItem& item : items) {
        options.push_back({{"id", std::to_string(item.id)}, {"name", item.name}, {"selected", item.id == chosen}});
      }
    }
    *nf.target = chosen;
    view[std::string(nf.param) + "_options"] = options;
  }
  const int64_t page = v.PageNumber();
  std::vector<DeskRow> rows;
  int64_t total = 0;
  if (!desk_.List(f, (page - 1) * kPerPage, kPerPage, &rows, &total).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقالات، حاول بعد قليل.");
  }
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off",
                                  v.settings.timezone());
  nlohmann::json list = nlohmann::json::array();
  for (const DeskRow& r : rows) {
    nlohmann::json row = {{"title", r.title}, {"edit", "/admin/articles/" + std::to_string(r.id)},
                          {"state", ToString(r.state)}, {"state_name", StateName(r.state)},
                          {"modified", FormatArabicDate(r.modified_at, style)},
                          {"modified_iso", FormatIsoDateTime(r.modified_at, style.timezone)}};
    // Only what is there: an empty string would still open a Mustache section.
    if (!r.writer_name.empty()) row["writer"] = r.writer_name;
    if (!r.section_name.empty()) row["section"] = r.section_name;
    if (!r.author_name.empty()) row["author"] = r.author_name;
    if (r.state == DeskState::kPublished) {
      row["view"] = std::string(r.kind == ArticleKind::kPage ? "/page/" : "/article/") + PercentEncode(r.slug);
    }
    if (r.kind == ArticleKind::kPage) row["page"] = {{"in_footer", r.in_footer}};
    if (r.pinned) row["pinned"] = true;
    if (r.state == DeskState::kScheduled) {
      row["when"] = FormatArabicDateTime(r.scheduled_at, style);
    }
    list.push_back(std::move(row));
  }
  nlohmann::json states = nlohmann::json::array();
  for (const auto& [value, name] : std::vector<std::pair<std::string, std::string>>{
           {"", "الكل"}, {"draft", "مسودات"}, {"review", "بانتظار المراجعة"}, {"scheduled", "مجدولة"},
           {"published", "منشورة"}, {"trashed", "سلة المحذوفات"}}) {
    states.push_back({{"value", value}, {"name", name}, {"selected", value == state}});
  }
  view["states"] = states;
  view["articles"] = list;
  view["total"] = LocalDigits(std::to_string(total), style.digits);
  view["q"] = f.title;
  view["trash"] = f.state && *f.state == DeskState::kTrashed && Can(v.user.role, Action::kPublishAny);
  if (v.query.count("done")) view["notice"] = "أُفرغت سلة المحذوفات مما مضى عليه ٣٠ يومًا.";
  std::string base = "/admin/articles?";
  for (const char* p : {"state", "kind", "q", "writer", "section", "tag", "mine"}) {
    if (!q(p).empty()) base += std::string(p) + "=" + PercentEncode(q(p)) + "&";
  }
  if (page > 1) view["prev"] = base + "page=" + std::to_string(page - 1);
  if (page * kPerPage < total) view["next"] = base + "page=" + std::to_string(page + 1);
  return Page(v, 200, "articles", view);
}

nlohmann::json AdminHandler::EditorView(Visit& v, const Article& stored, const ArticleForm& form) {
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off",
                                  v.settings.timezone());
  const DeskState state = DeskStateOf(stored.status, stored.workflow);
  nlohmann::json view = {
      {"title", stored.id ? "تحرير: " + stored.title
                          : (stored.kind == ArticleKind::kPage ? "صفحة ثابتة جديدة" : "مقال جديد")},
      {"action", stored.id ? "/admin/articles/" + std::to_string(stored.id) : "/admin/articles"},
      {"id", std::to_string(stored.id)},
      {"version", std::to_string(stored.version)},
      {"state", ToString(state)},
      {"state_name", StateName(state)},
      {"f_title", form.title},
      {"f_slug", form.slug.empty() ? stored.slug : form.slug},
      {"f_highlights", JoinLines(form.highlights)},
      {"f_body", form.body},
      {"f_writer", form.writer_name},
      {"f_writer_bio", form.writer_bio},
      {"f_editor", form.editor_name},
      {"f_source", form.source_name},
      {"f_source_url", form.source_url},
      {"f_section", form.section},
      {"f_related", RelatedText(form.related)},
      {"f_image_alt", form.image_alt},
      {"f_image_caption", form.image_caption},
      {"f_seo_title", form.seo_title},
      {"f_seo_description", form.seo_description},
      {"f_original_url", form.original_url},
      {"f_canonical_original", form.canonical_original},
      {"published", state == DeskState::kPublished},
      {"modified_at", std::to_string(stored.modified_at)},
      {"kind", ToString(form.has_kind ? form.kind : stored.kind)},
      {"is_page", (form.has_kind ? form.kind : stored.kind) == ArticleKind::kPage},
      {"f_in_footer", form.has_kind ? form.in_footer : stored.in_footer},
      {"f_pinned", form.has_pin ? form.pinned : stored.pinned},
      {"can_pages", Can(v.user.role, Action::kManagePages)},
      {"can_pin", MayPin(v.user, stored)},
  };
  const int64_t pinned_until = form.has_pin ? (form.pinned ? form.pinned_until : 0)
                                            : (stored.pinned ? stored.pinned_until : 0);
  if (pinned_until) view["f_pinned_until"] = FormatIsoDateTime(pinned_until, style.timezone).substr(0, 16);
  view["f_tags"] = JoinNames(form.tags);
  view["f_co_writers"] = JoinNames(form.co_writers);
  view["f_translators"] = JoinNames(form.translators);
  view["f_contributors"] = JoinNames(form.contributors);
  view["notices"] = NoticeRows(form.notices, style);
  if (form.image_id) {
    view["f_image_id"] = std::to_string(form.image_id);
    MediaItem m;
    if (media_.Get(form.image_id, &m).ok() && !m.variants.empty()) {
      view["image_thumb"] = "/media/" + m.variants.front().file;
    }
  }
  // The search result as it will look (editor.js keeps it current as one
  // types): the SEO title or the title, the SEO description or the first
  // highlight, under the article's address.
  {
    const ArticleKind kind = form.has_kind ? form.kind : stored.kind;
    const std::string slug = stored.slug.empty() ? "…" : stored.slug;
    view["seo_preview_url"] = v.settings.site_url() + (kind == ArticleKind::kPage ? "/page/" : "/article/") + slug;
    view["seo_preview_site"] = v.settings.site_name();
    view["digits"] = v.settings.Get("digits");
    view["seo_preview_title"] = form.seo_title.empty() ? form.title : form.seo_title;
    view["seo_preview_description"] =
        form.seo_description.empty() ? (form.highlights.empty() ? "" : form.highlights.front()) : form.seo_description;
  }
  if (stored.id) view["history"] = "/admin/articles/" + std::to_string(stored.id) + "/history";
  if (state == DeskState::kPublished) {
    view["view"] = std::string(stored.kind == ArticleKind::kPage ? "/page/" : "/article/") + PercentEncode(stored.slug);
  }
  if (state == DeskState::kScheduled) {
    view["scheduled"] = FormatArabicDateTime(stored.scheduled_at, style);
  }
  const int64_t schedule_default = stored.scheduled_at ? stored.scheduled_at : v.now + 3600;
  view["schedule_at"] = FormatIsoDateTime(schedule_default, style.timezone).substr(0, 16);
  view["timezone"] = v.settings.timezone();
  nlohmann::json buttons = nlohmann::json::array();
  for (DeskAction a : kAllDeskActions) {
    if (a == DeskAction::kSchedule || !MayDo(v.user, stored, a)) continue;
    if (a == DeskAction::kRestore) continue;  // A trashed article is restored before editing.
    buttons.push_back({{"value", ToString(a)}, {"label", ActionLabel(a)},
                       {"danger", a == DeskAction::kTrash || a == DeskAction::kUnpublish},
                       {"primary", a == DeskAction::kPublish || (a == DeskAction::kSubmit && !MayDo(v.user, stored, DeskAction::kPublish))}});
  }
  view["buttons"] = buttons;
  view["can_schedule"] = MayDo(v.user, stored, DeskAction::kSchedule);
  view["trashed"] = state == DeskState::kTrashed;
  view["can_restore"] = MayDo(v.user, stored, DeskAction::kRestore);
  // Completion lists for the name fields.
  for (const auto& [key, kind] : std::vector<std::pair<std::string, NamedKind>>{
           {"writers", NamedKind::kPerson}, {"sections", NamedKind::kSection},
           {"sources", NamedKind::kSource}, {"all_tags", NamedKind::kTag}}) {
    std::vector<NamedItem> items;
    nlohmann::json names = nlohmann::json::array();
    if (names_.List(kind, "", 1000, &items).ok()) {
      for (const NamedItem& item : items) names.push_back(item.name);
    }
    view[key] = names;
  }
  // Someone else with this article open (their recent autosave), and this
  // person's own unsaved text.
  AutosaveState autosaves;
  if (stored.id && desk_.Autosaves(stored.id, v.user, v.now, &autosaves).ok()) {
    nlohmann::json others = nlohmann::json::array();
    for (const std::string& name : autosaves.others_editing) others.push_back({{"name", name}});
    if (autosaves.own && !v.query.count("autosave")) {
      view["own_autosave"] = FormatArabicTime(autosaves.own->at, style);
      view["own_autosave_url"] = "/admin/articles/" + std::to_string(stored.id) + "?autosave=1";
    }
    if (!others.empty()) view["others_editing"] = others;
  }
  // Readers' views of a published article (admin_views.cc).
  if (stored.id && stored.kind == ArticleKind::kArticle && stored.status == ArticleStatus::kPublished) {
    view["views"] = ViewsChartView(v, stored.id);
  }
  return view;
}

HttpReply AdminHandler::Editor(Visit& v, Id id) {
  Article stored;
  stored.status = ArticleStatus::kDraft;  // A new article is a draft until published.
  if (!id && v.query.count("kind") && v.query["kind"] == "page" && Can(v.user.role, Action::kManagePages)) {
    stored.kind = ArticleKind::kPage;  // /admin/articles/new?kind=page
  }
  if (id) {
    Status st = desk_.Get(id, &stored);
    if (st.IsNotFound()) return Message(v, 404, "المقال غير موجود", "لا يوجد مقال بهذا الرقم؛ ربما حُذف نهائيًا.");
    if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقال، حاول بعد قليل.");
  }
  if (!MayOpen(v.user, stored)) {
    return Message(v, 403, "غير مسموح", "لا يتيح لك دورك فتح هذا المقال.");
  }
  if (!v.post) {
    ArticleForm form = FormOf(stored);
    if (v.query.count("autosave")) {
      // This person's autosaved text, loaded into the form (saved only when they save).
      AutosaveState autosaves;
      if (desk_.Autosaves(id, v.user, v.now, &autosaves).ok() && autosaves.own) {
        (void)ParseSnapshot(autosaves.own->snapshot, &form);  // Unreadable: the stored text stays.
      }
    }
    nlohmann::json view = EditorView(v, stored, form);
    if (v.query.count("done")) {
      DeskAction done;
      if (ParseDeskAction(v.query["done"], &done)) view["notice"] = ArabicDoneNotice(done, stored.kind);
    }
    return Page(v, 200, "editor", view);
  }

  DeskAction action = DeskAction::kSave;
  if (!ParseDeskAction(v.Form("action"), &action)) {
    return Message(v, 400, "طلب غير صالح", "الإجراء المطلوب غير معروف.");
  }
  ArticleForm form = ReadForm(v.form);
  const bool pin_time_ok = PinnedUntil(v.form, v.settings.timezone(), &form);
  auto again = [&](int status, const std::string& error, const Article& shown) {
    nlohmann::json view = EditorView(v, shown, form);
    view["error"] = error;
    return Page(v, status, "editor", view);
  };
  if (!MayDo(v.user, stored, action)) {
    return again(403, "لا يتيح لك دورك هذا الإجراء على هذا المقال.", stored);
  }
  int64_t expected = 0;
  if (id) {
    const std::string version = v.Form("version");
    auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), expected);
    if (ec != std::errc() || end != version.data() + version.size()) {
      return again(400, "النموذج ناقص؛ أعد تحميل الصفحة.", stored);
    }
  }
  Article edited = stored;
  // Trash and restore move the article as it is stored; every other action
  // saves what the form holds.
  if (action != DeskAction::kTrash && action != DeskAction::kRestore) {
    if (!pin_time_ok) return again(400, "وقت انتهاء التثبيت غير صالح؛ اختر تاريخًا وساعة أو اتركه فارغًا.", stored);
    if (form.has_pin && form.pinned && form.pinned_until && form.pinned_until <= v.now &&
        form.pinned_until != stored.pinned_until) {
      return again(400, "اختر وقتًا لانتهاء التثبيت بعد الآن، أو اتركه فارغًا.", stored);
    }
    Status st = ApplyForm(form, &edited);
    if (!st.ok()) return again(400, st.message(), stored);
    if (!(st = CheckEditRights(v.user, stored, edited)).ok()) return again(403, st.message(), stored);
  }
  DeskCommand command;
  command.action = action;
  command.expected_version = expected;
  command.minor = v.Form("minor") == "1";
  if (action == DeskAction::kSchedule) {
    Status st = ParseIsoDateTime(v.Form("schedule_at"), v.settings.timezone(), &command.schedule_at);
    if (!st.ok()) return again(400, "وقت النشر غير صالح؛ اختر تاريخًا وساعة.", stored);
  }
  std::set<std::string> changes;
  Status st = desk_.Run(v.user, command, v.now, &edited, &changes);
  if (st.code() == Status::Code::kConflict) {
    // Someone saved since this editor opened: keep the typed text, show who,
    // and let the next save knowingly replace theirs.
    Article current;
    (void)desk_.Get(id, &current);  // Gone or unreadable: the page still keeps the typed text.
    std::vector<Revision> revisions;
    std::string who = "زميل";
    if (desk_.ListRevisions(id, &revisions).ok() && !revisions.empty()) who = revisions.front().user_name;
    nlohmann::json view = EditorView(v, current, form);
    view["conflict"] = {{"who", who}, {"history", "/admin/articles/" + std::to_string(id) + "/history"}};
    view["error"] = "حفظ " + who + " هذا المقال بعد أن فتحته، فلم يُحفظ تعديلك. نصّك باقٍ في النموذج أدناه: "
                    "راجع التغييرات في سجل النسخ، ثم احفظ مجددًا إن أردت أن يحل نصّك محل نصّه.";
    return Page(v, 409, "editor", view);
  }
  if (st.IsInvalid()) return again(400, st.message(), stored);
  if (st.IsNotFound()) return Message(v, 404, "المقال غير موجود", "لا يوجد مقال بهذا الرقم؛ ربما حُذف نهائيًا.");
  if (!st.ok()) {
    spdlog::error("desk save of article {} failed: {}", id, st.message());
    return again(500, "تعذّر الحفظ الآن؛ نصّك باقٍ في النموذج، حاول بعد قليل.", stored);
  }
  return Redirect("/admin/articles/" + std::to_string(edited.id) + "?done=" + ToString(action));
}

HttpReply AdminHandler::AutosaveArticle(Visit& v, Id id) {
  auto json_reply = [](int status, const nlohmann::json& body) {
    HttpReply r;
    r.status = status;
    r.content_type = "application/json; charset=utf-8";
    r.cache_control = "no-store";
    r.body = std::make_shared<const std::string>(body.dump());
    return r;
  };
  Article stored;
  Status st = desk_.Get(id, &stored);
  if (st.IsNotFound()) return json_reply(404, {{"error", "المقال غير موجود."}});
  if (!st.ok()) return json_reply(500, {{"error", "تعذّر الحفظ التلقائي."}});
  if (!MayDo(v.user, stored, DeskAction::kSave)) return json_reply(403, {{"error", "غير مسموح."}});
  int64_t base = 0;
  const std::string version = v.Form("version");
  if (auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), base);
      ec != std::errc() || end != version.data() + version.size()) {
    return json_reply(400, {{"error", "النموذج ناقص؛ أعد تحميل الصفحة."}});
  }
  st = desk_.Autosave(v.user, stored, ReadForm(v.form), base, v.now);
  if (!st.ok()) return json_reply(500, {{"error", "تعذّر الحفظ التلقائي."}});
  nlohmann::json others = nlohmann::json::array();
  AutosaveState autosaves;
  if (desk_.Autosaves(id, v.user, v.now, &autosaves).ok()) {
    for (const std::string& name : autosaves.others_editing) others.push_back(name);
  }
  nlohmann::json body = {{"saved_at", FormatArabicTime(v.now, MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", v.settings.timezone()))},
                         {"version", stored.version},
                         {"changed", stored.version != base},
                         {"others", others}};
  return json_reply(200, body);
}

HttpReply AdminHandler::Preview(Visit& v) {
  if (!Can(v.user.role, Action::kWriteDraft)) {
    return Message(v, 403, "غير مسموح", "دورك لا يتيح معاينة المقالات.");
  }
  Article a;
  a.status = ArticleStatus::kDraft;
  Id id = 0;
  if (ParseId(v.Form("id"), &id)) {
    if (!desk_.Get(id, &a).ok() || !MayOpen(v.user, a)) {
      return Message(v, 403, "غير مسموح", "لا يتيح لك دورك فتح هذا المقال.");
    }
  }
  Status st = ApplyForm(ReadForm(v.form), &a);
  if (!st.ok()) return Message(v, 400, "تعذّرت المعاينة", st.message());
  a.image.reset();
  if (a.image_id) {
    MediaItem m;
    if (media_.Get(a.image_id, &m).ok()) a.image = m;
  }
  RenderedPage page;
  st = page_renderer_.RenderPreview(a, v.now, &page);
  if (!st.ok()) {
    spdlog::error("preview failed: {}", st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّرت المعاينة، حاول بعد قليل.");
  }
  return DeskPreviewReply(std::move(page.html));
}

HttpReply AdminHandler::History(Visit& v, Id id) {
  Article stored;
  Status st = desk_.Get(id, &stored);
  if (st.IsNotFound()) return Message(v, 404, "المقال غير موجود", "لا يوجد مقال بهذا الرقم.");
  if (!st.ok()) return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة المقال، حاول بعد قليل.");
  if (!MayOpen(v.user, stored)) return Message(v, 403, "غير مسموح", "لا يتيح لك دورك فتح هذا المقال.");
  std::vector<Revision> revisions;
  if (!desk_.ListRevisions(id, &revisions).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر قراءة سجل النسخ، حاول بعد قليل.");
  }
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off",
                                  v.settings.timezone());
  // The revision shown: ?rev=N, else the newest; compared with the one before it.
  Id shown = revisions.empty() ? 0 : revisions.front().id;
  if (v.query.count("rev")) ParseId(v.query["rev"], &shown);
  nlohmann::json list = nlohmann::json::array();
  const Revision* current = nullptr;
  const Revision* previous = nullptr;
  for (size_t i = 0; i < revisions.size(); ++i) {
    const Revision& r = revisions[i];
    DeskAction action = DeskAction::kSave;
    ParseDeskAction(r.action, &action);
    list.push_back({{"url", "/admin/articles/" + std::to_string(id) + "/history?rev=" + std::to_string(r.id)},
                    {"id", std::to_string(r.id)},
                    {"who", r.user_name.empty() ? std::string("النظام") : r.user_name},
                    {"when", FormatArabicDateTime(r.at, style)},
                    {"iso", FormatIsoDateTime(r.at, style.timezone)},
                    {"what", ArabicDone(action)},
                    {"minor", r.minor},
                    {"current", r.id == shown}});
    if (r.id == shown) {
      current = &r;
      if (i + 1 < revisions.size()) previous = &revisions[i + 1];
    }
  }
  nlohmann::json view = {{"title", "سجل نسخ: " + stored.title},
                         {"article_title", stored.title},
                         {"edit", "/admin/articles/" + std::to_string(id)},
                         {"revisions", list}};
  if (current) {
    Revision full_current, full_previous;
    ArticleForm now_form, before_form;
    // A revision that does not parse compares as empty.
    if (desk_.GetRevision(current->id, &full_current).ok()) (void)ParseSnapshot(full_current.snapshot, &now_form);
    if (previous && desk_.GetRevision(previous->id, &full_previous).ok()) {
      (void)ParseSnapshot(full_previous.snapshot, &before_form);
    }
    nlohmann::json fields = nlohmann::json::array();
    int added = 0, removed = 0;
    auto field = [&](const char* name, const std::string& before, const std::string& after) {
      if (before == after) return;
      std::vector<DiffPiece> pieces = DiffWords(before, after);
      DiffStats stats = CountChanges(pieces);
      added += stats.added_words;
      removed += stats.removed_words;
      fields.push_back({{"name", name}, {"diff", DiffHtml(pieces)}});
    };
    field("العنوان", before_form.title, now_form.title);
    field("الأبرز", JoinLines(before_form.highlights), JoinLines(now_form.highlights));
    field("النص", before_form.body, now_form.body);
    field("الكاتب", before_form.writer_name, now_form.writer_name);
    field("نبذة الكاتب", before_form.writer_bio, now_form.writer_bio);
    field("المصدر", before_form.source_name + " " + before_form.source_url,
          now_form.source_name + " " + now_form.source_url);
    field("القسم", before_form.section, now_form.section);
    field("كتّاب مشاركون", JoinNames(before_form.co_writers), JoinNames(now_form.co_writers));
    field("ترجمة", JoinNames(before_form.translators), JoinNames(now_form.translators));
    field("شارك في الإعداد", JoinNames(before_form.contributors), JoinNames(now_form.contributors));
    field("الوسوم", JoinNames(before_form.tags), JoinNames(now_form.tags));
    field("موضوعات ذات صلة", RelatedText(before_form.related), RelatedText(now_form.related));
    // Notices as a line each: «تصحيح (أعلى المقال): النص».
    auto notices_text = [](const ArticleForm& f) {
      std::string out;
      for (const ArticleNotice& n : f.notices) {
        out += std::string(NoticeKindName(n.kind)) +
               (n.placement == NoticePlacement::kBottom ? " (أسفل المقال): " : " (أعلى المقال): ") + n.text + "\n";
      }
      return out;
    };
    field("التصحيحات والتنبيهات", notices_text(before_form), notices_text(now_form));
    view["fields"] = fields;
    view["no_change"] = fields.empty();
    view["first"] = previous == nullptr;
    // «أُضيفت 8 كلمات وحُذفت كلمة واحدة.»: counted by Arabic's plural rules,
    // in the site's digits.
    static const CountedNoun kWords{"لا كلمات", "كلمة واحدة", "كلمتان", "{n} كلمات", "{n} كلمةً", "{n} كلمة"};
    view["diff_summary"] = (added ? "أُضيفت " + Count(added, kWords, style.digits) : std::string("لم تُضف كلمات")) +
                           (removed ? " وحُذفت " + Count(removed, kWords, style.digits) : std::string(" ولم تُحذف كلمات")) +
                           ".";
    view["shown_id"] = std::to_string(current->id);
    view["restore"] = "/admin/articles/" + std::to_string(id) + "/history/restore";
    view["version"] = std::to_string(stored.version);
    view["can_restore"] = MayDo(v.user, stored, DeskAction::kSave) && current != &revisions.front();
  }
  if (v.query.count("done")) view["notice"] = "استُعيدت النسخة وحُفظت نسخةً جديدة.";
  return Page(v, 200, "history", view);
}

HttpReply AdminHandler::RestoreRevision(Visit& v, Id id) {
  Article stored;
  if (!desk_.Get(id, &stored).ok()) return Message(v, 404, "المقال غير موجود", "لا يوجد مقال بهذا الرقم.");
  if (!MayDo(v.user, stored, DeskAction::kSave)) {
    return Message(v, 403, "غير مسموح", "لا يتيح لك دورك تعديل هذا المقال.");
  }
  Id rev_id = 0;
  ArticleForm form;
  if (!ParseId(v.Form("rev"), &rev_id) || !desk_.RevisionForm(id, rev_id, &form).ok()) {
    return Message(v, 400, "طلب غير صالح", "النسخة المطلوبة غير موجودة.");
  }
  int64_t expected = 0;
  const std::string version = v.Form("version");
  if (auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), expected);
      ec != std::errc() || end != version.data() + version.size()) {
    return Message(v, 400, "طلب غير صالح", "النموذج ناقص؛ أعد تحميل الصفحة.");
  }
  Article edited = stored;
  Status st = ApplyForm(form, &edited);
  if (st.ok() && !CheckEditRights(v.user, stored, edited).ok()) {
    // A revision whose kind or pin this person may not set: those stay.
    edited.kind = stored.kind;
    edited.in_footer = stored.in_footer;
    edited.pinned = stored.pinned;
    edited.pinned_until = stored.pinned_until;
    st = CheckEditRights(v.user, stored, edited);
  }
  if (st.ok()) {
    std::set<std::string> changes;
    DeskCommand command;
    command.expected_version = expected;
    st = desk_.Run(v.user, command, v.now, &edited, &changes);
  }
  if (st.code() == Status::Code::kConflict) {
    return Message(v, 409, "تغيّر المقال", "حُفظ المقال بعد أن فتحت السجل؛ أعد تحميل السجل ثم حاول مجددًا.");
  }
  if (!st.ok()) return Message(v, st.IsInvalid() ? 400 : 500, "تعذّرت الاستعادة", st.message());
  return Redirect("/admin/articles/" + std::to_string(id) + "/history?done=1");
}

HttpReply AdminHandler::EmptyTrash(Visit& v) {
  if (!Can(v.user.role, Action::kPublishAny)) {
    return Message(v, 403, "غير مسموح", "إفراغ سلة المحذوفات لرئيس التحرير والمدير.");
  }
  std::vector<std::pair<Id, std::string>> deleted;
  if (!desk_.EmptyTrash(v.user, v.now, &deleted).ok()) {
    return Message(v, 500, "خطأ في الخادم", "تعذّر إفراغ السلة، حاول بعد قليل.");
  }
  return Redirect("/admin/articles?state=trashed&done=1");
}

HttpReply AdminHandler::NamesApi(Visit& v) {
  static const std::map<std::string, NamedKind> kinds = {
      {"person", NamedKind::kPerson}, {"source", NamedKind::kSource},
      {"section", NamedKind::kSection}, {"tag", NamedKind::kTag}};
  HttpReply r;
  r.content_type = "application/json; charset=utf-8";
  r.cache_control = "no-store";
  auto kind = kinds.find(v.query.count("kind") ? v.query["kind"] : "");
  if (kind == kinds.end()) {
    r.status = 400;
    r.body = std::make_shared<const std::string>(R"({"error":"kind must be person, source, section or tag"})");
    return r;
  }
  std::vector<NamedItem> items;
  if (!names_.List(kind->second, Trim(v.query["q"]), 20, &items).ok()) {
    r.status = 500;
    r.body = std::make_shared<const std::string>(R"({"error":"store"})");
    return r;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const NamedItem& item : items) {
    nlohmann::json one = {{"name", item.name}, {"articles", item.articles}};
    if (!item.extra.empty()) one[kind->second == NamedKind::kPerson ? "bio" : "url"] = item.extra;
    out.push_back(std::move(one));
  }
  r.body = std::make_shared<const std::string>(out.dump());
  return r;
}

}  // namespace qalam
