// Newsroom accounts: users, their sessions, one-time tokens and the audit
// log. Secrets (passwords, session and link tokens) are never stored: only
// argon2id hashes of passwords and BLAKE2b digests of tokens.
#pragma once
#include <cstdint>
#include <string>

#include "core/model.h"
#include "core/roles.h"

namespace qalam {

struct User {
  Id id = 0;
  std::string email;  // Lower-cased; unique.
  std::string name;
  Role role = Role::kWriter;
  std::string password_hash;  // Empty until the user sets a password.
  int64_t created_at = 0;
  bool disabled = false;
};

struct Session {
  std::string token_digest;  // Of the cookie's token.
  Id user_id = 0;
  std::string csrf;          // The session's anti-forgery token (sent in forms).
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// How failed sign-ins for one key lock it (Store::RecordLoginFailure).
struct LoginLimit {
  int64_t window = 0;    // Seconds within which failures count together.
  int64_t max = 0;       // The failure that first locks.
  int64_t lock_for = 0;  // The first lock; each later failure doubles it…
  int64_t max_lock = 0;  // …up to this.
};

struct AuditEntry {
  Id id = 0;
  int64_t at = 0;
  Id user_id = 0;          // Who; 0 for the command line.
  std::string user_name;   // Filled when read.
  std::string action;      // "login", "logout", "user.add", "password.set", …
  std::string target;      // What it acted on ("user:3").
  std::string detail;
};

}  // namespace qalam
