// HttpServer runs its handler on worker threads, never on the threads that
// read and write: a handler that takes its time holds up no other
// connection, and requests that never reach the handler (a malformed one)
// are answered meanwhile even when every worker is busy.
#include "web/http_server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace qalam {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// One request on a new connection; the reply's status line.
std::string StatusLine(uint16_t port, const std::string& request) {
  asio::io_context io;
  tcp::socket s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::write(s, asio::buffer(request));
  asio::streambuf reply;
  asio::read_until(s, reply, "\r\n");
  std::istream in(&reply);
  std::string line;
  std::getline(in, line);
  return line;
}

class HttpServerWorkersTest : public ::testing::Test {
 protected:
  void StartServer(int io_threads, int workers) {
    HttpServerOptions options;
    options.port = 0;
    options.io_threads = io_threads;
    options.threads = workers;
    options.access_log = "off";
    server_ = std::make_unique<HttpServer>(options, [this](const HttpRequest& r) {
      HttpReply reply;
      reply.content_type = "text/plain";
      if (r.target == "/slow") release_.wait();
      reply.body = std::make_shared<const std::string>("done\n");
      return reply;
    });
    std::string bound;
    ASSERT_TRUE(server_->Listen(&bound).ok());
    port_ = static_cast<uint16_t>(std::stoi(bound.substr(bound.rfind(':') + 1)));
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (!released_) opened_.set_value();
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  // Starts GET /slow, which waits until Release().
  std::future<std::string> Slow() {
    return std::async(std::launch::async, [this] { return StatusLine(port_, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"); });
  }
  void Release() {
    released_ = true;
    opened_.set_value();
  }

  std::promise<void> opened_;
  std::shared_future<void> release_ = opened_.get_future().share();
  bool released_ = false;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  uint16_t port_ = 0;
};

TEST_F(HttpServerWorkersTest, ASlowAnswerHoldsUpNoOtherConnection) {
  StartServer(/*io_threads=*/1, /*workers=*/2);
  auto slow = Slow();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // /slow is in its handler.
  // With one thread reading, writing and answering, this would wait for /slow.
  auto fast = std::async(std::launch::async, [this] { return StatusLine(port_, "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"); });
  ASSERT_EQ(fast.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(fast.get(), "HTTP/1.1 200 OK\r");
  EXPECT_EQ(slow.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout) << "/slow is still waiting";
  Release();
  EXPECT_EQ(slow.get(), "HTTP/1.1 200 OK\r");
}

TEST_F(HttpServerWorkersTest, EveryWorkerBusyStillReadsAndRefusesBadRequests) {
  StartServer(/*io_threads=*/1, /*workers=*/1);
  auto slow = Slow();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto bad = std::async(std::launch::async, [this] { return StatusLine(port_, "NOT HTTP AT ALL\r\n\r\n"); });
  ASSERT_EQ(bad.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(bad.get(), "HTTP/1.1 400 Bad Request\r");
  Release();
  EXPECT_EQ(slow.get(), "HTTP/1.1 200 OK\r");
}

TEST_F(HttpServerWorkersTest, StopLetsTheAnswerInFlightFinish) {
  StartServer(/*io_threads=*/1, /*workers=*/1);
  auto slow = Slow();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server_->Stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Release();
  EXPECT_EQ(slow.get(), "HTTP/1.1 200 OK\r");
  thread_.join();  // Run() returns once the reply is written.
}

}  // namespace
}  // namespace qalam
