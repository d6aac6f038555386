// The Content API (/api/v1, docs/API.md) against the real binary: every
// endpoint's status, type, CORS, ETag and 304; shapes and filters; the
// cursor through everything with no duplicate or gap, deep and tampered;
// purges after publish, edit, slug rename and unpublish; never a draft, a
// page in the articles, or an email; errors' shape and statuses; and every
// answer valid against the OpenAPI document the server itself serves
// (checked with Debian's python3-jsonschema).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "desk_client.h"

namespace qalam::testing {
namespace {

using nlohmann::json;

constexpr const char* kSite = "https://news.example";

// Ten published articles over five days, a draft, a static page; the
// welcome articles `qalam init` publishes are made drafts (by their ids).
std::string Articles() {
  std::string out;
  for (int i = 1; i <= 4; ++i) {
    out += json{{"id", "qalam-welcome-" + std::to_string(i)}, {"title", "ترحيب " + std::to_string(i)},
                {"status", "draft"}, {"published_at", "2026-11-20"}, {"body", "مسودة."}}
               .dump() +
           "\n";
  }
  for (int i = 1; i <= 10; ++i) {
    json a = {{"id", "a" + std::to_string(i)},
              {"title", "خبر رقم " + std::to_string(i)},
              {"slug", "khabar-" + std::to_string(i)},
              // Two a day: ties in the day's date are broken by id.
              {"published_at", "2025-03-0" + std::to_string((i + 1) / 2)},
              {"section", i % 2 ? "سياسة" : "اقتصاد"},
              {"tags", i % 3 == 0 ? json{"نفط", "عام"} : json{"عام"}},
              {"writer", {{"name", i <= 5 ? "هدى الكاتبة" : "سعيد الكاتب"}, {"bio", "صحفية في الاقتصاد."}}},
              {"editor", "محرر الموقع"},
              {"highlights", {"أبرز ما في الخبر " + std::to_string(i)}},
              {"body", "فقرة **أولى** من الخبر " + std::to_string(i) + ".\n\nفقرة ثانية."}};
    if (i % 4 == 0) a["source"] = {{"name", "وكالة الأنباء"}, {"url", "https://agency.example"}};
    if (i == 10) a["related"] = {{{"title", "خبر رقم 1"}}, {{"title", "رابط خارجي"}, {"url", "https://else.example/x"}}};
    if (i == 10) a["co_writers"] = {"هدى الكاتبة"};  // Written with the other writer.
    if (i == 10) {
      a["notices"] = {{{"kind", "correction"}, {"text", "صُحّح **الرقم**."}, {"date", "2025-03-06T10:00:00+03:00"}},
                      {{"kind", "editors_note"}, {"text", "ملاحظة المحرر."}, {"date", "2025-03-06T11:00:00+03:00"},
                       {"placement", "bottom"}}};
    }
    out += a.dump() + "\n";
  }
  out += json{{"id", "d1"}, {"title", "مسودة سرية"}, {"slug", "draft-secret"}, {"status", "draft"},
              {"published_at", "2025-03-09"}, {"section", "سياسة"}, {"tags", {"عام"}}, {"body", "لم تنشر بعد."}}
             .dump() +
         "\n";
  out += json{{"id", "p1"}, {"title", "من نحن"}, {"slug", "about"}, {"kind", "page"}, {"published_at", "2025-01-01"},
              {"body", "صحيفة عربية."}}
             .dump() +
         "\n";
  return out;
}

// Validates answers against the OpenAPI document's schemas: argv[1] the
// document, then pairs of a schema name and an answer's file.
const char* kValidator = R"PY(
import json, sys
import jsonschema
doc = json.load(open(sys.argv[1]))
assert doc["openapi"].startswith("3.1"), doc["openapi"]
bad = 0
for name, path in zip(sys.argv[2::2], sys.argv[3::2]):
    schema = {"$ref": "#/components/schemas/" + name, "components": doc["components"]}
    answer = json.load(open(path))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(answer))
    for e in errors:
        bad += 1
        print(name, path, list(e.absolute_path), e.message)
print("checked", len(sys.argv[2::2]))
sys.exit(1 if bad else 0)
)PY";

class ApiTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_url", kSite}).exit_code, 0);
    Import(Articles());
    Start();
  }
  void Import(const std::string& lines) {
    static int n = 0;
    const std::string file = dir_.path() + "/import-" + std::to_string(++n) + ".jsonl";
    WriteFile(file, lines);
    CommandResult r = RunQalam({"import", "--data", data_, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  HttpResult Raw(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return Get(port_, target, headers);
  }
  // A 200 JSON answer with the API's headers.
  json Api(const std::string& target, int status = 200) {
    HttpResult r = Raw(target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(r.header("access-control-allow-origin"), "*") << target;
    EXPECT_FALSE(Has(r.body, "@")) << target << " carries an address: " << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << target;
    return j;
  }
  // The path and query of an absolute `next`.
  static std::string Local(const std::string& next) {
    EXPECT_EQ(next.rfind(kSite, 0), 0u) << next;
    return next.substr(std::string(kSite).size());
  }
  // Every article's id through the cursor, from `first`.
  std::vector<int64_t> Walk(const std::string& first, int* pages = nullptr) {
    std::vector<int64_t> ids;
    std::string target = first;
    for (int n = 1; n < 100; ++n) {
      json j = Api(target);
      for (const json& a : j["articles"]) ids.push_back(a["id"].get<int64_t>());
      if (pages) *pages = n;
      if (j["next"].is_null()) break;
      target = Local(j["next"]);
    }
    return ids;
  }
  // Waits (up to 5 s) until the answer at `target` satisfies `ok`: the
  // server reads change keys every 250 ms.
  json Eventually(const std::string& target, const std::function<bool(const json&)>& ok, int status = 200) {
    json j;
    for (int i = 0; i < 50; ++i) {
      HttpResult r = Raw(target);
      j = json::parse(r.body, nullptr, false);
      if (r.status == status && ok(j)) return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << target << " never changed: " << j.dump();
    return j;
  }
  static std::vector<std::string> Titles(const json& list) {
    std::vector<std::string> out;
    for (const json& a : list["articles"]) out.push_back(a["title"]);
    return out;
  }
  static bool HasTitle(const json& list, const std::string& title) {
    auto t = Titles(list);
    return std::find(t.begin(), t.end(), title) != t.end();
  }
  void ExpectError(const std::string& target, int status, const std::string& code, const std::string& field = "") {
    HttpResult r = Raw(target);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << target;
    EXPECT_EQ(r.header("access-control-allow-origin"), "*") << target;
    json j = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.contains("error")) << target << ": " << r.body;
    EXPECT_EQ(j["error"]["code"], code) << target;
    EXPECT_TRUE(j["error"]["message"].is_string() && !j["error"]["message"].get<std::string>().empty());
    EXPECT_TRUE(j["error"]["message_ar"].is_string() && !j["error"]["message_ar"].get<std::string>().empty());
    if (!field.empty()) {
      EXPECT_EQ(j["error"].value("field", ""), field) << target;
    }
  }
};

TEST_F(ApiTest, TheListIsNewestFirstWithTheDocumentedShape) {
  json j = Api("/api/v1/articles");
  ASSERT_EQ(j["articles"].size(), 10u);
  EXPECT_TRUE(j["next"].is_null());
  // Newest first: day 5 holds 9 and 10, the later import (higher id) first.
  EXPECT_EQ(Titles(j).front(), "خبر رقم 10");
  EXPECT_EQ(Titles(j).back(), "خبر رقم 1");
  EXPECT_FALSE(HasTitle(j, "مسودة سرية"));
  EXPECT_FALSE(HasTitle(j, "من نحن"));
  const json& a = j["articles"][0];
  for (const char* f : {"id", "title", "slug", "url", "published_at", "updated_at", "editor", "writer", "writers",
                        "source", "section", "tags", "highlights", "featured_image", "related", "comment_count"}) {
    EXPECT_TRUE(a.contains(f)) << f;
  }
  EXPECT_FALSE(a.contains("body_html"));
  EXPECT_FALSE(a.contains("body_text"));
  EXPECT_EQ(a["url"], std::string(kSite) + "/article/khabar-10");
  EXPECT_EQ(a["published_at"], "2025-03-05T00:00:00+03:00");  // The site's zone, Riyadh.
  EXPECT_EQ(a["writer"]["name"], "سعيد الكاتب");
  EXPECT_EQ(a["writer"]["url"], std::string(kSite) + "/writer/" + Encode(a["writer"]["slug"]));
  EXPECT_EQ(a["writer"]["bio"], "صحفية في الاقتصاد.");
  EXPECT_TRUE(a["writer"]["image"].is_null());
  ASSERT_EQ(a["writers"].size(), 2u);
  EXPECT_EQ(a["writers"][0]["name"], "سعيد الكاتب");
  EXPECT_EQ(a["writers"][1]["name"], "هدى الكاتبة");
  ASSERT_EQ(a["contributors"].size(), 1u);
  EXPECT_EQ(a["contributors"][0]["role"], "writer");
  EXPECT_EQ(a["contributors"][0]["bio"], "صحفية في الاقتصاد.");
  EXPECT_EQ(j["articles"][1]["writers"].size(), 1u);
  EXPECT_EQ(j["articles"][1]["contributors"], json::array());
  EXPECT_EQ(a["editor"]["name"], "محرر الموقع");
  EXPECT_EQ(a["section"]["name"], "اقتصاد");
  EXPECT_TRUE(a["source"].is_null());  // 10 % 4 != 0: no source.
  EXPECT_EQ(j["articles"][2]["source"]["name"], "وكالة الأنباء");  // Article 8.
  EXPECT_EQ(j["articles"][2]["source"]["url"], "https://agency.example");
  EXPECT_EQ(a["highlights"], json({"أبرز ما في الخبر 10"}));
  EXPECT_TRUE(a["featured_image"].is_null());
  EXPECT_EQ(a["comment_count"], 0);
  // Curated links first: one to article 1 (by title), one outside.
  ASSERT_GE(a["related"].size(), 2u);
  EXPECT_EQ(a["related"][0]["title"], "خبر رقم 1");
  EXPECT_EQ(a["related"][0]["url"], std::string(kSite) + "/article/khabar-1");
  EXPECT_TRUE(a["related"][0]["id"].is_number());
  EXPECT_EQ(a["related"][1]["url"], "https://else.example/x");
  EXPECT_TRUE(a["related"][1]["id"].is_null());
  // Notices in the desk's order, as the page shows them.
  ASSERT_EQ(a["notices"].size(), 2u);
  EXPECT_EQ(a["notices"][0], json({{"kind", "correction"},
                                   {"label", "تصحيح"},
                                   {"text", "صُحّح **الرقم**."},
                                   {"text_html", "<p>صُحّح <strong>الرقم</strong>.</p>\n"},
                                   {"date", "2025-03-06T10:00:00+03:00"},
                                   {"placement", "top"}}));
  EXPECT_EQ(a["notices"][1]["placement"], "bottom");
  EXPECT_EQ(j["articles"][1]["notices"], json::array()) << "none: an empty list";
}

TEST_F(ApiTest, OneArticleByIdAndBySlugCarriesItsBodies) {
  json list = Api("/api/v1/articles?per_page=1");
  const int64_t id = list["articles"][0]["id"];
  json one = Api("/api/v1/articles/" + std::to_string(id));
  EXPECT_EQ(one["id"], id);
  EXPECT_EQ(one["title"], "خبر رقم 10");
  EXPECT_TRUE(Has(one["body_html"], "<strong>أولى</strong>"));
  EXPECT_TRUE(Has(one["body_text"], "فقرة أولى من الخبر 10"));
  EXPECT_FALSE(Has(one["body_text"], "**"));
  EXPECT_EQ(Api("/api/v1/articles/by-slug/khabar-10"), one);
  // Fields choose what comes, on one article or a list.
  json some = Api("/api/v1/articles/" + std::to_string(id) + "?fields=title,body_text");
  EXPECT_EQ(some.size(), 2u);
  json bodies = Api("/api/v1/articles?per_page=2&fields=id,body_html");
  EXPECT_EQ(bodies["articles"][0].size(), 2u);
  EXPECT_TRUE(Has(bodies["articles"][0]["body_html"], "<p>"));
  EXPECT_TRUE(Has(bodies["next"], "fields=id%2Cbody_html"));
  // Never a draft or a page, by id or by slug.
  ExpectError("/api/v1/articles/by-slug/draft-secret", 404, "not_found");
  ExpectError("/api/v1/articles/by-slug/about", 404, "not_found");
  ExpectError("/api/v1/articles/999999", 404, "not_found");
  ExpectError("/api/v1/articles/abc", 404, "not_found");
}

TEST_F(ApiTest, FiltersNarrowTheList) {
  json sections = Api("/api/v1/sections");
  std::string economy;
  for (const json& s : sections["sections"]) {
    if (s["name"] == "اقتصاد") economy = s["slug"];
  }
  ASSERT_FALSE(economy.empty());
  json j = Api("/api/v1/articles?section=" + Encode(economy));
  EXPECT_EQ(j["articles"].size(), 5u);
  for (const json& a : j["articles"]) EXPECT_EQ(a["section"]["name"], "اقتصاد");

  json tags = Api("/api/v1/tags");
  std::string oil;
  for (const json& t : tags["tags"]) {
    if (t["name"] == "نفط") oil = t["slug"];
  }
  ASSERT_FALSE(oil.empty());
  EXPECT_EQ(Titles(Api("/api/v1/articles?tag=" + Encode(oil))),
            (std::vector<std::string>{"خبر رقم 9", "خبر رقم 6", "خبر رقم 3"}));
  const std::string writer = Api("/api/v1/articles?per_page=1")["articles"][0]["writer"]["slug"];
  EXPECT_EQ(Api("/api/v1/articles?writer=" + Encode(writer))["articles"].size(), 5u);
  const std::string source = Api("/api/v1/sources")["sources"][0]["slug"];
  EXPECT_EQ(Titles(Api("/api/v1/articles?source=" + Encode(source))),
            (std::vector<std::string>{"خبر رقم 8", "خبر رقم 4"}));
  EXPECT_EQ(Titles(Api("/api/v1/articles?since=2025-03-04&until=2025-03-04T23:59")),
            (std::vector<std::string>{"خبر رقم 8", "خبر رقم 7"}));
  EXPECT_EQ(Api("/api/v1/articles?since=2025-03-05T00:00:01%2B03:00")["articles"].size(), 0u);
  EXPECT_EQ(Api("/api/v1/articles?updated_since=2025-03-05")["articles"].size(), 2u);
  EXPECT_EQ(Api("/api/v1/articles?section=" + Encode(economy) + "&tag=" + Encode(oil))["articles"].size(), 1u);
  ExpectError("/api/v1/articles?tag=no-such-tag", 400, "invalid_parameter", "tag");
}

TEST_F(ApiTest, TheCursorWalksEverythingWithNoDuplicateOrGap) {
  const std::vector<int64_t> all = Walk("/api/v1/articles?per_page=100");
  ASSERT_EQ(all.size(), 10u);
  for (int per_page : {1, 3, 4}) {
    int pages = 0;
    EXPECT_EQ(Walk("/api/v1/articles?per_page=" + std::to_string(per_page), &pages), all) << per_page;
    EXPECT_EQ(pages, (10 + per_page - 1) / per_page);
  }
  // With a filter, the next page keeps it.
  json first = Api("/api/v1/articles?per_page=2&since=2025-03-02");
  const std::string next = first["next"];
  EXPECT_TRUE(Has(next, "since=2025-03-02")) << next;
  EXPECT_EQ(Walk("/api/v1/articles?per_page=2&since=2025-03-02").size(), 8u);

  // A cursor used with other filters, or altered, is a 400 naming it.
  const std::string cursor = next.substr(next.find("cursor=") + 7);
  ExpectError("/api/v1/articles?per_page=2&cursor=" + cursor, 400, "invalid_cursor", "cursor");
  std::string tampered = cursor;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  ExpectError("/api/v1/articles?per_page=2&since=2025-03-02&cursor=" + tampered, 400, "invalid_cursor", "cursor");
  ExpectError("/api/v1/articles?cursor=%2F%2F", 400, "invalid_cursor", "cursor");
}

TEST_F(ApiTest, NamesPagesAndBreaking) {
  json writers = Api("/api/v1/writers?per_page=1");
  ASSERT_EQ(writers["writers"].size(), 1u);
  const json& w = writers["writers"][0];
  EXPECT_EQ(w["name"], "سعيد الكاتب");  // By name.
  EXPECT_EQ(w["article_count"], 5);
  EXPECT_EQ(w["bio"], "صحفية في الاقتصاد.");
  EXPECT_TRUE(w["image"].is_null());
  ASSERT_TRUE(writers["next"].is_string());
  json second = Api(Local(writers["next"]));
  EXPECT_EQ(second["writers"][0]["name"], "هدى الكاتبة");
  EXPECT_EQ(second["writers"][0]["article_count"], 6) << "her five and the one she co-wrote";
  EXPECT_TRUE(second["next"].is_null());
  // The editor has no articles as a writer: not listed.
  json one = Api("/api/v1/writers/" + Encode(w["slug"]));
  EXPECT_EQ(one["name"], "سعيد الكاتب");
  EXPECT_EQ(one["articles_url"], std::string(kSite) + "/api/v1/articles?writer=" + Encode(w["slug"]));
  EXPECT_EQ(Api(Local(one["articles_url"]))["articles"].size(), 5u);

  json sections = Api("/api/v1/sections");
  EXPECT_EQ(sections["sections"].size(), 2u);
  json section = Api("/api/v1/sections/" + Encode(sections["sections"][0]["slug"]));
  EXPECT_EQ(section["article_count"], 5);
  EXPECT_TRUE(Has(section["url"], "/section/"));
  json tags = Api("/api/v1/tags");
  EXPECT_EQ(tags["tags"].size(), 2u);
  json sources = Api("/api/v1/sources");
  ASSERT_EQ(sources["sources"].size(), 1u);
  EXPECT_EQ(sources["sources"][0]["url"], "https://agency.example");
  EXPECT_TRUE(Has(sources["sources"][0]["page_url"], "/source/"));
  ExpectError("/api/v1/tags/no-such-tag", 404, "not_found");
  ExpectError("/api/v1/writers/no-such-writer", 404, "not_found");

  json pages = Api("/api/v1/pages");
  ASSERT_EQ(pages["pages"].size(), 1u);
  EXPECT_EQ(pages["pages"][0]["url"], std::string(kSite) + "/page/about");
  json about = Api("/api/v1/pages/about");
  EXPECT_TRUE(Has(about["body_html"], "صحيفة عربية."));
  ExpectError("/api/v1/pages/khabar-1", 404, "not_found");

  const size_t before = Api("/api/v1/breaking")["items"].size();  // The welcome item.
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "عاجل: خبر مهم", "--link", "/article/khabar-1"}).exit_code, 0);
  json breaking = Eventually("/api/v1/breaking", [&](const json& j) { return j["items"].size() == before + 1; });
  EXPECT_EQ(breaking["items"][0]["text"], "عاجل: خبر مهم");  // Newest first.
  EXPECT_EQ(breaking["items"][0]["link"], std::string(kSite) + "/article/khabar-1");
  EXPECT_EQ(breaking["items"][0]["urgent"], false);
  EXPECT_TRUE(breaking["items"][0]["id"].is_number());
  // An urgent item comes first, whenever it was added, and says so.
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "عاجل جدًا: خبر أهم", "--urgent"}).exit_code, 0);
  ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "عاجل: خبر أحدث"}).exit_code, 0);
  breaking = Eventually("/api/v1/breaking", [&](const json& j) { return j["items"].size() == before + 3; });
  EXPECT_EQ(breaking["items"][0]["text"], "عاجل جدًا: خبر أهم");
  EXPECT_EQ(breaking["items"][0]["urgent"], true);
  EXPECT_EQ(breaking["items"][1]["text"], "عاجل: خبر أحدث");
  EXPECT_EQ(breaking["items"][1]["urgent"], false);
  HttpResult live = Get(port_, "/live/breaking.json");
  ASSERT_EQ(live.status, 200);
  json ticker = json::parse(live.body);
  ASSERT_EQ(ticker["items"].size(), before + 3);
  EXPECT_EQ(ticker["items"][0]["text"], "عاجل جدًا: خبر أهم");
  EXPECT_EQ(ticker["items"][0]["urgent"], true);
}

TEST_F(ApiTest, CachedWithEtagsAnd304) {
  for (const std::string target : {"/api/v1/articles", "/api/v1/articles/by-slug/khabar-1", "/api/v1/writers",
                                   "/api/v1/sections", "/api/v1/tags", "/api/v1/sources", "/api/v1/breaking",
                                   "/api/v1/pages", "/api/v1/pages/about", "/api/v1/openapi.json"}) {
    HttpResult r = Raw(target);
    ASSERT_EQ(r.status, 200) << target;
    const std::string etag = r.header("etag");
    ASSERT_FALSE(etag.empty()) << target;
    HttpResult again = Raw(target, {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304) << target;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("access-control-allow-origin"), "*") << target;
    EXPECT_EQ(Raw(target, {{"If-None-Match", "\"other\""}}).status, 200) << target;
    HttpResult gz = Raw(target, {{"Accept-Encoding", "gzip"}});
    if (gz.header("content-encoding") == "gzip") {
      EXPECT_EQ(GunzipForTest(gz.body), r.body) << target;
    }
  }
  // The same parameters in another order are the same answer.
  EXPECT_EQ(Raw("/api/v1/articles?per_page=2&since=2025-03-02").header("etag"),
            Raw("/api/v1/articles?since=2025-03-02&per_page=2").header("etag"));
}

TEST_F(ApiTest, CorsPreflightMethodsAndErrors) {
  HttpResult pre = Http(port_, "OPTIONS", "/api/v1/articles", {{"Origin", "https://app.example"},
                                                                {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.header("access-control-allow-origin"), "*");
  EXPECT_TRUE(Has(pre.header("access-control-allow-methods"), "GET"));
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    HttpResult r = Http(port_, method, "/api/v1/articles");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("allow"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(json::parse(r.body)["error"]["code"], "method_not_allowed");
  }
  HttpResult head = Http(port_, "HEAD", "/api/v1/articles");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  ExpectError("/api/v1/articles?per_page=0", 400, "invalid_parameter", "per_page");
  ExpectError("/api/v1/articles?per_page=101", 400, "invalid_parameter", "per_page");
  ExpectError("/api/v1/articles?since=yesterday", 400, "invalid_parameter", "since");
  ExpectError("/api/v1/articles?fields=id,email", 400, "unknown_field", "fields");
  ExpectError("/api/v1/articles?page=2", 400, "unknown_parameter", "page");
  ExpectError("/api/v1/nothing", 404, "not_found");
  ExpectError("/api/v1", 404, "not_found");
  ExpectError("/api/v1/articles?x=%FF", 400, "invalid_query");
}

TEST_F(ApiTest, UncachedRequestsAreRateLimitedCachedOnesAreNot) {
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 400 && limited == 0; ++i) {
    HttpResult r = Raw("/api/v1/articles?per_page=" + std::to_string(i % 100 + 1) + "&since=2025-01-" +
                       (i / 100 < 1 ? "01" : "0" + std::to_string(i / 100 + 1)));
    if (r.status == 429) {
      ++limited;
      retry_after = r.header("retry-after");
      EXPECT_EQ(json::parse(r.body)["error"]["code"], "rate_limited");
      EXPECT_EQ(r.header("access-control-allow-origin"), "*");
    } else {
      EXPECT_EQ(r.status, 200) << r.body;
    }
  }
  EXPECT_EQ(limited, 1);
  EXPECT_FALSE(retry_after.empty());
  // What is cached is served, limited or not.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(Raw("/api/v1/articles?per_page=1&since=2025-01-01").status, 200);
}

TEST_F(ApiTest, AnswersChangeAfterPublishEditRenameAndUnpublish) {
  // Every answer we will watch, cached first.
  Api("/api/v1/articles");
  Api("/api/v1/articles/by-slug/khabar-3");
  Api("/api/v1/tags");
  const int64_t id3 = Api("/api/v1/articles/by-slug/khabar-3")["id"];
  const std::string by_id = "/api/v1/articles/" + std::to_string(id3);
  Api(by_id);

  // Publish: the draft goes live and heads the list.
  Import(json{{"id", "d1"}, {"title", "مسودة سرية"}, {"slug", "draft-secret"}, {"status", "published"},
              {"published_at", "2025-03-09"}, {"section", "سياسة"}, {"tags", {"عام", "جديد"}}, {"body", "نشرت."}}
             .dump() + "\n");
  Eventually("/api/v1/articles", [](const json& j) { return j["articles"][0]["title"] == "مسودة سرية"; });
  Eventually("/api/v1/tags", [](const json& j) { return j["tags"].size() == 3; });

  // Edit: the new title everywhere it is shown.
  Import(json{{"id", "a3"}, {"title", "خبر رقم 3 معدل"}, {"slug", "khabar-3"}, {"published_at", "2025-03-02"},
              {"section", "سياسة"}, {"tags", {"نفط", "عام"}}, {"body", "نص معدل."}}
             .dump() + "\n");
  Eventually(by_id, [](const json& j) { return j["title"] == "خبر رقم 3 معدل"; });
  Eventually("/api/v1/articles", [](const json& j) { return HasTitle(j, "خبر رقم 3 معدل"); });

  // Slug rename: the old slug is gone, the new one answers, the id stays.
  Import(json{{"id", "a3"}, {"title", "خبر رقم 3 معدل"}, {"slug", "khabar-3-new"}, {"published_at", "2025-03-02"},
              {"section", "سياسة"}, {"tags", {"نفط", "عام"}}, {"body", "نص معدل."}}
             .dump() + "\n");
  Eventually(by_id, [](const json& j) { return j["slug"] == "khabar-3-new"; });
  EXPECT_EQ(Api("/api/v1/articles/by-slug/khabar-3-new")["id"], id3);
  Eventually("/api/v1/articles/by-slug/khabar-3", [](const json&) { return true; }, 404);

  // Unpublish: gone from the list and by id.
  Import(json{{"id", "a3"}, {"title", "خبر رقم 3 معدل"}, {"slug", "khabar-3-new"}, {"status", "draft"},
              {"published_at", "2025-03-02"}, {"section", "سياسة"}, {"body", "نص معدل."}}
             .dump() + "\n");
  Eventually("/api/v1/articles", [](const json& j) { return !HasTitle(j, "خبر رقم 3 معدل"); });
  Eventually(by_id, [](const json&) { return true; }, 404);
}

TEST_F(ApiTest, EveryAnswerIsValidAgainstTheServedOpenApiDocument) {
  HttpResult doc = Raw("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const json spec = json::parse(doc.body);
  EXPECT_EQ(spec["openapi"], "3.1.0");
  // Every path the document names answers (with a real slug or id).
  const int64_t id = Api("/api/v1/articles?per_page=1")["articles"][0]["id"];
  std::vector<std::pair<std::string, std::string>> checks = {
      {"ArticleList", "/api/v1/articles"},
      {"ArticleList", "/api/v1/articles?per_page=3"},
      {"Article", "/api/v1/articles/" + std::to_string(id)},
      {"Article", "/api/v1/articles/by-slug/khabar-10"},
      {"WriterList", "/api/v1/writers"},
      {"SectionList", "/api/v1/sections"},
      {"TagList", "/api/v1/tags"},
      {"SourceList", "/api/v1/sources?per_page=1"},
      {"Writer", "/api/v1/writers/" + Encode(Api("/api/v1/writers")["writers"][0]["slug"])},
      {"Section", "/api/v1/sections/" + Encode(Api("/api/v1/sections")["sections"][0]["slug"])},
      {"Tag", "/api/v1/tags/" + Encode(Api("/api/v1/tags")["tags"][0]["slug"])},
      {"Source", "/api/v1/sources/" + Encode(Api("/api/v1/sources")["sources"][0]["slug"])},
      {"Breaking", "/api/v1/breaking"},
      {"PageList", "/api/v1/pages"},
      {"Page", "/api/v1/pages/about"},
      {"Error", "/api/v1/articles?per_page=0"},
      {"Error", "/api/v1/articles/999999"},
  };
  std::set<std::string> answered;
  std::vector<std::string> args = {"python3", dir_.path() + "/validate.py", dir_.path() + "/openapi.json"};
  WriteFile(dir_.path() + "/validate.py", kValidator);
  WriteFile(dir_.path() + "/openapi.json", doc.body);
  for (size_t i = 0; i < checks.size(); ++i) {
    const auto& [schema, target] = checks[i];
    ASSERT_TRUE(spec["components"]["schemas"].contains(schema)) << schema;
    HttpResult r = Raw(target);
    const std::string file = dir_.path() + "/answer-" + std::to_string(i) + ".json";
    WriteFile(file, r.body);
    args.push_back(schema);
    args.push_back(file);
    std::string path = target.substr(0, target.find('?'));
    answered.insert(path);
  }
  // Every documented path is among those checked (a slug or id in place
  // of its parameter).
  for (const auto& [path, item] : spec["paths"].items()) {
    if (path == "/api/v1/openapi.json") continue;
    const std::regex re("^" + std::regex_replace(path, std::regex("\\{[a-z]+\\}"), "[^/]+") + "$");
    EXPECT_TRUE(std::any_of(answered.begin(), answered.end(), [&](const std::string& p) {
      return std::regex_match(p, re);
    })) << path << " is documented but not checked";
  }
  std::string command;
  for (const std::string& a : args) command += "'" + a + "' ";
  FILE* p = popen((command + "2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int rc = pclose(p);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_TRUE(Has(out, "checked " + std::to_string(checks.size()))) << out;
}

TEST_F(ApiTest, ACommentersEmailNeverShowsAndTheCountFollowsApprovals) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "comment_first_time", "never"}).exit_code, 0);
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "comment_min_seconds", "0"}).exit_code, 0);
  Browser reader(port_);
  const std::string article_page = "/article/khabar-1";
  const std::string article = Field(reader.Get(article_page).body, "article");
  ASSERT_FALSE(article.empty());
  const std::string token = json::parse(reader.Get("/api/comment-token?article=" + article).body)["token"];
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // The settings reach the server.
  Reply posted = reader.Post("/comments", {{"article", article}, {"parent", ""}, {"token", token}, {"website", ""},
                                           {"name", "قارئ"}, {"email", "reader.secret@mail.example"},
                                           {"comment", "تعليق مفيد جدًا على هذا الخبر، شكرًا."}});
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 1000);
  json one = Eventually("/api/v1/articles/by-slug/khabar-1", [](const json& j) { return j["comment_count"] == 1; });
  for (const std::string target : {"/api/v1/articles", "/api/v1/articles/by-slug/khabar-1", "/api/v1/writers",
                                   "/api/v1/articles?fields=id,body_html,body_text"}) {
    EXPECT_FALSE(Has(Raw(target).body, "reader.secret")) << target;
  }
}

TEST_F(ApiTest, ARenamedTagsOldSlugMovesToTheNewOne) {
  MakeUser("chief_editor", "chief@news.example", "رئيسة التحرير");
  Browser chief = SignedIn("chief@news.example");
  const std::string old_slug = Api("/api/v1/tags/" + Encode("نفط"))["slug"];
  Reply names = chief.Get("/admin/names/tag?q=" + Encode("نفط"));
  std::smatch link;
  ASSERT_TRUE(std::regex_search(names.body, link, std::regex("href=\"(/admin/names/tag/[0-9]+)\"")));
  Reply edit = chief.Get(link[1].str());
  ASSERT_EQ(chief.Post(link[1].str(), {{"csrf", Field(edit.body, "csrf")}, {"name", "بترول"}}).status, 303);
  json renamed = Eventually("/api/v1/tags/" + Encode("بترول"), [](const json& j) { return j["name"] == "بترول"; });
  EXPECT_EQ(renamed["article_count"], 3);
  // The old slug's cached answer goes at the server's next read of changes.
  Eventually("/api/v1/tags/" + Encode(old_slug), [](const json& j) { return j.contains("location"); }, 301);
  HttpResult moved = Raw("/api/v1/tags/" + Encode(old_slug));
  EXPECT_EQ(moved.status, 301) << moved.body;
  EXPECT_EQ(moved.header("location"), "/api/v1/tags/" + Encode("بترول"));
  EXPECT_EQ(moved.header("access-control-allow-origin"), "*");
  EXPECT_EQ(moved.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(Api("/api/v1/articles?tag=" + Encode("بترول"))["articles"].size(), 3u);
  ExpectError("/api/v1/tags/never-a-tag", 404, "not_found");
}

// A 2×1 PNG, written by hand (as in articles_test.cc).
const std::string kPng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
    "\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00\x7b\x40\xe8"
    "\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63\x38\x21\x07\x04"
    "\x27\x00\x07\x23\x02\x09\xe4\x58\x88\x39\x00\x00\x00\x00\x49\x45"
    "\x4e\x44\xae\x42\x60\x82",
    70);

TEST_F(ApiTest, AnArticlePublishedOnTheDeskWithItsFeaturedImage) {
  MakeUser("chief_editor", "chief@news.example", "رئيسة التحرير");
  Browser chief = SignedIn("chief@news.example");
  const std::string boundary = "----qalamapitest7MA4YWxk";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                     DeskCsrf(chief) + "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nشعار الميناء\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n" +
          "Content-Type: image/png\r\n\r\n" + kPng + "\r\n--" + boundary + "--\r\n";
  ASSERT_EQ(chief.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}})
                .status,
            303);
  Api("/api/v1/articles?per_page=1");  // Cached before the publication.
  Reply published = chief.Post("/admin/articles", {{"csrf", DeskCsrf(chief)},
                                                   {"version", "0"},
                                                   {"action", "publish"},
                                                   {"title", "ميناء جديد على البحر الأحمر"},
                                                   {"highlights", "الميناء يستقبل أول سفينة."},
                                                   {"body", "أعلنت الهيئة افتتاح الميناء."},
                                                   {"writer", "هدى الضيفة"},
                                                   {"writer_bio", "صحفية."},
                                                   {"source", ""},
                                                   {"source_url", ""},
                                                   {"section", "اقتصاد"},
                                                   {"tags", "موانئ"},
                                                   {"related", ""},
                                                   {"slug", "port"},
                                                   {"image_id", "1"},
                                                   {"image_alt", "شعار الميناء الجديد"},
                                                   {"image_caption", "الشعار في حفل الإطلاق"}});
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 2000);
  // Published now, it heads the list once the server reads the change.
  json list = Eventually("/api/v1/articles?per_page=1",
                         [](const json& j) { return j["articles"][0]["slug"] == "port"; });
  const json& image = list["articles"][0]["featured_image"];
  ASSERT_TRUE(image.is_object()) << list.dump();
  EXPECT_EQ(image["alt"], "شعار الميناء الجديد");
  EXPECT_EQ(image["caption"], "الشعار في حفل الإطلاق");
  EXPECT_TRUE(image["credit"].is_null());
  EXPECT_EQ(image["width"], 2);
  EXPECT_EQ(image["height"], 1);
  EXPECT_EQ(image["url"].get<std::string>().rfind(std::string(kSite) + "/media/", 0), 0u) << image.dump();
  ASSERT_FALSE(image["sizes"].empty());
  bool webp = false;
  for (const json& size : image["sizes"]) {
    EXPECT_EQ(size["url"].get<std::string>().rfind(std::string(kSite) + "/media/", 0), 0u);
    webp = webp || size["type"] == "image/webp";
    // Every size is served.
    EXPECT_EQ(Raw(Local(size["url"])).status, 200) << size.dump();
  }
  EXPECT_TRUE(webp);
  // No crops of a 2×1 image: search engines take none under 50,000 pixels.
  EXPECT_TRUE(image["crops"].is_array() && image["crops"].empty()) << image.dump();
  // What search engines are shown: without SEO fields, the title and the
  // first highlight, and the article's own address as canonical.
  const json& seo = list["articles"][0]["seo"];
  EXPECT_EQ(seo["title"], "ميناء جديد على البحر الأحمر");
  EXPECT_EQ(seo["description"], "الميناء يستقبل أول سفينة.");
  EXPECT_EQ(seo["canonical_url"], std::string(kSite) + "/article/port");
  // The desk account's address is nowhere (Api checks every answer for '@').
  Api("/api/v1/articles/by-slug/port");
  Api("/api/v1/writers");
}

}  // namespace
}  // namespace qalam::testing
