// Site settings: a fixed set of keys, each with a default, an English
// description for operators and a validator. Values are stored as text.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace qalam {

struct SettingSpec {
  std::string key;
  std::string default_value;
  std::string description;  // For `qalam settings` and --help.
};

// Every known key, in display order.
const std::vector<SettingSpec>& SettingSpecs();
const SettingSpec* FindSettingSpec(const std::string& key);

// Checks `value` for `key` and returns it in canonical form in *canonical
// (trimmed, NFC, lower-cased where the key is an enum). Errors name the key
// and what is allowed.
Status ValidateSetting(const std::string& key, const std::string& value,
                       std::string* canonical);

// A snapshot of all settings with typed accessors. Missing keys read as
// their defaults.
class Settings {
 public:
  Settings() = default;
  explicit Settings(std::map<std::string, std::string> values) : values_(std::move(values)) {}

  const std::string& Get(const std::string& key) const;
  int GetInt(const std::string& key) const;
  bool GetBool(const std::string& key) const;  // "on" is true.
  const std::map<std::string, std::string>& values() const { return values_; }

  std::string site_name() const { return Get("site_name"); }
  std::string site_url() const { return Get("site_url"); }
  // The origin for links Qalam prints or hands to a person (one-time links):
  // site_url once the operator has set it; until then (it is still the
  // default, http://127.0.0.1:8080, whatever port the server listens on)
  // `actual`, the address the server is known to answer at, when given.
  std::string LinkOrigin(const std::string& actual) const;
  std::string timezone() const { return Get("timezone"); }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace qalam
