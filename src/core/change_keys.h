// Change keys name what a write touched, so caches can purge exactly the
// pages built from it. A page lists the keys it was built from; a write
// records the keys it changed. "global" is on every page (site settings,
// the section menu, the breaking-news ticker).
#pragma once
#include <string>

#include "core/model.h"

namespace qalam::keys {

inline const char* kGlobal = "global";
inline const char* kHome = "home";  // The home page and the latest list.
// Not on any page: the site's term lists and its classifier changed, so
// every server reloads them (services/comments).
inline const char* kModerationTerms = "moderation:terms";
inline const char* kModerationModel = "moderation:model";
inline std::string Article(Id id) { return "article:" + std::to_string(id); }
inline std::string Section(Id id) { return "section:" + std::to_string(id); }
inline std::string Tag(Id id) { return "tag:" + std::to_string(id); }
inline std::string Writer(Id id) { return "writer:" + std::to_string(id); }
inline std::string Source(Id id) { return "source:" + std::to_string(id); }
// A person's or source's own data (name, bio, address), shown on the pages
// of their articles; apart from their lists so a new article does not purge
// every page of its writer.
inline std::string Person(Id id) { return "person:" + std::to_string(id); }
inline std::string SourceInfo(Id id) { return "sourceinfo:" + std::to_string(id); }

}  // namespace qalam::keys
