// Crash safety against the real binary: readers post comments through the
// real form, a chief editor publishes articles on the desk, `qalam breaking
// add` and a concurrent `qalam import` write too, and the server (and the
// import, when it still runs) is killed with SIGKILL at a random moment.
// A moderator decides readers' comments on the desk meanwhile. After each
// kill, with nothing running: every write that was acknowledged (a 303 to
// the client, a command's exit 0) is there, every acknowledged decision
// holds, and the store's own checks (integrity_check, foreign keys, FTS5's
// integrity-check, the search index against the published articles, every
// comment's state against its moderation log) find nothing. Then the server
// starts again on the same site for the next round.
//
// QALAM_CRASH_ROUNDS sets the number of kills (10 by default, as CI runs
// it; bench/crash runs 100 and prints the totals), QALAM_CRASH_DURABILITY
// the site's durability setting (full or normal; the default otherwise).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <cstdlib>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "desk_client.h"
#include "store/open_store.h"

namespace qalam::testing {
namespace {

int Rounds() {
  const char* env = std::getenv("QALAM_CRASH_ROUNDS");
  const int n = env ? std::atoi(env) : 0;
  return n > 0 ? n : 10;
}

// A child process running `qalam ARGS…` that the test can kill.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<std::string> all = {QalamBin()};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

class CrashTest : public DeskFixture {
 protected:
  void SetUp() override {
    DeskFixture::SetUp();
    WriteFile(dir_.path() + "/a.jsonl",
              R"({"id": "c0", "title": "مقال التعليقات", "slug": "comments-here", "published_at": "2025-12-01", "body": "نص."})"
              "\n");
    ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/a.jsonl"}).exit_code, 0);
    for (const auto& [key, value] : {std::pair{"comment_min_seconds", "0"}, std::pair{"comment_rate_per_hour", "1000"},
                                     std::pair{"comment_first_time", "never"}}) {
      ASSERT_EQ(RunQalam({"settings", "--data", data_, key, value}).exit_code, 0);
    }
    // bench/crash compares the two durability settings (the site's default otherwise).
    if (const char* durability = std::getenv("QALAM_CRASH_DURABILITY")) {
      ASSERT_EQ(RunQalam({"settings", "--data", data_, "durability", durability}).exit_code, 0);
    }
  }
  // The server's clock moves two hours a round, so that the per-address
  // comment limit (at most comment_rate_per_hour) never stops the readers.
  void StartAt(int round) {
    WriteFile(clock_ + ".tmp", std::to_string(kStart + round * 7200));
    std::rename((clock_ + ".tmp").c_str(), clock_.c_str());
    Start("off", {"--clock-file", clock_});
  }
  static constexpr int64_t kStart = 1767258000;  // 2026-01-01 09:00 UTC.
  std::string clock_ = dir_.path() + "/clock";
  void Kill() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    port_ = 0;
  }
};

TEST_F(CrashTest, EveryAcknowledgedWriteSurvivesSigkill) {
  StartAt(0);
  MakeUser("chief_editor", "chief@news.example", "رئيسة التحرير");
  Browser chief = SignedIn("chief@news.example");
  const std::string article = Field(NewBrowser().Get("/article/comments-here").body, "article");
  ASSERT_FALSE(article.empty());

  std::mt19937 random(20261207);
  std::set<int64_t> comments;              // Ids answered 303.
  std::set<std::string> published;         // Titles answered 303.
  std::set<std::string> breaking;          // Texts added with exit 0.
  std::set<std::string> imported;          // External ids of imports that exited 0.
  std::map<int64_t, std::string> decided;  // Comment → state, decisions answered 303.
  std::set<int64_t> deciding;              // Comments a decision was sent for.
  int imports_killed = 0;
  const int rounds = Rounds();
  for (int round = 0; round < rounds; ++round) {
    if (round > 0) StartAt(round);
    const int port = port_;
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::vector<std::thread> writers;
    for (int t = 0; t < 2; ++t) {
      writers.emplace_back([&, t] {
        Browser b(port);
        for (int i = 0; !stop; ++i) try {
          const Reply tok = b.Get("/api/comment-token?article=" + article);
          if (tok.status != 200) continue;
          const nlohmann::json j = nlohmann::json::parse(tok.body, nullptr, false);
          if (!j.contains("token")) continue;
          const Reply r = b.Post("/comments",
                                 {{"article", article}, {"parent", ""}, {"token", j["token"]}, {"website", ""},
                                  {"name", "قارئ"}, {"email", "r" + std::to_string(round) + "-" + std::to_string(t) + "-" +
                                                                std::to_string(i) + "@example.test"},
                                  {"comment", "تعليق " + std::to_string(round) + "/" + std::to_string(t) + "/" +
                                                  std::to_string(i)}});
          std::smatch m;
          const std::string location = r.header("location");
          if (r.status == 303 && std::regex_search(location, m, std::regex("posted=([0-9]+)"))) {
            std::lock_guard<std::mutex> lock(mu);
            comments.insert(std::stoll(m[1].str()));
          }
        } catch (const std::exception&) {
          // The server was killed mid-request: that write was never acknowledged.
        }
      });
    }
    writers.emplace_back([&] {
      Browser b(port);
      b.jar = chief.jar;
      for (int i = 0; !stop; ++i) try {
        const std::string title = "خبر الجولة " + std::to_string(round) + " رقم " + std::to_string(i);
        const std::string csrf = DeskCsrf(b);
        if (csrf.empty()) continue;
        const Reply r = b.Post("/admin/articles", {{"csrf", csrf},
                                                   {"version", "0"},
                                                   {"action", "publish"},
                                                   {"title", title},
                                                   {"body", "نص " + title + " في فقرة."},
                                                   {"section", "أخبار"}});
        if (r.status == 303) {
          std::lock_guard<std::mutex> lock(mu);
          published.insert(title);
        }
      } catch (const std::exception&) {
        // Killed mid-request: not acknowledged.
      }
    });
    // A moderator rejects, marks as spam or approves again (in turn) the
    // comments acknowledged so far, each once.
    writers.emplace_back([&] {
      Browser b(port);
      b.jar = chief.jar;
      static constexpr std::pair<const char*, const char*> kActions[] = {
          {"reject", "rejected"}, {"spam", "spam"}, {"approve", "approved"}};
      for (int i = 0; !stop; ++i) try {
        int64_t id = 0;
        {
          std::lock_guard<std::mutex> lock(mu);
          for (int64_t c : comments) {
            if (!decided.count(c) && !deciding.count(c)) {
              id = c;
              break;
            }
          }
          if (id) deciding.insert(id);
        }
        if (!id) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        const auto& [action, state] = kActions[i % 3];
        const std::string csrf = DeskCsrf(b);
        if (csrf.empty()) continue;
        const Reply r = b.Post("/admin/comments/" + std::to_string(id), {{"csrf", csrf}, {"action", action}});
        if (r.status == 303) {
          std::lock_guard<std::mutex> lock(mu);
          decided[id] = state;
        }
      } catch (const std::exception&) {
        // Killed mid-request: not acknowledged (and never tried again).
      }
    });
    writers.emplace_back([&] {
      for (int i = 0; !stop; ++i) {
        const std::string text = "عاجل " + std::to_string(round) + "-" + std::to_string(i);
        if (RunQalam({"breaking", "add", "--data", data_, text}).exit_code == 0) {
          std::lock_guard<std::mutex> lock(mu);
          breaking.insert(text);
        }
      }
    });
    // An import running alongside, killed too when it has not finished.
    std::string lines;
    std::vector<std::string> ids;
    // Small enough to finish before some kills, big enough to be cut by others.
    const int count = std::uniform_int_distribution<int>(40, 800)(random);
    for (int i = 0; i < count; ++i) {
      ids.push_back("imp-" + std::to_string(round) + "-" + std::to_string(i));
      lines += nlohmann::json{{"id", ids.back()},
                              {"title", "مقال مستورد " + ids.back()},
                              {"published_at", "2025-11-01"},
                              {"body", "نص المقال المستورد " + ids.back() + "."}}
                   .dump() +
               "\n";
    }
    const std::string file = dir_.path() + "/import-" + std::to_string(round) + ".jsonl";
    WriteFile(file, lines);
    const pid_t importer = Spawn({"import", "--data", data_, file});

    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(300, 1500)(random)));
    Kill();
    int status = 0;
    if (waitpid(importer, &status, WNOHANG) == 0) {
      kill(importer, SIGKILL);
      waitpid(importer, &status, 0);
      ++imports_killed;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      imported.insert(ids.begin(), ids.end());
    }
    stop = true;
    for (std::thread& t : writers) t.join();

    // Nothing runs now: the site as the disk holds it.
    std::unique_ptr<Store> store;
    ASSERT_TRUE(OpenStore(data_, StoreOptions{}, &store).ok());
    std::vector<std::string> problems;
    ASSERT_TRUE(store->CheckIntegrity(&problems).ok());
    ASSERT_TRUE(problems.empty()) << "round " << round << ": " << problems[0];
    std::vector<Comment> stored;
    ASSERT_TRUE(store->ListArticleComments(std::stoll(article), &stored).ok());
    std::set<int64_t> present;
    for (const Comment& c : stored) present.insert(c.id);
    for (int64_t id : comments) ASSERT_TRUE(present.count(id)) << "round " << round << ": comment " << id << " lost";
    std::map<int64_t, std::string> states;
    for (const Comment& c : stored) states[c.id] = ToString(c.state);
    for (const auto& [id, state] : decided) {
      ASSERT_EQ(states[id], state) << "round " << round << ": the decision on comment " << id << " was lost";
    }
    std::vector<BreakingItem> items;
    ASSERT_TRUE(store->ListBreaking(0, &items).ok());
    std::set<std::string> texts;
    for (const BreakingItem& b : items) texts.insert(b.text);
    for (const std::string& t : breaking) ASSERT_TRUE(texts.count(t)) << "round " << round << ": breaking " << t << " lost";
    std::vector<Id> all;
    ASSERT_TRUE(store->ListAllArticleIds(&all).ok());
    std::set<std::string> titles, external;
    for (Id id : all) {
      Article a;
      ASSERT_TRUE(store->GetArticleById(id, &a).ok());
      if (a.status == ArticleStatus::kPublished) titles.insert(a.title);
      external.insert(a.external_id);
    }
    for (const std::string& t : published) ASSERT_TRUE(titles.count(t)) << "round " << round << ": «" << t << "» lost";
    for (const std::string& id : imported) ASSERT_TRUE(external.count(id)) << "round " << round << ": " << id << " lost";
  }
  std::cerr << "crash test: " << rounds << " kills (durability "
            << (std::getenv("QALAM_CRASH_DURABILITY") ? std::getenv("QALAM_CRASH_DURABILITY") : "default")
            << "); acknowledged and found after them: " << comments.size()
            << " comments, " << decided.size() << " moderator decisions, " << published.size()
            << " desk publications, " << breaking.size()
            << " breaking items, " << imported.size() << " imported articles (" << imports_killed
            << " imports killed mid-way); 0 lost, 0 inconsistent\n";
  EXPECT_GT(comments.size(), 0u);
  EXPECT_GT(published.size(), 0u);
  EXPECT_GT(decided.size(), 0u);
}

}  // namespace
}  // namespace qalam::testing
