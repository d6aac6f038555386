// The editor's desk against the real binary: writing, review, publishing,
// scheduling with an injected clock, revisions and their diff, conflicts,
// autosave, preview, the trash, article redirects, media uploads and the
// role checks on every route.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "arabic/dates.h"
#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;  // 2026-01-01 09:00 UTC (12:00 in Riyadh).

std::string Local(int64_t t) { return FormatIsoDateTime(t, "Asia/Riyadh").substr(0, 16); }

// A 2×1 PNG, written by hand: the smallest real image an upload can carry.
const std::string kPng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00\x7b\x40\xe8"
    "\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63\x38\x21\x07\x04"
    "\x27\x00\x07\x23\x02\x09\xe4\x58\x88\x39\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82",
    70);

class ArticlesTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    clock_file_ = dir_.path() + "/clock";
    SetClock(kStart);
    Start("off", {"--clock-file", clock_file_});
    for (const char* role : {"writer", "editor", "chief_editor", "moderator"}) {
      MakeUser(role, std::string(role) + "@news.example", std::string("اسم ") + role);
    }
  }
  void SetClock(int64_t t) {
    now_ = t;
    WriteFile(clock_file_, std::to_string(t));
  }
  Browser As(const std::string& role) { return SignedIn(role + "@news.example"); }
  static Form ArticleForm(const std::string& csrf, const std::string& action, const std::string& version = "0") {
    return {{"csrf", csrf},
            {"version", version},
            {"action", action},
            {"title", "ميناء جديد على البحر الأحمر"},
            {"highlights", "الميناء يستقبل أول سفينة في مارس.\nكلفة المشروع مليار دولار."},
            {"body", "أعلنت الهيئة العامة للموانئ افتتاح الميناء.\n\nوقال المتحدث إن العمل بدأ قبل عامين."},
            {"writer", "هدى الضيفة"},
            {"writer_bio", "صحفية متخصصة في النقل البحري."},
            {"source", "صحيفة الشروق"},
            {"source_url", "https://shorouk.example/port"},
            {"section", "اقتصاد"},
            {"tags", "موانئ، النقل البحري"},
            {"related", ""},
            {"slug", ""}};
  }
  // Creates the article as the writer; returns its desk address.
  std::string WriterDraft(Browser& writer, const std::string& action = "save") {
    Reply r = writer.Post("/admin/articles", ArticleForm(DeskCsrf(writer), action));
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    const std::string location = r.header("location");
    return location.substr(0, location.find('?'));
  }
  static Form EditForm(const Reply& editor_page, const std::string& action) {
    Form f;
    for (const char* name : {"csrf", "version", "title", "slug", "writer", "source", "source_url", "section",
                             "tags", "editor", "image_id", "image_alt", "image_caption"}) {
      f.emplace_back(name, Field(editor_page.body, name));
    }
    std::smatch m;
    for (const char* area : {"highlights", "body", "writer_bio", "related"}) {
      std::regex re(std::string("<textarea name=\"") + area + "\"[^>]*>([^<]*)</textarea>");
      f.emplace_back(area, std::regex_search(editor_page.body, m, re) ? m[1].str() : "");
    }
    f.emplace_back("action", action);
    return f;
  }
  static std::string& Value(Form& f, const std::string& name) {
    for (auto& [k, v] : f) if (k == name) return v;
    f.emplace_back(name, "");
    return f.back().second;
  }

  std::string clock_file_;
  int64_t now_ = 0;
};

TEST_F(ArticlesTest, WriterDraftsChiefSchedulesItGoesLiveThenAnEditShowsInTheDiff) {
  Browser writer = As("writer");
  const std::string desk = WriterDraft(writer);
  ASSERT_FALSE(desk.empty());
  Reply page = writer.Get(desk);
  EXPECT_TRUE(Shows(page, 200, "ميناء جديد على البحر الأحمر"));
  EXPECT_TRUE(Has(page.body, "مسودة"));
  EXPECT_FALSE(Has(page.body, "value=\"publish\"")) << "a writer cannot publish";
  // A writer's own submit; a forged publish changes nothing.
  EXPECT_EQ(writer.Post(desk, EditForm(page, "publish")).status, 403);
  EXPECT_EQ(writer.Post(desk, EditForm(page, "submit")).status, 303);
  EXPECT_TRUE(Has(writer.Get(desk).body, "بانتظار المراجعة"));

  Browser chief = As("chief_editor");
  Reply review = chief.Get("/admin/articles?state=review");
  EXPECT_TRUE(Shows(review, 200, "ميناء جديد على البحر الأحمر"));
  page = chief.Get(desk);
  Form schedule = EditForm(page, "schedule");
  Value(schedule, "schedule_at") = Local(now_ + 60);
  Reply scheduled = chief.Post(desk, schedule);
  ASSERT_EQ(scheduled.status, 303) << scheduled.body.substr(0, 2000);
  EXPECT_TRUE(Has(chief.Get(desk).body, "مجدول"));
  const std::string slug = Field(chief.Get(desk).body, "slug");
  const std::string url = "/article/" + Encode(slug);
  Browser reader(port_);
  EXPECT_EQ(reader.Get(url).status, 404) << "not before its time";

  SetClock(now_ + 61);
  Reply live;
  for (int i = 0; i < 40 && (live = reader.Get(url)).status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(Shows(live, 200, "بقلم: <a href=\"/writer/"));
  EXPECT_TRUE(Has(live.body, "هدى الضيفة") && Has(live.body, "صحفية متخصصة في النقل البحري."));
  EXPECT_TRUE(Has(live.body, "صحيفة الشروق") && Has(live.body, "https://shorouk.example/port"));
  EXPECT_TRUE(Has(live.body, "<p>الميناء يستقبل أول سفينة في مارس.</p>"));
  EXPECT_TRUE(Has(reader.Get("/").body, "ميناء جديد على البحر الأحمر")) << "the home page was purged";
  MakeUser("admin", "admin@news.example", "المدير");
  EXPECT_TRUE(Has(SignedIn("admin@news.example").Get("/admin/audit").body, "article.publish"));

  // A day later the chief editor changes a paragraph: "آخر تحديث" moves.
  SetClock(now_ + 86400);
  page = chief.Get(desk);
  Form edit = EditForm(page, "save");
  std::string& body = Value(edit, "body");
  body = std::regex_replace(body, std::regex("قبل عامين"), "قبل ثلاثة أعوام");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  Reply updated;
  for (int i = 0; i < 40; ++i) {
    updated = reader.Get(url);
    if (Has(updated.body, "قبل ثلاثة أعوام")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(Has(updated.body, "قبل ثلاثة أعوام"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(updated.body, m, std::regex("آخر تحديث : <time datetime=\"([^\"]+)\"")));
  EXPECT_EQ(m[1].str().substr(0, 10), FormatIsoDateTime(now_, "Asia/Riyadh").substr(0, 10));

  Reply history = chief.Get(desk + "/history");
  EXPECT_TRUE(Shows(history, 200, "<del>عامين"));
  EXPECT_TRUE(Has(history.body, "<ins>ثلاثة أعوام"));
  EXPECT_TRUE(Has(history.body, "اسم chief_editor"));
  // Counted as Arabic counts: two words in, one out (once «8 كلمة»).
  EXPECT_TRUE(Has(history.body, "أُضيفت كلمتان وحُذفت كلمة واحدة.")) << history.body.substr(0, 4000);
}

TEST_F(ArticlesTest, AMinorEditKeepsTheLastUpdateTime) {
  Browser chief = As("chief_editor");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "publish"));
  ASSERT_EQ(r.status, 303);
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));
  SetClock(now_ + 3 * 86400);
  Reply page = chief.Get(desk);
  Form edit = EditForm(page, "save");
  Value(edit, "body") += " تصحيح";
  edit.emplace_back("minor", "1");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  Reply article = Browser(port_).Get("/article/" + Encode(Field(chief.Get(desk).body, "slug")));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(article.body, m, std::regex("آخر تحديث : <time datetime=\"([^\"]+)\"")));
  EXPECT_EQ(m[1].str().substr(0, 10), FormatIsoDateTime(kStart, "Asia/Riyadh").substr(0, 10));
  EXPECT_TRUE(Has(chief.Get(desk + "/history").body, "تعديل طفيف"));
}

TEST_F(ArticlesTest, TwoEditorsCannotOverwriteEachOtherSilently) {
  Browser chief = As("chief_editor");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "save"));
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));
  Browser editor_a = As("chief_editor");
  Browser editor_b = As("chief_editor");
  Reply page_a = editor_a.Get(desk), page_b = editor_b.Get(desk);
  Form a = EditForm(page_a, "save"), b = EditForm(page_b, "save");
  Value(a, "title") = "عنوان المحرر الأول";
  Value(b, "title") = "عنوان المحرر الثاني";
  ASSERT_EQ(editor_a.Post(desk, a).status, 303);
  Reply clash = editor_b.Post(desk, b);
  EXPECT_TRUE(Shows(clash, 409, "فلم يُحفظ تعديلك"));
  EXPECT_TRUE(Has(clash.body, "value=\"عنوان المحرر الثاني\"")) << "the typed text is kept";
  EXPECT_TRUE(Has(chief.Get(desk).body, "value=\"عنوان المحرر الأول\"")) << "nothing was overwritten";
  // Saving again from the conflict page is a knowing choice: it carries the new version.
  Form again = EditForm(clash, "save");
  ASSERT_EQ(editor_b.Post(desk, again).status, 303);
  EXPECT_TRUE(Has(chief.Get(desk).body, "value=\"عنوان المحرر الثاني\""));
}

// The autosave read its base version with an unchecked std::from_chars:
// "7x" or "" went on as some number. Now the form is refused.
TEST_F(ArticlesTest, AutosaveRefusesAVersionThatIsNotANumber) {
  Browser chief = As("chief_editor");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "save"));
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));
  Form typing = EditForm(chief.Get(desk), "save");
  Value(typing, "version") = "1x";
  Reply refused = chief.Post(desk + "/autosave", typing);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(Has(refused.body, "النموذج ناقص"));
}

TEST_F(ArticlesTest, AutosaveKeepsTypingAndWarnsOthers) {
  Browser chief = As("chief_editor");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "save"));
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));
  Reply page = chief.Get(desk);
  Form typing = EditForm(page, "save");
  Value(typing, "body") += "\n\nفقرة لم تُحفظ بعد.";
  Reply saved = chief.Post(desk + "/autosave", typing);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto answer = nlohmann::json::parse(saved.body);
  EXPECT_FALSE(answer["changed"].get<bool>());
  EXPECT_TRUE(answer["others"].empty());
  // The stored article did not change…
  Browser chief2 = As("chief_editor");
  EXPECT_FALSE(Has(chief2.Get(desk).body, "فقرة لم تُحفظ بعد"));
  // …the same person is offered the autosaved text; someone else is warned.
  Reply reopened = chief.Get(desk);
  EXPECT_TRUE(Has(reopened.body, "لديك نص محفوظ تلقائيًا"));
  EXPECT_TRUE(Has(chief.Get(desk + "?autosave=1").body, "فقرة لم تُحفظ بعد"));
  MakeUser("admin", "admin@news.example", "المدير");
  Reply other = SignedIn("admin@news.example").Get(desk);
  EXPECT_TRUE(Shows(other, 200, "يحرر اسم chief_editor هذا المقال الآن"));
  // Without the anti-forgery token nothing is saved.
  Form forged = typing;
  Value(forged, "csrf") = "forged";
  EXPECT_EQ(chief.Post(desk + "/autosave", forged).status, 403);
}

TEST_F(ArticlesTest, PreviewRendersTheUnsavedArticleAsTheSiteWould) {
  Browser writer = As("writer");
  Form f = ArticleForm(DeskCsrf(writer), "save");
  Value(f, "body") = "نص **المعاينة** هنا.";
  Reply preview = writer.Post("/admin/preview", f);
  EXPECT_TRUE(Shows(preview, 200, "<strong>المعاينة</strong>"));
  EXPECT_TRUE(Has(preview.body, "معاينة: هكذا ستظهر الصفحة"));
  EXPECT_TRUE(Has(preview.body, "class=\"article-title\">ميناء جديد على البحر الأحمر"));
  EXPECT_EQ(preview.header("cache-control"), "no-store");
  EXPECT_EQ(Browser(port_).Get("/admin/articles?state=draft").status, 303) << "signed out: to the login page";
}

TEST_F(ArticlesTest, BadInputIsRefusedInArabicAndKeepsWhatWasTyped) {
  Browser writer = As("writer");
  Form f = ArticleForm(DeskCsrf(writer), "save");
  Value(f, "title") = "   ";
  Value(f, "body") = "نص كتبه الكاتب ولا يضيع.";
  Reply r = writer.Post("/admin/articles", f);
  EXPECT_TRUE(Shows(r, 400, "العنوان مطلوب."));
  EXPECT_TRUE(Has(r.body, "نص كتبه الكاتب ولا يضيع."));
  Value(f, "title") = "عنوان";
  Value(f, "source_url") = "javascript:alert(1)";
  EXPECT_TRUE(Shows(writer.Post("/admin/articles", f), 400, "عنوان المصدر يجب أن يبدأ"));
  Value(f, "source_url") = "";
  Value(f, "image_id") = "1";
  EXPECT_TRUE(Shows(writer.Post("/admin/articles", f), 400, "النص البديل"));
}

// Issue 15: two previews of such a body stalled both I/O threads for 20 s.
// The form refuses it first, for the preview and the save alike, in Arabic,
// and the save keeps what was typed.
TEST_F(ArticlesTest, ABodyPastTheMarkdownBoundsIsRefusedByThePreviewAndTheSave) {
  Browser writer = As("writer");
  Form f = ArticleForm(DeskCsrf(writer), "save");
  std::string body = "مقدمة.\n\n";
  for (int i = 0; i < 10000; ++i) body += "![[]()";
  Value(f, "body") = body;
  EXPECT_TRUE(Shows(writer.Post("/admin/preview", f), 400, "في نص المقال أكثر من 4000 قوس مربع «[» للروابط والصور (السطر 3)."));
  Reply saved = writer.Post("/admin/articles", f);
  EXPECT_TRUE(Shows(saved, 400, "أكثر من 4000 قوس مربع"));
  EXPECT_TRUE(Has(saved.body, "![[]()![[]()"));
  Value(f, "body") = std::string(40, '>') + " اقتباس";
  EXPECT_TRUE(Shows(writer.Post("/admin/preview", f), 400, "يتداخل فيه أكثر من 32 مستوى من القوائم والاقتباسات"));
}

TEST_F(ArticlesTest, RolesOnEveryRoute) {
  Browser writer = As("writer");
  const std::string desk = WriterDraft(writer);
  Browser moderator = As("moderator");
  EXPECT_EQ(moderator.Get("/admin/articles").status, 403);
  EXPECT_EQ(moderator.Get("/admin/articles/new").status, 403);
  EXPECT_EQ(moderator.Get(desk).status, 403);
  EXPECT_EQ(moderator.Get("/admin/media").status, 403);
  Browser editor = As("editor");
  // An editor sees a colleague's draft and may send it for review, not publish it.
  Reply page = editor.Get(desk);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(editor.Post(desk, EditForm(page, "publish")).status, 403);
  EXPECT_EQ(editor.Post(desk, EditForm(page, "submit")).status, 303);
  // Another writer cannot open it at all.
  MakeUser("writer", "writer2@news.example", "كاتب آخر");
  Browser other = SignedIn("writer2@news.example");
  EXPECT_EQ(other.Get(desk).status, 403);
  EXPECT_EQ(other.Get(desk + "/history").status, 403);
  EXPECT_EQ(writer.Post("/admin/articles/trash/empty", {{"csrf", DeskCsrf(writer)}}).status, 403);
}

TEST_F(ArticlesTest, TrashRestoreAndAnEditedSlugRedirects) {
  Browser chief = As("chief_editor");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "publish"));
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));
  Reply page = chief.Get(desk);
  const std::string old_url = "/article/" + Encode(Field(page.body, "slug"));
  Form rename = EditForm(page, "save");
  Value(rename, "slug") = "ميناء-البحر-الأحمر";
  ASSERT_EQ(chief.Post(desk, rename).status, 303);
  Browser reader(port_);
  Reply moved = reader.Get(old_url);
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), "/article/" + Encode("ميناء-البحر-الأحمر"));

  page = chief.Get(desk);
  ASSERT_EQ(chief.Post(desk, EditForm(page, "trash")).status, 303);
  Reply gone;
  for (int i = 0; i < 20 && (gone = reader.Get("/article/" + Encode("ميناء-البحر-الأحمر"))).status != 404; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(gone.status, 404);
  EXPECT_TRUE(Has(chief.Get("/admin/articles?state=trashed").body, "ميناء جديد على البحر الأحمر"));
  page = chief.Get(desk);
  EXPECT_TRUE(Has(page.body, "هذا المقال في سلة المحذوفات."));
  ASSERT_EQ(chief.Post(desk, {{"csrf", Field(page.body, "csrf")}, {"version", Field(page.body, "version")},
                              {"action", "restore"}}).status, 303);
  EXPECT_TRUE(Has(chief.Get(desk).body, "مسودة"));
  // Emptying the trash deletes only what has been there 30 days, and says so in the log.
  page = chief.Get(desk);
  ASSERT_EQ(chief.Post(desk, EditForm(page, "trash")).status, 303);
  EXPECT_EQ(chief.Post("/admin/articles/trash/empty", {{"csrf", DeskCsrf(chief)}}).status, 303);
  EXPECT_EQ(chief.Get(desk).status, 200);
  SetClock(now_ + 31 * 86400);
  chief = As("chief_editor");  // The session ended with the month.
  EXPECT_EQ(chief.Post("/admin/articles/trash/empty", {{"csrf", DeskCsrf(chief)}}).status, 303);
  EXPECT_EQ(chief.Get(desk).status, 404);
  MakeUser("admin", "admin@news.example", "المدير");
  EXPECT_TRUE(Has(SignedIn("admin@news.example").Get("/admin/audit").body, "article.delete"));
}

// The SEO fields and a republished piece's canonical address, through the
// editor: refused in Arabic when incomplete, kept on the desk, and what
// search engines and social networks read on the reader's page.
TEST_F(ArticlesTest, SeoFieldsAndTheOriginalAsCanonicalThroughTheEditor) {
  Browser chief = As("chief_editor");
  Form f = ArticleForm(DeskCsrf(chief), "publish");
  f.emplace_back("seo_title", "ميناء البحر الأحمر يفتح أبوابه");
  f.emplace_back("seo_description", "أول سفينة في مارس، بكلفة مليار دولار.");
  f.emplace_back("canonical_original", "1");
  EXPECT_TRUE(Shows(chief.Post("/admin/articles", f), 400, "اكتب رابطه")) << "canonical without the address";
  f.emplace_back("original_url", "javascript:alert(1)");
  EXPECT_TRUE(Shows(chief.Post("/admin/articles", f), 400, "رابط المقال الأصلي"));
  Value(f, "original_url") = "https://shorouk.example/2026/port";
  Reply published = chief.Post("/admin/articles", f);
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 2000);
  const std::string desk = published.header("location").substr(0, published.header("location").find('?'));
  const std::string editor = chief.Get(desk).body;
  EXPECT_TRUE(Has(editor, "name=\"seo_title\" value=\"ميناء البحر الأحمر يفتح أبوابه\""));
  EXPECT_TRUE(Has(editor, "name=\"canonical_original\" value=\"1\" checked"));
  EXPECT_TRUE(Has(editor, "data-seo-preview=\"title\">ميناء البحر الأحمر يفتح أبوابه<")) << "the preview, before any script";
  const std::string page = Browser(port_).Get("/article/" + Encode(Field(editor, "slug"))).body;
  EXPECT_TRUE(Has(page, "<title>ميناء البحر الأحمر يفتح أبوابه - ")) << page.substr(0, 3000);
  EXPECT_TRUE(Has(page, "<meta name=\"description\" content=\"أول سفينة في مارس، بكلفة مليار دولار.\">"));
  EXPECT_TRUE(Has(page, "<link rel=\"canonical\" href=\"https://shorouk.example/2026/port\">"));
  EXPECT_TRUE(Has(page, "href=\"https://shorouk.example/2026/port\"")) << "the source's original link";

  // Unticked: the site's own address is canonical again.
  Form again = ArticleForm(DeskCsrf(chief), "save", Field(editor, "version"));
  Value(again, "title") = "ميناء جديد على البحر الأحمر";
  again.emplace_back("original_url", "https://shorouk.example/2026/port");
  ASSERT_EQ(chief.Post(desk, again).status, 303);
  Reply after;
  for (int i = 0; i < 30; ++i) {
    after = Browser(port_).Get("/article/" + Encode(Field(chief.Get(desk).body, "slug")));
    if (!Has(after.body, "href=\"https://shorouk.example/2026/port\">")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(Has(after.body, "<link rel=\"canonical\" href=\"https://shorouk.example")) << after.body.substr(0, 3000);
  EXPECT_FALSE(Has(after.body, "content=\"ميناء البحر الأحمر يفتح أبوابه\"")) << "the SEO title was cleared";
}

// A newsroom photo of 10 MB goes through the desk (Beast used to refuse
// any body over 1 MiB while still reading the header, before the media
// route raised the limit: 413 at 1.6 MB, a dropped connection at 3.6 MB).
// Other routes keep their 1 MiB.
TEST_F(ArticlesTest, ATenMegabytePhotoUploadsThroughTheDesk) {
  std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/2026/09/riyadh-skyline-1024x683.jpg",
                   std::ios::binary);
  const std::string small((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(small.size(), 1000u);
  // The camera's metadata: APP15 segments of 64 KB after SOI, as large
  // photos carry (EXIF, XMP, previews), up to 10,000,000 bytes.
  std::string photo = small.substr(0, 2);
  const size_t rest = small.size() - 2;
  while (photo.size() + rest < 10000000) {
    const size_t len = std::min<size_t>(65533, 10000000 - photo.size() - rest - 4 + 2);
    photo += "\xFF\xEF";
    photo += static_cast<char>(len >> 8);
    photo += static_cast<char>(len & 0xFF);
    photo += std::string(len - 2, 'x');
  }
  photo += small.substr(2);
  ASSERT_GE(photo.size(), 10000000u);

  Browser writer = As("writer");
  const std::string csrf = DeskCsrf(writer);
  const std::string boundary = "----qalamtestLargePhoto";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nأفق الرياض\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"riyadh.jpg\"\r\n"
          "Content-Type: image/jpeg\r\n\r\n" + photo + "\r\n--" + boundary + "--\r\n";
  Reply r = writer.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  EXPECT_TRUE(Shows(writer.Get(r.header("location")), 200, "أفق الرياض"));

  // A comment of 2 MB is still refused (413 before its body is read; a
  // client still sending it may see the connection closed first).
  try {
    Reply big = writer.Send("POST", "/comments", std::string(2 * 1024 * 1024, 'x'),
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(big.status, 413);
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("Broken pipe"), std::string::npos) << e.what();
  }
}

TEST_F(ArticlesTest, MediaUploadMakesSizesAndAHostileFileLeavesNothing) {
  Browser writer = As("writer");
  const std::string csrf = DeskCsrf(writer);
  auto upload = [&](const std::string& filename, const std::string& bytes, const std::string& alt) {
    const std::string boundary = "----qalamtest7MA4YWxkTrZu0gW";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n" + alt + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
            "\"\r\nContent-Type: image/jpeg\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return writer.Send("POST", "/admin/media", body,
                       {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  };
  const std::string media_dir = data_ + "/media";
  Reply hostile = upload("photo.jpg", "<html><script>alert(1)</script></html>", "صورة");
  EXPECT_TRUE(Shows(hostile, 400, "JPEG"));
  EXPECT_FALSE(std::filesystem::exists(media_dir) && !std::filesystem::is_empty(media_dir));
  EXPECT_TRUE(Shows(upload("x.png", kPng, ""), 400, "وصفًا للصورة"));

  Reply ok = upload("x.png", kPng, "شعار الميناء");
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 2000);
  Reply library = writer.Get(ok.header("location"));
  EXPECT_TRUE(Shows(library, 200, "رُفعت الصورة"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(library.body, m, std::regex("src=\"(/media/[0-9a-f]{16}-2\\.png)\"")));
  Reply image = Browser(port_).Get(m[1].str());
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.header("content-type"), "image/png");
  EXPECT_EQ(image.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Browser(port_).Get("/media/..%2fqalam.db").status, 404);

  // The image as an article's featured image: srcset on the page, alt required.
  Browser chief = As("chief_editor");
  Form f = ArticleForm(DeskCsrf(chief), "publish");
  Value(f, "image_id") = "1";
  Value(f, "image_alt") = "شعار الميناء الجديد";
  Value(f, "image_caption") = "الشعار كما عُرض في حفل الإطلاق";
  Reply published = chief.Post("/admin/articles", f);
  ASSERT_EQ(published.status, 303);
  const std::string desk = published.header("location").substr(0, published.header("location").find('?'));
  Reply article = Browser(port_).Get("/article/" + Encode(Field(chief.Get(desk).body, "slug")));
  EXPECT_TRUE(Shows(article, 200, "alt=\"شعار الميناء الجديد\""));
  EXPECT_TRUE(Has(article.body, "type=\"image/webp\" srcset=\"/media/"));
  EXPECT_TRUE(Has(article.body, "<figcaption><span class=\"caption\">الشعار كما عُرض في حفل الإطلاق</span></figcaption>"));
  EXPECT_TRUE(Has(chief.Get(desk).body, "name=\"image_caption\" value=\"الشعار كما عُرض في حفل الإطلاق\""));

  // The same image as the guest writer's portrait: on the byline and the writer's page.
  Reply names = chief.Get("/admin/names/person?q=" + Encode("هدى"));
  std::smatch link;
  ASSERT_TRUE(std::regex_search(names.body, link, std::regex("href=\"(/admin/names/person/[0-9]+)\"")));
  Reply edit_page = chief.Get(link[1].str());
  std::smatch bio;
  ASSERT_TRUE(std::regex_search(edit_page.body, bio, std::regex("<textarea name=\"bio\"[^>]*>([^<]*)</textarea>")));
  ASSERT_EQ(chief.Post(link[1].str(), {{"csrf", Field(edit_page.body, "csrf")}, {"name", "هدى الضيفة"},
                                       {"bio", bio[1].str()}, {"photo_id", "1"}}).status, 303);
  Reply with_photo;
  for (int i = 0; i < 30; ++i) {
    with_photo = Browser(port_).Get("/article/" + Encode(Field(chief.Get(desk).body, "slug")));
    if (Has(with_photo.body, "class=\"byline-photo\"")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(Has(with_photo.body, "class=\"byline-photo\" src=\"/media/"));
  std::smatch writer_page;
  ASSERT_TRUE(std::regex_search(with_photo.body, writer_page, std::regex("href=\"(/writer/[^\"]+)\" rel=\"author\"")));
  EXPECT_TRUE(Has(Browser(port_).Get(writer_page[1].str()).body, "alt=\"صورة هدى الضيفة\""));
}

}  // namespace
}  // namespace qalam::testing
