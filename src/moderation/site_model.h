// Training a site's classifier the way `qalam moderation train` does: the
// model, and the thresholds it will be used with, chosen for moderation's
// targets (moderation/thresholds.h) on comments that the model scoring them
// never saw, and written beside the model as its card (model_card.h).
//
// How the thresholds are chosen:
//   1. The labeled comments are split into `folds` parts by where they came
//      from: whole datasets go to one part (so every dataset is scored by a
//      model that never saw it, as a new site's readers will be), while the
//      site's own moderators' decisions (dataset "site") are spread over all
//      parts (they are the site's own domain). Without datasets to tell apart,
//      the parts are a stratified random split.
//   2. One model per part is trained on the other parts and scores it.
//   3. With enough of the site's own decisions (min_site_decisions, both
//      sides), the thresholds are chosen on those: the site's moderators
//      define what is acceptable there. Otherwise on the datasets, each a
//      group that must meet the targets on its own: the worst one decides.
//   4. The model that ships is trained on everything, quantized.
// Every model trains on balanced data (balance_datasets): within each
// dataset, the larger of its clean and not-ok sides is subsampled to the
// size of the smaller, so that no dataset's style or topic stands for a
// label (Al Jazeera's deleted comments are 82% not ok, OSACT's tweets 20%).
// The site's own decisions are kept whole.
#pragma once
#include <string>
#include <vector>

#include "core/status.h"
#include "moderation/classifier.h"
#include "moderation/model_card.h"
#include "moderation/term_matcher.h"
#include "moderation/thresholds.h"

namespace qalam::moderation {

struct SiteModelOptions {
  TrainOptions train;         // the shipped model's recipe
  int folds = 3;              // models trained only to score unseen comments
  Targets targets;
  bool reject_needs_term = true;
  // The site's own decisions needed (with at least targets.min_group_side
  // on each side) before the thresholds are chosen on them alone.
  size_t min_site_decisions = 200;
  bool balance_datasets = true;
};

// A labeled comment with a model's not_ok score and what the lists (may be
// null) find in it: how the thresholds see it.
ScoredComment ScoreComment(const LabeledComment& c, double not_ok, const TermMatcher* terms);

// The balancing of step 4 (seeded, deterministic).
std::vector<LabeledComment> BalanceDatasets(const std::vector<LabeledComment>& data, uint32_t seed);

struct SiteModelReport {
  EvalReport holdout;  // the shipped model on its own held-out slice (F1, AUC)
  // That slice's comments (of the balanced data the model trained on), so
  // another model can be judged on exactly what this one never saw.
  std::vector<LabeledComment> holdout_comments;
  ModelCard card;      // thresholds, basis and the figures below as JSON
  // At the chosen thresholds, per group (dataset or "site") of the
  // out-of-fold scores, with each group's ROC AUC.
  std::vector<GroupOutcome> groups;
  std::vector<double> group_auc;
  double seconds = 0;
};

// The group a labeled comment's thresholds are measured in: its dataset,
// "site" for the moderators' decisions, "" when it names none.
std::vector<ScoredGroup> ScoreOutOfFold(const std::vector<LabeledComment>& data, const TermMatcher* terms,
                                        const SiteModelOptions& options, const std::string& tmp_dir,
                                        Status* status);

// Trains, chooses, writes the model to model_path and its card to
// card_path (ModelCardPath(model_path) unless the caller stages both
// elsewhere first), the card first, both atomically. `terms` (may be null) are
// the site's lists, which agree with a score to reject and hold by
// themselves.
Status TrainSiteModel(const std::vector<LabeledComment>& data, const TermMatcher* terms,
                      const SiteModelOptions& options, const std::string& model_path,
                      const std::string& card_path, SiteModelReport* report);

// The same choice on groups already scored (also what the bench uses).
// A group in which no hold threshold of at least 0.01 publishes few enough
// of its not-ok comments is left out of the hold choice (it would hold
// everything everywhere) and reported with "unreachable" in the card.
ModelCard ChooseThresholds(const std::vector<ScoredGroup>& groups, const SiteModelOptions& options,
                           std::vector<GroupOutcome>* outcomes);

}  // namespace qalam::moderation
