#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace qalam {

std::string RenderMarkdown(const std::string& markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = CMARK_OPT_DEFAULT;  // No CMARK_OPT_UNSAFE: raw HTML is dropped.
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"autolink", "strikethrough", "table"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  std::free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace qalam
