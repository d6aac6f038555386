// The RSS 2.0 and Atom 1.0 builders (render/feeds.h): every field of an
// item where the specifications put it, permanent guids, text XML cannot
// hold dropped, links made absolute.
#include "render/feeds.h"

#include <gtest/gtest.h>

#include "store_backends.h"
#include "store_helpers.h"
#include "xml_test_helpers.h"

namespace qalam {
namespace {

using testing_xml::Doc;

constexpr int64_t kPublished = 1796083200;  // 2026-12-01T00:00:00Z
constexpr int64_t kUpdated = 1796090400;    // 2026-12-01T02:00:00Z

Feed SampleFeed() {
  Feed f;
  f.title = "اقتصاد - قلم";
  f.description = "اقتصاد: قلم";
  f.page_url = "https://news.example/section/%D8%A7";
  f.self_url = "https://news.example/section/%D8%A7/feed";
  f.id = "tag:news.example,2026:feed:section:3";
  f.site_name = "قلم";
  f.updated = kUpdated;
  FeedItem item;
  item.title = "الميزانية <العامة> & التعليم";
  item.url = "https://news.example/article/budget";
  item.guid = ArticleGuid("https://news.example", 7);
  item.published_at = kPublished;
  item.updated_at = kUpdated;
  item.authors = {"خالد المنصور", "سلمى علي"};  // A co-written piece.
  item.categories = {"اقتصاد", "ميزانية"};
  item.highlights = {"ارتفاع الإنفاق", "التعليم أولًا"};
  item.content_html = "<p>نص ]]> فيه <a href=\"https://news.example/x\">رابط</a>\x01</p>";
  item.image = FeedImage{"https://news.example/media/abc-1600.jpg", "image/jpeg", 1600, 900, "صورة القاعة", ""};
  f.items.push_back(item);
  FeedItem bare;
  bare.title = "خبر بلا كاتب";
  bare.url = "https://news.example/article/bare";
  bare.guid = ArticleGuid("https://news.example", 8);
  bare.published_at = kPublished - 60;
  f.items.push_back(bare);
  return f;
}

TEST(Feeds, GuidsNameTheArticleIdNotItsAddress) {
  EXPECT_EQ(ArticleGuid("https://News.Example:8443/sub", 7), "tag:news.example,2026:article:7");
  EXPECT_EQ(ArticleGuid("http://127.0.0.1:8080", 12), "tag:127.0.0.1,2026:article:12");
}

TEST(Feeds, RelativeLinksAndImagesBecomeAbsolute) {
  EXPECT_EQ(AbsoluteLinks("<a href=\"/tag/x\">x</a><img src=\"/media/a.jpg\" alt=\"\">", "https://n.example"),
            "<a href=\"https://n.example/tag/x\">x</a><img src=\"https://n.example/media/a.jpg\" alt=\"\">");
  EXPECT_EQ(AbsoluteLinks("<a href=\"//cdn.example/a\">a</a><a href=\"https://o.example/\">o</a>", "https://n.example"),
            "<a href=\"//cdn.example/a\">a</a><a href=\"https://o.example/\">o</a>");
}

TEST(Feeds, RssCarriesEveryFieldOfAnItem) {
  const std::string xml = BuildRss(SampleFeed());
  Doc d(xml);
  ASSERT_TRUE(d.ok()) << xml;
  EXPECT_EQ(d.One("/rss/@version"), "2.0");
  EXPECT_EQ(d.One("/rss/channel/language"), "ar");
  EXPECT_EQ(d.One("/rss/channel/title"), "اقتصاد - قلم");
  EXPECT_EQ(d.One("/rss/channel/atom:link[@rel='self']/@href"), "https://news.example/section/%D8%A7/feed");
  EXPECT_EQ(d.One("/rss/channel/atom:link[@rel='self']/@type"), "application/rss+xml");
  EXPECT_EQ(d.One("/rss/channel/lastBuildDate"), "Tue, 01 Dec 2026 02:00:00 GMT");
  ASSERT_EQ(d.All("/rss/channel/item").size(), 2u);
  const std::string i = "/rss/channel/item[1]/";
  EXPECT_EQ(d.One(i + "title"), "الميزانية <العامة> & التعليم");
  EXPECT_EQ(d.One(i + "link"), "https://news.example/article/budget");
  EXPECT_EQ(d.One(i + "guid"), "tag:news.example,2026:article:7");
  EXPECT_EQ(d.One(i + "guid/@isPermaLink"), "false");
  EXPECT_EQ(d.One(i + "pubDate"), "Tue, 01 Dec 2026 00:00:00 GMT");
  EXPECT_EQ(d.All(i + "dc:creator"), (std::vector<std::string>{"خالد المنصور", "سلمى علي"}));
  EXPECT_EQ(d.All(i + "category"), (std::vector<std::string>{"اقتصاد", "ميزانية"}));
  EXPECT_EQ(d.One(i + "description"), "<p>ارتفاع الإنفاق</p><p>التعليم أولًا</p>");
  // The body whole, "]]>" kept across two CDATA sections, U+0001 dropped.
  EXPECT_EQ(d.One(i + "content:encoded"), "<p>نص ]]> فيه <a href=\"https://news.example/x\">رابط</a></p>");
  EXPECT_EQ(d.One(i + "media:content/@url"), "https://news.example/media/abc-1600.jpg");
  EXPECT_EQ(d.One(i + "media:content/@medium"), "image");
  EXPECT_EQ(d.One(i + "media:content/@type"), "image/jpeg");
  EXPECT_EQ(d.One(i + "media:content/@width"), "1600");
  EXPECT_EQ(d.One(i + "media:content/media:description"), "صورة القاعة");
  EXPECT_EQ(d.One(i + "media:content/media:title"), "صورة القاعة");
  // An item without writer, highlights, body or image has none of them.
  const std::string b = "/rss/channel/item[2]/";
  EXPECT_TRUE(d.All(b + "dc:creator").empty());
  EXPECT_TRUE(d.All(b + "description").empty());
  EXPECT_TRUE(d.All(b + "content:encoded").empty());
  EXPECT_TRUE(d.All(b + "media:content").empty());
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
}

TEST(Feeds, SummaryOnlyFeedsHaveNoBody) {
  Feed f = SampleFeed();
  for (FeedItem& i : f.items) i.content_html.clear();
  Doc rss(BuildRss(f));
  EXPECT_TRUE(rss.All("//content:encoded").empty());
  Doc atom(BuildAtom(f));
  EXPECT_TRUE(atom.All("//atom:content").empty());
  EXPECT_EQ(atom.All("//atom:summary").size(), 1u);
}

TEST(Feeds, AtomCarriesEveryFieldOfAnEntry) {
  const std::string xml = BuildAtom(SampleFeed());
  Doc d(xml);
  ASSERT_TRUE(d.ok()) << xml;
  EXPECT_EQ(d.One("/atom:feed/@xml:lang"), "ar");
  EXPECT_EQ(d.One("/atom:feed/atom:id"), "tag:news.example,2026:feed:section:3");
  EXPECT_EQ(d.One("/atom:feed/atom:updated"), "2026-12-01T02:00:00Z");
  EXPECT_EQ(d.One("/atom:feed/atom:link[@rel='self']/@href"), "https://news.example/section/%D8%A7/feed");
  EXPECT_EQ(d.One("/atom:feed/atom:link[@rel='alternate']/@href"), "https://news.example/section/%D8%A7");
  EXPECT_EQ(d.One("/atom:feed/atom:author/atom:name"), "قلم");
  const std::string e = "/atom:feed/atom:entry[1]/";
  EXPECT_EQ(d.One(e + "atom:id"), "tag:news.example,2026:article:7");
  EXPECT_EQ(d.One(e + "atom:link/@href"), "https://news.example/article/budget");
  EXPECT_EQ(d.One(e + "atom:published"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.One(e + "atom:updated"), "2026-12-01T02:00:00Z");
  EXPECT_EQ(d.All(e + "atom:author/atom:name"), (std::vector<std::string>{"خالد المنصور", "سلمى علي"}));
  EXPECT_EQ(d.All(e + "atom:category/@term"), (std::vector<std::string>{"اقتصاد", "ميزانية"}));
  EXPECT_EQ(d.One(e + "atom:summary/@type"), "html");
  EXPECT_EQ(d.One(e + "atom:summary"), "<p>ارتفاع الإنفاق</p><p>التعليم أولًا</p>");
  EXPECT_EQ(d.One(e + "atom:content/@type"), "html");
  EXPECT_EQ(d.One(e + "atom:content"), "<p>نص ]]> فيه <a href=\"https://news.example/x\">رابط</a></p>");
  EXPECT_EQ(d.One(e + "media:content/@url"), "https://news.example/media/abc-1600.jpg");
  // Without an update time an entry's updated is its publication.
  EXPECT_EQ(d.One("/atom:feed/atom:entry[2]/atom:updated"), "2026-11-30T23:59:00Z");
  EXPECT_TRUE(d.All("/atom:feed/atom:entry[2]/atom:author").empty());
}

TEST(Feeds, FeedAddresses) {
  for (const char* p : {"/feed", "/feed/atom", "/tag/x/feed", "/writer/x/feed/atom"}) EXPECT_TRUE(IsFeedPath(p)) << p;
  for (const char* p : {"/feeds", "/tag/x", "/feed/rss2", "/article/feedback"}) EXPECT_FALSE(IsFeedPath(p)) << p;
}

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

class FeedsStoreTest : public StoreBackendTest {
 protected:
  Id Save(const std::string& id, const std::string& title, int64_t at, ArticleStatus status = ArticleStatus::kPublished) {
    Article a = MakeArticle(id, title, at);
    a.status = status;
    a.writer = Person{0, "كاتب " + id, ""};
    a.section = Section{0, "اقتصاد", ""};
    a.tags = {Tag{0, "ميزانية", ""}};
    a.highlights = {"نقطة " + id};
    a.body_html = "<p><a href=\"/tag/x\">" + title + "</a></p>";
    return SaveArticle(*store_, a).id;
  }
  Status Render(const std::string& path, RenderedPage* out) { return RenderFeed(*store_, path, kUpdated, out); }
};

TEST_P(FeedsStoreTest, TheSitesFeedNamesEveryKeyItWasBuiltFrom) {
  const Id a = Save("a", "مقال أول", kPublished);
  const Id b = Save("b", "مقال ثان", kPublished + 60);
  Save("d", "مسودة", kPublished + 120, ArticleStatus::kDraft);
  RenderedPage page;
  ASSERT_TRUE(Render("/feed", &page).ok());
  EXPECT_EQ(page.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(page.last_modified, kUpdated);
  Doc d(page.html);
  EXPECT_EQ(d.All("//item/title"), (std::vector<std::string>{"مقال ثان", "مقال أول"})) << "newest first, no draft";
  EXPECT_EQ(d.One("//item[1]/guid"), "tag:127.0.0.1,2026:article:" + std::to_string(b));
  EXPECT_EQ(d.One("//item[1]/content:encoded"), "<p><a href=\"http://127.0.0.1:8080/tag/x\">مقال ثان</a></p>");
  Article read_a, read_b;
  ASSERT_TRUE(store_->GetArticleById(a, &read_a).ok());
  ASSERT_TRUE(store_->GetArticleById(b, &read_b).ok());
  EXPECT_EQ(page.keys, (std::set<std::string>{"global", "home", "article:" + std::to_string(a), "article:" + std::to_string(b),
                                              "person:" + std::to_string(read_a.writer->id),
                                              "person:" + std::to_string(read_b.writer->id)}));
  RenderedPage atom;
  ASSERT_TRUE(Render("/feed/atom", &atom).ok());
  EXPECT_EQ(atom.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_EQ(Doc(atom.html).All("//atom:entry").size(), 2u);
}

// An article without highlights is summed up by its SEO description, else
// by its body's opening words: no item goes without a summary.
TEST_P(FeedsStoreTest, AnItemWithoutHighlightsIsSummedUpAnyway) {
  Article plain = MakeArticle("p", "بلا نقاط", kPublished);
  plain.body_markdown = "افتتح **الميناء** اليوم.\n\nوفي التفاصيل ما يلي.";
  SaveArticle(*store_, plain);
  Article described = MakeArticle("q", "بوصف", kPublished + 60);
  described.seo_description = "وصف لمحركات البحث.";
  SaveArticle(*store_, described);
  RenderedPage page;
  ASSERT_TRUE(Render("/feed", &page).ok());
  Doc d(page.html);
  EXPECT_EQ(d.One("//item[1]/description"), "<p>وصف لمحركات البحث.</p>");
  EXPECT_EQ(d.One("//item[2]/description").rfind("<p>افتتح الميناء اليوم.", 0), 0u) << d.One("//item[2]/description");
}

TEST_P(FeedsStoreTest, ListFeedsAndSettings) {
  Save("a", "مقال أول", kPublished);
  Tag tag;
  ASSERT_TRUE(store_->GetTagBySlug("ميزانية", &tag).ok());
  RenderedPage page;
  ASSERT_TRUE(Render("/tag/ميزانية/feed/atom", &page).ok());
  EXPECT_TRUE(page.keys.count("tag:" + std::to_string(tag.id)));
  EXPECT_FALSE(page.keys.count("home")) << "a new article elsewhere leaves a tag's feed alone";
  Doc d(page.html);
  EXPECT_EQ(d.One("/atom:feed/atom:link[@rel='self']/@href"),
            "http://127.0.0.1:8080/tag/%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9/feed/atom");
  EXPECT_EQ(d.One("/atom:feed/atom:id"), "tag:127.0.0.1,2026:feed:tag:" + std::to_string(tag.id));

  for (int i = 0; i < 12; ++i) Save("m" + std::to_string(i), "مقال " + std::to_string(i), kPublished + i);
  ASSERT_TRUE(store_->SaveSetting("feed_items", "10").ok());
  ASSERT_TRUE(store_->SaveSetting("feed_full_text", "off").ok());
  ASSERT_TRUE(Render("/feed", &page).ok());
  Doc limited(page.html);
  EXPECT_EQ(limited.All("//item").size(), 10u);
  EXPECT_TRUE(limited.All("//content:encoded").empty());
  EXPECT_EQ(limited.All("//item/description").size(), 10u);

  for (const char* missing : {"/tag/لا-وجود/feed", "/city/x/feed", "/feed/rss", "/section//feed", "/x/feed"}) {
    EXPECT_TRUE(Render(missing, &page).IsNotFound()) << missing;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedsStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
