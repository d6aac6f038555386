// The breaking-news ticker as the desk edits it (web/admin_desk.cc): an
// item's rules (its length, its link, when it expires), adding, editing,
// expiring at once, removing and ordering items, each change audited
// (breaking.add, .edit, .expire, .remove, .order; target breaking:ID, or
// "breaking" for a whole new order).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr size_t kBreakingMaxChars = 280;
constexpr int64_t kBreakingMaxMinutes = 60 * 24 * 30;  // "Expire after N minutes": up to 30 days.

// What the add and edit forms send, as typed.
struct BreakingForm {
  std::string text, link;
  std::string until;    // <input type="datetime-local"> in the site's zone, or "".
  std::string minutes;  // Expire after this many minutes; wins over `until`.
};

class BreakingNews {
 public:
  explicit BreakingNews(Store& store) : store_(store) {}

  // Every item, expired ones too, first shown first.
  Status List(std::vector<BreakingItem>* out) { return store_.ListBreaking(0, out); }
  // The items readers see at `now`, first shown first.
  Status Showing(int64_t now, std::vector<BreakingItem>* out) { return store_.ListBreaking(now, out); }

  // Checks the form into *item (text, link, until). `kept` is an expiry the
  // item already has: sent back unchanged (to the minute), it stays even
  // when past. Invalid with the Arabic reason for a refusal.
  static Status Check(const BreakingForm& form, const std::string& timezone, int64_t now, int64_t kept,
                      BreakingItem* item);

  // Whether an item may link to `link` (the desk's and the command line's
  // one rule): an http(s) address with a host or a path on this site; no
  // spaces, control characters or backslashes, nothing a browser would
  // read as another host (//host, /\host).
  static bool LinkAcceptable(std::string_view link);

  // Adds a checked item, created at `now`; fills item->id.
  Status Add(BreakingItem* item, Id user, int64_t now);
  // Replaces text, link and expiry; NotFound when gone.
  Status Edit(const BreakingItem& item, Id user, int64_t now);
  // Ends the item's showing at `now`; NotFound when gone.
  Status Expire(BreakingItem item, Id user, int64_t now);
  Status Remove(const BreakingItem& item, Id user, int64_t now);
  // Swaps the item with its neighbour above (`up`) or below. *moved false,
  // and nothing written, when it is first or last already; NotFound when
  // it is gone.
  Status Move(Id id, bool up, Id user, int64_t now, bool* moved);
  // Puts the items in `order` (first shown first), which must name every
  // current item once: Conflict otherwise (a colleague changed the list).
  Status Order(const std::vector<Id>& order, Id user, int64_t now);

 private:
  Status SaveOrder(const std::vector<Id>& order, const std::string& target, Id user, int64_t now);
  void Audit(const char* action, const std::string& target, const std::string& detail, Id user, int64_t now);

  Store& store_;
};

}  // namespace qalam
