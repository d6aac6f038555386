// The newsroom desk's pages (templates admin_*.mustache in the theme): a
// view model as JSON, rendered inside admin_layout. Right-to-left Arabic,
// never cached, never indexed.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "render/theme.h"

namespace qalam {

class AdminRenderer {
 public:
  explicit AdminRenderer(const Theme& theme) : theme_(theme) {}
  // Renders templates/admin_NAME.mustache with `view`, inside the layout;
  // `view["title"]` names the page.
  Status Render(const std::string& name, const nlohmann::json& view, std::string* html) const;

 private:
  const Theme& theme_;
};

}  // namespace qalam
