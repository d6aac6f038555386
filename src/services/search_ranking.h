// How search ranks what the index matched (store/search_index.h): BM25 over
// the fields, then a mild boost for recent articles. The formula is SQLite
// FTS5's bm25() (k1 1.2, b 0.75, an IDF never below 1e-6, one weight per
// field) so that ranking did not move when it left the store; every backend's
// counts go through it.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "store/search_index.h"

namespace qalam {

// Title, highlights, body.
constexpr std::array<double, kIndexFields> kFieldWeights = {10.0, 4.0, 1.0};

// BM25 of the matches of one query: the index-wide part (each feature's
// IDF, the average length) worked out once.
class Bm25 {
 public:
  explicit Bm25(const IndexStats& stats, const std::array<double, kIndexFields>& weights = kFieldWeights);
  // Higher is better; 0 when nothing matched.
  double Score(const IndexMatch& match) const;

 private:
  std::array<double, kIndexFields> weights_;
  std::vector<double> idf_;
  double average_ = 1.0;
};

// The boost: × (1 + weight / (1 + age in half-years)), at most × (1 + weight)
// for an article published at `now`.
double WithRecency(double bm25, int64_t published_at, int64_t now, double weight);

}  // namespace qalam
