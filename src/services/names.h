// Writers, sources, sections and tags: the named things articles point at,
// as the desk lists and edits them (web/admin_desk.cc) and the editor
// completes them (web/admin_articles.cc). The rules of an edit live here:
// the limits of a name, a bio and a source's address, a writer's photo
// must be in the media library, an edit that changes nothing writes
// nothing, and every edit is audited (names.rename or names.edit).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kNameMaxChars = 120;
constexpr size_t kBioMaxChars = 2000;
// A section's or tag's description, shown on its page and in its metadata.
constexpr size_t kDescriptionMaxChars = 500;
constexpr size_t kAddressMaxChars = 500;

class Names {
 public:
  explicit Names(Store& store) : store_(store) {}

  // Sorted by name; those whose name contains `query` when it is not empty.
  Status List(NamedKind kind, const std::string& query, int64_t limit, std::vector<NamedItem>* out) {
    return store_.ListNamed(kind, query, limit, out);
  }
  Status Get(NamedKind kind, Id id, NamedItem* out) { return store_.GetNamed(kind, id, out); }

  // Checks the name and, for a writer, the bio (extra), or for a source,
  // its address (extra): Invalid with an Arabic message. The photo is
  // checked by Update.
  static Status Check(NamedKind kind, const NamedItem& item);

  // Saves `item` over `stored` (the same id): a rename (a new slug; the old
  // one redirects), the bio or address, a writer's photo. Audited by
  // `user` as names.rename ("old ← new") or names.edit. *changed false,
  // and nothing written, when it says what `stored` says. Invalid (Arabic)
  // when the photo is not in the media library; Conflict when another of
  // the kind has the name; NotFound when it is gone.
  Status Update(NamedKind kind, const NamedItem& stored, const NamedItem& item, Id user, int64_t now,
                bool* changed);

 private:
  Store& store_;
};

}  // namespace qalam
