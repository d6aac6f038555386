#include "services/search_ranking.h"

#include <algorithm>
#include <cmath>

namespace qalam {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kHalfYear = 15552000.0;  // seconds in 180 days

}  // namespace

double Bm25(const IndexStats& stats, const IndexMatch& match, const std::array<double, kIndexFields>& weights) {
  if (stats.articles <= 0) return 0.0;
  const double average = static_cast<double>(stats.tokens) / static_cast<double>(stats.articles);
  const double length = match.tokens;
  double score = 0.0;
  for (size_t i = 0; i < match.hits.size() && i < stats.feature_articles.size(); ++i) {
    const double holding = static_cast<double>(stats.feature_articles[i]);
    double idf = std::log((static_cast<double>(stats.articles) - holding + 0.5) / (holding + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    double frequency = 0.0;
    for (int f = 0; f < kIndexFields; ++f) frequency += weights[f] * match.hits[i][f];
    score += idf * (frequency * (kK1 + 1.0)) / (frequency + kK1 * (1 - kB + kB * length / average));
  }
  return score;
}

double WithRecency(double bm25, int64_t published_at, int64_t now, double weight) {
  const double age = std::max<int64_t>(0, now - published_at) / kHalfYear;
  return bm25 * (1.0 + weight / (1.0 + age));
}

}  // namespace qalam
