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
//
// An image with its caption (a [caption] shortcode, a <figure> of one image
// and its <figcaption>, the image block) becomes a Qalam figure: the image
// alone in its paragraph, the caption as plain text in its title; a gallery
// (the gallery block, [gallery]) becomes a Qalam gallery, its images one a
// line in one paragraph (docs/ARTICLE-FORMAT.md, "Figures and galleries").
// A link around such an image is dropped when it leads to the image itself or
// its attachment page (a figure has no link); any other link keeps the image a
// linked image, its caption an italic line after it. A link inside a caption
// is reported (kind "caption") and its text kept.
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
  // An attachment's caption (its excerpt) as plain text, for a gallery's
  // images and a [caption] without one of its own ("" when none).
  std::function<std::string(int64_t attachment_id)> attachment_caption;
  // The images attached to this post in gallery order, for [gallery] without
  // ids (WordPress shows the post's attached images then).
  std::function<std::vector<int64_t>()> attached_images;
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
