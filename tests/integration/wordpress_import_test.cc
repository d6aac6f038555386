// A WordPress site moved into Qalam with `qalam import`, as an operator does
// it: the Arabic site of tests/fixtures/wordpress (made by Debian's real
// WordPress 6.1, see its README), its uploads, every old address answered
// with a 301 on a running server, re-imports that change nothing, and
// exports that are refused whole.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "core/model.h"
#include "core/text.h"
#include "server_process.h"
#include "store/open_store.h"

namespace qalam::testing {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/" + name;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The "  articles  N created, N updated, N unchanged" line of a report.
std::string CountsLine(const std::string& report, const std::string& what) {
  std::regex line("\\n  " + what + " +([^\\n]*)");
  std::smatch m;
  return std::regex_search(report, m, line) ? m[1].str() : "(no " + what + " line)";
}

int64_t CountRows(const std::string& data, const std::string& sql_kind) {
  std::unique_ptr<Store> store;
  EXPECT_TRUE(OpenStore(data, StoreOptions{}, &store).ok());
  int64_t published = 0, drafts = 0;
  EXPECT_TRUE(store->CountArticles(&published, &drafts).ok());
  return sql_kind == "published" ? published : drafts;
}

class WordPressImportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    data_ = dir_->path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    welcome_ = CountRows(data_, "published");
    first_ = new CommandResult(RunQalam({"import", "--data", data_, Fixture("arabic-site.xml"),
                                         "--media-dir", Fixture("uploads")}));
    server_ = new ServerProcess(data_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete first_;
    delete dir_;
  }
  // The Location of a 301 for `target`, "" (with a failure) otherwise.
  static std::string MovedTo(const std::string& target) {
    HttpResult r = Get(server_->port(), target);
    EXPECT_EQ(r.status, 301) << target;
    return r.header("location");
  }
  static TempDir* dir_;
  static std::string data_;
  static CommandResult* first_;
  static ServerProcess* server_;
  static int64_t welcome_;  // Articles a new site has.
};
int64_t WordPressImportTest::welcome_ = 0;
TempDir* WordPressImportTest::dir_ = nullptr;
std::string WordPressImportTest::data_;
CommandResult* WordPressImportTest::first_ = nullptr;
ServerProcess* WordPressImportTest::server_ = nullptr;

TEST_F(WordPressImportTest, ReportsWhatItCreatedMappedAndCouldNotDo) {
  ASSERT_EQ(first_->exit_code, 0) << first_->err << first_->out;
  const std::string& out = first_->out;
  EXPECT_NE(out.find("WordPress site news.example.test (WXR 1.2"), std::string::npos) << out;
  // 19 posts (10–28) and 5 pages (29–33); 24 comments less one pingback;
  // 6 images; 5 authors.
  EXPECT_EQ(CountsLine(out, "articles"), "19 created, 0 updated, 0 unchanged");
  EXPECT_EQ(CountsLine(out, "pages"), "5 created, 0 updated, 0 unchanged");
  EXPECT_EQ(CountsLine(out, "comments"), "23 created, 0 updated, 0 unchanged");
  EXPECT_EQ(CountsLine(out, "images"), "6 created, 0 updated, 0 unchanged");
  EXPECT_EQ(CountsLine(out, "accounts"), "5 created, 0 updated, 0 unchanged");
  EXPECT_NE(out.find("post status future → scheduled at its date: 1"), std::string::npos) << out;
  EXPECT_NE(out.find("sticky post → pinned on the home page: 1"), std::string::npos);
  EXPECT_NE(out.find("skipped: comment type pingback: 1"), std::string::npos);
  // Problems name the WordPress item.
  EXPECT_NE(out.find("post 28: shortcode: contact-form-7"), std::string::npos) << out;
  EXPECT_NE(out.find("post 22: protected by a password"), std::string::npos);
  EXPECT_NE(out.find("comment 19: its parent 18 is not in the export"), std::string::npos);
  // 13 public posts: 10–21 and 28, not the password-protected 22.
  EXPECT_EQ(CountRows(data_, "published"), welcome_ + 13);
}

TEST_F(WordPressImportTest, EveryOldPermalinkLandsOnItsArticle) {
  EXPECT_EQ(MovedTo("/2026/09/budget-2027-education-health/"), "/article/budget-2027-education-health");
  EXPECT_EQ(MovedTo("/2026/09/budget-2027-education-health"), "/article/budget-2027-education-health");
  const std::string arabic = "/article/" + Encode("حدائق-الرياض-الجديدة");
  EXPECT_EQ(MovedTo("/2026/09/%d8%ad%d8%af%d8%a7%d8%a6%d9%82-%d8%a7%d9%84%d8%b1%d9%8a%d8%a7%d8%b6-"
                    "%d8%a7%d9%84%d8%ac%d8%af%d9%8a%d8%af%d8%a9/"),
            arabic);
  EXPECT_EQ(MovedTo("/2026/09/" + Encode("حدائق-الرياض-الجديدة")), arabic);
  EXPECT_EQ(MovedTo("/?p=10"), arabic);
  EXPECT_EQ(MovedTo("/?p=11&utm_source=x"), "/article/budget-2027-education-health");
  // Old slug and old date, as WordPress itself redirected them.
  EXPECT_EQ(MovedTo("/2026/10/ai-newsrooms/"), "/article/ai-in-arab-newsrooms");
  EXPECT_EQ(MovedTo("/2026/10/late-heatwave-central-region/"), "/article/late-heatwave-central-region");
  // Pages.
  EXPECT_EQ(MovedTo("/about-us/"), "/page/about-us");
  EXPECT_EQ(MovedTo("/about-us/team/"), "/page/team");
  EXPECT_EQ(MovedTo("/?page_id=31"), "/page/contact");
  HttpResult landed = Get(server_->port(), "/article/budget-2027-education-health");
  EXPECT_EQ(landed.status, 200);
  EXPECT_NE(landed.body.find("الميزانية العامة: ارتفاع الإنفاق على التعليم والصحة"), std::string::npos);
}

TEST_F(WordPressImportTest, NamesAndFeedsLandOnTheirPages) {
  const std::string economy = MovedTo("/category/economy/");
  EXPECT_EQ(economy.rfind("/section/", 0), 0u) << economy;
  EXPECT_EQ(Get(server_->port(), economy).status, 200);
  const std::string football = MovedTo("/category/sports/football/");
  EXPECT_EQ(football.rfind("/section/", 0), 0u) << football;
  EXPECT_EQ(MovedTo("/tag/oil/").rfind("/tag/", 0), 0u);
  const std::string writer = MovedTo("/author/khalid/");
  EXPECT_EQ(writer, "/writer/" + Encode("خالد-المنصور"));
  EXPECT_EQ(Get(server_->port(), writer).status, 200);
  // The old site's feeds land on ours, which answer.
  EXPECT_EQ(MovedTo("/feed/"), "/feed");
  EXPECT_EQ(MovedTo("/?feed=rss2"), "/feed");
  EXPECT_EQ(MovedTo("/?feed=atom"), "/feed/atom");
  EXPECT_EQ(MovedTo("/category/economy/feed/"), economy + "/feed");
  EXPECT_EQ(MovedTo("/tag/oil/feed/").rfind("/tag/", 0), 0u);
  EXPECT_EQ(MovedTo("/author/khalid/feed/"), writer + "/feed");
  for (const std::string& feed : {std::string("/feed"), economy + "/feed", writer + "/feed"}) {
    HttpResult r = Get(server_->port(), feed);
    EXPECT_EQ(r.status, 200) << feed;
    EXPECT_EQ(r.header("content-type"), "application/rss+xml; charset=utf-8") << feed;
  }
}

TEST_F(WordPressImportTest, NothingThatWasNotPublicBecomesReachable) {
  // Permalinks of what was not public are 404s; "?p=ID" of one is the home
  // page (a query Qalam does not know is ignored), without it.
  for (const char* target : {"/2026/11/budget-full-analysis", "/2026/11/editorial-meeting-notes",
                             "/2026/11/jeddah-inclusive-cafe", "/2030/01/new-season-kickoff",
                             "/2026/09/unofficial-results", "/advertise"}) {
    HttpResult r = Get(server_->port(), target);
    EXPECT_EQ(r.status, 404) << target << " → " << r.header("location");
    HttpResult slash = Get(server_->port(), std::string(target) + "/");
    EXPECT_EQ(slash.header("location"), target) << "only the trailing slash goes";
  }
  for (const auto& [target, title] : std::vector<std::pair<std::string, std::string>>{
           {"/?p=22", "للمشتركين"}, {"/?p=23", "ملاحظات اجتماع التحرير"}, {"/?p=24", "قراءة في تقرير التضخم"},
           {"/?p=25", "مقهى في جدة"}, {"/?p=26", "انطلاق الموسم الجديد"}, {"/?p=27", "نتائج غير رسمية"},
           {"/?page_id=33", "أعلن معنا"}}) {
    HttpResult r = Get(server_->port(), target);
    EXPECT_NE(r.status, 301) << target << " → " << r.header("location");
    EXPECT_EQ(r.body.find(title), std::string::npos) << target;
  }
}

TEST_F(WordPressImportTest, ArticlesKeepTheirCommentsImagesAndNeverAnEmail) {
  HttpResult page = Get(server_->port(), "/article/" + Encode("حدائق-الرياض-الجديدة"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/media/"), std::string::npos);  // The featured image,
  // with its attachment's caption under it; an attachment without one gives none.
  EXPECT_NE(page.body.find("<figcaption><span class=\"caption\">أفق الرياض كما يبدو من الحديقة الجديدة في حي الملقا.</span></figcaption>"),
            std::string::npos);
  HttpResult najoom = Get(server_->port(), "/article/najoom-top-of-the-league");
  ASSERT_EQ(najoom.status, 200);
  EXPECT_NE(najoom.body.find("class=\"article-image\""), std::string::npos);
  EXPECT_EQ(najoom.body.find("<figcaption>"), std::string::npos);
  EXPECT_EQ(page.body.find("example.test"), std::string::npos);  // No email, no old address.
  // Five approved comments, the pending one only in the moderators' queue.
  size_t comments = 0;
  for (size_t at = 0; (at = page.body.find("class=\"comment-author\"", at)) != std::string::npos; ++at) {
    ++comments;
  }
  EXPECT_EQ(comments, 5u) << page.body;
  // A link to another post of the old site now points here.
  HttpResult oil = Get(server_->port(), "/article/" + Encode("أسعار-النفط"));
  ASSERT_EQ(oil.status, 200);
  EXPECT_NE(oil.body.find("href=\"/article/budget-2027-education-health\""), std::string::npos);
  // An image in the content is one of the site's own.
  HttpResult dates = Get(server_->port(), "/?p=15");
  ASSERT_EQ(dates.status, 301);
  HttpResult tour = Get(server_->port(), dates.header("location"));
  ASSERT_EQ(tour.status, 200);
  EXPECT_NE(tour.body.find("<img src=\"/media/"), std::string::npos) << tour.body;
}

// An SEO plugin's (Yoast's) title and description become the article's
// SEO fields; a plugin's template (%%title%% %%sep%% %%sitename%%) does
// not: Qalam's own default shows the title.
TEST_F(WordPressImportTest, AnSeoPluginsTitleAndDescriptionComeAlong) {
  HttpResult page = Get(server_->port(), "/article/" + Encode("حدائق-الرياض-الجديدة"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<meta property=\"og:title\" content=\"حدائق جديدة في شمال الرياض\">"), std::string::npos)
      << page.body.substr(0, 3000);
  EXPECT_NE(page.body.find("<meta name=\"description\" content=\"أمانة الرياض تفتتح ثلاث حدائق في الملقا والياسمين والنرجس.\">"),
            std::string::npos);
  EXPECT_NE(first_->out.find("skipped: SEO plugin template in _yoast_wpseo_title: 1"), std::string::npos) << first_->out;
  HttpResult moved = Get(server_->port(), "/?p=11");
  ASSERT_EQ(moved.status, 301);
  HttpResult templated = Get(server_->port(), moved.header("location"));
  ASSERT_EQ(templated.status, 200);
  EXPECT_EQ(templated.body.find("%%"), std::string::npos);
}

// WordPress's comment trash is Qalam's: hidden, restorable, and no
// judgement of the commenter.
TEST_F(WordPressImportTest, CommentsInTheTrashStayInTheTrash) {
  EXPECT_NE(first_->out.find("comment trash → trash: 1"), std::string::npos) << first_->out;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(OpenStore(data_, StoreOptions{}, &store).ok());
  CommentFilter trash;
  trash.state = CommentState::kTrash;
  std::vector<Comment> list;
  int64_t total = 0;
  ASSERT_TRUE(store->ListCommentQueue(trash, 0, 10, &list, &total).ok());
  ASSERT_EQ(total, 1);
  ASSERT_TRUE(store->ListCommentQueue(CommentFilter{}, 0, 100, &list, &total).ok());
  for (const Comment& c : list) EXPECT_NE(c.state, CommentState::kTrash) << "not among all comments";
}

TEST_F(WordPressImportTest, TheSameExportAgainChangesNothing) {
  CommandResult again = RunQalam({"import", "--data", data_, Fixture("arabic-site.xml"),
                                  "--media-dir", Fixture("uploads")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(CountsLine(again.out, "articles"), "0 created, 0 updated, 19 unchanged");
  EXPECT_EQ(CountsLine(again.out, "pages"), "0 created, 0 updated, 5 unchanged");
  EXPECT_EQ(CountsLine(again.out, "comments"), "0 created, 0 updated, 23 unchanged");
  EXPECT_EQ(CountsLine(again.out, "images"), "0 created, 0 updated, 6 unchanged");
  EXPECT_EQ(CountsLine(again.out, "accounts"), "0 created, 0 updated, 5 unchanged");
}

// Issue 15: imported titles, names, sections, tags and highlights kept
// U+202E (which turns the text after it around) and other bidi controls,
// which comments strip. They are cleaned the same way now; ZWNJ, which
// Persian needs, stays.
TEST(WordPressImport, TitlesNamesAndTermsLoseBidiControls) {
  TempDir dir;
  const std::string data = dir.path() + "/site", wxr = dir.path() + "/bidi.xml";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  WriteFile(wxr,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
            "xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
            "<channel><title>bidi</title><link>http://bidi.example.test</link><language>ar</language>"
            "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://bidi.example.test</wp:base_site_url>"
            "<wp:base_blog_url>http://bidi.example.test</wp:base_blog_url>\n"
            "<wp:author><wp:author_id>1</wp:author_id><wp:author_login>kateb</wp:author_login>"
            "<wp:author_email>kateb@bidi.example.test</wp:author_email>"
            "<wp:author_display_name>كاتب \u202Eمقلوب\u202C</wp:author_display_name></wp:author>\n"
            "<item><title>عنوان \u202Egpj.exe\u2066 می\u200Cخواهم</title><link>http://bidi.example.test/p1/</link>"
            "<dc:creator>kateb</dc:creator><content:encoded><![CDATA[<p>فقرة</p>]]></content:encoded>"
            "<excerpt:encoded>موجز \u202Dمقلوب</excerpt:encoded><wp:post_id>7</wp:post_id>"
            "<wp:post_date>2026-05-01 10:00:00</wp:post_date><wp:post_date_gmt>2026-05-01 07:00:00</wp:post_date_gmt>"
            "<wp:post_name>p1</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            "<category domain=\"category\" nicename=\"qism\">قسم\u2067 ثان</category>"
            "<category domain=\"post_tag\" nicename=\"wasm\">وسم\u202B</category></item>\n"
            "</channel></rss>\n");
  CommandResult r = RunQalam({"import", "--data", data, wxr});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CommandResult exported = RunQalam({"export", "--data", data, "-"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
                              "\u2069", "\\u202", "\\u206"}) {
    EXPECT_EQ(exported.out.find(control), std::string::npos) << control;
  }
  for (const char* kept : {"عنوان gpj.exe می\u200Cخواهم", "كاتب مقلوب", "قسم ثان", "\"وسم\"", "موجز مقلوب"}) {
    EXPECT_NE(exported.out.find(kept), std::string::npos) << kept << "\n" << exported.out.substr(0, 4000);
  }
}

TEST(WordPressImport, ASubFolderSiteKeepsItsFolder) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  CommandResult r = RunQalam({"import", "--data", data, Fixture("arabic-site-subfolder.xml"),
                              "--media-dir", Fixture("uploads")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("news.example.test/akhbar"), std::string::npos);
  ServerProcess server(data);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"/akhbar/2026/09/budget-2027-education-health/", "/article/budget-2027-education-health"},
           {"/akhbar/?p=11", "/article/budget-2027-education-health"},
           {"/akhbar/about-us/", "/page/about-us"},
           {"/akhbar/feed/", "/feed"}}) {
    HttpResult moved = Get(server.port(), from);
    EXPECT_EQ(moved.status, 301) << from;
    EXPECT_EQ(moved.header("location"), to) << from;
  }
  EXPECT_EQ(Get(server.port(), "/2026/09/budget-2027-education-health").status, 404);
}

TEST(WordPressImport, TwoSitesInOneDoNotCollide) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  ASSERT_EQ(RunQalam({"import", "--data", data, Fixture("arabic-site.xml")}).exit_code, 0);
  CommandResult second = RunQalam({"import", "--data", data, Fixture("arabic-site-subfolder.xml")});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(CountsLine(second.out, "articles"), "19 created, 0 updated, 0 unchanged");
  EXPECT_EQ(CountsLine(second.out, "comments"), "23 created, 0 updated, 0 unchanged");
  // The authors are the same people (same emails): linked, not duplicated.
  EXPECT_EQ(CountsLine(second.out, "accounts"), "0 created, 0 updated, 5 unchanged");
}

// Issue 15: a post whose body would take cmark-gfm seconds is reported by
// its id and left out; the rest of the export imports.
TEST(WordPressImport, APostPastTheBodysBoundsIsReportedAndLeftOut) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  std::string xml = Read(Fixture("arabic-site.xml"));
  const std::string start = "افتتحت أمانة منطقة الرياض صباح اليوم";  // post 10's content
  const size_t at = xml.find(start);
  ASSERT_NE(at, std::string::npos);
  // 4,001 links: the Markdown of each opens with a '['. (Text is escaped:
  // "![[]()" in a post is harmless words.)
  std::string links;
  for (int i = 0; i < 4001; ++i) links += "<a href=\"https://example.com/\">a</a> ";
  xml.insert(at, links + "\n\n");
  const std::string file = dir.path() + "/export.xml";
  std::ofstream(file, std::ios::binary) << xml;
  CommandResult r = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("post 10: body: more than 4000 '[' of links and images (passed at line 1): not imported"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(CountsLine(r.out, "articles"), "18 created, 0 updated, 0 unchanged");
}

TEST(WordPressImport, ADryRunWritesNothing) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const int64_t before = CountRows(data, "published");
  CommandResult r = RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--dry-run",
                              "--media-dir", Fixture("uploads")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("dry run (nothing written)"), std::string::npos);
  EXPECT_EQ(CountsLine(r.out, "articles"), "19 to create, 0 to update, 0 unchanged");
  EXPECT_EQ(CountRows(data, "published"), before);
  EXPECT_FALSE(std::filesystem::exists(data + "/media") &&
               !std::filesystem::is_empty(data + "/media"));
}

TEST(WordPressImport, MissingImagesAreReportedWithTheirIds) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  CommandResult r = RunQalam({"import", "--data", data, Fixture("arabic-site.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountsLine(r.out, "articles"), "19 created, 0 updated, 0 unchanged");
  // One line for them all, not one per image.
  EXPECT_NE(r.out.find("  6 images not imported (the first: attachment 4): give --media-dir or "
                       "--fetch-media\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("riyadh-skyline.jpg"), std::string::npos);
}

// Files directly in `dir` (not in its sub-folders).
size_t FilesIn(const std::string& dir) {
  std::error_code ec;
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

std::vector<MediaItem> AllMedia(const std::string& data) {
  std::unique_ptr<Store> store;
  EXPECT_TRUE(OpenStore(data, StoreOptions{}, &store).ok());
  std::vector<MediaItem> media;
  int64_t total = 0;
  EXPECT_TRUE(store->ListMedia(0, 100, &media, &total).ok());
  return media;
}

// The import stores the originals and the names of their sizes; the sizes
// are made afterwards: at once for the one a reader asks for, in the
// background of `qalam serve` for the rest.
TEST(WordPressImport, ImageSizesAreMadeAfterTheImportByTheServer) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  CommandResult r = RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--media-dir", Fixture("uploads")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("The sizes of 6 images are still to be made"), std::string::npos) << r.out;
  EXPECT_EQ(FilesIn(data + "/media"), 0u);
  EXPECT_EQ(FilesIn(data + "/media/.originals"), 6u);
  std::vector<MediaItem> media = AllMedia(data);
  ASSERT_EQ(media.size(), 6u);
  // The originals are never served, under any name.
  ServerProcess server(data);
  for (const auto& e : std::filesystem::directory_iterator(data + "/media/.originals")) {
    EXPECT_EQ(Get(server.port(), "/media/.originals/" + e.path().filename().string()).status, 404);
    EXPECT_EQ(Get(server.port(), "/media/" + e.path().filename().string()).status, 404);
  }
  // A reader's request for any size gets it at once, without its metadata.
  const MediaVariant& asked = media[0].variants.back();
  HttpResult image = Get(server.port(), "/media/" + asked.file);
  ASSERT_EQ(image.status, 200) << asked.file;
  EXPECT_EQ(image.header("content-type"), asked.mime);
  EXPECT_EQ(image.body.find("Exif"), std::string::npos);
  EXPECT_EQ(Get(server.port(), "/media/" + asked.file.substr(0, 17) + "9999.jpg").status, 404);
  // The server makes the rest in the background and deletes the originals.
  size_t files = 0;
  for (const MediaItem& m : media) files += m.variants.size() + m.crops.size();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while ((FilesIn(data + "/media") < files || FilesIn(data + "/media/.originals") > 0) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(FilesIn(data + "/media"), files);
  EXPECT_EQ(FilesIn(data + "/media/.originals"), 0u);
  for (const MediaItem& m : media) {
    EXPECT_EQ(m.crops.size(), 3u) << "1:1, 4:3 and 16:9 for structured data";
    for (const auto* list : {&m.variants, &m.crops}) {
      for (const MediaVariant& v : *list) EXPECT_EQ(Get(server.port(), "/media/" + v.file).status, 200) << v.file;
    }
  }
}

// `qalam media variants` makes them now, and a second run has nothing to do.
TEST(WordPressImport, ImageSizesAreMadeByTheMediaCommand) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  ASSERT_EQ(RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--media-dir", Fixture("uploads")})
                .exit_code,
            0);
  CommandResult r = RunQalam({"media", "variants", "--data", data});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("image sizes made for 6 images"), std::string::npos) << r.err;
  size_t files = 0;
  for (const MediaItem& m : AllMedia(data)) {
    files += m.variants.size() + m.crops.size();
    for (const MediaVariant& v : m.variants) EXPECT_TRUE(std::filesystem::exists(data + "/media/" + v.file)) << v.file;
    for (const MediaVariant& v : m.crops) EXPECT_TRUE(std::filesystem::exists(data + "/media/" + v.file)) << v.file;
  }
  EXPECT_EQ(FilesIn(data + "/media"), files);
  EXPECT_EQ(FilesIn(data + "/media/.originals"), 0u);
  CommandResult again = RunQalam({"media", "variants", "--data", data});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.err.find("image sizes made"), std::string::npos) << again.err;
  // A re-import finds the images imported: nothing waits again.
  CommandResult reimport =
      RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--media-dir", Fixture("uploads")});
  EXPECT_EQ(CountsLine(reimport.out, "images"), "0 created, 0 updated, 6 unchanged");
  EXPECT_EQ(reimport.out.find("still to be made"), std::string::npos) << reimport.out;
}

TEST(WordPressImport, AMalformedExportIsRefusedWholeWithLineAndColumn) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  // The fixture cut short after its tenth item: well-formed up to there.
  const std::string whole = Read(Fixture("arabic-site.xml"));
  size_t cut = 0;
  for (int i = 0; i < 10; ++i) cut = whole.find("</item>", cut) + 7;
  const std::string broken = dir.path() + "/broken.xml";
  WriteFile(broken, whole.substr(0, cut) + "\n<item><title>نصف مقال");
  const int64_t before = CountRows(data, "published");
  CommandResult r = RunQalam({"import", "--data", data, broken});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(std::regex_search(r.err, std::regex("broken\\.xml:[0-9]+:[0-9]+: "))) << r.err;
  EXPECT_NE(r.err.find("nothing was imported"), std::string::npos);
  EXPECT_EQ(CountRows(data, "published"), before);
}

TEST(WordPressImport, TheImporterPluginsMalformedFixturesAreRefused) {
  const std::string fixtures = SharedDir() + "/data/wordpress-wxr/wordpress-importer-fixtures/phpunit-data";
  if (!std::filesystem::exists(fixtures)) GTEST_SKIP() << "no " << fixtures;
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  for (const char* name : {"malformed.xml", "malformed-simple.xml", "crazy-cdata.xml",
                           "invalid-version-tag.xml", "missing-version-tag.xml"}) {
    CommandResult r = RunQalam({"import", "--data", data, fixtures + "/" + name});
    EXPECT_EQ(r.exit_code, 3) << name << ": " << r.err;
    EXPECT_TRUE(std::regex_search(r.err, std::regex(std::string(name) + ":[0-9]+:[0-9]+: "))) << r.err;
  }
  // And the theme unit test data imports whole.
  CommandResult theme = RunQalam(
      {"import", "--data", data, SharedDir() + "/data/wordpress-wxr/theme-test-data/themeunittestdata.wordpress.xml"});
  EXPECT_EQ(theme.exit_code, 0) << theme.err;
}

}  // namespace
}  // namespace qalam::testing

namespace qalam::testing {
namespace {

// A file server on 127.0.0.1 for --fetch-media: answers GET
// /wp-content/uploads/PATH from `root`, 404 otherwise, one request per
// connection. Nothing in the tests leaves the machine.
class UploadsServer {
 public:
  explicit UploadsServer(std::string root) : root_(std::move(root)), acceptor_(io_) {
    using boost::asio::ip::tcp;
    tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Serve(); });
  }
  ~UploadsServer() {
    stop_ = true;
    // Wake the blocking accept with one last connection.
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)}, ec);
    thread_.join();
  }
  int port() const { return port_; }
  int requests() const { return requests_; }

 private:
  void Serve() {
    while (!stop_) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) break;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        size_t n = socket.read_some(boost::asio::buffer(buf), ec);
        if (ec) break;
        request.append(buf, n);
      }
      ++requests_;
      const size_t sp = request.find(' ');
      std::string target = request.substr(sp + 1, request.find(' ', sp + 1) - sp - 1);
      std::string path;
      const std::string prefix = "/wp-content/uploads/";
      std::string body;
      bool found = false;
      if (target.rfind(prefix, 0) == 0 && PercentDecode(target.substr(prefix.size()), &path) &&
          path.find("..") == std::string::npos) {
        std::ifstream in(root_ + "/" + path, std::ios::binary);
        if (in) {
          body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
          found = true;
        }
      }
      std::string reply = std::string(found ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") +
                          "\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\nConnection: close\r\n\r\n" + body;
      boost::asio::write(socket, boost::asio::buffer(reply), ec);
    }
  }
  std::string root_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  int port_ = 0;
};

TEST(WordPressImport, FetchMediaFetchesWhatTheMediaFolderLacks) {
  UploadsServer uploads(Fixture("uploads"));
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  // The fixture's site, moved to the local server's address.
  std::string xml = Read(Fixture("arabic-site.xml"));
  const std::string from = "http://news.example.test", to = "http://127.0.0.1:" + std::to_string(uploads.port());
  for (size_t at = xml.find(from); at != std::string::npos; at = xml.find(from, at + to.size())) {
    xml.replace(at, from.size(), to);
  }
  // And one attachment whose file the server does not have.
  const std::string missing = "2026/08/newsroom-logo.png";
  for (size_t at = xml.find(missing); at != std::string::npos; at = xml.find(missing, at)) {
    xml.replace(at, missing.size(), "2026/08/gone.png");
  }
  const std::string file = dir.path() + "/export.xml";
  WriteFile(file, xml);
  CommandResult r = RunQalam({"import", "--data", data, file, "--fetch-media"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Five attachments, and the two sizes of the logo that pages 29 and 14
  // show, fetched as images of their own since their original is gone.
  EXPECT_EQ(CountsLine(r.out, "images"), "7 created, 0 updated, 0 unchanged") << r.out;
  EXPECT_NE(r.out.find("attachment 9: image " + to + "/wp-content/uploads/2026/08/gone.png could not "
                       "be fetched"),
            std::string::npos)
      << r.out;
  EXPECT_GE(uploads.requests(), 6);
  // Fetched images serve from the site like uploaded ones.
  ServerProcess server(data);
  HttpResult page = Get(server.port(), "/article/riyadh-book-fair-opens");
  ASSERT_EQ(page.status, 200);
  const size_t at = page.body.find("src=\"/media/");
  ASSERT_NE(at, std::string::npos);
  const std::string media = page.body.substr(at + 5, page.body.find('"', at + 5) - at - 5);
  EXPECT_EQ(Get(server.port(), media).status, 200) << media;
}

}  // namespace
}  // namespace qalam::testing

namespace qalam::testing {
namespace {

// An export of `posts` posts with three comments each (a thread of two and
// one more), all published, no images.
std::string LargeExport(int posts) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
      "<channel><title>كبير</title><link>http://big.example.test</link><wp:wxr_version>1.2</wp:wxr_version>\n";
  for (int i = 1; i <= posts; ++i) {
    const std::string id = std::to_string(i);
    x += "<item><title>خبر رقم " + id + "</title><link>http://big.example.test/news-" + id +
         "/</link><dc:creator>desk</dc:creator><content:encoded><![CDATA[<p>فقرة أولى من الخبر " + id +
         " عن الاقتصاد والسياسة.</p>\n\n<p>فقرة ثانية.</p>]]></content:encoded><wp:post_id>" + id +
         "</wp:post_id><wp:post_date_gmt>2026-01-01 10:00:00</wp:post_date_gmt><wp:post_name>news-" + id +
         "</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>";
    for (int c = 0; c < 3; ++c) {
      const int cid = i * 10 + c;
      x += "<wp:comment><wp:comment_id>" + std::to_string(cid) + "</wp:comment_id><wp:comment_author>قارئ " +
           std::to_string(c) + "</wp:comment_author><wp:comment_date_gmt>2026-01-02 10:00:00</wp:comment_date_gmt>"
           "<wp:comment_content>تعليق " + std::to_string(cid) + "</wp:comment_content><wp:comment_approved>1"
           "</wp:comment_approved><wp:comment_parent>" + std::string(c == 1 ? std::to_string(i * 10) : "0") +
           "</wp:comment_parent></wp:comment>";
    }
    x += "</item>\n";
  }
  return x + "</channel></rss>\n";
}

size_t Imported(const std::string& data, const std::string& kind) {
  std::unique_ptr<Store> store;
  EXPECT_TRUE(OpenStore(data, StoreOptions{}, &store).ok());
  std::vector<ImportedObject> objects;
  EXPECT_TRUE(store->LoadImported("big.example.test", kind, &objects).ok());
  return objects.size();
}

// Killed in the middle of saving (SIGKILL: no cleanup), an import leaves
// whole posts only, each with all its comments, and the same command
// finishes it.
TEST(WordPressImport, AKilledImportLeavesWholePostsAndResumes) {
  constexpr int kPosts = 6000;
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const std::string file = dir.path() + "/big.xml";
  WriteFile(file, LargeExport(kPosts));

  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  const std::string bin = QalamBin();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], 2);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    close(err_pipe[0]);
    close(err_pipe[1]);
    execl(bin.c_str(), bin.c_str(), "import", "--data", data.c_str(), file.c_str(), nullptr);
    _exit(127);
  }
  close(err_pipe[1]);
  // Plain progress lines (no terminal): kill once the saving is under way.
  std::string seen;
  char buf[512];
  bool killed = false;
  for (ssize_t n; (n = read(err_pipe[0], buf, sizeof buf)) > 0;) {
    seen.append(buf, static_cast<size_t>(n));
    if (seen.find("importing  40%") != std::string::npos) {
      kill(pid, SIGKILL);
      killed = true;
      break;
    }
  }
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(killed) << "the import ended before it could be killed:\n" << seen;
  ASSERT_TRUE(WIFSIGNALED(status));

  const size_t articles = Imported(data, "article");
  EXPECT_GT(articles, 0u);
  EXPECT_LT(articles, static_cast<size_t>(kPosts));
  EXPECT_EQ(Imported(data, "comment"), 3 * articles) << "a post saved without all its comments";

  CommandResult again = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(CountsLine(again.out, "articles"), std::to_string(kPosts - articles) + " created, 0 updated, " +
                                                   std::to_string(articles) + " unchanged");
  EXPECT_EQ(Imported(data, "article"), static_cast<size_t>(kPosts));
  EXPECT_EQ(Imported(data, "comment"), static_cast<size_t>(3 * kPosts));
}

}  // namespace
}  // namespace qalam::testing

namespace qalam::testing {
namespace {

// --users brings what the export leaves out: roles (the desk's for
// WordPress's) and the writers' bios.
TEST(WordPressImport, UsersFromWpCliGiveRolesAndBios) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  CommandResult r = RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--users",
                              Fixture("users.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("author role editor → chief_editor: 1"), std::string::npos) << r.out;
  std::unique_ptr<Store> store;
  ASSERT_TRUE(OpenStore(data, StoreOptions{}, &store).ok());
  std::vector<User> users;
  ASSERT_TRUE(store->ListUsers(&users).ok());
  std::map<std::string, User> by_email;
  for (const User& u : users) by_email[u.email] = u;
  ASSERT_EQ(by_email.size(), 5u);
  EXPECT_EQ(by_email["hind@example.test"].role, Role::kAdmin);
  EXPECT_EQ(by_email["khalid@example.test"].role, Role::kChiefEditor);
  EXPECT_EQ(by_email["noura@example.test"].role, Role::kEditor);
  EXPECT_EQ(by_email["ahmad@example.test"].role, Role::kWriter);
  for (const auto& [email, u] : by_email) {
    EXPECT_TRUE(u.disabled) << email;
    EXPECT_TRUE(u.password_hash.empty()) << email;
  }
  ServerProcess server(data);
  HttpResult writer = Get(server.port(), "/writer/" + Encode("نورة-القحطاني"));
  ASSERT_EQ(writer.status, 200);
  EXPECT_NE(writer.body.find("كاتبة اقتصادية تتابع الميزانية وأسواق الطاقة."), std::string::npos);

  // A malformed file changes nothing and says where.
  const std::string bad = dir.path() + "/bad.csv";
  WriteFile(bad, "user_login,roles\nhind,\"editor\n");
  CommandResult refused = RunQalam({"import", "--data", data, Fixture("arabic-site.xml"), "--users", bad});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("bad.csv:2: a quote is never closed"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace qalam::testing

namespace qalam::testing {
namespace {

// Links to the old site's own addresses that are not posts become paths
// here (their old addresses answer 301), the site's bare address included.
TEST(WordPressImport, LinksToTheOldSiteItselfBecomePaths) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const std::string file = dir.path() + "/links.xml";
  WriteFile(file,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
            "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>روابط</title>"
            "<link>http://links.example.test</link><wp:wxr_version>1.2</wp:wxr_version>"
            "<item><title>روابط الموقع</title><link>http://links.example.test/links/</link>"
            "<content:encoded><![CDATA[<p><a href=\"http://links.example.test\">الرئيسية</a> "
            "<a href=\"http://links.example.test?cat=3\">قسم</a> "
            "<a href=\"https://links.example.test/category/news/\">الأخبار</a></p>]]></content:encoded>"
            "<wp:post_id>1</wp:post_id><wp:post_date_gmt>2026-01-01 10:00:00</wp:post_date_gmt>"
            "<wp:post_name>links</wp:post_name><wp:status>publish</wp:status>"
            "<wp:post_type>post</wp:post_type></item></channel></rss>\n");
  CommandResult r = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ServerProcess server(data);
  HttpResult page = Get(server.port(), "/article/links");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("href=\"/?cat=3\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/category/news/\""), std::string::npos);
}

}  // namespace
}  // namespace qalam::testing
