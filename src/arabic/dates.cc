#include "arabic/dates.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <memory>

namespace qalam {
namespace {

std::unique_ptr<icu::TimeZone> MakeZone(const std::string& id) {
  return std::unique_ptr<icu::TimeZone>(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
}

std::string Format(int64_t utc_seconds, const char* locale, const char* pattern,
                   const std::string& timezone) {
  UErrorCode err = U_ZERO_ERROR;
  icu::SimpleDateFormat fmt(icu::UnicodeString(pattern), icu::Locale(locale), err);
  if (U_FAILURE(err)) return "";
  fmt.adoptTimeZone(MakeZone(timezone).release());
  icu::UnicodeString out;
  fmt.format(static_cast<UDate>(utc_seconds) * 1000.0, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

bool ParseDigits(const std::string& s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

DateStyle MakeDateStyle(const std::string& date_style, const std::string& digits,
                        const std::string& hijri, const std::string& timezone) {
  DateStyle style;
  if (date_style == "levant") style.naming = MonthNaming::kLevant;
  if (date_style == "maghreb") style.naming = MonthNaming::kMaghreb;
  if (digits == "arabic") style.digits = Digits::kArabicIndic;
  style.hijri = hijri == "on";
  style.timezone = timezone;
  return style;
}

std::string FormatArabicDate(int64_t utc_seconds, const DateStyle& style) {
  // ICU's regional Arabic locales carry the three namings of the months.
  std::string locale = style.naming == MonthNaming::kLevant    ? "ar_SY"
                       : style.naming == MonthNaming::kMaghreb ? "ar_TN"
                                                               : "ar_EG";
  const char* numbers = style.digits == Digits::kArabicIndic ? "arab" : "latn";
  std::string gregorian = Format(utc_seconds, (locale + "@numbers=" + numbers).c_str(),
                                 "d MMMM y", style.timezone);
  if (!style.hijri) return gregorian;
  std::string hijri_locale = "ar_SA@calendar=islamic-umalqura;numbers=" + std::string(numbers);
  return gregorian + " - " +
         Format(utc_seconds, hijri_locale.c_str(), "d MMMM y", style.timezone) + " هـ";
}

std::string FormatArabicTime(int64_t utc_seconds, const DateStyle& style) {
  // The region's locale, as for the date; "h:mm a" gives ص/م after the time.
  std::string locale = style.naming == MonthNaming::kLevant    ? "ar_SY"
                       : style.naming == MonthNaming::kMaghreb ? "ar_TN"
                                                               : "ar_EG";
  const char* numbers = style.digits == Digits::kArabicIndic ? "arab" : "latn";
  return Format(utc_seconds, (locale + "@numbers=" + numbers).c_str(), "h:mm a", style.timezone);
}

std::string FormatArabicDateTime(int64_t utc_seconds, const DateStyle& style) {
  DateStyle gregorian = style;
  gregorian.hijri = false;
  std::string out = FormatArabicDate(utc_seconds, gregorian) + "، " + FormatArabicTime(utc_seconds, style);
  if (!style.hijri) return out;
  // The Hijri date follows the time, as it follows the date alone.
  const std::string with_hijri = FormatArabicDate(utc_seconds, style);
  const std::string plain = FormatArabicDate(utc_seconds, gregorian);
  return out + with_hijri.substr(plain.size());
}

namespace {

// ISO 8601's calendar: Gregorian all the way back (ICU's switches to the
// Julian calendar before 15 October 1582), years counted from 0000 (1 BC).
std::unique_ptr<icu::GregorianCalendar> IsoCalendar(icu::TimeZone* zone, UErrorCode& err) {
  auto cal = std::make_unique<icu::GregorianCalendar>(zone, err);
  if (U_SUCCESS(err)) cal->setGregorianChange(U_DATE_MIN, err);
  return cal;
}

std::string FormatIso(int64_t utc_seconds, const char* pattern, const std::string& timezone) {
  UErrorCode err = U_ZERO_ERROR;
  icu::SimpleDateFormat fmt(icu::UnicodeString(pattern), icu::Locale("en_US_POSIX"), err);
  auto cal = IsoCalendar(MakeZone(timezone).release(), err);
  if (U_FAILURE(err)) return "";
  fmt.adoptCalendar(cal.release());
  icu::UnicodeString out;
  fmt.format(static_cast<UDate>(utc_seconds) * 1000.0, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace

std::string FormatIsoDateTime(int64_t utc_seconds, const std::string& timezone) {
  // "xxxxx" writes the offset's seconds when it has any (local mean time
  // before a zone's standard time: Riyadh was +03:06:52 until 1947); ISO
  // 8601's offsets have none, so such a time is written in UTC instead of
  // cutting the offset. "uuuu" is the proleptic year ISO 8601 counts (0000
  // is 1 BC), where "yyyy" is the year of its era (1 BC would read 0001).
  std::string s = FormatIso(utc_seconds, "uuuu-MM-dd'T'HH:mm:ssxxxxx", timezone);
  if (s.size() > 25) s = FormatIso(utc_seconds, "uuuu-MM-dd'T'HH:mm:ss'Z'", "UTC");
  return s;
}

Status ParseIsoDateTime(const std::string& text, const std::string& timezone,
                        int64_t* utc_seconds) {
  auto bad = [&]() {
    return Status::Invalid("not an ISO 8601 date or date-time: \"" + text + "\"");
  };
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (text.size() < 10 || !ParseDigits(text, 0, 4, &y) || text[4] != '-' ||
      !ParseDigits(text, 5, 2, &mo) || text[7] != '-' || !ParseDigits(text, 8, 2, &d)) {
    return bad();
  }
  size_t pos = 10;
  bool has_offset = false;
  int offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return bad();
    // Extended time (18:56:00) or, as some exports write it, basic (185600).
    const bool basic = text.size() > pos + 3 && text[pos + 3] != ':';
    if (!ParseDigits(text, pos + 1, 2, &h) ||
        !ParseDigits(text, pos + (basic ? 3 : 4), 2, &mi)) {
      return bad();
    }
    pos += basic ? 5 : 6;
    if (pos < text.size() && (basic ? text[pos] >= '0' && text[pos] <= '9' : text[pos] == ':')) {
      if (!ParseDigits(text, pos + (basic ? 0 : 1), 2, &sec)) return bad();
      pos += basic ? 2 : 3;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {  // Fractions dropped.
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      }
    }
    if (pos < text.size()) {
      has_offset = true;
      if (text[pos] == 'Z' && pos + 1 == text.size()) {
        offset_minutes = 0;
      } else if ((text[pos] == '+' || text[pos] == '-')) {
        int oh, om = 0;
        if (!ParseDigits(text, pos + 1, 2, &oh)) return bad();
        size_t mpos = pos + 3;
        if (mpos < text.size() && text[mpos] == ':') ++mpos;
        if (mpos < text.size() && !ParseDigits(text, mpos, 2, &om)) return bad();
        if (mpos < text.size() && mpos + 2 != text.size()) return bad();
        if (oh > 14 || om > 59) return bad();
        offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
      } else {
        return bad();
      }
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) {
    return bad();
  }
  UErrorCode err = U_ZERO_ERROR;
  // On ISO 8601's calendar (IsoCalendar: 0000 to 9999, Gregorian
  // throughout), the fields are checked strictly without clock changes
  // (2022-02-30 fails here) ...
  auto set = [&](icu::GregorianCalendar& cal) {
    cal.clear();
    cal.set(UCAL_EXTENDED_YEAR, y);
    cal.set(UCAL_MONTH, mo - 1);
    cal.set(UCAL_DATE, d);
    cal.set(UCAL_HOUR_OF_DAY, h);
    cal.set(UCAL_MINUTE, mi);
    cal.set(UCAL_SECOND, sec);
  };
  auto check = IsoCalendar(icu::TimeZone::getGMT()->clone(), err);
  if (U_FAILURE(err)) return bad();
  check->setLenient(false);
  set(*check);
  UDate ms = check->getTime(err);
  if (U_FAILURE(err)) return bad();  // E.g. 2022-02-30.
  if (!has_offset) {
    // ... then placed in the zone. A wall time its clocks skip (summer time
    // starting at midnight, as in Beirut) means the first valid time after it.
    auto cal = IsoCalendar(MakeZone(timezone).release(), err);
    if (U_FAILURE(err)) return bad();
    cal->setSkippedWallTimeOption(UCAL_WALLTIME_NEXT_VALID);
    set(*cal);
    ms = cal->getTime(err);
    if (U_FAILURE(err)) return bad();
  }
  const int64_t utc = static_cast<int64_t>(ms / 1000.0) - offset_minutes * 60;
  // Only instants ISO 8601 can write in UTC (0000-01-01T00:00:00Z to
  // 9999-12-31T23:59:59Z), so that every time read here is written back
  // (FormatIsoDateTime) in a form read here again.
  if (utc < -62167219200 || utc > 253402300799) return bad();
  *utc_seconds = utc;
  return Status::Ok();
}

}  // namespace qalam
