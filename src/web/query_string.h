// application/x-www-form-urlencoded query strings ("q=%D8%A7+b&page=2").
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace qalam {

// Decodes every name=value pair ('+' is a space); the first of a repeated
// name wins. Returns false when a pair is not valid percent-encoded UTF-8
// or holds a NUL (%00).
bool ParseQueryString(std::string_view query, std::map<std::string, std::string>* out);

}  // namespace qalam
