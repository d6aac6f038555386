// The front page as the desk lays it out, on every backend: the store keeps
// the layout (migration 17) and records only "home" when it is saved; the
// service's rules (who, limits, published articles only, audited); what the
// page shows (render/home_page.h: fallbacks, no article twice, sections in
// the desk's order, the opinion block); and the thumbnails every list
// carries (one batched read, no image → no <img>).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/change_keys.h"
#include "render/home_page.h"
#include "render/pages.h"
#include "services/home_layout.h"
#include "services/names.h"
#include "store/store.h"
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

constexpr int64_t kNow = 1'800'000'000;
constexpr int64_t kDay = 86400;

class HomeLayoutTest : public StoreBackendTest {
 protected:
  // A published article in `section`, `days_ago` days before kNow.
  Id Publish(const std::string& slug_word, const std::string& section, int days_ago,
             const std::string& writer = "") {
    Article a = MakeArticle(slug_word, "مقال " + slug_word, kNow - days_ago * kDay);
    a.status = ArticleStatus::kPublished;
    if (!section.empty()) a.section = Section{0, section, ""};
    if (!writer.empty()) a.writer = Person{0, writer, "", "", 0};
    return SaveArticle(*store_, a).id;
  }
  Id SectionId(const std::string& name) {
    std::vector<NamedItem> all;
    EXPECT_TRUE(store_->ListNamed(NamedKind::kSection, name, 10, &all).ok());
    return all.empty() ? 0 : all.front().id;
  }
  HomePlan Plan(const HomeLayout& layout) {
    HomePlan plan;
    Status st = PlanHome(*store_, layout, kNow, &plan);
    EXPECT_TRUE(st.ok()) << st.message();
    return plan;
  }
  MediaItem SaveImage(const std::string& key) {
    MediaItem m;
    m.hash = std::string(64, key[0]);
    m.mime = "image/jpeg";
    m.width = 2000;
    m.height = 1000;
    m.variants = {{320, 160, "image/jpeg", key + "-320.jpg", ""},
                  {320, 160, "image/webp", key + "-320.webp", ""},
                  {640, 320, "image/jpeg", key + "-640.jpg", ""},
                  {640, 320, "image/webp", key + "-640.webp", ""},
                  {1600, 800, "image/jpeg", key + "-1600.jpg", ""}};
    bool created = false;
    EXPECT_TRUE(store_->SaveMedia(&m, &created).ok());
    return m;
  }
  void SetImage(Id article, Id image) {
    Article a;
    ASSERT_TRUE(store_->GetArticleById(article, &a).ok());
    a.image_id = image;
    PrepareArticle(&a);
    DeskSave save;
    save.expected_version = a.version;
    save.revision.action = "save";
    save.revision.at = kNow;
    std::set<std::string> changes;
    ASSERT_TRUE(store_->SaveDeskArticle(&a, save, &changes).ok());
  }
  std::vector<std::string> KeysOf(const std::function<void()>& write) {
    std::vector<std::string> keys;
    int64_t last = 0;
    EXPECT_TRUE(store_->ReadChanges(0, &keys, &last).ok());
    write();
    EXPECT_TRUE(store_->ReadChanges(last, &keys, &last).ok());
    return keys;
  }
};

std::vector<Id> Ids(const std::vector<ArticleSummary>& items) {
  std::vector<Id> ids;
  for (const ArticleSummary& s : items) ids.push_back(s.id);
  return ids;
}

TEST_P(HomeLayoutTest, TheStoreKeepsTheLayoutAndRecordsOnlyTheHomeKey) {
  HomeLayout empty;
  ASSERT_TRUE(store_->GetHomeLayout(&empty).ok());
  EXPECT_EQ(empty.lead, 0);
  EXPECT_FALSE(empty.sections_chosen) << "a fresh site has never arranged its front page";

  const Id a = Publish("أ", "سياسة", 1), b = Publish("ب", "اقتصاد", 2), c = Publish("ج", "رأي", 3);
  HomeLayout layout;
  layout.lead = b;
  layout.featured = {c, a};
  layout.sections_chosen = true;
  layout.sections = {SectionId("اقتصاد"), SectionId("سياسة")};
  layout.opinion_section = SectionId("رأي");
  layout.updated_at = kNow;
  AuditEntry audit{0, kNow, 0, "", "home.layout", "home", "تفصيل"};
  const std::vector<std::string> keys = KeysOf([&] { ASSERT_TRUE(store_->SaveHomeLayout(layout, audit).ok()); });
  EXPECT_EQ(keys, std::vector<std::string>{"home"}) << "saving the layout purges the home page alone";

  HomeLayout read;
  ASSERT_TRUE(store_->GetHomeLayout(&read).ok());
  EXPECT_EQ(read.lead, b);
  EXPECT_EQ(read.featured, (std::vector<Id>{c, a}));
  EXPECT_TRUE(read.sections_chosen);
  EXPECT_EQ(read.sections, layout.sections);
  EXPECT_EQ(read.opinion_section, layout.opinion_section);
  EXPECT_EQ(read.updated_at, kNow);

  std::vector<AuditEntry> log;
  ASSERT_TRUE(store_->ListAudit(0, 10, &log).ok());
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().action, "home.layout") << "the audit entry is written with the layout";

  // A second save replaces the whole layout.
  HomeLayout smaller;
  smaller.featured = {a};
  smaller.sections_chosen = true;
  ASSERT_TRUE(store_->SaveHomeLayout(smaller, audit).ok());
  ASSERT_TRUE(store_->GetHomeLayout(&read).ok());
  EXPECT_EQ(read.lead, 0);
  EXPECT_EQ(read.featured, std::vector<Id>{a});
  EXPECT_TRUE(read.sections.empty());
  EXPECT_EQ(read.opinion_section, 0);
}

TEST_P(HomeLayoutTest, FeaturedImagesOfAWholeListInOneRead) {
  const Id a = Publish("أ", "سياسة", 1), b = Publish("ب", "سياسة", 2);
  const MediaItem image = SaveImage("aaaa");
  SetImage(a, image.id);
  std::map<Id, MediaItem> images;
  ASSERT_TRUE(store_->GetFeaturedImages({a, b}, &images).ok());
  ASSERT_EQ(images.size(), 1u) << "an article without a featured image has none";
  EXPECT_EQ(images.at(a).id, image.id);
  EXPECT_EQ(images.at(a).variants.size(), 5u);
  ASSERT_TRUE(store_->GetFeaturedImages({}, &images).ok());
  EXPECT_TRUE(images.empty());
}

TEST_P(HomeLayoutTest, WhoMayArrangeTheFrontPage) {
  auto users = UserPerRole(*store_, {Role::kAdmin, Role::kChiefEditor, Role::kEditor, Role::kWriter,
                                     Role::kModerator});
  EXPECT_TRUE(HomeLayoutService::MayEdit(users[Role::kAdmin]));
  EXPECT_TRUE(HomeLayoutService::MayEdit(users[Role::kChiefEditor]));
  EXPECT_EQ(HomeLayoutService::MayEdit(users[Role::kEditor]), Can(Role::kEditor, Action::kPublishAny));
  EXPECT_FALSE(HomeLayoutService::MayEdit(users[Role::kWriter])) << "a writer publishes only their own work";
  EXPECT_FALSE(HomeLayoutService::MayEdit(users[Role::kModerator]));
}

TEST_P(HomeLayoutTest, TheServiceRefusesWhatThePageCannotShow) {
  HomeLayoutService service(*store_);
  const Id a = Publish("أ", "سياسة", 1), b = Publish("ب", "سياسة", 2), c = Publish("ج", "سياسة", 3),
           d = Publish("د", "سياسة", 4), e = Publish("ه", "سياسة", 5);
  Article draft = MakeArticle("مسودة", "مسودة");
  draft.status = ArticleStatus::kDraft;
  const Id draft_id = SaveArticle(*store_, draft).id;
  Article page = MakeArticle("صفحة", "من نحن");
  page.status = ArticleStatus::kPublished;
  page.kind = ArticleKind::kPage;
  const Id page_id = SaveArticle(*store_, page).id;

  auto refused = [&](HomeLayout l) { return service.Save(l, 0, kNow); };
  HomeLayout too_many;
  too_many.featured = {a, b, c, d, e};
  EXPECT_TRUE(refused(too_many).IsInvalid());
  HomeLayout twice;
  twice.lead = a;
  twice.featured = {a};
  EXPECT_TRUE(refused(twice).IsInvalid());
  HomeLayout unpublished;
  unpublished.lead = draft_id;
  Status st = refused(unpublished);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("غير منشور"), std::string::npos) << st.message();
  HomeLayout static_page;
  static_page.featured = {page_id};
  EXPECT_TRUE(refused(static_page).IsInvalid());
  HomeLayout gone;
  gone.featured = {999999};
  EXPECT_TRUE(refused(gone).IsInvalid());
  HomeLayout no_section;
  no_section.sections_chosen = true;
  no_section.sections = {999999};
  EXPECT_TRUE(refused(no_section).IsInvalid());
  HomeLayout saved_nothing;
  ASSERT_TRUE(store_->GetHomeLayout(&saved_nothing).ok());
  EXPECT_FALSE(saved_nothing.sections_chosen) << "a refused layout writes nothing";

  auto users = UserPerRole(*store_, {Role::kChiefEditor});
  HomeLayout good;
  good.lead = b;
  good.featured = {a, c};
  good.sections_chosen = true;
  good.sections = {SectionId("سياسة")};
  ASSERT_TRUE(service.Save(good, users[Role::kChiefEditor].id, kNow).ok());
  std::vector<AuditEntry> log;
  ASSERT_TRUE(store_->ListAudit(0, 10, &log).ok());
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().action, "home.layout");
  EXPECT_EQ(log.front().user_id, users[Role::kChiefEditor].id);
  EXPECT_EQ(log.front().detail, "مقال رئيسي مختار، مقالان مميزان، قسم واحد") << "counted by ICU's plural rules";
}

TEST_P(HomeLayoutTest, AFreshSiteShowsTheLatestWithoutDeskWork) {
  const Id a = Publish("أ", "سياسة", 1), b = Publish("ب", "سياسة", 2), c = Publish("ج", "اقتصاد", 3),
           d = Publish("د", "اقتصاد", 4), e = Publish("ه", "سياسة", 5), f = Publish("و", "رياضة", 6);
  HomePlan plan = Plan(HomeLayout{});
  ASSERT_TRUE(plan.lead);
  EXPECT_EQ(plan.lead->id, a) << "no lead chosen: the latest published article";
  EXPECT_EQ(Ids(plan.featured), (std::vector<Id>{b, c, d, e}));
  EXPECT_EQ(Ids(plan.latest), std::vector<Id>{f});
  EXPECT_FALSE(plan.empty);
  // Every section block: but nothing left to show twice.
  EXPECT_TRUE(plan.sections.empty());
  std::set<Id> unique(plan.shown.begin(), plan.shown.end());
  EXPECT_EQ(unique.size(), plan.shown.size()) << "no article twice on the page";
}

TEST_P(HomeLayoutTest, TheDesksChoicesWinAndWhatIsLeftOpenIsFilled) {
  std::vector<Id> ids;
  for (int i = 0; i < 20; ++i) {
    ids.push_back(Publish("م" + std::to_string(i), i % 2 ? "سياسة" : "اقتصاد", i + 1, i < 4 ? "كاتب " + std::to_string(i) : ""));
  }
  const Id opinion = Publish("رأي", "رأي", 30, "كاتب الرأي");
  HomeLayout layout;
  layout.lead = ids[10];
  layout.featured = {ids[15], ids[12]};
  layout.sections_chosen = true;
  layout.sections = {SectionId("سياسة")};
  layout.opinion_section = SectionId("رأي");
  HomePlan plan = Plan(layout);
  ASSERT_TRUE(plan.lead);
  EXPECT_EQ(plan.lead->id, ids[10]);
  EXPECT_EQ(Ids(plan.featured), (std::vector<Id>{ids[15], ids[12], ids[0], ids[1]}))
      << "the chosen ones in order, then the latest not shown";
  ASSERT_EQ(plan.sections.size(), 1u) << "only the chosen sections, in order";
  EXPECT_EQ(plan.sections[0].section.name, "سياسة");
  ASSERT_TRUE(plan.opinion_section);
  ASSERT_EQ(plan.opinion.size(), 1u);
  EXPECT_EQ(plan.opinion[0].article.id, opinion);
  EXPECT_NE(plan.opinion[0].writer_id, 0);
  EXPECT_FALSE(plan.opinion[0].writer_slug.empty());
  std::set<Id> unique(plan.shown.begin(), plan.shown.end());
  EXPECT_EQ(unique.size(), plan.shown.size()) << "no article twice on the page";

  // The chosen lead unpublished: the latest takes its place.
  Article lead;
  ASSERT_TRUE(store_->GetArticleById(ids[10], &lead).ok());
  lead.status = ArticleStatus::kDraft;
  SaveArticle(*store_, lead);
  plan = Plan(layout);
  ASSERT_TRUE(plan.lead);
  EXPECT_EQ(plan.lead->id, ids[0]);
}

TEST_P(HomeLayoutTest, OpinionPiecesWaitForTheirOwnBlock) {
  const Id a = Publish("أ", "سياسة", 2), b = Publish("ب", "سياسة", 3);
  const Id op = Publish("رأي", "آراء", 1, "سعاد الكاتبة");
  HomeLayout layout;
  layout.opinion_section = SectionId("آراء");
  HomePlan plan = Plan(layout);
  ASSERT_TRUE(plan.lead);
  EXPECT_EQ(plan.lead->id, a) << "the latest piece is an opinion piece: it is not the lead";
  EXPECT_EQ(Ids(plan.featured), std::vector<Id>{b});
  ASSERT_EQ(plan.opinion.size(), 1u);
  EXPECT_EQ(plan.opinion[0].article.id, op);
  EXPECT_TRUE(plan.sections.empty()) << "the opinion section has no block of its own besides";
}

TEST_P(HomeLayoutTest, PinnedArticlesStayOnTopUntilTheirTime) {
  const Id a = Publish("أ", "سياسة", 1);
  Article old = MakeArticle("قديم", "مقال مثبت", kNow - 9 * kDay);
  old.status = ArticleStatus::kPublished;
  old.pinned = true;
  old.pinned_until = kNow + 3600;
  const Id pinned = SaveArticle(*store_, old).id;
  HomeLayout layout;
  layout.lead = pinned;  // Already on top: not shown again.
  HomePlan plan = Plan(layout);
  EXPECT_EQ(Ids(plan.pinned), std::vector<Id>{pinned});
  EXPECT_EQ(plan.pin_expires, kNow + 3600);
  ASSERT_TRUE(plan.lead);
  EXPECT_EQ(plan.lead->id, a);
  HomePlan later;
  ASSERT_TRUE(PlanHome(*store_, layout, kNow + 7200, &later).ok());
  EXPECT_TRUE(later.pinned.empty()) << "the pin's time is over";
  ASSERT_TRUE(later.lead);
  EXPECT_EQ(later.lead->id, pinned);
}

TEST_P(HomeLayoutTest, ListsShowThumbnailsAndNoBoxWithoutAPicture) {
  std::unique_ptr<Theme> theme;
  ASSERT_TRUE(Theme::Load("", &theme).ok());
  PageRenderer renderer(*store_, *theme);
  const Id a = Publish("أ", "سياسة", 1), b = Publish("ب", "سياسة", 2);
  (void)b;
  SetImage(a, SaveImage("bbbb").id);
  for (const std::string path : {"/", "/section/سياسة", "/latest"}) {
    RenderedPage page;
    ASSERT_TRUE(renderer.Render(path, 1, kNow, &page).ok());
    const std::string& html = page.html;
    EXPECT_NE(html.find("srcset=\"/media/bbbb-320.jpg 320w, /media/bbbb-640.jpg 640w, /media/bbbb-1600.jpg 1600w\""),
              std::string::npos)
        << path;
    EXPECT_NE(html.find("src=\"/media/bbbb-640.jpg\""), std::string::npos) << path << ": the smallest at least 480 wide";
    EXPECT_NE(html.find("width=\"640\" height=\"320\""), std::string::npos) << path;
    EXPECT_NE(html.find("<source type=\"image/webp\" srcset=\"/media/bbbb-320.webp 320w, /media/bbbb-640.webp 640w\""),
              std::string::npos)
        << path;
    if (path != "/") {
      EXPECT_NE(html.find("loading=\"lazy\" decoding=\"async\""), std::string::npos) << path;
    }
    // One picture: the other article has none, and no empty box stands for it.
    size_t count = 0;
    for (size_t at = html.find("<img"); at != std::string::npos; at = html.find("<img", at + 1)) ++count;
    EXPECT_EQ(count, 1u) << path;
  }
}

TEST_P(HomeLayoutTest, TheOpinionBlockShowsEachWritersPortraitAndPage) {
  std::unique_ptr<Theme> theme;
  ASSERT_TRUE(Theme::Load("", &theme).ok());
  PageRenderer renderer(*store_, *theme);
  Publish("خبر", "سياسة", 2);
  Publish("رأي", "آراء", 1, "سعاد الكاتبة");
  std::vector<NamedItem> writers;
  ASSERT_TRUE(store_->ListNamed(NamedKind::kPerson, "سعاد", 5, &writers).ok());
  ASSERT_EQ(writers.size(), 1u);
  NamedItem with_photo = writers[0];
  with_photo.photo_id = SaveImage("cccc").id;
  bool changed = false;
  Status st = Names(*store_).Update(NamedKind::kPerson, writers[0], with_photo, 0, kNow, &changed);
  ASSERT_TRUE(st.ok()) << st.message();
  HomeLayout layout;
  layout.sections_chosen = true;
  layout.opinion_section = SectionId("آراء");
  ASSERT_TRUE(store_->SaveHomeLayout(layout, AuditEntry{}).ok());
  RenderedPage page;
  ASSERT_TRUE(renderer.Render("/", 1, kNow, &page).ok());
  const std::string& html = page.html;
  const size_t block = html.find("id=\"opinion-heading\"");
  ASSERT_NE(block, std::string::npos) << html;
  EXPECT_NE(html.find("<img class=\"opinion-portrait\" src=\"/media/cccc-320.jpg\"", block), std::string::npos) << html;
  EXPECT_NE(html.find("<p class=\"opinion-writer\"><a href=\"/writer/", block), std::string::npos);
  EXPECT_NE(html.find("سعاد الكاتبة", block), std::string::npos);
  EXPECT_TRUE(page.keys.count(keys::Person(writers[0].id))) << "a new portrait purges the home page";
}

INSTANTIATE_TEST_SUITE_P(Backends, HomeLayoutTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
