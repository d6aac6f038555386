// The newsroom desk's rules: what a person with a given role may do to an
// article, what each action does to its state, and the revision snapshot
// every save records. Pure decisions plus one Store call per action, so the
// HTTP handlers stay thin and the role × action matrix is tested here.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/account.h"
#include "core/model.h"
#include "core/status.h"
#include "store/store.h"

namespace qalam {

// What the editor's form sends: the editable fields, as typed.
struct ArticleForm {
  std::string title;
  std::string slug;  // Empty: derived from the title.
  std::vector<std::string> highlights;
  std::string body;  // Markdown.
  std::string writer_name;
  std::string writer_bio;  // Sets the writer's bio (a guest writer's on the spot).
  // Co-writers (after the writer in the byline), translators and those who
  // helped prepare it, each a list of names in order.
  std::vector<std::string> co_writers;
  std::vector<std::string> translators;
  std::vector<std::string> contributors;
  std::string editor_name;
  std::string source_name;
  std::string source_url;
  std::string section;
  std::vector<std::string> tags;
  std::vector<RelatedLink> related;  // Title, and an address for outside links.
  Id image_id = 0;
  std::string image_alt;
  std::string image_caption;
  // For search engines and social previews (empty: the title and the first
  // highlight), and a republished piece's own address, named canonical
  // when canonical_original (Article's fields of the same names).
  std::string seo_title;
  std::string seo_description;
  std::string original_url;
  bool canonical_original = false;
  // What it is, and its place in the footer menu (pages) or at the top of
  // the home page (articles). Applied only when the form carried them
  // (has_kind, has_pin): the editor shows the kind to those who may manage
  // pages and the pin to those who may publish, and a form without them
  // keeps what is stored.
  bool has_kind = false;
  ArticleKind kind = ArticleKind::kArticle;
  bool in_footer = false;
  bool has_pin = false;
  bool pinned = false;
  int64_t pinned_until = 0;  // UTC; 0: pinned until unpinned.
  // The notices (corrections, updates, …) in order, applied when the form
  // carried them (has_notices). A notice with `at` 0 is new: dated by the
  // save, which is then never minor (RunDeskAction).
  bool has_notices = false;
  std::vector<ArticleNotice> notices;
};

enum class DeskAction { kSave, kSubmit, kPublish, kSchedule, kUnpublish, kTrash, kRestore };
constexpr DeskAction kAllDeskActions[] = {DeskAction::kSave,     DeskAction::kSubmit,
                                          DeskAction::kPublish,  DeskAction::kSchedule,
                                          DeskAction::kUnpublish, DeskAction::kTrash,
                                          DeskAction::kRestore};
// "save", "submit", "publish", "schedule", "unpublish", "trash", "restore".
const char* ToString(DeskAction a);
bool ParseDeskAction(const std::string& s, DeskAction* out);
// The Arabic name of the action's result, for messages and the history page.
const char* ArabicDone(DeskAction a);
// The sentence the editor shows once the action is done, the subject in
// its place and the verb agreeing with it: «جُدول المقال للنشر.»,
// «نُشرت الصفحة.».
std::string ArabicDoneNotice(DeskAction a, ArticleKind kind);

// True when `user` may do `action` to `stored` (an article with id 0 is a
// new one, not yet saved). Writers: their own drafts and submitting them;
// editors: their own articles, publishing them, and submitting anyone's
// draft for review; chief editors and admins: everything; moderators:
// nothing on articles.
// Static pages (stored.kind == kPage) are for chief editors and admins
// (Action::kManagePages) only.
bool MayDo(const User& user, const Article& stored, DeskAction action);
// True when `user` may open the article in the editor at all.
bool MayOpen(const User& user, const Article& stored);
// True when `user` may pin or unpin the article: whoever may publish it.
bool MayPin(const User& user, const Article& stored);
// The rights a save's new fields need, beyond MayDo: making a page of an
// article or the reverse needs Action::kManagePages, a change of the pin
// MayPin. Invalid with an Arabic message otherwise (the desk answers 403).
Status CheckEditRights(const User& user, const Article& stored, const Article& edited);

// The form checked and turned into the article's fields (NFC, trimmed,
// Markdown rendered), on top of `stored` (which keeps id, status and desk
// state). Invalid with an Arabic message naming the field.
Status ApplyForm(const ArticleForm& form, Article* article);

// The desk action's effect on state, checked: publishing needs a body,
// scheduling a time after `now`. Then one SaveDeskArticle with a revision
// and, for publishing actions, an audit entry. Conflict when someone saved
// since `expected_version`. `minor` keeps "آخر تحديث" of a published article,
// except when the save adds a notice (one with `at` 0, dated `now` here):
// a correction is news to the reader.
struct DeskCommand {
  DeskAction action = DeskAction::kSave;
  int64_t expected_version = 0;
  int64_t schedule_at = 0;
  bool minor = false;
};
Status RunDeskAction(Store& store, const User& user, const DeskCommand& command, int64_t now,
                     Article* article, std::set<std::string>* changes);

// The editable fields as JSON (revisions and autosaves) and back.
std::string Snapshot(const Article& a);
Status ParseSnapshot(const std::string& json, ArticleForm* out);
ArticleForm FormOf(const Article& a);

// The trash keeps articles this long before PurgeTrash deletes them.
constexpr int64_t kTrashKeepSeconds = 30 * 86400;

}  // namespace qalam
