// The moderation pipeline: one comment in, a verdict (approve, hold,
// reject) out, with every reason that led to it. The site runs it on each
// posted comment; `qalam moderation score` runs it without the spam guards
// that need a request. Steps, each recording its reasons:
//   1. spam guards (honeypot, time to fill the form, duplicates, links);
//   2. the site's term lists (moderation/term_matcher.h), reject or hold;
//   3. the classifier's scores against the hold and reject thresholds;
//   4. the mode: pre-moderation holds everything, post-moderation publishes
//      everything but spam and flags what the rules would have held;
//   5. trust: with the setting on, a commenter whose earlier comments were
//      all approved skips a hold (never a term's rejection);
//   6. first-time commenters: held while the site has no trained classifier
//      (comment_first_time auto, as WordPress holds a commenter's first
//      comment), always, or never.
// Rejection without a moderator is kept for what is certainly unacceptable
// (moderation/thresholds.h): a reject-list term, or a classifier score at
// the reject threshold together with a listed term (moderation_reject_needs
// "term"); a score alone at that height only holds.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/settings.h"
#include "moderation/classifier.h"
#include "moderation/term_matcher.h"
#include "store/store.h"

namespace qalam {

using moderation::Term;
using moderation::TermAction;
using moderation::TermMatch;
using moderation::TermMatcher;

enum class ModerationMode { kPre, kAutomatic, kPost };
enum class FirstTimeRule { kAuto, kAlways, kNever };

// The thresholds used when the settings say "auto" and the model has no
// card (a model trained before cards existed, on the old recipe): hold from
// 5%, where that recipe published at most 9% of the offensive comments of
// three of the four datasets left out whole (bench/RESULTS.md, "Moderation
// that never silences a reader"), and never reject on the score, which no
// threshold made safe on every dataset.
inline constexpr double kFallbackHoldScore = 0.05;
inline constexpr double kFallbackRejectScore = 1.01;
enum class Verdict { kApprove, kHold, kReject };
const char* ToString(Verdict v);  // "approve", "hold", "reject"

struct ModerationPolicy {
  ModerationMode mode = ModerationMode::kAutomatic;
  // not_ok at or above: hold; negative ("auto"): the model card's choice.
  double hold_score = -1;
  // not_ok at or above: reject (with a listed term when reject_needs_term);
  // negative ("auto"): the model card's choice.
  double reject_score = -1;
  bool reject_needs_term = true;
  FirstTimeRule first_time = FirstTimeRule::kAuto;
  int min_seconds = 3;
  int max_links = 2;
  bool trust = false;
  static ModerationPolicy FromSettings(const Settings& settings);
};

// What only a request knows. `qalam moderation score` passes an empty one:
// a first-time commenter with no request behind them.
struct SpamSignals {
  bool honeypot_filled = false;
  int64_t seconds_to_fill = -1;  // -1: unknown
  CommenterHistory history;
};

struct ModerationReason {
  std::string step;     // "spam", "term", "classifier", "mode", "trust", "first_time"
  std::string code;     // "honeypot", "too_fast", "duplicate", "links", "term_reject",
                        // "term_hold", "score_reject", "score_unconfirmed" (at the reject
                        // threshold with no listed term: held), "score_hold",
                        // "no_classifier", "first_time", "pre_moderation",
                        // "post_moderation", "trusted"
  std::string message;  // Arabic, for the moderators' queue
  std::string term;     // A matched term, its category, and where it matched
  std::string category; // (byte offsets into the comment as written).
  size_t begin = 0, end = 0;
  double score = 0, threshold = 0;  // A score that crossed a threshold.
};

// The thresholds in force: the policy's, or (auto) the model card's, or the
// fallbacks above.
struct EffectiveThresholds {
  double hold = kFallbackHoldScore, reject = kFallbackRejectScore;
  bool from_card = false;
};
EffectiveThresholds ThresholdsFor(const ModerationPolicy& policy, const ModerationClassifier* classifier);

struct ModerationOutcome {
  Verdict verdict = Verdict::kApprove;
  bool spam = false;     // Rejected by a spam guard.
  bool flagged = false;  // Post-moderation: published, but the rules would have held it.
  bool has_scores = false;
  ClassifierScores scores;
  std::vector<ModerationReason> reasons;
};

// Runs the pipeline. `terms` and `classifier` may be null (no lists, no
// trained model: the other steps still decide); `spam` may be null (no
// request and no commenter: the first-time rule does not apply, as when a
// moderator's edit is screened again).
ModerationOutcome Moderate(std::string_view text, const TermMatcher* terms,
                           const ModerationClassifier* classifier, const ModerationPolicy& policy,
                           const SpamSignals* spam);

// {"decision": …, "scores": {"offensive", "hate", "not_ok"} or null, "reasons": [...]}
nlohmann::json OutcomeJson(const ModerationOutcome& outcome);
nlohmann::json ReasonsJson(const std::vector<ModerationReason>& reasons);

// The Arabic name of a category for moderators: a term list's ("insult",
// "religion", "sect", "race", "origin", "sexual") or the classifier's
// leaning ("offensive", "hate"). A category an admin typed in their own
// words is returned as typed.
std::string CategoryName(std::string_view category);

// The site's lists as the matcher's terms.
std::vector<Term> TermsOf(const std::vector<ModerationTerm>& listed);

}  // namespace qalam
