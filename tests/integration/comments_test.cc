// Readers' comments against the real binary: posting (valid, invalid,
// honeypot, too fast, rate-limited, without a token), the pipeline's
// states, reports, XSS payloads rendered inert, no email ever leaving the
// database, and `qalam moderation score|train|terms`.
#include <nlohmann/json.hpp>

#include "desk_client.h"

namespace qalam::testing {
namespace {

constexpr int64_t kStart = 1767258000;
const char* kEmail = "reader.secret@mail.example";

class CommentsTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    WriteFile(dir_.path() + "/a.jsonl",
              R"({"id": "c1", "title": "مقال يقبل التعليقات", "published_at": "2025-12-01", "body": "نص المقال."})" "\n");
    ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/a.jsonl"}).exit_code, 0);
    clock_ = dir_.path() + "/clock";
    SetClock(kStart);
    // These tests are about what follows a comment's screening; a new site
    // holds a first-time commenter (FirstTimeCommentersWait… below).
    Set("comment_first_time", "never");
  }
  void Serve() { Start("off", {"--clock-file", clock_}); }
  void SetClock(int64_t t) {
    now_ = t;
    WriteFile(clock_ + ".tmp", std::to_string(t));
    std::rename((clock_ + ".tmp").c_str(), clock_.c_str());
  }
  void Set(const std::string& key, const std::string& value) {
    ASSERT_EQ(RunQalam({"settings", "--data", data_, key, value}).exit_code, 0);
  }
  std::string ArticleUrl() { return "/article/" + Encode("مقال-يقبل-التعليقات"); }
  std::string ArticleId(Browser& b) { return Field(b.Get(ArticleUrl()).body, "article"); }
  std::string Token(Browser& b, const std::string& article) {
    return nlohmann::json::parse(b.Get("/api/comment-token?article=" + article).body)["token"];
  }
  // Fetches a token, waits as a person would, posts.
  Reply Post(Browser& b, const std::string& text, const std::string& name = "سمير",
             const std::string& email = kEmail, int wait = 20, const std::string& honeypot = "") {
    const std::string article = ArticleId(b);
    const std::string token = Token(b, article);
    SetClock(now_ + wait);
    return b.Post("/comments", {{"article", article}, {"parent", ""}, {"token", token}, {"website", honeypot},
                                {"name", name}, {"email", email}, {"comment", text}});
  }
  std::string State(Browser& b, const Reply& posted) {
    const std::string location = posted.header("location");
    std::smatch m;
    if (!std::regex_search(location, m, std::regex("posted=([0-9]+)&sig=([0-9a-f]+)"))) return "";
    return nlohmann::json::parse(b.Get("/api/comment-status?id=" + m[1].str() + "&sig=" + m[2].str()).body)["state"];
  }
  std::string Page(Browser& b, const std::string& wait_for = "") {
    Reply r;
    for (int i = 0; i < 30; ++i) {
      r = b.Get(ArticleUrl());
      if (wait_for.empty() || Has(r.body, wait_for)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return r.body;
  }

  std::string clock_;
  int64_t now_ = 0;
};

TEST_F(CommentsTest, AValidCommentIsPublishedAndTheEmailNeverLeaves) {
  Serve();
  Browser reader(port_);
  Reply article = reader.Get(ArticleUrl());
  EXPECT_TRUE(Has(article.body, "اترك تعليق") && Has(article.body, "name=\"email\""));
  EXPECT_EQ(article.header("set-cookie"), "") << "the article page sets no cookie";
  Reply posted = Post(reader, "مقال مفيد، شكرًا للكاتب على هذا التحليل.");
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 2000);
  EXPECT_EQ(posted.header("set-cookie"), "");
  EXPECT_EQ(State(reader, posted), "approved");
  const std::string page = Page(reader, "شكرًا للكاتب على هذا التحليل");
  EXPECT_TRUE(Has(page, "شكرًا للكاتب على هذا التحليل"));
  EXPECT_TRUE(Has(page, "التعليقات (1)"));
  // The address appears nowhere readers or machines can read.
  for (const std::string& target : {ArticleUrl(), std::string("/"), std::string("/latest"),
                                    std::string("/api/search?q=") + Encode("مقال"), std::string("/search?q=") + Encode("مقال")}) {
    EXPECT_FALSE(Has(reader.Get(target).body, "reader.secret")) << target;
  }
  EXPECT_FALSE(Has(ReadText(err_file_), "reader.secret"));
}

TEST_F(CommentsTest, InvalidFormsKeepWhatWasTypedWithArabicMessages) {
  Serve();
  Browser reader(port_);
  Reply r = Post(reader, "تعليق كتبه القارئ ولا يضيع", "", "not-an-email");
  EXPECT_TRUE(Shows(r, 400, "اكتب اسمك."));
  EXPECT_TRUE(Has(r.body, "عنوان البريد الإلكتروني غير صالح."));
  EXPECT_TRUE(Has(r.body, "تعليق كتبه القارئ ولا يضيع"));
  Set("comment_max_chars", "100");
  r = Post(reader, std::string(150, 'x'));
  EXPECT_TRUE(Shows(r, 400, "التعليق أطول من المسموح"));
  // Without a token (no script ran): the same text comes back with a fresh one.
  const std::string article = ArticleId(reader);
  r = reader.Post("/comments", {{"article", article}, {"name", "سمير"}, {"email", kEmail},
                                {"comment", "تعليق بلا رمز"}});
  EXPECT_TRUE(Shows(r, 400, "انتهت صلاحية النموذج"));
  EXPECT_TRUE(Has(r.body, "تعليق بلا رمز"));
  SetClock(now_ + 30);
  Form again{{"article", article}, {"parent", ""}, {"token", Field(r.body, "token")}, {"website", ""},
             {"name", "سمير"}, {"email", kEmail}, {"comment", "تعليق بلا رمز"}};
  EXPECT_EQ(reader.Post("/comments", again).status, 303);
}

TEST_F(CommentsTest, SpamGuardsHoneypotTooFastDuplicateAndRate) {
  Set("comment_rate_per_hour", "4");
  Serve();
  Browser reader(port_);
  Reply bot = Post(reader, "تعليق من برنامج", "بوت", "bot@mail.example", 20, "https://spam.example");
  ASSERT_EQ(bot.status, 303);
  EXPECT_EQ(State(reader, bot), "spam");
  Reply fast = Post(reader, "تعليق سريع جدًا", "سريع", "fast@mail.example", 1);
  EXPECT_EQ(State(reader, fast), "spam");
  Reply first = Post(reader, "تعليق أول مكرر", "سمير", kEmail);
  EXPECT_EQ(State(reader, first), "approved");
  Reply dup = Post(reader, "تعليق أول مكرر", "سمير", "other@mail.example");
  EXPECT_EQ(State(reader, dup), "spam");
  EXPECT_FALSE(Has(Page(reader), "تعليق من برنامج"));
  Reply limited = Post(reader, "تعليق رابع في الساعة نفسها", "سمير", kEmail);
  EXPECT_TRUE(Shows(limited, 429, "كثرت تعليقاتك"));
  EXPECT_TRUE(Has(limited.body, "تعليق رابع في الساعة نفسها"));
}

TEST_F(CommentsTest, TermsAndModesDecideAndReportsSendBackToTheQueue) {
  ASSERT_EQ(RunQalam({"moderation", "terms", "add", "--data", data_, "كلب", "--action", "reject", "--category", "insult"}).exit_code, 0);
  Set("comment_reports_to_queue", "1");
  Serve();
  Browser reader(port_);
  Reply insult = Post(reader, "الكاتب ك.ل.ب وجاهل");
  EXPECT_EQ(State(reader, insult), "rejected");
  EXPECT_FALSE(Has(Page(reader), "وجاهل"));
  Reply fine = Post(reader, "رأي مختلف لكنه مهذب");
  EXPECT_EQ(State(reader, fine), "approved");
  Page(reader, "رأي مختلف لكنه مهذب");
  // A reader's report sends it back to the queue.
  std::smatch m;
  std::string page = Page(reader);
  ASSERT_TRUE(std::regex_search(page, m, std::regex("href=\"(/comments/[0-9]+/report)\"")));
  Reply confirm = reader.Get(m[1].str());
  EXPECT_TRUE(Shows(confirm, 200, "رأي مختلف لكنه مهذب"));
  EXPECT_EQ(reader.Post(m[1].str(), {{"token", Field(confirm.body, "token")}}).status, 200);
  for (int i = 0; i < 30 && Has(Page(reader), "رأي مختلف لكنه مهذب"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(Has(Page(reader), "رأي مختلف لكنه مهذب"));
  EXPECT_EQ(State(reader, fine), "pending");
  Set("moderation_mode", "pre");
  Reply held = Post(reader, "تعليق في وضع الإشراف المسبق");
  EXPECT_EQ(State(reader, held), "pending");
}

TEST_F(CommentsTest, FirstTimeCommentersWaitWhileTheSiteHasNoClassifier) {
  Set("comment_first_time", "auto");  // a new site's default
  Serve();
  Browser reader(port_);
  Reply first = Post(reader, "تحليل مفيد، شكرًا للكاتب.");
  EXPECT_EQ(State(reader, first), "pending") << "a first-time commenter waits on a site with no classifier";
  // The issue's example: the starter lists hold it whatever the first-time
  // rule says, so an obvious insult is never published on day one.
  Set("comment_first_time", "never");
  Reply insult = Post(reader, "الكاتب حمار وغبي ولا يفهم شيئا", "ناقد", "critic@mail.example");
  EXPECT_EQ(State(reader, insult), "pending");
  Reply obscene = Post(reader, "يا شرموطة", "بذيء", "obscene@mail.example");
  EXPECT_EQ(State(reader, obscene), "rejected");
  Reply kind = Post(reader, "أتفق مع الكاتب في كل ما قال.", "موافق", "agree@mail.example");
  EXPECT_EQ(State(reader, kind), "approved");
  CommandResult r = RunQalam({"moderation", "score", "--data", data_},
                             "{\"text\": \"الكاتب حمار وغبي ولا يفهم شيئا\"}\n");
  EXPECT_EQ(nlohmann::json::parse(r.out)["decision"], "hold") << r.out;
}

TEST_F(CommentsTest, XssPayloadsRenderInert) {
  Set("comment_rate_per_hour", "100");
  Set("comment_max_links", "20");
  Serve();
  Browser reader(port_);
  const std::vector<std::string> payloads = {
      "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
      "javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "&lt;script&gt;alert(1)&lt;/script&gt;",
      "<iframe src=\"data:text/html,<script>alert(1)</script>\">", "\u202Eelgoog.com https://evil.example/\u202C",
      "<style>body{display:none}</style>", "[x](javascript:alert(1))"};
  int n = 0;
  for (const std::string& p : payloads) {
    ++n;
    Reply r = Post(reader, "حمولة " + std::to_string(n) + ": " + p, "سمير", "x" + std::to_string(n) + "@mail.example");
    ASSERT_EQ(r.status, 303) << p;
  }
  const std::string page = Page(reader, "حمولة " + std::to_string(n));
  const size_t from = page.find("id=\"comments-list\"");
  ASSERT_NE(from, std::string::npos);
  const std::string list = page.substr(from);
  EXPECT_FALSE(Has(list, "<script")) ;
  EXPECT_FALSE(Has(list, "<img"));
  EXPECT_FALSE(Has(list, "<svg"));
  EXPECT_FALSE(Has(list, "<iframe"));
  EXPECT_FALSE(Has(list, "<style"));
  EXPECT_FALSE(Has(list, "href=\"javascript:"));
  // Payloads show as text: no tag the comment brought has an event handler.
  EXPECT_FALSE(std::regex_search(list, std::regex("<[a-z][^>]*\\son[a-z]+=")));
  EXPECT_TRUE(Has(list, "&lt;img src=x onerror=alert(1)&gt;")) << "shown escaped, as written";
  EXPECT_FALSE(Has(list, "\u202E")) << "bidi override removed";
  EXPECT_TRUE(Has(list, "rel=\"nofollow ugc")) << "addresses become links";
}

TEST_F(CommentsTest, ModerationScoreAndTrainOnTheCommandLine) {
  ASSERT_EQ(RunQalam({"moderation", "terms", "add", "--data", data_, "غبي", "--action", "hold"}).exit_code, 0);
  // The command line checks a term as the admin's form does.
  CommandResult refused = RunQalam({"moderation", "terms", "add", "--data", data_, "ب", "--action", "hold"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Has(refused.err, "cannot add \"ب\"")) << refused.err;
  EXPECT_FALSE(Has(RunQalam({"moderation", "terms", "list", "--data", data_}).out, "\tب\n"));
  CommandResult r = RunQalam({"moderation", "score", "--data", data_},
                             "{\"text\": \"تعليق لطيف\"}\nnot json\n{\"text\": \"أنت غ ب ي\"}\n");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  std::vector<nlohmann::json> lines;
  std::istringstream out(r.out);
  for (std::string line; std::getline(out, line);) lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  // What the site decides for a first-time commenter, under the site's
  // settings: with comment_first_time never, the rules alone decide…
  EXPECT_EQ(lines[0]["decision"], "approve") << "comment_first_time is never in this fixture";
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["decision"], "hold");
  EXPECT_EQ(lines[2]["reasons"][0]["code"], "term_hold");
  EXPECT_TRUE(Has(r.err, "no classifier trained"));
  // … and with the default (auto), a site with no classifier holds it.
  Set("comment_first_time", "auto");
  r = RunQalam({"moderation", "score", "--data", data_}, "{\"text\": \"تعليق لطيف\"}\n");
  nlohmann::json first = nlohmann::json::parse(r.out);
  EXPECT_EQ(first["decision"], "hold") << r.out;
  EXPECT_EQ(first["reasons"].back()["code"], "first_time") << r.out;

  // A small labeled file written here: kind and insulting sentences.
  std::string train;
  const std::vector<std::string> kind = {"شكرا على المقال", "تحليل رائع ومفيد", "أتفق مع الكاتب", "معلومات قيمة"};
  const std::vector<std::string> rude = {"يا حمار يا تافه", "انت حقير وسافل", "كلام تافه يا حيوان", "اخرس يا منحط"};
  for (int i = 0; i < 150; ++i) {
    train += nlohmann::json{{"text", kind[i % 4] + " " + std::to_string(i)}, {"label", "ok"}}.dump() + "\n";
    train += nlohmann::json{{"text", rude[i % 4] + " " + std::to_string(i)}, {"label", "offensive"}}.dump() + "\n";
  }
  WriteFile(dir_.path() + "/train.jsonl", train);
  r = RunQalam({"moderation", "train", "--data", data_, dir_.path() + "/train.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(Has(r.out, "precision")) << r.out;
  // Kind and rude sentences share only their numbers: the held-out slice
  // ranks (nearly) perfectly.
  const size_t auc_at = r.out.find("ROC AUC ");
  ASSERT_NE(auc_at, std::string::npos) << r.out;
  EXPECT_GT(std::stod(r.out.substr(auc_at + 8)), 0.95) << r.out;
  EXPECT_TRUE(Has(r.out, "moderation_hold_score auto = ")) << r.out;
  EXPECT_TRUE(Has(r.out, "| labeled | ")) << "the out-of-fold figures, per source" << r.out;
  // The thresholds live beside the model, with the figures behind them.
  nlohmann::json card = nlohmann::json::parse(ReadText(data_ + "/moderation/model.json"));
  EXPECT_GT(card["hold"].get<double>(), 0.0) << card.dump();
  EXPECT_TRUE(card["report"]["groups"].is_array()) << card.dump();
  r = RunQalam({"moderation", "score", "--data", data_},
               "{\"text\": \"يا حقير يا تافه\"}\n{\"text\": \"شكرا على المقال المفيد\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream scored_lines(r.out);
  std::string line;
  ASSERT_TRUE(std::getline(scored_lines, line));
  nlohmann::json scored = nlohmann::json::parse(line);
  EXPECT_GT(scored["scores"]["not_ok"].get<double>(), 0.5) << r.out;
  EXPECT_NE(scored["decision"], "approve") << r.out;
  // With a classifier trained, a first-time commenter's kind words go
  // through (comment_first_time auto).
  ASSERT_TRUE(std::getline(scored_lines, line));
  EXPECT_EQ(nlohmann::json::parse(line)["decision"], "approve") << r.out;
}

}  // namespace
}  // namespace qalam::testing
