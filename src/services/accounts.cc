#include "services/accounts.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <stdexcept>

#include "core/text.h"

namespace qalam {
namespace {

void EnsureSodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium failed to initialize");
}

Status Audit(Store& store, int64_t now, Id actor, const std::string& action,
             const std::string& target, const std::string& detail = "") {
  return store.AppendAudit(AuditEntry{0, now, actor, "", action, target, detail});
}

std::string MinutesText(int64_t seconds) {
  int64_t minutes = (seconds + 59) / 60;
  return minutes <= 1 ? "دقيقة" : minutes == 2 ? "دقيقتين" : std::to_string(minutes) + (minutes <= 10 ? " دقائق" : " دقيقة");
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

Status SignIn(Store& store, const std::string& email_in, const std::string& password,
              const std::string& address, int64_t now, SignedIn* out) {
  const std::string email = AsciiLower(Trim(email_in));
  const std::string account_key = "user:" + email, address_key = "ip:" + address;
  int64_t account_lock = 0, address_lock = 0;
  Status st = store.GetLoginLock(account_key, now, &account_lock);
  if (st.ok()) st = store.GetLoginLock(address_key, now, &address_lock);
  if (!st.ok()) return st;
  const int64_t locked = std::max(account_lock, address_lock);
  if (locked > now) {
    return Status::Conflict("تم إيقاف تسجيل الدخول مؤقتًا بعد محاولات فاشلة متكررة. حاول مجددًا بعد " +
                            MinutesText(locked - now) + ".");
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
    int64_t until = 0;
    store.RecordLoginFailure(account_key, now, kFailureWindow, kMaxAccountFailures, kLockTime, &until);
    store.RecordLoginFailure(address_key, now, kFailureWindow, kMaxAddressFailures, kLockTime, &until);
    if (found) Audit(store, now, 0, "login.failed", "user:" + std::to_string(user.id), address);
    return Status::Invalid("البريد الإلكتروني أو كلمة المرور غير صحيحين.");
  }
  store.ClearLoginFailures(account_key);
  return StartSession(store, user, address, now, out);
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
