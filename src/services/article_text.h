// What is made from an article above the store, so that every backend
// persists the same thing and none computes it (store.h): the base slugs of
// the article and of the names it brings (the store only makes them unique),
// the words a reader sees (what the search index and its snippets hold),
// and its characteristic terms (related articles). The importer, the desk
// (newsroom) and renames (names) fill them in before saving; scheduled
// publishing saves what the desk stored. The search index is rebuilt from
// them here too: `qalam search reindex`, a change of how ة is searched, and
// a site whose articles were saved before the store kept their text.
#pragma once
#include <cstddef>
#include <string>

#include "arabic/analyzer.h"
#include "core/model.h"
#include "core/settings.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

// The most characteristic terms kept per article (arabic/term_weights.h).
constexpr size_t kTermsPerArticle = 40;

// How the site's words are analyzed for search and related articles: ة
// folded into ه unless the setting search_teh_marbuta is "keep".
arabic::AnalyzerOptions SearchAnalyzer(const Settings& settings);

// A base slug (arabic/slug.h) for `text`, or `fallback` when it has no
// letter or digit.
std::string BaseSlug(const std::string& text, const char* fallback);

// The base slug of a renamed writer, source, section or tag
// (Store::UpdateNamed): from its name, or the kind's word.
std::string NameSlug(NamedKind kind, const std::string& name);

// The words a reader sees of a Markdown body: no syntax, no link targets.
std::string SearchText(const std::string& body_markdown);

// Keeps each contributor once per role, drops a co-writer who is the
// byline's writer, and makes the first co-writer the writer when there is
// none (a byline always starts with its writer).
void NormalizeContributors(Article* a);

// Fills in what the store is given with an article: its base slug (from
// the slug it has, or else its title; "article" when that has no letter
// or digit), the base slugs of its writer, editor, source, section, tags
// and contributors (from their names; NormalizeContributors first), its
// search_text and its terms, analyzed with `analyzer`.
void PrepareArticle(Article* a, const arabic::AnalyzerOptions& analyzer = {});

// An article's search text and terms, from what the store read of it.
IndexText IndexTextOf(const IndexSource& source, const arabic::AnalyzerOptions& analyzer);

// Rebuilds the search index analyzed with `analyzer`, with every
// article's text and terms computed anew. *count gets the number of
// published articles indexed.
Status RebuildSearchIndex(Store& store, const arabic::AnalyzerOptions& analyzer, size_t* count);

// Rebuilds the index, analyzed as the settings say, when some article was
// saved before the store kept its search text (Store::MissingSearchText);
// *rebuilt says whether it did.
Status CompleteSearchIndex(Store& store, bool* rebuilt);

}  // namespace qalam
