// The bounds an article body must keep before any Markdown library sees it.
// Debian's cmark-gfm (0.29.0.gfm.6) lacks upstream's complexity fixes: some
// bodies take time quadratic in their size, others a lot per byte
// (bench/markdown, bench/RESULTS.md "Markdown"). Within these bounds every
// body renders, and gives its text, in well under a second. Every way a body
// is saved (the desk's form and so its preview, `qalam import`, the
// WordPress import) checks it here first, so a refused body is never
// rendered, indexed or stored.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace qalam {

// The bounds; each was measured on its own worst case (bench/markdown).
inline constexpr size_t kMaxBodyCodePoints = 300000;  // the desk's, the import's too
inline constexpr size_t kMaxNesting = 32;         // lists and quotes within each other
inline constexpr size_t kMaxListItems = 10000;    // list item markers in the body
inline constexpr size_t kMaxBrackets = 4000;      // '[' (links, images) in the body
inline constexpr size_t kMaxEmphasis = 20000;     // '*', '_', '~' in the body
inline constexpr size_t kMaxTableCells = 20000;   // rows × columns of all its tables

enum class MarkdownLimit {
  kNone,
  kLength,
  kNesting,
  kListItems,
  kBrackets,
  kEmphasis,
  kTableCells,
};

struct MarkdownLimitCheck {
  MarkdownLimit exceeded = MarkdownLimit::kNone;
  size_t line = 0;     // 1-based line where the bound was passed (0: the body as a whole)
  size_t found = 0;    // how many the body has (at least: counting stops past the bound)
  size_t allowed = 0;  // the bound

  bool ok() const { return exceeded == MarkdownLimit::kNone; }
  // For operators (the import's report): which bound, where, and the figures,
  // e.g. "body: lists and quotes nested 40 deep at line 3; at most 32"
  // (`field` names the Markdown checked).
  std::string English(const std::string& field = "body") const;
};

// One pass over `markdown`, linear in its size. It reads the Markdown the way
// a block parser does only as far as the bounds need, and errs on the side
// of counting more: a nesting level is a '>' or list marker at the start of
// a line, or four columns of indentation before them; every '[' and
// emphasis mark counts but a backslash-escaped one (`\[`), in code or not;
// a table's rows run to the next blank line.
MarkdownLimitCheck CheckMarkdownLimits(std::string_view markdown);

}  // namespace qalam
