// Newsroom roles and what each may do. The server checks every action
// against this table (Can); tests walk the whole role × action matrix.
#pragma once
#include <string>
#include <string_view>

namespace qalam {

enum class Role { kAdmin, kChiefEditor, kEditor, kWriter, kModerator };

enum class Action {
  kViewDesk,          // Sign in to the desk and see its dashboard.
  kChangeOwnPassword,
  kManageSettings,
  kManageAccounts,    // Create accounts, change roles, disable.
  kViewAudit,
  kWriteDraft,        // Create and edit one's own drafts.
  kSubmitForReview,
  kPublishOwn,
  kEditAnyArticle,
  kPublishAny,        // Publish, schedule and unpublish anyone's work.
  kManageBreaking,
  kManageTaxonomy,    // Tags, sections, writers, sources.
  kModerateComments,
  kManagePages,       // Create and edit static pages ("من نحن") and the footer menu.
};

constexpr Action kAllActions[] = {
    Action::kViewDesk,       Action::kChangeOwnPassword, Action::kManageSettings,
    Action::kManageAccounts, Action::kViewAudit,         Action::kWriteDraft,
    Action::kSubmitForReview, Action::kPublishOwn,       Action::kEditAnyArticle,
    Action::kPublishAny,     Action::kManageBreaking,    Action::kManageTaxonomy,
    Action::kModerateComments, Action::kManagePages};
constexpr Role kAllRoles[] = {Role::kAdmin, Role::kChiefEditor, Role::kEditor, Role::kWriter,
                              Role::kModerator};

bool Can(Role role, Action action);

// "admin", "chief_editor", "editor", "writer", "moderator".
const char* ToString(Role role);
bool ParseRole(std::string_view text, Role* out);
// The role's Arabic name for the desk: مدير، رئيس تحرير، محرر، كاتب، مشرف.
const char* ArabicName(Role role);

}  // namespace qalam
