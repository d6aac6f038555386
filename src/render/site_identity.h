// The site's identity on the reader's pages (set on the desk:
// services/site_identity.h): the header's and footer's menus as saved,
// skipping what readers cannot open, and the logo's and icon's images.
// PageRenderer::Finish puts them in the layout.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/settings.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

struct MenuLink {
  std::string name;
  std::string url;
};

// The saved `menu` as readers see it, in order: sections among `live` (the
// sections having published articles), published static pages, and links.
// A section's or page's own name shows unless the desk gave a label. The
// keys of the pages it names join *keys, so a page unpublished or renamed
// purges every page showing it. *saved is false when the desk never saved
// this menu (then *out is empty and the theme's default shows).
Status ResolveMenu(Store& store, MenuName menu, const std::vector<Section>& live, std::set<std::string>* keys,
                   bool* saved, std::vector<MenuLink>* out);

struct IdentityImage {
  std::string url;  // /media/FILE
  std::string mime;
  int width = 0;
  int height = 0;
};

// The size of `m` in its own format (not WebP) to show `min_width` pixels
// wide: the smallest at least that wide, else the largest. False when the
// image has no size yet.
bool PickIdentityImage(const MediaItem& m, int min_width, IdentityImage* out);

// The image a setting (logo, logo_dark, favicon) names, at `min_width`;
// false when the setting is empty or names no image with a size.
bool LoadIdentityImage(Store& store, const Settings& settings, const std::string& key, int min_width,
                       IdentityImage* out);

}  // namespace qalam
