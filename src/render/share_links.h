// The article page's sharing links: plain links to each network's own
// sharing page (no script of theirs on the page), with the article's
// absolute address and title percent-encoded.
#pragma once
#include <string>

namespace qalam {

struct ShareLinks {
  std::string url;  // The article's absolute address, for "copy the link" and the Web Share API.
  std::string whatsapp, telegram, x, facebook;
};

// `url` is the article's absolute address on the site's site_url.
ShareLinks MakeShareLinks(const std::string& url, const std::string& title);

}  // namespace qalam
