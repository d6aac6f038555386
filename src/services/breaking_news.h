// The breaking-news ticker as the desk edits it (web/admin_desk.cc): an
// item's rules (its length, its link or article, when it starts and
// expires, whether it is urgent: shown first), adding, editing,
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
constexpr int64_t kBreakingArticleChoices = 50;
constexpr int64_t kBreakingMaxMinutes = 60 * 24 * 30;  // "Expire after N minutes": up to 30 days.

// What the add and edit forms send, as typed.
struct BreakingForm {
  std::string text, link;
  std::string until;    // <input type="datetime-local"> in the site's zone, or "".
  std::string minutes;  // Expire after this many minutes (from the start); wins over `until`.
  std::string starts;   // <input type="datetime-local"> in the site's zone, or "": shown at once.
  std::string urgent;   // A checkbox: "on" (any value) when urgent, "" when not.
  std::string article;  // The id of the published article it links to, or "": wins over `link`.
};

class BreakingNews {
 public:
  explicit BreakingNews(Store& store) : store_(store) {}

  // Every item, expired ones too, first shown first.
  Status List(std::vector<BreakingItem>* out) { return store_.ListBreaking(0, out); }
  // The items readers see at `now`, first shown first.
  Status Showing(int64_t now, std::vector<BreakingItem>* out) { return store_.ListBreaking(now, out); }
  // What the desk offers to link an item to: the latest published
  // articles (kBreakingArticleChoices, newest first), then those of `also`
  // (the articles items link to now) not among them, whatever their state
  // (Check refuses one no longer published when it is sent back).
  Status ArticleChoices(const std::vector<Id>& also, std::vector<ArticleSummary>* out);
  // When the next item still to start after `now` starts; 0 when none.
  Status NextStart(int64_t now, int64_t* at) { return store_.NextBreakingStart(now, at); }

  // Checks the form into *item (text, link, until, starts_at, urgent,
  // article_id). `kept` is an expiry the item already has: sent back
  // unchanged (to the minute), it stays even when past. A start already
  // past means now (starts_at 0); an expiry must come after the start. An
  // article, when named, must be published and out of the trash; the item
  // then links to it and a typed link is dropped. Invalid with the Arabic
  // reason for a refusal; another error when the article cannot be read.
  Status Check(const BreakingForm& form, const std::string& timezone, int64_t now, int64_t kept,
               BreakingItem* item);

  // Whether an item may link to `link` (the desk's and the command line's
  // one rule): an http(s) address with a host or a path on this site; no
  // spaces, control characters or backslashes, nothing a browser would
  // read as another host (//host, /\host).
  static bool LinkAcceptable(std::string_view link);

  // Adds a checked item, created at `now`; fills item->id.
  Status Add(BreakingItem* item, Id user, int64_t now);
  // Replaces text, link, article, start, urgency and expiry; NotFound when gone.
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
