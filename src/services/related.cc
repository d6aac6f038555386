#include "services/related.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "core/change_keys.h"

namespace qalam {
namespace {

constexpr int kTagWeight = 3;
constexpr int kWriterWeight = 2;
constexpr int kSectionWeight = 1;

}  // namespace

std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 size_t count) {
  std::unordered_map<Id, std::vector<size_t>> by_tag, by_writer, by_section;
  for (size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    for (Id t : f.tag_ids) by_tag[t].push_back(i);
    if (f.writer_id) by_writer[f.writer_id].push_back(i);
    if (f.section_id) by_section[f.section_id].push_back(i);
  }
  // Sections can be large: keep them in date order to take the nearest.
  for (auto& [id, list] : by_section) {
    std::sort(list.begin(), list.end(), [&](size_t a, size_t b) {
      return std::pair(features[a].published_at, features[a].id) <
             std::pair(features[b].published_at, features[b].id);
    });
  }

  std::map<Id, std::vector<Id>> result;
  std::unordered_map<size_t, int> score;
  for (size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    score.clear();
    for (Id t : f.tag_ids) {
      for (size_t j : by_tag[t]) score[j] += kTagWeight;
    }
    if (f.writer_id) {
      for (size_t j : by_writer[f.writer_id]) score[j] += kWriterWeight;
    }
    if (f.section_id) {
      const auto& list = by_section[f.section_id];
      for (auto& [j, s] : score) {
        if (features[j].section_id == f.section_id) s += kSectionWeight;
      }
      // The section's nearest articles in time, on both sides.
      auto pos = std::lower_bound(list.begin(), list.end(), i, [&](size_t a, size_t b) {
        return std::pair(features[a].published_at, features[a].id) <
               std::pair(features[b].published_at, features[b].id);
      });
      ptrdiff_t at = pos - list.begin();
      for (ptrdiff_t d = -static_cast<ptrdiff_t>(count); d <= static_cast<ptrdiff_t>(count); ++d) {
        ptrdiff_t k = at + d;
        if (k < 0 || k >= static_cast<ptrdiff_t>(list.size())) continue;
        score.try_emplace(list[k], kSectionWeight);
      }
    }
    score.erase(i);
    std::vector<std::pair<int, size_t>> ranked;
    ranked.reserve(score.size());
    for (auto& [j, s] : score) ranked.emplace_back(s, j);
    auto better = [&](const std::pair<int, size_t>& a, const std::pair<int, size_t>& b) {
      if (a.first != b.first) return a.first > b.first;
      int64_t da = std::llabs(features[a.second].published_at - f.published_at);
      int64_t db = std::llabs(features[b.second].published_at - f.published_at);
      if (da != db) return da < db;
      return features[a.second].id > features[b.second].id;
    };
    size_t n = std::min(count, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + n, ranked.end(), better);
    std::vector<Id>& out = result[f.id];
    for (size_t k = 0; k < n; ++k) out.push_back(features[ranked[k].second].id);
  }
  return result;
}

Status RefreshAutoRelated(Store& store, size_t* changed) {
  std::vector<RelatednessFeatures> features;
  Status st = store.LoadRelatednessFeatures(&features);
  if (!st.ok()) return st;
  std::map<Id, std::vector<Id>> stored;
  st = store.LoadAutoRelated(&stored);
  if (!st.ok()) return st;
  std::map<Id, std::vector<Id>> fresh = ComputeAutoRelated(features);

  std::map<Id, std::vector<Id>> diff;
  std::set<std::string> keys;
  for (auto& [id, list] : fresh) {
    auto it = stored.find(id);
    if (it == stored.end() ? !list.empty() : it->second != list) {
      diff[id] = list;
      keys.insert(keys::Article(id));
    }
  }
  for (auto& [id, list] : stored) {
    if (!fresh.count(id)) {  // No longer published: drop its list.
      diff[id] = {};
      keys.insert(keys::Article(id));
    }
  }
  if (changed) *changed = diff.size();
  if (diff.empty()) return Status::Ok();
  return store.ReplaceAutoRelated(diff, keys);
}

}  // namespace qalam
