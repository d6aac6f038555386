// Automatic related articles for "موضوعات تهمك", shown after the editor's
// curated links. Other published articles are scored by what they say (the
// cosine of TF-IDF vectors over the analyzer's stems, arabic/term_weights.h)
// plus shared tags, the same writer and the same section; ties go to the
// nearest in time. Never the article itself.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kAutoRelatedCount = 5;

// Each article's characteristic terms and their weights, as strings (for
// tests and small callers); the store gives them interned (ArticleTermLists).
using TermLists = std::map<Id, std::vector<std::pair<std::string, int>>>;
ArticleTermLists InternTermLists(const TermLists& terms);

struct RelatedWeights {
  double content = 1.0;   // Times the cosine similarity (0…1).
  double tag = 0.3;       // Per shared tag.
  double writer = 0.1;
  double section = 0.05;
};

// Pure: the best `count` related article ids for every article in `features`.
// `terms` may be empty (then only tags, writer and section count).
std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 const ArticleTermLists& terms, size_t count = kAutoRelatedCount,
                                                 const RelatedWeights& weights = {});
std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 const TermLists& terms = {},
                                                 size_t count = kAutoRelatedCount,
                                                 const RelatedWeights& weights = {});

// Recomputes every article's list, stores those that changed and records
// their change keys. *changed (optional) receives how many lists changed.
Status RefreshAutoRelated(Store& store, size_t* changed = nullptr);

}  // namespace qalam
