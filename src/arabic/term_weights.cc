#include "arabic/term_weights.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"

namespace qalam::arabic {

std::vector<std::pair<std::string, int>> TopTerms(const std::string& title,
                                                  const std::vector<std::string>& highlights,
                                                  const std::string& body, size_t max_terms,
                                                  const AnalyzerOptions& options) {
  std::unordered_map<std::string, int> weights;
  auto add = [&](const std::string& text, int weight) {
    for (const Token& t : Analyze(text, options)) {
      if (t.stop || CountCodePoints(t.stem) < 2) continue;
      if (std::all_of(t.stem.begin(), t.stem.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) continue;
      weights[t.stem] += weight;
    }
  };
  add(title, 3);
  for (const std::string& h : highlights) add(h, 2);
  add(body, 1);
  std::vector<std::pair<std::string, int>> out(weights.begin(), weights.end());
  auto heavier = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  size_t n = std::min(max_terms, out.size());
  std::partial_sort(out.begin(), out.begin() + n, out.end(), heavier);
  out.resize(n);
  return out;
}

}  // namespace qalam::arabic
