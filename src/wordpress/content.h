// A WordPress post's content (Gutenberg block markup or classic editor HTML,
// with wpautop's paragraphs and shortcodes) converted to Qalam's body:
// Markdown that content/markdown.h renders in safe mode.
//
// The content of an export is untrusted. It is parsed with a real HTML5
// parser (gumbo) and walked against an allow-list: paragraphs, headings,
// emphasis, links, lists, quotes, code, tables, line breaks, rules and
// images become their Markdown; any other element gives only its text
// (script, style, iframe, object, form and the like give nothing); no
// attribute survives except a link's or image's address (http, https,
// mailto or a path; anything else drops the link and keeps its text) and an
// image's alt text. Text is escaped so that it never becomes Markdown
// structure or raw HTML.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace qalam::wp {

// Something the conversion could not carry over as it was.
struct ContentProblem {
  std::string kind;    // "shortcode" (unknown, kept as text), "image" (no address), "embed", …
  std::string detail;  // The shortcode's name, the address, …
};

struct ContentOptions {
  // Qalam's address for an image address found in the content (an <img>,
  // a [caption]'s image, a gallery's image). Return "" to leave the image out
  // (the caller reports why); unset: addresses are kept as they are.
  std::function<std::string(const std::string& url)> image_url;
  // Qalam's address for a link (<a href>); unset or "": kept as it is. The
  // importer rewrites links to the old site's own posts here.
  std::function<std::string(const std::string& url)> link_url;
  // The file address of an attachment by its WordPress ID, for
  // [gallery ids="…"] and Gutenberg image blocks; "" when unknown.
  std::function<std::string(int64_t attachment_id)> attachment_url;
  // An attachment's alt text and caption by its WordPress ID ("" when none).
  std::function<std::string(int64_t attachment_id)> attachment_alt;
};

struct ConvertedContent {
  std::string markdown;
  std::vector<std::string> image_urls;  // Every image address met, in order, before mapping.
  std::vector<ContentProblem> problems;
};

// Converts one post's content. Never fails: what cannot be converted is kept
// as text or left out, and listed in `problems`.
ConvertedContent ConvertContent(const std::string& content, const ContentOptions& options);

// An excerpt (plain text or a little HTML) as highlight lines: tags dropped,
// entities decoded, whitespace collapsed, one highlight per paragraph.
std::vector<std::string> ExcerptToHighlights(const std::string& excerpt);

// Text that may carry HTML (a title, a name, a term) as plain text: tags
// dropped, entities decoded, whitespace collapsed, NFC.
std::string HtmlToPlainText(const std::string& html);

}  // namespace qalam::wp
