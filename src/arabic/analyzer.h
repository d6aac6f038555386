// The Arabic text analyzer behind search and related articles: normalization,
// tokenizing, stop words and stemming. Pure functions, safe from any thread.
//
// Normalize() and Analyze() make one UTF-8 pass over the text, with a table for
// the Arabic block; ICU is consulted only for characters outside ASCII and
// Arabic (case folding, digits of other scripts, NFKC of presentation forms,
// ligatures and other compatibility characters).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qalam::arabic {

struct AnalyzerOptions {
  bool fold_teh_marbuta = true;  // ة → ه (a site setting)
  // kLight won the evaluation (tests/unit/analyzer_test.cc, VariantPairs):
  // recall 0.96 on bench/search/variant_pairs.tsv against Snowball's 0.63,
  // and it keeps 16 of 20 look-alike pairs of different words apart against
  // Snowball's 8. kCombined (Snowball over the light stem) has the light
  // recall and merges more (10 of 20 apart).
  enum class Stemmer { kLight, kSnowball, kCombined } stemmer = Stemmer::kLight;
};

// Full normalization of a text (not tokenized): NFKC for presentation forms and
// ligatures; tashkeel (U+064B–U+065F, U+0670, U+06D6–U+06ED), tatweel and
// Quranic marks removed; أ إ آ ٱ → ا, ى → ي, ة → ه (option), ؤ ئ → ء,
// Persian ی ک → ي ك; Arabic-Indic and Persian digits → ASCII; Latin
// case-folded and stripped of accents; zero-width and bidi controls dropped.
// Everything else (spaces, punctuation) is kept as it is.
std::string Normalize(std::string_view text, const AnalyzerOptions& = {});

struct Token {
  std::string exact;  // normalized, unstemmed form
  std::string stem;   // stemmed form (== exact for numbers/Latin or when nothing to strip)
  size_t begin = 0, end = 0;  // byte offsets of the word in the ORIGINAL text (marks included)
  int position = 0;           // token index (stop words keep their positions)
  bool stop = false;          // an Arabic (or common English) stop word
};

// Splits into words (Arabic letters with their marks and tatweel; Latin letters
// and digits together, as in g20; numbers like 2022, 3.5, 1,000 or ٣٫٥ kept
// whole) and analyzes each. Punctuation, «», ، ؛ ؟ and a change between Arabic
// letters and Latin letters or digits (2022م) separate words. A stop word's
// stem is its exact form. The name علي is not flagged as the stop word على,
// although both normalize to علي.
std::vector<Token> Analyze(std::string_view text, const AnalyzerOptions& = {});

// Stemmers over an already normalized word. Words that are not entirely Arabic
// letters come back unchanged; ة and ه are read alike and stems use ه.
//
// LightStem strips proclitics (و, ب ل, ال, لل; ف and ك only before ال) and
// suffixes (pronouns, plurals, feminine, nisba, tanween alef) while at least
// three letters remain (two after ال), repeating the suffix step so that a
// nisba adjective reduces like its noun: الكازاخستانية → كازاخستان. See
// light_stemmer.cc for the choices and their measurements.
std::string LightStem(std::string_view normalized_word);
// libstemmer's "arabic" (one stemmer per thread). Give it the word with ة kept
// (AnalyzerOptions::fold_teh_marbuta = false); Analyze() does. It stems
// كازاخستان → كازاخست but الكازاخستانية → كازاخستان, so the two never find
// each other, and takes the first letter of وزارة and وزير for the conjunction.
std::string SnowballStem(std::string_view normalized_word);
// The stemmer Analyze() uses for Arabic words; kCombined is
// SnowballStem(LightStem(w)).
std::string Stem(std::string_view normalized_word, AnalyzerOptions::Stemmer stemmer);

// Over a normalized word (ة or ه); علي counts, being على (see Analyze()).
bool IsStopWord(std::string_view normalized_word);

}  // namespace qalam::arabic
