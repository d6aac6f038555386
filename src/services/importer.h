// Reads the article interchange format (JSON Lines, docs/ARTICLE-FORMAT.md)
// into the store. Idempotent by `id`; a bad line is reported with its number
// and reason and skipped, the rest still import.
#pragma once
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

struct ImportError {
  size_t line = 0;
  std::string reason;
};

struct ImportSummary {
  size_t lines = 0;      // Non-blank lines read.
  size_t created = 0;
  size_t updated = 0;
  size_t unchanged = 0;  // Already stored exactly so.
  std::vector<ImportError> errors;
};

// Parses one line into an Article (body_html rendered, text NFC). `timezone`
// places dates without an offset. On failure returns Invalid with a reason
// fit for an operator ("missing title", "published_at: not an ISO 8601 …").
Status ParseArticleLine(const std::string& line, const std::string& timezone, int64_t now,
                        Article* out);

// Imports every line of `in`, then refreshes automatic related articles.
// Fails only when the store does; bad lines end up in summary->errors.
Status ImportArticles(Store& store, std::istream& in, ImportSummary* summary);

}  // namespace qalam
