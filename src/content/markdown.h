// Article bodies: GitHub-flavoured Markdown to HTML through cmark-gfm, in
// safe mode: raw HTML and javascript:/vbscript:/file:/data: addresses of
// links and images never reach the page (content/html_attr.h, IsSafeUrl).
// Bodies are checked against content/markdown_limits.h before they are
// saved; these functions take any input, but only those bounds keep their
// time small.
// Three paragraph forms are Qalam's own (docs/ARTICLE-FORMAT.md, "The
// body"): an image alone is a figure with its caption and credit (content/
// figures.h), several images alone are a gallery, and a provider's bare
// address alone is an embed that loads nothing until clicked (content/
// embeds.h).
#pragma once
#include <string>

namespace qalam {

std::string RenderMarkdown(const std::string& markdown);

// The words a reader sees, without Markdown syntax or link targets: what the
// search index and its snippets hold. Paragraphs stay on their own lines.
// A figure keeps its caption's words; an embed's address is dropped.
std::string MarkdownToText(const std::string& markdown);

}  // namespace qalam
