// ConnectionLimits: which connections the HTTP server holds, and which one
// it lets go when it is full. Pure bookkeeping, no sockets: the server asks
// it on every accept and tells it each connection's phase.
//
// - At most `max_per_address` connections per client address (0: no
//   limit). Behind a reverse proxy or CDN every connection comes from the
//   proxy's address, so there the limit must be raised or turned off.
//   IPv6 clients are counted per /64 (one subscriber's usual prefix), an
//   IPv4-mapped IPv6 address as its IPv4 address.
// - At `max_connections`, a new connection sheds an old one instead of
//   being refused: the one that has waited longest for a request header
//   (an idle keep-alive connection, or a slowloris), else the one that has
//   waited longest for a body, else the oldest open stream (a reader's
//   /live, whose browser reconnects by itself). A connection being answered (its request
//   complete, its handler running or its reply being written) is never
//   shed; only when every connection is such is the new one refused.
//
// Thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace qalam {

// The key a connection from `address` (as text, v4 or v6) is counted under.
std::string ClientAddressKey(const std::string& address);

class ConnectionLimits {
 public:
  using Id = uint64_t;
  enum class Phase { kBusy, kHeader, kBody, kStream };
  enum class Verdict { kAdmit, kOverAddressLimit, kFull };
  struct Admission {
    Verdict verdict = Verdict::kAdmit;
    Id id = 0;      // The new connection's, when admitted.
    Id shed = 0;    // A connection to close to make room for it; 0: none.
    Phase shed_phase = Phase::kBusy;  // What the shed one was waiting for.
  };

  ConnectionLimits(size_t max_connections, size_t max_per_address)
      : max_connections_(max_connections), max_per_address_(max_per_address) {}

  // A new connection from `key` (ClientAddressKey). An admitted one waits
  // for its header from now (kHeader, at the back of the line); the caller
  // must Remove() each admitted id exactly once.
  Admission Admit(const std::string& key);
  // The connection starts (or stops) waiting for its client; the phase it
  // is in already changes nothing (its place in the line is kept). A
  // connection marked shed that reaches another phase is no longer shed:
  // its client got there first.
  void SetPhase(Id id, Phase phase);
  // Whether `id` was chosen to be shed and has not moved on since: the
  // caller closes it only then (checked on the connection's own thread).
  bool IsShed(Id id) const;
  void Remove(Id id);

  size_t open() const;
  size_t open_from(const std::string& key) const;

 private:
  struct Entry {
    std::string key;
    Phase phase = Phase::kBusy;
    bool shed = false;
    std::list<Id>::iterator in_line;  // In its phase's line while waiting or streaming.
  };
  std::list<Id>* Line(Phase phase);
  void Leave(Entry& e);

  const size_t max_connections_, max_per_address_;
  mutable std::mutex mu_;
  Id next_id_ = 1;
  std::unordered_map<Id, Entry> entries_;
  std::unordered_map<std::string, size_t> per_address_;
  // Waiting connections, oldest wait first (each joins at the back).
  std::list<Id> header_line_, body_line_;
  std::list<Id> stream_line_;  // Open streams, oldest first.
};

}  // namespace qalam
