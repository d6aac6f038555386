#include "services/redirects.h"

#include "core/text.h"
#include "services/old_addresses.h"

namespace qalam {

Status Redirects::FindOld(std::string_view path, std::string_view query, std::string* location) {
  std::string url(path);
  if (!query.empty()) url += "?" + std::string(query);
  const std::string key = OldAddressKey(url);
  if (key.empty()) return Status::NotFound("not an address");
  OldAddress old;
  if (Status st = store_.FindOldAddress(key, &old); !st.ok()) return st;
  const std::string& kind = old.target_kind;
  if (kind == "home") {
    *location = "/";
    return Status::Ok();
  }
  if (kind == "feed") {
    // The old site's feed (/feed/, /?feed=rss2, …): ours, so that readers'
    // apps keep their subscription.
    const bool atom = key.size() >= 4 && key.compare(key.size() - 4, 4, "atom") == 0;
    *location = atom ? "/feed/atom" : "/feed";
    return Status::Ok();
  }
  if (kind == "article") {
    Article a;
    if (Status st = store_.GetArticleById(old.target_id, &a); !st.ok()) return st;
    if (a.status != ArticleStatus::kPublished || a.workflow != Workflow::kNone) {
      return Status::NotFound("not public");
    }
    *location = std::string(a.kind == ArticleKind::kPage ? "/page/" : "/article/") + PercentEncode(a.slug);
    return Status::Ok();
  }
  if (kind == "media") {
    MediaItem m;
    if (Status st = store_.GetMedia(old.target_id, &m); !st.ok()) return st;
    if (m.variants.empty()) return Status::NotFound("no file");
    *location = "/media/" + m.variants.back().file;
    return Status::Ok();
  }
  static constexpr std::pair<const char*, NamedKind> kNames[] = {
      {"section", NamedKind::kSection}, {"tag", NamedKind::kTag}, {"person", NamedKind::kPerson},
      {"feed:section", NamedKind::kSection}, {"feed:tag", NamedKind::kTag},
      {"feed:person", NamedKind::kPerson}};
  for (const auto& [name, named] : kNames) {
    if (kind != name) continue;
    NamedItem item;
    if (Status st = store_.GetNamed(named, old.target_id, &item); !st.ok()) return st;
    const char* prefix = named == NamedKind::kSection ? "/section/"
                         : named == NamedKind::kTag   ? "/tag/"
                                                      : "/writer/";
    *location = prefix + PercentEncode(item.slug);
    if (kind.rfind("feed:", 0) == 0) *location += "/feed";  // A category's, tag's or author's feed.
    return Status::Ok();
  }
  return Status::NotFound("unknown target " + kind);
}

}  // namespace qalam
