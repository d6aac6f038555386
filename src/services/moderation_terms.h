// The site's term lists as admins edit them on the desk (/admin/terms,
// web/admin_comments.cc): listing, adding a term to the reject or the hold
// list with its rules, removing one; each change audited (terms.add,
// terms.remove; target term:ID). The store records the change key
// moderation:terms, so every running server rereads the lists on its next
// tick (services/site_changes.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/comment.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kMaxTermChars = 100;
constexpr size_t kMaxTermCategoryChars = 40;

class ModerationTerms {
 public:
  explicit ModerationTerms(Store& store) : store_(store) {}

  Status List(std::vector<ModerationTerm>* out) { return store_.ListModerationTerms(out); }

  // Adds `text` (one line, NFC) to the list `action` ("reject" or "hold")
  // with an optional category, by `user`; fills *stored. Invalid with an
  // Arabic message for another list, a text or category too long, or a
  // text the matcher cannot use (moderation/term_matcher.h); Conflict when
  // the term is listed already.
  Status Add(const std::string& text, const std::string& action, const std::string& category, Id user,
             int64_t now, ModerationTerm* stored);
  // NotFound when there is no such term.
  Status Remove(Id id, Id user, int64_t now);

 private:
  void Audit(const char* action, Id id, const std::string& detail, Id user, int64_t now);

  Store& store_;
};

}  // namespace qalam
