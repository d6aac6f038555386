#include "services/moderation_review.h"

#include "moderation/site_model.h"

namespace qalam {

namespace {
constexpr int64_t kWeek = 7 * 86400;
}  // namespace

double ReviewWeek::agreement() const {
  return decisions ? static_cast<double>(published_approved + stopped_rejected) / static_cast<double>(decisions) : 0.0;
}

void ReviewWeek::Add(const ReviewWeek& o) {
  decisions += o.decisions;
  published_approved += o.published_approved;
  stopped_rejected += o.stopped_rejected;
  held_approved += o.held_approved;
  rejected_approved += o.rejected_approved;
  published_rejected += o.published_rejected;
}

Status ReviewMachine(Store& store, const TermMatcher* terms, const ModerationClassifier* classifier,
                     const ModerationPolicy& policy, int64_t now, int weeks, MachineReview* out) {
  MachineReview r;
  r.has_classifier = classifier != nullptr;
  r.needed_for_site = moderation::SiteModelOptions{}.min_site_decisions;
  if (classifier) {
    const EffectiveThresholds t = ThresholdsFor(policy, classifier);
    r.hold = t.hold;
    r.reject = t.reject;
    r.thresholds = policy.hold_score >= 0 || policy.reject_score >= 0 ? "setting"
                   : t.from_card                                      ? classifier->card().basis
                                                                      : "fallback";
  }
  int64_t decisions = 0;
  if (Status st = store.CountModeratorDecisions(&decisions); !st.ok()) return st;
  r.site_decisions = static_cast<size_t>(decisions);
  if (weeks <= 0) {  // the state only
    *out = std::move(r);
    return Status::Ok();
  }
  const int64_t first = now - static_cast<int64_t>(weeks) * kWeek;
  r.weeks.resize(static_cast<size_t>(weeks));
  for (int i = 0; i < weeks; ++i) r.weeks[static_cast<size_t>(i)].start = first + i * kWeek;
  std::vector<ModeratorDecision> decided;
  if (Status st = store.ListModeratorDecisions(first, &decided); !st.ok()) return st;
  ModerationPolicy machine = policy;
  machine.mode = ModerationMode::kAutomatic;
  machine.trust = false;
  for (const ModeratorDecision& d : decided) {
    if (d.at < first || d.at > now) continue;
    ReviewWeek& w = r.weeks[static_cast<size_t>(std::min<int64_t>(weeks - 1, (d.at - first) / kWeek))];
    const Verdict v = Moderate(d.text, terms, classifier, machine, nullptr).verdict;
    const bool approved = d.label == "ok";
    ++w.decisions;
    if (approved) {
      (v == Verdict::kApprove ? w.published_approved : v == Verdict::kHold ? w.held_approved : w.rejected_approved)++;
    } else {
      (v == Verdict::kApprove ? w.published_rejected : w.stopped_rejected)++;
    }
  }
  for (const ReviewWeek& w : r.weeks) r.total.Add(w);
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace qalam
