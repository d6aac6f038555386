#include "web/connection_limits.h"

#include <boost/asio/ip/address.hpp>

namespace qalam {

std::string ClientAddressKey(const std::string& address) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(address, ec);
  if (ec) return address;
  if (a.is_v4()) return a.to_string();
  auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  // One subscriber usually holds a whole /64: counting its addresses one by
  // one would let one client have 2^64 limits.
  auto bytes = v6.to_bytes();
  for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

std::list<ConnectionLimits::Id>* ConnectionLimits::Line(Phase phase) {
  switch (phase) {
    case Phase::kHeader: return &header_line_;
    case Phase::kBody: return &body_line_;
    case Phase::kStream: return &stream_line_;
    case Phase::kBusy: break;
  }
  return nullptr;
}

void ConnectionLimits::Leave(Entry& e) {
  if (auto* line = Line(e.phase); line && !e.shed) line->erase(e.in_line);
  e.phase = Phase::kBusy;
  e.shed = false;
}

ConnectionLimits::Admission ConnectionLimits::Admit(const std::string& key) {
  Admission a;
  std::lock_guard lock(mu_);
  auto count = per_address_.find(key);
  if (max_per_address_ > 0 && count != per_address_.end() && count->second >= max_per_address_) {
    a.verdict = Verdict::kOverAddressLimit;
    return a;
  }
  if (entries_.size() >= max_connections_) {
    std::list<Id>* line = !header_line_.empty()   ? &header_line_
                          : !body_line_.empty()   ? &body_line_
                          : !stream_line_.empty() ? &stream_line_
                                                  : nullptr;
    if (!line) {
      a.verdict = Verdict::kFull;
      return a;
    }
    a.shed = line->front();
    line->pop_front();
    Entry& victim = entries_.at(a.shed);
    a.shed_phase = victim.phase;
    victim.shed = true;  // Out of its line; stays counted until Remove().
  }
  a.id = next_id_++;
  Entry& e = entries_[a.id];
  e.key = key;
  e.phase = Phase::kHeader;
  e.in_line = header_line_.insert(header_line_.end(), a.id);
  ++per_address_[key];
  return a;
}

void ConnectionLimits::SetPhase(Id id, Phase phase) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  if (e.phase == phase) return;
  Leave(e);
  e.phase = phase;
  if (auto* line = Line(phase)) e.in_line = line->insert(line->end(), id);
}

bool ConnectionLimits::IsShed(Id id) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  return it != entries_.end() && it->second.shed;
}

void ConnectionLimits::Remove(Id id) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  Leave(it->second);
  auto count = per_address_.find(it->second.key);
  if (count != per_address_.end() && --count->second == 0) per_address_.erase(count);
  entries_.erase(it);
}

size_t ConnectionLimits::open() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

size_t ConnectionLimits::open_from(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = per_address_.find(key);
  return it == per_address_.end() ? 0 : it->second;
}

}  // namespace qalam
