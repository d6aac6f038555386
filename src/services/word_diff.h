// Word-level differences between two revisions of an article's text, for the
// revision-history page. Pure: no store, no I/O.
//
// A text is a sequence of words separated by whitespace runs. A word is a
// maximal run of non-whitespace characters, so punctuation stays with the
// word it touches ("الخطة،" and "(2024)" are single words). Whitespace is
// ASCII whitespace and the Unicode space separators (U+00A0, U+2000–U+200A,
// U+202F, U+3000, …); zero-width joiners and direction marks are word
// characters. Words compare byte for byte, without normalization: a change
// in diacritics or normalization form shows as a changed word. Input need
// not be valid UTF-8; it is never split inside a multi-byte character.
//
// The diff is minimal in words (removed + added = |old| + |new| − 2·LCS)
// as long as the edit distance in words, after dropping the common leading
// and trailing words, is at most kMaxDiffEditWords. Beyond that the region
// between the common prefix and suffix is reported as wholly removed and
// wholly added: a near-total rewrite reads no worse that way, and it bounds
// the cost (linear-space Myers, O((N+M)·D) time, O(N+M) memory).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qalam {

constexpr int kMaxDiffEditWords = 3000;

struct DiffPiece {
  enum class Kind { kSame, kAdded, kRemoved };
  Kind kind;
  // Never empty. Concatenating the kSame and kAdded texts in order gives the
  // new text exactly. Concatenating the kSame and kRemoved texts gives the
  // old text word for word, and byte for byte except where only whitespace
  // changed between two unchanged words (or before an unchanged first word,
  // or after an unchanged last word): a kSame piece carries the new text's
  // whitespace there. Elsewhere both texts are kept exactly.
  std::string text;
};

// The pieces in text order. Adjacent pieces never have the same kind, a
// word is never split between pieces, and a changed region (the text between
// two unchanged words) is one kRemoved piece followed by one kAdded piece,
// either possibly absent. Empty when both texts are empty.
//
// Whitespace follows its word: a changed piece carries the whitespace after
// its last word (so the removed and added words never touch on the page),
// while whitespace the two texts share at the edges of a changed region
// stays in the kSame pieces. Hence a word added after an unchanged last word
// yields a kAdded piece that starts with the separating space. A run of
// words only added (or only removed) that could sit at several equally
// minimal places, as when a paragraph starting with "وقال" is inserted
// before another one, is placed to start and end at line breaks.
std::vector<DiffPiece> DiffWords(std::string_view old_text, std::string_view new_text);

// The pieces as HTML for a right-to-left page styled white-space: pre-wrap:
// all text escaped (& < > " '), kRemoved wrapped in <del>…</del>, kAdded in
// <ins>…</ins>, newlines and other whitespace kept as they are.
std::string DiffHtml(const std::vector<DiffPiece>& pieces);

struct DiffStats {
  int added_words = 0;
  int removed_words = 0;
};

// Words in the kAdded and kRemoved pieces (whitespace-only pieces count 0).
DiffStats CountChanges(const std::vector<DiffPiece>& pieces);

}  // namespace qalam
