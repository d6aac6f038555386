// A WordPress site moved into Qalam: `qalam import` with a WordPress export
// (WXR 1.0–1.2, wordpress/wxr.h). Posts become articles, pages static pages,
// authors writers and disabled desk accounts, comments comments with their
// threads and states, attachments media, and every old address (each
// permalink, ?p=ID, categories, tags, authors, feeds, attachment pages)
// leads to the same content here. docs/WORDPRESS.md has the whole mapping.
//
// The file is read twice. The first pass checks all of it and learns its
// authors, terms, attachments and links, writing nothing: a malformed
// export changes nothing. The second converts and saves posts in batches,
// each post with its comments and addresses in one transaction
// (Store::SaveImportBatch), so there is never a half-imported post; an
// import stopped midway (a crash, a full disk) is resumed by running it
// again, since every object is found by its origin and WordPress ID and
// written only when it changed. Re-importing the same export changes
// nothing; a newer export brings only what changed.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "services/media_library.h"
#include "store/store.h"
#include "wordpress/users_csv.h"
#include "wordpress/wxr.h"

namespace qalam {

// How far an import is, for a progress bar: done of total, per kind.
struct WordPressProgress {
  const char* phase = "";  // "checking", "importing"
  uint64_t bytes_done = 0, bytes_total = 0;
  int64_t posts_done = 0, posts_total = 0;  // Posts and pages.
  int64_t comments_done = 0, comments_total = 0;
  int64_t images_done = 0, images_total = 0;
};

struct WordPressImportOptions {
  // A copy of wp-content/uploads: an address containing
  // /wp-content/uploads/PATH is read from media_dir/PATH.
  std::string media_dir;
  // Images missing from media_dir are fetched from their address with
  // this (set by the command line for --fetch-media); unset: reported.
  std::function<Status(const std::string& url, std::string* bytes)> fetch;
  // What the export leaves out of its authors, by login (--users, from
  // WP-CLI: wordpress/users_csv.h): their roles, mapped to the desk's, and
  // their biographies, the writers' bios. Without it every account is a
  // writer and no bio is known.
  std::map<std::string, wp::WpUser> users;
  // Parse, map and report; write nothing (no row, no file).
  bool dry_run = false;
  int64_t now = 0;  // For trashed posts without a trash time.
  std::function<void(const WordPressProgress&)> progress;
};

// Something the import could not carry over as it was, with the WordPress
// ID of the item it concerns (0: the site).
struct WordPressProblem {
  int64_t wp_id = 0;
  std::string kind;     // "post", "page", "comment", "attachment", "author", "term", "address"
  std::string message;  // English, for the operator.
};

struct WordPressReport {
  std::string origin;       // The old site ("news.example.test/akhbar").
  std::string wxr_version;
  struct Counts {
    int64_t created = 0, updated = 0, unchanged = 0;
  };
  Counts articles, pages, comments, images, accounts;
  int64_t addresses = 0;  // Old addresses known after the import.
  // How things were mapped, each with how many: "post status publish → published".
  std::map<std::string, int64_t> mapped;
  std::vector<WordPressProblem> problems;
};

// Imports the WordPress export at `path`. A file that is not a readable
// WXR gives Invalid "LINE:COLUMN: message" and writes nothing. `media` is
// the site's media library (null: images are reported, not imported).
Status ImportWordPress(Store& store, MediaLibrary* media, const std::string& path,
                       const WordPressImportOptions& options, WordPressReport* report);

}  // namespace qalam
