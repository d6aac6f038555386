#include "services/home_layout.h"

#include <set>

#include "arabic/plural.h"
#include "arabic/dates.h"
#include "core/roles.h"
#include "core/settings.h"

namespace qalam {

bool HomeLayoutService::MayEdit(const User& user) { return Can(user.role, Action::kPublishAny); }

Status HomeLayoutService::Check(const HomeLayout& layout) {
  if (layout.featured.size() > kHomeFeaturedMax) {
    static_assert(kHomeFeaturedMax == 4, "the message names the limit in words");
    return Status::Invalid("لا تتسع الصفحة الرئيسية لأكثر من أربعة مقالات مميزة.");
  }
  if (layout.sections.size() > kHomeSectionsMax) {
    static_assert(kHomeSectionsMax == 12, "the message names the limit in words");
    return Status::Invalid("لا تتسع الصفحة الرئيسية لأكثر من اثني عشر قسمًا.");
  }
  std::set<Id> articles;
  std::vector<Id> placed;
  if (layout.lead) placed.push_back(layout.lead);
  placed.insert(placed.end(), layout.featured.begin(), layout.featured.end());
  for (Id id : placed) {
    if (!articles.insert(id).second) return Status::Invalid("لا يظهر المقال في الصفحة الرئيسية مرتين.");
    Article a;
    Status st = store_.GetArticleById(id, &a);
    if (st.IsNotFound()) return Status::Invalid("أحد المقالات المختارة لم يعد موجودًا.");
    if (!st.ok()) return st;
    if (a.kind != ArticleKind::kArticle) return Status::Invalid("الصفحات الثابتة لا توضع في الصفحة الرئيسية.");
    if (a.status != ArticleStatus::kPublished) {
      return Status::Invalid("المقال «" + a.title + "» غير منشور؛ لا يوضع في الصفحة الرئيسية إلا المنشور.");
    }
  }
  std::set<Id> sections;
  for (Id id : layout.sections) {
    if (!sections.insert(id).second) return Status::Invalid("لا يظهر القسم في الصفحة الرئيسية مرتين.");
  }
  if (layout.opinion_section) sections.insert(layout.opinion_section);
  for (Id id : sections) {
    NamedItem s;
    Status st = store_.GetNamed(NamedKind::kSection, id, &s);
    if (st.IsNotFound()) return Status::Invalid("أحد الأقسام المختارة لم يعد موجودًا.");
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Status HomeLayoutService::Save(HomeLayout layout, Id user, int64_t now) {
  Status st = Check(layout);
  if (!st.ok()) return st;
  layout.updated_at = now;
  layout.updated_by = user;
  AuditEntry e;
  e.at = now;
  e.user_id = user;
  e.action = "home.layout";
  e.target = "home";
  // The audit log's detail, an Arabic summary in the site's digits.
  Settings settings;
  if (!(st = store_.LoadSettings(&settings)).ok()) return st;
  const Digits digits = MakeDateStyle(settings.Get("date_style"), settings.Get("digits"), "off", settings.timezone()).digits;
  static const CountedNoun kFeatured{"لا مقالات مميزة", "مقال مميز واحد", "مقالان مميزان", "{n} مقالات مميزة",
                                     "{n} مقالًا مميزًا", "{n} مقال مميز"};
  static const CountedNoun kSections{"لا أقسام", "قسم واحد", "قسمان", "{n} أقسام", "{n} قسمًا", "{n} قسم"};
  e.detail = std::string(layout.lead ? "مقال رئيسي مختار" : "المقال الرئيسي هو الأحدث") + "، " +
             Count(static_cast<int64_t>(layout.featured.size()), kFeatured, digits) + "، " +
             (layout.sections_chosen ? Count(static_cast<int64_t>(layout.sections.size()), kSections, digits)
                                     : std::string("كل الأقسام"));
  return store_.SaveHomeLayout(layout, e);
}

Status HomeLayoutService::Search(const std::string& query, int64_t limit, std::vector<HomeCandidate>* out) {
  out->clear();
  DeskFilter f;
  f.state = DeskState::kPublished;
  f.kind = ArticleKind::kArticle;
  f.title = query;
  f.newest_published = true;
  std::vector<DeskRow> rows;
  int64_t total = 0;
  Status st = store_.ListDeskArticles(f, 0, limit, &rows, &total);
  if (!st.ok()) return st;
  for (const DeskRow& r : rows) out->push_back({r.id, r.title, r.section_name, r.published_at});
  return Status::Ok();
}

Status HomeLayoutService::Describe(const std::vector<Id>& ids, std::vector<HomeCandidate>* out) {
  out->clear();
  for (Id id : ids) {
    Article a;
    Status st = store_.GetArticleById(id, &a);
    if (st.IsNotFound()) continue;
    if (!st.ok()) return st;
    out->push_back({a.id, a.title, a.section ? a.section->name : "", a.published_at});
  }
  return Status::Ok();
}

}  // namespace qalam
