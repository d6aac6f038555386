// The settings' Arabic names as the desk's settings page shows them, for
// other desk pages that name a setting (the audit log).
#pragma once
#include <string>

namespace qalam {

// «اسم الموقع» for "site_name"; the key itself for a key without a label.
std::string SettingArabicLabel(const std::string& key);

// The Arabic names of the settings the identity page sets (logo, favicon…);
// null for any other key.
const char* IdentitySettingLabel(const std::string& key);

// A fixed choice's Arabic name («هندية (١٥)» for digits "arabic"); any other
// value as it is.
std::string SettingArabicValue(const std::string& key, const std::string& value);

}  // namespace qalam
