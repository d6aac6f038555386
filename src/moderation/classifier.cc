// The fastText comment classifier: loading a model and scoring
// (moderation/classifier.h). Preprocessing, the model file check, data,
// training and evaluation live in classifier_text.cc, model_file.cc,
// labeled_data.cc, classifier_training.cc and classifier_eval.cc.
#include "moderation/classifier.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "moderation/classifier_internal.h"

namespace qalam {

namespace fs = std::filesystem;
using namespace classifier_internal;

// --- ModerationClassifier -----------------------------------------------------------

ModerationClassifier::ModerationClassifier() = default;
ModerationClassifier::~ModerationClassifier() = default;

bool ModerationClassifier::quantized() const { return ft_->isQuant(); }

Status ModerationClassifier::Load(const std::string& path,
                                  std::unique_ptr<ModerationClassifier>* out,
                                  const ClassifierTextOptions& text) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no classifier model");
  uint64_t size = fs::file_size(path, ec);
  if (ec) return Status::Io(path + ": " + ec.message());
  std::vector<std::string> labels;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Io(path + ": cannot be read");
    std::string err = WalkModelFile(in, size, &labels);
    if (!err.empty()) return Status::Invalid(path + ": not a classifier model (" + err + ")");
  }
  auto c = std::unique_ptr<ModerationClassifier>(new ModerationClassifier());
  c->text_ = text;
  c->ft_ = std::make_unique<fasttext::FastText>();
  try {
    c->ft_->loadModel(path);
  } catch (const std::exception& e) {
    return Status::Invalid(path + ": not a classifier model (" + e.what() + ")");
  }
  c->nlabels_ = static_cast<int32_t>(labels.size());
  for (int32_t i = 0; i < c->nlabels_; ++i) {
    const std::string& l = labels[static_cast<size_t>(i)];
    if (l == std::string(kLabelPrefix) + "ok") c->ok_ = i;
    if (l == std::string(kLabelPrefix) + "offensive") c->offensive_ = i;
    if (l == std::string(kLabelPrefix) + "hate") c->hate_ = i;
  }
  if (c->ok_ < 0 || (c->offensive_ < 0 && c->hate_ < 0))
    return Status::Invalid(path + ": not a classifier model (it lacks the labels ok and offensive or hate)");
  if (Status st = ReadModelCard(ModelCardPath(path), &c->card_); !st.ok() && !st.IsNotFound()) return st;
  *out = std::move(c);
  return Status::Ok();
}

ClassifierScores ModerationClassifier::Score(std::string_view text) const {
  return ScorePreprocessed(ClassifierText(text, text_));
}

ClassifierScores ModerationClassifier::ScorePreprocessed(std::string_view classifier_text) const {
  ClassifierScores s;
  if (classifier_text.empty()) return s;
  // fastText reads words from a stream; the newline ends the line (its </s>
  // token, as in training).
  std::string line;
  line.reserve(classifier_text.size() + 1);
  line.append(classifier_text);
  line.push_back('\n');
  std::istringstream in(std::move(line));
  std::vector<int32_t> words, labels;
  fasttext::Predictions predictions;
  try {
    ft_->getDictionary()->getLine(in, words, labels);
    ft_->predict(nlabels_, words, predictions, 0.0);
  } catch (const std::exception&) {
    return s;
  }
  double ok = 0;
  for (const auto& [log_p, id] : predictions) {
    double p = std::exp(static_cast<double>(log_p));
    if (id == ok_) ok = p;
    if (id == offensive_) s.offensive = p;
    if (id == hate_) s.hate = p;
  }
  s.not_ok = std::clamp(1.0 - ok, 0.0, 1.0);
  return s;
}

}  // namespace qalam
