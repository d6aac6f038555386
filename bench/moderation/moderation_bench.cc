// moderation_bench: the classifier evaluation of issue 5, printed as text.
// bench/moderation/run builds it and runs it on ../shared/data/moderation/
// train.jsonl, read where it is at run time and never copied; models are
// written to --tmp and deleted.
//
//   0. The data: comments per dataset and label; texts that recur with
//      different labels.
//   1. Hyper-parameters × folds: each setting trained on all datasets but one
//      and tested on that whole dataset (leave-one-dataset-out), and on a
//      random 10% stratified holdout of everything. Every training also holds
//      out 10% of its own data (stratified) as a validation slice: the
//      threshold "t*" is the not_ok threshold with the best F1 there, chosen
//      without looking at the test dataset. "oracle" is the best threshold on
//      the test itself, for information only. "flag all" is the F1 of holding
//      every comment (the test's share of not-ok comments decides it). "AUC"
//      is the ROC AUC of not_ok, which, unlike F1, does not move with that
//      share.
//   2. The chosen setting (best mean validation F1; settings within 0.002 of
//      it count as tied and the smallest model wins): per label, per target
//      and per dataset.
//   3. Repeated letters cut to 1 or to 2 (ClassifierTextOptions::max_repeat).
//   4. Quantization: file size, F1, speed.
//   5. Throughput on one core: Score() over every comment, one at a time,
//      then the whole pipeline (Moderate() with a 500-term list).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "moderation/classifier.h"
#include "moderation/pipeline.h"
#include "moderation/site_model.h"
#include "moderation/starter_terms.h"
#include "moderation/term_matcher.h"
#include "moderation/thresholds.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "moderation_bench: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& st, const std::string& what) {
  if (!st.ok()) Die(what + ": " + st.message());
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

struct Setting {
  std::string name;
  TrainOptions o;
};

std::string Describe(const TrainOptions& o) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "wordNgrams %d, char %d-%d, dim %d, epochs %d, lr %.2f, bucket %d, repeat %d%s",
                o.word_ngrams, o.minn, o.maxn, o.dim, o.epochs, o.lr, o.bucket, o.text.max_repeat,
                o.quantize ? ", quantized" : "");
  return buf;
}

std::vector<Setting> Grid(int threads) {
  auto make = [threads](const char* name, int word_ngrams, int minn, int maxn, int dim, int epochs,
                        double lr) {
    Setting s;
    s.name = name;
    s.o.word_ngrams = word_ngrams;
    s.o.minn = minn;
    s.o.maxn = maxn;
    s.o.dim = dim;
    s.o.epochs = epochs;
    s.o.lr = lr;
    s.o.threads = threads;
    s.o.holdout_share = 0.1;
    s.o.seed = 1;
    s.o.bucket = 500000;
    s.o.quantize = false;  // section 4 measures quantization
    return s;
  };
  return {
      make("words", 1, 0, 0, 50, 25, 0.2),           // baseline: word unigrams
      make("words+bigrams", 2, 0, 0, 50, 25, 0.2),   // word bigrams
      make("char2-5", 2, 2, 5, 50, 25, 0.2),         // + character n-grams
      make("char3-6", 2, 3, 6, 50, 25, 0.2),
      make("char2-5/dim100", 2, 2, 5, 100, 25, 0.2),
      make("char2-5/e50", 2, 2, 5, 50, 50, 0.1),
      make("char2-5/lr0.5", 2, 2, 5, 50, 25, 0.5),
  };
}

struct Fold {
  std::string name;  // a dataset, or "random"
  bool whole_dataset = false;  // leave-one-dataset-out
  std::vector<LabeledComment> train, test;
};

struct Result {
  std::string setting, fold;
  bool whole_dataset = false;
  size_t train = 0, test = 0;
  EvalReport validation;    // TrainClassifier's 10% slice of the training data
  EvalReport at_half;       // the test at 0.5
  EvalReport at_tstar;      // the test at the validation's best threshold
  double flag_all_f1 = 0;
  double seconds = 0;
  uint64_t bytes = 0;
  std::vector<ClassifierScores> scores;  // of fold.test
};

double FlagAllF1(const std::vector<LabeledComment>& test) {
  size_t pos = 0;
  for (const LabeledComment& c : test) pos += c.label != "ok";
  if (pos == 0) return 0;
  double p = static_cast<double>(pos) / static_cast<double>(test.size());
  return 2 * p / (p + 1);
}

Result RunFold(const Setting& s, const Fold& fold, const std::string& tmp, bool keep_scores) {
  Result r;
  r.setting = s.name;
  r.fold = fold.name;
  r.whole_dataset = fold.whole_dataset;
  std::string model = tmp + "/model-" + std::to_string(getpid()) + ".bin";
  auto t0 = Clock::now();
  Check(TrainClassifier(fold.train, s.o, model, &r.validation), "training " + s.name + " on " + fold.name);
  r.seconds = Seconds(t0);
  r.bytes = r.validation.model_bytes;
  r.train = r.validation.train;
  std::unique_ptr<ModerationClassifier> c;
  Check(ModerationClassifier::Load(model, &c, s.o.text), "loading");
  std::vector<ClassifierScores> scores;
  scores.reserve(fold.test.size());
  for (const LabeledComment& x : fold.test) scores.push_back(c->Score(x.text));
  r.test = fold.test.size();
  r.at_half = EvaluateScores(fold.test, scores, 0.5);
  r.at_tstar = EvaluateScores(fold.test, scores, r.validation.best.threshold);
  r.flag_all_f1 = FlagAllF1(fold.test);
  if (keep_scores) r.scores = std::move(scores);
  fs::remove(model);
  return r;
}

void PrintHeader() {
  std::printf("| setting | fold (test) | train | test | val F1@0.5 | t* | test P@0.5 | R@0.5 | F1@0.5 | "
              "P@t* | R@t* | F1@t* | oracle F1 (t) | flag all F1 | AUC | train s | model MB |\n");
  std::printf("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
}

void PrintRow(const Result& r) {
  std::printf("| %s | %s | %zu | %zu | %.3f | %.2f | %.3f | %.3f | **%.3f** | %.3f | %.3f | **%.3f** | %.3f (%.2f) | %.3f | %.3f | %.0f | %.1f |\n",
              r.setting.c_str(), r.fold.c_str(), r.train, r.test, r.validation.f1,
              r.validation.best.threshold, r.at_half.precision, r.at_half.recall, r.at_half.f1,
              r.at_tstar.precision, r.at_tstar.recall, r.at_tstar.f1, r.at_half.best.f1,
              r.at_half.best.threshold, r.flag_all_f1, r.at_half.roc_auc, r.seconds,
              static_cast<double>(r.bytes) / 1e6);
  std::fflush(stdout);
}

void PrintGroups(const EvalReport& r) {
  std::printf("  at not_ok >= %.2f: P %.3f R %.3f F1 %.3f (tp %zu fp %zu fn %zu tn %zu); ROC AUC %.3f\n",
              r.threshold, r.precision, r.recall, r.f1, r.tp, r.fp, r.fn, r.tn, r.roc_auc);
  for (const GroupStats& g : r.per_label)
    std::printf("  label %-9s n=%-6zu flagged %.3f%s; as the top label P %.3f R %.3f F1 %.3f\n",
                g.name.c_str(), g.support, g.flagged_share,
                g.name == "ok" ? " (false positives)" : " (recall)", g.precision, g.recall, g.f1);
  for (const GroupStats& g : r.per_target)
    std::printf("  target %-8s n=%-6zu flagged %.3f (recall)\n", g.name.c_str(), g.support,
                g.flagged_share);
  std::printf("  fixed thresholds:");
  for (const ThresholdPoint& p : r.fixed)
    std::printf("  %.1f: P %.3f R %.3f F1 %.3f;", p.threshold, p.precision, p.recall, p.f1);
  std::printf("\n");
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()))) ;
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

void Throughput(const std::string& label, const ModerationClassifier& c,
                const std::vector<LabeledComment>& data) {
  // Warm up, then time every call.
  for (size_t i = 0; i < std::min<size_t>(2000, data.size()); ++i) c.Score(data[i].text);
  std::vector<double> us;
  us.reserve(data.size());
  double sink = 0, slowest = 0;
  size_t slowest_bytes = 0, total_bytes = 0;
  auto start = Clock::now();
  for (const LabeledComment& x : data) {
    auto t = Clock::now();
    sink += c.Score(x.text).not_ok;
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    total_bytes += x.text.size();
    if (us.back() > slowest) {
      slowest = us.back();
      slowest_bytes = x.text.size();
    }
  }
  double total = Seconds(start);
  auto t2 = Clock::now();
  size_t chars = 0;
  for (const LabeledComment& x : data) chars += ClassifierText(x.text, c.text_options()).size();
  double pre = Seconds(t2);
  std::printf("- %s: %zu comments (mean %.0f bytes) in %.2f s on one thread: **%.0f comments/s**, "
              "mean %.1f µs, p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.0f µs (a %zu-byte comment); "
              "ClassifierText alone: mean %.1f µs%s\n",
              label.c_str(), data.size(), static_cast<double>(total_bytes) / static_cast<double>(data.size()),
              total, static_cast<double>(data.size()) / total,
              1e6 * total / static_cast<double>(data.size()), Percentile(us, 0.5),
              Percentile(us, 0.99), Percentile(us, 0.999), Percentile(us, 1.0), slowest_bytes,
              1e6 * pre / static_cast<double>(data.size()), chars == 0 || sink < 0 ? " (nothing scored)" : "");
}

// A term list for timing the whole pipeline: the `n` most frequent words
// (4+ letters, after ClassifierText) of the not-ok comments that are at least
// five times as common there as in the ok ones. Built at run time from the
// data and never written anywhere; the words stand in for a site's list of
// insults (the matcher's cost depends on the list's size, not its content).
std::vector<moderation::Term> TermsFromData(const std::vector<LabeledComment>& data, size_t n) {
  std::unordered_map<std::string, std::pair<size_t, size_t>> freq;  // word: (not ok, ok)
  for (const LabeledComment& c : data) {
    std::string t = ClassifierText(c.text);
    size_t start = 0;
    while (start < t.size()) {
      size_t end = t.find(' ', start);
      if (end == std::string::npos) end = t.size();
      std::string w = t.substr(start, end - start);
      if (w.size() >= 8 && static_cast<unsigned char>(w[0]) >= 0xD8)  // 4+ Arabic letters
        (c.label == "ok" ? freq[w].second : freq[w].first)++;
      start = end + 1;
    }
  }
  std::vector<std::pair<size_t, std::string>> ranked;
  for (auto& [w, f] : freq)
    if (f.first >= 5 * std::max<size_t>(1, f.second)) ranked.emplace_back(f.first, w);
  std::sort(ranked.rbegin(), ranked.rend());
  std::vector<moderation::Term> terms;
  for (size_t i = 0; i < ranked.size() && terms.size() < n; ++i)
    terms.push_back({ranked[i].second, i % 4 == 0 ? TermAction::kReject : TermAction::kHold, "insult"});
  return terms;
}

// The pipeline as `qalam moderation score` runs it (text hygiene, the term
// lists, the classifier, the decision), one comment at a time.
void PipelineThroughput(const std::string& label, const ModerationClassifier& c,
                        const std::vector<LabeledComment>& data) {
  TermMatcher matcher(TermsFromData(data, 500));
  ModerationPolicy policy;
  for (size_t i = 0; i < std::min<size_t>(2000, data.size()); ++i)
    Moderate(data[i].text, &matcher, &c, policy, nullptr);
  std::vector<double> us;
  us.reserve(data.size());
  size_t held = 0, matched = 0;
  auto start = Clock::now();
  for (const LabeledComment& x : data) {
    auto t = Clock::now();
    ModerationOutcome o = Moderate(x.text, &matcher, &c, policy, nullptr);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    held += o.verdict != Verdict::kApprove;
    for (const ModerationReason& r : o.reasons) {
      if (r.step == "term") {
        ++matched;
        break;
      }
    }
  }
  double total = Seconds(start);
  std::printf("- %s, whole pipeline with %zu terms: **%.0f comments/s**, mean %.1f µs, p50 %.1f µs, "
              "p99 %.1f µs, p99.9 %.1f µs, max %.0f µs (%zu comments matched a term, %zu held or "
              "rejected)\n",
              label.c_str(), matcher.terms().size(), static_cast<double>(data.size()) / total,
              1e6 * total / static_cast<double>(data.size()), Percentile(us, 0.5), Percentile(us, 0.99),
              Percentile(us, 0.999), Percentile(us, 1.0), matched, held);
}


// --- Section "targets" (issue 10) ------------------------------------------------

std::string Pct(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * x);
  return buf;
}

std::string Threshold(double x) {
  if (x > 1) return "never";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

moderation::ScoredGroup ScoreGroup(const std::string& name, const std::vector<LabeledComment>& test,
                                   const std::vector<double>& scores, const TermMatcher& terms) {
  moderation::ScoredGroup g;
  g.name = name;
  for (size_t i = 0; i < test.size(); ++i) g.comments.push_back(moderation::ScoreComment(test[i], scores[i], &terms));
  return g;
}

void PrintTargetsHeader() {
  std::printf("| left out | n | not-ok share | hold / reject | clean rejected (≤2%%) | rejections right (≥0.95) | "
              "offensive published (≤10%%) | held | F1 not approved | ROC AUC | targets |\n"
              "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
}

void PrintTargetsRow(const std::string& fold, const moderation::ScoredGroup& g, const moderation::ThresholdRule& rule,
                     double auc) {
  moderation::GroupOutcome o = moderation::Outcome(g, rule, moderation::Targets{});
  std::printf("| %s | %zu | %.2f | %s / %s%s | %s | %.3f | %s | %s | %.3f | %.3f | %s |\n", fold.c_str(), o.ok + o.not_ok,
              moderation::NotOkShare(g), Threshold(rule.hold).c_str(), Threshold(rule.reject).c_str(),
              rule.reject_needs_term ? "+term" : "", Pct(o.ok_rejected_share).c_str(), o.reject_precision,
              Pct(o.not_ok_published_share).c_str(), Pct(o.held_share).c_str(), o.f1, auc, o.meets ? "**met**" : "missed");
}

// Training-data recipes (section "dump"): "all" trains on everything as it
// comes; "balanced" as `qalam moderation train` does
// (moderation::BalanceDatasets: equal ok and not-ok counts per dataset).
std::vector<LabeledComment> ApplyRecipe(const std::string& recipe, const std::vector<LabeledComment>& train) {
  if (recipe == "all") return train;
  if (recipe != "balanced") Die("unknown recipe " + recipe);
  return moderation::BalanceDatasets(train, TrainOptions{}.seed);
}

}  // namespace
}  // namespace qalam

int main(int argc, char** argv) {
  using namespace qalam;
  std::string data_path, tmp = "/tmp", chosen_name;
  std::vector<std::string> holdouts = {"aljazeera-comments", "alakrot-youtube", "t-hsab", "osact2020"};
  std::set<std::string> only;
  std::vector<std::string> settings_filter;
  int threads = 2;
  std::string split_file;
  std::vector<std::string> recipes = {"all"};
  std::string dump_dir;
  std::string identity_path;
  std::string only_fold;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--data") {
      data_path = value();
    } else if (a == "--tmp") {
      tmp = value();
    } else if (a == "--holdout") {  // datasets left out in turn
      holdouts = SplitList(value());
    } else if (a == "--only") {  // grid,details,repeat,quantize,speed
      for (const std::string& s : SplitList(value())) only.insert(s);
    } else if (a == "--settings") {  // a subset of the grid by name
      settings_filter = SplitList(value());
    } else if (a == "--chosen") {  // skip choosing by validation F1
      chosen_name = value();
    } else if (a == "--split-file") {  // a dataset's own JSON lines with "text" and "split"
      split_file = value();
    } else if (a == "--recipes") {  // section dump: training-data recipes
      recipes = SplitList(value());
    } else if (a == "--dump") {  // section dump: the folder its score files go to
      dump_dir = value();
    } else if (a == "--only-fold") {  // section targets: the folds whose name starts so
      only_fold = value();
    } else if (a == "--identity") {  // section targets: the clean identity-mention check set
      identity_path = value();
    } else if (a == "--threads") {  // training threads (scoring is always one)
      threads = std::stoi(value());
    } else {
      Die("unknown option " + a);
    }
  }
  if (data_path.empty()) Die("--data FILE is required");
  auto want = [&only](const char* s) { return only.empty() || only.count(s) > 0; };
  auto started = Clock::now();

  // --- 0. The data ---------------------------------------------------------------
  std::vector<LabeledComment> all;
  size_t skipped = 0;
  auto t0 = Clock::now();
  Check(ReadLabeledJsonl(data_path, &all, &skipped), "reading " + data_path);
  std::printf("## Data\n\n%s: %zu comments (%zu lines skipped), read in %.2f s\n\n", data_path.c_str(),
              all.size(), skipped, Seconds(t0));
  std::map<std::string, std::map<std::string, size_t>> counts;
  for (const LabeledComment& c : all) counts[c.dataset][c.label]++;
  std::printf("| dataset | ok | offensive | hate | not ok share |\n|---|---:|---:|---:|---:|\n");
  for (auto& [d, m] : counts) {
    size_t n = m["ok"] + m["offensive"] + m["hate"];
    std::printf("| %s | %zu | %zu | %zu | %.2f |\n", d.c_str(), m["ok"], m["offensive"], m["hate"],
                static_cast<double>(n - m["ok"]) / static_cast<double>(n));
  }
  {
    std::unordered_map<std::string, std::set<std::string>> labels_of;
    std::unordered_map<std::string, size_t> n_of;
    for (const LabeledComment& c : all) {
      std::string t = ClassifierText(c.text);
      labels_of[t].insert(c.label);
      n_of[t]++;
    }
    size_t repeated = 0, conflicting = 0, conflicting_comments = 0;
    for (auto& [t, n] : n_of) {
      if (n < 2) continue;
      ++repeated;
      if (labels_of[t].size() > 1) {
        ++conflicting;
        conflicting_comments += n;
      }
    }
    std::printf("\nTexts (after ClassifierText) that occur more than once: %zu; with different labels: "
                "%zu (%zu comments)\n\n", repeated, conflicting, conflicting_comments);
  }

  // --- Folds ---------------------------------------------------------------------------
  std::vector<Fold> folds;
  for (const std::string& d : holdouts) {
    Fold f;
    f.name = d;
    f.whole_dataset = true;
    for (const LabeledComment& c : all) (c.dataset == d ? f.test : f.train).push_back(c);
    if (f.test.empty()) Die("no comments of dataset " + d);
    folds.push_back(std::move(f));
  }
  if (!split_file.empty()) {
    // In-domain: the comments of one dataset's "test" split (its authors' or
    // its copier's split) against everything else, that dataset's other
    // splits included, as a site trained on its own moderators' decisions.
    std::ifstream in(split_file);
    if (!in) Die("cannot read " + split_file);
    std::unordered_set<std::string> test_texts;
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.value("split", "") == "test" && j.contains("text") && j["text"].is_string())
        test_texts.insert(j["text"].get<std::string>());
    }
    // Texts of the split found in other datasets too go with it (a few short
    // common phrases), so that no text is on both sides.
    Fold f;
    std::map<std::string, size_t> datasets;
    for (const LabeledComment& c : all) {
      bool test = test_texts.count(c.text) > 0;
      (test ? f.test : f.train).push_back(c);
      if (test) datasets[c.dataset]++;
    }
    if (f.test.empty()) Die("no comment of " + split_file + "'s test split is in " + data_path);
    auto most = std::max_element(datasets.begin(), datasets.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    f.name = most->first + " (test split, in-domain)";
    std::printf("In-domain fold %s: %zu comments", f.name.c_str(), f.test.size());
    for (const auto& [d, n] : datasets)
      if (d != most->first) std::printf(", %zu of them in %s with the same text", n, d.c_str());
    std::printf("\n\n");
    folds.push_back(std::move(f));
  }
  {
    Fold f;
    f.name = "random";
    std::vector<size_t> train, test;
    SplitHoldout(all, 0.1, 1, {}, &train, &test);
    for (size_t i : train) f.train.push_back(all[i]);
    for (size_t i : test) f.test.push_back(all[i]);
    folds.push_back(std::move(f));
  }

  std::vector<Setting> grid = Grid(threads);
  if (!settings_filter.empty()) {
    std::vector<Setting> kept;
    for (const Setting& s : grid)
      if (std::find(settings_filter.begin(), settings_filter.end(), s.name) != settings_filter.end())
        kept.push_back(s);
    grid = kept;
  }
  if (grid.empty()) Die("no settings");

  // --- 1. Grid --------------------------------------------------------------------------
  std::vector<Result> results;
  std::string best_by_validation;
  if (want("grid")) {
    std::printf("## Settings × folds\n\nTraining threads: %d. Test = the whole held-out dataset, or "
                "the random 10%% (stratified by label, seed 1). val = 10%% of the training data.\n\n",
                threads);
    for (const Setting& s : grid) std::printf("- %s: %s\n", s.name.c_str(), Describe(s.o).c_str());
    std::printf("\n");
    PrintHeader();
    for (const Setting& s : grid)
      for (const Fold& f : folds) {
        results.push_back(RunFold(s, f, tmp, false));
        PrintRow(results.back());
      }
    std::printf("\n| setting | mean val F1@0.5 | mean held-out-dataset F1@0.5 | mean held-out-dataset F1@t* | mean held-out-dataset AUC | in-domain split F1@0.5 | random F1@0.5 |\n|---|---:|---:|---:|---:|---:|---:|\n");
    double best_val = -1;
    std::map<std::string, double> mean_val;
    for (const Setting& s : grid) {
      double val = 0, lodo = 0, lodo_half = 0, lodo_auc = 0, rnd = 0, split = -1;
      int nv = 0, nl = 0;
      for (const Result& r : results) {
        if (r.setting != s.name) continue;
        val += r.validation.f1;
        ++nv;
        if (r.fold == "random") {
          rnd = r.at_half.f1;
        } else if (r.whole_dataset) {
          lodo += r.at_tstar.f1;
          lodo_half += r.at_half.f1;
          lodo_auc += r.at_half.roc_auc;
          ++nl;
        } else {
          split = r.at_half.f1;
        }
      }
      lodo_half /= std::max(1, nl);
      lodo_auc /= std::max(1, nl);
      val /= std::max(1, nv);
      lodo /= std::max(1, nl);
      char split_text[16] = "-";
      if (split >= 0) std::snprintf(split_text, sizeof split_text, "%.3f", split);
      std::printf("| %s | %.3f | %.3f | %.3f | %.3f | %s | %.3f |\n", s.name.c_str(), val, lodo_half, lodo,
                  lodo_auc, split_text, rnd);
      mean_val[s.name] = val;
    }
    // Chosen by validation F1 only (the held-out datasets do not choose);
    // settings within kNoise of the best count as tied (two training threads
    // make runs differ by about that much), and of those the smallest model
    // wins, then the fastest training.
    constexpr double kNoise = 0.002;
    for (const auto& [name, val] : mean_val) best_val = std::max(best_val, val);
    double best_bytes = 0, best_secs = 0;
    for (const Setting& s : grid) {
      if (mean_val[s.name] < best_val - kNoise) continue;
      double bytes = 0, secs = 0;
      for (const Result& r : results)
        if (r.setting == s.name) {
          bytes += static_cast<double>(r.bytes);
          secs += r.seconds;
        }
      if (best_by_validation.empty() || bytes < best_bytes * 0.95 ||
          (bytes < best_bytes * 1.05 && secs < best_secs)) {
        best_by_validation = s.name;
        best_bytes = bytes;
        best_secs = secs;
      }
    }
    std::printf("\n");
  }
  bool auto_chosen = chosen_name.empty() && !best_by_validation.empty();
  std::string chosen = auto_chosen ? best_by_validation : chosen_name;
  if (chosen.empty()) chosen = "char2-5";
  std::optional<Setting> found;
  for (const Setting& s : Grid(threads))
    if (s.name == chosen) found = s;
  if (!found) Die("no setting named " + chosen);
  const Setting* cs = &*found;
  std::printf("Chosen setting: **%s** (%s)%s\n\n", cs->name.c_str(), Describe(cs->o).c_str(),
              auto_chosen ? ", the best mean validation F1 (within 0.002, then the smallest model)" : "");

  // --- 2. Details of the chosen setting ------------------------------------------------
  if (want("details")) {
    std::printf("## %s in detail\n\n", cs->name.c_str());
    for (const Fold& f : folds) {
      Result r = RunFold(*cs, f, tmp, true);
      std::printf("### test: %s (%zu comments; trained on %zu; validation t* = %.2f)\n\n", f.name.c_str(),
                  f.test.size(), r.train, r.validation.best.threshold);
      PrintGroups(r.at_half);
      if (std::abs(r.validation.best.threshold - 0.5) > 1e-9) PrintGroups(r.at_tstar);
      std::printf("  oracle: F1 %.3f at %.2f; flag all: F1 %.3f\n", r.at_half.best.f1,
                  r.at_half.best.threshold, r.flag_all_f1);
      if (f.name == "random") {
        std::map<std::string, std::pair<std::vector<LabeledComment>, std::vector<ClassifierScores>>> by;
        for (size_t i = 0; i < f.test.size(); ++i) {
          by[f.test[i].dataset].first.push_back(f.test[i]);
          by[f.test[i].dataset].second.push_back(r.scores[i]);
        }
        std::printf("\n  | dataset (random holdout) | n | not-ok share | P | R | F1 @0.5 | AUC |\n  |---|---:|---:|---:|---:|---:|---:|\n");
        for (auto& [d, v] : by) {
          EvalReport e = EvaluateScores(v.first, v.second, 0.5);
          std::printf("  | %s | %zu | %.2f | %.3f | %.3f | %.3f | %.3f |\n", d.c_str(), e.test,
                      static_cast<double>(e.tp + e.fn) / static_cast<double>(e.test), e.precision,
                      e.recall, e.f1, e.roc_auc);
        }
      }
      std::printf("\n");
      std::fflush(stdout);
    }
  }

  // --- 3. Repeated letters ---------------------------------------------------------------
  if (want("repeat")) {
    std::printf("## Repeated letters: cut to 1 or 2\n\n");
    PrintHeader();
    for (int rep : {1, 2}) {
      Setting s = *cs;
      s.o.text.max_repeat = rep;
      s.name = cs->name + "/repeat" + std::to_string(rep);
      for (const Fold& f : folds) PrintRow(RunFold(s, f, tmp, false));
    }
    std::printf("\n");
  }

  // --- 4 and 5. Quantization and throughput ------------------------------------------
  if (want("quantize") || want("speed")) {
    std::printf("## Model size and throughput (%s, trained on the random fold's training part)\n\n",
                cs->name.c_str());
    const Fold& rnd = folds.back();
    for (int cutoff : {-1, 0, 100000}) {  // -1: not quantized
      bool quantize = cutoff >= 0;
      if (quantize && !want("quantize")) continue;
      Setting s = *cs;
      s.o.quantize = quantize;
      s.o.quantize_cutoff = std::max(0, cutoff);
      std::string name = !quantize ? "full" : cutoff == 0 ? "quantized" : "quantized, cutoff " + std::to_string(cutoff);
      std::string model = tmp + "/speed-" + std::to_string(getpid()) + ".bin";
      EvalReport val;
      auto t = Clock::now();
      Check(TrainClassifier(rnd.train, s.o, model, &val), "training for speed");
      double secs = Seconds(t);
      t = Clock::now();
      std::unique_ptr<ModerationClassifier> c;
      Check(ModerationClassifier::Load(model, &c, s.o.text), "loading");
      double load = Seconds(t);
      EvalReport test;
      Check(Evaluate(*c, rnd.test, &test), "evaluating");
      struct rusage ru;
      getrusage(RUSAGE_SELF, &ru);
      std::printf("- %s: file %.1f MB, trained in %.0f s, loads in %.2f s; random-holdout F1@0.5 %.3f "
                  "(P %.3f R %.3f); peak RSS so far %.0f MB\n",
                  name.c_str(), static_cast<double>(fs::file_size(model)) / 1e6, secs,
                  load, test.f1, test.precision, test.recall, static_cast<double>(ru.ru_maxrss) / 1024);
      if (want("speed")) {
        Throughput(name, *c, all);
        PipelineThroughput(name, *c, all);
      }
      fs::remove(model);
      std::fflush(stdout);
    }
    std::printf("\n");
  }

  // --- Targets: the shipped recipe as `qalam moderation train` runs it --------------
  // Each fold's training data goes through TrainSiteModel (fold models
  // choosing the thresholds on datasets they never saw, then the shipped
  // model); the left-out test is then decided by the pipeline's rule with
  // the starter term lists, as a new site would run it.
  if (want("targets")) {
    TermMatcher terms(moderation::StarterTerms());
    std::vector<LabeledComment> identity;
    if (!identity_path.empty()) Check(ReadLabeledJsonl(identity_path, &identity), "reading " + identity_path);
    struct Scored {
      std::string name;
      moderation::ScoredGroup group;
      double auc = 0;
    };
    std::vector<Scored> scored;
    std::printf("## Targets: the shipped recipe, as `qalam moderation train` chooses its thresholds\n\n"
                "Starter terms: %zu. Each row: trained on the other datasets (thresholds chosen on them by "
                "%d fold models), tested on the left-out one.\n\n",
                terms.terms().size(), moderation::SiteModelOptions{}.folds);
    std::vector<std::string> rows;
    // The in-domain fold twice: its dataset's other splits as one more
    // dataset, and as the site's own moderators' decisions (dataset "site":
    // kept whole, spread over the fold models, and choosing the thresholds
    // alone, as on a site with 200 decisions or more).
    std::vector<Fold> target_folds;
    for (const Fold& f : folds) {
      if (f.name == "random" || (!only_fold.empty() && f.name.rfind(only_fold, 0) != 0)) continue;
      target_folds.push_back(f);
      if (!f.whole_dataset) {
        Fold g = f;
        const std::string dataset = f.name.substr(0, f.name.find(" ("));
        for (LabeledComment& c : g.train)
          if (c.dataset == dataset) c.dataset = "site";
        g.name = dataset + " (test split; its other splits as the site's decisions)";
        target_folds.push_back(std::move(g));
      }
    }
    for (const Fold& f : target_folds) {
      moderation::SiteModelOptions o;
      o.train.threads = threads;
      const std::string model = tmp + "/targets-" + std::to_string(getpid()) + ".bin";
      const std::string card = tmp + "/targets-" + std::to_string(getpid()) + ".json";
      moderation::SiteModelReport rep;
      auto t = Clock::now();
      Check(moderation::TrainSiteModel(f.train, &terms, o, model, card, &rep), "training for " + f.name);
      const double secs = Seconds(t);
      std::unique_ptr<ModerationClassifier> c;
      Check(ModerationClassifier::Load(model, &c), "loading");
      std::vector<double> scores;
      std::vector<ClassifierScores> full;
      for (const LabeledComment& x : f.test) {
        full.push_back(c->Score(x.text));
        scores.push_back(full.back().not_ok);
      }
      Scored sc{f.name, ScoreGroup(f.name, f.test, scores, terms), NotOkRocAuc(f.test, full)};
      const moderation::ThresholdRule rule{rep.card.hold, rep.card.reject, rep.card.reject_needs_term};
      std::printf("### %s\n\nTrained in %.0f s; thresholds chosen on %s: hold %s, reject %s (with a term). "
                  "On the training datasets, scored by fold models:\n\n",
                  f.name.c_str(), secs, rep.card.basis.c_str(), Threshold(rule.hold).c_str(),
                  Threshold(rule.reject).c_str());
      PrintTargetsHeader();
      for (size_t i = 0; i < rep.groups.size(); ++i) {
        const moderation::GroupOutcome& g = rep.groups[i];
        std::printf("| %s (training) | %zu | %.2f | | %s | %.3f | %s | %s | %.3f | %.3f | %s |\n", g.name.c_str(),
                    g.ok + g.not_ok, static_cast<double>(g.not_ok) / static_cast<double>(std::max<size_t>(1, g.ok + g.not_ok)),
                    Pct(g.ok_rejected_share).c_str(), g.reject_precision, Pct(g.not_ok_published_share).c_str(),
                    Pct(g.held_share).c_str(), g.f1, rep.group_auc[i], g.meets ? "met" : "missed");
      }
      std::printf("\nThe left-out dataset:\n\n");
      PrintTargetsHeader();
      PrintTargetsRow(f.name, sc.group, rule, sc.auc);
      char buf[600];
      std::snprintf(buf, sizeof buf, "| %s | %zu | %.2f | %s / %s | %s | %.3f | %s | %s | %.3f | %.3f | %s |",
                    f.name.c_str(), f.test.size(), moderation::NotOkShare(sc.group), Threshold(rule.hold).c_str(),
                    Threshold(rule.reject).c_str(),
                    Pct(moderation::Outcome(sc.group, rule, {}).ok_rejected_share).c_str(),
                    moderation::Outcome(sc.group, rule, {}).reject_precision,
                    Pct(moderation::Outcome(sc.group, rule, {}).not_ok_published_share).c_str(),
                    Pct(moderation::Outcome(sc.group, rule, {}).held_share).c_str(),
                    moderation::Outcome(sc.group, rule, {}).f1, sc.auc,
                    moderation::Outcome(sc.group, rule, {}).meets ? "**met**" : "missed");
      rows.push_back(buf);

      // The pipeline as the site runs it, for a returning commenter (the
      // first-time rule does not apply once a classifier is trained).
      ModerationPolicy policy;  // auto thresholds: the card's
      SpamSignals returning;
      returning.history.approved_by_email = 1;
      std::vector<double> us;
      struct Rejected {
        double score;
        size_t i;
        std::string why;
      };
      std::vector<Rejected> false_rejections;
      for (size_t i = 0; i < f.test.size(); ++i) {
        auto t0 = Clock::now();
        ModerationOutcome out = Moderate(f.test[i].text, &terms, c.get(), policy, &returning);
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        if (out.verdict == Verdict::kReject && f.test[i].label == "ok") {
          std::string why;
          for (const ModerationReason& r : out.reasons)
            if (r.step == "term" || r.code == "score_reject") why += (why.empty() ? "" : "; ") + r.code + (r.term.empty() ? "" : " " + r.term);
          false_rejections.push_back({out.scores.not_ok, i, why});
        }
      }
      std::sort(false_rejections.begin(), false_rejections.end(),
                [](const Rejected& a, const Rejected& b) { return a.score > b.score; });
      std::printf("\nPipeline per comment (starter terms, classifier, decision): mean %.1f µs, p99 %.1f µs, "
                  "p99.9 %.1f µs, max %.0f µs. False rejections: %zu; the worst ten (score, reasons, text):\n\n",
                  std::accumulate(us.begin(), us.end(), 0.0) / static_cast<double>(us.size()), Percentile(us, 0.99),
                  Percentile(us, 0.999), Percentile(us, 1.0), false_rejections.size());
      for (size_t k = 0; k < false_rejections.size() && k < 10; ++k) {
        std::string text = f.test[false_rejections[k].i].text;
        for (char& ch : text)
          if (ch == '\n' || ch == '|') ch = ' ';
        std::printf("- %.3f — %s — %s\n", false_rejections[k].score, false_rejections[k].why.c_str(), text.c_str());
      }
      if (!identity.empty()) {
        std::map<std::string, std::array<size_t, 3>> by;  // target: rejected, held, all
        std::vector<std::string> examples;
        for (const LabeledComment& x : identity) {
          ModerationOutcome out = Moderate(x.text, &terms, c.get(), policy, &returning);
          auto& v = by[x.target];
          v[0] += out.verdict == Verdict::kReject;
          v[1] += out.verdict == Verdict::kHold;
          v[2]++;
          if (out.verdict != Verdict::kApprove && examples.size() < 5)
            examples.push_back(std::string(ToString(out.verdict)) + " " + Threshold(out.scores.not_ok) + ": " + x.text);
        }
        std::printf("\nIdentity-mention check set (%zu clean comments): ", identity.size());
        for (const auto& [target, v] : by) std::printf("%s %zu rejected, %zu held of %zu; ", target.c_str(), v[0], v[1], v[2]);
        std::printf("\n");
        for (const std::string& e : examples) std::printf("  - %s\n", e.c_str());
      }
      std::printf("\n");
      std::fflush(stdout);
      scored.push_back(std::move(sc));
      fs::remove(model);
      fs::remove(card);
    }
    std::printf("### Summary: the shipped recipe and defaults on each left-out dataset\n\n");
    PrintTargetsHeader();
    for (const std::string& r : rows) std::printf("%s\n", r.c_str());

    // The best fixed setting: meets the targets on the most left-out
    // datasets, then the smallest mean held share.
    std::vector<moderation::ThresholdRule> grid;
    for (double h : {0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5})
      for (double r : {0.8, 0.9, 0.95, 0.97, 0.99, 1.01})
        for (bool needs : {true, false}) grid.push_back({h, r, needs});
    size_t best = 0, best_met = 0;
    double best_held = 2;
    for (size_t k = 0; k < grid.size(); ++k) {
      size_t met = 0;
      double held = 0;
      for (const Scored& sc : scored) {
        moderation::GroupOutcome o = moderation::Outcome(sc.group, grid[k], {});
        met += o.meets;
        held += o.held_share;
      }
      held /= static_cast<double>(std::max<size_t>(1, scored.size()));
      if (met > best_met || (met == best_met && held < best_held)) {
        best = k;
        best_met = met;
        best_held = held;
      }
    }
    std::printf("\n### The best fixed setting of the grid (most datasets meeting the targets, then the least held): "
                "hold %s, reject %s%s\n\n",
                Threshold(grid[best].hold).c_str(), Threshold(grid[best].reject).c_str(),
                grid[best].reject_needs_term ? " with a term" : " alone");
    PrintTargetsHeader();
    for (const Scored& sc : scored) PrintTargetsRow(sc.name, sc.group, grid[best], sc.auc);
    std::printf("\n");
  }

  // --- Pipeline speed with the shipped recipe (issue 10) ------------------------------
  // The model `qalam moderation train` ships (balanced datasets, quantized)
  // on all the data, then every comment through Moderate() one at a time on
  // one thread, with the starter lists plus a 500-term list and the card's
  // thresholds of a typical run (hold 0.02, reject never by score).
  if (want("pipeline")) {
    const std::string model = tmp + "/pipeline-" + std::to_string(getpid()) + ".bin";
    TrainOptions o;
    o.threads = threads;
    EvalReport val;
    auto t = Clock::now();
    Check(TrainClassifier(moderation::BalanceDatasets(all, o.seed), o, model, &val), "training the shipped recipe");
    const double secs = Seconds(t);
    ModelCard card;
    card.hold = 0.02;
    card.reject = 1.01;
    card.basis = "sources";
    Check(WriteModelCard(ModelCardPath(model), card), "writing its card");
    std::unique_ptr<ModerationClassifier> c;
    Check(ModerationClassifier::Load(model, &c), "loading");
    std::vector<moderation::Term> terms = moderation::StarterTerms();
    for (const moderation::Term& x : TermsFromData(all, 500)) terms.push_back(x);
    TermMatcher matcher(terms);
    ModerationPolicy policy;
    SpamSignals returning;
    returning.history.approved_by_email = 1;
    for (size_t i = 0; i < std::min<size_t>(2000, all.size()); ++i) Moderate(all[i].text, &matcher, c.get(), policy, &returning);
    std::vector<double> us;
    us.reserve(all.size());
    size_t held = 0, rejected = 0;
    auto start = Clock::now();
    for (const LabeledComment& x : all) {
      auto t0 = Clock::now();
      ModerationOutcome out = Moderate(x.text, &matcher, c.get(), policy, &returning);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      held += out.verdict == Verdict::kHold;
      rejected += out.verdict == Verdict::kReject;
    }
    const double total = Seconds(start);
    std::printf("## Pipeline speed, shipped recipe\n\nModel: %.1f MB, trained in %.0f s on %zu comments (balanced). "
                "%zu terms. %zu comments on one thread: **%.0f comments/s**, mean %.1f µs, p50 %.1f µs, "
                "**p99 %.1f µs**, p99.9 %.1f µs, max %.0f µs (%zu held, %zu rejected)\n\n",
                static_cast<double>(fs::file_size(model)) / 1e6, secs, val.train + val.test, matcher.terms().size(),
                all.size(), static_cast<double>(all.size()) / total, 1e6 * total / static_cast<double>(all.size()),
                Percentile(us, 0.5), Percentile(us, 0.99), Percentile(us, 0.999), Percentile(us, 1.0), held, rejected);
    fs::remove(model);
    fs::remove(ModelCardPath(model));
  }

  // --- Dump: held-out scores per recipe, for policy analysis -------------------------
  if (only.count("dump")) {
    if (dump_dir.empty()) Die("--only dump needs --dump DIR");
    fs::create_directories(dump_dir);
    for (const std::string& recipe : recipes) {
      std::ofstream out(dump_dir + "/" + recipe + ".tsv");
      for (const Fold& f : folds) {
        if (f.name == "random") continue;
        Fold g;
        g.name = f.name;
        g.train = ApplyRecipe(recipe, f.train);
        g.test = f.test;
        Setting setting{recipe, TrainOptions{}};
        setting.o.threads = threads;
        setting.o.quantize = false;
        Result r = RunFold(setting, g, tmp, true);
        std::printf("dump %s %s: trained on %zu, AUC %.3f (%.0f s)\n", recipe.c_str(), f.name.c_str(), r.train,
                    r.at_half.roc_auc, r.seconds);
        std::fflush(stdout);
        for (size_t i = 0; i < f.test.size(); ++i)
          out << f.name << '\t' << i << '\t' << f.test[i].dataset << '\t' << f.test[i].label << '\t'
              << f.test[i].target << '\t' << r.scores[i].not_ok << '\t' << r.scores[i].hate << '\n';
      }
    }
  }
  std::printf("moderation_bench: done in %.0f s\n", Seconds(started));
  return 0;
}
