// The site's settings on the desk (/admin/settings) against the real binary.
#include "desk_client.h"

namespace qalam::testing {
namespace {

class SettingsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    Start();
    MakeUser("admin", "admin@news.example", "المدير");
    MakeUser("chief_editor", "chief@news.example", "رئيس التحرير");
  }
  Form FormFrom(const Reply& page) {
    Form f{{"csrf", Field(page.body, "csrf")}};
    const std::string body = page.body;
    // The text inputs, with their values.
    static const std::regex input("<input type=\"text\" name=\"([a-z_]+)\" value=\"([^\"]*)\"");
    for (std::sregex_iterator it(body.begin(), body.end(), input), end; it != end; ++it) {
      f.emplace_back((*it)[1].str(), (*it)[2].str());
    }
    return f;
  }
};

TEST_F(SettingsTest, AdminChangesTheSiteNameAndReadersSeeIt) {
  Browser admin = SignedIn("admin@news.example");
  Reply page = admin.Get("/admin/settings");
  ASSERT_TRUE(Shows(page, 200, "اسم الموقع"));
  EXPECT_TRUE(Has(page.body, "<option value=\"levant\""));
  Form f = FormFrom(page);
  for (auto& [k, v] : f) if (k == "site_name") v = "صحيفة الغد";
  f.emplace_back("digits", "arabic");
  Reply saved = admin.Post("/admin/settings", f);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_TRUE(Shows(admin.Get(saved.header("location")), 200, "حُفظت الإعدادات"));
  Reply home;
  for (int i = 0; i < 30 && !Has((home = Browser(port_).Get("/")).body, "صحيفة الغد"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(Has(home.body, "صحيفة الغد"));
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "digits"}).out, "arabic\n");
  EXPECT_TRUE(Has(admin.Get("/admin/audit").body, "settings.change"));
}

TEST_F(SettingsTest, AnInvalidValueSavesNothingAndKeepsWhatWasTyped) {
  Browser admin = SignedIn("admin@news.example");
  Form f = FormFrom(admin.Get("/admin/settings"));
  for (auto& [k, v] : f) {
    if (k == "site_name") v = "اسم جديد";
    if (k == "timezone") v = "Mars/Olympus";
  }
  Reply r = admin.Post("/admin/settings", f);
  EXPECT_TRUE(Shows(r, 400, "«المنطقة الزمنية»"));
  EXPECT_TRUE(Has(r.body, "value=\"Mars/Olympus\""));
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "site_name"}).out, "قلم\n") << "nothing saved";
}

// The publisher's logo names an image of the library: another number is
// refused in Arabic and nothing is saved.
TEST_F(SettingsTest, ThePublisherLogoMustBeAnImageOfTheLibrary) {
  Browser admin = SignedIn("admin@news.example");
  Reply page = admin.Get("/admin/settings");
  ASSERT_TRUE(Shows(page, 200, "شعار الناشر"));
  Form f = FormFrom(page);
  for (auto& [k, v] : f) {
    if (k == "publisher_logo") v = "4242";
  }
  Reply r = admin.Post("/admin/settings", f);
  EXPECT_TRUE(Shows(r, 400, "لا توجد صورة بهذا الرقم في مكتبة الوسائط")) << r.body.substr(0, 3000);
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "publisher_logo"}).out, "\n") << "nothing saved";
  for (auto& [k, v] : f) {
    if (k == "publisher_logo") v = "x1";
  }
  EXPECT_TRUE(Shows(admin.Post("/admin/settings", f), 400, "«شعار الناشر»"));
}

TEST_F(SettingsTest, OnlyAdminsSeeOrChangeSettings) {
  Browser chief = SignedIn("chief@news.example");
  EXPECT_EQ(chief.Get("/admin/settings").status, 403);
  EXPECT_EQ(chief.Post("/admin/settings", {{"csrf", DeskCsrf(chief)}, {"site_name", "x"}}).status, 403);
  Browser admin = SignedIn("admin@news.example");
  EXPECT_EQ(admin.Post("/admin/settings", {{"site_name", "بلا رمز"}}).status, 403) << "no anti-forgery token";
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "site_name"}).out, "قلم\n");
}

}  // namespace
}  // namespace qalam::testing
