// Sitemaps (render/sitemaps.h): the builders write what the sitemaps.org
// protocol and Google's image and news extensions ask, and RenderSitemap,
// over every store backend, lists published articles only, by UTC month,
// with the keys that purge each document.
#include "render/sitemaps.h"

#include <gtest/gtest.h>

#include "core/http_date.h"
#include "store_backends.h"
#include "store_helpers.h"
#include "xml_test_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
using testing_xml::Doc;

constexpr int64_t kDec1 = 1796083200;  // 2026-12-01T00:00:00Z
constexpr int64_t kNov30 = kDec1 - 3600;

TEST(Sitemaps, UrlsetWithImages) {
  UrlsetWriter w(true);
  w.Add({"https://n.example/article/%D8%A7", kDec1, "https://n.example/media/k-1600.jpg"});
  w.Add({"https://n.example/article/b&c", 0, ""});
  const std::string xml = w.Finish();
  Doc d(xml);
  ASSERT_TRUE(d.ok()) << xml;
  EXPECT_EQ(d.All("/sm:urlset/sm:url/sm:loc"),
            (std::vector<std::string>{"https://n.example/article/%D8%A7", "https://n.example/article/b&c"}));
  EXPECT_EQ(d.One("/sm:urlset/sm:url[1]/sm:lastmod"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.One("/sm:urlset/sm:url[1]/image:image/image:loc"), "https://n.example/media/k-1600.jpg");
  EXPECT_TRUE(d.All("/sm:urlset/sm:url[2]/sm:lastmod").empty());
  EXPECT_TRUE(d.All("/sm:urlset/sm:url[2]/image:image").empty());
}

TEST(Sitemaps, IndexAndNews) {
  Doc index(BuildSitemapIndex({{"https://n.example/sitemap-articles-2026-12.xml", kDec1},
                               {"https://n.example/sitemap-tags.xml", 0}}));
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index.All("/sm:sitemapindex/sm:sitemap/sm:loc").size(), 2u);
  EXPECT_EQ(index.One("/sm:sitemapindex/sm:sitemap[1]/sm:lastmod"), "2026-12-01T00:00:00Z");

  Doc news(BuildNewsSitemap("قلم", {{"https://n.example/article/x", "عنوان <خبر>", kDec1}}));
  ASSERT_TRUE(news.ok());
  const std::string n = "/sm:urlset/sm:url/news:news/";
  EXPECT_EQ(news.One(n + "news:publication/news:name"), "قلم");
  EXPECT_EQ(news.One(n + "news:publication/news:language"), "ar");
  EXPECT_EQ(news.One(n + "news:publication_date"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(news.One(n + "news:title"), "عنوان <خبر>");
}

TEST(Sitemaps, Addresses) {
  for (const char* p : {"/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles-2026-12.xml", "/sitemap-tags-2.xml"}) {
    EXPECT_TRUE(IsSitemapPath(p)) << p;
  }
  for (const char* p : {"/sitemap", "/sitemap.xml.gz", "/a/sitemap.xml", "/sitemap/x.xml"}) {
    EXPECT_FALSE(IsSitemapPath(p)) << p;
  }
}

class SitemapsStoreTest : public StoreBackendTest {
 protected:
  RenderedPage Render(const std::string& path, int64_t now = kDec1 + 3600) {
    RenderedPage out;
    Status st = RenderSitemap(*store_, path, now, &out);
    EXPECT_TRUE(st.ok()) << path << ": " << st.message();
    return out;
  }
  bool IsNotFound(const std::string& path) {
    RenderedPage out;
    return RenderSitemap(*store_, path, kDec1, &out).IsNotFound();
  }
  Id Save(const std::string& id, const std::string& title, int64_t at, ArticleStatus status = ArticleStatus::kPublished,
          ArticleKind kind = ArticleKind::kArticle) {
    Article a = MakeArticle(id, title, at);
    a.status = status;
    a.kind = kind;
    a.tags = {Tag{0, "وسم " + id, ""}};
    a.writer = Person{0, "كاتب", "", ""};
    a.section = Section{0, "اقتصاد", ""};
    return SaveArticle(*store_, a).id;
  }
};

TEST_P(SitemapsStoreTest, PublishedArticlesByMonthAndNothingElse) {
  Save("a1", "مقال ديسمبر", kDec1 + 10);
  Save("a2", "مقال نوفمبر", kNov30);
  Save("d1", "مسودة ديسمبر", kDec1 + 20, ArticleStatus::kDraft);
  Save("p1", "من نحن", kDec1 + 30, ArticleStatus::kPublished, ArticleKind::kPage);
  Save("p2", "صفحة مسودة", kDec1 + 40, ArticleStatus::kDraft, ArticleKind::kPage);

  RenderedPage index = Render("/sitemap.xml");
  EXPECT_EQ(index.content_type, "application/xml; charset=utf-8");
  Doc d(index.html);
  ASSERT_TRUE(d.ok()) << index.html;
  const std::string site = "http://127.0.0.1:8080";
  EXPECT_EQ(d.All("//sm:loc"),
            (std::vector<std::string>{site + "/sitemap-articles-2026-12.xml", site + "/sitemap-articles-2026-11.xml",
                                      site + "/sitemap-sections.xml", site + "/sitemap-tags.xml",
                                      site + "/sitemap-writers.xml", site + "/sitemap-pages.xml"}))
      << index.html;

  RenderedPage dec = Render("/sitemap-articles-2026-12.xml");
  Doc dd(dec.html);
  ASSERT_EQ(dd.All("//sm:url").size(), 1u) << dec.html;
  EXPECT_NE(dd.One("//sm:loc").find("/article/"), std::string::npos);
  EXPECT_EQ(dec.keys, (std::set<std::string>{"month:2026-12", "setting:site_url"}))
      << "an old month is purged only by its own articles and the site's address";
  Doc nov(Render("/sitemap-articles-2026-11.xml").html);
  EXPECT_EQ(nov.All("//sm:url").size(), 1u);

  Doc pages(Render("/sitemap-pages.xml").html);
  ASSERT_EQ(pages.All("//sm:loc").size(), 1u);
  EXPECT_NE(pages.One("//sm:loc").find("/page/"), std::string::npos);

  Doc tags(Render("/sitemap-tags.xml").html);
  EXPECT_EQ(tags.All("//sm:loc").size(), 2u) << "the draft's tag has no published article";

  for (const char* bad : {"/sitemap-articles-2026-10.xml", "/sitemap-articles-2026-13.xml", "/sitemap-articles-2026-12-2.xml",
                          "/sitemap-articles-2026-12-1.xml", "/sitemap-articles-2026-12-02.xml", "/sitemap-articles-x.xml",
                          "/sitemap-tags-2.xml", "/sitemap-sources-x.xml", "/sitemap-.xml", "/sitemap-articles-2026-1.xml"}) {
    EXPECT_TRUE(IsNotFound(bad)) << bad;
  }
}

TEST_P(SitemapsStoreTest, NewsListsTheLast48HoursNewestFirst) {
  Save("old", "خبر قديم", kDec1 - 49 * 3600);
  Save("new1", "خبر أول", kDec1 - 3600);
  Save("new2", "خبر ثان", kDec1 - 60);
  Save("draft", "خبر مسودة", kDec1 - 30, ArticleStatus::kDraft);
  RenderedPage news = Render("/sitemap-news.xml", kDec1);
  Doc d(news.html);
  EXPECT_EQ(d.All("//news:title"), (std::vector<std::string>{"خبر ثان", "خبر أول"}));
  EXPECT_EQ(news.expires_at, kDec1 - 3600 + 48 * 3600 + 1) << "rebuilt when its oldest leaves the window";
  EXPECT_TRUE(news.keys.count("home"));
}

TEST_P(SitemapsStoreTest, AMonthOverTheLimitIsSplit) {
  // Streams 50,001 rows: the second part holds the last one.
  std::vector<Article> batch;
  for (int i = 0; i < kSitemapMaxUrls + 1; ++i) {
    Article a = MakeArticle("m" + std::to_string(i), "مقال " + std::to_string(i), kDec1 + i);
    PrepareArticle(&a);
    batch.push_back(std::move(a));
  }
  std::vector<SaveResult> results;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveArticles(&batch, &results, &changes).ok());
  Doc index(Render("/sitemap.xml").html);
  EXPECT_EQ(index.All("//sm:loc[contains(., 'articles-2026-12')]").size(), 2u);
  RenderedPage first = Render("/sitemap-articles-2026-12.xml");
  EXPECT_EQ(Doc(first.html).All("//sm:url").size(), static_cast<size_t>(kSitemapMaxUrls));
  Doc second(Render("/sitemap-articles-2026-12-2.xml").html);
  ASSERT_EQ(second.All("//sm:url").size(), 1u);
  EXPECT_NE(second.One("//sm:loc").find("50000"), std::string::npos) << "the newest is last";
  EXPECT_TRUE(IsNotFound("/sitemap-articles-2026-12-3.xml"));
}

INSTANTIATE_TEST_SUITE_P(Backends, SitemapsStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
