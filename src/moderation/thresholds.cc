#include "moderation/thresholds.h"

#include <algorithm>
#include <cmath>

namespace qalam::moderation {
namespace {

double Ratio(size_t num, size_t den) {
  return den ? static_cast<double>(num) / static_cast<double>(den) : 0.0;
}

// 0.00, 0.01, … 1.00 without drift.
double Step(int k) { return k / 100.0; }

}  // namespace

Decision Decide(const ScoredComment& c, const ThresholdRule& rule) {
  if (c.term_reject) return Decision::kReject;
  if (c.not_ok >= rule.reject && (!rule.reject_needs_term || c.term)) return Decision::kReject;
  if (c.term || c.not_ok >= rule.hold) return Decision::kHold;
  return Decision::kPublish;
}

double NotOkShare(const ScoredGroup& group) {
  size_t n = 0;
  for (const ScoredComment& c : group.comments) n += c.gold_not_ok;
  return Ratio(n, group.comments.size());
}

GroupOutcome Outcome(const ScoredGroup& group, const ThresholdRule& rule, const Targets& targets) {
  GroupOutcome o;
  o.name = group.name;
  for (const ScoredComment& c : group.comments) {
    const Decision d = Decide(c, rule);
    if (c.gold_not_ok) {
      ++o.not_ok;
      o.not_ok_rejected += d == Decision::kReject;
      o.not_ok_held += d == Decision::kHold;
    } else {
      ++o.ok;
      o.ok_rejected += d == Decision::kReject;
      o.ok_held += d == Decision::kHold;
    }
  }
  const size_t rejected = o.ok_rejected + o.not_ok_rejected;
  o.ok_rejected_share = Ratio(o.ok_rejected, o.ok);
  o.reject_precision = rejected ? Ratio(o.not_ok_rejected, rejected) : 1.0;
  const size_t not_ok_stopped = o.not_ok_rejected + o.not_ok_held;
  o.not_ok_published_share = o.not_ok ? 1.0 - Ratio(not_ok_stopped, o.not_ok) : 0.0;
  o.held_share = Ratio(o.ok_held + o.not_ok_held, o.ok + o.not_ok);
  const double p = Ratio(not_ok_stopped, not_ok_stopped + o.ok_held + o.ok_rejected);
  const double r = Ratio(not_ok_stopped, o.not_ok);
  o.f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  const bool ok_side = o.ok >= targets.min_group_side;
  const bool not_ok_side = o.not_ok >= targets.min_group_side;
  o.meets = (!ok_side || o.ok_rejected_share <= targets.max_ok_rejected + 1e-12) &&
            (!ok_side || o.reject_precision >= targets.min_reject_precision - 1e-12) &&
            (!not_ok_side || o.not_ok_published_share <= targets.max_not_ok_published + 1e-12);
  return o;
}

double ChooseHold(const std::vector<ScoredGroup>& groups, const Targets& targets) {
  // Published not-ok comments only grow with the threshold: scan upwards and
  // stop before the first one that breaks the target in some group.
  double chosen = 0;
  for (int k = 1; k <= 100; ++k) {
    ThresholdRule rule{Step(k), 2.0, true};  // no rejection: holds only
    bool all = true;
    for (const ScoredGroup& g : groups) {
      GroupOutcome o = Outcome(g, rule, targets);
      if (o.not_ok >= targets.min_group_side &&
          o.not_ok_published_share > targets.max_not_ok_published + 1e-12) {
        all = false;
        break;
      }
    }
    if (!all) break;
    chosen = Step(k);
  }
  return chosen;
}

double ChooseReject(const std::vector<ScoredGroup>& groups_in, const Targets& targets, bool needs_term) {
  // The score's own rejections are judged: comments a reject-list term
  // rejects whatever the score are left out (a term that rejects a clean
  // comment is the list's fault, reported beside, and must not keep the
  // score from rejecting anywhere).
  std::vector<ScoredGroup> groups;
  for (const ScoredGroup& g : groups_in) {
    ScoredGroup kept{g.name, {}};
    for (const ScoredComment& c : g.comments)
      if (!c.term_reject) kept.comments.push_back(c);
    groups.push_back(std::move(kept));
  }
  // The lowest threshold at which every group meets both targets. (Not
  // "every higher one too": one clean comment with a term scoring 0.99 in a
  // group with few rejections above it would forbid every threshold, though
  // at lower ones enough true rejections join it.)
  double chosen = 1.01;
  for (int k = 99; k >= 1; --k) {
    ThresholdRule rule{0.0, Step(k), needs_term};
    bool all = true;
    for (const ScoredGroup& g : groups) {
      GroupOutcome o = Outcome(g, rule, targets);
      if (o.ok < targets.min_group_side) continue;
      if (o.ok_rejected_share > targets.max_ok_rejected_by_score + 1e-12 ||
          o.reject_precision < targets.min_reject_precision - 1e-12) {
        all = false;
        break;
      }
    }
    if (all) chosen = Step(k);
  }
  return chosen;
}

}  // namespace qalam::moderation
