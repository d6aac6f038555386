// Static pages and pinned articles against the real binary: imported from
// the interchange format, served at /page/{slug} with the footer menu on
// every page, kept out of every reader's list, search and related list,
// pinned articles first on the home page until their pin expires (with an
// injected clock), and both made on the desk by the roles allowed to.
#include "arabic/dates.h"
#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;  // 2026-01-01 09:00 UTC (12:00 in Riyadh).

const char* kLines =
    R"J({"id": "about", "kind": "page", "in_footer": true, "title": "من نحن", "slug": "about-us", "body": "نحن فريق تحرير مستقل يكتب عن الزراعة المائية والصحراء."}
{"id": "privacy", "kind": "page", "in_footer": true, "title": "سياسة الخصوصية", "body": "لا نبيع بياناتك."}
{"id": "hidden", "kind": "page", "title": "صفحة داخلية", "body": "ليست في التذييل."}
{"id": "a1", "title": "الزراعة المائية في الصحراء", "published_at": "2025-12-30T10:00:00Z", "section": "علوم", "tags": ["زراعة"], "body": "الزراعة المائية في الصحراء العربية تنتشر، والزراعة المائية توفر الماء."}
{"id": "a2", "title": "الزراعة المائية تنمو", "published_at": "2025-12-31T10:00:00Z", "section": "علوم", "tags": ["زراعة"], "body": "تنمو الزراعة المائية في المدن والصحراء العربية."}
{"id": "pin-forever", "title": "خبر مثبت دائم", "published_at": "2025-06-01T10:00:00Z", "section": "علوم", "body": "نص الخبر الأول.", "pinned": true}
{"id": "pin-hour", "title": "خبر مثبت لساعة", "published_at": "2025-07-01T10:00:00Z", "section": "علوم", "body": "نص الخبر الثاني.", "pinned": true, "pinned_until": "2026-01-01T10:00:00Z"}
)J";

class PagesPinnedTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    clock_file_ = dir_.path() + "/clock";
    SetClock(kStart);
  }
  void SetClock(int64_t t) { WriteFile(clock_file_, std::to_string(t)); }
  void ImportAndServe() {
    const std::string file = dir_.path() + "/site.jsonl";
    WriteFile(file, kLines);
    CommandResult r = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Start("off", {"--clock-file", clock_file_});
  }
  Reply Page(const std::string& target) { return Browser(port_).Get(target); }

  std::string clock_file_;
};

const std::string kAbout = "/page/about-us";
std::string FooterLink() { return "<a href=\"/page/about-us\">من نحن</a>"; }

TEST_F(PagesPinnedTest, ImportedPagesAreServedAndListedOnlyInTheFooter) {
  ImportAndServe();
  Reply about = Page(kAbout);
  ASSERT_EQ(about.status, 200);
  EXPECT_TRUE(Has(about.body, "<h1 class=\"article-title\">من نحن</h1>"));
  EXPECT_TRUE(Has(about.body, "نحن فريق تحرير مستقل"));
  EXPECT_FALSE(Has(about.body, "<time")) << "no date";
  EXPECT_FALSE(Has(about.body, "comment-form"));
  EXPECT_FALSE(Has(about.body, "موضوعات تهمك"));

  // /article/ of a page and /page/ of an article move permanently.
  Reply moved = Page("/article/about-us");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), kAbout);
  const std::string article = "/article/" + Encode("الزراعة-المائية-في-الصحراء");
  moved = Page("/page/" + Encode("الزراعة-المائية-في-الصحراء"));
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), article);

  // The footer menu, on the home page and an article's, by title.
  const std::string privacy = "<a href=\"/page/" + Encode("سياسة-الخصوصية") + "\">سياسة الخصوصية</a>";
  for (const std::string& target : {std::string("/"), article, kAbout}) {
    Reply r = Page(target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_TRUE(Has(r.body, "<nav class=\"footer-nav\" aria-label=\"صفحات الموقع\">")) << target;
    EXPECT_TRUE(Has(r.body, FooterLink())) << target;
    EXPECT_LT(r.body.find(privacy), r.body.find(FooterLink())) << "by title: س before م";
    EXPECT_FALSE(Has(r.body, "صفحة داخلية")) << target;
  }

  // In no list, search or related list.
  for (const std::string& target : {std::string("/"), std::string("/latest"), "/section/" + Encode("علوم"),
                                    "/tag/" + Encode("زراعة"), article,
                                    "/search?q=" + Encode("الزراعة المائية")}) {
    Reply r = Page(target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_FALSE(Has(r.body, "href=\"/article/about-us\"")) << target;
    EXPECT_EQ(r.body.find("href=\"/page/about-us\""), r.body.rfind("href=\"/page/about-us\""))
        << target << ": only the footer links it";
  }
  Reply api = Page("/api/search?q=" + Encode("فريق تحرير مستقل"));
  ASSERT_EQ(api.status, 200);
  EXPECT_FALSE(Has(api.body, "about-us")) << api.body;
  // The related list of an article sharing the page's words names the other article.
  EXPECT_TRUE(Has(Page(article).body, "الزراعة المائية تنمو"));
}

TEST_F(PagesPinnedTest, PinnedArticlesLeadTheHomePageUntilTheirPinExpires) {
  ImportAndServe();
  Reply home = Page("/");
  ASSERT_EQ(home.status, 200);
  const size_t block = home.body.find("<section class=\"pinned\"");
  const size_t hour = home.body.find("خبر مثبت لساعة");
  const size_t forever = home.body.find("خبر مثبت دائم");
  const size_t newest = home.body.find("الزراعة المائية تنمو");
  ASSERT_NE(block, std::string::npos);
  EXPECT_LT(block, hour);
  EXPECT_LT(hour, forever) << "newest first among the pinned";
  EXPECT_LT(forever, newest) << "then the usual lead";

  // An hour later the pin has expired: the cached page is rendered anew.
  SetClock(kStart + 3601);
  Reply later = Page("/");
  ASSERT_EQ(later.status, 200);
  const size_t block_later = later.body.find("<section class=\"pinned\"");
  ASSERT_NE(block_later, std::string::npos);
  const size_t block_end = later.body.find("</section>", block_later);
  EXPECT_TRUE(Has(later.body.substr(block_later, block_end - block_later), "خبر مثبت دائم"));
  EXPECT_FALSE(Has(later.body.substr(block_later, block_end - block_later), "خبر مثبت لساعة"))
      << "no longer pinned";
}

TEST_F(PagesPinnedTest, OnTheDeskAChiefMakesAFooterPageAndAnEditorPinsHisArticle) {
  Start("off", {"--clock-file", clock_file_});
  for (const char* role : {"writer", "editor", "chief_editor"}) {
    MakeUser(role, std::string(role) + "@news.example", std::string("اسم ") + role);
  }
  Browser chief = SignedIn("chief_editor@news.example");
  Reply fresh = chief.Get("/admin/articles/new?kind=page");
  ASSERT_EQ(fresh.status, 200);
  EXPECT_TRUE(Has(fresh.body, "صفحة ثابتة جديدة"));
  EXPECT_TRUE(Has(fresh.body, "data-kind=\"page\""));
  EXPECT_TRUE(Has(fresh.body, "في قائمة التذييل"));
  const Form page = {{"csrf", DeskCsrf(chief)}, {"version", "0"}, {"action", "publish"},
                     {"kind_fields", "1"}, {"kind", "page"}, {"in_footer", "1"},
                     {"title", "اتصل بنا"}, {"slug", "contact"}, {"body", "راسلونا على البريد."},
                     {"writer", "يُتجاهل"}, {"section", "يُتجاهل"}};
  Reply saved = chief.Post("/admin/articles", page);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  Reply list = chief.Get("/admin/articles?kind=page");
  EXPECT_TRUE(Has(list.body, "اتصل بنا"));
  EXPECT_TRUE(Has(list.body, "صفحة ثابتة · في التذييل"));
  EXPECT_TRUE(Has(list.body, "href=\"/page/contact\""));
  Browser reader(port_);
  Reply contact;
  for (int i = 0; i < 40 && (contact = reader.Get("/page/contact")).status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(contact.status, 200);
  EXPECT_FALSE(Has(contact.body, "يُتجاهل")) << "a page has no byline or section";
  bool in_footer = false;
  for (int i = 0; i < 40 && !(in_footer = Has(reader.Get("/").body, "<a href=\"/page/contact\">اتصل بنا</a>")); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(in_footer) << "the home page was purged (global)";

  // Pages are for chief editors and admins.
  Browser writer = SignedIn("writer@news.example");
  Form by_writer = page;
  for (auto& [k, v] : by_writer) if (k == "csrf") v = DeskCsrf(writer);
  for (auto& [k, v] : by_writer) if (k == "action") v = "save";
  EXPECT_EQ(writer.Post("/admin/articles", by_writer).status, 403);
  Browser editor = SignedIn("editor@news.example");
  EXPECT_FALSE(Has(editor.Get("/admin/articles/new").body, "صفحة ثابتة"));

  // An editor pins his own article until a time; a writer may not pin.
  EXPECT_TRUE(Has(editor.Get("/admin/articles/new").body, "تثبيت في أعلى الصفحة الرئيسية"));
  EXPECT_FALSE(Has(writer.Get("/admin/articles/new").body, "تثبيت في أعلى الصفحة الرئيسية"));
  Form pinned = {{"csrf", DeskCsrf(editor)}, {"version", "0"}, {"action", "publish"},
                 {"pin_fields", "1"}, {"pinned", "1"},
                 {"pinned_until", FormatIsoDateTime(kStart + 7200, "Asia/Riyadh").substr(0, 16)},
                 {"title", "خبر عاجل مثبت"}, {"body", "تفاصيل الخبر."}, {"section", "محليات"}};
  saved = editor.Post("/admin/articles", pinned);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  const std::string desk = saved.header("location").substr(0, saved.header("location").find('?'));
  Reply opened = editor.Get(desk);
  EXPECT_TRUE(Has(opened.body, "name=\"pinned\" value=\"1\" checked"));
  EXPECT_TRUE(Has(opened.body, "value=\"" + FormatIsoDateTime(kStart + 7200, "Asia/Riyadh").substr(0, 16) + "\""));
  bool first = false;
  for (int i = 0; i < 40 && !first; ++i) {
    const std::string body = reader.Get("/").body;
    const size_t block = body.find("<section class=\"pinned\"");
    first = block != std::string::npos && body.find("خبر عاجل مثبت") > block;
    if (!first) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(first);
  Form by_writer_pin = pinned;
  for (auto& [k, v] : by_writer_pin) if (k == "csrf") v = DeskCsrf(writer);
  for (auto& [k, v] : by_writer_pin) if (k == "action") v = "save";
  EXPECT_EQ(writer.Post("/admin/articles", by_writer_pin).status, 403) << "whoever may publish may pin";
  // A pin ending in the past is refused, in Arabic.
  Form past = pinned;
  for (auto& [k, v] : past) if (k == "pinned_until") v = FormatIsoDateTime(kStart - 60, "Asia/Riyadh").substr(0, 16);
  Reply refused = editor.Post("/admin/articles", past);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(Has(refused.body, "اختر وقتًا لانتهاء التثبيت بعد الآن"));
}

}  // namespace
}  // namespace qalam::testing
