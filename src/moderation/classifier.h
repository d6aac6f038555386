// The comment classifier of the moderation pipeline (issue 5, step 3): a
// fastText supervised model with three labels, `__label__ok`,
// `__label__offensive` and `__label__hate`, over text preprocessed by
// ClassifierText(). Training data is JSON lines in the format of
// ../shared/data/moderation/train.jsonl; neither that data nor a model
// trained on it belongs in the repository (research-only licences): a site
// keeps its model in DIR/moderation/model.bin. Figures: bench/moderation,
// bench/RESULTS.md ("## Moderation").
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/model_card.h"

namespace fasttext {
class FastText;
}

namespace qalam {

// ---------------------------------------------------------------------------
// Data

// One labeled comment. label: "ok", "offensive" or "hate"; dataset: where it
// came from (optional); target: "religion", "origin" or "gender" where the
// source labels whom the comment attacks (optional, empty otherwise).
struct LabeledComment {
  std::string text;
  std::string label;
  std::string dataset;
  std::string target;
};

// Appends the comments of a JSON-lines file to *out. A line that is not a JSON
// object with a non-empty string "text" and a "label" of ok / offensive / hate
// (or whose "dataset" / "target" is present but not a string or null) is
// skipped and counted in *skipped (when given); blank lines are ignored.
// Fails only when the file cannot be read.
Status ReadLabeledJsonl(const std::string& path, std::vector<LabeledComment>* out,
                        size_t* skipped = nullptr);

// ---------------------------------------------------------------------------
// Preprocessing

struct ClassifierTextOptions {
  // Runs of more than this many of the same letter or symbol are cut to it
  // (جمييييل → جمييل with 2); digits are never cut. bench/moderation measures
  // 1 against 2.
  int max_repeat = 2;
};

// The text the classifier sees, one line of space-separated tokens:
// arabic::Normalize() first (the search analyzer's normalization, so the
// classifier and the term matcher read the same text: tashkeel and tatweel
// removed, hamza and alef forms folded, ى → ي, ة → ه, Arabic-Indic digits →
// ASCII, Latin lower-cased, invisible characters dropped); then web addresses
// become `url` and @mentions `@user` (as in OSACT's tweets); `_` and the
// `<LF>` of OSACT become spaces; each punctuation mark, symbol and emoji is a
// token of its own (skin-tone modifiers dropped); runs of one letter or symbol
// longer than options.max_repeat are cut. Never contains a newline.
std::string ClassifierText(std::string_view text);
std::string ClassifierText(std::string_view text, const ClassifierTextOptions& options);

// ---------------------------------------------------------------------------
// Scoring

struct ClassifierScores {
  double offensive = 0;  // probability that the text is offensive (not hate)
  double hate = 0;       // probability that the text is hate speech
  double not_ok = 0;     // 1 - p(ok): "should not be published as is"
};

class ModerationClassifier {
 public:
  // Loads a model written by TrainClassifier() (or fastText's `supervised`
  // over ClassifierText() lines with the labels above). A missing file is
  // NotFound; a file that is not a complete fastText supervised model with an
  // `ok` label is Invalid, checked before fastText reads it (fastText itself
  // loops or aborts on some truncated files). `text` must be the options the
  // model was trained with. The model's card (ModelCardPath) is read with it
  // when there is one; a card that is not one makes the load Invalid.
  static Status Load(const std::string& path, std::unique_ptr<ModerationClassifier>* out,
                     const ClassifierTextOptions& text = {});
  ~ModerationClassifier();
  ModerationClassifier(const ModerationClassifier&) = delete;
  ModerationClassifier& operator=(const ModerationClassifier&) = delete;

  // Safe from any number of threads at once. An empty text scores 0 for all.
  ClassifierScores Score(std::string_view text) const;
  // The same, over text already passed through ClassifierText().
  ClassifierScores ScorePreprocessed(std::string_view classifier_text) const;

  const ClassifierTextOptions& text_options() const { return text_; }
  // The thresholds chosen when it was trained (has_thresholds() false for a
  // model without a card).
  const ModelCard& card() const { return card_; }
  bool quantized() const;

 private:
  ModerationClassifier();
  std::unique_ptr<fasttext::FastText> ft_;
  ClassifierTextOptions text_;
  ModelCard card_;
  int32_t ok_ = -1, offensive_ = -1, hate_ = -1;  // label ids
  int32_t nlabels_ = 0;
};

// ---------------------------------------------------------------------------
// Training and evaluation

struct TrainOptions {
  // The defaults are the settings bench/moderation chose (bench/RESULTS.md).
  int epochs = 25;
  double lr = 0.2;
  int word_ngrams = 2;
  int dim = 50;
  // Character n-grams of each word (0, 0: none); they carry dialect spellings
  // and obfuscated insults to the words they resemble.
  int minn = 2, maxn = 5;
  int threads = 1;  // > 1 trains faster but is no longer deterministic
  double holdout_share = 0.1;  // stratified by label, for the report
  uint32_t seed = 1;
  // Hash buckets for character and word n-grams: at most this many, and at
  // most 4 per token of training text (at least 10,000), so that a small
  // corpus makes a small model.
  int bucket = 500000;
  int min_count = 1;
  // Product quantization: a model file and memory of a few MB instead of
  // ~130 MB (figures in bench/RESULTS.md). With quantize_cutoff > 0 only the
  // quantize_cutoff rows of the input matrix (words and n-gram buckets) with
  // the largest norms are kept and trained again, and a model that has no
  // more rows than that stays unquantized (it is small already); 0 keeps and
  // quantizes every row. Quantizing takes ~30 s more (k-means).
  bool quantize = true;
  int quantize_cutoff = 100000;
  ClassifierTextOptions text;
};

// P/R/F1 for "should not be published as is" (offensive or hate) at one
// not_ok threshold.
struct ThresholdPoint {
  double threshold = 0;
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  double precision = 0, recall = 0, f1 = 0;
};

// A group of the test comments: one gold label or one target.
struct GroupStats {
  std::string name;
  size_t support = 0;  // comments in the group
  size_t flagged = 0;  // of them, not_ok >= the report's threshold
  // flagged / support: recall for offensive, hate and the targets (all of
  // which are not ok); the false-positive rate for ok.
  double flagged_share = 0;
  // For labels only: precision, recall and F1 of the label with the highest
  // probability being this one (three-way).
  double precision = 0, recall = 0, f1 = 0;
};

struct EvalReport {
  size_t train = 0, test = 0;  // comments trained on, evaluated on
  double threshold = 0.5;      // the not_ok threshold of the figures below
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  double precision = 0, recall = 0, f1 = 0;  // not ok = offensive or hate
  std::vector<GroupStats> per_label;   // ok, offensive, hate (those present)
  std::vector<GroupStats> per_target;  // religion, origin, gender (those present)
  std::vector<ThresholdPoint> fixed;   // at not_ok 0.3, 0.4, … 0.9 (0.9: the default reject)
  ThresholdPoint best;                 // the threshold with the best F1 here
  // ROC AUC of not_ok: the chance that a not-ok comment scores above an ok
  // one (ties count half); 0.5 is chance. Unlike F1 it does not move with
  // the share of not-ok comments, which differs widely between datasets.
  double roc_auc = 0;
  // TrainClassifier only.
  double train_seconds = 0;
  uint64_t model_bytes = 0;
};

// Trains on data less a held-out slice (holdout_share of each label, chosen by
// seed; repeated texts stay on one side), writes the model to model_out_path
// (replacing it atomically; parent folders are created) and, when report is
// given, evaluates the written model on the slice at not_ok >= 0.5. The
// training file lives in a temporary folder that is removed.
Status TrainClassifier(const std::vector<LabeledComment>& data, const TrainOptions& options,
                       const std::string& model_out_path, EvalReport* report);

// Scores every comment and reports at not_ok >= threshold.
Status Evaluate(const ModerationClassifier& classifier, const std::vector<LabeledComment>& data,
                EvalReport* report, double threshold = 0.5);

// The same from scores already computed (scores[i] for data[i]).
EvalReport EvaluateScores(const std::vector<LabeledComment>& data,
                          const std::vector<ClassifierScores>& scores, double threshold = 0.5);
// P/R/F1 of not ok at one threshold.
ThresholdPoint NotOkAt(const std::vector<LabeledComment>& data,
                       const std::vector<ClassifierScores>& scores, double threshold);
// ROC AUC of not_ok (see EvalReport::roc_auc); 0 when either class is absent.
double NotOkRocAuc(const std::vector<LabeledComment>& data,
                   const std::vector<ClassifierScores>& scores);
// The not_ok threshold (0.05 … 0.95 by 0.01) with the best F1 on a validation
// slice; ties go to the higher threshold.
ThresholdPoint BestNotOkThreshold(const std::vector<LabeledComment>& data,
                                  const std::vector<ClassifierScores>& scores);

// The stratified split TrainClassifier() uses: indices into data.
void SplitHoldout(const std::vector<LabeledComment>& data, double holdout_share, uint32_t seed,
                  const ClassifierTextOptions& text, std::vector<size_t>* train,
                  std::vector<size_t>* test);

}  // namespace qalam
