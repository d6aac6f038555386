// The Markdown side of wordpress/content.h: text escaped so that it stays
// text, spans and breaks written so that cmark-gfm reads them back as meant,
// and the address check every link and image goes through.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qalam::wp {

// Where inline Markdown is being written; escaping depends on it.
struct InlinePlace {
  bool heading = false;      // '#' escaped everywhere (a closing "#" sequence).
  bool table_cell = false;   // No line breaks; '|' inside code spans escaped too.
  bool single_line = false;  // Breaks become spaces (headings, cells, captions).
};

// One run of inline Markdown: a paragraph (or several, split by
// ParagraphBreak), a heading's text or a table cell. Whitespace collapses as
// HTML's does; spaces and breaks are written lazily, so that none lands at a
// line's start or end or just inside an emphasis delimiter (where cmark would
// not read the delimiter as one).
class InlineWriter {
 public:
  explicit InlineWriter(InlinePlace place = {}) : place_(place) {}

  // Text as the HTML gives it (entities decoded): whitespace collapses and
  // every character that Markdown could read as syntax is escaped.
  void Text(std::string_view text);
  void Space() { pending_space_ = true; }
  // A hard line break; dropped at a paragraph's edges. Two in a row (with
  // nothing between) end the paragraph when no span is open.
  void Break();
  // Ends the paragraph, or writes a break when a span is open.
  void ParagraphBreak();
  // Markup that is safe as it is (an image, a link's end).
  void Markup(std::string_view markup);
  // Inline code: a code span, or escaped text where a span cannot go.
  void Code(std::string_view code);
  // A span's opener; Close writes the closer, or takes the opener back when
  // nothing was written since (so "****" never appears).
  void Open(std::string_view opener);
  void Close(std::string_view closer);
  // True when nothing but openers was written on the current line.
  bool AtLineStart() const { return line_start_; }
  bool Empty() const { return out_.empty() && done_.empty(); }
  const InlinePlace& place() const { return place_; }

  // The paragraphs written (trimmed, never empty); the writer is reset.
  std::vector<std::string> TakeParagraphs();

 private:
  void FlushPending();
  void EndParagraph();

  struct Span {
    size_t start;  // Where the opener begins in out_.
    size_t end;    // Just after it.
  };
  InlinePlace place_;
  std::string out_;
  std::vector<Span> open_;
  std::vector<std::string> done_;
  bool line_start_ = true;
  bool pending_space_ = false;
  int pending_breaks_ = 0;
  // The code span written last, while nothing follows it: a second span
  // right after it is merged into it, since "`a`" and "``b``" side by side
  // would read as one run of three backticks and break both.
  size_t code_start_ = std::string::npos;
  size_t code_end_ = std::string::npos;
  bool code_line_start_ = false;
  std::string code_text_;
};

// A link or image destination in angle brackets, "<…>", with the characters
// that would end it or split a table cell percent-encoded.
std::string LinkDestination(std::string_view url);

// An image's title, ` "…"` with its leading space, holding a figure's
// caption (docs/ARTICLE-FORMAT.md, "Figures and galleries"): plain text on
// one line, with the characters a title would read as escapes or entities
// escaped. Every '|' becomes '｜' (U+FF5C): the title "CAPTION | CREDIT"
// splits at the last " | ", and an imported caption holds no credit. "" for
// an empty caption.
std::string ImageTitle(std::string_view caption);

// Inline code: a code span with enough backticks. Empty when a code span
// cannot be written there (a run of 3+ backticks at a line's start would open
// a code fence); the caller writes the code as text then.
std::string CodeSpan(std::string_view code, bool table_cell, bool at_line_start);

// A fenced code block (backtick fence longer than any run in the code).
std::string FencedCode(std::string_view code);

// An address a link or image may carry, as a browser would read it: tabs and
// newlines removed, ends trimmed. http(s) with a host, mailto:, a site path,
// a relative path, "#…" or "?…" pass; "//host/…" becomes "https://host/…";
// anything else (javascript:, data:, vbscript:, "/\host", "\\host", a
// scheme hidden by spaces or controls) gives nothing.
std::optional<std::string> SafeUrl(std::string_view raw);

}  // namespace qalam::wp
