// `qalam backup` and `qalam restore` against the real binary, during a
// comment storm: readers post through the real form while the backup is
// made; the backup restored into a new folder passes the store's integrity
// checks and holds every comment acknowledged (303) before the backup
// began, and the site's media and classifier files. Restore refuses while
// a server runs on the folder, refuses to replace a site without --force
// and keeps the replaced one aside with it, and refuses a cut file leaving
// the folder as it was.
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "desk_client.h"
#include "server_process.h"
#include "store/open_store.h"

namespace qalam::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    WriteFile(dir_.path() + "/a.jsonl",
              R"({"id": "b1", "title": "مقال النسخ الاحتياطي", "slug": "backup-article", "published_at": "2025-12-01", "body": "نص المقال."})"
              "\n");
    ASSERT_EQ(RunQalam({"import", "--data", data_, dir_.path() + "/a.jsonl"}).exit_code, 0);
    for (const auto& [key, value] : {std::pair{"comment_min_seconds", "0"}, std::pair{"comment_rate_per_hour", "1000"},
                                     std::pair{"comment_first_time", "never"}}) {
      ASSERT_EQ(RunQalam({"settings", "--data", data_, key, value}).exit_code, 0);
    }
    // A media file and a classifier file, as a site has them.
    fs::create_directories(data_ + "/media/.originals");
    WriteFile(data_ + "/media/abc123-640.webp", std::string("RIFF\0\0\0\0WEBPVP8 picture", 22));
    WriteFile(data_ + "/media/.originals/abc123.jpg", "\xff\xd8\xff original bytes");
    fs::create_directories(data_ + "/moderation");
    WriteFile(data_ + "/moderation/model.json", "{\"hold\": 0.5}\n");
  }
  TempDir dir_;
  std::string data_;
};

TEST_F(BackupTest, RestoredDuringACommentStormWithEveryAcknowledgedComment) {
  ServerProcess server(data_);
  const std::string article = Field(Browser(server.port()).Get("/article/backup-article").body, "article");
  ASSERT_FALSE(article.empty());

  // The storm: readers posting through the real form, each 303 recorded
  // with the moment it came back.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::pair<int64_t, std::chrono::steady_clock::time_point>> acknowledged;
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      Browser b(server.port());
      for (int i = 0; !stop; ++i) {
        const Reply tok = b.Get("/api/comment-token?article=" + article);
        if (tok.status != 200) continue;
        const std::string token = nlohmann::json::parse(tok.body)["token"];
        const Reply r = b.Post("/comments", {{"article", article}, {"parent", ""}, {"token", token}, {"website", ""},
                                             {"name", "قارئ " + std::to_string(t)},
                                             {"email", "r" + std::to_string(t) + "-" + std::to_string(i) + "@example.test"},
                                             {"comment", "تعليق رقم " + std::to_string(i) + " من القارئ " + std::to_string(t)}});
        const auto at = std::chrono::steady_clock::now();
        std::smatch m;
        const std::string location = r.header("location");
        if (r.status == 303 && std::regex_search(location, m, std::regex("posted=([0-9]+)"))) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.emplace_back(std::stoll(m[1].str()), at);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const auto began = std::chrono::steady_clock::now();
  const std::string file = dir_.path() + "/site.qalam-backup";
  CommandResult backup = RunQalam({"backup", "--data", data_, file});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (std::thread& t : readers) t.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_TRUE(Has(backup.err, "3 files (")) << backup.err;
  std::set<int64_t> before;
  size_t after = 0;
  for (const auto& [id, at] : acknowledged) {
    if (at < began) before.insert(id); else ++after;
  }
  ASSERT_GE(before.size(), 5u) << "the storm was on before the backup began";
  EXPECT_GT(after, 0u) << "and went on while it was made";

  // Not over a running site.
  CommandResult busy = RunQalam({"restore", "--data", data_, file, "--force"});
  EXPECT_EQ(busy.exit_code, 1);
  EXPECT_TRUE(Has(busy.err, "stop it before restoring")) << busy.err;

  const std::string restored = dir_.path() + "/restored";
  CommandResult r = RunQalam({"restore", "--data", restored, file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.err, "integrity ok"));
  {
    std::unique_ptr<Store> store;
    ASSERT_TRUE(OpenStore(restored, StoreOptions{}, &store).ok());
    std::vector<std::string> problems;
    ASSERT_TRUE(store->CheckIntegrity(&problems).ok());
    EXPECT_TRUE(problems.empty()) << problems[0];
    std::vector<Comment> comments;
    ASSERT_TRUE(store->ListArticleComments(std::stoll(article), &comments).ok());
    std::set<int64_t> present;
    for (const Comment& c : comments) present.insert(c.id);
    for (int64_t id : before) EXPECT_TRUE(present.count(id)) << "comment " << id << " was acknowledged before the backup";
  }
  EXPECT_EQ(ReadBytes(restored + "/media/abc123-640.webp"), ReadBytes(data_ + "/media/abc123-640.webp"));
  EXPECT_EQ(ReadBytes(restored + "/media/.originals/abc123.jpg"), "\xff\xd8\xff original bytes");
  EXPECT_EQ(ReadBytes(restored + "/moderation/model.json"), "{\"hold\": 0.5}\n");
  {
    ServerProcess again(restored);
    EXPECT_TRUE(Has(Get(again.port(), "/article/backup-article").body, "مقال النسخ الاحتياطي"));
  }

  // A site is there now: replaced only with --force, and kept aside.
  CommandResult refused = RunQalam({"restore", "--data", restored, file});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(Has(refused.err, "already holds a site")) << refused.err;
  CommandResult forced = RunQalam({"restore", "--data", restored, file, "--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(forced.err, m, std::regex("kept in (\\S+)"))) << forced.err;
  EXPECT_TRUE(fs::exists(m[1].str() + "/qalam.db"));
  EXPECT_TRUE(fs::exists(m[1].str() + "/media/abc123-640.webp"));
}

TEST_F(BackupTest, ACutOrForeignFileIsRefusedAndChangesNothing) {
  const std::string file = dir_.path() + "/site.tar";
  ASSERT_EQ(RunQalam({"backup", "--data", data_, file}).exit_code, 0);
  EXPECT_FALSE(fs::exists(file + ".partial")) << "nothing half-made left beside it";
  const std::string whole = ReadBytes(file);
  const std::string cut = dir_.path() + "/cut.tar";
  WriteFile(cut, whole.substr(0, whole.size() / 2));
  const std::string target = dir_.path() + "/target";
  CommandResult r = RunQalam({"restore", "--data", target, cut});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Has(r.err, "unchanged")) << r.err;
  EXPECT_FALSE(fs::exists(target + "/qalam.db"));
  EXPECT_TRUE(fs::is_empty(target)) << "no staging folder left behind";

  // Over an existing site with --force: the site stays as it was.
  const std::string before = ReadBytes(data_ + "/qalam.db");
  r = RunQalam({"restore", "--data", data_, cut, "--force"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadBytes(data_ + "/qalam.db"), before);

  const std::string foreign = dir_.path() + "/foreign.tar";
  WriteFile(foreign, "this is not a tar file at all");
  r = RunQalam({"restore", "--data", target, foreign});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(fs::exists(target + "/qalam.db"));
}

}  // namespace
}  // namespace qalam::testing
