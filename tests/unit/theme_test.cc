// The reader's theme and the desk's own set (render/theme.h, render/admin_pages.h):
// the desk is never part of a theme, so `--theme` cannot blank it.
#include "render/theme.h"

#include <gtest/gtest.h>

#include "render/admin_pages.h"

namespace qalam {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// Every page the desk renders (AdminHandler::Page's names), each needing
// templates/admin_NAME.mustache in src/render/desk.
const char* const kDeskPages[] = {
    "accounts", "articles", "audit",   "breaking", "comment_commenter", "comments",
    "comments_machine", "dashboard", "editor", "history", "login", "media",
    "message",  "name_edit", "names",  "password", "settings", "terms"};

TEST(ThemeTest, TheDefaultReaderThemeCarriesNothingOfTheDesk) {
  std::unique_ptr<Theme> theme;
  ASSERT_TRUE(Theme::Load("", &theme).ok());
  EXPECT_FALSE(theme->Template("layout").empty());
  EXPECT_TRUE(StartsWith(theme->AssetUrl("style.css"), "/assets/style."));
  EXPECT_TRUE(theme->Template("admin_layout").empty());
  EXPECT_TRUE(theme->Template("admin_login").empty());
  for (const char* asset : {"admin.css", "editor.js", "moderation.js"}) {
    EXPECT_EQ(theme->AssetUrl(asset), "") << asset;
  }
}

TEST(ThemeTest, TheDeskHasATemplateForEveryPageAndItsOwnAssetPrefix) {
  const Theme& desk = Theme::Desk();
  EXPECT_FALSE(desk.Template("admin_layout").empty());
  for (const char* page : kDeskPages) {
    EXPECT_FALSE(desk.Template(std::string("admin_") + page).empty()) << page;
  }
  for (const char* asset : {"admin.css", "editor.js", "moderation.js", "icon.svg"}) {
    const std::string url = desk.AssetUrl(asset);
    EXPECT_TRUE(StartsWith(url, "/admin/assets/")) << asset << ": " << url;
    ASSERT_NE(desk.FindAsset(url), nullptr) << url;
    EXPECT_FALSE(desk.FindAsset(url)->bytes->empty()) << url;
  }
  EXPECT_EQ(desk.AssetUrl("style.css"), "") << "the reader's stylesheet is the theme's";
  // The desk's stylesheet names its fonts under its own prefix too.
  const std::string css = *desk.FindAsset(desk.AssetUrl("admin.css"))->bytes;
  EXPECT_EQ(css.find("url(font:"), std::string::npos);
  if (!desk.AssetUrl("NotoNaskhArabic-Regular.ttf").empty()) {
    EXPECT_NE(css.find("url(/admin/assets/NotoNaskhArabic-Regular."), std::string::npos);
  }
}

TEST(ThemeTest, EveryDeskPageRendersInsideTheDeskLayout) {
  AdminRenderer renderer;
  const std::string stylesheet = Theme::Desk().AssetUrl("admin.css");
  for (const char* page : kDeskPages) {
    std::string html;
    Status st = renderer.Render(page, {{"title", "عنوان"}}, &html);
    ASSERT_TRUE(st.ok()) << page << ": " << st.message();
    EXPECT_NE(html.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos) << page;
    EXPECT_NE(html.find("href=\"" + stylesheet + "\""), std::string::npos) << page;
  }
}

TEST(ThemeTest, AMissingDeskTemplateIsAnErrorNotABlankPage) {
  AdminRenderer renderer;
  std::string html;
  EXPECT_FALSE(renderer.Render("no_such_page", nlohmann::json::object(), &html).ok());
}

}  // namespace
}  // namespace qalam
