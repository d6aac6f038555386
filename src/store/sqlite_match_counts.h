// qalam_counts(article_search, N): an FTS5 auxiliary function that gives, for
// the current row, what ranking needs of the first N phrases of the MATCH
// expression, as a blob of little-endian integers:
//   uint8 1 in the query's first row, 0 after; in the first row only:
//     int64 rows in the index, int64 words in the index (all columns),
//     int64 × N rows holding each phrase (in its column filter);
//   int32 words in this row (all columns),
//   int32 × N × columns occurrences of each phrase in each column.
// The index-wide part is counted once per query, as FTS5's bm25 does.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/search_index.h"

namespace qalam::sqlite {

bool RegisterMatchCounts(sqlite3* db);

// Reads one blob for `phrases` phrases into *match, and into *stats when it
// is the first row's; false when it is not such a blob.
bool ParseMatchCounts(std::string_view blob, size_t phrases, IndexStats* stats, IndexMatch* match);

}  // namespace qalam::sqlite
