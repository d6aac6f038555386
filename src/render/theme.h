// A theme: Mustache templates and static assets. The reader's theme is
// themes/default (embedded in the binary) or a directory given at run time
// (`serve --theme`); its assets are served under /assets/. The desk's are
// their own set (src/render/desk, embedded, see Desk()), served under
// /admin/assets/: no reader theme replaces or shadows them. Assets are served
// under content-hashed names so browsers may keep them for a year; the Arabic
// fonts come from Debian's fonts-noto-core and are served by the site itself.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace qalam {

struct Asset {
  std::string url;           // "/assets/style.3f2a9c1b0d.css", "/admin/assets/admin.….css"
  std::string content_type;  // With charset for text.
  std::shared_ptr<const std::string> bytes;
  std::shared_ptr<const std::string> gzip_bytes;  // Null when gzip does not help.
};

class Theme {
 public:
  // The reader's theme: loads from `dir` when not empty, else from the
  // embedded default theme. Fails when a reader template is missing; the
  // desk's templates are never looked for here.
  static Status Load(const std::string& dir, std::unique_ptr<Theme>* out);
  // The desk's templates (admin_*.mustache) and assets, always the copy
  // embedded from src/render/desk/, whatever `--theme` says; asset URLs start
  // with kDeskAssetPrefix. Loaded once, on first use (reading the fonts).
  static const Theme& Desk();
  static constexpr std::string_view kDeskAssetPrefix = "/admin/assets/";

  // The template text of templates/NAME.mustache, or "" when missing.
  const std::string& Template(const std::string& name) const;
  // The hashed URL of assets/NAME (e.g. "style.css"), or "" when missing.
  std::string AssetUrl(const std::string& name) const;
  // The asset served at `url` (with this set's URL prefix), or nullptr.
  const Asset* FindAsset(const std::string& url) const;

 private:
  explicit Theme(std::string url_prefix) : url_prefix_(std::move(url_prefix)) {}
  // Templates and assets from `files` (paths relative to the set's root:
  // templates/NAME.mustache, assets/NAME), plus the fonts.
  void Add(const std::map<std::string, std::string>& files);
  void AddAsset(const std::string& name, std::string bytes);
  std::string url_prefix_;  // "/assets/" or kDeskAssetPrefix.
  std::map<std::string, std::string> templates_;
  std::map<std::string, std::string> asset_urls_;  // name -> url
  std::map<std::string, Asset> assets_;            // url -> asset
};

std::string ContentTypeFor(const std::string& filename);
// A short hex digest, for asset names and ETags.
std::string ShortHash(std::string_view bytes);

}  // namespace qalam
