// Readers' comments: the signed form token, checking a posted comment
// (Arabic messages), the spam guards' history, the moderation pipeline and
// storing the result. The HTTP layer (web/comment_routes.cc) only parses
// and answers.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "core/comment.h"
#include "core/status.h"
#include "moderation/pipeline.h"
#include "services/moderation_review.h"
#include "store/store.h"

namespace qalam {

// What a reader's form sends.
struct CommentForm {
  Id article_id = 0;
  Id parent_id = 0;
  std::string name;
  std::string email;
  std::string body;
  std::string token;    // From /api/comment-token (comments.js).
  std::string website;  // The honeypot: people leave it empty.
};

// The result of posting: what was stored, or what is wrong.
struct PostedComment {
  Comment comment;
  ModerationOutcome outcome;
};

// A field's problem, for the form (Arabic), or empty when the field is fine.
struct CommentErrors {
  std::string name, email, body, form;
  bool any() const { return !name.empty() || !email.empty() || !body.empty() || !form.empty(); }
};

// Holds the site's term lists and classifier, reloading each when it
// changes (a new term, a newly trained model file), and posts comments
// through the pipeline. Thread-safe.
class CommentService {
 public:
  CommentService(Store& store, std::string model_path);

  // A token for the form of `article_id`, signed with the site's secret,
  // carrying when it was issued (the "too fast" guard reads it back).
  Status IssueToken(Id article_id, int64_t now, std::string* token);
  // True when `token` was issued by IssueToken for this article less than a
  // day ago; *issued_at (optional) gets when.
  bool CheckToken(Id article_id, const std::string& token, int64_t now, int64_t* issued_at);
  // The signature that lets a reader (and only them) ask for their
  // comment's state after posting.
  Status StatusSignature(Id comment_id, std::string* sig);
  bool CheckStatusSignature(Id comment_id, const std::string& sig);

  // Checks the form; on field errors returns Invalid and fills *errors.
  // On a token that is missing, forged or older than a day returns
  // Invalid with errors->form set (the page offers a fresh one, keeping the
  // text). Too many comments from the address or the email in the last hour
  // is Conflict (429). Otherwise stores the comment with the pipeline's
  // decision and its reasons.
  Status Post(const CommentForm& form, const std::string& address, int64_t now, PostedComment* out,
              CommentErrors* errors, std::set<std::string>* changes);

  // One comment, without its email.
  Status Get(Id id, Comment* out);
  // The article a comment is posted on (its title and address); NotFound
  // when there is none.
  Status FindArticle(Id article_id, ArticleSummary* out);
  // A reader at `address` reports the comment: one report per address; at
  // the site's comment_reports_to_queue reports an approved comment goes
  // back to the moderators' queue. NotFound when the comment is gone.
  Status Report(Id id, const std::string& address, int64_t now, std::set<std::string>* changes);

  // Screens a moderator's edit of a comment with the current term lists and
  // classifier (no spam guards, no mode, no trust: the moderator decides):
  // *scores and *reasons as stored on a comment, the reasons led by one that
  // says the text was edited, so the queue marks the terms where they are
  // in the new text.
  Status Rescreen(const std::string& body, std::string* scores, std::string* reasons);

  // What the machine would decide now, under `settings`, on the
  // moderators' decisions of the last `weeks` weeks
  // (services/moderation_review.h).
  Status Review(const Settings& settings, int64_t now, int weeks, MachineReview* out);

  // Drop the cached term lists, or look at the model file again, on the
  // next comment (on the change keys moderation:terms and moderation:model).
  void ReloadTerms();
  void ReloadModel();
  // The current model, or null when none is trained; reloaded when the
  // model file changes (ReloadModel, or checked every minute).
  std::shared_ptr<const ModerationClassifier> classifier();

  // The hashes the store keeps instead of addresses.
  static std::string EmailHash(const std::string& email);
  static std::string AddressHash(const std::string& address);

 private:
  Status Secret(std::string* secret);
  std::shared_ptr<const TermMatcher> Terms();

  Store& store_;
  const std::string model_path_;
  std::mutex mu_;
  std::string secret_;
  std::shared_ptr<const TermMatcher> terms_;
  int64_t terms_checked_ = 0;
  std::shared_ptr<const ModerationClassifier> classifier_;
  int64_t model_mtime_ = -1;
  int64_t model_checked_ = 0;
};

}  // namespace qalam
