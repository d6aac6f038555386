// A WordPress post's captioned image and galleries imported with `qalam
// import` and shown by the running server: the [caption] a figure with its
// caption, [gallery] the post's attached images in their menu order and
// [gallery ids=…] the ones named, each with its attachment's caption.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "server_process.h"

namespace qalam::testing {
namespace {

const char* kHost = "http://news.example.test";

std::string Attachment(int id, const std::string& file, int menu_order, const std::string& alt,
                       const std::string& caption) {
  const std::string url = std::string(kHost) + "/wp-content/uploads/" + file;
  return "<item><title>صورة " + std::to_string(id) + "</title><link>" + kHost + "/?attachment_id=" +
         std::to_string(id) + "</link><guid isPermaLink=\"false\">" + url +
         "</guid><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[" + caption +
         "]]></excerpt:encoded><wp:post_id>" + std::to_string(id) +
         "</wp:post_id><wp:post_date_gmt>2026-09-03 05:40:00</wp:post_date_gmt><wp:post_name>image-" +
         std::to_string(id) + "</wp:post_name><wp:status>inherit</wp:status><wp:post_parent>10</wp:post_parent>"
         "<wp:menu_order>" + std::to_string(menu_order) + "</wp:menu_order><wp:post_type>attachment</wp:post_type>"
         "<wp:attachment_url>" + url + "</wp:attachment_url><wp:postmeta><wp:meta_key>_wp_attachment_image_alt"
         "</wp:meta_key><wp:meta_value><![CDATA[" + alt + "]]></wp:meta_value></wp:postmeta></item>";
}

// The alt texts of the images of each <div class="gallery"> on a page.
std::vector<std::vector<std::string>> Galleries(const std::string& html) {
  std::vector<std::vector<std::string>> out;
  for (size_t at = 0; (at = html.find("<div class=\"gallery\"", at)) != std::string::npos; ++at) {
    const std::string gallery = html.substr(at, html.find("</div>", at) - at);
    std::vector<std::string> alts;
    static const std::regex kAlt("<img [^>]*alt=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(gallery.begin(), gallery.end(), kAlt); it != std::sregex_iterator(); ++it) {
      alts.push_back((*it)[1].str());
    }
    out.push_back(alts);
  }
  return out;
}

TEST(WordPressGallery, CaptionsAndGalleriesBecomeFiguresAndGalleries) {
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const std::string file = dir.path() + "/gallery.xml";
  const std::string content =
      "<p>مقدمة المعرض.</p>\n\n[caption id=\"attachment_4\" align=\"aligncenter\" width=\"300\"]<a href=\"" +
      std::string(kHost) + "/wp-content/uploads/2026/09/riyadh-skyline.jpg\"><img src=\"" + kHost +
      "/wp-content/uploads/2026/09/riyadh-skyline-300x200.jpg\" alt=\"أفق\" class=\"size-medium wp-image-4\" "
      "/></a> الرياض <b>مساءً</b>[/caption]\n\n[gallery columns=\"3\"]\n\n<p>وأخيرًا:</p>\n\n[gallery ids=\"6,4\"]";
  WriteFile(file,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
            "xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
            "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
            "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><title>معارض</title>"
            "<link>http://news.example.test</link><wp:wxr_version>1.2</wp:wxr_version>"
            "<wp:base_site_url>http://news.example.test</wp:base_site_url>" +
                Attachment(4, "2026/09/riyadh-skyline.jpg", 2, "أفق الرياض", "الرياض من الحديقة") +
                Attachment(6, "2026/09/stadium-night.jpg", 1, "الملعب", "الملعب ليلًا") +
                Attachment(7, "2026/10/book-fair-hall.jpg", 3, "قاعة المعرض", "") +
                "<item><title>معرض الصور</title><link>http://news.example.test/gallery/</link>"
                "<content:encoded><![CDATA[" + content + "]]></content:encoded>"
                "<wp:post_id>10</wp:post_id><wp:post_date_gmt>2026-09-04 10:00:00</wp:post_date_gmt>"
                "<wp:post_name>gallery</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type></item></channel></rss>\n");
  CommandResult r = RunQalam({"import", "--data", data, file, "--media-dir",
                              std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  ServerProcess server(data);
  HttpResult page = Get(server.port(), "/article/gallery");
  ASSERT_EQ(page.status, 200);
  // The [caption]: one figure, its caption the shortcode's text (the link to
  // the image's own file dropped).
  EXPECT_NE(page.body.find("alt=\"أفق\" loading=\"lazy\" decoding=\"async\"><figcaption><span class=\"caption\">"
                           "الرياض مساءً</span></figcaption></figure>"),
            std::string::npos)
      << page.body;
  // [gallery]: the post's attached images by menu order; [gallery ids]: those.
  EXPECT_EQ(Galleries(page.body), (std::vector<std::vector<std::string>>{
                                      {"الملعب", "أفق الرياض", "قاعة المعرض"}, {"الملعب", "أفق الرياض"}}));
  EXPECT_NE(page.body.find("<span class=\"caption\">الملعب ليلًا</span>"), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"caption\">الرياض من الحديقة</span>"), std::string::npos);
  EXPECT_EQ(page.body.find("<em>الرياض"), std::string::npos) << "no caption left as an italic line";
}

}  // namespace
}  // namespace qalam::testing
