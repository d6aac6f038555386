// The Content API's pure parts: the opaque cursor (base64url, checksum,
// bound to the filters), the fields list and the reading of a list's query.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "render/content_api.h"

namespace qalam {
namespace {

using Params = std::map<std::string, std::string>;
constexpr const char* kTz = "Asia/Riyadh";

TEST(Base64Url, RoundTripsEveryLengthAndRefusesOtherAlphabets) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    std::string decoded;
    const std::string encoded = Base64UrlEncode(bytes);
    EXPECT_EQ(encoded.find_first_of("+/="), std::string::npos);
    ASSERT_TRUE(Base64UrlDecode(encoded, &decoded)) << i;
    EXPECT_EQ(decoded, bytes);
    bytes.push_back(static_cast<char>(i * 37 + 200));
  }
  std::string out;
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_FALSE(Base64UrlDecode("ab+c", &out));
  EXPECT_FALSE(Base64UrlDecode("abc=", &out));
  EXPECT_FALSE(Base64UrlDecode("abcde", &out));  // 1 mod 4: no encoding is that long.
  EXPECT_FALSE(Base64UrlDecode("-_9", &out));    // Nonzero padding bits.
}

TEST(Cursor, DecodesWhatItEncodedForTheSameFilters) {
  const std::string c = EncodeCursor({"1700000000", "42"}, "fp1");
  std::vector<std::string> keys;
  ASSERT_TRUE(DecodeCursor(c, "fp1", 2, &keys));
  EXPECT_EQ(keys, (std::vector<std::string>{"1700000000", "42"}));
  // Names with the separator and the escape survive.
  const std::string n = EncodeCursor({"a|b\\c", "7"}, "writers");
  ASSERT_TRUE(DecodeCursor(n, "writers", 2, &keys));
  EXPECT_EQ(keys[0], "a|b\\c");
}

TEST(Cursor, RefusesOtherFiltersTamperingAndGarbage) {
  const std::string c = EncodeCursor({"1700000000", "42"}, "fp1");
  std::vector<std::string> keys;
  EXPECT_FALSE(DecodeCursor(c, "fp2", 2, &keys));  // Made for other filters.
  EXPECT_FALSE(DecodeCursor(c, "fp1", 1, &keys));  // Another endpoint's shape.
  EXPECT_FALSE(DecodeCursor("", "fp1", 2, &keys));
  EXPECT_FALSE(DecodeCursor("not a cursor!", "fp1", 2, &keys));
  // Any changed character, anywhere, is refused.
  for (size_t i = 0; i < c.size(); ++i) {
    std::string t = c;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(DecodeCursor(t, "fp1", 2, &keys)) << i;
  }
  // A cursor whose keys were re-encoded by hand, without the checksum.
  std::string raw;
  ASSERT_TRUE(Base64UrlDecode(c, &raw));
  std::string forged = raw;
  forged.replace(forged.find("42"), 2, "43");
  EXPECT_FALSE(DecodeCursor(Base64UrlEncode(forged), "fp1", 2, &keys));
}

TEST(Fields, DefaultsAndChoices) {
  std::vector<std::string> f;
  ApiError e;
  ASSERT_TRUE(ParseFields("", true, &f, &e));
  EXPECT_EQ(std::count(f.begin(), f.end(), "body_html"), 0);
  EXPECT_EQ(std::count(f.begin(), f.end(), "title"), 1);
  EXPECT_EQ(f.size(), ArticleFields().size() - 2);
  ASSERT_TRUE(ParseFields("", false, &f, &e));
  EXPECT_EQ(f, ArticleFields());
  // Asked in any order, with spaces, answered in the article's order.
  ASSERT_TRUE(ParseFields("title, id,body_text", true, &f, &e));
  EXPECT_EQ(f, (std::vector<std::string>{"id", "title", "body_text"}));
  EXPECT_FALSE(ParseFields("id,email", true, &f, &e));
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.field, "fields");
  EXPECT_NE(e.message.find("\"email\""), std::string::npos);
  EXPECT_FALSE(ParseFields("id,", true, &f, &e));  // An empty name is unknown too.
}

TEST(ArticleListQuery, ReadsFiltersTimesAndPerPage) {
  ArticleListRequest r;
  ApiError e;
  ASSERT_TRUE(ParseArticleListRequest({}, kTz, &r, &e));
  EXPECT_EQ(r.per_page, kApiDefaultPerPage);
  EXPECT_EQ(r.since, INT64_MIN);
  EXPECT_EQ(r.until, INT64_MAX);
  EXPECT_FALSE(r.after);
  ASSERT_TRUE(ParseArticleListRequest({{"tag", "اقتصاد"}, {"since", "2024-05-01"},
                                       {"until", "2024-05-02T10:00:00+00:00"}, {"per_page", "100"}},
                                      kTz, &r, &e));
  EXPECT_EQ(r.tag, "اقتصاد");
  EXPECT_EQ(r.since, 1714510800);  // Midnight in Riyadh (UTC+3).
  EXPECT_EQ(r.until, 1714644000);
  EXPECT_EQ(r.per_page, 100);
}

TEST(ArticleListQuery, RefusesBadValuesNamingTheField) {
  ArticleListRequest r;
  ApiError e;
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"per_page", "0"}, {"per_page", "101"}, {"per_page", "ten"}, {"per_page", "5x"}, {"per_page", ""},
           {"since", "yesterday"}, {"until", "2024-13-01"}, {"updated_since", "2024-02-30"}, {"cursor", "abc"},
           {"page", "2"}, {"fields", "id,nope"}}) {
    EXPECT_FALSE(ParseArticleListRequest({{name, value}}, kTz, &r, &e)) << name << "=" << value;
    EXPECT_EQ(e.status, 400) << name;
    EXPECT_EQ(e.field, name == "fields" ? "fields" : name) << name;
    EXPECT_FALSE(e.message.empty());
    EXPECT_FALSE(e.message_ar.empty());
  }
}

TEST(ArticleListQuery, ACursorIsBoundToItsFiltersNotToPerPageOrFields) {
  ArticleListRequest r;
  ApiError e;
  ASSERT_TRUE(ParseArticleListRequest({{"section", "sport"}, {"since", "2024-01-01"}}, kTz, &r, &e));
  const std::string c = EncodeCursor({"1714510800", "9"}, r.Fingerprint());
  ASSERT_TRUE(ParseArticleListRequest(
      {{"section", "sport"}, {"since", "2024-01-01"}, {"cursor", c}, {"per_page", "3"}, {"fields", "id"}}, kTz, &r,
      &e));
  ASSERT_TRUE(r.after);
  EXPECT_EQ(r.after->first, 1714510800);
  EXPECT_EQ(r.after->second, 9);
  EXPECT_FALSE(ParseArticleListRequest({{"section", "news"}, {"since", "2024-01-01"}, {"cursor", c}}, kTz, &r, &e));
  EXPECT_EQ(e.code, "invalid_cursor");
  EXPECT_EQ(e.field, "cursor");
  EXPECT_FALSE(ParseArticleListRequest({{"section", "sport"}, {"cursor", c}}, kTz, &r, &e));
}

TEST(ApiErrors, HaveTheDocumentedShape) {
  const ApiError e{400, "invalid_parameter", "per_page must be…", "يجب…", "per_page"};
  const auto j = nlohmann::json::parse(ApiErrorJson(e));
  EXPECT_EQ(j["error"]["code"], "invalid_parameter");
  EXPECT_EQ(j["error"]["field"], "per_page");
  EXPECT_EQ(j["error"]["message_ar"], "يجب…");
  RenderedPage p = ApiErrorPage(ApiError{404, "not_found", "x", "y", ""});
  EXPECT_EQ(p.status, 404);
  EXPECT_EQ(p.content_type, kApiContentType);
  EXPECT_TRUE(p.keys.empty());
  EXPECT_FALSE(nlohmann::json::parse(p.html)["error"].contains("field"));
}

}  // namespace
}  // namespace qalam
