// The "qalam" FTS5 tokenizer: Arabic text through arabic::Analyze. For each
// word a document yields its stem and, at the same position, its exact
// (normalized, unstemmed) form prefixed with '=' when the two differ, so a
// query can ask for either; stop words are indexed as themselves, for
// phrases. Offsets point into the original text, so snippets stay correct
// when the text carries diacritics.
//
// Queries are analyzed in C++ (services/search_query), so in query mode the
// tokenizer passes whitespace-separated tokens through unchanged.
#pragma once
#include <sqlite3.h>

#include <string>
#include <vector>

namespace qalam::sqlite {

// FTS5's extension API on `db` (null when FTS5 is missing).
fts5_api* Fts5Api(sqlite3* db);

// Registers the tokenizer on `db`; safe to call once per connection.
// Arguments in a table's definition: "teh 0" keeps ة apart from ه.
bool RegisterQalamTokenizer(sqlite3* db);

// Tokenizes `text` with a tokenizer registered on `db` ("unicode61
// remove_diacritics 2", "qalam", …) as a document is; for comparisons in
// benchmarks and tests.
bool TokenizeWith(sqlite3* db, const std::string& tokenizer_spec, const std::string& text,
                  std::vector<std::string>* tokens);

}  // namespace qalam::sqlite
