// Article bodies: GitHub-flavoured Markdown to HTML through cmark-gfm, in
// safe mode: raw HTML and javascript:/data: links never reach the page.
#pragma once
#include <string>

namespace qalam {

std::string RenderMarkdown(const std::string& markdown);

// The words a reader sees, without Markdown syntax or link targets: what the
// search index and its snippets hold. Paragraphs stay on their own lines.
std::string MarkdownToText(const std::string& markdown);

}  // namespace qalam
