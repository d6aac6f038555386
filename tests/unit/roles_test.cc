// The whole role × action matrix, spelled out: a change to who may do what
// must change this table too.
#include "core/roles.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace qalam {
namespace {

TEST(Roles, TheWholeMatrix) {
  using A = Action;
  // What each role may do; everything else it may not.
  const std::map<Role, std::set<Action>> allowed = {
      {Role::kAdmin,
       {A::kViewDesk, A::kChangeOwnPassword, A::kManageSettings, A::kManageAccounts, A::kViewAudit,
        A::kWriteDraft, A::kSubmitForReview, A::kPublishOwn, A::kEditAnyArticle, A::kPublishAny,
        A::kManageBreaking, A::kManageTaxonomy, A::kModerateComments, A::kManagePages}},
      {Role::kChiefEditor,
       {A::kViewDesk, A::kChangeOwnPassword, A::kWriteDraft, A::kSubmitForReview, A::kPublishOwn,
        A::kEditAnyArticle, A::kPublishAny, A::kManageBreaking, A::kManageTaxonomy,
        A::kModerateComments, A::kManagePages}},
      {Role::kEditor,
       {A::kViewDesk, A::kChangeOwnPassword, A::kWriteDraft, A::kSubmitForReview, A::kPublishOwn}},
      {Role::kWriter, {A::kViewDesk, A::kChangeOwnPassword, A::kWriteDraft, A::kSubmitForReview}},
      {Role::kModerator, {A::kViewDesk, A::kChangeOwnPassword, A::kModerateComments}},
  };
  for (Role role : kAllRoles) {
    for (Action action : kAllActions) {
      bool expected = allowed.at(role).count(action) > 0;
      EXPECT_EQ(Can(role, action), expected)
          << ToString(role) << " × action " << static_cast<int>(action);
    }
  }
}

TEST(Roles, NamesRoundTrip) {
  for (Role role : kAllRoles) {
    Role parsed;
    ASSERT_TRUE(ParseRole(ToString(role), &parsed));
    EXPECT_EQ(parsed, role);
    EXPECT_FALSE(std::string(ArabicName(role)).empty());
  }
  Role r;
  EXPECT_FALSE(ParseRole("root", &r));
  EXPECT_FALSE(ParseRole("Admin", &r));
  EXPECT_FALSE(ParseRole("", &r));
}

}  // namespace
}  // namespace qalam
