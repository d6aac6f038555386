// The Arabic analyzer (arabic/analyzer.h): each normalization rule, tokens and
// their offsets, stop words, the light and Snowball stemmers, and recall on
// bench/search/variant_pairs.tsv.
#include "arabic/analyzer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace qalam::arabic {
namespace {

std::vector<std::string> Exacts(std::string_view text, const AnalyzerOptions& options = {}) {
  std::vector<std::string> out;
  for (const Token& t : Analyze(text, options)) out.push_back(t.exact);
  return out;
}

std::vector<std::string> Stems(std::string_view text, const AnalyzerOptions& options = {}) {
  std::vector<std::string> out;
  for (const Token& t : Analyze(text, options)) out.push_back(t.stem);
  return out;
}

std::string Light(std::string_view word) { return LightStem(Normalize(word)); }

using V = std::vector<std::string>;

// --- Normalize ---------------------------------------------------------------

TEST(Normalize, PresentationFormsAndLigaturesGoThroughNfkc) {
  EXPECT_EQ(Normalize("\uFEFB"), "لا");            // ﻻ lam-alef ligature
  EXPECT_EQ(Normalize("\uFEF9"), "لا");            // ﻹ lam-alef with hamza below
  EXPECT_EQ(Normalize("\uFDF2"), "الله");          // ﷲ
  EXPECT_EQ(Normalize("\uFEB3\uFEE0\uFEE2"), "سلم");  // isolated/initial/final forms
  EXPECT_EQ(Normalize("\uFF21\uFF22\uFF23 \uFB01"), "abc fi");  // full-width, ﬁ
  EXPECT_EQ(Normalize("a\u00A0b"), "a b");         // NBSP
}

TEST(Normalize, TashkeelIsRemoved) {
  EXPECT_EQ(Normalize("مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(Normalize("الْعَرَبِيَّةُ"), "العربيه");
  EXPECT_EQ(Normalize("كِتَابًا"), "كتابا");
  EXPECT_EQ(Normalize("هٰذا"), "هذا");  // U+0670 superscript alef
  EXPECT_EQ(Normalize("الرَّحْمَٰنِ"), "الرحمن");
  // Quranic annotation marks U+06D6–U+06ED.
  EXPECT_EQ(Normalize("قال\u06D6 ربك\u06DA\u06E1"), "قال ربك");
}

TEST(Normalize, TatweelIsRemoved) {
  EXPECT_EQ(Normalize("كـــازاخستان"), "كازاخستان");
  EXPECT_EQ(Normalize("تـونس"), "تونس");
}

TEST(Normalize, AlefVariantsFoldToBareAlef) {
  EXPECT_EQ(Normalize("أحمد إسلام آمال ٱلله"), "احمد اسلام امال الله");
  EXPECT_EQ(Normalize("أوكرانيا"), Normalize("اوكرانيا"));
}

TEST(Normalize, AlefMaksuraFoldsToYeh) {
  EXPECT_EQ(Normalize("مستشفى"), "مستشفي");
  EXPECT_EQ(Normalize("الأولى"), Normalize("الأولي"));
}

TEST(Normalize, TehMarbutaFoldsToHehUnlessTurnedOff) {
  EXPECT_EQ(Normalize("الحكومة"), "الحكومه");
  AnalyzerOptions keep;
  keep.fold_teh_marbuta = false;
  EXPECT_EQ(Normalize("الحكومة", keep), "الحكومة");
}

TEST(Normalize, HamzaOnWawAndYehFoldsToHamza) {
  // One word across spellings (مسؤول / مسئول) and grammatical cases.
  EXPECT_EQ(Normalize("مسؤول"), "مسءول");
  EXPECT_EQ(Normalize("مسئول"), "مسءول");
  EXPECT_EQ(Normalize("زملاؤه"), Normalize("زملائه"));
  EXPECT_EQ(Normalize("شيئ"), Normalize("شيء"));
  // A combining hamza (U+0654) composes the same way; after alef it is dropped.
  EXPECT_EQ(Normalize("مسو\u0654ول"), "مسءول");
  EXPECT_EQ(Normalize("مسي\u0654ول"), "مسءول");
  EXPECT_EQ(Normalize("\u0627\u0654زمة"), "ازمه");
  EXPECT_EQ(Normalize("\u0627\u0655سلام"), "اسلام");
}

TEST(Normalize, PersianLettersFoldToArabic) {
  EXPECT_EQ(Normalize("الجاهلیة"), "الجاهليه");  // U+06CC Farsi yeh
  EXPECT_EQ(Normalize("کتاب"), "كتاب");          // U+06A9 keheh
}

TEST(Normalize, ArabicIndicAndPersianDigitsBecomeAscii) {
  EXPECT_EQ(Normalize("٠١٢٣٤٥٦٧٨٩"), "0123456789");
  EXPECT_EQ(Normalize("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
  EXPECT_EQ(Normalize("٣٫٥ و١٬٠٠٠"), "3.5 و1,000");
}

TEST(Normalize, LatinIsCaseFoldedAndLosesAccents) {
  EXPECT_EQ(Normalize("COVID Vaccine"), "covid vaccine");
  EXPECT_EQ(Normalize("Dès l'Aube ÉTÉ"), "des l'aube ete");
  EXPECT_EQ(Normalize("ΑΘΗΝΑ"), "αθηνα");
}

TEST(Normalize, ZeroWidthAndBidiControlsAreDropped) {
  EXPECT_EQ(Normalize("\u200Fكاز\u200Dاخ\u200Cستان\u200B"), "كازاخستان");
  EXPECT_EQ(Normalize("\uFEFFتونس\u00AD"), "تونس");
  EXPECT_EQ(Normalize("\u202Bقال\u202C \u2067نعم\u2069 \u200Eok\u061C"), "قال نعم ok");
}

TEST(Normalize, PunctuationAndSpacesAreKept) {
  EXPECT_EQ(Normalize("قال: «نعم»، ثم؟"), "قال: «نعم»، ثم؟");
  EXPECT_EQ(Normalize(""), "");
}

// --- Analyze -----------------------------------------------------------------

TEST(Analyze, OffsetsSliceBackToTheDiacritizedWords) {
  const std::string text = "قَالَ الرَّئِيسُ";
  std::vector<Token> tokens = Analyze(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].exact, "قال");
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "قَالَ");
  EXPECT_EQ(tokens[1].exact, "الرءيس");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "الرَّئِيسُ");
  EXPECT_EQ(tokens[0].position, 0);
  EXPECT_EQ(tokens[1].position, 1);
}

TEST(Analyze, OffsetsCoverTatweelAndSkipBidiMarks) {
  const std::string text = "\u200Fفي كـــازاخستان.";
  std::vector<Token> tokens = Analyze(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].exact, "كازاخستان");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "كـــازاخستان");
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "في");
}

TEST(Analyze, ArabicPunctuationAndGuillemetsSeparateWords) {
  EXPECT_EQ(Exacts("هل جاء؟ نعم، «الرئيس»؛ انتهى!"),
            (V{"هل", "جاء", "نعم", "الرءيس", "انتهي"}));
  EXPECT_EQ(Exacts("الحكومة-الجديدة/تونس"), (V{"الحكومه", "الجديده", "تونس"}));
}

TEST(Analyze, StopWordsAreFlaggedAndKeepTheirPositions) {
  std::vector<Token> tokens = Analyze("ذهب الرئيس إلى تونس في الصباح");
  ASSERT_EQ(tokens.size(), 6u);
  std::vector<bool> stop;
  for (const Token& t : tokens) stop.push_back(t.stop);
  EXPECT_EQ(stop, (std::vector<bool>{false, false, true, false, true, false}));
  for (int i = 0; i < 6; ++i) EXPECT_EQ(tokens[i].position, i);
  EXPECT_EQ(tokens[2].exact, "الي");
  EXPECT_EQ(tokens[2].stem, "الي");  // a stop word is not stemmed
  EXPECT_TRUE(IsStopWord("في"));
  EXPECT_TRUE(IsStopWord("الذي"));
  EXPECT_TRUE(IsStopWord("the"));
  EXPECT_FALSE(IsStopWord("تونس"));
  EXPECT_FALSE(IsStopWord("والي"));  // the governor, not و + إلى
}

TEST(Analyze, TheNameAliIsNotTheStopWordAla) {
  std::vector<Token> ala = Analyze("على الطاولة");
  std::vector<Token> ali = Analyze("قال علي العريض");
  ASSERT_EQ(ala.size(), 2u);
  ASSERT_EQ(ali.size(), 3u);
  EXPECT_TRUE(ala[0].stop);
  EXPECT_EQ(ala[0].exact, "علي");
  EXPECT_FALSE(ali[1].stop);
  EXPECT_EQ(ali[1].exact, "علي");
}

TEST(Analyze, NumbersAndLatinWordsAreKept) {
  EXPECT_EQ(Exacts("قمة G20 في 2022 بنسبة 3.5% و٣٫٥ و1,000 COVID-19"),
            (V{"قمه", "g20", "في", "2022", "بنسبه", "3.5", "و", "3.5", "و", "1,000", "covid",
               "19"}));
  // A change of script separates; a full stop after a number does not join.
  EXPECT_EQ(Exacts("2022م سنة 2017."), (V{"2022", "م", "سنه", "2017"}));
  EXPECT_EQ(Exacts("Demain Dès l'Aube"), (V{"demain", "des", "l", "aube"}));
  std::vector<Token> tokens = Analyze("برنامج Windows");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].stem, "windows");
}

TEST(Analyze, LigaturesExpandInsideTheTextWithTheirOwnOffsets) {
  const std::string text = "\uFEFB يمكن";  // ﻻ يمكن
  std::vector<Token> tokens = Analyze(text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].exact, "لا");
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "\uFEFB");
  EXPECT_TRUE(tokens[0].stop);
  // ﷺ expands to four words, all pointing at the one character.
  std::vector<Token> salla = Analyze("محمد \uFDFA");
  ASSERT_EQ(salla.size(), 5u);
  EXPECT_EQ(salla[4].exact, "وسلم");
  EXPECT_EQ(salla[1].begin, salla[4].begin);
}

TEST(Analyze, TokensCarryStemsOfTheChosenStemmer) {
  EXPECT_EQ(Stems("والاحتجاجات الكازاخستانية"), (V{"احتجاج", "كازاخستان"}));
  AnalyzerOptions snowball;
  snowball.stemmer = AnalyzerOptions::Stemmer::kSnowball;
  EXPECT_EQ(Stems("المجاورة", snowball), (V{"مجاور"}));
}

TEST(Analyze, TehMarbutaOptionChangesTheExactFormOnly) {
  AnalyzerOptions keep;
  keep.fold_teh_marbuta = false;
  std::vector<Token> kept = Analyze("الحكومة", keep);
  std::vector<Token> folded = Analyze("الحكومة");
  ASSERT_EQ(kept.size(), 1u);
  ASSERT_EQ(folded.size(), 1u);
  EXPECT_EQ(kept[0].exact, "الحكومة");
  EXPECT_EQ(folded[0].exact, "الحكومه");
  EXPECT_EQ(kept[0].stem, folded[0].stem);
}

TEST(Analyze, EmptyOddAndMalformedInputIsSafe) {
  EXPECT_TRUE(Analyze("").empty());
  EXPECT_TRUE(Analyze("  ،؛ «» ...  \n").empty());
  EXPECT_TRUE(Analyze("\u064E\u0651").empty());  // marks with no letter
  EXPECT_EQ(Exacts("تونس\xff\xfeقفصة"), (V{"تونس", "قفصه"}));
  EXPECT_EQ(Exacts("\xd8"), V{});
}

// --- Stemmers ----------------------------------------------------------------

TEST(LightStem, KazakhstanAndKazakhFindEachOther) {
  // Snowball stems these two differently (كازاخست / كازاخستان); see below.
  EXPECT_EQ(Light("كازاخستان"), "كازاخستان");
  EXPECT_EQ(Light("الكازاخستانية"), "كازاخستان");
  EXPECT_EQ(Light("الكازاخستاني"), "كازاخستان");
}

TEST(LightStem, ProcliticBehIsStripped) {
  EXPECT_EQ(Light("بدمج"), "دمج");
  EXPECT_EQ(Light("دمج"), "دمج");
}

TEST(LightStem, ProtestsFamily) {
  for (const char* w : {"والاحتجاجات", "الاحتجاجات", "احتجاجات", "احتجاج", "بالاحتجاج",
                        "للاحتجاجات", "الاحتجاجية", "احتجاجاتهم"}) {
    EXPECT_EQ(Light(w), "احتجاج") << w;
  }
}

TEST(LightStem, ProcliticCombinations) {
  for (const char* w : {"الحكومة", "والحكومة", "بالحكومة", "كالحكومة", "فالحكومة", "للحكومة",
                        "وللحكومة", "وبالحكومة", "حكومته", "حكومتها", "الحكومات", "الحكومية"}) {
    EXPECT_EQ(Light(w), "حكوم") << w;
  }
}

TEST(LightStem, NisbaAndFeminineReduceLikeTheirBase) {
  EXPECT_EQ(Light("التونسيين"), Light("تونس"));
  EXPECT_EQ(Light("فلسطين"), Light("الفلسطينية"));
  EXPECT_EQ(Light("روسيا"), Light("الروسية"));
  EXPECT_EQ(Light("ألمانيا"), Light("الألمانية"));
  EXPECT_EQ(Light("لبنان"), Light("اللبنانية"));
  EXPECT_EQ(Light("مباراة"), Light("المباريات"));
  EXPECT_EQ(Light("وزير"), Light("الوزيرة"));
}

TEST(LightStem, ShortWordsAreUntouched) {
  for (const char* w : {"من", "هم", "بيت", "وقت", "ولد", "كتب", "فهم", "سنة", "دين", "مهم"}) {
    EXPECT_EQ(Light(w), Normalize(w)) << w;
  }
  EXPECT_EQ(Light("بيتها"), "بيت");
  EXPECT_EQ(Light("وقته"), "وقت");
  EXPECT_EQ(Light("الأم"), "ام");
}

TEST(LightStem, RootInitialLettersAreNotProclitics) {
  EXPECT_EQ(Light("وزير"), "وزير");
  EXPECT_EQ(Light("ووزير"), "وزير");
  EXPECT_EQ(Light("وزارة"), Light("بالوزارة"));
  EXPECT_EQ(Light("بلاد"), Light("البلاد"));
  EXPECT_EQ(Light("لجنة"), Light("اللجنة"));
  EXPECT_EQ(Light("لبنان"), Light("للبنان"));
  EXPECT_EQ(Light("فريق"), Light("الفريق"));
  EXPECT_EQ(Light("كبير"), Light("الكبير"));
  EXPECT_EQ(Light("والي"), Light("الوالي"));
  EXPECT_NE(Light("والتهم"), Light("والي"));
}

TEST(LightStem, NeverLeavesAStopWord) {
  // Stop words are indexed under their own form: ولاية must not stem to ولا.
  for (const char* w : {"ولاية", "الولايات", "الله", "التحتية", "العليا", "قبلي", "انتهت"}) {
    EXPECT_FALSE(IsStopWord(Light(w))) << w << " → " << Light(w);
  }
  EXPECT_EQ(Light("ولاية"), Light("بالولايات"));
  EXPECT_EQ(Light("الله"), Light("والله"));
  EXPECT_EQ(Light("انتهت"), Light("انتهى"));
}

TEST(LightStem, KnownFalseFriendsStayApart) {
  EXPECT_NE(Light("لجنة"), Light("جنة"));
  EXPECT_NE(Light("وزارة"), Light("زار"));
  EXPECT_NE(Light("بالمائة"), Light("الماء"));
  EXPECT_EQ(Light("بالمائة"), Light("مئة"));
  EXPECT_NE(Light("البحرين"), Light("البحر"));
  EXPECT_NE(Light("بطاقة"), Light("طاقة"));
  EXPECT_NE(Light("امرأة"), Light("الأمر"));
  EXPECT_EQ(Light("امرأة"), Light("المرأة"));
  EXPECT_NE(Light("بالقصرين"), Light("القصر"));
}

TEST(LightStem, OnlyArabicWordsAreStemmed) {
  EXPECT_EQ(LightStem("covid"), "covid");
  EXPECT_EQ(LightStem("2017"), "2017");
  EXPECT_EQ(LightStem(""), "");
  EXPECT_EQ(LightStem("g20"), "g20");
}

TEST(SnowballStem, StemsArabic) {
  // Snowball wants ة (Analyze gives it the unfolded word): with ه it sees a
  // pronoun suffix, not the feminine ending.
  AnalyzerOptions keep;
  keep.fold_teh_marbuta = false;
  EXPECT_EQ(SnowballStem(Normalize("المجاورة", keep)), "مجاور");
  EXPECT_EQ(SnowballStem(Normalize("المجاورة")), "مجاوره");
  EXPECT_EQ(SnowballStem(Normalize("بدمج")), "دمج");
  EXPECT_EQ(SnowballStem(Normalize("الوزارة", keep)), "وزار");
  EXPECT_EQ(SnowballStem(Normalize("وزارة", keep)), "زار");  // و taken for a proclitic
  EXPECT_EQ(SnowballStem("covid"), "covid");
  // The example: Snowball keeps كازاخستان and الكازاخستانية apart.
  EXPECT_EQ(SnowballStem(Normalize("كازاخستان", keep)), "كازاخست");
  EXPECT_EQ(SnowballStem(Normalize("الكازاخستانية", keep)), "كازاخستان");
}

// --- Recall on bench/search/variant_pairs.tsv ---------------------------------

std::string VariantPairsPath() {
  std::vector<std::string> candidates;
  if (const char* s = std::getenv("QALAM_SOURCE")) candidates.push_back(s);
#ifdef QALAM_SOURCE_DIR
  candidates.push_back(QALAM_SOURCE_DIR);
#endif
  for (const char* rel : {".", "..", "../..", "../../.."}) candidates.push_back(rel);
  for (const std::string& dir : candidates) {
    std::string path = dir + "/bench/search/variant_pairs.tsv";
    if (std::ifstream(path).good()) return path;
  }
  return "";
}

std::vector<std::pair<std::string, std::string>> ReadPairs(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    pairs.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return pairs;
}

double Recall(const std::vector<std::pair<std::string, std::string>>& pairs,
              AnalyzerOptions::Stemmer stemmer, const char* name) {
  AnalyzerOptions options;
  options.stemmer = stemmer;
  int found = 0;
  std::string misses;
  for (const auto& [query, variant] : pairs) {
    if (Stems(query, options) == Stems(variant, options)) {
      ++found;
    } else {
      misses += " " + query + "/" + variant;
    }
  }
  double recall = static_cast<double>(found) / static_cast<double>(pairs.size());
  std::printf("[ recall ] %-9s %.3f (%d of %zu); missed:%s\n", name, recall, found, pairs.size(),
              misses.c_str());
  return recall;
}

TEST(VariantPairs, LightStemFindsNearlyAllOfThem) {
  std::string path = VariantPairsPath();
  ASSERT_FALSE(path.empty()) << "bench/search/variant_pairs.tsv not found; set QALAM_SOURCE";
  auto pairs = ReadPairs(path);
  ASSERT_GE(pairs.size(), 54u);
  double light = Recall(pairs, AnalyzerOptions::Stemmer::kLight, "light");
  double snowball = Recall(pairs, AnalyzerOptions::Stemmer::kSnowball, "snowball");
  Recall(pairs, AnalyzerOptions::Stemmer::kCombined, "combined");
  EXPECT_GE(light, 0.9);
  EXPECT_GT(light, snowball);
}

// Pairs of different words that a stemmer must not merge; the share kept
// apart is printed for each stemmer (a precision check to go with recall).
TEST(VariantPairs, DifferentWordsStayApart) {
  const std::pair<const char*, const char*> kDifferent[] = {
      {"لجنة", "جنة"},       {"وزارة", "زار"},     {"وزير", "زير"},      {"بالمائة", "الماء"},
      {"البحرين", "البحر"},  {"بطاقة", "طاقة"},    {"بعيد", "عيد"},      {"كتاب", "تاب"},
      {"كمال", "مال"},       {"كريم", "ريم"},      {"فريق", "ريق"},      {"الوطن", "طن"},
      {"وسائل", "سائل"},     {"لبنان", "بنان"},    {"السودان", "سود"},   {"الرياضة", "الرياض"},
      {"تركيا", "ترك"},      {"الجمعة", "الجمعية"}, {"العملة", "العمل"}, {"مدنين", "مدني"},
  };
  for (auto [stemmer, name] : {std::pair{AnalyzerOptions::Stemmer::kLight, "light"},
                               std::pair{AnalyzerOptions::Stemmer::kSnowball, "snowball"},
                               std::pair{AnalyzerOptions::Stemmer::kCombined, "combined"}}) {
    AnalyzerOptions options;
    options.stemmer = stemmer;
    int apart = 0;
    std::string merged;
    for (auto [a, b] : kDifferent) {
      if (Stems(a, options) != Stems(b, options)) {
        ++apart;
      } else {
        merged += std::string(" ") + a + "/" + b;
      }
    }
    std::printf("[ apart  ] %-9s %d of %zu; merged:%s\n", name, apart, std::size(kDifferent),
                merged.c_str());
    if (stemmer == AnalyzerOptions::Stemmer::kLight) {
      EXPECT_GE(apart, 15);
    }
  }
}

}  // namespace
}  // namespace qalam::arabic
