// Readers' views against the real binary (`qalam serve --clock-file`): the
// article page's beacon counted once per reader, article and day, a program
// never, a GET or a bad id refused; the counts reach the store within
// seconds (the desk's chart) and the most-read block appears on the home
// page and article pages after the minutely recount; the dashboard lists
// today's most read; after a new day the same reader counts again.
#include <cstdio>

#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;  // 2026-01-01 09:00 UTC.
constexpr const char* kChrome =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile "
    "Safari/537.36";

const char* kLines =
    R"J({"id": "a1", "slug": "rain", "title": "الأمطار تعود إلى الخليج", "published_at": "2025-12-31T10:00:00Z", "section": "طقس", "body": "تعود الأمطار."}
{"id": "a2", "slug": "book-fair", "title": "افتتاح معرض الكتاب", "published_at": "2025-12-31T11:00:00Z", "section": "ثقافة", "body": "يفتتح المعرض."}
)J";

class ViewsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    clock_file_ = dir_.path() + "/clock";
    SetClock(kStart);
    const std::string file = dir_.path() + "/site.jsonl";
    WriteFile(file, kLines);
    CommandResult r = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start("off", {"--clock-file", clock_file_});
  }
  // Written beside and renamed over, so the server never reads a half-written
  // file (and the real time: another day to the counter).
  void SetClock(int64_t t) {
    WriteFile(clock_file_ + ".next", std::to_string(t));
    std::rename((clock_file_ + ".next").c_str(), clock_file_.c_str());
  }
  // A beacon as navigator.sendBeacon sends it, from `from` (127.0.0.x).
  Reply Beacon(const std::string& article, const std::string& from = "127.0.0.1",
               const std::string& agent = kChrome) {
    Browser b = NewBrowser();
    b.from = from;
    return b.Post("/api/view", {{"article", article}},
                  {{"User-Agent", agent}, {"Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"}});
  }
  // The article's id as its page carries it for the beacon.
  std::string ArticleId(const std::string& slug) {
    Reply page = NewBrowser().Get("/article/" + Encode(slug));
    EXPECT_EQ(page.status, 200);
    const size_t at = page.body.find("data-article=\"");
    if (at == std::string::npos) return "";
    return page.body.substr(at + 14, page.body.find('"', at + 14) - at - 14);
  }
  // The desk's page at `path` once it holds `text` (the counter flushes
  // every 5 seconds), or as it is after 20 seconds.
  Reply DeskUntil(Browser& desk, const std::string& path, const std::string& text) {
    Reply r;
    for (int i = 0; i < 200; ++i) {
      r = desk.Get(path);
      if (Has(r.body, text)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return r;
  }
  std::string clock_file_;
};

TEST_F(ViewsTest, CountedOncePerReaderAndDayNeverForProgramsShownOnPagesAndDesk) {
  MakeUser("chief_editor", "chief@news.example", "هدى");
  const std::string rain = ArticleId("rain");
  const std::string book = ArticleId("book-fair");
  ASSERT_FALSE(rain.empty());
  ASSERT_FALSE(book.empty());
  Reply page = NewBrowser().Get("/article/" + Encode("rain"));
  EXPECT_TRUE(Has(page.body, "/views.") && Has(page.body, "defer")) << "the beacon's script, deferred";
  EXPECT_FALSE(Has(page.body, "الأكثر قراءة")) << "no block before any view";

  // Refused: another method, a bad id, an unknown article, another site.
  Reply get = NewBrowser().Get("/api/view?article=" + rain);
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.header("allow"), "POST");
  Reply bad = Beacon("abc");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad.body, "رقم المقال غير صالح"));
  EXPECT_EQ(Beacon("-3").status, 400);
  EXPECT_EQ(Beacon("").status, 400);
  EXPECT_EQ(Beacon("999999").status, 400);
  {
    Browser b = NewBrowser();
    EXPECT_EQ(b.Post("/api/view", {{"article", rain}}, {{"User-Agent", kChrome}, {"Origin", "https://evil.example"}})
                  .status,
              403);
  }

  // Rain: a reader (counted), again (not), a crawler and curl (not), two
  // other readers (counted): 3. Book: one reader: 1.
  Reply first = Beacon(rain);
  EXPECT_EQ(first.status, 204);
  EXPECT_EQ(first.header("set-cookie"), "") << "no cookie, ever";
  EXPECT_EQ(first.header("cache-control"), "no-store");
  EXPECT_EQ(Beacon(rain).status, 204);
  EXPECT_EQ(Beacon(rain, "127.0.0.2", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").status, 204);
  EXPECT_EQ(Beacon(rain, "127.0.0.2", "curl/8.5.0").status, 204);
  EXPECT_EQ(Beacon(rain, "127.0.0.3").status, 204);
  EXPECT_EQ(Beacon(rain, "127.0.0.4").status, 204);
  EXPECT_EQ(Beacon(book, "127.0.0.3").status, 204);

  // The counts reach the store within seconds: the desk's chart says so.
  Browser desk = SignedIn("chief@news.example");
  Reply editor = DeskUntil(desk, "/admin/articles/" + rain, "3 مشاهدات في آخر 30 يومًا");
  EXPECT_TRUE(Has(editor.body, "مشاهدات القراء: 3 مشاهدات في آخر 30 يومًا")) << editor.body.substr(0, 4000);
  EXPECT_TRUE(Has(editor.body, "<svg class=\"views-chart\""));
  EXPECT_TRUE(Has(editor.body, "aria-labelledby=\"views-summary\""));
  EXPECT_FALSE(Has(editor.body, "style=")) << "the CSP allows no inline style";
  // The dashboard: today's most read with their counts.
  Reply dash = DeskUntil(desk, "/admin", "افتتاح معرض الكتاب");
  ASSERT_TRUE(Has(dash.body, "الأكثر قراءة اليوم"));
  const size_t top = dash.body.find("الأكثر قراءة اليوم");
  const size_t rain_at = dash.body.find("الأمطار تعود إلى الخليج", top);
  const size_t book_at = dash.body.find("افتتاح معرض الكتاب", top);
  ASSERT_NE(rain_at, std::string::npos);
  EXPECT_LT(rain_at, book_at) << "the most viewed first";
  EXPECT_TRUE(Has(dash.body.substr(top), "3 مشاهدات"));
  EXPECT_TRUE(Has(dash.body.substr(top), "مشاهدة واحدة"));

  // The pages show the block after the minutely recount, not at each view.
  EXPECT_FALSE(Has(NewBrowser().Get("/").body, "الأكثر قراءة"));
  SetClock(kStart + 61);
  Reply home = ReaderUntil("/", [](const Reply& r) { return Has(r.body, "الأكثر قراءة"); });
  ASSERT_TRUE(Has(home.body, "class=\"most-read\"")) << home.body.substr(0, 3000);
  const size_t block = home.body.find("class=\"most-read\"");
  EXPECT_LT(home.body.find("الأمطار تعود إلى الخليج", block), home.body.find("افتتاح معرض الكتاب", block));
  Reply article = ReaderUntil("/article/" + Encode("book-fair"),
                              [](const Reply& r) { return Has(r.body, "الأكثر قراءة"); });
  EXPECT_TRUE(Has(article.body, "class=\"most-read\""));

  // A new day: the same reader counts again (4), a repeat still not.
  SetClock(kStart + 86400);
  EXPECT_EQ(Beacon(rain).status, 204);
  EXPECT_EQ(Beacon(rain).status, 204);
  editor = DeskUntil(desk, "/admin/articles/" + rain, "4 مشاهدات في آخر 30 يومًا");
  const std::string caption = editor.body.substr(editor.body.find("<figcaption"), 300);
  EXPECT_TRUE(Has(caption, "4 مشاهدات في آخر 30 يومًا")) << caption;
  EXPECT_TRUE(Has(caption, "– 2 يناير 2026)، منها مشاهدة واحدة اليوم.")) << caption;
}

}  // namespace
}  // namespace qalam::testing
