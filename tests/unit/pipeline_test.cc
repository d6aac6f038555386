// The moderation pipeline (moderation/pipeline.h): each step's reasons and
// how the mode and trust settle the verdict.
#include "moderation/pipeline.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

TermMatcher Terms() {
  return TermMatcher({Term{"كلب", TermAction::kReject, "insult"}, Term{"طائفي", TermAction::kHold, "sect"}});
}

bool HasCode(const ModerationOutcome& o, const std::string& code) {
  for (const auto& r : o.reasons) if (r.code == code) return true;
  return false;
}

TEST(Moderate, CleanTextIsApprovedAndSaysNoClassifierIsTrained) {
  TermMatcher terms = Terms();
  ModerationOutcome o = Moderate("مقال ممتاز، شكرًا للكاتب.", &terms, nullptr, ModerationPolicy{}, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kApprove);
  EXPECT_TRUE(HasCode(o, "no_classifier"));
  EXPECT_FALSE(o.has_scores);
}

TEST(Moderate, TermsRejectOrHoldAndSayWhereTheyMatched) {
  TermMatcher terms = Terms();
  const std::string text = "أنت ك ل ب يا هذا";
  ModerationOutcome o = Moderate(text, &terms, nullptr, ModerationPolicy{}, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kReject);
  ASSERT_TRUE(HasCode(o, "term_reject"));
  for (const auto& r : o.reasons) {
    if (r.code != "term_reject") continue;
    EXPECT_EQ(r.term, "كلب");
    EXPECT_EQ(r.category, "insult");
    EXPECT_EQ(text.substr(r.begin, r.end - r.begin), "ك ل ب");
    // The moderators read the category in Arabic; the code stays in "category".
    EXPECT_NE(r.message.find("(إهانة)"), std::string::npos) << r.message;
    EXPECT_EQ(r.message.find("insult"), std::string::npos) << r.message;
  }
  o = Moderate("هذا كلام طائفي", &terms, nullptr, ModerationPolicy{}, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kHold);
  EXPECT_TRUE(HasCode(o, "term_hold"));
}

TEST(Moderate, SpamGuards) {
  ModerationPolicy policy;
  SpamSignals spam;
  spam.seconds_to_fill = 60;
  spam.honeypot_filled = true;
  ModerationOutcome o = Moderate("نص عادي", nullptr, nullptr, policy, &spam);
  EXPECT_EQ(o.verdict, Verdict::kReject);
  EXPECT_TRUE(o.spam);
  EXPECT_TRUE(HasCode(o, "honeypot"));
  spam = SpamSignals{};
  spam.seconds_to_fill = 1;
  o = Moderate("نص عادي", nullptr, nullptr, policy, &spam);
  EXPECT_TRUE(o.spam && HasCode(o, "too_fast"));
  spam = SpamSignals{};
  spam.seconds_to_fill = 60;
  spam.history.duplicates = 1;
  o = Moderate("نص عادي", nullptr, nullptr, policy, &spam);
  EXPECT_TRUE(o.spam && HasCode(o, "duplicate"));
  o = Moderate("روابط https://a.example/ و https://b.example/ و https://c.example/", nullptr, nullptr, policy, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kHold);
  EXPECT_FALSE(o.spam);
  EXPECT_TRUE(HasCode(o, "links"));
}

TEST(Moderate, ModesAndTrust) {
  TermMatcher terms = Terms();
  ModerationPolicy pre;
  pre.mode = ModerationMode::kPre;
  ModerationOutcome o = Moderate("تعليق لطيف", &terms, nullptr, pre, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kHold);
  EXPECT_TRUE(HasCode(o, "pre_moderation"));

  ModerationPolicy post;
  post.mode = ModerationMode::kPost;
  o = Moderate("هذا كلام طائفي", &terms, nullptr, post, nullptr);
  EXPECT_EQ(o.verdict, Verdict::kApprove);
  EXPECT_TRUE(o.flagged);
  SpamSignals bot;
  bot.honeypot_filled = true;
  o = Moderate("تعليق", &terms, nullptr, post, &bot);
  EXPECT_EQ(o.verdict, Verdict::kReject) << "post-moderation still stops spam";

  ModerationPolicy trusting = pre;
  trusting.trust = true;
  SpamSignals known;
  known.seconds_to_fill = 60;
  known.history.approved_by_email = 3;
  o = Moderate("هذا كلام طائفي", &terms, nullptr, trusting, &known);
  EXPECT_EQ(o.verdict, Verdict::kApprove) << "a trusted commenter skips a hold";
  EXPECT_TRUE(HasCode(o, "trusted"));
  o = Moderate("يا كلب", &terms, nullptr, trusting, &known);
  EXPECT_EQ(o.verdict, Verdict::kReject) << "never a term's rejection";
  known.history.rejected_by_email = 1;
  o = Moderate("هذا كلام طائفي", &terms, nullptr, trusting, &known);
  EXPECT_EQ(o.verdict, Verdict::kHold) << "not trusted after a rejection";
}

TEST(Moderate, OutcomeJsonHasTheContractShape) {
  TermMatcher terms = Terms();
  nlohmann::json j = OutcomeJson(Moderate("يا كلب", &terms, nullptr, ModerationPolicy{}, nullptr));
  EXPECT_EQ(j["decision"], "reject");
  EXPECT_TRUE(j["scores"].is_null());
  ASSERT_TRUE(j["reasons"].is_array());
  EXPECT_EQ(j["reasons"][0]["code"], "term_reject");
  EXPECT_EQ(j["reasons"][0]["term"], "كلب");
}


TEST(CategoryName, KnownCategoriesAreArabicAndAnAdminsOwnIsKept) {
  EXPECT_EQ(CategoryName("insult"), "إهانة");
  EXPECT_EQ(CategoryName("religion"), "الأديان");
  EXPECT_EQ(CategoryName("hate"), "كراهية");
  EXPECT_EQ(CategoryName("offensive"), "إساءة");
  EXPECT_EQ(CategoryName("سياسة"), "سياسة");
  EXPECT_EQ(CategoryName(""), "");
}

}  // namespace
}  // namespace qalam
