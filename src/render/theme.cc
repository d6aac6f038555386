#include "render/theme.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/embedded.h"
#include "core/gzip.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

// Fonts the stylesheet names as url(font:NAME), from Debian's fonts-noto-core.
const std::map<std::string, std::string>& FontFiles() {
  static const std::map<std::string, std::string> fonts = {
      {"naskh-regular", "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf"},
      {"naskh-bold", "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf"},
      {"kufi-bold", "/usr/share/fonts/truetype/noto/NotoKufiArabic-Bold.ttf"},
  };
  return fonts;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// The embedded files under `prefix`, keyed by their path below it.
std::map<std::string, std::string> EmbeddedUnder(const std::string& prefix) {
  std::map<std::string, std::string> files;
  for (const EmbeddedFile& f : EmbeddedFiles()) {
    if (f.path.rfind(prefix, 0) == 0) files[std::string(f.path.substr(prefix.size()))] = f.bytes;
  }
  return files;
}

}  // namespace

std::string ShortHash(std::string_view bytes) {
  // Two CRCs over the bytes and their length: plenty to tell versions apart.
  uLong a = crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()));
  uLong b = adler32(1L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()));
  char buf[24];
  snprintf(buf, sizeof buf, "%08lx%08lx", a & 0xffffffffUL, b & 0xffffffffUL);
  return std::string(buf, 16);
}

std::string ContentTypeFor(const std::string& filename) {
  std::string ext = fs::path(filename).extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void Theme::AddAsset(const std::string& name, std::string bytes) {
  fs::path p(name);
  std::string url = url_prefix_ + p.stem().string() + "." + ShortHash(bytes).substr(0, 10) +
                    p.extension().string();
  asset_urls_[name] = url;
  Asset asset{url, ContentTypeFor(name), nullptr, nullptr};
  if (p.extension() != ".png" && p.extension() != ".woff2") {
    std::string gz = GzipCompress(bytes, 9);
    if (!gz.empty() && gz.size() < bytes.size() * 9 / 10) {
      asset.gzip_bytes = std::make_shared<const std::string>(std::move(gz));
    }
  }
  asset.bytes = std::make_shared<const std::string>(std::move(bytes));
  assets_[url] = std::move(asset);
}

void Theme::Add(const std::map<std::string, std::string>& files) {
  // Fonts first: the stylesheet refers to them by their hashed names.
  for (const auto& [name, path] : FontFiles()) {
    std::string bytes;
    if (ReadFile(path, &bytes)) AddAsset(fs::path(path).filename().string(), std::move(bytes));
  }
  for (const auto& [rel, bytes] : files) {
    if (rel.rfind("templates/", 0) == 0 && fs::path(rel).extension() == ".mustache") {
      templates_[fs::path(rel).stem().string()] = bytes;
    } else if (rel.rfind("assets/", 0) == 0) {
      std::string content = bytes;
      if (fs::path(rel).extension() == ".css") {
        for (const auto& [font, path] : FontFiles()) {
          std::string ref = "font:" + font;
          std::string url = AssetUrl(fs::path(path).filename().string());
          for (size_t p; (p = content.find(ref)) != std::string::npos;) content.replace(p, ref.size(), url);
        }
      }
      AddAsset(rel.substr(7), std::move(content));
    }
  }
}

Status Theme::Load(const std::string& dir, std::unique_ptr<Theme>* out) {
  auto theme = std::unique_ptr<Theme>(new Theme("/assets/"));
  std::map<std::string, std::string> files;  // Relative to the theme root.
  if (dir.empty()) {
    files = EmbeddedUnder("themes/default/");
  } else {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); ++it) {
      if (!it->is_regular_file()) continue;
      std::string bytes;
      if (!ReadFile(it->path(), &bytes)) return Status::Io("cannot read " + it->path().string());
      files[fs::relative(it->path(), dir).string()] = std::move(bytes);
    }
    if (ec) return Status::Io("cannot read theme directory " + dir + ": " + ec.message());
  }
  // A theme made before static pages may lack their template: it gets the
  // default theme's, which uses only the layout's classes.
  // Likewise a theme made before the corrections page.
  for (const char* added : {"templates/page.mustache", "templates/corrections.mustache"}) {
    if (files.count(added)) continue;
    const auto defaults = EmbeddedUnder("themes/default/");
    if (auto it = defaults.find(added); it != defaults.end()) files.insert(*it);
  }
  theme->Add(files);
  for (const char* required : {"layout", "home", "article", "list", "error", "search"}) {
    if (!theme->templates_.count(required)) {
      return Status::Invalid(std::string("theme has no templates/") + required + ".mustache");
    }
  }
  *out = std::move(theme);
  return Status::Ok();
}

const Theme& Theme::Desk() {
  // Built into the binary and never replaced, so it cannot be missing at run
  // time; tests/unit/theme_test.cc checks that every desk page has its template.
  static const Theme desk = [] {
    Theme theme{std::string(kDeskAssetPrefix)};
    theme.Add(EmbeddedUnder("src/render/desk/"));
    return theme;
  }();
  return desk;
}

const std::string& Theme::Template(const std::string& name) const {
  static const std::string empty;
  auto it = templates_.find(name);
  return it == templates_.end() ? empty : it->second;
}

std::string Theme::AssetUrl(const std::string& name) const {
  auto it = asset_urls_.find(name);
  return it == asset_urls_.end() ? "" : it->second;
}

const Asset* Theme::FindAsset(const std::string& url) const {
  auto it = assets_.find(url);
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace qalam
