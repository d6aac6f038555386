// Stop words (arabic/analyzer.h): Arabic function words in normalized spelling
// (أ إ آ → ا, ى → ي, ة → ه, ؤ ئ → ء), with the clitics they commonly carry, and
// common English ones. Words that are also frequent content words after
// normalization are left out: امام (also إمام, imam), ام (also أم, mother),
// والي (also the governor of a Tunisian region), كافه (also café). علي stays
// (it is على) but Analyze() does not flag the name علي, written with ي.
#include <string>
#include <string_view>
#include <unordered_set>

#include "arabic/analyzer.h"

namespace qalam::arabic {
namespace {

constexpr std::string_view kStopWords[] = {
    // Prepositions, and with pronouns.
    "في", "من", "الي", "علي", "عن", "مع", "حتي", "منذ", "عند", "لدي", "بين", "نحو", "خلال",
    "ضد", "حول", "دون", "بعد", "قبل", "فوق", "تحت", "عبر", "ضمن", "اثناء", "ازاء", "لدن",
    "سوي", "غير", "مثل", "له", "لها", "لهم", "لهما", "لهن", "لنا", "لك", "لكم", "لي", "به",
    "بها", "بهم", "بهما", "منه", "منها", "منهم", "منهما", "عنه", "عنها", "عنهم", "فيه", "فيها",
    "فيهم", "عليه", "عليها", "عليهم", "اليه", "اليها", "اليهم", "معه", "معها", "معهم", "لديه",
    "لديها", "لديهم", "عنده", "عندها", "عندهم", "بينه", "بينها", "بينهم", "بينهما", "فيما",
    "مما", "عما", "بما", "كما", "لما", "بان", "بانه", "بانها", "بانهم",
    // Conjunctions and particles.
    "و", "ف", "ثم", "او", "بل", "لكن", "لكنه", "لكنها", "ولكن", "اما", "اذا", "اذ", "ان",
    "انه", "انها", "انهم", "انما", "لان", "لانه", "لانها", "كي", "لكي", "حين", "حينما",
    "عندما", "بينما", "كلما", "لو", "لولا", "اي", "الا", "لا", "لم", "لن", "ما", "قد", "لقد",
    "سوف", "هل", "نعم", "كلا", "اذن", "يا", "ايضا", "فقط", "هنا", "هناك", "هنالك", "الان",
    "ثمه", "كذلك", "هكذا", "لذلك", "لذا", "جدا", "حيث", "بعض", "كل", "جميع", "عده", "كانه",
    "كانها",
    // Pronouns, demonstratives, relatives.
    "انا", "نحن", "انت", "انتم", "انتما", "هو", "هي", "هم", "هن", "هما", "هذا", "هذه", "ذلك",
    "تلك", "هءلاء", "اولءك", "هذان", "هاتان", "هذين", "هاتين", "ذاك", "الذي", "التي", "الذين",
    "اللذين", "اللتين", "اللذان", "اللتان", "اللاتي", "اللواتي",
    // Auxiliary verbs.
    "كان", "كانت", "كانوا", "يكون", "تكون", "يكن", "ليس", "ليست", "تم", "يتم", "تمت",
    // With و or ف.
    "وفي", "ومن", "وعلي", "وعن", "ومع", "وهو", "وهي", "وهم", "وقد", "ولم", "ولا", "وما",
    "وان", "وكان", "وكانت", "فان", "فقد", "فهو", "فهي", "فلا", "فما", "وهذا", "وهذه", "وذلك",
    "وتلك", "والتي", "والذي", "والذين", "وبين", "وبعد", "وقبل", "وكذلك", "وحتي", "واذا",
    "ولن", "وكل", "وهناك", "وايضا", "وله", "ولها", "وبها", "وبه", "ومنها", "ومنه", "وفيها",
    "وعليه", "وانه", "وانها", "وتم", "ويتم", "وكما", "ولكنه",
    // English.
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that",
    "these", "those", "not", "no", "he", "she", "they", "we", "you", "i", "his", "her",
    "their", "our", "your", "than", "then", "so", "if", "into", "about", "has", "have", "had",
    "do", "does", "did", "will", "would", "can", "could", "there", "which", "who", "what",
    "when", "where", "how",
};

const std::unordered_set<std::string_view>& StopSet() {
  static const auto* set =
      new std::unordered_set<std::string_view>(std::begin(kStopWords), std::end(kStopWords));
  return *set;
}

}  // namespace

bool IsStopWord(std::string_view normalized_word) {
  if (normalized_word.find("ة") == std::string_view::npos) {
    return StopSet().count(normalized_word) > 0;
  }
  std::string folded(normalized_word);
  for (size_t i = folded.find("ة"); i != std::string::npos; i = folded.find("ة", i)) {
    folded.replace(i, 2, "ه");
  }
  return StopSet().count(folded) > 0;
}

}  // namespace qalam::arabic
