// The breaking-news desk (/admin/breaking) and the names desk (/admin/names)
// against the real binary: what a chief editor does reaches the reader's
// pages within the change-key poll, renamed things move with a 301, and
// writers, forged forms and bad input change nothing.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <memory>
#include <regex>
#include <thread>

#include "core/text.h"
#include "server_process.h"

namespace qalam::testing {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using Form = std::vector<std::pair<std::string, std::string>>;

const std::string kPassword = "kalimat-sirr-2024";
const std::string kRtl = "<html lang=\"ar\" dir=\"rtl\">";
const std::string kBadLink = "الرابط غير صالح";

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
std::string Repeat(const std::string& s, int n) {
  std::string out;
  while (n-- > 0) out += s;
  return out;
}

// The value of an input in a page.
std::string Field(const std::string& html, const std::string& name) {
  std::smatch m;
  return std::regex_search(html, m, std::regex("name=\"" + name + "\" value=\"([^\"]*)\"")) ? m[1].str() : "";
}

struct Reply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // Lower-case names.
  std::string body;
  std::string header(const std::string& name) const { return headers.count(name) ? headers.find(name)->second : ""; }
};

::testing::AssertionResult Shows(const Reply& r, int status, const std::string& text) {
  if (r.status == status && Has(r.body, text)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "wanted " << status << " showing \"" << text << "\", got " << r.status
                                       << ":\n" << r.body.substr(0, 4000);
}
::testing::AssertionResult RedirectsTo(const Reply& r, const std::string& location) {
  if (r.status == 303 && r.header("location") == location) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "wanted 303 to " << location << ", got " << r.status << " to \""
                                       << r.header("location") << "\":\n" << r.body.substr(0, 4000);
}

// One browser: keeps the cookies it is given, sends Host as browsers do.
class Browser {
 public:
  explicit Browser(int port) : port_(port) {}
  std::map<std::string, std::string> jar;

  Reply Get(const std::string& target) { return Send("GET", target, ""); }
  Reply Post(const std::string& target, const Form& form) {
    std::string body;
    for (const auto& [k, v] : form) body += (body.empty() ? "" : "&") + Encode(k) + "=" + Encode(v);
    return Send("POST", target, body);
  }

 private:
  Reply Send(const std::string& method, const std::string& target, const std::string& body) {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(20));
    stream.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)});
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
    std::string cookie;
    for (const auto& [k, v] : jar) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    if (method == "POST") req.set(http::field::content_type, "application/x-www-form-urlencoded");
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    Reply out{static_cast<int>(res.result_int()), {}, res.body()};
    for (const auto& f : res) out.headers.emplace(AsciiLower(std::string(f.name_string())), std::string(f.value()));
    for (auto [it, end] = out.headers.equal_range("set-cookie"); it != end; ++it) {
      const size_t eq = it->second.find('='), semi = it->second.find(';');
      const std::string name = it->second.substr(0, eq), value = it->second.substr(eq + 1, semi - eq - 1);
      if (value.empty() || Has(it->second, "Max-Age=0")) jar.erase(name); else jar[name] = value;
    }
    return out;
  }
  int port_;
};

// Three articles: one writer with a bio, a source, a section and tags.
const char* kArticles =
    R"({"id": "desk-1", "slug": "desk-one", "title": "مقال المكتب الأول", "published_at": "2024-03-01T10:00:00+03:00", "writer": {"name": "كاتب المكتب", "bio": "نبذة أولى عن كاتب المكتب"}, "source": {"name": "صحيفة المكتب", "url": "https://example.org/"}, "section": "قسم المكتب", "tags": ["وسم قديم", "وسم ثان"], "body": "فقرة أولى."})" "\n"
    R"({"id": "desk-2", "slug": "desk-two", "title": "مقال المكتب الثاني", "published_at": "2024-03-02T10:00:00+03:00", "writer": "كاتب المكتب", "section": "قسم المكتب", "tags": ["وسم قديم"], "body": "فقرة ثانية."})" "\n"
    R"({"id": "desk-3", "slug": "desk-three", "title": "مقال المكتب الثالث", "published_at": "2024-03-03T10:00:00+03:00", "writer": "كاتبة أخرى", "tags": ["وسم ثالث"], "body": "فقرة ثالثة."})" "\n";

class DeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    ASSERT_EQ(RunQalam({"settings", "--data", data_, "timezone", "Asia/Dubai"}).exit_code, 0);
    const std::string file = dir_.path() + "/desk.jsonl";
    WriteFile(file, kArticles);
    CommandResult import = RunQalam({"import", "--data", data_, "--strict", file});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    server_ = std::make_unique<ServerProcess>(data_);
    port_ = server_->port();
  }

  // An account made with `qalam user add` and its one-time link; signed in.
  Browser SignedIn(const std::string& role) {
    const std::string email = role + "@news.example";
    CommandResult add = RunQalam({"user", "add", "--data", data_, "--role", role, "--email", email, "--name", "سلمى"});
    EXPECT_EQ(add.exit_code, 0) << add.err;
    const std::string marker = "/admin/set-password?token=";
    const size_t at = add.out.find(marker);
    EXPECT_NE(at, std::string::npos) << add.out;
    const std::string token = add.out.substr(at + marker.size(), add.out.find_first_of(" \r\n", at) - at - marker.size());
    Browser b(port_);
    const std::string link_csrf = Field(b.Get("/admin/set-password?token=" + token).body, "csrf");
    EXPECT_TRUE(RedirectsTo(b.Post("/admin/set-password", {{"csrf", link_csrf}, {"token", token}, {"password", kPassword}}),
                            "/admin"));  // Setting the password signed the browser in.
    return b;
  }
  static std::string Csrf(Browser& b) { return Field(b.Get("/admin").body, "csrf"); }

  // Polls a reader's page (the server reads change keys every 250 ms).
  bool Eventually(const std::string& target, const std::function<bool(const HttpResult&)>& pred,
                  int ms = 3000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    do {
      if (pred(Get(port_, target))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
  }
  // What readers' pages show in the ticker, as /live/breaking.json (and
  // the /live stream) carries it: a breaking change purges no page.
  static bool TickerHolds(const HttpResult& r, const std::string& text, const std::string* link) {
    if (r.status != 200) return false;
    const auto doc = nlohmann::json::parse(r.body, nullptr, false);
    if (doc.is_discarded()) return false;
    for (const auto& item : doc["items"]) {
      if (item["text"] != text) continue;
      if (!link) return true;
      return link->empty() ? item["link"].is_null() : item["link"] == *link;
    }
    return false;
  }
  bool TickerShows(const std::string& text) {
    return Eventually("/live/breaking.json", [&](const HttpResult& r) { return TickerHolds(r, text, nullptr); });
  }
  bool TickerShows(const std::string& text, const std::string& link) {
    return Eventually("/live/breaking.json", [&](const HttpResult& r) { return TickerHolds(r, text, &link); });
  }
  bool TickerLacks(const std::string& text) {
    return Eventually("/live/breaking.json",
                      [&](const HttpResult& r) { return r.status == 200 && !TickerHolds(r, text, nullptr); });
  }
  // `qalam breaking list --all`: what the store holds, whatever the desk says.
  std::string StoredBreaking() {
    CommandResult r = RunQalam({"breaking", "list", "--all", "--data", data_});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // The id of the desk's breaking item showing exactly `text` ("" if none).
  static std::string ItemId(const std::string& page, const std::string& text) {
    std::smatch m;
    std::regex re("id=\"breaking-([0-9]+)\">\\s*<p class=\"breaking-desk-text\">" + text + "</p>");
    return std::regex_search(page, m, re) ? m[1].str() : "";
  }
  // Adds an item as `b`; its id.
  std::string Add(Browser& b, const std::string& text, const Form& more = {}) {
    Form form = {{"csrf", Csrf(b)}, {"text", text}};
    form.insert(form.end(), more.begin(), more.end());
    EXPECT_TRUE(RedirectsTo(b.Post("/admin/breaking/add", form), "/admin/breaking?done=added"));
    const std::string id = ItemId(b.Get("/admin/breaking").body, text);
    EXPECT_FALSE(id.empty()) << text;
    return id;
  }
  // The desk's link to edit the named thing called `name`, from its list page.
  std::string EditUrl(Browser& b, const std::string& kind, const std::string& name) {
    Reply list = b.Get("/admin/names/" + kind);
    std::smatch m;
    std::regex re("<a href=\"(/admin/names/" + kind + "/[0-9]+)\">" + name + "</a>");
    EXPECT_TRUE(std::regex_search(list.body, m, re)) << name << "\n" << list.body.substr(0, 4000);
    return m.empty() ? "" : m[1].str();
  }
  // The public address the names list links to for `name`, percent-encoded.
  std::string PublicUrl(Browser& b, const std::string& kind, const std::string& name) {
    Reply list = b.Get("/admin/names/" + kind + "?q=" + Encode(name));
    std::smatch m;
    std::regex re(">" + name + "</a></td><td>[0-9]+</td><td><a href=\"([^\"]+)\"");
    EXPECT_TRUE(std::regex_search(list.body, m, re)) << name << "\n" << list.body.substr(0, 4000);
    return m.empty() ? "" : m[1].str();
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

TEST_F(DeskTest, ChiefEditorAddsABreakingItemAndReadersGetItWithinSeconds) {
  const std::string text = "عاجل: افتتاح مكتب التحرير الجديد";
  ASSERT_TRUE(TickerLacks(text));
  Browser chief = SignedIn("chief_editor");
  Reply desk = chief.Get("/admin/breaking");
  EXPECT_TRUE(Shows(desk, 200, "خبر عاجل جديد") && Has(desk.body, kRtl));
  EXPECT_TRUE(Has(desk.body, "أُنشئ موقعك الجديد على قلم"));  // The item `qalam init` added.
  EXPECT_EQ(desk.header("cache-control"), "no-store");
  const auto start = std::chrono::steady_clock::now();
  Reply added = chief.Post("/admin/breaking/add", {{"csrf", Csrf(chief)}, {"text", "  " + text + " "}, {"link", "/article/desk-one"}});
  ASSERT_TRUE(RedirectsTo(added, "/admin/breaking?done=added"));
  EXPECT_TRUE(TickerShows(text, "/article/desk-one"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
  HttpResult article = Get(port_, "/article/desk-one");  // On every page, and still cacheable.
  EXPECT_TRUE(Has(article.body, text));
  EXPECT_EQ(article.header("cache-control"),
            "public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400");
  EXPECT_EQ(article.header("set-cookie"), "");
  Reply page = chief.Get("/admin/breaking?done=added");
  EXPECT_TRUE(Shows(page, 200, "أُضيف الخبر إلى الشريط."));
  EXPECT_FALSE(ItemId(page.body, text).empty());  // Trimmed.
  EXPECT_TRUE(Has(page.body, "يبقى حتى يُحذف"));
  EXPECT_TRUE(Has(StoredBreaking(), text));
  // The audit log names who did it.
  Reply audit = SignedIn("admin").Get("/admin/audit");
  EXPECT_TRUE(Has(audit.body, "data-action=\"breaking.add\"")) << audit.body.substr(0, 4000);
  EXPECT_TRUE(Has(audit.body, "<a href=\"/admin/breaking\">إضافة خبر عاجل: «" + text + "».</a>")) << audit.body.substr(0, 4000);
}

// The desk schedules an item, marks one urgent (first in readers' ticker)
// and links one to a published article chosen from a list; an edit
// changes all three; refusals keep what was typed.
TEST_F(DeskTest, TheDeskSchedulesMarksUrgentAndLinksAnArticle) {
  Browser chief = SignedIn("chief_editor");
  Reply desk = chief.Get("/admin/breaking");
  EXPECT_TRUE(Has(desk.body, "<input type=\"datetime-local\" name=\"starts\" value=\"\">"));
  EXPECT_TRUE(Has(desk.body, "<input type=\"checkbox\" name=\"urgent\"> عاجل جدًا"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(desk.body, m, std::regex("<option value=\"([0-9]+)\">مقال المكتب الثاني</option>")))
      << desk.body.substr(0, 6000);
  const std::string article = m[1].str();

  // Scheduled: on the desk with its start, not yet for readers.
  const std::string scheduled = Add(chief, "خبر مجدول من المكتب", {{"starts", "2099-01-02T03:04"}});
  Reply page = chief.Get("/admin/breaking");
  EXPECT_TRUE(Has(page.body, "is-scheduled\" id=\"breaking-" + scheduled + "\""));
  EXPECT_TRUE(Has(page.body, "يبدأ في <time datetime=\"2099-01-02T03:04:00+04:00\">")) << page.body.substr(0, 8000);
  EXPECT_TRUE(Has(page.body, "value=\"2099-01-02T03:04\""));  // Offered again in its edit form.
  EXPECT_TRUE(Has(StoredBreaking(), "(scheduled)"));

  // Urgent and linked to the article (which wins over a typed link).
  const std::string text = "عاجل جدًا من المكتب";
  ASSERT_TRUE(RedirectsTo(chief.Post("/admin/breaking/add", {{"csrf", Csrf(chief)}, {"text", text}, {"urgent", "on"},
                                                              {"article", article}, {"link", "https://example.org/x"}}),
                          "/admin/breaking?done=added"));
  ASSERT_TRUE(TickerShows(text, "/article/desk-two"));
  const auto ticker = nlohmann::json::parse(Get(port_, "/live/breaking.json").body);
  EXPECT_EQ(ticker["items"][0]["text"], text);
  EXPECT_EQ(ticker["items"][0]["urgent"], true);
  EXPECT_FALSE(Has(Get(port_, "/live/breaking.json").body, "خبر مجدول من المكتب"));
  page = chief.Get("/admin/breaking");
  ASSERT_TRUE(std::regex_search(
      page.body, m,
      std::regex("is-urgent\" id=\"breaking-([0-9]+)\">\\s*<p class=\"breaking-desk-text\"><strong "
                 "class=\"breaking-desk-urgent\">عاجل جدًا</strong> " + text + "</p>")))
      << page.body.substr(0, 8000);
  const std::string urgent = m[1].str();
  EXPECT_TRUE(Has(page.body, "<option value=\"" + article + "\" selected>مقال المكتب الثاني</option>"));
  EXPECT_TRUE(Has(page.body, "name=\"urgent\" checked>"));
  EXPECT_TRUE(Has(SignedIn("admin").Get("/admin/audit").body, "«" + text + "» (عاجل جدًا، مرتبط بمقال)"));

  // Edited: no longer urgent, a link instead of the article, a start now past (= now).
  ASSERT_TRUE(RedirectsTo(chief.Post("/admin/breaking/" + urgent, {{"csrf", Csrf(chief)}, {"text", text},
                                                                     {"urgent", ""}, {"article", ""},
                                                                     {"link", "/latest"}, {"starts", "2001-01-01T00:00"}}),
                          "/admin/breaking?done=edited"));
  EXPECT_TRUE(TickerShows(text, "/latest"));
  EXPECT_EQ(nlohmann::json::parse(Get(port_, "/live/breaking.json").body)["items"][0]["urgent"], false);
  // The scheduled one, edited to start already, reaches readers.
  ASSERT_TRUE(RedirectsTo(chief.Post("/admin/breaking/" + scheduled,
                                     {{"csrf", Csrf(chief)}, {"text", "خبر مجدول من المكتب"}, {"starts", ""}}),
                          "/admin/breaking?done=edited"));
  EXPECT_TRUE(TickerShows("خبر مجدول من المكتب"));

  // Refusals: an article that does not exist, an end before the start.
  const std::string before = StoredBreaking();
  Reply refused = chief.Post("/admin/breaking/add", {{"csrf", Csrf(chief)}, {"text", "خبر مرفوض"}, {"article", "999999"}});
  EXPECT_TRUE(Shows(refused, 400, "المقال المختار غير موجود أو غير منشور"));
  EXPECT_TRUE(Has(refused.body, "value=\"خبر مرفوض\""));
  refused = chief.Post("/admin/breaking/add", {{"csrf", Csrf(chief)}, {"text", "خبر مرفوض"}, {"urgent", "on"},
                                               {"starts", "2099-01-02T05:00"}, {"until", "2099-01-02T04:00"}});
  EXPECT_TRUE(Shows(refused, 400, "موعد الانتهاء يجب أن يأتي بعد موعد البدء."));
  EXPECT_TRUE(Has(refused.body, "value=\"2099-01-02T05:00\""));
  EXPECT_TRUE(Has(refused.body, "name=\"urgent\" checked>"));
  EXPECT_EQ(StoredBreaking(), before);
}

TEST_F(DeskTest, EditChangesTheTextLinkAndExpiryInTheSiteTimeZone) {
  Browser chief = SignedIn("chief_editor");
  const std::string id = Add(chief, "خبر قبل التعديل");
  ASSERT_TRUE(TickerShows("خبر قبل التعديل"));
  Reply r = chief.Post("/admin/breaking/" + id, {{"csrf", Csrf(chief)}, {"text", "خبر بعد التعديل"},
                                                 {"link", "https://example.org/live"}, {"until", "2099-01-02T03:04"}});
  ASSERT_TRUE(RedirectsTo(r, "/admin/breaking?done=edited"));
  EXPECT_TRUE(TickerShows("خبر بعد التعديل", "https://example.org/live"));
  EXPECT_TRUE(TickerLacks("خبر قبل التعديل"));
  Reply page = chief.Get("/admin/breaking?done=edited");
  EXPECT_TRUE(Shows(page, 200, "حُفظ تعديل الخبر."));
  EXPECT_EQ(ItemId(page.body, "خبر بعد التعديل"), id);
  // Asia/Dubai is UTC+4: the local time typed is kept as such, shown and offered again.
  EXPECT_TRUE(Has(page.body, "<time datetime=\"2099-01-02T03:04:00+04:00\">")) << page.body.substr(0, 6000);
  EXPECT_TRUE(Has(page.body, "name=\"until\" value=\"2099-01-02T03:04\""));
  // In UTC it is four hours earlier.
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "timezone", "UTC"}).exit_code, 0);
  const std::string stored = StoredBreaking();
  EXPECT_TRUE(Has(stored, "2099-01-01T23:04:00Z") || Has(stored, "2099-01-01T23:04:00+00:00")) << stored;
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "timezone", "Asia/Dubai"}).exit_code, 0);
  // Saved again unchanged, the expiry stays; a duration in minutes replaces it.
  EXPECT_TRUE(RedirectsTo(chief.Post("/admin/breaking/" + id, {{"csrf", Csrf(chief)}, {"text", "خبر بعد التعديل"},
                                                              {"link", ""}, {"until", ""}, {"minutes", "90"}}),
                          "/admin/breaking?done=edited"));
  page = chief.Get("/admin/breaking");
  EXPECT_FALSE(Has(page.body, "2099-01-02T03:04"));
  EXPECT_TRUE(Has(page.body, "ينتهي <time datetime=\"20"));
  EXPECT_TRUE(TickerShows("خبر بعد التعديل", ""));  // No link now.
  Reply audit = SignedIn("admin").Get("/admin/audit");
  EXPECT_TRUE(Has(audit.body, "<tr data-action=\"breaking.edit\">"));
  EXPECT_TRUE(Has(audit.body, "تعديل خبر عاجل: «خبر بعد التعديل»."));
}

TEST_F(DeskTest, ReorderingChangesTheOrderInReadersTickers) {
  Browser chief = SignedIn("chief_editor");
  const std::string first = Add(chief, "الخبر ألف"), second = Add(chief, "الخبر باء");  // The newest goes first.
  // In readers' tickers: /live/breaking.json lists the items first shown first.
  auto order_ok = [&](const std::string& a, const std::string& b) {
    return Eventually("/live/breaking.json", [&](const HttpResult& r) {
      const size_t pa = r.body.find(a), pb = r.body.find(b);
      return pa != std::string::npos && pb != std::string::npos && pa < pb;
    });
  };
  EXPECT_TRUE(order_ok("الخبر باء", "الخبر ألف"));
  // An "up" button.
  Reply r = chief.Post("/admin/breaking/order", {{"csrf", Csrf(chief)}, {"move", first}, {"dir", "up"}});
  ASSERT_TRUE(RedirectsTo(r, "/admin/breaking?done=ordered"));
  EXPECT_TRUE(order_ok("الخبر ألف", "الخبر باء"));
  Reply page = chief.Get("/admin/breaking?done=ordered");
  EXPECT_TRUE(Shows(page, 200, "حُفظ الترتيب الجديد."));
  EXPECT_LT(page.body.find("الخبر ألف"), page.body.find("الخبر باء"));
  // The whole order at once: the welcome item first, then باء, then ألف.
  std::smatch m;
  const std::string desk = page.body;
  ASSERT_TRUE(std::regex_search(desk, m, std::regex("id=\"breaking-([0-9]+)\">\\s*<p class=\"breaking-desk-text\">أُنشئ")));
  const std::string welcome = m[1].str();
  r = chief.Post("/admin/breaking/order", {{"csrf", Csrf(chief)}, {"order", welcome + "," + second + "," + first}});
  ASSERT_TRUE(RedirectsTo(r, "/admin/breaking?done=ordered"));
  EXPECT_TRUE(order_ok("أُنشئ موقعك", "الخبر باء"));
  EXPECT_TRUE(order_ok("الخبر باء", "الخبر ألف"));
  // An order that leaves an item out, or names one twice, is refused.
  for (const std::string& bad : {second + "," + first, welcome + "," + second + "," + second, std::string("x")}) {
    EXPECT_TRUE(Shows(chief.Post("/admin/breaking/order", {{"csrf", Csrf(chief)}, {"order", bad}}), 409,
                      "الترتيب المرسل لا يطابق")) << bad;
  }
  EXPECT_TRUE(order_ok("الخبر باء", "الخبر ألف"));
}

TEST_F(DeskTest, ExpireNowHidesTheItemAndRemoveDeletesIt) {
  Browser chief = SignedIn("chief_editor");
  const std::string id = Add(chief, "خبر سينتهي الآن");
  ASSERT_TRUE(TickerShows("خبر سينتهي الآن"));
  ASSERT_TRUE(RedirectsTo(chief.Post("/admin/breaking/" + id + "/expire", {{"csrf", Csrf(chief)}}),
                          "/admin/breaking?done=expired"));
  EXPECT_TRUE(TickerLacks("خبر سينتهي الآن"));
  Reply page = chief.Get("/admin/breaking?done=expired");
  EXPECT_TRUE(Shows(page, 200, "أُنهي عرض الخبر الآن."));
  EXPECT_EQ(ItemId(page.body, "خبر سينتهي الآن"), id);  // Still on the desk, marked as expired.
  EXPECT_TRUE(Has(page.body, "breaking-desk-item is-expired\" id=\"breaking-" + id + "\""));
  EXPECT_TRUE(Has(page.body, "لا يظهر للقراء"));
  ASSERT_TRUE(RedirectsTo(chief.Post("/admin/breaking/" + id + "/remove", {{"csrf", Csrf(chief)}}),
                          "/admin/breaking?done=removed"));
  page = chief.Get("/admin/breaking?done=removed");
  EXPECT_TRUE(Shows(page, 200, "حُذف الخبر من الشريط."));
  EXPECT_FALSE(Has(page.body, "خبر سينتهي الآن"));
  EXPECT_FALSE(Has(StoredBreaking(), "خبر سينتهي الآن"));
  // Gone: a second removal is a 404.
  EXPECT_EQ(chief.Post("/admin/breaking/" + id + "/remove", {{"csrf", Csrf(chief)}}).status, 404);
  Reply audit = SignedIn("admin").Get("/admin/audit");
  EXPECT_TRUE(Has(audit.body, "حذف خبر عاجل: «خبر سينتهي الآن»."));
  EXPECT_TRUE(Has(audit.body, "إنهاء خبر عاجل: «خبر سينتهي الآن»."));
}

TEST_F(DeskTest, AWriterIsRefusedTheBreakingDeskAndChangesNothing) {
  Browser chief = SignedIn("chief_editor");
  const std::string id = Add(chief, "خبر لا يمسه الكاتب");
  const std::string before = StoredBreaking();
  Browser writer = SignedIn("writer");
  EXPECT_FALSE(Has(writer.Get("/admin").body, "href=\"/admin/breaking\""));
  Reply r = writer.Get("/admin/breaking");
  EXPECT_TRUE(Shows(r, 403, "إدارة الأخبار العاجلة متاحة لرئيس التحرير ومدير الموقع فقط.") && Has(r.body, kRtl));
  const std::string csrf = Csrf(writer);
  ASSERT_FALSE(csrf.empty());
  const std::vector<std::pair<std::string, Form>> posts = {
      {"/admin/breaking/add", {{"csrf", csrf}, {"text", "خبر من الكاتب"}}},
      {"/admin/breaking/" + id, {{"csrf", csrf}, {"text", "تعديل من الكاتب"}}},
      {"/admin/breaking/" + id + "/expire", {{"csrf", csrf}}},
      {"/admin/breaking/" + id + "/remove", {{"csrf", csrf}}},
      {"/admin/breaking/order", {{"csrf", csrf}, {"move", id}, {"dir", "down"}}}};
  for (const auto& [target, form] : posts) EXPECT_EQ(writer.Post(target, form).status, 403) << target;
  EXPECT_EQ(StoredBreaking(), before);
  EXPECT_TRUE(TickerShows("خبر لا يمسه الكاتب"));
}

TEST_F(DeskTest, APostWithoutAValidTokenIs403AndChangesNothing) {
  Browser chief = SignedIn("chief_editor");
  const std::string id = Add(chief, "خبر محمي");
  const std::string before = StoredBreaking();
  for (const std::string& csrf : {std::string(), std::string("forged")}) {
    Form add = {{"text", "خبر مزور"}}, remove;
    if (!csrf.empty()) add.push_back({"csrf", csrf}), remove.push_back({"csrf", csrf});
    EXPECT_TRUE(Shows(chief.Post("/admin/breaking/add", add), 403, "انتهت صلاحية النموذج")) << csrf;
    EXPECT_EQ(chief.Post("/admin/breaking/" + id + "/remove", remove).status, 403) << csrf;
  }
  EXPECT_EQ(StoredBreaking(), before);
  EXPECT_TRUE(TickerShows("خبر محمي"));
  EXPECT_FALSE(Has(chief.Get("/admin/breaking").body, "خبر مزور"));
}

TEST_F(DeskTest, InvalidInputIs400InArabicWithTheTypedValuesKept) {
  Browser chief = SignedIn("chief_editor");
  const std::string before = StoredBreaking();
  const std::string csrf = Csrf(chief);
  for (std::string link : {"javascript:alert(1)", "//evil.example/x", "example.org", "https://", "/a b"}) {
    Reply r = chief.Post("/admin/breaking/add", {{"csrf", csrf}, {"text", "نص كتبه المحرر"}, {"link", link}});
    EXPECT_TRUE(Shows(r, 400, kBadLink)) << link;
    EXPECT_TRUE(Has(r.body, "name=\"text\" value=\"نص كتبه المحرر\"")) << link;
    EXPECT_TRUE(Has(r.body, kRtl));
  }
  const std::vector<std::tuple<Form, std::string, std::string>> cases = {
      {{{"text", "   "}}, "اكتب نص الخبر العاجل.", ""},
      {{{"text", Repeat("ع", 281)}}, "أطول من 280 حرفًا", Repeat("ع", 281)},
      {{{"text", "خبر بموعد مضى"}, {"until", "2001-01-01T10:00"}}, "موعد الانتهاء مضى", "value=\"2001-01-01T10:00\""},
      {{{"text", "خبر بموعد غريب"}, {"until", "غدًا"}}, "موعد الانتهاء غير صالح.", "value=\"غدًا\""},
      {{{"text", "خبر بمدة سالبة"}, {"minutes", "-5"}}, "المدة بالدقائق", "name=\"minutes\" value=\"-5\""}};
  for (const auto& [fields, error, kept] : cases) {
    Form form = fields;
    form.push_back({"csrf", csrf});
    Reply r = chief.Post("/admin/breaking/add", form);
    EXPECT_TRUE(Shows(r, 400, error)) << error;
    if (!kept.empty()) {
      EXPECT_TRUE(Has(r.body, kept)) << kept;
    }
  }
  // An item's own form keeps its typed values too, opened.
  const std::string id = Add(chief, "خبر سليم");
  Reply r = chief.Post("/admin/breaking/" + id, {{"csrf", Csrf(chief)}, {"text", "تعديل برابط سيئ"}, {"link", "ftp://x"}});
  EXPECT_TRUE(Shows(r, 400, kBadLink));
  EXPECT_TRUE(Has(r.body, "value=\"تعديل برابط سيئ\"") && Has(r.body, "<details class=\"breaking-desk-edit\" open>"));
  EXPECT_TRUE(Has(StoredBreaking(), "خبر سليم"));
  EXPECT_FALSE(Has(StoredBreaking(), "نص كتبه المحرر"));
  EXPECT_FALSE(Has(StoredBreaking(), "تعديل برابط سيئ"));
}

TEST_F(DeskTest, RenamingATagMovesItsPageWithA301) {
  Browser chief = SignedIn("chief_editor");
  Reply list = chief.Get("/admin/names/tag");
  EXPECT_TRUE(Shows(list, 200, "الوسوم") && Has(list.body, "الكتّاب") && Has(list.body, "المصادر") &&
              Has(list.body, "الأقسام"));
  EXPECT_TRUE(Has(list.body, ">وسم قديم</a></td><td>2</td>")) << list.body;  // Two articles.
  const std::string old_url = PublicUrl(chief, "tag", "وسم قديم");
  ASSERT_EQ(old_url.rfind("/tag/", 0), 0u) << old_url;
  ASSERT_EQ(Get(port_, old_url).status, 200);  // Now cached.
  const std::string edit = EditUrl(chief, "tag", "وسم قديم");
  Reply form = chief.Get(edit);
  EXPECT_TRUE(Shows(form, 200, "name=\"name\" value=\"وسم قديم\""));
  Reply saved = chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "وسم جديد"}});
  ASSERT_TRUE(RedirectsTo(saved, edit + "?done=saved"));
  EXPECT_TRUE(Shows(chief.Get(edit + "?done=saved"), 200, "حُفظت التغييرات."));
  const std::string new_url = PublicUrl(chief, "tag", "وسم جديد");
  ASSERT_NE(new_url, old_url);
  EXPECT_TRUE(Eventually(old_url, [&](const HttpResult& r) { return r.status == 301 && r.header("location") == new_url; }))
      << Get(port_, old_url).status << " " << Get(port_, old_url).header("location");
  HttpResult paged = Get(port_, old_url + "?page=2");
  EXPECT_EQ(paged.status, 301);
  EXPECT_EQ(paged.header("location"), new_url + "?page=2");
  HttpResult page = Get(port_, new_url);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "وسم جديد"));
  EXPECT_TRUE(Eventually("/article/desk-one", [](const HttpResult& r) { return Has(r.body, "وسم جديد") && !Has(r.body, "وسم قديم"); }));
  EXPECT_EQ(Get(port_, "/tag/never-was").status, 404);  // Unknown slugs stay 404s.
  Reply audit = SignedIn("admin").Get("/admin/audit");
  EXPECT_TRUE(Has(audit.body, "تغيير اسم الوسم «وسم قديم» إلى «وسم جديد».")) << audit.body;
}

// A tag's description, written on the names desk, shows on its page and
// in its metadata; one too long is refused in Arabic.
TEST_F(DeskTest, ATagsDescriptionShowsOnItsPage) {
  Browser chief = SignedIn("chief_editor");
  const std::string url = PublicUrl(chief, "tag", "وسم قديم");
  ASSERT_EQ(Get(port_, url).status, 200);  // Now cached.
  const std::string edit = EditUrl(chief, "tag", "وسم قديم");
  EXPECT_TRUE(Shows(chief.Get(edit), 200, "name=\"description\""));
  std::string long_text;
  for (int i = 0; i < 501; ++i) long_text += "ب";
  EXPECT_TRUE(Shows(chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "وسم قديم"}, {"description", long_text}}), 400,
                    "الوصف أطول من المسموح"));
  const std::string about = "كل ما نشرناه عن الوسم القديم وأخباره.";
  ASSERT_TRUE(RedirectsTo(chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "وسم قديم"}, {"description", about}}),
                          edit + "?done=saved"));
  EXPECT_TRUE(Eventually(url, [&](const HttpResult& r) {
    return Has(r.body, "<p class=\"list-intro\">" + about + "</p>") &&
           Has(r.body, "<meta name=\"description\" content=\"" + about + "\">");
  })) << Get(port_, url).body.substr(0, 3000);
}

TEST_F(DeskTest, RenamingAWriterWithANewBioShowsOnTheArticleAndMovesTheWriterPage) {
  Browser chief = SignedIn("chief_editor");
  ASSERT_TRUE(Has(Get(port_, "/article/desk-one").body, "نبذة أولى عن كاتب المكتب"));
  const std::string old_url = PublicUrl(chief, "person", "كاتب المكتب");
  ASSERT_EQ(old_url.rfind("/writer/", 0), 0u) << old_url;
  const std::string edit = EditUrl(chief, "person", "كاتب المكتب");
  Reply form = chief.Get(edit);
  EXPECT_TRUE(Shows(form, 200, ">نبذة أولى عن كاتب المكتب</textarea>") && Has(form.body, "name=\"photo_id\""));
  ASSERT_TRUE(RedirectsTo(chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "كاتب المكتب الجديد"},
                                            {"bio", "نبذة جديدة\r\nفي سطرين"}, {"photo_id", ""}}),
                          edit + "?done=saved"));
  EXPECT_TRUE(Eventually("/article/desk-one", [](const HttpResult& r) {
    return Has(r.body, "كاتب المكتب الجديد") && Has(r.body, "نبذة جديدة") && !Has(r.body, "نبذة أولى");
  })) << Get(port_, "/article/desk-one").body.substr(0, 4000);
  const std::string new_url = PublicUrl(chief, "person", "كاتب المكتب الجديد");
  EXPECT_TRUE(Eventually(old_url, [&](const HttpResult& r) { return r.status == 301 && r.header("location") == new_url; }));
  HttpResult page = Get(port_, new_url);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "كاتب المكتب الجديد") && Has(page.body, "نبذة جديدة"));
  // A bio change alone keeps the address.
  ASSERT_TRUE(RedirectsTo(chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "كاتب المكتب الجديد"}, {"bio", "نبذة ثالثة"}}),
                          edit + "?done=saved"));
  EXPECT_EQ(PublicUrl(chief, "person", "كاتب المكتب الجديد"), new_url);
  EXPECT_TRUE(Eventually(new_url, [](const HttpResult& r) { return r.status == 200 && Has(r.body, "نبذة ثالثة"); }));
  Reply audit = SignedIn("admin").Get("/admin/audit");
  EXPECT_TRUE(Has(audit.body, "<tr data-action=\"names.edit\">") && Has(audit.body, "تعديل بيانات الكاتب «"));
  EXPECT_TRUE(Has(audit.body, "<a href=\"/admin/names/person/") && Has(audit.body, "تغيير اسم الكاتب «"));
}

TEST_F(DeskTest, ANameClashIs409AndChangesNothing) {
  Browser chief = SignedIn("chief_editor");
  const std::string edit = EditUrl(chief, "tag", "وسم ثان");
  const std::string url = PublicUrl(chief, "tag", "وسم ثان");
  Reply r = chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "وسم قديم"}});
  EXPECT_TRUE(Shows(r, 409, "الاسم مستخدم")) << r.body.substr(0, 3000);
  EXPECT_TRUE(Has(r.body, "name=\"name\" value=\"وسم قديم\"") && Has(r.body, kRtl));
  EXPECT_EQ(PublicUrl(chief, "tag", "وسم ثان"), url);
  EXPECT_EQ(Get(port_, url).status, 200);
  const std::string writer = EditUrl(chief, "person", "كاتب المكتب");
  r = chief.Post(writer, {{"csrf", Csrf(chief)}, {"name", "كاتبة أخرى"}, {"bio", "نبذة كُتبت للتو"}});
  EXPECT_TRUE(Shows(r, 409, "الاسم مستخدم") && Has(r.body, ">نبذة كُتبت للتو</textarea>"));
  EXPECT_TRUE(Has(Get(port_, "/article/desk-one").body, "نبذة أولى عن كاتب المكتب"));
}

TEST_F(DeskTest, NamesDeskChecksRolesTokensAndInput) {
  Browser chief = SignedIn("chief_editor");
  const std::string edit = EditUrl(chief, "source", "صحيفة المكتب");
  Reply r = chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", "صحيفة المكتب"}, {"url", "javascript:alert(1)"}});
  EXPECT_TRUE(Shows(r, 400, "عنوان المصدر غير صالح") && Has(r.body, "value=\"javascript:alert(1)\""));
  EXPECT_TRUE(Shows(chief.Post(edit, {{"csrf", Csrf(chief)}, {"name", " "}}), 400, "اكتب الاسم."));
  EXPECT_TRUE(Shows(chief.Get("/admin/names/person?q=" + Encode("أخرى")), 200, "كاتبة أخرى"));
  EXPECT_FALSE(Has(chief.Get("/admin/names/person?q=" + Encode("أخرى")).body, ">كاتب المكتب<"));
  EXPECT_EQ(chief.Get("/admin/names/planet").status, 404);
  EXPECT_EQ(chief.Get("/admin/names/tag/999999").status, 404);
  EXPECT_EQ(chief.Post(edit, {{"name", "صحيفة مزورة"}}).status, 403);  // No token.
  Browser writer = SignedIn("writer");
  EXPECT_TRUE(Shows(writer.Get("/admin/names/tag"), 403, "متاحة لرئيس التحرير ومدير الموقع فقط"));
  EXPECT_EQ(writer.Get(edit).status, 403);
  EXPECT_EQ(writer.Post(edit, {{"csrf", Csrf(writer)}, {"name", "صحيفة الكاتب"}}).status, 403);
  EXPECT_TRUE(Has(chief.Get("/admin/names/source").body, ">صحيفة المكتب</a>"));
  EXPECT_FALSE(Has(chief.Get("/admin/names/source").body, "صحيفة مزورة"));
  EXPECT_FALSE(Has(chief.Get("/admin/names/source").body, "صحيفة الكاتب"));
}

}  // namespace
}  // namespace qalam::testing
