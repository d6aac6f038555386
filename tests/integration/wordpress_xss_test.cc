// The content of a WordPress export is attacker-controlled: an export of our
// own making puts hostile payloads in every field that reaches a reader
// (titles, content, excerpts, comments and their authors, author names,
// categories, tags, attachment alt text), imports it with the real
// `qalam import`, and checks every page a reader can open with an HTML5
// parser (gumbo): nothing in them can run.
#include <gumbo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "server_process.h"

namespace qalam::testing {
namespace {

const std::vector<std::string>& Payloads() {
  static const std::vector<std::string> payloads = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(2)>",
      "<svg onload=alert(3)>",
      "<a href=\"javascript:alert(4)\">انقر</a>",
      "<a href=\"JaVaScRiPt:alert(5)\">انقر</a>",
      "<a href=\"jav&#x09;ascript:alert(6)\">انقر</a>",
      "<a href=\"&#106;avascript:alert(7)\">انقر</a>",
      "<a href=\" javascript:alert(8)\">انقر</a>",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==\">انقر</a>",
      "<a href=\"vbscript:msgbox(10)\">انقر</a>",
      "<iframe src=\"javascript:alert(11)\"></iframe>",
      "<iframe srcdoc=\"<script>alert(12)</script>\"></iframe>",
      "<object data=\"javascript:alert(13)\"></object>",
      "<embed src=\"javascript:alert(14)\">",
      "<form action=\"javascript:alert(15)\"><button>أرسل</button></form>",
      "<button formaction=\"javascript:alert(16)\">زر</button>",
      "<input onfocus=alert(17) autofocus>",
      "<details open ontoggle=alert(18)>",
      "<body onload=alert(19)>",
      "<style>@import 'javascript:alert(20)';</style>",
      "<div style=\"background:url(javascript:alert(21))\">نص</div>",
      "<p style=\"width:expression(alert(22))\">نص</p>",
      "<base href=\"javascript:alert(23)//\">",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(24)\">",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(25)>",
      "<!--><script>alert(26)</script>-->",
      "<<script>alert(27)//<</script>",
      "<scr<script>ipt>alert(28)</scr</script>ipt>",
      "</title><script>alert(29)</script>",
      "</script><script>alert(30)</script>",
      "\"><script>alert(31)</script>",
      "'><img src=x onerror=alert(32)>",
      "[x](javascript:alert(33))",
      "![x](javascript:alert(34))",
      "<https://example.test/\" onmouseover=\"alert(35)>",
      "[caption id=\"attachment_1\" caption=\"<script>alert(36)</script>\"]نص[/caption]",
      "[embed]javascript:alert(37)[/embed]",
      "[video src=\"javascript:alert(38)\"]",
      "[gallery ids=\"1\" link=\"javascript:alert(39)\"]",
      "<img src=\"data:image/svg+xml,<svg onload=alert(40)>\">",
      "<a href=\"/\\\\evil.example\">انقر</a><a href=\"//evil.example/\">انقر</a>",
      "<video poster=\"javascript:alert(42)\"><source src=x onerror=alert(42)></video>",
      "<marquee onstart=alert(43)>نص</marquee>",
      "<noscript><p title=\"</noscript><img src=x onerror=alert(44)>\"></noscript>",
      "<template><script>alert(45)</script></template>",
      "\u202e<script>alert(46)</script>",
  };
  return payloads;
}

// Text in a CDATA section, as WordPress writes it ("]]>" split in two).
std::string Cdata(const std::string& s) {
  std::string out = "<![CDATA[";
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "]]>") == 0) {
      out += "]]]]><![CDATA[>";
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out + "]]>";
}

// An export whose every reader-facing field carries the payloads.
std::string HostileExport() {
  const std::vector<std::string>& p = Payloads();
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" "
      "xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
      "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
      "<channel><title>" + Cdata(p[0]) + "</title><link>http://hostile.example.test</link>"
      "<language>ar</language><wp:wxr_version>1.2</wp:wxr_version>"
      "<wp:base_site_url>http://hostile.example.test</wp:base_site_url>"
      "<wp:base_blog_url>http://hostile.example.test</wp:base_blog_url>\n";
  for (size_t i = 0; i < 4; ++i) {
    x += "<wp:author><wp:author_id>" + std::to_string(i + 1) + "</wp:author_id><wp:author_login>" +
         Cdata("user" + std::to_string(i)) + "</wp:author_login><wp:author_email>" +
         Cdata("user" + std::to_string(i) + "@hostile.example.test") +
         "</wp:author_email><wp:author_display_name>" + Cdata("كاتب " + p[i * 7 % p.size()]) +
         "</wp:author_display_name></wp:author>\n";
  }
  for (size_t i = 0; i < p.size(); ++i) {
    const std::string id = std::to_string(100 + i);
    x += "<item><title>" + Cdata("عنوان " + std::to_string(i) + " " + p[i]) + "</title>"
         "<link>http://hostile.example.test/post-" + id + "/</link>"
         "<dc:creator>" + Cdata("user" + std::to_string(i % 4)) + "</dc:creator>"
         "<content:encoded>" + Cdata("<p>فقرة أولى</p>\n" + p[i] + "\n<p>فقرة " + p[(i + 1) % p.size()] +
                                     "</p>") + "</content:encoded>"
         "<excerpt:encoded>" + Cdata("موجز " + p[(i + 2) % p.size()]) + "</excerpt:encoded>"
         "<wp:post_id>" + id + "</wp:post_id><wp:post_date>2026-05-0" + std::to_string(1 + i % 9) +
         " 10:00:00</wp:post_date><wp:post_date_gmt>2026-05-0" + std::to_string(1 + i % 9) +
         " 07:00:00</wp:post_date_gmt><wp:post_name>post-" + id + "</wp:post_name>"
         "<wp:status>publish</wp:status><wp:post_type>" + (i % 10 == 9 ? "page" : "post") +
         "</wp:post_type><wp:is_sticky>0</wp:is_sticky>"
         "<category domain=\"category\" nicename=\"cat-" + std::to_string(i % 5) + "\">" +
         Cdata("قسم " + p[(i + 3) % p.size()]) + "</category>"
         "<category domain=\"post_tag\" nicename=\"tag-" + std::to_string(i) + "\">" +
         Cdata("وسم " + p[(i + 4) % p.size()]) + "</category>";
    for (int c = 0; c < 2; ++c) {
      x += "<wp:comment><wp:comment_id>" + std::to_string(1000 + 2 * i + c) + "</wp:comment_id>"
           "<wp:comment_author>" + Cdata(p[(i + 5 + c) % p.size()]) + "</wp:comment_author>"
           "<wp:comment_author_email>r@hostile.example.test</wp:comment_author_email>"
           "<wp:comment_author_url>" + Cdata("javascript:alert(" + id + ")") + "</wp:comment_author_url>"
           "<wp:comment_date>2026-05-10 10:00:00</wp:comment_date>"
           "<wp:comment_date_gmt>2026-05-10 07:00:00</wp:comment_date_gmt>"
           "<wp:comment_content>" + Cdata("تعليق " + p[(i + 6 + c) % p.size()]) + "</wp:comment_content>"
           "<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
           "<wp:comment_parent>" + std::string(c ? std::to_string(1000 + 2 * i) : "0") +
           "</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>";
    }
    x += "</item>\n";
  }
  return x + "</channel></rss>\n";
}

bool UnsafeUrl(std::string v) {
  std::string s;
  for (char c : v) {
    if (static_cast<unsigned char>(c) > ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s.rfind("javascript:", 0) == 0 || s.rfind("vbscript:", 0) == 0 || s.rfind("data:", 0) == 0 ||
         s.rfind("//", 0) == 0 || s.rfind("/\\", 0) == 0;
}

// Everything in `node` that could run, as readable findings.
void FindActive(const GumboNode* node, std::vector<std::string>* found) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  const std::string tag = gumbo_normalized_tagname(e.tag);
  static const std::set<std::string> kNever = {"iframe", "object", "embed", "base", "frame",
                                               "frameset", "applet", "svg", "math",
                                               "style", "template", "video", "audio", "marquee"};
  if (kNever.count(tag)) found->push_back("<" + tag + ">");
  if (e.tag == GUMBO_TAG_FORM) {
    // The site's own forms (search, comments) post to its own paths.
    const GumboAttribute* action = gumbo_get_attribute(&e.attributes, "action");
    if (!action || std::string(action->value).rfind("/", 0) != 0 || UnsafeUrl(action->value)) {
      found->push_back("a form to elsewhere");
    }
  }
  if (e.tag == GUMBO_TAG_SCRIPT) {
    const GumboAttribute* type = gumbo_get_attribute(&e.attributes, "type");
    const GumboAttribute* src = gumbo_get_attribute(&e.attributes, "src");
    const bool data = type && std::string(type->value) == "application/ld+json" && !src;
    const bool own = src && std::string(src->value).rfind("/assets/", 0) == 0;
    if (!data && !own) found->push_back("a script");
  }
  if (e.tag == GUMBO_TAG_META) {
    if (gumbo_get_attribute(&e.attributes, "http-equiv")) found->push_back("<meta http-equiv>");
  }
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    const std::string name = a->name;
    if (name.rfind("on", 0) == 0) found->push_back(tag + " " + name + "=");
    if (name == "style" || name == "srcdoc" || name == "formaction") found->push_back(tag + " " + name);
    if ((name == "href" || name == "src" || name == "action" || name == "poster" || name == "srcset") &&
        UnsafeUrl(a->value)) {
      found->push_back(tag + " " + name + "=\"" + a->value + "\"");
    }
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    FindActive(static_cast<const GumboNode*>(e.children.data[i]), found);
  }
}

std::vector<std::string> ActiveContent(const std::string& html) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::vector<std::string> found;
  FindActive(out->root, &found);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return found;
}

TEST(WordPressXss, TheCheckFindsWhatCouldRun) {
  for (const char* html : {"<script>x()</script>", "<img src=x onerror=y()>", "<a href=' JavaScript:x'>a</a>",
                           "<iframe src=/x></iframe>", "<form action='https://evil.example'></form>",
                           "<p style='x'>", "<meta http-equiv=refresh content=0>", "<a href='//evil.example'>a</a>"}) {
    EXPECT_FALSE(ActiveContent(html).empty()) << html;
  }
  EXPECT_TRUE(ActiveContent("<script type='application/ld+json'>{}</script><a href='/x'>a</a>"
                            "<form action='/search'><button>b</button></form>").empty());
}

TEST(WordPressXss, EveryPayloadInEveryFieldRendersInert) {
  ASSERT_GE(Payloads().size(), 40u);
  TempDir dir;
  const std::string data = dir.path() + "/site";
  ASSERT_EQ(RunQalam({"init", "--data", data}).exit_code, 0);
  const std::string file = dir.path() + "/hostile.xml";
  WriteFile(file, HostileExport());
  CommandResult r = RunQalam({"import", "--data", data, file});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("articles  " + std::to_string(Payloads().size() - Payloads().size() / 10) +
                       " created"),
            std::string::npos)
      << r.out;
  ServerProcess server(data);
  // Every post and page through its old address, and the lists naming them.
  std::set<std::string> pages = {"/", "/latest"};
  int checked = 0;
  for (size_t i = 0; i < Payloads().size(); ++i) {
    HttpResult moved = Get(server.port(), "/post-" + std::to_string(100 + i) + "/");
    ASSERT_EQ(moved.status, 301) << i;
    const std::string location = moved.header("location");
    ASSERT_EQ(location.rfind("/", 0), 0u) << location;
    HttpResult page = Get(server.port(), location);
    ASSERT_EQ(page.status, 200) << location;
    for (const std::string& f : ActiveContent(page.body)) ADD_FAILURE() << location << ": " << f;
    ++checked;
    // The section, tags and writer of the article.
    for (const char* prefix : {"href=\"/section/", "href=\"/tag/", "href=\"/writer/"}) {
      for (size_t at = page.body.find(prefix); at != std::string::npos; at = page.body.find(prefix, at + 1)) {
        const size_t start = at + 6;
        pages.insert(page.body.substr(start, page.body.find('"', start) - start));
      }
    }
  }
  for (const std::string& target : pages) {
    HttpResult page = Get(server.port(), target);
    EXPECT_EQ(page.status, 200) << target;
    for (const std::string& f : ActiveContent(page.body)) ADD_FAILURE() << target << ": " << f;
    ++checked;
  }
  HttpResult search = Get(server.port(), "/search?q=" + Encode("عنوان"));
  for (const std::string& f : ActiveContent(search.body)) ADD_FAILURE() << "search: " << f;
  EXPECT_GT(checked, 60);
}

}  // namespace
}  // namespace qalam::testing
