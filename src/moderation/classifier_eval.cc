// Measuring the comment classifier: P/R/F1 of "not ok", ROC AUC, per label
// and target (moderation/classifier.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "moderation/classifier_internal.h"

namespace qalam {
namespace {

using namespace classifier_internal;


double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void FillPoint(ThresholdPoint* p) {
  p->precision = Ratio(static_cast<double>(p->tp), static_cast<double>(p->tp + p->fp));
  p->recall = Ratio(static_cast<double>(p->tp), static_cast<double>(p->tp + p->fn));
  p->f1 = F1(p->precision, p->recall);
}

}  // namespace

ThresholdPoint NotOkAt(const std::vector<LabeledComment>& data,
                       const std::vector<ClassifierScores>& scores, double threshold) {
  ThresholdPoint p;
  p.threshold = threshold;
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i) {
    bool gold = data[i].label != "ok";
    bool flagged = scores[i].not_ok >= threshold;
    if (gold && flagged) ++p.tp;
    if (!gold && flagged) ++p.fp;
    if (gold && !flagged) ++p.fn;
    if (!gold && !flagged) ++p.tn;
  }
  FillPoint(&p);
  return p;
}

ThresholdPoint BestNotOkThreshold(const std::vector<LabeledComment>& data,
                                  const std::vector<ClassifierScores>& scores) {
  // One pass per threshold would be 91 passes; bucket the scores instead.
  constexpr int kSteps = 91;  // 0.05 … 0.95
  std::array<size_t, kSteps + 1> pos{}, neg{};  // comments whose score reaches step k (first k)
  size_t total_pos = 0, total_neg = 0;
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i) {
    bool gold = data[i].label != "ok";
    (gold ? total_pos : total_neg)++;
    // Highest step k with 0.05 + 0.01 k <= score (rounded to avoid 0.3 < 0.3).
    double x = (scores[i].not_ok - 0.05) * 100.0 + 1e-9;
    if (x < 0) continue;
    int k = std::min(kSteps - 1, static_cast<int>(std::floor(x)));
    (gold ? pos : neg)[static_cast<size_t>(k)]++;
  }
  ThresholdPoint best;
  best.threshold = 0.5;
  bool have = false;
  size_t tp = 0, fp = 0;
  for (int k = kSteps - 1; k >= 0; --k) {  // from the highest threshold down
    tp += pos[static_cast<size_t>(k)];
    fp += neg[static_cast<size_t>(k)];
    ThresholdPoint p;
    p.threshold = std::round((0.05 + 0.01 * k) * 100.0) / 100.0;
    p.tp = tp;
    p.fp = fp;
    p.fn = total_pos - tp;
    p.tn = total_neg - fp;
    FillPoint(&p);
    if (!have || p.f1 > best.f1 + 1e-12) {
      best = p;
      have = true;
    }
  }
  return best;
}

double NotOkRocAuc(const std::vector<LabeledComment>& data,
                   const std::vector<ClassifierScores>& scores) {
  // Mann-Whitney: sort by score; each not-ok comment counts the ok comments
  // below it, plus half of those tied with it.
  std::vector<std::pair<double, bool>> v;  // (not_ok, gold not ok)
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i)
    v.emplace_back(scores[i].not_ok, data[i].label != "ok");
  std::sort(v.begin(), v.end());
  double pairs_won = 0;
  size_t neg_below = 0, pos = 0, neg = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i, tied_pos = 0, tied_neg = 0;
    for (; j < v.size() && v[j].first == v[i].first; ++j) (v[j].second ? tied_pos : tied_neg)++;
    pairs_won += static_cast<double>(tied_pos) *
                 (static_cast<double>(neg_below) + 0.5 * static_cast<double>(tied_neg));
    neg_below += tied_neg;
    pos += tied_pos;
    neg += tied_neg;
    i = j;
  }
  if (pos == 0 || neg == 0) return 0;
  return pairs_won / (static_cast<double>(pos) * static_cast<double>(neg));
}

EvalReport EvaluateScores(const std::vector<LabeledComment>& data,
                          const std::vector<ClassifierScores>& scores, double threshold) {
  EvalReport r;
  r.test = std::min(data.size(), scores.size());
  r.threshold = threshold;
  ThresholdPoint main = NotOkAt(data, scores, threshold);
  r.tp = main.tp;
  r.fp = main.fp;
  r.fn = main.fn;
  r.tn = main.tn;
  r.precision = main.precision;
  r.recall = main.recall;
  r.f1 = main.f1;
  for (double t : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) r.fixed.push_back(NotOkAt(data, scores, t));
  r.best = BestNotOkThreshold(data, scores);
  r.roc_auc = NotOkRocAuc(data, scores);

  // Per label: flagged share, and the three-way label (highest probability).
  for (const char* label : kLabels) {
    GroupStats g;
    g.name = label;
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < r.test; ++i) {
      const ClassifierScores& s = scores[i];
      double ok = 1.0 - s.not_ok;
      const char* predicted = ok >= s.offensive && ok >= s.hate ? "ok"
                              : s.offensive >= s.hate         ? "offensive"
                                                              : "hate";
      bool gold = data[i].label == label, pred = std::strcmp(predicted, label) == 0;
      if (gold) {
        ++g.support;
        if (s.not_ok >= threshold) ++g.flagged;
      }
      if (gold && pred) ++tp;
      if (!gold && pred) ++fp;
      if (gold && !pred) ++fn;
    }
    if (g.support == 0) continue;
    g.flagged_share = Ratio(static_cast<double>(g.flagged), static_cast<double>(g.support));
    g.precision = Ratio(static_cast<double>(tp), static_cast<double>(tp + fp));
    g.recall = Ratio(static_cast<double>(tp), static_cast<double>(tp + fn));
    g.f1 = F1(g.precision, g.recall);
    r.per_label.push_back(g);
  }
  // Per target: how many of the comments attacking it are flagged.
  for (const char* target : {"religion", "origin", "gender"}) {
    GroupStats g;
    g.name = target;
    for (size_t i = 0; i < r.test; ++i) {
      if (data[i].target != target) continue;
      ++g.support;
      if (scores[i].not_ok >= threshold) ++g.flagged;
    }
    if (g.support == 0) continue;
    g.flagged_share = Ratio(static_cast<double>(g.flagged), static_cast<double>(g.support));
    g.recall = g.flagged_share;
    r.per_target.push_back(g);
  }
  return r;
}

Status Evaluate(const ModerationClassifier& classifier, const std::vector<LabeledComment>& data,
                EvalReport* report, double threshold) {
  if (!report) return Status::Invalid("Evaluate: no report");
  std::vector<ClassifierScores> scores;
  scores.reserve(data.size());
  for (const LabeledComment& c : data) scores.push_back(classifier.Score(c.text));
  *report = EvaluateScores(data, scores, threshold);
  return Status::Ok();
}

}  // namespace qalam
