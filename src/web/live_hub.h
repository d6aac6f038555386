// LiveHub: the readers' open /live streams (Server-Sent Events) and what
// is sent to them: the breaking ticker, whole, each time it changes
// (`event: breaking`, data the same JSON as /live/breaking.json), and a
// comment line as a heartbeat, so that proxies keep an idle stream open
// and a client notices a dead one.
//
// Event ids are the site's change numbers (the `changes` table's, read by
// every server from the one database): a reader who reconnects, to this
// server or another, with Last-Event-ID N is sent the current ticker when
// it changed after N, and nothing otherwise. The ticker is sent whole, so
// one event makes up for any number missed.
//
// Thread-safe. Sending is a post to each stream's connection: publishing
// never waits for a slow reader (HttpServer lets go of one that falls
// 1 MB behind).
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "web/http_types.h"

namespace qalam {

class LiveHub {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit LiveHub(std::chrono::seconds heartbeat = std::chrono::seconds(15)) : heartbeat_(heartbeat) {}
  void set_heartbeat(std::chrono::seconds heartbeat) {
    std::lock_guard lock(mu_);
    heartbeat_ = heartbeat;
  }

  // One event as the stream carries it: "id: 7\nevent: breaking\ndata: …\n\n",
  // a data line per line of `data`.
  static std::string FormatEvent(int64_t id, std::string_view event, std::string_view data);

  // The ticker as of change `id` is `json`: sent to every open stream when
  // it is newer than what they have, and kept for streams opened later.
  void PublishBreaking(int64_t id, std::string json);
  // The change the current ticker is as of (0 before the first publish).
  int64_t breaking_id() const;

  // The reply opening a stream (200, text/event-stream, headers that keep
  // proxies from buffering or caching it). `last_event_id`: the newest
  // event the reader has (from Last-Event-ID, or the `event_id` of the
  // /live/breaking.json it just read); -1 when it has none, and then the
  // current ticker is its first event.
  HttpReply Open(int64_t last_event_id);

  // Sends the heartbeat to the streams due one at `now` (each gets one a
  // period, spread over the period) and lets go of closed streams; run by
  // the server's tick.
  void Tick(TimePoint now);

  size_t clients() const;

 private:
  void Attach(std::shared_ptr<StreamSink> sink, int64_t sent_id);
  // Sends `bytes` to every open stream, dropping the closed ones.
  void Broadcast(const std::shared_ptr<const std::string>& bytes);

  std::chrono::seconds heartbeat_;  // Under mu_.
  mutable std::mutex mu_;
  // Weak: a stream lives as long as its connection (the server's own
  // reference), never longer because the hub still lists it.
  std::vector<std::weak_ptr<StreamSink>> sinks_;
  int64_t breaking_id_ = 0;
  std::shared_ptr<const std::string> breaking_event_;  // Formatted; null before the first publish.
  // The heartbeat's round (Tick): the last tick, the next stream, and the
  // stream-milliseconds due but not yet sent.
  TimePoint last_tick_{};
  size_t heartbeat_cursor_ = 0;
  int64_t heartbeat_debt_ = 0;
};

// The value of a Last-Event-ID header or a `since` parameter as a change
// number; -1 when empty or not a number.
int64_t ParseLastEventId(std::string_view text);

}  // namespace qalam
