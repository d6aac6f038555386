// Automatic related articles (services/related.h).
#include "services/related.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/change_keys.h"
#include "store_backends.h"
#include "services/article_text.h"
#include "store/open_store.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

RelatednessFeatures F(Id id, int64_t t, Id section = 0, Id writer = 0, std::vector<Id> tags = {}) {
  return RelatednessFeatures{id, t, section, writer, std::move(tags)};
}

bool Contains(const std::vector<Id>& v, Id id) { return std::find(v.begin(), v.end(), id) != v.end(); }

TEST(ComputeAutoRelated, NeverIncludesItself) {
  std::vector<RelatednessFeatures> f = {F(1, 100, 7, 3, {1, 2}), F(2, 200, 7, 3, {1, 2}),
                                        F(3, 300, 7, 3, {1})};
  auto r = ComputeAutoRelated(f);
  ASSERT_EQ(r.size(), 3u);
  for (const auto& [id, list] : r) {
    EXPECT_FALSE(Contains(list, id)) << id;
    EXPECT_EQ(list.size(), 2u) << id;
  }
}

TEST(ComputeAutoRelated, ContentSimilarityRanksFirst) {
  // Five articles in one section: 1 and 4 share their distinctive terms.
  std::vector<RelatednessFeatures> f = {F(1, 100, 9), F(2, 110, 9), F(3, 120, 9), F(4, 500, 9),
                                        F(5, 130, 9)};
  TermLists terms = {
      {1, {{"كازاخستان", 9}, {"احتجاج", 5}, {"طاقه", 2}}},
      {2, {{"مباراه", 6}, {"ترجي", 4}}},
      {3, {{"ميزانيه", 6}, {"ضريب", 3}}},
      {4, {{"كازاخستان", 7}, {"احتجاج", 2}, {"روسيا", 4}}},
      {5, {{"مهرجان", 5}, {"سينما", 5}}},
  };
  auto r = ComputeAutoRelated(f, terms, 3);
  ASSERT_FALSE(r[1].empty());
  EXPECT_EQ(r[1][0], 4);  // Though 2, 3 and 5 are nearer in time.
  EXPECT_EQ(r[4][0], 1);
  // Content only: articles with nothing in common are not related.
  auto content = ComputeAutoRelated(f, terms, 3, RelatedWeights{1.0, 0, 0, 0});
  EXPECT_EQ(content[1], std::vector<Id>{4});
  EXPECT_TRUE(content[2].empty());
}

TEST(ComputeAutoRelated, UnrelatedArticlesGetEmptyLists) {
  auto r = ComputeAutoRelated({F(1, 100, 1), F(2, 200, 2), F(3, 300)});
  ASSERT_EQ(r.size(), 3u);
  for (const auto& [id, list] : r) EXPECT_TRUE(list.empty()) << id;
  EXPECT_TRUE(ComputeAutoRelated({}).empty());
}

TEST(ComputeAutoRelated, SharedTagsRankAboveSameSection) {
  // 2 is in 1's section and next to it in time; 3 shares a tag, far away
  // in time and in another section.
  std::vector<RelatednessFeatures> f = {F(1, 1000, 10, 0, {5}), F(2, 1001, 10),
                                        F(3, 900000, 20, 0, {5})};
  auto r = ComputeAutoRelated(f);
  EXPECT_EQ(r[1], (std::vector<Id>{3, 2}));
}

TEST(ComputeAutoRelated, MoreSharedTagsRankHigher) {
  std::vector<RelatednessFeatures> f = {F(1, 1000, 0, 0, {5, 6}), F(2, 1001, 0, 0, {5}),
                                        F(3, 900000, 0, 0, {5, 6})};
  EXPECT_EQ(ComputeAutoRelated(f)[1], (std::vector<Id>{3, 2}));
}

TEST(ComputeAutoRelated, SameWriterRanksAboveSameSection) {
  std::vector<RelatednessFeatures> f = {F(1, 1000, 10, 4), F(2, 1001, 10, 0),
                                        F(3, 900000, 20, 4)};
  EXPECT_EQ(ComputeAutoRelated(f)[1], (std::vector<Id>{3, 2}));
}

TEST(ComputeAutoRelated, NearestInTimeWithinSection) {
  std::vector<RelatednessFeatures> f = {F(1, 1000, 10), F(2, 990, 10), F(3, 500, 10),
                                        F(4, 1200, 10), F(5, 2000, 10)};
  EXPECT_EQ(ComputeAutoRelated(f)[1], (std::vector<Id>{2, 4, 3, 5}));
  // Unsorted input, far apart in ids: same answer.
  std::vector<RelatednessFeatures> g = {F(50, 2000, 10), F(3, 500, 10), F(1, 1000, 10),
                                        F(40, 1200, 10), F(2, 990, 10)};
  EXPECT_EQ(ComputeAutoRelated(g)[1], (std::vector<Id>{2, 40, 3, 50}));
}

TEST(ComputeAutoRelated, CountLimit) {
  std::vector<RelatednessFeatures> f;
  for (Id i = 1; i <= 30; ++i) f.push_back(F(i, i * 100, 10, 0, {1}));
  auto r = ComputeAutoRelated(f, TermLists{}, 3);
  ASSERT_EQ(r.size(), 30u);
  for (const auto& [id, list] : r) EXPECT_EQ(list.size(), 3u) << id;
  EXPECT_EQ(r[15], (std::vector<Id>{16, 14, 17}));  // Ties in time: the newer id first.
  auto d = ComputeAutoRelated(f);
  EXPECT_EQ(d[1].size(), kAutoRelatedCount);
  EXPECT_EQ(d[1], (std::vector<Id>{2, 3, 4, 5, 6}));
}

TEST(ComputeAutoRelated, LargeSectionStillFindsNearest) {
  // Beyond the window of neighbours, the nearest in time still win.
  std::vector<RelatednessFeatures> f;
  for (Id i = 1; i <= 200; ++i) f.push_back(F(i, i * 1000, 10));
  auto r = ComputeAutoRelated(f, TermLists{}, 4);
  EXPECT_EQ(r[100], (std::vector<Id>{101, 99, 102, 98}));
  EXPECT_EQ(r[200], (std::vector<Id>{199, 198, 197, 196}));
}

class RefreshTest : public StoreBackendTest {
 protected:
  Id Save(const std::string& ext, const std::string& title, int64_t t, ArticleStatus status =
                                                                         ArticleStatus::kPublished) {
    Article a;
    a.external_id = ext;
    a.title = title;
    a.published_at = t;
    a.status = status;
    a.body_markdown = "b";
    a.body_html = "<p>b</p>\n";
    a.section = Section{0, "قسم", ""};
    PrepareArticle(&a);  // Slugs, search text and terms come made (store.h).
    std::vector<Article> v{a};
    std::vector<SaveResult> results;
    std::set<std::string> changes;
    EXPECT_TRUE(store_->SaveArticles(&v, &results, &changes).ok());
    return results.at(0).id;
  }
};

TEST_P(RefreshTest, StoresListsAndRecordsKeys) {
  Id a = Save("a", "أ", 1000), b = Save("b", "ب", 2000), c = Save("c", "ج", 3000);
  int64_t before = 0;
  ASSERT_TRUE(store_->LastChangeId(&before).ok());
  size_t changed = 99;
  ASSERT_TRUE(RefreshAutoRelated(*store_, &changed).ok());
  EXPECT_EQ(changed, 3u);

  std::map<Id, std::vector<Id>> stored;
  ASSERT_TRUE(store_->LoadAutoRelated(&stored).ok());
  EXPECT_EQ(stored[a], (std::vector<Id>{b, c}));
  EXPECT_EQ(stored[b], (std::vector<Id>{c, a}));  // Equal distance: the newer id first.
  EXPECT_EQ(stored[c], (std::vector<Id>{b, a}));
  std::vector<ArticleSummary> shown;
  ASSERT_TRUE(store_->GetAutoRelated(a, &shown).ok());
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0].title, "ب");

  std::vector<std::string> keys;
  int64_t last = 0;
  ASSERT_TRUE(store_->ReadChanges(before, &keys, &last).ok());
  for (Id id : {a, b, c}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), keys::Article(id)), keys.end()) << id;
  }

  // Nothing new: nothing stored, nothing purged.
  ASSERT_TRUE(RefreshAutoRelated(*store_, &changed).ok());
  EXPECT_EQ(changed, 0u);
  int64_t after = 0;
  ASSERT_TRUE(store_->LastChangeId(&after).ok());
  EXPECT_EQ(after, last);
}

TEST_P(RefreshTest, UnpublishedArticleLosesItsListAndLeavesOthers) {
  Id a = Save("a", "أ", 1000), b = Save("b", "ب", 2000), c = Save("c", "ج", 3000);
  ASSERT_TRUE(RefreshAutoRelated(*store_).ok());
  Save("c", "ج", 3000, ArticleStatus::kDraft);
  size_t changed = 0;
  ASSERT_TRUE(RefreshAutoRelated(*store_, &changed).ok());
  EXPECT_EQ(changed, 3u);
  std::map<Id, std::vector<Id>> stored;
  ASSERT_TRUE(store_->LoadAutoRelated(&stored).ok());
  EXPECT_FALSE(stored.count(c));
  EXPECT_EQ(stored[a], std::vector<Id>{b});
  EXPECT_EQ(stored[b], std::vector<Id>{a});
}

INSTANTIATE_TEST_SUITE_P(Backends, RefreshTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
