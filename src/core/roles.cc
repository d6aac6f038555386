#include "core/roles.h"

namespace qalam {

bool Can(Role role, Action action) {
  switch (action) {
    case Action::kViewDesk:
    case Action::kChangeOwnPassword:
      return true;
    case Action::kManageSettings:
    case Action::kManageAccounts:
    case Action::kViewAudit:
      return role == Role::kAdmin;
    case Action::kWriteDraft:
    case Action::kSubmitForReview:
      return role != Role::kModerator;
    case Action::kPublishOwn:
      return role == Role::kAdmin || role == Role::kChiefEditor || role == Role::kEditor;
    case Action::kEditAnyArticle:
    case Action::kPublishAny:
    case Action::kManageBreaking:
    case Action::kManageTaxonomy:
    case Action::kManagePages:
      return role == Role::kAdmin || role == Role::kChiefEditor;
    case Action::kModerateComments:
      return role == Role::kAdmin || role == Role::kChiefEditor || role == Role::kModerator;
  }
  return false;
}

const char* ToString(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kChiefEditor: return "chief_editor";
    case Role::kEditor: return "editor";
    case Role::kWriter: return "writer";
    case Role::kModerator: return "moderator";
  }
  return "writer";
}

bool ParseRole(std::string_view text, Role* out) {
  for (Role r : kAllRoles) {
    if (text == ToString(r)) {
      *out = r;
      return true;
    }
  }
  return false;
}

const char* ArabicName(Role role) {
  switch (role) {
    case Role::kAdmin: return "مدير الموقع";
    case Role::kChiefEditor: return "رئيس التحرير";
    case Role::kEditor: return "محرر";
    case Role::kWriter: return "كاتب";
    case Role::kModerator: return "مشرف التعليقات";
  }
  return "";
}

}  // namespace qalam
