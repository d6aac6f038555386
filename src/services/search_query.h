// The reader's query language, turned into an FTS5 expression over the
// index's tokens (store/sqlite_fts.h):
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

// The FTS5 expression: every part required (all=true) or any part (false).
std::string BuildMatch(const ParsedQuery& q, bool all);

// The expression for one word, as BuildMatch writes it.
std::string TermMatch(const QueryTerm& t);

}  // namespace qalam
