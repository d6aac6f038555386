// The front page arranged on the desk (/admin/home) against the real
// binary: who may, the anti-forgery token, a refused layout saving nothing,
// the preview, the reader's home page after a save, the purge of the home
// page alone, and the thumbnails every list carries.
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "desk_client.h"

namespace qalam::testing {
namespace {

const std::string kLines =
    R"J({"id": "e1", "title": "الميناء الجديد يستقبل أول سفينة", "published_at": "2026-12-01T10:00:00Z", "section": "اقتصاد", "body": "نص الميناء."}
{"id": "e2", "title": "أسعار النفط ترتفع", "published_at": "2026-12-02T10:00:00Z", "section": "اقتصاد", "body": "نص النفط."}
{"id": "p1", "title": "البرلمان يقر الميزانية", "published_at": "2026-12-03T10:00:00Z", "section": "سياسة", "body": "نص الميزانية."}
{"id": "p2", "title": "زيارة وزير الخارجية", "published_at": "2026-12-04T10:00:00Z", "section": "سياسة", "body": "نص الزيارة."}
{"id": "s1", "title": "المنتخب يتأهل", "published_at": "2026-12-05T10:00:00Z", "section": "رياضة", "body": "نص المنتخب."}
{"id": "o1", "title": "في معنى الصحافة", "published_at": "2026-12-06T10:00:00Z", "section": "آراء", "writer": {"name": "سعاد الكاتبة"}, "body": "نص الرأي."}
{"id": "n1", "title": "أحدث خبر في الموقع", "published_at": "2026-12-07T10:00:00Z", "section": "سياسة", "body": "نص الأحدث."}
)J" + [] {
  // Older politics pieces, so that the politics block has articles left
  // once the lead, the featured row and the latest have taken theirs.
  std::string more;
  for (int i = 1; i <= 8; ++i) {
    more += R"J({"id": "old)J" + std::to_string(i) + R"J(", "title": "خبر سياسي قديم رقم )J" + std::to_string(i) +
            R"J(", "published_at": "2026-11-2)J" + std::to_string(i % 3 + 5) +
            R"J(T0)J" + std::to_string(i) + R"J(:00:00Z", "section": "سياسة", "body": "نص قديم."})J" + "\n";
  }
  return more;
}();

class HomeLayoutTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    const std::string file = dir_.path() + "/site.jsonl";
    WriteFile(file, kLines);
    CommandResult r = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start();
    for (const char* role : {"writer", "editor", "chief_editor", "moderator"}) {
      MakeUser(role, std::string(role) + "@news.example", std::string("اسم ") + role);
    }
  }
  Browser As(const std::string& role) { return SignedIn(role + "@news.example"); }
  // An article's id as the desk's search results name it.
  static std::string ArticleId(const std::string& page, const std::string& title) {
    std::smatch m;
    const std::regex re("data-id=\"([0-9]+)\">\\s*<span class=\"home-slot-title\">" + title + "</span>");
    return std::regex_search(page, m, re) ? m[1].str() : "";
  }
  static std::string SectionId(const std::string& page, const std::string& name) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("<option value=\"([0-9]+)\"[^>]*>" + name + "</option>")) ? m[1].str()
                                                                                                       : "";
  }
  Reply Reader(const std::string& target) { return Browser(port_).Get(target); }
  // The home page once it shows `text`: the server purges its cache on its
  // next tick (every 250 ms) after a change; given up after three seconds.
  std::string HomeShowing(const std::string& text) {
    std::string body;
    for (int i = 0; i < 60 && !Has(body = Reader("/").body, text); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return body;
  }
};

// The position of `part` in `text` (npos when absent), for order checks.
size_t At(const std::string& text, const std::string& part) { return text.find(part); }

TEST_F(HomeLayoutTest, AFreshImportLooksRightWithoutDeskWork) {
  Reply home = Reader("/");
  ASSERT_EQ(home.status, 200);
  const size_t lead = At(home.body, "class=\"lead\"");
  ASSERT_NE(lead, std::string::npos);
  EXPECT_LT(lead, At(home.body, "أحدث خبر في الموقع")) << "the latest is the lead";
  EXPECT_LT(At(home.body, "أحدث خبر في الموقع"), At(home.body, "class=\"featured\""));
  EXPECT_FALSE(Has(home.body, "<img")) << "no featured image: no picture, no empty box";
  EXPECT_FALSE(Has(home.body, "id=\"opinion-heading\"")) << "no opinion section chosen yet";
}

TEST_F(HomeLayoutTest, OnlyThoseWhoPublishAnyonesWorkArrangeIt) {
  for (const char* role : {"writer", "editor", "moderator"}) {  // An editor publishes only their own.
    Browser b = As(role);
    EXPECT_TRUE(Shows(b.Get("/admin/home"), 403, "ترتيب الصفحة الرئيسية")) << role;
    EXPECT_FALSE(Has(b.Get("/admin").body, "href=\"/admin/home\"")) << role;
    EXPECT_EQ(b.Post("/admin/home", {{"csrf", DeskCsrf(b)}, {"op", "save"}}).status, 403) << role;
  }
  for (const char* role : {"chief_editor"}) {
    Browser b = As(role);
    EXPECT_TRUE(Shows(b.Get("/admin/home"), 200, "المقالات المميزة")) << role;
    EXPECT_TRUE(Has(b.Get("/admin").body, "href=\"/admin/home\"")) << role << ": linked from the desk's navigation";
  }
  EXPECT_TRUE(RedirectsTo(Reader("/admin/home"), "/admin/login"));
}

TEST_F(HomeLayoutTest, TheDeskArrangesPreviewsAndSavesTheFrontPage) {
  Browser chief = As("chief_editor");
  Reply desk = chief.Get("/admin/home");
  ASSERT_EQ(desk.status, 200);
  EXPECT_TRUE(std::regex_search(desk.body, std::regex("<script src=\"/admin/assets/home[^\"]*\\.js\" defer>")))
      << "the script, hashed with the desk's other assets";
  const std::string port_id = ArticleId(desk.body, "الميناء الجديد يستقبل أول سفينة");
  const std::string oil = ArticleId(desk.body, "أسعار النفط ترتفع");
  const std::string sport = ArticleId(desk.body, "المنتخب يتأهل");
  const std::string politics = SectionId(desk.body, "سياسة"), economy = SectionId(desk.body, "اقتصاد"),
                    opinion = SectionId(desk.body, "آراء");
  ASSERT_FALSE(port_id.empty() || oil.empty() || sport.empty() || politics.empty() || economy.empty() ||
               opinion.empty())
      << desk.body.substr(0, 4000);
  const std::string csrf = DeskCsrf(chief);
  Form layout = {{"csrf", csrf},        {"lead", port_id},    {"featured", sport + "," + oil},
                 {"sections", politics}, {"opinion", opinion}, {"op", "save"}};

  // No token: refused, nothing saved.
  Form forged = layout;
  forged[0].second = "forged";
  EXPECT_EQ(chief.Post("/admin/home", forged).status, 403);
  // Too many featured: refused with the reason, nothing saved.
  Form crowded = layout;
  crowded[2].second = sport + "," + oil + ",1,2,3";
  EXPECT_TRUE(Shows(chief.Post("/admin/home", crowded), 400, "أربعة مقالات مميزة"));
  EXPECT_LT(At(Reader("/").body, "أحدث خبر في الموقع"), At(Reader("/").body, "class=\"featured\""))
      << "the reader's page is as before";

  // A move without saving comes back with the layout edited, unsaved.
  Form moved = layout;
  moved[5].second = "down:featured:0";
  Reply unsaved = chief.Post("/admin/home", moved);
  EXPECT_TRUE(Shows(unsaved, 200, "لم يُحفظ بعد"));
  EXPECT_EQ(Field(unsaved.body, "featured"), oil + "," + sport);

  // The preview: the reader's theme with the unsaved layout, never indexed.
  Reply preview = chief.Post("/admin/home/preview", layout);
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(Has(preview.body, "معاينة: هكذا ستظهر الصفحة الرئيسية"));
  EXPECT_TRUE(Has(preview.body, "noindex"));
  const size_t lead_at = At(preview.body, "class=\"lead\"");
  EXPECT_LT(lead_at, At(preview.body, "الميناء الجديد يستقبل أول سفينة"));
  EXPECT_LT(At(preview.body, "الميناء الجديد يستقبل أول سفينة"), At(preview.body, "class=\"featured\""));
  EXPECT_LT(At(Reader("/").body, "أحدث خبر في الموقع"), At(Reader("/").body, "class=\"featured\""))
      << "a preview saves nothing";

  EXPECT_TRUE(RedirectsTo(chief.Post("/admin/home", layout), "/admin/home?done=saved"));
  EXPECT_TRUE(Shows(chief.Get("/admin/home?done=saved"), 200, "حُفظت الصفحة الرئيسية"));
  const std::string home = HomeShowing("id=\"opinion-heading\"");
  const size_t lead = At(home, "class=\"lead\""), featured = At(home, "class=\"featured\"");
  ASSERT_NE(lead, std::string::npos);
  ASSERT_NE(featured, std::string::npos);
  EXPECT_LT(lead, At(home, "الميناء الجديد يستقبل أول سفينة"));
  EXPECT_LT(At(home, "الميناء الجديد يستقبل أول سفينة"), featured) << "the chosen lead";
  EXPECT_LT(featured, At(home, "المنتخب يتأهل"));
  EXPECT_LT(At(home, "المنتخب يتأهل"), At(home, "أسعار النفط ترتفع")) << "the featured row in the desk's order";
  EXPECT_TRUE(Has(home, "<h2 class=\"block-heading\"><a href=\"/section/" + Encode("سياسة") + "\">سياسة</a>"));
  EXPECT_FALSE(Has(home, "<h2 class=\"block-heading\"><a href=\"/section/" + Encode("رياضة") + "\">"))
      << "only the chosen section blocks";
  EXPECT_TRUE(Has(home, "<h2 class=\"block-heading\" id=\"opinion-heading\"><a href=\"/section/")) << home;
  EXPECT_TRUE(Has(home, "سعاد الكاتبة"));
  EXPECT_TRUE(Has(home, "href=\"/writer/")) << "the opinion writer's page";
  // No article twice.
  for (const char* title : {"الميناء الجديد يستقبل أول سفينة", "المنتخب يتأهل", "في معنى الصحافة"}) {
    const size_t first = home.find(std::string(">") + title + "<");
    ASSERT_NE(first, std::string::npos) << title;
    EXPECT_EQ(home.find(std::string(">") + title + "<", first + 1), std::string::npos) << title;
  }
}

// Saving the layout purges the home page and nothing else: an article's
// title changed behind the server's back (no change key) shows on the home
// page, re-rendered, but not on the article's or the section's page, still
// served from the cache.
TEST_F(HomeLayoutTest, SavingPurgesOnlyTheHomePage) {
  Browser chief = As("chief_editor");
  Reply desk = chief.Get("/admin/home");
  const std::string port_id = ArticleId(desk.body, "الميناء الجديد يستقبل أول سفينة");
  ASSERT_FALSE(port_id.empty());
  const std::string article = "/article/" + Encode(std::string("الميناء-الجديد-يستقبل-أول-سفينة"));
  const std::string section = "/section/" + Encode(std::string("اقتصاد"));
  ASSERT_TRUE(Shows(Reader(article), 200, "الميناء الجديد يستقبل أول سفينة"));
  ASSERT_TRUE(Shows(Reader(section), 200, "الميناء الجديد يستقبل أول سفينة"));
  ASSERT_TRUE(Shows(Reader("/"), 200, "الميناء الجديد يستقبل أول سفينة"));

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_ + "/qalam.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  const std::string sql = "UPDATE articles SET title = 'عنوان تغيّر في الخفاء' WHERE id = " + port_id;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  EXPECT_TRUE(RedirectsTo(chief.Post("/admin/home", {{"csrf", DeskCsrf(chief)}, {"lead", port_id}, {"featured", ""},
                                                    {"sections", ""}, {"opinion", ""}, {"op", "save"}}),
                          "/admin/home?done=saved"));
  EXPECT_TRUE(Has(HomeShowing("عنوان تغيّر في الخفاء"), "عنوان تغيّر في الخفاء")) << "the home page was purged";
  EXPECT_TRUE(Shows(Reader(article), 200, "الميناء الجديد يستقبل أول سفينة")) << "the article's page was not";
  EXPECT_FALSE(Has(Reader(article).body, "عنوان تغيّر في الخفاء"));
  EXPECT_TRUE(Shows(Reader(section), 200, "الميناء الجديد يستقبل أول سفينة")) << "the section's page was not";
}

TEST_F(HomeLayoutTest, ListsCarryThumbnailsOfTheFeaturedImage) {
  std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/2026/09/riyadh-skyline-1024x683.jpg",
                   std::ios::binary);
  const std::string photo((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(photo.size(), 1000u);
  Browser chief = As("chief_editor");
  const std::string csrf = DeskCsrf(chief);
  const std::string boundary = "----qalamtestHomeThumb";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nأفق الرياض\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"riyadh.jpg\"\r\n"
          "Content-Type: image/jpeg\r\n\r\n" + photo + "\r\n--" + boundary + "--\r\n";
  Reply up = chief.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(up.status, 303) << up.body.substr(0, 2000);

  Form f = {{"csrf", csrf},
            {"version", "0"},
            {"action", "publish"},
            {"title", "الرياض في صورة"},
            {"highlights", "أفق المدينة عند الغروب."},
            {"body", "نص عن الرياض."},
            {"writer", ""},
            {"writer_bio", ""},
            {"source", ""},
            {"source_url", ""},
            {"section", "اقتصاد"},
            {"tags", "الرياض"},
            {"related", ""},
            {"slug", ""},
            {"image_id", "1"},
            {"image_alt", "أفق الرياض"}};
  Reply published = chief.Post("/admin/articles", f);
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 2000);

  const std::regex thumb(
      "<img src=\"/media/[0-9a-f]{16}-[0-9]+\\.jpg\" srcset=\"/media/[^\"]+ [0-9]+w[^\"]*\" sizes=\"[^\"]+\" "
      "width=\"[0-9]+\" height=\"[0-9]+\" alt=\"\" (loading=\"lazy\" )?decoding=\"async\"");
  const std::vector<std::string> lists = {"/", "/latest", "/section/" + Encode(std::string("اقتصاد")),
                                         "/tag/" + Encode(std::string("الرياض")),
                                         "/search?q=" + Encode(std::string("الرياض"))};
  for (const std::string& target : lists) {
    Reply page = Reader(target);
    ASSERT_EQ(page.status, 200) << target;
    std::smatch m;
    EXPECT_TRUE(std::regex_search(page.body, m, thumb)) << target << "\n" << page.body.substr(0, 6000);
    EXPECT_TRUE(Has(page.body, "<source type=\"image/webp\" srcset=\"/media/")) << target;
    if (target != "/") {
      EXPECT_TRUE(Has(page.body, "loading=\"lazy\"")) << target;
    }
  }
  // Articles without a picture get no box: one <img> on the section's list.
  const std::string list = Reader("/section/" + Encode(std::string("اقتصاد"))).body;
  size_t count = 0;
  for (size_t at = list.find("<img"); at != std::string::npos; at = list.find("<img", at + 1)) ++count;
  EXPECT_EQ(count, 1u);
}

}  // namespace
}  // namespace qalam::testing
