// Where a running `qalam serve` answers, for the links other commands print.
// `qalam serve` writes its origin to DIR/server-address once it listens and
// removes it when it stops; `qalam user add` reads it while the site's
// site_url is still the default (Settings::LinkOrigin), so the one-time link
// it prints opens on the port the server really has. A server killed without
// stopping leaves the file behind; the next one overwrites it.
#pragma once
#include <string>

namespace qalam::cli {

// "127.0.0.1:8081" as the server bound it → "127.0.0.1:8081"; a wildcard
// host ("0.0.0.0", "::") as the loopback address a local browser can open.
std::string LocalAddress(const std::string& bound);

void WriteServerAddress(const std::string& data_dir, const std::string& origin);
// Removes the file only if it still names `origin` (another server may have
// taken the site over).
void RemoveServerAddress(const std::string& data_dir, const std::string& origin);
// The origin a running server wrote; empty when none.
std::string ServerAddress(const std::string& data_dir);

}  // namespace qalam::cli
