#include "services/search_ranking.h"

#include <algorithm>
#include <cmath>

namespace qalam {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kHalfYear = 15552000.0;  // seconds in 180 days

}  // namespace

Bm25::Bm25(const IndexStats& stats, const std::array<double, kIndexFields>& weights) : weights_(weights) {
  if (stats.articles <= 0) return;
  average_ = static_cast<double>(stats.tokens) / static_cast<double>(stats.articles);
  for (int64_t holding : stats.feature_articles) {
    double idf = std::log((static_cast<double>(stats.articles) - static_cast<double>(holding) + 0.5) /
                          (static_cast<double>(holding) + 0.5));
    idf_.push_back(idf <= 0.0 ? 1e-6 : idf);
  }
}

double Bm25::Score(const IndexMatch& match) const {
  const double length = match.tokens;
  double score = 0.0;
  for (size_t i = 0; i < match.hits.size() && i < idf_.size(); ++i) {
    double frequency = 0.0;
    for (int f = 0; f < kIndexFields; ++f) frequency += weights_[f] * match.hits[i][f];
    score += idf_[i] * ((frequency * (kK1 + 1.0)) / (frequency + kK1 * (1 - kB + kB * length / average_)));
  }
  return score;
}

double WithRecency(double bm25, int64_t published_at, int64_t now, double weight) {
  const double age = std::max<int64_t>(0, now - published_at) / kHalfYear;
  return bm25 * (1.0 + weight / (1.0 + age));
}

}  // namespace qalam
