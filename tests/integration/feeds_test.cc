// Feeds, sitemaps and robots.txt against the real binary (issue 13): every
// address answers with its type; every feed parses in Debian's
// python3-feedparser without a bozo error and in xmllint; every sitemap is
// valid against the official schemas (tests/fixtures/xsd, read with
// --nonet); conditional requests get 304; a publish, slug edit, rename and
// unpublish on the desk reach the cached documents; no draft, page (in a
// feed) or email ever shows.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kNow = 1796169600;  // 2026-12-02T00:00:00Z
const std::string kXsd = std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/xsd/";

// Runs a shell command; its exit status, stdout and stderr (merged) in `out`.
int RunShell(const std::string& command, std::string* out) {
  out->clear();
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What feedparser makes of a feed, as JSON.
constexpr const char* kFeedParser = R"py(
import json, sys, feedparser
d = feedparser.parse(open(sys.argv[1], 'rb').read())
print(json.dumps({
  'bozo': d.bozo, 'error': str(d.get('bozo_exception', '')), 'version': d.version,
  'language': d.feed.get('language', ''), 'title': d.feed.get('title', ''),
  'self': [l.get('href') for l in d.feed.get('links', []) if l.get('rel') == 'self'],
  'entries': [{'id': e.get('id', ''), 'link': e.get('link', ''), 'title': e.get('title', ''),
               'author': e.get('author', ''), 'tags': [t.term for t in e.get('tags', [])],
               'summary': e.get('summary', ''), 'content': [c.value for c in e.get('content', [])],
               'published': bool(e.get('published_parsed')), 'updated': bool(e.get('updated_parsed')),
               'media': [m.get('url') for m in e.get('media_content', [])]} for e in d.entries]}))
)py";

class FeedsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    clock_file_ = dir_.path() + "/clock";
    WriteFile(clock_file_, std::to_string(kNow));
    const std::string lines =
        R"({"id": "a1", "title": "الميزانية العامة للتعليم", "slug": "budget", "published_at": "2026-12-01T20:00:00Z", )"
        R"("writer": {"name": "خالد المنصور", "bio": "محرر اقتصادي"}, "section": "اقتصاد", "tags": ["ميزانية", "تعليم"], )"
        R"("highlights": ["ارتفاع الإنفاق على التعليم"], "body": "نص الميزانية [رابط](/tag/x) كاملًا."})" "\n"
        R"({"id": "a2", "title": "خبر من نوفمبر", "slug": "november", "published_at": "2026-11-15T10:00:00Z", )"
        R"("writer": "هدى الضيفة", "section": "رياضة", "source": {"name": "صحيفة الشروق", "url": "https://shorouk.example"}, )"
        R"("tags": ["كرة"], "body": "نص نوفمبر."})" "\n"
        R"({"id": "d1", "title": "مسودة سرية", "slug": "secret-draft", "status": "draft", "published_at": "2026-12-01T21:00:00Z", )"
        R"("writer": "خالد المنصور", "section": "اقتصاد", "tags": ["ميزانية", "وسم المسودة"], "body": "نص المسودة."})" "\n"
        R"({"id": "p1", "title": "من نحن", "slug": "about", "kind": "page", "body": "عن الموقع."})" "\n";
    WriteFile(dir_.path() + "/site.jsonl", lines);
    CommandResult r = RunQalam({"import", "--data", data_, dir_.path() + "/site.jsonl"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start("off", {"--clock-file", clock_file_});
    MakeUser("chief_editor", "chief@news.example", "رئيسة التحرير");
  }

  HttpResult Fetch(const std::string& path) { return Get(port_, path); }
  std::string Save(const std::string& name, const std::string& body) {
    const std::string path = dir_.path() + "/" + name;
    WriteFile(path, body);
    return path;
  }
  // feedparser's reading of the feed at `path`, which must not be bozo.
  nlohmann::json Parsed(const std::string& path) {
    HttpResult r = Fetch(path);
    EXPECT_EQ(r.status, 200) << path;
    const std::string file = Save("feed.xml", r.body);
    const std::string script = Save("parse.py", kFeedParser);
    std::string out;
    EXPECT_EQ(RunShell("/usr/bin/python3 " + script + " " + file, &out), 0) << out;
    nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
    EXPECT_TRUE(j.is_object()) << out;
    if (!j.is_object()) return nlohmann::json::object();
    EXPECT_TRUE(j["bozo"] == false || j["bozo"] == 0) << path << ": " << j["error"] << "\n" << r.body.substr(0, 2000);
    return j;
  }
  // xmllint's verdict on `body`, with a schema (a file under tests/fixtures/xsd) or without.
  ::testing::AssertionResult Valid(const std::string& body, const std::string& schema = "") {
    const std::string file = Save("doc.xml", body);
    std::string out;
    const int rc = RunShell("xmllint --nonet --noout " + (schema.empty() ? "" : "--schema " + kXsd + schema + " ") + file, &out);
    if (rc == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << out << "\n" << body.substr(0, 2000);
  }
  // Waits (up to 5 s, the change-key poll being 250 ms) for `path` to satisfy `ok`.
  bool Eventually(const std::string& path, const std::function<bool(const HttpResult&)>& ok) {
    for (int i = 0; i < 50; ++i) {
      if (ok(Fetch(path))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
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
  static void Set(Form& f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f) {
      if (k == name) {
        v = value;
        return;
      }
    }
    f.emplace_back(name, value);
  }
  std::string EditNameUrl(Browser& b, const std::string& kind, const std::string& name) {
    Reply list = b.Get("/admin/names/" + kind + "?q=" + Encode(name));
    std::smatch m;
    std::regex re("<a href=\"(/admin/names/" + kind + "/[0-9]+)\">" + name + "</a>");
    EXPECT_TRUE(std::regex_search(list.body, m, re)) << name << "\n" << list.body.substr(0, 3000);
    return m.empty() ? "" : m[1].str();
  }

  std::string clock_file_;
};

const std::vector<std::string> kFeeds = {"/feed", "/section/" + Encode("اقتصاد") + "/feed",
                                         "/tag/" + Encode("ميزانية") + "/feed",
                                         "/writer/" + Encode("خالد-المنصور") + "/feed",
                                         "/source/" + Encode("صحيفة-الشروق") + "/feed"};

TEST_F(FeedsTest, EveryFeedAnswersParsesAndCarriesItsItems) {
  for (const std::string& rss : kFeeds) {
    for (const std::string& path : {rss, rss + "/atom"}) {
      const bool atom = path.size() > 5 && path.substr(path.size() - 5) == "/atom";
      HttpResult r = Fetch(path);
      ASSERT_EQ(r.status, 200) << path;
      EXPECT_EQ(r.header("content-type"),
                atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8")
          << path;
      EXPECT_TRUE(Valid(r.body)) << path;
      nlohmann::json j = Parsed(path);
      EXPECT_EQ(j["version"], atom ? "atom10" : "rss20") << path;
      EXPECT_EQ(j["language"], "ar") << path;
      EXPECT_EQ(j["self"], nlohmann::json::array({"http://127.0.0.1:8080" + path})) << path;
      EXPECT_FALSE(j["entries"].empty()) << path;
      EXPECT_FALSE(Has(r.body, "مسودة سرية") || Has(r.body, "secret-draft")) << path << ": a draft";
      EXPECT_FALSE(Has(r.body, "من نحن") || Has(r.body, "/page/about")) << path << ": a static page";
      EXPECT_FALSE(Has(r.body, "@news.example")) << path << ": an email";
    }
  }
  // The site's feed: the newest first (then the welcome articles `qalam
  // init` made), with every field.
  nlohmann::json site = Parsed("/feed");
  ASSERT_EQ(site["entries"].size(), 6u) << "2 imported, 4 welcome articles";
  const nlohmann::json& e = site["entries"][0];
  EXPECT_EQ(e["title"], "الميزانية العامة للتعليم");
  EXPECT_EQ(e["link"], "http://127.0.0.1:8080/article/budget");
  EXPECT_TRUE(std::regex_match(e["id"].get<std::string>(), std::regex("tag:127\\.0\\.0\\.1,2026:article:[0-9]+")))
      << e["id"];
  EXPECT_EQ(e["author"], "خالد المنصور");
  EXPECT_EQ(e["tags"], nlohmann::json::array({"اقتصاد", "ميزانية", "تعليم"}));
  EXPECT_TRUE(Has(e["summary"], "ارتفاع الإنفاق على التعليم"));
  ASSERT_EQ(e["content"].size(), 1u);
  EXPECT_TRUE(Has(e["content"][0], "href=\"http://127.0.0.1:8080/tag/x\"")) << e["content"];
  EXPECT_TRUE(e["published"]);
  nlohmann::json atom = Parsed("/feed/atom");
  ASSERT_EQ(atom["entries"].size(), 6u);
  EXPECT_EQ(atom["entries"][0]["id"], e["id"]) << "one guid in both formats";
  EXPECT_TRUE(atom["entries"][0]["updated"]);
  // A list's feed holds its own articles only.
  nlohmann::json source = Parsed(kFeeds[4]);
  ASSERT_EQ(source["entries"].size(), 1u);
  EXPECT_EQ(source["entries"][0]["title"], "خبر من نوفمبر");
  // Unknown lists and addresses are 404 pages.
  for (const char* missing : {"/tag/no-such-tag/feed", "/tag/no-such-tag/feed/atom", "/section//feed",
                              "/city/x/feed", "/tag/" "%D9%88%D8%B3%D9%85-%D8%A7%D9%84%D9%85%D8%B3%D9%88%D8%AF%D8%A9" "/feed"}) {
    HttpResult r = Fetch(missing);
    EXPECT_EQ(r.status, 404) << missing << " (the last: a tag only a draft has)";
    EXPECT_TRUE(Has(r.header("content-type"), "text/html")) << missing;
  }
}

TEST_F(FeedsTest, FeedSettingsLimitItemsAndBody) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "feed_full_text", "off"}).exit_code, 0);
  EXPECT_TRUE(Eventually("/feed", [](const HttpResult& r) { return !Has(r.body, "content:encoded"); }));
  nlohmann::json j = Parsed("/feed");
  ASSERT_FALSE(j["entries"].empty());
  EXPECT_TRUE(j["entries"][0]["content"].empty());
  EXPECT_TRUE(Has(j["entries"][0]["summary"], "ارتفاع الإنفاق"));
  EXPECT_NE(RunQalam({"settings", "--data", data_, "feed_items", "5"}).exit_code, 0) << "10 to 100";
}

TEST_F(FeedsTest, PagesNameTheirFeedsInTheirHead) {
  EXPECT_TRUE(Has(Fetch("/").body, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"قلم\" href=\"/feed\">"));
  EXPECT_TRUE(Has(Fetch("/").body, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"قلم\" href=\"/feed/atom\">"));
  const std::string tag = "/tag/" + Encode("ميزانية");
  EXPECT_TRUE(Has(Fetch(tag).body, "type=\"application/rss+xml\" title=\"ميزانية - قلم\" href=\"" + tag + "/feed\""));
  EXPECT_TRUE(Has(Fetch("/article/budget").body, "type=\"application/rss+xml\" title=\"قلم\" href=\"/feed\""));
}

TEST_F(FeedsTest, SitemapsAreValidAndListPublicAddressesOnly) {
  HttpResult robots = Fetch("/robots.txt");
  EXPECT_EQ(robots.status, 200);
  EXPECT_TRUE(Has(robots.body, "\nSitemap: http://127.0.0.1:8080/sitemap.xml\n")) << robots.body;

  HttpResult index = Fetch("/sitemap.xml");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "application/xml; charset=utf-8");
  EXPECT_TRUE(Valid(index.body, "siteindex.xsd"));
  std::vector<std::string> children;
  std::regex loc("<loc>http://127\\.0\\.0\\.1:8080(/[^<]+)</loc>");
  for (std::sregex_iterator it(index.body.begin(), index.body.end(), loc), end; it != end; ++it) {
    children.push_back((*it)[1]);
  }
  EXPECT_EQ(children, (std::vector<std::string>{"/sitemap-articles-2026-12.xml", "/sitemap-articles-2026-11.xml",
                                                "/sitemap-sections.xml", "/sitemap-tags.xml",
                                                "/sitemap-writers.xml", "/sitemap-pages.xml"}));
  std::string all;
  for (const std::string& child : children) {
    HttpResult r = Fetch(child);
    ASSERT_EQ(r.status, 200) << child;
    EXPECT_EQ(r.header("content-type"), "application/xml; charset=utf-8") << child;
    EXPECT_TRUE(Valid(r.body, "urlset-extensions.xsd")) << child;
    all += r.body;
  }
  EXPECT_TRUE(Has(all, "<loc>http://127.0.0.1:8080/article/budget</loc>"));
  EXPECT_TRUE(Has(all, "<loc>http://127.0.0.1:8080/article/november</loc>"));
  EXPECT_TRUE(Has(all, "<loc>http://127.0.0.1:8080/page/about</loc>"));
  EXPECT_TRUE(Has(all, "<loc>http://127.0.0.1:8080/tag/" + Encode("تعليم") + "</loc>"));
  EXPECT_TRUE(Has(all, "<lastmod>"));
  EXPECT_FALSE(Has(all, "secret-draft") || Has(all, Encode("وسم-المسودة"))) << "a draft, or a tag only a draft has";
  EXPECT_FALSE(Has(all, "@news.example"));

  HttpResult news = Fetch("/sitemap-news.xml");
  ASSERT_EQ(news.status, 200);
  EXPECT_EQ(news.header("content-type"), "application/xml; charset=utf-8");
  EXPECT_TRUE(Valid(news.body, "urlset-extensions.xsd"));
  EXPECT_TRUE(Has(news.body, "<news:title>الميزانية العامة للتعليم</news:title>"));
  EXPECT_TRUE(Has(news.body, "<news:name>قلم</news:name>") && Has(news.body, "<news:language>ar</news:language>"));
  EXPECT_FALSE(Has(news.body, "november")) << "more than 48 hours old";
  EXPECT_FALSE(Has(news.body, "secret-draft"));

  // A schema that can fail: the same document broken is refused.
  EXPECT_FALSE(Valid(std::regex_replace(news.body, std::regex("news:title"), "news:headline"), "urlset-extensions.xsd"));
  for (const char* missing : {"/sitemap-articles-2026-13.xml", "/sitemap-articles-2026-10.xml",
                              "/sitemap-articles-2026-12-2.xml", "/sitemap-people.xml", "/sitemap-tags-0.xml"}) {
    EXPECT_EQ(Fetch(missing).status, 404) << missing;
  }
}

TEST_F(FeedsTest, ConditionalRequestsGet304) {
  for (const char* path : {"/feed", "/feed/atom", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles-2026-12.xml",
                           "/robots.txt"}) {
    HttpResult first = Fetch(path);
    ASSERT_EQ(first.status, 200) << path;
    const std::string etag = first.header("etag"), modified = first.header("last-modified");
    ASSERT_FALSE(etag.empty()) << path;
    ASSERT_FALSE(modified.empty()) << path;
    EXPECT_EQ(Get(port_, path, {{"If-None-Match", etag}}).status, 304) << path;
    EXPECT_EQ(Get(port_, path, {{"If-Modified-Since", modified}}).status, 304) << path;
    EXPECT_EQ(Get(port_, path, {{"If-None-Match", "\"other\""}}).status, 200) << path;
    EXPECT_EQ(Get(port_, path, {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}}).status, 200) << path;
  }
}

TEST_F(FeedsTest, PublishingRenamingAndUnpublishingReachEveryDocument) {
  const std::vector<std::string> documents = {"/feed", "/feed/atom", "/section/" + Encode("اقتصاد") + "/feed",
                                              "/sitemap.xml", "/sitemap-articles-2026-12.xml", "/sitemap-news.xml"};
  for (const std::string& d : documents) ASSERT_EQ(Fetch(d).status, 200) << d;  // Cached now.

  // Published on the desk: in every feed and sitemap of its month.
  Browser chief = SignedIn("chief@news.example");
  Reply created = chief.Post("/admin/articles", {{"csrf", DeskCsrf(chief)}, {"version", "0"}, {"action", "publish"},
                                                 {"title", "ميناء جديد على البحر الأحمر"}, {"highlights", "أول سفينة في مارس."},
                                                 {"body", "أعلنت الهيئة افتتاح الميناء."}, {"writer", "خالد المنصور"},
                                                 {"section", "اقتصاد"}, {"tags", "موانئ"}, {"slug", "port"},
                                                 {"related", ""}, {"source", ""}, {"source_url", ""}, {"writer_bio", ""}});
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string desk = created.header("location").substr(0, created.header("location").find('?'));
  for (const std::string& d : {documents[0], documents[1], documents[2]}) {
    EXPECT_TRUE(Eventually(d, [](const HttpResult& r) { return Has(r.body, "ميناء جديد على البحر الأحمر"); })) << d;
  }
  for (const std::string& d : {documents[4], documents[5]}) {
    EXPECT_TRUE(Eventually(d, [](const HttpResult& r) { return Has(r.body, "/article/port<"); })) << d;
  }
  const nlohmann::json before = Parsed("/feed")["entries"][0];
  ASSERT_EQ(before["link"], "http://127.0.0.1:8080/article/port");

  // Its slug edited: a new link, the same guid.
  Form edit = EditForm(chief.Get(desk), "save");
  Set(edit, "slug", "red-sea-port");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  EXPECT_TRUE(Eventually("/feed", [](const HttpResult& r) { return Has(r.body, "/article/red-sea-port<"); }));
  const nlohmann::json after = Parsed("/feed")["entries"][0];
  EXPECT_EQ(after["link"], "http://127.0.0.1:8080/article/red-sea-port");
  EXPECT_EQ(after["id"], before["id"]) << "a guid never changes";
  EXPECT_TRUE(Eventually("/sitemap-articles-2026-12.xml", [](const HttpResult& r) {
    return Has(r.body, "/article/red-sea-port<") && !Has(r.body, "/article/port<");
  }));

  // Its writer renamed: the byline in every feed, the writers' sitemap.
  const std::string writer_edit = EditNameUrl(chief, "person", "خالد المنصور");
  ASSERT_FALSE(writer_edit.empty());
  ASSERT_EQ(chief.Post(writer_edit, {{"csrf", DeskCsrf(chief)}, {"name", "خالد العتيبي"}, {"bio", "محرر اقتصادي"}}).status, 303);
  EXPECT_TRUE(Eventually("/feed", [](const HttpResult& r) {
    return Has(r.body, "<dc:creator>خالد العتيبي</dc:creator>") && !Has(r.body, "خالد المنصور");
  }));
  EXPECT_TRUE(Eventually("/sitemap-writers.xml", [](const HttpResult& r) { return Has(r.body, Encode("خالد-العتيبي")); }));
  // A tag renamed: the categories of the site's feed, the tags' sitemap.
  const std::string tag_edit = EditNameUrl(chief, "tag", "موانئ");
  ASSERT_EQ(chief.Post(tag_edit, {{"csrf", DeskCsrf(chief)}, {"name", "موانئ بحرية"}}).status, 303);
  EXPECT_TRUE(Eventually("/feed", [](const HttpResult& r) { return Has(r.body, "<category>موانئ بحرية</category>"); }));
  EXPECT_TRUE(Eventually("/sitemap-tags.xml", [](const HttpResult& r) { return Has(r.body, Encode("موانئ-بحرية")); }));
  // The old tag's feed moves to the new one's, Atom too.
  HttpResult moved = Fetch("/tag/" + Encode("موانئ") + "/feed/atom");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), "/tag/" + Encode("موانئ-بحرية") + "/feed/atom");

  // Unpublished: gone from all of them.
  ASSERT_EQ(chief.Post(desk, EditForm(chief.Get(desk), "unpublish")).status, 303);
  for (const std::string& d : documents) {
    EXPECT_TRUE(Eventually(d, [](const HttpResult& r) { return r.status == 200 && !Has(r.body, "red-sea-port") &&
                                                              !Has(r.body, "ميناء جديد"); }))
        << d;
  }
  // Trashed, it stays out.
  ASSERT_EQ(chief.Post(desk, EditForm(chief.Get(desk), "trash")).status, 303);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  for (const std::string& d : documents) EXPECT_FALSE(Has(Fetch(d).body, "red-sea-port")) << d;
}

}  // namespace
}  // namespace qalam::testing
