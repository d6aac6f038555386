#include "services/bot_agents.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace qalam {

bool IsBotAgent(std::string_view user_agent) {
  if (user_agent.empty()) return true;
  std::string lower(user_agent.substr(0, 512));
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Words programs put in their agent, lowercase. "bot", "crawl", "spider"
  // and "preview" cover most crawlers (Googlebot, bingbot, YandexBot,
  // AhrefsBot, Applebot, GPTBot, Bytespider…); the rest name themselves
  // otherwise. Browsers never carry these.
  static constexpr std::string_view kWords[] = {
      "bot",          "crawl",        "spider",          "slurp",         "preview",
      "headlesschrome", "phantomjs",  "puppeteer",       "playwright",    "selenium",
      "lighthouse",   "pagespeed",    "facebookexternalhit", "facebookcatalog", "meta-externalagent",
      "whatsapp",     "telegram",     "skypeuripreview", "embedly",       "vkshare",
      "pinterest",    "redditbot",    "linkedinbot",     "quora link",    "curl/",
      "wget/",        "python-requests", "python-urllib", "aiohttp",      "httpx",
      "go-http-client", "java/",      "okhttp",          "apache-httpclient", "libwww-perl",
      "node-fetch",   "axios/",       "undici",          "postmanruntime", "insomnia",
      "httpie",       "scrapy",       "feedfetcher",     "feedly",        "feedburner",
      "rss",          "monitor",      "uptime",          "pingdom",       "statuscake",
      "check_http",   "nagios",       "zgrab",           "masscan",       "nmap",
      "archive.org",  "ia_archiver",  "mediapartners",   "adsbot",        "google-inspectiontool",
      "googleother",  "chrome-lighthouse", "bingpreview", "yahoo! slurp",
      "qwantify",     "petalbot",     "semrush",         "mj12",          "dotbot",
      "dataforseo",   "ccbot",        "claude",          "anthropic",     "perplexity",
      "cohere",       "diffbot",      "headless",        "electron/",     "wordpress/",
  };
  for (std::string_view w : kWords) {
    if (lower.find(w) != std::string::npos) return true;
  }
  // What every browser sends begins so; a bare library name does not.
  return lower.rfind("mozilla/", 0) != 0 && lower.rfind("opera/", 0) != 0;
}

}  // namespace qalam
