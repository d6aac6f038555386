// The front page's layout and the site's menus as whole-site lines of the
// interchange format (docs/ARTICLE-FORMAT.md, "Whole-site lines"):
// `{"home": …}` and `{"menu": …}`, written by `qalam export` after the
// articles and read back by `qalam import`. They name articles and static
// pages by interchange id and sections by slug, never by number, so that
// another site finds them.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

// The lines of what the desk saved, each without its newline: a home line
// once the layout was saved, a menu line for each menu saved (an empty one
// too: it stays empty). `interchange` gives the interchange id of every
// exported article by its number; an article or section gone meanwhile is
// left out.
Status LayoutLines(Store& store, const std::map<Id, std::string>& interchange, std::vector<std::string>* lines);

// What applying a line did: whether it saved, and what it left out (an
// article or page that is not here or not published, a section not here),
// one sentence each for the operator.
struct LayoutApplied {
  bool changed = false;
  std::vector<std::string> left_out;
};

// A home line's object (`line["home"]`) applied to this site: its articles
// found in `article_ids` (by interchange id), its sections by slug, then
// checked and saved as the desk saves it (services/home_layout, audited,
// by no account at `now`) unless the stored layout is already the same.
// Invalid with the reason for a malformed object or a layout the desk
// would refuse; nothing is saved then.
Status ApplyHomeLine(Store& store, const nlohmann::json& home, const std::map<std::string, Id>& article_ids,
                     int64_t now, LayoutApplied* out);

// A menu line's object (`line["menu"]`): likewise, through
// services/site_identity.
Status ApplyMenuLine(Store& store, const nlohmann::json& menu, const std::map<std::string, Id>& article_ids,
                     int64_t now, LayoutApplied* out);

}  // namespace qalam
