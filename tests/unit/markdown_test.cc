// Article bodies: Markdown to HTML in safe mode (content/markdown.h).
#include "content/markdown.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace qalam {
namespace {

bool Has(const std::string& html, const std::string& part) {
  return html.find(part) != std::string::npos;
}

TEST(MarkdownToText, KeepsTheWordsAndDropsTheSyntax) {
  std::string text = MarkdownToText(
      "## عنوان\n\nقال **الوزير** إن [الخطة](https://example.com/plan) جاهزة.\n\n- أولًا\n- ثانيًا\n\n<script>x</script>");
  EXPECT_TRUE(Has(text, "عنوان\n")) << text;
  EXPECT_TRUE(Has(text, "قال الوزير إن الخطة جاهزة.")) << text;
  EXPECT_TRUE(Has(text, "أولًا")) << text;
  EXPECT_FALSE(Has(text, "example.com")) << text;
  EXPECT_FALSE(Has(text, "**")) << text;
  EXPECT_FALSE(Has(text, "##")) << text;
  EXPECT_FALSE(Has(text, "<script>")) << text;
}

TEST(RenderMarkdown, ParagraphsSeparatedByBlankLines) {
  std::string html = RenderMarkdown("الفقرة الأولى.\n\nالفقرة الثانية.");
  EXPECT_EQ(html, "<p>الفقرة الأولى.</p>\n<p>الفقرة الثانية.</p>\n");
}

TEST(RenderMarkdown, SingleNewlineStaysInOneParagraph) {
  std::string html = RenderMarkdown("سطر\nتابع");
  EXPECT_EQ(html.find("</p>"), html.rfind("</p>")) << html;
  EXPECT_TRUE(Has(html, "<p>سطر")) << html;
}

TEST(RenderMarkdown, Lists) {
  std::string html = RenderMarkdown("- أولها\n- ثانيها\n\n1. واحد\n2. اثنان\n");
  EXPECT_TRUE(Has(html, "<ul>\n<li>أولها</li>\n<li>ثانيها</li>\n</ul>")) << html;
  EXPECT_TRUE(Has(html, "<ol>\n<li>واحد</li>\n<li>اثنان</li>\n</ol>")) << html;
}

TEST(RenderMarkdown, EmphasisHeadingsAndLinks) {
  std::string html = RenderMarkdown("## عنوان\n\n**قوي** و*مائل* و[رابط](https://example.com/a)");
  EXPECT_TRUE(Has(html, "<h2>عنوان</h2>")) << html;
  EXPECT_TRUE(Has(html, "<strong>قوي</strong>")) << html;
  EXPECT_TRUE(Has(html, "<em>مائل</em>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"https://example.com/a\">رابط</a>")) << html;
}

TEST(RenderMarkdown, RawHtmlIsNotPassedThrough) {
  std::string html = RenderMarkdown(
      "قبل\n\n<script>alert('x')</script>\n\nنص <img src=x onerror=alert(1)> و<b "
      "onclick=\"x()\">غامق</b>\n\n<iframe src=\"https://evil.example\"></iframe>");
  EXPECT_FALSE(Has(html, "<script")) << html;
  EXPECT_FALSE(Has(html, "<img")) << html;
  EXPECT_FALSE(Has(html, "onerror")) << html;
  EXPECT_FALSE(Has(html, "onclick")) << html;
  EXPECT_FALSE(Has(html, "<iframe")) << html;
  EXPECT_TRUE(Has(html, "<p>قبل</p>")) << html;
}

TEST(RenderMarkdown, JavascriptLinksGetNoHref) {
  for (const char* md : {"[اضغط](javascript:alert(1))", "[اضغط](JavaScript:alert(1))",
                         "[اضغط](vbscript:msgbox(1))", "[اضغط](data:text/html;base64,PHNjcmlwdD4=)",
                         "[اضغط](java&#115;cript:alert(1))", "<javascript:alert(1)>",
                         "![صورة](javascript:alert(1))"}) {
    const std::string html = AsciiLower(RenderMarkdown(md));
    for (const char* attr : {"href=\"", "src=\""}) {
      for (const char* scheme : {"javascript:", "vbscript:", "data:text/html"}) {
        EXPECT_FALSE(Has(html, std::string(attr) + scheme)) << md << " -> " << html;
      }
    }
  }
  // The link text stays; only the address goes.
  EXPECT_TRUE(Has(RenderMarkdown("[اضغط](javascript:alert(1))"), "<a href=\"\">اضغط</a>"));
}

TEST(RenderMarkdown, Tables) {
  std::string html = RenderMarkdown("| الدولة | العاصمة |\n|---|---|\n| كازاخستان | أستانا |\n");
  EXPECT_TRUE(Has(html, "<table>")) << html;
  EXPECT_TRUE(Has(html, "<th>الدولة</th>")) << html;
  EXPECT_TRUE(Has(html, "<td>أستانا</td>")) << html;
}

TEST(RenderMarkdown, StrikethroughAndAutolink) {
  std::string html = RenderMarkdown("~~قديم~~ https://example.com");
  EXPECT_TRUE(Has(html, "<del>قديم</del>")) << html;
  EXPECT_TRUE(Has(html, "<a href=\"https://example.com\">")) << html;
}

TEST(RenderMarkdown, TextIsEscaped) {
  std::string html = RenderMarkdown("a < b & c > \"d\"");
  EXPECT_TRUE(Has(html, "a &lt; b &amp; c &gt; &quot;d&quot;")) << html;
}

TEST(RenderMarkdown, EmptyInput) { EXPECT_EQ(RenderMarkdown(""), ""); }

}  // namespace
}  // namespace qalam
