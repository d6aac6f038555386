// The breaking ticker as JSON, the contract of /live/breaking.json and of
// the data of /live's `breaking` events:
//   {"items": [{"id": 3, "text": "…", "link": "/article/…" or null,
//               "urgent": false}, …], "event_id": 1234}
// items first shown first; `event_id` is the change the list is as of,
// which a page passes to /live (`since`) so the stream sends only what is
// newer.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"

namespace qalam {

std::string BreakingJson(const std::vector<BreakingItem>& items, int64_t event_id);

}  // namespace qalam
