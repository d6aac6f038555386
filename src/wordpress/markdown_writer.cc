// Markdown output for wordpress/content.cc (wordpress/markdown_writer.h).
#include "wordpress/markdown_writer.h"

#include <algorithm>

#include "core/text.h"

namespace qalam::wp {
namespace {

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t LongestBacktickRun(std::string_view s) {
  size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

void AppendPercent(std::string& out, unsigned char c) {
  static const char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// True when s ends with the word `scheme` (ASCII, any case).
bool EndsWithScheme(std::string_view s, std::string_view scheme) {
  if (s.size() < scheme.size()) return false;
  for (size_t i = 0; i < scheme.size(); ++i) {
    char c = s[s.size() - scheme.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != scheme[i]) return false;
  }
  return true;
}

}  // namespace

void InlineWriter::Text(std::string_view text) {
  code_end_ = std::string::npos;  // Something else is written: no span to merge with.
  const bool in_link_text =
      std::any_of(open_.begin(), open_.end(), [this](const Span& span) { return out_[span.start] == '['; });
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsHtmlSpace(c)) {
      pending_space_ = true;
      continue;
    }
    FlushPending();
    const bool at_start = line_start_;
    line_start_ = false;
    if (at_start) {
      // What would open a block at a line's start: "1." / "1)" (a list),
      // "#" (a heading), ">" (a quote), "+" / "-" (a list, a rule, a setext
      // underline), "=" (a setext underline).
      if (IsDigit(c)) {
        size_t j = i;
        while (j < text.size() && IsDigit(text[j]) && j - i < 10) ++j;
        if (j < text.size() && (text[j] == '.' || text[j] == ')')) {
          out_.append(text.substr(i, j - i));
          out_ += '\\';
          out_ += text[j];
          i = j;
          continue;
        }
      }
      if (c == '#' || c == '>' || c == '+' || c == '-' || c == '=') {
        out_ += '\\';
        out_ += c;
        continue;
      }
    }
    switch (c) {
      // Emphasis, code, links, raw HTML and autolinks, table cells,
      // strikethrough and tilde fences, and the escape character itself.
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
        out_ += '\\';
        break;
      case '#':
        if (place_.heading) out_ += '\\';  // "## C #" would lose its closing "#".
        break;
      case '&':  // An entity reference ("&copy;", "&#60;") would be decoded.
        if (i + 1 < text.size() && (IsAsciiAlnum(text[i + 1]) || text[i + 1] == '#')) {
          out_ += '\\';
        }
        break;
      // GFM's extended autolinks ("www.", "http://", "https://", "ftp://")
      // run on to the next space or '<', over any escape written after them,
      // so that "www.x.com\\<b>" would end the link at '<' and make "<b>" raw
      // HTML. Text stays text: the converter makes links of the addresses it
      // recognizes itself (IsBareWebAddress), written with their bounds.
      // (Inside a link's text, "[…]", cmark-gfm makes no autolink.)
      case ':':
        if (!in_link_text && (EndsWithScheme(text.substr(0, i), "ftp") ||
                              EndsWithScheme(text.substr(0, i), "http") ||
                              EndsWithScheme(text.substr(0, i), "https"))) {
          out_ += '\\';
        }
        break;
      case '.':
        if (!in_link_text && EndsWithScheme(text.substr(0, i), "www")) out_ += '\\';
        break;
      case '!':  // Before a link written next, "!" would make it an image.
        if (i + 1 == text.size()) out_ += '\\';
        break;
      default:
        break;
    }
    out_ += c;
  }
}

void InlineWriter::Break() {
  if (place_.single_line) {
    pending_space_ = true;
  } else {
    ++pending_breaks_;
  }
}

void InlineWriter::ParagraphBreak() {
  if (place_.single_line) {
    pending_space_ = true;
  } else {
    pending_breaks_ = std::max(pending_breaks_, open_.empty() ? 2 : 1);
  }
}

void InlineWriter::Markup(std::string_view markup) {
  code_end_ = std::string::npos;  // Something else is written: no span to merge with.
  FlushPending();
  out_.append(markup);
  line_start_ = false;
}

void InlineWriter::Code(std::string_view code) {
  FlushPending();
  std::string text(code);
  if (code_start_ != std::string::npos && code_end_ == out_.size()) {
    // Right after the last span, with nothing between: one span of both.
    text = code_text_ + text;
    out_.resize(code_start_);
    line_start_ = code_line_start_;
  }
  code_start_ = code_end_ = std::string::npos;
  const std::string span = CodeSpan(text, place_.table_cell, line_start_);
  if (span.empty()) {
    Text(text);
    return;
  }
  code_start_ = out_.size();
  code_line_start_ = line_start_;
  code_text_ = std::move(text);
  out_ += span;
  code_end_ = out_.size();
  line_start_ = false;
}

void InlineWriter::Open(std::string_view opener) {
  code_end_ = std::string::npos;  // Something else is written: no span to merge with.
  // Pending space or break stays pending: FlushPending puts it before the
  // openers, outside the span.
  const size_t start = out_.size();
  out_.append(opener);
  open_.push_back({start, out_.size()});
}

void InlineWriter::Close(std::string_view closer) {
  code_end_ = std::string::npos;  // Something else is written: no span to merge with.
  if (open_.empty()) return;
  const Span span = open_.back();
  open_.pop_back();
  if (out_.size() == span.end) {
    out_.resize(span.start);
  } else {
    out_.append(closer);
  }
}

void InlineWriter::FlushPending() {
  if (pending_breaks_ == 0 && !pending_space_) return;
  // Spaces and breaks go before the openers just written: "a **b**", never
  // "a** b**", which cmark would not read as emphasis.
  size_t at = out_.size();
  for (auto it = open_.rbegin(); it != open_.rend() && it->end == at; ++it) at = it->start;
  std::string_view insert;
  if (pending_breaks_ > 0 && !line_start_) {
    if (pending_breaks_ >= 2 && open_.empty()) {
      EndParagraph();
      return;
    }
    insert = "\\\n";
    line_start_ = true;
  } else if (pending_space_ && !line_start_) {
    insert = " ";
  }
  pending_breaks_ = 0;
  pending_space_ = false;
  if (insert.empty()) return;
  out_.insert(at, insert);
  for (Span& s : open_) {
    if (s.start >= at) {
      s.start += insert.size();
      s.end += insert.size();
    }
  }
}

void InlineWriter::EndParagraph() {
  code_end_ = std::string::npos;  // Something else is written: no span to merge with.
  while (!out_.empty() && IsHtmlSpace(out_.back())) out_.pop_back();
  if (!out_.empty()) done_.push_back(std::move(out_));
  out_.clear();
  open_.clear();
  line_start_ = true;
  pending_space_ = false;
  pending_breaks_ = 0;
}

std::vector<std::string> InlineWriter::TakeParagraphs() {
  EndParagraph();
  std::vector<std::string> out = std::move(done_);
  done_.clear();
  return out;
}

std::string LinkDestination(std::string_view url) {
  std::string out = "<";
  for (char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '\\' || c == '|') {
      AppendPercent(out, c);
    } else {
      out += ch;
    }
  }
  out += '>';
  return out;
}

std::string ImageTitle(std::string_view caption) {
  std::string text;
  bool space = false;
  for (char ch : caption) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    if (c == '"' || c == '\\' || c == '&') text += '\\';
    if (c == '|') {
      text += "\xEF\xBD\x9C";  // ｜
    } else {
      text += ch;
    }
  }
  return text.empty() ? "" : " \"" + text + "\"";
}

std::string CodeSpan(std::string_view code, bool table_cell, bool at_line_start) {
  std::string content;
  for (char c : code) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f') c = ' ';
    if (table_cell && c == '|') content += '\\';  // GFM splits cells before code spans.
    content += c;
  }
  if (content.find_first_not_of(' ') == std::string::npos) return "";
  const size_t ticks = LongestBacktickRun(content) + 1;
  if (at_line_start && ticks >= 3) return "";
  const bool pad = content.front() == '`' || content.back() == '`' ||
                   (content.front() == ' ' && content.back() == ' ');
  const std::string fence(ticks, '`');
  return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
}

std::string FencedCode(std::string_view code) {
  while (!code.empty() && code.back() == '\n') code.remove_suffix(1);
  if (code.find_first_not_of(" \n\t") == std::string_view::npos) return "";
  const std::string fence(std::max<size_t>(3, LongestBacktickRun(code) + 1), '`');
  return fence + "\n" + std::string(code) + "\n" + fence;
}

std::optional<std::string> SafeUrl(std::string_view raw) {
  // A browser removes tabs and newlines anywhere in an address and trims
  // controls and spaces at its ends: "jav&#x09;ascript:" is "javascript:".
  std::string s;
  s.reserve(raw.size());
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  }
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= 0x20) --e;
  s = s.substr(b, e - b);
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != ' ') || u == 0x7F) return std::nullopt;
  }
  // Browsers read '\' as '/': "\\host" and "/\host" are other sites' addresses
  // in disguise. "//host/…" is a real one, taken as https.
  if (s[0] == '\\' || s.rfind("/\\", 0) == 0) return std::nullopt;
  if (s.rfind("//", 0) == 0) {
    if (s.size() < 3 || s[2] == '/' || s[2] == '\\') return std::nullopt;
    s = "https:" + s;
  }
  const size_t colon = s.find(':');
  const size_t delim = s.find_first_of("/?#");
  if (colon != std::string::npos && (delim == std::string::npos || colon < delim)) {
    const std::string scheme = AsciiLower(s.substr(0, colon));
    if (scheme == "http" || scheme == "https") {
      if (s.compare(colon + 1, 2, "//") != 0 || s.size() <= colon + 3 || s[colon + 3] == '/' ||
          s[colon + 3] == '\\' || s[colon + 3] == ' ') {
        return std::nullopt;
      }
    } else if (scheme == "mailto") {
      if (s.size() <= colon + 1) return std::nullopt;
    } else {
      return std::nullopt;  // javascript:, data:, vbscript:, file:, and the rest.
    }
  }
  std::string out;
  for (char c : s) {
    if (c == ' ') {
      out += "%20";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace qalam::wp
