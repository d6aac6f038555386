// Newsroom accounts: creating them with one-time links, passwords (argon2id
// through libsodium), sign-in with lock-out, sessions and the audit trail.
// Messages in Status are Arabic, fit to show on the desk. The functions
// serve the command line; the desk uses the Accounts class at the end,
// which adds the admin's account management.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr int64_t kSessionLifetime = 14 * 86400;
constexpr int64_t kLinkLifetime = 72 * 3600;
// Lock-out (docs/SECURITY.md, "Sign-in lock-out"). Failures are counted per account and
// address pair: this many within the window lock that address out of that
// account, never the account from everywhere, so no one can lock another
// person out. One address failing this many times over any accounts is
// locked out of all of them. Each failure after a lock, before a window has
// passed since it ended, doubles the lock, up to kMaxLockTime. There is no
// lock of an account from every address: it would hand the lock-out back to
// whoever guesses; a guess spread over many addresses is slowed by argon2id
// (each check costs the server ~the same as the guesser) and the 10-character
// minimum, and is logged (kAccountAlarm) for the operator.
constexpr int kMaxAccountFailures = 5;
constexpr int kMaxAddressFailures = 20;
constexpr int64_t kFailureWindow = 15 * 60;
constexpr int64_t kLockTime = 15 * 60;
constexpr int64_t kMaxLockTime = 24 * 3600;
// Failures on one account from every address within the window at which a
// warning is logged (and at each multiple of it).
constexpr int64_t kAccountAlarm = 50;

// Random 256-bit token, URL-safe base64 without padding.
std::string RandomToken();
// What is stored in place of a token: hex BLAKE2b-256.
std::string TokenDigest(const std::string& token);
bool ConstantTimeEquals(const std::string& a, const std::string& b);
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// Arabic message when the password is not acceptable; "" when it is.
std::string PasswordProblem(const std::string& password);

// Creates an account without a password and returns the one-time link
// (site_url + /admin/set-password?token=…) that lets its owner set one.
// Invalid (English, for the operator) on a bad email, name or duplicate.
Status AddUser(Store& store, const std::string& email, const std::string& name, Role role,
               const std::string& site_url, int64_t now, Id actor, std::string* link);

// On a site without accounts, a link (site_url + /admin/setup?token=…) that
// creates the first admin; "" when the site has accounts.
Status FirstAdminLink(Store& store, const std::string& site_url, int64_t now, std::string* link);

// Sets the password of the account a "password" link names; consumes it.
Status SetPasswordWithLink(Store& store, const std::string& token, const std::string& password,
                           int64_t now, Id* user_id);
// Creates the first admin with a "setup" link; consumes it.
Status CreateFirstAdmin(Store& store, const std::string& token, const std::string& email,
                        const std::string& name, const std::string& password, int64_t now,
                        Id* user_id);

struct SignedIn {
  User user;
  std::string token;  // For the cookie; only its digest is stored.
  Session session;
};

// Checks the lock-outs of the (account, address) pair and of the address,
// then the password. Every failure is counted against the pair and the
// address (and, for the alarm only, the account), and answers the same
// message whether the email exists or not. A lock-out is Conflict (Arabic,
// with the time left); a failure to count a failure is not swallowed: it is
// logged and returned (the attempt is refused).
Status SignIn(Store& store, const std::string& email, const std::string& password,
              const std::string& address, int64_t now, SignedIn* out);
// Ends every lock-out of the account `email` (from every address; an
// address locked over many accounts stays locked), by `actor` (0: the
// command line), audited user.unlock (detail the email). *cleared gets how many addresses were
// locked out of it. NotFound (English) when no account has that email.
Status UnlockSignIn(Store& store, const std::string& email, Id actor, int64_t now, int64_t* cleared);
// Signs in the account whose password a one-time link has just set (the link
// and the new password prove who it is, as a password would). A disabled
// account is refused (NotFound). Audited as a sign-in.
Status SignInAfterLink(Store& store, Id user_id, const std::string& address, int64_t now, SignedIn* out);
// The user and session a cookie token belongs to; NotFound when none.
Status Authenticate(Store& store, const std::string& token, int64_t now, User* user,
                    Session* session);
Status SignOut(Store& store, const std::string& token, Id user_id);
Status ChangePassword(Store& store, const User& user, const std::string& current,
                      const std::string& replacement);

// The accounts of one site, as the desk (web/admin_handler.cc,
// web/admin_accounts.cc) uses them: the functions above on its store, the
// admin's changes to other accounts with their rules and audit entries, and
// the audit log. The site is never left without an active admin: an admin
// cannot disable or demote themselves, and the store refuses to disable or
// demote the last one.
class Accounts {
 public:
  explicit Accounts(Store& store) : store_(store) {}

  Status SignIn(const std::string& email, const std::string& password, const std::string& address,
                int64_t now, SignedIn* out) {
    return qalam::SignIn(store_, email, password, address, now, out);
  }
  Status SignInAfterLink(Id user_id, const std::string& address, int64_t now, SignedIn* out) {
    return qalam::SignInAfterLink(store_, user_id, address, now, out);
  }
  Status Authenticate(const std::string& token, int64_t now, User* user, Session* session) {
    return qalam::Authenticate(store_, token, now, user, session);
  }
  Status SignOut(const std::string& token, Id user_id) { return qalam::SignOut(store_, token, user_id); }
  Status ChangePassword(const User& user, const std::string& current, const std::string& replacement) {
    return qalam::ChangePassword(store_, user, current, replacement);
  }
  Status SetPasswordWithLink(const std::string& token, const std::string& password, int64_t now, Id* user_id) {
    return qalam::SetPasswordWithLink(store_, token, password, now, user_id);
  }
  Status CreateFirstAdmin(const std::string& token, const std::string& email, const std::string& name,
                          const std::string& password, int64_t now, Id* user_id) {
    return qalam::CreateFirstAdmin(store_, token, email, name, password, now, user_id);
  }
  // True when a link (`first_admin`: a "setup" link, else a "password"
  // one) can still be used at `now`, without using it up. A setup link only
  // works while the site has no account.
  bool LinkUsable(const std::string& token, bool first_admin, int64_t now);

  // AddUser, by the admin `actor`.
  Status Add(const std::string& email, const std::string& name, Role role, const std::string& site_url,
             int64_t now, Id actor, std::string* link) {
    return AddUser(store_, email, name, role, site_url, now, actor, link);
  }
  // Every account, disabled ones too, oldest first.
  Status List(std::vector<User>* out) { return store_.ListUsers(out); }
  Status Get(Id id, User* out) { return store_.GetUserById(id, out); }

  // By the admin `actor`, each audited (user.role "old → new",
  // user.disable, user.enable, user.link; detail the email for the last
  // three). *changed false, and nothing written, when `target` is already
  // so. Invalid (Arabic) when the actor would demote or disable themselves;
  // Conflict (Arabic) when it would leave the site without an active admin;
  // NotFound when the account is gone.
  Status SetRole(const User& actor, const User& target, Role role, int64_t now, bool* changed);
  Status SetDisabled(const User& actor, const User& target, bool disabled, int64_t now, bool* changed);
  // A fresh set-password link for `target` (site_url +
  // /admin/set-password?token=…), replacing the older ones; the current
  // password works until a new one is set.
  Status NewPasswordLink(const User& actor, const User& target, const std::string& site_url, int64_t now,
                         std::string* link);

  // The audit log, newest first.
  Status ListAudit(int64_t offset, int64_t limit, std::vector<AuditEntry>* out) {
    return store_.ListAudit(offset, limit, out);
  }

 private:
  void Audit(const User& actor, const char* action, Id target, const std::string& detail, int64_t now);

  Store& store_;
};

}  // namespace qalam
