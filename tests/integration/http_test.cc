// Every route of the reader's site against the real binary on a free port.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace qalam::testing {
namespace {

const std::string kSeedTitle = "تداعيات أزمة كازاخستان على أوكرانيا";
const std::string kSeedSlug = "تداعيات-أزمة-كازاخستان-على-أوكرانيا";

// 25 articles in one section, tag, writer and source: two pages of 20.
std::string FixtureArticles(int count, const std::string& id_prefix = "fx-") {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    char date[32];
    snprintf(date, sizeof date, "2024-03-%02dT10:00:00+03:00", (i % 28) + 1);
    out += R"({"id": ")" + id_prefix + std::to_string(i) + R"(", "title": "مقال الاختبار رقم )" +
           std::to_string(i) + R"(", "published_at": ")" + date +
           R"(", "writer": {"name": "كاتبة الاختبار", "bio": "كاتبة تختبر الموقع"}, "source": {"name": "صحيفة الاختبار", "url": "https://example.org/"}, "section": "قسم الاختبار", "tags": ["وسم الاختبار"], "highlights": ["خلاصة المقال )" +
           std::to_string(i) + R"("], "body": "فقرة أولى.\n\nفقرة ثانية."})" + "\n";
  }
  return out;
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    ASSERT_EQ(RunQalam({"import", "--data", data_, SharedDir() + "/seed/seed-article.jsonl"}).exit_code, 0);
    std::string fixtures = dir_.path() + "/fixtures.jsonl";
    WriteFile(fixtures, FixtureArticles(25));
    ASSERT_EQ(RunQalam({"import", "--data", data_, fixtures}).exit_code, 0);
  }
  void Start(const std::vector<std::string>& args = {}) {
    server_ = std::make_unique<ServerProcess>(data_, args);
  }
  int port() const { return server_->port(); }
  // Polls until `pred` holds for the page (the server reads changes every 250 ms).
  bool Eventually(const std::string& target, const std::function<bool(const HttpResult&)>& pred,
                  int ms = 5000) {
    for (int i = 0; i < ms / 100; ++i) {
      if (pred(Get(port(), target))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SiteTest, HomePageIsAnArabicRtlPage) {
  Start();
  HttpResult r = Get(port(), "/");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(r.body.find("مقال الاختبار رقم"), std::string::npos);  // The latest articles.
  EXPECT_NE(r.body.find("أهلًا بك في قلم"), std::string::npos);     // A welcome article.
  EXPECT_NE(r.body.find("الأخبار العاجلة"), std::string::npos);
  EXPECT_NE(r.body.find("قسم الاختبار"), std::string::npos);       // Sections on the home page.
  EXPECT_EQ(r.header("set-cookie"), "");
  EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.header("referrer-policy"), "");
  EXPECT_FALSE(r.header("etag").empty());
}

TEST_F(SiteTest, ArticlePageHasEveryElementAndMetadata) {
  Start();
  HttpResult r = Get(port(), "/article/" + Encode(kSeedSlug));
  ASSERT_EQ(r.status, 200);
  const std::string& b = r.body;
  for (const char* s : {"محمود زين الدين", "15 يناير 2022", "آخر تحديث", "بقلم:", "محمد السعيد ادريس",
                        "خبير بمركز الأهرام", "المصدر|", "الخليج", "موضوعات تهمك:",
                        "كازاخستان وفاعلية «الحماية» الروسية", "اترك تعليق", "شروط التعليق :",
                        "عدم الإساءة للكاتب", "<time datetime=\"2022-01-15T00:00:00+03:00\">",
                        "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/article/",
                        "<meta property=\"og:title\" content=\"" , "application/ld+json",
                        "\"@type\":\"NewsArticle\"", "\"dateModified\"", "\"author\":[{"}) {
    EXPECT_NE(b.find(s), std::string::npos) << s;
  }
  EXPECT_NE(b.find("<title>" + kSeedTitle + " - قلم</title>"), std::string::npos);
  EXPECT_NE(b.find("href=\"/tag/" + Encode("كازاخستان") + "\""), std::string::npos);
  EXPECT_NE(b.find("href=\"/writer/" + Encode("محمد-السعيد-ادريس") + "\""), std::string::npos);
  // The comment section: heading, note, terms, then the form with the
  // required fields marked and a hidden honeypot; no cookie, no token in the page.
  size_t comments = b.find("<section class=\"article-comments\"");
  ASSERT_NE(comments, std::string::npos);
  std::string section = b.substr(comments);
  EXPECT_LT(section.find("اترك تعليق"), section.find("شروط التعليق"));
  EXPECT_LT(section.find("شروط التعليق"), section.find("<form class=\"comment-form\""));
  for (const char* field : {"name=\"name\" required", "name=\"email\" required", "name=\"comment\" rows=\"6\" required",
                            "name=\"website\"", "name=\"token\" value=\"\""}) {
    EXPECT_NE(section.find(field), std::string::npos) << field;
  }
  EXPECT_EQ(r.header("set-cookie"), "");
}

TEST_F(SiteTest, ListPagesAndPagination) {
  Start();
  for (const std::string& path :
       {"/tag/" + Encode("وسم-الاختبار"), "/section/" + Encode("قسم-الاختبار"),
        "/writer/" + Encode("كاتبة-الاختبار"), "/source/" + Encode("صحيفة-الاختبار"), std::string("/latest")}) {
    HttpResult r = Get(port(), path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_NE(r.body.find("مقال الاختبار رقم"), std::string::npos) << path;
  }
  HttpResult writer = Get(port(), "/writer/" + Encode("كاتبة-الاختبار"));
  EXPECT_NE(writer.body.find("كاتبة تختبر الموقع"), std::string::npos);  // The bio.
  HttpResult page1 = Get(port(), "/tag/" + Encode("وسم-الاختبار"));
  EXPECT_NE(page1.body.find("صفحة 1 من 2"), std::string::npos);
  EXPECT_NE(page1.body.find("?page=2"), std::string::npos);
  HttpResult page2 = Get(port(), "/tag/" + Encode("وسم-الاختبار") + "?page=2");
  EXPECT_EQ(page2.status, 200);
  EXPECT_NE(page2.body.find("صفحة 2 من 2"), std::string::npos);
  EXPECT_NE(page2.body.find("rel=\"canonical\" href=\"http://127.0.0.1:8080/tag/" +
                            Encode("وسم-الاختبار") + "?page=2\""),
            std::string::npos);
  EXPECT_EQ(Get(port(), "/tag/" + Encode("وسم-الاختبار") + "?page=3").status, 404);
  EXPECT_EQ(Get(port(), "/tag/" + Encode("وسم-الاختبار") + "?page=0").status, 404);
  EXPECT_EQ(Get(port(), "/tag/" + Encode("وسم-الاختبار") + "?page=x").status, 404);
}

TEST_F(SiteTest, UnknownPagesGetTheArabic404) {
  Start();
  for (const char* path : {"/nothing-here", "/article/no-such-article", "/tag/no-such-tag",
                           "/writer/nobody", "/article/", "/article/a/b"}) {
    HttpResult r = Get(port(), path);
    if (std::string(path) == "/article/") {
      EXPECT_EQ(r.status, 301);
      continue;
    }
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(r.body.find("الصفحة غير موجودة"), std::string::npos) << path;
    EXPECT_NE(r.body.find("dir=\"rtl\""), std::string::npos);
  }
  EXPECT_EQ(Get(port(), "/%zz").status, 400);
}

TEST_F(SiteTest, HeadSendsHeadersOnly) {
  Start();
  HttpResult get = Get(port(), "/");
  HttpResult head = Http(port(), "HEAD", "/");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("etag"), get.header("etag"));
  EXPECT_EQ(head.header("content-type"), get.header("content-type"));
}

TEST_F(SiteTest, OtherMethodsAreRefused) {
  Start();
  HttpResult r = Http(port(), "POST", "/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
}

TEST_F(SiteTest, EtagGivesNotModified) {
  Start();
  HttpResult first = Get(port(), "/article/" + Encode(kSeedSlug));
  std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  HttpResult again = Get(port(), "/article/" + Encode(kSeedSlug), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  HttpResult other = Get(port(), "/article/" + Encode(kSeedSlug), {{"If-None-Match", "\"nope\""}});
  EXPECT_EQ(other.status, 200);
}

TEST_F(SiteTest, GzipWhenAccepted) {
  Start();
  HttpResult plain = Get(port(), "/");
  HttpResult gz = Get(port(), "/", {{"Accept-Encoding", "gzip, deflate"}});
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
  EXPECT_LT(gz.body.size(), plain.body.size());
  EXPECT_EQ(GunzipForTest(gz.body), plain.body);
  EXPECT_EQ(plain.header("content-encoding"), "");
}

TEST_F(SiteTest, AssetsHaveHashedNamesAndLongLifetimes) {
  Start();
  HttpResult page = Get(port(), "/");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, std::regex("href=\"(/assets/style\\.[0-9a-f]{10}\\.css)\"")));
  HttpResult css = Get(port(), m[1].str());
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("cache-control"), "public, max-age=31536000, immutable");
  // The Arabic font is served by the site itself.
  std::smatch f;
  ASSERT_TRUE(std::regex_search(css.body, f, std::regex("url\\((/assets/NotoNaskhArabic-Regular\\.[0-9a-f]{10}\\.ttf)\\)")));
  HttpResult font = Get(port(), f[1].str());
  EXPECT_EQ(font.status, 200);
  EXPECT_EQ(font.header("content-type"), "font/ttf");
  EXPECT_GT(font.body.size(), 10000u);
  EXPECT_EQ(Get(port(), "/assets/style.0000000000.css").status, 404);
}

TEST_F(SiteTest, ImportPurgesTheAffectedPages) {
  Start();
  const std::string tag = "/tag/" + Encode("وسم-الاختبار");
  HttpResult before = Get(port(), tag);
  HttpResult home_before = Get(port(), "/");
  HttpResult seed_before = Get(port(), "/article/" + Encode(kSeedSlug));
  ASSERT_EQ(before.status, 200);
  ASSERT_EQ(Get(port(), tag, {{"If-None-Match", before.header("etag")}}).status, 304);

  std::string file = dir_.path() + "/new.jsonl";
  WriteFile(file, R"({"id": "fx-new", "title": "مقال جديد بعد التشغيل", "published_at": "2030-01-01", "tags": ["وسم الاختبار"], "body": "نص."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, file}).exit_code, 0);

  EXPECT_TRUE(Eventually(tag, [](const HttpResult& r) {
    return r.body.find("مقال جديد بعد التشغيل") != std::string::npos;
  }));
  EXPECT_TRUE(Eventually("/", [](const HttpResult& r) {
    return r.body.find("مقال جديد بعد التشغيل") != std::string::npos;
  }));
  EXPECT_NE(Get(port(), tag).header("etag"), before.header("etag"));
  // The new article's own page exists now.
  EXPECT_EQ(Get(port(), "/article/" + Encode("مقال-جديد-بعد-التشغيل")).status, 200);
  // A page the import did not touch is still the same.
  EXPECT_EQ(Get(port(), "/article/" + Encode(kSeedSlug)).header("etag"), seed_before.header("etag"));
}

TEST_F(SiteTest, CuratedLinkBecomesALinkWhenItsArticleArrives) {
  Start();
  const std::string seed = "/article/" + Encode(kSeedSlug);
  EXPECT_EQ(Get(port(), seed).body.find("href=\"/article/" + Encode("كازاخستان-وفاعلية-الحماية-الروسية")), std::string::npos);
  std::string file = dir_.path() + "/related.jsonl";
  WriteFile(file, R"({"id": "rel-1", "title": "كازاخستان وفاعلية «الحماية» الروسية", "published_at": "2022-01-10", "body": "نص."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, file}).exit_code, 0);
  EXPECT_TRUE(Eventually(seed, [](const HttpResult& r) {
    return r.body.find("href=\"/article/" + Encode("كازاخستان-وفاعلية-الحماية-الروسية") + "\"") != std::string::npos;
  }));
}

TEST_F(SiteTest, BreakingItemsComeAndGo) {
  Start();
  CommandResult add = RunQalam({"breaking", "add", "--data", data_, "خبر عاجل للاختبار", "--link", "/latest"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  std::string id = add.out.substr(0, add.out.find('\n'));
  // Readers' pages get the ticker from /live/breaking.json and /live.
  EXPECT_TRUE(Eventually("/live/breaking.json", [](const HttpResult& r) {
    return r.body.find(R"({"id":2,"text":"خبر عاجل للاختبار","link":"/latest","urgent":false})") != std::string::npos;
  }));
  // A page not cached yet is rendered with it.
  HttpResult article = Get(port(), "/article/" + Encode(kSeedSlug));
  EXPECT_NE(article.body.find("<a href=\"/latest\">خبر عاجل للاختبار</a>"), std::string::npos);
  CommandResult list = RunQalam({"breaking", "list", "--data", data_});
  EXPECT_NE(list.out.find("خبر عاجل للاختبار"), std::string::npos);
  ASSERT_EQ(RunQalam({"breaking", "remove", "--data", data_, id}).exit_code, 0);
  EXPECT_TRUE(Eventually("/live/breaking.json", [](const HttpResult& r) {
    return r.status == 200 && r.body.find("خبر عاجل للاختبار") == std::string::npos;
  }));
}

// A breaking change purges no page: an article page keeps its bytes (and
// ETag) while readers with JavaScript get the ticker live; a cached page
// shows the new ticker once the ticker_refresh_seconds setting has passed.
TEST_F(SiteTest, BreakingChangeLeavesPagesUntilTheTickerRefresh) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "ticker_refresh_seconds", "5"}).exit_code, 0);
  Start();
  const std::string seed = "/article/" + Encode(kSeedSlug);
  const HttpResult before = Get(port(), seed);
  ASSERT_EQ(before.status, 200);
  const std::string etag = before.header("etag");
  ASSERT_FALSE(etag.empty());
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "خبر لا يمس الصفحات"}).exit_code, 0);
  ASSERT_TRUE(Eventually("/live/breaking.json", [](const HttpResult& r) {
    return r.body.find("خبر لا يمس الصفحات") != std::string::npos;
  }));
  const auto seen = std::chrono::steady_clock::now();
  const HttpResult after = Get(port(), seed);
  EXPECT_EQ(after.header("etag"), etag);
  EXPECT_EQ(after.body, before.body);
  // Within the refresh (5 s, plus the 250 ms poll) the page shows it.
  EXPECT_TRUE(Eventually(seed, [](const HttpResult& r) {
    return r.body.find("خبر لا يمس الصفحات") != std::string::npos;
  }, 8000));
  EXPECT_GE(std::chrono::steady_clock::now() - seen, std::chrono::seconds(3));
}

// An item's end and a scheduled item's start reach readers with no write
// from anyone: the server records a breaking change at that time (which
// /live sends to open pages), and /live/breaking.json follows.
TEST_F(SiteTest, ExpiredBreakingItemLeavesWithoutAWrite) {
  Start();
  // Remove the welcome item so the ticker's times are ours.
  ASSERT_EQ(RunQalam({"breaking", "remove", "--data", data_, "1"}).exit_code, 0);
  std::time_t until = std::time(nullptr) + 3;
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&until));
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "خبر قصير العمر", "--until", iso}).exit_code, 0);
  int64_t shown_as_of = 0;
  EXPECT_TRUE(Eventually("/live/breaking.json", [&](const HttpResult& r) {
    if (r.body.find("خبر قصير العمر") == std::string::npos) return false;
    shown_as_of = nlohmann::json::parse(r.body)["event_id"].get<int64_t>();
    return true;
  }));
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_TRUE(Eventually("/live/breaking.json", [&](const HttpResult& r) {
    const auto doc = nlohmann::json::parse(r.body);
    return doc["items"].empty() && doc["event_id"].get<int64_t>() > shown_as_of;  // A change told of the end.
  }));
}

TEST_F(SiteTest, ScheduledBreakingItemArrivesAtItsTimeAsAChange) {
  Start();
  std::time_t starts = std::time(nullptr) + 2;
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&starts));
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "خبر مجدول", "--starts", iso}).exit_code, 0);
  const HttpResult before = Get(port(), "/live/breaking.json");
  ASSERT_EQ(before.status, 200);
  const auto before_doc = nlohmann::json::parse(before.body);
  const bool read_before = std::time(nullptr) < starts;  // A slow machine may be past it.
  if (read_before) EXPECT_EQ(before.body.find("خبر مجدول"), std::string::npos);
  CommandResult listed = RunQalam({"breaking", "list", "--all", "--data", data_});
  EXPECT_NE(listed.out.find("(scheduled)"), std::string::npos) << listed.out;
  int64_t as_of = 0;
  EXPECT_TRUE(Eventually("/live/breaking.json", [&](const HttpResult& r) {
    if (r.body.find("خبر مجدول") == std::string::npos) return false;
    as_of = nlohmann::json::parse(r.body)["event_id"].get<int64_t>();
    return true;
  }));
  EXPECT_GE(std::time(nullptr), starts);
  // The start was recorded as a change after the item's own.
  if (read_before) EXPECT_GT(as_of, before_doc["event_id"].get<int64_t>());
}

// Ready for a CDN: shared caches may keep a page (s-maxage, serve it stale
// while revalidating or while Qalam cannot answer; settings), browsers
// revalidate; the page's change keys are named for key purges.
TEST_F(SiteTest, PagesTellACdnHowLongAndByWhichKeys) {
  Start();
  const HttpResult page = Get(port(), "/article/" + Encode(kSeedSlug));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("cache-control"),
            "public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400");
  const std::string keys = " " + page.header("surrogate-key") + " ";
  EXPECT_NE(keys.find(" global "), std::string::npos) << keys;
  EXPECT_NE(keys.find(" ticker "), std::string::npos) << keys;
  EXPECT_TRUE(std::regex_search(keys, std::regex(" article:[0-9]+ "))) << keys;
  std::string tags = page.header("cache-tag");
  EXPECT_EQ(tags.find(' '), std::string::npos);
  std::replace(tags.begin(), tags.end(), ',', ' ');
  EXPECT_EQ(" " + tags + " ", keys);
  // Feeds and the API the same way; a 404 and the stream never.
  EXPECT_NE(Get(port(), "/feed").header("surrogate-key").find("home"), std::string::npos);
  const HttpResult missing = Get(port(), "/article/no-such-article");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("cache-control"), "no-store");
  EXPECT_EQ(missing.header("surrogate-key"), "");
  // The settings change the header without a restart.
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "cache_s_maxage", "3600"}).exit_code, 0);
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "cache_stale_while_revalidate", "0"}).exit_code, 0);
  EXPECT_TRUE(Eventually("/", [](const HttpResult& r) {
    return r.header("cache-control") == "public, max-age=0, s-maxage=3600, stale-if-error=86400";
  }));
  EXPECT_NE(RunQalam({"settings", "--data", data_, "cache_s_maxage", "-1"}).exit_code, 0);
}

TEST_F(SiteTest, SettingsChangeDatesOnPages) {
  Start();
  const std::string seed = "/article/" + Encode(kSeedSlug);
  ASSERT_NE(Get(port(), seed).body.find("15 يناير 2022"), std::string::npos);
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "date_style", "levant"}).exit_code, 0);
  EXPECT_TRUE(Eventually(seed, [](const HttpResult& r) {
    return r.body.find("15 كانون الثاني 2022") != std::string::npos;
  }));
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "digits", "arabic"}).exit_code, 0);
  EXPECT_TRUE(Eventually(seed, [](const HttpResult& r) {
    return r.body.find("١٥ كانون الثاني ٢٠٢٢") != std::string::npos;
  }));
}

TEST_F(SiteTest, OversizedHeadersAreRejected) {
  Start();
  HttpResult r = Get(port(), "/", {{"X-Big", std::string(40000, 'a')}});
  EXPECT_EQ(r.status, 431);
}

TEST_F(SiteTest, NoRedirectToAnotherSite) {
  Start();
  for (const char* path : {"//evil.example/", "/%5Cevil.example/", "//evil.example"}) {
    HttpResult r = Get(port(), path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.header("location"), "") << path;
  }
}

TEST_F(SiteTest, GzipRefusedWithZeroQuality) {
  Start();
  EXPECT_EQ(Get(port(), "/", {{"Accept-Encoding", "gzip;q=0.0, identity"}}).header("content-encoding"), "");
  EXPECT_EQ(Get(port(), "/", {{"Accept-Encoding", "gzip;q=0"}}).header("content-encoding"), "");
  EXPECT_EQ(Get(port(), "/", {{"Accept-Encoding", "gzip;q=0.5"}}).header("content-encoding"), "gzip");
}

TEST_F(SiteTest, SectionMenuFollowsANewSection) {
  Start();
  const std::string latest = "/latest";  // Any cached page shows the menu.
  ASSERT_EQ(Get(port(), latest).body.find("قسم جديد تمامًا"), std::string::npos);
  std::string file = dir_.path() + "/section.jsonl";
  WriteFile(file, R"({"id": "sec-1", "title": "أول مقال في القسم", "section": "قسم جديد تمامًا", "body": "نص."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, file}).exit_code, 0);
  EXPECT_TRUE(Eventually("/article/" + Encode(kSeedSlug), [](const HttpResult& r) {
    return r.body.find("قسم جديد تمامًا") != std::string::npos;
  }));
}

TEST_F(SiteTest, TrailingSlashRedirects) {
  Start();
  HttpResult r = Get(port(), "/latest/?page=2");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.header("location"), "/latest?page=2");
}

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

TEST_F(SiteTest, IdleConnectionsAreClosed) {
  Start({"--idle-timeout", "1"});
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  auto start = std::chrono::steady_clock::now();
  char c;
  ssize_t n = read(fd, &c, 1);  // Blocks until the server closes it.
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(n, 0);
  EXPECT_LT(waited, std::chrono::seconds(4));
  close(fd);
}

// A full server makes room for a new connection by closing the one that
// has waited longest for its request (tests/integration/slow_clients_test.cc
// has the slowloris cases).
TEST_F(SiteTest, ConnectionLimitShedsTheOldestWaitingConnection) {
  Start({"--max-connections", "2", "--max-connections-per-address", "0"});
  int a = Connect(port());
  ASSERT_GE(a, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int b = Connect(port());
  ASSERT_GE(b, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int c = Connect(port());
  ASSERT_GE(c, 0);
  char ch;
  EXPECT_EQ(read(a, &ch, 1), 0);  // The oldest wait, closed.
  std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(write(c, req.data(), req.size()), static_cast<ssize_t>(req.size()));
  char buf[4096];
  ssize_t n = read(c, buf, sizeof buf);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<size_t>(n)).rfind("HTTP/1.1 200", 0), 0u);
  close(a);
  close(b);
  close(c);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(Get(port(), "/").status, 200);  // Freed slots are reused.
}

TEST_F(SiteTest, SigtermStopsCleanlyWithOpenConnections) {
  Start();
  int fd = Connect(port());  // An idle keep-alive connection must not hold the exit.
  ASSERT_GE(fd, 0);
  ASSERT_EQ(Get(port(), "/").status, 200);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  close(fd);
}

TEST_F(SiteTest, SigtermLetsARequestInFlightFinish) {
  Start();
  // On a connection the server has taken (one exchange done), a second
  // request arrives just as SIGTERM does: it is answered in full, then the
  // connection is closed.
  int fd = Connect(port());
  ASSERT_GE(fd, 0);
  auto exchange = [fd](bool signal_first, pid_t pid) {
    std::string req = "GET /latest HTTP/1.1\r\nHost: x\r\n\r\n";
    if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) return std::string();
    if (signal_first) kill(pid, SIGTERM);
    std::string got;
    char buf[65536];
    ssize_t n;
    while (got.find("</html>") == std::string::npos && (n = read(fd, buf, sizeof buf)) > 0) {
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  };
  ASSERT_EQ(exchange(false, 0).rfind("HTTP/1.1 200", 0), 0u);
  std::string got = exchange(true, server_->pid());
  EXPECT_EQ(got.rfind("HTTP/1.1 200", 0), 0u) << got.size() << " bytes: " << got.substr(0, 300) << " errno " << errno;
  EXPECT_NE(got.find("</html>"), std::string::npos);
  char c;
  EXPECT_EQ(read(fd, &c, 1), 0);  // Then the server closes it.
  close(fd);
  EXPECT_EQ(server_->Wait(), 0);  // One SIGTERM was enough.
}

}  // namespace
}  // namespace qalam::testing
