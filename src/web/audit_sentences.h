// The audit log as the desk shows it: each entry's action code and detail
// (as services write them: "article.schedule" with "TITLE @1796613240",
// "comment.approve" with "pending → approved", "user.role" with
// "writer → editor") turned into one Arabic sentence, with the site's digits
// and dates in the site's style, and a link to what it acted on.
//
// Stored entries keep their codes (they are the log's stable record, and
// older entries were written the same way); only their reading changes. An
// action this file does not know is shown as its code and detail, never
// hidden.
#pragma once
#include <functional>
#include <string>

#include "arabic/dates.h"
#include "core/account.h"

namespace qalam {

struct AuditSentence {
  std::string text;  // «نشر المقالة «…»»
  std::string link;  // A desk address for what it acted on; empty if none.
};

// Names what a "user:ID" target is called now (empty when unknown).
using UserNameLookup = std::function<std::string(Id)>;

AuditSentence DescribeAudit(const AuditEntry& entry, const DateStyle& style, const UserNameLookup& user_name);

// Who did it, as the log's «مَن» column shows: the account's name, or what
// acted without one (scheduled publishing, the command line).
std::string AuditActor(const AuditEntry& entry);

}  // namespace qalam
