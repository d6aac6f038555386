#include "services/old_addresses.h"

#include <array>

#include "core/text.h"

namespace qalam {
namespace {

constexpr std::array<std::string_view, 7> kQueryAddresses = {"p", "page_id", "attachment_id", "cat",
                                                             "tag", "author", "feed"};

// The first WordPress query address of `query` as "NAME=VALUE", or "".
std::string WordPressQuery(std::string_view query) {
  for (size_t start = 0; start < query.size();) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(start, amp - start);
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && eq + 1 < param.size()) {
      std::string_view name = param.substr(0, eq);
      for (std::string_view known : kQueryAddresses) {
        if (name == known) {
          std::string value;
          if (!PercentDecode(param.substr(eq + 1), &value)) value = std::string(param.substr(eq + 1));
          return std::string(name) + "=" + ToNfc(value);
        }
      }
    }
    start = amp + 1;
  }
  return "";
}

// Splits "scheme://host/path?query#fragment" (or "/path?query") into its
// host, path and query; false when it is not an http(s) or site address.
bool Split(std::string_view url, std::string_view* host, std::string_view* path,
           std::string_view* query) {
  *host = "";
  if (size_t hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    std::string s = AsciiLower(url.substr(0, scheme));
    if (s != "http" && s != "https") return false;
    url = url.substr(scheme + 3);
    size_t slash = url.find_first_of("/?");
    *host = url.substr(0, slash);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  } else if (url.rfind("//", 0) == 0) {
    return false;
  }
  size_t q = url.find('?');
  *path = url.substr(0, q);
  *query = q == std::string_view::npos ? std::string_view() : url.substr(q + 1);
  return true;
}

}  // namespace

bool HasWordPressQuery(std::string_view query) { return !WordPressQuery(query).empty(); }

std::string OldAddressKey(std::string_view url) {
  std::string_view host, raw_path, query;
  if (!Split(url, &host, &raw_path, &query)) return "";
  std::string path;
  if (!PercentDecode(raw_path, &path) || !IsValidUtf8(path)) path = std::string(raw_path);
  path = ToNfc(path);
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string wp = WordPressQuery(query);
  if (!wp.empty()) path += "?" + wp;
  return path;
}

std::string SiteFolder(std::string_view site_url) {
  std::string_view host, path, query;
  if (!Split(site_url, &host, &path, &query)) return "";
  std::string folder;
  if (!PercentDecode(path, &folder)) folder = std::string(path);
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  if (!folder.empty() && folder[0] != '/') folder.insert(folder.begin(), '/');
  return folder;
}

std::string SiteHost(std::string_view url) {
  std::string_view host, path, query;
  if (!Split(url, &host, &path, &query)) return "";
  std::string h = AsciiLower(host);
  return h.rfind("www.", 0) == 0 ? h.substr(4) : h;
}

std::string SitePath(std::string_view url) {
  std::string_view host, path, query;
  if (!Split(url, &host, &path, &query)) return "";
  std::string out = path.empty() || path[0] != '/' ? "/" + std::string(path) : std::string(path);
  if (!query.empty()) out += "?" + std::string(query);
  return out;
}

std::string SiteOrigin(std::string_view site_url) {
  std::string_view host, path, query;
  if (!Split(site_url, &host, &path, &query)) return std::string(site_url);
  return SiteHost(site_url) + SiteFolder(site_url);
}

}  // namespace qalam
