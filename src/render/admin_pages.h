// The newsroom desk's pages (templates admin_*.mustache in src/render/desk,
// never the reader's theme, so `--theme` cannot blank the desk): a view model
// as JSON, rendered inside admin_layout. Right-to-left Arabic, never cached,
// never indexed.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "render/theme.h"

namespace qalam {

class AdminRenderer {
 public:
  // Always Theme::Desk(): there is deliberately no way to hand it a reader theme.
  AdminRenderer() : desk_(Theme::Desk()) {}
  // Renders templates/admin_NAME.mustache with `view`, inside the layout;
  // `view["title"]` names the page.
  Status Render(const std::string& name, const nlohmann::json& view, std::string* html) const;

 private:
  const Theme& desk_;
};

}  // namespace qalam
