// Article bodies: Markdown to HTML in safe mode (content/markdown.h).
#include "content/markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "content/figures.h"
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

// Only the schemes a news body needs keep their address: any other (a
// made-up or misspelt one, an operating system's handler such as
// ms-msdt: or intent:) gets none, whatever a browser would make of it
// (found by fuzz_markdown: <javascriut:alert(2)> was a link).
TEST(RenderMarkdown, OnlyWebMailAndTelephoneSchemesKeepTheirAddress) {
  for (const char* md : {"<javascriut:alert(2)>", "[x](ms-msdt:/id)", "[x](intent://scan#Intent;end)",
                         "[x](file:///etc/passwd)", "[x](jar:https://a/b!/c)",
                         "![x](blob:https://a/b)", "[x](feed:https://a/b)"}) {
    const std::string html = RenderMarkdown(md);
    EXPECT_TRUE(Has(html, "href=\"\"") || Has(html, "src=\"\"") || !Has(html, "href=")) << md << " -> " << html;
  }
  for (const auto& [md, href] : std::vector<std::pair<std::string, std::string>>{
           {"[x](https://a.example/b)", "https://a.example/b"}, {"[x](http://a.example)", "http://a.example"},
           {"[x](HTTPS://A.example)", "HTTPS://A.example"}, {"[x](mailto:desk@a.example)", "mailto:desk@a.example"},
           {"[x](tel:+966500000000)", "tel:+966500000000"}, {"[x](/article/x)", "/article/x"},
           {"[x](#fn1)", "#fn1"}, {"[x](?page=2)", "?page=2"}, {"[x](//cdn.example/a)", "//cdn.example/a"},
           {"[x](note:%20x)", ""}, {"[x](a/b:c)", "a/b:c"},
           {"[x](JaVaScRiPt%3Aalert(1))", "JaVaScRiPt%3Aalert(1)"}}) {  // A relative path: no ':'.
    EXPECT_TRUE(Has(RenderMarkdown(md), "href=\"" + href + "\"")) << md << " -> " << RenderMarkdown(md);
  }
}

// markdown.h promises no data: address at all: cmark-gfm's safe mode lets
// data:image/png, gif, jpeg and webp through, in links and images alike.
TEST(RenderMarkdown, DataAddressesGetNoHrefOrSrc) {
  const std::string png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
  for (const std::string& md : std::vector<std::string>{"[x](" + png + ")", "نص [x](" + png + ") نص", "<" + png + ">",
                                 "![x](" + png + ")", "نص ![x](" + png + ") نص", "![a](" + png + ")\n![b](/b.jpg)",
                                 "- [x](DATA:image/gif;base64,R0lGOD)", "[x]( data:image/webp;base64,UklGR)",
                                 "[x][r]\n\n[r]: " + png}) {
    const std::string html = AsciiLower(RenderMarkdown(md));
    EXPECT_FALSE(Has(html, "\"data:")) << md << " -> " << html;
    EXPECT_FALSE(Has(html, "\" data:")) << md << " -> " << html;
  }
  EXPECT_TRUE(Has(RenderMarkdown("[x](" + png + ")"), "<a href=\"\">x</a>"));
  // Other addresses are untouched.
  EXPECT_TRUE(Has(RenderMarkdown("[x](https://example.com/data:a)"), "href=\"https://example.com/data:a\""));
}

// The Content-Security-Policy loads images from the site, https: and data:
// only (web/http_server.cc); an image of another scheme ("x:", ftp:, cid:)
// loads nothing and makes the reader's browser report a violation. Links
// keep other schemes (mailto:, tel:).
TEST(RenderMarkdown, ImagesKeepOnlySitePathsAndWebAddresses) {
  for (const std::string& md : std::vector<std::string>{"![a](x:xss(1))", "نص ![a](x:xss(2)) نص", "![a](x:xss(3) \"تعليق\")",
                                 "![a](FTP://example.com/a.png)\n![b](/b.jpg)", "![a](cid:image001)", "![a]( x:y)",
                                 "[![a](x:xss(4))](https://example.com)", "![a][r]\n\n[r]: x:xss(5)"}) {
    const std::string html = AsciiLower(RenderMarkdown(md));
    for (const char* scheme : {"src=\"x:", "src=\"ftp:", "src=\"cid:", "src=\" x:"}) {
      EXPECT_FALSE(Has(html, scheme)) << md << " -> " << html;
    }
  }
  for (const std::string& kept : {"/media/a.jpg", "https://example.com/a.jpg", "http://example.com/a.jpg", "a.jpg",
                                  "images/a:b.jpg"}) {
    EXPECT_TRUE(Has(RenderMarkdown("نص ![a](" + kept + ") نص"), "src=\"" + kept + "\"")) << kept;
  }
  EXPECT_TRUE(Has(RenderMarkdown("[x](mailto:a@example.com)"), "href=\"mailto:a@example.com\""));
  EXPECT_TRUE(Has(RenderMarkdown("[x](tel:+9621234)"), "href=\"tel:+9621234\""));
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

namespace qalam {
namespace {

bool Contains(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

size_t Count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t pos = s.find(part); pos != std::string::npos; pos = s.find(part, pos + part.size())) ++n;
  return n;
}

TEST(MarkdownFigure, ImageAloneIsAFigureWithCaptionAndCredit) {
  const std::string html = RenderMarkdown("قبل.\n\n![الوزير](/media/a-640.jpg \"الوزير في المؤتمر | تصوير: رويترز\")\n\nبعد.");
  EXPECT_TRUE(Contains(html,
                       "<figure class=\"figure\"><img src=\"/media/a-640.jpg\" alt=\"الوزير\" loading=\"lazy\" "
                       "decoding=\"async\"><figcaption><span class=\"caption\">الوزير في المؤتمر</span> "
                       "<span class=\"credit\">تصوير: رويترز</span></figcaption></figure>"))
      << html;
  EXPECT_FALSE(Contains(html, "<p><img")) << html;
  EXPECT_TRUE(Contains(html, "<p>قبل.</p>")) << html;
  EXPECT_TRUE(Contains(html, "<p>بعد.</p>")) << html;
}

TEST(MarkdownFigure, TitleRules) {
  std::string caption, credit;
  SplitImageTitle("تعليق فقط", &caption, &credit);
  EXPECT_EQ(caption, "تعليق فقط");
  EXPECT_EQ(credit, "");
  SplitImageTitle("أ | ب | رويترز", &caption, &credit);  // the LAST " | "
  EXPECT_EQ(caption, "أ | ب");
  EXPECT_EQ(credit, "رويترز");
  SplitImageTitle("| أ ف ب", &caption, &credit);
  EXPECT_EQ(caption, "");
  EXPECT_EQ(credit, "أ ف ب");
  SplitImageTitle("a|b", &caption, &credit);  // no spaces: no split
  EXPECT_EQ(caption, "a|b");
  EXPECT_EQ(credit, "");

  const std::string credit_only = RenderMarkdown("![x](/m.jpg \"| أ ف ب\")");
  EXPECT_TRUE(Contains(credit_only, "<figcaption><span class=\"credit\">أ ف ب</span></figcaption>")) << credit_only;
  EXPECT_FALSE(Contains(credit_only, "class=\"caption\"")) << credit_only;
  const std::string bare = RenderMarkdown("![x](/m.jpg)");
  EXPECT_EQ(bare, "<figure class=\"figure\"><img src=\"/m.jpg\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></figure>\n")
      << bare;
}

TEST(MarkdownFigure, ImageInRunningTextStaysInline) {
  const std::string html = RenderMarkdown("انظر ![شعار](/logo.png \"عنوان\") هنا.");
  EXPECT_FALSE(Contains(html, "<figure")) << html;
  EXPECT_TRUE(Contains(html, "<p>انظر <img src=\"/logo.png\" alt=\"شعار\" title=\"عنوان\" /> هنا.</p>")) << html;
  // A linked image is not alone either.
  EXPECT_FALSE(Contains(RenderMarkdown("[![a](/a.jpg)](https://example.com)"), "<figure"));
}

TEST(MarkdownGallery, SeveralImagesAloneAreAGallery) {
  const std::string html =
      RenderMarkdown("![أ](/a.jpg \"الأولى | رويترز\")\n![ب](/b.jpg)  \n![ج](/c.jpg \"الثالثة\") ![د](/d.jpg)");
  EXPECT_EQ(Count(html, "<div class=\"gallery\" role=\"group\" aria-label=\"معرض صور\">"), 1u) << html;
  EXPECT_EQ(Count(html, "<figure class=\"figure\">"), 4u) << html;
  EXPECT_TRUE(Contains(html, "<span class=\"caption\">الأولى</span> <span class=\"credit\">رويترز</span>")) << html;
  EXPECT_TRUE(Contains(html, "<span class=\"caption\">الثالثة</span>")) << html;
  EXPECT_FALSE(Contains(html, "<p>")) << html;
  EXPECT_FALSE(Contains(html, "<br")) << html;
}

TEST(MarkdownFigure, MaliciousTitlesAndAddressesAreEscapedOrDropped) {
  const std::string html = RenderMarkdown(
      "![\"><script>x</script>](/a.jpg \"<img src=x onerror=alert(1)> | \\\"onload=\\\"x\")\n\n"
      "![a](javascript:alert(1) \"t\")\n\n![b](data:text/html;base64,PHNjcmlwdD4= \"t\")\n\n"
      "![c](/a.jpg\"onerror=\"x \"t\")");
  EXPECT_FALSE(Contains(html, "<script")) << html;
  EXPECT_FALSE(Contains(html, "<img src=x")) << html;
  EXPECT_FALSE(Contains(html, "\"onload")) << html;
  EXPECT_FALSE(Contains(html, "\"onerror")) << html;
  EXPECT_FALSE(Contains(AsciiLower(html), "javascript:")) << html;
  EXPECT_FALSE(Contains(html, "data:text")) << html;
  EXPECT_TRUE(Contains(html, "&lt;img src=x onerror=alert(1)&gt;")) << html;
  EXPECT_TRUE(Contains(html, "<img src=\"\" alt=\"a\"")) << html;
  // Arabic in an address is percent-encoded, & written as an entity.
  const std::string arabic = RenderMarkdown("![x](/media/صورة.jpg?a=1&b=2)");
  EXPECT_TRUE(Contains(arabic, "src=\"/media/%D8%B5%D9%88%D8%B1%D8%A9.jpg?a=1&amp;b=2\"")) << arabic;
}

TEST(MarkdownEmbed, EachProviderBecomesAPlaceholder) {
  struct Case {
    const char* url;
    const char* provider;
    const char* name;
    const char* frame;
    bool video;
  };
  const Case cases[] = {
      {"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "youtube", "يوتيوب",
       "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", true},
      {"https://youtu.be/dQw4w9WgXcQ", "youtube", "يوتيوب", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
       true},
      {"https://youtube.com/shorts/abc_DEF-123", "youtube", "يوتيوب",
       "https://www.youtube-nocookie.com/embed/abc_DEF-123?autoplay=1", true},
      {"https://vimeo.com/76979871", "vimeo", "فيميو", "https://player.vimeo.com/video/76979871?autoplay=1", true},
      {"https://x.com/AJArabic/status/1796613240123456789", "x", "إكس",
       "https://platform.twitter.com/embed/Tweet.html?id=1796613240123456789", false},
      {"https://twitter.com/AJArabic/status/20?s=20", "x", "إكس", "https://platform.twitter.com/embed/Tweet.html?id=20",
       false},
      {"https://www.facebook.com/aljazeera/posts/pfbid0abc", "facebook", "فيسبوك",
       "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Faljazeera%2Fposts%2Fpfbid0abc",
       false},
      {"https://www.facebook.com/aljazeera/videos/123456", "facebook", "فيسبوك",
       "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Faljazeera%2Fvideos%2F123456",
       true},
      {"https://fb.watch/abcDEF/", "facebook", "فيسبوك",
       "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Ffb.watch%2FabcDEF%2F", true},
      {"https://www.instagram.com/p/C1a2B3c/", "instagram", "إنستغرام", "https://www.instagram.com/p/C1a2B3c/embed",
       false},
      {"https://www.instagram.com/reel/C1a2B3c/", "instagram", "إنستغرام", "https://www.instagram.com/p/C1a2B3c/embed",
       true},
      {"https://www.tiktok.com/@aljazeera/video/7234567890123456789", "tiktok", "تيك توك",
       "https://www.tiktok.com/embed/v2/7234567890123456789", true},
  };
  for (const Case& c : cases) {
    const std::string html = RenderMarkdown(std::string("قبل.\n\n") + c.url + "\n\nبعد.");
    EXPECT_TRUE(Contains(html, std::string("<figure class=\"embed embed-") + c.provider)) << c.url << "\n" << html;
    std::string frame = c.frame;
    for (size_t pos = frame.find('&'); pos != std::string::npos; pos = frame.find('&', pos + 1)) {
      frame.replace(pos, 1, "&amp;");
    }
    EXPECT_TRUE(Contains(html, "data-embed-src=\"" + frame + "\"")) << c.url << "\n" << html;
    EXPECT_TRUE(Contains(html, std::string("<span class=\"embed-provider\">") + c.name + "</span>")) << html;
    EXPECT_EQ(Contains(html, "class=\"embed-play\""), c.video) << c.url;
    EXPECT_TRUE(Contains(html, "<button type=\"button\" class=\"embed-load\"")) << html;
    EXPECT_TRUE(Contains(html, "rel=\"noopener nofollow\" target=\"_blank\">")) << html;
    // Nothing from the provider loads: no frame, no script, no image.
    EXPECT_FALSE(Contains(html, "<iframe")) << html;
    EXPECT_FALSE(Contains(html, "<script")) << html;
    EXPECT_FALSE(Contains(html, "<img")) << html;
    EXPECT_FALSE(Contains(html, "<p>http")) << html;
  }
  // The autolink form <…> and an address without a scheme (GFM's www.).
  EXPECT_TRUE(Contains(RenderMarkdown("<https://youtu.be/dQw4w9WgXcQ>"), "embed-youtube"));
  EXPECT_TRUE(Contains(RenderMarkdown("www.youtube.com/watch?v=dQw4w9WgXcQ"), "embed-youtube"));
  // The link to the original is the address as written.
  EXPECT_TRUE(Contains(RenderMarkdown("https://youtu.be/dQw4w9WgXcQ"), "href=\"https://youtu.be/dQw4w9WgXcQ\""));
}

TEST(MarkdownEmbed, OtherAddressesStayLinks) {
  for (const char* md : {"https://example.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/channel/UC123",
                         "https://x.com/AJArabic", "https://www.facebook.com/aljazeera",
                         "https://youtube.com.evil.example/watch?v=abc", "https://evil.example/?u=https://youtu.be/abc",
                         "https://user@youtu.be/abc", "https://youtu.be:8080/abc", "ftp://youtu.be/abc"}) {
    const std::string html = RenderMarkdown(md);
    EXPECT_FALSE(Contains(html, "class=\"embed")) << md << "\n" << html;
  }
  // A [text](url) link to a provider is an ordinary link.
  const std::string link = RenderMarkdown("[الفيديو](https://youtu.be/dQw4w9WgXcQ)");
  EXPECT_EQ(link, "<p><a href=\"https://youtu.be/dQw4w9WgXcQ\">الفيديو</a></p>\n");
  // An address inside running text too.
  const std::string inline_url = RenderMarkdown("شاهد https://youtu.be/dQw4w9WgXcQ الآن");
  EXPECT_FALSE(Contains(inline_url, "class=\"embed")) << inline_url;
  EXPECT_TRUE(Contains(inline_url, "<a href=\"https://youtu.be/dQw4w9WgXcQ\">")) << inline_url;
}

TEST(MarkdownEmbed, MaliciousAddressesAreRefusedOrEscaped) {
  for (const char* md : {"https://youtu.be/a\"onmouseover=\"x", "https://youtu.be/<script>",
                         "https://www.youtube.com/watch?v=a%22onload%3D", "javascript:alert(1)//youtu.be/abc"}) {
    const std::string html = RenderMarkdown(md);
    EXPECT_FALSE(Contains(html, "class=\"embed")) << md << "\n" << html;
    EXPECT_FALSE(Contains(html, "<script")) << html;
    EXPECT_FALSE(Contains(html, "\"onmouseover")) << html;
  }
  // A Facebook address is carried whole, percent-encoded, into the frame's.
  const std::string fb = RenderMarkdown("https://www.facebook.com/a/posts/1?x=%22&y='<b>");
  EXPECT_FALSE(Contains(fb, "'<b>")) << fb;
  EXPECT_FALSE(Contains(fb, "<b>")) << fb;
}

TEST(MarkdownToText, KeepsCaptionsAndDropsEmbeds) {
  const std::string text = MarkdownToText(
      "مقدمة.\n\n![بديل](/a.jpg \"الوزير في المؤتمر | رويترز\")\n\n![أ](/a.jpg \"صورة أولى\")\n![ب](/b.jpg "
      "\"صورة ثانية\")\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nخاتمة.");
  EXPECT_TRUE(Contains(text, "مقدمة.")) << text;
  EXPECT_TRUE(Contains(text, "الوزير في المؤتمر")) << text;
  EXPECT_TRUE(Contains(text, "صورة أولى")) << text;
  EXPECT_TRUE(Contains(text, "صورة ثانية")) << text;
  EXPECT_TRUE(Contains(text, "خاتمة.")) << text;
  EXPECT_FALSE(Contains(text, "youtu")) << text;
  EXPECT_FALSE(Contains(text, "/a.jpg")) << text;
}

}  // namespace
}  // namespace qalam
