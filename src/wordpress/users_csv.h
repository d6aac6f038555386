// WordPress's users as WP-CLI lists them, for what an export leaves out:
// each user's roles and biography. The operator runs, on the old site,
//
//   wp user list --fields=user_login,display_name,user_email,roles,description --format=csv
//
// and gives the file to `qalam import --users FILE`. Columns are found by
// their header; only user_login is required.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace qalam::wp {

struct WpUser {
  std::string login;
  std::string display_name;
  std::string email;
  std::vector<std::string> roles;  // "administrator", "editor", "author", "contributor", …
  std::string description;         // The biography, as typed (may hold a little HTML).
};

// Parses CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside
// quotes; a UTF-8 byte order mark allowed) with a header line. Invalid with
// "LINE: reason" for a malformed file or one without a user_login column.
Status ParseUsersCsv(const std::string& text, std::map<std::string, WpUser>* by_login);

}  // namespace qalam::wp
