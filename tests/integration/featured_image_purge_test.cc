// Edits to a published article's featured image reach every list showing
// its card, against the real binary: a desk save that changes only the
// image, and the image's alt text edited in the media library (shown where
// the article has none of its own). Each list is read (and so cached) first; after the edit
// it shows the new picture within the server's purge tick, not after the
// cache's own lifetime.
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

#include "desk_client.h"

namespace qalam::testing {
namespace {

const std::string kLines =
    R"J({"id": "n1", "title": "خبر آخر في القسم", "published_at": "2026-12-01T10:00:00Z", "section": "اقتصاد", "writer": {"name": "سلمى حداد"}, "source": {"name": "وكالة الأنباء"}, "tags": ["موانئ"], "body": "نص الخبر."}
)J";

std::string Photo(const std::string& name) {
  std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class FeaturedImagePurgeTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    const std::string file = dir_.path() + "/site.jsonl";
    WriteFile(file, kLines);
    CommandResult r = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start();
    MakeUser("chief_editor", "chief@news.example", "رئيس التحرير");
  }
  // Uploads a picture to the media library: the site's first is number 1.
  void Upload(Browser& b, const std::string& file, const std::string& mime, const std::string& alt) {
    const std::string photo = Photo(file);
    ASSERT_GT(photo.size(), 1000u) << file;
    const std::string boundary = "----qalamtestFeaturedImage";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + DeskCsrf(b) + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n" + alt + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo\"\r\nContent-Type: " +
            mime + "\r\n\r\n" + photo + "\r\n--" + boundary + "--\r\n";
    Reply up = b.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    ASSERT_EQ(up.status, 303) << up.body.substr(0, 2000);
  }
  static Form EditForm(const Reply& editor_page) {
    Form f;
    for (const char* name : {"csrf", "version", "title", "slug", "writer", "source", "source_url", "section", "tags",
                             "editor", "image_id", "image_alt", "image_caption"}) {
      f.emplace_back(name, Field(editor_page.body, name));
    }
    std::smatch m;
    for (const char* area : {"highlights", "body", "writer_bio", "related"}) {
      std::regex re(std::string("<textarea name=\"") + area + "\"[^>]*>([^<]*)</textarea>");
      f.emplace_back(area, std::regex_search(editor_page.body, m, re) ? m[1].str() : "");
    }
    f.emplace_back("action", "save");
    return f;
  }
  static void Set(Form& f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f) {
      if (k == name) v = value;
    }
  }
  Reply Reader(const std::string& target) { return Browser(port_).Get(target); }
  // Past the server's purges of the changes made so far (its tick is 250
  // ms; a publication's related-articles refresh comes 1.5 s after the
  // save and purges its article's page), so that what is read next stays
  // cached until a change names it.
  static void SettleCache() { std::this_thread::sleep_for(std::chrono::milliseconds(2500)); }
  // Whether `target` shows `text` within three seconds (the server purges
  // its cache on its next tick, every 250 ms, after a change).
  bool Eventually(const std::string& target, const std::string& text) {
    for (int i = 0; i < 60; ++i) {
      if (Has(Reader(target).body, text)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
};

// The lists showing the article's card: home, latest, its section, tag,
// writer and source.
const std::vector<std::string>& Lists() {
  static const std::vector<std::string> lists = {
      "/", "/latest", "/section/" + Encode(std::string("اقتصاد")), "/tag/" + Encode(std::string("موانئ")),
      "/writer/" + Encode(std::string("سلمى-حداد")), "/source/" + Encode(std::string("وكالة-الأنباء"))};
  return lists;
}

// The file name of the first picture of `mime`'s kind in a page ("" when none).
std::string FirstPicture(const std::string& page, const std::string& ext) {
  std::smatch m;
  return std::regex_search(page, m, std::regex("<img src=\"/media/([0-9a-f]{16})-[0-9]+\\." + ext + "\""))
             ? m[1].str()
             : "";
}

TEST_F(FeaturedImagePurgeTest, ADeskSaveOfOnlyTheImageReachesEveryList) {
  Browser chief = SignedIn("chief@news.example");
  Upload(chief, "2026/09/riyadh-skyline-1024x683.jpg", "image/jpeg", "أفق الرياض");
  Upload(chief, "2026/09/budget-chart.png", "image/png", "رسم الميزانية");
  Reply created = chief.Post("/admin/articles", {{"csrf", DeskCsrf(chief)}, {"version", "0"}, {"action", "publish"},
                                                 {"title", "ميناء جديد على البحر الأحمر"}, {"highlights", "أول سفينة في مارس."},
                                                 {"body", "أعلنت الهيئة افتتاح الميناء."}, {"writer", "سلمى حداد"},
                                                 {"section", "اقتصاد"}, {"tags", "موانئ"}, {"slug", "port"},
                                                 {"related", ""}, {"source", "وكالة الأنباء"}, {"source_url", ""},
                                                 {"writer_bio", ""}, {"image_id", "1"}, {"image_alt", "أفق الرياض"}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string desk = created.header("location").substr(0, created.header("location").find('?'));
  SettleCache();
  for (const std::string& list : Lists()) {
    ASSERT_TRUE(Eventually(list, "ميناء جديد على البحر الأحمر")) << list;
    ASSERT_FALSE(FirstPicture(Reader(list).body, "jpg").empty()) << list << ": the photo, now cached";
  }

  // Only the image changes, in a minor edit (which leaves «آخر تحديث», and
  // so the article's content, as they were): the chart for the photo.
  Form edit = EditForm(chief.Get(desk));
  ASSERT_EQ(Field(chief.Get(desk).body, "image_id"), "1");
  Set(edit, "image_id", "2");
  Set(edit, "image_alt", "رسم الميزانية");
  edit.emplace_back("minor", "1");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  for (const std::string& list : Lists()) {
    EXPECT_TRUE(Eventually(list, ".png\"")) << list << ": still the old picture";
    EXPECT_TRUE(FirstPicture(Reader(list).body, "jpg").empty()) << list;
  }
  // The article's own page shows it too (as before).
  EXPECT_TRUE(Eventually("/article/port", "alt=\"رسم الميزانية\""));
}

TEST_F(FeaturedImagePurgeTest, AnImagesAltTextEditedInTheLibraryReachesItsArticleAndLists) {
  Browser chief = SignedIn("chief@news.example");
  Upload(chief, "2026/09/riyadh-skyline-1024x683.jpg", "image/jpeg", "منظر الرياض");
  Reply created = chief.Post("/admin/articles", {{"csrf", DeskCsrf(chief)}, {"version", "0"}, {"action", "publish"},
                                                 {"title", "الرياض في صورة"}, {"highlights", "أفق المدينة."},
                                                 {"body", "نص عن الرياض."}, {"writer", "سلمى حداد"},
                                                 {"section", "اقتصاد"}, {"tags", "موانئ"}, {"slug", "riyadh"},
                                                 {"related", ""}, {"source", ""}, {"source_url", ""},
                                                 {"writer_bio", ""}, {"image_id", "1"}, {"image_alt", "أفق الرياض"}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  SettleCache();
  // No alt text of the article's own, as an import leaves an image without
  // one (a WordPress attachment's empty alt): the library's shows. Cleared
  // before any reader's page is built, after the publication's purge.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_ + "/qalam.db").c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE articles SET image_alt = '' WHERE slug = 'riyadh'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  SettleCache();
  const std::vector<std::string> documents = {"/article/riyadh", "/feed", "/section/" + Encode(std::string("اقتصاد")) + "/feed",
                                              "/api/v1/articles?section=" + Encode(std::string("اقتصاد"))};
  for (const std::string& d : documents) {
    ASSERT_TRUE(Eventually(d, "منظر الرياض")) << d << ": the library's alt text, now cached";
  }

  ASSERT_EQ(chief.Post("/admin/media/1", {{"csrf", DeskCsrf(chief)}, {"alt", "الرياض عند الغروب"}}).status, 303);
  for (const std::string& d : documents) {
    EXPECT_TRUE(Eventually(d, "الرياض عند الغروب")) << d << ": still the old alt text";
  }
}

}  // namespace
}  // namespace qalam::testing
