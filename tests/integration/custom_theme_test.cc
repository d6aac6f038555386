// `serve --theme DIR` replaces the reader's theme and nothing else: the desk's
// templates and assets are the binary's own (src/render/desk), served under
// /admin/assets/, so a custom theme, with or without admin_* files of its
// own, never blanks, restyles or shadows the desk.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "desk_client.h"
#include "server_process.h"

namespace qalam::testing {
namespace {

namespace fs = std::filesystem;

const std::string kImmutable = "public, max-age=31536000, immutable";

// The first match of `pattern`'s group 1 in `text`, or "".
std::string Find(const std::string& text, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

class CustomThemeTest : public DeskFixture {
 protected:
  // A reader theme as small as `Theme::Load` accepts: the reader's templates
  // and a stylesheet, nothing of the desk.
  void WriteReaderTheme() {
    theme_ = dir_.path() + "/theme";
    fs::create_directories(theme_ + "/templates");
    fs::create_directories(theme_ + "/assets");
    WriteFile(theme_ + "/templates/layout.mustache",
              "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
              "<title>{{title}}</title><link rel=\"stylesheet\" href=\"{{stylesheet}}\"></head>"
              "<body class=\"custom-reader-theme\">{{{content}}}</body></html>\n");
    for (const char* page : {"home", "article", "list", "error", "search"}) {
      WriteFile(theme_ + "/templates/" + page + ".mustache", std::string("<main>") + page + "</main>\n");
    }
    WriteFile(theme_ + "/assets/style.css", "body { color: #123456; }\n");
  }
  // An asset answered as the desk's: 200, its type, cached for a year.
  void ExpectDeskAsset(Browser& b, const std::string& url, const std::string& content_type) {
    ASSERT_EQ(url.rfind("/admin/assets/", 0), 0u) << "not a desk asset URL: \"" << url << "\"";
    Reply r = b.Get(url);
    EXPECT_EQ(r.status, 200) << url;
    EXPECT_EQ(r.header("content-type"), content_type) << url;
    EXPECT_EQ(r.header("cache-control"), kImmutable) << url;
    EXPECT_FALSE(r.body.empty()) << url;
  }

  std::string theme_;
};

TEST_F(CustomThemeTest, AThemeWithOnlyReaderTemplatesLeavesTheWholeDeskWorking) {
  WriteReaderTheme();
  Start("off", {"--theme", theme_});
  Browser b = NewBrowser();
  // The reader's pages are the custom theme's.
  Reply home = b.Get("/");
  EXPECT_TRUE(Shows(home, 200, "class=\"custom-reader-theme\"")) << "the custom theme is not in use";
  EXPECT_TRUE(std::regex_search(home.body, std::regex("href=\"/assets/style\\.[0-9a-f]{10}\\.css\"")));

  // The sign-in page is the desk's, with its form and its own stylesheet.
  Reply login = b.Get("/admin/login");
  EXPECT_TRUE(Shows(login, 200, "<form action=\"/admin/login\" method=\"post\" class=\"desk-form\">"));
  EXPECT_TRUE(Has(login.body, "name=\"password\""));
  EXPECT_TRUE(Has(login.body, "مكتب التحرير"));
  const std::string css_url = Find(login.body, "href=\"(/admin/assets/admin\\.[0-9a-f]{10}\\.css)\"");
  ExpectDeskAsset(b, css_url, "text/css; charset=utf-8");
  EXPECT_TRUE(Has(b.Get(css_url).body, ".desk-header"));
  ExpectDeskAsset(b, Find(login.body, "href=\"(/admin/assets/icon\\.[0-9a-f]{10}\\.svg)\""), "image/svg+xml");
  // Its fonts too, under the desk's prefix (Debian's fonts-noto-core, as the theme's).
  ExpectDeskAsset(b, Find(b.Get(css_url).body, "url\\((/admin/assets/NotoNaskhArabic-Regular\\.[0-9a-f]{10}\\.ttf)\\)"),
                  "font/ttf");
  // An unknown desk asset is a 404, not the desk's sign-in redirect.
  EXPECT_EQ(b.Get("/admin/assets/admin.0000000000.css").status, 404);

  // Signed in: the dashboard, the editor and the moderators' queue with their scripts.
  MakeUser("chief_editor", "chief@news.example");
  Browser chief = SignedIn("chief@news.example");
  EXPECT_TRUE(Shows(chief.Get("/admin"), 200, "desk-header"));
  Reply editor = chief.Get("/admin/articles/new");
  EXPECT_TRUE(Shows(editor, 200, "name=\"title\""));
  ExpectDeskAsset(chief, Find(editor.body, "<script src=\"(/admin/assets/editor\\.[0-9a-f]{10}\\.js)\" defer>"),
                  "text/javascript; charset=utf-8");
  // The rich editor's bundle (built from src/render/rich_editor) and its stylesheet.
  ExpectDeskAsset(chief, Find(editor.body, "<script src=\"(/admin/assets/rich-editor\\.[0-9a-f]{10}\\.js)\" defer>"),
                  "text/javascript; charset=utf-8");
  ExpectDeskAsset(chief, Find(editor.body, "href=\"(/admin/assets/rich-editor\\.[0-9a-f]{10}\\.css)\""),
                  "text/css; charset=utf-8");
  Reply queue = chief.Get("/admin/comments");
  EXPECT_EQ(queue.status, 200);
  ExpectDeskAsset(chief, Find(queue.body, "<script src=\"(/admin/assets/moderation\\.[0-9a-f]{10}\\.js)\" defer>"),
                  "text/javascript; charset=utf-8");
}

TEST_F(CustomThemeTest, AThemesOwnAdminFilesNeitherReplaceNorShadowTheDesk) {
  WriteReaderTheme();
  WriteFile(theme_ + "/templates/admin_layout.mustache", "THEME DESK LAYOUT {{{content}}}\n");
  WriteFile(theme_ + "/templates/admin_login.mustache", "THEME DESK LOGIN\n");
  WriteFile(theme_ + "/assets/admin.css", "body { display: none; }\n");
  Start("off", {"--theme", theme_});
  Browser b = NewBrowser();
  Reply login = b.Get("/admin/login");
  EXPECT_TRUE(Shows(login, 200, "<form action=\"/admin/login\" method=\"post\" class=\"desk-form\">"));
  EXPECT_FALSE(Has(login.body, "THEME DESK")) << login.body;
  const std::string css_url = Find(login.body, "href=\"(/admin/assets/admin\\.[0-9a-f]{10}\\.css)\"");
  ExpectDeskAsset(b, css_url, "text/css; charset=utf-8");
  EXPECT_FALSE(Has(b.Get(css_url).body, "body { display: none; }")) << "the desk's stylesheet is the theme's";
}

}  // namespace
}  // namespace qalam::testing
