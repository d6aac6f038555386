// The readers' live streams' bookkeeping (web/live_hub.h), with sinks that
// record what they are sent.
#include "web/live_hub.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace qalam {
namespace {

struct RecordingSink : StreamSink {
  std::vector<std::string> sent;
  bool is_open = true;
  bool Send(std::shared_ptr<const std::string> bytes) override {
    if (!is_open) return false;
    sent.push_back(*bytes);
    return true;
  }
  bool open() const override { return is_open; }
};

// Opens a stream and attaches a recording sink, as the server does once
// the reply's header is out; *first gets the reply's first bytes.
std::shared_ptr<RecordingSink> OpenStream(LiveHub& hub, int64_t last_event_id, std::string* first = nullptr) {
  HttpReply reply = hub.Open(last_event_id);
  EXPECT_TRUE(reply.stream);
  if (first) *first = *reply.body;
  auto sink = std::make_shared<RecordingSink>();
  reply.stream(sink);
  return sink;
}

TEST(LiveHub, FormatEventSplitsDataLines) {
  EXPECT_EQ(LiveHub::FormatEvent(7, "breaking", R"({"items":[]})"),
            "id: 7\nevent: breaking\ndata: {\"items\":[]}\n\n");
  EXPECT_EQ(LiveHub::FormatEvent(8, "entry", "a\nb\r\nc\rd"),
            "id: 8\nevent: entry\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(LiveHub::FormatEvent(9, "x", ""), "id: 9\nevent: x\ndata: \n\n");
}

TEST(LiveHub, ParseLastEventId) {
  EXPECT_EQ(ParseLastEventId("42"), 42);
  EXPECT_EQ(ParseLastEventId(" 42 "), 42);
  EXPECT_EQ(ParseLastEventId("0"), 0);
  EXPECT_EQ(ParseLastEventId(""), -1);
  EXPECT_EQ(ParseLastEventId("-3"), -1);
  EXPECT_EQ(ParseLastEventId("4x"), -1);
  EXPECT_EQ(ParseLastEventId("99999999999999999999999"), -1);
}

TEST(LiveHub, NewReaderGetsTheCurrentTickerFirst) {
  LiveHub hub;
  hub.PublishBreaking(10, R"({"items":[1]})");
  std::string first;
  auto sink = OpenStream(hub, -1, &first);
  EXPECT_EQ(first, "retry: 3000\n\nid: 10\nevent: breaking\ndata: {\"items\":[1]}\n\n");
  EXPECT_TRUE(sink->sent.empty());
  EXPECT_EQ(hub.clients(), 1u);
}

TEST(LiveHub, ReaderUpToDateGetsNothingUntilAChange) {
  LiveHub hub;
  hub.PublishBreaking(10, "a");
  std::string first;
  auto sink = OpenStream(hub, 10, &first);
  EXPECT_EQ(first, "retry: 3000\n\n");
  hub.PublishBreaking(12, "b");
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0], "id: 12\nevent: breaking\ndata: b\n\n");
  // A reader behind gets the ticker as of the newest change, once.
  std::string behind;
  OpenStream(hub, 11, &behind);
  EXPECT_EQ(behind, "retry: 3000\n\nid: 12\nevent: breaking\ndata: b\n\n");
}

// A change published between the reply's first bytes and the stream's
// attach is not lost.
TEST(LiveHub, ChangeBetweenOpenAndAttachIsSent) {
  LiveHub hub;
  hub.PublishBreaking(10, "a");
  HttpReply reply = hub.Open(10);
  hub.PublishBreaking(11, "b");
  auto sink = std::make_shared<RecordingSink>();
  reply.stream(sink);
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0], "id: 11\nevent: breaking\ndata: b\n\n");
}

TEST(LiveHub, OlderPublishDoesNotOvertakeANewerOne) {
  LiveHub hub;
  auto sink = OpenStream(hub, -1);
  hub.PublishBreaking(20, "new");
  hub.PublishBreaking(19, "old");
  EXPECT_EQ(hub.breaking_id(), 20);
  ASSERT_EQ(sink->sent.size(), 1u);
}

TEST(LiveHub, ClosedStreamsAreLetGo) {
  LiveHub hub;
  auto a = OpenStream(hub, -1);
  auto b = OpenStream(hub, -1);
  a->is_open = false;
  hub.PublishBreaking(5, "x");
  EXPECT_EQ(hub.clients(), 1u);
  EXPECT_EQ(b->sent.size(), 1u);
}

// The hub never keeps a stream alive: one whose connection is gone (the
// server's last reference dropped) is let go at the next send.
TEST(LiveHub, StreamWhoseConnectionIsGoneIsLetGo) {
  LiveHub hub;
  auto kept = OpenStream(hub, -1);
  std::weak_ptr<RecordingSink> gone = OpenStream(hub, -1);
  EXPECT_TRUE(gone.expired());
  EXPECT_EQ(hub.clients(), 1u);
  hub.PublishBreaking(3, "x");
  EXPECT_EQ(kept->sent.size(), 1u);
}

TEST(LiveHub, HeartbeatOncePerPeriod) {
  LiveHub hub(std::chrono::seconds(15));
  auto sink = OpenStream(hub, -1);
  const LiveHub::TimePoint t0 = std::chrono::steady_clock::now();
  hub.Tick(t0);
  hub.Tick(t0 + std::chrono::seconds(14));
  EXPECT_TRUE(sink->sent.empty());
  hub.Tick(t0 + std::chrono::seconds(15));
  ASSERT_EQ(sink->sent.size(), 1u);
  EXPECT_EQ(sink->sent[0], ": heartbeat\n\n");
  hub.Tick(t0 + std::chrono::seconds(30));
  EXPECT_EQ(sink->sent.size(), 2u);
}

// 60 streams, a tick every 250 ms of a 15 s period: one stream a tick,
// each once a period, never all at once.
TEST(LiveHub, HeartbeatIsSpreadOverThePeriod) {
  LiveHub hub(std::chrono::seconds(15));
  std::vector<std::shared_ptr<RecordingSink>> sinks;
  for (int i = 0; i < 60; ++i) sinks.push_back(OpenStream(hub, -1));
  LiveHub::TimePoint t = std::chrono::steady_clock::now();
  hub.Tick(t);
  size_t most_in_a_tick = 0, total = 0;
  for (int tick = 0; tick < 60; ++tick) {
    t += std::chrono::milliseconds(250);
    size_t before = 0, after = 0;
    for (auto& s : sinks) before += s->sent.size();
    hub.Tick(t);
    for (auto& s : sinks) after += s->sent.size();
    most_in_a_tick = std::max(most_in_a_tick, after - before);
    total = after;
  }
  EXPECT_EQ(total, 60u);
  EXPECT_LE(most_in_a_tick, 1u);
  for (auto& s : sinks) EXPECT_EQ(s->sent.size(), 1u);
}

TEST(LiveHub, HeartbeatLetsGoOfClosedStreams) {
  LiveHub hub(std::chrono::seconds(1));
  auto open = OpenStream(hub, -1);
  auto closing = OpenStream(hub, -1);
  closing->is_open = false;
  LiveHub::TimePoint t = std::chrono::steady_clock::now();
  hub.Tick(t);
  hub.Tick(t + std::chrono::seconds(1));
  EXPECT_EQ(hub.clients(), 1u);
  EXPECT_EQ(open->sent.size(), 1u);
}

}  // namespace
}  // namespace qalam
