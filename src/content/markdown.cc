#include "content/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <mutex>
#include <vector>

#include "content/embeds.h"
#include "content/figures.h"
#include "content/html_attr.h"
#include "core/text.h"

namespace qalam {

namespace {

enum class Output { kHtml, kText };

// The text of a node's descendants (an image's alt, a link's text).
std::string InlineText(cmark_node* node) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (const char* lit = cmark_node_get_literal(c)) out += lit;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        out += InlineText(c);
    }
  }
  return out;
}

bool IsBlank(cmark_node* node) {
  const cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) return true;
  if (type != CMARK_NODE_TEXT) return false;
  const char* lit = cmark_node_get_literal(node);
  return !lit || Trim(lit).empty();
}

// The images of a paragraph that holds nothing else but spaces and line
// breaks; empty otherwise.
std::vector<FigureImage> StandaloneImages(cmark_node* paragraph) {
  std::vector<FigureImage> images;
  for (cmark_node* c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) == CMARK_NODE_IMAGE) {
      FigureImage image;
      const char* url = cmark_node_get_url(c);
      const char* title = cmark_node_get_title(c);
      image.url = url ? url : "";
      image.alt = InlineText(c);
      SplitImageTitle(title ? title : "", &image.caption, &image.credit);
      images.push_back(std::move(image));
    } else if (!IsBlank(c)) {
      return {};
    }
  }
  return images;
}

// The embed a paragraph stands for when it holds one bare address: plain
// text, or a link whose text is its own address (GFM's autolinks, <…>),
// never a [text](url) link.
std::optional<Embed> ParagraphEmbed(cmark_node* paragraph) {
  // GFM's autolinks leave empty text nodes around the link they cut out.
  std::vector<cmark_node*> parts;
  for (cmark_node* c = cmark_node_first_child(paragraph); c; c = cmark_node_next(c)) {
    const cmark_node_type type = cmark_node_get_type(c);
    if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) return std::nullopt;
    if (type == CMARK_NODE_TEXT && IsBlank(c)) continue;
    parts.push_back(c);
  }
  if (parts.empty()) return std::nullopt;
  std::string address;
  if (parts.size() == 1 && cmark_node_get_type(parts[0]) == CMARK_NODE_LINK) {
    const char* url = cmark_node_get_url(parts[0]);
    const std::string text = InlineText(parts[0]);
    if (!url || (text != url && "http://" + text != url)) return std::nullopt;
    address = url;
  } else {
    for (cmark_node* c : parts) {
      if (cmark_node_get_type(c) != CMARK_NODE_TEXT) return std::nullopt;
      address += cmark_node_get_literal(c);
    }
    address = Trim(address);
  }
  return RecognizeEmbed(address);
}

// Replaces `node` with a block of Qalam's own HTML (a custom block is
// written as it is, safe mode or not: every text in it is escaped here).
void ReplaceWithHtml(cmark_node* node, const std::string& html) {
  cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(block, html.c_str());
  cmark_node_insert_before(node, block);
  cmark_node_free(node);
}

// Replaces `node` with a paragraph of `text`, or drops it when empty.
void ReplaceWithText(cmark_node* node, const std::string& text) {
  if (!text.empty()) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node* literal = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(literal, text.c_str());
    cmark_node_append_child(paragraph, literal);
    cmark_node_insert_before(node, paragraph);
  }
  cmark_node_free(node);
}

// Clears the address of every link that IsSafeUrl refuses and every image
// that IsSafeImageUrl refuses (the text stays): cmark-gfm's safe mode alone
// would keep data:image/… ones.
void ClearUnsafeAddresses(cmark_node* doc) {
  cmark_iter* iter = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) continue;
    const char* url = cmark_node_get_url(node);
    if (url && !(type == CMARK_NODE_IMAGE ? IsSafeImageUrl(url) : IsSafeUrl(url))) cmark_node_set_url(node, "");
  }
  cmark_iter_free(iter);
}

// The body forms of docs/ARTICLE-FORMAT.md: figures, galleries, embeds. In
// text, a figure keeps its caption's words and an embed is dropped.
void RewriteBodyForms(cmark_node* doc, Output output) {
  std::vector<cmark_node*> paragraphs;
  cmark_iter* iter = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) paragraphs.push_back(node);
  }
  cmark_iter_free(iter);
  for (cmark_node* paragraph : paragraphs) {
    // A paragraph in a tight list item is written without <p>: leave the
    // forms to paragraphs of their own.
    cmark_node* parent = cmark_node_parent(paragraph);
    if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM) continue;
    std::vector<FigureImage> images = StandaloneImages(paragraph);
    if (!images.empty()) {
      if (output == Output::kHtml) {
        ReplaceWithHtml(paragraph, images.size() == 1 ? FigureHtml(images[0]) : GalleryHtml(images));
      } else {
        std::string text;
        for (const FigureImage& image : images) {
          if (image.caption.empty()) continue;
          if (!text.empty()) text += '\n';
          text += image.caption;
        }
        ReplaceWithText(paragraph, text);
      }
      continue;
    }
    if (std::optional<Embed> embed = ParagraphEmbed(paragraph)) {
      if (output == Output::kHtml) {
        ReplaceWithHtml(paragraph, EmbedPlaceholderHtml(*embed));
      } else {
        ReplaceWithText(paragraph, "");
      }
    }
  }
}

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
  ClearUnsafeAddresses(doc);
  RewriteBodyForms(doc, output);
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
