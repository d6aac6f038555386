// SqliteStore's accounts: users and roles (the last active admin is kept),
// one-time links, sessions, sign-in lock-out and the audit log.
#include "store/sqlite_store_impl.h"

#include <algorithm>

namespace qalam::sqlite_store_internal {

template <typename BindFn>
Status SqliteStore::GetUser(const char* sql, BindFn bind, User* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, sql);
    bind(q);
    if (!q.Step()) return Status::NotFound("no such user");
    User u;
    u.id = q.Int(0);
    u.email = q.Text(1);
    u.name = q.Text(2);
    ParseRole(q.Text(3), &u.role);
    u.password_hash = q.Text(4);
    u.created_at = q.Int(5);
    u.disabled = q.Int(6) != 0;
    *out = std::move(u);
    return Status::Ok();
  });
}

Status SqliteStore::CreateUser(User* user) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    {
      Stmt q(*conn, "SELECT id FROM users WHERE email = ?1");
      q.Bind(1, user->email);
      if (q.Step()) return Status::Conflict("an account with email " + user->email + " exists");
    }
    if (user->created_at == 0) user->created_at = clock_();
    Stmt q(*conn,
           "INSERT INTO users(email, name, role, password_hash, created_at, disabled) "
           "VALUES(?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
    q.Bind(1, user->email).Bind(2, user->name).Bind(3, ToString(user->role))
        .Bind(4, user->password_hash).Bind(5, user->created_at).Bind(6, user->disabled ? 1 : 0);
    q.Step();
    user->id = q.Int(0);
    q.Run();
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::GetUserByEmail(const std::string& email, User* out) {
  return GetUser("SELECT id, email, name, role, password_hash, created_at, disabled FROM users "
                 "WHERE email = ?1", [&](Stmt& q) { q.Bind(1, email); }, out);
}

Status SqliteStore::GetUserById(Id id, User* out) {
  return GetUser("SELECT id, email, name, role, password_hash, created_at, disabled FROM users "
                 "WHERE id = ?1", [&](Stmt& q) { q.Bind(1, id); }, out);
}

Status SqliteStore::CountUsers(int64_t* count) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT count(*) FROM users");
    q.Step();
    *count = q.Int(0);
    return Status::Ok();
  });
}

Status SqliteStore::ListUsers(std::vector<User>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn, "SELECT id, email, name, role, password_hash, created_at, disabled FROM users ORDER BY id");
    while (q.Step()) {
      User u;
      u.id = q.Int(0);
      u.email = q.Text(1);
      u.name = q.Text(2);
      ParseRole(q.Text(3), &u.role);
      u.password_hash = q.Text(4);
      u.created_at = q.Int(5);
      u.disabled = q.Int(6) != 0;
      out->push_back(std::move(u));
    }
    return Status::Ok();
  });
}

Status SqliteStore::CountActiveAdmins(int64_t* count) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0");
    q.Step();
    *count = q.Int(0);
    return Status::Ok();
  });
}

// The last-admin rule is checked after the change, in its transaction: the
// change is undone when no active admin is left. SQLite's single writer
// serializes two such changes; a backend that lets them run together must
// lock the active admins' rows first (PostgreSQL: SELECT … FOR UPDATE), or
// two admins removing each other would each still see the other.
bool SqliteStore::ActiveAdminLeft(Connection& conn) {
  Stmt q(conn, "SELECT EXISTS(SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0)");
  return q.Step() && q.Int(0) != 0;
}

bool SqliteStore::IsActiveAdmin(Connection& conn, Id user_id, bool* exists) {
  Stmt q(conn, "SELECT role = 'admin' AND disabled = 0 FROM users WHERE id = ?1");
  q.Bind(1, user_id);
  *exists = q.Step();
  return *exists && q.Int(0) != 0;
}

Status SqliteStore::UpdateUserRole(Id user_id, Role role) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    bool exists = false;
    const bool was_active_admin = IsActiveAdmin(*conn, user_id, &exists);
    if (!exists) return Status::NotFound("no such user");
    Stmt(*conn, "UPDATE users SET role = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, ToString(role)).Run();
    if (was_active_admin && !ActiveAdminLeft(*conn)) {
      return Status::Conflict("the last active admin keeps the admin role");
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::SetUserDisabled(Id user_id, bool disabled) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    bool exists = false;
    const bool was_active_admin = IsActiveAdmin(*conn, user_id, &exists);
    if (!exists) return Status::NotFound("no such user");
    Stmt(*conn, "UPDATE users SET disabled = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, disabled ? 1 : 0).Run();
    if (was_active_admin && !ActiveAdminLeft(*conn)) {
      return Status::Conflict("the last active admin cannot be disabled");
    }
    if (disabled) {
      Stmt(*conn, "DELETE FROM sessions WHERE user_id = ?1").Bind(1, user_id).Run();
      Stmt(*conn, "DELETE FROM one_time_tokens WHERE user_id = ?1").Bind(1, user_id).Run();
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::DeleteUserOneTimeTokens(Id user_id, const std::string& purpose) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "DELETE FROM one_time_tokens WHERE user_id = ?1 AND purpose = ?2")
        .Bind(1, user_id).Bind(2, purpose).Run();
    return Status::Ok();
  });
}

Status SqliteStore::SetPasswordHash(Id user_id, const std::string& hash) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    Stmt(*conn, "UPDATE users SET password_hash = ?2 WHERE id = ?1").Bind(1, user_id).Bind(2, hash).Run();
    if (sqlite3_changes(conn->handle()) == 0) return Status::NotFound("no such user");
    Stmt(*conn, "DELETE FROM sessions WHERE user_id = ?1").Bind(1, user_id).Run();
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::SaveOneTimeToken(const std::string& digest, const std::string& purpose, Id user_id,
                                     int64_t expires_at) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn,
         "INSERT INTO one_time_tokens(token_digest, purpose, user_id, expires_at) "
         "VALUES(?1, ?2, ?3, ?4)")
        .Bind(1, digest).Bind(2, purpose).BindId(3, user_id).Bind(4, expires_at).Run();
    Stmt(*conn, "DELETE FROM one_time_tokens WHERE expires_at < ?1").Bind(1, clock_() - 86400).Run();
    return Status::Ok();
  });
}

Status SqliteStore::ConsumeOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                                        Id* user_id) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "DELETE FROM one_time_tokens WHERE token_digest = ?1 AND purpose = ?2 "
           "AND expires_at > ?3 RETURNING coalesce(user_id, 0)");
    q.Bind(1, digest).Bind(2, purpose).Bind(3, now);
    if (!q.Step()) return Status::NotFound("unknown or expired link");
    *user_id = q.Int(0);
    q.Run();
    return Status::Ok();
  });
}

Status SqliteStore::PeekOneTimeToken(const std::string& digest, const std::string& purpose, int64_t now,
                                     Id* user_id) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT coalesce(user_id, 0) FROM one_time_tokens WHERE token_digest = ?1 "
           "AND purpose = ?2 AND expires_at > ?3");
    q.Bind(1, digest).Bind(2, purpose).Bind(3, now);
    if (!q.Step()) return Status::NotFound("unknown or expired link");
    *user_id = q.Int(0);
    return Status::Ok();
  });
}

Status SqliteStore::CreateSession(const Session& session) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn,
         "INSERT INTO sessions(token_digest, user_id, csrf, created_at, expires_at) "
         "VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(1, session.token_digest).Bind(2, session.user_id).Bind(3, session.csrf)
        .Bind(4, session.created_at).Bind(5, session.expires_at).Run();
    Stmt(*conn, "DELETE FROM sessions WHERE expires_at < ?1").Bind(1, session.created_at).Run();
    return Status::Ok();
  });
}

Status SqliteStore::GetSession(const std::string& digest, int64_t now, Session* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn,
           "SELECT s.user_id, s.csrf, s.created_at, s.expires_at FROM sessions s "
           "JOIN users u ON u.id = s.user_id AND u.disabled = 0 "
           "WHERE s.token_digest = ?1 AND s.expires_at > ?2");
    q.Bind(1, digest).Bind(2, now);
    if (!q.Step()) return Status::NotFound("no such session");
    *out = Session{digest, q.Int(0), q.Text(1), q.Int(2), q.Int(3)};
    return Status::Ok();
  });
}

Status SqliteStore::DeleteSession(const std::string& digest) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "DELETE FROM sessions WHERE token_digest = ?1").Bind(1, digest).Run();
    return Status::Ok();
  });
}

Status SqliteStore::RecordLoginFailure(const std::string& key, int64_t now, const LoginLimit& limit,
                                       int64_t* failures, int64_t* locked_until) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    int64_t count = 0, start = now;
    {
      Stmt q(*conn, "SELECT failures, window_start, locked_until FROM login_failures WHERE key = ?1");
      q.Bind(1, key);
      if (q.Step() && (q.Int(1) > now - limit.window || q.Int(2) > now - limit.window)) {
        count = q.Int(0);
        start = q.Int(1);
      }
    }
    ++count;
    *locked_until = 0;
    if (count >= limit.max) {
      // Doubling stops at the cap long before the shift could overflow.
      const int64_t rounds = std::min<int64_t>(count - limit.max, 40);
      int64_t lock = limit.lock_for;
      for (int64_t i = 0; i < rounds && lock < limit.max_lock; ++i) lock *= 2;
      *locked_until = now + std::min(lock, limit.max_lock);
    }
    *failures = count;
    Stmt(*conn,
         "INSERT INTO login_failures(key, failures, window_start, locked_until) "
         "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
         "window_start = excluded.window_start, locked_until = excluded.locked_until")
        .Bind(1, key).Bind(2, count).Bind(3, start).Bind(4, *locked_until).Run();
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::GetLoginLock(const std::string& key, int64_t now, int64_t* locked_until) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt q(*conn, "SELECT locked_until FROM login_failures WHERE key = ?1");
    q.Bind(1, key);
    *locked_until = q.Step() && q.Int(0) > now ? q.Int(0) : 0;
    return Status::Ok();
  });
}

Status SqliteStore::ClearLoginFailures(const std::string& key) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "DELETE FROM login_failures WHERE key = ?1").Bind(1, key).Run();
    return Status::Ok();
  });
}

Status SqliteStore::ClearLoginFailuresWithPrefix(const std::string& prefix, int64_t now, int64_t* cleared) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    sqlite::Transaction tx(*conn);
    // substr rather than LIKE: an email may hold % or _.
    {
      Stmt q(*conn, "SELECT count(*) FROM login_failures WHERE substr(key, 1, length(?1)) = ?1 AND locked_until > ?2");
      q.Bind(1, prefix).Bind(2, now);
      *cleared = q.Step() ? q.Int(0) : 0;
    }
    Stmt(*conn, "DELETE FROM login_failures WHERE substr(key, 1, length(?1)) = ?1").Bind(1, prefix).Run();
    tx.Commit();
    return Status::Ok();
  });
}

Status SqliteStore::AppendAudit(const AuditEntry& e) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    Stmt(*conn, "INSERT INTO audit_log(at, user_id, action, target, detail) VALUES(?1, ?2, ?3, ?4, ?5)")
        .Bind(1, e.at ? e.at : clock_()).BindId(2, e.user_id).Bind(3, e.action).Bind(4, e.target)
        .Bind(5, e.detail).Run();
    return Status::Ok();
  });
}

Status SqliteStore::ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) {
  return Guard([&] {
    auto conn = pool_.Acquire();
    out->clear();
    Stmt q(*conn,
           "SELECT l.id, l.at, coalesce(l.user_id, 0), coalesce(u.name, ''), l.action, l.target, "
           "l.detail FROM audit_log l LEFT JOIN users u ON u.id = l.user_id "
           "ORDER BY l.at DESC, l.id DESC LIMIT ?1 OFFSET ?2");
    q.Bind(1, limit).Bind(2, offset);
    while (q.Step()) {
      out->push_back(AuditEntry{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6)});
    }
    return Status::Ok();
  });
}

}  // namespace qalam::sqlite_store_internal
