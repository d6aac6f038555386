// Site settings (core/settings.h): defaults, validation, canonical forms.
#include "core/settings.h"

#include <gtest/gtest.h>

#include <set>

namespace qalam {
namespace {

Status Check(const std::string& key, const std::string& value, std::string* canonical) {
  return ValidateSetting(key, value, canonical);
}

std::string Canonical(const std::string& key, const std::string& value) {
  std::string c = "<unset>";
  Status st = ValidateSetting(key, value, &c);
  EXPECT_TRUE(st.ok()) << key << "=" << value << ": " << st.message();
  return c;
}

void ExpectRejected(const std::string& key, const std::string& value) {
  std::string c = "<unset>";
  Status st = ValidateSetting(key, value, &c);
  EXPECT_TRUE(st.IsInvalid()) << key << " accepted \"" << value << "\"";
  EXPECT_NE(st.message().find(key), std::string::npos) << st.message();
  EXPECT_EQ(c, "<unset>") << "canonical written on failure";
}

TEST(SettingSpecs, HasTheDocumentedKeysOnce) {
  std::set<std::string> keys;
  for (const auto& s : SettingSpecs()) {
    EXPECT_TRUE(keys.insert(s.key).second) << "duplicate " << s.key;
    EXPECT_FALSE(s.description.empty()) << s.key;
  }
  for (const char* k : {"site_name", "site_description", "site_url", "timezone", "date_style",
                        "digits", "hijri", "comment_terms", "page_size", "page_cache_mb"}) {
    EXPECT_TRUE(keys.count(k)) << k;
    ASSERT_NE(FindSettingSpec(k), nullptr) << k;
    EXPECT_EQ(FindSettingSpec(k)->key, k);
  }
  EXPECT_EQ(FindSettingSpec("no_such_key"), nullptr);
}

TEST(SettingSpecs, EveryDefaultValidatesAsItself) {
  for (const auto& s : SettingSpecs()) {
    std::string c;
    Status st = Check(s.key, s.default_value, &c);
    EXPECT_TRUE(st.ok()) << s.key << ": " << st.message();
    EXPECT_EQ(c, s.default_value) << s.key;
  }
}

TEST(ValidateSetting, RejectsUnknownKeyNamingTheKnownOnes) {
  std::string c;
  Status st = Check("colour", "red", &c);
  ASSERT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("colour"), std::string::npos);
  EXPECT_NE(st.message().find("site_name"), std::string::npos) << st.message();
}

TEST(ValidateSetting, RejectsBadEnums) {
  ExpectRejected("date_style", "gulf");
  ExpectRejected("digits", "roman");
  ExpectRejected("hijri", "yes");
  ExpectRejected("hijri", "");
  std::string c;
  Status st = Check("date_style", "gulf", &c);
  EXPECT_NE(st.message().find("egypt, levant, maghreb"), std::string::npos) << st.message();
}

TEST(ValidateSetting, RejectsBadTimeZone) {
  ExpectRejected("timezone", "Mars/Base");
  ExpectRejected("timezone", "");
  ExpectRejected("timezone", "+03:00 Riyadh");
  EXPECT_EQ(Canonical("timezone", "Africa/Casablanca"), "Africa/Casablanca");
  EXPECT_EQ(Canonical("timezone", " Asia/Beirut "), "Asia/Beirut");
}

TEST(ValidateSetting, RejectsBadUrls) {
  ExpectRejected("site_url", "example.com");
  ExpectRejected("site_url", "ftp://example.com");
  ExpectRejected("site_url", "javascript:alert(1)");
  ExpectRejected("site_url", "https://");
  ExpectRejected("site_url", "https://exa mple.com");
  ExpectRejected("site_url", "https://example.com/\"><script>");
}

TEST(ValidateSetting, RejectsPageSizeOutOfRange) {
  ExpectRejected("page_size", "4");
  ExpectRejected("page_size", "101");
  ExpectRejected("page_size", "-5");
  ExpectRejected("page_size", "20x");
  ExpectRejected("page_size", "twenty");
  ExpectRejected("page_size", "");
  EXPECT_EQ(Canonical("page_size", "5"), "5");
  EXPECT_EQ(Canonical("page_size", " 100 "), "100");
  ExpectRejected("page_cache_mb", "0");
  ExpectRejected("page_cache_mb", "4097");
}

TEST(ValidateSetting, FeedItemsAndFullText) {
  ExpectRejected("feed_items", "9");
  ExpectRejected("feed_items", "101");
  ExpectRejected("feed_items", "fifty");
  EXPECT_EQ(Canonical("feed_items", "10"), "10");
  EXPECT_EQ(Canonical("feed_items", "100"), "100");
  EXPECT_EQ(FindSettingSpec("feed_items")->default_value, "50");
  ExpectRejected("feed_full_text", "yes");
  EXPECT_EQ(Canonical("feed_full_text", "OFF"), "off");
  EXPECT_EQ(FindSettingSpec("feed_full_text")->default_value, "on");
}

TEST(ValidateSetting, RejectsEmptyOrOverlongText) {
  ExpectRejected("site_name", "   ");
  ExpectRejected("site_name", std::string(301, 'x'));
  EXPECT_EQ(Canonical("site_name", std::string(300, 'x')), std::string(300, 'x'));
  ExpectRejected("comment_terms", "");
}

TEST(ValidateSetting, Canonicalizes) {
  EXPECT_EQ(Canonical("date_style", "  LEVANT "), "levant");
  EXPECT_EQ(Canonical("digits", "Arabic"), "arabic");
  EXPECT_EQ(Canonical("hijri", "ON"), "on");
  EXPECT_EQ(Canonical("site_url", "https://example.com/"), "https://example.com");
  EXPECT_EQ(Canonical("site_url", "https://example.com/news//"), "https://example.com/news");
  EXPECT_EQ(Canonical("site_name", "  قلم  "), "قلم");
  // NFC: alef + hamza above composes.
  EXPECT_EQ(Canonical("site_name", "\u0627\u0654خبار"), "\u0623خبار");
}

TEST(Settings, DurabilityIsFullByDefaultAndOnlyFullOrNormal) {
  EXPECT_EQ(Settings().Get("durability"), "full");
  std::string v;
  EXPECT_TRUE(ValidateSetting("durability", "NORMAL", &v).ok());
  EXPECT_EQ(v, "normal");
  EXPECT_FALSE(ValidateSetting("durability", "off", &v).ok());
}

TEST(Settings, MissingKeysReadAsDefaults) {
  Settings s;
  EXPECT_EQ(s.site_name(), "قلم");
  EXPECT_EQ(s.timezone(), "Asia/Riyadh");
  EXPECT_EQ(s.GetInt("page_size"), 20);
  EXPECT_FALSE(s.GetBool("hijri"));
  EXPECT_EQ(s.Get("nonsense"), "");
}

TEST(Settings, StoredValuesWin) {
  Settings s({{"site_name", "الخبر"}, {"hijri", "on"}, {"page_size", "7"}});
  EXPECT_EQ(s.site_name(), "الخبر");
  EXPECT_TRUE(s.GetBool("hijri"));
  EXPECT_EQ(s.GetInt("page_size"), 7);
  EXPECT_EQ(s.site_url(), "http://127.0.0.1:8080");
}

// GetInt ignored std::from_chars's result: "7x" read as 7 and "x" as 0 (a
// page size of 0). A value that is not wholly a number reads as the default.
TEST(Settings, AStoredIntThatIsNotANumberReadsAsTheDefault) {
  EXPECT_EQ(Settings(std::map<std::string, std::string>{{"page_size", "x"}}).GetInt("page_size"), 20);
  EXPECT_EQ(Settings(std::map<std::string, std::string>{{"page_size", "7x"}}).GetInt("page_size"), 20);
  EXPECT_EQ(Settings(std::map<std::string, std::string>{{"page_size", ""}}).GetInt("page_size"), 20);
}

}  // namespace
}  // namespace qalam
