// /live (Server-Sent Events) and /live/breaking.json against the real
// binary: the current ticker on connect, a change sent within a second,
// reconnection with Last-Event-ID (and ?since=), the heartbeat, many
// readers at once, the headers that keep proxies from buffering, and a
// graceful stop with streams open.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server_process.h"
#include "sse_client.h"

namespace qalam::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class LiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
  }
  void Start(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--max-connections-per-address", "0"});
    server_ = std::make_unique<ServerProcess>(data_, args);
  }
  int port() const { return server_->port(); }
  std::string AddBreaking(const std::string& text) {
    CommandResult r = RunQalam({"breaking", "add", "--data", data_, text});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }
  // The breaking events' ids on `c`, in order.
  static std::vector<int64_t> BreakingIds(const SseClient& c) {
    std::vector<int64_t> out;
    for (const SseEvent& e : c.Events()) {
      if (e.event == "breaking") out.push_back(std::stoll(e.id));
    }
    return out;
  }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(LiveTest, BreakingJsonIsTheTickerAsOfAChange) {
  Start();
  HttpResult r = Get(port(), "/live/breaking.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_FALSE(r.header("etag").empty());
  const auto doc = nlohmann::json::parse(r.body);
  ASSERT_EQ(doc["items"].size(), 1u);  // The item `qalam init` adds.
  const auto& item = doc["items"][0];
  EXPECT_TRUE(item["id"].is_number_integer());
  EXPECT_TRUE(item["text"].get<std::string>().find("شريط الأخبار العاجلة") != std::string::npos);
  EXPECT_TRUE(item["link"].is_null());
  EXPECT_EQ(item["urgent"], false);
  EXPECT_TRUE(doc["event_id"].is_number_integer());
  // Revalidated with its ETag until the ticker changes.
  EXPECT_EQ(Get(port(), "/live/breaking.json", {{"If-None-Match", r.header("etag")}}).status, 304);
  AddBreaking("خبر للملف");
  HttpResult changed;
  for (int i = 0; i < 40; ++i) {
    changed = Get(port(), "/live/breaking.json");
    if (changed.body.find("خبر للملف") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  ASSERT_NE(changed.body.find("خبر للملف"), std::string::npos);
  EXPECT_NE(changed.header("etag"), r.header("etag"));
  EXPECT_GT(nlohmann::json::parse(changed.body)["event_id"].get<int64_t>(), doc["event_id"].get<int64_t>());
}

TEST_F(LiveTest, StreamSendsTheTickerThenEachChange) {
  Start();
  SseClient c(port(), "/live");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.WaitForEvent("breaking", "شريط الأخبار العاجلة", seconds(5))) << c.text();
  EXPECT_EQ(c.status(), 200);
  EXPECT_EQ(c.header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_NE(c.header("cache-control").find("no-cache"), std::string::npos);
  EXPECT_NE(c.header("cache-control").find("no-transform"), std::string::npos);
  EXPECT_EQ(c.header("x-accel-buffering"), "no");
  EXPECT_EQ(c.header("transfer-encoding"), "chunked");
  EXPECT_EQ(c.header("content-length"), "");
  EXPECT_EQ(c.header("set-cookie"), "");
  EXPECT_EQ(c.text().rfind("retry: ", 0), 0u) << c.text();
  const auto start = std::chrono::steady_clock::now();
  AddBreaking("عاجل: زلزال بقوة ست درجات");
  ASSERT_TRUE(c.WaitForEvent("breaking", "زلزال بقوة ست درجات", seconds(5))) << c.text();
  // Change keys are read every 250 ms; the `qalam` command's own start is
  // most of what remains. (A bound for the eye, not a timing test: the
  // spike's figures are in bench/spike.)
  RecordProperty("delivery_ms", static_cast<int>(std::chrono::duration_cast<milliseconds>(
                                                     std::chrono::steady_clock::now() - start).count()));
  const std::vector<int64_t> ids = BreakingIds(c);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_LT(ids[0], ids[1]);
  // The event carries the whole list, newest first, as /live/breaking.json does.
  const auto data = nlohmann::json::parse(c.Events().back().data);
  ASSERT_EQ(data["items"].size(), 2u);
  EXPECT_EQ(data["items"][0]["text"], "عاجل: زلزال بقوة ست درجات");
  EXPECT_EQ(data["event_id"].get<int64_t>(), ids[1]);
}

TEST_F(LiveTest, ReconnectingReaderGetsOnlyWhatItMissed) {
  Start();
  int64_t seen = 0;
  {
    SseClient first(port(), "/live");
    ASSERT_TRUE(first.WaitForEvent("breaking", "", seconds(5)));
    seen = BreakingIds(first).back();
  }
  // Up to date: the stream opens with nothing but its retry line.
  SseClient current(port(), "/live", {"Last-Event-ID: " + std::to_string(seen)});
  ASSERT_TRUE(current.ReadUntil([&] { return current.text().find("retry:") != std::string::npos; }, seconds(5)));
  current.ReadUntil([] { return false; }, milliseconds(600));
  EXPECT_TRUE(BreakingIds(current).empty()) << current.text();
  // The same through ?since=, as a page passes breaking.json's event_id.
  SseClient since(port(), "/live?since=" + std::to_string(seen));
  since.ReadUntil([] { return false; }, milliseconds(600));
  EXPECT_EQ(since.status(), 200);
  EXPECT_TRUE(BreakingIds(since).empty()) << since.text();
  // Two changes while the reader was away: it gets the ticker once, as of the last.
  AddBreaking("خبر فات القارئ الأول");
  AddBreaking("خبر فات القارئ الثاني");
  for (int i = 0; i < 40; ++i) {
    if (Get(port(), "/live/breaking.json").body.find("الثاني") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  std::this_thread::sleep_for(milliseconds(300));
  SseClient back(port(), "/live", {"Last-Event-ID: " + std::to_string(seen)});
  ASSERT_TRUE(back.WaitForEvent("breaking", "خبر فات القارئ الثاني", seconds(5))) << back.text();
  EXPECT_NE(back.Events()[0].data.find("خبر فات القارئ الأول"), std::string::npos);
  EXPECT_EQ(BreakingIds(back).size(), 1u);
  EXPECT_GT(BreakingIds(back)[0], seen);
  // A header that is not a change number counts as none: the current ticker.
  SseClient odd(port(), "/live", {"Last-Event-ID: abc"});
  EXPECT_TRUE(odd.WaitForEvent("breaking", "خبر فات القارئ الثاني", seconds(5)));
}

TEST_F(LiveTest, HeartbeatKeepsAnIdleStreamTalking) {
  Start({"--live-heartbeat", "1"});
  SseClient c(port(), "/live");
  ASSERT_TRUE(c.ReadUntil([&] { return c.Comments() >= 2; }, seconds(6))) << c.text();
  EXPECT_FALSE(c.closed());
}

TEST_F(LiveTest, ManyReadersAllGetTheChange) {
  Start();
  constexpr int kReaders = 300;
  std::vector<std::unique_ptr<SseClient>> readers;
  for (int i = 0; i < kReaders; ++i) readers.push_back(std::make_unique<SseClient>(port(), "/live"));
  for (auto& r : readers) ASSERT_TRUE(r->WaitForEvent("breaking", "", seconds(10)));
  AddBreaking("خبر يصل إلى الجميع");
  int got = 0;
  for (auto& r : readers) got += r->WaitForEvent("breaking", "خبر يصل إلى الجميع", seconds(5)) ? 1 : 0;
  EXPECT_EQ(got, kReaders);
  // The site still answers pages meanwhile.
  EXPECT_EQ(Get(port(), "/").status, 200);
}

TEST_F(LiveTest, ServerStopsPromptlyWithStreamsOpen) {
  Start();
  std::vector<std::unique_ptr<SseClient>> readers;
  for (int i = 0; i < 20; ++i) readers.push_back(std::make_unique<SseClient>(port(), "/live"));
  for (auto& r : readers) ASSERT_TRUE(r->WaitForEvent("breaking", "", seconds(5)));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(5));
  for (auto& r : readers) {
    r->ReadUntil([] { return false; }, milliseconds(200));
    EXPECT_TRUE(r->closed());
  }
}

TEST_F(LiveTest, HeadAndOtherMethods) {
  Start();
  HttpResult head = Http(port(), "HEAD", "/live");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(Http(port(), "POST", "/live").status, 405);
  EXPECT_EQ(Get(port(), "/live/nothing").status, 404);
}

}  // namespace
}  // namespace qalam::testing
