// Creating a new site: the database, the default settings, and the welcome
// articles that introduce Qalam to its owner (with one breaking item), so
// that every element of an article page is there to see from the start.
#pragma once
#include <string>

#include "core/status.h"

namespace qalam {

// Fails when `data_dir` already holds a site; never touches an existing one.
Status CreateSite(const std::string& data_dir, std::string* report);

}  // namespace qalam
