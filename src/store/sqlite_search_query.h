// An IndexQuery (store/search_index.h) as an FTS5 expression over the
// "qalam" tokenizer's tokens (store/sqlite_fts.h): stems as they are, exact
// forms led by '='. Phrases of the expression come in FeatureCount order, so
// that FTS5's phrase i is the query's feature i.
#pragma once
#include <string>

#include "store/search_index.h"

namespace qalam::sqlite {

std::string Fts5Expression(const IndexQuery& query);

}  // namespace qalam::sqlite
