// Static pages and pinned articles (migration 9) in the store, on every
// backend: the new fields are kept by the importer's save and the desk's,
// pages are in no reader's list, count, search or related list (but in the
// desk's, with a filter), the footer menu and the pinned block read back in
// their order, and each kind of change records the keys it implies.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "services/related.h"
#include "services/search.h"
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

constexpr int64_t kNow = 1'800'000'000;

Article MakePage(const std::string& external_id, const std::string& title, bool in_footer) {
  Article a = MakeArticle(external_id, title);
  a.kind = ArticleKind::kPage;
  a.in_footer = in_footer;
  return a;
}

bool HasId(const std::vector<ArticleSummary>& items, Id id) {
  return std::any_of(items.begin(), items.end(), [&](const ArticleSummary& s) { return s.id == id; });
}

class PagesPinnedStoreTest : public StoreBackendTest {
 protected:
  std::set<std::string> Keys(Article a) {
    std::set<std::string> changes;
    SaveArticle(*store_, std::move(a), &changes);
    return changes;
  }
};

TEST_P(PagesPinnedStoreTest, TheNewFieldsAreSavedAndReadBack) {
  Article page = MakePage("p1", "من نحن", true);
  SaveResult r = SaveArticle(*store_, page);
  ASSERT_TRUE(r.created);
  Article read = GetArticle(*store_, "من-نحن");
  EXPECT_EQ(read.kind, ArticleKind::kPage);
  EXPECT_TRUE(read.in_footer);
  EXPECT_FALSE(read.pinned);

  Article pinned = MakeArticle("a1", "مقال مثبت");
  pinned.pinned = true;
  pinned.pinned_until = kNow + 3600;
  ASSERT_TRUE(SaveArticle(*store_, pinned).created);
  Article by_id;
  ASSERT_TRUE(store_->GetArticleById(GetArticle(*store_, "مقال-مثبت").id, &by_id).ok());
  EXPECT_EQ(by_id.kind, ArticleKind::kArticle);
  EXPECT_TRUE(by_id.pinned);
  EXPECT_EQ(by_id.pinned_until, kNow + 3600);
  EXPECT_FALSE(by_id.in_footer);
}

TEST_P(PagesPinnedStoreTest, TheContentHashSeesTheNewFields) {
  Article a = MakeArticle("a1", "مقال");
  ASSERT_TRUE(SaveArticle(*store_, a).created);
  SaveResult same = SaveArticle(*store_, a);
  EXPECT_FALSE(same.changed) << "an unchanged re-import stays a no-op";

  a.pinned = true;
  EXPECT_TRUE(SaveArticle(*store_, a).changed) << "pinned";
  EXPECT_FALSE(SaveArticle(*store_, a).changed);
  a.pinned_until = kNow + 60;
  EXPECT_TRUE(SaveArticle(*store_, a).changed) << "the pin's expiry";
  a.pinned = false;
  a.pinned_until = 0;
  EXPECT_TRUE(SaveArticle(*store_, a).changed) << "unpinned";

  a.kind = ArticleKind::kPage;
  EXPECT_TRUE(SaveArticle(*store_, a).changed) << "made a page";
  a.in_footer = true;
  EXPECT_TRUE(SaveArticle(*store_, a).changed) << "put in the footer";
  EXPECT_FALSE(SaveArticle(*store_, a).changed);
}

TEST_P(PagesPinnedStoreTest, PagesAreInNoReadersListCountSearchOrRelatedList) {
  // An article and a page sharing a section, a tag, a writer, a source and
  // their words.
  auto dress = [](Article a) {
    a.section = Section{0, "منوعات", ""};
    a.tags = {Tag{0, "زراعة", ""}};
    a.writer = Person{0, "كاتب الموقع", "", ""};
    a.source = Source{0, "صحيفة", "", ""};
    a.body_markdown = "الزراعة المائية في الصحراء العربية والزراعة المائية";
    a.body_html = "<p>" + a.body_markdown + "</p>";
    return a;
  };
  ASSERT_TRUE(SaveArticle(*store_, dress(MakeArticle("a1", "الزراعة المائية"))).created);
  ASSERT_TRUE(SaveArticle(*store_, dress(MakeArticle("a2", "الزراعة في الصحراء"))).created);
  ASSERT_TRUE(SaveArticle(*store_, dress(MakePage("p1", "الزراعة المائية عندنا", true))).created);
  const Id page_id = GetArticle(*store_, "الزراعة-المائية-عندنا").id;
  const Id article_id = GetArticle(*store_, "الزراعة-المائية").id;
  const Article article = GetArticle(*store_, "الزراعة-المائية");

  ArticlePage page;
  for (auto [kind, owner] : {std::pair{ListKind::kAll, Id{0}},
                             {ListKind::kSection, article.section->id},
                             {ListKind::kTag, article.tags[0].id},
                             {ListKind::kWriter, article.writer->id},
                             {ListKind::kSource, article.source->id}}) {
    ASSERT_TRUE(store_->ListArticles(kind, owner, 0, 100, &page).ok());
    EXPECT_FALSE(HasId(page.items, page_id)) << static_cast<int>(kind);
    EXPECT_EQ(page.total, 2) << "the count readers see leaves the page out";
  }
  int64_t published = 0, drafts = 0;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published, 2);
  std::vector<ArticleSummary> summaries;
  ASSERT_TRUE(store_->GetArticleSummaries({page_id, article_id}, &summaries).ok());
  ASSERT_EQ(summaries.size(), 1u) << "a page has no summary (nor comments)";
  std::vector<NamedItem> sections;
  ASSERT_TRUE(store_->ListNamed(NamedKind::kSection, "", 10, &sections).ok());
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].articles, 2);

  // Search.
  Settings settings;
  ASSERT_TRUE(store_->LoadSettings(&settings).ok());
  SearchService search(*store_);
  SearchOptions options;
  options.query = "الزراعة المائية";
  SearchResult result;
  ASSERT_TRUE(search.Run(settings, options, kNow, &result).ok());
  EXPECT_GE(result.total, 1);
  for (const SearchHit& hit : result.hits) EXPECT_NE(hit.id, page_id) << "a page is in no search result";

  // Relatedness: no features or terms, so no automatic list names it and it
  // gets none.
  std::vector<RelatednessFeatures> features;
  ASSERT_TRUE(store_->LoadRelatednessFeatures(&features).ok());
  for (const auto& f : features) EXPECT_NE(f.id, page_id);
  ArticleTermLists terms;
  ASSERT_TRUE(store_->LoadArticleTerms(&terms).ok());
  EXPECT_FALSE(terms.lists.empty());
  for (const auto& [id, list] : terms.lists) EXPECT_NE(id, page_id);
  ASSERT_TRUE(RefreshAutoRelated(*store_).ok());
  std::map<Id, std::vector<Id>> lists;
  ASSERT_TRUE(store_->LoadAutoRelated(&lists).ok());
  EXPECT_EQ(lists.count(page_id), 0u);
  for (const auto& [id, targets] : lists) {
    EXPECT_EQ(std::count(targets.begin(), targets.end(), page_id), 0) << "listed as related to " << id;
  }
  EXPECT_FALSE(lists[article_id].empty()) << "the two articles are related to each other";

  // The desk lists it, and filters by kind.
  DeskFilter filter;
  std::vector<DeskRow> rows;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListDeskArticles(filter, 0, 100, &rows, &total).ok());
  EXPECT_EQ(total, 3);
  filter.kind = ArticleKind::kPage;
  ASSERT_TRUE(store_->ListDeskArticles(filter, 0, 100, &rows, &total).ok());
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].id, page_id);
  EXPECT_EQ(rows[0].kind, ArticleKind::kPage);
  EXPECT_TRUE(rows[0].in_footer);
  filter.kind = ArticleKind::kArticle;
  ASSERT_TRUE(store_->ListDeskArticles(filter, 0, 100, &rows, &total).ok());
  EXPECT_EQ(total, 2);
}

TEST_P(PagesPinnedStoreTest, AMenuOfSectionsOnlyPagesHaveIsNoMenu) {
  Article page = MakePage("p1", "سياسة الخصوصية", true);
  page.section = Section{0, "قسم الصفحات", ""};
  std::set<std::string> keys = Keys(page);
  std::vector<Section> sections;
  ASSERT_TRUE(store_->ListSections(&sections).ok());
  EXPECT_TRUE(sections.empty());
}

TEST_P(PagesPinnedStoreTest, TheFooterMenuListsPublishedFooterPagesByTitle) {
  ASSERT_TRUE(SaveArticle(*store_, MakePage("p1", "من نحن", true)).created);
  ASSERT_TRUE(SaveArticle(*store_, MakePage("p2", "اتصل بنا", true)).created);
  ASSERT_TRUE(SaveArticle(*store_, MakePage("p3", "سياسة الخصوصية", true)).created);
  ASSERT_TRUE(SaveArticle(*store_, MakePage("p4", "صفحة خارج التذييل", false)).created);
  Article draft = MakePage("p5", "أسئلة شائعة", true);
  draft.status = ArticleStatus::kDraft;
  ASSERT_TRUE(SaveArticle(*store_, draft).created);
  ASSERT_TRUE(SaveArticle(*store_, MakeArticle("a1", "مقال عادي")).created);
  std::vector<ArticleSummary> footer;
  ASSERT_TRUE(store_->ListFooterPages(&footer).ok());
  std::vector<std::string> titles;
  for (const auto& s : footer) titles.push_back(s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"اتصل بنا", "سياسة الخصوصية", "من نحن"}));
  EXPECT_EQ(footer[2].slug, "من-نحن");
}

TEST_P(PagesPinnedStoreTest, PinnedArticlesNewestFirstUntilTheirPinExpires) {
  auto pinned = [](const std::string& id, const std::string& title, int64_t published_at, int64_t until) {
    Article a = MakeArticle(id, title, published_at);
    a.pinned = true;
    a.pinned_until = until;
    return a;
  };
  ASSERT_TRUE(SaveArticle(*store_, pinned("a1", "مثبت قديم", kNow - 7200, 0)).created);
  ASSERT_TRUE(SaveArticle(*store_, pinned("a2", "مثبت حديث", kNow - 60, kNow + 600)).created);
  ASSERT_TRUE(SaveArticle(*store_, pinned("a3", "مثبت انتهى", kNow - 30, kNow - 1)).created);
  ASSERT_TRUE(SaveArticle(*store_, pinned("a4", "مثبت لاحقًا", kNow - 90, kNow + 7200)).created);
  Article draft = pinned("a5", "مسودة مثبتة", kNow - 10, 0);
  draft.status = ArticleStatus::kDraft;
  ASSERT_TRUE(SaveArticle(*store_, draft).created);
  ASSERT_TRUE(SaveArticle(*store_, MakeArticle("a6", "غير مثبت", kNow)).created);

  std::vector<ArticleSummary> out;
  int64_t expires = -1;
  ASSERT_TRUE(store_->ListPinnedArticles(kNow, &out, &expires).ok());
  std::vector<std::string> titles;
  for (const auto& s : out) titles.push_back(s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"مثبت حديث", "مثبت لاحقًا", "مثبت قديم"}));
  EXPECT_EQ(expires, kNow + 600) << "the first pin to expire";
  ASSERT_TRUE(store_->ListPinnedArticles(kNow + 600, &out, &expires).ok());
  EXPECT_EQ(out.size(), 2u) << "a pin ends at its time";
  EXPECT_EQ(expires, kNow + 7200);
  ASSERT_TRUE(store_->ListPinnedArticles(kNow + 7200, &out, nullptr).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].title, "مثبت قديم");
}

TEST_P(PagesPinnedStoreTest, ChangeKeysOfPagesAndPins) {
  // A page outside the footer: its own page, and the published pages'
  // sitemap and API list.
  std::set<std::string> keys = Keys(MakePage("p1", "صفحة", false));
  const Id page_id = GetArticle(*store_, "صفحة").id;
  EXPECT_EQ(keys, (std::set<std::string>{"article:" + std::to_string(page_id), "pages"}));
  Article edited = MakePage("p1", "صفحة", false);
  edited.body_markdown = "نص آخر";
  edited.body_html = "<p>نص آخر</p>";
  EXPECT_EQ(Keys(edited), (std::set<std::string>{"article:" + std::to_string(page_id), "pages"}));
  // Into the footer, edited there, retitled: every page.
  edited.in_footer = true;
  EXPECT_TRUE(Keys(edited).count("global"));
  edited.body_markdown = "نص ثالث";
  EXPECT_TRUE(Keys(edited).count("global")) << "an edit of a page in the footer";
  edited.in_footer = false;
  keys = Keys(edited);
  EXPECT_TRUE(keys.count("global")) << "out of the footer";
  EXPECT_FALSE(keys.count("home"));
  edited.title = "صفحة بعنوان جديد";
  EXPECT_TRUE(Keys(edited).count("global")) << "a page's title";
  // An unchanged save records nothing.
  EXPECT_TRUE(Keys(edited).empty());

  // Pinning a draft touches home; so does unpinning it.
  Article draft = MakeArticle("a1", "مسودة");
  draft.status = ArticleStatus::kDraft;
  EXPECT_FALSE(Keys(draft).count("home"));
  draft.pinned = true;
  EXPECT_TRUE(Keys(draft).count("home"));
  draft.pinned_until = kNow;
  EXPECT_TRUE(Keys(draft).count("home")) << "the pin's expiry moved";
  draft.pinned = false;
  draft.pinned_until = 0;
  EXPECT_TRUE(Keys(draft).count("home"));

  // An article becoming a page leaves home and its lists.
  Article article = MakeArticle("a2", "مقال صار صفحة");
  article.section = Section{0, "منوعات", ""};
  Keys(article);
  article.kind = ArticleKind::kPage;
  keys = Keys(article);
  EXPECT_TRUE(keys.count("home"));
  EXPECT_TRUE(keys.count("global")) << "its section left the menu";
}

TEST_P(PagesPinnedStoreTest, TheDeskSaveKeepsTheNewFields) {
  User chief = testing_backends::NewUser(*store_, "chief@example.com", Role::kChiefEditor);
  Article a = MakePage("", "اتصل بنا", true);
  a.status = ArticleStatus::kPublished;
  a.author_id = chief.id;
  PrepareArticle(&a);
  DeskSave save;
  save.revision.action = "publish";
  save.revision.at = kNow;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveDeskArticle(&a, save, &changes).ok());
  EXPECT_TRUE(changes.count("global")) << "a new page in the footer";
  Article read;
  ASSERT_TRUE(store_->GetArticleById(a.id, &read).ok());
  EXPECT_EQ(read.kind, ArticleKind::kPage);
  EXPECT_TRUE(read.in_footer);

  Article b = MakeArticle("", "خبر مثبت");
  b.pinned = true;
  b.pinned_until = kNow + 60;
  PrepareArticle(&b);
  changes.clear();
  ASSERT_TRUE(store_->SaveDeskArticle(&b, save, &changes).ok());
  EXPECT_TRUE(changes.count("home"));
  ASSERT_TRUE(store_->GetArticleById(b.id, &read).ok());
  EXPECT_TRUE(read.pinned);
  EXPECT_EQ(read.pinned_until, kNow + 60);
}

INSTANTIATE_TEST_SUITE_P(Backends, PagesPinnedStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
