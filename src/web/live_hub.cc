#include "web/live_hub.h"

#include <algorithm>
#include <charconv>

namespace qalam {

std::string LiveHub::FormatEvent(int64_t id, std::string_view event, std::string_view data) {
  std::string out = "id: " + std::to_string(id) + "\nevent: ";
  out += event;
  out += '\n';
  // A line break inside the data would end its field: each line is a data
  // line of its own, which the client joins back with "\n".
  size_t start = 0;
  while (true) {
    const size_t end = data.find_first_of("\r\n", start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + ((data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1);
  }
  out += '\n';
  return out;
}

void LiveHub::PublishBreaking(int64_t id, std::string json) {
  auto event = std::make_shared<const std::string>(FormatEvent(id, "breaking", json));
  std::lock_guard lock(mu_);
  if (id < breaking_id_) return;  // An older poll's, overtaken.
  breaking_id_ = id;
  breaking_event_ = event;
  Broadcast(event);
}

int64_t LiveHub::breaking_id() const {
  std::lock_guard lock(mu_);
  return breaking_id_;
}

HttpReply LiveHub::Open(int64_t last_event_id) {
  HttpReply reply;
  reply.content_type = "text/event-stream; charset=utf-8";
  // no-transform: a proxy must not compress or rewrite it (which means
  // buffering); X-Accel-Buffering: nginx passes each event on at once.
  reply.cache_control = "no-cache, no-store, no-transform";
  reply.headers.emplace_back("X-Accel-Buffering", "no");
  // An EventSource reconnects after `retry` ms when the stream ends: a
  // few seconds, so a restarted server is not met by every reader at once.
  std::string first = "retry: 3000\n\n";
  int64_t sent_id = last_event_id;
  {
    std::lock_guard lock(mu_);
    if (breaking_event_ && breaking_id_ > last_event_id) {
      first += *breaking_event_;
      sent_id = breaking_id_;
    }
  }
  reply.body = std::make_shared<const std::string>(std::move(first));
  reply.stream = [this, sent_id](std::shared_ptr<StreamSink> sink) { Attach(std::move(sink), sent_id); };
  return reply;
}

void LiveHub::Attach(std::shared_ptr<StreamSink> sink, int64_t sent_id) {
  std::lock_guard lock(mu_);
  // The ticker changed between the reply's first bytes and now.
  if (breaking_event_ && breaking_id_ > sent_id) sink->Send(breaking_event_);
  sinks_.push_back(sink);
}

void LiveHub::Broadcast(const std::shared_ptr<const std::string>& bytes) {
  // Under mu_: a Send only queues the bytes on the connection's thread.
  sinks_.erase(std::remove_if(sinks_.begin(), sinks_.end(),
                              [&](const std::weak_ptr<StreamSink>& weak) {
                                auto s = weak.lock();
                                return !s || !s->Send(bytes);
                              }),
               sinks_.end());
}

// Spread over the period: each tick sends the heartbeat to the share of
// the streams the time since the last tick is due (a cursor going round),
// so that every stream gets one a period, and 10,000 of them are not one
// burst of writes that holds up the I/O threads and every reader's page
// behind it (bench/spike measured a p99 of 54 ms in such a burst).
void LiveHub::Tick(TimePoint now) {
  static const auto beat = std::make_shared<const std::string>(": heartbeat\n\n");
  std::lock_guard lock(mu_);
  if (last_tick_ == TimePoint{}) {
    last_tick_ = now;
    return;
  }
  const int64_t elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_tick_).count();
  last_tick_ = now;
  const int64_t period = std::max<int64_t>(1, std::chrono::duration_cast<std::chrono::milliseconds>(heartbeat_).count());
  if (sinks_.empty() || elapsed <= 0) return;
  heartbeat_debt_ += elapsed * static_cast<int64_t>(sinks_.size());
  size_t due = static_cast<size_t>(std::min<int64_t>(heartbeat_debt_ / period, static_cast<int64_t>(sinks_.size())));
  heartbeat_debt_ -= static_cast<int64_t>(due) * period;
  bool dropped = false;
  for (; due > 0; --due) {
    if (heartbeat_cursor_ >= sinks_.size()) heartbeat_cursor_ = 0;
    std::weak_ptr<StreamSink>& weak = sinks_[heartbeat_cursor_++];
    auto s = weak.lock();
    if (!s || !s->Send(beat)) {
      weak.reset();
      dropped = true;
    }
  }
  if (dropped && heartbeat_cursor_ >= sinks_.size()) {
    // Once round: the closed streams found on the way are let go.
    sinks_.erase(std::remove_if(sinks_.begin(), sinks_.end(),
                                [](const std::weak_ptr<StreamSink>& w) { return w.expired(); }),
                 sinks_.end());
    heartbeat_cursor_ = 0;
  }
}

size_t LiveHub::clients() const {
  std::lock_guard lock(mu_);
  return static_cast<size_t>(std::count_if(sinks_.begin(), sinks_.end(), [](const std::weak_ptr<StreamSink>& weak) {
    auto s = weak.lock();
    return s && s->open();
  }));
}

int64_t ParseLastEventId(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int64_t id = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id < 0) return -1;
  return id;
}

}  // namespace qalam
