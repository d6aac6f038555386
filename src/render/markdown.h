// Article bodies: GitHub-flavoured Markdown to HTML through cmark-gfm, in
// safe mode: raw HTML and javascript:/data: links never reach the page.
#pragma once
#include <string>

namespace qalam {

std::string RenderMarkdown(const std::string& markdown);

}  // namespace qalam
