// Backups (services/site_backup.h) on a SQLite site: what a backup holds,
// a round trip, the store's own checks (CopyTo, CheckIntegrity finding an
// index out of step), and restore refusing hostile archives (names that
// climb out of the folder, links, entries after the manifest, a manifest
// that does not match) without writing anything outside its staging folder.
#include "services/site_backup.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::SqliteSiteTest;

struct Entry {
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;
  std::string link = {};
};

// A tar file of `entries`, as an attacker would make one.
void WriteTar(const std::string& path, const std::vector<Entry>& entries) {
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const Entry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    if (!e.link.empty()) archive_entry_set_symlink(entry, e.link.c_str());
    archive_write_header(a, entry);
    if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

class SiteBackupTest : public SqliteSiteTest {
 protected:
  void SetUp() override {
    SqliteSiteTest::SetUp();
    SaveArticle(*store_, MakeArticle("k1", "خبر محفوظ", 1700000000));
    fs::create_directories(location_ + "/media");
    std::ofstream(location_ + "/media/x-320.jpg") << "pixels";
  }
  std::string Backup() {
    const std::string file = dir_ + "/backup.tar";
    BackupSummary summary;
    Status st = BackupSite(*store_, location_, file, 1700000500, &summary);
    EXPECT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(summary.files, 1);
    EXPECT_GT(summary.database_bytes, 0);
    return file;
  }
  Status Restore(const std::string& file, const std::string& target, bool force = false) {
    RestoreOptions options;
    options.force = force;
    options.now = 1700001000;
    RestoreSummary summary;
    return RestoreSite(file, target, options, &summary);
  }
};

TEST_F(SiteBackupTest, HoldsTheDatabaseTheMediaAndAManifestLast) {
  const std::string file = Backup();
  archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  ASSERT_EQ(archive_read_open_filename(a, file.c_str(), 1 << 16), ARCHIVE_OK);
  std::vector<std::string> names;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(a, &entry) == ARCHIVE_OK) names.push_back(archive_entry_pathname(entry));
  archive_read_free(a);
  EXPECT_EQ(names, (std::vector<std::string>{"qalam.db", "media/x-320.jpg", "qalam-backup.json"}));

  const std::string target = dir_ + "/restored";
  ASSERT_TRUE(Restore(file, target).ok());
  std::unique_ptr<Store> back;
  ASSERT_TRUE(OpenStore(target, StoreOptions{}, &back).ok());
  Article a2;
  EXPECT_TRUE(back->GetArticleBySlug("خبر-محفوظ", &a2).ok());
  EXPECT_EQ(Read(target + "/media/x-320.jpg"), "pixels");
  EXPECT_FALSE(fs::exists(target + "/qalam-backup.json")) << "the manifest stays in the file";
}

TEST_F(SiteBackupTest, CheckIntegrityFindsACommentStateItsLogDoesNotExplain) {
  Article a;
  ASSERT_TRUE(store_->GetArticleBySlug("خبر-محفوظ", &a).ok());
  auto add = [&](const std::string& body, CommentState state, const std::string& decision) {
    Comment c;
    c.article_id = a.id;
    c.name = "قارئ";
    c.email = "reader@example.com";
    c.email_hash = "h";
    c.body = body;
    c.state = state;
    c.decision = decision;
    c.created_at = 1700000100;
    std::set<std::string> changes;
    EXPECT_TRUE(store_->AddComment(&c, &changes).ok());
    return c.id;
  };
  const Id approved = add("مقبول من الآلة", CommentState::kApproved, "approve");
  const Id held = add("ينتظر", CommentState::kPending, "hold");
  const Id decided = add("قرار المشرف", CommentState::kPending, "hold");
  std::set<std::string> changes;
  ASSERT_TRUE(store_->DecideComment(decided, CommentState::kRejected, 0, 1700000200, "offensive", &changes).ok());
  std::vector<std::string> problems;
  ASSERT_TRUE(store_->CheckIntegrity(&problems).ok());
  EXPECT_TRUE(problems.empty()) << problems[0];

  // States changed behind the store's back: a held comment shown with no
  // decision, and a decided one whose state is not its last decision.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((location_ + "/qalam.db").c_str(), &db), SQLITE_OK);
  const std::string sql = "UPDATE comments SET state = 'approved' WHERE id IN (" + std::to_string(held) + ", " +
                          std::to_string(decided) + ")";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(store_->CheckIntegrity(&problems).ok());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("comment " + std::to_string(held) + " is approved"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("comment " + std::to_string(decided) + " is approved"), std::string::npos) << problems[1];
  (void)approved;
}

TEST_F(SiteBackupTest, CheckIntegrityFindsAnIndexOutOfStep) {
  std::vector<std::string> problems;
  ASSERT_TRUE(store_->CheckIntegrity(&problems).ok());
  EXPECT_TRUE(problems.empty()) << problems[0];
  // An article's title changes behind the store's back: the index no
  // longer holds what the article says.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((location_ + "/qalam.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE articles SET title = 'عنوان آخر'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(store_->CheckIntegrity(&problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("is not the article's"), std::string::npos) << problems[0];

  // Such a database is refused by restore.
  const std::string file = Backup();
  const std::string target = dir_ + "/restored";
  Status st = Restore(file, target);
  EXPECT_TRUE(st.IsInvalid()) << st.message();
  EXPECT_NE(st.message().find("not consistent"), std::string::npos) << st.message();
  EXPECT_FALSE(fs::exists(target + "/qalam.db"));
}

TEST_F(SiteBackupTest, RestoreRefusesHostileArchivesAndWritesNothingOutside) {
  const std::string good = Backup();
  // The real database, to dress hostile files up as backups.
  std::string db;
  {
    archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    ASSERT_EQ(archive_read_open_filename(a, good.c_str(), 1 << 16), ARCHIVE_OK);
    archive_entry* entry = nullptr;
    ASSERT_EQ(archive_read_next_header(a, &entry), ARCHIVE_OK);
    db.resize(static_cast<size_t>(archive_entry_size(entry)));
    ASSERT_EQ(archive_read_data(a, db.data(), db.size()), static_cast<la_ssize_t>(db.size()));
    archive_read_free(a);
  }
  const std::string manifest = R"({"format": "qalam-backup", "version": 1, "files": 1})";
  const std::vector<std::vector<Entry>> hostile = {
      {{"qalam.db", db}, {"../escaped", "x"}, {"qalam-backup.json", manifest}},
      {{"qalam.db", db}, {"media/../../escaped", "x"}, {"qalam-backup.json", manifest}},
      {{"qalam.db", db}, {"/tmp/escaped-absolute", "x"}, {"qalam-backup.json", manifest}},
      {{"qalam.db", db}, {"media/link", "", AE_IFLNK, "/etc/passwd"}, {"qalam-backup.json", manifest}},
      {{"qalam.db", db}, {"elsewhere/file", "x"}, {"qalam-backup.json", manifest}},
      {{"qalam.db", db}, {"media/a", "x"}, {"qalam-backup.json", manifest}, {"media/late", "x"}},
      {{"qalam.db", db}, {"media/a", "x"}},  // No manifest: cut short.
      {{"qalam.db", db}, {"qalam-backup.json", manifest}},  // One file short of its manifest.
      {{"qalam.db", db}, {"media/a", "x"}, {"qalam-backup.json", R"({"format": "something-else"})"}},
      {{"qalam.db", "not a database"}, {"media/a", "x"}, {"qalam-backup.json", manifest}},
  };
  for (size_t i = 0; i < hostile.size(); ++i) {
    const std::string file = dir_ + "/hostile-" + std::to_string(i) + ".tar";
    WriteTar(file, hostile[i]);
    const std::string target = dir_ + "/target-" + std::to_string(i);
    Status st = Restore(file, target);
    EXPECT_FALSE(st.ok()) << "case " << i;
    EXPECT_FALSE(fs::exists(target + "/qalam.db")) << "case " << i;
    EXPECT_TRUE(fs::is_empty(target)) << "case " << i << ": nothing left in the folder";
  }
  EXPECT_FALSE(fs::exists(dir_ + "/escaped"));
  EXPECT_FALSE(fs::exists("/tmp/escaped-absolute"));
  // The good one still restores.
  EXPECT_TRUE(Restore(good, dir_ + "/target-good").ok());
}

}  // namespace
}  // namespace qalam
