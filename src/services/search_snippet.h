// A search result's snippet: the stretch of an article's indexed text where
// the query's words gather, with them marked. Found with the analyzer's own
// tokens and offsets (arabic/analyzer.h), so it marks exactly the words the
// index matched, and chosen as SQLite FTS5's snippet() chose it before
// search left the store: the window of 24 words holding the most different
// features of the query (1000 for a feature first seen, 1 for a repeat),
// centred on them, or starting at a sentence when that scores better (a
// bonus of 100, 120 at the text's start); title first when they tie.
#pragma once
#include <string>

#include "arabic/analyzer.h"
#include "store/search_index.h"

namespace qalam {

constexpr int kSnippetWords = 24;

// The snippet as HTML: the text escaped, <mark> around matched words, "…"
// where the text goes on. The query's excluded clauses are not marked.
std::string MakeSnippet(const IndexedArticle& article, const IndexQuery& query,
                        const arabic::AnalyzerOptions& options, int words = kSnippetWords);

}  // namespace qalam
