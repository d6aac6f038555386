// Corrections and notes, the time on news articles and the breadcrumbs,
// against the real binary: the desk adds a correction with "minor" ticked
// and the page shows it where the editor placed it with its date and time,
// "آخر تحديث" moves, /corrections lists it and is purged when it changes;
// a section's "show the time" setting on the names desk.
#include <regex>
#include <string>
#include <thread>

#include "arabic/dates.h"
#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;  // 2026-01-01 09:00 UTC (12:00 in Riyadh).

class NoticesTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    clock_file_ = dir_.path() + "/clock";
    SetClock(kStart);
    Start("off", {"--clock-file", clock_file_});
    MakeUser("chief_editor", "chief_editor@news.example", "رئيسة التحرير");
  }
  void SetClock(int64_t t) { WriteFile(clock_file_, std::to_string(t)); }
  // Publishes an article in `section`; returns its desk address.
  std::string Publish(Browser& chief, const std::string& section) {
    Reply r = chief.Post("/admin/articles", {{"csrf", DeskCsrf(chief)},
                                             {"version", "0"},
                                             {"action", "publish"},
                                             {"title", "ميزانية المدينة للعام الجديد"},
                                             {"body", "أقرّ المجلس البلدي الميزانية بالإجماع.\n\nوتبدأ المشاريع في مارس."},
                                             {"writer", "هدى الضيفة"},
                                             {"section", section},
                                             {"notice_fields", "1"},
                                             {"notice_kind_0", "correction"},
                                             {"notice_placement_0", "top"},
                                             {"notice_text_0", ""}});
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    const std::string location = r.header("location");
    return location.substr(0, location.find('?'));
  }
  // The editor's form as it stands, every field it shows, with `action`.
  static Form EditForm(const std::string& html, const std::string& action) {
    Form f;
    std::smatch m;
    static const std::regex input("<input type=\"(?:hidden|text|url)\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    static const std::regex area("<textarea name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>");
    static const std::regex select("<select name=\"([^\"]+)\">(.*?)</select>");
    static const std::regex chosen("<option value=\"([^\"]+)\" selected>");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), input); it != std::sregex_iterator(); ++it) {
      f.emplace_back((*it)[1].str(), (*it)[2].str());
    }
    for (auto it = std::sregex_iterator(html.begin(), html.end(), area); it != std::sregex_iterator(); ++it) {
      f.emplace_back((*it)[1].str(), (*it)[2].str());
    }
    // Each select's chosen option.
    for (auto it = std::sregex_iterator(html.begin(), html.end(), select); it != std::sregex_iterator(); ++it) {
      const std::string options = (*it)[2].str();
      std::regex_search(options, m, chosen);
      f.emplace_back((*it)[1].str(), m.empty() ? "" : m[1].str());
    }
    f.emplace_back("action", action);
    return f;
  }
  static std::string& Value(Form& f, const std::string& name) {
    for (auto& [k, v] : f) if (k == name) return v;
    f.emplace_back(name, "");
    return f.back().second;
  }

  std::string clock_file_;
};

TEST_F(NoticesTest, ACorrectionShowsWhereTheEditorPutItMovesTheUpdateAndIsListed) {
  Browser chief = SignedIn("chief_editor@news.example");
  const std::string desk = Publish(chief, "اقتصاد");
  const std::string slug = Field(chief.Get(desk).body, "slug");
  const std::string article = "/article/" + Encode(slug);
  // Cached before: the corrections page says there are none yet.
  ASSERT_TRUE(Shows(Browser(port_).Get("/corrections"), 200, "لا تصحيحات حتى الآن."));
  Reply page = Browser(port_).Get(article);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Has(page.body, "article-notice"));
  EXPECT_TRUE(Has(page.body, "<a href=\"/corrections\">التصحيحات</a>")) << "linked from the footer";

  // Three days later a correction, at the top, with "minor" ticked.
  SetClock(kStart + 3 * 86400);
  Form edit = EditForm(chief.Get(desk).body, "save");
  Value(edit, "notice_kind_0") = "correction";
  Value(edit, "notice_placement_0") = "top";
  Value(edit, "notice_text_0") = "ورد خطأً أن الميزانية **٣٠ مليونًا**، والصحيح ٣ ملايين.";
  edit.emplace_back("minor", "1");
  Reply saved = chief.Post(desk, edit);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);

  const std::string when = "4 يناير 2026، 12:00 م";  // 09:00 UTC in Riyadh.
  page = ReaderUntil(article, [](const Reply& r) { return Has(r.body, "article-notice-correction"); });
  ASSERT_TRUE(Shows(page, 200, "<div class=\"article-notice article-notice-correction\" role=\"note\" aria-label=\"تصحيح\">"));
  EXPECT_TRUE(Has(page.body, "<strong class=\"article-notice-kind\">تصحيح</strong> <time datetime=\"2026-01-04T12:00:00+03:00\">" + when + "</time>"));
  EXPECT_TRUE(Has(page.body, "<strong>٣٠ مليونًا</strong>")) << "the text's Markdown";
  const size_t notice = page.body.find("article-notices-top");
  EXPECT_LT(page.body.find("<h1 class=\"article-title\">"), notice);
  EXPECT_LT(notice, page.body.find("<div class=\"article-body\">")) << "at the top";
  // A correction is never minor: "آخر تحديث" is now.
  EXPECT_TRUE(Has(page.body, "آخر تحديث : <time datetime=\"2026-01-04T12:00:00+03:00\">" + when + "</time>"));
  // Structured data: a CorrectionComment.
  EXPECT_TRUE(Has(page.body, "\"correction\":[{\"@type\":\"CorrectionComment\",\"datePublished\":\"2026-01-04T12:00:00+03:00\","
                             "\"text\":\"ورد خطأً أن الميزانية ٣٠ مليونًا، والصحيح ٣ ملايين.\"}]"))
      << page.body.substr(page.body.find("application/ld+json"), 2000);

  // The corrections page was purged and lists it, linked to the article.
  Reply list = ReaderUntil("/corrections", [](const Reply& r) { return Has(r.body, "article-notice-correction"); });
  ASSERT_TRUE(Shows(list, 200, "<a href=\"" + article + "\">ميزانية المدينة للعام الجديد</a>"));
  EXPECT_TRUE(Has(list.body, "<title>التصحيحات - "));

  // Moved to the bottom (a minor save: the date stays), then an update added.
  SetClock(kStart + 4 * 86400);
  edit = EditForm(chief.Get(desk).body, "save");
  EXPECT_EQ(Value(edit, "notice_at_0"), std::to_string(kStart + 3 * 86400)) << "the notice keeps its date";
  Value(edit, "notice_placement_0") = "bottom";
  edit.emplace_back("minor", "1");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  page = ReaderUntil(article, [](const Reply& r) { return Has(r.body, "article-notices-bottom"); });
  ASSERT_TRUE(Has(page.body, "article-notices-bottom"));
  EXPECT_FALSE(Has(page.body, "article-notices-top"));
  EXPECT_LT(page.body.find("<div class=\"article-body\">"), page.body.find("article-notices-bottom"));
  EXPECT_TRUE(Has(page.body, "<time datetime=\"2026-01-04T12:00:00+03:00\">" + when + "</time>"));
  EXPECT_TRUE(Has(page.body, "آخر تحديث : <time datetime=\"2026-01-04T12:00:00+03:00\">")) << "a minor move";

  // Removed: the corrections page no longer lists it.
  edit = EditForm(chief.Get(desk).body, "save");
  edit.emplace_back("notice_remove_0", "1");
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  list = ReaderUntil("/corrections", [](const Reply& r) { return !Has(r.body, "article-notice-correction"); });
  EXPECT_TRUE(Shows(list, 200, "لا تصحيحات حتى الآن."));
  EXPECT_FALSE(Has(ReaderUntil(article, [](const Reply& r) { return !Has(r.body, "article-notice"); }).body,
                   "article-notice-correction"));
  EXPECT_EQ(Browser(port_).Get("/corrections?page=2").status, 404);
}

TEST_F(NoticesTest, NewsShowsTheTimeAnOpinionSectionMayNotAndBreadcrumbsLeadHome) {
  Browser chief = SignedIn("chief_editor@news.example");
  const std::string desk = Publish(chief, "مقالات الرأي");
  const std::string article = "/article/" + Encode(Field(chief.Get(desk).body, "slug"));
  Reply page = Browser(port_).Get(article);
  ASSERT_TRUE(Shows(page, 200, "<time class=\"article-date\" datetime=\"2026-01-01T12:00:00+03:00\">1 يناير 2026، 12:00 م</time>"));
  // The trail, as the BreadcrumbList names it.
  const std::string section_url = "/section/" + Encode("مقالات-الرأي");
  EXPECT_TRUE(Has(page.body, "<nav class=\"breadcrumbs\" aria-label=\"مسار التصفح\">"));
  std::regex trail("<li><a href=\"/\">الرئيسية</a></li>\\s*<li><a href=\"" + section_url +
                   "\">مقالات الرأي</a></li>\\s*<li aria-current=\"page\">ميزانية المدينة للعام الجديد</li>");
  EXPECT_TRUE(std::regex_search(page.body, trail)) << page.body.substr(page.body.find("breadcrumbs"), 800);
  EXPECT_TRUE(Has(page.body, "\"@type\":\"BreadcrumbList\""));

  // The section's time turned off on the names desk: the date alone.
  Reply names = chief.Get("/admin/names/section");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(names.body, m, std::regex("<a href=\"(/admin/names/section/[0-9]+)\">مقالات الرأي</a>")));
  const std::string edit_url = m[1].str();
  Reply form = chief.Get(edit_url);
  ASSERT_TRUE(Shows(form, 200, "name=\"show_time\" value=\"1\" checked"));
  // A form that did not show the checkbox keeps the setting.
  ASSERT_EQ(chief.Post(edit_url, {{"csrf", Field(form.body, "csrf")}, {"name", "مقالات الرأي"}, {"description", "آراء"}}).status,
            303);
  EXPECT_TRUE(Has(chief.Get(edit_url).body, "name=\"show_time\" value=\"1\" checked"));
  ASSERT_EQ(chief.Post(edit_url, {{"csrf", Field(form.body, "csrf")}, {"name", "مقالات الرأي"}, {"description", ""},
                                  {"show_time_field", "1"}})
                .status,
            303);
  EXPECT_FALSE(Has(chief.Get(edit_url).body, "name=\"show_time\" value=\"1\" checked"));
  page = ReaderUntil(article, [](const Reply& r) { return !Has(r.body, "، 12:00 م"); });
  EXPECT_TRUE(Shows(page, 200, "<time class=\"article-date\" datetime=\"2026-01-01T12:00:00+03:00\">1 يناير 2026</time>"));
  // And on again.
  ASSERT_EQ(chief.Post(edit_url, {{"csrf", Field(form.body, "csrf")}, {"name", "مقالات الرأي"}, {"description", ""},
                                  {"show_time_field", "1"}, {"show_time", "1"}})
                .status,
            303);
  page = ReaderUntil(article, [](const Reply& r) { return Has(r.body, "، 12:00 م"); });
  EXPECT_TRUE(Has(page.body, "1 يناير 2026، 12:00 م"));
}

TEST_F(NoticesTest, ArabicDigitsReachTheNoticeDateAndTime) {
  Browser chief = SignedIn("chief_editor@news.example");
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "digits", "arabic"}).exit_code, 0);
  const std::string desk = Publish(chief, "محليات");
  Form edit = EditForm(chief.Get(desk).body, "save");
  Value(edit, "notice_kind_0") = "editors_note";
  Value(edit, "notice_text_0") = "كُتب هذا المقال قبل جلسة التصويت.";
  ASSERT_EQ(chief.Post(desk, edit).status, 303);
  const std::string article = "/article/" + Encode(Field(chief.Get(desk).body, "slug"));
  Reply page = ReaderUntil(article, [](const Reply& r) { return Has(r.body, "article-notice-editors_note"); });
  EXPECT_TRUE(Shows(page, 200, "<strong class=\"article-notice-kind\">ملاحظة المحرر</strong> <time datetime=\"2026-01-01T12:00:00+03:00\">١ يناير ٢٠٢٦، ١٢:٠٠ م</time>"));
  // An editor's note is not a correction: not listed, no CorrectionComment.
  EXPECT_FALSE(Has(page.body, "CorrectionComment"));
  EXPECT_TRUE(Shows(Browser(port_).Get("/corrections"), 200, "لا تصحيحات حتى الآن."));
}

}  // namespace
}  // namespace qalam::testing
