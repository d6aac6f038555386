// The site's identity on the desk (/admin/identity) against the real
// binary: admins only, the anti-forgery token, bad addresses refused in
// Arabic with nothing saved, the menus and the logo, icon and footer line
// on the reader's pages once saved (cached pages purged), and a site never
// edited showing what it always showed.
#include <fstream>
#include <iterator>
#include <regex>

#include "desk_client.h"

namespace qalam::testing {
namespace {

const std::string kLines =
    R"J({"id": "e1", "title": "الميناء الجديد يستقبل أول سفينة", "published_at": "2026-12-01T10:00:00Z", "section": "اقتصاد", "body": "نص الميناء."}
{"id": "p1", "title": "البرلمان يقر الميزانية", "published_at": "2026-12-03T10:00:00Z", "section": "سياسة", "body": "نص الميزانية."}
{"id": "about", "kind": "page", "title": "من نحن", "published_at": "2026-11-01T10:00:00Z", "body": "نحن صحيفة.", "in_footer": true}
)J";

// `form` with `name` set to `value` (replaced where it is, else added).
Form With(Form form, const std::string& name, const std::string& value) {
  for (auto& [k, v] : form) {
    if (k == name) {
      v = value;
      return form;
    }
  }
  form.emplace_back(name, value);
  return form;
}

Form Without(Form form, const std::string& name) {
  std::erase_if(form, [&](const auto& field) { return field.first == name; });
  return form;
}

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(QALAM_SOURCE_DIR) + "/tests/fixtures/wordpress/uploads/" + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class SiteIdentityTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    const std::string file = dir_.path() + "/site.jsonl";
    WriteFile(file, kLines);
    CommandResult r = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start();
    for (const char* role : {"admin", "chief_editor", "editor"}) {
      MakeUser(role, std::string(role) + "@news.example", std::string("اسم ") + role);
    }
  }
  Browser As(const std::string& role) { return SignedIn(role + "@news.example"); }
  Reply Reader(const std::string& target) { return Browser(port_).Get(target); }
  // `target` once it shows (or no longer shows) `text`: the server purges
  // its cache on its next tick after a change; given up after three seconds.
  std::string Showing(const std::string& target, const std::string& text, bool shown = true) {
    std::string body;
    for (int i = 0; i < 60 && Has(body = Reader(target).body, text) != shown; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return body;
  }
  static std::string Header(const std::string& page) {
    const size_t start = page.find("<header class=\"site-header\">");
    return page.substr(start, page.find("</header>", start) - start);
  }
  static std::string Footer(const std::string& page) {
    const size_t start = page.find("<footer class=\"site-footer\">");
    return page.substr(start, page.find("</footer>", start) - start);
  }
  static std::string OptionId(const std::string& page, const std::string& name) {
    std::smatch m;
    return std::regex_search(page, m, std::regex("<option value=\"([0-9]+)\">" + name + "</option>")) ? m[1].str() : "";
  }
  // Uploads a fixture to the library as `b`; the new image's number.
  std::string Upload(Browser& b, const std::string& fixture, const std::string& mime) {
    const std::string boundary = "----qalamtestIdentity";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + DeskCsrf(b) + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nصورة\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\nContent-Type: " + mime +
            "\r\n\r\n" + Fixture(fixture) + "\r\n--" + boundary + "--\r\n";
    Reply up = b.Send("POST", "/admin/media", body, {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    EXPECT_EQ(up.status, 303) << up.body.substr(0, 1000);
    std::smatch m;
    const std::string page = b.Get("/admin/identity").body;
    // The library's newest first: the first image option after «بلا».
    return std::regex_search(page, m, std::regex("<option value=\"\"[^>]*>بلا</option><option value=\"([0-9]+)\"")) ? m[1].str()
                                                                                                                  : "";
  }
};

TEST_F(SiteIdentityTest, OnlyAdminsEditIt) {
  for (const char* role : {"chief_editor", "editor"}) {
    Browser b = As(role);
    EXPECT_TRUE(Shows(b.Get("/admin/identity"), 403, "هوية الموقع لمدير الموقع فقط")) << role;
    EXPECT_FALSE(Has(b.Get("/admin").body, "href=\"/admin/identity\"")) << role;
    EXPECT_EQ(b.Post("/admin/identity", {{"csrf", DeskCsrf(b)}, {"menu", "header"}, {"count", "0"}, {"op", "save"}}).status,
              403)
        << role;
  }
  Browser admin = As("admin");
  EXPECT_TRUE(Shows(admin.Get("/admin/identity"), 200, "قائمة الرأس"));
  EXPECT_TRUE(Has(admin.Get("/admin").body, "href=\"/admin/identity\"")) << "linked from the desk's navigation";
  EXPECT_TRUE(RedirectsTo(Reader("/admin/identity"), "/admin/login"));
}

TEST_F(SiteIdentityTest, ANeverEditedSiteShowsWhatItAlwaysShowed) {
  const std::string home = Reader("/").body;
  const std::string header = Header(home), footer = Footer(home);
  EXPECT_TRUE(Has(header, "<a href=\"/\">الرئيسية</a>") && Has(header, "<a href=\"/latest\">الأحدث</a>"));
  EXPECT_TRUE(Has(header, ">اقتصاد</a>") && Has(header, ">سياسة</a>"));
  EXPECT_TRUE(Has(footer, ">من نحن</a>") && Has(footer, "<a href=\"/corrections\">التصحيحات</a>"));
  EXPECT_TRUE(Has(home, "<a class=\"site-name\" href=\"/\">قلم</a>")) << "no logo: the name";
  EXPECT_TRUE(std::regex_search(home, std::regex("<link rel=\"icon\" href=\"/assets/icon[^\"]*\\.svg\" type=\"image/svg\\+xml\">")));
  EXPECT_FALSE(Has(home, "apple-touch-icon"));
  EXPECT_FALSE(Has(home, "footer-text"));

  // The desk starts from the same menus.
  Browser admin = As("admin");
  const std::string desk = admin.Get("/admin/identity").body;
  EXPECT_TRUE(Has(desk, "name=\"url_0\" value=\"/\"") && Has(desk, "name=\"url_1\" value=\"/latest\""));
  EXPECT_TRUE(Has(desk, "value=\"/corrections\""));
}

TEST_F(SiteIdentityTest, MenusAreBuiltCheckedSavedAndShownOnEveryPage) {
  Browser admin = As("admin");
  const std::string desk = admin.Get("/admin/identity").body;
  const std::string politics = OptionId(desk, "سياسة"), about = OptionId(desk, "من نحن");
  ASSERT_FALSE(politics.empty() || about.empty()) << desk.substr(0, 3000);
  const std::string article = "/article/" + Encode(std::string("البرلمان-يقر-الميزانية"));
  ASSERT_TRUE(Has(Header(Reader(article).body), "الأحدث"));  // Cached now.

  Form header = {{"csrf", DeskCsrf(admin)}, {"menu", "header"},       {"count", "3"},
                 {"kind_0", "section"},     {"target_0", politics},   {"label_0", "السياسة اليوم"},
                 {"kind_1", "link"},        {"url_1", "https://t.me/qalam_news"}, {"label_1", "قناتنا"},
                 {"kind_2", "page"},        {"target_2", about},      {"label_2", ""},
                 {"op", "save"}};
  // No token: refused, nothing saved.
  EXPECT_EQ(admin.Post("/admin/identity", Without(header, "csrf")).status, 403);
  // Addresses a reader's click must not run: refused in Arabic, nothing saved.
  for (const char* bad : {"javascript:alert(1)", "data:text/html;base64,PGI+", "//evil.example/x", "https://x.example/a b"}) {
    Reply r = admin.Post("/admin/identity", With(header, "url_1", bad));
    EXPECT_TRUE(Shows(r, 400, "الرابط «قناتنا»")) << bad;
  }
  EXPECT_TRUE(Shows(admin.Post("/admin/identity", With(header, "label_1", " ")), 400, "اكتب اسمًا للرابط"));
  EXPECT_TRUE(Has(Header(Reader("/").body), "الأحدث")) << "nothing was saved";
  EXPECT_FALSE(Has(admin.Get("/admin/audit").body, "حفظ القائمة"));

  // Moving without saving answers the page with the edited menu.
  Reply edited = admin.Post("/admin/identity", With(header, "op", "down:0"));
  EXPECT_TRUE(Shows(edited, 200, "عُدّلت القائمة ولم تُحفظ بعد"));
  EXPECT_TRUE(Has(edited.body, "name=\"url_0\" value=\"https://t.me/qalam_news\"")) << "the link moved up";
  EXPECT_TRUE(Shows(admin.Post("/admin/identity",
                               With(With(With(header, "op", "add_link"), "link_label", "اتصل بنا"), "link_url",
                                    "javascript:void(0)")),
                    400, "javascript"));

  EXPECT_TRUE(RedirectsTo(admin.Post("/admin/identity", header), "/admin/identity?done=header#menu-header"));
  // The article's cached page is purged and shows the new header.
  const std::string page = Showing(article, "قناتنا");
  const std::string shown = Header(page);
  EXPECT_TRUE(Has(shown, ">السياسة اليوم</a>"));
  EXPECT_TRUE(Has(shown, "<a href=\"https://t.me/qalam_news\">قناتنا</a>"));
  EXPECT_TRUE(Has(shown, ">من نحن</a>"));
  EXPECT_LT(shown.find("السياسة اليوم"), shown.find("قناتنا")) << "in the desk's order";
  EXPECT_LT(shown.find("قناتنا"), shown.find("من نحن"));
  EXPECT_FALSE(Has(shown, "الأحدث")) << "a saved menu replaces the default one";
  EXPECT_FALSE(Has(shown, ">اقتصاد</a>"));
  EXPECT_TRUE(Has(Footer(page), "التصحيحات")) << "the footer was not saved, it stays as it was";
  EXPECT_TRUE(Has(admin.Get("/admin/audit").body, "حفظ القائمة: قائمة الرأس، 3 عناصر"));

  // The footer: emptied but for one link.
  Form footer = {{"csrf", DeskCsrf(admin)}, {"menu", "footer"}, {"count", "1"}, {"kind_0", "link"},
                 {"url_0", "/page/" + Encode(std::string("من-نحن"))}, {"label_0", "عن الصحيفة"}, {"op", "save"}};
  EXPECT_TRUE(RedirectsTo(admin.Post("/admin/identity", footer), "/admin/identity?done=footer#menu-footer"));
  const std::string footer_shown = Footer(Showing("/", "عن الصحيفة"));
  EXPECT_TRUE(Has(footer_shown, ">عن الصحيفة</a>"));
  EXPECT_FALSE(Has(footer_shown, "التصحيحات"));
  EXPECT_FALSE(Has(footer_shown, ">من نحن</a>"));
}

TEST_F(SiteIdentityTest, LogoIconAndFooterLine) {
  Browser admin = As("admin");
  const std::string wide = Upload(admin, "2026/09/riyadh-skyline-1024x683.jpg", "image/jpeg");
  ASSERT_FALSE(wide.empty());
  const std::string square = Upload(admin, "2026/08/newsroom-logo.png", "image/png");
  ASSERT_FALSE(square.empty());
  ASSERT_NE(wide, square);

  Form form = {{"csrf", DeskCsrf(admin)}, {"form", "identity"}, {"logo", square}, {"logo_dark", ""},
               {"favicon", wide},        {"footer_text", "جميع الحقوق محفوظة لـقلم"}};
  EXPECT_TRUE(Shows(admin.Post("/admin/identity", form), 400, "مربعة")) << "a wide picture is no icon";
  form = With(form, "favicon", "999999");
  EXPECT_TRUE(Shows(admin.Post("/admin/identity", form), 400, "مكتبة الوسائط"));
  EXPECT_FALSE(Has(Reader("/").body, "جميع الحقوق محفوظة")) << "nothing was saved";

  form = With(With(With(form, "favicon", square), "logo", wide), "logo_dark", square);
  EXPECT_TRUE(RedirectsTo(admin.Post("/admin/identity", form), "/admin/identity?done=identity"));
  const std::string home = Showing("/", "جميع الحقوق محفوظة لـقلم");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      home, m,
      std::regex("<a class=\"site-name site-logo\" href=\"/\"><picture><source media=\"\\(prefers-color-scheme: "
                 "dark\\)\" srcset=\"(/media/[^\"]+\\.png)\" width=\"([0-9]+)\" height=\"([0-9]+)\"><img "
                 "src=\"(/media/[^\"]+\\.jpg)\" width=\"([0-9]+)\" height=\"([0-9]+)\" alt=\"قلم\"></picture></a>")))
      << Header(home);
  EXPECT_EQ(Reader(m[4].str()).status, 200) << "the logo is served";
  EXPECT_EQ(Reader(m[1].str()).status, 200) << "the dark logo too, for a reader's dark scheme";
  EXPECT_EQ(m[2].str(), m[3].str()) << "the dark logo is the square one, with its own size";
  EXPECT_TRUE(std::regex_search(home, std::regex("<link rel=\"icon\" href=\"/media/[^\"]+\\.png\" type=\"image/png\">")));
  EXPECT_TRUE(std::regex_search(home, std::regex("<link rel=\"apple-touch-icon\" href=\"/media/[^\"]+\\.png\">")));
  const std::string footer = Footer(home);
  EXPECT_LT(footer.find("جميع الحقوق محفوظة لـقلم"), footer.find("يعمل بمنصة قلم"));
  const std::string audit = admin.Get("/admin/audit").body;
  EXPECT_TRUE(Has(audit, "«الشعار»") && Has(audit, "«أيقونة الموقع»") && Has(audit, "«نص التذييل»"))
      << "each change in the audit log, named in Arabic";
  EXPECT_TRUE(std::regex_search(audit, std::regex("<a href=\"/admin/identity\">[^<]*«الشعار»")))
      << "linked to the page that sets it";

  // Cleared: the name and the theme's icon again.
  form = {{"csrf", DeskCsrf(admin)}, {"form", "identity"}, {"logo", ""}, {"logo_dark", ""}, {"favicon", ""},
          {"footer_text", ""}};
  EXPECT_TRUE(RedirectsTo(admin.Post("/admin/identity", form), "/admin/identity?done=identity"));
  const std::string cleared = Showing("/", "جميع الحقوق محفوظة", false);
  EXPECT_TRUE(Has(cleared, "<a class=\"site-name\" href=\"/\">قلم</a>"));
  EXPECT_FALSE(Has(cleared, "apple-touch-icon"));
}

}  // namespace
}  // namespace qalam::testing
