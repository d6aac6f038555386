// The site's identity as the desk sets it (web: /admin/identity), for
// admins like the settings: the logo (and its dark variant), the favicon
// and the footer's line, kept as settings (audited settings.change, one
// entry each); and the header's and the footer's menus, built from
// sections, static pages and links, saved whole (audited menu.save, target
// "menu:header" or "menu:footer", an Arabic summary as detail). The reader's
// pages draw them in render/site_identity.cc.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/settings.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kMenuItemsMax = 20;     // Items in one menu.
constexpr size_t kMenuLabelMax = 60;     // Characters of a label.
constexpr size_t kMenuUrlMax = 2000;     // Characters of a link's address.

// The settings this page sets, in the order it shows them.
const std::vector<std::string>& IdentitySettingKeys();

class SiteIdentity {
 public:
  explicit SiteIdentity(Store& store) : store_(store) {}

  // Whoever may change the site's settings.
  static bool MayEdit(const User& user);

  // A link's address as a menu keeps it: "http://" or "https://" with a
  // host, or a path on the site ("/…", not "//…"); no spaces, quotes, angle
  // brackets or control characters (so no "javascript:" or "data:" either).
  // Invalid with an Arabic message; *canonical gets it trimmed.
  static Status CheckLinkUrl(const std::string& url, std::string* canonical);
  // A label trimmed and in NFC: at most kMenuLabelMax characters, no control
  // characters; empty allowed (a section's or page's own name shows).
  static Status CheckLabel(const std::string& label, std::string* canonical);

  Status GetMenu(MenuName menu, SiteMenu* out) { return store_.GetMenu(menu, out); }

  // Checks `items` against the site as it is now, canonicalizing labels
  // and addresses: at most kMenuItemsMax; sections that exist; published
  // static pages; links with a label and a valid address. Invalid with an
  // Arabic message naming the item.
  Status CheckMenu(std::vector<MenuItem>* items);

  // Checks and saves `items` as `menu` by `user` at `now`, audited in the
  // same transaction; every page is purged (keys::ForMenu).
  Status SaveMenu(MenuName menu, std::vector<MenuItem> items, Id user, int64_t now);

  // The published static pages a menu may name, by title.
  Status ListPages(std::vector<DeskRow>* out);

  // Checks and saves the identity settings in `values` (keys of
  // IdentitySettingKeys; others ignored): an image number must name an
  // image in the library, the favicon a square one. Only what differs from
  // `current` is saved, each audited as settings.change. Invalid with an
  // Arabic message; nothing is saved then. *changed gets how many changed.
  Status SaveIdentity(const Settings& current, const std::map<std::string, std::string>& values, Id user,
                      int64_t now, size_t* changed);

 private:
  Store& store_;
};

}  // namespace qalam
