// Pieces the classifier's files share (moderation/classifier*.cc,
// model_file.cc, labeled_data.cc); not for use outside moderation/.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <istream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "moderation/classifier.h"

namespace qalam::classifier_internal {

inline constexpr std::array<const char*, 3> kLabels = {"ok", "offensive", "hate"};
inline constexpr const char* kLabelPrefix = "__label__";

inline bool IsLabel(std::string_view label) {
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

// Deterministic on every platform (std::shuffle's algorithm is not specified).
template <class T>
void Shuffle(std::vector<T>* v, std::mt19937* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

// model_file.cc: "" when the stream holds a whole fastText supervised model
// (version 12) of `size` bytes, else what is wrong; *labels gets its labels.
std::string WalkModelFile(std::istream& in, uint64_t size, std::vector<std::string>* labels);

// classifier_training.cc: the stratified split behind SplitHoldout, on text
// already preprocessed (texts[i] for data[i]).
void SplitPreprocessed(const std::vector<LabeledComment>& data, const std::vector<std::string>& texts,
                       double holdout_share, uint32_t seed, std::vector<size_t>* train,
                       std::vector<size_t>* test);

}  // namespace qalam::classifier_internal
