// HttpServer: HTTP/1.1 over Boost.Beast. Keep-alive; I/O threads sharing
// one io_context read requests and write replies, and never run the
// handler: it runs on a pool of worker threads, so that a slow answer (a
// render, a password hash, an image, a wait on another request's render)
// never holds up reading, writing or accepting other connections; limits on header size, body size, idle time,
// the time a header and a body may take to arrive, open connections in all
// and per client address (web/connection_limits.h: a full server sheds the
// connection waiting longest for its client rather than refuse a new one);
// HEAD; security headers on every reply (HSTS when the site is https); an
// access log line per request.
// SIGTERM and SIGINT stop accepting, let requests in flight finish, close
// idle connections, and return from Run().
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "web/http_types.h"

namespace qalam {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (see Listen's out parameter).
  int threads = 0;       // Worker threads running the handler (and the tick); 0: one per core.
  int io_threads = 0;    // Threads reading and writing; 0: one per core.
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 1024 * 1024;
  // POSTs to paths starting with upload_prefix (the desk's media uploads)
  // may carry up to max_upload_bytes; the limit is chosen once the header is read.
  std::string upload_prefix = "/admin/media";
  size_t max_upload_bytes = 16 * 1024 * 1024;
  // A keep-alive connection may wait this long for its next request's
  // first byte.
  std::chrono::seconds idle_timeout{30};
  // A request's header must be complete this long after its first byte (on
  // a new connection: after the accept, whose first byte must also come
  // within the idle timeout if that is shorter).
  std::chrono::seconds header_timeout{10};
  // A body must be complete this long after its header, plus a second for
  // every body_bytes_per_second its Content-Length declares (a large upload
  // on a slow line gets the time it needs at that rate, no more).
  std::chrono::seconds body_timeout{60};
  size_t body_bytes_per_second = 32 * 1024;
  size_t max_connections = 10000;
  // Open connections from one client address (an IPv6 /64); 0: no limit.
  // Behind a reverse proxy or CDN every connection is the proxy's: raise it
  // there, or turn it off.
  size_t max_connections_per_address = 100;
  std::string access_log = "-";  // A file path, "-" for standard output, "off".
  // Whether the site is served over https (its site_url says so), asked for
  // every reply: then each one, the server's own 400, 413, 431 and 503 too,
  // carries Strict-Transport-Security (one year, no preload). Unset: never.
  std::function<bool()> https;
};

class HttpServer {
 public:
  using Handler = std::function<HttpReply(const HttpRequest&)>;
  // Work to run every `period` on a worker thread while the server runs
  // (never two at once: the next period starts when a run ends).
  using Tick = std::function<void()>;

  HttpServer(HttpServerOptions options, Handler handler);
  ~HttpServer();

  void SetTick(std::chrono::milliseconds period, Tick tick);
  // Binds the listening socket; *bound gets "host:port" as bound.
  Status Listen(std::string* bound);
  // Serves until a signal or Stop(); returns when every connection is closed.
  void Run();
  // Graceful stop, as for SIGTERM; safe from any thread.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qalam
