// What the site's machine would decide now, against what its moderators
// decided (issue 10): the desk's chart and table of the last weeks
// (/admin/comments/machine). Each moderator's latest decision on a comment is
// run through the pipeline as it stands (the current term lists, classifier
// and thresholds, automatic mode, no first-time or trust rule) and compared:
// agreement, clean comments it would have rejected (false rejections), held
// ones the moderators approved (their extra work), and offensive ones it
// would have published.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "moderation/pipeline.h"
#include "store/store.h"

namespace qalam {

struct ReviewWeek {
  int64_t start = 0;  // UTC seconds
  size_t decisions = 0;
  size_t published_approved = 0;  // agree
  size_t stopped_rejected = 0;    // agree (held or rejected; moderators rejected)
  size_t held_approved = 0;       // the moderators' extra work
  size_t rejected_approved = 0;   // false rejections: the failure that matters most
  size_t published_rejected = 0;  // offensive published
  double agreement() const;       // 0 when there are no decisions
  void Add(const ReviewWeek& other);
};

struct MachineReview {
  bool has_classifier = false;
  // Where the thresholds in force come from: "setting" (the admin's), "site"
  // or "sources" (the model card's basis), or "fallback" (a model without a
  // card); empty without a classifier.
  std::string thresholds;
  double hold = 0, reject = 0;
  size_t site_decisions = 0;     // labeled decisions ever (training data)
  size_t needed_for_site = 200;  // before training chooses on them alone
  std::vector<ReviewWeek> weeks;  // oldest first, `weeks` of them
  ReviewWeek total;
};

// weeks 0: the machine's state and the decisions count only.
Status ReviewMachine(Store& store, const TermMatcher* terms, const ModerationClassifier* classifier,
                     const ModerationPolicy& policy, int64_t now, int weeks, MachineReview* out);

}  // namespace qalam
