// The addresses of a site Qalam replaced (a WordPress site): how one is
// written as a key (the same for the importer that records it and for the
// request that asks for it), and the kinds of WordPress address an export
// implies beside each post's own link.
#pragma once
#include <string>
#include <string_view>

namespace qalam {

// The key of an old address, from a full URL ("https://host/2019/05/x/"), a
// path, or a request's path and query: the path percent-decoded (when that
// gives UTF-8; else as it came), NFC, without trailing slashes ("/" stays
// "/"), plus "?NAME=VALUE" for the first of WordPress's own query
// addresses it carries (p, page_id, attachment_id, cat, tag, author, feed,
// m, name, pagename, s being left out); any other query is dropped. "" for
// an address that is not on a site (another scheme, nothing after the host).
std::string OldAddressKey(std::string_view url);

// True when a request's query names one of WordPress's query addresses, so
// that "/?p=123" is looked up although "/" is a page of its own.
bool HasWordPressQuery(std::string_view query);

// The path of an address without scheme, host, query or fragment ("/" when
// empty): the folder a site lived under ("/akhbar" for
// "http://host/akhbar/"), with no trailing slash ("" at the root).
std::string SiteFolder(std::string_view site_url);

// The host of an address, lower-case, without "www." ("" for a path):
// how an import tells the old site's own links from others.
std::string SiteHost(std::string_view url);

// An address of a site as a path on it, its query kept ("/" for the bare
// site address, "/?cat=3"; the fragment dropped): how a link to the old
// site that names no post is kept. "" for what is not an http(s) or site
// address.
std::string SitePath(std::string_view url);

// The host and folder of a site's address, its identity as an import's
// origin ("news.example.test/akhbar"): lower-case host, no scheme, no
// "www.", no trailing slash.
std::string SiteOrigin(std::string_view site_url);

}  // namespace qalam
