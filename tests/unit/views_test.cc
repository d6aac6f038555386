// Readers' views: bot detection, the in-memory counter (de-duplication per
// reader, article and day; a new day; the bound; flushing), the store's
// hourly adds from two servers, the 24-hour most read and one article's
// days, on a real SQLite file.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/change_keys.h"
#include "services/bot_agents.h"
#include "services/view_counter.h"
#include "services/view_stats.h"
#include "web/views_phrase.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::MakeArticle;
using testing_backends::SaveArticle;
using testing_backends::StoreBackendTest;
using testing_backends::StoreBackends;

constexpr const char* kChrome =
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile "
    "Safari/537.36";
constexpr const char* kSafari =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1";
constexpr int64_t kDay = 1796601600;  // 2026-12-07T00:00:00Z, a UTC midnight.

TEST(BotAgents, ProgramsAreBots) {
  for (const char* agent : {
           "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
           "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
           "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
           "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
           "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1)",
           "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
           "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
           "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
           "WhatsApp/2.23.20.0",
           "TelegramBot (like TwitterBot)",
           "Twitterbot/1.0",
           "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
           "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
           "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
           "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36",
           "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
           "curl/8.5.0",
           "Wget/1.21.3",
           "python-requests/2.31.0",
           "Python-urllib/3.11",
           "Go-http-client/2.0",
           "okhttp/4.12.0",
           "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
           "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)",
           "Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
           "",
       }) {
    EXPECT_TRUE(IsBotAgent(agent)) << agent;
  }
}

TEST(BotAgents, BrowsersAreReaders) {
  for (const char* agent : {
           kChrome,
           kSafari,
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
           "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
           "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
           "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 340.0.0.22.109",
           "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 DuckDuckGo/5",
       }) {
    EXPECT_FALSE(IsBotAgent(agent)) << agent;
  }
}

class ViewsTest : public StoreBackendTest {
 protected:
  Id Published(const std::string& ext, const std::string& title, int64_t at = kDay - 86400) {
    return SaveArticle(*store_, MakeArticle(ext, title, at)).id;
  }
  int64_t Stored(Id id, int64_t since = 0) {
    std::vector<HourViews> hours;
    EXPECT_TRUE(store_->ListArticleViews(id, since, &hours).ok());
    int64_t n = 0;
    for (const HourViews& h : hours) n += h.views;
    return n;
  }
};

TEST_P(ViewsTest, OnceAReaderAnArticleAndADay) {
  const Id a = Published("a", "الأول"), b = Published("b", "الثاني");
  ViewCounter counter(*store_, std::chrono::milliseconds(0));
  using R = ViewCounter::Result;
  EXPECT_EQ(counter.Record(a, "203.0.113.7", kChrome, kDay + 100), R::kCounted);
  EXPECT_EQ(counter.Record(a, "203.0.113.7", kChrome, kDay + 5000), R::kRepeat) << "the same reader, the same day";
  EXPECT_EQ(counter.Record(b, "203.0.113.7", kChrome, kDay + 5000), R::kCounted) << "another article";
  EXPECT_EQ(counter.Record(a, "203.0.113.7", kSafari, kDay + 5000), R::kCounted) << "another device at that address";
  EXPECT_EQ(counter.Record(a, "198.51.100.2", kChrome, kDay + 5000), R::kCounted) << "another address";
  EXPECT_EQ(counter.Record(a, "198.51.100.3", "curl/8.5.0", kDay + 5000), R::kBot);
  EXPECT_EQ(counter.Record(a + b + 100, "198.51.100.3", kChrome, kDay + 5000), R::kUnknown);
  EXPECT_EQ(counter.Record(0, "198.51.100.3", kChrome, kDay + 5000), R::kUnknown);
  // A new UTC day: a new key, the same reader counts again.
  EXPECT_EQ(counter.Record(a, "203.0.113.7", kChrome, kDay + 86400 + 10), R::kCounted);
  EXPECT_EQ(counter.Record(a, "203.0.113.7", kChrome, kDay + 86400 + 20), R::kRepeat);
  EXPECT_EQ(counter.pending_views(), 5);
  EXPECT_EQ(Stored(a), 0) << "nothing written before a flush";
  ASSERT_TRUE(counter.Flush().ok());
  EXPECT_EQ(counter.pending_views(), 0);
  EXPECT_EQ(Stored(a), 4);
  EXPECT_EQ(Stored(b), 1);
  std::vector<HourViews> hours;
  ASSERT_TRUE(store_->ListArticleViews(a, 0, &hours).ok());
  ASSERT_EQ(hours.size(), 3u) << "by hour";
  EXPECT_EQ(hours[0].hour, kDay);
  EXPECT_EQ(hours[0].views, 1);
  EXPECT_EQ(hours[1].hour, kDay + 3600);
  EXPECT_EQ(hours[1].views, 2);
  EXPECT_EQ(hours[2].hour, kDay + 86400);
  EXPECT_EQ(hours[2].views, 1);
}

TEST_P(ViewsTest, PastTheBoundViewsCountWithoutDeduplication) {
  const Id a = Published("a", "الأول");
  ViewCounter counter(*store_, std::chrono::milliseconds(0), /*max_readers=*/2);
  using R = ViewCounter::Result;
  EXPECT_EQ(counter.Record(a, "10.0.0.1", kChrome, kDay), R::kCounted);
  EXPECT_EQ(counter.Record(a, "10.0.0.2", kChrome, kDay), R::kCounted);
  EXPECT_EQ(counter.Record(a, "10.0.0.3", kChrome, kDay), R::kCounted);
  EXPECT_EQ(counter.Record(a, "10.0.0.3", kChrome, kDay), R::kCounted) << "not remembered past the bound";
  EXPECT_EQ(counter.Record(a, "10.0.0.1", kChrome, kDay), R::kRepeat) << "those remembered still are";
  EXPECT_EQ(counter.Record(a, "10.0.0.3", kChrome, kDay + 86400), R::kCounted);
  EXPECT_EQ(counter.Record(a, "10.0.0.3", kChrome, kDay + 86400), R::kRepeat) << "a new day has room again";
}

TEST_P(ViewsTest, FlushesAddAcrossServersAndAtShutdown) {
  const Id a = Published("a", "الأول");
  auto other = OpenAgain();
  {
    ViewCounter one(*store_, std::chrono::milliseconds(0));
    ViewCounter two(*other, std::chrono::milliseconds(0));
    for (int i = 0; i < 3; ++i) one.Record(a, "10.0.1." + std::to_string(i), kChrome, kDay + 60);
    for (int i = 0; i < 4; ++i) two.Record(a, "10.0.2." + std::to_string(i), kChrome, kDay + 120);
    ASSERT_TRUE(one.Flush().ok());
    ASSERT_TRUE(two.Flush().ok());
    EXPECT_EQ(Stored(a), 7) << "two servers' counts of one hour add up";
    ASSERT_TRUE(one.Flush().ok());
    EXPECT_EQ(Stored(a), 7) << "a flush with nothing pending adds nothing";
    two.Record(a, "10.0.2.99", kChrome, kDay + 180);
  }  // The destructor flushes what is pending.
  EXPECT_EQ(Stored(a), 8);
}

TEST_P(ViewsTest, TheFlushingThreadWritesWithinItsInterval) {
  const Id a = Published("a", "الأول");
  ViewCounter counter(*store_, std::chrono::milliseconds(20));
  counter.Record(a, "10.0.0.1", kChrome, kDay);
  for (int i = 0; i < 500 && Stored(a) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(Stored(a), 1);
}

TEST_P(ViewsTest, ViewsOfADeletedArticleAreSkippedNotFatal) {
  const Id a = Published("a", "الأول");
  std::vector<ArticleViewsAdd> adds = {{a, kDay, 2}, {a + 1000, kDay, 5}, {a, kDay, 3}};
  ASSERT_TRUE(store_->AddArticleViews(adds).ok());
  EXPECT_EQ(Stored(a), 5);
  EXPECT_EQ(Stored(a + 1000), 0);
}

TEST_P(ViewsTest, MostReadOverTheLast24HoursPublishedOnly) {
  const Id a = Published("a", "الأول", kDay - 3000), b = Published("b", "الثاني", kDay - 2000),
           c = Published("c", "الثالث", kDay - 1000);
  Article draft = MakeArticle("d", "مسودة", kDay - 500);
  draft.status = ArticleStatus::kDraft;
  const Id d = SaveArticle(*store_, draft).id;
  const int64_t now = kDay + 86400 + 1800;  // 00:30 the next day.
  ASSERT_TRUE(store_
                  ->AddArticleViews({{a, kDay, 50},          // 00:00 yesterday: out of the window.
                                     {a, kDay + 86400, 3},   // Now's hour.
                                     {b, kDay + 2 * 3600, 4},  // 02:00 yesterday: 22.5 hours ago.
                                     {c, kDay + 12 * 3600, 4},
                                     {d, kDay + 12 * 3600, 100}})
                  .ok());
  ViewStats stats(*store_);
  std::vector<MostReadArticle> top;
  ASSERT_TRUE(stats.MostRead(now, &top).ok());
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].article.id, c) << "4 views, the newer of the two with 4";
  EXPECT_EQ(top[0].views, 4);
  EXPECT_EQ(top[1].article.id, b);
  EXPECT_EQ(top[2].article.id, a);
  EXPECT_EQ(top[2].views, 3) << "yesterday 00:00's 50 are out of the last 24 hours";
  EXPECT_EQ(top[0].article.title, "الثالث");
  EXPECT_FALSE(top[0].article.slug.empty());

  // Today's top in Cairo (UTC+2): since 22:00 UTC yesterday.
  ASSERT_TRUE(store_->AddArticleViews({{b, kDay + 22 * 3600, 10}}).ok());
  ASSERT_TRUE(stats.TopToday(now, "Africa/Cairo", &top).ok());
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].article.id, b);
  EXPECT_EQ(top[0].views, 10);
  EXPECT_EQ(top[1].article.id, a);
  ASSERT_TRUE(stats.TopToday(now, "UTC", &top).ok());
  ASSERT_EQ(top.size(), 1u) << "in UTC today began half an hour ago";
  EXPECT_EQ(top[0].article.id, a);
}

TEST_P(ViewsTest, DailyViewsInTheSiteZone) {
  const Id a = Published("a", "الأول");
  ASSERT_TRUE(store_
                  ->AddArticleViews({{a, kDay - 3 * 3600, 2},    // 21:00 UTC on the 6th: 23:00 in Cairo, the 6th.
                                     {a, kDay - 1 * 3600, 5},    // 23:00 UTC on the 6th: 01:00 on the 7th in Cairo.
                                     {a, kDay + 10 * 3600, 7},   // The 7th.
                                     {a, kDay + 86400, 1}})      // The 8th.
                  .ok());
  ViewStats stats(*store_);
  std::vector<DayViews> days;
  ASSERT_TRUE(stats.DailyViews(a, kDay + 86400 + 3600, "Africa/Cairo", 30, &days).ok());
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(days[29].views, 1);
  EXPECT_EQ(days[28].views, 12);
  EXPECT_EQ(days[27].views, 2);
  EXPECT_EQ(days[28].start, kDay - 2 * 3600) << "Cairo's midnight of the 7th";
  int64_t total = 0;
  for (const DayViews& d : days) total += d.views;
  EXPECT_EQ(total, 15);
}

TEST(ViewsPhrase, PluralFormsAndGroupedDigits) {
  EXPECT_EQ(ViewsPhrase(0, Digits::kWestern), "لا مشاهدات");
  EXPECT_EQ(ViewsPhrase(1, Digits::kArabicIndic), "مشاهدة واحدة");
  EXPECT_EQ(ViewsPhrase(2, Digits::kWestern), "مشاهدتان");
  EXPECT_EQ(ViewsPhrase(3, Digits::kArabicIndic), "٣ مشاهدات");
  EXPECT_EQ(ViewsPhrase(11, Digits::kWestern), "11 مشاهدةً");
  EXPECT_EQ(ViewsPhrase(100, Digits::kArabicIndic), "١٠٠ مشاهدة");
  EXPECT_EQ(ViewsPhrase(1234, Digits::kArabicIndic), "١٬٢٣٤ مشاهدةً");
  EXPECT_EQ(ViewsPhrase(1234, Digits::kWestern), "1,234 مشاهدةً");
  EXPECT_EQ(ViewsPhrase(1000000, Digits::kWestern), "1,000,000 مشاهدة");
}

INSTANTIATE_TEST_SUITE_P(Backends, ViewsTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
