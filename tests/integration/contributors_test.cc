// Several people on one article, against the real binary: the desk names a
// co-writer, a translator and two contributors; the page shows «بقلم: أ وب»
// with each name linked, «ترجمة: …» and «شارك في الإعداد: … و…», and
// JSON-LD's author as a list; each person's page lists the article; the
// API's writers and contributors; the feed's creators; removing a co-writer
// takes the article off their page at once. And a WordPress export made
// with Co-Authors Plus comes in with its co-writers.
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>
#include <thread>
#include <string>

#include "core/text.h"
#include "desk_client.h"
#include "server_process.h"

namespace qalam::testing {
namespace {

class ContributorsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    Start();
    MakeUser("chief_editor", "chief_editor@news.example", "رئيسة التحرير");
  }
  Form ArticleForm(const std::string& csrf, const std::string& version, const std::string& co_writers) {
    return {{"csrf", csrf},
            {"version", version},
            {"action", "publish"},
            {"title", "تحقيق مشترك عن المياه"},
            {"body", "تتناقص مياه الآبار في القرى عامًا بعد عام."},
            {"writer", "هدى الكاتبة"},
            {"co_writers", co_writers},
            {"translators", "Jane Roe"},
            {"contributors", "علي المصور، منى الباحثة"},
            {"section", "تحقيقات"}};
  }
};

nlohmann::json JsonLd(const std::string& html) {
  std::smatch m;
  static const std::regex ld("<script type=\"application/ld\\+json\">(.*?)</script>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ld); it != std::sregex_iterator(); ++it) {
    nlohmann::json all = nlohmann::json::parse((*it)[1].str(), nullptr, false);
    if (!all.is_array()) all = nlohmann::json::array({all});
    for (const nlohmann::json& j : all) {
      if (j.is_object() && j.value("@type", "") == "NewsArticle") return j;
    }
  }
  return nullptr;
}

TEST_F(ContributorsTest, TheBylineNamesEveryoneAndEachPageListsTheArticle) {
  Browser chief = SignedIn("chief_editor@news.example");
  Reply r = chief.Post("/admin/articles", ArticleForm(DeskCsrf(chief), "0", "سلمى الشريكة"));
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  const std::string desk = r.header("location").substr(0, r.header("location").find('?'));

  Reply page = Browser(port_).Get("/article/" + PercentEncode("تحقيق-مشترك-عن-المياه"));
  ASSERT_EQ(page.status, 200);
  const std::string writer_url = "/writer/" + PercentEncode("هدى-الكاتبة");
  const std::string co_url = "/writer/" + PercentEncode("سلمى-الشريكة");
  EXPECT_TRUE(Has(page.body, "بقلم: <a href=\"" + writer_url + "\" rel=\"author\">هدى الكاتبة</a> و<a href=\"" +
                                 co_url + "\" rel=\"author\">سلمى الشريكة</a></p>"))
      << page.body;
  EXPECT_TRUE(Has(page.body, ">ترجمة: <a href=\"/writer/jane-roe\">Jane Roe</a></span>"));
  EXPECT_TRUE(Has(page.body, ">شارك في الإعداد: <a href=\"/writer/" + PercentEncode("علي-المصور") +
                                 "\">علي المصور</a> و<a href=\"/writer/" + PercentEncode("منى-الباحثة") +
                                 "\">منى الباحثة</a></span>"));
  nlohmann::json ld = JsonLd(page.body);
  ASSERT_TRUE(ld.is_object()) << page.body;
  ASSERT_TRUE(ld["author"].is_array());
  ASSERT_EQ(ld["author"].size(), 2u);
  EXPECT_EQ(ld["author"][0]["name"], "هدى الكاتبة");
  EXPECT_EQ(ld["author"][1]["name"], "سلمى الشريكة");
  EXPECT_EQ(ld["author"][1]["@type"], "Person");
  EXPECT_EQ(ld["translator"][0]["name"], "Jane Roe");
  EXPECT_EQ(ld["contributor"].size(), 2u);

  // Every one of them has a page listing it.
  for (const std::string& url : {writer_url, co_url, std::string("/writer/jane-roe"),
                                 "/writer/" + PercentEncode("منى-الباحثة")}) {
    Reply list = Browser(port_).Get(url);
    EXPECT_TRUE(Shows(list, 200, "تحقيق مشترك عن المياه")) << url;
  }

  // The API: writers is the byline; contributors everyone beyond its first
  // writer, each with their role.
  Reply api = Browser(port_).Get("/api/v1/articles?writer=" + PercentEncode("سلمى-الشريكة") +
                                 "&fields=title,writers,contributors");
  ASSERT_EQ(api.status, 200) << api.body;
  nlohmann::json j = nlohmann::json::parse(api.body);
  ASSERT_EQ(j["articles"].size(), 1u) << api.body;
  const nlohmann::json& art = j["articles"][0];
  ASSERT_EQ(art["writers"].size(), 2u);
  EXPECT_EQ(art["writers"][1]["slug"], "سلمى-الشريكة");
  ASSERT_EQ(art["contributors"].size(), 4u);
  EXPECT_EQ(art["contributors"][0]["role"], "writer");
  EXPECT_EQ(art["contributors"][1]["role"], "translator");
  EXPECT_EQ(art["contributors"][3]["role"], "contributor");
  EXPECT_EQ(art["contributors"][3]["name"], "منى الباحثة");

  // The feed names both writers.
  Reply feed = Browser(port_).Get("/feed");
  EXPECT_TRUE(Has(feed.body, "<dc:creator>سلمى الشريكة</dc:creator>")) << feed.body.substr(0, 3000);

  // The co-writer taken off: the page says the writer alone, the
  // co-writer's page drops the article without waiting for the cache.
  Reply edit = chief.Get(desk);
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(Has(edit.body, "name=\"co_writers\" value=\"سلمى الشريكة\""));
  EXPECT_TRUE(Has(edit.body, "name=\"contributors\" value=\"علي المصور، منى الباحثة\""));
  r = chief.Post(desk, ArticleForm(DeskCsrf(chief), Field(edit.body, "version"), ""));
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  Reply gone = ReaderUntil(co_url, [](const Reply& x) { return !Has(x.body, "تحقيق مشترك عن المياه"); });
  EXPECT_FALSE(Has(gone.body, "تحقيق مشترك عن المياه")) << "purged from the former co-writer's page";
  page = Browser(port_).Get("/article/" + PercentEncode("تحقيق-مشترك-عن-المياه"));
  EXPECT_TRUE(Has(page.body, "rel=\"author\">هدى الكاتبة</a></p>"));
  EXPECT_EQ(JsonLd(page.body)["author"].size(), 1u) << "a list of one";

  // The history shows who was taken off.
  Reply history = chief.Get(desk + "/history");
  EXPECT_TRUE(Has(history.body, "كتّاب مشاركون")) << history.body.substr(0, 3000);
}

TEST(ContributorsImport, CoAuthorsPlusBringsItsCoWriters) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const std::string file = dir.path() + "/cap.xml";
  WriteFile(file,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>صحيفة</title>"
            "<link>http://cap.example.test</link><wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[huda]]></wp:author_login>"
            "<wp:author_email><![CDATA[huda@cap.example.test]]></wp:author_email>"
            "<wp:author_display_name><![CDATA[هدى سالم]]></wp:author_display_name></wp:author>"
            "<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[omar]]></wp:author_login>"
            "<wp:author_email><![CDATA[omar@cap.example.test]]></wp:author_email>"
            "<wp:author_display_name><![CDATA[عمر حداد]]></wp:author_display_name></wp:author>"
            "<item><title>خبر بقلمين</title><link>http://cap.example.test/two/</link>"
            "<dc:creator><![CDATA[huda]]></dc:creator>"
            "<content:encoded><![CDATA[<p>نص الخبر.</p>]]></content:encoded>"
            "<wp:post_id>5</wp:post_id><wp:post_date_gmt>2026-01-01 10:00:00</wp:post_date_gmt>"
            "<wp:post_name>two</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            "<category domain=\"author\" nicename=\"cap-huda\"><![CDATA[huda]]></category>"
            "<category domain=\"author\" nicename=\"cap-omar\"><![CDATA[omar]]></category>"
            "</item></channel></rss>\n");
  CommandResult r = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Co-Authors Plus author → co-writer")) << r.out;
  ServerProcess server(data);
  HttpResult page = Get(server.port(), "/article/two");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "rel=\"author\">هدى سالم</a> و<a href=\"/writer/" + PercentEncode("عمر-حداد") +
                                 "\" rel=\"author\">عمر حداد</a>"))
      << page.body;
  HttpResult co = Get(server.port(), "/writer/" + PercentEncode("عمر-حداد"));
  EXPECT_EQ(co.status, 200);
  EXPECT_TRUE(Has(co.body, "خبر بقلمين"));
  // The same export again changes nothing.
  CommandResult again = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Has(again.out, "1 unchanged")) << again.out;
}

}  // namespace
}  // namespace qalam::testing
