// Text hygiene for comments (content/text_hygiene.h): what is stored, the
// HTML shown, links, and a list of XSS payloads that must all render inert.
#include "content/text_hygiene.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

namespace qalam::moderation {
namespace {

// --- CleanCommentText --------------------------------------------------------

TEST(CleanCommentText, KeepsOrdinaryTextAsWritten) {
  std::string s = "مقال رائع، شكرًا للكاتب!\nأتفق مع الفقرة الثانية (2) 👍";
  EXPECT_EQ(CleanCommentText(s), s);
  EXPECT_EQ(CleanCommentText("<b>bold</b> & \"quotes\""), "<b>bold</b> & \"quotes\"");
}

TEST(CleanCommentText, Nfc) {
  EXPECT_EQ(CleanCommentText("e\u0301t\u0065\u0301"), "\u00e9t\u00e9");
  EXPECT_EQ(CleanCommentText("\u0627\u0654\u0645"), "\u0623\u0645");  // ا + hamza above → أ
}

TEST(CleanCommentText, StripsBidiControls) {
  // The classic file-name trick: RLO makes "exe.gnp" look like "png.exe".
  EXPECT_EQ(CleanCommentText("photo\u202Egnp.exe"), "photognp.exe");
  for (const char* c : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                        "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"}) {
    EXPECT_EQ(CleanCommentText(std::string("كل") + c + "ب"), "كلب") << c;
  }
}

TEST(CleanCommentText, StripsInvisibleCharacters) {
  for (const char* c : {"\u200B", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\uFEFF",
                        "\u00AD", "\u034F", "\u3164", "\uFFA0", "\u115F", "\u180E"}) {
    EXPECT_EQ(CleanCommentText(std::string("ك") + c + "لب"), "كلب") << c;
  }
  // Variation selectors and tag characters have nothing to select here.
  EXPECT_EQ(CleanCommentText("ك\uFE0Fل\U000E0100ب"), "كلب");
  EXPECT_EQ(CleanCommentText("ab\U000E0041\U000E0042c"), "abc");
  // ZWNJ and ZWJ at a word's edge or between Arabic letters and spaces.
  EXPECT_EQ(CleanCommentText("\u200Cكلب\u200D \u200Dكلب"), "كلب كلب");
}

TEST(CleanCommentText, KeepsJoinersAndSelectorsThatDoAJob) {
  // ZWNJ between letters (Persian می‌خواهم) stays; the matcher ignores it.
  EXPECT_EQ(CleanCommentText("می\u200Cخواهم"), "می\u200Cخواهم");
  // Emoji ZWJ sequences, presentation selectors, keycaps, skin tones, tag flags.
  for (const char* e : {"👩\u200D💻", "👨\u200D👩\u200D👧", "🏳\uFE0F\u200D🌈", "❤\uFE0F",
                        "1\uFE0F\u20E3", "👍🏽", "🧑🏽\u200D🚀",
                        "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"}) {
    EXPECT_EQ(CleanCommentText(e), e) << e;
  }
  // Devanagari conjunct with ZWJ (क्‍ष).
  EXPECT_EQ(CleanCommentText("क\u094D\u200Dष"), "क\u094D\u200Dष");
  // A CJK ideographic variation sequence.
  EXPECT_EQ(CleanCommentText("葛\U000E0100"), "葛\U000E0100");
}

TEST(CleanCommentText, ControlCharacters) {
  EXPECT_EQ(CleanCommentText(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(CleanCommentText("a\x01\x07\x1B[31mb\x7F\u0085c"), "a[31mb\nc");
  EXPECT_EQ(CleanCommentText("a\u0080\u009Fb"), "ab");  // C1
  EXPECT_EQ(CleanCommentText("a\tb"), "a\tb");
  EXPECT_EQ(CleanCommentText("a\r\nb\rc"), "a\nb\nc");
  EXPECT_EQ(CleanCommentText("a\u2028b\u2029c"), "a\nb\n\nc");
  EXPECT_EQ(CleanCommentText("a\vb\fc"), "a b c");
  EXPECT_EQ(CleanCommentText("a\uFFFEb\uFDD0c"), "abc");  // noncharacters
  EXPECT_EQ(CleanCommentText("a\xFF\xC0z"), "a\uFFFD\uFFFDz");  // malformed UTF-8
}

TEST(CleanCommentText, CapsStackedMarks) {
  std::string zalgo = "a";
  for (int i = 0; i < 30; ++i) zalgo += "\u0336";
  std::string capped = "a";
  for (int i = 0; i < 8; ++i) capped += "\u0336";
  EXPECT_EQ(CleanCommentText(zalgo + "b"), capped + "b");
  // Arabic with shadda and a vowel is untouched.
  EXPECT_EQ(CleanCommentText("مُحَمَّدٌ"), "مُحَمَّدٌ");
}

TEST(CleanCommentText, BlankLinesAndTrim) {
  EXPECT_EQ(CleanCommentText("  \n\n  أولًا  \n\n\n\n\nثانيًا \t\n \n\t\nثالثًا\n\n  "),
            "أولًا\n\nثانيًا\n\nثالثًا");
  EXPECT_EQ(CleanCommentText("a\n\nb"), "a\n\nb");
  EXPECT_EQ(CleanCommentText("a\n  b"), "a\n  b");  // indentation kept
  EXPECT_EQ(CleanCommentText("\u00A0\u3000 x \u2003"), "x");
  EXPECT_EQ(CleanCommentText(" \n\t \u200B "), "");
}

TEST(CleanCommentText, IsIdempotent) {
  for (const char* s : {"ك\u200Cل\u200Dب \u202Eabc", "  x\n\n\n\ny  ", "👩\u200D💻 a\uFE0F",
                        "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
                        "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309",
                        "می\u200C\u200Cخواهم"}) {
    std::string once = CleanCommentText(s);
    EXPECT_EQ(CleanCommentText(once), once) << s;
  }
}

// --- FindLinks, CountLinks ----------------------------------------------------

std::vector<std::string> Hrefs(std::string_view s) {
  std::vector<std::string> out;
  for (const Link& l : FindLinks(s)) out.push_back(l.href);
  return out;
}

using V = std::vector<std::string>;

TEST(FindLinks, SchemesAndWww) {
  EXPECT_EQ(Hrefs("انظر https://example.com/a?b=1#c و http://ar.wikipedia.org/wiki/مصر"),
            (V{"https://example.com/a?b=1#c", "http://ar.wikipedia.org/wiki/مصر"}));
  EXPECT_EQ(Hrefs("www.example.com"), V{"https://www.example.com"});
  EXPECT_EQ(Hrefs("HTTPS://Example.COM/X"), V{"https://Example.COM/X"});
  EXPECT_EQ(Hrefs("http://1.2.3.4:8080/x"), V{"http://1.2.3.4:8080/x"});
  EXPECT_EQ(Hrefs("https://موقع.مصر/صفحة"), V{"https://موقع.مصر/صفحة"});
}

TEST(FindLinks, OffsetsAndTrailingPunctuation) {
  std::string s = "راجع (https://example.com/a_(b)). وأيضًا https://x.org/p، ثم www.y.net؟";
  std::vector<Link> links = FindLinks(s);
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(s.substr(links[0].begin, links[0].end - links[0].begin), "https://example.com/a_(b)");
  EXPECT_EQ(links[1].href, "https://x.org/p");
  EXPECT_EQ(links[2].href, "https://www.y.net");
  EXPECT_EQ(Hrefs("«https://x.org/a»"), V{"https://x.org/a"});
  EXPECT_EQ(Hrefs("https://x.org/a."), V{"https://x.org/a"});
  EXPECT_EQ(Hrefs("https://x.org/a..."), V{"https://x.org/a"});
}

TEST(FindLinks, NotLinks) {
  EXPECT_TRUE(FindLinks("http://").empty());
  EXPECT_TRUE(FindLinks("https://localhost/x").empty());
  EXPECT_TRUE(FindLinks("www.example").empty());
  EXPECT_TRUE(FindLinks("xhttps://example.com").empty());
  EXPECT_TRUE(FindLinks("user@www.example.com").empty());
  EXPECT_TRUE(FindLinks("https://bank.com@evil.com/login").empty());
  EXPECT_TRUE(FindLinks("http://javascript:alert(1)").empty());
  EXPECT_TRUE(FindLinks("javascript:alert(1)").empty());
  EXPECT_TRUE(FindLinks("ftp://example.com").empty());
  EXPECT_TRUE(FindLinks("http://1.2.3.999").empty());
  EXPECT_TRUE(FindLinks("example.com").empty());  // bare domains are not linked
}

TEST(CountLinks, CountsWhatWouldBeLinked) {
  EXPECT_EQ(CountLinks("لا روابط هنا"), 0);
  EXPECT_EQ(CountLinks("https://a.com https://b.com www.c.com http://"), 3);
  // A bidi override inside an address does not hide it.
  EXPECT_EQ(CountLinks("https://ex\u202Eample.com"), 1);
}

// --- CommentToHtml -------------------------------------------------------------

TEST(CommentToHtml, ParagraphsAndLineBreaks) {
  EXPECT_EQ(CommentToHtml("سطر أول\nسطر ثان\n\nفقرة ثانية"),
            "<p>سطر أول<br>\nسطر ثان</p>\n<p>فقرة ثانية</p>");
  EXPECT_EQ(CommentToHtml(""), "");
  EXPECT_EQ(CommentToHtml(" \n \n"), "");
  EXPECT_EQ(CommentToHtml("a\n\n\n\nb"), "<p>a</p>\n<p>b</p>");
}

TEST(CommentToHtml, EscapesEverything) {
  EXPECT_EQ(CommentToHtml("<b>x</b> & \"y\" 'z'"),
            "<p>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; &#39;z&#39;</p>");
}

TEST(CommentToHtml, LinksAreIsolatedNofollowAndEscaped) {
  EXPECT_EQ(CommentToHtml("المصدر: https://example.com/a?x=1&y=2، شكرًا"),
            "<p>المصدر: <bdi><a href=\"https://example.com/a?x=1&amp;y=2\" "
            "rel=\"nofollow ugc noopener\" target=\"_blank\">https://example.com/a?x=1&amp;y=2"
            "</a></bdi>، شكرًا</p>");
  EXPECT_EQ(CommentToHtml("www.example.com"),
            "<p><bdi><a href=\"https://www.example.com\" rel=\"nofollow ugc noopener\" "
            "target=\"_blank\">www.example.com</a></bdi></p>");
}

TEST(CommentToHtml, StripsBidiOverride) {
  std::string html = CommentToHtml("ملف\u202Egnp.exe");
  EXPECT_EQ(html.find("\u202E"), std::string::npos);
  EXPECT_EQ(html, "<p>ملفgnp.exe</p>");
}

// Every '<' in the output must open one of the tags CommentToHtml emits; an
// <a> only with an http(s) href and our fixed attributes. Outside tags there
// must be no '<', '>' or '"' at all.
void ExpectInert(const std::string& payload) {
  std::string html = CommentToHtml(payload);
  static const std::regex kTag(
      R"(^(<p>|</p>|<br>|<bdi>|</bdi>|</a>|<a href="https?://[^"<>\s]+" rel="nofollow ugc noopener" target="_blank">))");
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::smatch m;
      std::string rest = html.substr(i);
      ASSERT_TRUE(std::regex_search(rest, m, kTag)) << "stray tag in: " << html << "\npayload: "
                                                    << payload;
      std::string tag = m.str(0);
      // No script-bearing scheme in an href, and no event handler anywhere.
      std::string lower = tag;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      EXPECT_EQ(lower.find("href=\"javascript"), std::string::npos) << html;
      EXPECT_EQ(lower.find("href=\"data"), std::string::npos) << html;
      EXPECT_FALSE(std::regex_search(lower, std::regex(R"(\son[a-z]+\s*=)"))) << html;
      i += tag.size();
    } else {
      ASSERT_NE(c, '>') << html;
      ASSERT_NE(c, '"') << html;
      ++i;
    }
  }
}

TEST(CommentToHtml, XssPayloadsRenderInert) {
  const std::vector<std::string> payloads = {
      "<script>alert(1)</script>",
      "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
      "<img src=x onerror=alert(1)>",
      "<IMG SRC=JaVaScRiPt:alert('XSS')>",
      "<img src=\"javascript:alert('XSS');\">",
      "\"><svg onload=alert(1)>",
      "'><script>alert(String.fromCharCode(88,83,83))</script>",
      "<svg/onload=alert(1)>",
      "<body onload=alert(1)>",
      "<iframe src=\"javascript:alert(1)\"></iframe>",
      "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "[click](javascript:alert(1))",
      "javascript:alert(document.cookie)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "jav&#x0A;ascript:alert(1)",
      "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
      "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
      "jAvAsCrIpT&colon;alert(1)",
      "&lt;script&gt;alert(1)&lt;/script&gt;",
      "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
      "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
      "%3Cscript%3Ealert(1)%3C/script%3E",
      "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
      "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
      "<scr<script>ipt>alert(1)</scr</script>ipt>",
      "<<script>script>alert(1)//<</script>",
      "<div style=\"background:url(javascript:alert(1))\">x</div>",
      "<style>@import 'https://evil.example/x.css';</style>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "<svg><script>alert&#40;1&#41;</script>",
      "<input autofocus onfocus=alert(1)>",
      "<details open ontoggle=alert(1)>",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<scr\0ipt>alert(1)</scr\0ipt>",
      "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
      "<![CDATA[<script>alert(1)</script>]]>",
      "{{constructor.constructor('alert(1)')()}}",
      "https://example.com/\"onmouseover=\"alert(1)",
      "https://example.com/'onmouseover='alert(1)'",
      "https://example.com/<script>alert(1)</script>",
      "https://example.com/?q=\"><svg/onload=alert(1)>",
      "https://example.com/javascript:alert(1)",
      "http://javascript:alert(1)",
      "https://evil.example@good.example/",
      "www.example.com/\"style=\"x:expression(alert(1))",
      "https://ex\u202Eample.com/\u202Egnp.exe",
      "تعليق <script>alert('مرحبا')</script> عادي",
      "<a href=\"https://example.com\" onclick=\"alert(1)\">رابط</a>",
  };
  for (const std::string& p : payloads) ExpectInert(p);
  // The payload with a NUL byte (the literal above stops at it).
  static const char kNul[] = "<scr\0ipt>alert(1)</scr\0ipt>";
  ExpectInert(std::string(kNul, sizeof kNul - 1));
}

TEST(CommentToHtml, LinksInsideAttacksStayLinksOnly) {
  std::string html = CommentToHtml("https://example.com/\"onmouseover=\"alert(1)");
  EXPECT_NE(html.find("<a href=\"https://example.com/\" rel="), std::string::npos) << html;
  EXPECT_NE(html.find("&quot;onmouseover=&quot;alert(1)"), std::string::npos) << html;
  html = CommentToHtml("https://example.com/javascript:alert(1)");
  EXPECT_NE(html.find("href=\"https://example.com/javascript:alert(1)\""), std::string::npos);
}

}  // namespace
}  // namespace qalam::moderation
