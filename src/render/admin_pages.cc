#include "render/admin_pages.h"

#include <kainjow/mustache.hpp>

namespace qalam {
namespace {

using kainjow::mustache::data;

data ToData(const nlohmann::json& j) {
  if (j.is_object()) {
    data d{data::type::object};
    for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(it.value()));
    return d;
  }
  if (j.is_array()) {
    data d{data::type::list};
    for (const auto& item : j) d.push_back(ToData(item));
    return d;
  }
  if (j.is_boolean()) return data(j.get<bool>());
  if (j.is_string()) return data(j.get<std::string>());
  if (j.is_null()) return data(false);
  return data(j.dump());
}

Status RenderOne(const std::string& text, const data& d, std::string* out) {
  kainjow::mustache::mustache tmpl(text);
  if (!tmpl.is_valid()) return Status::Invalid("template error: " + tmpl.error_message());
  *out = tmpl.render(d);
  return Status::Ok();
}

}  // namespace

Status AdminRenderer::Render(const std::string& name, const nlohmann::json& view,
                             std::string* html) const {
  // A missing template is an error, never a blank page that answers 200.
  for (const std::string& t : {"admin_" + name, std::string("admin_layout")}) {
    if (desk_.Template(t).empty()) return Status::NotFound("the desk has no template " + t);
  }
  data d = ToData(view);
  std::string content;
  Status st = RenderOne(desk_.Template("admin_" + name), d, &content);
  if (!st.ok()) return st;
  d.set("content", content);
  d.set("stylesheet", desk_.AssetUrl("admin.css"));
  d.set("icon", desk_.AssetUrl("icon.svg"));
  if (name == "editor") {
    d.set("editor_js", desk_.AssetUrl("editor.js"));
    // The rich-text editor of the body (built from src/render/rich_editor).
    d.set("rich_editor_js", desk_.AssetUrl("rich-editor.js"));
    d.set("rich_editor_css", desk_.AssetUrl("rich-editor.css"));
  }
  if (name == "comments") d.set("moderation_js", desk_.AssetUrl("moderation.js"));
  if (name == "home") d.set("home_js", desk_.AssetUrl("home.js"));
  if (name == "identity") d.set("identity_js", desk_.AssetUrl("identity.js"));
  return RenderOne(desk_.Template("admin_layout"), d, html);
}

}  // namespace qalam
