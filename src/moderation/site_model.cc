#include "moderation/site_model.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <set>

namespace qalam::moderation {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSite = "site";

// Which of `k` parts each comment goes to (see the header, step 1).
std::vector<int> AssignFolds(const std::vector<LabeledComment>& data, int k, uint32_t seed) {
  std::vector<int> fold(data.size(), 0);
  std::map<std::string, size_t> sizes;
  for (const LabeledComment& c : data)
    if (c.dataset != kSite) sizes[c.dataset]++;
  std::mt19937 rng(seed);
  if (sizes.size() >= 2) {
    // Largest datasets first, each to the part with the fewest comments.
    std::vector<std::pair<size_t, std::string>> order;
    for (const auto& [name, n] : sizes) order.emplace_back(n, name);
    std::sort(order.rbegin(), order.rend());
    const int parts = std::min<int>(k, static_cast<int>(order.size()));
    std::vector<size_t> load(static_cast<size_t>(parts), 0);
    std::map<std::string, int> part_of;
    for (const auto& [n, name] : order) {
      const size_t p = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
      part_of[name] = static_cast<int>(p);
      load[p] += n;
    }
    size_t site_i = 0;
    for (size_t i = 0; i < data.size(); ++i)
      fold[i] = data[i].dataset == kSite ? static_cast<int>(site_i++ % static_cast<size_t>(parts)) : part_of[data[i].dataset];
    return fold;
  }
  // One source: a stratified random split.
  for (const char* side : {"ok", "not ok"}) {
    std::vector<size_t> ids;
    for (size_t i = 0; i < data.size(); ++i)
      if ((data[i].label == "ok") == (std::string(side) == "ok")) ids.push_back(i);
    for (size_t i = ids.size(); i > 1; --i) std::swap(ids[i - 1], ids[rng() % i]);
    for (size_t j = 0; j < ids.size(); ++j) fold[ids[j]] = static_cast<int>(j % static_cast<size_t>(k));
  }
  return fold;
}


double GroupAuc(const ScoredGroup& g) {
  std::vector<LabeledComment> labels;
  std::vector<ClassifierScores> scores;
  for (const ScoredComment& c : g.comments) {
    labels.push_back(LabeledComment{"", c.gold_not_ok ? "offensive" : "ok", "", ""});
    ClassifierScores s;
    s.not_ok = c.not_ok;
    scores.push_back(s);
  }
  return NotOkRocAuc(labels, scores);
}

class TempDir {
 public:
  explicit TempDir(const std::string& base) {
    std::string tmpl = (fs::path(base.empty() ? fs::temp_directory_path().string() : base) / "qalam-folds-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

ScoredComment ScoreComment(const LabeledComment& c, double not_ok, const TermMatcher* terms) {
  ScoredComment s;
  s.not_ok = not_ok;
  s.gold_not_ok = c.label != "ok";
  if (terms) {
    for (const TermMatch& m : terms->Find(c.text)) {
      s.term = true;
      if (terms->terms()[m.term_index].action == TermAction::kReject) s.term_reject = true;
    }
  }
  return s;
}

std::vector<LabeledComment> BalanceDatasets(const std::vector<LabeledComment>& data, uint32_t seed) {
  std::map<std::string, std::pair<std::vector<size_t>, std::vector<size_t>>> by;  // dataset: (ok, not ok)
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i].dataset == kSite) continue;
    (data[i].label == "ok" ? by[data[i].dataset].first : by[data[i].dataset].second).push_back(i);
  }
  std::vector<bool> keep(data.size(), true);
  std::mt19937 rng(seed ^ 0x5bd1e995u);
  for (auto& [name, sides] : by) {
    const size_t n = std::min(sides.first.size(), sides.second.size());
    if (n == 0) continue;  // a one-sided dataset is kept whole
    for (std::vector<size_t>* side : {&sides.first, &sides.second}) {
      std::vector<size_t>& v = *side;
      for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng() % i]);
      for (size_t j = n; j < v.size(); ++j) keep[v[j]] = false;
    }
  }
  std::vector<LabeledComment> out;
  for (size_t i = 0; i < data.size(); ++i)
    if (keep[i]) out.push_back(data[i]);
  return out;
}

std::vector<ScoredGroup> ScoreOutOfFold(const std::vector<LabeledComment>& data, const TermMatcher* terms,
                                        const SiteModelOptions& options, const std::string& tmp_dir,
                                        Status* status) {
  *status = Status::Ok();
  const int k = std::max(2, options.folds);
  const std::vector<int> fold = AssignFolds(data, k, options.train.seed);
  std::vector<double> score(data.size(), 0.0);
  std::vector<bool> scored(data.size(), false);
  TempDir tmp(tmp_dir);
  if (tmp.path().empty()) {
    *status = Status::Io("cannot create a temporary folder");
    return {};
  }
  const int parts = *std::max_element(fold.begin(), fold.end()) + 1;
  for (int p = 0; p < parts; ++p) {
    std::vector<LabeledComment> train;
    std::vector<size_t> test;
    for (size_t i = 0; i < data.size(); ++i) {
      if (fold[i] == p) test.push_back(i);
      else train.push_back(data[i]);
    }
    if (options.balance_datasets) train = BalanceDatasets(train, options.train.seed);
    if (test.empty()) continue;
    TrainOptions o = options.train;
    o.holdout_share = 0;
    // The fold models only score: unquantized, they train in half the time
    // and score as the quantized model does (bench/RESULTS.md).
    o.quantize = false;
    const std::string model = tmp.path() + "/fold-" + std::to_string(p) + ".bin";
    if (Status st = TrainClassifier(train, o, model, nullptr); !st.ok()) {
      // A part whose complement has one label only cannot train: its
      // comments stay unscored and out of the choice.
      if (st.IsInvalid()) continue;
      *status = st;
      return {};
    }
    std::unique_ptr<ModerationClassifier> c;
    if (Status st = ModerationClassifier::Load(model, &c, o.text); !st.ok()) {
      *status = st;
      return {};
    }
    for (size_t i : test) {
      score[i] = c->Score(data[i].text).not_ok;
      scored[i] = true;
    }
    std::error_code ec;
    fs::remove(model, ec);
  }
  std::map<std::string, ScoredGroup> by;
  for (size_t i = 0; i < data.size(); ++i) {
    if (!scored[i]) continue;
    ScoredGroup& g = by[data[i].dataset];
    g.name = data[i].dataset;
    g.comments.push_back(ScoreComment(data[i], score[i], terms));
  }
  std::vector<ScoredGroup> groups;
  for (auto& [name, g] : by) groups.push_back(std::move(g));
  return groups;
}

ModelCard ChooseThresholds(const std::vector<ScoredGroup>& groups, const SiteModelOptions& options,
                           std::vector<GroupOutcome>* outcomes) {
  const Targets& t = options.targets;
  std::vector<ScoredGroup> basis;
  std::string basis_name = "sources";
  for (const ScoredGroup& g : groups) {
    if (g.name != kSite) continue;
    size_t not_ok = 0;
    for (const ScoredComment& c : g.comments) not_ok += c.gold_not_ok;
    const size_t ok = g.comments.size() - not_ok;
    if (g.comments.size() >= options.min_site_decisions && ok >= t.min_group_side && not_ok >= t.min_group_side) {
      basis.push_back(g);
      basis_name = kSite;
    }
  }
  if (basis.empty()) {
    for (const ScoredGroup& g : groups)
      if (g.name != kSite) basis.push_back(g);
    if (basis.empty()) basis = groups;  // only the site's few decisions
  }
  // Groups whose published target no threshold can meet would hold
  // everything for everyone: out of the hold choice, named in the card.
  std::vector<ScoredGroup> reachable;
  nlohmann::json unreachable = nlohmann::json::array();
  for (const ScoredGroup& g : basis) {
    if (ChooseHold({g}, t) > 0) reachable.push_back(g);
    else unreachable.push_back(g.name);
  }
  ModelCard card;
  card.basis = basis_name;
  card.reject_needs_term = options.reject_needs_term;
  card.hold = reachable.empty() ? 0.01 : ChooseHold(reachable, t);
  card.reject = ChooseReject(basis, t, options.reject_needs_term);
  // A hold above the reject threshold would hold nothing that is not
  // already at the reject threshold: keep hold ≤ reject.
  card.hold = std::min(card.hold, card.reject);
  const ThresholdRule rule{card.hold, card.reject, options.reject_needs_term};
  nlohmann::json list = nlohmann::json::array();
  if (outcomes) outcomes->clear();
  for (const ScoredGroup& g : groups) {
    GroupOutcome o = Outcome(g, rule, t);
    list.push_back({{"group", g.name.empty() ? "labeled" : g.name},
                    {"ok", o.ok},
                    {"not_ok", o.not_ok},
                    {"ok_rejected", o.ok_rejected_share},
                    {"reject_precision", o.reject_precision},
                    {"not_ok_published", o.not_ok_published_share},
                    {"held", o.held_share},
                    {"f1", o.f1},
                    {"roc_auc", GroupAuc(g)},
                    {"meets_targets", o.meets}});
    if (outcomes) outcomes->push_back(o);
  }
  card.report = {{"groups", list},
                 {"unreachable", unreachable},
                 {"targets",
                  {{"max_ok_rejected", t.max_ok_rejected},
                   {"min_reject_precision", t.min_reject_precision},
                   {"max_not_ok_published", t.max_not_ok_published}}}};
  return card;
}

Status TrainSiteModel(const std::vector<LabeledComment>& data, const TermMatcher* terms,
                      const SiteModelOptions& options, const std::string& model_path,
                      const std::string& card_path, SiteModelReport* report) {
  const auto started = std::chrono::steady_clock::now();
  Status st;
  const std::string dir = fs::path(model_path).parent_path().string();
  std::error_code ec;
  if (!dir.empty()) fs::create_directories(dir, ec);
  std::vector<ScoredGroup> groups = ScoreOutOfFold(data, terms, options, dir, &st);
  if (!st.ok()) return st;
  SiteModelReport r;
  r.card = ChooseThresholds(groups, options, &r.groups);
  for (const ScoredGroup& g : groups) r.group_auc.push_back(GroupAuc(g));
  // The shipped model: a partial name first, then the card, then the model
  // into place, so that a server never pairs a new model with an old card
  // for longer than a reload.
  const std::string partial = model_path + ".training";
  const std::vector<LabeledComment> shipped =
      options.balance_datasets ? BalanceDatasets(data, options.train.seed) : data;
  if (Status s = TrainClassifier(shipped, options.train, partial, &r.holdout); !s.ok()) return s;
  {
    std::vector<size_t> train_idx, test_idx;
    SplitHoldout(shipped, options.train.holdout_share, options.train.seed, options.train.text, &train_idx, &test_idx);
    for (size_t i : test_idx) r.holdout_comments.push_back(shipped[i]);
  }
  r.card.report["holdout"] = {{"comments", r.holdout.test},
                              {"precision", r.holdout.precision},
                              {"recall", r.holdout.recall},
                              {"f1", r.holdout.f1},
                              {"roc_auc", r.holdout.roc_auc}};
  r.card.report["trained_on"] = shipped.size();
  r.card.report["labeled"] = data.size();
  r.card.report["trained_at"] = static_cast<int64_t>(std::time(nullptr));
  if (Status s = WriteModelCard(card_path, r.card); !s.ok()) {
    fs::remove(partial, ec);
    return s;
  }
  fs::rename(partial, model_path, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Io(model_path + ": " + ec.message());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (report) *report = std::move(r);
  return Status::Ok();
}

}  // namespace qalam::moderation
