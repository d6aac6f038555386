// Fetching an image of an old site by its address (`qalam import
// --fetch-media`): HTTP/1.1 through Boost.Beast, https through OpenSSL with
// the system's certificate store, redirects followed (five at most), a
// deadline and a size limit, so a dead or hostile server cannot stall or
// flood the import.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>

#include "cli/commands.h"

namespace qalam::cli {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr size_t kMaxImageBytes = 32 * 1024 * 1024;
constexpr auto kDeadline = std::chrono::seconds(30);

struct Url {
  bool https = false;
  std::string host, port, target;
};

bool ParseUrl(const std::string& url, Url* out) {
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    out->https = true;
    rest = url.substr(8);
  } else {
    return false;
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  out->target = slash == std::string::npos ? "/" : rest.substr(slash);
  if (size_t hash = out->target.find('#'); hash != std::string::npos) out->target.resize(hash);
  if (authority.empty() || authority.find('@') != std::string::npos) return false;
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    out->host = authority.substr(0, colon);
    out->port = authority.substr(colon + 1);
  } else {
    out->host = authority;
    out->port = out->https ? "443" : "80";
  }
  // Raw UTF-8 in a path (WordPress stores some file names so) goes out encoded.
  std::string encoded;
  for (unsigned char c : out->target) {
    if (c >= 0x80 || c == ' ') {
      static const char* kHex = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    } else {
      encoded += static_cast<char>(c);
    }
  }
  out->target = encoded;
  return !out->host.empty();
}

template <typename Stream>
Status Exchange(Stream& stream, const Url& url, http::response_parser<http::string_body>* parser) {
  http::request<http::empty_body> req{http::verb::get, url.target, 11};
  req.set(http::field::host, url.host);
  req.set(http::field::user_agent, "qalam-import");
  req.set(http::field::accept, "image/*");
  http::write(stream, req);
  beast::flat_buffer buffer;
  parser->body_limit(kMaxImageBytes);
  http::read(stream, buffer, *parser);
  return Status::Ok();
}

}  // namespace

Status FetchImage(const std::string& address, std::string* bytes) {
  std::string current = address;
  for (int hop = 0; hop < 6; ++hop) {
    Url url;
    if (!ParseUrl(current, &url)) return Status::Invalid("not an http(s) address: " + current);
    http::response_parser<http::string_body> parser;
    try {
      net::io_context io;
      tcp::resolver resolver(io);
      auto endpoints = resolver.resolve(url.host, url.port);
      if (url.https) {
        net::ssl::context ctx(net::ssl::context::tls_client);
        ctx.set_default_verify_paths();
        ctx.set_verify_mode(net::ssl::verify_peer);
        beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
          return Status::Io("cannot set the TLS server name for " + url.host);
        }
        stream.set_verify_callback(net::ssl::host_name_verification(url.host));
        beast::get_lowest_layer(stream).expires_after(kDeadline);
        beast::get_lowest_layer(stream).connect(endpoints);
        stream.handshake(net::ssl::stream_base::client);
        if (Status st = Exchange(stream, url, &parser); !st.ok()) return st;
      } else {
        beast::tcp_stream stream(io);
        stream.expires_after(kDeadline);
        stream.connect(endpoints);
        if (Status st = Exchange(stream, url, &parser); !st.ok()) return st;
      }
    } catch (const std::exception& e) {
      return Status::Io(current + ": " + e.what());
    }
    const auto& res = parser.get();
    const unsigned code = res.result_int();
    if (code >= 300 && code < 400 && res.count(http::field::location)) {
      std::string location(res[http::field::location]);
      if (!location.empty() && location[0] == '/') {
        location = (url.https ? "https://" : "http://") + url.host +
                   (url.port == (url.https ? "443" : "80") ? "" : ":" + url.port) + location;
      }
      current = location;
      continue;
    }
    if (code != 200) return Status::NotFound(current + ": HTTP " + std::to_string(code));
    *bytes = res.body();
    return Status::Ok();
  }
  return Status::Io(address + ": too many redirects");
}

}  // namespace qalam::cli
