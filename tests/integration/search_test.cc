// Arabic search over HTTP: the page, the JSON API, suggestions, and the
// index kept current by imports, against the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace qalam::testing {
namespace {

using nlohmann::json;

const char* kArticles =
    R"({"id": "kz-1", "title": "احتجاجات واسعة في كازاخستان", "published_at": "2022-01-06", "section": "دولية", "tags": ["آسيا الوسطى"], "writer": {"name": "كاتب البحث"}, "highlights": ["خرج المحتجون إلى الشوارع."], "body": "شهدت المدن الكازاخستانية والاحتجاجات المتواصلة تدخلًا من قوات الأمن.\n\nوقالت الحكومة إن الأزمة ستنتهي قريبًا."})" "\n"
    R"({"id": "ua-1", "title": "محادثات جنيف حول أوكرانيا", "published_at": "2022-01-10", "section": "دولية", "body": "اجتمع المفاوضون في جنيف لبحث الأزمة الأوكرانية، وقال الوفد الروسي إن الحوار مفيد."})" "\n"
    R"({"id": "ec-1", "title": "دمج المصارف الكبرى", "published_at": "2023-05-01", "section": "اقتصاد", "body": "أعلنت الحكومة بدمج مصرفين كبيرين في كيان واحد، في خطوة تهدف إلى تقوية القطاع."})" "\n"
    R"({"id": "tn-1", "title": "مدرسة جديدة في القرية المجاورة", "published_at": "2023-09-01", "section": "مجتمع", "body": "افتُتحت مَدْرَسَةٌ جَدِيدَةٌ في القرية المجاورة للعاصمة، وقال الوزير إن الدولة تواصل الاستثمار في التعليم."})" "\n";

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    WriteFile(dir_.path() + "/a.jsonl", kArticles);
    ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/a.jsonl"}).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(data_);
  }
  json Api(const std::string& query, int expect_status = 200) {
    HttpResult r = Get(server_->port(), "/api/search?" + query);
    EXPECT_EQ(r.status, expect_status) << query << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    return json::parse(r.body, nullptr, false);
  }
  std::vector<std::string> Ids(const json& j) {
    std::vector<std::string> ids;
    for (const auto& r : j["results"]) ids.push_back(r["id"]);
    return ids;
  }
  static std::string Q(const std::string& s) { return Encode(s); }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<ServerProcess> server_;
};

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST_F(SearchTest, ApiAnswersTheContractShape) {
  json j = Api("q=" + Q("كازاخستان") + "&limit=5&offset=0");
  ASSERT_TRUE(j.is_object());
  EXPECT_GE(j["total"].get<int>(), 1);
  ASSERT_FALSE(j["results"].empty());
  const json& first = j["results"][0];
  EXPECT_EQ(first["id"], "kz-1");  // The interchange id.
  EXPECT_EQ(first["title"], "احتجاجات واسعة في كازاخستان");
  EXPECT_NE(first["url"].get<std::string>().find("/article/"), std::string::npos);
  EXPECT_TRUE(first["score"].is_number());
  EXPECT_NE(first["snippet"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(SearchTest, ArabicVariantsFindEachOther) {
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("الكازاخستانية"))), "kz-1"));
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("اوكرانيا"))), "ua-1"));     // No hamza.
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("بدمج"))), "ec-1"));         // Proclitic.
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("دمج"))), "ec-1"));
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("مجاورة"))), "tn-1"));       // المجاورة.
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("مدرسة"))), "tn-1"));        // Written with tashkeel.
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("احتجاج"))), "kz-1"));       // والاحتجاجات.
}

TEST_F(SearchTest, PhrasesAndExclusions) {
  std::vector<std::string> phrase = Ids(Api("q=" + Q("\"الأزمة الأوكرانية\"")));
  EXPECT_TRUE(Has(phrase, "ua-1"));
  EXPECT_FALSE(Has(phrase, "kz-1"));
  std::vector<std::string> both = Ids(Api("q=" + Q("الأزمة")));
  EXPECT_TRUE(Has(both, "ua-1"));
  EXPECT_TRUE(Has(both, "kz-1"));
  std::vector<std::string> excluded = Ids(Api("q=" + Q("الأزمة -جنيف")));
  EXPECT_TRUE(Has(excluded, "kz-1"));
  EXPECT_FALSE(Has(excluded, "ua-1"));
}

TEST_F(SearchTest, FiltersAndSort) {
  std::vector<std::string> econ = Ids(Api("q=" + Q("الحكومة") + "&section=" + Q("اقتصاد")));
  EXPECT_EQ(econ, std::vector<std::string>{"ec-1"});
  std::vector<std::string> dated = Ids(Api("q=" + Q("الحكومة") + "&from=2023-01-01&to=2023-12-31"));
  EXPECT_EQ(dated, std::vector<std::string>{"ec-1"});
  json by_date = Api("q=" + Q("قال") + "&sort=date");
  ASSERT_GE(by_date["results"].size(), 2u);
  EXPECT_GE(by_date["results"][0]["published_at"].get<std::string>(),
            by_date["results"][1]["published_at"].get<std::string>());
}

TEST_F(SearchTest, AllWordsFirstThenAny) {
  json all = Api("q=" + Q("جنيف المفاوضون"));
  EXPECT_EQ(all["matched"], "all");
  EXPECT_EQ(Ids(all), std::vector<std::string>{"ua-1"});
  json any = Api("q=" + Q("جنيف المصارف"));
  EXPECT_EQ(any["matched"], "any");
  EXPECT_TRUE(Has(Ids(any), "ua-1"));
  EXPECT_TRUE(Has(Ids(any), "ec-1"));
}

TEST_F(SearchTest, DidYouMeanFromTheIndexVocabulary) {
  json j = Api("q=" + Q("كازاخستام"));
  EXPECT_EQ(j["total"], 0);
  EXPECT_EQ(j["suggestion"], "كازاخستان");
  HttpResult page = Get(server_->port(), "/search?q=" + Q("كازاخستام"));
  EXPECT_NE(page.body.find("هل تقصد"), std::string::npos);
  EXPECT_NE(page.body.find(">كازاخستان</a>"), std::string::npos);
}

TEST_F(SearchTest, BadQueriesGetClearAnswersNever500) {
  const std::vector<std::string> bad = {
      "q=", "q=" + Q("\"غير مغلق"), "q=" + Q(std::string(300, 'a')), "q=" + Q("-فقط"),
      "q=x&limit=0", "q=x&limit=abc", "q=x&offset=-1", "q=x&from=2022-13-01", "q=%ZZ"};
  for (const std::string& q : bad) {
    HttpResult r = Get(server_->port(), "/api/search?" + q);
    EXPECT_EQ(r.status, 400) << q;
    json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << q;
    EXPECT_FALSE(j["error"].get<std::string>().empty()) << q;
  }
  // Characters that mean something to FTS5 are only text to us.
  for (const char* q : {"NEAR(a b)", "title:x", "a AND OR b", "*", "(((", "^x", "a\"\"b\""}) {
    HttpResult r = Get(server_->port(), "/api/search?q=" + Q(q));
    EXPECT_TRUE(r.status == 200 || r.status == 400) << q << " " << r.status;
  }
  HttpResult page = Get(server_->port(), "/search?q=" + Q("\"غير مغلق"));
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("علامات التنصيص غير متوازنة"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"&quot;غير مغلق\""), std::string::npos);  // Kept, escaped.
}

TEST_F(SearchTest, SearchPageIsArabicWithCountAndMarks) {
  HttpResult r = Get(server_->port(), "/search?q=" + Q("كازاخستان"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("عدد النتائج: 1"), std::string::npos);
  EXPECT_NE(r.body.find("<mark>"), std::string::npos);
  EXPECT_NE(r.body.find("احتجاجات واسعة في كازاخستان"), std::string::npos);
  EXPECT_NE(r.body.find("name=\"robots\" content=\"noindex\""), std::string::npos);
  EXPECT_EQ(r.header("set-cookie"), "");
  HttpResult empty = Get(server_->port(), "/search");
  EXPECT_EQ(empty.status, 200);  // The form alone.
}

TEST_F(SearchTest, SuggestCompletesTitles) {
  HttpResult r = Get(server_->port(), "/api/suggest?q=" + Q("كازاخ"));
  ASSERT_EQ(r.status, 200);
  json j = json::parse(r.body);
  ASSERT_FALSE(j["suggestions"].empty()) << r.body;
  EXPECT_EQ(j["suggestions"][0]["title"], "احتجاجات واسعة في كازاخستان");
  HttpResult odd = Get(server_->port(), "/api/suggest?q=" + Q("\"(*"));
  EXPECT_EQ(odd.status, 200);
}

TEST_F(SearchTest, IndexFollowsImportsAndUnpublishing) {
  WriteFile(dir_.path() + "/b.jsonl",
            R"({"id": "new-1", "title": "مهرجان السينما في قرطاج", "body": "انطلق المهرجان بعروض متنوعة."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/b.jsonl"}).exit_code, 0);
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("قرطاج"))), "new-1"));
  WriteFile(dir_.path() + "/c.jsonl",
            R"({"id": "new-1", "status": "draft", "title": "مهرجان السينما في قرطاج", "body": "انطلق المهرجان بعروض متنوعة."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/c.jsonl"}).exit_code, 0);
  EXPECT_FALSE(Has(Ids(Api("q=" + Q("قرطاج"))), "new-1"));
  CommandResult reindex = RunQalam({"search", "reindex", "--data", data_});
  EXPECT_EQ(reindex.exit_code, 0) << reindex.err;
  EXPECT_NE(reindex.out.find("search index rebuilt"), std::string::npos);
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("كازاخستان"))), "kz-1"));
  CommandResult cli = RunQalam({"search", "query", "--data", data_, "بدمج"});
  EXPECT_EQ(cli.exit_code, 0);
  EXPECT_NE(cli.out.find("ec-1"), std::string::npos);
}

TEST_F(SearchTest, TehMarbutaSettingRebuildsTheIndex) {
  // An exact phrase compares exact forms: ة and ه are one letter by default…
  const std::string phrase = "q=" + Q("\"مدرسه جديده\"");
  EXPECT_TRUE(Has(Ids(Api(phrase)), "tn-1"));
  CommandResult set = RunQalam({"settings", "--data", data_, "search_teh_marbuta", "keep"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("search index rebuilt"), std::string::npos);
  // …and two once the site keeps them apart (the stem still finds both).
  EXPECT_FALSE(Has(Ids(Api(phrase)), "tn-1"));
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("\"مدرسة جديدة\""))), "tn-1"));
  EXPECT_TRUE(Has(Ids(Api("q=" + Q("مدرسه"))), "tn-1"));
}

TEST_F(SearchTest, SnippetsShowTheTextNotTheMarkdown) {
  WriteFile(dir_.path() + "/md.jsonl",
            R"({"id": "md-1", "title": "تقرير الموانئ", "body": "أعلنت **هيئة الموانئ** عن [خطة التوسعة](https://example.com/zanzibar) الجديدة."})" "\n");
  ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/md.jsonl"}).exit_code, 0);
  json j = Api("q=" + Q("التوسعة"));
  ASSERT_EQ(Ids(j), std::vector<std::string>{"md-1"});
  const std::string snippet = j["results"][0]["snippet"];
  EXPECT_EQ(snippet.find("**"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("]("), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("هيئة الموانئ"), std::string::npos) << snippet;
  // A link's address is not the article's text.
  EXPECT_EQ(Api("q=zanzibar")["total"], 0);
}

}  // namespace
}  // namespace qalam::testing
