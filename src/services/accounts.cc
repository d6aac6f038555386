#include "services/accounts.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <regex>
#include <stdexcept>

#include "arabic/plural.h"
#include "core/text.h"

namespace qalam {
namespace {

void EnsureSodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium failed to initialize");
}

// An audit entry; one that cannot be written is logged, and the change it
// records (already made) stands.
void Audit(Store& store, int64_t now, Id actor, const std::string& action,
           const std::string& target, const std::string& detail = "") {
  if (Status st = store.AppendAudit(AuditEntry{0, now, actor, "", action, target, detail}); !st.ok()) {
    spdlog::warn("cannot write the audit entry {} on {}: {}", action, target, st.message());
  }
}

}  // namespace

std::string RandomToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string TokenDigest(const std::string& token) {
  EnsureSodium();
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  EnsureSodium();
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(const std::string& password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string PasswordProblem(const std::string& password) {
  if (!IsValidUtf8(password)) return "كلمة المرور ليست نصًا صالحًا.";
  size_t n = CountCodePoints(password);
  if (n < 10) return "كلمة المرور قصيرة: اجعلها 10 أحرف على الأقل.";
  if (n > 200) return "كلمة المرور أطول من المسموح (200 حرف).";
  return "";
}

Status AddUser(Store& store, const std::string& email_in, const std::string& name_in, Role role,
               const std::string& site_url, int64_t now, Id actor, std::string* link) {
  User user;
  user.email = AsciiLower(Trim(email_in));
  user.name = ToNfc(Trim(name_in));
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  if (user.email.size() > 254 || !std::regex_match(user.email, kEmail)) {
    return Status::Invalid("not an email address: \"" + email_in + "\"");
  }
  if (user.name.empty() || CountCodePoints(user.name) > 100) {
    return Status::Invalid("the name must be 1 to 100 characters");
  }
  user.role = role;
  user.created_at = now;
  Status st = store.CreateUser(&user);
  if (!st.ok()) return st;
  const std::string token = RandomToken();
  st = store.SaveOneTimeToken(TokenDigest(token), "password", user.id, now + kLinkLifetime);
  if (!st.ok()) return st;
  Audit(store, now, actor, "user.add", "user:" + std::to_string(user.id),
        std::string(ToString(role)) + " " + user.name);
  *link = site_url + "/admin/set-password?token=" + token;
  return Status::Ok();
}

Status FirstAdminLink(Store& store, const std::string& site_url, int64_t now, std::string* link) {
  link->clear();
  int64_t users = 0;
  Status st = store.CountUsers(&users);
  if (!st.ok() || users > 0) return st;
  const std::string token = RandomToken();
  st = store.SaveOneTimeToken(TokenDigest(token), "setup", 0, now + kLinkLifetime);
  if (!st.ok()) return st;
  *link = site_url + "/admin/setup?token=" + token;
  return Status::Ok();
}

Status SetPasswordWithLink(Store& store, const std::string& token, const std::string& password,
                           int64_t now, Id* user_id) {
  if (std::string problem = PasswordProblem(password); !problem.empty()) return Status::Invalid(problem);
  Status st = store.ConsumeOneTimeToken(TokenDigest(token), "password", now, user_id);
  if (st.IsNotFound()) return Status::Invalid("الرابط غير صالح أو انتهت مدته؛ اطلب رابطًا جديدًا من مدير الموقع.");
  if (!st.ok()) return st;
  st = store.SetPasswordHash(*user_id, HashPassword(password));
  if (!st.ok()) return st;
  Audit(store, now, *user_id, "password.set", "user:" + std::to_string(*user_id), "by one-time link");
  return Status::Ok();
}

Status CreateFirstAdmin(Store& store, const std::string& token, const std::string& email,
                        const std::string& name, const std::string& password, int64_t now,
                        Id* user_id) {
  if (std::string problem = PasswordProblem(password); !problem.empty()) return Status::Invalid(problem);
  static const std::regex kEmail(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)");
  const std::string clean_name = Trim(name);
  if (!std::regex_match(AsciiLower(Trim(email)), kEmail) || clean_name.empty() ||
      CountCodePoints(clean_name) > 100) {
    return Status::Invalid("تحقق من البريد الإلكتروني والاسم (الاسم من 1 إلى 100 حرف).");
  }
  // Using the token up first makes two simultaneous submissions safe: only
  // one of them gets past this line.
  Id ignored = 0;
  Status st = store.ConsumeOneTimeToken(TokenDigest(token), "setup", now, &ignored);
  int64_t users = 0;
  if (st.ok()) st = store.CountUsers(&users);
  if (st.IsNotFound() || users > 0) {
    return Status::Invalid("رابط الإعداد غير صالح أو استُخدم من قبل.");
  }
  if (!st.ok()) return st;
  std::string link;
  st = AddUser(store, email, name, Role::kAdmin, "", now, 0, &link);
  if (!st.ok()) return st;
  User user;
  st = store.GetUserByEmail(AsciiLower(Trim(email)), &user);
  if (!st.ok()) return st;
  st = store.SetPasswordHash(user.id, HashPassword(password));
  if (!st.ok()) return st;
  *user_id = user.id;
  Audit(store, now, user.id, "setup.first_admin", "user:" + std::to_string(user.id));
  return Status::Ok();
}

namespace {

// A new session for `user` (a fresh token every time: nothing planted before
// a sign-in survives it), audited.
Status StartSession(Store& store, const User& user, const std::string& address, int64_t now, SignedIn* out) {
  out->user = user;
  out->token = RandomToken();
  out->session = Session{TokenDigest(out->token), user.id, RandomToken(), now, now + kSessionLifetime};
  Status st = store.CreateSession(out->session);
  if (!st.ok()) return st;
  Audit(store, now, user.id, "login", "user:" + std::to_string(user.id), address);
  return Status::Ok();
}

}  // namespace

namespace {

// The lock-out keys (login_failures): "user:EMAIL ip:ADDR" for a pair,
// "ip:ADDR" for an address, "user:EMAIL" for the account's alarm counter.
// The address comes from the socket, has no space and ends the pair's key,
// so no email typed (spaces and all) can name another address's pair.
std::string AccountKey(const std::string& email) { return "user:" + email; }
std::string PairKey(const std::string& email, const std::string& address) {
  return AccountKey(email) + " ip:" + address;
}

std::string WaitText(int64_t seconds) {
  static const CountedNoun kMinutes{"", "دقيقة", "دقيقتين", "{n} دقائق", "{n} دقيقة", "{n} دقيقة"};
  static const CountedNoun kHours{"", "ساعة", "ساعتين", "{n} ساعات", "{n} ساعة", "{n} ساعة"};
  const int64_t minutes = std::max<int64_t>(1, (seconds + 59) / 60);
  if (minutes < 60) return Count(minutes, kMinutes, Digits::kWestern);
  return Count((minutes + 59) / 60, kHours, Digits::kWestern);
}

// Counts one failure against `key`; an error is logged here with the key
// and returned, never dropped.
Status CountFailure(Store& store, const std::string& key, int64_t now, const LoginLimit& limit,
                    int64_t* failures) {
  int64_t until = 0;
  Status st = store.RecordLoginFailure(key, now, limit, failures, &until);
  if (!st.ok()) spdlog::error("sign-in: cannot count a failed attempt for \"{}\": {}", key, st.message());
  return st;
}

}  // namespace

Status SignIn(Store& store, const std::string& email_in, const std::string& password,
              const std::string& address, int64_t now, SignedIn* out) {
  const std::string email = AsciiLower(Trim(email_in));
  const std::string pair_key = PairKey(email, address), address_key = "ip:" + address;
  int64_t pair_lock = 0, address_lock = 0;
  Status st = store.GetLoginLock(pair_key, now, &pair_lock);
  if (st.ok()) st = store.GetLoginLock(address_key, now, &address_lock);
  if (!st.ok()) return st;
  const int64_t locked = std::max(pair_lock, address_lock);
  if (locked > now) {
    return Status::Conflict("تم إيقاف تسجيل الدخول مؤقتًا من هذا العنوان بعد محاولات فاشلة متكررة. حاول مجددًا بعد " +
                            WaitText(locked - now) + "، أو اطلب من مدير الموقع رفع الإيقاف.");
  }
  User user;
  st = store.GetUserByEmail(email, &user);
  if (!st.ok() && !st.IsNotFound()) return st;
  const bool found = st.ok() && !user.disabled;
  // Hash even for unknown accounts, so timing does not tell which exist.
  static const std::string dummy = HashPassword(RandomToken());
  const bool good = found ? VerifyPassword(user.password_hash, password)
                          : (VerifyPassword(dummy, password), false);
  if (!good) {
    const LoginLimit pair_limit{kFailureWindow, kMaxAccountFailures, kLockTime, kMaxLockTime};
    const LoginLimit address_limit{kFailureWindow, kMaxAddressFailures, kLockTime, kMaxLockTime};
    const LoginLimit alarm_only{kFailureWindow, INT64_MAX, 0, 0};
    int64_t failures = 0;
    if (st = CountFailure(store, pair_key, now, pair_limit, &failures); !st.ok()) return st;
    if (st = CountFailure(store, address_key, now, address_limit, &failures); !st.ok()) return st;
    if (found) {
      if (st = CountFailure(store, AccountKey(email), now, alarm_only, &failures); !st.ok()) return st;
      if (failures % kAccountAlarm == 0) {
        // The account by its ID only: no email in a log line (the desk's
        // accounts page names it for the operator).
        spdlog::warn("sign-in: {} failed attempts on the account of user {} within {} minutes, the last from {}",
                     failures, user.id, kFailureWindow / 60, address);
      }
      Audit(store, now, 0, "login.failed", "user:" + std::to_string(user.id), address);
    }
    return Status::Invalid("البريد الإلكتروني أو كلمة المرور غير صحيحين.");
  }
  // Only the pair is cleared: the address's count over other accounts stays,
  // or one's own account would reset it between guesses at others.
  if (Status c = store.ClearLoginFailures(pair_key); !c.ok()) {
    spdlog::warn("sign-in: cannot clear the failed attempts of \"{}\": {}", pair_key, c.message());
  }
  return StartSession(store, user, address, now, out);
}

Status UnlockSignIn(Store& store, const std::string& email_in, Id actor, int64_t now, int64_t* cleared) {
  const std::string email = AsciiLower(Trim(email_in));
  User user;
  Status st = store.GetUserByEmail(email, &user);
  if (st.IsNotFound()) return Status::NotFound("no account with the email \"" + email_in + "\"");
  if (!st.ok()) return st;
  // The pairs' keys and the alarm counter: every key that starts "user:EMAIL".
  // The email is trimmed, so "user:EMAIL " starts only its own pairs' keys.
  int64_t pairs = 0;
  st = store.ClearLoginFailuresWithPrefix(AccountKey(email) + " ip:", now, &pairs);
  if (st.ok()) st = store.ClearLoginFailures(AccountKey(email));
  if (!st.ok()) return st;
  *cleared = pairs;
  Audit(store, now, actor, "user.unlock", "user:" + std::to_string(user.id), email);
  return Status::Ok();
}

Status SignInAfterLink(Store& store, Id user_id, const std::string& address, int64_t now, SignedIn* out) {
  User user;
  Status st = store.GetUserById(user_id, &user);
  if (!st.ok()) return st;
  if (user.disabled) return Status::NotFound("account disabled");
  return StartSession(store, user, address, now, out);
}

Status Authenticate(Store& store, const std::string& token, int64_t now, User* user,
                    Session* session) {
  if (token.empty()) return Status::NotFound("no session");
  Status st = store.GetSession(TokenDigest(token), now, session);
  if (!st.ok()) return st;
  st = store.GetUserById(session->user_id, user);
  // GetSession already skips disabled accounts; a disabled account is never
  // signed in, whatever the store does.
  if (st.ok() && user->disabled) return Status::NotFound("account disabled");
  return st;
}

Status SignOut(Store& store, const std::string& token, Id user_id) {
  Status st = store.DeleteSession(TokenDigest(token));
  if (st.ok()) Audit(store, 0, user_id, "logout", "user:" + std::to_string(user_id));
  return st;
}

Status ChangePassword(Store& store, const User& user, const std::string& current,
                      const std::string& replacement) {
  if (!VerifyPassword(user.password_hash, current)) {
    return Status::Invalid("كلمة المرور الحالية غير صحيحة.");
  }
  if (std::string problem = PasswordProblem(replacement); !problem.empty()) return Status::Invalid(problem);
  Status st = store.SetPasswordHash(user.id, HashPassword(replacement));
  if (st.ok()) Audit(store, 0, user.id, "password.change", "user:" + std::to_string(user.id));
  return st;
}

namespace {

constexpr const char* kLastAdmin =
    "لا بد أن يبقى للموقع مدير فعّال واحد على الأقل؛ أضف مديرًا آخر أو فعّل حسابه أولًا.";

}  // namespace

bool Accounts::LinkUsable(const std::string& token, bool first_admin, int64_t now) {
  Id user_id = 0;
  int64_t users = 0;
  return store_.PeekOneTimeToken(TokenDigest(token), first_admin ? "setup" : "password", now, &user_id).ok() &&
         (!first_admin || (store_.CountUsers(&users).ok() && users == 0));
}

void Accounts::Audit(const User& actor, const char* action, Id target, const std::string& detail, int64_t now) {
  AuditEntry e;
  e.at = now;
  e.user_id = actor.id;
  e.action = action;
  e.target = "user:" + std::to_string(target);
  e.detail = detail;
  if (Status st = store_.AppendAudit(e); !st.ok()) spdlog::warn("cannot write the audit log: {}", st.message());
}

Status Accounts::SetRole(const User& actor, const User& target, Role role, int64_t now, bool* changed) {
  *changed = false;
  if (role == target.role) return Status::Ok();
  if (actor.id == target.id) return Status::Invalid("لا يمكنك تغيير دورك بنفسك؛ اطلب ذلك من مدير آخر.");
  Status st = store_.UpdateUserRole(target.id, role);
  if (st.IsConflict()) return Status::Conflict(kLastAdmin);
  if (!st.ok()) return st;
  *changed = true;
  Audit(actor, "user.role", target.id, std::string(ToString(target.role)) + " → " + ToString(role), now);
  return Status::Ok();
}

Status Accounts::SetDisabled(const User& actor, const User& target, bool disabled, int64_t now, bool* changed) {
  *changed = false;
  if (disabled && actor.id == target.id) {
    return Status::Invalid("لا يمكنك تعطيل حسابك بنفسك؛ اطلب ذلك من مدير آخر.");
  }
  if (disabled == target.disabled) return Status::Ok();
  Status st = store_.SetUserDisabled(target.id, disabled);
  if (st.IsConflict()) return Status::Conflict(kLastAdmin);
  if (!st.ok()) return st;
  *changed = true;
  Audit(actor, disabled ? "user.disable" : "user.enable", target.id, target.email, now);
  return Status::Ok();
}

Status Accounts::NewPasswordLink(const User& actor, const User& target, const std::string& site_url, int64_t now,
                                 std::string* link) {
  Status st = store_.DeleteUserOneTimeTokens(target.id, "password");
  const std::string token = RandomToken();
  if (st.ok()) st = store_.SaveOneTimeToken(TokenDigest(token), "password", target.id, now + kLinkLifetime);
  if (!st.ok()) return st;
  Audit(actor, "user.link", target.id, target.email, now);
  *link = site_url + "/admin/set-password?token=" + token;
  return Status::Ok();
}

}  // namespace qalam
