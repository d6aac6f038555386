// The digits setting reaches every number a reader or the desk sees: every
// page of a site whose own text has no digit is rendered under "arabic" and
// under "western", and its visible text must hold no digit of the other
// kind. Addresses, form values and code are not text a person reads as a
// number (they stay as machines need them), so only text nodes count, and
// <script>, <style>, <textarea>, <code> and <pre> are left out.
#include <chrono>
#include <regex>
#include <thread>
#include <string>
#include <vector>

#include "desk_client.h"

namespace qalam::testing {
namespace {

// Shown as they are on purpose: the digits setting's own choices name an
// example in each kind of digits («غربية (15)»، «هندية (١٥)»), and the
// audit log quotes them when the setting changes.
const std::vector<std::string> kAsWritten = {"غربية (15)", "هندية (١٥)"};

std::string VisibleText(std::string html) {
  static const std::regex hidden("<(script|style|textarea|code|pre)\\b[^>]*>[\\s\\S]*?</\\1>", std::regex::icase);
  static const std::regex tag("<[^>]*>");
  html = std::regex_replace(html, hidden, " ");
  html = std::regex_replace(html, tag, " ");
  for (const std::string& allowed : kAsWritten) {
    for (size_t at; (at = html.find(allowed)) != std::string::npos;) html.erase(at, allowed.size());
  }
  return html;
}

// Each digit of the kind that should not be there, with what surrounds it.
std::vector<std::string> WrongDigits(const std::string& text, bool arabic) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = text[i];
    // ٠ to ٩ are U+0660..U+0669: D9 A0..A9.
    const bool latin = c >= '0' && c <= '9';
    const bool indic = c == 0xD9 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xA0 &&
                       static_cast<unsigned char>(text[i + 1]) <= 0xA9;
    if (arabic ? latin : indic) {
      const size_t from = i > 40 ? i - 40 : 0;
      out.push_back(text.substr(from, 80));
      i += 40;
    }
  }
  return out;
}

class DigitsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    // A site whose own words hold no digit, so that any digit on a page is
    // one Qalam wrote: the welcome article about digits goes back to draft.
    std::string lines =
        R"({"id": "qalam-welcome-4", "title": "التاريخ والأرقام وإعدادات الموقع", "status": "draft", "body": "نص بلا أرقام."})"
        "\n";
    const char* words[] = {"السلام", "الاقتصاد", "المدينة", "النهر", "الجامعة", "المكتبة"};
    for (int i = 0; i < 14; ++i) {
      const std::string w = words[i % 6];
      const std::string id = std::string("d") + static_cast<char>('a' + i);
      std::string line = R"({"id": ")" + id + R"(", "title": "خبر عن )" + w + R"( والناس", "status": "published", )" +
                         R"("date": "2026-11-)" + (i < 9 ? "0" : "") + std::to_string(i + 1) + R"(T10:00:00+03:00", )" +
                         R"("section": ")" + (i % 2 ? "اقتصاد" : "سياسة") + R"(", "tags": ["وسم )" + w + R"("], )" +
                         R"("writer": "كاتب )" + (i % 2 ? "ثان" : "أول") + R"(", "source": {"name": "وكالة الأنباء"}, )" +
                         R"("highlights": ["نقطة عن )" + w + R"("], "body": "نص عن )" + w + R"( في المدينة.")";
      if (i == 0) {
        line += R"(, "notices": [{"kind": "correction", "text": "صُحّح اسم المدينة.", "date": "2026-11-02T09:30:00+03:00"}])";
        line += R"(, "comments": [{"id": "c1", "name": "قارئ", "email": "r@example.org", "body": "تعليق بلا أرقام.", "state": "approved", "created_at": "2026-11-02T08:00:00+03:00"}])";
      }
      lines += line + "}\n";
    }
    const std::string file = dir_.path() + "/digits.jsonl";
    WriteFile(file, lines);
    CommandResult r = RunQalam({"import", "--data", data_, file});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(RunQalam({"settings", "--data", data_, "page_size", "5"}).exit_code, 0);
    ASSERT_EQ(RunQalam({"breaking", "add", "--data", data_, "خبر عاجل بلا أرقام"}).exit_code, 0);
    StartWithUser("admin", "مريم");
  }

  void SetDigits(const std::string& digits) {
    ASSERT_EQ(RunQalam({"settings", "--data", data_, "digits", digits}).exit_code, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // The server's 250 ms poll purges the pages.
  }

  // Every reader's page and every desk page, as their visible text.
  void Check(bool arabic) {
    Browser admin = SignedIn("admin@news.example");
    Browser reader = NewBrowser();
    // An article and its desk pages, found from the lists.
    const std::string latest = reader.Get("/latest").body;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(latest, m, std::regex("href=\"(/article/[^\"]+)\"")));
    const std::string desk = admin.Get("/admin/articles").body;
    std::smatch d;
    ASSERT_TRUE(std::regex_search(desk, d, std::regex("href=\"(/admin/articles/[0-9]+)\"")));
    const std::vector<std::string> reader_pages = {
        "/", "/latest", "/latest?page=2", m[1].str(), "/section/سياسة", "/section/سياسة?page=2",
        "/tag/وسم-المدينة", "/writer/كاتب-أول", "/source/وكالة-الأنباء", "/search?q=المدينة",
        "/search?q=المدينة&page=2", "/corrections", "/no-such-page"};
    const std::vector<std::string> desk_pages = {
        "/admin", "/admin/articles", d[1].str(), d[1].str() + "/history", "/admin/audit", "/admin/comments",
        "/admin/comments?state=approved", "/admin/media", "/admin/names/person", "/admin/names/section",
        "/admin/names/tag", "/admin/breaking", "/admin/home", "/admin/settings", "/admin/accounts",
        "/admin/terms", "/admin/articles/new"};
    for (const auto& [pages, who] : {std::pair{reader_pages, &reader}, std::pair{desk_pages, &admin}}) {
      for (const std::string& path : pages) {
        Reply r = who->Get(path);
        EXPECT_TRUE(r.status == 200 || (path == "/no-such-page" && r.status == 404)) << path << " " << r.status;
        for (const std::string& wrong : WrongDigits(VisibleText(r.body), arabic)) {
          ADD_FAILURE() << (arabic ? "a Latin digit" : "an Arabic-Indic digit") << " on " << path << ": …" << wrong << "…";
        }
      }
    }
  }
};

TEST_F(DigitsTest, ArabicIndicDigitsReachEveryNumberOnEveryPage) {
  SetDigits("arabic");
  Check(true);
}

TEST_F(DigitsTest, WesternDigitsLeaveNoArabicIndicDigitBehind) {
  SetDigits("western");
  Check(false);
}

}  // namespace
}  // namespace qalam::testing
