// WordPress content to Qalam's Markdown body (wordpress/content.h).
//
// The content is parsed once by gumbo (an HTML5 parser: what it builds is
// what a browser would) and the tree is walked against an allow-list. Inline
// content is written through InlineWriter (wordpress/markdown_writer.h), which
// escapes text; blocks are collected per container (the document, a quote, a
// list item) and prefixed when the container is written. Shortcodes are read
// from text nodes only, so an attribute value never holds one.
#include "wordpress/content.h"

#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/text.h"
#include "wordpress/markdown_writer.h"
#include "wordpress/shortcodes.h"

namespace qalam::wp {
namespace {

// Elements deeper than this are taken as text (gathered without recursion).
constexpr int kMaxDepth = 64;
// Quotes and lists nested deeper than this are written as plain paragraphs.
constexpr int kMaxContainers = 16;
// Shortcodes inside shortcodes deeper than this stay text: each level reads
// its content once more, so the depth bounds the work.
constexpr int kMaxShortcodeDepth = 4;
// Problems kept per post, and bytes of a problem's detail.
constexpr size_t kMaxProblems = 200;
constexpr size_t kMaxDetail = 200;

// ---------------------------------------------------------------------------
// gumbo

// A parse of the content as a document; its nodes are the children of
// root(), the <body>. What the parser moves into <head> (style, script, meta,
// base, title) is dropped anyway. Known: gumbo 0.10.1 leaves <form> elements
// out of the tree and keeps their content, so a form's text shows.
class Parsed {
 public:
  explicit Parsed(const std::string& html) {
    options_ = kGumboDefaultOptions;
    options_.max_errors = 0;  // Hostile input makes errors without end; none are needed.
    output_ = gumbo_parse_with_options(&options_, html.data(), html.size());
  }
  ~Parsed() { gumbo_destroy_output(&options_, output_); }
  Parsed(const Parsed&) = delete;
  Parsed& operator=(const Parsed&) = delete;
  const GumboNode* root() const {
    const GumboVector& children = output_->root->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) return child;
    }
    return output_->root;
  }

 private:
  GumboOptions options_;
  GumboOutput* output_;
};

bool IsText(const GumboNode* n) {
  return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
         n->type == GUMBO_NODE_CDATA;
}

bool IsHtmlElement(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

GumboTag Tag(const GumboNode* n) { return IsHtmlElement(n) ? n->v.element.tag : GUMBO_TAG_LAST; }

std::string_view Attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool HasClass(const GumboNode* n, std::string_view cls) {
  std::string_view classes = Attr(n, "class");
  size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && classes[i] == ' ') ++i;
    size_t j = i;
    while (j < classes.size() && classes[j] != ' ') ++j;
    if (classes.substr(i, j - i) == cls) return true;
    i = j;
  }
  return false;
}

// The attachment ID in an image's "wp-image-N" class (0 when none).
int64_t WpImageId(const GumboNode* n) {
  std::string_view classes = Attr(n, "class");
  const size_t at = classes.find("wp-image-");
  if (at == std::string_view::npos) return 0;
  size_t e = at + 9;
  while (e < classes.size() && classes[e] >= '0' && classes[e] <= '9') ++e;
  int64_t id = 0;
  return ParsePositive(classes.substr(at + 9, e - at - 9), &id) ? id : 0;
}

// Elements that give nothing at all: code, styles, plugins, forms, foreign
// content, the document's head.
bool IsDropped(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_LAST:  // Not HTML (svg, math content).
      return true;
    default:
      return false;
  }
}

// Elements that end the paragraph before them and start a new one after.
bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsBlockNode(const GumboNode* n) { return n && IsHtmlElement(n) && IsBlock(Tag(n)); }

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The text under n, without recursion (any depth): what a code block, an
// embed's URL or a too-deep subtree gives. <br> gives a newline; with
// block_spaces, a block element's edges give a space (so words of separate
// paragraphs do not run together), or '\x01' with block_marks (paragraphs).
std::string TextOf(const GumboNode* root, bool block_spaces, bool block_marks = false) {
  std::string out;
  std::vector<std::pair<const GumboNode*, bool>> stack;  // (node, leaving)
  stack.emplace_back(root, false);
  while (!stack.empty()) {
    auto [n, leaving] = stack.back();
    stack.pop_back();
    if (IsText(n)) {
      out += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag t = Tag(n);
    if (IsDropped(t) && n != root) continue;
    const bool block = block_spaces && IsBlock(t);
    if (leaving) {
      if (block) out += block_marks ? '\x01' : ' ';
      continue;
    }
    if (t == GUMBO_TAG_BR) out += '\n';
    if (block) {
      out += block_marks ? '\x01' : ' ';
      stack.emplace_back(n, true);
    }
    const GumboVector& children = n->v.element.children;
    for (size_t i = children.length; i > 0; --i) {
      stack.emplace_back(static_cast<const GumboNode*>(children.data[i - 1]), false);
    }
  }
  return out;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsHtmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string Cut(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && AsciiLower(s.substr(0, prefix.size())) == prefix;
}

bool IsBareWebAddress(std::string_view word) {
  return (StartsWithNoCase(word, "http://") || StartsWithNoCase(word, "https://")) &&
         IsWebAddress(word);
}

// ---------------------------------------------------------------------------
// Figures and galleries: their shape, read before anything is written

bool IsBlankText(const GumboNode* n) {
  return IsText(n) && Trim(std::string_view(n->v.text.text)).empty();
}

// The attachment an image block's comment names ("wp:image {"id":N,…}"), 0
// when none; -1 when the comment is not an image block's opening.
int64_t ImageBlockId(std::string_view text) {
  while (!text.empty() && IsHtmlSpace(text.front())) text.remove_prefix(1);
  if (text.rfind("wp:image", 0) != 0) return -1;
  const size_t at = text.find("\"id\":");
  if (at == std::string_view::npos) return 0;
  size_t e = at + 5;
  while (e < text.size() && text[e] >= '0' && text[e] <= '9') ++e;
  int64_t id = 0;
  return ParsePositive(text.substr(at + 5, e - at - 5), &id) ? id : 0;
}

// A link that leads to the image it holds (its file, a size of it) or to the
// image's attachment page: WordPress's "link to media file / attachment page".
bool LeadsToImage(const GumboNode* a) {
  if (Attr(a, "rel").find("attachment") != std::string_view::npos) return true;
  std::string href = Trim(Attr(a, "href"));
  for (char& c : href) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (href.find("attachment_id=") != std::string::npos) return true;
  if (const size_t end = href.find_first_of("?#"); end != std::string::npos) href.resize(end);
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp"}) {
    if (href.size() > ext.size() && href.compare(href.size() - ext.size(), ext.size(), ext) == 0) {
      return true;
    }
  }
  return false;
}

// The <img> that n is, or that n (a link to the image or its attachment
// page) holds alone; nullptr otherwise.
const GumboNode* FigureImg(const GumboNode* n) {
  if (Tag(n) == GUMBO_TAG_IMG) return n;
  if (Tag(n) != GUMBO_TAG_A || !LeadsToImage(n)) return nullptr;
  const GumboNode* img = nullptr;
  const GumboVector& children = n->v.element.children;
  for (size_t i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (IsBlankText(child) || child->type == GUMBO_NODE_COMMENT) continue;
    if (img || Tag(child) != GUMBO_TAG_IMG) return nullptr;
    img = child;
  }
  return img;
}

// One image of a figure or gallery before it is written: an <img> (with the
// attachment its block's comment named), or an attachment's address and alt
// text ([gallery]); its caption as a <figcaption> or as plain text.
struct FigureSource {
  const GumboNode* img = nullptr;
  int64_t block_id = 0;
  std::string url;
  std::string alt;
  const GumboNode* caption_node = nullptr;
  std::string caption;
};

// A <figure> of one image (or linked image, FigureImg) and at most one
// <figcaption>, nothing else.
bool FigureShape(const GumboNode* n, const GumboNode** img, const GumboNode** caption) {
  *img = nullptr;
  *caption = nullptr;
  const GumboVector& children = n->v.element.children;
  for (size_t i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (IsBlankText(child) || child->type == GUMBO_NODE_COMMENT) continue;
    const GumboNode* image = *img ? nullptr : FigureImg(child);
    if (image) {
      *img = image;
    } else if (!*caption && Tag(child) == GUMBO_TAG_FIGCAPTION) {
      *caption = child;
    } else {
      return false;
    }
  }
  return *img != nullptr;
}

// A gallery block's images in order, and its own caption: since WordPress
// 5.9 <figure class="wp-block-gallery"> of image blocks (<figure
// class="wp-block-image">, each after its "wp:image" comment); before, a
// <ul class="blocks-gallery-grid"> (or the <ul class="wp-block-gallery">
// itself) of <li><figure><img><figcaption>. False when it holds anything
// else (the caller converts it as any other element then).
bool GalleryShape(const GumboNode* n, int depth, std::vector<FigureSource>* items,
                  const GumboNode** caption, int64_t* block_id) {
  if (depth > kMaxDepth) return false;
  const GumboVector& children = n->v.element.children;
  for (size_t i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (IsBlankText(child)) continue;
    if (child->type == GUMBO_NODE_COMMENT) {
      const int64_t id = ImageBlockId(child->v.text.text);
      if (id >= 0) *block_id = id;
      continue;
    }
    const GumboTag t = Tag(child);
    FigureSource item;
    item.block_id = *block_id;
    if (t == GUMBO_TAG_FIGCAPTION && depth == 0 && !*caption) {
      *caption = child;
    } else if (t == GUMBO_TAG_FIGURE) {
      if (!FigureShape(child, &item.img, &item.caption_node)) return false;
      items->push_back(std::move(item));
      *block_id = 0;
    } else if ((item.img = FigureImg(child)) != nullptr) {
      items->push_back(std::move(item));
      *block_id = 0;
    } else if (t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_LI) {
      if (!GalleryShape(child, depth + 1, items, caption, block_id)) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool IsGallery(const GumboNode* n) {
  return HasClass(n, "wp-block-gallery") || HasClass(n, "blocks-gallery-grid");
}

// ---------------------------------------------------------------------------
// The conversion

enum class BlockKind { kParagraph, kList, kOther };

struct Block {
  std::string text;
  BlockKind kind = BlockKind::kOther;
  char marker = 0;          // A list's: '-', '*', '.' or ')'.
  bool interrupts = false;  // A list that may follow a paragraph line directly.
};

// A child of an element as the walk sees it: an element, or (part of) a
// text node: shortcodes split text nodes.
struct Piece {
  const GumboNode* node;
  bool is_text;
  std::string_view text;
};

struct Ctx {
  int depth = 0;
  int containers = 0;
  int shortcodes = 0;       // Shortcode nesting.
  bool inline_only = false; // Inside a span, heading, cell or caption.
  bool in_link = false;
  bool in_strong = false;
  bool in_em = false;
  bool in_del = false;
};

std::string JoinBlocks(const std::vector<Block>& blocks, bool tight_lists) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (i > 0) {
      const bool tight = tight_lists && blocks[i].kind == BlockKind::kList &&
                         blocks[i].interrupts && blocks[i - 1].kind == BlockKind::kParagraph;
      out += tight ? "\n" : "\n\n";
    }
    out += blocks[i].text;
  }
  return out;
}

// Every line of text after the first prefixed with `rest`, the first with
// `first`; empty lines get the prefix without its trailing spaces.
std::string PrefixLines(std::string_view text, std::string_view first, std::string_view rest) {
  std::string out;
  size_t start = 0;
  bool is_first = true;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    std::string_view prefix = is_first ? first : rest;
    if (line.empty()) {
      while (!prefix.empty() && prefix.back() == ' ') prefix.remove_suffix(1);
    }
    out.append(prefix);
    out.append(line);
    if (nl < text.size()) out += '\n';
    start = nl + 1;
    is_first = false;
  }
  return out;
}

bool IsKnownShortcode(std::string_view name) {
  static const std::set<std::string_view> kKnown = {"caption", "wp_caption", "gallery", "embed",
                                                    "audio",   "video",      "youtube", "vimeo"};
  return kKnown.count(name) > 0;
}

class Converter {
 public:
  Converter(const ContentOptions& options, bool classic, ConvertedContent* out)
      : options_(options), classic_(classic), out_(out) {
    blocks_ = &root_blocks_;
    inline_ = &root_inline_;
  }

  void Run(const GumboNode* root) {
    Children(root, Ctx{});
    FlushParagraph();
    out_->markdown = JoinBlocks(root_blocks_, true);
  }

 private:
  // --- problems ------------------------------------------------------------

  void Problem(std::string kind, std::string_view detail) {
    if (out_->problems.size() >= kMaxProblems) return;
    std::string d = Cut(detail, kMaxDetail);
    if (!reported_.insert(kind + '\n' + d).second) return;
    out_->problems.push_back({std::move(kind), std::move(d)});
  }

  // --- blocks --------------------------------------------------------------

  void FlushParagraph() {
    for (std::string& p : inline_->TakeParagraphs()) {
      blocks_->push_back({std::move(p), BlockKind::kParagraph});
    }
  }

  void AddBlock(Block block) {
    FlushParagraph();
    if (!block.text.empty()) blocks_->push_back(std::move(block));
  }

  // The blocks that fn writes, in a container of their own.
  template <typename Fn>
  std::vector<Block> InContainer(Fn fn) {
    std::vector<Block> blocks;
    InlineWriter writer;
    std::vector<Block>* saved_blocks = blocks_;
    InlineWriter* saved_inline = inline_;
    blocks_ = &blocks;
    inline_ = &writer;
    fn();
    FlushParagraph();
    blocks_ = saved_blocks;
    inline_ = saved_inline;
    return blocks;
  }

  // The inline text that fn writes, on one line (headings, cells, captions).
  template <typename Fn>
  std::string OneLine(InlinePlace place, Fn fn) {
    place.single_line = true;
    InlineWriter writer(place);
    InlineWriter* saved = inline_;
    inline_ = &writer;
    fn();
    inline_ = saved;
    std::string out;
    for (const std::string& p : writer.TakeParagraphs()) {
      if (!out.empty()) out += ' ';
      out += p;
    }
    return out;
  }

  // --- addresses -----------------------------------------------------------

  std::optional<std::string> LinkAddress(std::string_view raw) {
    std::optional<std::string> url = SafeUrl(raw);
    if (!url) return std::nullopt;
    if (options_.link_url) {
      const std::string mapped = options_.link_url(*url);
      if (!mapped.empty()) return SafeUrl(mapped);
    }
    return url;
  }

  // Writes an image whose address passed SafeUrl.
  void WriteImage(const std::string& url, std::string_view alt) {
    std::optional<std::string> dest = MapImage(url);
    if (!dest) return;
    inline_->Markup("![" + AltText(alt) + "](" + LinkDestination(*dest) + ")");
  }

  // An image's address here (ContentOptions::image_url), the address met
  // recorded; nullopt when the image is left out (the caller knows why).
  std::optional<std::string> MapImage(const std::string& url) {
    out_->image_urls.push_back(url);
    if (!options_.image_url) return url;
    return SafeUrl(options_.image_url(url));
  }

  std::string AltText(std::string_view alt) {
    return OneLine({}, [&] { inline_->Text(ToNfc(alt)); });
  }

  // A link standing for media (an embed, a video, an audio file): a line of
  // its own in a block, a link in a span.
  void MediaLink(std::string_view raw, const char* kind, const Ctx& ctx) {
    const std::string trimmed = Trim(raw);
    std::optional<std::string> url = LinkAddress(trimmed);
    if (!url) {
      Problem(kind, trimmed.empty() ? "(no address)" : trimmed);
      return;
    }
    if (ctx.in_link) return;
    if (!ctx.inline_only) FlushParagraph();
    inline_->Open("[");
    inline_->Text(*SafeUrl(trimmed));
    inline_->Close("](" + LinkDestination(*url) + ")");
    if (!ctx.inline_only) FlushParagraph();
  }

  // --- the walk ------------------------------------------------------------

  void Children(const GumboNode* n, const Ctx& ctx) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboVector& children = n->v.element.children;
    std::vector<Piece> pieces;
    pieces.reserve(children.length);
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (IsText(child)) {
        pieces.push_back({child, true, child->v.text.text});
      } else {
        pieces.push_back({child, false, {}});
      }
    }
    Pieces(pieces, ctx);
  }

  void Node(const GumboNode* n, const Ctx& ctx) {
    if (IsText(n)) {
      EmitText(n->v.text.text, nullptr, nullptr, ctx);
    } else if (n->type == GUMBO_NODE_COMMENT) {
      Comment(n);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      Element(n, ctx);
    }
  }

  // Gutenberg's image block names its attachment in its comment.
  void Comment(const GumboNode* n) {
    std::string_view text = n->v.text.text;
    while (!text.empty() && IsHtmlSpace(text.front())) text.remove_prefix(1);
    if (const int64_t id = ImageBlockId(text); id >= 0) {
      pending_attachment_ = id;
    } else if (text.rfind("/wp:image", 0) == 0) {
      pending_attachment_ = 0;
    }
  }

  void Element(const GumboNode* n, Ctx ctx) {
    const GumboTag t = Tag(n);
    if (IsDropped(t)) return;
    if (ctx.depth >= kMaxDepth) {
      inline_->Text(ToNfc(TextOf(n, true)));
      return;
    }
    ++ctx.depth;
    switch (t) {
      case GUMBO_TAG_BR:
        inline_->Break();
        return;
      case GUMBO_TAG_IMG:
        Image(n, ctx);
        return;
      case GUMBO_TAG_A:
        Link(n, ctx);
        return;
      case GUMBO_TAG_STRONG:
      case GUMBO_TAG_B:
        Span(n, ctx, "**", &Ctx::in_strong);
        return;
      case GUMBO_TAG_EM:
      case GUMBO_TAG_I:
      case GUMBO_TAG_CITE:
        Span(n, ctx, "*", &Ctx::in_em);
        return;
      case GUMBO_TAG_DEL:
      case GUMBO_TAG_S:
      case GUMBO_TAG_STRIKE:
        Span(n, ctx, "~~", &Ctx::in_del);
        return;
      case GUMBO_TAG_CODE:
        inline_->Code(ToNfc(TextOf(n, false)));
        return;
      case GUMBO_TAG_IFRAME:
      case GUMBO_TAG_FRAME: {
        // The frame's address is kept as a link (a video, a map); srcdoc and
        // the fallback content never are.
        std::string_view src = Attr(n, "src");
        if (src.empty()) {
          Problem("embed", "iframe without src");
        } else {
          MediaLink(src, "embed", ctx);
        }
        return;
      }
      case GUMBO_TAG_AUDIO:
      case GUMBO_TAG_VIDEO:
        Media(n, ctx, t == GUMBO_TAG_AUDIO ? "audio" : "video");
        return;
      default:
        break;
    }
    if (ctx.inline_only) {
      // A block inside a span or a one-line place: its content, set apart.
      const bool block = IsBlock(t);
      if (block) inline_->ParagraphBreak();
      if (t == GUMBO_TAG_PRE) {
        inline_->Text(ToNfc(TextOf(n, false)));
      } else {
        Children(n, ctx);
      }
      if (block) inline_->ParagraphBreak();
      return;
    }
    switch (t) {
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        Heading(n, ctx, static_cast<int>(t - GUMBO_TAG_H1) + 1);
        return;
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
        if (IsGallery(n) && GalleryBlock(n, ctx)) return;
        List(n, ctx, t == GUMBO_TAG_OL);
        return;
      case GUMBO_TAG_BLOCKQUOTE:
        Quote(n, ctx);
        return;
      case GUMBO_TAG_PRE:
        Pre(n, ctx);
        return;
      case GUMBO_TAG_HR:
        AddBlock({"***"});
        return;
      case GUMBO_TAG_TABLE:
        Table(n, ctx);
        return;
      case GUMBO_TAG_FIGURE:
        Figure(n, ctx);
        return;
      case GUMBO_TAG_FIGCAPTION:
      case GUMBO_TAG_CAPTION:
        CaptionLine(ctx, [&](const Ctx& c) { Children(n, c); });
        return;
      default:
        break;
    }
    if (IsBlock(t)) {
      FlushParagraph();
      Children(n, ctx);
      FlushParagraph();
    } else {
      Children(n, ctx);  // Any other element: its text (and allowed descendants).
    }
  }

  void Span(const GumboNode* n, Ctx ctx, std::string_view marker, bool Ctx::*flag) {
    ctx.inline_only = true;
    if (ctx.*flag) {
      Children(n, ctx);  // "**a **b** c**" is the same strong text.
      return;
    }
    ctx.*flag = true;
    inline_->Open(marker);
    Children(n, ctx);
    inline_->Close(marker);
  }

  void Link(const GumboNode* n, Ctx ctx) {
    std::string_view href = Attr(n, "href");
    std::optional<std::string> url;
    if (!ctx.in_link && !href.empty()) {
      url = LinkAddress(href);
      if (!url) Problem("link", href);
    }
    if (!url) {
      Children(n, ctx);  // The text stays; the address goes.
      return;
    }
    ctx.in_link = true;
    ctx.inline_only = true;
    inline_->Open("[");
    Children(n, ctx);
    inline_->Close("](" + LinkDestination(*url) + ")");
  }

  void Image(const GumboNode* n, const Ctx&) {
    if (std::optional<ImageRef> ref = ImageSource(n, pending_attachment_)) WriteImage(ref->url, ref->alt);
  }

  struct ImageRef {
    std::string url;  // Passed SafeUrl; not yet mapped.
    std::string alt;
  };

  // An <img>'s address and alt text, the attachment's (by its class, else
  // block_id) where the element lacks them; nullopt (reported) when none.
  std::optional<ImageRef> ImageSource(const GumboNode* n, int64_t block_id) {
    // Lazy-loading plugins leave a placeholder (often a data: pixel) in src
    // and the image's address in data-src.
    std::string_view src = Attr(n, "src");
    std::optional<std::string> url = SafeUrl(src);
    for (const char* lazy : {"data-src", "data-lazy-src", "data-orig-file"}) {
      if (url && !StartsWithNoCase(Trim(src), "data:")) break;
      std::string_view alt_src = Attr(n, lazy);
      if (!alt_src.empty() && SafeUrl(alt_src)) {
        src = alt_src;
        url = SafeUrl(src);
      }
    }
    if (url && StartsWithNoCase(*url, "data:")) url.reset();
    int64_t id = WpImageId(n);
    if (id == 0) id = block_id;
    if (!url && id > 0 && options_.attachment_url) url = SafeUrl(options_.attachment_url(id));
    if (!url) {
      Problem("image", src.empty() ? "(no address)" : src);
      return std::nullopt;
    }
    std::string alt(Attr(n, "alt"));
    if (Trim(alt).empty() && id > 0 && options_.attachment_alt) alt = options_.attachment_alt(id);
    return ImageRef{std::move(*url), std::move(alt)};
  }

  void Media(const GumboNode* n, const Ctx& ctx, const char* kind) {
    std::string_view src = Attr(n, "src");
    if (src.empty()) {
      const GumboVector& children = n->v.element.children;
      for (size_t i = 0; i < children.length && src.empty(); ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (Tag(child) == GUMBO_TAG_SOURCE) src = Attr(child, "src");
      }
    }
    MediaLink(src, kind, ctx);
  }

  void Heading(const GumboNode* n, Ctx ctx, int level) {
    // The article's title is the page's h1: the content's headings start at h2.
    level = std::max(level, 2);
    FlushParagraph();
    ctx.inline_only = true;
    const std::string text = OneLine({.heading = true}, [&] { Children(n, ctx); });
    if (!text.empty()) AddBlock({std::string(level, '#') + " " + text});
  }

  void List(const GumboNode* n, Ctx ctx, bool ordered) {
    FlushParagraph();
    if (ctx.containers >= kMaxContainers) {
      Children(n, ctx);  // Items as paragraphs.
      return;
    }
    ++ctx.containers;
    // Two lists in a row with the same marker would be read as one.
    char marker = ordered ? '.' : '-';
    if (!blocks_->empty() && blocks_->back().kind == BlockKind::kList &&
        blocks_->back().marker == marker) {
      marker = ordered ? ')' : '*';
    }
    int64_t number = 1;
    if (ordered) {
      int64_t start = 0;
      if (ParsePositive(Trim(Attr(n, "start")), &start) && start < 100000000) number = start;
    }
    const int64_t first_number = number;
    std::string text;
    const GumboVector& children = n->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_COMMENT || child->type == GUMBO_NODE_WHITESPACE) continue;
      std::vector<Block> item = InContainer([&] {
        if (Tag(child) == GUMBO_TAG_LI) {
          Children(child, ctx);
        } else {
          Node(child, ctx);  // Stray content of the list: an item of its own.
        }
      });
      if (item.empty()) continue;
      const std::string mark =
          ordered ? std::to_string(number++) + marker + " " : std::string(1, marker) + " ";
      if (!text.empty()) text += '\n';
      text += PrefixLines(JoinBlocks(item, true), mark, std::string(mark.size(), ' '));
    }
    if (text.empty()) return;
    AddBlock({std::move(text), BlockKind::kList, marker, !ordered || first_number == 1});
  }

  void Quote(const GumboNode* n, Ctx ctx) {
    FlushParagraph();
    if (ctx.containers >= kMaxContainers) {
      Children(n, ctx);
      FlushParagraph();
      return;
    }
    ++ctx.containers;
    std::vector<Block> inner = InContainer([&] { Children(n, ctx); });
    if (inner.empty()) return;
    AddBlock({PrefixLines(JoinBlocks(inner, true), "> ", "> ")});
  }

  void Pre(const GumboNode* n, const Ctx& ctx) {
    const std::string text = ToNfc(TextOf(n, false));
    if (HasClass(n, "wp-block-verse")) {
      // A poem: its lines are kept as lines of text, not code.
      FlushParagraph();
      size_t start = 0;
      while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string_view line = std::string_view(text).substr(start, nl - start);
        if (Trim(line).empty()) {
          inline_->ParagraphBreak();
        } else {
          inline_->Text(line);
          inline_->Break();
        }
        start = nl + 1;
      }
      FlushParagraph();
      return;
    }
    AddBlock({FencedCode(text)});
  }

  // A caption: an italic line of its own.
  template <typename Fn>
  void CaptionLine(Ctx ctx, Fn fn) {
    if (ctx.inline_only) {
      inline_->Space();
      fn(ctx);
      return;
    }
    FlushParagraph();
    ctx.inline_only = true;
    const std::string text = OneLine({}, [&] {
      if (ctx.in_em) {
        fn(ctx);
        return;
      }
      Ctx c = ctx;
      c.in_em = true;
      inline_->Open("*");
      fn(c);
      inline_->Close("*");
    });
    if (!text.empty()) AddBlock({text, BlockKind::kParagraph});
  }

  void Figure(const GumboNode* n, const Ctx& ctx) {
    FlushParagraph();
    if (IsGallery(n) && GalleryBlock(n, ctx)) return;
    const bool embed = HasClass(n, "wp-block-embed");
    FigureSource figure;
    if (!embed && FigureShape(n, &figure.img, &figure.caption_node)) {
      figure.block_id = pending_attachment_;
      WriteFigures({std::move(figure)}, ctx);
      return;
    }
    const GumboVector& children = n->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (embed && HasClass(child, "wp-block-embed__wrapper")) {
        MediaLink(CollapseSpaces(TextOf(child, true)), "embed", ctx);
      } else {
        Node(child, ctx);
      }
    }
    FlushParagraph();
  }

  // --- figures and galleries ----------------------------------------------

  // A gallery block as a Qalam gallery, its own caption an italic line
  // after it; false (nothing written) when it is not of GalleryShape.
  bool GalleryBlock(const GumboNode* n, const Ctx& ctx) {
    std::vector<FigureSource> items;
    const GumboNode* caption = nullptr;
    int64_t block_id = 0;
    if (!GalleryShape(n, 0, &items, &caption, &block_id)) return false;
    WriteFigures(std::move(items), ctx);
    if (caption) CaptionLine(ctx, [&](const Ctx& c) { Children(caption, c); });
    return true;
  }

  // A caption as a figure's title: plain text; a link in it is reported.
  std::string PlainCaption(const GumboNode* n) {
    std::vector<const GumboNode*> stack = {n};
    while (!stack.empty()) {
      const GumboNode* e = stack.back();
      stack.pop_back();
      if (e->type != GUMBO_NODE_ELEMENT) continue;
      if (Tag(e) == GUMBO_TAG_A && !Attr(e, "href").empty()) {
        Problem("caption", "link dropped: " + std::string(Attr(e, "href")));
      }
      const GumboVector& children = e->v.element.children;
      for (size_t i = 0; i < children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
    return TextOf(n, true);
  }

  // Figures in one paragraph, one image a line: a figure alone, a gallery
  // when several. An image left out keeps its caption as an italic line.
  void WriteFigures(std::vector<FigureSource> items, const Ctx& ctx) {
    FlushParagraph();
    std::string lines;
    std::vector<std::string> orphaned;
    for (FigureSource& item : items) {
      std::string caption = item.caption_node ? PlainCaption(item.caption_node) : item.caption;
      caption = ToNfc(CollapseSpaces(caption));
      std::optional<ImageRef> ref;
      if (item.img) {
        ref = ImageSource(item.img, item.block_id);
      } else {
        ref = ImageRef{item.url, item.alt};
      }
      std::optional<std::string> dest = ref ? MapImage(ref->url) : std::nullopt;
      if (!dest) {
        if (!caption.empty()) orphaned.push_back(std::move(caption));
        continue;
      }
      if (!lines.empty()) lines += '\n';
      lines += "![" + AltText(ref->alt) + "](" + LinkDestination(*dest) + ImageTitle(caption) + ")";
    }
    AddBlock({std::move(lines), BlockKind::kParagraph});
    for (const std::string& caption : orphaned) {
      CaptionLine(ctx, [&](const Ctx&) { inline_->Text(caption); });
    }
  }

  // --- tables --------------------------------------------------------------

  static void Rows(const GumboNode* table, std::vector<const GumboNode*>* head,
                   std::vector<const GumboNode*>* body, const GumboNode** caption) {
    const GumboVector& children = table->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      const GumboTag t = Tag(child);
      if (t == GUMBO_TAG_TR) {
        body->push_back(child);
      } else if (t == GUMBO_TAG_CAPTION) {
        *caption = child;
      } else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT) {
        const GumboVector& rows = child->v.element.children;
        for (size_t j = 0; j < rows.length; ++j) {
          const auto* row = static_cast<const GumboNode*>(rows.data[j]);
          if (Tag(row) == GUMBO_TAG_TR) (t == GUMBO_TAG_THEAD ? head : body)->push_back(row);
        }
      }
    }
  }

  static std::vector<const GumboNode*> Cells(const GumboNode* row) {
    std::vector<const GumboNode*> cells;
    const GumboVector& children = row->v.element.children;
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (Tag(child) == GUMBO_TAG_TD || Tag(child) == GUMBO_TAG_TH) cells.push_back(child);
    }
    return cells;
  }

  // A cell a GFM table can hold: no spans, nothing but inline content and
  // paragraphs (searched without recursion, to any depth).
  static bool SimpleCell(const GumboNode* cell) {
    for (const char* span : {"colspan", "rowspan"}) {
      const std::string v = Trim(Attr(cell, span));  // Owned: Trim returns a new string.
      if (!v.empty() && v != "1") return false;
    }
    std::vector<const GumboNode*> stack = {cell};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      switch (Tag(n)) {
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_HR:
          return false;
        default:
          break;
      }
      const GumboVector& children = n->v.element.children;
      for (size_t i = 0; i < children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
    return true;
  }

  std::string CellText(const GumboNode* cell, Ctx ctx) {
    ctx.inline_only = true;
    return OneLine({.table_cell = true}, [&] { Children(cell, ctx); });
  }

  void Table(const GumboNode* n, const Ctx& ctx) {
    FlushParagraph();
    std::vector<const GumboNode*> head, body;
    const GumboNode* caption = nullptr;
    Rows(n, &head, &body, &caption);
    std::vector<const GumboNode*> rows = head;
    rows.insert(rows.end(), body.begin(), body.end());
    bool simple = !rows.empty();
    size_t columns = 0;
    for (const GumboNode* row : rows) {
      const std::vector<const GumboNode*> cells = Cells(row);
      columns = std::max(columns, cells.size());
      for (const GumboNode* cell : cells) simple = simple && SimpleCell(cell);
    }
    simple = simple && columns > 0;
    if (simple) {
      // The header: <thead>'s first row, a first row of <th> only, or empty.
      std::vector<std::string> header(columns);
      size_t first_body = 0;
      const std::vector<const GumboNode*> first_cells = Cells(rows[0]);
      const bool th_row = std::all_of(first_cells.begin(), first_cells.end(),
                                      [](const GumboNode* c) { return Tag(c) == GUMBO_TAG_TH; });
      if (!head.empty() || th_row) {
        for (size_t i = 0; i < first_cells.size(); ++i) header[i] = CellText(first_cells[i], ctx);
        first_body = 1;
      }
      auto line = [&](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (const std::string& c : cells) out += " " + c + " |";
        return out;
      };
      std::string text = line(header) + "\n|";
      for (size_t i = 0; i < columns; ++i) text += " --- |";
      for (size_t r = first_body; r < rows.size(); ++r) {
        std::vector<std::string> cells(columns);
        const std::vector<const GumboNode*> row_cells = Cells(rows[r]);
        for (size_t i = 0; i < row_cells.size(); ++i) cells[i] = CellText(row_cells[i], ctx);
        text += "\n" + line(cells);
      }
      AddBlock({std::move(text)});
    } else {
      // Rows as paragraphs: each cell's content, separated by " | ".
      for (const GumboNode* row : rows) {
        Ctx c = ctx;
        c.inline_only = true;
        const std::string text = OneLine({}, [&] {
          bool first = true;
          for (const GumboNode* cell : Cells(row)) {
            if (!first) inline_->Text(" | ");
            first = false;
            Children(cell, c);
          }
        });
        if (!text.empty()) AddBlock({text, BlockKind::kParagraph});
      }
    }
    if (caption) CaptionLine(ctx, [&](const Ctx& c) { Children(caption, c); });
  }

  // --- text and shortcodes ---------------------------------------------------

  // Text of a text node (or of its part between shortcodes); prev and next
  // are the pieces beside it (null at a shortcode or the parent's edge).
  void EmitText(std::string_view raw, const GumboNode* prev, const GumboNode* next,
                const Ctx& ctx) {
    const std::string text = ToNfc(raw);
    if (!classic_ || inline_->place().single_line) {
      inline_->Text(text);
      return;
    }
    // wpautop, structurally: a blank line ends a paragraph, a newline is a
    // line break; a newline right after <br> is the same break.
    std::string_view s = text;
    size_t i = 0;
    if (prev && Tag(prev) == GUMBO_TAG_BR) {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
      if (i < s.size() && s[i] == '\n') ++i;
    }
    bool line_before = i > 0 || prev == nullptr || IsBlockNode(prev) ||
                       (prev && Tag(prev) == GUMBO_TAG_BR);
    while (i < s.size()) {
      if (IsHtmlSpace(s[i])) {
        size_t j = i;
        int newlines = 0;
        while (j < s.size() && IsHtmlSpace(s[j])) newlines += s[j++] == '\n';
        if (newlines == 0) {
          inline_->Space();
        } else if (newlines == 1) {
          inline_->Break();
        } else {
          inline_->ParagraphBreak();
        }
        line_before = newlines > 0;
        i = j;
        continue;
      }
      size_t j = i;
      while (j < s.size() && !IsHtmlSpace(s[j])) ++j;
      const std::string_view word = s.substr(i, j - i);
      size_t k = j;
      while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
      const bool line_after = k < s.size() ? s[k] == '\n'
                                           : (next == nullptr || IsBlockNode(next) ||
                                              Tag(next) == GUMBO_TAG_BR);
      if (line_before && line_after && !ctx.inline_only && IsBareWebAddress(word)) {
        // WordPress embeds a URL alone on its line (or links it): a link line.
        MediaLink(word, "embed", ctx);
      } else {
        inline_->Text(word);
      }
      line_before = false;
      i = j;
    }
  }

  struct ClosePos {
    size_t piece;
    size_t begin;
    size_t end;
  };

  // The children of an element (or a shortcode's content): text is read for
  // shortcodes, elements are walked.
  void Pieces(const std::vector<Piece>& pieces, const Ctx& ctx) {
    const bool scan = ctx.shortcodes < kMaxShortcodeDepth;
    // The closing tags of this level, by name, in order; a cursor per name
    // only moves forward, so finding closes costs one pass in all.
    std::unordered_map<std::string, std::vector<ClosePos>> closes;
    std::unordered_map<std::string, size_t> cursor;
    if (scan) {
      for (size_t i = 0; i < pieces.size(); ++i) {
        if (!pieces[i].is_text || pieces[i].text.find("[/") == std::string_view::npos) continue;
        for (ShortcodeClose& c : FindShortcodeCloses(pieces[i].text)) {
          if (IsKnownShortcode(c.name)) closes[c.name].push_back({i, c.begin, c.end});
        }
      }
    }
    auto find_close = [&](const std::string& name, size_t piece, size_t after, ClosePos* out,
                          bool consume = true) -> bool {
      auto it = closes.find(name);
      if (it == closes.end()) return false;
      size_t& at = cursor[name];
      const std::vector<ClosePos>& list = it->second;
      while (at < list.size() &&
             (list[at].piece < piece || (list[at].piece == piece && list[at].begin < after))) {
        ++at;
      }
      if (at >= list.size()) return false;
      *out = list[at];
      if (consume) ++at;
      return true;
    };

    size_t i = 0;
    size_t from = 0;  // Where reading resumes in pieces[i] (after a closing tag).
    while (i < pieces.size()) {
      const Piece& piece = pieces[i];
      if (!piece.is_text) {
        Node(piece.node, ctx);
        ++i;
        from = 0;
        continue;
      }
      const std::string_view s = piece.text;
      const GumboNode* prev = (from == 0 && i > 0) ? pieces[i - 1].node : nullptr;
      const GumboNode* next = i + 1 < pieces.size() ? pieces[i + 1].node : nullptr;
      bool at_piece_start = from == 0;
      std::string run;
      size_t run_start = from;
      size_t k = from;
      bool jumped = false;
      while (scan) {
        const size_t b = s.find('[', k);
        if (b == std::string_view::npos) break;
        ShortcodeTag tag;
        size_t resume = b + 1;
        if (b + 1 < s.size() && s[b + 1] == '[') {
          // "[[name]]" is the literal text "[name]", and
          // "[[name]…[/name]]" the literal "[name]…[/name]" (in one text node).
          size_t literal_end = 0;
          ClosePos close;
          if (ParseShortcodeTag(s, b + 1, &tag, &resume)) {
            if (tag.end < s.size() && s[tag.end] == ']') {
              literal_end = tag.end;
            } else if (IsKnownShortcode(tag.name) &&
                       find_close(tag.name, i, tag.end, &close, false) && close.piece == i &&
                       close.end < s.size() && s[close.end] == ']') {
              literal_end = close.end;
              find_close(tag.name, i, tag.end, &close);
            }
          }
          if (literal_end > 0) {
            run.append(s.substr(run_start, b - run_start));
            run.append(s.substr(b + 1, literal_end - b - 1));
            k = run_start = literal_end + 1;
          } else {
            k = b + 1;
          }
          continue;
        }
        if (!ParseShortcodeTag(s, b, &tag, &resume)) {
          k = resume;
          continue;
        }
        if (!IsKnownShortcode(tag.name)) {
          if (reported_shortcodes_.insert(tag.name).second) Problem("shortcode", tag.name);
          k = tag.end;  // Kept as text.
          continue;
        }
        run.append(s.substr(run_start, b - run_start));
        EmitText(run, at_piece_start ? prev : nullptr, nullptr, ctx);
        run.clear();
        at_piece_start = false;
        ClosePos close;
        if (!tag.self_closed && find_close(tag.name, i, tag.end, &close)) {
          std::vector<Piece> content;
          if (close.piece == i) {
            content.push_back({piece.node, true, s.substr(tag.end, close.begin - tag.end)});
          } else {
            content.push_back({piece.node, true, s.substr(tag.end)});
            for (size_t p = i + 1; p < close.piece; ++p) content.push_back(pieces[p]);
            content.push_back(
                {pieces[close.piece].node, true, pieces[close.piece].text.substr(0, close.begin)});
          }
          Shortcode(tag, content, ctx);
          if (close.piece != i) {
            i = close.piece;
            from = close.end;
            jumped = true;
            break;
          }
          k = run_start = close.end;
        } else {
          Shortcode(tag, {}, ctx);
          k = run_start = tag.end;
        }
      }
      if (jumped) continue;
      run.append(s.substr(run_start));
      EmitText(run, at_piece_start ? prev : nullptr, next, ctx);
      ++i;
      from = 0;
    }
  }

  static std::string PiecesText(const std::vector<Piece>& pieces) {
    std::string out;
    for (const Piece& p : pieces) out += p.is_text ? std::string(p.text) : TextOf(p.node, true);
    return CollapseSpaces(out);
  }

  static bool HoldsImage(const GumboNode* root) {
    std::vector<const GumboNode*> stack = {root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      if (Tag(n) == GUMBO_TAG_IMG) return true;
      const GumboVector& children = n->v.element.children;
      for (size_t i = 0; i < children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
    return false;
  }

  void Shortcode(const ShortcodeTag& tag, const std::vector<Piece>& content, Ctx ctx) {
    ++ctx.shortcodes;
    const std::string& name = tag.name;
    if (name == "caption" || name == "wp_caption") {
      CaptionShortcode(tag, content, ctx);
    } else if (name == "gallery") {
      Gallery(tag, ctx);
    } else if (name == "embed") {
      std::string url = PiecesText(content);
      if (url.empty()) url = ShortcodeAttr(tag, "src");
      MediaLink(url, "embed", ctx);
    } else if (name == "youtube" || name == "vimeo") {
      std::string url = ShortcodePositional(tag, 0);
      if (url.empty()) url = ShortcodeAttr(tag, "url");
      if (url.empty()) url = PiecesText(content);
      MediaLink(url, "embed", ctx);
    } else if (name == "audio" || name == "video") {
      static const std::vector<std::string_view> kAudio = {"src", "mp3", "m4a", "ogg", "wav",
                                                           "wma", "flac"};
      static const std::vector<std::string_view> kVideo = {"src", "mp4", "m4v", "webm", "ogv",
                                                           "wmv", "flv", "mov"};
      std::string url;
      for (std::string_view attr : name == "audio" ? kAudio : kVideo) {
        url = ShortcodeAttr(tag, attr);
        if (!url.empty()) break;
      }
      MediaLink(url, name == "audio" ? "audio" : "video", ctx);
    }
  }

  void CaptionShortcode(const ShortcodeTag& tag, const std::vector<Piece>& content,
                        const Ctx& ctx) {
    if (!ctx.inline_only && CaptionFigure(tag, content, ctx)) return;
    size_t image_piece = content.size();
    for (size_t i = 0; i < content.size(); ++i) {
      if (!content[i].is_text && HoldsImage(content[i].node)) {
        image_piece = i;
        break;
      }
    }
    if (!ctx.inline_only) FlushParagraph();
    if (image_piece < content.size()) {
      Node(content[image_piece].node, ctx);  // The image, or the link around it.
    } else if (std::optional<FigureSource> a = CaptionAttachment(tag)) {
      WriteImage(a->url, a->alt);
    } else {
      Problem("image", "[caption] without an image");
    }
    std::vector<Piece> rest;
    for (size_t i = 0; i < content.size(); ++i) {
      if (i != image_piece) rest.push_back(content[i]);
    }
    const std::string caption_attr = ShortcodeAttr(tag, "caption");
    CaptionLine(ctx, [&](const Ctx& c) {
      if (!caption_attr.empty()) inline_->Text(ToNfc(caption_attr));
      Pieces(rest, c);
    });
  }

  // [caption id="attachment_N"]'s attachment, for a caption without <img>.
  std::optional<FigureSource> CaptionAttachment(const ShortcodeTag& tag) {
    const std::string id_attr = ShortcodeAttr(tag, "id");
    int64_t id = 0;
    if (id_attr.rfind("attachment_", 0) != 0 || !ParsePositive(id_attr.substr(11), &id) ||
        !options_.attachment_url) {
      return std::nullopt;
    }
    std::optional<std::string> url = SafeUrl(options_.attachment_url(id));
    if (!url) return std::nullopt;
    FigureSource a;
    a.url = std::move(*url);
    a.alt = options_.attachment_alt ? options_.attachment_alt(id) : "";
    return a;
  }

  // [caption] as a figure: one image (or a link to it, FigureImg) or the
  // attachment it names, the rest (and the old caption="…") its caption.
  // False, nothing written, for any other shape.
  bool CaptionFigure(const ShortcodeTag& tag, const std::vector<Piece>& content, const Ctx& ctx) {
    FigureSource figure;
    std::string caption = HtmlToPlainText(ShortcodeAttr(tag, "caption")) + ' ';
    for (const Piece& piece : content) {
      if (piece.is_text) {
        caption += piece.text;
      } else if (!figure.img && FigureImg(piece.node)) {
        figure.img = FigureImg(piece.node);
      } else if (HoldsImage(piece.node)) {
        return false;
      } else if (piece.node->type == GUMBO_NODE_ELEMENT && !IsDropped(Tag(piece.node))) {
        caption += PlainCaption(piece.node);
      }
    }
    if (!figure.img) {
      std::optional<FigureSource> a = CaptionAttachment(tag);
      if (!a) return false;
      figure = std::move(*a);
    }
    figure.caption = std::move(caption);
    WriteFigures({std::move(figure)}, ctx);
    return true;
  }

  void Gallery(const ShortcodeTag& tag, const Ctx& ctx) {
    std::string ids = ShortcodeAttr(tag, "ids");
    if (ids.empty()) ids = ShortcodeAttr(tag, "include");
    std::vector<int64_t> order;
    std::vector<std::string> unknown;
    if (!Trim(ids).empty()) {
      size_t start = 0;
      while (start <= ids.size()) {
        size_t comma = ids.find(',', start);
        if (comma == std::string::npos) comma = ids.size();
        const std::string item = Trim(std::string_view(ids).substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) continue;
        int64_t id = 0;
        if (ParsePositive(item, &id)) {
          order.push_back(id);
        } else {
          unknown.push_back(item);
        }
      }
    } else if (options_.attached_images) {
      // WordPress's [gallery] without ids: the post's attached images, less
      // those excluded.
      std::string exclude = ",";
      for (char c : ShortcodeAttr(tag, "exclude")) {
        if (c != ' ') exclude += c;
      }
      exclude += ',';
      for (int64_t id : options_.attached_images()) {
        if (exclude.find("," + std::to_string(id) + ",") == std::string::npos) order.push_back(id);
      }
    }
    if (order.empty() && unknown.empty()) {
      Problem("gallery", "no ids");
      return;
    }
    for (const std::string& item : unknown) Problem("gallery", item);
    std::vector<FigureSource> figures;
    for (int64_t id : order) {
      std::optional<std::string> url;
      if (options_.attachment_url) url = SafeUrl(options_.attachment_url(id));
      if (!url) {
        Problem("gallery", std::to_string(id));
        continue;
      }
      FigureSource figure;
      figure.url = std::move(*url);
      figure.alt = options_.attachment_alt ? options_.attachment_alt(id) : "";
      figure.caption = options_.attachment_caption ? options_.attachment_caption(id) : "";
      figures.push_back(std::move(figure));
    }
    if (figures.empty()) return;
    if (!ctx.inline_only) {
      WriteFigures(std::move(figures), ctx);
      return;
    }
    for (const FigureSource& figure : figures) WriteImage(figure.url, figure.alt);
  }

  const ContentOptions& options_;
  const bool classic_;
  ConvertedContent* out_;
  std::vector<Block> root_blocks_;
  InlineWriter root_inline_;
  std::vector<Block>* blocks_;
  InlineWriter* inline_;
  std::set<std::string> reported_;
  std::set<std::string> reported_shortcodes_;
  int64_t pending_attachment_ = 0;
};

}  // namespace

// Start tags that are never closed, counted in one pass (void elements
// aside). gumbo's tree building is quadratic in them (each text node
// reconstructs every open formatting element): 100,000 unclosed <b> take
// 40 s. No real post has more than a few.
size_t UnclosedTags(std::string_view html) {
  static const std::set<std::string, std::less<>> kVoid = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"};
  size_t opened = 0, closed = 0;
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    const bool end = html[i + 1] == '/';
    size_t j = i + (end ? 2 : 1);
    size_t k = j;
    while (k < html.size() && std::isalnum(static_cast<unsigned char>(html[k]))) ++k;
    if (k == j || !std::isalpha(static_cast<unsigned char>(html[j]))) continue;
    std::string name(html.substr(j, k - j));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (end) {
      ++closed;
    } else if (!kVoid.count(name)) {
      ++opened;
    }
  }
  return opened > closed ? opened - closed : 0;
}

// The text of `html` with every tag taken out, in one pass: what is kept of
// content too hostile to parse.
std::string WithoutTags(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<' && i + 1 < html.size() &&
        (std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' || html[i + 1] == '!')) {
      size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      out += ' ';
      i = close;
    } else {
      out += html[i];
    }
  }
  return out;
}

constexpr size_t kMaxUnclosedTags = 512;

ConvertedContent ConvertContent(const std::string& raw, const ContentOptions& options) {
  ConvertedContent out;
  std::string flattened;
  if (const size_t unclosed = UnclosedTags(raw); unclosed > kMaxUnclosedTags) {
    flattened = WithoutTags(raw);
    out.problems.push_back(ContentProblem{
        "nesting", std::to_string(unclosed) + " tags never closed: the content is kept as text"});
  }
  const std::string& content = flattened.empty() ? raw : flattened;
  // Block editor content names its blocks in comments; everything else is the
  // classic editor's, which WordPress shows through wpautop.
  const bool classic = content.find("<!-- wp:") == std::string::npos;
  Parsed parsed(content);
  Converter converter(options, classic, &out);
  converter.Run(parsed.root());
  return out;
}

std::vector<std::string> ExcerptToHighlights(const std::string& excerpt) {
  Parsed parsed(excerpt);
  const std::string text = TextOf(parsed.root(), true, true);
  // Paragraphs: block elements' edges ('\x01') and blank lines.
  std::vector<std::string> out;
  size_t start = 0;
  auto add = [&](std::string_view part) {
    std::string line = ToNfc(CollapseSpaces(part));
    if (!line.empty()) out.push_back(std::move(line));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x01') {
      add(std::string_view(text).substr(start, i - start));
      start = i + 1;
    } else if (text[i] == '\n') {
      size_t j = i + 1;
      while (j < text.size() && IsHtmlSpace(text[j]) && text[j] != '\n') ++j;
      if (j < text.size() && text[j] == '\n') {
        add(std::string_view(text).substr(start, i - start));
        start = j + 1;
        i = j;
      }
    }
  }
  add(std::string_view(text).substr(start));
  return out;
}

std::string HtmlToPlainText(const std::string& html) {
  Parsed parsed(html);
  return ToNfc(CollapseSpaces(TextOf(parsed.root(), true)));
}

}  // namespace qalam::wp
