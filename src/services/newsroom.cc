#include "services/newsroom.h"

#include <nlohmann/json.hpp>

#include "core/roles.h"
#include "core/text.h"
#include "content/markdown.h"
#include "content/markdown_limits.h"
#include "content/text_hygiene.h"
#include "services/article_text.h"

namespace qalam {

namespace {

constexpr size_t kMaxTitle = 300;
constexpr size_t kMaxHighlight = 600;
constexpr size_t kMaxHighlights = 12;
constexpr size_t kMaxBody = kMaxBodyCodePoints;
constexpr size_t kMaxTags = 30;
constexpr size_t kMaxRelated = 12;
constexpr size_t kMaxName = 200;
constexpr size_t kMaxBio = 2000;
constexpr size_t kMaxCaption = 300;
constexpr size_t kMaxSeoTitle = 120;
constexpr size_t kMaxSeoDescription = 300;
constexpr size_t kMaxAddress = 2000;
constexpr size_t kMaxNoticeText = 1000;
constexpr size_t kMaxNotices = 20;

std::string Clean(const std::string& s) { return Trim(ToNfc(s)); }
// A one-line field (title, highlight, name, section, tag): bidi controls,
// invisible and control characters removed as from a comment. Invalid UTF-8
// is left for the field's own check to refuse.
std::string CleanLine(const std::string& s) {
  return IsValidUtf8(s) ? moderation::CleanLineText(s) : Clean(s);
}

// An address typed in the article form: http(s), no space, quote or angle
// bracket. The form's own rule, not core/text.h's IsWebAddress.
bool IsFormAddress(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) && url.size() > 8 &&
         url.find_first_of(" \t\n\"<>") == std::string::npos;
}

Status TooLong(const char* field, size_t max) {
  return Status::Invalid(std::string(field) + " أطول من المسموح (" + std::to_string(max) + " حرفًا).");
}

// A body past one of content/markdown_limits.h's bounds, for the desk.
Status BodyPastBounds(const MarkdownLimitCheck& check) {
  const std::string allowed = std::to_string(check.allowed);
  const std::string where = check.line ? " (السطر " + std::to_string(check.line) + ")" : "";
  switch (check.exceeded) {
    case MarkdownLimit::kNone:
      return Status::Ok();
    case MarkdownLimit::kLength:
      return TooLong("نص المقال", check.allowed);
    case MarkdownLimit::kNesting:
      return Status::Invalid("نص المقال يتداخل فيه أكثر من " + allowed + " مستوى من القوائم والاقتباسات" + where +
                             ".");
    case MarkdownLimit::kListItems:
      return Status::Invalid("في قوائم نص المقال أكثر من " + allowed + " بند" + where + ".");
    case MarkdownLimit::kBrackets:
      return Status::Invalid("في نص المقال أكثر من " + allowed + " قوس مربع «[» للروابط والصور" + where + ".");
    case MarkdownLimit::kEmphasis:
      return Status::Invalid("في نص المقال أكثر من " + allowed + " علامة تنسيق (* و_ و~)" + where + ".");
    case MarkdownLimit::kTableCells:
      return Status::Invalid("في جداول نص المقال أكثر من " + allowed + " خانة" + where + ".");
  }
  return Status::Invalid("نص المقال أكبر من المسموح.");
}

}  // namespace

const char* ToString(DeskAction a) {
  switch (a) {
    case DeskAction::kSubmit: return "submit";
    case DeskAction::kPublish: return "publish";
    case DeskAction::kSchedule: return "schedule";
    case DeskAction::kUnpublish: return "unpublish";
    case DeskAction::kTrash: return "trash";
    case DeskAction::kRestore: return "restore";
    case DeskAction::kSave: break;
  }
  return "save";
}

bool ParseDeskAction(const std::string& s, DeskAction* out) {
  for (DeskAction a : kAllDeskActions) {
    if (s == ToString(a)) {
      *out = a;
      return true;
    }
  }
  return false;
}

const char* ArabicDone(DeskAction a) {
  switch (a) {
    case DeskAction::kSubmit: return "أُرسل للمراجعة";
    case DeskAction::kPublish: return "نُشر";
    case DeskAction::kSchedule: return "جُدول للنشر";
    case DeskAction::kUnpublish: return "أُلغي نشره";
    case DeskAction::kTrash: return "نُقل إلى سلة المحذوفات";
    case DeskAction::kRestore: return "استُعيد من سلة المحذوفات";
    case DeskAction::kSave: break;
  }
  return "حُفظ";
}

std::string ArabicDoneNotice(DeskAction a, ArticleKind kind) {
  const bool page = kind == ArticleKind::kPage;
  switch (a) {
    case DeskAction::kSubmit: return page ? "أُرسلت الصفحة للمراجعة." : "أُرسل المقال للمراجعة.";
    case DeskAction::kPublish: return page ? "نُشرت الصفحة." : "نُشر المقال.";
    case DeskAction::kSchedule: return page ? "جُدولت الصفحة للنشر." : "جُدول المقال للنشر.";
    case DeskAction::kUnpublish: return page ? "أُلغي نشر الصفحة." : "أُلغي نشر المقال.";
    case DeskAction::kTrash: return page ? "نُقلت الصفحة إلى سلة المحذوفات." : "نُقل المقال إلى سلة المحذوفات.";
    case DeskAction::kRestore: return page ? "استُعيدت الصفحة من سلة المحذوفات." : "استُعيد المقال من سلة المحذوفات.";
    case DeskAction::kSave: break;
  }
  return page ? "حُفظت الصفحة." : "حُفظ المقال.";
}

bool MayOpen(const User& user, const Article& stored) {
  if (user.disabled) return false;
  if (stored.kind == ArticleKind::kPage && !Can(user.role, Action::kManagePages)) return false;
  if (Can(user.role, Action::kEditAnyArticle)) return true;
  if (!Can(user.role, Action::kWriteDraft)) return false;
  if (stored.id == 0 || stored.author_id == user.id) return true;
  // Editors see others' drafts to send them for review.
  return Can(user.role, Action::kPublishOwn) &&
         DeskStateOf(stored.status, stored.workflow) == DeskState::kDraft;
}

bool MayDo(const User& user, const Article& stored, DeskAction action) {
  if (!MayOpen(user, stored)) return false;
  const bool any = Can(user.role, Action::kEditAnyArticle);
  const bool own = stored.id == 0 || stored.author_id == user.id;
  const DeskState state = DeskStateOf(stored.status, stored.workflow);
  const bool may_publish = Can(user.role, Action::kPublishAny) || (own && Can(user.role, Action::kPublishOwn));
  switch (action) {
    case DeskAction::kSave:
      if (any) return true;
      if (!own) return false;
      // A writer's text goes no further than review without an editor.
      return may_publish || state == DeskState::kDraft || state == DeskState::kReview;
    case DeskAction::kSubmit:
      return Can(user.role, Action::kSubmitForReview) && state == DeskState::kDraft &&
             (own || any || Can(user.role, Action::kPublishOwn));
    case DeskAction::kPublish:
    case DeskAction::kSchedule:
      return may_publish && state != DeskState::kTrashed;
    case DeskAction::kUnpublish:
      return may_publish && (state == DeskState::kPublished || state == DeskState::kScheduled);
    case DeskAction::kTrash:
      if (state == DeskState::kTrashed || stored.id == 0) return false;
      return may_publish || (own && (state == DeskState::kDraft || state == DeskState::kReview));
    case DeskAction::kRestore:
      return state == DeskState::kTrashed && (may_publish || own);
  }
  return false;
}

bool MayPin(const User& user, const Article& stored) {
  if (!MayOpen(user, stored)) return false;
  const bool own = stored.id == 0 || stored.author_id == user.id;
  return Can(user.role, Action::kPublishAny) || (own && Can(user.role, Action::kPublishOwn));
}

Status CheckEditRights(const User& user, const Article& stored, const Article& edited) {
  const bool new_page = stored.id == 0 && edited.kind == ArticleKind::kPage;
  if ((new_page || stored.kind != edited.kind) && !Can(user.role, Action::kManagePages)) {
    return Status::Invalid("الصفحات الثابتة لرئيس التحرير ومدير الموقع.");
  }
  const bool pin_changed =
      stored.pinned != edited.pinned || (edited.pinned && stored.pinned_until != edited.pinned_until);
  if (pin_changed && !MayPin(user, stored)) {
    return Status::Invalid("تثبيت المقال في الصفحة الرئيسية لمن يملك نشره.");
  }
  return Status::Ok();
}

Status ApplyForm(const ArticleForm& form, Article* a) {
  const std::string title = CleanLine(form.title);
  if (title.empty()) return Status::Invalid("العنوان مطلوب.");
  if (!IsValidUtf8(title)) return Status::Invalid("العنوان ليس نصًا صالحًا.");
  if (CountCodePoints(title) > kMaxTitle) return TooLong("العنوان", kMaxTitle);
  a->title = title;
  // An article keeps its address unless the slug is edited (old addresses
  // of published articles redirect: SaveDeskArticle).
  if (std::string slug = Clean(form.slug); !slug.empty()) a->slug = slug;

  a->highlights.clear();
  for (const std::string& raw : form.highlights) {
    std::string h = CleanLine(raw);
    if (h.empty()) continue;
    if (CountCodePoints(h) > kMaxHighlight) return TooLong("أحد الأبرز", kMaxHighlight);
    a->highlights.push_back(std::move(h));
  }
  if (a->highlights.size() > kMaxHighlights) {
    return Status::Invalid("الأبرز أكثر من المسموح (" + std::to_string(kMaxHighlights) + ").");
  }

  std::string body = ToNfc(form.body);
  if (!IsValidUtf8(body)) return Status::Invalid("نص المقال ليس نصًا صالحًا.");
  if (CountCodePoints(body) > kMaxBody) return TooLong("نص المقال", kMaxBody);
  if (MarkdownLimitCheck check = CheckMarkdownLimits(body); !check.ok()) return BodyPastBounds(check);
  a->body_markdown = body;
  a->body_html = RenderMarkdown(body);

  auto person = [&](const std::string& name_raw, const std::string& bio_raw,
                    std::optional<Person>* out) -> Status {
    std::string name = CleanLine(name_raw);
    if (name.empty()) {
      out->reset();
      return Status::Ok();
    }
    if (CountCodePoints(name) > kMaxName) return TooLong("الاسم", kMaxName);
    std::string bio = IsValidUtf8(bio_raw) ? moderation::CleanCommentText(bio_raw) : Clean(bio_raw);
    if (CountCodePoints(bio) > kMaxBio) return TooLong("النبذة", kMaxBio);
    *out = Person{0, name, "", bio};
    return Status::Ok();
  };
  Status st = person(form.writer_name, form.writer_bio, &a->writer);
  if (!st.ok()) return st;
  if (!(st = person(form.editor_name, "", &a->editor)).ok()) return st;
  a->contributors.clear();
  for (const auto& [names, role] : {std::pair{&form.co_writers, ContributorRole::kWriter},
                                    std::pair{&form.translators, ContributorRole::kTranslator},
                                    std::pair{&form.contributors, ContributorRole::kContributor}}) {
    for (const std::string& raw : *names) {
      std::optional<Person> p;
      if (!(st = person(raw, "", &p)).ok()) return st;
      if (p) a->contributors.push_back(Contributor{role, *p});
    }
  }
  if (a->contributors.size() > kMaxContributors) {
    return Status::Invalid("المشاركون في المقال أكثر من المسموح (" + std::to_string(kMaxContributors) + ").");
  }

  const std::string source = CleanLine(form.source_name), source_url = Clean(form.source_url);
  if (source.empty()) {
    if (!source_url.empty()) return Status::Invalid("اكتب اسم المصدر مع عنوانه.");
    a->source.reset();
  } else {
    if (CountCodePoints(source) > kMaxName) return TooLong("اسم المصدر", kMaxName);
    if (!source_url.empty() && !IsFormAddress(source_url)) {
      return Status::Invalid("عنوان المصدر يجب أن يبدأ بـ https:// أو http://.");
    }
    a->source = Source{0, source, "", source_url};
  }

  const std::string section = CleanLine(form.section);
  if (section.empty()) {
    a->section.reset();
  } else {
    if (CountCodePoints(section) > kMaxName) return TooLong("اسم القسم", kMaxName);
    a->section = Section{0, section, "", ""};
  }

  a->tags.clear();
  std::set<std::string> seen;
  for (const std::string& raw : form.tags) {
    std::string t = CleanLine(raw);
    if (t.empty() || !seen.insert(t).second) continue;
    if (CountCodePoints(t) > kMaxName) return TooLong("الوسم", kMaxName);
    a->tags.push_back(Tag{0, t, "", ""});
  }
  if (a->tags.size() > kMaxTags) return Status::Invalid("الوسوم أكثر من المسموح (" + std::to_string(kMaxTags) + ").");

  a->related.clear();
  for (const RelatedLink& raw : form.related) {
    RelatedLink r;
    r.title = CleanLine(raw.title);
    r.url = Clean(raw.url);
    if (r.title.empty() && r.url.empty()) continue;
    if (r.title.empty()) return Status::Invalid("اكتب عنوانًا لكل رابط من الموضوعات ذات الصلة.");
    if (!r.url.empty() && !IsFormAddress(r.url) && r.url.rfind("/", 0) != 0) {
      return Status::Invalid("عنوان الرابط «" + r.title + "» يجب أن يبدأ بـ https:// أو /.");
    }
    a->related.push_back(std::move(r));
  }
  if (a->related.size() > kMaxRelated) {
    return Status::Invalid("الموضوعات ذات الصلة أكثر من المسموح (" + std::to_string(kMaxRelated) + ").");
  }

  a->image_id = form.image_id;
  a->image_alt = Clean(form.image_alt);
  if (a->image_id && a->image_alt.empty()) {
    return Status::Invalid("اكتب وصفًا للصورة الرئيسية لمن لا يراها (النص البديل).");
  }
  a->image_caption = Clean(form.image_caption);
  if (CountCodePoints(a->image_caption) > kMaxCaption) return TooLong("تعليق الصورة", kMaxCaption);
  if (!a->image_id) {
    a->image_alt.clear();
    a->image_caption.clear();
  }

  a->seo_title = Clean(form.seo_title);
  if (CountCodePoints(a->seo_title) > kMaxSeoTitle) return TooLong("عنوان محركات البحث", kMaxSeoTitle);
  a->seo_description = Clean(form.seo_description);
  if (CountCodePoints(a->seo_description) > kMaxSeoDescription) {
    return TooLong("وصف محركات البحث", kMaxSeoDescription);
  }
  a->original_url = Clean(form.original_url);
  a->canonical_original = form.canonical_original;
  if (!a->original_url.empty()) {
    if (!a->source) return Status::Invalid("رابط المقال الأصلي لمقال منقول: اكتب اسم المصدر معه.");
    if (!IsFormAddress(a->original_url) || a->original_url.size() > kMaxAddress) {
      return Status::Invalid("رابط المقال الأصلي يجب أن يكون عنوانًا كاملًا يبدأ بـ https:// أو http://.");
    }
  }
  if (a->canonical_original && a->original_url.empty()) {
    return Status::Invalid("لجعل المقال الأصلي هو المرجع لمحركات البحث، اكتب رابطه.");
  }

  if (form.has_notices) {
    a->notices.clear();
    for (const ArticleNotice& raw : form.notices) {
      ArticleNotice n = raw;
      n.text = Clean(raw.text);
      if (n.text.empty()) continue;  // An empty row: no notice (or one removed).
      if (!IsValidUtf8(n.text)) return Status::Invalid("نص التنبيه ليس نصًا صالحًا.");
      if (CountCodePoints(n.text) > kMaxNoticeText) return TooLong("نص التنبيه", kMaxNoticeText);
      a->notices.push_back(std::move(n));
    }
    if (a->notices.size() > kMaxNotices) {
      return Status::Invalid("التصحيحات والتنبيهات أكثر من المسموح (" + std::to_string(kMaxNotices) + ").");
    }
  }

  if (form.has_kind) {
    a->kind = form.kind;
    a->in_footer = form.kind == ArticleKind::kPage && form.in_footer;
  }
  if (form.has_pin) {
    a->pinned = form.pinned;
    a->pinned_until = form.pinned ? form.pinned_until : 0;
  }
  if (a->kind == ArticleKind::kPage) {
    // A page is its title and body: no byline, section, tags or related
    // links (the editor hides those fields), and it is never pinned.
    a->writer.reset();
    a->editor.reset();
    a->source.reset();
    a->section.reset();
    a->tags.clear();
    a->related.clear();
    a->original_url.clear();
    a->canonical_original = false;
    a->notices.clear();
    a->pinned = false;
    a->pinned_until = 0;
  } else {
    a->in_footer = false;
  }
  return Status::Ok();
}

Status RunDeskAction(Store& store, const User& user, const DeskCommand& command, int64_t now,
                     Article* a, std::set<std::string>* changes) {
  const bool is_new = a->id == 0;
  if (is_new) {
    // Everything starts on the desk as a draft of its author.
    a->status = ArticleStatus::kDraft;
    a->workflow = Workflow::kNone;
    a->published_at = 0;
  }
  const bool was_published = a->status == ArticleStatus::kPublished;
  DeskSave save;
  save.expected_version = command.expected_version;
  save.user_id = user.id;
  if (is_new) a->author_id = user.id;

  std::string audit_action;
  switch (command.action) {
    case DeskAction::kSave:
      break;
    case DeskAction::kSubmit:
      a->workflow = Workflow::kReview;
      break;
    case DeskAction::kPublish:
      if (Trim(a->body_markdown).empty()) return Status::Invalid("لا يُنشر مقال بلا نص.");
      a->status = ArticleStatus::kPublished;
      a->workflow = Workflow::kNone;
      a->scheduled_at = 0;
      if (!was_published) {
        a->published_at = now;
        a->updated_at = 0;
        audit_action = "article.publish";
      }
      break;
    case DeskAction::kSchedule:
      if (Trim(a->body_markdown).empty()) return Status::Invalid("لا يُجدول مقال بلا نص.");
      if (command.schedule_at <= now) return Status::Invalid("اختر وقتًا للنشر بعد الآن.");
      a->status = ArticleStatus::kDraft;
      a->workflow = Workflow::kScheduled;
      a->scheduled_at = command.schedule_at;
      a->published_at = 0;
      audit_action = was_published ? "article.unpublish" : "article.schedule";
      break;
    case DeskAction::kUnpublish:
      a->status = ArticleStatus::kDraft;
      a->workflow = Workflow::kNone;
      a->scheduled_at = 0;
      audit_action = "article.unpublish";
      break;
    case DeskAction::kTrash:
      a->status = ArticleStatus::kDraft;
      a->workflow = Workflow::kTrashed;
      a->scheduled_at = 0;
      a->trashed_at = now;
      audit_action = "article.trash";
      break;
    case DeskAction::kRestore:
      a->workflow = Workflow::kNone;
      a->trashed_at = 0;
      audit_action = "article.restore";
      break;
  }
  // A notice the form adds is dated now; adding one is never minor.
  bool notice_added = false;
  for (ArticleNotice& n : a->notices) {
    if (n.at == 0) {
      n.at = now;
      notice_added = true;
    }
  }
  const bool minor = command.minor && !notice_added;
  // "آخر تحديث": a significant change to an article readers already see.
  if (was_published && a->status == ArticleStatus::kPublished && command.action == DeskAction::kSave && !minor) {
    a->updated_at = now;
  }
  save.revision.user_id = user.id;
  save.revision.at = now;
  save.revision.minor = minor;
  save.revision.action = ToString(command.action);
  save.revision.snapshot = Snapshot(*a);
  if (!audit_action.empty()) {
    std::string detail = a->title;
    if (command.action == DeskAction::kSchedule) detail += " @" + std::to_string(command.schedule_at);
    save.audit.push_back(AuditEntry{0, now, user.id, "", audit_action, "", detail});
  }
  // What the store is given made: slugs, search text and terms (after the
  // snapshot, which keeps the slug as the editor typed it).
  Settings settings;
  if (Status st = store.LoadSettings(&settings); !st.ok()) return st;
  PrepareArticle(a, SearchAnalyzer(settings));
  return store.SaveDeskArticle(a, save, changes);
}

std::string Snapshot(const Article& a) {
  nlohmann::json related = nlohmann::json::array();
  for (const RelatedLink& r : a.related) related.push_back({{"title", r.title}, {"url", r.url}});
  nlohmann::json tags = nlohmann::json::array();
  for (const Tag& t : a.tags) tags.push_back(t.name);
  nlohmann::json notices = nlohmann::json::array();
  for (const ArticleNotice& n : a.notices) {
    notices.push_back({{"kind", ToString(n.kind)}, {"placement", ToString(n.placement)}, {"text", n.text}, {"at", n.at}});
  }
  nlohmann::json people = {{"co_writers", nlohmann::json::array()},
                           {"translators", nlohmann::json::array()},
                           {"contributors", nlohmann::json::array()}};
  for (const Contributor& c : a.contributors) {
    const char* field = c.role == ContributorRole::kWriter       ? "co_writers"
                        : c.role == ContributorRole::kTranslator ? "translators"
                                                                 : "contributors";
    people[field].push_back(c.person.name);
  }
  nlohmann::json j = {
      {"title", a.title},
      {"slug", a.slug},
      {"highlights", a.highlights},
      {"body", a.body_markdown},
      {"writer", a.writer ? a.writer->name : ""},
      {"writer_bio", a.writer ? a.writer->bio : ""},
      {"co_writers", people["co_writers"]},
      {"translators", people["translators"]},
      {"contributors", people["contributors"]},
      {"editor", a.editor ? a.editor->name : ""},
      {"source", a.source ? a.source->name : ""},
      {"source_url", a.source ? a.source->url : ""},
      {"section", a.section ? a.section->name : ""},
      {"tags", tags},
      {"related", related},
      {"image_id", a.image_id},
      {"image_alt", a.image_alt},
      {"image_caption", a.image_caption},
      {"seo_title", a.seo_title},
      {"seo_description", a.seo_description},
      {"original_url", a.original_url},
      {"canonical_original", a.canonical_original},
      {"kind", ToString(a.kind)},
      {"in_footer", a.in_footer},
      {"pinned", a.pinned},
      {"pinned_until", a.pinned ? a.pinned_until : 0},
      {"notices", notices},
  };
  return j.dump();
}

Status ParseSnapshot(const std::string& text, ArticleForm* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return Status::Invalid("not a snapshot object");
  try {
    ArticleForm f;
    f.title = j.value("title", "");
    f.slug = j.value("slug", "");
    if (j.contains("highlights")) f.highlights = j["highlights"].get<std::vector<std::string>>();
    f.body = j.value("body", "");
    f.writer_name = j.value("writer", "");
    f.writer_bio = j.value("writer_bio", "");
    f.editor_name = j.value("editor", "");
    for (const auto& [field, list] : {std::pair{"co_writers", &f.co_writers}, std::pair{"translators", &f.translators},
                                      std::pair{"contributors", &f.contributors}}) {
      if (j.contains(field)) *list = j[field].get<std::vector<std::string>>();
    }
    f.source_name = j.value("source", "");
    f.source_url = j.value("source_url", "");
    f.section = j.value("section", "");
    if (j.contains("tags")) f.tags = j["tags"].get<std::vector<std::string>>();
    if (j.contains("related")) {
      for (const auto& r : j["related"]) {
        RelatedLink link;
        link.title = r.value("title", "");
        link.url = r.value("url", "");
        f.related.push_back(std::move(link));
      }
    }
    f.image_id = j.value("image_id", static_cast<Id>(0));
    f.image_alt = j.value("image_alt", "");
    f.image_caption = j.value("image_caption", "");
    f.seo_title = j.value("seo_title", "");
    f.seo_description = j.value("seo_description", "");
    f.original_url = j.value("original_url", "");
    f.canonical_original = j.value("canonical_original", false);
    // Snapshots from before pages and pins were articles, not pinned.
    f.has_kind = true;
    ParseArticleKind(j.value("kind", "article"), &f.kind);
    f.in_footer = j.value("in_footer", false);
    f.has_pin = true;
    f.pinned = j.value("pinned", false);
    f.pinned_until = j.value("pinned_until", static_cast<int64_t>(0));
    // Snapshots from before notices leave the stored ones as they are.
    if (j.contains("notices")) {
      f.has_notices = true;
      for (const auto& n : j["notices"]) {
        ArticleNotice notice;
        ParseNoticeKind(n.value("kind", "correction"), &notice.kind);
        ParseNoticePlacement(n.value("placement", "top"), &notice.placement);
        notice.text = n.value("text", "");
        notice.at = n.value("at", static_cast<int64_t>(0));
        f.notices.push_back(std::move(notice));
      }
    }
    *out = std::move(f);
  } catch (const nlohmann::json::exception& e) {
    return Status::Invalid(std::string("bad snapshot: ") + e.what());
  }
  return Status::Ok();
}

ArticleForm FormOf(const Article& a) {
  ArticleForm f;
  (void)ParseSnapshot(Snapshot(a), &f);  // A snapshot just made always parses.
  return f;
}

}  // namespace qalam
