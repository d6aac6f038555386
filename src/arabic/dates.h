// Dates as an Arabic reader expects them, through ICU: regional month names,
// Western or Arabic-Indic digits, an optional Hijri (Umm al-Qura) date, in the
// site's time zone. Also the ISO 8601 parsing the importer needs.
#pragma once
#include <cstdint>
#include <string>

#include "core/status.h"

namespace qalam {

enum class MonthNaming { kEgypt, kLevant, kMaghreb };  // يناير / كانون الثاني / جانفي
enum class Digits { kWestern, kArabicIndic };

struct DateStyle {
  MonthNaming naming = MonthNaming::kEgypt;
  Digits digits = Digits::kWestern;
  bool hijri = false;
  std::string timezone = "UTC";
};

// Builds a DateStyle from the site settings' text values (validated before).
DateStyle MakeDateStyle(const std::string& date_style, const std::string& digits,
                        const std::string& hijri, const std::string& timezone);

// Formats a UTC time as "15 يناير 2022" (plus " - 12 جمادى الآخرة 1443 هـ" when
// the style asks for Hijri). Thread-safe.
std::string FormatArabicDate(int64_t utc_seconds, const DateStyle& style);

// The time of day in the style's region, digits and time zone: "4:35 م"
// ("٤:٣٥ م" with Arabic-Indic digits). Thread-safe.
std::string FormatArabicTime(int64_t utc_seconds, const DateStyle& style);
// The date and the time: "7 ديسمبر 2026، 4:35 م" (then the Hijri date when
// the style asks for it). Thread-safe.
std::string FormatArabicDateTime(int64_t utc_seconds, const DateStyle& style);

// Formats a UTC time as ISO 8601 with the zone's offset, for <time datetime>:
// "2022-01-15T00:00:00+03:00"; in UTC ("1930-05-01T09:00:00Z") when the
// zone's offset then had seconds (local mean time), which no offset can write.
std::string FormatIsoDateTime(int64_t utc_seconds, const std::string& timezone);

// Parses "YYYY-MM-DD" (midnight in `timezone`), "YYYY-MM-DDTHH:MM[:SS]" (local
// time in `timezone`) or either with "Z" or "±HH:MM" (exact). Rejects
// impossible dates.
Status ParseIsoDateTime(const std::string& text, const std::string& timezone,
                        int64_t* utc_seconds);

}  // namespace qalam
