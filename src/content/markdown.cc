#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>

namespace qalam {

namespace {

enum class Output { kHtml, kText };

std::string Render(const std::string& markdown, Output output) {
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
  char* rendered = output == Output::kHtml
                       ? cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser))
                       : cmark_render_plaintext(doc, options, 0);
  std::string out(rendered);
  std::free(rendered);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace

std::string RenderMarkdown(const std::string& markdown) { return Render(markdown, Output::kHtml); }

std::string MarkdownToText(const std::string& markdown) { return Render(markdown, Output::kText); }

}  // namespace qalam
