// The Store interface (store/store.h) on every backend in StoreBackends(),
// and what only the SQLite store has on real database files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/change_keys.h"
#include "services/article_text.h"
#include "store/open_store.h"
#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

using testing_backends::BackendName;
using testing_backends::NewSession;
using testing_backends::NewUser;
using testing_backends::SqliteSiteTest;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

class StoreTest : public StoreBackendTest {
 protected:
  static Article Make(const std::string& external_id, const std::string& title,
                      int64_t published_at = 1642194000) {
    return testing_backends::MakeArticle(external_id, title, published_at);
  }
  SaveResult Save(Article a, std::set<std::string>* changes = nullptr) {
    return testing_backends::SaveArticle(*store_, std::move(a), changes);
  }
  Article Get(const std::string& slug) { return testing_backends::GetArticle(*store_, slug); }

  std::vector<std::string> ChangesSince(int64_t after) {
    std::vector<std::string> keys;
    int64_t last = 0;
    EXPECT_TRUE(store_->ReadChanges(after, &keys, &last).ok());
    return keys;
  }
  int64_t LastChange() {
    int64_t last = -1;
    EXPECT_TRUE(store_->LastChangeId(&last).ok());
    return last;
  }
};

// SQLite only: a site there is a directory holding qalam.db, named by its
// plain path; SiteExists and OpenStore are asked about directories, and
// opening without create must not make one. Another backend's sites are no
// directories, so these checks do not carry over.
class SqliteStoreTest : public SqliteSiteTest {};

TEST_F(SqliteStoreTest, OpenWithoutCreateNeedsASite) {
  EXPECT_TRUE(SiteExists(location_));
  EXPECT_FALSE(SiteExists(dir_ + "/nothing"));
  std::unique_ptr<Store> other;
  Status st = OpenStore(dir_ + "/nothing", StoreOptions{}, &other);
  EXPECT_TRUE(st.IsNotFound()) << st.message();
  EXPECT_EQ(other, nullptr);
  EXPECT_FALSE(fs::exists(dir_ + "/nothing"));
}

TEST_P(StoreTest, ReopenSeesTheSameData) {
  ASSERT_TRUE(Save(Make("a", "مقال أول")).created);
  store_.reset();
  std::unique_ptr<Store> again;
  ASSERT_TRUE(OpenStore(location_, StoreOptions{}, &again).ok());
  Article a;
  ASSERT_TRUE(again->GetArticleBySlug("مقال-أول", &a).ok());
  EXPECT_EQ(a.title, "مقال أول");
}

TEST_P(StoreTest, SaveInsertsEverythingAndReadsItBack) {
  Article in = Make("seed-1", "تداعيات أزمة كازاخستان على أوكرانيا");
  in.updated_at = 1642300000;
  in.highlights = {"أولى", "ثانية"};
  in.writer = Person{0, "محمد السعيد ادريس", "", "خبير بمركز الأهرام"};
  in.editor = Person{0, "محمود زين الدين", "", ""};
  in.source = Source{0, "الخليج", "", "https://www.alkhaleej.ae/"};
  in.section = Section{0, "آراء", ""};
  in.tags = {Tag{0, "كازاخستان", ""}, Tag{0, "روسيا", ""}};
  in.related = {RelatedLink{"رابط خارجي", "https://example.com/x", 0, ""}};
  std::set<std::string> changes;
  SaveResult r = Save(in, &changes);
  EXPECT_TRUE(r.created);
  EXPECT_TRUE(r.changed);
  ASSERT_GT(r.id, 0);

  Article a = Get("تداعيات-أزمة-كازاخستان-على-أوكرانيا");
  EXPECT_EQ(a.id, r.id);
  EXPECT_EQ(a.external_id, "seed-1");
  EXPECT_EQ(a.title, in.title);
  EXPECT_EQ(a.status, ArticleStatus::kPublished);
  EXPECT_EQ(a.published_at, 1642194000);
  EXPECT_EQ(a.updated_at, 1642300000);
  EXPECT_EQ(a.body_markdown, in.body_markdown);
  EXPECT_EQ(a.body_html, in.body_html);
  EXPECT_EQ(a.highlights, in.highlights);
  ASSERT_TRUE(a.writer && a.editor && a.source && a.section);
  EXPECT_EQ(a.writer->name, "محمد السعيد ادريس");
  EXPECT_EQ(a.writer->bio, "خبير بمركز الأهرام");
  EXPECT_EQ(a.writer->slug, "محمد-السعيد-ادريس");
  EXPECT_EQ(a.editor->name, "محمود زين الدين");
  EXPECT_EQ(a.source->name, "الخليج");
  EXPECT_EQ(a.source->url, "https://www.alkhaleej.ae/");
  EXPECT_EQ(a.section->name, "آراء");
  ASSERT_EQ(a.tags.size(), 2u);
  EXPECT_EQ(a.tags[0].name, "كازاخستان");  // In the editor's order.
  EXPECT_EQ(a.tags[1].name, "روسيا");
  ASSERT_EQ(a.related.size(), 1u);
  EXPECT_EQ(a.related[0].url, "https://example.com/x");
  EXPECT_EQ(a.related[0].target_id, 0);

  // A new published article touches its page, the home page, its lists and
  // (a new section) the menu on every page.
  for (const std::string& k :
       {keys::Article(r.id), std::string(keys::kHome), std::string(keys::kGlobal),
        keys::Section(a.section->id), keys::Writer(a.writer->id), keys::Source(a.source->id),
        keys::Tag(a.tags[0].id), keys::Tag(a.tags[1].id)}) {
    EXPECT_TRUE(changes.count(k)) << k;
  }
  std::vector<std::string> recorded = ChangesSince(0);
  for (const std::string& k : changes) {
    EXPECT_NE(std::find(recorded.begin(), recorded.end(), k), recorded.end()) << k;
  }
}

TEST_P(StoreTest, GetMissingArticleIsNotFound) {
  Article a;
  EXPECT_TRUE(store_->GetArticleBySlug("لا-يوجد", &a).IsNotFound());
}

TEST_P(StoreTest, SameExternalIdUpdatesInPlace) {
  SaveResult first = Save(Make("x1", "عنوان قديم"));
  Article changed = Make("x1", "عنوان قديم");
  changed.body_markdown = "نص جديد";
  changed.body_html = "<p>نص جديد</p>\n";
  SaveResult second = Save(changed);
  EXPECT_EQ(second.id, first.id);
  EXPECT_FALSE(second.created);
  EXPECT_TRUE(second.changed);
  EXPECT_EQ(Get("عنوان-قديم").body_markdown, "نص جديد");
  int64_t published = 0, drafts = 0;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published, 1);
  EXPECT_EQ(drafts, 0);
}

TEST_P(StoreTest, NewTitleGivesNewSlugAndOldOneIsGone) {
  SaveResult first = Save(Make("x1", "عنوان قديم"));
  SaveResult second = Save(Make("x1", "عنوان جديد"));
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(Get("عنوان-جديد").id, first.id);
  Article a;
  EXPECT_TRUE(store_->GetArticleBySlug("عنوان-قديم", &a).IsNotFound());
}

TEST_P(StoreTest, IdenticalSaveIsUnchangedAndRecordsNothing) {
  Article in = Make("same", "مقال ثابت");
  in.writer = Person{0, "كاتب", "", "نبذة"};
  in.tags = {Tag{0, "وسم", ""}};
  in.section = Section{0, "قسم", ""};
  SaveResult first = Save(in);
  ASSERT_TRUE(first.created);
  const int64_t before = LastChange();

  std::set<std::string> changes;
  SaveResult again = Save(in, &changes);
  EXPECT_EQ(again.id, first.id);
  EXPECT_FALSE(again.created);
  EXPECT_FALSE(again.changed);
  EXPECT_TRUE(changes.empty()) << *changes.begin();
  EXPECT_EQ(LastChange(), before);
  EXPECT_TRUE(ChangesSince(before).empty());
}

TEST_P(StoreTest, SlugsAreMadeUnique) {
  SaveResult a = Save(Make("one", "مرحبا، يا عالم"));
  SaveResult b = Save(Make("two", "مرحبا يا عالم!"));
  SaveResult c = Save(Make("three", "«مرحبا» يا عالم"));
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(Get("مرحبا-يا-عالم").id, a.id);
  EXPECT_EQ(Get("مرحبا-يا-عالم-2").id, b.id);
  EXPECT_EQ(Get("مرحبا-يا-عالم-3").id, c.id);
  // Saving the second again (changed) keeps its "-2".
  Article b2 = Make("two", "مرحبا يا عالم!");
  b2.body_markdown = "تعديل";
  EXPECT_TRUE(Save(b2).changed);
  EXPECT_EQ(Get("مرحبا-يا-عالم-2").id, b.id);
  EXPECT_EQ(Get("مرحبا-يا-عالم").id, a.id);
}

TEST_P(StoreTest, ExplicitSlugIsUsed) {
  Article in = Make("s", "عنوان طويل جدا");
  in.slug = "Short Name";
  Save(in);
  EXPECT_EQ(Get("short-name").title, "عنوان طويل جدا");
}

TEST_P(StoreTest, WithoutExternalIdTheSlugIdentifiesTheArticle) {
  SaveResult first = Save(Make("", "بلا معرف"));
  Article again = Make("", "بلا معرف");
  again.body_markdown = "نسخة ثانية";
  SaveResult second = Save(again);
  EXPECT_EQ(second.id, first.id);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(Get("بلا-معرف").body_markdown, "نسخة ثانية");
}

TEST_P(StoreTest, NamedThingsAreCreatedOnceAndReused) {
  Article a = Make("a", "الأول");
  a.writer = Person{0, "كاتب مشترك", "", ""};
  a.editor = Person{0, "محرر", "", ""};
  a.source = Source{0, "الخليج", "", ""};
  a.section = Section{0, "سياسة", ""};
  a.tags = {Tag{0, "روسيا", ""}};
  Article b = Make("b", "الثاني");
  b.writer = a.writer;
  b.editor = a.editor;
  b.source = a.source;
  b.section = a.section;
  b.tags = {Tag{0, "روسيا", ""}, Tag{0, "أوكرانيا", ""}};
  Save(a);
  std::set<std::string> changes;
  Save(b, &changes);
  EXPECT_FALSE(changes.count(keys::kGlobal)) << "no new section, menu unchanged";

  Article ra = Get("الأول"), rb = Get("الثاني");
  ASSERT_TRUE(ra.writer && rb.writer && ra.source && rb.source && ra.section && rb.section);
  EXPECT_EQ(ra.writer->id, rb.writer->id);
  EXPECT_EQ(ra.editor->id, rb.editor->id);
  EXPECT_EQ(ra.source->id, rb.source->id);
  EXPECT_EQ(ra.section->id, rb.section->id);
  EXPECT_EQ(ra.tags[0].id, rb.tags[0].id);

  Person p;
  ASSERT_TRUE(store_->GetPersonBySlug("كاتب-مشترك", &p).ok());
  EXPECT_EQ(p.id, ra.writer->id);
  Tag t;
  ASSERT_TRUE(store_->GetTagBySlug("روسيا", &t).ok());
  EXPECT_EQ(t.id, ra.tags[0].id);
  Section s;
  ASSERT_TRUE(store_->GetSectionBySlug("سياسة", &s).ok());
  EXPECT_EQ(s.name, "سياسة");
  Source src;
  ASSERT_TRUE(store_->GetSourceBySlug("الخليج", &src).ok());
  EXPECT_EQ(src.id, ra.source->id);
  EXPECT_TRUE(store_->GetTagBySlug("لا-وسم", &t).IsNotFound());

  std::vector<Section> sections;
  ASSERT_TRUE(store_->ListSections(&sections).ok());
  ASSERT_EQ(sections.size(), 1u);
}

TEST_P(StoreTest, WriterBioBelongsToTheWriter) {
  Article a = Make("a", "مقال أ");
  a.writer = Person{0, "كاتب", "", "نبذة قديمة"};
  Save(a);
  Article b = Make("b", "مقال ب");
  b.writer = Person{0, "كاتب", "", "نبذة جديدة"};
  std::set<std::string> changes;
  Save(b, &changes);
  Article ra = Get("مقال-أ");
  ASSERT_TRUE(ra.writer);
  EXPECT_EQ(ra.writer->bio, "نبذة جديدة");
  // The writer's other pages show the bio: their key is recorded.
  EXPECT_TRUE(changes.count("person:" + std::to_string(ra.writer->id)));

  // An article without a bio does not erase it.
  Article c = Make("c", "مقال ج");
  c.writer = Person{0, "كاتب", "", ""};
  Save(c);
  EXPECT_EQ(Get("مقال-أ").writer->bio, "نبذة جديدة");
}

TEST_P(StoreTest, SourceUrlUpdateIsRecorded) {
  Article a = Make("a", "مقال أ");
  a.source = Source{0, "الخليج", "", "https://old.example/"};
  Save(a);
  Article b = Make("b", "مقال ب");
  b.source = Source{0, "الخليج", "", "https://new.example/"};
  std::set<std::string> changes;
  Save(b, &changes);
  Article ra = Get("مقال-أ");
  ASSERT_TRUE(ra.source);
  EXPECT_EQ(ra.source->url, "https://new.example/");
  // Pages showing the source (render/pages.cc) carry "sourceinfo:ID".
  EXPECT_TRUE(changes.count("sourceinfo:" + std::to_string(ra.source->id)));
}

TEST_P(StoreTest, CuratedLinkByTitleResolvesWhenTargetArrivesLater) {
  Article owner = Make("owner", "المقال الأصلي");
  owner.related = {RelatedLink{"كازاخستان وفاعلية «الحماية» الروسية", "", 0, ""}};
  SaveResult o = Save(owner);
  Article before = Get("المقال-الأصلي");
  ASSERT_EQ(before.related.size(), 1u);
  EXPECT_EQ(before.related[0].target_id, 0);  // Plain text until it exists.

  std::set<std::string> changes;
  SaveResult t = Save(Make("target", "كازاخستان وفاعلية «الحماية» الروسية"), &changes);
  EXPECT_TRUE(changes.count(keys::Article(o.id))) << "owner's page must be purged";
  Article after = Get("المقال-الأصلي");
  ASSERT_EQ(after.related.size(), 1u);
  EXPECT_EQ(after.related[0].target_id, t.id);
  EXPECT_EQ(after.related[0].target_slug, "كازاخستان-وفاعلية-الحماية-الروسية");
  EXPECT_EQ(after.related[0].title, "كازاخستان وفاعلية «الحماية» الروسية");
  std::vector<std::string> recorded = ChangesSince(0);
  EXPECT_NE(std::find(recorded.begin(), recorded.end(), keys::Article(o.id)), recorded.end());
}

TEST_P(StoreTest, CuratedLinkToExistingArticleResolvesAtOnce) {
  SaveResult t = Save(Make("target", "الهدف"));
  Article owner = Make("owner", "المالك");
  owner.related = {RelatedLink{"الهدف", "", 0, ""}, RelatedLink{"لا وجود له", "", 0, ""}};
  Save(owner);
  Article a = Get("المالك");
  ASSERT_EQ(a.related.size(), 2u);
  EXPECT_EQ(a.related[0].target_id, t.id);
  EXPECT_EQ(a.related[1].target_id, 0);
}

TEST_P(StoreTest, CuratedLinkToDraftIsNotShownAsLink) {
  Article target = Make("target", "مسودة الهدف");
  target.status = ArticleStatus::kDraft;
  Save(target);
  Article owner = Make("owner", "المالك");
  owner.related = {RelatedLink{"مسودة الهدف", "", 0, ""}};
  Save(owner);
  EXPECT_EQ(Get("المالك").related.at(0).target_id, 0);
}

class StoreListTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    // Seven published (five in "سياسة" by writer A with tag T), two drafts.
    for (int i = 0; i < 9; ++i) {
      Article a = Make("id" + std::to_string(i), "مقال رقم " + std::to_string(i),
                       1642194000 + i * 3600);
      a.highlights = {"تمهيد " + std::to_string(i)};
      if (i < 5) {
        a.section = Section{0, "سياسة", ""};
        a.writer = Person{0, "الكاتب أ", "", ""};
        a.tags = {Tag{0, "وسم", ""}};
        a.source = Source{0, "مصدر", "", ""};
      } else {
        a.section = Section{0, "اقتصاد", ""};
      }
      if (i == 3 || i == 8) a.status = ArticleStatus::kDraft;
      ids_.push_back(Save(a).id);
    }
  }
  std::vector<Id> ids_;
};

TEST_P(StoreListTest, AllIsNewestFirstWithoutDrafts) {
  ArticlePage page;
  ASSERT_TRUE(store_->ListArticles(ListKind::kAll, 0, 0, 100, &page).ok());
  EXPECT_EQ(page.total, 7);
  ASSERT_EQ(page.items.size(), 7u);
  EXPECT_EQ(page.items[0].id, ids_[7]);
  EXPECT_EQ(page.items[0].title, "مقال رقم 7");
  EXPECT_EQ(page.items[0].slug, "مقال-رقم-7");
  EXPECT_EQ(page.items[0].first_highlight, "تمهيد 7");
  EXPECT_EQ(page.items[0].section_name, "اقتصاد");
  EXPECT_EQ(page.items[6].id, ids_[0]);
  EXPECT_EQ(page.items[6].writer_name, "الكاتب أ");
  for (const auto& s : page.items) {
    EXPECT_NE(s.id, ids_[3]);
    EXPECT_NE(s.id, ids_[8]);
  }
  int64_t published = 0, drafts = 0;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published, 7);
  EXPECT_EQ(drafts, 2);
}

TEST_P(StoreListTest, Pagination) {
  ArticlePage p1, p2, p3;
  ASSERT_TRUE(store_->ListArticles(ListKind::kAll, 0, 0, 3, &p1).ok());
  ASSERT_TRUE(store_->ListArticles(ListKind::kAll, 0, 3, 3, &p2).ok());
  ASSERT_TRUE(store_->ListArticles(ListKind::kAll, 0, 6, 3, &p3).ok());
  EXPECT_EQ(p1.total, 7);
  EXPECT_EQ(p3.total, 7);
  EXPECT_EQ(p1.items.size(), 3u);
  EXPECT_EQ(p2.items.size(), 3u);
  EXPECT_EQ(p3.items.size(), 1u);
  EXPECT_EQ(p1.items[0].id, ids_[7]);
  EXPECT_EQ(p2.items[0].id, ids_[4]);  // 7 6 5 | 4 2 1 | 0
  EXPECT_EQ(p3.items[0].id, ids_[0]);
}

TEST_P(StoreListTest, ListsByOwner) {
  Article first = Get("مقال-رقم-0");
  ASSERT_TRUE(first.section && first.writer && first.source);
  ArticlePage page;
  ASSERT_TRUE(store_->ListArticles(ListKind::kSection, first.section->id, 0, 2, &page).ok());
  EXPECT_EQ(page.total, 4);  // 0 1 2 4 (3 is a draft)
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, ids_[4]);
  ASSERT_TRUE(store_->ListArticles(ListKind::kWriter, first.writer->id, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(page.items.size(), 4u);
  ASSERT_TRUE(store_->ListArticles(ListKind::kSource, first.source->id, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 4);
  ASSERT_TRUE(store_->ListArticles(ListKind::kTag, first.tags.at(0).id, 2, 10, &page).ok());
  EXPECT_EQ(page.total, 4);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[1].id, ids_[0]);
  ASSERT_TRUE(store_->ListArticles(ListKind::kSection, 99999, 0, 10, &page).ok());
  EXPECT_EQ(page.total, 0);
  EXPECT_TRUE(page.items.empty());
}

TEST_P(StoreListTest, SectionsLargestFirst) {
  std::vector<Section> sections;
  ASSERT_TRUE(store_->ListSections(&sections).ok());
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].name, "سياسة");  // 4 published vs 3.
  EXPECT_EQ(sections[1].name, "اقتصاد");
}

TEST_P(StoreListTest, SummariesById) {
  std::vector<ArticleSummary> out;
  ASSERT_TRUE(store_->GetArticleSummaries({ids_[2], 987654, ids_[0]}, &out).ok());
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, ids_[2]);
  EXPECT_EQ(out[1].id, ids_[0]);
}

TEST_P(StoreListTest, UnpublishingPurgesItsLists) {
  Article a = Get("مقال-رقم-0");
  Article draft = Make("id0", "مقال رقم 0", 1642194000);
  draft.highlights = {"تمهيد 0"};
  draft.section = Section{0, "سياسة", ""};
  draft.writer = Person{0, "الكاتب أ", "", ""};
  draft.tags = {Tag{0, "وسم", ""}};
  draft.source = Source{0, "مصدر", "", ""};
  draft.status = ArticleStatus::kDraft;
  std::set<std::string> changes;
  SaveResult r = Save(draft, &changes);
  EXPECT_TRUE(r.changed);
  for (const std::string& k : {keys::Article(a.id), std::string(keys::kHome),
                               keys::Section(a.section->id), keys::Tag(a.tags[0].id),
                               keys::Writer(a.writer->id), keys::Source(a.source->id)}) {
    EXPECT_TRUE(changes.count(k)) << k;
  }
  ArticlePage page;
  ASSERT_TRUE(store_->ListArticles(ListKind::kAll, 0, 0, 100, &page).ok());
  EXPECT_EQ(page.total, 6);
}

TEST_P(StoreTest, BreakingAddListRemove) {
  BreakingItem forever{0, "عاجل: خبر دائم", "", 1000, 0};
  BreakingItem brief{0, "عاجل: خبر مؤقت", "/article/x", 2000, 5000};
  ASSERT_TRUE(store_->AddBreaking(&forever).ok());
  ASSERT_TRUE(store_->AddBreaking(&brief).ok());
  EXPECT_GT(forever.id, 0);
  EXPECT_GT(brief.id, forever.id);

  std::vector<BreakingItem> items;
  ASSERT_TRUE(store_->ListBreaking(4999, &items).ok());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].id, brief.id);  // Newest first.
  EXPECT_EQ(items[0].link, "/article/x");
  EXPECT_EQ(items[0].until, 5000);
  ASSERT_TRUE(store_->ListBreaking(5000, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, forever.id);
  ASSERT_TRUE(store_->ListBreaking(0, &items).ok());
  EXPECT_EQ(items.size(), 2u);  // 0: all, expired too.

  const int64_t before = LastChange();
  ASSERT_TRUE(store_->RemoveBreaking(brief.id).ok());
  EXPECT_EQ(ChangesSince(before), std::vector<std::string>{keys::kBreaking});
  EXPECT_TRUE(store_->RemoveBreaking(brief.id).IsNotFound());
  EXPECT_TRUE(store_->RemoveBreaking(424242).IsNotFound());
  EXPECT_EQ(LastChange(), before + 1) << "a failed removal records nothing";
  ASSERT_TRUE(store_->ListBreaking(0, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, forever.id);
}

// Readers see urgent items first, then the desk's order; an item shows
// from its start to its end; the desk (now 0) sees every item.
TEST_P(StoreTest, BreakingShowsUrgentFirstBetweenStartAndEnd) {
  BreakingItem plain{0, "عادي", "", 1000, 0};
  BreakingItem urgent{0, "عاجل جدًا", "", 900, 0};
  urgent.urgent = true;
  BreakingItem later{0, "لاحق", "", 1000, 3000};
  later.starts_at = 2000;
  ASSERT_TRUE(store_->AddBreaking(&urgent).ok());
  ASSERT_TRUE(store_->AddBreaking(&plain).ok());
  ASSERT_TRUE(store_->AddBreaking(&later).ok());
  auto ids = [&](int64_t now) {
    std::vector<BreakingItem> items;
    EXPECT_TRUE(store_->ListBreaking(now, &items).ok());
    std::vector<Id> out;
    for (const BreakingItem& b : items) out.push_back(b.id);
    return out;
  };
  EXPECT_EQ(ids(1999), (std::vector<Id>{urgent.id, plain.id}));
  EXPECT_EQ(ids(2000), (std::vector<Id>{urgent.id, later.id, plain.id}));
  EXPECT_EQ(ids(3000), (std::vector<Id>{urgent.id, plain.id}));
  EXPECT_EQ(ids(0), (std::vector<Id>{urgent.id, later.id, plain.id}));
  // The desk's order does not put an urgent item below another.
  ASSERT_TRUE(store_->OrderBreaking({plain.id, later.id, urgent.id}).ok());
  EXPECT_EQ(ids(2500), (std::vector<Id>{urgent.id, plain.id, later.id}));
  std::vector<BreakingItem> items;
  ASSERT_TRUE(store_->ListBreaking(0, &items).ok());
  const auto it = std::find_if(items.begin(), items.end(), [&](const BreakingItem& b) { return b.id == later.id; });
  ASSERT_NE(it, items.end());
  EXPECT_EQ(it->starts_at, 2000);
  EXPECT_FALSE(it->urgent);
  // An edit stores start and urgency.
  BreakingItem edited = *it;
  edited.urgent = true;
  edited.starts_at = 2500;
  ASSERT_TRUE(store_->UpdateBreaking(edited).ok());
  EXPECT_EQ(ids(2499), (std::vector<Id>{urgent.id, plain.id}));
  EXPECT_EQ(ids(2500), (std::vector<Id>{later.id, urgent.id, plain.id}));  // Both urgent: by position.
}

// A start or end that comes is recorded as one breaking change, once, by
// whichever of two servers on the same file sees it first.
TEST_P(StoreTest, BreakingDueRecordsEachTimeOnceAcrossServers) {
  const int64_t t = 1'900'000'000;
  BreakingItem now_on{0, "الآن", "", t, t + 300};
  BreakingItem later{0, "لاحق", "", t, t + 200};
  later.starts_at = t + 100;
  ASSERT_TRUE(store_->AddBreaking(&now_on).ok());
  ASSERT_TRUE(store_->AddBreaking(&later).ok());
  std::unique_ptr<Store> other = OpenAgain();
  ASSERT_TRUE(other);
  const int64_t before = LastChange();
  bool changed = true;
  ASSERT_TRUE(store_->BreakingDue(t + 99, &changed).ok());
  EXPECT_FALSE(changed) << "the items' creation was told by their own change";
  EXPECT_EQ(LastChange(), before);
  ASSERT_TRUE(other->BreakingDue(t + 100, &changed).ok());
  EXPECT_TRUE(changed);
  EXPECT_EQ(ChangesSince(before), std::vector<std::string>{keys::kBreaking});
  ASSERT_TRUE(store_->BreakingDue(t + 150, &changed).ok());
  EXPECT_FALSE(changed) << "the start was told by the other server";
  ASSERT_TRUE(store_->BreakingDue(t + 250, &changed).ok());  // `later` ends.
  EXPECT_TRUE(changed);
  ASSERT_TRUE(other->BreakingDue(t + 250, &changed).ok());
  EXPECT_FALSE(changed);
  ASSERT_TRUE(other->BreakingDue(t + 400, &changed).ok());  // `now_on` ends.
  EXPECT_TRUE(changed);
  ASSERT_TRUE(store_->BreakingDue(t + 500, &changed).ok());
  EXPECT_FALSE(changed);
  EXPECT_EQ(LastChange(), before + 3);
  int64_t next = -1;
  ASSERT_TRUE(store_->NextBreakingStart(t, &next).ok());
  EXPECT_EQ(next, t + 100);
  ASSERT_TRUE(store_->NextBreakingStart(t + 100, &next).ok());
  EXPECT_EQ(next, 0);
}

// An item naming an article links to its address as it is now: a slug
// edit is followed; unpublished, the item shows without a link but keeps
// naming it.
TEST_P(StoreTest, BreakingFollowsItsArticle) {
  Article a = Make("breaking-article", "مقال الخبر");
  a.slug = "old-slug";
  const SaveResult saved = Save(a);
  ASSERT_GT(saved.id, 0);
  BreakingItem item{0, "خبر مع مقال", "/typed", 1000, 0};
  item.article_id = saved.id;
  ASSERT_TRUE(store_->AddBreaking(&item).ok());
  auto link = [&] {
    std::vector<BreakingItem> items;
    EXPECT_TRUE(store_->ListBreaking(1000, &items).ok());
    EXPECT_EQ(items.size(), 1u);
    return items.empty() ? std::string("(none)") : items[0].link;
  };
  EXPECT_EQ(link(), "/article/old-slug") << "the article wins over a link";
  a.slug = "new-slug";
  ASSERT_EQ(Save(a).id, saved.id);
  EXPECT_EQ(link(), "/article/new-slug");
  a.status = ArticleStatus::kDraft;
  ASSERT_EQ(Save(a).id, saved.id);
  EXPECT_EQ(link(), "");
  std::vector<BreakingItem> items;
  ASSERT_TRUE(store_->ListBreaking(0, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].article_id, saved.id);
}

TEST_P(StoreTest, BreakingGetsCreationTime) {
  BreakingItem item{0, "خبر", "", 0, 0};
  const int64_t now = static_cast<int64_t>(time(nullptr));
  ASSERT_TRUE(store_->AddBreaking(&item).ok());
  EXPECT_GE(item.created_at, now);
  EXPECT_LE(item.created_at, now + 5);
}

TEST_P(StoreTest, SettingsSaveAndLoad) {
  Settings s;
  ASSERT_TRUE(store_->LoadSettings(&s).ok());
  EXPECT_EQ(s.site_name(), "قلم");  // Default when not stored.
  const int64_t before = LastChange();
  ASSERT_TRUE(store_->SaveSetting("site_name", "الخبر اليومي").ok());
  ASSERT_TRUE(store_->SaveSetting("page_size", "7").ok());
  ASSERT_TRUE(store_->SaveSetting("page_size", "9").ok());  // Overwrites.
  ASSERT_TRUE(store_->LoadSettings(&s).ok());
  EXPECT_EQ(s.site_name(), "الخبر اليومي");
  EXPECT_EQ(s.GetInt("page_size"), 9);
  EXPECT_EQ(s.values().size(), 2u);
  std::vector<std::string> keys = ChangesSince(before);
  // Each save: global, and setting:KEY for what shows only some settings.
  EXPECT_EQ(keys.size(), 6u);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), keys::kGlobal), 3);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "setting:site_name"), 1);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "setting:page_size"), 2);
}

TEST_P(StoreTest, ChangeKeysAreReadInOrder) {
  EXPECT_EQ(LastChange(), 0);
  ASSERT_TRUE(store_->RecordChanges({"article:1", "home"}).ok());
  const int64_t mid = LastChange();
  EXPECT_EQ(mid, 2);
  ASSERT_TRUE(store_->RecordChanges({"tag:9"}).ok());

  std::vector<std::string> keys;
  int64_t last = 0;
  ASSERT_TRUE(store_->ReadChanges(0, &keys, &last).ok());
  EXPECT_EQ(keys, (std::vector<std::string>{"article:1", "home", "tag:9"}));
  EXPECT_EQ(last, 3);
  ASSERT_TRUE(store_->ReadChanges(mid, &keys, &last).ok());
  EXPECT_EQ(keys, std::vector<std::string>{"tag:9"});
  EXPECT_EQ(last, 3);
  ASSERT_TRUE(store_->ReadChanges(3, &keys, &last).ok());
  EXPECT_TRUE(keys.empty());
  EXPECT_EQ(last, 3) << "with nothing new, last stays where it was";
}

TEST_P(StoreTest, ChangesAreSeenByAnotherConnection) {
  std::unique_ptr<Store> other;
  ASSERT_TRUE(OpenStore(location_, StoreOptions{}, &other).ok());
  int64_t start = 0;
  ASSERT_TRUE(other->LastChangeId(&start).ok());
  SaveResult r = Save(Make("a", "خبر"));
  std::vector<std::string> keys;
  int64_t last = 0;
  ASSERT_TRUE(other->ReadChanges(start, &keys, &last).ok());
  EXPECT_NE(std::find(keys.begin(), keys.end(), keys::Article(r.id)), keys.end());
  EXPECT_GT(last, start);
}

TEST_P(StoreTest, AutoRelatedReplaceAndRead) {
  SaveResult a = Save(Make("a", "أ"));
  SaveResult b = Save(Make("b", "ب"));
  Article draft = Make("c", "ج");
  draft.status = ArticleStatus::kDraft;
  SaveResult c = Save(draft);
  ASSERT_TRUE(store_->ReplaceAutoRelated({{a.id, {b.id, c.id}}}, {keys::Article(a.id)}).ok());
  std::map<Id, std::vector<Id>> stored;
  ASSERT_TRUE(store_->LoadAutoRelated(&stored).ok());
  EXPECT_EQ(stored[a.id], (std::vector<Id>{b.id, c.id}));
  std::vector<ArticleSummary> shown;
  ASSERT_TRUE(store_->GetAutoRelated(a.id, &shown).ok());
  ASSERT_EQ(shown.size(), 1u);  // The draft is not shown.
  EXPECT_EQ(shown[0].id, b.id);
  ASSERT_TRUE(store_->ReplaceAutoRelated({{a.id, {}}}, {}).ok());
  ASSERT_TRUE(store_->LoadAutoRelated(&stored).ok());
  EXPECT_FALSE(stored.count(a.id));

  std::vector<RelatednessFeatures> features;
  ASSERT_TRUE(store_->LoadRelatednessFeatures(&features).ok());
  EXPECT_EQ(features.size(), 2u);  // Published only.
}

// --- accounts: listing, roles, disabling; the site keeps an active admin.

TEST_P(StoreTest, ListUsersInCreationOrderWithTheirState) {
  std::vector<User> users;
  ASSERT_TRUE(store_->ListUsers(&users).ok());
  EXPECT_TRUE(users.empty());
  const User a = NewUser(*store_, "a@example.org", Role::kAdmin);
  User w;
  w.email = "w@example.org";
  w.name = "كاتبة";
  w.role = Role::kWriter;
  w.created_at = 1'800'000'100;
  ASSERT_TRUE(store_->CreateUser(&w).ok());  // No password yet.
  ASSERT_TRUE(store_->SetUserDisabled(w.id, true).ok());
  ASSERT_TRUE(store_->ListUsers(&users).ok());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].id, a.id);
  EXPECT_EQ(users[0].email, "a@example.org");
  EXPECT_EQ(users[0].role, Role::kAdmin);
  EXPECT_FALSE(users[0].disabled);
  EXPECT_FALSE(users[0].password_hash.empty());
  EXPECT_EQ(users[1].id, w.id);
  EXPECT_EQ(users[1].name, "كاتبة");
  EXPECT_EQ(users[1].role, Role::kWriter);
  EXPECT_EQ(users[1].created_at, 1'800'000'100);
  EXPECT_TRUE(users[1].disabled);
  EXPECT_TRUE(users[1].password_hash.empty());
}

TEST_P(StoreTest, CountActiveAdminsSkipsDisabledAndOtherRoles) {
  int64_t n = -1;
  ASSERT_TRUE(store_->CountActiveAdmins(&n).ok());
  EXPECT_EQ(n, 0);
  const User a = NewUser(*store_, "a@example.org", Role::kAdmin);
  const User b = NewUser(*store_, "b@example.org", Role::kAdmin);
  NewUser(*store_, "c@example.org", Role::kChiefEditor);
  ASSERT_TRUE(store_->CountActiveAdmins(&n).ok());
  EXPECT_EQ(n, 2);
  ASSERT_TRUE(store_->SetUserDisabled(b.id, true).ok());
  ASSERT_TRUE(store_->CountActiveAdmins(&n).ok());
  EXPECT_EQ(n, 1);
  (void)a;
}

TEST_P(StoreTest, UpdateUserRoleKeepsTheLastActiveAdmin) {
  const User a = NewUser(*store_, "a@example.org", Role::kAdmin);
  const User e = NewUser(*store_, "e@example.org", Role::kEditor);
  ASSERT_TRUE(store_->UpdateUserRole(e.id, Role::kWriter).ok());
  User got;
  ASSERT_TRUE(store_->GetUserById(e.id, &got).ok());
  EXPECT_EQ(got.role, Role::kWriter);
  EXPECT_EQ(store_->UpdateUserRole(a.id, Role::kChiefEditor).code(), Status::Code::kConflict);
  ASSERT_TRUE(store_->GetUserById(a.id, &got).ok());
  EXPECT_EQ(got.role, Role::kAdmin) << "a refused change changes nothing";
  EXPECT_TRUE(store_->UpdateUserRole(a.id, Role::kAdmin).ok()) << "staying admin is no demotion";
  EXPECT_TRUE(store_->UpdateUserRole(999, Role::kWriter).IsNotFound());
  // With a second active admin either may be demoted, then the other is the last.
  ASSERT_TRUE(store_->UpdateUserRole(e.id, Role::kAdmin).ok());
  ASSERT_TRUE(store_->UpdateUserRole(a.id, Role::kEditor).ok());
  EXPECT_EQ(store_->UpdateUserRole(e.id, Role::kWriter).code(), Status::Code::kConflict);
  // A disabled admin does not count: the active one stays the last.
  ASSERT_TRUE(store_->UpdateUserRole(a.id, Role::kAdmin).ok());
  ASSERT_TRUE(store_->SetUserDisabled(a.id, true).ok());
  EXPECT_EQ(store_->UpdateUserRole(e.id, Role::kEditor).code(), Status::Code::kConflict);
  EXPECT_TRUE(store_->UpdateUserRole(a.id, Role::kWriter).ok()) << "a disabled admin may be demoted";
}

TEST_P(StoreTest, DisablingEndsSessionsAndLinksAndKeepsTheLastActiveAdmin) {
  const User a = NewUser(*store_, "a@example.org", Role::kAdmin);
  const User e = NewUser(*store_, "e@example.org", Role::kEditor);
  const int64_t now = 1'800'000'010;
  NewSession(*store_, e.id, "e-phone");
  NewSession(*store_, e.id, "e-laptop");
  NewSession(*store_, a.id, "a-laptop");
  ASSERT_TRUE(store_->SaveOneTimeToken("e-link", "password", e.id, now + 3600).ok());
  Session s;
  ASSERT_TRUE(store_->GetSession("e-phone", now, &s).ok());

  ASSERT_TRUE(store_->SetUserDisabled(e.id, true).ok());
  User got;
  ASSERT_TRUE(store_->GetUserById(e.id, &got).ok());
  EXPECT_TRUE(got.disabled);
  EXPECT_TRUE(store_->GetSession("e-phone", now, &s).IsNotFound());
  EXPECT_TRUE(store_->GetSession("e-laptop", now, &s).IsNotFound());
  Id id = 0;
  EXPECT_TRUE(store_->PeekOneTimeToken("e-link", "password", now, &id).IsNotFound());
  EXPECT_TRUE(store_->GetSession("a-laptop", now, &s).ok()) << "other accounts keep their sessions";

  // Enabling does not bring the ended sessions back.
  ASSERT_TRUE(store_->SetUserDisabled(e.id, false).ok());
  ASSERT_TRUE(store_->GetUserById(e.id, &got).ok());
  EXPECT_FALSE(got.disabled);
  EXPECT_TRUE(store_->GetSession("e-phone", now, &s).IsNotFound());
  NewSession(*store_, e.id, "e-again");
  EXPECT_TRUE(store_->GetSession("e-again", now, &s).ok());

  // The only active admin cannot be disabled; nothing changes.
  EXPECT_EQ(store_->SetUserDisabled(a.id, true).code(), Status::Code::kConflict);
  ASSERT_TRUE(store_->GetUserById(a.id, &got).ok());
  EXPECT_FALSE(got.disabled);
  EXPECT_TRUE(store_->GetSession("a-laptop", now, &s).ok());
  EXPECT_TRUE(store_->SetUserDisabled(999, true).IsNotFound());
}

TEST_P(StoreTest, SessionOfADisabledAccountIsNotFoundEvenIfLeftBehind) {
  const User e = NewUser(*store_, "e@example.org", Role::kEditor);
  NewUser(*store_, "a@example.org", Role::kAdmin);
  ASSERT_TRUE(store_->SetUserDisabled(e.id, true).ok());
  // A session created afterwards (say, by a sign-in racing the disable).
  NewSession(*store_, e.id, "late");
  Session s;
  EXPECT_TRUE(store_->GetSession("late", 1'800'000'010, &s).IsNotFound());
}

TEST_P(StoreTest, DeleteUserOneTimeTokensOnlyTouchesThatUserAndPurpose) {
  const User a = NewUser(*store_, "a@example.org", Role::kAdmin);
  const User e = NewUser(*store_, "e@example.org", Role::kEditor);
  const int64_t now = 1'800'000'010;
  ASSERT_TRUE(store_->SaveOneTimeToken("e-1", "password", e.id, now + 3600).ok());
  ASSERT_TRUE(store_->SaveOneTimeToken("e-2", "password", e.id, now + 3600).ok());
  ASSERT_TRUE(store_->SaveOneTimeToken("a-1", "password", a.id, now + 3600).ok());
  ASSERT_TRUE(store_->SaveOneTimeToken("setup", "setup", 0, now + 3600).ok());
  ASSERT_TRUE(store_->DeleteUserOneTimeTokens(e.id, "password").ok());
  Id id = 0;
  EXPECT_TRUE(store_->PeekOneTimeToken("e-1", "password", now, &id).IsNotFound());
  EXPECT_TRUE(store_->PeekOneTimeToken("e-2", "password", now, &id).IsNotFound());
  EXPECT_TRUE(store_->PeekOneTimeToken("a-1", "password", now, &id).ok());
  EXPECT_TRUE(store_->PeekOneTimeToken("setup", "setup", now, &id).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, StoreListTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
