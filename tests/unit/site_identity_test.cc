// The site's identity, on every backend: the store keeps the menus
// (migration 20) and records "global" when one is saved; the service's
// rules (who, link addresses, labels, existing sections, published pages,
// audited, nothing saved when refused; the logo and icon settings); and
// the menus as readers see them (render/site_identity.h: gone sections and
// unpublished pages skipped, the keys of the pages named).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/change_keys.h"
#include "core/roles.h"
#include "core/settings.h"
#include "render/site_identity.h"
#include "services/site_identity.h"
#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
using testing_backends::UserPerRole;

constexpr int64_t kNow = 1'800'000'000;

TEST(MenuChangeKeys, SavingAMenuPurgesEveryPage) {
  EXPECT_EQ(keys::ForMenu(), std::set<std::string>{keys::kGlobal});
}

TEST(MenuLinkUrl, AcceptsWebAddressesAndSitePathsOnly) {
  std::string out;
  for (const char* good : {"https://example.com", "http://example.com/a?b=1#c", "/page/من-نحن", "/",
                           "  https://t.me/qalam  "}) {
    EXPECT_TRUE(SiteIdentity::CheckLinkUrl(good, &out).ok()) << good;
  }
  EXPECT_TRUE(SiteIdentity::CheckLinkUrl(" /latest ", &out).ok());
  EXPECT_EQ(out, "/latest") << "trimmed";
  for (const char* bad : {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "//evil.example/",
                          "https://", "https:///path", "example.com", "ftp://example.com", "", "   ",
                          "https://exa mple.com", "https://example.com/\"onload", "/a<b>", "/a\nb", "/a\tb",
                          "https://example.com/\x01"}) {
    Status st = SiteIdentity::CheckLinkUrl(bad, &out);
    EXPECT_TRUE(st.IsInvalid()) << bad;
    EXPECT_EQ(st.message().find("must"), std::string::npos) << "the desk reads Arabic: " << st.message();
  }
}

TEST(MenuLabel, TrimsAndLimits) {
  std::string out;
  EXPECT_TRUE(SiteIdentity::CheckLabel("  من نحن ", &out).ok());
  EXPECT_EQ(out, "من نحن");
  EXPECT_TRUE(SiteIdentity::CheckLabel("", &out).ok()) << "a section or page shows its own name";
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "ب";
  EXPECT_TRUE(SiteIdentity::CheckLabel(sixty, &out).ok());
  EXPECT_TRUE(SiteIdentity::CheckLabel(sixty + "ب", &out).IsInvalid());
  EXPECT_TRUE(SiteIdentity::CheckLabel("أ\x07ب", &out).IsInvalid());
}

TEST(IdentitySettings, FooterTextIsOneOptionalLineAndImagesAreNumbers) {
  std::string out;
  EXPECT_TRUE(ValidateSetting("footer_text", "", &out).ok()) << "no footer line is the default";
  EXPECT_TRUE(ValidateSetting("footer_text", " جميع الحقوق محفوظة لـقلم ", &out).ok());
  EXPECT_EQ(out, "جميع الحقوق محفوظة لـقلم");
  EXPECT_TRUE(ValidateSetting("footer_text", "سطر\nآخر", &out).IsInvalid());
  EXPECT_TRUE(ValidateSetting("footer_text", std::string(301, 'a'), &out).IsInvalid());
  for (const char* key : {"logo", "logo_dark", "favicon"}) {
    EXPECT_TRUE(ValidateSetting(key, "", &out).ok()) << key;
    EXPECT_TRUE(ValidateSetting(key, "12", &out).ok()) << key;
    EXPECT_TRUE(ValidateSetting(key, "x", &out).IsInvalid()) << key;
    EXPECT_TRUE(ValidateSetting(key, "0", &out).IsInvalid()) << key;
  }
}

class SiteIdentityTest : public StoreBackendTest {
 protected:
  Id Publish(const std::string& word, const std::string& section) {
    Article a = MakeArticle(word, "مقال " + word, kNow - 3600);
    a.status = ArticleStatus::kPublished;
    a.section = Section{0, section, ""};
    return SaveArticle(*store_, a).id;
  }
  Id Page(const std::string& word, const std::string& title, ArticleStatus status) {
    Article p = MakeArticle(word, title, kNow - 7200);
    p.status = status;
    p.kind = ArticleKind::kPage;
    return SaveArticle(*store_, p).id;
  }
  Id SectionId(const std::string& name) {
    std::vector<NamedItem> all;
    EXPECT_TRUE(store_->ListNamed(NamedKind::kSection, name, 10, &all).ok());
    return all.empty() ? 0 : all.front().id;
  }
  Id Image(char key, int width, int height) {
    MediaItem m;
    m.hash = std::string(64, key);
    m.mime = "image/png";
    m.width = width;
    m.height = height;
    m.variants = {{320, 320 * height / width, "image/png", std::string(1, key) + "-320.png", ""},
                  {320, 320 * height / width, "image/webp", std::string(1, key) + "-320.webp", ""},
                  {640, 640 * height / width, "image/png", std::string(1, key) + "-640.png", ""}};
    bool created = false;
    EXPECT_TRUE(store_->SaveMedia(&m, &created).ok());
    return m.id;
  }
  std::vector<std::string> KeysOf(const std::function<void()>& write) {
    std::vector<std::string> keys;
    int64_t last = 0;
    EXPECT_TRUE(store_->ReadChanges(0, &keys, &last).ok());
    write();
    EXPECT_TRUE(store_->ReadChanges(last, &keys, &last).ok());
    return keys;
  }
};

TEST_P(SiteIdentityTest, TheStoreKeepsEachMenuApartAndRecordsGlobal) {
  SiteMenu menu;
  ASSERT_TRUE(store_->GetMenu(MenuName::kHeader, &menu).ok());
  EXPECT_FALSE(menu.saved) << "a fresh site shows the theme's default menus";
  EXPECT_TRUE(menu.items.empty());

  Publish("أ", "سياسة");
  const Id page = Page("about", "من نحن", ArticleStatus::kPublished);
  const Id section = SectionId("سياسة");
  const std::vector<MenuItem> items = {{MenuItemKind::kLink, 0, "/", "الرئيسية"},
                                       {MenuItemKind::kSection, section, "", ""},
                                       {MenuItemKind::kPage, page, "", "عنّا"}};
  AuditEntry audit{0, kNow, 0, "", "menu.save", "menu:header", "تفصيل"};
  const auto keys = KeysOf([&] { ASSERT_TRUE(store_->SaveMenu(MenuName::kHeader, items, 0, kNow, audit).ok()); });
  EXPECT_EQ(keys, std::vector<std::string>{"global"}) << "every page shows the menus";

  ASSERT_TRUE(store_->GetMenu(MenuName::kHeader, &menu).ok());
  EXPECT_TRUE(menu.saved);
  ASSERT_EQ(menu.items.size(), 3u);
  EXPECT_EQ(menu.items[0].kind, MenuItemKind::kLink);
  EXPECT_EQ(menu.items[0].url, "/");
  EXPECT_EQ(menu.items[0].label, "الرئيسية");
  EXPECT_EQ(menu.items[1].kind, MenuItemKind::kSection);
  EXPECT_EQ(menu.items[1].target, section);
  EXPECT_EQ(menu.items[2].kind, MenuItemKind::kPage);
  EXPECT_EQ(menu.items[2].target, page);
  EXPECT_EQ(menu.items[2].label, "عنّا");

  SiteMenu footer;
  ASSERT_TRUE(store_->GetMenu(MenuName::kFooter, &footer).ok());
  EXPECT_FALSE(footer.saved) << "saving the header leaves the footer as it was";

  std::vector<AuditEntry> log;
  ASSERT_TRUE(store_->ListAudit(0, 10, &log).ok());
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().action, "menu.save");

  // Saved empty stays empty (and saved): the desk removed everything.
  ASSERT_TRUE(store_->SaveMenu(MenuName::kHeader, {}, 0, kNow, audit).ok());
  ASSERT_TRUE(store_->GetMenu(MenuName::kHeader, &menu).ok());
  EXPECT_TRUE(menu.saved);
  EXPECT_TRUE(menu.items.empty());
}

TEST_P(SiteIdentityTest, TheServiceRefusesWhatReadersCouldNotOpenAndSavesNothing) {
  SiteIdentity service(*store_);
  auto users = UserPerRole(*store_, {Role::kAdmin, Role::kChiefEditor, Role::kEditor, Role::kWriter});
  EXPECT_TRUE(SiteIdentity::MayEdit(users[Role::kAdmin]));
  EXPECT_EQ(SiteIdentity::MayEdit(users[Role::kChiefEditor]), Can(Role::kChiefEditor, Action::kManageSettings));
  EXPECT_FALSE(SiteIdentity::MayEdit(users[Role::kEditor]));
  EXPECT_FALSE(SiteIdentity::MayEdit(users[Role::kWriter]));

  Publish("أ", "سياسة");
  const Id draft_page = Page("draft", "مسودة صفحة", ArticleStatus::kDraft);
  const Id article = Publish("ب", "اقتصاد");
  auto refused = [&](std::vector<MenuItem> items) {
    Status st = service.SaveMenu(MenuName::kFooter, items, users[Role::kAdmin].id, kNow);
    EXPECT_TRUE(st.IsInvalid()) << st.message();
    return st.message();
  };
  EXPECT_NE(refused({{MenuItemKind::kLink, 0, "javascript:alert(1)", "خبيث"}}).find("javascript"), std::string::npos);
  EXPECT_NE(refused({{MenuItemKind::kLink, 0, "https://example.com", "  "}}).find("اسمًا"), std::string::npos);
  EXPECT_NE(refused({{MenuItemKind::kSection, 9999, "", ""}}).find("الأقسام"), std::string::npos);
  EXPECT_NE(refused({{MenuItemKind::kPage, draft_page, "", ""}}).find("غير منشورة"), std::string::npos);
  EXPECT_NE(refused({{MenuItemKind::kPage, article, "", ""}}).find("لا صفحة ثابتة"), std::string::npos);
  std::vector<MenuItem> many(21, MenuItem{MenuItemKind::kLink, 0, "/", "أ"});
  EXPECT_NE(refused(many).find("عشرين"), std::string::npos);
  SiteMenu footer;
  ASSERT_TRUE(store_->GetMenu(MenuName::kFooter, &footer).ok());
  EXPECT_FALSE(footer.saved) << "nothing refused is saved";

  ASSERT_TRUE(service
                  .SaveMenu(MenuName::kFooter,
                            {{MenuItemKind::kLink, 0, " https://t.me/qalam ", " تيليغرام "},
                             {MenuItemKind::kSection, SectionId("سياسة"), "", ""}},
                            users[Role::kAdmin].id, kNow)
                  .ok());
  ASSERT_TRUE(store_->GetMenu(MenuName::kFooter, &footer).ok());
  ASSERT_EQ(footer.items.size(), 2u);
  EXPECT_EQ(footer.items[0].url, "https://t.me/qalam") << "kept canonical";
  EXPECT_EQ(footer.items[0].label, "تيليغرام");
  std::vector<AuditEntry> log;
  ASSERT_TRUE(store_->ListAudit(0, 1, &log).ok());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "menu.save");
  EXPECT_EQ(log[0].target, "menu:footer");
  EXPECT_EQ(log[0].detail, "قائمة التذييل، عنصران") << "counted by ICU's plural rules";
  EXPECT_EQ(log[0].user_id, users[Role::kAdmin].id);
}

TEST_P(SiteIdentityTest, TheLogoAndIconMustBeImagesAndTheIconSquare) {
  SiteIdentity service(*store_);
  const Id wide = Image('w', 1200, 300), square = Image('s', 512, 512);
  Settings current;
  ASSERT_TRUE(store_->LoadSettings(&current).ok());
  size_t changed = 0;
  EXPECT_TRUE(service.SaveIdentity(current, {{"logo", "987654"}}, 0, kNow, &changed).IsInvalid());
  Status st = service.SaveIdentity(current, {{"favicon", std::to_string(wide)}}, 0, kNow, &changed);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_NE(st.message().find("مربعة"), std::string::npos) << st.message();
  EXPECT_TRUE(service.SaveIdentity(current, {{"logo", std::to_string(wide)}, {"footer_text", "أ\nب"}}, 0, kNow, &changed)
                  .IsInvalid());
  ASSERT_TRUE(store_->LoadSettings(&current).ok());
  EXPECT_EQ(current.Get("logo"), "") << "nothing saved when one value is refused";

  ASSERT_TRUE(service
                  .SaveIdentity(current,
                                {{"logo", std::to_string(wide)},
                                 {"favicon", std::to_string(square)},
                                 {"footer_text", "جميع الحقوق محفوظة"},
                                 {"site_name", "ليس من هذه الصفحة"}},
                                0, kNow, &changed)
                  .ok());
  EXPECT_EQ(changed, 3u);
  ASSERT_TRUE(store_->LoadSettings(&current).ok());
  EXPECT_EQ(current.Get("logo"), std::to_string(wide));
  EXPECT_EQ(current.Get("favicon"), std::to_string(square));
  EXPECT_EQ(current.Get("footer_text"), "جميع الحقوق محفوظة");
  EXPECT_EQ(current.site_name(), "قلم") << "only the identity's keys";

  IdentityImage logo;
  ASSERT_TRUE(LoadIdentityImage(*store_, current, "logo", 640, &logo));
  EXPECT_EQ(logo.url, "/media/w-640.png");
  EXPECT_EQ(logo.width, 640);
  EXPECT_EQ(logo.height, 160);
  IdentityImage icon;
  ASSERT_TRUE(LoadIdentityImage(*store_, current, "favicon", 180, &icon));
  EXPECT_EQ(icon.url, "/media/s-320.png") << "the smallest size at least 180 wide, not WebP";
  EXPECT_FALSE(LoadIdentityImage(*store_, current, "logo_dark", 640, &logo)) << "none chosen";
}

TEST_P(SiteIdentityTest, ReadersSeeOnlyWhatTheyCanOpen) {
  Publish("أ", "سياسة");
  const Id about = Page("about", "من نحن", ArticleStatus::kPublished);
  const Id draft = Page("draft", "مسودة", ArticleStatus::kDraft);
  // A section with no published article: not in the live list.
  Article unpublished = MakeArticle("ج", "مسودة مقال", kNow);
  unpublished.status = ArticleStatus::kDraft;
  unpublished.section = Section{0, "رياضة", ""};
  SaveArticle(*store_, unpublished);
  std::vector<Section> live;
  ASSERT_TRUE(store_->ListSections(&live).ok());

  std::set<std::string> keys;
  bool saved = true;
  std::vector<MenuLink> links;
  ASSERT_TRUE(ResolveMenu(*store_, MenuName::kHeader, live, &keys, &saved, &links).ok());
  EXPECT_FALSE(saved);
  EXPECT_TRUE(links.empty());

  AuditEntry audit{0, kNow, 0, "", "menu.save", "menu:header", ""};
  ASSERT_TRUE(store_
                  ->SaveMenu(MenuName::kHeader,
                             {{MenuItemKind::kSection, SectionId("سياسة"), "", ""},
                              {MenuItemKind::kSection, SectionId("رياضة"), "", ""},
                              {MenuItemKind::kPage, about, "", ""},
                              {MenuItemKind::kPage, draft, "", ""},
                              {MenuItemKind::kSection, SectionId("سياسة"), "", "السياسة"},
                              {MenuItemKind::kLink, 0, "https://example.com/x", "رابط"}},
                             0, kNow, audit)
                  .ok());
  ASSERT_TRUE(ResolveMenu(*store_, MenuName::kHeader, live, &keys, &saved, &links).ok());
  EXPECT_TRUE(saved);
  ASSERT_EQ(links.size(), 4u) << "the empty section and the draft page are skipped";
  EXPECT_EQ(links[0].name, "سياسة");
  EXPECT_EQ(links[0].url.rfind("/section/", 0), 0u);
  EXPECT_EQ(links[1].name, "من نحن");
  EXPECT_EQ(links[1].url.rfind("/page/", 0), 0u);
  EXPECT_EQ(links[2].name, "السياسة") << "the desk's label over the section's name";
  EXPECT_EQ(links[3].url, "https://example.com/x");
  EXPECT_TRUE(keys.count(keys::Article(about)) && keys.count(keys::Article(draft)))
      << "publishing or unpublishing a named page purges the pages showing the menu";
}

INSTANTIATE_TEST_SUITE_P(Backends, SiteIdentityTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
