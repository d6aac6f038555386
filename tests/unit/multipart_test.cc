// multipart/form-data parsing (web/multipart.h).
#include "web/multipart.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TEST(MultipartBoundary, FromTheContentType) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryX1"), "----WebKitFormBoundaryX1");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_EQ(MultipartBoundary("application/x-www-form-urlencoded"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')), "");
}

TEST(ParseMultipart, FieldsAndFiles) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "tok123\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"alt\"\r\n\r\n"
      "صورة الوزير\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n"
      "\xff\xd8\xff\r\n--X binary \r\n"
      "--XyZ--\r\n";
  std::vector<FormPart> parts;
  ASSERT_TRUE(ParseMultipart(body, "XyZ", &parts));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].name, "csrf");
  EXPECT_EQ(parts[0].data, "tok123");
  EXPECT_FALSE(parts[0].is_file);
  EXPECT_EQ(parts[1].data, "صورة الوزير");
  EXPECT_TRUE(parts[2].is_file);
  EXPECT_EQ(parts[2].filename, "photo.jpg");
  EXPECT_EQ(parts[2].content_type, "image/jpeg");
  EXPECT_EQ(parts[2].data, std::string_view("\xff\xd8\xff\r\n--X binary "));
}

TEST(ParseMultipart, MalformedBodiesAreRefused) {
  std::vector<FormPart> parts;
  EXPECT_FALSE(ParseMultipart("", "b", &parts));
  EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "b", &parts));
  EXPECT_FALSE(ParseMultipart("--b\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line", "b", &parts));
  EXPECT_FALSE(ParseMultipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b", &parts));
  std::string many;
  for (int i = 0; i < 5; ++i) many += "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n";
  many += "--b--";
  EXPECT_TRUE(ParseMultipart(many, "b", &parts, 5));
  EXPECT_FALSE(ParseMultipart(many, "b", &parts, 4));
}

}  // namespace
}  // namespace qalam
