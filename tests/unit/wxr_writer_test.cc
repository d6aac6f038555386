// The WXR writer (wordpress/wxr_writer.h): what it writes is well-formed and
// reads back through wp::ReadWxr field for field, Arabic, "]]>" inside CDATA
// and markup-looking text included; text stays data.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "wordpress/wxr.h"
#include "wordpress/wxr_writer.h"

namespace qalam::wp {
namespace {

struct ReadBack {
  Status status;
  WxrSite site;
  std::vector<WxrAuthor> authors;
  std::vector<WxrTerm> terms;
  std::vector<WxrItem> items;
};

ReadBack WriteAndRead(const std::string& xml) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "qalam-wxr-XXXXXX").string();
  int fd = mkstemp(tmpl.data());
  EXPECT_GE(fd, 0);
  close(fd);
  { std::ofstream(tmpl, std::ios::binary) << xml; }
  ReadBack r;
  WxrHandler h;
  h.on_site = [&](const WxrSite& s) { r.site = s; return Status::Ok(); };
  h.on_author = [&](const WxrAuthor& a) { r.authors.push_back(a); return Status::Ok(); };
  h.on_term = [&](const WxrTerm& t) { r.terms.push_back(t); return Status::Ok(); };
  h.on_item = [&](WxrItem&& i) { r.items.push_back(std::move(i)); return Status::Ok(); };
  r.status = ReadWxr(tmpl, h);
  std::filesystem::remove(tmpl);
  return r;
}

WxrItem SampleItem() {
  WxrItem item;
  item.id = 42;
  item.title = "عنوان <b>جريء</b> & \"مقتبس\"";
  item.link = "https://news.example.test/article/%D8%AE%D8%A8%D8%B1";
  item.guid = "https://news.example.test/?p=42";
  item.creator = "كاتب-المقال";
  item.content = "<p>فقرة أولى</p>\n<p>نص فيه ]]> وفيه ]]]]> أيضًا</p><script>alert(1)</script>";
  item.excerpt = "<p>خلاصة</p>";
  item.post_date = "2024-03-01 10:00:00";
  item.post_date_gmt = "2024-03-01 07:00:00";
  item.post_name = "%d8%ae%d8%a8%d8%b1";
  item.status = "publish";
  item.post_type = "post";
  item.sticky = true;
  item.terms = {{"category", "%d8%b3%d9%8a%d8%a7%d8%b3%d8%a9", "سياسة ]]> وأكثر"}, {"post_tag", "tag-1", "وسم"}};
  item.meta = {{"_thumbnail_id", "77"}, {"note", "قيمة ]]> <x>"}};
  WxrComment c;
  c.id = 5;
  c.author = "قارئ <i>مهتم</i>";
  c.author_email = "reader@example.test";
  c.date = "2024-03-02 09:00:00";
  c.date_gmt = "2024-03-02 06:00:00";
  c.content = "<p>تعليق ]]> فيه</p>";
  c.approved = "1";
  c.type = "comment";
  c.parent = 3;
  item.comments.push_back(c);
  return item;
}

std::string Write(const WxrSite& site, const std::vector<WxrItem>& items) {
  std::ostringstream out;
  WxrWriter w(out);
  EXPECT_TRUE(w.Begin(site).ok());
  WxrAuthor a{7, "كاتب-المقال", "", "كاتب المقال", "", ""};
  EXPECT_TRUE(w.Author(a).ok());
  WxrTerm cat;
  cat.id = 2;
  cat.taxonomy = "category";
  cat.slug = "%d8%b3%d9%8a%d8%a7%d8%b3%d8%a9";
  cat.name = "سياسة";
  EXPECT_TRUE(w.Term(cat).ok());
  WxrTerm tag;
  tag.id = 3;
  tag.taxonomy = "post_tag";
  tag.slug = "tag-1";
  tag.name = "وسم";
  EXPECT_TRUE(w.Term(tag).ok());
  for (const WxrItem& i : items) EXPECT_TRUE(w.Item(i, "Fri, 01 Mar 2024 07:00:00 +0000").ok());
  EXPECT_TRUE(w.End().ok());
  return out.str();
}

WxrSite SampleSite() {
  WxrSite site;
  site.title = "أخبار <اليوم>";
  site.link = "https://news.example.test";
  site.description = "وصف";
  site.language = "ar";
  site.base_site_url = "https://news.example.test";
  site.base_blog_url = "https://news.example.test";
  return site;
}

TEST(WxrWriter, ReadsBackFieldForField) {
  const WxrItem item = SampleItem();
  const std::string xml = Write(SampleSite(), {item});
  ReadBack r = WriteAndRead(xml);
  ASSERT_TRUE(r.status.ok()) << r.status.message() << "\n" << xml;
  EXPECT_EQ(r.site.wxr_version, "1.2");
  EXPECT_EQ(r.site.title, "أخبار <اليوم>");
  EXPECT_EQ(r.site.link, "https://news.example.test");
  EXPECT_EQ(r.site.language, "ar");
  EXPECT_EQ(r.site.base_blog_url, "https://news.example.test");
  ASSERT_EQ(r.authors.size(), 1u);
  EXPECT_EQ(r.authors[0].id, 7);
  EXPECT_EQ(r.authors[0].login, "كاتب-المقال");
  EXPECT_EQ(r.authors[0].display_name, "كاتب المقال");
  ASSERT_EQ(r.terms.size(), 2u);
  EXPECT_EQ(r.terms[0].taxonomy, "category");
  EXPECT_EQ(r.terms[0].name, "سياسة");
  EXPECT_EQ(r.terms[0].slug, "%d8%b3%d9%8a%d8%a7%d8%b3%d8%a9");
  EXPECT_EQ(r.terms[1].taxonomy, "post_tag");
  EXPECT_EQ(r.terms[1].slug, "tag-1");
  ASSERT_EQ(r.items.size(), 1u);
  const WxrItem& got = r.items[0];
  EXPECT_EQ(got.id, item.id);
  EXPECT_EQ(got.title, item.title);
  EXPECT_EQ(got.link, item.link);
  EXPECT_EQ(got.guid, item.guid);
  EXPECT_EQ(got.creator, item.creator);
  EXPECT_EQ(got.content, item.content);  // "]]>" split across sections, joined back.
  EXPECT_EQ(got.excerpt, item.excerpt);
  EXPECT_EQ(got.post_date, item.post_date);
  EXPECT_EQ(got.post_date_gmt, item.post_date_gmt);
  EXPECT_EQ(got.post_name, item.post_name);
  EXPECT_EQ(got.status, "publish");
  EXPECT_EQ(got.post_type, "post");
  EXPECT_TRUE(got.sticky);
  ASSERT_EQ(got.terms.size(), 2u);
  EXPECT_EQ(got.terms[0].domain, "category");
  EXPECT_EQ(got.terms[0].nicename, item.terms[0].nicename);
  EXPECT_EQ(got.terms[0].name, item.terms[0].name);
  EXPECT_EQ(got.terms[1].domain, "post_tag");
  ASSERT_EQ(got.meta.size(), 2u);
  EXPECT_EQ(got.meta[0].key, "_thumbnail_id");
  EXPECT_EQ(got.meta[0].value, "77");
  EXPECT_EQ(got.meta[1].value, "قيمة ]]> <x>");
  ASSERT_EQ(got.comments.size(), 1u);
  EXPECT_EQ(got.comments[0].id, 5);
  EXPECT_EQ(got.comments[0].author, item.comments[0].author);
  EXPECT_EQ(got.comments[0].author_email, "reader@example.test");
  EXPECT_EQ(got.comments[0].content, item.comments[0].content);
  EXPECT_EQ(got.comments[0].approved, "1");
  EXPECT_EQ(got.comments[0].parent, 3);
  EXPECT_EQ(got.comments[0].date_gmt, "2024-03-02 06:00:00");
}

TEST(WxrWriter, MarkupInTextStaysData) {
  WxrItem item = SampleItem();
  item.title = "</title><script>alert(1)</script>";
  const std::string xml = Write(SampleSite(), {item});
  // Escaped in element text, inside CDATA elsewhere: never a live element.
  EXPECT_EQ(xml.find("<script>alert(1)</script></"), std::string::npos);
  EXPECT_NE(xml.find("&lt;/title&gt;&lt;script&gt;"), std::string::npos) << xml;
  EXPECT_NE(xml.find("]]]]><![CDATA[>"), std::string::npos);
  ReadBack r = WriteAndRead(xml);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].title, item.title);
  EXPECT_EQ(r.items[0].content, item.content);
}

TEST(WxrWriter, CharactersXmlCannotHoldAreDropped) {
  WxrItem item = SampleItem();
  item.title = std::string("نص\x01\x08 باق\xff") + "\xef\xbf\xbe" + "ٍ";
  item.content = "أ]]>";  // Ends with the marker itself.
  const std::string xml = Write(SampleSite(), {item});
  ReadBack r = WriteAndRead(xml);
  ASSERT_TRUE(r.status.ok()) << r.status.message() << "\n" << xml;
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].title, "نص باقٍ");
  EXPECT_EQ(r.items[0].content, "أ]]>");
}

TEST(WxrWriter, EmptySiteIsAReadableExport) {
  std::ostringstream out;
  WxrWriter w(out);
  ASSERT_TRUE(w.Begin(WxrSite{}).ok());
  ASSERT_TRUE(w.End().ok());
  ReadBack r = WriteAndRead(out.str());
  ASSERT_TRUE(r.status.ok()) << r.status.message() << "\n" << out.str();
  EXPECT_EQ(r.site.wxr_version, "1.2");
  EXPECT_TRUE(r.items.empty());
}

}  // namespace
}  // namespace qalam::wp
