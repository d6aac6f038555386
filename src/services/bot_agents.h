// Whether a request's User-Agent is a program rather than a reader: search
// and ad crawlers, link-preview fetchers (WhatsApp, Telegram, Slack, X,
// Facebook), monitors, headless browsers and HTTP libraries. Views from
// these are not counted (services/view_counter.h). Pure; an empty agent is
// a program too (every browser sends one).
#pragma once
#include <string_view>

namespace qalam {

bool IsBotAgent(std::string_view user_agent);

}  // namespace qalam
