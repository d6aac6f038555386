// Automatic related articles for "موضوعات تهمك", shown after the editor's
// curated links: other published articles sharing tags (strongest), the
// writer, or the section, nearest in time first. Never the article itself.
#pragma once
#include <map>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kAutoRelatedCount = 5;

// Pure: the best `count` related article ids for every article in `features`.
std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 size_t count = kAutoRelatedCount);

// Recomputes every article's list, stores those that changed and records
// their change keys. *changed (optional) receives how many lists changed.
Status RefreshAutoRelated(Store& store, size_t* changed = nullptr);

}  // namespace qalam
