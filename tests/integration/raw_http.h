// Raw HTTP for the hostile-input tests: bytes written to a socket exactly as
// given (malformed requests no client library would send), and every reply
// that comes back parsed, with whether the server closed the connection or
// went quiet without answering (a hang).
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"

namespace qalam::testing {

struct RawReply {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // Lower-case names.
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

struct RawExchange {
  std::vector<RawReply> replies;
  std::string raw;       // Every byte the server sent.
  bool closed = false;   // The server closed (or reset) the connection.
  bool silent = false;   // Nothing at all came back before the wait ran out.
  bool connected = false;
  int status() const { return replies.empty() ? 0 : replies[0].status; }
};

// The replies in `raw`, in order; a truncated last one is left out.
inline std::vector<RawReply> ParseRawReplies(const std::string& raw) {
  namespace http = boost::beast::http;
  std::vector<RawReply> out;
  size_t at = 0;
  while (at < raw.size()) {
    http::response_parser<http::string_body> p;
    p.eager(true);
    p.header_limit(1 << 20);
    p.body_limit(64 << 20);
    boost::beast::error_code ec;
    while (!p.is_done() && at < raw.size()) {
      const size_t n = p.put(boost::asio::buffer(raw.data() + at, raw.size() - at), ec);
      at += n;
      if (ec == http::error::need_more) {
        if (n == 0) break;
        ec = {};
        continue;
      }
      if (ec) break;
    }
    if (!p.is_done()) break;
    RawReply r;
    r.status = static_cast<int>(p.get().result_int());
    for (const auto& f : p.get()) r.headers.emplace(AsciiLower(std::string(f.name_string())), std::string(f.value()));
    r.body = p.get().body();
    out.push_back(std::move(r));
  }
  return out;
}

// Connects to 127.0.0.1:port, writes `bytes` (a write the server refuses
// partway is not an error: it may answer and close before reading it all),
// then reads until the server closes, or until `quiet` passes without a byte
// once something came, or `wait` passes in all.
inline RawExchange RawSend(int port, const std::string& bytes,
                           std::chrono::milliseconds wait = std::chrono::seconds(15),
                           std::chrono::milliseconds quiet = std::chrono::milliseconds(1500)) {
  RawExchange ex;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return ex;
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    close(fd);
    return ex;
  }
  ex.connected = true;
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + wait;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (!ex.raw.empty()) left = std::min(left, quiet);
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[65536];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) {
      ex.closed = true;
      break;
    }
    ex.raw.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  ex.silent = ex.raw.empty() && !ex.closed;
  ex.replies = ParseRawReplies(ex.raw);
  return ex;
}

}  // namespace qalam::testing
