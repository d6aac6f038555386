// What the HTTP server hands a handler and takes back: a small, Beast-free
// view of a request and a reply, so handlers test without sockets.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qalam {

struct HttpRequest {
  std::string_view method;  // "GET", "HEAD", …
  std::string_view target;  // Path and query, as sent.
  std::string_view accept_encoding;
  std::string_view if_none_match;
  std::string_view if_modified_since;
  std::string_view cookie;
  std::string_view content_type;
  std::string_view origin;
  std::string_view host;
  std::string_view last_event_id;  // Sent by a reconnecting EventSource.
  std::string_view user_agent;  // Read only to tell programs from readers (never stored).
  std::string_view body;
  std::string remote;  // The peer's address.
  bool secure = false; // Served over TLS (by a proxy that says so): cookies get Secure.
};

// The open end of a streamed reply (HttpReply::stream): bytes sent through
// it reach the client in order, each as it is sent. Thread-safe.
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues `bytes` for the client. False once the connection is closed
  // (by the client, the server's stop, or for falling too far behind: a
  // client that does not read what is sent is let go rather than buffered
  // without end); the caller then drops the sink.
  virtual bool Send(std::shared_ptr<const std::string> bytes) = 0;
  virtual bool open() const = 0;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::shared_ptr<const std::string> body;
  bool gzip = false;  // body is gzip-encoded.
  std::string etag;
  int64_t last_modified = 0;  // UTC seconds; sent as Last-Modified when set.
  std::string cache_control;
  bool vary_encoding = false;
  // Any others (Location, Allow, Set-Cookie); a name may repeat.
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for a reply that stays open (Server-Sent Events): the header goes
  // out without a length (chunked), then `body` as the first bytes, then
  // the connection is handed to `stream`, and stays open until the client
  // leaves or the server stops. Nothing more is read from it.
  std::function<void(std::shared_ptr<StreamSink>)> stream;
};

}  // namespace qalam
