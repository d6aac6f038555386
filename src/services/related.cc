#include "services/related.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "core/change_keys.h"

namespace qalam {
namespace {

// Terms of a vector kept for similarity, and how common a term may be
// (share of articles) before it stops telling articles apart.
constexpr size_t kVectorTerms = 15;
constexpr double kMaxTermShare = 0.05;
constexpr size_t kMinTermCap = 50;

struct Posting {
  size_t doc;
  double weight;
};

// Normalized TF-IDF vectors of the articles in `features` (by position),
// and the postings of each term number.
std::vector<std::vector<std::pair<uint32_t, double>>> BuildVectors(
    const std::vector<RelatednessFeatures>& features, const ArticleTermLists& terms,
    std::vector<std::vector<Posting>>* postings) {
  // Each article's list, found by id (the lists are in id order).
  std::vector<const std::vector<std::pair<uint32_t, int>>*> list_of(features.size(), nullptr);
  for (size_t i = 0; i < features.size(); ++i) {
    auto it = std::lower_bound(terms.lists.begin(), terms.lists.end(), features[i].id,
                               [](const auto& entry, Id id) { return entry.first < id; });
    if (it != terms.lists.end() && it->first == features[i].id) list_of[i] = &it->second;
  }
  std::vector<uint32_t> df(terms.terms.size(), 0);
  for (const auto* list : list_of) {
    if (!list) continue;
    for (const auto& [t, w] : *list) ++df[t];
  }
  const double n = static_cast<double>(std::max<size_t>(1, terms.lists.size()));
  const size_t cap = std::max(kMinTermCap, static_cast<size_t>(n * kMaxTermShare));
  postings->assign(terms.terms.size(), {});
  std::vector<std::vector<std::pair<uint32_t, double>>> vectors(features.size());
  for (size_t i = 0; i < features.size(); ++i) {
    if (!list_of[i]) continue;
    auto& v = vectors[i];
    for (const auto& [t, w] : *list_of[i]) v.emplace_back(t, (1.0 + std::log(w)) * std::log(n / df[t]));
    std::sort(v.begin(), v.end(), [&](const auto& a, const auto& b) {
      // Ties by the term itself, so that the result does not depend on
      // the order the terms were numbered in.
      return a.second != b.second ? a.second > b.second : terms.terms[a.first] < terms.terms[b.first];
    });
    if (v.size() > kVectorTerms) v.resize(kVectorTerms);
    v.shrink_to_fit();
    double norm = 0;
    for (const auto& [t, w] : v) norm += w * w;
    norm = std::sqrt(norm);
    for (auto& [t, w] : v) w = norm > 0 ? w / norm : 0;
    for (const auto& [t, w] : v) {
      if (df[t] <= cap && w > 0) (*postings)[t].push_back({i, w});
    }
  }
  return vectors;
}

}  // namespace

ArticleTermLists InternTermLists(const TermLists& terms) {
  ArticleTermLists out;
  std::map<std::string, uint32_t> numbers;
  for (const auto& [id, list] : terms) {
    auto& entry = out.lists.emplace_back(id, std::vector<std::pair<uint32_t, int>>{});
    for (const auto& [term, weight] : list) {
      auto [it, inserted] = numbers.emplace(term, static_cast<uint32_t>(out.terms.size()));
      if (inserted) out.terms.push_back(term);
      entry.second.emplace_back(it->second, weight);
    }
  }
  return out;
}

std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 const TermLists& terms, size_t count,
                                                 const RelatedWeights& weights) {
  return ComputeAutoRelated(features, InternTermLists(terms), count, weights);
}

std::map<Id, std::vector<Id>> ComputeAutoRelated(const std::vector<RelatednessFeatures>& features,
                                                 const ArticleTermLists& terms, size_t count,
                                                 const RelatedWeights& weights) {
  std::unordered_map<Id, std::vector<size_t>> by_tag, by_writer, by_section;
  for (size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    for (Id t : f.tag_ids) by_tag[t].push_back(i);
    if (f.writer_id) by_writer[f.writer_id].push_back(i);
    if (f.section_id) by_section[f.section_id].push_back(i);
  }
  auto by_time = [&](size_t a, size_t b) {
    return std::pair(features[a].published_at, features[a].id) <
           std::pair(features[b].published_at, features[b].id);
  };
  // Sections can be large: keep them in date order to take the nearest.
  for (auto& [id, list] : by_section) std::sort(list.begin(), list.end(), by_time);

  std::vector<std::vector<Posting>> postings;
  const auto vectors = BuildVectors(features, terms, &postings);

  std::map<Id, std::vector<Id>> result;
  // Scores of the candidates of one article, dense over all articles: a
  // map per article cost an allocation per candidate (most of the time at
  // 50,000 articles, bench/import). `touched` lists the candidates in the
  // order they were first scored, and is reset after each article.
  std::vector<double> score(features.size(), 0.0);
  std::vector<char> seen(features.size(), 0);
  std::vector<size_t> touched;
  auto add = [&](size_t j, double v) {
    if (!seen[j]) {
      seen[j] = 1;
      touched.push_back(j);
    }
    score[j] += v;
  };
  for (size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    for (size_t j : touched) {
      score[j] = 0.0;
      seen[j] = 0;
    }
    touched.clear();
    for (const auto& [t, w] : vectors[i]) {
      for (const Posting& other : postings[t]) add(other.doc, weights.content * w * other.weight);
    }
    for (Id t : f.tag_ids) {
      for (size_t j : by_tag[t]) add(j, weights.tag);
    }
    if (f.writer_id) {
      for (size_t j : by_writer[f.writer_id]) add(j, weights.writer);
    }
    if (f.section_id && weights.section > 0) {
      const auto& list = by_section[f.section_id];
      for (size_t j : touched) {
        if (features[j].section_id == f.section_id) score[j] += weights.section;
      }
      // The section's nearest articles in time, on both sides, as a fallback.
      auto pos = std::lower_bound(list.begin(), list.end(), i, by_time);
      ptrdiff_t at = pos - list.begin();
      for (ptrdiff_t d = -static_cast<ptrdiff_t>(count); d <= static_cast<ptrdiff_t>(count); ++d) {
        ptrdiff_t k = at + d;
        if (k < 0 || k >= static_cast<ptrdiff_t>(list.size())) continue;
        if (!seen[list[k]]) add(list[k], weights.section);
      }
    }
    std::vector<std::pair<double, size_t>> ranked;
    ranked.reserve(touched.size());
    for (size_t j : touched) {
      if (j != i && score[j] > 0) ranked.emplace_back(score[j], j);
    }
    auto better = [&](const std::pair<double, size_t>& a, const std::pair<double, size_t>& b) {
      if (std::abs(a.first - b.first) > 1e-9) return a.first > b.first;
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
  ArticleTermLists terms;
  st = store.LoadArticleTerms(&terms);
  if (!st.ok()) return st;
  std::map<Id, std::vector<Id>> stored;
  st = store.LoadAutoRelated(&stored);
  if (!st.ok()) return st;
  std::map<Id, std::vector<Id>> fresh = ComputeAutoRelated(features, terms);

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
