// The command line, as an operator uses it: exit codes, messages, summaries.
#include <gtest/gtest.h>

#include <filesystem>

#include "server_process.h"
#include "store/open_store.h"

namespace qalam::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
  }
  TempDir dir_;
  std::string data_;
};

TEST(CliHelp, DescribesEverySubcommandAndOption) {
  CommandResult top = RunQalam({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  for (const char* cmd : {"init", "import", "breaking", "serve", "settings"}) {
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
  }
  EXPECT_NE(RunQalam({"serve", "--help"}).out.find("--listen"), std::string::npos);
  EXPECT_NE(RunQalam({"breaking", "add", "--help"}).out.find("--until"), std::string::npos);
  EXPECT_NE(RunQalam({"settings", "--help"}).out.find("date_style"), std::string::npos);
  EXPECT_EQ(RunQalam({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunQalam({"import", "--data", "x"}).exit_code, 2);  // FILE is required.
}

TEST_F(CliTest, InitRefusesAnExistingSite) {
  CommandResult again = RunQalam({"init", "--data", data_});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
}

TEST_F(CliTest, CommandsOnAMissingSiteExplain) {
  CommandResult r = RunQalam({"settings", "--data", dir_.path() + "/nothing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("qalam init --data"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/nothing"));  // Nothing created.
}

TEST_F(CliTest, ImportReportsBadLinesAndKeepsTheRest) {
  std::string file = dir_.path() + "/mixed.jsonl";
  WriteFile(file,
            R"({"id": "a1", "title": "عنوان صالح", "body": "نص صالح."})" "\n"
            "{not json\n"
            "\n"
            R"({"id": "a2", "body": "بلا عنوان"})" "\n"
            R"({"id": "a3", "title": "بلا نص"})" "\n"
            R"({"id": "a4", "title": "تاريخ خاطئ", "body": "نص", "published_at": "2022-02-30"})" "\n"
            R"x({"id": "a5", "title": "رابط خطر", "body": "نص", "related": [{"title": "x", "url": "javascript:alert(1)"}]})x" "\n"
            R"({"id": "a6", "title": "عنوان صالح آخر", "body": "نص آخر.", "status": "draft"})" "\n");
  CommandResult r = RunQalam({"import", "--data", data_, file});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("7 lines, 2 created, 0 updated, 0 unchanged, 5 skipped"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find(file + ":2: skipped: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":4: skipped: missing title"), std::string::npos);
  EXPECT_NE(r.err.find(file + ":5: skipped: missing body"), std::string::npos);
  EXPECT_NE(r.err.find(file + ":6: skipped: published_at"), std::string::npos);
  EXPECT_NE(r.err.find(file + ":7: skipped: related.url"), std::string::npos);

  CommandResult again = RunQalam({"import", "--data", data_, file});
  EXPECT_NE(again.out.find("0 created, 0 updated, 2 unchanged, 5 skipped"), std::string::npos) << again.out;
  EXPECT_EQ(RunQalam({"import", "--strict", "--data", data_, file}).exit_code, 3);
  CommandResult missing = RunQalam({"import", "--data", data_, dir_.path() + "/none.jsonl"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("cannot open"), std::string::npos);
}

TEST_F(CliTest, ArticlesWithoutIdAreNotDuplicatedByReimport) {
  // The id-less article's slug is taken by an article with an id, so it is
  // stored as "-2"; a re-import must find it again rather than add "-3".
  std::string file = dir_.path() + "/noid.jsonl";
  WriteFile(file, R"({"id": "with-id", "title": "عنوان مكرر", "body": "أول."})" "\n"
                  R"({"title": "عنوان مكرر", "body": "ثان بلا معرّف."})" "\n");
  CommandResult first = RunQalam({"import", "--data", data_, file});
  EXPECT_NE(first.out.find("2 created"), std::string::npos) << first.out;
  CommandResult again = RunQalam({"import", "--data", data_, file});
  EXPECT_NE(again.out.find("0 created, 0 updated, 2 unchanged"), std::string::npos) << again.out;
}

TEST_F(CliTest, ImportFromStandardInput) {
  CommandResult r = RunQalam({"import", "--data", data_, "-"},
                             R"({"id": "s1", "title": "من المدخل القياسي", "body": "نص."})" "\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("1 created"), std::string::npos);
}

TEST_F(CliTest, ImportsTheWholeAntCorpus) {
  std::string corpus = SharedDir() + "/data/ant-corpus/ant-qalam.jsonl";
  ASSERT_TRUE(std::filesystem::exists(corpus)) << corpus;
  CommandResult r = RunQalam({"import", "--data", data_, corpus});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // 23 empty bodies and 4 empty titles are skipped; everything else imports.
  EXPECT_NE(r.out.find("10161 lines, 10134 created, 0 updated, 0 unchanged, 27 skipped"),
            std::string::npos) << r.out;
  size_t reported = 0;
  for (size_t p = 0; (p = r.err.find(": skipped: ", p)) != std::string::npos; ++p) ++reported;
  EXPECT_EQ(reported, 27u);
  CommandResult again = RunQalam({"import", "--data", data_, corpus});
  EXPECT_NE(again.out.find("0 created, 0 updated, 10134 unchanged"), std::string::npos) << again.out;
}

TEST_F(CliTest, SettingsListGetSetAndValidate) {
  CommandResult list = RunQalam({"settings", "--data", data_});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("date_style\tegypt"), std::string::npos);
  EXPECT_NE(list.out.find("comment_terms\tعدم الإساءة للكاتب"), std::string::npos);
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "digits"}).out, "western\n");
  CommandResult set = RunQalam({"settings", "--data", data_, "site_name", "  صحيفة التجربة "});
  EXPECT_EQ(set.exit_code, 0);
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "site_name"}).out, "صحيفة التجربة\n");
  CommandResult bad = RunQalam({"settings", "--data", data_, "timezone", "Mars/Olympus"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("timezone must be an IANA time zone"), std::string::npos);
  CommandResult unknown = RunQalam({"settings", "--data", data_, "colour", "red"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown setting \"colour\""), std::string::npos);
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "page_size", "1000"}).exit_code, 1);
  CommandResult bad_text = RunQalam({"settings", "--data", data_, "site_name", "\xff\xfe"});
  EXPECT_EQ(bad_text.exit_code, 1);
  EXPECT_NE(bad_text.err.find("valid UTF-8"), std::string::npos);
  EXPECT_EQ(RunQalam({"settings", "--data", data_, "date_style"}).out, "egypt\n");  // Unchanged.
}

TEST_F(CliTest, BreakingValidatesItsInput) {
  CommandResult bad_link = RunQalam({"breaking", "add", "--data", data_, "نص", "--link", "javascript:x"});
  EXPECT_EQ(bad_link.exit_code, 1);
  EXPECT_NE(bad_link.err.find("--link must be"), std::string::npos);
  CommandResult past = RunQalam({"breaking", "add", "--data", data_, "نص", "--until", "2001-01-01"});
  EXPECT_EQ(past.exit_code, 1);
  EXPECT_NE(past.err.find("in the past"), std::string::npos);
  CommandResult bad_time = RunQalam({"breaking", "add", "--data", data_, "نص", "--until", "tomorrow"});
  EXPECT_EQ(bad_time.exit_code, 1);
  EXPECT_EQ(RunQalam({"breaking", "add", "--data", data_, "   "}).exit_code, 1);
  CommandResult remove = RunQalam({"breaking", "remove", "--data", data_, "999"});
  EXPECT_EQ(remove.exit_code, 1);
  EXPECT_NE(remove.err.find("no breaking item with id 999"), std::string::npos);
  CommandResult ok = RunQalam({"breaking", "add", "--data", data_, "خبر", "--until", "2099-01-01T12:00"});
  EXPECT_EQ(ok.exit_code, 0);
  CommandResult list = RunQalam({"breaking", "list", "--data", data_});
  EXPECT_NE(list.out.find("2099-01-01T12:00:00+03:00\tخبر\t-"), std::string::npos) << list.out;
}

// --starts, --urgent and --article, with precise refusals; list shows them.
TEST_F(CliTest, BreakingStartsUrgentAndArticle) {
  auto err = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"breaking", "add", "--data", data_, "خبر"});
    CommandResult r = RunQalam(args);
    EXPECT_EQ(r.exit_code, 1) << r.out;
    return r.err;
  };
  EXPECT_NE(err({"--starts", "tomorrow"}).find("--starts: "), std::string::npos);
  EXPECT_NE(err({"--starts", "2099-01-02T10:00", "--until", "2099-01-02T09:00"})
                .find("--until (2099-01-02T09:00) is not after --starts (2099-01-02T10:00)"),
            std::string::npos);
  EXPECT_NE(err({"--article", "abc"}).find("--article must be an article's id, a positive whole number (got \"abc\")"),
            std::string::npos);
  EXPECT_NE(err({"--article", "999999"}).find("--article: no article with id 999999"), std::string::npos);
  EXPECT_NE(err({"--article", "1", "--link", "/latest"}).find("give --link or --article, not both"),
            std::string::npos);
  EXPECT_EQ(RunQalam({"breaking", "list", "--all", "--data", data_}).out.find("خبر\t"), std::string::npos)
      << "nothing refused was stored";

  CommandResult scheduled = RunQalam({"breaking", "add", "--data", data_, "خبر مجدول", "--starts", "2099-01-02T10:00",
                                      "--until", "2099-01-02T12:00", "--urgent"});
  ASSERT_EQ(scheduled.exit_code, 0) << scheduled.err;
  CommandResult linked = RunQalam({"breaking", "add", "--data", data_, "خبر بمقال", "--article", "1"});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  CommandResult all = RunQalam({"breaking", "list", "--all", "--data", data_});
  EXPECT_NE(all.out.find("\tخبر مجدول\t-\t2099-01-02T10:00:00+03:00 (scheduled)\turgent\t-\n"), std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("\tخبر بمقال\t/article/"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("\t-\t-\tarticle:1\n"), std::string::npos) << all.out;
  CommandResult showing = RunQalam({"breaking", "list", "--data", data_});
  EXPECT_EQ(showing.out.find("خبر مجدول"), std::string::npos) << "not started: not shown";
  EXPECT_EQ(all.out.rfind(scheduled.out.substr(0, scheduled.out.find('\n')) + "\t", 0), 0u) << "urgent first";
}

// Issue 15: `breaking add --link $'/\t/evil.example'` was accepted, and a
// browser drops the tab and goes to evil.example. The command line now
// checks a link with the desk's own rule.
TEST_F(CliTest, BreakingRefusesLinksToAnotherHostLikeTheDesk) {
  for (const char* link : {"/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example",
                           "/a\\..\\/evil.example", "/x\ry", "https:///evil.example", "http:\\\\evil.example"}) {
    CommandResult r = RunQalam({"breaking", "add", "--data", data_, "خبر", "--link", link});
    EXPECT_EQ(r.exit_code, 1) << link;
    EXPECT_NE(r.err.find("--link must be"), std::string::npos) << r.err;
  }
  EXPECT_NE(RunQalam({"breaking", "add", "--data", data_, "خبر", "--link", "/\t/evil.example"}).err.find("/\\t/evil"),
            std::string::npos);  // The tab shown, not printed raw.
  EXPECT_EQ(RunQalam({"breaking", "list", "--data", data_, "--all"}).out.find("evil"), std::string::npos);
  CommandResult fine = RunQalam({"breaking", "add", "--data", data_, "خبر", "--link", "/article/1"});
  EXPECT_EQ(fine.exit_code, 0) << fine.err;
}

TEST_F(CliTest, CommandLineChangesAreAuditedAndFollowTheDesksRules) {
  ASSERT_EQ(RunQalam({"settings", "--data", data_, "site_name", "صحيفة السطر"}).exit_code, 0);
  CommandResult added = RunQalam({"breaking", "add", "--data", data_, "خبر من السطر"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string id = added.out.substr(0, added.out.find('\n'));
  ASSERT_EQ(RunQalam({"breaking", "remove", "--data", data_, id}).exit_code, 0);
  CommandResult too_long = RunQalam({"breaking", "add", "--data", data_, std::string(281, 'x')});
  EXPECT_EQ(too_long.exit_code, 1);
  EXPECT_NE(too_long.err.find("over 280 characters"), std::string::npos) << too_long.err;

  std::unique_ptr<Store> store;
  ASSERT_TRUE(OpenStore(data_, StoreOptions{}, &store).ok());
  std::vector<AuditEntry> audit;
  ASSERT_TRUE(store->ListAudit(0, 100, &audit).ok());
  auto has = [&](const std::string& action, const std::string& target) {
    for (const AuditEntry& e : audit) {
      if (e.action == action && e.target == target) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("settings.change", "setting:site_name"));
  EXPECT_TRUE(has("breaking.add", "breaking:" + id));
  EXPECT_TRUE(has("breaking.remove", "breaking:" + id));
}

TEST_F(CliTest, ServeRejectsABadListenAddress) {
  CommandResult r = RunQalam({"serve", "--data", data_, "--listen", "nonsense"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--listen must be HOST:PORT"), std::string::npos);
}

}  // namespace
}  // namespace qalam::testing
