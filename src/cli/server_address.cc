#include "cli/server_address.h"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/text.h"

namespace qalam::cli {

namespace {

std::filesystem::path FileIn(const std::string& data_dir) {
  return std::filesystem::path(data_dir) / "server-address";
}

}  // namespace

std::string LocalAddress(const std::string& bound) {
  const size_t colon = bound.rfind(':');
  if (colon == std::string::npos) return bound;
  const std::string host = bound.substr(0, colon), port = bound.substr(colon);
  if (host == "0.0.0.0") return "127.0.0.1" + port;
  if (host == "::" || host == "[::]") return "[::1]" + port;
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + host + "]" + port;
  return bound;
}

void WriteServerAddress(const std::string& data_dir, const std::string& origin) {
  const std::filesystem::path file = FileIn(data_dir), temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << origin << "\n";
    if (!out) return;  // A read-only site still serves; links fall back to site_url.
  }
  std::error_code ec;
  std::filesystem::rename(temp, file, ec);
}

void RemoveServerAddress(const std::string& data_dir, const std::string& origin) {
  if (ServerAddress(data_dir) != origin) return;
  std::error_code ec;
  std::filesystem::remove(FileIn(data_dir), ec);
}

std::string ServerAddress(const std::string& data_dir) {
  std::ifstream in(FileIn(data_dir));
  std::string line;
  if (!std::getline(in, line)) return "";
  line = Trim(line);
  return line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0 ? line : "";
}

}  // namespace qalam::cli
