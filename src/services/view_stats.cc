#include "services/view_stats.h"

#include <unicode/timezone.h>

#include <memory>

namespace qalam {
namespace {

int64_t HourOf(int64_t t) { return t - ((t % 3600) + 3600) % 3600; }

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

int64_t ZoneOffset(int64_t utc_seconds, const std::string& timezone) {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)));
  int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(utc_seconds) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (static_cast<int64_t>(raw) + dst) / 1000;
}

Status ViewStats::MostRead(int64_t now, std::vector<MostReadArticle>* out) {
  return store_.ListMostRead(HourOf(now) - 23 * 3600, kMostReadSize, out);
}

Status ViewStats::TopToday(int64_t now, const std::string& timezone, std::vector<MostReadArticle>* out) {
  const int64_t offset = ZoneOffset(now, timezone);
  const int64_t midnight = FloorDiv(now + offset, 86400) * 86400 - offset;
  // Hours are UTC: a zone off by half an hour counts the hour its midnight falls in.
  return store_.ListMostRead(HourOf(midnight), kTodaySize, out);
}

Status ViewStats::DailyViews(Id article_id, int64_t now, const std::string& timezone, int days,
                             std::vector<DayViews>* out) {
  out->assign(static_cast<size_t>(days), DayViews{});
  const int64_t today = FloorDiv(now + ZoneOffset(now, timezone), 86400);
  for (int i = 0; i < days; ++i) {
    const int64_t local_day = today - (days - 1 - i);
    // The UTC time of that local midnight (the offset of a day's noon
    // stands for the whole day's, to within a DST change).
    out->at(static_cast<size_t>(i)).start = local_day * 86400 - ZoneOffset(local_day * 86400 + 43200, timezone);
  }
  std::vector<HourViews> hours;
  Status st = store_.ListArticleViews(article_id, HourOf(out->front().start) - 3600, &hours);
  if (!st.ok()) return st;
  for (const HourViews& h : hours) {
    const int64_t index = FloorDiv(h.hour + ZoneOffset(h.hour, timezone), 86400) - (today - (days - 1));
    if (index >= 0 && index < days) out->at(static_cast<size_t>(index)).views += h.views;
  }
  return Status::Ok();
}

}  // namespace qalam
