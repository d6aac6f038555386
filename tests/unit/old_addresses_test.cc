#include "services/old_addresses.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TEST(OldAddressKey, PermalinksWithOrWithoutEncodingOrSlashAreOneKey) {
  const std::string arabic = "/2026/09/حدائق-الرياض";
  EXPECT_EQ(OldAddressKey("http://news.example.test/2026/09/%d8%ad%d8%af%d8%a7%d8%a6%d9%82-"
                          "%d8%a7%d9%84%d8%b1%d9%8a%d8%a7%d8%b6/"),
            arabic);
  EXPECT_EQ(OldAddressKey("/2026/09/%D8%AD%D8%AF%D8%A7%D8%A6%D9%82-%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6"),
            arabic);
  EXPECT_EQ(OldAddressKey("https://news.example.test" + arabic + "/"), arabic);
  EXPECT_EQ(OldAddressKey(arabic + "//"), arabic);
  EXPECT_EQ(OldAddressKey(arabic + "/#comments"), arabic);
}

TEST(OldAddressKey, KeepsOnlyWordPressQueryAddresses) {
  EXPECT_EQ(OldAddressKey("http://news.example.test/?p=123"), "/?p=123");
  EXPECT_EQ(OldAddressKey("/?utm_source=x&p=123&replytocom=4"), "/?p=123");
  EXPECT_EQ(OldAddressKey("/akhbar/?page_id=9"), "/akhbar?page_id=9");
  EXPECT_EQ(OldAddressKey("/?attachment_id=5"), "/?attachment_id=5");
  EXPECT_EQ(OldAddressKey("/2026/09/x/?utm_source=feed"), "/2026/09/x");
  EXPECT_EQ(OldAddressKey("/?feed=rss2"), "/?feed=rss2");
  EXPECT_EQ(OldAddressKey("/?p="), "/");
}

TEST(OldAddressKey, RefusesWhatIsNotASiteAddress) {
  EXPECT_EQ(OldAddressKey("javascript:alert(1)"), "/javascript:alert(1)");  // A path, never a scheme.
  EXPECT_EQ(OldAddressKey("ftp://example.test/x"), "");
  EXPECT_EQ(OldAddressKey("//evil.example/x"), "");
  EXPECT_EQ(OldAddressKey("http://news.example.test"), "/");
}

TEST(OldAddressKey, InvalidPercentEncodingIsKeptAsItCame) {
  EXPECT_EQ(OldAddressKey("/a/%ff%fe/"), "/a/%ff%fe");
}

TEST(HasWordPressQuery, OnlyTheQueriesWordPressAnswers) {
  EXPECT_TRUE(HasWordPressQuery("p=1"));
  EXPECT_TRUE(HasWordPressQuery("x=1&page_id=2"));
  EXPECT_FALSE(HasWordPressQuery("page=2"));
  EXPECT_FALSE(HasWordPressQuery("p="));
  EXPECT_FALSE(HasWordPressQuery(""));
}

TEST(SiteOrigin, HostAndFolderWithoutSchemeOrWww) {
  EXPECT_EQ(SiteOrigin("http://news.example.test"), "news.example.test");
  EXPECT_EQ(SiteOrigin("https://WWW.News.Example.Test/akhbar/"), "news.example.test/akhbar");
  EXPECT_EQ(SiteFolder("http://news.example.test/akhbar/"), "/akhbar");
  EXPECT_EQ(SiteFolder("http://news.example.test/"), "");
  EXPECT_EQ(SiteFolder("http://news.example.test"), "");
}

TEST(SitePath, AnAddressAsAPathOnItsSite) {
  EXPECT_EQ(SitePath("http://news.example.test"), "/");
  EXPECT_EQ(SitePath("http://news.example.test?cat=3#top"), "/?cat=3");
  EXPECT_EQ(SitePath("https://news.example.test/category/x/"), "/category/x/");
  EXPECT_EQ(SitePath("/tag/y"), "/tag/y");
  EXPECT_EQ(SitePath("mailto:a@b.example"), "/mailto:a@b.example");
  EXPECT_EQ(SitePath("//evil.example/x"), "");
  EXPECT_EQ(SiteHost("https://WWW.News.Example.Test:8080/x"), "news.example.test:8080");
  EXPECT_EQ(SiteHost("/x"), "");
}

}  // namespace
}  // namespace qalam
