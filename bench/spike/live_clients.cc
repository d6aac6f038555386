// bench/spike/live_clients.cc: many readers holding /live open, and how
// long a breaking item takes to reach each of them.
//
// Opens CLIENTS connections to 127.0.0.1:PORT (one thread, epoll), each
// from a loopback source address holding at most PER_ADDRESS of them
// (127.0.1.1, 127.0.1.2, …: like readers behind many addresses, under the
// server's default per-address limit), sends GET /live, and waits until
// every stream has its first `event: breaking`. Then ROUNDS times: runs
// COMMAND (its "{}" replaced by a fresh marker text; e.g. `qalam breaking
// add --data DIR {}`), notes when it exits (the write acknowledged), and
// waits up to 10 s for the marker on every stream. Prints one JSON line
// per round: clients, received, p50/p90/p99/max milliseconds from the
// acknowledgement to each reader's copy, and the command's own time.
//
// Usage: live_clients PORT CLIENTS PER_ADDRESS ROUNDS COMMAND...
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

struct Reader {
  int fd = -1;
  bool connected = false;
  bool got_first = false;   // Its first breaking event.
  bool got_marker = false;  // This round's.
  Clock::time_point arrived{};
  std::string tail;         // The last bytes read, to find a marker split across reads.
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int OpenReader(int port, int index, int per_address) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  const int n = index / per_address + 1;
  local.sin_addr.s_addr = htonl((127u << 24) | (1u << 8) | static_cast<unsigned>(n));  // 127.0.1.n
  if (n > 254) local.sin_addr.s_addr = htonl((127u << 24) | (2u << 8) | static_cast<unsigned>(n - 254));
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    close(fd);
    return -1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: live_clients PORT CLIENTS PER_ADDRESS ROUNDS COMMAND...\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int clients = std::atoi(argv[2]);
  const int per_address = std::max(1, std::atoi(argv[3]));
  const int rounds = std::atoi(argv[4]);
  std::vector<std::string> command(argv + 5, argv + argc);

  const int ep = epoll_create1(0);
  std::vector<Reader> readers(static_cast<size_t>(clients));
  const std::string request = "GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
  // Connect in batches, so the server's listen backlog is not flooded.
  int opened = 0;
  auto open_some = [&](int n) {
    for (int k = 0; k < n && opened < clients; ++k, ++opened) {
      Reader& r = readers[static_cast<size_t>(opened)];
      r.fd = OpenReader(port, opened, per_address);
      if (r.fd < 0) {
        std::fprintf(stderr, "live_clients: cannot open reader %d: %s\n", opened, std::strerror(errno));
        continue;
      }
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
      ev.data.u32 = static_cast<uint32_t>(opened);
      epoll_ctl(ep, EPOLL_CTL_ADD, r.fd, &ev);
    }
  };

  std::string marker;  // This round's; empty while connecting.
  Clock::time_point acked{};
  bool waiting_ack = false;  // The round's command is still running.
  int closed = 0;
  char buf[65536];
  std::vector<epoll_event> events(4096);
  auto pump = [&](int timeout_ms) {
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), timeout_ms);
    const Clock::time_point now = Clock::now();
    for (int i = 0; i < n; ++i) {
      Reader& r = readers[events[static_cast<size_t>(i)].data.u32];
      if (r.fd < 0) continue;
      if (!r.connected && (events[static_cast<size_t>(i)].events & EPOLLOUT)) {
        r.connected = true;
        if (write(r.fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
          close(r.fd), r.fd = -1, ++closed;
          continue;
        }
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.u32 = events[static_cast<size_t>(i)].data.u32;
        epoll_ctl(ep, EPOLL_CTL_MOD, r.fd, &ev);
      }
      if (events[static_cast<size_t>(i)].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        while (true) {
          const ssize_t got = read(r.fd, buf, sizeof buf);
          if (got > 0) {
            r.tail.append(buf, static_cast<size_t>(got));
            if (!r.got_first && r.tail.find("event: breaking") != std::string::npos) r.got_first = true;
            if (!marker.empty() && !r.got_marker && r.tail.find(marker) != std::string::npos) {
              r.got_marker = true;
              r.arrived = now;
            }
            if (r.tail.size() > 4096) r.tail.erase(0, r.tail.size() - 512);
            continue;
          }
          if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            close(r.fd), r.fd = -1, ++closed;
          }
          break;
        }
      }
    }
  };

  const Clock::time_point connect_start = Clock::now();
  while (Clock::now() - connect_start < std::chrono::seconds(120)) {
    if (opened < clients) open_some(500);
    pump(10);
    int first = 0;
    for (const Reader& r : readers) first += r.got_first ? 1 : 0;
    if (first == clients) break;
    if (opened == clients && first + closed >= clients) break;
  }
  int ready = 0;
  for (const Reader& r : readers) ready += r.got_first && r.fd >= 0 ? 1 : 0;
  std::printf("{\"phase\": \"connected\", \"clients\": %d, \"ready\": %d, \"closed\": %d, \"seconds\": %.1f}\n",
              clients, ready, closed, Ms(Clock::now() - connect_start) / 1000);
  std::fflush(stdout);

  for (int round = 1; round <= rounds; ++round) {
    marker = "marker-" + std::to_string(getpid()) + "-" + std::to_string(round) + "-" +
             std::to_string(Clock::now().time_since_epoch().count() % 1000000);
    for (Reader& r : readers) r.got_marker = false;
    std::vector<std::string> args;
    for (const std::string& a : command) {
      std::string arg = a;
      if (size_t at = arg.find("{}"); at != std::string::npos) arg.replace(at, 2, marker);
      args.push_back(arg);
    }
    std::vector<char*> cargv;
    for (std::string& a : args) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    const Clock::time_point started = Clock::now();
    pid_t pid = 0;
    // The command's standard output (`qalam breaking add` prints the new
    // id) must not mix with this program's JSON lines.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const int spawned = posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      std::fprintf(stderr, "live_clients: cannot run %s\n", cargv[0]);
      return 1;
    }
    waiting_ack = true;
    int status = 0;
    while (waiting_ack) {
      pump(1);
      if (waitpid(pid, &status, WNOHANG) == pid) {
        acked = Clock::now();
        waiting_ack = false;
      }
    }
    const Clock::time_point deadline = acked + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
      pump(5);
      int got = 0, open = 0;
      for (const Reader& r : readers) {
        if (r.fd < 0) continue;
        ++open;
        got += r.got_marker ? 1 : 0;
      }
      if (got == open) break;
    }
    std::vector<double> latencies;
    int open = 0;
    for (const Reader& r : readers) {
      if (r.fd >= 0) ++open;
      // An event may outrun the command's own exit (the write is committed
      // before the process ends): counted as 0 ms after the acknowledgement.
      if (r.got_marker) latencies.push_back(std::max(0.0, Ms(r.arrived - acked)));
    }
    std::printf("{\"phase\": \"round\", \"round\": %d, \"exit\": %d, \"command_ms\": %.1f, \"open\": %d, "
                "\"received\": %zu, \"p50_ms\": %.1f, \"p90_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f}\n",
                round, WIFEXITED(status) ? WEXITSTATUS(status) : -1, Ms(acked - started), open,
                latencies.size(), Percentile(latencies, 0.5), Percentile(latencies, 0.9),
                Percentile(latencies, 0.99), latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end()));
    std::fflush(stdout);
  }
  // Hold the streams until told to stop (stdin closes), so the caller can
  // measure the server with them connected.
  std::printf("{\"phase\": \"holding\"}\n");
  std::fflush(stdout);
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  while (true) {
    pump(100);
    char c;
    const ssize_t got = read(0, &c, 1);
    if (got == 0 || (got < 0 && errno != EAGAIN)) break;
  }
  int still = 0;
  for (const Reader& r : readers) still += r.fd >= 0 ? 1 : 0;
  std::printf("{\"phase\": \"done\", \"open\": %d}\n", still);
  return 0;
}
