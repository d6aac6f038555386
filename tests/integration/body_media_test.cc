// An article's pictures, embeds and sharing against the real binary: a
// photo's credit read from its IPTC on upload, edited in the media library,
// shown under the featured image and named in the structured data; a figure
// and an embed in the body; the sharing links; the frame-src of the
// Content-Security-Policy.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "desk_client.h"

namespace qalam::testing {
namespace {

// A JPEG from the fixtures with an APP13 segment (Photoshop IRB, 8BIM
// resource 0x0404) holding IIM 2:110 Credit, as agencies' photos carry it.
std::string PhotoWithIptcCredit(const std::string& credit) {
  std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/2026/09/riyadh-skyline-1024x683.jpg",
                   std::ios::binary);
  const std::string jpeg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string iim = {'\x1c', '\x02', 110, static_cast<char>(credit.size() >> 8), static_cast<char>(credit.size())};
  iim += credit;
  if (iim.size() % 2) iim += '\0';
  std::string irb("Photoshop 3.0\0", 14);
  irb += "8BIM";
  irb += std::string("\x04\x04\x00\x00\x00\x00", 6);
  irb += static_cast<char>(iim.size() >> 8);
  irb += static_cast<char>(iim.size());
  irb += iim;
  const size_t len = irb.size() + 2;
  std::string segment = "\xFF\xED";
  segment += static_cast<char>(len >> 8);
  segment += static_cast<char>(len);
  return jpeg.substr(0, 2) + segment + irb + jpeg.substr(2);
}

// The value after `prefix` up to the next quote.
std::string Attr(const std::string& html, const std::string& prefix) {
  const size_t at = html.find(prefix);
  if (at == std::string::npos) return "";
  const size_t start = at + prefix.size();
  return html.substr(start, html.find('"', start) - start);
}

class BodyMediaTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    Start();
    MakeUser("chief_editor", "chief@news.example", "رئيسة التحرير");
  }
};

TEST_F(BodyMediaTest, CreditFromThePhotoEditedAndShownWithFiguresEmbedsAndSharing) {
  Browser chief = SignedIn("chief@news.example");
  const std::string csrf = DeskCsrf(chief);
  const std::string boundary = "----qalamtestCredit";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nأفق الرياض\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"riyadh.jpg\"\r\n"
          "Content-Type: image/jpeg\r\n\r\n" + PhotoWithIptcCredit("وكالة الأنباء السعودية") + "\r\n--" + boundary +
          "--\r\n";
  Reply up = chief.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(up.status, 303) << up.body.substr(0, 2000);

  // Read from the file before its metadata was stripped, shown to edit.
  Reply library = chief.Get("/admin/media");
  EXPECT_TRUE(Has(library.body, "name=\"credit\" value=\"وكالة الأنباء السعودية\"")) << library.body.substr(0, 4000);
  // The variants keep none of it.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(library.body, m, std::regex("src=\"(/media/[0-9a-f]{16}-[0-9]+\\.jpg)\"")));
  EXPECT_FALSE(Has(Browser(port_).Get(m[1].str()).body, "Photoshop 3.0"));

  // Edited on the library's page.
  Reply edited = chief.Post("/admin/media/1", {{"csrf", Field(library.body, "csrf")},
                                               {"alt", "أفق الرياض"},
                                               {"caption", "أفق الرياض عند الغروب"},
                                               {"credit", "تصوير: سارة محمود / واس"}});
  ASSERT_EQ(edited.status, 303) << edited.body.substr(0, 2000);
  library = chief.Get("/admin/media");
  EXPECT_TRUE(Has(library.body, "name=\"credit\" value=\"تصوير: سارة محمود / واس\""));
  EXPECT_TRUE(Has(library.body, "name=\"caption\" value=\"أفق الرياض عند الغروب\""));
  // Too long: a clear Arabic error, and the credit saved before stays.
  Reply too_long = chief.Post("/admin/media/1", {{"csrf", Field(library.body, "csrf")},
                                                 {"alt", "أفق الرياض"},
                                                 {"caption", ""},
                                                 {"credit", std::string(201 * 2, 'x')}});
  EXPECT_TRUE(Shows(too_long, 400, "أطول من المسموح"));
  EXPECT_TRUE(Has(chief.Get("/admin/media").body, "name=\"credit\" value=\"تصوير: سارة محمود / واس\""));

  Form f = {{"csrf", DeskCsrf(chief)},
            {"version", "0"},
            {"action", "publish"},
            {"title", "الرياض تستضيف معرض الكتاب"},
            {"highlights", "يفتتح المعرض أبوابه الأسبوع المقبل."},
            {"body",
             "افتتح المعرض.\n\n![قاعة المعرض](/media/hall.jpg \"القاعة الرئيسية | تصوير: أحمد علي\")\n\n"
             "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nhttps://x.com/AJArabic/status/1796613240123456789\n\n"
             "وختم الوزير كلمته."},
            {"writer", "هدى الضيفة"},
            {"writer_bio", ""},
            {"source", ""},
            {"source_url", ""},
            {"section", "ثقافة"},
            {"tags", "كتب"},
            {"related", ""},
            {"slug", ""},
            {"image_id", "1"},
            {"image_alt", "أفق الرياض"},
            {"image_caption", ""}};
  Reply published = chief.Post("/admin/articles", f);
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 2000);
  const std::string desk = published.header("location").substr(0, published.header("location").find('?'));
  const std::string slug = Field(chief.Get(desk).body, "slug");
  Reply article = Browser(port_).Get("/article/" + Encode(slug));
  ASSERT_EQ(article.status, 200);

  // The featured image: the image's own caption (the article set none) and its credit.
  EXPECT_TRUE(Has(article.body, "<figcaption><span class=\"caption\">أفق الرياض عند الغروب</span> "
                                "<span class=\"credit\">تصوير: سارة محمود / واس</span></figcaption>"))
      << article.body.substr(0, 6000);
  // The body's figure and embeds.
  EXPECT_TRUE(Has(article.body, "<span class=\"caption\">القاعة الرئيسية</span> <span class=\"credit\">تصوير: أحمد علي</span>"));
  EXPECT_TRUE(Has(article.body, "data-embed-src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""));
  EXPECT_TRUE(Has(article.body, "data-embed-src=\"https://platform.twitter.com/embed/Tweet.html?id=1796613240123456789\""));
  EXPECT_FALSE(Has(article.body, "<iframe"));
  EXPECT_TRUE(std::regex_search(article.body, std::regex("<script src=\"/assets/embeds\\.[0-9a-f]+\\.js\" defer>")));
  EXPECT_TRUE(std::regex_search(article.body, std::regex("<script src=\"/assets/share\\.[0-9a-f]+\\.js\" defer>")));

  // Structured data: the images as ImageObjects with caption and creditText.
  std::smatch ld;
  ASSERT_TRUE(std::regex_search(article.body, ld, std::regex("<script type=\"application/ld\\+json\">([^<]*)</script>")));
  const nlohmann::json docs = nlohmann::json::parse(ld[1].str());
  const nlohmann::json& images = docs.at(0).at("image");
  ASSERT_TRUE(images.is_array());
  ASSERT_FALSE(images.empty());
  for (const auto& image : images) {
    EXPECT_EQ(image.at("@type"), "ImageObject") << image.dump();
    EXPECT_EQ(image.at("caption"), "أفق الرياض عند الغروب");
    EXPECT_EQ(image.at("creditText"), "تصوير: سارة محمود / واس");
    EXPECT_EQ(image.at("url").get<std::string>().find("/media/") != std::string::npos, true);
  }

  // Sharing: plain links to each network with the article's absolute
  // address on site_url, percent-encoded.
  const std::string canonical = Attr(article.body, "<link rel=\"canonical\" href=\"");
  ASSERT_FALSE(canonical.empty());
  const std::string u = PercentEncode(canonical);
  const std::string t = PercentEncode("الرياض تستضيف معرض الكتاب");
  EXPECT_TRUE(Has(article.body, "href=\"https://wa.me/?text=" + t + "%0A" + u + "\" rel=\"noopener\" target=\"_blank\""));
  EXPECT_TRUE(Has(article.body, "href=\"https://t.me/share/url?url=" + u + "&amp;text=" + t + "\""));
  EXPECT_TRUE(Has(article.body, "href=\"https://x.com/intent/post?url=" + u + "&amp;text=" + t + "\""));
  EXPECT_TRUE(Has(article.body, "href=\"https://www.facebook.com/sharer/sharer.php?u=" + u + "\""));
  EXPECT_TRUE(Has(article.body, "class=\"share share-copy\" data-url=\"" + canonical + "\" hidden"));

  // The frames a page may hold: the embeds' players, nothing else; scripts
  // and styles stay the site's own.
  const std::string csp = article.header("content-security-policy");
  EXPECT_TRUE(Has(csp, "frame-src https://www.youtube-nocookie.com https://player.vimeo.com "
                       "https://platform.twitter.com https://www.facebook.com https://www.instagram.com "
                       "https://www.tiktok.com"))
      << csp;
  EXPECT_TRUE(Has(csp, "script-src 'self';")) << csp;
  EXPECT_TRUE(Has(csp, "style-src 'self';")) << csp;

  // A later edit of the credit reaches the cached article page.
  ASSERT_EQ(chief.Post("/admin/media/1", {{"csrf", Field(chief.Get("/admin/media").body, "csrf")},
                                          {"alt", "أفق الرياض"},
                                          {"caption", "أفق الرياض عند الغروب"},
                                          {"credit", "واس"}}).status,
            303);
  Reply again;
  for (int i = 0; i < 30; ++i) {
    again = Browser(port_).Get("/article/" + Encode(slug));
    if (Has(again.body, "<span class=\"credit\">واس</span>")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(Has(again.body, "<span class=\"credit\">واس</span>"));
  EXPECT_TRUE(Has(again.body, "\"creditText\":\"واس\""));

  // The Content API names the same caption and credit.
  nlohmann::json api;
  for (int i = 0; i < 30; ++i) {
    api = nlohmann::json::parse(Browser(port_).Get("/api/v1/articles?per_page=1").body, nullptr, false);
    if (api.is_object() && api["articles"][0]["featured_image"]["credit"] == "واس") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(api.is_object());
  EXPECT_EQ(api["articles"][0]["featured_image"]["credit"], "واس") << api.dump().substr(0, 2000);
  EXPECT_EQ(api["articles"][0]["featured_image"]["caption"], "أفق الرياض عند الغروب");
}

}  // namespace
}  // namespace qalam::testing
