// WordPress images with captions and galleries become Qalam figures and
// galleries (wordpress/content.h): the caption in the image's title, a
// gallery's images one a line in one paragraph, and the site's renderer
// (content/markdown.h) shows them as <figure>s with their captions.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "content/markdown.h"
#include "wordpress/content.h"

namespace qalam::wp {
namespace {

// Two attachments as an export's first pass knows them.
ContentOptions Attachments() {
  ContentOptions options;
  static const std::map<int64_t, std::vector<std::string>> kFiles = {
      {769, {"https://old.example/2008/06/img_0747.jpg", "قارب", "قارب عند الغروب"}},
      {767, {"https://old.example/2008/06/windmill.jpg", "طاحونة", "طاحونة هواء"}},
      {770, {"https://old.example/2008/06/dock.jpg", "رصيف", ""}},
  };
  options.attachment_url = [](int64_t id) {
    auto it = kFiles.find(id);
    return it == kFiles.end() ? std::string() : it->second[0];
  };
  options.attachment_alt = [](int64_t id) {
    auto it = kFiles.find(id);
    return it == kFiles.end() ? std::string() : it->second[1];
  };
  options.attachment_caption = [](int64_t id) {
    auto it = kFiles.find(id);
    return it == kFiles.end() ? std::string() : it->second[2];
  };
  return options;
}

TEST(WpFigures, CaptionShortcodeWithLinkToItsFileIsAFigure) {
  // As in WordPress's theme unit test data: the image linked to its own file,
  // the caption after it with a link of its own.
  const ConvertedContent c = ConvertContent(
      "قبل\n\n[caption id=\"attachment_906\" align=\"aligncenter\" width=\"580\"]<a "
      "href=\"https://old.example/2013/03/image-alignment-580x300.jpg\"><img class=\"size-full "
      "wp-image-906\" alt=\"صورة للمحاذاة\" src=\"https://old.example/2013/03/"
      "image-alignment-580x300.jpg\" width=\"580\" height=\"300\" /></a> صورة <a "
      "href=\"https://support.example/images/\">بتعليق</a> طويل &amp; \"مقتبس\"[/caption]\n\nبعد",
      {});
  EXPECT_EQ(c.markdown,
            "قبل\n\n![صورة للمحاذاة](<https://old.example/2013/03/image-alignment-580x300.jpg> "
            "\"صورة بتعليق طويل \\& \\\"مقتبس\\\"\")\n\nبعد");
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].kind, "caption");
  EXPECT_EQ(c.problems[0].detail, "link dropped: https://support.example/images/");
  EXPECT_NE(RenderMarkdown(c.markdown)
                .find("<figure class=\"figure\"><img src=\"https://old.example/2013/03/"
                      "image-alignment-580x300.jpg\" alt=\"صورة للمحاذاة\" loading=\"lazy\" "
                      "decoding=\"async\"><figcaption><span class=\"caption\">صورة بتعليق طويل "
                      "&amp; &quot;مقتبس&quot;</span></figcaption></figure>"),
            std::string::npos)
      << RenderMarkdown(c.markdown);
}

TEST(WpFigures, ABarInACaptionIsNotACredit) {
  const std::string md = ConvertContent(
      "[caption caption=\"القاهرة | مساءً\"]<img src=\"/a.jpg\" alt=\"a\">[/caption]", {})
                             .markdown;
  EXPECT_EQ(md, "![a](</a.jpg> \"القاهرة ｜ مساءً\")");
  const std::string html = RenderMarkdown(md);
  EXPECT_NE(html.find("<span class=\"caption\">القاهرة ｜ مساءً</span>"), std::string::npos) << html;
  EXPECT_EQ(html.find("class=\"credit\""), std::string::npos) << html;
}

TEST(WpFigures, ImageLinkedElsewhereStaysALinkedImage) {
  EXPECT_EQ(ConvertContent("[caption id=\"attachment_5\"]<a href=\"https://news.example/story\">"
                           "<img src=\"/a.jpg\" alt=\"A\"></a> Story[/caption]",
                           {})
                .markdown,
            "[![A](</a.jpg>)](<https://news.example/story>)\n\n*Story*");
}

TEST(WpFigures, ImageBlockWithCaptionAndAttachmentLink) {
  const ConvertedContent c = ConvertContent(
      "<!-- wp:image {\"id\":767,\"linkDestination\":\"attachment\"} -->\n"
      "<figure class=\"wp-block-image size-large\"><a href=\"https://old.example/?attachment_id=767\">"
      "<img src=\"https://old.example/2008/06/windmill-1024x768.jpg\" alt=\"\" "
      "class=\"wp-image-767\"/></a><figcaption class=\"wp-element-caption\">طاحونة <em>قديمة</em>"
      "</figcaption></figure>\n<!-- /wp:image -->",
      Attachments());
  EXPECT_EQ(c.markdown, "![طاحونة](<https://old.example/2008/06/windmill-1024x768.jpg> \"طاحونة قديمة\")");
  EXPECT_TRUE(c.problems.empty());
}

TEST(WpFigures, GalleryBlockOfImageBlocks) {
  // WordPress 5.9 and later: image blocks inside the gallery block, each with
  // its own caption, and the gallery's caption.
  const ConvertedContent c = ConvertContent(
      "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n"
      "<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\">"
      "<!-- wp:image {\"id\":769,\"sizeSlug\":\"large\"} -->\n"
      "<figure class=\"wp-block-image size-large\"><img src=\"https://old.example/2008/06/img_0747.jpg\" "
      "alt=\"\" class=\"wp-image-769\"/><figcaption class=\"wp-element-caption\">القارب</figcaption>"
      "</figure>\n<!-- /wp:image -->\n\n<!-- wp:image {\"id\":767} -->\n"
      "<figure class=\"wp-block-image size-large\"><img alt=\"\"/></figure>\n<!-- /wp:image -->"
      "<figcaption class=\"blocks-gallery-caption wp-element-caption\">صور من الرحلة</figcaption>"
      "</figure>\n<!-- /wp:gallery -->\n\n<!-- wp:paragraph -->\n<p>بعد</p>\n<!-- /wp:paragraph -->",
      Attachments());
  EXPECT_EQ(c.markdown,
            "![قارب](<https://old.example/2008/06/img_0747.jpg> \"القارب\")\n"
            "![طاحونة](<https://old.example/2008/06/windmill.jpg>)\n\n*صور من الرحلة*\n\nبعد");
  EXPECT_TRUE(c.problems.empty());
  const std::string html = RenderMarkdown(c.markdown);
  EXPECT_NE(html.find("<div class=\"gallery\" role=\"group\" aria-label=\"معرض صور\"><figure "
                      "class=\"figure\"><img src=\"https://old.example/2008/06/img_0747.jpg\" alt=\"قارب\""),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<span class=\"caption\">القارب</span>"), std::string::npos) << html;
}

TEST(WpFigures, OldGalleryBlockList) {
  // WordPress 5.0 to 5.8: a list of figures, each caption inside its item.
  const ConvertedContent c = ConvertContent(
      "<!-- wp:gallery {\"ids\":[769,767]} -->\n<figure class=\"wp-block-gallery columns-2 "
      "is-cropped\"><ul class=\"blocks-gallery-grid\"><li class=\"blocks-gallery-item\"><figure>"
      "<img src=\"https://old.example/2008/06/img_0747.jpg\" alt=\"أ\" data-id=\"769\" "
      "class=\"wp-image-769\"/><figcaption class=\"blocks-gallery-item__caption\">الأولى"
      "</figcaption></figure></li><li class=\"blocks-gallery-item\"><figure><img "
      "src=\"https://old.example/2008/06/windmill.jpg\" alt=\"ب\" class=\"wp-image-767\"/></figure>"
      "</li></ul></figure>\n<!-- /wp:gallery -->\n\n"
      "<ul class=\"wp-block-gallery columns-3\"><li class=\"blocks-gallery-item\"><figure><img "
      "src=\"/c.jpg\" alt=\"ج\"/></figure></li><li class=\"blocks-gallery-item\"><figure><img "
      "src=\"/d.jpg\" alt=\"د\"/><figcaption>الرابعة</figcaption></figure></li></ul>",
      Attachments());
  EXPECT_EQ(c.markdown,
            "![أ](<https://old.example/2008/06/img_0747.jpg> \"الأولى\")\n"
            "![ب](<https://old.example/2008/06/windmill.jpg>)\n\n"
            "![ج](</c.jpg>)\n![د](</d.jpg> \"الرابعة\")");
}

TEST(WpFigures, GalleryShortcodeTakesTheAttachmentsCaptions) {
  const ConvertedContent c = ConvertContent("[gallery columns=2 ids=\"767,769,770\"]", Attachments());
  EXPECT_EQ(c.markdown,
            "![طاحونة](<https://old.example/2008/06/windmill.jpg> \"طاحونة هواء\")\n"
            "![قارب](<https://old.example/2008/06/img_0747.jpg> \"قارب عند الغروب\")\n"
            "![رصيف](<https://old.example/2008/06/dock.jpg>)");
  const std::string html = RenderMarkdown(c.markdown);
  EXPECT_NE(html.find("<div class=\"gallery\""), std::string::npos);
  EXPECT_NE(html.find("<span class=\"caption\">طاحونة هواء</span>"), std::string::npos) << html;
}

TEST(WpFigures, GalleryShortcodeWithoutIdsShowsThePostsAttachedImages) {
  ContentOptions options = Attachments();
  options.attached_images = [] { return std::vector<int64_t>{770, 767, 769}; };
  EXPECT_EQ(ConvertContent("[gallery exclude=\"767\"]", options).markdown,
            "![رصيف](<https://old.example/2008/06/dock.jpg>)\n"
            "![قارب](<https://old.example/2008/06/img_0747.jpg> \"قارب عند الغروب\")");
  options.attached_images = [] { return std::vector<int64_t>{}; };
  const ConvertedContent none = ConvertContent("[gallery]", options);
  EXPECT_EQ(none.markdown, "");
  ASSERT_EQ(none.problems.size(), 1u);
  EXPECT_EQ(none.problems[0].detail, "no ids");
}

TEST(WpFigures, AnImageLeftOutKeepsItsCaption) {
  ContentOptions options;
  options.image_url = [](const std::string& url) {
    return url == "/kept.jpg" ? std::string("/media/kept-1024.jpg") : std::string();
  };
  EXPECT_EQ(ConvertContent("<figure class=\"wp-block-gallery\"><figure class=\"wp-block-image\"><img "
                           "src=\"/kept.jpg\" alt=\"k\"><figcaption>باقية</figcaption></figure><figure "
                           "class=\"wp-block-image\"><img src=\"https://elsewhere.example/x.jpg\" alt=\"x\">"
                           "<figcaption>غائبة</figcaption></figure></figure>",
                           options)
                .markdown,
            "![k](</media/kept-1024.jpg> \"باقية\")\n\n*غائبة*");
}

}  // namespace
}  // namespace qalam::wp
