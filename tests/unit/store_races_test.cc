// Two writers at once on every read-check-write method of the store: the desk
// save's version check, scheduled publishing, the last-admin rule and a
// moderator's decision. Each race runs many rounds on two stores opened on
// the same site (two servers), the two calls released together; the rule
// must hold in every round. Weakening a method's check (reading before its
// write instead of in it) makes these fail (issue 11's closing note).
#include <gtest/gtest.h>

#include <latch>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "services/article_text.h"
#include "store/store.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::NewUser;
using testing_backends::SaveArticle;
using testing_backends::StoreBackendTest;
using testing_backends::StoreBackends;

constexpr int kRounds = 40;

// Runs first(store_a) and second(store_b) at the same moment, each on its
// own thread, and returns their statuses.
template <typename A, typename B>
std::pair<Status, Status> AtOnce(A&& first, B&& second) {
  std::latch start(2);
  Status a, b;
  std::thread ta([&] {
    start.arrive_and_wait();
    a = first();
  });
  std::thread tb([&] {
    start.arrive_and_wait();
    b = second();
  });
  ta.join();
  tb.join();
  return {a, b};
}

class StoreRaceTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    other_ = OpenAgain();
    ASSERT_NE(other_, nullptr);
  }
  void TearDown() override {
    other_.reset();
    StoreBackendTest::TearDown();
  }

  // A new draft on the desk.
  Article NewDraft(const std::string& title) {
    Article a;
    a.title = title;
    a.body_markdown = "نص " + title;
    a.body_html = "<p>نص " + title + "</p>\n";
    a.status = ArticleStatus::kDraft;
    PrepareArticle(&a);  // Slugs, search text and terms come made (store.h).
    DeskSave save;
    save.revision.action = "save";
    save.revision.at = 1'800'000'000;
    std::set<std::string> changes;
    Status st = store_->SaveDeskArticle(&a, save, &changes);
    EXPECT_TRUE(st.ok()) << st.message();
    return a;
  }

  std::unique_ptr<Store> other_;
};

TEST_P(StoreRaceTest, TwoDeskSavesOfOneVersionOneWinsTheOtherConflicts) {
  Article a = NewDraft("مقال يحرره اثنان");
  for (int round = 0; round < kRounds; ++round) {
    const int64_t version = a.version;
    Article mine = a, theirs = a;
    mine.title = "عنواني " + std::to_string(round);
    theirs.title = "عنوان الزميل " + std::to_string(round);
    DeskSave save;
    save.expected_version = version;
    save.revision.action = "save";
    save.revision.at = 1'800'000'100 + round;
    std::set<std::string> c1, c2;
    auto [s1, s2] = AtOnce([&] { return store_->SaveDeskArticle(&mine, save, &c1); },
                           [&] { return other_->SaveDeskArticle(&theirs, save, &c2); });
    ASSERT_EQ(s1.ok() + s2.ok(), 1) << "round " << round << ": " << s1.message() << " / " << s2.message();
    const Status& lost = s1.ok() ? s2 : s1;
    EXPECT_EQ(lost.code(), Status::Code::kConflict) << lost.message();
    Article stored;
    ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
    EXPECT_EQ(stored.version, version + 1) << "round " << round;
    EXPECT_EQ(stored.title, s1.ok() ? mine.title : theirs.title) << "the winner's text, whole";
    a = stored;
  }
  std::vector<Revision> revisions;
  ASSERT_TRUE(store_->ListRevisions(a.id, &revisions).ok());
  EXPECT_EQ(revisions.size(), static_cast<size_t>(kRounds + 1)) << "one revision per winning save";
}

TEST_P(StoreRaceTest, TwoServersPublishAScheduledArticleOnce) {
  for (int round = 0; round < kRounds; ++round) {
    Article a = NewDraft("مقال مجدول " + std::to_string(round));
    a.workflow = Workflow::kScheduled;
    a.scheduled_at = 1'800'000'060 + round;
    DeskSave save;
    save.expected_version = a.version;
    save.revision.action = "schedule";
    save.revision.at = 1'800'000'001;
    std::set<std::string> changes;
    ASSERT_TRUE(store_->SaveDeskArticle(&a, save, &changes).ok());

    std::vector<Id> p1, p2;
    std::set<std::string> c1, c2;
    const int64_t now = a.scheduled_at + 5;
    auto [s1, s2] = AtOnce([&] { return store_->PublishDue(now, &p1, &c1); },
                           [&] { return other_->PublishDue(now, &p2, &c2); });
    ASSERT_TRUE(s1.ok()) << s1.message();
    ASSERT_TRUE(s2.ok()) << s2.message();
    EXPECT_EQ(p1.size() + p2.size(), 1u) << "round " << round << ": goes live exactly once";
    Article stored;
    ASSERT_TRUE(store_->GetArticleById(a.id, &stored).ok());
    EXPECT_EQ(stored.status, ArticleStatus::kPublished);
    EXPECT_EQ(stored.workflow, Workflow::kNone);
    EXPECT_EQ(stored.version, a.version + 1) << "one publication, one version";
  }
  std::vector<AuditEntry> audit;
  ASSERT_TRUE(store_->ListAudit(0, 1000, &audit).ok());
  size_t publications = 0;
  for (const AuditEntry& e : audit) publications += e.action == "article.publish";
  EXPECT_EQ(publications, static_cast<size_t>(kRounds)) << "one audit entry per article";
}

TEST_P(StoreRaceTest, TwoServersSeeingABreakingStartRecordItOnce) {
  for (int round = 0; round < kRounds; ++round) {
    BreakingItem item{0, "خبر مجدول " + std::to_string(round), "", 1'800'000'000, 0};
    item.starts_at = 1'800'000'060 + round;
    ASSERT_TRUE(store_->AddBreaking(&item).ok());
    int64_t before = 0;
    ASSERT_TRUE(store_->LastChangeId(&before).ok());
    bool changed1 = false, changed2 = false;
    auto [s1, s2] = AtOnce([&] { return store_->BreakingDue(item.starts_at, &changed1); },
                           [&] { return other_->BreakingDue(item.starts_at, &changed2); });
    ASSERT_TRUE(s1.ok()) << s1.message();
    ASSERT_TRUE(s2.ok()) << s2.message();
    EXPECT_NE(changed1, changed2) << "round " << round << ": told exactly once";
    int64_t after = 0;
    ASSERT_TRUE(store_->LastChangeId(&after).ok());
    EXPECT_EQ(after, before + 1) << "round " << round << ": one change row";
  }
}

TEST_P(StoreRaceTest, TwoAdminsRemovedAtOnceLeaveOneAdmin) {
  const User x = NewUser(*store_, "x@example.org", Role::kAdmin);
  const User y = NewUser(*store_, "y@example.org", Role::kAdmin);
  for (int round = 0; round < kRounds; ++round) {
    ASSERT_TRUE(store_->SetUserDisabled(x.id, false).ok());
    ASSERT_TRUE(store_->SetUserDisabled(y.id, false).ok());
    ASSERT_TRUE(store_->UpdateUserRole(x.id, Role::kAdmin).ok());
    ASSERT_TRUE(store_->UpdateUserRole(y.id, Role::kAdmin).ok());
    // Half the rounds demote both; the other half demote one and disable the other.
    const bool disable = round % 2 == 1;
    auto [s1, s2] = AtOnce([&] { return store_->UpdateUserRole(x.id, Role::kEditor); },
                           [&] {
                             return disable ? other_->SetUserDisabled(y.id, true)
                                            : other_->UpdateUserRole(y.id, Role::kWriter);
                           });
    EXPECT_EQ(s1.ok() + s2.ok(), 1) << "round " << round << ": " << s1.message() << " / " << s2.message();
    const Status& lost = s1.ok() ? s2 : s1;
    EXPECT_EQ(lost.code(), Status::Code::kConflict) << lost.message();
    int64_t admins = -1;
    ASSERT_TRUE(store_->CountActiveAdmins(&admins).ok());
    ASSERT_EQ(admins, 1) << "round " << round << ": the site is never left without an admin";
  }
}

TEST_P(StoreRaceTest, TwoModeratorsApprovingOneCommentMakeOneDecision) {
  const Id article = SaveArticle(*store_, MakeArticle("commented", "مقال للتعليق", 1'800'000'000)).id;
  ASSERT_GT(article, 0);
  std::set<std::string> changes;
  for (int round = 0; round < kRounds; ++round) {
    Comment c;
    c.article_id = article;
    c.name = "قارئ";
    c.email = "reader@example.com";
    c.email_hash = "h:reader";
    c.body = "تعليق ينتظر رقم " + std::to_string(round);
    c.state = CommentState::kPending;
    c.decision = "hold";
    c.address_hash = "addr";
    c.created_at = 1'800'000'100 + round;
    ASSERT_TRUE(store_->AddComment(&c, &changes).ok());

    bool changed1 = false, changed2 = false;
    std::set<std::string> c1, c2;
    AuditEntry e1{0, 1'800'000'200, 0, "", "comment.approve", "", ""};
    AuditEntry e2 = e1;
    auto [s1, s2] = AtOnce(
        [&] { return store_->DecideComment(c.id, CommentState::kApproved, 0, 1'800'000'200, "ok", &c1, &changed1, &e1); },
        [&] { return other_->DecideComment(c.id, CommentState::kApproved, 0, 1'800'000'200, "ok", &c2, &changed2, &e2); });
    ASSERT_TRUE(s1.ok()) << s1.message();
    ASSERT_TRUE(s2.ok()) << s2.message();
    EXPECT_EQ(changed1 + changed2, 1) << "round " << round << ": one decision, the other a repeat";
  }
  std::vector<std::pair<std::string, std::string>> log;
  ASSERT_TRUE(store_->LoadModerationLog(&log).ok());
  EXPECT_EQ(log.size(), static_cast<size_t>(kRounds)) << "one logged decision per comment";
  std::vector<AuditEntry> audit;
  ASSERT_TRUE(store_->ListAudit(0, 1000, &audit).ok());
  size_t approvals = 0;
  for (const AuditEntry& e : audit) approvals += e.action == "comment.approve";
  EXPECT_EQ(approvals, static_cast<size_t>(kRounds)) << "one audit entry per decision";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreRaceTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
