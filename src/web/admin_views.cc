// Readers' views on the desk: an article's views over the last 30 days as a
// small inline SVG chart with its text summary (the editor), and today's
// most read articles with their counts (the dashboard). Numbers in the
// site's digits, grouped, with ICU's plural forms; no inline style (the
// CSP's style-src 'self'): the bars' colour comes from admin.css.
#include <algorithm>
#include <string>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/text.h"
#include "web/admin_visit.h"
#include "web/views_phrase.h"

namespace qalam {
namespace {

constexpr int kChartDays = 30;

Digits SiteDigits(const Settings& settings) {
  return settings.Get("digits") == "arabic" ? Digits::kArabicIndic : Digits::kWestern;
}

// "1234" grouped by thousands: "1,234", or "١٬٢٣٤" in Arabic-Indic digits.
std::string Grouped(int64_t n, Digits digits) {
  std::string plain = std::to_string(n), out;
  const char* separator = digits == Digits::kArabicIndic ? "\u066C" : ",";
  for (size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && plain[0] != '-' && (plain.size() - i) % 3 == 0) out += separator;
    out += plain[i];
  }
  return LocalDigits(out, digits);
}

}  // namespace

// «١٬٢٣٤ مشاهدةً»: ICU's plural form, the number grouped.
std::string ViewsPhrase(int64_t n, Digits digits) {
  static const CountedNoun kViews{"لا مشاهدات", "مشاهدة واحدة", "مشاهدتان", "{n} مشاهدات", "{n} مشاهدةً", "{n} مشاهدة"};
  std::string text = Count(n, kViews, digits);
  const std::string plain = LocalDigits(std::to_string(n), digits);
  if (size_t at = text.find(plain); at != std::string::npos && n >= 1000) text.replace(at, plain.size(), Grouped(n, digits));
  return text;
}

nlohmann::json AdminHandler::ViewsChartView(Visit& v, Id article_id) {
  const Digits digits = SiteDigits(v.settings);
  DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", v.settings.timezone());
  std::vector<DayViews> days;
  if (!view_stats_.DailyViews(article_id, v.now, v.settings.timezone(), kChartDays, &days).ok()) {
    return {{"error", "تعذّرت قراءة المشاهدات الآن."}};
  }
  int64_t total = 0, top = 0;
  for (const DayViews& d : days) {
    total += d.views;
    top = std::max(top, d.views);
  }
  // 30 bars of 8 units with 2 between, 60 high; a day without views keeps
  // a 1-unit baseline so the days stay countable.
  constexpr int kBar = 8, kGap = 2, kHeight = 60;
  const int width = kChartDays * (kBar + kGap) - kGap;
  std::string svg = "<svg class=\"views-chart\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(kHeight) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                    std::to_string(kHeight) + "\" role=\"img\" aria-labelledby=\"views-summary\" focusable=\"false\">";
  for (size_t i = 0; i < days.size(); ++i) {
    const int64_t h = top ? std::max<int64_t>(1, days[i].views * kHeight / top) : 1;
    // Oldest on the right: the chart reads right to left, as the page does.
    const int x = static_cast<int>(days.size() - 1 - i) * (kBar + kGap);
    svg += "<rect class=\"views-bar" + std::string(days[i].views ? "" : " views-bar-empty") + "\" x=\"" +
           std::to_string(x) + "\" y=\"" + std::to_string(kHeight - h) + "\" width=\"" + std::to_string(kBar) +
           "\" height=\"" + std::to_string(h) + "\"><title>" +
           HtmlEscape(FormatArabicDate(days[i].start + 43200, style) + ": " + ViewsPhrase(days[i].views, digits)) +
           "</title></rect>";
  }
  svg += "</svg>";
  const std::string window =
      "في آخر " + Count(kChartDays, {"", "", "", "{n} أيام", "{n} يومًا", "{n} يوم"}, digits) + " (" +
      FormatArabicDate(days.front().start + 43200, style) + " – " + FormatArabicDate(days.back().start + 43200, style) + ")";
  std::string caption = "مشاهدات القراء: " + ViewsPhrase(total, digits) + " " + window;
  if (total > 0) caption += "، منها " + ViewsPhrase(days.back().views, digits) + " اليوم";
  return {{"svg", svg}, {"caption", caption + "."}};
}

nlohmann::json AdminHandler::TopTodayView(Visit& v) {
  const Digits digits = SiteDigits(v.settings);
  std::vector<MostReadArticle> top;
  if (!view_stats_.TopToday(v.now, v.settings.timezone(), &top).ok()) return nullptr;
  nlohmann::json items = nlohmann::json::array();
  for (const MostReadArticle& m : top) {
    items.push_back({{"title", m.article.title},
                     {"url", "/admin/articles/" + std::to_string(m.article.id)},
                     {"views", ViewsPhrase(m.views, digits)}});
  }
  return {{"items", items}, {"empty", items.empty()}};
}

}  // namespace qalam
