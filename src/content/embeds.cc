#include "content/embeds.h"

#include "content/html_attr.h"
#include "core/text.h"

namespace qalam {

namespace {

struct Address {
  std::string host;                   // Lower case, without "www.", "m." or "mobile.".
  std::vector<std::string> segments;  // The path's non-empty segments.
  std::string query;                  // After '?', before '#'.
};

bool ParseAddress(std::string_view url, Address* out) {
  const std::string lower = AsciiLower(url);
  size_t start;
  if (lower.rfind("https://", 0) == 0) {
    start = 8;
  } else if (lower.rfind("http://", 0) == 0) {
    start = 7;
  } else {
    return false;
  }
  for (unsigned char c : url) {
    if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == 0x7f) return false;
  }
  const size_t host_end = url.find_first_of("/?#", start);
  std::string host = lower.substr(start, host_end == std::string_view::npos ? std::string::npos : host_end - start);
  // No credentials or port: a provider's address never has them.
  if (host.empty() || host.find_first_of("@:") != std::string::npos) return false;
  for (const char* prefix : {"www.", "m.", "mobile."}) {
    const std::string p = prefix;
    if (host.rfind(p, 0) == 0) {
      host = host.substr(p.size());
      break;
    }
  }
  out->host = host;
  out->segments.clear();
  out->query.clear();
  if (host_end == std::string_view::npos) return true;
  std::string_view rest = url.substr(host_end);
  rest = rest.substr(0, rest.find('#'));
  const size_t q = rest.find('?');
  if (q != std::string_view::npos) {
    out->query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  size_t pos = 0;
  while (pos <= rest.size()) {
    size_t slash = rest.find('/', pos);
    if (slash == std::string_view::npos) slash = rest.size();
    if (slash > pos) out->segments.emplace_back(rest.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return true;
}

bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 24) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string QueryValue(const std::string& query, std::string_view key) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string_view pair(query.data() + pos, amp - pos);
    if (pair.size() > key.size() && pair.substr(0, key.size()) == key && pair[key.size()] == '=') {
      return std::string(pair.substr(key.size() + 1));
    }
    pos = amp + 1;
  }
  return "";
}

Embed Make(const char* provider, const char* name, bool video, std::string_view url, std::string frame_src) {
  Embed e;
  e.provider = provider;
  e.name = name;
  e.video = video;
  e.url = std::string(url);
  e.frame_src = std::move(frame_src);
  return e;
}

bool Has(const std::vector<std::string>& segments, const char* s) {
  for (const std::string& seg : segments) {
    if (seg == s) return true;
  }
  return false;
}

}  // namespace

std::optional<Embed> RecognizeEmbed(std::string_view url) {
  Address a;
  if (!ParseAddress(url, &a)) return std::nullopt;
  const auto& s = a.segments;
  if (a.host == "youtube.com") {
    std::string id;
    if (s.size() == 1 && s[0] == "watch") id = QueryValue(a.query, "v");
    if (s.size() == 2 && s[0] == "shorts") id = s[1];
    if (!IsId(id)) return std::nullopt;
    return Make("youtube", "يوتيوب", true, url, "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1");
  }
  if (a.host == "youtu.be") {
    if (s.size() != 1 || !IsId(s[0])) return std::nullopt;
    return Make("youtube", "يوتيوب", true, url, "https://www.youtube-nocookie.com/embed/" + s[0] + "?autoplay=1");
  }
  if (a.host == "vimeo.com") {
    if (s.size() != 1 || !IsNumber(s[0])) return std::nullopt;
    return Make("vimeo", "فيميو", true, url, "https://player.vimeo.com/video/" + s[0] + "?autoplay=1");
  }
  if (a.host == "x.com" || a.host == "twitter.com") {
    if (s.size() < 3 || !IsId(s[0]) || s[1] != "status" || !IsNumber(s[2])) return std::nullopt;
    return Make("x", "إكس", false, url, "https://platform.twitter.com/embed/Tweet.html?id=" + s[2]);
  }
  if (a.host == "facebook.com" || a.host == "fb.watch") {
    const bool watch = a.host == "fb.watch" && s.size() == 1 && IsId(s[0]);
    const bool videos = a.host == "facebook.com" && s.size() >= 3 && Has(s, "videos") && s.back() != "videos";
    const bool posts = a.host == "facebook.com" && s.size() >= 3 && Has(s, "posts") && s.back() != "posts";
    if (!watch && !videos && !posts) return std::nullopt;
    const bool video = watch || videos;
    return Make("facebook", "فيسبوك", video, url,
                std::string("https://www.facebook.com/plugins/") + (video ? "video.php" : "post.php") +
                    "?href=" + PercentEncode(url));
  }
  if (a.host == "instagram.com") {
    if (s.size() < 2 || (s[0] != "p" && s[0] != "reel") || !IsId(s[1])) return std::nullopt;
    return Make("instagram", "إنستغرام", s[0] == "reel", url, "https://www.instagram.com/p/" + s[1] + "/embed");
  }
  if (a.host == "tiktok.com") {
    if (s.size() < 3 || s[0].size() < 2 || s[0][0] != '@' || s[1] != "video" || !IsNumber(s[2])) return std::nullopt;
    return Make("tiktok", "تيك توك", true, url, "https://www.tiktok.com/embed/v2/" + s[2]);
  }
  return std::nullopt;
}

const std::vector<std::string>& EmbedFrameHosts() {
  static const std::vector<std::string> hosts = {
      "https://www.youtube-nocookie.com", "https://player.vimeo.com",  "https://platform.twitter.com",
      "https://www.facebook.com",         "https://www.instagram.com", "https://www.tiktok.com"};
  return hosts;
}

std::string EmbedPlaceholderHtml(const Embed& embed) {
  const std::string name = HtmlEscape(embed.name);
  const std::string action = embed.video ? "شغّل الفيديو من " + name : "اعرض المنشور من " + name;
  std::string html = "<figure class=\"embed embed-" + embed.provider + (embed.video ? " embed-video" : " embed-post") +
                     "\" data-embed-src=\"" + HtmlUrlAttr(embed.frame_src) + "\" data-embed-title=\"" +
                     (embed.video ? "فيديو من " : "منشور من ") + name + "\">";
  html += "<button type=\"button\" class=\"embed-load\" aria-label=\"" + action + "\">";
  if (embed.video) {
    html += "<span class=\"embed-play\" aria-hidden=\"true\"></span>";
  }
  html += "<span class=\"embed-provider\">" + name + "</span>";
  html += "<span class=\"embed-action\">" + std::string(embed.video ? "شغّل الفيديو" : "اعرض المنشور") + "</span>";
  html += "</button>";
  html += "<figcaption class=\"embed-note\">لا يُحمَّل شيء من " + name + " قبل أن تطلبه. <a href=\"" +
          HtmlUrlAttr(embed.url) + "\" rel=\"noopener nofollow\" target=\"_blank\">" +
          (embed.video ? "شاهده على " : "افتحه على ") + name + "</a></figcaption>";
  html += "</figure>\n";
  return html;
}

}  // namespace qalam
