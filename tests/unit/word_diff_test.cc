// Word-level revision diffs (services/word_diff.h).
#include "services/word_diff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace qalam {
namespace {

using Kind = DiffPiece::Kind;

// "=[…]" kSame, "-[…]" kRemoved, "+[…]" kAdded, for readable failures.
std::string Show(const std::vector<DiffPiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    out += p.kind == Kind::kSame ? "=[" : p.kind == Kind::kRemoved ? "-[" : "+[";
    out += p.text;
    out += "]";
  }
  return out;
}

std::string Join(const std::vector<DiffPiece>& pieces, Kind keep) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.kind == Kind::kSame || p.kind == keep) out += p.text;
  }
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// ASCII-whitespace split; the generated texts use no other whitespace.
std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(cur);
  return words;
}

size_t ReferenceLcs(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

// A text as alternating whitespace runs and words: spaces[0], words[0],
// spaces[1], …, spaces[n]; same[k] tells whether segment k (in that order)
// lies wholly in kSame pieces.
struct Segments {
  std::vector<std::string> words, spaces;
  std::vector<bool> same;
};

Segments Segment(const std::vector<DiffPiece>& pieces, Kind keep) {
  Segments out;
  bool in_word = false;
  out.spaces.emplace_back();
  out.same.push_back(true);
  for (const auto& p : pieces) {
    if (p.kind != Kind::kSame && p.kind != keep) continue;
    for (char c : p.text) {
      if (IsSpace(c) == in_word) {
        in_word = !in_word;
        (in_word ? out.words : out.spaces).emplace_back();
        out.same.push_back(true);
      }
      (in_word ? out.words : out.spaces).back() += c;
      if (p.kind != Kind::kSame) out.same.back() = false;
    }
  }
  if (in_word) {
    out.spaces.emplace_back();
    out.same.push_back(true);
  }
  return out;
}

// The contract every diff keeps (services/word_diff.h). exact_old: the old
// text must come back byte for byte too (no whitespace-only change next to
// an unchanged word).
void CheckInvariants(const std::string& old_text, const std::string& new_text,
                     const std::vector<DiffPiece>& pieces, bool exact_old) {
  SCOPED_TRACE(Show(pieces));
  EXPECT_EQ(Join(pieces, Kind::kAdded), new_text);
  const std::string old_again = Join(pieces, Kind::kRemoved);
  EXPECT_EQ(SplitWords(old_again), SplitWords(old_text));
  if (exact_old) {
    EXPECT_EQ(old_again, old_text);
  }
  // Whitespace may differ from the old text only where it is unchanged
  // (kSame) and so are the words on both sides of it.
  const Segments again = Segment(pieces, Kind::kRemoved);
  const Segments old_segments = Segment({{Kind::kSame, old_text}}, Kind::kSame);
  if (again.words == old_segments.words) {
    for (size_t k = 0; k < again.spaces.size(); ++k) {
      if (again.spaces[k] == old_segments.spaces[k]) continue;
      EXPECT_TRUE(again.same[2 * k]) << "whitespace " << k << " changed but not kSame";
      if (k > 0) {
        EXPECT_TRUE(again.same[2 * k - 1]) << "word before whitespace " << k;
      }
      if (k < again.words.size()) {
        EXPECT_TRUE(again.same[2 * k + 1]) << "word after whitespace " << k;
      }
      EXPECT_FALSE(again.words.empty()) << "a text without words comes back exactly";
    }
  }
  for (size_t i = 0; i < pieces.size(); ++i) {
    EXPECT_FALSE(pieces[i].text.empty()) << i;
    if (i == 0) continue;
    EXPECT_NE(pieces[i].kind, pieces[i - 1].kind) << i;
    EXPECT_FALSE(pieces[i - 1].kind == Kind::kAdded && pieces[i].kind == Kind::kRemoved) << i;
  }
  // No word is split between pieces: per-piece counts add up to the texts'.
  int same = 0;
  for (const auto& p : pieces) {
    if (p.kind == Kind::kSame) same += static_cast<int>(SplitWords(p.text).size());
  }
  const DiffStats stats = CountChanges(pieces);
  EXPECT_EQ(same + stats.removed_words, static_cast<int>(SplitWords(old_text).size()));
  EXPECT_EQ(same + stats.added_words, static_cast<int>(SplitWords(new_text).size()));
}

TEST(DiffWords, IdenticalTextsAreOneSamePiece) {
  const std::string text = "قال الوزير إن الخطة جاهزة.\n\nوأضاف: «سنبدأ في 2025».";
  const auto pieces = DiffWords(text, text);
  ASSERT_EQ(pieces.size(), 1u) << Show(pieces);
  EXPECT_EQ(pieces[0].kind, Kind::kSame);
  EXPECT_EQ(pieces[0].text, text);
  EXPECT_TRUE(DiffWords("", "").empty());
}

TEST(DiffWords, OneWordReplacedInArabicSentence) {
  const auto pieces = DiffWords("قال الوزير إن الخطة جاهزة", "قال الرئيس إن الخطة جاهزة");
  EXPECT_EQ(Show(pieces), "=[قال ]-[الوزير ]+[الرئيس ]=[إن الخطة جاهزة]");
  const DiffStats stats = CountChanges(pieces);
  EXPECT_EQ(stats.added_words, 1);
  EXPECT_EQ(stats.removed_words, 1);
}

TEST(DiffWords, PunctuationStaysWithItsWord) {
  const auto pieces = DiffWords("الخطة جاهزة، كما قال.", "الخطة جاهزة كما قال.");
  EXPECT_EQ(Show(pieces), "=[الخطة ]-[جاهزة، ]+[جاهزة ]=[كما قال.]");
}

TEST(DiffWords, InsertionAtStart) {
  const auto pieces = DiffWords("الخطة جاهزة", "عاجل: الخطة جاهزة");
  EXPECT_EQ(Show(pieces), "+[عاجل: ]=[الخطة جاهزة]");
  EXPECT_EQ(CountChanges(pieces).added_words, 1);
  EXPECT_EQ(CountChanges(pieces).removed_words, 0);
}

TEST(DiffWords, InsertionAtEndCarriesTheSeparatingSpace) {
  const auto pieces = DiffWords("الخطة جاهزة", "الخطة جاهزة تماما (100%)");
  EXPECT_EQ(Show(pieces), "=[الخطة جاهزة]+[ تماما (100%)]");
  EXPECT_EQ(CountChanges(pieces).added_words, 2);
  CheckInvariants("الخطة جاهزة", "الخطة جاهزة تماما (100%)", pieces, true);
}

TEST(DiffWords, DeletionAtEnd) {
  const auto pieces = DiffWords("الخطة جاهزة تماما", "الخطة جاهزة");
  EXPECT_EQ(Show(pieces), "=[الخطة جاهزة]-[ تماما]");
}

TEST(DiffWords, InsertionBeforeANewlineKeepsTheNewlineUnchanged) {
  const auto pieces = DiffWords("الفقرة الأولى\nالثانية", "الفقرة الأولى هنا\nالثانية");
  EXPECT_EQ(Show(pieces), "=[الفقرة الأولى]+[ هنا]=[\nالثانية]");
}

TEST(DiffWords, DeletedParagraph) {
  const std::string old_text =
      "الفقرة الأولى عن الاقتصاد.\n\nالفقرة الثانية عن Apple و Google.\n\nالفقرة الثالثة.\n";
  const std::string new_text = "الفقرة الأولى عن الاقتصاد.\n\nالفقرة الثالثة.\n";
  const auto pieces = DiffWords(old_text, new_text);
  EXPECT_EQ(Show(pieces),
            "=[الفقرة الأولى عن الاقتصاد.\n\n]-[الفقرة الثانية عن Apple و Google.\n\n]"
            "=[الفقرة الثالثة.\n]");
  EXPECT_EQ(CountChanges(pieces).removed_words, 6);
  EXPECT_EQ(CountChanges(pieces).added_words, 0);
  CheckInvariants(old_text, new_text, pieces, true);
}

TEST(DiffWords, InsertedParagraphStartingWithACommonWordIsShownWhole) {
  // A minimal diff could equally add "المتحدث … قريب.\n\nوقال " after the
  // first "وقال"; the paragraph itself reads better.
  const std::string old_text = "الفقرة الأولى.\n\nوقال الوزير إن الخطة جاهزة.";
  const std::string new_text =
      "الفقرة الأولى.\n\nوقال المتحدث إن الموعد قريب.\n\nوقال الوزير إن الخطة جاهزة.";
  const auto pieces = DiffWords(old_text, new_text);
  EXPECT_EQ(
      Show(pieces),
      "=[الفقرة الأولى.\n\n]+[وقال المتحدث إن الموعد قريب.\n\n]=[وقال الوزير إن الخطة جاهزة.]");
  CheckInvariants(old_text, new_text, pieces, true);
}

TEST(DiffWords, WhitespaceOnlyChangeIsSameWithTheNewWhitespace) {
  const std::string old_text = "قال الوزير  إن الخطة جاهزة";
  const std::string new_text = " قال الوزير\n\nإن\tالخطة جاهزة\n";
  const auto pieces = DiffWords(old_text, new_text);
  ASSERT_EQ(pieces.size(), 1u) << Show(pieces);
  EXPECT_EQ(pieces[0].kind, Kind::kSame);
  EXPECT_EQ(pieces[0].text, new_text);
  EXPECT_EQ(CountChanges(pieces).added_words, 0);
  EXPECT_EQ(CountChanges(pieces).removed_words, 0);
  // A no-break space separates words like any other whitespace.
  EXPECT_EQ(Show(DiffWords("10 كم", "10\u00a0كم")), "=[10\u00a0كم]");
}

TEST(DiffWords, TextsWithoutWordsKeepBothTexts) {
  const auto pieces = DiffWords("  ", "\n");
  CheckInvariants("  ", "\n", pieces, true);
  EXPECT_EQ(Show(DiffWords("", "\n")), "+[\n]");
}

TEST(DiffWords, WordsCompareExactly) {
  // Diacritics and letter variants are differences; no normalization.
  EXPECT_EQ(Show(DiffWords("قال إن", "قالَ إن")), "-[قال ]+[قالَ ]=[إن]");
  EXPECT_EQ(Show(DiffWords("أحمد", "احمد")), "-[أحمد]+[احمد]");
}

TEST(DiffWords, EmptyOldOrNew) {
  EXPECT_EQ(Show(DiffWords("", "نص جديد")), "+[نص جديد]");
  EXPECT_EQ(Show(DiffWords("نص قديم\n", "")), "-[نص قديم\n]");
}

TEST(DiffHtml, EscapesAndMarksChanges) {
  const auto pieces = DiffWords("a & b\n<p>", "a & <script>alert('x')</script>\n<p>");
  const std::string html = DiffHtml(pieces);
  EXPECT_EQ(html,
            "a &amp; "
            "<del>b\n</del><ins>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n</ins>&lt;p&gt;");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(DiffHtml({{Kind::kSame, "\"قال\" "}, {Kind::kRemoved, "س "}, {Kind::kAdded, "ص"}}),
            "&quot;قال&quot; <del>س </del><ins>ص</ins>");
  EXPECT_EQ(DiffHtml({}), "");
}

TEST(CountChanges, CountsWordsNotPieces) {
  const std::vector<DiffPiece> pieces = {{Kind::kSame, "قال "},
                                         {Kind::kRemoved, "الوزير  السابق\n"},
                                         {Kind::kAdded, " الرئيس "},
                                         {Kind::kSame, "إن "},
                                         {Kind::kAdded, "\n"}};
  const DiffStats stats = CountChanges(pieces);
  EXPECT_EQ(stats.removed_words, 2);
  EXPECT_EQ(stats.added_words, 1);
  EXPECT_EQ(CountChanges({}).added_words, 0);
}

// Texts from a small vocabulary (so words repeat and alignments are
// ambiguous), with mixed separators.
class TextGen {
 public:
  explicit TextGen(uint32_t seed) : rng_(seed) {}

  int Below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string Word() {
    static const char* const kWords[] = {"قال", "الوزير", "إن",    "الخطة",   "جاهزة،", "في", "من",
                                         "و",   "(2024)", "Apple", "«سنبدأ»", "الرئيس", "42", "."};
    return kWords[Below(static_cast<int>(std::size(kWords)))];
  }

  std::string Space() {
    static const char* const kSpaces[] = {" ", " ", " ", " ", "  ", "\n", "\n\n", "\t"};
    return kSpaces[Below(static_cast<int>(std::size(kSpaces)))];
  }

  struct Text {
    std::vector<std::string> words;
    std::vector<std::string> spaces;  // spaces[0] leads; spaces[i + 1] follows words[i].
    std::string Render() const {
      std::string s = spaces[0];
      for (size_t i = 0; i < words.size(); ++i) s += words[i] + spaces[i + 1];
      return s;
    }
  };

  Text Make(int max_words) {
    Text t;
    t.spaces.push_back(Below(4) == 0 ? Space() : "");
    const int n = Below(max_words + 1);
    for (int i = 0; i < n; ++i) {
      t.words.push_back(Word());
      t.spaces.push_back(i + 1 == n ? (Below(3) == 0 ? Space() : "") : Space());
    }
    return t;
  }

  // Word edits only, or also whitespace edits (change_spaces).
  Text Edit(Text t, int edits, bool change_spaces) {
    for (int e = 0; e < edits; ++e) {
      const int n = static_cast<int>(t.words.size());
      const int op = Below(change_spaces ? 4 : 3);
      if (op == 0 || n == 0) {  // Insert a word after position p (spaces[p] kept before it).
        const int p = Below(n + 1);
        t.words.insert(t.words.begin() + p, Word());
        t.spaces.insert(t.spaces.begin() + p + 1, Space());
        if (p == n && t.spaces[p].empty()) std::swap(t.spaces[p], t.spaces[p + 1]);
      } else if (op == 1) {  // Delete a word and the whitespace after it.
        const int p = Below(n);
        t.words.erase(t.words.begin() + p);
        t.spaces.erase(t.spaces.begin() + p + 1);
      } else if (op == 2) {
        t.words[Below(n)] = Word();
      } else {
        t.spaces[Below(n + 1)] = Space();
      }
    }
    return t;
  }

 private:
  std::mt19937 rng_;
};

TEST(DiffWords, RandomEditsKeepInvariantsAndAreMinimal) {
  TextGen gen(20240607);
  for (int c = 0; c < 600; ++c) {
    const TextGen::Text base = gen.Make(c % 3 == 0 ? 8 : 40);
    const bool change_spaces = c % 2 == 1;
    const TextGen::Text edited = gen.Edit(base, gen.Below(12), change_spaces);
    // Half the time the edited text is the old one, so deletions and
    // insertions both come up at every position.
    const std::string a = base.Render(), b = edited.Render();
    const std::string& old_text = c % 4 < 2 ? a : b;
    const std::string& new_text = c % 4 < 2 ? b : a;
    SCOPED_TRACE("case " + std::to_string(c) + "\nold: " + old_text + "\nnew: " + new_text);
    const auto pieces = DiffWords(old_text, new_text);
    CheckInvariants(old_text, new_text, pieces, false);
    const auto ow = SplitWords(old_text), nw = SplitWords(new_text);
    const size_t lcs = ReferenceLcs(ow, nw);
    const DiffStats stats = CountChanges(pieces);
    EXPECT_EQ(static_cast<size_t>(stats.removed_words), ow.size() - lcs);
    EXPECT_EQ(static_cast<size_t>(stats.added_words), nw.size() - lcs);
  }
}

TEST(DiffWords, UnrelatedRandomTextsAreMinimal) {
  TextGen gen(7);
  for (int c = 0; c < 300; ++c) {
    const std::string old_text = gen.Make(30).Render(), new_text = gen.Make(30).Render();
    const auto pieces = DiffWords(old_text, new_text);
    CheckInvariants(old_text, new_text, pieces, false);
    const size_t lcs = ReferenceLcs(SplitWords(old_text), SplitWords(new_text));
    const DiffStats stats = CountChanges(pieces);
    EXPECT_EQ(static_cast<size_t>(stats.removed_words + stats.added_words),
              SplitWords(old_text).size() + SplitWords(new_text).size() - 2 * lcs)
        << old_text << "\n---\n"
        << new_text;
  }
}

std::string LongText(TextGen& gen, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    s += gen.Word();
    s += i + 1 == words ? "" : (i % 40 == 39 ? "\n\n" : " ");
  }
  return s;
}

// Large inputs: these must finish quickly (no time is asserted, but an
// O(N·M) table or an unbounded search would show up as a slow test).
TEST(DiffWords, LongTextWithOneWordChanged) {
  TextGen gen(11);
  const std::string old_text = LongText(gen, 20000);
  const auto words = SplitWords(old_text);
  std::string new_text;
  for (size_t i = 0; i < words.size(); ++i) {
    new_text += i == 10000 ? "كلمة_جديدة" : words[i];
    new_text += i + 1 == words.size() ? "" : (i % 40 == 39 ? "\n\n" : " ");
  }
  const auto pieces = DiffWords(old_text, new_text);
  CheckInvariants(old_text, new_text, pieces, true);
  ASSERT_EQ(pieces.size(), 4u) << DiffHtml(pieces).substr(0, 200);
  EXPECT_EQ(pieces[1].text, words[10000] + " ");
  EXPECT_EQ(pieces[2].text, "كلمة_جديدة ");
  EXPECT_EQ(CountChanges(pieces).added_words, 1);
  EXPECT_EQ(CountChanges(pieces).removed_words, 1);
}

TEST(DiffWords, LongTextWithScatteredEditsIsStillExact) {
  TextGen gen(12);
  const std::string old_text = LongText(gen, 20000);
  auto words = SplitWords(old_text);
  // 150 replacements by a word absent from the vocabulary: distance 300.
  std::string new_text;
  for (size_t i = 0; i < words.size(); ++i) {
    new_text += (i % 133 == 7) ? "تعديل" : words[i];
    new_text += i + 1 == words.size() ? "" : (i % 40 == 39 ? "\n\n" : " ");
  }
  const auto pieces = DiffWords(old_text, new_text);
  CheckInvariants(old_text, new_text, pieces, true);
  EXPECT_EQ(CountChanges(pieces).added_words, 151);
  EXPECT_EQ(CountChanges(pieces).removed_words, 151);
}

TEST(DiffWords, LongTextFullyRewritten) {
  TextGen gen(13);
  const std::string old_text = LongText(gen, 20000);
  std::string new_text;
  for (int i = 0; i < 20000; ++i)
    new_text += "كلمة" + std::to_string(i % 977) + (i + 1 == 20000 ? "" : " ");
  const auto pieces = DiffWords(old_text, new_text);
  CheckInvariants(old_text, new_text, pieces, true);
  EXPECT_EQ(Show(pieces), "-[" + old_text + "]+[" + new_text + "]");
}

TEST(DiffWords, LongTextRewrittenFromTheSameWordsFallsBackToWholeRegion) {
  // Same vocabulary, independent order: the edit distance is far beyond
  // kMaxDiffEditWords, so the region between the common edges is replaced
  // whole instead of being aligned word by word.
  TextGen gen(14);
  const std::string old_text = "بداية مشتركة " + LongText(gen, 20000) + " نهاية مشتركة";
  const std::string new_text = "بداية مشتركة " + LongText(gen, 20000) + " نهاية مشتركة";
  const auto pieces = DiffWords(old_text, new_text);
  CheckInvariants(old_text, new_text, pieces, true);
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0].text.rfind("بداية مشتركة ", 0), 0u);
  EXPECT_TRUE(pieces[3].text.ends_with("نهاية مشتركة"));
  const DiffStats stats = CountChanges(pieces);
  EXPECT_GT(stats.removed_words, 19000);
  EXPECT_GT(stats.added_words, 19000);
}

}  // namespace
}  // namespace qalam
