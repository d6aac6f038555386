// Imports from another system in the store, on every backend: one batch of
// posts with their comments and old addresses in one transaction, found
// again by origin and old ID, written only when their hash moved on.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/change_keys.h"
#include "services/article_text.h"
#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

class ImportsStoreTest : public StoreBackendTest {
 protected:
  static ImportedComment MakeComment(const std::string& id, const std::string& parent,
                                     const std::string& body, CommentState state) {
    ImportedComment ic;
    ic.old_id = id;
    ic.old_parent_id = parent;
    ic.hash = "h-" + body + ToString(state);
    ic.comment.name = "قارئ";
    ic.comment.email = "r@example.test";
    ic.comment.email_hash = "eh";
    ic.comment.body = body;
    ic.comment.state = state;
    ic.comment.created_at = 1700000100;
    return ic;
  }
  ImportBatch Batch() {
    ImportBatch batch;
    batch.origin = "news.example.test";
    ImportedArticle ia;
    ia.old_id = "11";
    ia.hash = "v1";
    ia.article = MakeArticle("wp:news.example.test:11", "الميزانية الجديدة");
    ia.article.section = Section{0, "اقتصاد", ""};
    PrepareArticle(&ia.article);
    ia.comments.push_back(MakeComment("2", "", "تعليق أول", CommentState::kApproved));
    ia.comments.push_back(MakeComment("3", "2", "رد على التعليق", CommentState::kApproved));
    ia.comments.push_back(MakeComment("4", "99", "رد بلا أصل", CommentState::kPending));
    ia.old_paths = {"/2026/09/budget", "/?p=11"};
    batch.articles.push_back(ia);
    batch.addresses.push_back(OldAddress{"/category/economy", "section", 0, "اقتصاد", ""});
    batch.addresses.push_back(OldAddress{"/category/nothing", "section", 0, "لا شيء", ""});
    return batch;
  }
};

TEST_P(ImportsStoreTest, ABatchSavesPostsCommentsThreadsAndAddressesTogether) {
  ImportBatch batch = Batch();
  ImportBatchResult result;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&batch, &result, &changes).ok());
  EXPECT_EQ(result.articles_created, 1);
  EXPECT_EQ(result.comments_created, 3);
  ASSERT_EQ(result.article_ids.size(), 1u);
  const Id id = result.article_ids[0];
  EXPECT_TRUE(changes.count(keys::Article(id)));

  std::vector<Comment> shown;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListApprovedComments(id, false, 0, 10, &shown, &total).ok());
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[1].parent_id, shown[0].id);
  EXPECT_EQ(shown[1].depth, 1);
  ASSERT_EQ(result.problems.size(), 2u);  // The missing parent and the unknown section.
  EXPECT_NE(result.problems[0].find("comment 4: its parent 99"), std::string::npos);
  EXPECT_NE(result.problems[1].find("/category/nothing"), std::string::npos);

  OldAddress old;
  ASSERT_TRUE(store_->FindOldAddress("/?p=11", &old).ok());
  EXPECT_EQ(old.target_kind, "article");
  EXPECT_EQ(old.target_id, id);
  ASSERT_TRUE(store_->FindOldAddress("/category/economy", &old).ok());
  EXPECT_EQ(old.target_kind, "section");
  EXPECT_GT(old.target_id, 0);
  EXPECT_TRUE(store_->FindOldAddress("/category/nothing", &old).IsNotFound());

  std::vector<ImportedObject> comments;
  ASSERT_TRUE(store_->LoadImported("news.example.test", "comment", &comments).ok());
  EXPECT_EQ(comments.size(), 3u);
}

TEST_P(ImportsStoreTest, TheSameBatchAgainWritesNothing) {
  ImportBatch first = Batch();
  ImportBatchResult r1;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&first, &r1, &changes).ok());
  ImportBatch again = Batch();
  ImportBatchResult r2;
  std::set<std::string> changes2;
  ASSERT_TRUE(store_->SaveImportBatch(&again, &r2, &changes2).ok());
  EXPECT_EQ(r2.articles_unchanged, 1);
  EXPECT_EQ(r2.articles_created + r2.articles_updated, 0);
  EXPECT_EQ(r2.comments_unchanged, 3);
  EXPECT_EQ(r2.comments_created + r2.comments_updated, 0);
  EXPECT_TRUE(changes2.empty()) << *changes2.begin();
  EXPECT_EQ(r2.article_ids, r1.article_ids);
}

TEST_P(ImportsStoreTest, AChangedPostOrCommentIsUpdatedInPlace) {
  ImportBatch first = Batch();
  ImportBatchResult r1;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&first, &r1, &changes).ok());
  ImportBatch second = Batch();
  second.articles[0].hash = "v2";
  second.articles[0].article.title = "الميزانية الجديدة: تعديل";
  PrepareArticle(&second.articles[0].article);
  second.articles[0].comments[0] = MakeComment("2", "", "تعليق أول", CommentState::kSpam);
  ImportBatchResult r2;
  std::set<std::string> changes2;
  ASSERT_TRUE(store_->SaveImportBatch(&second, &r2, &changes2).ok());
  EXPECT_EQ(r2.articles_updated, 1);
  EXPECT_EQ(r2.comments_updated, 1);
  EXPECT_EQ(r2.comments_unchanged, 2);
  EXPECT_EQ(r2.article_ids, r1.article_ids);
  Article a;
  ASSERT_TRUE(store_->GetArticleById(r1.article_ids[0], &a).ok());
  EXPECT_EQ(a.title, "الميزانية الجديدة: تعديل");
  std::vector<Comment> shown;
  int64_t total = 0;
  ASSERT_TRUE(store_->ListApprovedComments(a.id, false, 0, 10, &shown, &total).ok());
  EXPECT_TRUE(shown.empty());  // The thread's root is spam now: its reply is not shown.
}

TEST_P(ImportsStoreTest, TwoSitesWithTheSameIdsDoNotCollide) {
  ImportBatch a = Batch();
  ImportBatch b = Batch();
  b.origin = "other.example.test";
  b.articles[0].article.external_id = "wp:other.example.test:11";
  b.articles[0].old_paths = {"/other/2026/09/budget"};
  b.addresses.clear();
  ImportBatchResult ra, rb;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&a, &ra, &changes).ok());
  ASSERT_TRUE(store_->SaveImportBatch(&b, &rb, &changes).ok());
  EXPECT_EQ(rb.articles_created, 1);
  EXPECT_EQ(rb.comments_created, 3);
  EXPECT_NE(ra.article_ids[0], rb.article_ids[0]);
}

TEST_P(ImportsStoreTest, DeskFieldsOfTheImportAreWritten) {
  ImportBatch batch = Batch();
  Article& art = batch.articles[0].article;
  art.status = ArticleStatus::kDraft;
  art.workflow = Workflow::kScheduled;
  art.scheduled_at = 1900000000;
  ImportBatchResult result;
  std::set<std::string> changes;
  ASSERT_TRUE(store_->SaveImportBatch(&batch, &result, &changes).ok());
  Article stored;
  ASSERT_TRUE(store_->GetArticleById(result.article_ids[0], &stored).ok());
  EXPECT_EQ(stored.workflow, Workflow::kScheduled);
  EXPECT_EQ(stored.scheduled_at, 1900000000);
  EXPECT_EQ(stored.status, ArticleStatus::kDraft);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportsStoreTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
