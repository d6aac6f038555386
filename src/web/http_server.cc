#include "web/http_server.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <thread>

#include "content/embeds.h"
#include "core/http_date.h"
#include "web/connection_limits.h"

namespace qalam {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// frame-src: the only frames a page may hold are the players of the embeds
// a reader chose to load (content/embeds.h); scripts and styles stay 'self'.
const std::string& ContentSecurityPolicy() {
  static const std::string policy = [] {
    std::string frames;
    for (const std::string& host : EmbedFrameHosts()) frames += " " + host;
    return "default-src 'self'; img-src 'self' data: https:; style-src 'self'; font-src 'self'; "
           "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
           "frame-ancestors 'none'; frame-src" + frames;
  }();
  return policy;
}

// Whether a request's framing is one Qalam reads the way any proxy in front
// would: no Transfer-Encoding, or a single one that is exactly "chunked".
// Beast already refuses a Content-Length beside a chunked body, lengths that
// differ and "chunked" twice; it reads "chunked, identity", "gzip, chunked",
// "identity" (with or without a length) and "identity" then "chunked" as
// something, where RFC 9112 (6.1, 6.3) says the length cannot be known: a
// proxy reading it otherwise would let a request hide inside another's body.
bool PlainFraming(const http::request_parser<http::string_body>& parser) {
  const auto& req = parser.get();
  auto [first, last] = req.equal_range(http::field::transfer_encoding);
  if (first == last) return true;
  if (std::next(first) != last) return false;
  std::string_view value = first->value();
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return beast::iequals(value, "chunked");
}

// A request's target as logs show it: the desk's query strings carry
// one-time tokens (a set-password link's), so they are left out.
std::string LoggedTarget(std::string target) {
  if (target.rfind("/admin", 0) == 0) {
    if (size_t q = target.find('?'); q != std::string::npos) target.replace(q, std::string::npos, "?…");
  }
  return target;
}

// HSTS for an https site: a year, this host only (a subdomain may still
// be plain http), never preloaded unless the operator asks a browser vendor.
constexpr const char* kStrictTransportSecurity = "max-age=31536000";

// The answer to a connection over its address's limit, written straight
// into the socket: the client is told to come back instead of seeing a
// reset, and it costs no session. The same security headers as any reply.
const std::string& BusyAddressReply(bool https) {
  static const auto make = [](bool with_hsts) {
    const std::string body = "اتصالات كثيرة مفتوحة من عنوانك في وقت واحد؛ أعد المحاولة بعد قليل.\n";
    return "HTTP/1.1 503 Service Unavailable\r\nServer: Qalam\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
           "Content-Security-Policy: " + ContentSecurityPolicy() + "\r\n" +
           "Referrer-Policy: strict-origin-when-cross-origin\r\nX-Frame-Options: DENY\r\n" +
           (with_hsts ? std::string("Strict-Transport-Security: ") + kStrictTransportSecurity + "\r\n" : "") +
           "Retry-After: 10\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  static const std::string plain = make(false), secure = make(true);
  return https ? secure : plain;
}

}  // namespace

class HttpServer::Impl {
 public:
  class Session;

  Impl(HttpServerOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        acceptor_(control_),
        signals_(control_, SIGINT, SIGTERM),
        tick_timer_(control_),
        flush_timer_(control_),
        report_timer_(control_),
        limits_(options_.max_connections, options_.max_connections_per_address) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (options_.threads <= 0) options_.threads = cores;
    if (options_.io_threads <= 0) options_.io_threads = cores;
    if (options_.access_log != "off") {
      // Synchronous and buffered: a line costs an fwrite under the sink's
      // mutex, flushed every half second and at exit. (An async logger
      // flushing per line cost a quarter of the throughput, and dropped lines
      // when its queue overflowed; see bench/RESULTS.md.)
      std::shared_ptr<spdlog::sinks::sink> sink;
      if (options_.access_log == "-") {
        sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
      } else {
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(options_.access_log);
      }
      access_log_ = std::make_shared<spdlog::logger>("access", sink);
      access_log_->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
    }
  }

  ~Impl() {
    if (access_log_) access_log_->flush();
  }

  Status Listen(std::string* bound) {
    beast::error_code ec;
    auto address = asio::ip::make_address(options_.host, ec);
    if (ec) return Status::Invalid("not an IP address: " + options_.host);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) acceptor_.non_blocking(true, ec);  // For Accept()'s batches.
    if (ec) {
      return Status::Io("cannot listen on " + options_.host + ":" +
                        std::to_string(options_.port) + ": " + ec.message());
    }
    auto local = acceptor_.local_endpoint();
    std::string host = local.address().to_string();
    if (local.address().is_v6()) host = "[" + host + "]";
    *bound = host + ":" + std::to_string(local.port());
    return Status::Ok();
  }

  void SetTick(std::chrono::milliseconds period, Tick tick) {
    tick_period_ = period;
    tick_ = std::move(tick);
  }

  void Run() {
    signals_.async_wait([this](beast::error_code ec, int) {
      if (!ec) Stop();
    });
    Accept();
    if (tick_) ScheduleTick();
    if (access_log_) ScheduleLogFlush();
    ScheduleReport();
    workers_.emplace(static_cast<size_t>(options_.threads));
    std::vector<std::thread> threads;
    for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    // Every request in flight held the io_context's work until its reply
    // was written: the workers have nothing left.
    workers_->join();
  }

  void Stop();

  bool stopping() const { return stopping_; }
  const HttpServerOptions& options() const { return options_; }
  const Handler& handler() const { return handler_; }
  asio::thread_pool& workers() { return *workers_; }
  asio::io_context& io_context() { return ioc_; }
  spdlog::logger* access_log() { return access_log_.get(); }
  ConnectionLimits& limits() { return limits_; }

  void Register(ConnectionLimits::Id id, const std::shared_ptr<Session>& s) {
    std::lock_guard lock(sessions_mu_);
    sessions_.emplace(id, s);
  }
  void Unregister(ConnectionLimits::Id id) {
    {
      std::lock_guard lock(sessions_mu_);
      sessions_.erase(id);
    }
    limits_.Remove(id);
  }

 private:
  void Accept();
  void Admit(tcp::socket socket);
  void RefuseBusyAddress(tcp::socket& socket);

  // What the limits did, told to the operator at most every 10 s: under a
  // flood a line per connection would drown the log.
  struct Counts {
    std::atomic<uint64_t> shed_header{0}, shed_body{0}, shed_stream{0}, over_address{0}, full{0};
  };
  void ScheduleReport() {
    report_timer_.expires_after(std::chrono::seconds(10));
    report_timer_.async_wait([this](beast::error_code ec) {
      if (ec || stopping_) return;
      Report();
      ScheduleReport();
    });
  }
  void Report() {
    const uint64_t header = counts_.shed_header.exchange(0), body = counts_.shed_body.exchange(0);
    const uint64_t streams = counts_.shed_stream.exchange(0);
    const uint64_t address = counts_.over_address.exchange(0), full = counts_.full.exchange(0);
    std::string last;
    {
      std::lock_guard lock(sessions_mu_);
      last.swap(last_over_address_);
    }
    if (header + body + streams > 0) {
      spdlog::warn("http: server full (--max-connections {}): closed {} connection(s) waiting for a "
                   "request header, {} waiting for a body and {} live stream(s), oldest first, in the last 10 s",
                   options_.max_connections, header, body, streams);
    }
    if (address > 0) {
      spdlog::warn("http: refused {} connection(s) over --max-connections-per-address {} in the last "
                   "10 s (answered 503; the last from {})",
                   address, options_.max_connections_per_address, last);
    }
    if (full > 0) {
      spdlog::warn("http: refused {} connection(s) in the last 10 s: all {} connections were busy "
                   "answering requests",
                   full, options_.max_connections);
    }
  }
  void ScheduleLogFlush() {
    flush_timer_.expires_after(std::chrono::milliseconds(500));
    flush_timer_.async_wait([this](beast::error_code ec) {
      access_log_->flush();
      if (!ec && !stopping_) ScheduleLogFlush();
    });
  }

  // The tick runs on a worker (it reads the store); the timer is armed
  // again on the control strand once it has run.
  void ScheduleTick() {
    tick_timer_.expires_after(tick_period_);
    tick_timer_.async_wait([this](beast::error_code ec) {
      if (ec || stopping_) return;
      asio::post(*workers_, [this, work = asio::make_work_guard(ioc_)] {
        tick_();
        asio::post(control_, [this] {
          if (!stopping_) ScheduleTick();
        });
      });
    });
  }

  HttpServerOptions options_;
  Handler handler_;
  asio::io_context ioc_;
  // The listening socket, the signals, the timers and Stop() run on this
  // strand: one at a time, whichever I/O thread runs them.
  asio::strand<asio::io_context::executor_type> control_{asio::make_strand(ioc_)};
  std::optional<asio::thread_pool> workers_;  // Made by Run().
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer tick_timer_;
  asio::steady_timer flush_timer_;
  asio::steady_timer report_timer_;
  asio::steady_timer accept_retry_{control_};
  std::chrono::milliseconds tick_period_{1000};
  Tick tick_;
  std::atomic<bool> stopping_{false};
  ConnectionLimits limits_;
  Counts counts_;
  std::mutex sessions_mu_;
  std::unordered_map<ConnectionLimits::Id, std::weak_ptr<Session>> sessions_;
  std::string last_over_address_;  // Under sessions_mu_.
  std::shared_ptr<spdlog::logger> access_log_;
};

// One connection: read a request, answer it, repeat while keep-alive.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session>, public StreamSink {
 public:
  Session(Impl& server, tcp::socket socket, ConnectionLimits::Id id, std::string peer)
      : server_(server),
        stream_(std::move(socket)),
        grace_(stream_.get_executor()),
        id_(id),
        peer_(std::move(peer)),
        accepted_(std::chrono::steady_clock::now()) {}

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Called when the server, full, chose this connection to make room: it is
  // closed unless its client delivered what it was waiting for meanwhile.
  void Shed() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->server_.limits().IsShed(self->id_)) self->Close();
    });
  }

  // Called on shutdown. A reply being written finishes, then the connection
  // closes (Read() sees stopping()). A connection waiting for a request gets a
  // short grace: bytes already on their way are read and answered, and only a
  // connection still idle after it is closed.
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->streaming_) return self->Close();  // A stream has no end of its own.
      if (self->reading_) self->CloseIfStillIdle();
    });
  }

  // StreamSink, for a streamed reply: safe from any thread.
  bool Send(std::shared_ptr<const std::string> bytes) override {
    if (!open_) return false;
    asio::post(stream_.get_executor(), [self = shared_from_this(), bytes = std::move(bytes)]() mutable {
      self->Enqueue(std::move(bytes));
    });
    return true;
  }
  bool open() const override { return open_; }

  ~Session() { server_.Unregister(id_); }

 private:
  void CloseIfStillIdle() {
    grace_.expires_after(std::chrono::milliseconds(250));
    grace_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->reading_) return;
      // A request begun is bounded by the header deadline.
      if (self->buffer_.size() > 0 || (self->parser_ && self->parser_->got_some())) return;
      self->Close();
    });
  }

  // Waits for the next request. Two deadlines: its first byte must come
  // within the idle timeout (a new connection's within the header timeout
  // too), and its whole header within the header timeout of that byte (a
  // new connection's: of the accept). One byte at a time does not move
  // either: a Beast stream's expiry is a point in time, not a per-read wait.
  void Read() {
    const auto& options = server_.options();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(options.max_header_bytes));
    // Beast checks a Content-Length against the body limit while it still
    // parses the header, before ReadBody can choose the request's own: the
    // header is read under the largest limit any request may have, and
    // ReadBody holds each request to its own.
    parser_->body_limit(std::max(options.max_body_bytes, options.max_upload_bytes));
    reading_ = true;
    server_.limits().SetPhase(id_, ConnectionLimits::Phase::kHeader);
    if (buffer_.size() > 0) {
      ReadHeader();  // Pipelined: the next request's bytes are already here.
    } else {
      stream_.expires_after(fresh_ ? std::min(options.idle_timeout, options.header_timeout)
                                   : options.idle_timeout);
      stream_.async_read_some(buffer_.prepare(beast::read_size(buffer_, 16 * 1024)),
                              [self = shared_from_this()](beast::error_code ec, size_t n) {
                                self->buffer_.commit(n);
                                if (ec) return self->OnHeader(ec);
                                self->ReadHeader();
                              });
    }
    // Stopping: a next request may already be on its way (sent as soon as
    // the last reply arrived); it is served, an idle connection is not kept.
    if (server_.stopping()) CloseIfStillIdle();
  }

  void ReadHeader() {
    const auto deadline = (fresh_ ? accepted_ : std::chrono::steady_clock::now()) +
                          server_.options().header_timeout;
    stream_.expires_at(deadline);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              self->OnHeader(ec);
                            });
  }

  void OnHeader(beast::error_code ec) {
    fresh_ = false;
    if (ec) {
      server_.limits().SetPhase(id_, ConnectionLimits::Phase::kBusy);
      reading_ = false;
      return OnRead(ec);
    }
    ReadBody();
  }

  // The header is in: uploads get their larger limit, then the body is read.
  void ReadBody() {
    const auto& req = parser_->get();
    const std::string& prefix = server_.options().upload_prefix;
    const bool upload = req.method() == http::verb::post && !prefix.empty() &&
                        req.target().substr(0, prefix.size()) == prefix;
    const uint64_t limit = upload ? server_.options().max_upload_bytes : server_.options().max_body_bytes;
    if (!PlainFraming(*parser_)) {
      server_.limits().SetPhase(id_, ConnectionLimits::Phase::kBusy);
      reading_ = false;
      return OnRead(http::error::bad_transfer_encoding);  // 400, and the connection closes.
    }
    // A declared length over the limit is refused before any of the body is
    // read; a chunked body is held to the limit as it arrives.
    const auto length = parser_->content_length();
    if (length && *length > limit) {
      server_.limits().SetPhase(id_, ConnectionLimits::Phase::kBusy);
      reading_ = false;
      return OnRead(http::error::body_limit);
    }
    parser_->body_limit(limit);
    const auto& options = server_.options();
    if (!parser_->is_done()) {
      server_.limits().SetPhase(id_, ConnectionLimits::Phase::kBody);
      const uint64_t rate = std::max<uint64_t>(1, options.body_bytes_per_second);
      stream_.expires_after(options.body_timeout + std::chrono::seconds(length.value_or(0) / rate));
    } else {
      server_.limits().SetPhase(id_, ConnectionLimits::Phase::kBusy);
    }
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->server_.limits().SetPhase(self->id_, ConnectionLimits::Phase::kBusy);
                       self->reading_ = false;
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::bad_descriptor) {
      return Close();
    }
    started_ = std::chrono::steady_clock::now();
    if (ec) {
      int status = ec == http::error::header_limit  ? 431
                   : ec == http::error::body_limit  ? 413
                                                    : 400;
      HttpReply reply;
      reply.status = status;
      reply.content_type = "text/plain; charset=utf-8";
      reply.body = std::make_shared<const std::string>(
          status == 431 ? "ترويسات الطلب أكبر من المسموح.\n"
          : status == 413 ? "حجم الطلب أكبر من المسموح.\n"
                          : "طلب غير صالح.\n");
      return Send(std::move(reply), http::verb::get, "-", 11, false);
    }
    const auto& req = parser_->get();
    HttpRequest request;
    request.method = req.method_string();
    request.target = req.target();
    if (auto it = req.find(http::field::accept_encoding); it != req.end()) {
      request.accept_encoding = it->value();
    }
    auto header = [&req](auto f) {
      auto it = req.find(f);
      return it == req.end() ? std::string_view() : std::string_view(it->value());
    };
    request.if_none_match = header(http::field::if_none_match);
    request.if_modified_since = header(http::field::if_modified_since);
    request.cookie = header(http::field::cookie);
    request.content_type = header(http::field::content_type);
    request.origin = header(http::field::origin);
    request.host = header(http::field::host);
    request.last_event_id = header("Last-Event-ID");
    request.user_agent = header(http::field::user_agent);
    request.body = req.body();
    request.remote = peer_;
    // The handler runs on a worker; the request's views point into parser_,
    // which stays as it is until the reply is written (nothing reads this
    // connection meanwhile). The work guard keeps the I/O threads running
    // until the reply is handed back to this connection's strand.
    asio::post(server_.workers(), [self = shared_from_this(), request = std::move(request),
                                   work = asio::make_work_guard(server_.io_context())]() mutable {
      HttpReply reply = self->Handle(request);
      asio::post(self->stream_.get_executor(), [self, reply = std::move(reply)]() mutable {
        const auto& req = self->parser_->get();
        self->Send(std::move(reply), req.method(), std::string(req.target()), req.version(),
                   req.keep_alive());
      });
    });
  }

  HttpReply Handle(const HttpRequest& request) {
    try {
      return server_.handler()(request);
    } catch (const std::exception& e) {
      spdlog::error("handler failed for {}: {}", LoggedTarget(std::string(request.target)), e.what());
      HttpReply reply;
      reply.status = 500;
      reply.content_type = "text/plain; charset=utf-8";
      reply.body = std::make_shared<const std::string>("خطأ في الخادم.\n");
      return reply;
    }
  }

  // The header fields every reply carries, and the reply's own.
  template <class Response>
  void SetHeader(Response& res, const HttpReply& reply, unsigned version) {
    res.result(static_cast<http::status>(reply.status));
    res.version(version);
    res.set(http::field::server, "Qalam");
    res.set(http::field::content_type, reply.content_type);
    if (!reply.etag.empty()) res.set(http::field::etag, reply.etag);
    if (reply.last_modified > 0) res.set(http::field::last_modified, FormatHttpDate(reply.last_modified));
    if (!reply.cache_control.empty()) res.set(http::field::cache_control, reply.cache_control);
    if (reply.gzip) res.set(http::field::content_encoding, "gzip");
    if (reply.vary_encoding) res.set(http::field::vary, "Accept-Encoding");
    for (const auto& [name, value] : reply.headers) res.insert(name, value);
    res.set("Content-Security-Policy", ContentSecurityPolicy());
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set("X-Frame-Options", "DENY");
    if (server_.options().https && server_.options().https()) {
      res.set(http::field::strict_transport_security, kStrictTransportSecurity);
    }
  }

  void LogRequest(http::verb method, const std::string& target, int status, size_t bytes) {
    if (auto* log = server_.access_log()) {
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started_)
                        .count();
      log->info("{} \"{} {}\" {} {} {}us", peer_, std::string(http::to_string(method)), LoggedTarget(target),
                status, bytes, micros);
    }
  }

  void Send(HttpReply reply, http::verb method, std::string target, unsigned version,
            bool keep_alive) {
    if (reply.stream && method == http::verb::get && !server_.stopping()) {
      return StartStream(std::move(reply), target, version);
    }
    using Body = http::span_body<const char>;
    body_hold_ = reply.body ? reply.body : std::make_shared<const std::string>();
    auto res = std::make_shared<http::response<Body>>();
    SetHeader(*res, reply, version);
    const bool close = !keep_alive || server_.stopping();
    res->keep_alive(!close);
    const bool no_body = method == http::verb::head || reply.status == 304 ||
                         reply.status == 204;
    if (no_body) {
      // HEAD keeps the length GET would have sent; 304 and 204 send none.
      if (reply.status != 304 && reply.status != 204) {
        res->set(http::field::content_length, std::to_string(body_hold_->size()));
      }
    } else {
      res->body() = Body::value_type(body_hold_->data(), body_hold_->size());
      res->prepare_payload();
    }
    LogRequest(method, target, reply.status, no_body ? 0 : body_hold_->size());
    stream_.expires_after(server_.options().idle_timeout);
    if (no_body) {
      auto sr = std::make_shared<http::response_serializer<Body>>(*res);
      http::async_write_header(stream_, *sr,
                               [self = shared_from_this(), res, sr, close](beast::error_code ec, size_t) {
                                 self->OnWrite(ec, close);
                               });
    } else {
      http::async_write(stream_, *res,
                        [self = shared_from_this(), res, close](beast::error_code ec, size_t) {
                          self->OnWrite(ec, close);
                        });
    }
  }

  void OnWrite(beast::error_code ec, bool close) {
    body_hold_.reset();
    if (ec || close) return Close();
    Read();
  }

  // A streamed reply: its header (chunked under HTTP/1.1; under 1.0 the
  // body ends with the connection), then the connection is handed over.
  // What the request left behind (its parser, a read buffer of up to 16 KB)
  // is let go: ten thousand open streams must cost little memory each.
  void StartStream(HttpReply reply, const std::string& target, unsigned version) {
    streaming_ = true;
    chunked_ = version >= 11;
    auto res = std::make_shared<http::response<http::empty_body>>();
    SetHeader(*res, reply, version);
    if (chunked_) {
      res->chunked(true);
    } else {
      res->keep_alive(false);
    }
    LogRequest(http::verb::get, target, reply.status, 0);
    parser_.reset();
    buffer_ = beast::flat_buffer();
    server_.limits().SetPhase(id_, ConnectionLimits::Phase::kStream);
    auto sr = std::make_shared<http::response_serializer<http::empty_body>>(*res);
    stream_.expires_after(kStreamWriteTimeout);
    http::async_write_header(
        stream_, *sr,
        [self = shared_from_this(), res, sr, first = std::move(reply.body),
         attach = std::move(reply.stream)](beast::error_code ec, size_t) mutable {
          self->stream_.expires_never();
          if (ec) return self->Close();
          if (first && !first->empty()) self->Enqueue(std::move(first));
          self->WatchForClose();
          attach(self);
        });
  }

  // Nothing is read from a stream: its client closing it (or sending
  // anything at all) ends it.
  void WatchForClose() {
    stream_.socket().async_read_some(asio::buffer(watch_byte_),
                                     [self = shared_from_this()](beast::error_code, size_t) { self->Close(); });
  }

  void Enqueue(std::shared_ptr<const std::string> bytes) {
    if (!open_ || !bytes || bytes->empty()) return;
    queued_bytes_ += bytes->size();
    if (queued_bytes_ > kMaxStreamQueueBytes) return Close();  // It does not read: let it go.
    queue_.push_back(std::move(bytes));
    if (!writing_) WriteNext();
  }

  // One queued piece at a time, as an HTTP/1.1 chunk; each write must
  // finish within kStreamWriteTimeout or the connection is closed.
  void WriteNext() {
    if (queue_.empty() || !open_) {
      writing_ = false;
      return;
    }
    writing_ = true;
    const std::string& bytes = *queue_.front();
    std::vector<asio::const_buffer> buffers;
    if (chunked_) {
      char head[24];
      const int n = std::snprintf(head, sizeof head, "%zx\r\n", bytes.size());
      chunk_head_.assign(head, static_cast<size_t>(n));
      buffers.push_back(asio::buffer(chunk_head_));
    }
    buffers.push_back(asio::buffer(bytes));
    if (chunked_) buffers.push_back(asio::buffer("\r\n", 2));
    stream_.expires_after(kStreamWriteTimeout);
    asio::async_write(stream_, buffers, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->stream_.expires_never();
      self->queued_bytes_ -= self->queue_.front()->size();
      self->queue_.pop_front();
      if (ec) return self->Close();
      self->WriteNext();
    });
  }

  void Close() {
    open_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  Impl& server_;
  beast::tcp_stream stream_;
  asio::steady_timer grace_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const std::string> body_hold_;
  const ConnectionLimits::Id id_;
  const std::string peer_;
  const std::chrono::steady_clock::time_point accepted_;
  std::chrono::steady_clock::time_point started_;
  bool reading_ = false;
  bool fresh_ = true;  // No request read yet: the header deadline counts from the accept.
  // A streamed reply (StartStream): what waits to be written, on the strand.
  static constexpr auto kStreamWriteTimeout = std::chrono::seconds(30);
  static constexpr size_t kMaxStreamQueueBytes = 1 << 20;
  std::atomic<bool> open_{true};
  bool streaming_ = false, chunked_ = false, writing_ = false;
  std::deque<std::shared_ptr<const std::string>> queue_;
  size_t queued_bytes_ = 0;
  std::string chunk_head_;
  char watch_byte_[1];
};

void HttpServer::Impl::Stop() {
  asio::post(control_, [this] {
    if (stopping_.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);
    tick_timer_.cancel();
    flush_timer_.cancel();
    report_timer_.cancel();
    accept_retry_.cancel();
    // Take the sessions out under the lock, but let go of them outside it:
    // the last reference to a session may be ours, and its destructor locks.
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(sessions_mu_);
      for (const auto& [id, weak] : sessions_) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (const auto& s : live) s->Shutdown();
  });
}

void HttpServer::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping_ || !acceptor_.is_open()) return;
    if (!ec) {
      Admit(std::move(socket));
      // Under a flood of connections (one address reconnecting as fast as
      // it is refused), one event-loop round per accept fell behind: the
      // listen backlog filled and a reader's SYN was dropped, retried a
      // second later. Take what is queued now, a batch at a time.
      for (int i = 0; i < 256 && !stopping_; ++i) {
        tcp::socket next(asio::make_strand(ioc_));
        beast::error_code queued_ec;
        acceptor_.accept(next, queued_ec);  // Non-blocking: would_block when none is queued.
        if (queued_ec) break;  // Other errors are the async accept's to handle.
        Admit(std::move(next));
      }
    } else if (ec != asio::error::operation_aborted) {
      // Out of file descriptors, most likely: wait a little instead of
      // spinning on an accept that fails at once.
      accept_retry_.expires_after(std::chrono::milliseconds(100));
      accept_retry_.async_wait([this](beast::error_code wait_ec) {
        if (!wait_ec && !stopping_) Accept();
      });
      return;
    }
    Accept();
  });
}

void HttpServer::Impl::Admit(tcp::socket socket) {
  beast::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // Gone already; the socket closes with this scope.
  std::string peer = remote.address().to_string();
  ConnectionLimits::Admission admission = limits_.Admit(ClientAddressKey(peer));
  switch (admission.verdict) {
    case ConnectionLimits::Verdict::kOverAddressLimit: {
      ++counts_.over_address;
      {
        std::lock_guard lock(sessions_mu_);
        last_over_address_ = peer;
      }
      RefuseBusyAddress(socket);
      return;
    }
    case ConnectionLimits::Verdict::kFull:
      ++counts_.full;
      socket.close(ec);  // Every connection is being answered: refuse rather than queue.
      return;
    case ConnectionLimits::Verdict::kAdmit:
      break;
  }
  if (admission.shed != 0) {
    ++(admission.shed_phase == ConnectionLimits::Phase::kBody     ? counts_.shed_body
       : admission.shed_phase == ConnectionLimits::Phase::kStream ? counts_.shed_stream
                                                                  : counts_.shed_header);
    std::shared_ptr<Session> victim;
    {
      std::lock_guard lock(sessions_mu_);
      if (auto it = sessions_.find(admission.shed); it != sessions_.end()) victim = it->second.lock();
    }
    if (victim) victim->Shed();
  }
  auto session = std::make_shared<Session>(*this, std::move(socket), admission.id, std::move(peer));
  Register(admission.id, session);
  session->Start();
}

// Best effort, without blocking the accept loop: the reply fits in the
// socket's send buffer; bytes the client already sent are read first, so
// that the close sends a FIN, not a reset that could discard the reply.
void HttpServer::Impl::RefuseBusyAddress(tcp::socket& socket) {
  beast::error_code ec;
  socket.non_blocking(true, ec);
  char drain[4096];
  socket.read_some(asio::buffer(drain), ec);
  socket.write_some(asio::buffer(BusyAddressReply(options_.https && options_.https())), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
void HttpServer::SetTick(std::chrono::milliseconds period, Tick tick) {
  impl_->SetTick(period, std::move(tick));
}
Status HttpServer::Listen(std::string* bound) { return impl_->Listen(bound); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace qalam
