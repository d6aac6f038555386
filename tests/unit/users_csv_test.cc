#include "wordpress/users_csv.h"

#include <gtest/gtest.h>

namespace qalam::wp {
namespace {

TEST(UsersCsv, ReadsWpCliColumnsByTheirHeader) {
  std::map<std::string, WpUser> users;
  ASSERT_TRUE(ParseUsersCsv("\xEF\xBB\xBFroles,user_login,description\r\n"
                            "\"administrator,editor\",hind,\"سطر أول\nسطر \"\"ثان\"\"\"\r\n"
                            "subscriber,reader,\r\n\r\n",
                            &users)
                  .ok());
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users["hind"].roles, (std::vector<std::string>{"administrator", "editor"}));
  EXPECT_EQ(users["hind"].description, "سطر أول\nسطر \"ثان\"");
  EXPECT_EQ(users["reader"].roles, (std::vector<std::string>{"subscriber"}));
  EXPECT_EQ(users["reader"].description, "");
}

TEST(UsersCsv, RefusesWhatIsNotSuchAFileWithItsLine) {
  std::map<std::string, WpUser> users;
  Status st = ParseUsersCsv("user_login,roles\nhind,\"editor\n", &users);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_EQ(st.message().rfind("2: ", 0), 0u) << st.message();
  st = ParseUsersCsv("login,roles\nhind,editor\n", &users);
  EXPECT_EQ(st.message(), "1: no user_login column (header: wp user list --format=csv)");
  st = ParseUsersCsv("user_login,roles\nhind,ed\"itor\n", &users);
  EXPECT_EQ(st.message().rfind("2: ", 0), 0u) << st.message();
  st = ParseUsersCsv("user_login,roles\n,editor\n", &users);
  EXPECT_EQ(st.message(), "2: no user_login");
  EXPECT_TRUE(ParseUsersCsv("user_login\n\xff\n", &users).IsInvalid());
}

}  // namespace
}  // namespace qalam::wp
