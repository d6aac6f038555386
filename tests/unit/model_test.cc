#include "core/model.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TEST(Model, LargestOwnFormatSkipsTheWebpCopiesButNotAWebpOriginal) {
  const std::vector<MediaVariant> jpeg = {{320, 200, "image/jpeg", "k-320.jpg", ""},
                                          {320, 200, "image/webp", "k-320.webp", ""},
                                          {1600, 1000, "image/jpeg", "k-1600.jpg", ""},
                                          {1600, 1000, "image/webp", "k-1600.webp", ""}};
  ASSERT_NE(LargestOwnFormat(jpeg), nullptr);
  EXPECT_EQ(LargestOwnFormat(jpeg)->file, "k-1600.jpg");
  const std::vector<MediaVariant> webp = {{320, 200, "image/webp", "w-320.webp", ""},
                                          {640, 400, "image/webp", "w-640.webp", ""}};
  ASSERT_NE(LargestOwnFormat(webp), nullptr);
  EXPECT_EQ(LargestOwnFormat(webp)->file, "w-640.webp") << "a WebP original has only WebP sizes";
  EXPECT_EQ(LargestOwnFormat({}), nullptr);
}

}  // namespace
}  // namespace qalam
