// An article's characteristic stems, for related articles by content: stem
// counts over the title (weight 3), the highlights (2) and the body (1),
// stop words, numbers and one-letter tokens left out. The heaviest
// `max_terms`, heaviest first (ties by term).
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "arabic/analyzer.h"

namespace qalam::arabic {

std::vector<std::pair<std::string, int>> TopTerms(const std::string& title,
                                                  const std::vector<std::string>& highlights,
                                                  const std::string& body, size_t max_terms,
                                                  const AnalyzerOptions& options = {});

}  // namespace qalam::arabic
