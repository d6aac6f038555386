// Term lists matched on normalized Arabic (moderation/term_matcher.h).
//
// How Find works:
//  1. Tokenize splits the text into words as arabic::Analyze does, each with
//     its normalized form (arabic::Normalize, memoized per character) and its
//     byte range in the original text.
//  2. Words to look up: every token alone (reading A), and groups of tokens
//     read as one word (reading B): tokens of one script separated by
//     punctuation without a space (كل.ب, k.a.l.b), and runs of single letters
//     separated by spaces and punctuation (ك ل ب). The gap between two tokens
//     decides; a line break always separates.
//  3. Each word is looked up, as [proclitic] middle [suffix] for every affix
//     of the lists that fits, in a hash map of the terms' words (Arabic), or
//     through the Arabizi index (Latin): a key of consonant classes that is
//     the same for a Latin spelling and its Arabic word, confirmed letter by
//     letter by Spells().
//  4. A term matches where its words are hits of consecutive words of one
//     reading (one word for single-word terms). Matches of the same term that
//     overlap (both readings found it) are reduced to the narrowest.
// A 1,000-character comment against 500 terms takes some tens of
// microseconds (tests/unit/term_matcher_test.cc prints the figure).
#include "moderation/term_matcher.h"

#include "core/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

#include "arabic/analyzer.h"

namespace qalam::moderation {
namespace {

constexpr size_t kMaxTermWords = 8;
constexpr size_t kMaxLatinUnits = 60;
constexpr int kMinPlainLatinConsonants = 3;  // Latin-only Arabizi: skeleton length

constexpr char32_t kAlef = U'ا', kHamza = U'ء', kWaw = U'و', kYeh = U'ي', kHeh = U'ه',
                   kTehMarbuta = U'ة', kAlefMaksura = U'ى';

// ---------------------------------------------------------------- UTF-8 ----
// core/utf8.h: the codec the analyzer and the classifier read with too.

inline size_t NextCp(std::string_view s, size_t i, char32_t* c) { return NextCodePoint(s, i, c); }
inline std::u32string Decode(std::string_view s) { return DecodeUtf8(s); }

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// ------------------------------------------------------------- affixes ----

struct Affix {
  std::string_view text;  // normalized
  bool short_ok;          // allowed on two-letter terms
};

// و, then ب or ل, then ال (ل+ال is لل); ف and ك only in front of ال, as in
// the light stemmer (arabic/light_stemmer.cc): most words starting with a
// bare ف or ك are root-initial (فخرا is not ف+خرا). Or يا alone.
constexpr Affix kProclitics[] = {
    {"", true},       {"و", true},      {"ب", false},     {"ل", false},
    {"ال", true},     {"وب", false},    {"ول", false},    {"وال", true},
    {"فال", false},   {"بال", false},   {"كال", false},   {"لل", false},
    {"وبال", false},  {"وكال", false},  {"ولل", false},   {"فبال", false},
    {"فكال", false},  {"فلل", false},   {"يا", true},
};

// ة reads as ه, so ه is both the feminine ending and the pronoun.
constexpr Affix kSuffixes[] = {
    {"", true}, {"ه", true}, {"ها", true}, {"هم", true},
    {"ين", false}, {"ون", false}, {"ات", false},
};

// ------------------------------------------------------------- Arabizi ----
//
// Latin units: a letter, a digit, an apostrophe, or one of these codes:
//   K kh   G gh   S sh/ch   T th   D dh   J dj   Q 3'   X 7'   P 9'   Z 6'
// Key classes: one lower-case letter per group of Arabic letters that some
// Latin unit can stand for, so that a Latin word and its Arabic word get the
// same key (vowels, alef and hamza left out):
//   b ب   t ت ط   d ث ذ ض ظ د ز   g ج ق ص س غ   h ه ح   x خ   r ر   c ش
//   e ع   f ف   k ك   l ل   m م   n ن   w و   y ي

char ArabicClass(char32_t a) {
  switch (a) {
    case U'ب': case U'پ': return 'b';
    case U'ت': case U'ط': return 't';
    case U'ث': case U'ذ': case U'ض': case U'ظ': case U'د': case U'ز': case U'ژ': return 'd';
    case U'ج': case U'ق': case U'ص': case U'س': case U'غ': case U'گ': return 'g';
    case U'ه': case U'ح': return 'h';
    case U'خ': return 'x';
    case U'ر': return 'r';
    case U'ش': case U'چ': return 'c';
    case U'ع': return 'e';
    case U'ف': case U'ڤ': return 'f';
    case U'ك': return 'k';
    case U'ل': return 'l';
    case U'م': return 'm';
    case U'ن': return 'n';
    case U'و': return 'w';
    case U'ي': return 'y';
    default: return 0;
  }
}

char LatinClass(char u) {
  switch (u) {
    case 'b': return 'b';
    case 't': case '6': return 't';
    case 'T': case 'D': case 'd': case 'z': case 'P': case 'Z': return 'd';
    case 'j': case 'J': case 'g': case 'G': case 'Q': case '8': case 's': case '9': case 'q':
      return 'g';
    case '7': case 'h': return 'h';
    case 'K': case '5': case 'X': return 'x';
    case 'r': return 'r';
    case 'S': return 'c';
    case '3': return 'e';
    case 'f': case 'v': return 'f';
    case 'k': return 'k';
    case 'l': return 'l';
    case 'm': return 'm';
    case 'n': return 'n';
    case 'w': return 'w';
    case 'y': return 'y';
    default: return 0;  // vowels, 2 and '
  }
}

// Whether the consonant unit u can stand for the Arabic letter a. In a word
// without digits (`plain`) g is ج only: guard and grid are not قرد.
bool ConsonantSpells(char u, char32_t a, bool plain) {
  switch (u) {
    case 'b': return a == U'ب' || a == U'پ';
    case 't': return a == U'ت' || a == U'ط';
    case '6': return a == U'ط';
    case 'Z': return a == U'ظ';
    case 'T': return a == U'ث' || a == U'ذ';
    case 'D': return a == U'ذ' || a == U'ض' || a == U'ظ';
    case 'd': return a == U'د' || a == U'ض';
    case 'P': return a == U'ض';
    case 'z': return a == U'ز' || a == U'ذ' || a == U'ظ' || a == U'ژ';
    case 'j': case 'J': return a == U'ج';
    case 'g': return a == U'ج' || a == U'گ' || (!plain && a == U'ق');
    case 'G': case 'Q': return a == U'غ';
    case '8': return a == U'غ' || a == U'ق';
    case 's': return a == U'س' || a == U'ص';
    case '9': return a == U'ق' || a == U'ص';
    case 'q': return a == U'ق';
    case '7': return a == U'ح';
    case 'h': return a == U'ه' || a == U'ح';
    case 'K': case '5': case 'X': return a == U'خ';
    case 'r': return a == U'ر';
    case 'S': return a == U'ش' || a == U'چ';
    case '3': return a == U'ع';
    case 'f': case 'v': return a == U'ف' || a == U'ڤ';
    case 'k': return a == U'ك';
    case 'l': return a == U'ل';
    case 'm': return a == U'م';
    case 'n': return a == U'ن';
    case 'w': return a == U'و';
    case 'y': return a == U'ي';
    default: return false;
  }
}

bool IsVowelUnit(char u) { return u == 'a' || u == 'e' || u == 'i' || u == 'o' || u == 'u'; }
bool IsHamzaUnit(char u) { return u == '2' || u == '\''; }

// Per-letter flags of an Arabic spelling.
enum : uint8_t {
  kWordStart = 1,     // first letter of a word (a waw or yeh there is a consonant)
  kInitialAlef = 2,   // an alef that any vowel (or nothing) may spell: أنت enta, ال el/l
  kOptional = 4,      // may be left out: final ة, the pronoun ه
  kMaksura = 8,       // final ى: spelled a, too
  kFeminine = 16,     // final ة: spelled a or e (or h, or nothing)
  kPronoun = 32,      // the suffix ه (ة too, once normalized): a e o u (or h, or nothing)
};

struct Spelling {
  std::u32string letters;
  std::vector<uint8_t> flags;
};

// Splits a lower-case Latin word into units (repeated characters read once).
// False when a character is outside the table.
bool LatinUnits(std::string_view word, std::string* units, bool* has_digit) {
  units->clear();
  *has_digit = false;
  std::string w;
  for (char c : word) {
    if (w.empty() || w.back() != c) w.push_back(c);
  }
  if (w.size() > kMaxLatinUnits) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i], n = i + 1 < w.size() ? w[i + 1] : '\0';
    if (n == '\'' && (c == '3' || c == '7' || c == '9' || c == '6')) {
      units->push_back(c == '3' ? 'Q' : c == '7' ? 'X' : c == '9' ? 'P' : 'Z');
      *has_digit = true;
      ++i;
      continue;
    }
    char digraph = 0;
    if (n == 'h') {
      digraph = c == 'k' ? 'K' : c == 'g' ? 'G' : c == 's' || c == 'c' ? 'S' : c == 't' ? 'T'
              : c == 'd' ? 'D' : 0;
    } else if (c == 'd' && n == 'j') {
      digraph = 'J';
    }
    if (digraph != 0) {
      units->push_back(digraph);
      ++i;
      continue;
    }
    if (c >= '2' && c <= '9' && c != '4') {
      units->push_back(c);
      *has_digit = *has_digit || c != '2';
      continue;
    }
    if (c == '\'' || IsVowelUnit(c) || LatinClass(c) != 0) {
      units->push_back(c);
      continue;
    }
    return false;  // c, x, 0, 1, 4, other characters
  }
  return true;
}

std::string LatinKey(std::string_view units) {
  std::string key;
  for (char u : units) {
    char cls = LatinClass(u);
    if (cls != 0 && (key.empty() || key.back() != cls)) key.push_back(cls);
  }
  return key;
}

// The keys of an Arabic spelling: alef and hamza left out; a waw or yeh that
// may be a long vowel (not first, not next to an alef) and optional letters
// both with and without; identical neighbouring classes once.
std::vector<std::string> ArabicKeys(const Spelling& s) {
  struct Item {
    char cls;
    bool optional;
  };
  std::vector<Item> items;
  const size_t n = s.letters.size();
  for (size_t i = 0; i < n; ++i) {
    char32_t a = s.letters[i];
    if (a == kAlef || a == kHamza) continue;
    char cls = ArabicClass(a);
    if (cls == 0) return {};
    bool optional = (s.flags[i] & kOptional) != 0;
    if ((a == kWaw || a == kYeh) && !(s.flags[i] & kWordStart) &&
        (i == 0 || s.letters[i - 1] != kAlef) && (i + 1 == n || s.letters[i + 1] != kAlef)) {
      optional = true;
    }
    items.push_back({cls, optional});
  }
  std::vector<size_t> choices;
  for (size_t i = 0; i < items.size() && choices.size() < 4; ++i) {
    if (items[i].optional) choices.push_back(i);
  }
  std::vector<std::string> keys;
  for (uint32_t mask = 0; mask < (1u << choices.size()); ++mask) {
    std::string key;
    for (size_t i = 0; i < items.size(); ++i) {
      auto it = std::find(choices.begin(), choices.end(), i);
      if (it != choices.end() && (mask >> (it - choices.begin()) & 1)) continue;
      if (key.empty() || key.back() != items[i].cls) key.push_back(items[i].cls);
    }
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

// Whether the Latin units spell the Arabic letters (see the table in
// term_matcher.h): a small automaton over (letter, unit) positions. Short
// vowels spell nothing, except at the end of the word, where a vowel stands
// for a letter (kalbi is كلبي, not كلب).
bool Spells(std::string_view u, const char32_t* a, const uint8_t* f, size_t n, bool plain) {
  const size_t m = u.size();
  if (m >= 64) return false;
  uint64_t cur = 1;  // bit j: units [0, j) spell the letters so far
  for (size_t i = 0;; ++i) {
    for (size_t j = 0; j < m; ++j) {
      if ((cur >> j & 1) && (IsHamzaUnit(u[j]) || (IsVowelUnit(u[j]) && j + 1 < m))) {
        cur |= uint64_t{1} << (j + 1);
      }
    }
    if (i == n) break;
    const char32_t c = a[i];
    const uint8_t fl = f[i];
    uint64_t next = 0;
    if (c == kHamza || (fl & (kOptional | kInitialAlef)) || (i > 0 && a[i - 1] == c)) next = cur;
    for (size_t j = 0; j < m; ++j) {
      if (!(cur >> j & 1)) continue;
      const char x = u[j];
      bool ok;
      if (c == kAlef) {
        ok = x == 'a' || ((fl & kInitialAlef) && (IsVowelUnit(x) || IsHamzaUnit(x)));
      } else if (c == kWaw) {
        ok = x == 'w' || x == 'o' || x == 'u';
      } else if (c == kYeh) {
        ok = x == 'y' || x == 'i' || x == 'e' || ((fl & kMaksura) && x == 'a');
      } else if (c == kHamza) {
        ok = IsHamzaUnit(x);
      } else if (c == kHeh && (fl & kPronoun)) {
        ok = x == 'h' || x == 'a' || x == 'e' || x == 'o' || x == 'u';
      } else if (c == kHeh && (fl & kFeminine)) {
        ok = x == 'h' || x == 'a' || x == 'e';
      } else {
        ok = ConsonantSpells(x, c, plain);
      }
      if (ok) next |= uint64_t{1} << (j + 1);
    }
    cur = next;
    if (cur == 0) return false;
  }
  return (cur >> m) & 1;
}

// The letters of an affix with their flags.
Spelling AffixSpelling(std::string_view text, bool proclitic) {
  Spelling s;
  s.letters = Decode(text);
  s.flags.assign(s.letters.size(), 0);
  if (!s.letters.empty() && proclitic) s.flags[0] |= kWordStart;
  for (size_t i = 0; i + 1 < s.letters.size(); ++i) {  // the alef of ال
    if (s.letters[i] == kAlef && s.letters[i + 1] == U'ل' && (i == 0 || proclitic)) {
      s.flags[i] |= kInitialAlef;
    }
  }
  if (!proclitic && s.letters.size() == 1 && s.letters[0] == kHeh) {
    s.flags[0] |= kOptional | kPronoun;
  }
  return s;
}

// ------------------------------------------------------------ the text ----
//
// Words with the analyzer's normalization: each code point is folded by
// arabic::Normalize (a table for ASCII and the Arabic block, built once from
// it; a per-thread cache for other characters), and words split as
// arabic::Analyze splits them (letters with their marks; a change between
// Arabic letters and Latin letters or digits separates; zero-width and bidi
// characters neither join nor separate). Unlike Analyze nothing is stemmed,
// which is most of its cost, and an apostrophe after 3 7 9 6 stays inside a
// Latin word (3'abi).

enum class ScriptKind : uint8_t { kNone, kArabic, kLatin, kOther };

enum class Cls : uint8_t {
  kSep,     // ends a word
  kArabic,  // an Arabic letter (out: folded)
  kLatin,   // an ASCII letter or digit (out: case-folded, accents off)
  kOther,   // a letter of another script (out: folded)
  kMark,    // tashkeel, tatweel, other combining marks: inside a word, dropped
  kIgnore,  // zero-width and bidi characters: dropped, never separate
  kHamza,   // U+0654/U+0655: و/ي before it become ء
};

struct Fold {
  Cls cls = Cls::kSep;
  uint8_t n = 0;           // code points out (NFKC may expand: ﻻ → لا)
  uint8_t bytes = 0;       // their UTF-8 length
  char32_t out[4] = {};
  char utf8[16] = {};
};

Fold FoldOf(char32_t c) {
  Fold f;
  if (c == 0x654 || c == 0x655) {
    f.cls = Cls::kHamza;
    return f;
  }
  std::string in;
  AppendUtf8(in, c);
  std::string norm = arabic::Normalize(in);
  if (norm.empty()) {
    bool ignore = (c >= 0x600 && c <= 0x605) || c == 0x61C;
    if (!ignore && !(c >= 0x600 && c <= 0x6FF)) {
      int8_t t = u_charType(static_cast<UChar32>(c));
      ignore = t != U_NON_SPACING_MARK && t != U_ENCLOSING_MARK && t != U_COMBINING_SPACING_MARK;
    }
    f.cls = ignore ? Cls::kIgnore : Cls::kMark;
    return f;
  }
  for (size_t i = 0; i < norm.size() && f.n < 4;) {
    char32_t o;
    i = NextCp(norm, i, &o);
    Cls cls;
    if (o < 0x80) {
      bool alnum = (o >= 'a' && o <= 'z') || (o >= '0' && o <= '9');
      cls = alnum ? Cls::kLatin : Cls::kSep;
    } else if (o >= 0x600 && o <= 0x8FF) {
      cls = u_isalpha(static_cast<UChar32>(o)) ? Cls::kArabic : Cls::kSep;
    } else {
      cls = u_isalpha(static_cast<UChar32>(o)) ? Cls::kOther : Cls::kSep;
    }
    if (cls == Cls::kSep) {  // a separator anywhere makes the whole character one
      f.cls = Cls::kSep;
      f.n = 0;
      return f;
    }
    if (f.n > 0 && cls != f.cls) {  // mixed scripts (rare): keep the first part
      break;
    }
    f.cls = cls;
    f.out[f.n++] = o;
    std::string u;
    AppendUtf8(u, o);
    for (char b : u) f.utf8[f.bytes++] = b;
  }
  return f;
}

struct FoldTable {
  Fold ascii[128];
  Fold arabic[256];  // U+0600–U+06FF
  FoldTable() {
    for (char32_t c = 0; c < 128; ++c) ascii[c] = FoldOf(c);
    for (char32_t c = 0; c < 256; ++c) arabic[c] = FoldOf(0x600 + c);
  }
};

const Fold& Lookup(char32_t c) {
  static const FoldTable table;
  if (c < 0x80) return table.ascii[c];
  if (c >= 0x600 && c <= 0x6FF) return table.arabic[c - 0x600];
  thread_local std::unordered_map<char32_t, Fold> cache;
  auto it = cache.find(c);
  if (it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  return cache.emplace(c, FoldOf(c)).first->second;
}

struct Word {
  size_t begin = 0, end = 0;    // bytes of the original text, trailing marks included
  uint32_t key_at = 0, key_len = 0;  // the normalized letters, in a shared buffer
  ScriptKind kind = ScriptKind::kNone;
  uint16_t letters = 0;         // code points in the key
  bool run = false;             // two identical letters in a row
};

inline std::string_view KeyOf(const std::string& buf, const Word& w) {
  return std::string_view(buf).substr(w.key_at, w.key_len);
}

bool IsApostropheCp(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == '`'; }

// Appends the words of text to *out and their keys to *buf.
void Tokenize(std::string_view text, std::vector<Word>* out, std::string* buf) {
  Word w;
  char32_t last = 0;  // the word's last letter
  auto finish = [&]() {
    if (w.kind != ScriptKind::kNone) {
      w.key_len = static_cast<uint32_t>(buf->size() - w.key_at);
      out->push_back(w);
    }
    w = Word();
  };
  for (size_t i = 0; i < text.size();) {
    char32_t c;
    size_t next = NextCp(text, i, &c);
    const Fold& f = Lookup(c);
    switch (f.cls) {
      case Cls::kArabic:
      case Cls::kLatin:
      case Cls::kOther: {
        ScriptKind kind = f.cls == Cls::kArabic  ? ScriptKind::kArabic
                          : f.cls == Cls::kLatin ? ScriptKind::kLatin
                                                 : ScriptKind::kOther;
        if (w.kind != kind) {
          finish();
          w.kind = kind;
          w.begin = i;
          w.key_at = static_cast<uint32_t>(buf->size());
          last = 0;
        }
        buf->append(f.utf8, f.bytes);
        for (uint8_t k = 0; k < f.n; ++k) {
          w.run = w.run || f.out[k] == last;
          last = f.out[k];
        }
        w.letters = static_cast<uint16_t>(w.letters + f.n);
        w.end = next;
        break;
      }
      case Cls::kMark:
        if (w.kind != ScriptKind::kNone) w.end = next;
        break;
      case Cls::kHamza:
        if (w.kind == ScriptKind::kArabic) {
          std::string& k = *buf;  // و U+0648 or ي U+064A (D9 88 / D9 8A) → ء (D8 A1)
          size_t n = k.size();
          if (n >= w.key_at + 2 && static_cast<unsigned char>(k[n - 2]) == 0xD9 &&
              (static_cast<unsigned char>(k[n - 1]) == 0x88 ||
               static_cast<unsigned char>(k[n - 1]) == 0x8A)) {
            k[n - 2] = static_cast<char>(0xD8);
            k[n - 1] = static_cast<char>(0xA1);
            last = kHamza;
          }
          w.end = next;
        }
        break;
      case Cls::kIgnore:
        break;
      case Cls::kSep:
        // 3'abi: an apostrophe after 3 7 9 6, before a letter, is part of it.
        if (w.kind == ScriptKind::kLatin && IsApostropheCp(c) &&
            std::string_view("3796").find(static_cast<char>(last)) != std::string_view::npos &&
            next < text.size() && Lookup(static_cast<unsigned char>(text[next])).cls == Cls::kLatin) {
          buf->push_back('\'');
          last = '\'';
          w.end = next;
          break;
        }
        finish();
        break;
    }
    i = next;
  }
  finish();
}

enum class Gap : uint8_t {
  kTight,  // nothing but up to 3 punctuation characters: كل.ب
  kLoose,  // spaces and punctuation, up to 5 characters: ك ل ب, ك . ل
  kFar,    // longer
  kBreak,  // a line break
};

Gap ClassifyGap(std::string_view gap) {
  if (gap.size() == 1 && gap[0] == ' ') return Gap::kLoose;
  size_t spaces = 0, others = 0;
  for (size_t i = 0; i < gap.size();) {
    char32_t c;
    i = NextCp(gap, i, &c);
    if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) return Gap::kBreak;
    if (c < 0x80) {
      if (c == ' ' || c == '\t') {
        ++spaces;
      } else if (c >= 0x20) {
        ++others;
      }
      continue;
    }
    Cls cls = Lookup(c).cls;
    if (cls == Cls::kIgnore || cls == Cls::kMark || cls == Cls::kHamza) continue;
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      ++spaces;
    } else {
      ++others;
    }
  }
  if (spaces == 0 && others <= 3) return Gap::kTight;
  if (spaces + others <= 5) return Gap::kLoose;
  return Gap::kFar;
}

struct Hit {
  uint32_t term;
  uint8_t word_pos;
  bool joined;  // the whole phrase as one word
  bool operator==(const Hit&) const = default;
};

// A standalone article, which a phrase may step over (ibn el kalb, ابن ال كلب).
bool IsArticle(std::string_view key) {
  return key == "ال" || key == "el" || key == "al" || key == "il" || key == "l";
}

struct RawMatch {
  uint32_t term;
  size_t begin, end;
};

void AddHit(std::vector<Hit>* out, Hit h) {
  if (std::find(out->begin(), out->end(), h) == out->end()) out->push_back(h);
}

// Runs of 3+ identical letters collapse to one (a term typed stretched).
std::string CollapseLongRuns(std::string_view key) {
  std::u32string cps = Decode(key);
  std::string out;
  for (size_t i = 0; i < cps.size();) {
    size_t j = i;
    while (j < cps.size() && cps[j] == cps[i]) ++j;
    size_t keep = j - i >= 3 ? 1 : j - i;
    for (size_t k = 0; k < keep; ++k) AppendUtf8(out, cps[i]);
    i = j;
  }
  return out;
}

// Whether a key has two identical code points in a row.
bool HasRun(std::string_view key) {
  char32_t prev = 0;
  for (size_t i = 0; i < key.size();) {
    char32_t c;
    i = NextCp(key, i, &c);
    if (c == prev) return true;
    prev = c;
  }
  return false;
}

// The readings of a word with repeated letters, as the term may have them: a
// run of 3+ as one or two letters; a run of two as two, or as one
// (`shortened`, then only for terms of 3+ letters). At most 16 readings.
struct RunReading {
  std::string key;
  bool shortened;
};

void RunReadings(std::string_view key, std::vector<RunReading>* out) {
  out->clear();
  struct Run {
    char32_t c;
    size_t len;
  };
  std::vector<Run> rs;
  for (size_t i = 0; i < key.size();) {
    char32_t c;
    i = NextCp(key, i, &c);
    if (!rs.empty() && rs.back().c == c) {
      ++rs.back().len;
    } else {
      rs.push_back({c, 1});
    }
  }
  std::vector<size_t> choices;  // runs with two readings
  for (size_t r = 0; r < rs.size() && choices.size() < 4; ++r) {
    if (rs[r].len >= 2) choices.push_back(r);
  }
  for (uint32_t mask = 0; mask < (1u << choices.size()); ++mask) {
    RunReading reading{{}, false};
    size_t ci = 0;
    for (size_t r = 0; r < rs.size(); ++r) {
      size_t len = rs[r].len >= 3 ? 1 : rs[r].len;
      if (ci < choices.size() && choices[ci] == r) {
        bool alt = mask >> ci & 1;
        ++ci;
        if (rs[r].len == 2) {
          len = alt ? 1 : 2;
          reading.shortened = reading.shortened || alt;
        } else {
          len = alt ? 2 : 1;
        }
      }
      for (size_t k = 0; k < len; ++k) AppendUtf8(reading.key, rs[r].c);
    }
    out->push_back(std::move(reading));
  }
}

// The last Arabic letter of an original (unnormalized) word, marks and tatweel
// skipped.
char32_t LastArabicLetter(std::string_view original) {
  std::u32string cps = Decode(original);
  for (size_t i = cps.size(); i-- > 0;) {
    if (cps[i] >= 0x621 && cps[i] <= 0x64A && cps[i] != 0x640) return cps[i];
  }
  return 0;
}

char32_t FirstCp(std::string_view s) {
  char32_t c = 0;
  if (!s.empty()) NextCp(s, 0, &c);
  return c;
}

char32_t LastCp(std::string_view s) {
  size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
  if (i > 0) --i;
  return FirstCp(s.substr(i));
}

}  // namespace

// ------------------------------------------------------------- the index --

struct TermMatcher::Index {
  struct WordEntry {
    uint32_t term;
    uint8_t word_pos;
    uint8_t letters;  // of this word (or of the joined phrase), capped at 255
    bool joined;
  };
  struct ArabiziEntry {
    uint32_t term;
    uint8_t word_pos;
    uint8_t letters;
    bool joined;
    uint32_t spelling;  // into spellings
  };
  struct AffixKey {
    size_t affix;  // into kProclitics or kSuffixes
    std::string key;
  };

  std::vector<uint8_t> term_words;   // 0: never matches
  std::vector<int> term_consonants;  // longest Arabizi skeleton (0: none)
  std::unordered_map<std::string, std::vector<WordEntry>, SvHash, std::equal_to<>> words;
  std::unordered_map<std::string, std::vector<ArabiziEntry>, SvHash, std::equal_to<>> arabizi;
  std::vector<Spelling> spellings;
  std::vector<Spelling> proclitic_spellings, suffix_spellings;
  std::vector<AffixKey> proclitic_keys, suffix_keys;
  // Non-empty affixes by their first (proclitics) or last (suffixes) letter,
  // all of which are in U+0600–U+06FF.
  std::vector<uint8_t> proclitics_by_first[256], suffixes_by_last[256];
  size_t min_bytes = SIZE_MAX, max_bytes = 0;  // of the keys in words
  // A filter in front of `words`: one bit per Quick() of its keys.
  std::vector<uint64_t> filter = std::vector<uint64_t>(1024);

  static uint32_t Quick(std::string_view k) {
    uint32_t h = static_cast<uint32_t>(k.size()) * 0x9E3779B1u;
    h ^= static_cast<unsigned char>(k[0]) * 0x85EBCA6Bu;
    h ^= static_cast<unsigned char>(k[k.size() / 2]) * 0xC2B2AE35u;
    h ^= static_cast<unsigned char>(k[k.size() - 1]) * 0x27D4EB2Fu;
    h ^= h >> 15;
    return h & 0xFFFF;
  }
  bool MayHave(std::string_view k) const {
    uint32_t q = Quick(k);
    return filter[q >> 6] >> (q & 63) & 1;
  }

  void Build(const std::vector<Term>& terms);
  void AddWord(uint32_t term, uint8_t pos, bool joined, std::string key);
  void AddArabizi(uint32_t term, uint8_t pos, bool joined, uint8_t letters, Spelling s,
                  int* consonants);

  void HitsOf(std::string_view key, ScriptKind kind, bool run, std::vector<Hit>* out) const;
  void ArabicHits(std::string_view key, bool run, bool affixes, std::vector<Hit>* out) const;
  void AffixHits(std::string_view v, bool shortened, bool affixes, std::vector<Hit>* out) const;
  void ArabiziHits(std::string_view word, std::vector<Hit>* out) const;
};

void TermMatcher::Index::AddWord(uint32_t term, uint8_t pos, bool joined, std::string key) {
  size_t letters = CodePoints(key);
  min_bytes = std::min(min_bytes, key.size());
  max_bytes = std::max(max_bytes, key.size());
  uint32_t q = Quick(key);
  filter[q >> 6] |= uint64_t{1} << (q & 63);
  words[std::move(key)].push_back(
      {term, pos, static_cast<uint8_t>(std::min<size_t>(letters, 255)), joined});
}

void TermMatcher::Index::AddArabizi(uint32_t term, uint8_t pos, bool joined, uint8_t letters,
                                    Spelling s, int* consonants) {
  std::vector<std::string> keys = ArabicKeys(s);
  if (keys.empty()) {
    *consonants = -1;
    return;
  }
  size_t longest = 0;
  for (const std::string& k : keys) longest = std::max(longest, k.size());
  *consonants = static_cast<int>(longest);
  uint32_t id = static_cast<uint32_t>(spellings.size());
  spellings.push_back(std::move(s));
  for (std::string& k : keys) {
    if (k.empty()) continue;
    arabizi[std::move(k)].push_back({term, pos, letters, joined, id});
  }
}

void TermMatcher::Index::Build(const std::vector<Term>& terms) {
  for (size_t i = 0; i < std::size(kProclitics); ++i) {
    Spelling s = AffixSpelling(kProclitics[i].text, true);
    for (std::string& k : ArabicKeys(s)) proclitic_keys.push_back({i, std::move(k)});
    proclitic_spellings.push_back(std::move(s));
    if (!kProclitics[i].text.empty()) {
      proclitics_by_first[FirstCp(kProclitics[i].text) - 0x600].push_back(static_cast<uint8_t>(i));
    }
  }
  for (size_t i = 0; i < std::size(kSuffixes); ++i) {
    Spelling s = AffixSpelling(kSuffixes[i].text, false);
    for (std::string& k : ArabicKeys(s)) suffix_keys.push_back({i, std::move(k)});
    suffix_spellings.push_back(std::move(s));
    if (!kSuffixes[i].text.empty()) {
      suffixes_by_last[LastCp(kSuffixes[i].text) - 0x600].push_back(static_cast<uint8_t>(i));
    }
  }

  term_words.assign(terms.size(), 0);
  term_consonants.assign(terms.size(), 0);
  std::vector<Word> tokens;
  std::string buf;
  for (uint32_t t = 0; t < terms.size(); ++t) {
    tokens.clear();
    buf.clear();
    Tokenize(terms[t].text, &tokens, &buf);
    if (tokens.empty() || tokens.size() > kMaxTermWords) continue;
    size_t letters = 0;
    for (const Word& tok : tokens) letters += tok.letters;
    if (letters < 2) continue;
    term_words[t] = static_cast<uint8_t>(tokens.size());

    bool all_arabic = true;
    Spelling joined_spelling;
    std::string joined_key;
    int consonants = 0;
    for (size_t p = 0; p < tokens.size(); ++p) {
      std::string key = CollapseLongRuns(KeyOf(buf, tokens[p]));
      joined_key += key;
      if (tokens[p].kind != ScriptKind::kArabic) {
        all_arabic = false;
        AddWord(t, static_cast<uint8_t>(p), false, std::move(key));
        continue;
      }
      Spelling s;
      s.letters = Decode(key);
      s.flags.assign(s.letters.size(), 0);
      s.flags[0] |= kWordStart;
      if (s.letters[0] == kAlef) s.flags[0] |= kInitialAlef;
      char32_t last = LastArabicLetter(std::string_view(terms[t].text)
                                           .substr(tokens[p].begin, tokens[p].end - tokens[p].begin));
      if (last == kTehMarbuta && s.letters.back() == kHeh) {
        s.flags.back() |= kOptional | kFeminine;
      }
      if (last == kAlefMaksura && s.letters.back() == kYeh) s.flags.back() |= kOptional | kMaksura;
      joined_spelling.letters += s.letters;
      joined_spelling.flags.insert(joined_spelling.flags.end(), s.flags.begin(), s.flags.end());
      uint8_t n = static_cast<uint8_t>(std::min<size_t>(s.letters.size(), 255));
      // A word written with the article also matches without it (ابن الكلب:
      // ابن كلب, ibn el kalb), if 3+ letters remain (الله is never له).
      if (s.letters.size() >= 5 && s.letters[0] == kAlef && s.letters[1] == U'ل') {
        Spelling bare;
        bare.letters = s.letters.substr(2);
        bare.flags.assign(s.flags.begin() + 2, s.flags.end());
        bare.flags[0] |= kWordStart;
        if (bare.letters[0] == kAlef) bare.flags[0] |= kInitialAlef;
        AddWord(t, static_cast<uint8_t>(p), false, key.substr(4));  // ال is 4 bytes
        int unused = 0;
        AddArabizi(t, static_cast<uint8_t>(p), false, static_cast<uint8_t>(n - 2),
                   std::move(bare), &unused);
      }
      AddWord(t, static_cast<uint8_t>(p), false, std::move(key));
      int c = 0;
      AddArabizi(t, static_cast<uint8_t>(p), false, n, std::move(s), &c);
      consonants = consonants < 0 || c < 0 ? -1 : consonants + c;
    }
    term_consonants[t] = all_arabic ? std::max(consonants, 0) : 0;
    if (tokens.size() > 1) {  // the phrase written as one word
      uint8_t n = static_cast<uint8_t>(std::min<size_t>(CodePoints(joined_key), 255));
      AddWord(t, 0, true, std::move(joined_key));
      if (all_arabic) {
        int c = 0;
        AddArabizi(t, 0, true, n, std::move(joined_spelling), &c);
      }
    }
  }
  if (words.empty()) min_bytes = 0;
}

void TermMatcher::Index::AffixHits(std::string_view v, bool shortened, bool affixes,
                                   std::vector<Hit>* out) const {
  auto try_middle = [&](const Affix& p, std::string_view rest) {
    auto lookup = [&](const Affix& s) {
      if (rest.size() <= s.text.size()) return;
      std::string_view mid = rest.substr(0, rest.size() - s.text.size());
      if (mid.size() < min_bytes || mid.size() > max_bytes || !MayHave(mid)) return;
      auto it = words.find(mid);
      if (it == words.end()) return;
      for (const WordEntry& e : it->second) {
        if (e.letters <= 2 && (!p.short_ok || !s.short_ok)) continue;
        if (shortened && e.letters < 3) continue;
        AddHit(out, {e.term, e.word_pos, e.joined});
      }
    };
    lookup(kSuffixes[0]);
    if (!affixes) return;
    char32_t last = LastCp(rest);
    if (last < 0x600 || last > 0x6FF) return;
    for (uint8_t si : suffixes_by_last[last - 0x600]) {
      if (rest.ends_with(kSuffixes[si].text)) lookup(kSuffixes[si]);
    }
  };
  try_middle(kProclitics[0], v);
  if (!affixes) return;
  char32_t first = FirstCp(v);
  if (first < 0x600 || first > 0x6FF) return;
  for (uint8_t pi : proclitics_by_first[first - 0x600]) {
    if (v.starts_with(kProclitics[pi].text)) {
      try_middle(kProclitics[pi], v.substr(kProclitics[pi].text.size()));
    }
  }
}

void TermMatcher::Index::ArabicHits(std::string_view key, bool run, bool affixes,
                                    std::vector<Hit>* out) const {
  if (!run) {
    AffixHits(key, false, affixes, out);
    return;
  }
  std::vector<RunReading> readings;
  RunReadings(key, &readings);
  for (const RunReading& r : readings) AffixHits(r.key, r.shortened, affixes, out);
}

void TermMatcher::Index::ArabiziHits(std::string_view word, std::vector<Hit>* out) const {
  if (arabizi.empty()) return;
  bool letter = false;
  for (char c : word) letter = letter || (c >= 'a' && c <= 'z');
  if (!letter) return;  // a number
  std::string units;
  bool has_digit;
  if (!LatinUnits(word, &units, &has_digit)) return;
  std::string key = LatinKey(units);
  if (key.empty()) return;
  std::string_view k = key;
  std::u32string letters;
  std::vector<uint8_t> flags;
  for (const AffixKey& pk : proclitic_keys) {
    if (!k.starts_with(pk.key)) continue;
    std::string_view rest = k.substr(pk.key.size());
    for (const AffixKey& sk : suffix_keys) {
      if (rest.size() <= sk.key.size() || !rest.ends_with(sk.key)) continue;
      auto it = arabizi.find(rest.substr(0, rest.size() - sk.key.size()));
      if (it == arabizi.end()) continue;
      const Affix& p = kProclitics[pk.affix];
      const Affix& s = kSuffixes[sk.affix];
      for (const ArabiziEntry& e : it->second) {
        if (e.letters <= 2 && (!p.short_ok || !s.short_ok)) continue;
        if (!has_digit && term_consonants[e.term] < kMinPlainLatinConsonants) continue;
        Hit h{e.term, e.word_pos, e.joined};
        if (std::find(out->begin(), out->end(), h) != out->end()) continue;
        const Spelling& ps = proclitic_spellings[pk.affix];
        const Spelling& ts = spellings[e.spelling];
        const Spelling& ss = suffix_spellings[sk.affix];
        letters.assign(ps.letters).append(ts.letters).append(ss.letters);
        flags.assign(ps.flags.begin(), ps.flags.end());
        flags.insert(flags.end(), ts.flags.begin(), ts.flags.end());
        flags.insert(flags.end(), ss.flags.begin(), ss.flags.end());
        if (Spells(units, letters.data(), flags.data(), letters.size(), !has_digit)) {
          out->push_back(h);
        }
      }
    }
  }
}

void TermMatcher::Index::HitsOf(std::string_view key, ScriptKind kind, bool run,
                                std::vector<Hit>* out) const {
  if (key.empty()) return;
  switch (kind) {
    case ScriptKind::kArabic:
      ArabicHits(key, run, true, out);
      break;
    case ScriptKind::kLatin:
      ArabicHits(key, run, false, out);  // terms written in Latin letters
      ArabiziHits(key, out);
      break;
    case ScriptKind::kOther:
      ArabicHits(key, run, false, out);
      break;
    case ScriptKind::kNone:
      break;
  }
}

// ------------------------------------------------------------ TermMatcher --

TermMatcher::TermMatcher(std::vector<Term> terms)
    : terms_(std::move(terms)), index_(std::make_unique<Index>()) {
  index_->Build(terms_);
}

TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher&&) noexcept = default;
TermMatcher& TermMatcher::operator=(TermMatcher&&) noexcept = default;

std::vector<TermMatch> TermMatcher::Find(std::string_view text) const {
  std::vector<TermMatch> result;
  if (index_->words.empty() || text.empty()) return result;

  // Reading A: one word per token.
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 4);
  std::string buf;  // every word's key
  buf.reserve(text.size() + 16);
  Tokenize(text, &words, &buf);
  const size_t n = words.size();
  if (n == 0) return result;
  std::vector<Gap> gaps(n, Gap::kBreak);  // gaps[i]: between token i and i + 1
  for (size_t i = 0; i + 1 < n; ++i) {
    gaps[i] = ClassifyGap(text.substr(words[i].end, words[i + 1].begin - words[i].end));
  }

  // Reading B: tokens of one script joined across tight gaps, and runs of
  // single letters across loose ones.
  std::vector<size_t> seq_b;  // word indices
  std::vector<Gap> gaps_b;    // after each word of seq_b
  bool joined_any = false;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j + 1 < n && words[j + 1].kind == words[i].kind &&
           (gaps[j] == Gap::kTight ||
            (gaps[j] == Gap::kLoose && words[j].letters == 1 && words[j + 1].letters == 1))) {
      ++j;
    }
    if (j == i) {
      seq_b.push_back(i);
    } else {
      Word w;
      w.begin = words[i].begin;
      w.end = words[j].end;
      w.kind = words[i].kind;
      w.key_at = static_cast<uint32_t>(buf.size());
      for (size_t k = i; k <= j; ++k) {
        buf.append(buf, words[k].key_at, words[k].key_len);
        w.letters = static_cast<uint16_t>(w.letters + words[k].letters);
      }
      w.key_len = static_cast<uint32_t>(buf.size() - w.key_at);
      w.run = HasRun(KeyOf(buf, w));
      seq_b.push_back(words.size());
      words.push_back(std::move(w));
      joined_any = true;
    }
    gaps_b.push_back(gaps[j]);
    i = j + 1;
  }

  // Hits of every word, flat: hits[first[w], first[w + 1]).
  std::vector<Hit> hits;
  std::vector<uint32_t> first(words.size() + 1);
  std::vector<Hit> one;
  for (size_t w = 0; w < words.size(); ++w) {
    first[w] = static_cast<uint32_t>(hits.size());
    one.clear();
    index_->HitsOf(KeyOf(buf, words[w]), words[w].kind, words[w].run, &one);
    hits.insert(hits.end(), one.begin(), one.end());
  }
  first[words.size()] = static_cast<uint32_t>(hits.size());
  if (hits.empty()) return result;
  auto has = [&](size_t w, Hit h) {
    return std::find(hits.begin() + first[w], hits.begin() + first[w + 1], h) !=
           hits.begin() + first[w + 1];
  };

  // A term's words must be hits of consecutive words of a reading, on one
  // line; a standalone article between two of them is stepped over.
  std::vector<RawMatch> raw;
  auto scan = [&](const std::vector<size_t>* seq, const std::vector<Gap>& seq_gaps) {
    const size_t len = seq ? seq->size() : n;
    auto at_ = [&](size_t k) { return seq ? (*seq)[k] : k; };
    for (size_t k = 0; k < len; ++k) {
      const size_t w0 = at_(k);
      for (uint32_t hi = first[w0]; hi < first[w0 + 1]; ++hi) {
        const Hit h = hits[hi];
        if (h.word_pos != 0) continue;
        size_t count = h.joined ? 1 : index_->term_words[h.term];
        size_t at = k;  // the position in the reading of the term's word p - 1
        bool ok = true;
        for (size_t p = 1; p < count && ok; ++p) {
          ok = false;
          for (size_t next = at + 1; next < len && seq_gaps[next - 1] != Gap::kBreak; ++next) {
            if (has(at_(next), Hit{h.term, static_cast<uint8_t>(p), false})) {
              at = next;
              ok = true;
              break;
            }
            if (next > at + 1 || !IsArticle(KeyOf(buf, words[at_(next)]))) break;
          }
        }
        if (ok) raw.push_back({h.term, words[w0].begin, words[at_(at)].end});
      }
    }
  };
  scan(nullptr, gaps);
  if (joined_any) scan(&seq_b, gaps_b);

  // One match per term and stretch of text: the narrowest of overlapping ones.
  std::sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.term != b.term) return a.term < b.term;
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin < b.end - b.begin;
    return a.begin < b.begin;
  });
  std::vector<RawMatch> kept;
  for (const RawMatch& m : raw) {
    bool overlaps = false;
    for (auto it = kept.rbegin(); it != kept.rend() && it->term == m.term; ++it) {
      if (m.begin < it->end && it->begin < m.end) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const RawMatch& a, const RawMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.term < b.term;
  });
  result.reserve(kept.size());
  for (const RawMatch& m : kept) {
    result.push_back({m.term, m.begin, m.end, std::string(text.substr(m.begin, m.end - m.begin))});
  }
  return result;
}

Status TermMatcher::Validate(const Term& term) {
  std::vector<Word> tokens;
  std::string buf;
  Tokenize(term.text, &tokens, &buf);
  size_t letters = 0;
  for (const Word& t : tokens) letters += t.letters;
  if (tokens.empty()) return Status::Invalid("اكتب كلمة أو عبارة.");
  if (letters < 2) return Status::Invalid("الكلمة قصيرة جدًا: حرفان على الأقل.");
  if (tokens.size() > 5) return Status::Invalid("العبارة طويلة: خمس كلمات على الأكثر.");
  return Status::Ok();
}

}  // namespace qalam::moderation
