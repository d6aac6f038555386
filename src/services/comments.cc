#include "services/comments.h"

#include <sodium.h>
#include <sys/stat.h>

#include <charconv>
#include <regex>

#include "core/text.h"
#include "content/text_hygiene.h"
#include "services/accounts.h"

namespace qalam {

using moderation::CleanCommentText;

namespace {

constexpr int64_t kTokenLifetime = 86400;
// Edits of the lists and new models reach every server at once through the
// change keys (SiteHandler::PollChanges calls ReloadTerms / ReloadModel);
// these rechecks are only a safety net.
constexpr int64_t kTermsRecheck = 300;
constexpr int64_t kModelRecheck = 60;
constexpr size_t kMaxName = 100;
constexpr size_t kMaxEmail = 254;

std::string Hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

std::string Mac(const std::string& secret, const std::string& message) {
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES] = {0};
  crypto_generichash(key, sizeof key, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key);
  return Hex(mac, sizeof mac);
}

bool ParseInt(std::string_view s, int64_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool LooksLikeEmail(const std::string& email) {
  static const std::regex re(R"(^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"'.]{2,}$)");
  return email.size() <= kMaxEmail && std::regex_match(email, re);
}

}  // namespace

CommentService::CommentService(Store& store, std::string model_path)
    : store_(store), model_path_(std::move(model_path)) {}

std::string CommentService::EmailHash(const std::string& email) { return TokenDigest("email:" + AsciiLower(Trim(email))); }
std::string CommentService::AddressHash(const std::string& address) { return TokenDigest("address:" + address); }

Status CommentService::Secret(std::string* secret) {
  std::lock_guard lock(mu_);
  if (!secret_.empty()) {
    *secret = secret_;
    return Status::Ok();
  }
  Settings settings;
  Status st = store_.LoadSettings(&settings);
  if (!st.ok()) return st;
  std::string value = settings.Get("comment_secret");
  if (value.empty()) {
    // First use: made once per site; another process may race us, so the
    // stored one is read back.
    if (!(st = store_.SaveSetting("comment_secret", RandomToken())).ok()) return st;
    if (!(st = store_.LoadSettings(&settings)).ok()) return st;
    value = settings.Get("comment_secret");
  }
  secret_ = value;
  *secret = secret_;
  return Status::Ok();
}

Status CommentService::IssueToken(Id article_id, int64_t now, std::string* token) {
  std::string secret;
  Status st = Secret(&secret);
  if (!st.ok()) return st;
  const std::string message = std::to_string(article_id) + "." + std::to_string(now);
  *token = message + "." + Mac(secret, "form:" + message);
  return Status::Ok();
}

Status CommentService::StatusSignature(Id comment_id, std::string* sig) {
  std::string secret;
  Status st = Secret(&secret);
  if (!st.ok()) return st;
  *sig = Mac(secret, "status:" + std::to_string(comment_id)).substr(0, 32);
  return Status::Ok();
}

bool CommentService::CheckToken(Id article_id, const std::string& t, int64_t now, int64_t* issued_at) {
  const size_t a = t.find('.'), b = a == std::string::npos ? a : t.find('.', a + 1);
  int64_t article = 0, issued = 0;
  std::string secret;
  if (b == std::string::npos || !ParseInt(std::string_view(t).substr(0, a), &article) ||
      !ParseInt(std::string_view(t).substr(a + 1, b - a - 1), &issued) || article != article_id ||
      !Secret(&secret).ok() || !ConstantTimeEquals(Mac(secret, "form:" + t.substr(0, b)), t.substr(b + 1)) ||
      issued > now + 60 || now - issued > kTokenLifetime) {
    return false;
  }
  if (issued_at) *issued_at = issued;
  return true;
}

bool CommentService::CheckStatusSignature(Id comment_id, const std::string& sig) {
  std::string expected;
  return StatusSignature(comment_id, &expected).ok() && ConstantTimeEquals(expected, sig);
}

void CommentService::ReloadTerms() {
  std::lock_guard lock(mu_);
  terms_.reset();
}

void CommentService::ReloadModel() {
  std::lock_guard lock(mu_);
  model_checked_ = 0;
}

std::shared_ptr<const TermMatcher> CommentService::Terms() {
  const int64_t now = static_cast<int64_t>(time(nullptr));
  std::lock_guard lock(mu_);
  if (!terms_ || now - terms_checked_ >= kTermsRecheck) {
    std::vector<ModerationTerm> listed;
    if (store_.ListModerationTerms(&listed).ok()) terms_ = std::make_shared<const TermMatcher>(TermsOf(listed));
    terms_checked_ = now;
  }
  return terms_;
}

std::shared_ptr<const ModerationClassifier> CommentService::classifier() {
  const int64_t now = static_cast<int64_t>(time(nullptr));
  std::lock_guard lock(mu_);
  if (now - model_checked_ >= kModelRecheck) {
    model_checked_ = now;
    struct stat info;
    const int64_t mtime = stat(model_path_.c_str(), &info) == 0 ? static_cast<int64_t>(info.st_mtime) : 0;
    if (mtime != model_mtime_) {
      model_mtime_ = mtime;
      std::unique_ptr<ModerationClassifier> loaded;
      if (mtime && ModerationClassifier::Load(model_path_, &loaded).ok()) {
        classifier_ = std::move(loaded);
      } else {
        classifier_.reset();
      }
    }
  }
  return classifier_;  // A reload replaces it; callers keep theirs alive.
}

Status CommentService::Get(Id id, Comment* out) { return store_.GetComment(id, out); }

Status CommentService::FindArticle(Id article_id, ArticleSummary* out) {
  std::vector<ArticleSummary> found;
  if (article_id) {
    if (Status st = store_.GetArticleSummaries({article_id}, &found); !st.ok()) return st;
  }
  if (found.empty()) return Status::NotFound("no article " + std::to_string(article_id));
  *out = found.front();
  return Status::Ok();
}

Status CommentService::Report(Id id, const std::string& address, int64_t now, std::set<std::string>* changes) {
  // Without the settings, the default threshold: a report is never lost.
  Settings settings;
  (void)store_.LoadSettings(&settings);
  int reports = 0;
  return store_.ReportComment(id, AddressHash(address), now, settings.GetInt("comment_reports_to_queue"), &reports,
                              changes);
}

Status CommentService::Review(const Settings& settings, int64_t now, int weeks, MachineReview* out) {
  std::shared_ptr<const TermMatcher> terms = Terms();
  std::shared_ptr<const ModerationClassifier> model = classifier();
  return ReviewMachine(store_, terms.get(), model.get(), ModerationPolicy::FromSettings(settings), now, weeks, out);
}

Status CommentService::Rescreen(const std::string& body, std::string* scores, std::string* reasons) {
  Settings settings;
  if (Status st = store_.LoadSettings(&settings); !st.ok()) return st;
  ModerationPolicy policy = ModerationPolicy::FromSettings(settings);
  policy.mode = ModerationMode::kAutomatic;
  policy.trust = false;
  std::shared_ptr<const TermMatcher> terms = Terms();
  std::shared_ptr<const ModerationClassifier> model = classifier();
  nlohmann::json j = OutcomeJson(Moderate(body, terms.get(), model.get(), policy, nullptr));
  *scores = j["scores"].is_null() ? "{}" : j["scores"].dump();
  nlohmann::json list = nlohmann::json::array();
  list.push_back({{"step", "edit"},
                  {"code", "edited"},
                  {"message", "عدّل مشرف نص التعليق؛ ما يلي نتيجة فحص النص بعد التعديل."}});
  for (nlohmann::json& r : j["reasons"]) list.push_back(std::move(r));
  *reasons = list.dump();
  return Status::Ok();
}

Status CommentService::Post(const CommentForm& form, const std::string& address, int64_t now,
                            PostedComment* out, CommentErrors* errors, std::set<std::string>* changes) {
  *errors = CommentErrors{};
  Settings settings;
  Status st = store_.LoadSettings(&settings);
  if (!st.ok()) return st;

  const std::string name = Trim(CleanCommentText(form.name));
  const std::string email = Trim(form.email);
  const std::string body = CleanCommentText(form.body);
  const size_t max_chars = static_cast<size_t>(settings.GetInt("comment_max_chars"));
  if (name.empty()) errors->name = "اكتب اسمك.";
  else if (CountCodePoints(name) > kMaxName) errors->name = "الاسم أطول من المسموح (" + std::to_string(kMaxName) + " حرفًا).";
  if (email.empty()) errors->email = "اكتب بريدك الإلكتروني؛ لن يُنشر.";
  else if (!LooksLikeEmail(email)) errors->email = "عنوان البريد الإلكتروني غير صالح.";
  if (Trim(body).empty()) errors->body = "اكتب تعليقك.";
  else if (CountCodePoints(body) > max_chars) {
    errors->body = "التعليق أطول من المسموح (" + std::to_string(max_chars) + " حرف)؛ طوله الآن " +
                   std::to_string(CountCodePoints(body)) + ".";
  }

  // The form's token: this article's, signed by the site, not too old.
  int64_t issued = -1;
  if (!CheckToken(form.article_id, form.token, now, &issued)) {
    errors->form = "انتهت صلاحية النموذج أو لم يكتمل تحميله؛ راجع تعليقك ثم أرسله مجددًا.";
  }
  if (errors->any()) return Status::Invalid("the comment form has errors");

  Comment c;
  c.article_id = form.article_id;
  c.parent_id = form.parent_id;
  c.name = name;
  c.email = email;
  c.email_hash = EmailHash(email);
  c.body = body;
  c.address_hash = AddressHash(address);
  c.created_at = now;

  SpamSignals spam;
  spam.honeypot_filled = !Trim(form.website).empty();
  spam.seconds_to_fill = now - issued;
  if (!(st = store_.GetCommenterHistory(c.article_id, c.address_hash, c.email_hash, body, now - 3600,
                                        &spam.history)).ok()) {
    return st;
  }
  const int64_t rate = settings.GetInt("comment_rate_per_hour");
  if (spam.history.by_address >= rate || spam.history.by_email >= rate) {
    return Status::Conflict("كثرت تعليقاتك في الساعة الأخيرة؛ انتظر قليلًا ثم أعد المحاولة.");
  }

  std::shared_ptr<const TermMatcher> terms = Terms();
  std::shared_ptr<const ModerationClassifier> model = classifier();
  ModerationOutcome outcome =
      Moderate(body, terms.get(), model.get(), ModerationPolicy::FromSettings(settings), &spam);
  c.decision = ToString(outcome.verdict);
  c.state = outcome.spam                                ? CommentState::kSpam
            : outcome.verdict == Verdict::kApprove      ? CommentState::kApproved
            : outcome.verdict == Verdict::kHold         ? CommentState::kPending
                                                        : CommentState::kRejected;
  nlohmann::json j = OutcomeJson(outcome);
  c.scores = j["scores"].is_null() ? "{}" : j["scores"].dump();
  nlohmann::json reasons = j["reasons"];
  if (outcome.flagged) reasons.push_back({{"step", "mode"}, {"code", "flagged"}, {"message", "عُلّم للمراجعة."}});
  c.reasons = reasons.dump();
  st = store_.AddComment(&c, changes);
  if (st.IsNotFound()) {
    errors->form = "التعليق الذي ترد عليه لم يعد موجودًا.";
    return Status::Invalid("the parent comment is gone");
  }
  if (!st.ok()) return st;
  c.email.clear();
  out->comment = std::move(c);
  out->outcome = std::move(outcome);
  return Status::Ok();
}

}  // namespace qalam
