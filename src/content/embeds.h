// Posts and videos from other sites in an article body (docs/ARTICLE-
// FORMAT.md, "Embeds"): a bare address of a supported provider, alone in its
// paragraph, becomes a placeholder that loads nothing from that site until
// the reader asks for it (themes/default/assets/embeds.js then puts the
// provider's player in an iframe; the Content-Security-Policy's frame-src
// names exactly the hosts of EmbedFrameHosts).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qalam {

struct Embed {
  std::string provider;   // "youtube", "vimeo", "x", "facebook", "instagram", "tiktok"
  std::string name;       // The provider's name as Arabic readers write it: «يوتيوب».
  bool video = false;     // A video (a play button) rather than a post.
  std::string url;        // The address as written: the link to the original.
  std::string frame_src;  // The provider's embed address, on one of EmbedFrameHosts.
};

// The embed an address stands for; nullopt for any other address (which
// stays an ordinary link). Only http(s) addresses of the forms listed in
// docs/ARTICLE-FORMAT.md, with ids of letters, digits, '-' and '_'.
std::optional<Embed> RecognizeEmbed(std::string_view url);

// The hosts every Embed::frame_src is on, for the frame-src directive.
const std::vector<std::string>& EmbedFrameHosts();

// The placeholder: <figure class="embed embed-PROVIDER"> with a button that
// loads the frame (a play button for video), and a link to the original
// that works without JavaScript. Everything from the address is escaped.
std::string EmbedPlaceholderHtml(const Embed& embed);

}  // namespace qalam
