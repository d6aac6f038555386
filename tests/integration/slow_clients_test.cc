// Slow and greedy clients against the real server (issue 15, "One client
// takes the site down"): a full server sheds the connection that has waited
// longest for its header instead of refusing a reader; one address holds at
// most --max-connections-per-address connections; a header must arrive
// within --header-timeout and a body within --body-timeout.
//
// Linux routes all of 127/8 to the loopback interface, so a client socket
// bound to 127.0.0.2 or 127.0.0.3 is another address to the server: the
// "attacker" and the "reader" are told apart without a second machine.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "server_process.h"

namespace qalam::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

const std::string kSeedSlug = "تداعيات-أزمة-كازاخستان-على-أوكرانيا";
// A request line and a header that never end: what a slowloris client sends.
const std::string kPartialHeader = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ";

// A TCP connection from `source` (an address of 127/8) to the server; -1 if
// the connect fails.
int ConnectFrom(const char* source, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in src{};
  src.sin_family = AF_INET;
  inet_pton(AF_INET, source, &src.sin_addr);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

bool SendAll(int fd, const std::string& s) {
  return send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
}

// Whether the server has closed `fd` within `wait`: end of file or a reset.
// Bytes the server sent first (a 503) are read and appended to *got.
bool ClosedWithin(int fd, milliseconds wait, std::string* got = nullptr) {
  const auto deadline = Clock::now() + wait;
  while (true) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) return false;
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return true;
    if (got) got->append(buf, static_cast<size_t>(n));
  }
}

// One GET from `source` on a new connection; the status, or 0 when the
// connection was refused or closed without a reply.
int GetFrom(const char* source, int port, const std::string& target) {
  int fd = ConnectFrom(source, port);
  if (fd < 0) return 0;
  std::string got;
  if (SendAll(fd, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
    char buf[65536];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  if (got.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::atoi(got.c_str() + 9);
}

class SlowClientsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() + "/site";
    ASSERT_EQ(RunQalam({"init", "--data", data_}).exit_code, 0);
    ASSERT_EQ(RunQalam({"import", "--data", data_, SharedDir() + "/seed/seed-article.jsonl"}).exit_code, 0);
  }
  void TearDown() override {
    for (int fd : fds_) close(fd);
  }
  void Start(const std::vector<std::string>& args) { server_ = std::make_unique<ServerProcess>(data_, args); }
  int port() const { return server_->port(); }
  // `count` slowloris connections from `source`, each with its partial header sent.
  std::vector<int> Slowloris(const char* source, int count) {
    std::vector<int> fds;
    for (int i = 0; i < count; ++i) {
      int fd = ConnectFrom(source, port());
      if (fd < 0) continue;
      SendAll(fd, kPartialHeader);
      fds.push_back(fd);
      fds_.push_back(fd);
    }
    return fds;
  }
  std::string ArticlePath() const { return "/article/" + Encode(kSeedSlug); }

  TempDir dir_;
  std::string data_;
  std::unique_ptr<ServerProcess> server_;
  std::vector<int> fds_;
};

// The first finding at test size: 60 slow connections from one
// address fill a server of 60, and a reader from another address must still
// get /healthz and the article page. Before shedding, the reader's
// connection was closed at once.
TEST_F(SlowClientsTest, FullServerShedsTheOldestHeaderWaitForAReader) {
  Start({"--max-connections", "60"});
  std::vector<int> attackers = Slowloris("127.0.0.2", 60);
  ASSERT_EQ(attackers.size(), 60u);
  std::this_thread::sleep_for(milliseconds(300));  // All 60 accepted: the server is full.

  HttpResult health = Get(port(), "/healthz");
  EXPECT_TRUE(health.ok);
  EXPECT_EQ(health.status, 200);
  HttpResult article = Get(port(), ArticlePath());
  EXPECT_TRUE(article.ok);
  EXPECT_EQ(article.status, 200);

  // The oldest wait was shed; the newest is still open, its header pending.
  EXPECT_TRUE(ClosedWithin(attackers.front(), seconds(2)));
  EXPECT_FALSE(ClosedWithin(attackers.back(), milliseconds(200)));
}

// The same address past its own limit is answered 503 with Retry-After and
// closed; its first connections, other addresses and the reader are not
// touched.
TEST_F(SlowClientsTest, OneAddressIsHeldToItsOwnLimit) {
  Start({"--max-connections", "60", "--max-connections-per-address", "10"});
  std::vector<int> first = Slowloris("127.0.0.2", 10);
  ASSERT_EQ(first.size(), 10u);
  std::this_thread::sleep_for(milliseconds(200));

  // Over the limit: nothing sent, so the 503 cannot be lost to a reset.
  int over = ConnectFrom("127.0.0.2", port());
  ASSERT_GE(over, 0);
  fds_.push_back(over);
  std::string reply;
  EXPECT_TRUE(ClosedWithin(over, seconds(2), &reply));
  EXPECT_EQ(reply.rfind("HTTP/1.1 503", 0), 0u) << reply;
  EXPECT_NE(reply.find("\r\nRetry-After: "), std::string::npos) << reply;

  for (int fd : first) EXPECT_FALSE(ClosedWithin(fd, milliseconds(20)));
  std::vector<int> other = Slowloris("127.0.0.3", 10);
  ASSERT_EQ(other.size(), 10u);
  std::this_thread::sleep_for(milliseconds(200));
  for (int fd : other) EXPECT_FALSE(ClosedWithin(fd, milliseconds(20)));
  EXPECT_EQ(GetFrom("127.0.0.4", port(), "/healthz"), 200);
  EXPECT_EQ(GetFrom("127.0.0.4", port(), ArticlePath()), 200);

  // A slot given back is the address's again.
  close(first.front());
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(GetFrom("127.0.0.2", port(), "/healthz"), 200);
}

TEST_F(SlowClientsTest, PerAddressLimitZeroMeansNone) {
  Start({"--max-connections", "60", "--max-connections-per-address", "0"});
  std::vector<int> fds = Slowloris("127.0.0.2", 40);
  ASSERT_EQ(fds.size(), 40u);
  std::this_thread::sleep_for(milliseconds(200));
  for (int fd : fds) EXPECT_FALSE(ClosedWithin(fd, milliseconds(10)));
  EXPECT_EQ(GetFrom("127.0.0.2", port(), "/healthz"), 200);
}

// A header trickled in a byte at a time is closed at --header-timeout,
// long before the idle timeout (30 s by default).
TEST_F(SlowClientsTest, HeaderMustArriveWithinTheHeaderTimeout) {
  Start({"--header-timeout", "1"});
  int fd = ConnectFrom("127.0.0.2", port());
  ASSERT_GE(fd, 0);
  fds_.push_back(fd);
  const auto start = Clock::now();
  bool closed = false;
  SendAll(fd, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  while (!closed && Clock::now() - start < seconds(6)) {
    SendAll(fd, "a");
    closed = ClosedWithin(fd, milliseconds(200));
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(Clock::now() - start, seconds(4));
}

// A connection that says nothing at all is closed at the header timeout too.
TEST_F(SlowClientsTest, SilentNewConnectionIsClosedAtTheHeaderTimeout) {
  Start({"--header-timeout", "1"});
  int fd = ConnectFrom("127.0.0.2", port());
  ASSERT_GE(fd, 0);
  fds_.push_back(fd);
  EXPECT_TRUE(ClosedWithin(fd, seconds(4)));
}

// Between requests a keep-alive connection may wait for the idle timeout:
// the header deadline starts with the next request's first byte.
TEST_F(SlowClientsTest, KeepAliveWaitIsGovernedByTheIdleTimeout) {
  Start({"--header-timeout", "1", "--idle-timeout", "30"});
  int fd = ConnectFrom("127.0.0.2", port());
  ASSERT_GE(fd, 0);
  fds_.push_back(fd);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  auto exchange = [&] {
    if (!SendAll(fd, request)) return std::string();
    std::string got;
    char buf[4096];
    while (got.find("ok\n") == std::string::npos) {
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  };
  ASSERT_EQ(exchange().rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_FALSE(ClosedWithin(fd, milliseconds(2000)));  // Twice the header timeout, idle.
  EXPECT_EQ(exchange().rfind("HTTP/1.1 200", 0), 0u);
}

// A body trickled in is closed at --body-timeout (plus a second per 32 KiB
// declared: nothing for 1,000 bytes).
TEST_F(SlowClientsTest, BodyMustArriveWithinTheBodyTimeout) {
  Start({"--body-timeout", "1"});
  int fd = ConnectFrom("127.0.0.2", port());
  ASSERT_GE(fd, 0);
  fds_.push_back(fd);
  const auto start = Clock::now();
  SendAll(fd, "POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              "Content-Length: 1000\r\n\r\nbody=");
  bool closed = false;
  while (!closed && Clock::now() - start < seconds(8)) {
    SendAll(fd, "a");
    closed = ClosedWithin(fd, milliseconds(200));
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(Clock::now() - start, seconds(5));
}

// A full server whose connections are all slow bodies still sheds one (the
// oldest) for a reader's /healthz.
TEST_F(SlowClientsTest, FullServerShedsTheOldestSlowBody) {
  Start({"--max-connections", "20"});
  std::vector<int> bodies;
  for (int i = 0; i < 20; ++i) {
    int fd = ConnectFrom("127.0.0.2", port());
    ASSERT_GE(fd, 0);
    fds_.push_back(fd);
    SendAll(fd, "POST /api/comments HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nbody=");
    bodies.push_back(fd);
  }
  std::this_thread::sleep_for(milliseconds(300));
  EXPECT_EQ(GetFrom("127.0.0.3", port(), "/healthz"), 200);
  EXPECT_TRUE(ClosedWithin(bodies.front(), seconds(2)));
  EXPECT_FALSE(ClosedWithin(bodies.back(), milliseconds(200)));
}

}  // namespace
}  // namespace qalam::testing
