// The in-memory page cache (web/page_cache.h).
#include "web/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace qalam {
namespace {

CachedPage Page(const std::string& body, std::set<std::string> keys = {"global"},
                int64_t expires_at = 0) {
  CachedPage p;
  p.body = std::make_shared<const std::string>(body);
  p.keys = std::move(keys);
  p.expires_at = expires_at;
  return p;
}

// A render function that counts its calls.
struct Renderer {
  std::atomic<int> calls{0};
  std::string body;
  std::set<std::string> keys{"global"};
  int64_t expires_at = 0;
  std::function<CachedPage()> fn() {
    return [this] {
      ++calls;
      return Page(body + "#" + std::to_string(calls.load()), keys, expires_at);
    };
  }
};

TEST(PageCache, MissThenHit) {
  PageCache cache(1 << 20);
  Renderer r;
  r.body = "home";
  auto p1 = cache.Get("/", 100, r.fn());
  auto p2 = cache.Get("/", 101, r.fn());
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(*p1->body, "home#1");
  EXPECT_EQ(p1, p2);
  auto s = cache.stats();
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.renders, 1u);
  EXPECT_EQ(s.entries, 1u);
  EXPECT_GT(s.bytes, 6u);
}

TEST(PageCache, KeysAreSeparate) {
  PageCache cache(1 << 20);
  Renderer a, b;
  a.body = "a";
  b.body = "b";
  EXPECT_EQ(*cache.Get("/a", 1, a.fn())->body, "a#1");
  EXPECT_EQ(*cache.Get("/b", 1, b.fn())->body, "b#1");
  EXPECT_EQ(*cache.Get("/a", 1, a.fn())->body, "a#1");
  EXPECT_EQ(cache.stats().entries, 2u);
}

TEST(PageCache, InvalidateDropsOnlyEntriesCarryingTheKey) {
  PageCache cache(1 << 20);
  Renderer art, list, other;
  art.keys = {"global", "article:1"};
  list.keys = {"global", "home", "article:1"};
  other.keys = {"global", "article:2"};
  cache.Get("/article/1", 1, art.fn());
  cache.Get("/latest", 1, list.fn());
  cache.Get("/article/2", 1, other.fn());

  cache.Invalidate({"article:1"});
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().purges, 2u);
  cache.Get("/article/2", 2, other.fn());
  EXPECT_EQ(other.calls, 1) << "unrelated page kept";
  cache.Get("/article/1", 2, art.fn());
  cache.Get("/latest", 2, list.fn());
  EXPECT_EQ(art.calls, 2);
  EXPECT_EQ(list.calls, 2);

  cache.Invalidate({"tag:9", "section:4"});  // Nobody carries these.
  EXPECT_EQ(cache.stats().entries, 3u);
  cache.Invalidate({});
  EXPECT_EQ(cache.stats().entries, 3u);
  cache.Invalidate({"global"});
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(PageCache, ByteBudgetEvictsLeastRecentlyUsed) {
  // Each entry is ~10 KB plus small overhead: two fit in 25 KB, three do not.
  PageCache cache(25000);
  const std::string big(10000, 'x');
  Renderer a, b, c;
  a.body = b.body = c.body = big;
  cache.Get("/a", 1, a.fn());
  cache.Get("/b", 1, b.fn());
  cache.Get("/a", 1, a.fn());  // /a is now the most recent.
  cache.Get("/c", 1, c.fn());  // Evicts /b.
  auto s = cache.stats();
  EXPECT_EQ(s.entries, 2u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_LE(s.bytes, 25000u);
  cache.Get("/a", 1, a.fn());
  cache.Get("/c", 1, c.fn());
  EXPECT_EQ(a.calls, 1);
  EXPECT_EQ(c.calls, 1);
  cache.Get("/b", 1, b.fn());
  EXPECT_EQ(b.calls, 2);
}

TEST(PageCache, PageLargerThanBudgetIsServedNotKept) {
  PageCache cache(1000);
  Renderer r;
  r.body = std::string(5000, 'y');
  auto p = cache.Get("/huge", 1, r.fn());
  EXPECT_EQ(p->body->size(), 5002u);
  cache.Get("/huge", 1, r.fn());
  EXPECT_EQ(r.calls, 2);
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(PageCache, ExpiresAtIsHonoured) {
  PageCache cache(1 << 20);
  Renderer r;
  r.expires_at = 1000;
  cache.Get("/", 999, r.fn());
  cache.Get("/", 999, r.fn());
  EXPECT_EQ(r.calls, 1);
  auto p = cache.Get("/", 1000, r.fn());  // Expired at exactly 1000.
  EXPECT_EQ(r.calls, 2);
  EXPECT_EQ(*p->body, "#2");
  r.expires_at = 0;  // Never expires.
  cache.Get("/", 5000, r.fn());
  cache.Get("/", 9999999, r.fn());
  EXPECT_EQ(r.calls, 3);
}

TEST(PageCache, UncacheablePagesAreNotKept) {
  PageCache cache(1 << 20);
  int calls = 0;
  auto render = [&] {
    ++calls;
    CachedPage p = Page("error");
    p.status = 500;
    p.cacheable = false;
    return p;
  };
  EXPECT_EQ(cache.Get("/x", 1, render)->status, 500);
  cache.Get("/x", 1, render);
  EXPECT_EQ(calls, 2);
}

TEST(PageCache, ThrowingRenderGivesUncachedServerError) {
  PageCache cache(1 << 20);
  auto p = cache.Get("/x", 1, []() -> CachedPage { throw std::runtime_error("boom"); });
  EXPECT_EQ(p->status, 500);
  EXPECT_FALSE(p->cacheable);
  EXPECT_EQ(cache.stats().entries, 0u);
  Renderer r;
  r.body = "ok";
  EXPECT_EQ(*cache.Get("/x", 1, r.fn())->body, "ok#1");  // The key is not stuck.
}

TEST(PageCache, ConcurrentMissesRenderOnce) {
  PageCache cache(1 << 20);
  std::atomic<int> renders{0};
  auto render = [&] {
    ++renders;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return Page("shared");
  };
  constexpr int kThreads = 8;
  std::vector<std::shared_ptr<const CachedPage>> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { got[i] = cache.Get("/same", 1, render); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(renders, 1);
  for (int i = 0; i < kThreads; ++i) {
    ASSERT_NE(got[i], nullptr);
    EXPECT_EQ(*got[i]->body, "shared");
  }
  EXPECT_EQ(cache.stats().renders, 1u);
}

TEST(PageCache, DifferentKeysRenderConcurrently) {
  PageCache cache(1 << 20);
  std::atomic<int> inside{0}, most{0};
  auto render = [&] {
    int now = ++inside;
    int prev = most.load();
    while (now > prev && !most.compare_exchange_weak(prev, now)) {}
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    --inside;
    return Page("p");
  };
  std::thread t1([&] { cache.Get("/one", 1, render); });
  std::thread t2([&] { cache.Get("/two", 1, render); });
  t1.join();
  t2.join();
  EXPECT_EQ(most, 2) << "one page's render must not block another's";
}

TEST(PageCache, RenderStartedBeforeInvalidateIsNotKept) {
  PageCache cache(1 << 20);
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  std::atomic<int> renders{0};
  auto slow = [&] {
    ++renders;
    std::unique_lock lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Page("old data", {"global", "article:1"});
  };
  std::shared_ptr<const CachedPage> first;
  std::thread t([&] { first = cache.Get("/article/1", 1, slow); });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  cache.Invalidate({"article:1"});  // The data changed while it rendered.
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  t.join();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(*first->body, "old data");  // Returned to its reader...
  EXPECT_EQ(cache.stats().entries, 0u);  // ...but not kept.
  Renderer fresh;
  fresh.body = "new data";
  EXPECT_EQ(*cache.Get("/article/1", 2, fresh.fn())->body, "new data#1");
  EXPECT_EQ(*cache.Get("/article/1", 2, fresh.fn())->body, "new data#1");  // Now kept.
}

// A reader who asks after an Invalidate must not be handed the page a render
// begun before it is still producing from the old data.
TEST(PageCache, ReaderAfterInvalidateDoesNotGetTheOlderRender) {
  PageCache cache(1 << 20);
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  auto slow = [&] {
    std::unique_lock lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Page("old data", {"global", "article:1"});
  };
  std::shared_ptr<const CachedPage> first, second;
  std::thread t1([&] { first = cache.Get("/article/1", 1, slow); });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  cache.Invalidate({"article:1"});
  std::thread t2([&] {
    second = cache.Get("/article/1", 2, [] { return Page("new data", {"global", "article:1"}); });
  });
  // Let the second reader get past its cache lookup before the old render ends.
  for (int i = 0; i < 2000 && cache.stats().misses < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  t1.join();
  t2.join();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(*first->body, "old data");
  EXPECT_EQ(*second->body, "new data");
}

// A soft purge keeps the page until its time, then one reader renders it
// anew; entries not naming the key are untouched.
TEST(PageCache, ExpireByServesUntilItsTimeThenRendersOnce) {
  PageCache cache(1 << 20);
  Renderer page, other;
  page.body = "article";
  page.keys = {"article:1", "ticker"};
  other.body = "feed";
  other.keys = {"home"};
  auto first = cache.Get("/article/1", 100, page.fn());
  cache.Get("/feed", 100, other.fn());
  cache.ExpireBy({"ticker"}, 160);
  EXPECT_EQ(cache.Get("/article/1", 159, page.fn()), first);  // Not yet: the same bytes.
  EXPECT_EQ(page.calls, 1);
  auto second = cache.Get("/article/1", 160, page.fn());
  EXPECT_EQ(*second->body, "article#2");
  EXPECT_EQ(cache.Get("/article/1", 161, page.fn()), second);  // Kept, and not due again.
  EXPECT_EQ(page.calls, 2);
  cache.Get("/feed", 200, other.fn());
  EXPECT_EQ(other.calls, 1);
  EXPECT_EQ(cache.stats().purges, 0u);
}

TEST(PageCache, ExpireByKeepsAnEarlierTime) {
  PageCache cache(1 << 20);
  Renderer page;
  page.keys = {"ticker"};
  cache.Get("/", 100, page.fn());
  cache.ExpireBy({"ticker"}, 130);
  cache.ExpireBy({"ticker"}, 190);  // A second change within the first's wait.
  cache.Get("/", 130, page.fn());
  EXPECT_EQ(page.calls, 2);
}

// While the one render of a due page runs, every other reader is answered
// the page as it was, at once.
TEST(PageCache, DueSoftPurgedPageIsServedStaleDuringItsRender) {
  PageCache cache(1 << 20);
  cache.Get("/a", 1, [] { return Page("old", {"ticker"}); });
  cache.ExpireBy({"ticker"}, 2);
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  auto slow = [&] {
    std::unique_lock lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Page("new", {"ticker"});
  };
  std::shared_ptr<const CachedPage> rendered;
  std::thread t([&] { rendered = cache.Get("/a", 5, slow); });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  auto meanwhile = cache.Get("/a", 5, [] { return Page("unexpected", {"ticker"}); });
  EXPECT_EQ(*meanwhile->body, "old");
  EXPECT_EQ(cache.stats().stale, 1u);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  t.join();
  EXPECT_EQ(*rendered->body, "new");
  EXPECT_EQ(*cache.Get("/a", 6, [] { return Page("unexpected", {"ticker"}); })->body, "new");
}

// A render that began before a soft purge read the old data: it is kept,
// but due at the purge's time like the entries it replaces.
TEST(PageCache, RenderStartedBeforeExpireByIsDueAtItsTime) {
  PageCache cache(1 << 20);
  std::mutex mu;
  std::condition_variable cv;
  bool started = false, release = false;
  auto slow = [&] {
    std::unique_lock lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    return Page("old ticker", {"ticker"});
  };
  std::thread t([&] { cache.Get("/a", 1, slow); });
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  cache.ExpireBy({"ticker"}, 10);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  t.join();
  Renderer fresh;
  fresh.keys = {"ticker"};
  EXPECT_EQ(*cache.Get("/a", 9, fresh.fn())->body, "old ticker");
  EXPECT_EQ(*cache.Get("/a", 10, fresh.fn())->body, "#1");
}

// A due page whose new render fails is served as it was, not lost.
TEST(PageCache, FailedRenderOfDuePageKeepsTheOldOne) {
  PageCache cache(1 << 20);
  cache.Get("/a", 1, [] { return Page("old", {"ticker"}); });
  cache.ExpireBy({"ticker"}, 2);
  auto failed = cache.Get("/a", 3, []() -> CachedPage { throw std::runtime_error("database is locked"); });
  EXPECT_EQ(*failed->body, "old");
  EXPECT_EQ(*cache.Get("/a", 4, [] { return Page("new", {"ticker"}); })->body, "new");
}

TEST(PageCache, ClearDropsEverything) {
  PageCache cache(1 << 20);
  Renderer r;
  cache.Get("/a", 1, r.fn());
  cache.Get("/b", 1, r.fn());
  cache.Clear();
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
  cache.Get("/a", 1, r.fn());
  EXPECT_EQ(r.calls, 3);
}

}  // namespace
}  // namespace qalam
