// Creating a new site: the database, the default settings, and the welcome
// articles that introduce Qalam to its owner (with one breaking item), so
// that every element of an article page is there to see from the start.
#pragma once
#include <string>

#include "core/status.h"

namespace qalam {

class Store;

// Lists the starter terms (moderation/starter_terms.h) that the site does not
// list yet; a term the site lists already, with whatever action an admin
// gave it, is left as it is. *added: how many were added.
Status AddStarterTerms(Store& store, size_t* added);

// Fails when `data_dir` already holds a site; never touches an existing one.
// The new site lists the starter terms.
Status CreateSite(const std::string& data_dir, std::string* report);

}  // namespace qalam
