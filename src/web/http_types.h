// What the HTTP server hands a handler and takes back: a small, Beast-free
// view of a request and a reply, so handlers test without sockets.
#pragma once
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
};

struct HttpReply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::shared_ptr<const std::string> body;
  bool gzip = false;  // body is gzip-encoded.
  std::string etag;
  std::string cache_control;
  bool vary_encoding = false;
  std::vector<std::pair<std::string, std::string>> headers;  // Any others (Location, Allow).
};

}  // namespace qalam
