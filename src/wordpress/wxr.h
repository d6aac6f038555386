// A streaming reader of WordPress export files (WXR 1.0, 1.1 and 1.2: RSS 2.0
// with the `wp:` namespace, http://wordpress.org/export/1.x/). Built on
// libxml2's xmlTextReader, so memory stays flat however big the file: one
// item is in memory at a time, handed to the caller and forgotten.
//
// Values are as the export holds them (CDATA joined, entities decoded, NFC,
// no other change): converting them is wordpress/content.h's and the
// importer's business. An element's value is its own text and CDATA
// children joined (a child element's text is not part of it). Ids, numbers,
// slugs, logins, e-mails, addresses, dates and status words are trimmed of
// ASCII whitespace; titles, names, content, excerpts, descriptions, meta
// and passwords are not.
//
// Elements are matched by namespace URI, never by prefix. The WordPress
// namespace is http:// or https://wordpress.org/export/N.N/ (WordPress.com
// exports use https), its excerpt namespace the same with "excerpt/".
// A file with a DOCTYPE is refused, as WordPress's importer refuses it.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace qalam::wp {

// The channel's own fields, known before the first author, term or item.
struct WxrSite {
  std::string wxr_version;    // "1.0", "1.1" or "1.2".
  std::string title;
  std::string link;           // The site's address (<link>).
  std::string base_site_url;  // wp:base_site_url (may be empty in 1.0).
  std::string base_blog_url;  // wp:base_blog_url (may be empty in 1.0).
  std::string language;
  std::string description;
};

// A wp:author (WXR 1.1+). WXR 1.0 has none: authors are only dc:creator logins.
struct WxrAuthor {
  int64_t id = 0;
  std::string login;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
};

struct WxrMeta {
  std::string key;
  std::string value;
};

// A wp:category, wp:tag or wp:term of the channel.
struct WxrTerm {
  int64_t id = 0;
  std::string taxonomy;  // "category", "post_tag", or the wp:term_taxonomy.
  std::string slug;      // wp:category_nicename / wp:tag_slug / wp:term_slug.
  std::string name;      // wp:cat_name / wp:tag_name / wp:term_name.
  std::string parent_slug;
  std::string description;
  std::vector<WxrMeta> meta;  // wp:termmeta (WXR 1.2, WordPress 4.4+).
};

// An item's <category domain="…" nicename="…">name</category>. WXR 1.0
// writes each one twice, bare (no nicename) and with its domain and slug,
// and calls tags domain="tag" (post_tag from 1.1 on); WordPress's importer
// ignores the ones with no nicename.
struct WxrItemTerm {
  std::string domain;    // "category", "post_tag", "post_format", … ("category" when absent).
  std::string nicename;  // The term's slug (may be empty in old exports).
  std::string name;
};

struct WxrComment {
  int64_t id = 0;
  std::string author;
  std::string author_email;
  std::string author_url;
  std::string author_ip;
  std::string date;      // wp:comment_date, "YYYY-MM-DD HH:MM:SS", site time.
  std::string date_gmt;  // wp:comment_date_gmt, UTC; may be "0000-00-00 00:00:00".
  std::string content;
  std::string approved;  // "1", "0", "spam", "trash", "post-trashed".
  std::string type;      // "", "comment", "pingback", "trackback", …
  int64_t parent = 0;
  int64_t user_id = 0;
  std::vector<WxrMeta> meta;
};

struct WxrItem {
  int64_t id = 0;            // wp:post_id
  std::string title;
  std::string link;
  std::string guid;
  std::string creator;       // dc:creator: the author's login.
  std::string content;       // content:encoded
  std::string excerpt;       // excerpt:encoded
  std::string post_date;     // wp:post_date, site time.
  std::string post_date_gmt; // UTC; "0000-00-00 00:00:00" for drafts never dated.
  std::string post_modified_gmt;  // wp:post_modified_gmt when present (not in every export).
  std::string comment_status;
  std::string post_name;     // wp:post_name (the slug, percent-encoded for non-ASCII).
  std::string status;        // wp:status: publish, draft, pending, future, private, trash, inherit, …
  std::string post_type;     // post, page, attachment, nav_menu_item, wp_block, …
  std::string post_password;
  std::string attachment_url;  // wp:attachment_url (attachments).
  int64_t parent = 0;        // wp:post_parent
  int64_t menu_order = 0;
  bool sticky = false;       // wp:is_sticky
  std::vector<WxrItemTerm> terms;
  std::vector<WxrMeta> meta;        // wp:postmeta
  std::vector<WxrComment> comments; // In file order.
};

// Where a file stopped being readable: 1-based line and column.
struct WxrError {
  int line = 0;
  int column = 0;
  std::string message;  // Precise, for an operator ("Opening and ending tag mismatch: …").
};

// What ReadWxr calls as the file streams by. Each callback may be empty.
// OnSite is called once, before any author, term or item (or at the end of a
// file that has none). A callback that returns an error stops the read and
// ReadWxr returns that error as it is.
struct WxrHandler {
  std::function<Status(const WxrSite&)> on_site;
  std::function<Status(const WxrAuthor&)> on_author;
  std::function<Status(const WxrTerm&)> on_term;
  std::function<Status(WxrItem&&)> on_item;
  // Bytes of the file consumed so far and its total size, after every item.
  std::function<void(uint64_t done, uint64_t total)> on_progress;
};

// Reads the WXR file at `path`, calling `handler` as it goes. A file that is
// not well-formed XML, is not an RSS document with a WXR version, or has a
// version other than 1.0, 1.1 or 1.2 gives Invalid, with *error (when not
// null) saying where and why; the Status's message is
// "LINE:COLUMN: message". Items before the error have been handed over: a
// caller that must write nothing of a bad file reads it once with no
// on_item writes first (the importer does: wordpress/ is pure).
Status ReadWxr(const std::string& path, const WxrHandler& handler, WxrError* error = nullptr);

// True when the first non-blank bytes of `head` (a file's first few KB) look
// like XML ('<'), as a WordPress export does and JSON lines do not.
bool LooksLikeXml(const std::string& head);

}  // namespace qalam::wp
