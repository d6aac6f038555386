// The reader's query language, turned into an index query over the
// analyzer's words (store/search_index.h):
//   words          all of them (a word matches its stem or, ranked higher,
//                  its exact form)
//   "a phrase"     the exact forms in this order («…» works too)
//   -word, -"…"    excluded
// Stop words count only inside phrases.
#pragma once
#include <string>
#include <vector>

#include "arabic/analyzer.h"
#include "core/status.h"
#include "store/search_index.h"

namespace qalam {

constexpr size_t kMaxQueryChars = 200;
constexpr size_t kMaxQueryTerms = 20;

struct QueryTerm {
  std::string stem;
  std::string exact;
  bool stop = false;
};

struct ParsedQuery {
  std::vector<QueryTerm> words;                 // Plain words, stop words dropped.
  std::vector<std::vector<QueryTerm>> phrases;  // Quoted.
  std::vector<QueryTerm> excluded_words;
  std::vector<std::vector<QueryTerm>> excluded_phrases;
  std::vector<std::string> raw_words;           // The words as typed, for "did you mean".
};

// Fails with an Arabic message fit to show a reader: empty, too long,
// unbalanced quotes, nothing but exclusions.
Status ParseQuery(const std::string& text, const arabic::AnalyzerOptions& options,
                  ParsedQuery* out);

// The index query: every part required (all=true) or any part (false).
// Filters are the caller's to add.
IndexQuery BuildIndexQuery(const ParsedQuery& q, bool all);

// One word as BuildIndexQuery asks for it: its stem or, as a second feature
// that ranks the word as written higher, its exact form.
IndexClause WordClause(const QueryTerm& t);

// A phrase: the exact forms in this order (a stop word, or a word whose exact
// form is its stem, as its stem).
IndexClause PhraseClause(const std::vector<QueryTerm>& phrase);

}  // namespace qalam
