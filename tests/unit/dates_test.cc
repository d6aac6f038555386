// Arabic dates (arabic/dates.h): month namings, digits, Hijri, time zones,
// and the ISO 8601 parsing the importer relies on.
#include "arabic/dates.h"

#include <gtest/gtest.h>

#include <string>

namespace qalam {
namespace {

// 2022-01-15T00:00:00Z and 12:00Z, computed by hand:
// 2022-01-01T00:00:00Z is 1640995200, plus 14 days.
constexpr int64_t kJan15Midnight = 1642204800;
constexpr int64_t kJan15Noon = kJan15Midnight + 12 * 3600;

DateStyle Style(MonthNaming naming, Digits digits = Digits::kWestern, bool hijri = false,
                std::string tz = "UTC") {
  DateStyle s;
  s.naming = naming;
  s.digits = digits;
  s.hijri = hijri;
  s.timezone = std::move(tz);
  return s;
}

TEST(FormatArabicDate, EgyptianMonthNames) {
  EXPECT_EQ(FormatArabicDate(kJan15Noon, Style(MonthNaming::kEgypt)), "15 يناير 2022");
}

TEST(FormatArabicDate, LevantineMonthNames) {
  EXPECT_EQ(FormatArabicDate(kJan15Noon, Style(MonthNaming::kLevant)), "15 كانون الثاني 2022");
}

TEST(FormatArabicDate, MaghrebiMonthNames) {
  EXPECT_EQ(FormatArabicDate(kJan15Noon, Style(MonthNaming::kMaghreb)), "15 جانفي 2022");
}

TEST(FormatArabicDate, ArabicIndicDigits) {
  EXPECT_EQ(FormatArabicDate(kJan15Noon, Style(MonthNaming::kEgypt, Digits::kArabicIndic)),
            "١٥ يناير ٢٠٢٢");
}

TEST(FormatArabicDate, HijriAppendedWhenAsked) {
  std::string s = FormatArabicDate(kJan15Noon, Style(MonthNaming::kEgypt, Digits::kWestern, true));
  EXPECT_EQ(s.rfind("15 يناير 2022 - ", 0), 0u) << s;
  EXPECT_NE(s.find("جمادى الآخرة 1443 هـ"), std::string::npos) << s;
  // 15 January 2022 is 12 Jumada al-Akhirah 1443 (Umm al-Qura).
  EXPECT_NE(s.find("12 جمادى الآخرة"), std::string::npos) << s;
}

TEST(FormatArabicDate, NoHijriByDefault) {
  std::string s = FormatArabicDate(kJan15Noon, Style(MonthNaming::kEgypt));
  EXPECT_EQ(s.find("هـ"), std::string::npos) << s;
}

TEST(FormatArabicDate, TimeZoneDecidesTheDay) {
  const int64_t late = kJan15Midnight - 2 * 3600;  // 2022-01-14T22:00:00Z
  EXPECT_EQ(FormatArabicDate(late, Style(MonthNaming::kEgypt)), "14 يناير 2022");
  EXPECT_EQ(FormatArabicDate(late, Style(MonthNaming::kEgypt, Digits::kWestern, false,
                                         "Asia/Riyadh")),
            "15 يناير 2022");
}

TEST(FormatArabicTime, AfternoonAndMorningInTheZone) {
  const int64_t afternoon = kJan15Midnight + 16 * 3600 + 35 * 60;  // 16:35Z
  EXPECT_EQ(FormatArabicTime(afternoon, Style(MonthNaming::kEgypt)), "4:35 م");
  EXPECT_EQ(FormatArabicTime(kJan15Midnight + 9 * 3600 + 5 * 60, Style(MonthNaming::kEgypt)), "9:05 ص");
  // Riyadh is three hours ahead of UTC.
  EXPECT_EQ(FormatArabicTime(afternoon, Style(MonthNaming::kEgypt, Digits::kWestern, false, "Asia/Riyadh")),
            "7:35 م");
}

TEST(FormatArabicTime, ArabicIndicDigits) {
  const int64_t afternoon = kJan15Midnight + 16 * 3600 + 35 * 60;
  EXPECT_EQ(FormatArabicTime(afternoon, Style(MonthNaming::kLevant, Digits::kArabicIndic)), "٤:٣٥ م");
}

TEST(FormatArabicDateTime, DateCommaTime) {
  const int64_t afternoon = kJan15Midnight + 16 * 3600 + 35 * 60;
  EXPECT_EQ(FormatArabicDateTime(afternoon, Style(MonthNaming::kEgypt)), "15 يناير 2022، 4:35 م");
  EXPECT_EQ(FormatArabicDateTime(afternoon, Style(MonthNaming::kEgypt, Digits::kArabicIndic)),
            "١٥ يناير ٢٠٢٢، ٤:٣٥ م");
  // The day and the time are the zone's: 23:30Z is the next morning in Riyadh.
  EXPECT_EQ(FormatArabicDateTime(kJan15Midnight + 23 * 3600 + 30 * 60,
                                 Style(MonthNaming::kEgypt, Digits::kWestern, false, "Asia/Riyadh")),
            "16 يناير 2022، 2:30 ص");
}

TEST(FormatArabicDateTime, HijriAfterTheTime) {
  const std::string s = FormatArabicDateTime(kJan15Noon, Style(MonthNaming::kEgypt, Digits::kWestern, true));
  EXPECT_EQ(s.rfind("15 يناير 2022، 12:00 م - ", 0), 0u) << s;
  EXPECT_NE(s.find("هـ"), std::string::npos) << s;
}

TEST(MakeDateStyle, ReadsSettingValues) {
  DateStyle s = MakeDateStyle("levant", "arabic", "on", "Africa/Cairo");
  EXPECT_EQ(s.naming, MonthNaming::kLevant);
  EXPECT_EQ(s.digits, Digits::kArabicIndic);
  EXPECT_TRUE(s.hijri);
  EXPECT_EQ(s.timezone, "Africa/Cairo");
  DateStyle d = MakeDateStyle("egypt", "western", "off", "UTC");
  EXPECT_EQ(d.naming, MonthNaming::kEgypt);
  EXPECT_EQ(d.digits, Digits::kWestern);
  EXPECT_FALSE(d.hijri);
  EXPECT_EQ(MakeDateStyle("maghreb", "western", "off", "UTC").naming, MonthNaming::kMaghreb);
}

int64_t Parse(const std::string& text, const std::string& tz = "UTC") {
  int64_t t = -1;
  Status st = ParseIsoDateTime(text, tz, &t);
  EXPECT_TRUE(st.ok()) << text << ": " << st.message();
  return t;
}

TEST(ParseIsoDateTime, DateOnlyIsMidnightInTheZone) {
  EXPECT_EQ(Parse("2022-01-15", "UTC"), kJan15Midnight);
  EXPECT_EQ(Parse("2022-01-15", "Asia/Riyadh"), kJan15Midnight - 3 * 3600);
  EXPECT_EQ(Parse("2022-01-15", "Africa/Cairo"), kJan15Midnight - 2 * 3600);
}

TEST(ParseIsoDateTime, LocalTimeWithoutOffsetUsesTheZone) {
  EXPECT_EQ(Parse("2022-01-15T10:30", "Africa/Cairo"), kJan15Midnight + 10 * 3600 + 1800 - 7200);
  EXPECT_EQ(Parse("2022-01-15T10:30:15", "UTC"), kJan15Midnight + 10 * 3600 + 1800 + 15);
  EXPECT_EQ(Parse("2022-01-15 10:30:15", "UTC"), kJan15Midnight + 10 * 3600 + 1800 + 15);
}

TEST(ParseIsoDateTime, ExplicitOffsetsAreExactWhateverTheZone) {
  const int64_t ten_thirty_z = kJan15Midnight + 10 * 3600 + 1800;
  EXPECT_EQ(Parse("2022-01-15T10:30:00Z", "Asia/Riyadh"), ten_thirty_z);
  EXPECT_EQ(Parse("2022-01-15T10:30:00+01:00", "Asia/Riyadh"), ten_thirty_z - 3600);
  EXPECT_EQ(Parse("2022-01-15T10:30:00-05:30", "Asia/Riyadh"), ten_thirty_z + 5 * 3600 + 1800);
  EXPECT_EQ(Parse("2022-01-15T10:30:00+0100", "UTC"), ten_thirty_z - 3600);
}

TEST(ParseIsoDateTime, FractionsAreDropped) {
  EXPECT_EQ(Parse("2022-01-15T10:30:00.123Z"), kJan15Midnight + 10 * 3600 + 1800);
  EXPECT_EQ(Parse("2022-01-15T10:30:00.999999+03:00"), kJan15Midnight + 7 * 3600 + 1800);
}

TEST(ParseIsoDateTime, BasicTimeFormat) {
  // 2017-01-22T18:56:00Z: 2017-01-01 is 1483228800, plus 21 days, 18:56.
  EXPECT_EQ(Parse("2017-01-22T185600", "UTC"), 1483228800 + 21 * 86400 + 18 * 3600 + 56 * 60);
  EXPECT_EQ(Parse("2017-01-22T185600Z", "Asia/Riyadh"),
            1483228800 + 21 * 86400 + 18 * 3600 + 56 * 60);
}

TEST(ParseIsoDateTime, RejectsMalformedAndImpossible) {
  for (const char* bad : {"2022-02-30", "2022-13-01", "2022-00-10", "2022-01-32", "garbage", "",
                          "2022-01-15T25:00", "2022-01-15T10:60", "2022-1-15", "2022/01/15",
                          "2022-01-15T", "2022-01-15x", "2022-01-15T10:30:00+01:00x",
                          "2022-01-15T10:30:00Zjunk", "2022-01-15T10:30:00 +01:00"}) {
    int64_t t = 12345;
    Status st = ParseIsoDateTime(bad, "UTC", &t);
    EXPECT_TRUE(st.IsInvalid()) << "accepted \"" << bad << "\"";
    EXPECT_EQ(t, 12345) << bad;
  }
  int64_t t = 0;
  Status st = ParseIsoDateTime("2022-02-30", "UTC", &t);
  EXPECT_NE(st.message().find("2022-02-30"), std::string::npos) << st.message();
}

TEST(ParseIsoDateTime, AcceptsLeapDay) {
  EXPECT_EQ(Parse("2024-02-29"), 1709164800);
  int64_t t = 0;
  EXPECT_FALSE(ParseIsoDateTime("2023-02-29", "UTC", &t).ok());
}

// Lebanon's summer time began on 2022-03-27 at 00:00: the clocks went from
// 23:59:59 to 01:00, so that day's midnight does not exist in Beirut. A date
// alone still names that day and must import; the day starts at 01:00 local
// (+03:00), which is 2022-03-26T22:00:00Z.
TEST(ParseIsoDateTime, DateOnlyOnADayWhoseMidnightIsSkipped) {
  int64_t t = 0;
  Status st = ParseIsoDateTime("2022-03-27", "Asia/Beirut", &t);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t, 1648332000);
  DateStyle beirut = Style(MonthNaming::kLevant, Digits::kWestern, false, "Asia/Beirut");
  EXPECT_EQ(FormatArabicDate(t, beirut), "27 آذار 2022");
}

// The days around it are ordinary.
TEST(ParseIsoDateTime, DateOnlyAroundASummerTimeChange) {
  EXPECT_EQ(Parse("2022-03-26", "Asia/Beirut"), 1648332000 - 86400);  // +02:00
  EXPECT_EQ(Parse("2022-03-28", "Asia/Beirut"), 1648332000 + 86400 - 3600);  // +03:00
}

// Before 1947 Riyadh kept local mean time, +03:06:52: an offset with
// seconds, which ISO 8601 and HTML's <time> cannot write. Such a time is
// written in UTC, exactly, rather than with an offset cut to minutes
// (found by fuzz_slug_date).
TEST(FormatIsoDateTime, AnOffsetWithSecondsIsWrittenInUtc) {
  int64_t old = 0;
  ASSERT_TRUE(ParseIsoDateTime("1930-05-01T12:00:00+03:00", "UTC", &old).ok());
  const std::string written = FormatIsoDateTime(old, "Asia/Riyadh");
  EXPECT_EQ(written, "1930-05-01T09:00:00Z");
  int64_t again = 0;
  ASSERT_TRUE(ParseIsoDateTime(written, "Asia/Riyadh", &again).ok());
  EXPECT_EQ(again, old);
  // Midnight of 1 January of year 1 there is still year 0 in UTC, which
  // ISO 8601 writes 0000 (not 0001, the year of its era, 1 BC).
  int64_t first = 0;
  ASSERT_TRUE(ParseIsoDateTime("0001-01-01T00:00", "Asia/Riyadh", &first).ok());
  EXPECT_EQ(FormatIsoDateTime(first, "Asia/Riyadh"), "0000-12-31T20:53:08Z");
  ASSERT_TRUE(ParseIsoDateTime(FormatIsoDateTime(first, "Asia/Riyadh"), "UTC", &again).ok());
  EXPECT_EQ(again, first);
  // An instant before year 0 in UTC could not be written back: refused.
  EXPECT_FALSE(ParseIsoDateTime("0000-01-01T00:00", "Asia/Riyadh", &again).ok());
  EXPECT_TRUE(ParseIsoDateTime("0000-01-01T00:00:00Z", "Asia/Riyadh", &again).ok());
  EXPECT_FALSE(ParseIsoDateTime("9999-12-31T23:00:00-05:00", "UTC", &again).ok());
}

TEST(FormatIsoDateTime, CarriesTheZoneOffset) {
  EXPECT_EQ(FormatIsoDateTime(kJan15Midnight - 3 * 3600, "Asia/Riyadh"),
            "2022-01-15T00:00:00+03:00");
  EXPECT_EQ(FormatIsoDateTime(kJan15Noon, "UTC"), "2022-01-15T12:00:00+00:00");
  EXPECT_EQ(FormatIsoDateTime(kJan15Noon, "America/New_York"), "2022-01-15T07:00:00-05:00");
}

TEST(FormatIsoDateTime, RoundTripsThroughParse) {
  for (const char* tz : {"Asia/Riyadh", "Africa/Casablanca", "UTC", "Asia/Beirut"}) {
    std::string s = FormatIsoDateTime(kJan15Noon + 1234, tz);
    EXPECT_EQ(Parse(s, "UTC"), kJan15Noon + 1234) << tz << " " << s;
  }
}

}  // namespace
}  // namespace qalam
