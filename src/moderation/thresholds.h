// Choosing the classifier's hold and reject thresholds for moderation's
// targets, not for F1 (issue 10). A site must never silence a legitimate
// reader, so:
//   - rejecting without a moderator is for what is certainly unacceptable:
//     at most 2% of the clean comments rejected, and at least 95% of the
//     rejected ones truly not ok;
//   - at most 10% of the offensive or hateful comments published without a
//     moderator;
//   - everything between is held for a moderator, and the held share is the
//     moderators' workload, reported beside the rest.
// Scores mean different things on different text, so thresholds are chosen
// on comments the scoring model never saw, grouped by where they came from
// (a dataset, or the site's own moderators), and each threshold must hold in
// every group: the worst group decides.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace qalam::moderation {

struct Targets {
  double max_ok_rejected = 0.02;        // share of clean comments rejected
  double min_reject_precision = 0.95;   // of the rejected, share truly not ok
  double max_not_ok_published = 0.10;   // share of not-ok comments published
  // The score's own rejections (with a listed term) get a quarter of the
  // clean-comment budget: a threshold chosen on one site's past comments
  // must leave room for the reject list and for comments unlike them. At
  // 2%, a site whose moderators removed most comments (the Al Jazeera
  // comments as a site's decisions) had every comment with a hold-list word
  // rejected, "the guard dog died" among them (bench/RESULTS.md).
  double max_ok_rejected_by_score = 0.005;
  // A group with fewer clean or not-ok comments than this says too little
  // about that side to constrain a threshold (its figures are still reported).
  size_t min_group_side = 30;
};

// One comment scored by a model that did not train on it.
struct ScoredComment {
  double not_ok = 0;       // the classifier's not_ok score
  bool gold_not_ok = false;
  bool term = false;       // a term of the site's lists matched it
  bool term_reject = false;  // a reject-list term matched it (rejected whatever the score)
};

struct ScoredGroup {
  std::string name;  // a dataset, "site", …
  std::vector<ScoredComment> comments;
};

// How a score turns into a decision; what `Decide` and the pipeline share.
struct ThresholdRule {
  double hold = 0.5;     // not_ok at or above: held (at least)
  double reject = 0.9;   // not_ok at or above: rejected …
  bool reject_needs_term = true;  // … only when a listed term matched too
};

enum class Decision { kPublish, kHold, kReject };
// Terms that hold hold, reject terms reject; then the score.
Decision Decide(const ScoredComment& c, const ThresholdRule& rule);

// What a rule does to one group.
struct GroupOutcome {
  std::string name;
  size_t ok = 0, not_ok = 0;
  size_t ok_rejected = 0, ok_held = 0, not_ok_rejected = 0, not_ok_held = 0;
  double ok_rejected_share = 0;      // of the clean comments
  double reject_precision = 0;       // 1 when nothing was rejected
  double not_ok_published_share = 0; // of the not-ok comments
  double held_share = 0;             // of all comments
  // F1 of "not approved" (held or rejected) against "not ok".
  double f1 = 0;
  bool meets = false;  // the three targets hold (sides too small count as met)
};
GroupOutcome Outcome(const ScoredGroup& group, const ThresholdRule& rule, const Targets& targets);

// The highest hold threshold (0.01 steps) at which every group publishes at
// most max_not_ok_published of its not-ok comments (term matches count as
// held); 0 when even the lowest does not. Groups with fewer than
// min_group_side not-ok comments are skipped.
double ChooseHold(const std::vector<ScoredGroup>& groups, const Targets& targets);
// The lowest reject threshold (0.01 steps, from 0.99 down) at which every group rejects at
// most max_ok_rejected_by_score of its clean comments with a precision of at least
// min_reject_precision, under `needs_term`; 1.01 (never by score) when no
// threshold does. Only the score's rejections are judged: comments that a
// reject-list term rejects anyway are left out of this choice.
double ChooseReject(const std::vector<ScoredGroup>& groups, const Targets& targets, bool needs_term);

// The not-ok comments share of a group, for reports.
double NotOkShare(const ScoredGroup& group);

}  // namespace qalam::moderation
