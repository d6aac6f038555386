// The site's term lists (edited by admins) matched against comments, on the
// search analyzer's normalization (arabic/analyzer.h) and robust to the usual
// disguises. Built once per list; Find is const and safe from any thread.
//
// What matches a term
// -------------------
// Text and terms are tokenized and normalized by arabic::Analyze: tashkeel,
// tatweel, zero-width and bidi characters are ignored; أ إ آ ٱ → ا, ى → ي,
// ة → ه, ؤ ئ → ء, Persian ک ی → ك ي, Latin case-folded. Then a term matches a
// WHOLE WORD of the text, never a piece of one:
//
//   word = [proclitics] term [suffix]
//
//   proclitics: و, then ب or ل, then ال (ل + ال is written لل); ف and ك
//               only before ال (فال كال وكال فبال …), since most words
//               starting with a bare ف or ك are root-initial (فخرا, كسب);
//               or يا alone (ياكلب)
//   suffixes:   ه (also ة, which reads as ه), ها, هم, ين, ون, ات
//
// So the term كلب matches كلب, الكلب, والكلب, بالكلب, كالكلب, للكلب, ياكلب,
// كلبة, كلبه, كلبها, كلبات, but not كلبنان, الكلبي, مكلبس or فكلب.
// Terms of two letters (زب, كس, سب) take fewer affixes, since a longer word
// so often ends or begins with them by chance: proclitics و ال وال يا and
// suffixes ه ها هم only (زبون, زبائن, فكس and سبب do not match). No other
// affix is stripped: broken plurals (كلاب, خنازير) and other derived forms
// are terms of their own; list base forms without ال.
//
// Disguises read through:
//  - repeated letters: a letter written 3+ times counts as once or twice
//    (كلللب → كلب); written twice, as once too when the term has 3+ letters
//    (كللب → كلب; but سبب is never the term سب);
//  - spaced or dotted letters: two or more single-letter tokens in a row
//    separated only by spaces and punctuation, on one line, are read as one
//    word (ك ل ب, ك.ل.ب, ك - ل - ب, و ك ل ب); tokens separated by
//    punctuation without any space are read both apart and joined (كل.ب,
//    ك-لب, k.a.l.b); zero-width characters never separate letters;
//  - Arabizi, Arabic written in Latin letters and digits (see ArabiziNote
//    below and term_matcher.cc for the table);
//  - a phrase written as one word (ابنالكلب for the term ابن الكلب).
//
// Terms of several words (phrases) match consecutive words of the text on one
// line, each word under the same affix rule. Terms written in Latin letters
// match whole Latin words, exactly (repeated letters read as above).
//
// Offsets: a match spans whole words of the ORIGINAL text, from the first
// byte of its first word to the last byte of its last word, clitics and
// marks included (so highlighting never splits a joined Arabic word), and
// across the spaces or dots of a spaced-out word.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace qalam::moderation {

enum class TermAction { kReject, kHold };

struct Term {
  std::string text;  // a word or a phrase of a few words, as the admin typed it
  TermAction action = TermAction::kHold;
  std::string category;  // optional: "insult", "religion", "sect", "race", …
};

struct TermMatch {
  size_t term_index = 0;      // into the list given to the constructor
  size_t begin = 0, end = 0;  // byte offsets into the ORIGINAL text
  std::string matched_text;   // text.substr(begin, end - begin)
};

// Arabizi (Latin letters and digits for Arabic letters), as read here:
//   2 ' → ء (or the alef of a hamza)   3 → ع   3' gh → غ   5 kh 7' → خ
//   7 → ح   h → ه ح   6 → ط   6' → ظ   8 → غ ق   9 → ق ص   9' → ض
//   b → ب   t → ت ط   th → ث ذ   j dj → ج   g → ج (ق too in a word with
//   digits)   d → د ض
//   dh → ذ ض ظ   r → ر   z → ز ذ ظ   s → س ص   sh ch → ش   f v → ف
//   q → ق   k → ك   l → ل   m → م   n → ن   w → و   y → ي
//   vowels: a → ا (or a short vowel), o u → و, i e → ي, any vowel → a short
//   vowel (nothing) but not at the end of the word, where it must stand for
//   a letter (kalbi is كلبي, not كلب); a word's first alef (and the alef of
//   ال) is any vowel; ة at the end may be a, e, ah, eh or nothing, the
//   suffix ه a, e, o or u; ء may be left out.
// Limits: a word with a digit 2 3 5 6 7 8 9 is always read; a word of Latin
// letters only (kalb, hmar) only for terms of 3+ consonants, since shorter
// skeletons are English words (kiss, kos → كس is not read), and there g is
// never ق (guard, grid are not قرد). Measured on 5,074 English words from
// the project's documents and comments with a list of 49 common insults:
// none read as a term. Letters outside
// the table (c alone, p, x, 0, 1, 4 …) mean the word is not Arabizi (p: help,
// kelp). ع must be written 3
// (never a or '), ق as 2 (Egyptian) is not read, digraphs (kh sh …) are
// always one letter, and a Latin word is matched only as a whole with
// Latin-spelled clitics of the same list (el, wel, bel, ya …).
inline constexpr std::string_view kArabiziNote =
    "2=ء 3=ع 3'=غ 5=خ 6=ط 7=ح 8=غ/ق 9=ق/ص";

class TermMatcher {
 public:
  // Terms with no letters are kept (so indices stay) but never match.
  explicit TermMatcher(std::vector<Term> terms);
  ~TermMatcher();
  TermMatcher(TermMatcher&&) noexcept;
  TermMatcher& operator=(TermMatcher&&) noexcept;

  // Every match, ordered by begin then term index. A term matches a given
  // stretch of text at most once (the narrowest reading is kept); different
  // terms may overlap (a word and a phrase containing it).
  std::vector<TermMatch> Find(std::string_view text) const;

  const std::vector<Term>& terms() const { return terms_; }

  // For the admin's form (Arabic messages): a term needs at least two letters
  // and at most five words.
  static Status Validate(const Term& term);

 private:
  struct Index;
  std::vector<Term> terms_;
  std::unique_ptr<Index> index_;
};

}  // namespace qalam::moderation
