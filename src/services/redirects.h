// Old addresses that moved: a renamed writer, source, section or tag, or an
// article whose slug was edited on the desk, keeps its old slug, which
// leads to the current one (web/site_handler.cc answers 301).
#pragma once
#include <optional>
#include <string>

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

 private:
  Store& store_;
};

}  // namespace qalam
