#include "render/share_links.h"

#include "core/text.h"

namespace qalam {

ShareLinks MakeShareLinks(const std::string& url, const std::string& title) {
  const std::string u = PercentEncode(url);
  const std::string t = PercentEncode(title);
  ShareLinks links;
  links.url = url;
  // WhatsApp takes one text: the title, then the address on its own line.
  links.whatsapp = "https://wa.me/?text=" + PercentEncode(title + "\n" + url);
  links.telegram = "https://t.me/share/url?url=" + u + "&text=" + t;
  links.x = "https://x.com/intent/post?url=" + u + "&text=" + t;
  links.facebook = "https://www.facebook.com/sharer/sharer.php?u=" + u;
  return links;
}

}  // namespace qalam
