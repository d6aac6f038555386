// Newsroom accounts: creating them with one-time links, passwords (argon2id
// through libsodium), sign-in with lock-out, sessions and the audit trail.
// Messages in Status are Arabic, fit to show on the desk.
#pragma once
#include <cstdint>
#include <string>

#include "core/account.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

constexpr int64_t kSessionLifetime = 14 * 86400;
constexpr int64_t kLinkLifetime = 72 * 3600;
// Lock-out: this many failures within the window lock the account (or the
// address) for the lock time.
constexpr int kMaxAccountFailures = 5;
constexpr int kMaxAddressFailures = 20;
constexpr int64_t kFailureWindow = 15 * 60;
constexpr int64_t kLockTime = 15 * 60;

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

// Checks the lock-outs, then the password. Every failure is counted against
// the account and the address, and answers the same message whether the
// email exists or not.
Status SignIn(Store& store, const std::string& email, const std::string& password,
              const std::string& address, int64_t now, SignedIn* out);
// The user and session a cookie token belongs to; NotFound when none.
Status Authenticate(Store& store, const std::string& token, int64_t now, User* user,
                    Session* session);
Status SignOut(Store& store, const std::string& token, Id user_id);
Status ChangePassword(Store& store, const User& user, const std::string& current,
                      const std::string& replacement);

}  // namespace qalam
