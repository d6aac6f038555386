// The light stemmer (arabic/analyzer.h): affixes off both ends of a normalized
// word, after Larkey's light10, with these changes, each measured on the ANT
// corpus (tests/unit/analyzer_test.cc checks them):
//
// - Suffixes are stripped until none applies, so that a derived form reduces
//   like its base: الكازاخستانية → كازاخستان+ية → كازاخستان, and الفلسطينيين →
//   فلسطيني → فلسطين → فلسط, the stem of فلسطين. A stem keeps 3 letters.
//   The alef of tanween and of country names (رسميا، روسيا) and the verb ending
//   وا go only at the very end, else لحماية (ل + حماية) would lose its alef.
// - The dual ان (and تان) is not a suffix: it ends too many names that their
//   nisba adjectives must still find (لبنان، إيران، كازاخستان، باكستان،
//   السودان، برلمان).
// - A single-letter proclitic is ambiguous with a first root letter (بدمج =
//   ب+دمج, but بلاد is a word). و ب ل are stripped when 3 letters remain,
//   unless the word's stem is one of the frequent root-initial words below
//   (وزير، لجنة، بلاد …); ف and ك only in front of the article (فال، كال):
//   in the corpus most bare ف/ك words are root-initial (فريق، كبير،
//   كازاخستان), while most bare و/ب/ل words carry the proclitic.
// - After the article, a second ال is stripped too: ألمانيا and الألمانية both
//   lose their أل (→ مان), so they meet.
// - No strip may leave a stop word (ولاية ↛ ولا, الله ↛ له), since stop words
//   are indexed under their own form.
// - A few words get a fixed stem so as not to merge with another word: مائة
//   (with ماء once ئ is ء) and البحرين (with بحر).
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "arabic/analyzer.h"

namespace qalam::arabic {
namespace {

constexpr char16_t kAlef = u'ا', kBeh = u'ب', kTehMarbuta = u'ة', kFeh = u'ف', kKaf = u'ك',
                   kLam = u'ل', kHeh = u'ه', kWaw = u'و', kYeh = u'ي', kAlefMaksura = u'ى';

constexpr size_t kMinStem = 3;        // letters a stem keeps
constexpr size_t kMinAfterArticle = 2;  // الأم → أم, اليد → يد
constexpr size_t kMaxLetters = 64;

// Suffixes, longest first; ة is read as ه. Stripped until none applies.
constexpr std::u16string_view kSuffixes[] = {
    u"تين", u"يين", u"يون", u"يات", u"هما", u"كما",                     // 3
    u"ها",  u"هم",  u"هن",  u"كم",  u"كن",  u"نا",  u"ات", u"ون", u"ين",  // 2
    u"يه",  u"اه",                                                         // 2
    u"ه",   u"ي",   u"ت",                                                   // 1
};
// Only as the last suffix of a word: the tanween alef (رسميا), the alef of
// country names (روسيا → روسي → روس), and the plural verb ending وا.
constexpr std::u16string_view kFinalSuffixes[] = {u"وا", u"ا"};

// Whether w (Arabic letters) is a stop word. Stop words are indexed under
// their own form, so a content stem must not be one: ولاية would otherwise
// stem to ولا, الله to له, التحتية to تحت, قبلي (Kebili) to قبل.
bool IsStop(std::u16string_view w) {
  if (w.size() > 8) return false;  // longer than any stop word
  char buf[2 * kMaxLetters];
  size_t len = 0;
  for (char16_t c : w) {
    buf[len++] = static_cast<char>(0xC0 | (c >> 6));
    buf[len++] = static_cast<char>(0x80 | (c & 0x3F));
  }
  return IsStopWord(std::string_view(buf, len));
}

// The length of w once its suffixes are stripped. A suffix stays when what
// would remain is a stop word.
size_t StripSuffixes(std::u16string_view w) {
  size_t n = w.size();
  auto strip = [&w, &n](std::u16string_view s) {
    if (n >= s.size() + kMinStem && w.substr(n - s.size(), s.size()) == s &&
        !IsStop(w.substr(0, n - s.size()))) {
      n -= s.size();
      return true;
    }
    return false;
  };
  // ا after ن ه or م is more often the pronoun نا، ها، هما، كما (بلادنا).
  if (n < 2 || (w[n - 2] != u'ن' && w[n - 2] != u'ه' && w[n - 2] != u'م')) {
    for (std::u16string_view s : kFinalSuffixes) {
      if (strip(s)) break;
    }
  }
  for (bool again = true; again;) {
    again = false;
    for (std::u16string_view s : kSuffixes) {
      if (strip(s)) {
        again = true;
        break;
      }
    }
  }
  return n;
}

// Frequent words whose first letter is و ف ب ك or ل of the root, normalized
// (أ → ا, ة → ه, ى → ي, ؤ ئ → ء). Each is kept by its stem, so وزير also
// protects وزيره، وزيرها، وزيرين.
constexpr const char* kRootInitial[] = {
    // و
    "وطن", "وطني", "وزاره", "وزير", "وزراء", "وزاري", "ولايه", "ولاه", "وحده", "وحيد",
    "واحد", "وفاه", "وفيات", "وجود", "وكاله", "وكيل", "وساءل", "وسيله", "وقفه", "وقوف", "وادي",
    "وثيقه", "وثاءق", "وصول", "وضع", "وضعيه", "وظيفه", "وظاءف", "وراء", "واقع", "وقوع", "وقاءع",
    "وليد", "واسع", "وفاق", "واردات", "ورود", "وارد", "واضح", "ولاده", "ولد", "ورقه",
    "ورشه", "وقود", "وجبه", "واجب", "وقايه", "وعود", "وعد", "وقت", "وفد", "وسط", "وسيط",
    "وساطه", "وعي", "وفق", "وزن", "وجه", "وسام", "ولي", "واجهه", "ورد", "وصف", "وصل", "وقع",
    "وضوح", "وداع", "ودي", "وباء", "وتيره", "ورثه", "وهم", "وهمي", "وفاء", "وحش", "وهران",
    "واشنطن",
    // ب
    "برنامج", "برامج", "برمجه", "بلاغ", "بيان", "بيانات", "بدايه", "بلاد", "بلد", "بلدي",
    "بلديه", "بلدان", "بطوله", "بطل", "بحر", "بحري", "بحار", "بحيره", "باجي", "برلمان", "بناء",
    "بنايه", "بريطانيا", "بقيه", "باقي", "بقاء", "بريد", "بطاقه", "باحث", "بحث", "بحوث", "بنك",
    "بنوك", "بشر", "بشري", "بيءه", "بيءي", "بيضاء", "بنزين", "بترول", "بلجيكا", "بلجيكي",
    "بشير", "بندقيه", "بنادق", "بطاله", "بلاستيك", "بعثه", "بعيد", "بدن", "بدني", "بصري",
    "بضاعه", "بضاءع", "بركه", "براكاج", "برازيل", "بليغ", "بوابه", "بورصه", "بطاريه", "بطحاء",
    "باخره", "براءه", "بادره", "بسيط", "بند", "بنود", "بيطري", "باءع", "بيع", "بوادر", "بديل",
    "بداءل", "باعث", "برج", "بيت", "بيوت", "باب", "بطء", "بءر", "باريس", "بغداد", "بيروت",
    "بنزرت", "باجه", "بوزيد", "بورقيبه", "بوتين", "برشلونه", "بلوغ", "باكالوريا",
    "بكالوريا", "بلاتو",
    // ل
    "لجنه", "لجان", "لقاء", "ليله", "ليل", "ليلي", "لاعب", "لعب", "لعبه", "ليبيا", "ليبي",
    "لجوء", "لاجء", "لحم", "لحوم", "لحظه", "لطيف", "لبنان", "لوحه", "لاءحه", "لواء", "لواج",
    "لسان", "لوبي", "لافته", "لقطه", "لاحق", "لوجستي", "لغه", "لقب", "لون", "لباس", "لندن",
    "لقاح", "لياقه", "ليون", "لهجه", "لاءق", "لقمه", "لغم", "لءيم", "لءام",
};

// Root-initial words protected as they are, not by their stem, because their
// stem also ends words with و + ال (والتهم → وال, like والي).
constexpr const char* kRootInitialExact[] = {
    "والي", "واليا", "والد", "والده", "والدي", "والدته", "والدها", "والدين",
};

// Words whose light stem would merge them with an unrelated word: مائة
// (hundred, "بالمائة" = percent) with ماء (water) once ئ is ء, امرأة (woman)
// with أمر (matter), and places ending in ين with a noun: البحرين (Bahrain)
// with بحر, القصرين and مدنين (Tunisian regions) with قصر and مدني. Looked up
// after the proclitics are gone.
constexpr std::pair<const char*, const char*> kStemOverrides[] = {
    {"امراه", "مراه"},  {"مراه", "مراه"},     {"قصرين", "قصرين"},   {"قصريني", "قصرين"},
    {"قصرينيه", "قصرين"}, {"مدنين", "مدنين"}, {"مدنيني", "مدنين"}, {"مدنينيه", "مدنين"},
    {"ماءه", "مءه"},     {"مءه", "مءه"},       {"ماءتين", "مءه"},    {"مءتين", "مءه"},
    {"ماءتان", "مءه"},   {"مءتان", "مءه"},     {"ماءات", "مءه"},     {"مءات", "مءه"},
    {"بحرين", "بحرين"}, {"بحريني", "بحرين"}, {"بحرينيه", "بحرين"}, {"بحرينيين", "بحرين"},
    {"بحرينيون", "بحرين"},
};

struct Protected {
  std::vector<std::u16string> stems;
  std::unordered_set<std::u16string_view> set;
  std::vector<std::u16string> words;
  std::unordered_set<std::u16string_view> exact;
  std::vector<std::u16string> override_words;
  std::unordered_map<std::u16string_view, std::string_view> overrides;
};

std::u16string ToU16(std::string_view s);

const Protected& ProtectedStems() {
  static const Protected* p = [] {
    auto* r = new Protected;
    r->stems.reserve(std::size(kRootInitial));
    for (const char* w : kRootInitial) {
      std::u16string u = ToU16(w);
      u.resize(StripSuffixes(u));
      r->stems.push_back(std::move(u));
    }
    for (const auto& s : r->stems) r->set.insert(s);
    for (const char* w : kRootInitialExact) r->words.push_back(ToU16(w));
    for (const auto& w : r->words) r->exact.insert(w);
    for (const auto& [word, stem] : kStemOverrides) r->override_words.push_back(ToU16(word));
    for (size_t i = 0; i < r->override_words.size(); ++i) {
      r->overrides.emplace(r->override_words[i], kStemOverrides[i].second);
    }
    return r;
  }();
  return *p;
}

bool IsProtected(std::u16string_view w) {
  const Protected& p = ProtectedStems();
  return p.exact.count(w) > 0 || p.set.count(w.substr(0, StripSuffixes(w))) > 0;
}

bool IsArabicLetter(char32_t c) {
  return (c >= 0x620 && c <= 0x64A) || (c >= 0x66E && c <= 0x6D3 && c != 0x670 && c != 0x6D4) ||
         (c >= 0x750 && c <= 0x77F) || (c >= 0x8A0 && c <= 0x8C9);
}

// Decodes an all-Arabic word (every letter two bytes in UTF-8), reading ة as ه
// and ى as ي; false for anything else.
bool DecodeArabic(std::string_view s, char16_t* out, size_t* n) {
  if (s.size() % 2 != 0 || s.size() / 2 > kMaxLetters) return false;
  for (size_t i = 0; i < s.size(); i += 2) {
    unsigned char b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 < 0xC2 || b0 > 0xDF || (b1 & 0xC0) != 0x80) return false;
    char16_t c = static_cast<char16_t>(((b0 & 0x1F) << 6) | (b1 & 0x3F));
    if (!IsArabicLetter(c)) return false;
    if (c == kTehMarbuta) c = kHeh;
    if (c == kAlefMaksura) c = kYeh;
    out[i / 2] = c;
  }
  *n = s.size() / 2;
  return true;
}

std::u16string ToU16(std::string_view s) {
  char16_t buf[kMaxLetters];
  size_t n = 0;
  if (!DecodeArabic(s, buf, &n)) return {};
  return std::u16string(buf, n);
}

}  // namespace

std::string LightStem(std::string_view normalized_word) {
  char16_t buf[kMaxLetters];
  size_t n = 0;
  if (!DecodeArabic(normalized_word, buf, &n) || n < kMinStem) {
    return std::string(normalized_word);
  }
  std::u16string_view w(buf, n);

  // Proclitics: و? (ب|ل)? ال?, ف only before the article, ك only as كال, and
  // لل for ل + ال. A bare ف or ك is mostly a root letter (فريق، كبير): in the
  // ANT corpus, words starting with ف or ك without the article are more often
  // root-initial than ف/ك + word; for و, ب and ل it is the other way round.
  if (w.size() >= kMinStem + 1 && w[0] == kWaw && !IsProtected(w)) w.remove_prefix(1);
  auto article_at = [&w](size_t i) {
    return w.size() >= i + 2 + kMinAfterArticle && w[i] == kAlef && w[i + 1] == kLam;
  };
  if (w.size() >= 5 && w[0] == kFeh &&
      (article_at(1) || (w[1] == kLam && w[2] == kLam) || (w[1] == kBeh && article_at(2)))) {
    w.remove_prefix(1);
  }
  bool article = false;
  if (w.size() >= kMinStem + 1 && (w[0] == kBeh || w[0] == kLam) && !IsProtected(w)) {
    if (w[0] == kLam && w[1] == kLam && w.size() >= kMinAfterArticle + 2 &&
        !IsProtected(w.substr(1))) {
      w.remove_prefix(2);  // للوزير = ل + الوزير
      article = true;
    } else {
      w.remove_prefix(1);
    }
  } else if (w[0] == kKaf && article_at(1)) {
    w.remove_prefix(1);
  }
  if (!article && article_at(0) && !IsStop(w.substr(2))) {  // not الله → له
    w.remove_prefix(2);
    article = true;
  }
  // A second ال after the article belongs to a word spelled with أل (ألمانيا،
  // إلغاء، ألعاب) whose bare form above lost it too: الألمانية → ألمانية → مانية.
  if (article && article_at(0)) w.remove_prefix(2);

  const auto& overrides = ProtectedStems().overrides;
  if (auto it = overrides.find(w); it != overrides.end()) return std::string(it->second);
  w = w.substr(0, StripSuffixes(w));

  std::string out;
  out.reserve(w.size() * 2);
  for (char16_t c : w) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
  return out;
}

}  // namespace qalam::arabic
