// The search index as a store offers it. A query comes already analyzed into
// the index's words (arabic/analyzer.h: every word is indexed by its stem and,
// where it differs, by its exact normalized form); the backend finds the
// articles that match and counts, for each, what ranking needs. The query
// language, ranking (BM25 over the fields, the recency boost) and snippets
// live in services/search: a backend only matches and counts, so two
// backends rank alike.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace qalam {

// The indexed fields of an article, in this order.
enum class IndexField { kTitle = 0, kHighlights = 1, kBody = 2 };
constexpr int kIndexFields = 3;

// One word to look up in the index.
struct IndexToken {
  std::string text;
  bool exact = false;   // The word's exact form (never a stop word's), not a stem.
  bool prefix = false;  // Any stem that begins with `text` (search as you type).
};

// A feature is one token or several in a row (a phrase). Each is counted,
// and ranked, on its own.
using IndexFeature = std::vector<IndexToken>;

// A clause matches an article that holds any of its features.
struct IndexClause {
  std::vector<IndexFeature> features;
};

struct IndexQuery {
  std::vector<IndexClause> clauses;  // Every one of them (all) or at least one.
  bool all = true;
  std::vector<IndexClause> excluded;  // None of them.
  bool title_only = false;            // Features count in titles only.
  // Filters: slugs ("" for any) and UTC second bounds, from inclusive, to
  // exclusive (0 for open).
  std::string section, tag, writer, source;
  int64_t from = 0, to = 0;
  bool with_dates = false;  // Fill IndexMatch::published_at.
  int64_t max_matches = 0;  // Stop after this many (0: every match); in no order.
};

// The features in the order their counts come back: the clauses' features,
// clause by clause (excluded clauses have none: they never match).
size_t FeatureCount(const IndexQuery& query);

// One matching article and its counts.
struct IndexMatch {
  Id id = 0;
  int64_t published_at = 0;  // With IndexQuery::with_dates.
  int32_t tokens = 0;        // The article's indexed length in words, all fields.
  // Per feature (FeatureCount order), per field: occurrences.
  std::vector<std::array<int32_t, kIndexFields>> hits;
};

// The index as a whole, as ranking sees it.
struct IndexStats {
  int64_t articles = 0;       // Articles in the index.
  int64_t tokens = 0;         // Their words, all fields.
  // Per feature: the articles holding it (in the fields the query looks at).
  std::vector<int64_t> feature_articles;
};

// What a result page shows of an article, with the text it was indexed by
// (for snippets).
struct IndexedArticle {
  Id id = 0;
  std::string external_id;
  std::string title;
  std::string slug;
  int64_t published_at = 0;
  std::string section_name;
  // The indexed text of each field, as a reader sees it (IndexField order).
  std::array<std::string, kIndexFields> text;
};

}  // namespace qalam
