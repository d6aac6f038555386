// A reader's end of /live for tests: one socket, the request written as
// given, the reply's header parsed, its chunked body decoded as it comes,
// and the Server-Sent Events in it parsed (id, event, data; comment lines
// counted). Blocking, with deadlines: a test waits for what it expects or
// fails when the time is out.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/text.h"

namespace qalam::testing {

struct SseEvent {
  std::string id, event, data;
};

class SseClient {
 public:
  // Connects to 127.0.0.1:port and sends GET `target` with `headers`
  // ("Name: value" lines, without CRLF).
  SseClient(int port, const std::string& target, const std::vector<std::string>& headers = {}) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ < 0 || connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return;
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
    for (const std::string& h : headers) request += h + "\r\n";
    request += "\r\n";
    connected_ = write(fd_, request.data(), request.size()) == static_cast<ssize_t>(request.size());
  }
  ~SseClient() {
    if (fd_ >= 0) close(fd_);
  }
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  bool connected() const { return connected_; }
  bool closed() const { return closed_; }
  int status() const { return status_; }
  std::string header(const std::string& name) const {
    auto it = headers_.find(name);
    return it == headers_.end() ? "" : it->second;
  }
  // The decoded body so far.
  const std::string& text() const { return text_; }
  std::vector<SseEvent> Events() const;
  size_t Comments() const;

  // Reads until `done()` holds (true), the server closes or `wait` passes (false).
  bool ReadUntil(const std::function<bool()>& done, std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (!done()) {
      if (closed_) return false;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      char buf[16384];
      const ssize_t n = read(fd_, buf, sizeof buf);
      if (n <= 0) {
        closed_ = true;
        continue;
      }
      raw_.append(buf, static_cast<size_t>(n));
      Decode();
    }
    return true;
  }
  // Waits for an event of kind `event` whose data holds `needle`.
  bool WaitForEvent(const std::string& event, const std::string& needle, std::chrono::milliseconds wait) {
    return ReadUntil([&] {
      for (const SseEvent& e : Events()) {
        if (e.event == event && e.data.find(needle) != std::string::npos) return true;
      }
      return false;
    }, wait);
  }

 private:
  void Decode() {
    if (status_ == 0) {
      const size_t end = raw_.find("\r\n\r\n");
      if (end == std::string::npos) return;
      const std::string head = raw_.substr(0, end);
      raw_.erase(0, end + 4);
      size_t line_end = head.find("\r\n");
      const std::string status_line = head.substr(0, line_end);
      status_ = std::atoi(status_line.substr(status_line.find(' ') + 1).c_str());
      while (line_end != std::string::npos) {
        const size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        headers_[AsciiLower(line.substr(0, colon))] = value;
      }
      chunked_ = AsciiLower(header("transfer-encoding")) == "chunked";
    }
    if (!chunked_) {
      text_ += raw_;
      raw_.clear();
      return;
    }
    while (true) {
      const size_t line_end = raw_.find("\r\n");
      if (line_end == std::string::npos) return;
      const size_t size = std::stoul(raw_.substr(0, line_end), nullptr, 16);
      if (raw_.size() < line_end + 2 + size + 2) return;
      text_ += raw_.substr(line_end + 2, size);
      raw_.erase(0, line_end + 2 + size + 2);
    }
  }

  int fd_ = -1;
  bool connected_ = false, closed_ = false, chunked_ = false;
  int status_ = 0;
  std::map<std::string, std::string> headers_;
  std::string raw_, text_;
};

inline std::vector<SseEvent> SseClient::Events() const {
  std::vector<SseEvent> out;
  SseEvent current;
  bool any = false;
  size_t start = 0;
  while (true) {
    const size_t end = text_.find('\n', start);
    if (end == std::string::npos) break;  // An event is complete only at its blank line.
    const std::string line = text_.substr(start, end - start);
    start = end + 1;
    if (line.empty()) {
      if (any) out.push_back(current);
      current = SseEvent();
      any = false;
      continue;
    }
    if (line[0] == ':') continue;
    const size_t colon = line.find(':');
    const std::string field = line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (field == "id") current.id = value, any = true;
    if (field == "event") current.event = value, any = true;
    if (field == "data") current.data += (current.data.empty() ? "" : "\n") + value, any = true;
  }
  return out;
}

inline size_t SseClient::Comments() const {
  size_t n = 0;
  for (size_t at = 0; (at = text_.find(": heartbeat\n", at)) != std::string::npos; ++at) ++n;
  return n;
}

}  // namespace qalam::testing
