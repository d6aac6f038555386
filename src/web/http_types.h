// What the HTTP server hands a handler and takes back: a small, Beast-free
// view of a request and a reply, so handlers test without sockets.
#pragma once
#include <cstdint>
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
  std::string_view user_agent;  // Read only to tell programs from readers (never stored).
  std::string_view body;
  std::string remote;  // The peer's address.
  bool secure = false; // Served over TLS (by a proxy that says so): cookies get Secure.
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
};

}  // namespace qalam
