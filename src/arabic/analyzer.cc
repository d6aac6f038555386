// Normalization and tokenizing (arabic/analyzer.h). One pass over UTF-8: ASCII
// and the Arabic block (U+0600–U+06FF) go through tables; only other
// characters ask ICU (their category, case folding, NFKC when the character
// has a compatibility decomposition).
#include "arabic/analyzer.h"

#include "core/utf8.h"

#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <memory>

namespace qalam::arabic {
namespace {

enum class Cls : uint8_t {
  kSep,      // ends a word; Normalize keeps it as it is
  kArabic,   // an Arabic letter (out = its folded form)
  kLetter,   // any other letter (out = case-folded, accent-stripped)
  kDigit,    // out = '0'..'9'
  kNumSep,   // . , ٫ ٬ — inside a number when between digits (out = '.' or ',')
  kMark,     // tashkeel, tatweel, Quranic marks: dropped, part of the word
  kHamza,    // U+0654/U+0655 hamza above/below: dropped, و/ي before it become ء
  kIgnore,   // zero-width and bidi controls: dropped, neither part of nor ending a word
};

struct Fold {
  Cls cls;
  char32_t out;
};

constexpr char32_t kAlef = 0x0627, kHamzaOnLine = 0x0621, kWaw = 0x0648, kYeh = 0x064A,
                   kTehMarbuta = 0x0629, kHeh = 0x0647, kKaf = 0x0643;

// U+0600–U+06FF.
constexpr std::array<Fold, 256> MakeArabicTable() {
  std::array<Fold, 256> t{};
  auto set = [&t](char32_t from, char32_t to, Cls cls) {
    for (char32_t c = from; c <= to; ++c) t[c - 0x600] = {cls, c};
  };
  auto map = [&t](char32_t c, char32_t to) { t[c - 0x600] = {Cls::kArabic, to}; };
  set(0x600, 0x6FF, Cls::kArabic);
  set(0x600, 0x605, Cls::kIgnore);  // number signs (format characters)
  set(0x606, 0x60F, Cls::kSep);     // ؆ ؇ ؈ ؉ ؊ ؋ ، ؍ ؎ ؏
  set(0x610, 0x61A, Cls::kMark);    // honorifics and small Quranic signs
  set(0x61B, 0x61B, Cls::kSep);     // ؛
  set(0x61C, 0x61C, Cls::kIgnore);  // ARABIC LETTER MARK (bidi)
  set(0x61D, 0x61F, Cls::kSep);     // ؝ ؞ ؟
  // Hamza carriers. أ إ آ → ا: readers and writers drop these hamzas freely.
  // ؤ ئ → ء rather than و ي: the carrier follows the vowels around it, so one
  // word changes carrier with its case (زملاؤه / زملاءه / زملائه, لقاءه /
  // لقائه) and with regional spelling (مسؤول / مسئول, شؤون / شئون), and these
  // meet only if all carriers become one letter. Folding to و / ي instead keeps
  // مسؤول and مسئول apart and merges different words that the corpus has
  // (قائد "leader" / قايد as in Caïd Essebsi, الهادئ / الهادي, المهدئة /
  // المهدية). The price is a few merges like بؤر / بئر.
  map(0x622, kAlef);
  map(0x623, kAlef);
  map(0x625, kAlef);
  map(0x624, kHamzaOnLine);
  map(0x626, kHamzaOnLine);
  map(0x649, kYeh);  // ى → ي
  set(0x640, 0x640, Cls::kMark);  // tatweel
  set(0x64B, 0x65F, Cls::kMark);  // tashkeel and other combining marks
  set(0x654, 0x655, Cls::kHamza);
  for (char32_t c = 0x660; c <= 0x669; ++c) t[c - 0x600] = {Cls::kDigit, U'0' + (c - 0x660)};
  set(0x66A, 0x66A, Cls::kSep);  // ٪
  t[0x66B - 0x600] = {Cls::kNumSep, U'.'};  // ٫ decimal separator
  t[0x66C - 0x600] = {Cls::kNumSep, U','};  // ٬ thousands separator
  set(0x66D, 0x66D, Cls::kSep);  // ٭
  set(0x670, 0x670, Cls::kMark);  // superscript alef
  map(0x671, kAlef);              // ٱ wasla
  map(0x672, kAlef);              // ٲ
  map(0x673, kAlef);              // ٳ
  set(0x674, 0x674, Cls::kMark);  // ٴ high hamza
  map(0x675, kAlef);              // ٵ
  map(0x676, kWaw);               // ٶ
  map(0x677, kWaw);               // ٷ
  map(0x678, kYeh);               // ٸ
  // Persian and Urdu letters that Arabic keyboards and fonts mix in.
  map(0x6A9, kKaf);  // ک keheh
  map(0x6AA, kKaf);  // ڪ
  map(0x6CC, kYeh);  // ی Farsi yeh
  map(0x6D0, kYeh);  // ې
  map(0x6D2, kYeh);  // ے
  map(0x6D3, kYeh);  // ۓ
  map(0x6BE, kHeh);  // ھ
  map(0x6C0, kHeh);  // ۀ
  map(0x6C1, kHeh);  // ہ
  map(0x6C2, kHeh);  // ۂ
  map(0x6D5, kHeh);  // ە
  map(0x6C3, kTehMarbuta);  // ۃ
  set(0x6D4, 0x6D4, Cls::kSep);   // ۔ Urdu full stop
  set(0x6D6, 0x6ED, Cls::kMark);  // Quranic annotation marks
  set(0x6DE, 0x6DE, Cls::kSep);   // ۞
  set(0x6E9, 0x6E9, Cls::kSep);   // ۩
  for (char32_t c = 0x6F0; c <= 0x6F9; ++c) t[c - 0x600] = {Cls::kDigit, U'0' + (c - 0x6F0)};
  set(0x6FD, 0x6FE, Cls::kSep);
  return t;
}
constexpr std::array<Fold, 256> kArabicTable = MakeArabicTable();

constexpr std::array<Fold, 128> MakeAsciiTable() {
  std::array<Fold, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = {Cls::kSep, c};
  for (char32_t c = 'a'; c <= 'z'; ++c) t[c] = {Cls::kLetter, c};
  for (char32_t c = 'A'; c <= 'Z'; ++c) t[c] = {Cls::kLetter, c - 'A' + 'a'};
  for (char32_t c = '0'; c <= '9'; ++c) t[c] = {Cls::kDigit, c};
  t['.'] = {Cls::kNumSep, U'.'};
  t[','] = {Cls::kNumSep, U','};
  return t;
}
constexpr std::array<Fold, 128> kAsciiTable = MakeAsciiTable();

bool IsIgnorable(char32_t c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
         c == 0x034F || c == 0x180E;
}

// Anything outside ASCII and U+0600–U+06FF, after NFKC.
Fold ClassifyOther(char32_t c) {
  if (IsIgnorable(c)) return {Cls::kIgnore, c};
  int8_t type = u_charType(c);
  switch (type) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return {Cls::kMark, c};
    case U_DECIMAL_DIGIT_NUMBER: {
      int32_t v = u_charDigitValue(c);
      return v >= 0 && v <= 9 ? Fold{Cls::kDigit, static_cast<char32_t>(U'0' + v)}
                              : Fold{Cls::kSep, c};
    }
    case U_FORMAT_CHAR:
      return {Cls::kIgnore, c};
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      break;
    default:
      return {Cls::kSep, c};
  }
  // Arabic Supplement and Extended-A letters (their marks were caught above).
  if ((c >= 0x0750 && c <= 0x077F) || (c >= 0x0870 && c <= 0x08FF)) return {Cls::kArabic, c};
  char32_t folded = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
  // Latin letters lose their accents (é → e), as in FTS5's remove_diacritics.
  if (folded >= 0x00C0 && folded <= 0x024F) {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    icu::UnicodeString d;
    if (U_SUCCESS(err) && nfd->getDecomposition(static_cast<UChar32>(folded), d) && d.length() > 0) {
      UChar32 base = d.char32At(0);
      if (base < 0x80) folded = static_cast<char32_t>(base);
    }
  }
  return {Cls::kLetter, folded};
}

inline Fold Classify(char32_t c) {
  if (c < 0x80) return kAsciiTable[c];
  if (c >= 0x600 && c <= 0x6FF) return kArabicTable[c - 0x600];
  return ClassifyOther(c);
}

// True for characters that NFKC changes by themselves (presentation forms,
// ligatures, full-width forms, NBSP, superscripts …). Never true for ASCII
// or the Arabic block, which the tables handle.
inline bool NeedsNfkc(char32_t c) {
  if (c < 0x80 || (c >= 0x600 && c <= 0x6FF)) return false;
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFKC_QUICK_CHECK) == UNORM_NO;
}

// core/utf8.h: the codec the term matcher and the classifier read with too.
inline size_t Next(std::string_view s, size_t i, char32_t* c) { return NextCodePoint(s, i, c); }

// Calls f(code point, begin, end) for each code point of s after NFKC of the
// characters that need it; the pieces of an expanded character all carry the
// original character's byte range.
template <class F>
void ForEachCodePoint(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t c;
    size_t next = Next(s, i, &c);
    if (NeedsNfkc(c)) {
      UErrorCode err = U_ZERO_ERROR;
      const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
      icu::UnicodeString n;
      if (U_SUCCESS(err)) n = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), err);
      if (U_SUCCESS(err)) {
        for (int32_t k = 0; k < n.length();) {
          UChar32 p = n.char32At(k);
          k += U16_LENGTH(p);
          f(static_cast<char32_t>(p), i, next);
        }
        i = next;
        continue;
      }
    }
    f(c, i, next);
    i = next;
  }
}


// و or ي (ى is already ي) followed by a combining hamza is ؤ or ئ, which fold
// to ء; after ا or any other letter the hamza is simply dropped.
inline void ApplyCombiningHamza(std::string& out) {
  size_t n = out.size();
  if (n < 2 || static_cast<unsigned char>(out[n - 2]) != 0xD9) return;
  unsigned char last = static_cast<unsigned char>(out[n - 1]);
  if (last == 0x88 || last == 0x8A) {  // و U+0648, ي U+064A
    out[n - 2] = static_cast<char>(0xD8);
    out[n - 1] = static_cast<char>(0xA1);  // ء U+0621
  }
}

// ة (D8 A9) → ه (D9 87) in place.
void FoldTehMarbuta(std::string& s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xD8 && static_cast<unsigned char>(s[i + 1]) == 0xA9) {
      s[i] = static_cast<char>(0xD9);
      s[i + 1] = static_cast<char>(0x87);
      ++i;
    }
  }
}

struct SnowballDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// Whether every code point of a normalized word is an Arabic letter.
bool IsArabicWord(std::string_view w) {
  if (w.empty()) return false;
  for (size_t i = 0; i < w.size();) {
    char32_t c;
    i = Next(w, i, &c);
    if (Classify(c).cls != Cls::kArabic) return false;
  }
  return true;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, const AnalyzerOptions& options, std::vector<Token>* out)
      : text_(text), options_(options), out_(out) {}

  void Add(char32_t c, size_t b, size_t e) {
    Fold f = Classify(c);
    switch (f.cls) {
      case Cls::kArabic:
        if (kind_ != Kind::kArabic) Start(Kind::kArabic, b);
        AppendUtf8(word_, f.out);
        end_ = e;
        break;
      case Cls::kLetter:
        if (kind_ != Kind::kAlnum) Start(Kind::kAlnum, b);
        AppendUtf8(word_, f.out);
        digits_only_ = false;
        end_ = e;
        break;
      case Cls::kDigit:
        if (kind_ != Kind::kAlnum) Start(Kind::kAlnum, b);
        word_.push_back(static_cast<char>(f.out));
        end_ = e;
        break;
      case Cls::kNumSep:
        // 3.5, 1,000 and ٣٫٥ stay one token: a separator between two digits.
        if (kind_ == Kind::kAlnum && digits_only_ && !word_.empty() && word_.back() >= '0' &&
            word_.back() <= '9' && e < text_.size()) {
          char32_t n;
          Next(text_, e, &n);
          if (Classify(n).cls == Cls::kDigit) {
            word_.push_back(static_cast<char>(f.out));
            end_ = e;
            break;
          }
        }
        Finish();
        break;
      case Cls::kMark:
        if (kind_ != Kind::kNone) end_ = e;
        break;
      case Cls::kHamza:
        if (kind_ == Kind::kArabic) {
          ApplyCombiningHamza(word_);
          end_ = e;
        }
        break;
      case Cls::kIgnore:
        break;
      case Cls::kSep:
        Finish();
        break;
    }
  }

  void Finish() {
    if (kind_ == Kind::kNone) return;
    Token t;
    t.begin = begin_;
    t.end = end_;
    t.position = position_++;
    if (kind_ == Kind::kArabic) {
      // word_ keeps ة: Snowball wants it, and LightStem reads ة and ه alike.
      std::string folded = word_;
      FoldTehMarbuta(folded);
      t.stop = IsStopWord(folded);
      // على and the name علي are one normalized word; only على is a stop word.
      if (t.stop && folded == "علي" &&
          text_.substr(begin_, end_ - begin_).find("ى") == std::string_view::npos) {
        t.stop = false;
      }
      t.stem = t.stop ? folded : Stem(word_, options_.stemmer);
      t.exact = options_.fold_teh_marbuta ? std::move(folded) : word_;
    } else {
      t.stop = !digits_only_ && IsStopWord(word_);
      t.stem = word_;
      t.exact = word_;
    }
    out_->push_back(std::move(t));
    kind_ = Kind::kNone;
    word_.clear();
  }

 private:
  enum class Kind { kNone, kArabic, kAlnum };

  void Start(Kind kind, size_t b) {
    Finish();
    kind_ = kind;
    begin_ = b;
    digits_only_ = true;
  }

  std::string_view text_;
  const AnalyzerOptions& options_;
  std::vector<Token>* out_;
  Kind kind_ = Kind::kNone;
  std::string word_;
  size_t begin_ = 0, end_ = 0;
  bool digits_only_ = true;
  int position_ = 0;
};

}  // namespace

std::string Normalize(std::string_view text, const AnalyzerOptions& options) {
  std::string out;
  out.reserve(text.size());
  ForEachCodePoint(text, [&](char32_t c, size_t, size_t) {
    Fold f = Classify(c);
    switch (f.cls) {
      case Cls::kArabic:
        AppendUtf8(out, f.out == kTehMarbuta && options.fold_teh_marbuta ? kHeh : f.out);
        break;
      case Cls::kLetter:
      case Cls::kDigit:
      case Cls::kNumSep:
        AppendUtf8(out, f.out);
        break;
      case Cls::kHamza:
        ApplyCombiningHamza(out);
        break;
      case Cls::kMark:
      case Cls::kIgnore:
        break;
      case Cls::kSep:
        AppendUtf8(out, c);
        break;
    }
  });
  return out;
}

std::vector<Token> Analyze(std::string_view text, const AnalyzerOptions& options) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 8);
  Tokenizer tokenizer(text, options, &tokens);
  ForEachCodePoint(text, [&](char32_t c, size_t b, size_t e) { tokenizer.Add(c, b, e); });
  tokenizer.Finish();
  return tokens;
}

std::string SnowballStem(std::string_view normalized_word) {
  if (!IsArabicWord(normalized_word)) return std::string(normalized_word);
  thread_local std::unique_ptr<sb_stemmer, SnowballDeleter> stemmer(
      sb_stemmer_new("arabic", "UTF_8"));
  if (!stemmer) return std::string(normalized_word);
  const sb_symbol* s =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(normalized_word.data()),
                      static_cast<int>(normalized_word.size()));
  if (s == nullptr) return std::string(normalized_word);
  std::string out(reinterpret_cast<const char*>(s),
                  static_cast<size_t>(sb_stemmer_length(stemmer.get())));
  FoldTehMarbuta(out);
  return out;
}

std::string Stem(std::string_view normalized_word, AnalyzerOptions::Stemmer stemmer) {
  switch (stemmer) {
    case AnalyzerOptions::Stemmer::kLight:
      return LightStem(normalized_word);
    case AnalyzerOptions::Stemmer::kSnowball:
      return SnowballStem(normalized_word);
    case AnalyzerOptions::Stemmer::kCombined:
      return SnowballStem(LightStem(normalized_word));
  }
  return std::string(normalized_word);
}

}  // namespace qalam::arabic
