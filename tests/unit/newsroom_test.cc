// The newsroom desk's rules (services/newsroom.h) against a real store on
// every backend: the role × action matrix, each action's effect, revisions,
// conflicts, scheduling exactly once, the trash, renames with redirects.
#include "services/newsroom.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "core/change_keys.h"
#include "core/roles.h"
#include "store_backends.h"
#include "store_helpers.h"
#include "services/article_text.h"
#include "store/open_store.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
using testing_backends::UserPerRole;

User MakeUser(Id id, Role role) {
  User u;
  u.id = id;
  u.role = role;
  u.name = std::string("user ") + ToString(role);
  return u;
}

Article Stored(Id author, ArticleStatus status, Workflow workflow) {
  Article a;
  a.id = 7;
  a.author_id = author;
  a.status = status;
  a.workflow = workflow;
  return a;
}

// The whole matrix, written out: for each role, the actions allowed on its
// own draft, on someone else's draft, and on someone else's published
// article. A change to the rules must change this table.
TEST(MayDo, RoleActionMatrix) {
  struct Row {
    Role role;
    const char* own_draft;      // Actions in kAllDeskActions order:
    const char* others_draft;   // save submit publish schedule unpublish trash restore
    const char* others_published;
  };
  const Row rows[] = {
      {Role::kAdmin, "1111010", "1111010", "1011110"},
      {Role::kChiefEditor, "1111010", "1111010", "1011110"},
      {Role::kEditor, "1111010", "0100000", "0000000"},
      {Role::kWriter, "1100010", "0000000", "0000000"},
      {Role::kModerator, "0000000", "0000000", "0000000"},
  };
  for (const Row& row : rows) {
    const User user = MakeUser(1, row.role);
    const Article own = Stored(1, ArticleStatus::kDraft, Workflow::kNone);
    const Article others = Stored(2, ArticleStatus::kDraft, Workflow::kNone);
    const Article published = Stored(2, ArticleStatus::kPublished, Workflow::kNone);
    for (size_t i = 0; i < std::size(kAllDeskActions); ++i) {
      const DeskAction action = kAllDeskActions[i];
      EXPECT_EQ(MayDo(user, own, action), row.own_draft[i] == '1')
          << ToString(row.role) << " own draft " << ToString(action);
      EXPECT_EQ(MayDo(user, others, action), row.others_draft[i] == '1')
          << ToString(row.role) << " others' draft " << ToString(action);
      EXPECT_EQ(MayDo(user, published, action), row.others_published[i] == '1')
          << ToString(row.role) << " others' published " << ToString(action);
    }
  }
}

TEST(MayDo, WriterCannotTouchOwnArticleOncePublishedOrScheduled) {
  const User writer = MakeUser(1, Role::kWriter);
  EXPECT_FALSE(MayDo(writer, Stored(1, ArticleStatus::kPublished, Workflow::kNone), DeskAction::kSave));
  EXPECT_FALSE(MayDo(writer, Stored(1, ArticleStatus::kDraft, Workflow::kScheduled), DeskAction::kSave));
  EXPECT_TRUE(MayDo(writer, Stored(1, ArticleStatus::kDraft, Workflow::kReview), DeskAction::kSave));
  EXPECT_TRUE(MayDo(writer, Stored(1, ArticleStatus::kDraft, Workflow::kTrashed), DeskAction::kRestore));
  User disabled = MakeUser(1, Role::kAdmin);
  disabled.disabled = true;
  EXPECT_FALSE(MayDo(disabled, Stored(1, ArticleStatus::kDraft, Workflow::kNone), DeskAction::kSave));
}

// Static pages are for chief editors and admins; whoever may publish an
// article may pin it.
TEST(MayDo, PagesAndPins) {
  Article page = Stored(1, ArticleStatus::kPublished, Workflow::kNone);
  page.kind = ArticleKind::kPage;
  for (Role role : kAllRoles) {
    const bool manages = role == Role::kAdmin || role == Role::kChiefEditor;
    const User u = MakeUser(1, role);  // The page's own author, even.
    EXPECT_EQ(MayOpen(u, page), manages) << ToString(role);
    EXPECT_EQ(MayDo(u, page, DeskAction::kSave), manages) << ToString(role);
    Article made_page;
    made_page.kind = ArticleKind::kPage;
    EXPECT_EQ(CheckEditRights(u, Article{}, made_page).ok(), manages) << ToString(role);
  }
  const Article own = Stored(2, ArticleStatus::kDraft, Workflow::kNone);
  const Article others = Stored(9, ArticleStatus::kPublished, Workflow::kNone);
  Article pinned_own = own, pinned_others = others;
  pinned_own.pinned = pinned_others.pinned = true;
  struct Pin {
    Role role;
    bool own, others;
  };
  for (const Pin& p : {Pin{Role::kAdmin, true, true}, Pin{Role::kChiefEditor, true, true},
                       Pin{Role::kEditor, true, false}, Pin{Role::kWriter, false, false},
                       Pin{Role::kModerator, false, false}}) {
    const User u = MakeUser(2, p.role);
    EXPECT_EQ(MayPin(u, own), p.own) << ToString(p.role);
    EXPECT_EQ(MayPin(u, others), p.others) << ToString(p.role);
    EXPECT_EQ(CheckEditRights(u, own, pinned_own).ok(), p.own) << ToString(p.role);
    EXPECT_TRUE(CheckEditRights(u, own, own).ok()) << "no change, no right needed";
  }
  // A writer's edit of an article someone pinned keeps the pin.
  EXPECT_TRUE(CheckEditRights(MakeUser(2, Role::kWriter), pinned_own, pinned_own).ok());
}

TEST(ApplyForm, APageIsItsTitleAndBodyAndAFormWithoutTheFieldsKeepsThem) {
  ArticleForm f;
  f.title = "من نحن";
  f.body = "نحن فريق.";
  f.writer_name = "كاتب";
  f.section = "قسم";
  f.tags = {"وسم"};
  f.has_kind = true;
  f.kind = ArticleKind::kPage;
  f.in_footer = true;
  f.has_pin = true;
  f.pinned = true;
  Article a;
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  EXPECT_EQ(a.kind, ArticleKind::kPage);
  EXPECT_TRUE(a.in_footer);
  EXPECT_FALSE(a.pinned) << "a page is never pinned";
  EXPECT_FALSE(a.writer || a.section);
  EXPECT_TRUE(a.tags.empty());
  // The snapshot keeps them, and brings them back.
  ArticleForm back = FormOf(a);
  EXPECT_TRUE(back.has_kind);
  EXPECT_EQ(back.kind, ArticleKind::kPage);
  EXPECT_TRUE(back.in_footer);

  Article article;
  article.pinned = true;
  article.pinned_until = 1'800'000'000;
  ArticleForm plain;
  plain.title = "خبر";
  plain.body = "نص";
  ASSERT_TRUE(ApplyForm(plain, &article).ok());
  EXPECT_TRUE(article.pinned) << "a form without the pin keeps it";
  EXPECT_EQ(article.pinned_until, 1'800'000'000);
  plain.has_pin = true;
  plain.pinned = false;
  plain.has_kind = true;
  plain.in_footer = true;
  ASSERT_TRUE(ApplyForm(plain, &article).ok());
  EXPECT_FALSE(article.pinned);
  EXPECT_EQ(article.pinned_until, 0);
  EXPECT_FALSE(article.in_footer) << "only pages are in the footer";
}

TEST(ApplyForm, ChecksFieldsWithArabicMessages) {
  Article a;
  ArticleForm f;
  Status st = ApplyForm(f, &a);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("العنوان"), std::string::npos);
  f.title = "  عنوان  ";
  f.highlights = {"أولى", "   ", "ثانية"};
  f.body = "فقرة **مهمة**.";
  f.tags = {"اقتصاد", "اقتصاد", " "};
  f.source_name = "الأهرام";
  f.source_url = "javascript:alert(1)";
  st = ApplyForm(f, &a);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("المصدر"), std::string::npos);
  f.source_url = "https://ahram.org.eg/";
  f.image_id = 3;
  EXPECT_TRUE(ApplyForm(f, &a).IsInvalid()) << "an image needs its alt text";
  f.image_alt = "صورة الوزير";
  f.image_caption = std::string(301, 'x');
  EXPECT_TRUE(ApplyForm(f, &a).IsInvalid()) << "a caption of 301 characters";
  f.image_caption = "  الوزير في مؤتمر صحفي  ";
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  EXPECT_EQ(a.image_caption, "الوزير في مؤتمر صحفي");
  EXPECT_EQ(a.title, "عنوان");
  EXPECT_EQ(a.highlights, (std::vector<std::string>{"أولى", "ثانية"}));
  EXPECT_EQ(a.tags.size(), 1u);
  EXPECT_NE(a.body_html.find("<strong>مهمة</strong>"), std::string::npos);
  ArticleForm back;
  ASSERT_TRUE(ParseSnapshot(Snapshot(a), &back).ok());
  EXPECT_EQ(back.title, "عنوان");
  EXPECT_EQ(back.source_url, "https://ahram.org.eg/");
  EXPECT_EQ(back.image_alt, "صورة الوزير");
  EXPECT_EQ(back.image_caption, "الوزير في مؤتمر صحفي");
  // No image, no caption.
  f.image_id = 0;
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  EXPECT_TRUE(a.image_caption.empty());
}

// Issue 15: bodies that take cmark-gfm seconds (and held the write lock
// while their text was made) are refused by the form, so by the save and
// the preview alike, with an Arabic sentence; the article keeps its body.
TEST(ApplyForm, RefusesBodiesPastTheMarkdownBounds) {
  auto repeat = [](const std::string& unit, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += unit;
    return out;
  };
  Article a;
  ArticleForm f;
  f.title = "عنوان";
  f.body = "نص سليم.";
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  const std::pair<std::string, std::string> cases[] = {
      {repeat("- ", 60000), "يتداخل فيه أكثر من 32 مستوى"},
      {"مقدمة\n\n" + repeat(">", 40) + "نص", "السطر 3"},
      {repeat("![[]()", 10000), "أكثر من 4000 قوس مربع"},
      {repeat("*a", 20001), "أكثر من 20000 علامة تنسيق"},
      {repeat("- بند\n", 10001), "أكثر من 10000 بند"},
      {"|أ|ب|\n|-|-|\n" + repeat("|س|ص|\n", 10000), "أكثر من 20000 خانة"},
      {repeat("ب", 300001), "أطول من المسموح"},
  };
  for (const auto& [body, words] : cases) {
    f.body = body;
    const Status st = ApplyForm(f, &a);
    EXPECT_TRUE(st.IsInvalid()) << words;
    EXPECT_NE(st.message().find(words), std::string::npos) << st.message();
    EXPECT_EQ(a.body_markdown, "نص سليم.");
  }
}

// Issue 15: the desk, like the importer, now cleans one-line fields as
// comments are cleaned: bidi overrides and isolates and control characters
// go, ZWNJ between letters (Persian) stays.
TEST(ApplyForm, OneLineFieldsLoseBidiControlsAndControlCharacters) {
  Article a;
  ArticleForm f;
  f.title = "عنوان \u202Egpj.exe\u2066 می\u200Cخواهم\x01";
  f.body = "نص";
  f.highlights = {"أبرز\u202E", "\u202E"};
  f.writer_name = "كاتب\u202D أول";
  f.writer_bio = "نبذة\u202E\nثانية";
  f.co_writers = {"ثان\u2069"};
  f.source_name = "\u202Aمصدر";
  f.section = "قسم\u2068";
  f.tags = {"وسم\u202B", "وسم"};
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  EXPECT_EQ(a.title, "عنوان gpj.exe می\u200Cخواهم");
  EXPECT_EQ(a.highlights, std::vector<std::string>{"أبرز"});
  ASSERT_TRUE(a.writer && a.source && a.section);
  EXPECT_EQ(a.writer->name, "كاتب أول");
  EXPECT_EQ(a.writer->bio, "نبذة\nثانية");
  ASSERT_EQ(a.contributors.size(), 1u);
  EXPECT_EQ(a.contributors[0].person.name, "ثان");
  EXPECT_EQ(a.source->name, "مصدر");
  EXPECT_EQ(a.section->name, "قسم");
  ASSERT_EQ(a.tags.size(), 1u);
  EXPECT_EQ(a.tags[0].name, "وسم");
  f.title = "\u202E\u2066";
  EXPECT_TRUE(ApplyForm(f, &a).IsInvalid());
}

class DeskTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    users_ = UserPerRole(*store_, {Role::kWriter, Role::kChiefEditor});
    ASSERT_FALSE(HasFailure());
  }
  Status Act(Role role, DeskAction action, Article* a, int64_t now = 1700000000, int64_t at = 0,
             bool minor = false) {
    std::set<std::string> changes;
    DeskCommand c{action, a->version, at, minor};
    return RunDeskAction(*store_, users_[role], c, now, a, &changes);
  }
  Article Draft(const std::string& title) {
    Article a;
    ArticleForm f;
    f.title = title;
    f.body = "الفقرة الأولى من " + title + ".\n\nالفقرة الثانية.";
    f.writer_name = "كاتبة ضيفة";
    f.writer_bio = "صحفية مستقلة.";
    f.source_name = "الشروق";
    f.highlights = {"أبرز أول", "أبرز ثان"};
    EXPECT_TRUE(ApplyForm(f, &a).ok());
    EXPECT_TRUE(Act(Role::kWriter, DeskAction::kSave, &a).ok());
    return a;
  }
  std::map<Role, User> users_;
};

TEST_P(DeskTest, WriterDraftsSubmitsChiefPublishesWithRevisionsAndAudit) {
  Article a = Draft("خطة النقل الجديدة");
  EXPECT_NE(a.id, 0);
  EXPECT_EQ(a.author_id, users_[Role::kWriter].id);
  EXPECT_EQ(a.version, 2);  // Created at 1, saved once by the desk.
  ASSERT_TRUE(Act(Role::kWriter, DeskAction::kSubmit, &a).ok());
  DeskCounts counts;
  ASSERT_TRUE(store_->CountDesk(0, &counts).ok());
  EXPECT_EQ(counts.review, 1);

  Article stored;
  ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
  EXPECT_EQ(stored.workflow, Workflow::kReview);
  EXPECT_EQ(stored.writer->bio, "صحفية مستقلة.");
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kPublish, &stored, 1700000100).ok());
  ASSERT_TRUE(store_->GetArticleBySlug(stored.slug, &stored).ok());
  EXPECT_EQ(stored.status, ArticleStatus::kPublished);
  EXPECT_EQ(stored.published_at, 1700000100);
  EXPECT_EQ(stored.updated_at, 0);

  // A minor save keeps "آخر تحديث"; a real one moves it.
  stored.body_markdown += "\n\nتصحيح.";
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kSave, &stored, 1700000200, 0, true).ok());
  EXPECT_EQ(stored.updated_at, 0);
  stored.body_markdown += "\n\nفقرة جديدة.";
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kSave, &stored, 1700000300).ok());
  EXPECT_EQ(stored.updated_at, 1700000300);

  std::vector<Revision> revisions;
  ASSERT_TRUE(store_->ListRevisions(a.id, &revisions).ok());
  ASSERT_EQ(revisions.size(), 5u);
  EXPECT_EQ(revisions[0].action, "save");
  EXPECT_FALSE(revisions[0].minor);
  EXPECT_TRUE(revisions[1].minor);
  EXPECT_EQ(revisions[2].action, "publish");
  EXPECT_EQ(revisions[2].user_name, "chief_editor");
  Revision full;
  ASSERT_TRUE(store_->GetRevision(revisions[0].id, &full).ok());
  EXPECT_NE(full.snapshot.find("فقرة جديدة"), std::string::npos);

  std::vector<AuditEntry> audit;
  ASSERT_TRUE(store_->ListAudit(0, 10, &audit).ok());
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0].action, "article.publish");
  EXPECT_EQ(audit[0].target, "article:" + std::to_string(a.id));
}

TEST_P(DeskTest, StaleVersionIsAConflictAndChangesNothing) {
  Article a = Draft("مقال مشترك");
  Article theirs = a, mine = a;
  theirs.title = "عنوان الزميل";
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kSave, &theirs).ok());
  mine.title = "عنواني";
  Status st = Act(Role::kWriter, DeskAction::kSave, &mine);
  EXPECT_EQ(st.code(), Status::Code::kConflict);
  Article stored;
  ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
  EXPECT_EQ(stored.title, "عنوان الزميل");
  std::vector<Revision> revisions;
  ASSERT_TRUE(store_->ListRevisions(a.id, &revisions).ok());
  EXPECT_EQ(revisions.size(), 2u);
}

TEST_P(DeskTest, ScheduledArticleGoesLiveOnceAtItsTime) {
  Article a = Draft("مقال مجدول");
  EXPECT_TRUE(Act(Role::kChiefEditor, DeskAction::kSchedule, &a, 1700000000, 1700000000).IsInvalid())
      << "a time in the past";
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kSchedule, &a, 1700000000, 1700000060).ok());
  std::vector<Id> published;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->PublishDue(1700000059, &published, &changes).ok());
  EXPECT_TRUE(published.empty());
  ASSERT_TRUE(store_->PublishDue(1700000075, &published, &changes).ok());
  EXPECT_EQ(published, std::vector<Id>{a.id});
  EXPECT_TRUE(changes.count(keys::kHome));
  EXPECT_TRUE(changes.count(keys::Article(a.id)));
  Article stored;
  ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
  EXPECT_EQ(stored.status, ArticleStatus::kPublished);
  EXPECT_EQ(stored.published_at, 1700000060) << "dated at its scheduled time, not when a server noticed";
  EXPECT_EQ(stored.workflow, Workflow::kNone);
  ASSERT_TRUE(store_->PublishDue(1700000200, &published, &changes).ok());
  EXPECT_TRUE(published.empty()) << "exactly once";
  // A second store on the same site (another server) finds nothing either.
  std::unique_ptr<Store> other = OpenAgain();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->PublishDue(1700000300, &published, &changes).ok());
  EXPECT_TRUE(published.empty());
  IndexQuery search;
  search.clauses.push_back(IndexClause{{{IndexToken{"مجدول"}}}});
  std::vector<IndexMatch> hits;
  ASSERT_TRUE(store_->MatchIndex(search, &hits, nullptr).ok());
  EXPECT_EQ(hits.size(), 1u) << "in the search index once live";
}

TEST_P(DeskTest, TrashRestoreAndPurge) {
  Article a = Draft("مقال للحذف");
  ASSERT_TRUE(Act(Role::kWriter, DeskAction::kTrash, &a, 1700000000).ok());
  DeskFilter trash;
  trash.state = DeskState::kTrashed;
  std::vector<DeskRow> rows;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListDeskArticles(trash, 0, 10, &rows, &total).ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].trashed_at, 1700000000);
  ASSERT_TRUE(store_->ListDeskArticles(DeskFilter{}, 0, 10, &rows, &total).ok());
  EXPECT_EQ(total, 0) << "lists leave the trash out";
  ASSERT_TRUE(Act(Role::kWriter, DeskAction::kRestore, &a).ok());
  ASSERT_TRUE(Act(Role::kWriter, DeskAction::kTrash, &a, 1700000000).ok());
  std::vector<std::pair<Id, std::string>> deleted;
  ASSERT_TRUE(store_->PurgeTrash(1700000000, &deleted).ok());
  EXPECT_TRUE(deleted.empty());
  ASSERT_TRUE(store_->PurgeTrash(1700000000 + kTrashKeepSeconds + 1, &deleted).ok());
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].second, "مقال للحذف");
  Article gone;
  EXPECT_EQ(store_->GetArticleById(a.id, &gone).code(), Status::Code::kNotFound);
}

TEST_P(DeskTest, DeskListsFilterByStateWriterAndTitle) {
  Article a = Draft("الأول في القائمة");
  Article b = Draft("الثاني في القائمة");
  ASSERT_TRUE(Act(Role::kWriter, DeskAction::kSubmit, &b).ok());
  DeskFilter f;
  f.state = DeskState::kReview;
  std::vector<DeskRow> rows;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListDeskArticles(f, 0, 10, &rows, &total).ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].id, b.id);
  EXPECT_EQ(rows[0].writer_name, "كاتبة ضيفة");
  EXPECT_EQ(rows[0].author_name, "writer");
  f = DeskFilter{};
  f.title = "الأول";
  ASSERT_TRUE(store_->ListDeskArticles(f, 0, 10, &rows, &total).ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].id, a.id);
}

TEST_P(DeskTest, EditedSlugOfPublishedArticleRedirects) {
  Article a = Draft("عنوان قديم");
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kPublish, &a).ok());
  const std::string old_slug = a.slug;
  a.slug = "عنوان-جديد";
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kSave, &a).ok());
  EXPECT_EQ(a.slug, "عنوان-جديد");
  std::string now_at;
  ASSERT_TRUE(store_->FindArticleRedirect(old_slug, &now_at).ok());
  EXPECT_EQ(now_at, "عنوان-جديد");
}

TEST_P(DeskTest, RenamedTagKeepsItsOldAddress) {
  Article a = Draft("مقال موسوم");
  a.tags = {Tag{0, "طاقة", ""}};
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kPublish, &a).ok());
  std::vector<NamedItem> tags;
  ASSERT_TRUE(store_->ListNamed(NamedKind::kTag, "طاق", 10, &tags).ok());
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].articles, 1);
  NamedItem renamed = tags[0];
  renamed.name = "الطاقة المتجددة";
  renamed.slug = NameSlug(NamedKind::kTag, renamed.name);  // Made above the store (store.h).
  std::set<std::string> changes;
  ASSERT_TRUE(store_->UpdateNamed(NamedKind::kTag, renamed, &changes).ok());
  EXPECT_TRUE(changes.count(keys::Article(a.id)));
  std::string slug;
  ASSERT_TRUE(store_->FindRedirect(NamedKind::kTag, tags[0].slug, &slug).ok());
  EXPECT_EQ(slug, "الطاقة-المتجددة");
  // A name another tag has is refused.
  Article b = Draft("مقال آخر");
  b.tags = {Tag{0, "مياه", ""}};
  ASSERT_TRUE(Act(Role::kChiefEditor, DeskAction::kPublish, &b).ok());
  ASSERT_TRUE(store_->ListNamed(NamedKind::kTag, "مياه", 10, &tags).ok());
  renamed = tags[0];
  renamed.name = "الطاقة المتجددة";
  EXPECT_EQ(store_->UpdateNamed(NamedKind::kTag, renamed, &changes).code(), Status::Code::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam

namespace qalam {
namespace {

// The notice after an action names its subject in its place, with the verb
// agreeing (the desk once showed «جُدول للنشر المقال.»).
TEST(NewsroomNotice, EveryActionIsAWholeArabicSentence) {
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kSchedule, ArticleKind::kArticle), "جُدول المقال للنشر.");
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kSubmit, ArticleKind::kArticle), "أُرسل المقال للمراجعة.");
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kUnpublish, ArticleKind::kArticle), "أُلغي نشر المقال.");
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kTrash, ArticleKind::kArticle), "نُقل المقال إلى سلة المحذوفات.");
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kPublish, ArticleKind::kPage), "نُشرت الصفحة.");
  EXPECT_EQ(ArabicDoneNotice(DeskAction::kSave, ArticleKind::kPage), "حُفظت الصفحة.");
  for (DeskAction a : kAllDeskActions) {
    const std::string s = ArabicDoneNotice(a, ArticleKind::kArticle);
    EXPECT_NE(s.find("المقال"), std::string::npos) << s;
    EXPECT_EQ(s.substr(s.size() - 1), ".") << s;
    EXPECT_NE(s.find("المقال"), 0u) << "the verb comes first: " << s;
  }
}

}  // namespace
}  // namespace qalam
