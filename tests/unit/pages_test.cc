// The reader's pages (render/pages.h) from a real store, on every backend,
// and the default theme.
#include "render/pages.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/change_keys.h"
#include "core/text.h"
#include "services/article_text.h"
#include "services/importer.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

constexpr int64_t kNow = 1700000000;

const char* kSeedLike =
    R"J({"id": "seed-1", "title": "تداعيات أزمة كازاخستان على أوكرانيا", "status": "published", "published_at": "2022-01-15", "editor": "محمود زين الدين", "writer": {"name": "محمد السعيد ادريس", "bio": "د. محمد السعيد ادريس خبير بمركز الأهرام"}, "source": {"name": "الخليج", "url": "https://www.alkhaleej.ae/"}, "section": "آراء", "tags": ["كازاخستان"], "highlights": ["فزع الغرب من دخول قوات أمن روسية.", "كان لأحداث كازاخستان أصداء قوية."], "body": "انتهت أحداث كازاخستان «الدامية».\n\nما ضاعف من «الفزع الغربي».", "related": [{"title": "كازاخستان وفاعلية «الحماية» الروسية"}]})J";

class PagesTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    Status st = Theme::Load("", &theme_);
    ASSERT_TRUE(st.ok()) << st.message();
    renderer_ = std::make_unique<PageRenderer>(*store_, *theme_);
  }
  void TearDown() override {
    renderer_.reset();
    StoreBackendTest::TearDown();
  }
  void Import(const std::string& jsonl) {
    std::istringstream in(jsonl);
    ImportSummary summary;
    ASSERT_TRUE(ImportArticles(*store_, in, &summary).ok());
    ASSERT_TRUE(summary.errors.empty()) << summary.errors[0].line << ": " << summary.errors[0].reason;
  }
  RenderedPage Render(const std::string& path, int page = 1, int64_t now = kNow) {
    RenderedPage out;
    Status st = renderer_->Render(path, page, now, &out);
    EXPECT_TRUE(st.ok()) << path << ": " << st.message();
    return out;
  }
  Article Get(const std::string& slug) { return testing_backends::GetArticle(*store_, slug); }

  std::unique_ptr<Theme> theme_;
  std::unique_ptr<PageRenderer> renderer_;
};

bool Has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

const std::string kSeedSlug = "تداعيات-أزمة-كازاخستان-على-أوكرانيا";

TEST_P(PagesTest, ArticlePageShowsEveryElement) {
  Import(kSeedLike);
  RenderedPage p = Render("/article/" + kSeedSlug);
  ASSERT_EQ(p.status, 200);
  const std::string& html = p.html;
  EXPECT_TRUE(Has(html, "<html lang=\"ar\" dir=\"rtl\">"));
  EXPECT_TRUE(Has(html, "<h1 class=\"article-title\">تداعيات أزمة كازاخستان على أوكرانيا</h1>"));
  EXPECT_TRUE(Has(html, "بقلم: <a href=\"/writer/" + PercentEncode("محمد-السعيد-ادريس") +
                            "\" rel=\"author\">محمد السعيد ادريس</a>"))
      << html;
  EXPECT_TRUE(Has(html, "<span class=\"article-editor\">محمود زين الدين</span>"));
  // News shows the time with the date (no section turned it off).
  EXPECT_TRUE(Has(html, "datetime=\"2022-01-15T00:00:00+03:00\">15 يناير 2022، 12:00 ص</time>")) << html;
  EXPECT_TRUE(Has(html, "آخر تحديث"));
  EXPECT_TRUE(Has(html, "<p>فزع الغرب من دخول قوات أمن روسية.</p>"));
  EXPECT_TRUE(Has(html, "<p>انتهت أحداث كازاخستان «الدامية».</p>"));
  EXPECT_TRUE(Has(html, "* د. محمد السعيد ادريس خبير بمركز الأهرام"));
  EXPECT_TRUE(Has(html, "المصدر| <a href=\"/source/" + PercentEncode("الخليج") + "\">الخليج</a>"))
      << html;
  EXPECT_TRUE(Has(html, "href=\"https://www.alkhaleej.ae/\""));
  EXPECT_TRUE(Has(html, "<a href=\"/tag/" + PercentEncode("كازاخستان") + "\" rel=\"tag\">كازاخستان</a>"));
  EXPECT_TRUE(Has(html, "موضوعات تهمك"));
  // The curated link names an article not there yet: plain text.
  EXPECT_TRUE(Has(html, "<li>كازاخستان وفاعلية «الحماية» الروسية</li>")) << html;
  EXPECT_TRUE(Has(html, "شروط التعليق"));
  EXPECT_TRUE(Has(html, HtmlEscape(Settings().Get("comment_terms"))));
  // Menu and canonical link.
  EXPECT_TRUE(Has(html, "<a href=\"/section/" + PercentEncode("آراء") + "\">آراء</a>"));
  EXPECT_TRUE(Has(html, "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/article/" +
                            PercentEncode(kSeedSlug) + "\">"));
}

TEST_P(PagesTest, ArticleJsonLd) {
  Import(kSeedLike);
  const std::string html = Render("/article/" + kSeedSlug).html;
  EXPECT_TRUE(Has(html, "<script type=\"application/ld+json\">")) << html;
  EXPECT_TRUE(Has(html, "\"@type\":\"NewsArticle\""));
  EXPECT_TRUE(Has(html, "\"headline\":\"تداعيات أزمة كازاخستان على أوكرانيا\""));
  EXPECT_TRUE(Has(html, "\"datePublished\":\"2022-01-15T00:00:00+03:00\""));
  EXPECT_TRUE(Has(html, "\"dateModified\":\"2022-01-15T00:00:00+03:00\""));
  EXPECT_TRUE(Has(html, "\"editor\":{\"@type\":\"Person\",\"name\":\"محمود زين الدين\"}"));
  EXPECT_TRUE(Has(html, "\"articleSection\":\"آراء\""));
}

// A featured image stored with its sizes and crops (the files are not
// read to render a page).
MediaItem SaveImage(Store& store, const std::string& key) {
  MediaItem m;
  m.hash = std::string(64, key[0]);
  m.mime = "image/jpeg";
  m.width = 3000;
  m.height = 2000;
  m.alt = "وصف المكتبة";
  m.variants = {{1024, 683, "image/jpeg", key + "-1024.jpg", ""},
                {1024, 683, "image/webp", key + "-1024.webp", ""},
                {1600, 1067, "image/jpeg", key + "-1600.jpg", ""},
                {1600, 1067, "image/webp", key + "-1600.webp", ""}};
  m.crops = {{1067, 1067, "image/jpeg", key + "-1067x1067.jpg", "1:1"},
             {1200, 900, "image/jpeg", key + "-1200x900.jpg", "4:3"},
             {1200, 675, "image/jpeg", key + "-1200x675.jpg", "16:9"}};
  bool created = false;
  EXPECT_TRUE(store.SaveMedia(&m, &created).ok());
  return m;
}

void SetImage(Store& store, Article a, Id image, const std::string& alt) {
  a.image_id = image;
  a.image_alt = alt;
  PrepareArticle(&a);
  DeskSave save;
  save.expected_version = a.version;
  save.revision.action = "save";
  save.revision.at = kNow;
  std::set<std::string> changes;
  ASSERT_TRUE(store.SaveDeskArticle(&a, save, &changes).ok());
}

TEST_P(PagesTest, RichPreviewsNameTheFeaturedImageItsCropsAndThePublisher) {
  Import(kSeedLike);
  const std::string key = "aaaaaaaaaaaaaaaa";
  const MediaItem image = SaveImage(*store_, key);
  SetImage(*store_, Get(kSeedSlug), image.id, "قوات في شارع");
  ASSERT_TRUE(store_->SaveSetting("publisher_logo", std::to_string(image.id)).ok());
  const std::string html = Render("/article/" + kSeedSlug).html;
  const std::string media = "http://127.0.0.1:8080/media/" + key;
  // Social networks: the 16:9 crop, with its size and description.
  EXPECT_TRUE(Has(html, "<meta property=\"og:image\" content=\"" + media + "-1200x675.jpg\">")) << html;
  EXPECT_TRUE(Has(html, "<meta property=\"og:image:width\" content=\"1200\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:image:height\" content=\"675\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:image:alt\" content=\"قوات في شارع\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:image\" content=\"" + media + "-1200x675.jpg\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"article:section\" content=\"آراء\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"article:tag\" content=\"كازاخستان\">"));
  // Structured data: the three crops, the publisher's logo, the trail.
  EXPECT_TRUE(Has(html, "\"image\":[\"" + media + "-1067x1067.jpg\",\"" + media + "-1200x900.jpg\",\"" + media +
                            "-1200x675.jpg\"]"))
      << html;
  EXPECT_TRUE(Has(html, "\"logo\":{\"@type\":\"ImageObject\",\"height\":1067,\"url\":\"" + media +
                            "-1600.jpg\",\"width\":1600}"))
      << html;
  EXPECT_TRUE(Has(html, "\"@type\":\"BreadcrumbList\""));
  EXPECT_TRUE(Has(html, "{\"@type\":\"ListItem\",\"item\":\"http://127.0.0.1:8080/section/" + PercentEncode("آراء") +
                            "\",\"name\":\"آراء\",\"position\":2}"))
      << html;
  EXPECT_TRUE(Has(html, "\"author\":[{\"@type\":\"Person\",\"name\":\"محمد السعيد ادريس\",\"url\":\"http://127.0.0.1:8080/writer/"));
}

TEST_P(PagesTest, WithoutAnImageThePreviewIsTheSummaryCard) {
  Import(kSeedLike);
  const std::string html = Render("/article/" + kSeedSlug).html;
  EXPECT_TRUE(Has(html, "<meta name=\"twitter:card\" content=\"summary\">"));
  EXPECT_FALSE(Has(html, "og:image"));
  EXPECT_FALSE(Has(html, "\"image\":"));
  EXPECT_FALSE(Has(html, "\"logo\""));
}

TEST_P(PagesTest, SeoFieldsAndTheOriginalAsCanonical) {
  Import(R"J({"id": "r-1", "title": "عنوان الصفحة", "highlights": ["أول نقطة."], "body": "نص.", "source": {"name": "الخليج", "url": "https://www.alkhaleej.ae/", "article_url": "https://www.alkhaleej.ae/2022/01/x", "canonical": true}, "seo": {"title": "عنوان لمحركات البحث", "description": "وصف لمحركات البحث."}})J");
  const std::string html = Render("/article/عنوان-الصفحة").html;
  EXPECT_TRUE(Has(html, "<title>عنوان لمحركات البحث - قلم</title>")) << html;
  EXPECT_TRUE(Has(html, "<meta property=\"og:title\" content=\"عنوان لمحركات البحث\">"));
  EXPECT_TRUE(Has(html, "<meta name=\"description\" content=\"وصف لمحركات البحث.\">"));
  EXPECT_TRUE(Has(html, "<h1 class=\"article-title\">عنوان الصفحة</h1>")) << "the page keeps its own title";
  EXPECT_TRUE(Has(html, "<link rel=\"canonical\" href=\"https://www.alkhaleej.ae/2022/01/x\">"));
  EXPECT_TRUE(Has(html, "<meta property=\"og:url\" content=\"http://127.0.0.1:8080/article/"));
  EXPECT_TRUE(Has(html, "\"isBasedOn\":{\"@type\":\"CreativeWork\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"الخليج\"},\"url\":\"https://www.alkhaleej.ae/2022/01/x\"}")) << html;

  // Off by default: the site's own address stays canonical.
  Import(R"J({"id": "r-2", "title": "منقول آخر", "body": "نص.", "source": {"name": "الخليج", "article_url": "https://www.alkhaleej.ae/2022/01/y"}})J");
  const std::string other = Render("/article/منقول-آخر").html;
  EXPECT_TRUE(Has(other, "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/article/")) << other;
}

TEST_P(PagesTest, TheHomePageNamesTheSiteAndItsSearch) {
  Import(kSeedLike);
  const std::string html = Render("/").html;
  EXPECT_TRUE(Has(html, "\"@type\":\"WebSite\"")) << html;
  EXPECT_TRUE(Has(html, "\"urlTemplate\":\"http://127.0.0.1:8080/search?q={search_term_string}\""));
  EXPECT_TRUE(Has(html, "\"query-input\":\"required name=search_term_string\""));
}

TEST_P(PagesTest, SectionAndTagDescriptionsAreShown) {
  Import(kSeedLike);
  std::vector<NamedItem> sections;
  ASSERT_TRUE(store_->ListNamed(NamedKind::kSection, "آراء", 5, &sections).ok());
  ASSERT_EQ(1u, sections.size());
  NamedItem s = sections[0];
  s.extra = "مقالات كتّاب الرأي في الشؤون العربية والدولية.";
  std::set<std::string> changes;
  ASSERT_TRUE(store_->UpdateNamed(NamedKind::kSection, s, &changes).ok());
  const std::string html = Render("/section/آراء").html;
  EXPECT_TRUE(Has(html, "مقالات كتّاب الرأي في الشؤون العربية والدولية.")) << html;
  EXPECT_TRUE(Has(html, "<meta name=\"description\" content=\"مقالات كتّاب الرأي في الشؤون العربية والدولية.\">"));
  EXPECT_TRUE(Has(html, "\"@type\":\"BreadcrumbList\""));
}

TEST_P(PagesTest, UpdatedAtIsTheModifiedDate) {
  Import(R"J({"id": "u", "title": "محدث", "body": "نص", "published_at": "2022-01-15", "updated_at": "2022-01-16T09:30:00+03:00"})J");
  const std::string html = Render("/article/محدث").html;
  EXPECT_TRUE(Has(html, "\"dateModified\":\"2022-01-16T09:30:00+03:00\"")) << html;
  EXPECT_TRUE(Has(html, "<time datetime=\"2022-01-16T09:30:00+03:00\">16 يناير 2022، 9:30 ص</time>"));
}

TEST_P(PagesTest, ArticleKeysAndCuratedLinkOnceTargetExists) {
  Import(kSeedLike);
  Import(R"J({"id": "t", "title": "كازاخستان وفاعلية «الحماية» الروسية", "body": "نص", "published_at": "2022-01-10"})J");
  Article a = Get(kSeedSlug);
  RenderedPage p = Render("/article/" + kSeedSlug);
  EXPECT_TRUE(p.keys.count(keys::Article(a.id)));
  EXPECT_TRUE(p.keys.count(keys::kGlobal));
  EXPECT_TRUE(p.keys.count("person:" + std::to_string(a.writer->id)));
  EXPECT_TRUE(Has(p.html, "<a href=\"/article/" +
                              PercentEncode("كازاخستان-وفاعلية-الحماية-الروسية") +
                              "\">كازاخستان وفاعلية «الحماية» الروسية</a>"))
      << p.html;
}

TEST_P(PagesTest, TextIsEscaped) {
  Import(R"J({"id": "x", "title": "عنوان </script><script>alert(1)</script>", "body": "نص", "writer": {"name": "<b>كاتب</b>"}})J");
  Article a = Get("عنوان-script-script-alert-1-script");
  RenderedPage p = Render("/article/" + a.slug);
  ASSERT_EQ(p.status, 200);
  EXPECT_TRUE(Has(p.html, "<h1 class=\"article-title\">عنوان &lt;/script&gt;&lt;script&gt;"));
  // In the JSON-LD block the title stays text: no "<" at all, so neither
  // "</script>" nor "<!--" can end or confuse the element.
  EXPECT_FALSE(Has(p.html, "</script><script>alert(1)")) << p.html;
  EXPECT_TRUE(Has(p.html, "\"headline\":\"عنوان \\u003c/script>\\u003cscript>alert(1)\\u003c/script>\""));
  EXPECT_FALSE(Has(p.html, "<b>كاتب</b>"));
  EXPECT_TRUE(Has(p.html, "&lt;b&gt;كاتب&lt;/b&gt;"));
}

TEST_P(PagesTest, DraftIsNotFound) {
  Import(R"J({"id": "d", "title": "مسودة سرية", "body": "نص", "status": "draft"})J");
  ASSERT_EQ(Get("مسودة-سرية").status, ArticleStatus::kDraft);
  RenderedPage p = Render("/article/مسودة-سرية");
  EXPECT_EQ(p.status, 404);
  EXPECT_FALSE(Has(p.html, "مسودة سرية"));
  EXPECT_TRUE(Has(p.html, "الصفحة غير موجودة"));
}

TEST_P(PagesTest, UnknownPathsAreArabic404s) {
  Import(kSeedLike);
  for (const char* path : {"/nothing", "/article/لا-يوجد", "/article", "/tag/لا-وسم",
                           "/section/x/y", "/writer/مجهول", "/source/مجهول"}) {
    RenderedPage p = Render(path);
    EXPECT_EQ(p.status, 404) << path;
    EXPECT_TRUE(Has(p.html, "الصفحة غير موجودة")) << path;
    EXPECT_TRUE(Has(p.html, "عذرًا، لم نجد الصفحة")) << path;
    EXPECT_TRUE(Has(p.html, "<html lang=\"ar\" dir=\"rtl\">")) << path;
  }
  // The 404 page suggests the latest articles.
  EXPECT_TRUE(Has(Render("/nothing").html, "تداعيات أزمة كازاخستان على أوكرانيا"));
  // An article has one page only.
  EXPECT_EQ(Render("/article/" + kSeedSlug, 2).status, 404);
}

TEST_P(PagesTest, HomePage) {
  Import(kSeedLike);
  RenderedPage p = Render("/");
  EXPECT_EQ(p.status, 200);
  EXPECT_TRUE(p.keys.count(keys::kHome));
  EXPECT_TRUE(p.keys.count(keys::kGlobal));
  EXPECT_TRUE(Has(p.html, "تداعيات أزمة كازاخستان على أوكرانيا"));
  EXPECT_EQ(p.expires_at, 0);
}

class ListPagesTest : public PagesTest {
 protected:
  void SetUp() override {
    PagesTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(store_->SaveSetting("page_size", "5").ok());
    std::string lines;
    for (int i = 1; i <= 12; ++i) {
      lines += R"J({"id": "n)J" + std::to_string(i) + R"J(", "title": "خبر )J" + std::to_string(i) +
               R"J(", "body": "نص", "section": "محليات", "tags": ["مدينة"], "writer": "مراسل", "published_at": "2022-01-)J" +
               (i < 10 ? "0" : "") + std::to_string(i) + "\"}\n";
    }
    lines += R"J({"id": "d", "title": "خبر مسودة", "body": "نص", "section": "محليات", "status": "draft"})J";
    Import(lines);
  }
};

TEST_P(ListPagesTest, SectionPagination) {
  const std::string base = "/section/محليات";
  RenderedPage p1 = Render(base, 1);
  ASSERT_EQ(p1.status, 200);
  EXPECT_TRUE(Has(p1.html, "عدد المقالات: 12"));  // The draft is not counted.
  EXPECT_TRUE(Has(p1.html, "صفحة 1 من 3"));
  EXPECT_TRUE(Has(p1.html, "خبر 12<"));
  EXPECT_TRUE(Has(p1.html, "خبر 8<"));
  EXPECT_FALSE(Has(p1.html, "خبر 7<"));
  EXPECT_FALSE(Has(p1.html, "خبر مسودة"));
  EXPECT_TRUE(Has(p1.html, "?page=2\" rel=\"next\""));
  EXPECT_FALSE(Has(p1.html, "rel=\"prev\""));
  Section s;
  ASSERT_TRUE(store_->GetSectionBySlug("محليات", &s).ok());
  EXPECT_TRUE(p1.keys.count(keys::Section(s.id)));

  RenderedPage p3 = Render(base, 3);
  ASSERT_EQ(p3.status, 200);
  EXPECT_TRUE(Has(p3.html, "صفحة 3 من 3"));
  EXPECT_TRUE(Has(p3.html, "خبر 2<"));
  EXPECT_TRUE(Has(p3.html, "خبر 1<"));
  EXPECT_FALSE(Has(p3.html, "rel=\"next\""));
  EXPECT_TRUE(Has(p3.html, "?page=2\" rel=\"prev\""));

  EXPECT_EQ(Render(base, 4).status, 404);
  EXPECT_EQ(Render(base, 100).status, 404);
}

TEST_P(ListPagesTest, OtherLists) {
  RenderedPage latest = Render("/latest", 2);
  EXPECT_EQ(latest.status, 200);
  EXPECT_TRUE(latest.keys.count(keys::kHome));
  EXPECT_TRUE(Has(latest.html, "صفحة 2 من 3"));
  EXPECT_EQ(Render("/latest", 4).status, 404);
  EXPECT_EQ(Render("/tag/مدينة", 1).status, 200);
  EXPECT_EQ(Render("/tag/مدينة", 3).status, 200);
  EXPECT_EQ(Render("/tag/مدينة", 4).status, 404);
  RenderedPage writer = Render("/writer/مراسل", 1);
  EXPECT_EQ(writer.status, 200);
  EXPECT_TRUE(Has(writer.html, "عدد المقالات: 12"));
}

TEST_P(PagesTest, ListWithOnlyDraftsIsNotFound) {
  Import(R"J({"id": "d", "title": "مسودة", "body": "نص", "status": "draft", "section": "خاص", "tags": ["سري"]})J");
  EXPECT_EQ(Render("/section/خاص").status, 404);
  EXPECT_EQ(Render("/tag/سري").status, 404);
}

// The ticker shows the items started and not ended, urgent first in the
// urgent style. A page does not expire by an item's start or end: those
// are breaking changes (Store::BreakingDue), which soft-purge the ticker.
TEST_P(PagesTest, TickerShowsItemsShowingUrgentFirst) {
  Import(kSeedLike);
  BreakingItem soon{0, "عاجل: ينتهي قريبا", "", kNow - 100, kNow + 600};
  BreakingItem later{0, "عاجل: ينتهي لاحقا", "/latest", kNow - 50, kNow + 3600};
  BreakingItem gone{0, "عاجل: انتهى", "", kNow - 500, kNow - 1};
  BreakingItem forever{0, "عاجل: دائم", "", kNow - 10, 0};
  BreakingItem urgent{0, "عاجل: مهم جدا", "", kNow - 600, 0};
  urgent.urgent = true;
  BreakingItem scheduled{0, "عاجل: لم يبدأ", "", kNow - 10, 0};
  scheduled.starts_at = kNow + 60;
  for (BreakingItem* b : {&urgent, &soon, &later, &gone, &forever, &scheduled}) {
    ASSERT_TRUE(store_->AddBreaking(b).ok());
  }
  for (const std::string& path : std::vector<std::string>{"/", "/article/" + kSeedSlug, "/nothing"}) {
    RenderedPage p = Render(path);
    EXPECT_EQ(p.expires_at, 0) << path;
    EXPECT_TRUE(Has(p.html, "الأخبار العاجلة")) << path;
    EXPECT_TRUE(Has(p.html, "<ul class=\"breaking-items\" aria-live=\"polite\"><li class=\"is-urgent\">عاجل: مهم جدا</li><li>"))
        << path;
    EXPECT_TRUE(Has(p.html, "عاجل: ينتهي قريبا")) << path;
    EXPECT_TRUE(Has(p.html, "<li><a href=\"/latest\">عاجل: ينتهي لاحقا</a></li>")) << path;
    EXPECT_TRUE(Has(p.html, "عاجل: دائم")) << path;
    EXPECT_FALSE(Has(p.html, "عاجل: انتهى")) << path;
    EXPECT_FALSE(Has(p.html, "عاجل: لم يبدأ")) << path;
  }
  RenderedPage after = Render("/", 1, kNow + 601);
  EXPECT_FALSE(Has(after.html, "عاجل: ينتهي قريبا"));
  EXPECT_TRUE(Has(after.html, "عاجل: لم يبدأ"));
}

TEST_P(PagesTest, NoBreakingNoTicker) {
  Import(kSeedLike);
  RenderedPage p = Render("/");
  // The bar is in the page for live.js to fill, hidden and empty.
  EXPECT_TRUE(Has(p.html, "<aside class=\"breaking\" aria-label=\"الأخبار العاجلة\" hidden>")) << p.html;
  EXPECT_TRUE(Has(p.html, "<ul class=\"breaking-items\" aria-live=\"polite\"></ul>"));
  EXPECT_FALSE(Has(p.html, "class=\"has-breaking\""));
  EXPECT_EQ(p.expires_at, 0);
}

TEST_P(PagesTest, SettingsShapeThePage) {
  Import(kSeedLike);
  ASSERT_TRUE(store_->SaveSetting("date_style", "levant").ok());
  ASSERT_TRUE(store_->SaveSetting("digits", "arabic").ok());
  ASSERT_TRUE(store_->SaveSetting("site_name", "الخبر").ok());
  const std::string html = Render("/article/" + kSeedSlug).html;
  EXPECT_TRUE(Has(html, "١٥ كانون الثاني ٢٠٢٢")) << html;
  EXPECT_TRUE(Has(html, "<title>تداعيات أزمة كازاخستان على أوكرانيا - الخبر</title>"));
}

// Static pages, the footer menu and pinned articles (migration 9).
const char* kSiteWithPages =
    R"J({"id": "p1", "kind": "page", "in_footer": true, "title": "من نحن", "body": "نحن **فريق** صغير.", "writer": "كاتب", "section": "عن الموقع", "tags": ["تعريف"]}
{"id": "p2", "kind": "page", "in_footer": true, "title": "اتصل بنا", "body": "راسلونا."}
{"id": "p3", "kind": "page", "title": "صفحة مخفية", "body": "ليست في التذييل."}
{"id": "a1", "title": "خبر قديم مثبت", "body": "نص", "published_at": "2023-01-01", "pinned": true}
{"id": "a2", "title": "خبر مثبت مؤقتًا", "body": "نص", "published_at": "2023-02-01", "pinned": true, "pinned_until": "2023-11-15T12:00:00Z"}
{"id": "a3", "title": "أحدث خبر", "body": "نص", "published_at": "2023-11-01"}
)J";

TEST_P(PagesTest, AStaticPageIsItsTitleAndBodyOnly) {
  Import(kSiteWithPages);
  RenderedPage p = Render("/page/من-نحن");
  ASSERT_EQ(p.status, 200);
  EXPECT_TRUE(Has(p.html, "<h1 class=\"article-title\">من نحن</h1>"));
  EXPECT_TRUE(Has(p.html, "<p>نحن <strong>فريق</strong> صغير.</p>"));
  for (const char* absent : {"بقلم", "<time", "article-tags", "comment-form", "موضوعات تهمك", "عن الموقع",
                             "NewsArticle"}) {
    EXPECT_FALSE(Has(p.html, absent)) << absent;
  }
  EXPECT_TRUE(Has(p.html, "rel=\"canonical\" href=\"" + Settings().site_url() + "/page/" + PercentEncode("من-نحن")));
  EXPECT_TRUE(p.keys.count(keys::Article(Get("من-نحن").id)));
  EXPECT_TRUE(p.keys.count(keys::kGlobal));
}

TEST_P(PagesTest, APageAtArticleAndAnArticleAtPageMovePermanently) {
  Import(kSiteWithPages);
  RenderedPage p = Render("/article/من-نحن");
  EXPECT_EQ(p.status, 301);
  EXPECT_EQ(p.location, "/page/" + PercentEncode("من-نحن"));
  EXPECT_TRUE(p.keys.count(keys::Article(Get("من-نحن").id))) << "purged when its kind changes";
  RenderedPage a = Render("/page/أحدث-خبر");
  EXPECT_EQ(a.status, 301);
  EXPECT_EQ(a.location, "/article/" + PercentEncode("أحدث-خبر"));
  EXPECT_EQ(Render("/page/لا-شيء").status, 404);
}

TEST_P(PagesTest, TheFooterMenuIsOnEveryPageByTitle) {
  Import(kSiteWithPages);
  const std::string menu = "<nav class=\"footer-nav\" aria-label=\"صفحات الموقع\">";
  const std::string contact = "<a href=\"/page/" + PercentEncode("اتصل-بنا") + "\">اتصل بنا</a>";
  const std::string about = "<a href=\"/page/" + PercentEncode("من-نحن") + "\">من نحن</a>";
  for (const std::string& path : std::vector<std::string>{"/", "/latest", "/article/أحدث-خبر", "/page/من-نحن",
                                                          "/nothing"}) {
    RenderedPage p = Render(path);
    EXPECT_TRUE(Has(p.html, menu)) << path;
    ASSERT_TRUE(Has(p.html, contact) && Has(p.html, about)) << path;
    EXPECT_LT(p.html.find(contact), p.html.find(about)) << "by title";
    EXPECT_FALSE(Has(p.html, "صفحة مخفية")) << path;
    EXPECT_TRUE(p.keys.empty() || p.keys.count(keys::kGlobal)) << path;
  }
}

TEST_P(PagesTest, PagesAreInNoListAndNotInTheSectionMenu) {
  Import(kSiteWithPages);
  for (const std::string& path : std::vector<std::string>{"/", "/latest"}) {
    RenderedPage p = Render(path);
    EXPECT_FALSE(Has(p.html, "/article/" + PercentEncode("من-نحن"))) << path;
    EXPECT_FALSE(Has(p.html, "عن الموقع")) << path << ": a section only a page has is no section";
  }
  EXPECT_EQ(Render("/section/عن-الموقع").status, 404);
  EXPECT_EQ(Render("/tag/تعريف").status, 404);
}

TEST_P(PagesTest, PinnedArticlesComeFirstOnTheHomePageUntilTheyExpire) {
  Import(kSiteWithPages);
  RenderedPage p = Render("/");
  ASSERT_EQ(p.status, 200);
  const size_t pinned = p.html.find("<section class=\"pinned\"");
  const size_t timed = p.html.find("خبر مثبت مؤقتًا");
  const size_t old = p.html.find("خبر قديم مثبت");
  const size_t newest = p.html.find("أحدث خبر");
  ASSERT_NE(pinned, std::string::npos);
  EXPECT_LT(pinned, timed);
  EXPECT_LT(timed, old) << "newest first among the pinned";
  EXPECT_LT(old, newest) << "then the usual";
  EXPECT_EQ(p.html.find("خبر مثبت مؤقتًا", timed + 1), std::string::npos) << "shown once";
  EXPECT_EQ(p.expires_at, 1700049600) << "rendered anew when the pin expires";

  RenderedPage later = Render("/", 1, 1700049600);
  const size_t old_later = later.html.find("خبر قديم مثبت");
  const size_t timed_later = later.html.find("خبر مثبت مؤقتًا");
  ASSERT_NE(timed_later, std::string::npos) << "still on the home page, as a usual article";
  EXPECT_LT(old_later, later.html.find("أحدث خبر"));
  EXPECT_GT(timed_later, later.html.find("أحدث خبر")) << "no longer pinned";
  EXPECT_EQ(later.expires_at, 0);
}

TEST_P(PagesTest, ThePreviewOfAPageUsesThePageTemplate) {
  Article a;
  a.kind = ArticleKind::kPage;
  a.title = "سياسة الخصوصية";
  a.body_html = "<p>لا نبيع بياناتك.</p>";
  RenderedPage p;
  ASSERT_TRUE(renderer_->RenderPreview(a, kNow, &p).ok());
  EXPECT_TRUE(Has(p.html, "static-page"));
  EXPECT_TRUE(Has(p.html, "لا نبيع بياناتك."));
  EXPECT_FALSE(Has(p.html, "<time"));
}

INSTANTIATE_TEST_SUITE_P(Backends, PagesTest, ::testing::ValuesIn(StoreBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(Backends, ListPagesTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
