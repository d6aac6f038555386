// What the counted views (services/view_counter.h) show: the most read of
// the last 24 hours (the reader's pages), today's top articles (the desk's
// dashboard) and one article's views by day (its desk screen).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace qalam {

// One day's views in the site's time zone.
struct DayViews {
  int64_t start = 0;  // UTC seconds of the day's local midnight.
  int64_t views = 0;
};

class ViewStats {
 public:
  static constexpr int64_t kMostReadSize = 5;  // The pages' «الأكثر قراءة».
  static constexpr int64_t kTodaySize = 10;    // The dashboard's list.

  explicit ViewStats(Store& store) : store_(store) {}

  // Published articles by views over the 24 hours up to `now`: the current
  // hour and the 23 before it (so the window is between 23 and 24 hours).
  Status MostRead(int64_t now, std::vector<MostReadArticle>* out);
  // Published articles by views since the local midnight of `now` in
  // `timezone` (an IANA name).
  Status TopToday(int64_t now, const std::string& timezone, std::vector<MostReadArticle>* out);
  // The article's views on each of the `days` local days ending with the
  // day of `now`, oldest first, days without a view at 0.
  Status DailyViews(Id article_id, int64_t now, const std::string& timezone, int days, std::vector<DayViews>* out);

 private:
  Store& store_;
};

// The UTC offset of `timezone` at `utc_seconds`, in seconds (ICU; 0 for an
// unknown zone).
int64_t ZoneOffset(int64_t utc_seconds, const std::string& timezone);

}  // namespace qalam
