// A theme: Mustache templates and static assets (themes/default, embedded in
// the binary, or a directory given at run time). Assets are served under
// content-hashed names so browsers may keep them for a year; the Arabic
// fonts come from Debian's fonts-noto-core and are served by the site itself.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "core/status.h"

namespace qalam {

struct Asset {
  std::string url;           // "/assets/style.3f2a9c1b0d.css"
  std::string content_type;  // With charset for text.
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzip_bytes;  // Null when gzip does not help.
};

class Theme {
 public:
  // Loads from `dir` when not empty, else from the embedded default theme.
  static Status Load(const std::string& dir, std::unique_ptr<Theme>* out);

  // The template text of templates/NAME.mustache, or "" when missing.
  const std::string& Template(const std::string& name) const;
  // The hashed URL of assets/NAME (e.g. "style.css"), or "" when missing.
  std::string AssetUrl(const std::string& name) const;
  // The asset served at `url`, or nullptr.
  const Asset* FindAsset(const std::string& url) const;

 private:
  void AddAsset(const std::string& name, std::string bytes);
  std::map<std::string, std::string> templates_;
  std::map<std::string, std::string> asset_urls_;  // name -> url
  std::map<std::string, Asset> assets_;            // url -> asset
};

std::string ContentTypeFor(const std::string& filename);
// A short hex digest, for asset names and ETags.
std::string ShortHash(std::string_view bytes);

}  // namespace qalam
