// `qalam export`: the whole site written back out, as the interchange
// format (JSON lines, docs/ARTICLE-FORMAT.md) or as a WordPress export
// (WXR 1.2, docs/WORDPRESS.md, "Export").
//
// JSON lines are lossless: a first `{"settings": …}` line, a `{"media": …}`
// line per item of the media library (its content-named variants, whose
// files `qalam import --media-dir OLD/media` copies as they are), then one
// line per article and static page in any state (drafts, scheduled, the
// trash) with every field the reader's pages show and the desk keeps, then
// the front page's layout and the menus the desk saved
// (services/site_layout_lines.h).
// Importing that into a new site gives the same reader's pages
// (tests/integration/site_export_test.cc). With `comments`, each line also
// carries its comments in every state, emails included: the file then
// holds personal data.
//
// WXR is for WordPress and for Qalam's own WordPress import: the same
// articles and pages with their rendered HTML, writers as authors, sections
// as categories, tags, featured images as attachments, and comments.
#pragma once
#include <cstdint>
#include <map>
#include <ostream>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

struct SiteExportOptions {
  bool comments = false;  // Comments in every state, with their emails.
};

struct SiteExportSummary {
  int64_t articles = 0, pages = 0, comments = 0, media = 0;
  int64_t settings = 0, writers = 0, sections = 0, tags = 0;  // settings: JSON lines; the rest: WXR.
  int64_t layouts = 0;  // JSON lines: the front page's and the menus' lines.
};

// The interchange `id` of an article: its external_id, or "qalam:N" for one
// made on the desk (stable: a site that imported "qalam:7" exports it so).
std::string InterchangeId(const Article& a);

// One article as an interchange line, without the newline. `comments`
// (null: none) are written with their emails; a newsroom reply with the
// name and email of its account from `staff` (by user id), so that the
// import links it to an account again and it shows as the newsroom's.
std::string ArticleToLine(const Article& a, const std::string& timezone,
                          const std::vector<Comment>* comments,
                          const std::map<Id, User>* staff = nullptr);

// Writes the site as JSON lines to `out`.
Status ExportJsonLines(Store& store, std::ostream& out, const SiteExportOptions& options,
                       SiteExportSummary* summary);

// Writes the site as a WXR 1.2 file to `out`.
Status ExportWxr(Store& store, std::ostream& out, const SiteExportOptions& options,
                 SiteExportSummary* summary);

}  // namespace qalam
