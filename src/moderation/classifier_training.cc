// Training the comment classifier with fastText (moderation/classifier.h).
#include <fasttext/fasttext.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "moderation/classifier_internal.h"

namespace qalam {

namespace fs = std::filesystem;
using namespace classifier_internal;

void classifier_internal::SplitPreprocessed(const std::vector<LabeledComment>& data,
                       const std::vector<std::string>& texts, double holdout_share, uint32_t seed,
                       std::vector<size_t>* train, std::vector<size_t>* test) {
  train->clear();
  test->clear();
  // Groups of equal preprocessed text, in order of first occurrence; a group
  // is stratified by its first comment's label and goes to one side whole.
  std::unordered_map<std::string_view, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < data.size(); ++i) {
    auto [it, fresh] = group_of.try_emplace(texts[i], groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  std::vector<bool> in_test(data.size(), false);
  std::mt19937 rng(seed);
  for (const char* label : kLabels) {
    std::vector<size_t> ids;
    for (size_t g = 0; g < groups.size(); ++g)
      if (data[groups[g][0]].label == label) ids.push_back(g);
    Shuffle(&ids, &rng);
    size_t n = static_cast<size_t>(std::floor(holdout_share * static_cast<double>(ids.size()) + 0.5));
    if (holdout_share > 0 && ids.size() >= 2) n = std::clamp<size_t>(n, 1, ids.size() - 1);
    n = std::min(n, ids.size());
    for (size_t k = 0; k < n; ++k)
      for (size_t i : groups[ids[k]]) in_test[i] = true;
  }
  for (size_t i = 0; i < data.size(); ++i) (in_test[i] ? test : train)->push_back(i);
}

namespace {

// A folder under the system's temp folder, removed with this object.
class TempDir {
 public:
  Status Create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string tmpl = (base / "qalam-moderation-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return Status::Io("cannot create a temporary folder in " + base.string());
    path_ = tmpl;
    return Status::Ok();
  }
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

// --- Training and evaluation ------------------------------------------------------

void SplitHoldout(const std::vector<LabeledComment>& data, double holdout_share, uint32_t seed,
                  const ClassifierTextOptions& text, std::vector<size_t>* train,
                  std::vector<size_t>* test) {
  std::vector<std::string> texts;
  texts.reserve(data.size());
  for (const LabeledComment& c : data) texts.push_back(ClassifierText(c.text, text));
  SplitPreprocessed(data, texts, holdout_share, seed, train, test);
}

Status TrainClassifier(const std::vector<LabeledComment>& data, const TrainOptions& options,
                       const std::string& model_out_path, EvalReport* report) {
  const auto started = std::chrono::steady_clock::now();
  if (options.epochs < 1 || options.lr <= 0 || options.dim < 1 || options.word_ngrams < 1 ||
      options.minn < 0 || options.maxn < 0 || (options.maxn > 0 && (options.minn < 1 || options.minn > options.maxn)) ||
      options.threads < 1 || options.bucket < 0 || options.min_count < 1 || options.quantize_cutoff < 0 ||
      !(options.holdout_share >= 0 && options.holdout_share < 1))
    return Status::Invalid("training options out of range");
  if ((options.maxn > 0 || options.word_ngrams > 1) && options.bucket == 0)
    return Status::Invalid("character or word n-grams need hash buckets (bucket > 0)");
  if (model_out_path.empty()) return Status::Invalid("no model path");
  for (const LabeledComment& c : data)
    if (!IsLabel(c.label)) return Status::Invalid("unknown label \"" + c.label + "\"");

  std::vector<std::string> texts;
  texts.reserve(data.size());
  for (const LabeledComment& c : data) texts.push_back(ClassifierText(c.text, options.text));
  std::vector<size_t> train, test;
  SplitPreprocessed(data, texts, options.holdout_share, options.seed, &train, &test);
  bool has_ok = false, has_not_ok = false;
  for (size_t i : train) (data[i].label == "ok" ? has_ok : has_not_ok) = true;
  if (!has_ok || !has_not_ok)
    return Status::Invalid("training needs comments labeled ok and offensive or hate");

  TempDir tmp;
  if (Status st = tmp.Create(); !st.ok()) return st;
  const std::string train_file = (tmp.path() / "train.txt").string();
  size_t tokens = 0;
  {
    // fastText reads the file in order and lowers the learning rate as it
    // goes, so the lines are shuffled (the data comes grouped by dataset).
    std::vector<size_t> order = train;
    std::mt19937 rng(options.seed ^ 0x9E3779B9u);
    Shuffle(&order, &rng);
    std::ofstream f(train_file, std::ios::binary);
    for (size_t i : order) {
      if (texts[i].empty()) continue;
      f << kLabelPrefix << data[i].label << ' ' << texts[i] << '\n';
      tokens += 1 + static_cast<size_t>(std::count(texts[i].begin(), texts[i].end(), ' '));
    }
    f.close();
    if (!f) return Status::Io("cannot write the training file in " + tmp.path().string());
  }

  fasttext::Args args;
  args.input = train_file;
  args.output = (tmp.path() / "model").string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.lr = options.lr;
  args.dim = options.dim;
  args.epoch = options.epochs;
  args.wordNgrams = options.word_ngrams;
  args.minn = options.maxn > 0 ? options.minn : 0;
  args.maxn = options.maxn;
  const size_t bucket = std::min(static_cast<size_t>(options.bucket), std::max<size_t>(10000, 4 * tokens));
  args.bucket = options.maxn > 0 || options.word_ngrams > 1 ? static_cast<int>(bucket) : 0;
  args.minCount = options.min_count;
  args.minCountLabel = 0;
  args.thread = options.threads;
  args.seed = static_cast<int>(options.seed & 0x7FFFFFFF);
  args.verbose = 0;
  fasttext::FastText ft;
  try {
    ft.train(args);
    const int64_t rows = static_cast<int64_t>(ft.getDictionary()->nwords()) + args.bucket;
    if (options.quantize && (options.quantize_cutoff == 0 || rows > options.quantize_cutoff)) {
      fasttext::Args q = args;
      q.qout = false;
      q.qnorm = true;
      q.cutoff = static_cast<size_t>(options.quantize_cutoff);
      q.retrain = options.quantize_cutoff > 0;
      q.dsub = 2;
      ft.quantize(q);
    }
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("fastText training failed: ") + e.what());
  }

  // Write beside the destination, then rename: a running site that reloads
  // never reads half a model.
  fs::path out(model_out_path);
  std::error_code ec;
  if (out.has_parent_path()) {
    fs::create_directories(out.parent_path(), ec);
    if (ec) return Status::Io(out.parent_path().string() + ": " + ec.message());
  }
  const std::string partial = model_out_path + ".partial-" + std::to_string(getpid());
  try {
    ft.saveModel(partial);
  } catch (const std::exception& e) {
    fs::remove(partial, ec);
    return Status::Io(std::string("cannot save the model: ") + e.what());
  }
  std::unique_ptr<ModerationClassifier> saved;
  if (Status st = ModerationClassifier::Load(partial, &saved, options.text); !st.ok()) {
    fs::remove(partial, ec);
    return Status::Io("the saved model does not read back (disk full?): " + st.message());
  }
  fs::rename(partial, out, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Io(model_out_path + ": " + ec.message());
  }
  const double train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (report) {
    std::vector<LabeledComment> held;
    std::vector<ClassifierScores> scores;
    held.reserve(test.size());
    scores.reserve(test.size());
    for (size_t i : test) {
      held.push_back(data[i]);
      scores.push_back(saved->ScorePreprocessed(texts[i]));
    }
    *report = EvaluateScores(held, scores, 0.5);
    report->train = train.size();
    report->train_seconds = train_seconds;
    report->model_bytes = fs::file_size(out, ec);
  }
  return Status::Ok();
}

}  // namespace qalam
