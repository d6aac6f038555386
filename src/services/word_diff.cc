#include "services/word_diff.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "core/text.h"

namespace qalam {
namespace {

// Byte length of the whitespace character at s[i], or 0 if there is none.
size_t SpaceAt(std::string_view s, size_t i) {
  const auto b = [&](size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  const unsigned c = b(0);
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
      return 1;
    case 0xC2:  // U+0085 NEL, U+00A0 no-break space.
      return b(1) == 0x85 || b(1) == 0xA0 ? 2 : 0;
    case 0xE1:  // U+1680 ogham space mark.
      return b(1) == 0x9A && b(2) == 0x80 ? 3 : 0;
    case 0xE2:
      if (b(1) == 0x80) {  // U+2000–U+200A, U+2028, U+2029, U+202F.
        const unsigned t = b(2);
        return (t >= 0x80 && t <= 0x8A) || t == 0xA8 || t == 0xA9 || t == 0xAF ? 3 : 0;
      }
      // U+205F medium mathematical space.
      return b(1) == 0x81 && b(2) == 0x9F ? 3 : 0;
    case 0xE3:  // U+3000 ideographic space.
      return b(1) == 0x80 && b(2) == 0x80 ? 3 : 0;
    default:
      return 0;
  }
}

bool HasWord(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = SpaceAt(s, i);
    if (n == 0) return true;
    i += n;
  }
  return false;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    const size_t n = SpaceAt(s, i);
    if (n == 0 && !in_word) ++words;
    in_word = n == 0;
    i += n == 0 ? 1 : n;
  }
  return words;
}

// Length of the longest whitespace prefix shared by a and b, on a character
// boundary.
size_t CommonSpacePrefix(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (true) {
    const size_t n = SpaceAt(a, i);
    if (n == 0 || i + n > b.size() || a.substr(i, n) != b.substr(i, n)) return i;
    i += n;
  }
}

// Start of the trailing whitespace of s (s.size() when there is none).
size_t TrailingSpaceStart(std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t n = SpaceAt(s, i);
    if (n == 0) {
      start = i + 1;
      ++i;
    } else {
      i += n;
    }
  }
  return start;
}

// Length of the longest whitespace suffix shared by a and b, on a character
// boundary. Equal bytes make a boundary in a one in b as well.
size_t CommonSpaceSuffix(std::string_view a, std::string_view b) {
  const size_t ta = TrailingSpaceStart(a);
  const size_t tb = TrailingSpaceStart(b);
  const std::string_view sa = a.substr(ta), sb = b.substr(tb);
  size_t same = 0;
  while (same < sa.size() && same < sb.size() &&
         sa[sa.size() - 1 - same] == sb[sb.size() - 1 - same]) {
    ++same;
  }
  for (size_t i = 0; i < sa.size(); i += SpaceAt(sa, i)) {
    if (sa.size() - i <= same) return sa.size() - i;
  }
  return 0;
}

struct Words {
  std::string_view text;
  std::vector<size_t> begin, end;  // Byte ranges of the words.
  std::vector<int> ids;            // Interned words; equal words, equal ids.
};

Words Split(std::string_view text, std::unordered_map<std::string_view, int>* ids) {
  Words w;
  w.text = text;
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = SpaceAt(text, i);
    if (n != 0) {
      i += n;
      continue;
    }
    const size_t b = i;
    while (i < text.size() && SpaceAt(text, i) == 0) ++i;
    w.begin.push_back(b);
    w.end.push_back(i);
    const auto [it, inserted] = ids->emplace(text.substr(b, i - b), static_cast<int>(ids->size()));
    w.ids.push_back(it->second);
  }
  return w;
}

// An LCS of two id sequences by Myers' linear-space algorithm ("An O(ND)
// Difference Algorithm and Its Variations", 1986, section 4b).
class Matcher {
 public:
  Matcher(const std::vector<int>& a, const std::vector<int>& b) : a_(a), b_(b) {}

  // The matched (i, j) pairs in increasing order. When the top-level region
  // (after the common prefix and suffix) needs more than max_edits edits it
  // gets no matches.
  std::vector<std::pair<int, int>> Run(int max_edits) {
    matches_.clear();
    Compare(0, static_cast<int>(a_.size()), 0, static_cast<int>(b_.size()), max_edits);
    return std::move(matches_);
  }

 private:
  struct Snake {
    int x0, y0, x1, y1;  // a[x0, x1) matches b[y0, y1).
  };

  // max_edits < 0: no bound (sub-regions of a bounded region fit the bound).
  void Compare(int a0, int a1, int b0, int b1, int max_edits) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) matches_.emplace_back(a0++, b0++);
    int suffix = 0;
    while (a0 < a1 - suffix && b0 < b1 - suffix && a_[a1 - 1 - suffix] == b_[b1 - 1 - suffix])
      ++suffix;
    a1 -= suffix;
    b1 -= suffix;
    Snake s;
    if (a0 < a1 && b0 < b1 && MiddleSnake(a0, a1, b0, b1, max_edits, &s)) {
      Compare(a0, s.x0, b0, s.y0, -1);
      for (int x = s.x0, y = s.y0; x < s.x1; ++x, ++y) matches_.emplace_back(x, y);
      Compare(s.x1, a1, s.y1, b1, -1);
    }
    for (int k = 0; k < suffix; ++k) matches_.emplace_back(a1 + k, b1 + k);
  }

  // Finds the middle snake of a[a0, a1) against b[b0, b1), both non-empty
  // with differing first and last elements. False when they share nothing or
  // the edit distance exceeds max_edits (when max_edits >= 0). Offsets in
  // *s are absolute. Follows the bisection in diff-match-patch, which stops
  // extending diagonals that leave the grid.
  bool MiddleSnake(int a0, int a1, int b0, int b1, int max_edits, Snake* s) {
    const int n = a1 - a0, m = b1 - b0;
    const int max_d = (n + m + 1) / 2;
    const int offset = max_d;
    const int length = 2 * max_d + 2;
    forward_.assign(length, -1);
    reverse_.assign(length, -1);
    forward_[offset + 1] = 0;
    reverse_[offset + 1] = 0;
    const int delta = n - m;
    const bool odd = (delta & 1) != 0;
    const int* a = a_.data() + a0;
    const int* b = b_.data() + b0;
    int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (int d = 0; d < max_d; ++d) {
      if (max_edits >= 0 && 2 * d - 1 > max_edits) return false;
      // Forward paths from (0, 0); v[k] is the furthest x on diagonal x - y = k.
      for (int k = -d + k1start; k <= d - k1end; k += 2) {
        const int ko = offset + k;
        int x = (k == -d || (k != d && forward_[ko - 1] < forward_[ko + 1])) ? forward_[ko + 1]
                                                                             : forward_[ko - 1] + 1;
        int y = x - k;
        const int x0 = x, y0 = y;
        while (x < n && y < m && a[x] == b[y]) ++x, ++y;
        forward_[ko] = x;
        if (x > n) {
          k1end += 2;
        } else if (y > m) {
          k1start += 2;
        } else if (odd) {
          const int ro = offset + delta - k;
          if (ro >= 0 && ro < length && reverse_[ro] != -1 && x >= n - reverse_[ro]) {
            if (max_edits >= 0 && 2 * d - 1 > max_edits) return false;
            *s = {a0 + x0, b0 + y0, a0 + x, b0 + y};
            return true;
          }
        }
      }
      // Reverse paths from (n, m), in coordinates measured from the end.
      for (int k = -d + k2start; k <= d - k2end; k += 2) {
        const int ko = offset + k;
        int x = (k == -d || (k != d && reverse_[ko - 1] < reverse_[ko + 1])) ? reverse_[ko + 1]
                                                                             : reverse_[ko - 1] + 1;
        int y = x - k;
        const int x0 = x, y0 = y;
        while (x < n && y < m && a[n - 1 - x] == b[m - 1 - y]) ++x, ++y;
        reverse_[ko] = x;
        if (x > n) {
          k2end += 2;
        } else if (y > m) {
          k2start += 2;
        } else if (!odd) {
          const int fo = offset + delta - k;
          if (fo >= 0 && fo < length && forward_[fo] != -1 && forward_[fo] >= n - x) {
            if (max_edits >= 0 && 2 * d > max_edits) return false;
            *s = {a0 + n - x, b0 + m - y, a0 + n - x0, b0 + m - y0};
            return true;
          }
        }
      }
    }
    return false;
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  std::vector<int> forward_, reverse_;
  std::vector<std::pair<int, int>> matches_;
};

// True when pairs (i, a2b[i]) and (i + 1, a2b[i + 1]) are matched and
// consecutive on both sides; -1 and a2b.size() stand for the text edges,
// matched to -1 and b_size.
bool Consecutive(const std::vector<int>& a2b, int b_size, int i) {
  const int n = static_cast<int>(a2b.size());
  const int x = i < 0 ? -1 : a2b[i];
  const int y = i + 1 >= n ? b_size : a2b[i + 1];
  return (i < 0 || x >= 0) && (i + 1 >= n || y >= 0) && y == x + 1;
}

// Whether a line break (or the text edge) precedes word i / follows word i.
bool BreakBefore(const Words& w, int i) {
  if (i == 0) return true;
  return w.text.substr(w.end[i - 1], w.begin[i] - w.end[i - 1]).find('\n') !=
         std::string_view::npos;
}
bool BreakAfter(const Words& w, int i) {
  if (i + 1 == static_cast<int>(w.begin.size())) return true;
  return w.text.substr(w.end[i], w.begin[i + 1] - w.end[i]).find('\n') != std::string_view::npos;
}

// Moves each run of unmatched words on side a that has no counterpart on
// side b (a pure deletion or insertion) to where it reads best. Such a run
// can slide while the word leaving it equals the word joining it; the
// number of matches is unchanged, so the diff stays minimal. Preferred: the
// run starts and ends at line breaks, so that a deleted paragraph is shown
// as that paragraph and not as its tail plus the next one's first word;
// among equals, the latest position (where the common-prefix trim puts it).
void SlideRuns(const Words& w, int b_size, std::vector<int>* a2b) {
  std::vector<int>& m = *a2b;
  const int n = static_cast<int>(m.size());
  const auto score = [&](int s, int e) {
    return (BreakBefore(w, s) ? 1 : 0) + (BreakAfter(w, e - 1) ? 1 : 0);
  };
  for (int i = 0; i < n;) {
    if (m[i] >= 0) {
      ++i;
      continue;
    }
    const int s = i;
    int e = i;
    while (e < n && m[e] < 0) ++e;
    i = e;
    const int before = s == 0 ? -1 : m[s - 1];
    const int after = e == n ? b_size : m[e];
    if ((s > 0 && before < 0) || after != before + 1) continue;  // Not pure.
    int up = 0, down = 0;
    while (s - up - 1 >= 0 && w.ids[s - up - 1] == w.ids[e - up - 1] &&
           Consecutive(m, b_size, s - up - 2))
      ++up;
    while (e + down < n && w.ids[e + down] == w.ids[s + down] && Consecutive(m, b_size, e + down))
      ++down;
    if (up == 0 && down == 0) continue;
    int best = down, best_score = score(s + down, e + down);
    for (int t = down - 1; t >= -up; --t) {
      const int sc = score(s + t, e + t);
      if (sc > best_score) best = t, best_score = sc;
    }
    if (best == 0) continue;
    // The window [s - up, e + down) holds up + down matched words, matched to
    // consecutive b words; rematch them around the moved run.
    int j = up > 0 ? m[s - up] : m[e];
    for (int k = s - up; k < e + down; ++k) m[k] = (k >= s + best && k < e + best) ? -1 : j++;
    i = std::max(e, e + best);
  }
}

class PieceList {
 public:
  void Add(DiffPiece::Kind kind, std::string_view text) {
    if (text.empty()) return;
    if (!pieces_.empty() && pieces_.back().kind == kind) {
      pieces_.back().text += text;
    } else {
      pieces_.push_back({kind, std::string(text)});
    }
  }
  std::vector<DiffPiece> Take() { return std::move(pieces_); }

 private:
  std::vector<DiffPiece> pieces_;
};

// Emits the text between matched words (i, j) and (ni, nj); -1 and the word
// counts stand for the start and end of the texts.
void EmitGap(const Words& o, const Words& n, int i, int j, int ni, int nj, PieceList* out) {
  const auto gap = [](const Words& w, int from, int to) {
    const size_t b = from < 0 ? 0 : w.end[from];
    const size_t e = to == static_cast<int>(w.begin.size()) ? w.text.size() : w.begin[to];
    return w.text.substr(b, e - b);
  };
  std::string_view go = gap(o, i, ni), gn = gap(n, j, nj);
  const bool no_words = o.begin.empty() && n.begin.empty();
  if (ni == i + 1 && nj == j + 1 && !no_words) {
    // Whitespace only, next to an unchanged word: unchanged, as in the new
    // text. (Texts without words fall through and keep both invariants.)
    out->Add(DiffPiece::Kind::kSame, gn);
    return;
  }
  const size_t prefix = CommonSpacePrefix(go, gn);
  out->Add(DiffPiece::Kind::kSame, gn.substr(0, prefix));
  go.remove_prefix(prefix);
  gn.remove_prefix(prefix);
  // A pure insertion or deletion also gives back the shared trailing
  // whitespace ("a\nc" -> "a b\nc" adds " b", not "\n" -> " b\n"). When both
  // sides have words the trailing whitespace stays with them, so that a
  // removed word and its replacement are kept apart.
  size_t suffix = 0;
  if (!HasWord(go) || !HasWord(gn)) suffix = CommonSpaceSuffix(go, gn);
  out->Add(DiffPiece::Kind::kRemoved, go.substr(0, go.size() - suffix));
  out->Add(DiffPiece::Kind::kAdded, gn.substr(0, gn.size() - suffix));
  out->Add(DiffPiece::Kind::kSame, gn.substr(gn.size() - suffix));
}

}  // namespace

std::vector<DiffPiece> DiffWords(std::string_view old_text, std::string_view new_text) {
  std::unordered_map<std::string_view, int> ids;
  const Words o = Split(old_text, &ids);
  const Words n = Split(new_text, &ids);
  const int old_words = static_cast<int>(o.ids.size()), new_words = static_cast<int>(n.ids.size());
  std::vector<int> o2n(old_words, -1), n2o(new_words, -1);
  for (const auto& [mi, mj] : Matcher(o.ids, n.ids).Run(kMaxDiffEditWords)) o2n[mi] = mj;
  SlideRuns(o, new_words, &o2n);
  for (int k = 0; k < old_words; ++k) {
    if (o2n[k] >= 0) n2o[o2n[k]] = k;
  }
  SlideRuns(n, old_words, &n2o);
  PieceList out;
  int i = -1, j = -1;
  for (int mj = 0; mj < new_words; ++mj) {
    const int mi = n2o[mj];
    if (mi < 0) continue;
    EmitGap(o, n, i, j, mi, mj, &out);
    out.Add(DiffPiece::Kind::kSame, new_text.substr(n.begin[mj], n.end[mj] - n.begin[mj]));
    i = mi;
    j = mj;
  }
  EmitGap(o, n, i, j, old_words, new_words, &out);
  return out.Take();
}

std::string DiffHtml(const std::vector<DiffPiece>& pieces) {
  std::string html;
  for (const auto& p : pieces) {
    switch (p.kind) {
      case DiffPiece::Kind::kSame:
        html += HtmlEscape(p.text);
        break;
      case DiffPiece::Kind::kRemoved:
        html += "<del>" + HtmlEscape(p.text) + "</del>";
        break;
      case DiffPiece::Kind::kAdded:
        html += "<ins>" + HtmlEscape(p.text) + "</ins>";
        break;
    }
  }
  return html;
}

DiffStats CountChanges(const std::vector<DiffPiece>& pieces) {
  DiffStats stats;
  for (const auto& p : pieces) {
    if (p.kind == DiffPiece::Kind::kAdded)
      stats.added_words += static_cast<int>(CountWords(p.text));
    if (p.kind == DiffPiece::Kind::kRemoved)
      stats.removed_words += static_cast<int>(CountWords(p.text));
  }
  return stats;
}

}  // namespace qalam
