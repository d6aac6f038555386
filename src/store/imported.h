// What an import from another publishing system (a WordPress site,
// services/wordpress_import.h) hands the store, and what the store keeps of
// where things came from: each object's old site ("origin") and old ID, so
// that a re-import updates in place and never duplicates, and every old
// address, so that it answers 301 on the same content in Qalam.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/comment.h"
#include "core/model.h"

namespace qalam {

// One object of an old site and what it is now. `kind`: "article" (posts
// and pages), "comment", "media", "user". `hash` is of what was imported
// (made above the store), so that an unchanged re-import writes nothing.
struct ImportedObject {
  std::string origin;  // The old site's address without scheme ("news.example.test/akhbar").
  std::string kind;
  std::string old_id;
  Id new_id = 0;
  std::string hash;
};

// An address readers and search engines know from the old site, and what it
// names now. `path` is as services/wordpress_import.h normalizes it: the
// path and, for "?p=123" kinds of address, the query, percent-decoded, NFC,
// without a trailing slash ("/2019/05/خبر", "/?p=123", "/category/سياسة").
// target_kind: "article" (a post or a page, by id), "section", "tag",
// "person" (by id, or by `target_name` resolved by the store when saved),
// "feed" (the site's feed), "home", "media" (an attachment page: its image).
struct OldAddress {
  std::string path;
  std::string target_kind;
  Id target_id = 0;
  std::string target_name;
  std::string origin;
};

struct ImportedComment {
  std::string old_id;
  std::string old_parent_id;  // "" or "0": a comment on the article.
  std::string hash;
  Comment comment;            // article_id and parent_id are set by the store.
};

// A post or page of the old site with everything that belongs to it, saved
// in one transaction: never a half-imported post.
struct ImportedArticle {
  std::string old_id;
  std::string hash;      // Of the article as imported, desk fields and all.
  Article article;       // Prepared (services/article_text.h); external_id set.
  std::vector<ImportedComment> comments;  // Parents before replies where possible.
  std::vector<std::string> old_paths;     // Addresses naming it (normalized).
};

// What SaveImportBatch did.
struct ImportBatchResult {
  int64_t articles_created = 0, articles_updated = 0, articles_unchanged = 0;
  int64_t comments_created = 0, comments_updated = 0, comments_unchanged = 0;
  std::vector<Id> article_ids;  // In the batch's order.
  // Things it could not do as asked, each with the old ID first:
  // "comment 12: its parent 9 is not in the export: shown as a comment on the article".
  std::vector<std::string> problems;
};

struct ImportBatch {
  std::string origin;
  std::vector<ImportedArticle> articles;
  // Addresses of things other than these articles (names, feeds, home,
  // attachment pages), saved with the batch; a name not found is reported.
  std::vector<OldAddress> addresses;
};

}  // namespace qalam
