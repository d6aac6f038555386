// The media library as JSON for the desk's rich editor (/admin/media/api)
// against the real binary: signed-in roles only, the anti-forgery token on an
// upload, Arabic errors that keep nothing, a page of items naming the URL a
// body uses, and an upload past the ordinary body limit.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "desk_client.h"

namespace qalam::testing {
namespace {

class MediaApiTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    Start();
    MakeUser("writer", "writer@news.example", "سلمى");
    MakeUser("moderator", "moderator@news.example", "هشام");
  }
  static std::string Photo() {
    std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/2026/09/riyadh-skyline-1024x683.jpg",
                     std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  static Reply Upload(Browser& b, const std::string& csrf, const std::string& alt, const std::string& bytes) {
    const std::string boundary = "----qalamtestMediaApi";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n" + alt + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
            "Content-Type: image/jpeg\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return b.Send("POST", "/admin/media/api", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  }
};

TEST_F(MediaApiTest, ListsAndUploadsForTheEditor) {
  Browser writer = SignedIn("writer@news.example");
  const std::string csrf = DeskCsrf(writer);
  Reply empty = writer.Get("/admin/media/api");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(empty.header("cache-control"), "no-store");
  EXPECT_EQ(nlohmann::json::parse(empty.body)["items"].size(), 0u);

  const std::string photo = Photo();
  ASSERT_GT(photo.size(), 1000u);
  // Refused, nothing kept: no description, no file, not an image, no token.
  Reply no_alt = Upload(writer, csrf, "", photo);
  EXPECT_EQ(no_alt.status, 400);
  EXPECT_TRUE(Has(nlohmann::json::parse(no_alt.body)["error"].get<std::string>(), "وصفًا للصورة"));
  Reply not_image = Upload(writer, csrf, "صورة", "<html><script>alert(1)</script></html>");
  EXPECT_EQ(not_image.status, 400);
  EXPECT_TRUE(Has(nlohmann::json::parse(not_image.body)["error"].get<std::string>(), "JPEG"));
  EXPECT_EQ(Upload(writer, "forged", "صورة", photo).status, 403);
  EXPECT_EQ(nlohmann::json::parse(writer.Get("/admin/media/api").body)["total"], 0);

  // Uploaded: the item the editor inserts; the same bytes again are the same item.
  Reply made = Upload(writer, csrf, "أفق الرياض", photo);
  ASSERT_EQ(made.status, 201) << made.body;
  nlohmann::json item = nlohmann::json::parse(made.body)["item"];
  EXPECT_EQ(item["alt"], "أفق الرياض");
  EXPECT_EQ(item["width"], 1024);
  const std::string url = item["url"];
  ASSERT_EQ(url.rfind("/media/", 0), 0u) << url;
  EXPECT_EQ(Browser(port_).Get(url).status, 200);
  EXPECT_EQ(Browser(port_).Get(item["thumb"].get<std::string>()).status, 200);
  Reply again = Upload(writer, csrf, "أفق الرياض", photo);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(nlohmann::json::parse(again.body)["item"]["id"], item["id"]);

  nlohmann::json list = nlohmann::json::parse(writer.Get("/admin/media/api?page=1").body);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["url"], url);
  EXPECT_EQ(list["total"], 1);
  EXPECT_FALSE(list.contains("next"));
}

TEST_F(MediaApiTest, OnlyRolesThatWriteAndOnlySignedIn) {
  Browser moderator = SignedIn("moderator@news.example");
  Reply refused = moderator.Get("/admin/media/api");
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(Has(nlohmann::json::parse(refused.body)["error"].get<std::string>(), "دورك"));
  EXPECT_TRUE(RedirectsTo(NewBrowser().Get("/admin/media/api"), "/admin/login"));
}

TEST_F(MediaApiTest, AnUploadOverTheOrdinaryBodyLimitIsAccepted) {
  // 3 MB: past the 1 MiB limit of other requests, under the upload limit.
  std::string photo = Photo();
  const std::string small = photo;
  photo = small.substr(0, 2);
  while (photo.size() + small.size() < 3000000) {
    photo += "\xFF\xEF";
    photo += static_cast<char>(0xFF);
    photo += static_cast<char>(0xFD);
    photo += std::string(0xFFFD - 2, 'x');
  }
  photo += small.substr(2);
  Browser writer = SignedIn("writer@news.example");
  Reply made = Upload(writer, DeskCsrf(writer), "أفق الرياض الكبير", photo);
  EXPECT_EQ(made.status, 201) << made.body.substr(0, 500);
}

}  // namespace
}  // namespace qalam::testing
