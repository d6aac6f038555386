// Notices on articles (corrections, updates, clarifications, editor's
// notes) on every backend: stored with the article and read back in order,
// the corrections page's list, the change keys of the corrections page, a
// notice added on the desk is never a minor save, revisions keep notices;
// and a section's "show the time" setting.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/change_keys.h"
#include "core/roles.h"
#include "services/names.h"
#include "services/newsroom.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::GetArticle;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
using testing_backends::UserPerRole;

ArticleNotice Notice(NoticeKind kind, const std::string& text, int64_t at,
                     NoticePlacement placement = NoticePlacement::kTop) {
  ArticleNotice n;
  n.kind = kind;
  n.text = text;
  n.at = at;
  n.placement = placement;
  return n;
}

TEST(NoticeKinds, NamesAndListing) {
  EXPECT_STREQ(NoticeKindName(NoticeKind::kCorrection), "تصحيح");
  EXPECT_STREQ(NoticeKindName(NoticeKind::kUpdate), "تحديث");
  EXPECT_STREQ(NoticeKindName(NoticeKind::kClarification), "توضيح");
  EXPECT_STREQ(NoticeKindName(NoticeKind::kEditorsNote), "ملاحظة المحرر");
  EXPECT_TRUE(NoticeListed(NoticeKind::kCorrection));
  EXPECT_TRUE(NoticeListed(NoticeKind::kClarification));
  EXPECT_FALSE(NoticeListed(NoticeKind::kUpdate));
  EXPECT_FALSE(NoticeListed(NoticeKind::kEditorsNote));
  for (NoticeKind k : {NoticeKind::kCorrection, NoticeKind::kUpdate, NoticeKind::kClarification,
                       NoticeKind::kEditorsNote}) {
    NoticeKind back = NoticeKind::kCorrection;
    ASSERT_TRUE(ParseNoticeKind(ToString(k), &back));
    EXPECT_EQ(back, k);
  }
  NoticeKind k;
  EXPECT_FALSE(ParseNoticeKind("erratum", &k));
  NoticePlacement p;
  EXPECT_FALSE(ParseNoticePlacement("middle", &p));
}

TEST(NoticeKeys, CorrectionsPageOnlyForPublishedArticlesWithListedNotices) {
  ArticleWrite w;
  w.id = 7;
  w.was_published = w.is_published = true;
  w.listed_notices_after = true;
  EXPECT_TRUE(keys::ForArticleSave({{w}, {}, false}).count(keys::kCorrections));
  // Removed: the page loses it.
  w.listed_notices_after = false;
  w.listed_notices_before = true;
  EXPECT_TRUE(keys::ForArticleSave({{w}, {}, false}).count(keys::kCorrections));
  // Unpublished with its correction: the page loses it too.
  w.is_published = false;
  EXPECT_TRUE(keys::ForArticleSave({{w}, {}, false}).count(keys::kCorrections));
  // A draft's correction is on no public page.
  w.was_published = false;
  w.listed_notices_after = true;
  EXPECT_FALSE(keys::ForArticleSave({{w}, {}, false}).count(keys::kCorrections));
  // An update or a note is not listed.
  ArticleWrite plain;
  plain.id = 8;
  plain.was_published = plain.is_published = true;
  EXPECT_FALSE(keys::ForArticleSave({{plain}, {}, false}).count(keys::kCorrections));
}

class NoticesStoreTest : public StoreBackendTest {};

TEST_P(NoticesStoreTest, SavedWithTheArticleAndListedNewestFirst) {
  Article a = MakeArticle("n1", "مقال فيه تصحيح", 1700000000);
  a.notices = {Notice(NoticeKind::kCorrection, "ورد خطأً أن الاجتماع **الثلاثاء**.", 1700001000),
               Notice(NoticeKind::kUpdate, "أضفنا تصريح الوزير.", 1700002000, NoticePlacement::kBottom)};
  std::set<std::string> changes;
  SaveResult r = SaveArticle(*store_, a, &changes);
  EXPECT_TRUE(changes.count(keys::kCorrections));
  Article b = MakeArticle("n2", "مقال فيه توضيح", 1700000500);
  b.notices = {Notice(NoticeKind::kClarification, "المقصود هو العام المالي.", 1700003000)};
  SaveArticle(*store_, b);
  Article c = MakeArticle("n3", "مسودة فيها تصحيح", 1700000600);
  c.status = ArticleStatus::kDraft;
  c.notices = {Notice(NoticeKind::kCorrection, "تصحيح لم يُنشر.", 1700004000)};
  changes.clear();
  SaveArticle(*store_, c, &changes);
  EXPECT_FALSE(changes.count(keys::kCorrections)) << "a draft's correction is on no public page";

  Article back;
  ASSERT_TRUE(store_->GetArticleById(r.id, &back).ok());
  ASSERT_EQ(back.notices.size(), 2u);
  EXPECT_EQ(back.notices[0], a.notices[0]);
  EXPECT_EQ(back.notices[1], a.notices[1]);

  std::vector<CorrectionEntry> list;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListCorrections(0, 10, &list, &total).ok());
  ASSERT_EQ(total, 2) << "corrections and clarifications of published articles; no update, no draft";
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].title, "مقال فيه توضيح");
  EXPECT_EQ(list[0].notice.kind, NoticeKind::kClarification);
  EXPECT_EQ(list[1].title, "مقال فيه تصحيح");
  EXPECT_EQ(list[1].notice.text, "ورد خطأً أن الاجتماع **الثلاثاء**.");
  EXPECT_EQ(list[1].slug, back.slug);
  ASSERT_TRUE(store_->ListCorrections(1, 10, &list, &total).ok());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].title, "مقال فيه تصحيح");

  // The same line again is a no-op; without its notices it loses them.
  changes.clear();
  SaveResult same = SaveArticle(*store_, a, &changes);
  EXPECT_FALSE(same.changed);
  a.notices.clear();
  changes.clear();
  SaveArticle(*store_, a, &changes);
  EXPECT_TRUE(changes.count(keys::kCorrections));
  ASSERT_TRUE(store_->ListCorrections(0, 10, &list, &total).ok());
  EXPECT_EQ(total, 1);
}

TEST_P(NoticesStoreTest, SectionShowsTheTimeUntilTurnedOff) {
  Article a = MakeArticle("op1", "مقال رأي", 1700000000);
  a.section = Section{0, "رأي", "", ""};
  const SaveResult saved = SaveArticle(*store_, a);
  Article back;
  ASSERT_TRUE(store_->GetArticleById(saved.id, &back).ok());
  ASSERT_TRUE(back.section.has_value());
  EXPECT_TRUE(back.section->show_time) << "on by default";

  Names names(*store_);
  NamedItem stored;
  ASSERT_TRUE(names.Get(NamedKind::kSection, back.section->id, &stored).ok());
  EXPECT_TRUE(stored.show_time);
  NamedItem edited = stored;
  edited.show_time = false;
  bool changed = false;
  ASSERT_TRUE(names.Update(NamedKind::kSection, stored, edited, 0, 1700000100, &changed).ok());
  EXPECT_TRUE(changed) << "turning the time off is an edit";
  back = GetArticle(*store_, back.slug);
  EXPECT_FALSE(back.section->show_time);
  Section by_slug;
  ASSERT_TRUE(store_->GetSectionBySlug(back.section->slug, &by_slug).ok());
  EXPECT_FALSE(by_slug.show_time);
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticesStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

class NoticesDeskTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    users_ = UserPerRole(*store_, {Role::kChiefEditor});
  }
  Status Act(DeskAction action, Article* a, int64_t now, bool minor = false) {
    std::set<std::string> changes;
    DeskCommand c{action, a->version, 0, minor};
    Status st = RunDeskAction(*store_, users_[Role::kChiefEditor], c, now, a, &changes);
    last_changes_ = changes;
    return st;
  }
  std::map<Role, User> users_;
  std::set<std::string> last_changes_;
};

TEST_P(NoticesDeskTest, AddingANoticeIsNeverMinorAndRevisionsKeepIt) {
  Article a;
  ArticleForm f;
  f.title = "ميزانية المدينة";
  f.body = "أقرّ المجلس الميزانية.";
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  ASSERT_TRUE(Act(DeskAction::kPublish, &a, 1700000000).ok());
  ASSERT_EQ(a.updated_at, 0);

  // A correction added with "minor" ticked: dated now, and "آخر تحديث" moves.
  ArticleForm edit = FormOf(a);
  edit.has_notices = true;
  edit.notices.push_back(Notice(NoticeKind::kCorrection, "  الميزانية ٣ ملايين لا ٣٠ مليونًا. ", 0));
  edit.notices.push_back(Notice(NoticeKind::kUpdate, "   ", 0));  // An empty row adds nothing.
  ASSERT_TRUE(ApplyForm(edit, &a).ok());
  ASSERT_TRUE(Act(DeskAction::kSave, &a, 1700000500, /*minor=*/true).ok());
  EXPECT_EQ(a.updated_at, 1700000500);
  EXPECT_TRUE(last_changes_.count(keys::kCorrections));
  Article stored;
  ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
  ASSERT_EQ(stored.notices.size(), 1u);
  EXPECT_EQ(stored.notices[0].text, "الميزانية ٣ ملايين لا ٣٠ مليونًا.");
  EXPECT_EQ(stored.notices[0].at, 1700000500);
  std::vector<Revision> revisions;
  ASSERT_TRUE(store_->ListRevisions(a.id, &revisions).ok());
  ASSERT_FALSE(revisions.empty());
  EXPECT_FALSE(revisions[0].minor) << "a save adding a notice is recorded as not minor";
  Revision full;
  ASSERT_TRUE(store_->GetRevision(revisions[0].id, &full).ok());
  ArticleForm snap;
  ASSERT_TRUE(ParseSnapshot(full.snapshot, &snap).ok());
  ASSERT_TRUE(snap.has_notices);
  ASSERT_EQ(snap.notices.size(), 1u);
  EXPECT_EQ(snap.notices[0].at, 1700000500);

  // Editing the notice's placement with "minor" keeps its date and "آخر تحديث".
  edit = FormOf(stored);
  edit.notices[0].placement = NoticePlacement::kBottom;
  ASSERT_TRUE(ApplyForm(edit, &stored).ok());
  ASSERT_TRUE(Act(DeskAction::kSave, &stored, 1700000900, /*minor=*/true).ok());
  EXPECT_EQ(stored.updated_at, 1700000500);
  Article again;
  ASSERT_TRUE(store_->GetArticleById(a.id, &again).ok());
  ASSERT_EQ(again.notices.size(), 1u);
  EXPECT_EQ(again.notices[0].placement, NoticePlacement::kBottom);
  EXPECT_EQ(again.notices[0].at, 1700000500);

  // A form without the notices' fields keeps them; a page has none.
  edit = FormOf(again);
  edit.has_notices = false;
  edit.notices.clear();
  ASSERT_TRUE(ApplyForm(edit, &again).ok());
  EXPECT_EQ(again.notices.size(), 1u);
  edit.has_kind = true;
  edit.kind = ArticleKind::kPage;
  ASSERT_TRUE(ApplyForm(edit, &again).ok());
  EXPECT_TRUE(again.notices.empty());
}

TEST_P(NoticesDeskTest, TooLongANoticeIsRefusedInArabic) {
  Article a;
  ArticleForm f;
  f.title = "عنوان";
  f.body = "نص.";
  f.has_notices = true;
  std::string text;
  for (int i = 0; i < 1001; ++i) text += "ب";
  f.notices.push_back(Notice(NoticeKind::kEditorsNote, text, 0));
  Status st = ApplyForm(f, &a);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("نص التنبيه"), std::string::npos) << st.message();
}

INSTANTIATE_TEST_SUITE_P(Backends, NoticesDeskTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
