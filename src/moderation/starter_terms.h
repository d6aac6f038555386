// The starter term lists a new site gets (src/moderation/starter_terms.tsv,
// compiled into the binary): obscenities, personal insults, and slurs
// against religions, sects, origins and genders, written by the Qalam
// developers. `qalam init` lists them on the new site, where admins edit them
// like their own (/admin/terms); `qalam moderation terms starter` adds the
// missing ones to an existing site. They are what stops an obvious insult on
// a site with no classifier yet, and they are the "listed term" that a
// classifier's reject score must agree with (moderation_reject_needs).
#pragma once
#include <string_view>
#include <vector>

#include "core/status.h"
#include "moderation/term_matcher.h"

namespace qalam::moderation {

// Parses the list format: `#` comments and blank lines ignored; every other
// line ACTION<TAB>CATEGORY<TAB>TERM with ACTION reject or hold. Invalid with
// the line number on anything else, or a term TermMatcher::Validate refuses.
Status ParseTermList(std::string_view tsv, std::vector<Term>* out);

// The embedded starter list, parsed (it is checked by a unit test, so this
// never fails in a released binary; an empty list if it somehow did).
const std::vector<Term>& StarterTerms();

}  // namespace qalam::moderation
