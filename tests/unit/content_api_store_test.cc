// The Content API's store reads on every backend: keyset pages of published
// articles with each filter, through the whole list with no duplicate or
// gap (ties in published_at broken by id), nothing unpublished or a page
// ever; the batched fill matches the one-article read; names and pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

constexpr int64_t kT0 = 1'700'000'000;

class ContentApiStoreTest : public StoreBackendTest {
 protected:
  // 30 articles: i = 0..29, published at kT0 + (i / 3) * 3600 (ties of
  // three), in sections قسم أ / قسم ب by parity, tagged وسم when i % 3 == 0,
  // written by كاتب أول (i < 15) or كاتب ثان, from the source مصدر when
  // i % 5 == 0, all tagged عام. Plus a
  // draft and a static page, which no list shows.
  void SetUp() override {
    StoreBackendTest::SetUp();
    for (int i = 0; i < 30; ++i) {
      Article a = MakeArticle("e" + std::to_string(i), "مقال " + std::to_string(i), kT0 + (i / 3) * 3600);
      a.section = Section{0, i % 2 ? "قسم ب" : "قسم أ", ""};
      if (i % 3 == 0) a.tags.push_back(Tag{0, "وسم", ""});
      a.tags.push_back(Tag{0, "عام", ""});
      a.writer = Person{0, i < 15 ? "كاتب أول" : "كاتب ثان", "", "سيرة"};
      if (i % 5 == 0) a.source = Source{0, "مصدر", "", "https://source.example"};
      a.highlights = {"أبرز " + std::to_string(i), "ثان"};
      if (i == 29) a.updated_at = kT0 + 100 * 3600;
      ids_.push_back(SaveArticle(*store_, a).id);
    }
    Article draft = MakeArticle("draft", "مسودة", kT0 + 50 * 3600);
    draft.status = ArticleStatus::kDraft;
    draft.section = Section{0, "قسم أ", ""};
    draft_id_ = SaveArticle(*store_, draft).id;
    Article page = MakeArticle("page", "من نحن", kT0 + 60 * 3600);
    page.kind = ArticleKind::kPage;
    page_id_ = SaveArticle(*store_, page).id;
  }

  // Every page of the list through the keyset; the ids in order.
  std::vector<Id> Walk(ApiArticleFilter f, int64_t per_page, int* pages = nullptr) {
    std::vector<Id> out;
    f.limit = per_page;
    for (int n = 0; n < 100; ++n) {
      std::vector<ApiArticle> items;
      EXPECT_TRUE(store_->ListApiArticles(f, false, &items).ok());
      for (const ApiArticle& a : items) out.push_back(a.article.id);
      if (pages) *pages = n + 1;
      if (items.size() < static_cast<size_t>(per_page)) break;
      f.after = std::make_pair(items.back().article.published_at, items.back().article.id);
    }
    return out;
  }
  // A name's id, found by its name in the API's list (slugs are made from
  // names above the store).
  Id IdOf(const std::string& name, NamedKind kind) {
    std::vector<NamedItem> all;
    EXPECT_TRUE(store_->ListApiNames(kind, "", 0, 100, &all).ok());
    for (const NamedItem& n : all) {
      if (n.name == name) return n.id;
    }
    ADD_FAILURE() << "no " << name;
    return -1;
  }
  // The expected order: published_at then id, newest first, of those `keep`.
  std::vector<Id> Expected(const std::function<bool(int)>& keep) {
    std::vector<int> idx;
    for (int i = 0; i < 30; ++i) {
      if (keep(i)) idx.push_back(i);
    }
    std::sort(idx.begin(), idx.end(), [&](int x, int y) {
      if (x / 3 != y / 3) return x / 3 > y / 3;
      return ids_[x] > ids_[y];
    });
    std::vector<Id> out;
    for (int i : idx) out.push_back(ids_[i]);
    return out;
  }

  std::vector<Id> ids_;
  Id draft_id_ = 0, page_id_ = 0;
};

TEST_P(ContentApiStoreTest, PagesThroughEverythingNewestFirstWithNoGapOrDuplicate) {
  for (int64_t per_page : {1, 2, 4, 7, 30, 100}) {
    int pages = 0;
    std::vector<Id> got = Walk({}, per_page, &pages);
    EXPECT_EQ(got, Expected([](int) { return true; })) << per_page;
    EXPECT_EQ(std::count(got.begin(), got.end(), draft_id_), 0);
    EXPECT_EQ(std::count(got.begin(), got.end(), page_id_), 0);
  }
}

TEST_P(ContentApiStoreTest, EachFilterAndTheirCombinations) {
  ApiArticleFilter f;
  f.section_id = IdOf("قسم أ", NamedKind::kSection);
  EXPECT_EQ(Walk(f, 4), Expected([](int i) { return i % 2 == 0; }));
  f = {};
  f.tag_id = IdOf("وسم", NamedKind::kTag);
  EXPECT_EQ(Walk(f, 3), Expected([](int i) { return i % 3 == 0; }));
  f = {};
  f.writer_id = IdOf("كاتب ثان", NamedKind::kPerson);
  EXPECT_EQ(Walk(f, 4), Expected([](int i) { return i >= 15; }));
  f = {};
  f.source_id = IdOf("مصدر", NamedKind::kSource);
  EXPECT_EQ(Walk(f, 2), Expected([](int i) { return i % 5 == 0; }));
  f = {};
  f.since = kT0 + 3 * 3600;
  f.until = kT0 + 6 * 3600;
  EXPECT_EQ(Walk(f, 2), Expected([](int i) { return i / 3 >= 3 && i / 3 <= 6; }));
  f = {};
  f.updated_since = kT0 + 9 * 3600;  // The last three by publication, and the one updated later.
  EXPECT_EQ(Walk(f, 2), Expected([](int i) { return i / 3 >= 9; }));
  f.updated_since = kT0 + 99 * 3600;
  EXPECT_EQ(Walk(f, 2), Expected([](int i) { return i == 29; }));
  f = {};
  f.section_id = IdOf("قسم ب", NamedKind::kSection);
  f.tag_id = IdOf("وسم", NamedKind::kTag);
  f.writer_id = IdOf("كاتب أول", NamedKind::kPerson);
  f.until = kT0 + 8 * 3600;
  EXPECT_EQ(Walk(f, 1), Expected([](int i) { return i % 2 == 1 && i % 3 == 0 && i < 15 && i / 3 <= 8; }));
}

TEST_P(ContentApiStoreTest, AListedArticleCarriesWhatItsPageShows) {
  ApiArticleFilter f;
  f.limit = 1;
  std::vector<ApiArticle> items;
  ASSERT_TRUE(store_->ListApiArticles(f, true, &items).ok());
  ASSERT_EQ(items.size(), 1u);
  Article full;
  ASSERT_TRUE(store_->GetArticleById(items[0].article.id, &full).ok());
  const Article& a = items[0].article;
  EXPECT_EQ(a.title, full.title);
  EXPECT_EQ(a.slug, full.slug);
  EXPECT_EQ(a.body_html, full.body_html);
  EXPECT_EQ(a.body_markdown, full.body_markdown);
  EXPECT_EQ(a.highlights, full.highlights);
  ASSERT_EQ(a.tags.size(), full.tags.size());
  for (size_t i = 0; i < a.tags.size(); ++i) EXPECT_EQ(a.tags[i].slug, full.tags[i].slug);
  ASSERT_TRUE(a.writer && a.section);
  EXPECT_EQ(a.writer->bio, "سيرة");
  EXPECT_FALSE(a.source);  // Article 29 has none; 25 has one.
  ApiArticleFilter with_source;
  with_source.source_id = IdOf("مصدر", NamedKind::kSource);
  with_source.limit = 1;
  std::vector<ApiArticle> sourced;
  ASSERT_TRUE(store_->ListApiArticles(with_source, false, &sourced).ok());
  ASSERT_TRUE(sourced.size() == 1 && sourced[0].article.source);
  EXPECT_EQ(sourced[0].article.source->url, "https://source.example");
  EXPECT_EQ(sourced[0].article.id, ids_[25]);
  // Without bodies, the rest is the same.
  ASSERT_TRUE(store_->ListApiArticles(f, false, &items).ok());
  EXPECT_TRUE(items[0].article.body_html.empty());
  EXPECT_EQ(items[0].article.highlights, full.highlights);

  ApiArticle one;
  ASSERT_TRUE(store_->GetApiArticle(full.id, "", &one).ok());
  EXPECT_EQ(one.article.body_html, full.body_html);
  ASSERT_TRUE(store_->GetApiArticle(0, full.slug, &one).ok());
  EXPECT_EQ(one.article.id, full.id);
  EXPECT_TRUE(store_->GetApiArticle(draft_id_, "", &one).IsNotFound());
  EXPECT_TRUE(store_->GetApiArticle(page_id_, "", &one).IsNotFound());
  EXPECT_TRUE(store_->GetApiArticle(0, "no-such-slug", &one).IsNotFound());
}

TEST_P(ContentApiStoreTest, NamesByNameWithCountsAndPages) {
  std::vector<NamedItem> all;
  std::string after;
  Id after_id = 0;
  for (;;) {
    std::vector<NamedItem> page;
    ASSERT_TRUE(store_->ListApiNames(NamedKind::kTag, after, after_id, 1, &page).ok());
    if (page.empty()) break;
    all.push_back(page[0]);
    after = page[0].name;
    after_id = page[0].id;
  }
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "عام");
  EXPECT_EQ(all[0].articles, 30);
  EXPECT_EQ(all[1].articles, 10);
  std::vector<NamedItem> sections;
  ASSERT_TRUE(store_->ListApiNames(NamedKind::kSection, "", 0, 10, &sections).ok());
  EXPECT_EQ(sections.size(), 2u);  // The draft's section has published ones too; no empty section.
  std::vector<NamedItem> writers;
  ASSERT_TRUE(store_->ListApiNames(NamedKind::kPerson, "", 0, 10, &writers).ok());
  ASSERT_EQ(writers.size(), 2u);
  NamedItem w;
  ASSERT_TRUE(store_->GetApiName(NamedKind::kPerson, writers[0].slug, &w).ok());
  EXPECT_EQ(w.name, "كاتب أول");
  EXPECT_EQ(w.articles, 15);
  EXPECT_EQ(w.extra, "سيرة");

  std::vector<Article> pages;
  ASSERT_TRUE(store_->ListApiPages(0, 10, &pages).ok());
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].id, page_id_);
  ASSERT_TRUE(store_->ListApiPages(page_id_, 10, &pages).ok());
  EXPECT_TRUE(pages.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ContentApiStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
