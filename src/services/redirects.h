// Old addresses that moved: a renamed writer, source, section or tag, or an
// article whose slug was edited on the desk, keeps its old slug, which
// leads to the current one; and every address of a site Qalam replaced (a
// WordPress import, services/old_addresses.h) leads to the same content
// here (web/site_handler.cc answers 301).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

class Redirects {
 public:
  explicit Redirects(Store& store) : store_(store) {}

  // The current slug for `old_slug` of a named thing of `kind`, or of an
  // article when there is no kind; NotFound when it never was one.
  Status Find(std::optional<NamedKind> kind, const std::string& old_slug, std::string* slug) {
    return kind ? store_.FindRedirect(*kind, old_slug, slug) : store_.FindArticleRedirect(old_slug, slug);
  }

  // Where an old site's address (a request's decoded path and raw query)
  // is now: a site path with its slug percent-encoded. NotFound when no
  // import knew it, or when what it names is not public (a draft, a
  // scheduled or trashed article: nothing that was not public becomes
  // reachable through an old address).
  Status FindOld(std::string_view path, std::string_view query, std::string* location);

 private:
  Store& store_;
};

}  // namespace qalam
