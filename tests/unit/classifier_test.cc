// The comment classifier (moderation/classifier.h): ClassifierText's
// preprocessing, training on a small synthetic corpus written here (never the
// shared datasets), loading missing and damaged models, the JSON-lines reader,
// the held-out split and the metrics.
#include "moderation/classifier.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace qalam {
namespace {

namespace fs = std::filesystem;

// A folder of its own under the temp folder, removed at the end.
class TempFolder {
 public:
  TempFolder() {
    std::string tmpl = (fs::temp_directory_path() / "qalam-classifier-test-XXXXXX").string();
    if (mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// --- ClassifierText -------------------------------------------------------------

TEST(ClassifierText, DropsDiacriticsAndTatweel) {
  EXPECT_EQ(ClassifierText("مُحَمَّدٌ"), "محمد");
  EXPECT_EQ(ClassifierText("جمـــيل"), "جميل");
  EXPECT_EQ(ClassifierText("غـَـبـِـي"), "غبي");
}

TEST(ClassifierText, FoldsHamzaAlefYehAndTehMarbuta) {
  EXPECT_EQ(ClassifierText("أحمد إسلام آمال ٱلله"), "احمد اسلام امال الله");
  EXPECT_EQ(ClassifierText("مسؤول مسئول"), "مسءول مسءول");
  EXPECT_EQ(ClassifierText("على مدرسة"), "علي مدرسه");
}

TEST(ClassifierText, CutsRepeatedLetters) {
  EXPECT_EQ(ClassifierText("جمييييييل"), "جمييل");
  EXPECT_EQ(ClassifierText("هههههههه"), "هه");
  EXPECT_EQ(ClassifierText("الله"), "الله");  // two of a letter are left alone
  EXPECT_EQ(ClassifierText("حقيييير", {.max_repeat = 1}), "حقير");
  EXPECT_EQ(ClassifierText("الله", {.max_repeat = 1}), "الله");  // only runs of 3+
  EXPECT_EQ(ClassifierText("هههه", {.max_repeat = 1}), "ه");
  EXPECT_EQ(ClassifierText("!!!!", {.max_repeat = 1}), "!");
  EXPECT_EQ(ClassifierText("!!", {.max_repeat = 1}), "! !");
  EXPECT_EQ(ClassifierText("10000 ٣٠٠٠"), "10000 3000");       // digits are never cut
  // Tatweel and marks between the repeats do not hide them.
  EXPECT_EQ(ClassifierText("غبـــيـيـي"), "غبيي");
}

TEST(ClassifierText, LowerCasesLatin) {
  EXPECT_EQ(ClassifierText("Hello WORLD"), "hello world");
  EXPECT_EQ(ClassifierText("LOOOOOL"), "lool");
  EXPECT_EQ(ClassifierText("Ça VA"), "ca va");
}

TEST(ClassifierText, SeparatesPunctuationAndEmoji) {
  EXPECT_EQ(ClassifierText("مرحبا،كيف الحال؟"), "مرحبا ، كيف الحال ؟");
  EXPECT_EQ(ClassifierText("كلب!!!!!"), "كلب ! !");
  EXPECT_EQ(ClassifierText("رائع😂😂😂😂"), "راءع 😂 😂");
  EXPECT_EQ(ClassifierText("👍🏽تمام"), "👍 تمام");  // skin tone dropped
  EXPECT_EQ(ClassifierText("«خبر»"), "« خبر »");
  EXPECT_EQ(ClassifierText("3.5 و 1,000."), "3.5 و 1,000 .");
}

TEST(ClassifierText, MentionsLinksHashtagsAndLines) {
  EXPECT_EQ(ClassifierText("@USER شكرا https://t.co/AbC?x=1 جدا"), "@user شكرا url جدا");
  EXPECT_EQ(ClassifierText("@some_one_12: www.example.com"), "@user : url");
  EXPECT_EQ(ClassifierText("سطر<LF>سطر\nسطر\r\n"), "سطر سطر سطر");
  EXPECT_EQ(ClassifierText("#الله_اكبر"), "# الله اكبر");
  EXPECT_EQ(ClassifierText("RT @USER: URL"), "rt @user : url");
}

TEST(ClassifierText, DropsInvisibleCharactersAndKeepsOneLine) {
  EXPECT_EQ(ClassifierText("ك\u200Bل\u200Fب"), "كلب");
  EXPECT_EQ(ClassifierText("  \t "), "");
  EXPECT_EQ(ClassifierText(""), "");
  EXPECT_EQ(ClassifierText("\xFF\xFE كلب"), "كلب");  // malformed bytes dropped
  std::string t = ClassifierText("a\n\nb\tc\u2028d");
  EXPECT_EQ(t.find('\n'), std::string::npos);
  EXPECT_EQ(t, "a b c d");
}

// --- A synthetic corpus ------------------------------------------------------------

const std::vector<std::string> kNeutral = {
    "الحكومة", "الاقتصاد", "المباراة", "الطقس",   "المدينة", "الجامعة", "التقرير", "الرئيس",
    "الشركة",  "السوق",    "الانتخابات", "الفريق", "أعلنت",   "ناقش",    "افتتح",   "نشر",
    "زار",     "المستشفى", "المشروع",  "الميزانية"};
const std::vector<std::string> kInsults = {"غبي", "حمار", "تافه", "حقير", "وسخ", "منحط", "خنزير",
                                           "كلب", "جاهل", "سافل"};
// The hate class gets words of its own (synthetic; only their separability matters).
const std::vector<std::string> kHate = {"عنصرية", "طائفية", "اطردوهم", "ابادة", "الدخلاء",
                                        "الانجاس"};
const std::vector<std::string> kFiller = {"هذا", "في", "من", "على", "اليوم", "كان", "مع", "عن",
                                          "كل", "بعد"};

std::vector<LabeledComment> SyntheticCorpus(uint32_t seed, size_t ok, size_t offensive,
                                            size_t hate) {
  std::mt19937 rng(seed);
  auto pick = [&rng](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto line = [&](const std::vector<std::string>& vocab, int strong) {
    std::string s;
    int n = 5 + static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      if (!s.empty()) s += ' ';
      s += i < strong || rng() % 3 == 0 ? pick(vocab) : pick(kFiller);
    }
    return s;
  };
  std::vector<LabeledComment> out;
  for (size_t i = 0; i < ok; ++i) out.push_back({line(kNeutral, 2), "ok", "synthetic", ""});
  for (size_t i = 0; i < offensive; ++i) {
    // In this order, named: the operands of + are evaluated in an order the
    // compiler chooses (GCC and clang differ), and each draws from rng.
    const std::string neutral = pick(kNeutral);
    const std::string insults = line(kInsults, 1);
    out.push_back({insults + " " + neutral, "offensive", "synthetic", ""});
  }
  for (size_t i = 0; i < hate; ++i)
    out.push_back({line(kHate, 1), "hate", "synthetic", i % 2 ? "origin" : "religion"});
  return out;
}

TrainOptions SmallOptions() {
  TrainOptions o;
  o.epochs = 30;
  o.lr = 0.5;
  o.dim = 16;
  o.word_ngrams = 1;
  o.minn = 2;
  o.maxn = 4;
  o.bucket = 20000;
  o.threads = 1;
  o.holdout_share = 0.2;
  o.seed = 7;
  o.quantize = false;
  return o;
}

// One trained model shared by the tests below.
class TrainedClassifier : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new TempFolder();
    model_path_ = folder_->File("site/moderation/model.bin");
    data_ = SyntheticCorpus(1, 180, 120, 60);
    // Training's own temp folder goes under ours, to check that it is removed.
    const char* old_tmpdir = std::getenv("TMPDIR");
    std::string saved = old_tmpdir ? old_tmpdir : "";
    fs::create_directories(folder_->File("tmp"));
    setenv("TMPDIR", folder_->File("tmp").c_str(), 1);
    train_status_ = TrainClassifier(data_, SmallOptions(), model_path_, &report_);
    if (old_tmpdir) {
      setenv("TMPDIR", saved.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }
  static void TearDownTestSuite() {
    delete folder_;
    folder_ = nullptr;
  }
  std::unique_ptr<ModerationClassifier> LoadIt() {
    std::unique_ptr<ModerationClassifier> c;
    Status st = ModerationClassifier::Load(model_path_, &c);
    EXPECT_TRUE(st.ok()) << st.message();
    return c;
  }

  static TempFolder* folder_;
  static std::string model_path_;
  static std::vector<LabeledComment> data_;
  static Status train_status_;
  static EvalReport report_;
};
TempFolder* TrainedClassifier::folder_ = nullptr;
std::string TrainedClassifier::model_path_;
std::vector<LabeledComment> TrainedClassifier::data_;
Status TrainedClassifier::train_status_;
EvalReport TrainedClassifier::report_;

TEST_F(TrainedClassifier, TrainsAndReportsOnAStratifiedHoldout) {
  ASSERT_TRUE(train_status_.ok()) << train_status_.message();
  EXPECT_TRUE(fs::exists(model_path_));  // parent folders were created
  EXPECT_EQ(report_.train + report_.test, data_.size());
  EXPECT_GT(report_.model_bytes, 0u);
  EXPECT_DOUBLE_EQ(report_.threshold, 0.5);
  EXPECT_GE(report_.f1, 0.95);
  EXPECT_GE(report_.precision, 0.9);
  EXPECT_GE(report_.recall, 0.9);
  EXPECT_EQ(report_.tp + report_.fp + report_.fn + report_.tn, report_.test);
  ASSERT_EQ(report_.per_label.size(), 3u);
  // Stratified: about 20% of each label.
  EXPECT_EQ(report_.per_label[0].name, "ok");
  EXPECT_NEAR(report_.per_label[0].support, 36, 2);
  EXPECT_EQ(report_.per_label[1].name, "offensive");
  EXPECT_NEAR(report_.per_label[1].support, 24, 2);
  EXPECT_EQ(report_.per_label[2].name, "hate");
  EXPECT_NEAR(report_.per_label[2].support, 12, 2);
  ASSERT_EQ(report_.per_target.size(), 2u);
  EXPECT_EQ(report_.per_target[0].name, "religion");
  EXPECT_EQ(report_.per_target[1].name, "origin");
  EXPECT_EQ(report_.fixed.size(), 7u);  // 0.3 … 0.9
  EXPECT_GT(report_.roc_auc, 0.9);
  // The training file and its folder are gone.
  EXPECT_TRUE(fs::is_empty(folder_->File("tmp")));
}

TEST_F(TrainedClassifier, ScoresHeldOutInsultsHighAndNeutralTextLow) {
  auto c = LoadIt();
  ASSERT_TRUE(c);
  // Lines that are not in the corpus, some written to dodge a word list.
  for (const char* insult : {"انت غبي وحمار", "يا حقير يا تافه", "هذا كلب وسخ",
                             "انت غـــبـــيييييي", "يا حِمَارْ", "منحططططط وجاهل"}) {
    ClassifierScores s = c->Score(insult);
    EXPECT_GT(s.not_ok, 0.8) << insult;
    EXPECT_GT(s.offensive, s.hate) << insult;
  }
  for (const char* neutral : {"أعلنت الحكومة الميزانية اليوم", "زار الرئيس الجامعة",
                              "نشر التقرير عن السوق", "افتتح المشروع في المدينة"}) {
    ClassifierScores s = c->Score(neutral);
    EXPECT_LT(s.not_ok, 0.2) << neutral;
  }
  ClassifierScores h = c->Score("اطردوهم الدخلاء عنصرية");
  EXPECT_GT(h.not_ok, 0.8);
  EXPECT_GT(h.hate, h.offensive);
  // Probabilities add up.
  ClassifierScores s = c->Score("انت غبي");
  EXPECT_NEAR(s.offensive + s.hate, s.not_ok, 1e-4);
  // Empty text.
  ClassifierScores e = c->Score("   ");
  EXPECT_EQ(e.not_ok, 0);
  EXPECT_FALSE(c->quantized());
}

TEST_F(TrainedClassifier, ScoreIsThreadSafe) {
  auto c = LoadIt();
  ASSERT_TRUE(c);
  std::vector<std::string> texts;
  for (const LabeledComment& d : data_) texts.push_back(d.text);
  std::vector<double> expected;
  for (const std::string& t : texts) expected.push_back(c->Score(t).not_ok);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < 5; ++round)
        for (size_t i = 0; i < texts.size(); ++i)
          if (c->Score(texts[i]).not_ok != expected[i]) ++mismatches[k];
    });
  }
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST_F(TrainedClassifier, EvaluateMatchesTheTrainingReport) {
  auto c = LoadIt();
  ASSERT_TRUE(c);
  std::vector<size_t> train, test;
  SplitHoldout(data_, 0.2, 7, {}, &train, &test);
  std::vector<LabeledComment> held;
  for (size_t i : test) held.push_back(data_[i]);
  EvalReport r;
  ASSERT_TRUE(Evaluate(*c, held, &r).ok());
  EXPECT_EQ(r.test, report_.test);
  EXPECT_EQ(r.tp, report_.tp);
  EXPECT_EQ(r.fp, report_.fp);
  EXPECT_DOUBLE_EQ(r.f1, report_.f1);
}

TEST(TrainClassifier, IsDeterministicWithOneThread) {
  TempFolder folder;
  auto data = SyntheticCorpus(3, 80, 60, 0);
  TrainOptions o = SmallOptions();
  o.epochs = 10;
  EvalReport a, b;
  ASSERT_TRUE(TrainClassifier(data, o, folder.File("a.bin"), &a).ok());
  ASSERT_TRUE(TrainClassifier(data, o, folder.File("b.bin"), &b).ok());
  EXPECT_EQ(ReadFile(folder.File("a.bin")), ReadFile(folder.File("b.bin")));
  EXPECT_EQ(a.tp, b.tp);
  EXPECT_EQ(a.fp, b.fp);
}

TEST(TrainClassifier, QuantizedModelLoadsAndScores) {
  TempFolder folder;
  auto data = SyntheticCorpus(4, 120, 80, 0);
  TrainOptions o = SmallOptions();
  o.quantize = true;
  o.quantize_cutoff = 0;  // every row, even of a model this small
  o.bucket = 2000;        // quantizing trains k-means over every row: keep it small
  EvalReport r;
  Status st = TrainClassifier(data, o, folder.File("q.bin"), &r);
  ASSERT_TRUE(st.ok()) << st.message();
  std::unique_ptr<ModerationClassifier> c;
  st = ModerationClassifier::Load(folder.File("q.bin"), &c);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(c->quantized());
  EXPECT_GT(c->Score("انت غبي وحمار").not_ok, 0.5);
}

TEST(TrainClassifier, DefaultsMakeASmallModelOfASmallCorpus) {
  TempFolder folder;
  auto data = SyntheticCorpus(5, 150, 100, 0);
  EvalReport r;
  Status st = TrainClassifier(data, TrainOptions{}, folder.File("d.bin"), &r);
  ASSERT_TRUE(st.ok()) << st.message();
  // Buckets scale down with the text (~1,700 tokens: the floor of 10,000), and a
  // model that small is not quantized.
  EXPECT_LT(r.model_bytes, 8u * 1000 * 1000);
  std::unique_ptr<ModerationClassifier> c;
  ASSERT_TRUE(ModerationClassifier::Load(folder.File("d.bin"), &c).ok());
  EXPECT_FALSE(c->quantized());
  EXPECT_GT(c->Score("انت غبي وحمار").not_ok, 0.5);
}

TEST(TrainClassifier, RefusesBadInput) {
  TempFolder folder;
  EvalReport r;
  std::vector<LabeledComment> only_ok = {{"نص", "ok", "", ""}, {"نص اخر", "ok", "", ""}};
  EXPECT_TRUE(TrainClassifier(only_ok, SmallOptions(), folder.File("m.bin"), &r).IsInvalid());
  std::vector<LabeledComment> unknown = {{"نص", "ok", "", ""}, {"نص", "spam", "", ""}};
  EXPECT_TRUE(TrainClassifier(unknown, SmallOptions(), folder.File("m.bin"), &r).IsInvalid());
  TrainOptions o = SmallOptions();
  o.epochs = 0;
  EXPECT_TRUE(TrainClassifier(SyntheticCorpus(1, 20, 20, 0), o, folder.File("m.bin"), &r).IsInvalid());
  EXPECT_FALSE(fs::exists(folder.File("m.bin")));
}

// --- Load errors ------------------------------------------------------------------

TEST(ModerationClassifierLoad, MissingFileIsNotFound) {
  std::unique_ptr<ModerationClassifier> c;
  Status st = ModerationClassifier::Load("/nonexistent/moderation/model.bin", &c);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_NE(st.message().find("/nonexistent/moderation/model.bin"), std::string::npos);
  EXPECT_FALSE(c);
}

TEST_F(TrainedClassifier, DamagedFilesAreInvalid) {
  ASSERT_TRUE(train_status_.ok());
  TempFolder folder;
  const std::string good = ReadFile(model_path_);
  ASSERT_GT(good.size(), 1000u);
  auto expect_invalid = [&](const std::string& bytes, const std::string& what) {
    std::string path = folder.File("bad.bin");
    WriteFile(path, bytes);
    std::unique_ptr<ModerationClassifier> c;
    Status st = ModerationClassifier::Load(path, &c);
    EXPECT_TRUE(st.IsInvalid()) << what << ": " << st.message();
    EXPECT_NE(st.message().find("not a classifier model"), std::string::npos) << st.message();
    EXPECT_FALSE(c) << what;
  };
  expect_invalid("", "empty");
  expect_invalid("this is not a model at all, just some text\n", "text");
  std::mt19937 rng(5);
  std::string noise(4096, '\0');
  for (char& ch : noise) ch = static_cast<char>(rng());
  expect_invalid(noise, "random bytes");
  // Cut at many places: in the settings, the dictionary, the matrices.
  for (size_t cut : {size_t{6}, size_t{40}, size_t{100}, size_t{300}, good.size() / 3,
                     good.size() / 2, good.size() - 1})
    expect_invalid(good.substr(0, cut), "truncated at " + std::to_string(cut));
  expect_invalid(good + "extra", "trailing bytes");
  std::string huge_dim = good;
  huge_dim[8] = '\xFF';  // dim, the first setting after magic and version
  huge_dim[9] = '\xFF';
  huge_dim[10] = '\xFF';
  huge_dim[11] = '\x7F';
  expect_invalid(huge_dim, "huge dim");
  std::string other_version = good;
  other_version[4] = 11;
  expect_invalid(other_version, "version 11");
}

// --- ReadLabeledJsonl ---------------------------------------------------------------

TEST(ReadLabeledJsonl, SkipsAndCountsBadLines) {
  TempFolder folder;
  std::string path = folder.File("data.jsonl");
  WriteFile(path,
            "{\"text\": \"كلام عادي\", \"label\": \"ok\", \"dataset\": \"a\"}\n"
            "{\"text\": \"يا غبي\", \"label\": \"offensive\", \"dataset\": \"b\", \"target\": null}\r\n"
            "\n"
            "   \n"
            "{\"text\": \"كراهية\", \"label\": \"hate\", \"target\": \"religion\"}\n"
            "not json at all\n"
            "{\"text\": \"بلا تصنيف\"}\n"
            "{\"text\": \"تصنيف غريب\", \"label\": \"spam\"}\n"
            "{\"text\": 42, \"label\": \"ok\"}\n"
            "{\"text\": \"   \", \"label\": \"ok\"}\n"
            "{\"text\": \"هدف رقم\", \"label\": \"ok\", \"target\": 3}\n"
            "[\"text\", \"ok\"]\n"
            "{\"text\": \"\xFF\xFE\", \"label\": \"ok\"}\n"
            "{\"text\": \"مقطوع\", \"label\": \"o\n"
            "{\"text\": \"آخر سطر\", \"label\": \"ok\"}");  // no final newline
  std::vector<LabeledComment> out = {{"كان هنا", "ok", "", ""}};  // appended to
  size_t skipped = 99;
  Status st = ReadLabeledJsonl(path, &out, &skipped);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(skipped, 9u);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[1].text, "كلام عادي");
  EXPECT_EQ(out[1].dataset, "a");
  EXPECT_EQ(out[2].label, "offensive");
  EXPECT_EQ(out[2].target, "");
  EXPECT_EQ(out[3].label, "hate");
  EXPECT_EQ(out[3].target, "religion");
  EXPECT_EQ(out[3].dataset, "");
  EXPECT_EQ(out[4].text, "آخر سطر");
}

TEST(ReadLabeledJsonl, MissingFileOrAFolderIsAnError) {
  std::vector<LabeledComment> out;
  EXPECT_TRUE(ReadLabeledJsonl("/nonexistent/train.jsonl", &out).IsNotFound());
  TempFolder folder;
  fs::create_directories(folder.File("dir.jsonl"));
  Status st = ReadLabeledJsonl(folder.File("dir.jsonl"), &out);
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(st.IsNotFound());
  EXPECT_TRUE(out.empty());
}

// --- Split and metrics -----------------------------------------------------------------

TEST(SplitHoldout, StratifiedDeterministicAndKeepsRepeatsTogether) {
  auto data = SyntheticCorpus(9, 200, 100, 50);
  // The same comment three times, spelled differently (same ClassifierText).
  data.push_back({"هذا نص مكرر", "ok", "", ""});
  data.push_back({"هذا نصّ مكرّر", "ok", "", ""});
  data.push_back({"هـذا نص مكرر", "ok", "", ""});
  std::vector<size_t> train, test, train2, test2;
  SplitHoldout(data, 0.1, 42, {}, &train, &test);
  SplitHoldout(data, 0.1, 42, {}, &train2, &test2);
  EXPECT_EQ(test, test2);
  EXPECT_EQ(train.size() + test.size(), data.size());
  size_t ok = 0, off = 0, hate = 0;
  for (size_t i : test) (data[i].label == "ok" ? ok : data[i].label == "offensive" ? off : hate)++;
  // Repeated synthetic lines make groups, so shares are near, not exact.
  EXPECT_NEAR(static_cast<double>(ok), 20, 4);
  EXPECT_NEAR(static_cast<double>(off), 10, 3);
  EXPECT_NEAR(static_cast<double>(hate), 5, 2);
  std::set<size_t> test_set(test.begin(), test.end());
  size_t n = data.size();
  bool a = test_set.count(n - 3), b = test_set.count(n - 2), c = test_set.count(n - 1);
  EXPECT_EQ(a, b);
  EXPECT_EQ(b, c);
  SplitHoldout(data, 0.1, 43, {}, &train2, &test2);
  EXPECT_NE(test, test2);
}

TEST(EvaluateScores, CountsAtThresholds) {
  std::vector<LabeledComment> data = {
      {"a", "ok", "", ""},        {"b", "ok", "", ""},         {"c", "offensive", "", ""},
      {"d", "offensive", "", "gender"}, {"e", "hate", "", "religion"}, {"f", "ok", "", ""}};
  std::vector<ClassifierScores> scores = {
      {0.05, 0.05, 0.10}, {0.30, 0.10, 0.40}, {0.80, 0.10, 0.90},
      {0.25, 0.10, 0.35}, {0.20, 0.70, 0.90}, {0.60, 0.05, 0.65}};
  EvalReport r = EvaluateScores(data, scores, 0.5);
  EXPECT_EQ(r.test, 6u);
  EXPECT_EQ(r.tp, 2u);  // c, e
  EXPECT_EQ(r.fp, 1u);  // f
  EXPECT_EQ(r.fn, 1u);  // d
  EXPECT_EQ(r.tn, 2u);
  EXPECT_NEAR(r.precision, 2.0 / 3, 1e-9);
  EXPECT_NEAR(r.recall, 2.0 / 3, 1e-9);
  EXPECT_NEAR(r.f1, 2.0 / 3, 1e-9);
  ASSERT_EQ(r.per_label.size(), 3u);
  EXPECT_EQ(r.per_label[0].flagged, 1u);  // f: the false-positive rate of ok is 1/3
  EXPECT_EQ(r.per_label[2].name, "hate");
  EXPECT_DOUBLE_EQ(r.per_label[2].recall, 1.0);  // e's highest probability is hate
  ASSERT_EQ(r.per_target.size(), 2u);
  EXPECT_EQ(r.per_target[0].name, "religion");
  EXPECT_DOUBLE_EQ(r.per_target[0].flagged_share, 1.0);
  EXPECT_EQ(r.per_target[1].name, "gender");
  EXPECT_DOUBLE_EQ(r.per_target[1].flagged_share, 0.0);
  // At 0.35 d is caught, and b too: 5 flagged, 3 right.
  ThresholdPoint p = NotOkAt(data, scores, 0.35);
  EXPECT_EQ(p.tp, 3u);
  EXPECT_EQ(p.fp, 2u);  // b (0.40) and f
  EXPECT_NEAR(p.f1, 0.75, 1e-9);
  // Above f's 0.65 only c and e are flagged: P 1, R 2/3, F1 0.8, the best;
  // of the thresholds that reach it, the highest (0.90) is chosen.
  ThresholdPoint best = BestNotOkThreshold(data, scores);
  EXPECT_NEAR(best.f1, 0.8, 1e-9);
  EXPECT_NEAR(best.threshold, 0.90, 1e-9);
  EXPECT_EQ(best.tp, 2u);
  EXPECT_EQ(best.fp, 0u);
  // Of the 3 × 3 (not ok, ok) pairs, the not-ok comment scores higher in all
  // but d (0.35) under b (0.40) and f (0.65): 7 of 9.
  EXPECT_NEAR(r.roc_auc, 7.0 / 9, 1e-9);
  ASSERT_EQ(r.fixed.size(), 7u);
  EXPECT_NEAR(r.fixed.back().threshold, 0.9, 1e-9);
  EXPECT_EQ(r.fixed.back().tp, 2u);  // c and e reach 0.9
}

TEST(NotOkRocAuc, TiesCountHalfAndOneClassIsZero) {
  std::vector<LabeledComment> data = {{"a", "ok", "", ""}, {"b", "hate", "", ""},
                                      {"c", "ok", "", ""}, {"d", "offensive", "", ""}};
  std::vector<ClassifierScores> tied(4, ClassifierScores{0.2, 0.2, 0.4});
  EXPECT_NEAR(NotOkRocAuc(data, tied), 0.5, 1e-9);
  std::vector<ClassifierScores> perfect = {{0, 0, 0.1}, {0, 0, 0.7}, {0, 0, 0.2}, {0, 0, 0.6}};
  EXPECT_NEAR(NotOkRocAuc(data, perfect), 1.0, 1e-9);
  std::vector<ClassifierScores> inverted = {{0, 0, 0.9}, {0, 0, 0.1}, {0, 0, 0.8}, {0, 0, 0.2}};
  EXPECT_NEAR(NotOkRocAuc(data, inverted), 0.0, 1e-9);
  std::vector<LabeledComment> only_ok = {{"a", "ok", "", ""}, {"c", "ok", "", ""}};
  EXPECT_EQ(NotOkRocAuc(only_ok, perfect), 0.0);
}

}  // namespace
}  // namespace qalam
