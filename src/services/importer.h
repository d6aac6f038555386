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
#include "store/imported.h"
#include "store/store.h"

namespace qalam {

// The longest line `qalam import` reads (docs/ARTICLE-FORMAT.md): a longer
// one is skipped without being held in memory, reported as its line's error.
inline constexpr size_t kMaxImportLineBytes = 8 << 20;

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
  // What a whole-site export (services/site_export.h) brings besides
  // articles: media lines, comments, a settings line.
  size_t media_created = 0, media_unchanged = 0;
  size_t comments_created = 0, comments_updated = 0, comments_unchanged = 0;
  size_t settings_changed = 0;
  size_t layouts_changed = 0;  // The front page's layout and the menus saved.
  // Lines imported without something they named (an image not in the file).
  std::vector<ImportError> warnings;
};

struct ArticleImportOptions {
  // Another site's DIR/media (`qalam import --media-dir`): the files a
  // `{"media": …}` line names are copied from here, as they are.
  std::string media_dir;
  // This site's DIR/media; "" refuses media lines.
  std::string site_media_dir;
  int64_t now = 0;  // When a settings line's changes are audited.
};

// Parses one line into an Article (body_html rendered, text NFC). `timezone`
// places dates without an offset. On failure returns Invalid with a reason
// fit for an operator ("missing title", "published_at: not an ISO 8601 …").
// The desk's state (`workflow`, `scheduled_at`, `trashed_at`) goes into
// the Article; a featured image's `image.file` into out->image->hash (a
// media hash or a variant's file name, resolved by the import) with
// `image.alt` in out->image_alt. With `comments`, the line's comments are
// parsed into it (their old ids, parents and hashes set; article ids not).
Status ParseArticleLine(const std::string& line, const std::string& timezone, int64_t now,
                        Article* out, std::vector<ImportedComment>* comments = nullptr);

// Imports every line of `in`, then refreshes automatic related articles.
// Fails only when the store does; bad lines end up in summary->errors.
//
// Lines of a whole-site export: a `{"settings": {…}}` line saves the
// settings it names (audited, as the desk would); a `{"media": {…}}` line
// copies its variant files from options.media_dir (unless this site has
// them already) and records the item with the same hash and file names; a
// `{"home": …}` or `{"menu": …}` line (services/site_layout_lines.h) saves
// the front page's layout or a menu, naming the articles imported before it
// by interchange id and sections by slug; an
// article line with an image, desk state or comments is saved with them
// through Store::SaveImportBatch under the origin "jsonl:" + the file's
// site_url setting ("jsonl" without one), so that comments are restored
// once and a re-import changes nothing.
Status ImportArticles(Store& store, std::istream& in, const ArticleImportOptions& options,
                      ImportSummary* summary);
Status ImportArticles(Store& store, std::istream& in, ImportSummary* summary);

}  // namespace qalam
