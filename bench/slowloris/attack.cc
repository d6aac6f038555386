// bench/slowloris/attack: slow clients against one server, for
// bench/slowloris/run (which builds it with c++ -O2; it needs nothing but
// Linux and the C++ standard library).
//
// Holds CONNECTIONS slowloris connections from one source address (a
// request line and a header that never ends, one more header byte every
// INTERVAL_MS) and BODIES slow bodies from another (a POST declaring a
// 1 MB body, one byte every INTERVAL_MS). A connection the server closes is
// opened again RECONNECT_MS later, as an attacker would. One thread, epoll.
// Runs until SIGTERM or SIGINT; writes its counts as JSON to STATS every
// second.
//
// Usage: attack PORT CONNECTIONS BODIES SOURCE BODY_SOURCE INTERVAL_MS RECONNECT_MS STATS
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

volatile sig_atomic_t stop = 0;
void OnSignal(int) { stop = 1; }

using Clock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

struct Stats {
  long attempts = 0, connect_failures = 0, open = 0, open_max = 0, closed_by_server = 0,
       answered_503 = 0, answered_other = 0, bytes_sent = 0;
};

enum class State { kIdle, kConnecting, kOpen };

struct Conn {
  bool body = false;
  int fd = -1;
  State state = State::kIdle;
  Clock::time_point next;  // kIdle: when to connect; kOpen: when to send a byte.
};

const char kHeader[] = "GET / HTTP/1.1\r\nHost: bench\r\nUser-Agent: slowloris\r\nX-Slow: ";
const char kBody[] =
    "POST /api/comments HTTP/1.1\r\nHost: bench\r\n"
    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\nbody=";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 9) {
    fprintf(stderr, "usage: attack PORT CONNECTIONS BODIES SOURCE BODY_SOURCE INTERVAL_MS RECONNECT_MS STATS\n");
    return 2;
  }
  const int port = atoi(argv[1]);
  const int connections = atoi(argv[2]), bodies = atoi(argv[3]);
  const char* source = argv[4];
  const char* body_source = argv[5];
  const Ms interval(atoi(argv[6])), reconnect(atoi(argv[7]));
  const std::string stats_path = argv[8];

  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  signal(SIGTERM, OnSignal);
  signal(SIGINT, OnSignal);
  signal(SIGPIPE, SIG_IGN);

  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  sockaddr_in src{}, body_src{};
  src.sin_family = body_src.sin_family = AF_INET;
  inet_pton(AF_INET, source, &src.sin_addr);
  inet_pton(AF_INET, body_source, &body_src.sin_addr);

  std::vector<Conn> conns(static_cast<size_t>(connections + bodies));
  const auto start = Clock::now();
  for (size_t i = 0; i < conns.size(); ++i) {
    conns[i].body = static_cast<int>(i) >= connections;
    // Ramp up at 2,000 connections a second, as a client would, so that the
    // listen backlog is not what is measured.
    conns[i].next = start + Ms(static_cast<long>(i) / 2);
  }
  std::mt19937 rng(42);
  std::uniform_int_distribution<long> spread(0, interval.count());
  Stats stats;
  int ep = epoll_create1(0);

  auto close_conn = [&](size_t i, bool by_server) {
    Conn& c = conns[i];
    if (c.state == State::kOpen) --stats.open;
    if (by_server) ++stats.closed_by_server;
    close(c.fd);
    c.fd = -1;
    c.state = State::kIdle;
    c.next = Clock::now() + reconnect;
  };
  auto send_some = [&](size_t i, const char* data, size_t n) {
    ssize_t sent = send(conns[i].fd, data, n, MSG_NOSIGNAL);
    if (sent > 0) stats.bytes_sent += sent;
    if (sent < 0 && errno != EAGAIN) close_conn(i, true);
  };

  auto last_stats = Clock::now() - Ms(2000);
  std::vector<epoll_event> events(1024);
  while (!stop) {
    const auto now = Clock::now();
    for (size_t i = 0; i < conns.size(); ++i) {
      Conn& c = conns[i];
      if (c.state == State::kIdle && now >= c.next) {
        ++stats.attempts;
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        const sockaddr_in& from = c.body ? body_src : src;
        if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
            (connect(fd, reinterpret_cast<const sockaddr*>(&dst), sizeof dst) != 0 && errno != EINPROGRESS)) {
          if (fd >= 0) close(fd);
          ++stats.connect_failures;
          c.next = now + reconnect;
          continue;
        }
        c.fd = fd;
        c.state = State::kConnecting;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
      } else if (c.state == State::kOpen && now >= c.next) {
        send_some(i, "a", 1);
        c.next = now + interval;
      }
    }
    int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 20);
    for (int k = 0; k < n; ++k) {
      const size_t i = events[k].data.u64;
      Conn& c = conns[i];
      if (c.fd < 0) continue;
      if (c.state == State::kConnecting && (events[k].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
          ++stats.connect_failures;
          close_conn(i, false);
          continue;
        }
        c.state = State::kOpen;
        stats.open_max = std::max(stats.open_max, ++stats.open);
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.u64 = i;
        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        if (c.body) {
          send_some(i, kBody, sizeof kBody - 1);
        } else {
          send_some(i, kHeader, sizeof kHeader - 1);
        }
        if (c.fd >= 0) c.next = Clock::now() + Ms(spread(rng));
        continue;
      }
      if (c.state == State::kOpen && (events[k].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) {
        char buf[4096];
        ssize_t got = recv(c.fd, buf, sizeof buf, 0);
        if (got > 0) {
          if (strncmp(buf, "HTTP/1.1 503", 12) == 0) {
            ++stats.answered_503;
          } else {
            ++stats.answered_other;
          }
          // The server answers only to close: keep reading until it does.
        } else if (got == 0 || errno != EAGAIN) {
          close_conn(i, true);
        }
      }
    }
    if (Clock::now() - last_stats >= Ms(1000)) {
      last_stats = Clock::now();
      const std::string tmp = stats_path + ".tmp";
      if (FILE* f = fopen(tmp.c_str(), "w")) {
        fprintf(f,
                "{\"attempts\": %ld, \"connect_failures\": %ld, \"open\": %ld, \"open_max\": %ld, "
                "\"closed_by_server\": %ld, \"answered_503\": %ld, \"answered_other\": %ld, "
                "\"bytes_sent\": %ld}\n",
                stats.attempts, stats.connect_failures, stats.open, stats.open_max, stats.closed_by_server,
                stats.answered_503, stats.answered_other, stats.bytes_sent);
        fclose(f);
        rename(tmp.c_str(), stats_path.c_str());
      }
    }
  }
  for (Conn& c : conns) {
    if (c.fd >= 0) close(c.fd);
  }
  return 0;
}
