#include "content/markdown_limits.h"

#include "core/text.h"

namespace qalam {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// The container markers at the start of `line` ('>', "- ", "* ", "+ ",
// "1. ", "1) ") and a level for every four columns of its indentation: at
// least the nesting a block parser reaches on it. `items` gets the list
// markers among them.
size_t LineNesting(std::string_view line, size_t* items) {
  size_t markers = 0, columns = 0, i = 0;
  *items = 0;
  // The indentation before the first marker: it places the line inside
  // the items of the lines above.
  while (i < line.size() && IsSpace(line[i])) {
    columns += line[i] == '\t' ? 4 - columns % 4 : 1;
    ++i;
  }
  for (;;) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i >= line.size()) break;
    const char c = line[i];
    if (c == '>') {
      ++markers;
      ++i;
      continue;
    }
    size_t j = i;
    if (c == '-' || c == '*' || c == '+') {
      j = i + 1;
    } else if (IsDigit(c)) {
      while (j < line.size() && j - i < 9 && IsDigit(line[j])) ++j;
      if (j >= line.size() || (line[j] != '.' && line[j] != ')')) break;
      ++j;
    } else {
      break;
    }
    // A list marker is followed by a space or ends the line.
    if (j < line.size() && !IsSpace(line[j])) break;
    ++markers;
    ++*items;
    i = j;
  }
  return markers + columns / 4;
}

// Whether `line` is a table's delimiter row (|---|:--:|) and how many
// columns it has.
bool DelimiterRow(std::string_view line, size_t* columns) {
  size_t dashes = 0, pipes = 0, cells = 0;
  bool in_cell = false;
  for (char c : line) {
    if (c == '|') {
      ++pipes;
      in_cell = false;
    } else if (c == '-' || c == ':') {
      if (c == '-') ++dashes;
      if (!in_cell) ++cells;
      in_cell = true;
    } else if (!IsSpace(c)) {
      return false;
    }
  }
  if (dashes == 0 || (pipes == 0 && cells < 2)) return false;
  *columns = cells;
  return true;
}

bool IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (!IsSpace(c) && c != '\r') return false;
  }
  return true;
}

}  // namespace

std::string MarkdownLimitCheck::English(const std::string& field) const {
  const std::string at = line ? " at line " + std::to_string(line) : "";
  const std::string most = "; at most " + std::to_string(allowed);
  const std::string n = std::to_string(found);
  switch (exceeded) {
    case MarkdownLimit::kNone:
      return "";
    case MarkdownLimit::kLength:
      return field + ": " + n + " characters" + most;
    case MarkdownLimit::kNesting:
      return field + ": lists and quotes nested " + n + " deep" + at + most;
    case MarkdownLimit::kListItems:
      return field + ": more than " + std::to_string(allowed) + " list items (passed" + at + ")";
    case MarkdownLimit::kBrackets:
      return field + ": more than " + std::to_string(allowed) + " '[' of links and images (passed" + at + ")";
    case MarkdownLimit::kEmphasis:
      return field + ": more than " + std::to_string(allowed) + " emphasis marks * _ ~ (passed" + at + ")";
    case MarkdownLimit::kTableCells:
      return field + ": tables of more than " + std::to_string(allowed) + " cells in all (" + n +
             " with the table" + at + ")";
  }
  return "";
}

MarkdownLimitCheck CheckMarkdownLimits(std::string_view markdown) {
  MarkdownLimitCheck check;
  auto fail = [&](MarkdownLimit which, size_t line, size_t found, size_t allowed) {
    check.exceeded = which;
    check.line = line;
    check.found = found;
    check.allowed = allowed;
    return check;
  };
  if (size_t n = CountCodePoints(markdown); n > kMaxBodyCodePoints) {
    return fail(MarkdownLimit::kLength, 0, n, kMaxBodyCodePoints);
  }
  size_t items = 0, brackets = 0, emphasis = 0;
  // The table being read: its columns and first line; the cells of every
  // table so far (cmark-gfm spends as much on a cell of a small table).
  size_t table_columns = 0, table_cells = 0, table_line = 0;
  std::string_view previous;
  size_t number = 0;
  for (size_t start = 0; start < markdown.size();) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a browser's CRLF
    ++number;

    size_t line_items = 0;
    if (size_t depth = LineNesting(line, &line_items); depth > kMaxNesting) {
      return fail(MarkdownLimit::kNesting, number, depth, kMaxNesting);
    }
    if ((items += line_items) > kMaxListItems) return fail(MarkdownLimit::kListItems, number, items, kMaxListItems);
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      // A backslash-escaped mark is a literal character to every parser
      // (the WordPress import escapes text so).
      if (c == '\\' && i + 1 < line.size() && IsAsciiPunctuation(line[i + 1])) {
        ++i;
        continue;
      }
      if (c == '[' && ++brackets > kMaxBrackets) return fail(MarkdownLimit::kBrackets, number, brackets, kMaxBrackets);
      if ((c == '*' || c == '_' || c == '~') && ++emphasis > kMaxEmphasis) {
        return fail(MarkdownLimit::kEmphasis, number, emphasis, kMaxEmphasis);
      }
    }

    if (IsBlankLine(line)) {
      table_columns = 0;
    } else if (table_columns) {
      if ((table_cells += table_columns) > kMaxTableCells) {
        return fail(MarkdownLimit::kTableCells, table_line, table_cells, kMaxTableCells);
      }
    } else if (size_t columns = 0; !previous.empty() && previous.find('|') != std::string_view::npos &&
                                   DelimiterRow(line, &columns)) {
      // The header row and the delimiter row; every line after them is a
      // row of `columns` cells (cmark-gfm pads short rows) until a blank line.
      table_columns = columns;
      table_cells += 2 * columns;
      table_line = number - 1;
      if (table_cells > kMaxTableCells) {
        return fail(MarkdownLimit::kTableCells, table_line, table_cells, kMaxTableCells);
      }
    }
    previous = line;
  }
  return check;
}

}  // namespace qalam
