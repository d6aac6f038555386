// The fastText comment classifier (moderation/classifier.h).
#include "moderation/classifier.h"

#include <fasttext/fasttext.h>
#include <stdlib.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "arabic/analyzer.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 3> kLabels = {"ok", "offensive", "hate"};
constexpr const char* kLabelPrefix = "__label__";

bool IsLabel(std::string_view label) {
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

// --- ClassifierText ----------------------------------------------------------

enum class Kind { kSpace, kLetter, kDigit, kSymbol, kDrop };

Kind KindOf(char32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return Kind::kDigit;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Kind::kLetter;
    if (c == ' ' || c == '_' || c < 0x20 || c == 0x7F) return Kind::kSpace;
    return Kind::kSymbol;
  }
  if (c >= 0x0621 && c <= 0x064A) return Kind::kLetter;  // the Arabic letters
  if (c == 0xFFFD || (c >= 0x1F3FB && c <= 0x1F3FF)) return Kind::kDrop;  // skin tones
  UChar32 u = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(u)) return Kind::kSpace;
  if (u_isdigit(u)) return Kind::kDigit;
  if (u_isalpha(u)) return Kind::kLetter;
  switch (u_charType(u)) {
    case U_NON_SPACING_MARK:  // Normalize() drops marks; anything left is noise
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
    case U_CONTROL_CHAR:
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return Kind::kDrop;
    default:
      return Kind::kSymbol;
  }
}

// Decodes well-formed UTF-8 (Normalize()'s output); a stray byte is U+FFFD.
size_t DecodeAt(std::string_view s, size_t i, char32_t* c) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    *c = 0xFFFD;
    return i + 1;
  }
  char32_t v = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) {
      *c = 0xFFFD;
      return i + 1;
    }
    v = (v << 6) | (t & 0x3F);
  }
  *c = v;
  return i + len;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// The number of c in a row from *end on, plus the one before it; *end moves
// past them.
size_t RunLength(std::string_view s, char32_t c, size_t* end) {
  size_t count = 1;
  while (*end < s.size()) {
    char32_t d;
    size_t after = DecodeAt(s, *end, &d);
    if (d != c) break;
    ++count;
    *end = after;
  }
  return count;
}

// How many of a run of count to keep: runs of 3 or more are cut to max.
size_t Kept(size_t count, int max_repeat) {
  return count >= 3 ? std::min(count, static_cast<size_t>(max_repeat)) : count;
}

// A character that may continue an @mention (letters, digits, _ and .).
bool MentionChar(std::string_view s, size_t i, size_t* next) {
  char32_t c;
  *next = DecodeAt(s, i, &c);
  Kind k = KindOf(c);
  return k == Kind::kLetter || k == Kind::kDigit || c == '_' || c == '.';
}

// --- Model file check ----------------------------------------------------------
//
// fastText's loader trusts the file: a truncated dictionary makes it loop
// forever (in.get() at EOF is never 0), a size field it reads from a damaged
// file can make it allocate gigabytes, and n-gram settings without buckets
// divide by zero. So the layout (fastText 0.9, file version 12) is walked
// first, with every size checked against what the file holds.

constexpr int32_t kFastTextMagic = 793712314;
constexpr int32_t kFastTextVersion = 12;

class FileWalker {
 public:
  FileWalker(std::istream& in, uint64_t size) : in_(in), size_(size) {}
  template <class T>
  bool Read(T* v) {
    if (sizeof(T) > size_ - pos_) return false;
    in_.read(reinterpret_cast<char*>(v), sizeof(T));
    if (!in_) return false;
    pos_ += sizeof(T);
    return true;
  }
  bool Skip(uint64_t n) {
    if (n > size_ - pos_) return false;
    in_.seekg(static_cast<std::streamoff>(n), std::ios::cur);
    if (!in_) return false;
    pos_ += n;
    return true;
  }
  // A NUL-terminated string of at most max bytes.
  bool ReadCString(std::string* s, size_t max) {
    s->clear();
    while (pos_ < size_) {
      int c = in_.get();
      if (c == std::char_traits<char>::eof()) return false;
      ++pos_;
      if (c == 0) return true;
      if (s->size() >= max) return false;
      s->push_back(static_cast<char>(c));
    }
    return false;
  }
  uint64_t remaining() const { return size_ - pos_; }

 private:
  std::istream& in_;
  uint64_t size_;
  uint64_t pos_ = 0;
};

// Checked rows × cols × 4 bytes.
bool MatrixBytes(int64_t m, int64_t n, uint64_t* bytes) {
  if (m < 0 || n < 0) return false;
  if (n != 0 && static_cast<uint64_t>(m) > (UINT64_MAX / 4) / static_cast<uint64_t>(n)) return false;
  *bytes = static_cast<uint64_t>(m) * static_cast<uint64_t>(n) * 4;
  return true;
}

// Walks a QuantMatrix (quantmatrix.cc): qnorm, m, n, codes, a product
// quantizer, and with qnorm the norm codes and their quantizer.
std::string WalkQuantMatrix(FileWalker& w, int64_t expect_rows_max, int32_t dim) {
  bool qnorm;
  int64_t m, n;
  int32_t codesize;
  uint8_t qnorm_byte;
  if (!w.Read(&qnorm_byte) || !w.Read(&m) || !w.Read(&n) || !w.Read(&codesize))
    return "truncated in a quantized matrix";
  if (qnorm_byte > 1) return "a damaged quantized matrix";
  qnorm = qnorm_byte == 1;
  if (m < 0 || m > expect_rows_max || n != dim || codesize < 0)
    return "a quantized matrix of the wrong size";
  if (!w.Skip(static_cast<uint64_t>(codesize))) return "truncated in a quantized matrix";
  auto walk_pq = [&w](int32_t* pq_dim, int32_t* nsubq) -> bool {
    int32_t dsub, lastdsub;
    if (!w.Read(pq_dim) || !w.Read(nsubq) || !w.Read(&dsub) || !w.Read(&lastdsub)) return false;
    if (*pq_dim <= 0 || *pq_dim > 100000 || *nsubq <= 0 || dsub <= 0 || lastdsub <= 0) return false;
    return w.Skip(static_cast<uint64_t>(*pq_dim) * 256 * 4);
  };
  int32_t pq_dim, nsubq;
  if (!walk_pq(&pq_dim, &nsubq) || pq_dim != dim) return "a damaged product quantizer";
  if (static_cast<int64_t>(codesize) != m * nsubq) return "a quantized matrix of the wrong size";
  if (qnorm) {
    if (!w.Skip(static_cast<uint64_t>(m))) return "truncated in a quantized matrix";
    int32_t npq_dim, nnsubq;
    if (!walk_pq(&npq_dim, &nnsubq)) return "a damaged product quantizer";
  }
  return "";
}

std::string WalkDenseMatrix(FileWalker& w, int64_t expect_rows, int32_t dim) {
  int64_t m, n;
  if (!w.Read(&m) || !w.Read(&n)) return "truncated in a matrix";
  uint64_t bytes;
  if (m != expect_rows || n != dim || !MatrixBytes(m, n, &bytes))
    return "a matrix of the wrong size";
  if (!w.Skip(bytes)) return "truncated in a matrix";
  return "";
}

// Returns "" when the file is a whole fastText supervised model, else what is
// wrong; *labels gets the label strings.
std::string WalkModelFile(std::istream& in, uint64_t size, std::vector<std::string>* labels) {
  FileWalker w(in, size);
  int32_t magic, version;
  if (!w.Read(&magic) || magic != kFastTextMagic) return "not a fastText model";
  if (!w.Read(&version)) return "truncated";
  if (version != kFastTextVersion)
    return "fastText model version " + std::to_string(version) + ", expected " +
           std::to_string(kFastTextVersion);
  // Args (args.cc): 12 ints and a double.
  int32_t dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_update;
  double t;
  for (int32_t* v : {&dim, &ws, &epoch, &min_count, &neg, &word_ngrams, &loss, &model, &bucket,
                     &minn, &maxn, &lr_update}) {
    if (!w.Read(v)) return "truncated in its settings";
  }
  if (!w.Read(&t)) return "truncated in its settings";
  if (model != static_cast<int32_t>(fasttext::model_name::sup))
    return "not a supervised (classification) model";
  if (dim <= 0 || dim > 10000 || loss < 1 || loss > 4 || word_ngrams < 1 || word_ngrams > 100 ||
      bucket < 0 || minn < 0 || maxn < 0 || maxn > 100 || (maxn > 0 && (minn < 1 || minn > maxn)) ||
      ((maxn > 0 || word_ngrams > 1) && bucket == 0))
    return "damaged settings";
  // Dictionary (dictionary.cc).
  int32_t dsize, nwords, nlabels;
  int64_t ntokens, pruneidx_size;
  if (!w.Read(&dsize) || !w.Read(&nwords) || !w.Read(&nlabels) || !w.Read(&ntokens) ||
      !w.Read(&pruneidx_size))
    return "truncated in its dictionary";
  if (dsize < 1 || nwords < 0 || nlabels < 1 || static_cast<int64_t>(nwords) + nlabels != dsize ||
      static_cast<uint64_t>(dsize) * 10 > w.remaining() || pruneidx_size < -1 ||
      (pruneidx_size > 0 && static_cast<uint64_t>(pruneidx_size) * 8 > w.remaining()))
    return "a damaged dictionary";
  std::string word;
  labels->clear();
  for (int32_t i = 0; i < dsize; ++i) {
    int64_t count;
    int8_t type;
    if (!w.ReadCString(&word, 1 << 20) || !w.Read(&count) || !w.Read(&type))
      return "truncated in its dictionary";
    if (type != (i < nwords ? 0 : 1)) return "a damaged dictionary";
    if (type == 1) labels->push_back(word);
  }
  if (pruneidx_size > 0 && !w.Skip(static_cast<uint64_t>(pruneidx_size) * 8))
    return "truncated in its dictionary";
  // Input matrix: dense, (words + buckets) × dim, or quantized.
  uint8_t quant;
  if (!w.Read(&quant) || quant > 1) return "truncated or damaged after its dictionary";
  std::string err;
  int64_t rows = static_cast<int64_t>(nwords) + bucket;
  if (quant) {
    err = WalkQuantMatrix(w, rows, dim);
  } else {
    if (pruneidx_size >= 0) return "a pruned dictionary without quantization";
    err = WalkDenseMatrix(w, rows, dim);
  }
  if (!err.empty()) return err;
  // Output matrix: labels × dim, quantized only when the input is and qout.
  uint8_t qout;
  if (!w.Read(&qout) || qout > 1) return "truncated or damaged after its input matrix";
  err = quant && qout ? WalkQuantMatrix(w, nlabels, dim) : WalkDenseMatrix(w, nlabels, dim);
  if (!err.empty()) return err;
  if (w.remaining() != 0) return "unexpected bytes after the model";
  return "";
}

// --- Splits and metrics ----------------------------------------------------------

double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void FillPoint(ThresholdPoint* p) {
  p->precision = Ratio(static_cast<double>(p->tp), static_cast<double>(p->tp + p->fp));
  p->recall = Ratio(static_cast<double>(p->tp), static_cast<double>(p->tp + p->fn));
  p->f1 = F1(p->precision, p->recall);
}

// Deterministic on every platform (std::shuffle's algorithm is not specified).
template <class T>
void Shuffle(std::vector<T>* v, std::mt19937* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

void SplitPreprocessed(const std::vector<LabeledComment>& data,
                       const std::vector<std::string>& texts, double holdout_share, uint32_t seed,
                       std::vector<size_t>* train, std::vector<size_t>* test) {
  train->clear();
  test->clear();
  // Groups of equal preprocessed text, in order of first occurrence; a group
  // is stratified by its first comment's label and goes to one side whole.
  std::unordered_map<std::string_view, size_t> group_of;
  std::vector<std::vector<size_t>> groups;
  for (size_t i = 0; i < data.size(); ++i) {
    auto [it, fresh] = group_of.try_emplace(texts[i], groups.size());
    if (fresh) groups.emplace_back();
    groups[it->second].push_back(i);
  }
  std::vector<bool> in_test(data.size(), false);
  std::mt19937 rng(seed);
  for (const char* label : kLabels) {
    std::vector<size_t> ids;
    for (size_t g = 0; g < groups.size(); ++g)
      if (data[groups[g][0]].label == label) ids.push_back(g);
    Shuffle(&ids, &rng);
    size_t n = static_cast<size_t>(std::floor(holdout_share * static_cast<double>(ids.size()) + 0.5));
    if (holdout_share > 0 && ids.size() >= 2) n = std::clamp<size_t>(n, 1, ids.size() - 1);
    n = std::min(n, ids.size());
    for (size_t k = 0; k < n; ++k)
      for (size_t i : groups[ids[k]]) in_test[i] = true;
  }
  for (size_t i = 0; i < data.size(); ++i) (in_test[i] ? test : train)->push_back(i);
}

// A folder under the system's temp folder, removed with this object.
class TempDir {
 public:
  Status Create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string tmpl = (base / "qalam-moderation-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) return Status::Io("cannot create a temporary folder in " + base.string());
    path_ = tmpl;
    return Status::Ok();
  }
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

// --- Data ------------------------------------------------------------------------

Status ReadLabeledJsonl(const std::string& path, std::vector<LabeledComment>* out,
                        size_t* skipped) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
  if (fs::is_directory(path, ec)) return Status::Io(path + ": is a folder, not a JSON-lines file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot be read");
  size_t bad = 0;
  std::string line;
  auto optional_string = [](const nlohmann::json& j, const char* key, std::string* v) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    *v = it->get<std::string>();
    return true;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    LabeledComment c;
    if (j.is_discarded() || !j.is_object()) {
      ++bad;
      continue;
    }
    auto text = j.find("text");
    auto label = j.find("label");
    if (text == j.end() || !text->is_string() || label == j.end() || !label->is_string()) {
      ++bad;
      continue;
    }
    c.text = text->get<std::string>();
    c.label = label->get<std::string>();
    if (c.text.find_first_not_of(" \t\r\n") == std::string::npos || !IsLabel(c.label) ||
        !optional_string(j, "dataset", &c.dataset) || !optional_string(j, "target", &c.target)) {
      ++bad;
      continue;
    }
    out->push_back(std::move(c));
  }
  if (in.bad()) return Status::Io(path + ": read error");
  if (skipped) *skipped = bad;
  return Status::Ok();
}

// --- ClassifierText --------------------------------------------------------------

std::string ClassifierText(std::string_view text) { return ClassifierText(text, {}); }

std::string ClassifierText(std::string_view text, const ClassifierTextOptions& options) {
  const int max_repeat = std::max(1, options.max_repeat);
  const std::string norm = arabic::Normalize(text);
  std::string out;
  out.reserve(norm.size() + norm.size() / 4 + 8);
  bool in_token = false;  // out ends inside a word (letters and digits)
  bool last_digit = false;
  auto boundary = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
    in_token = false;
    last_digit = false;
  };
  auto whole_token = [&](std::string_view t) {
    boundary();
    out.append(t);
    boundary();
  };
  auto append = [&out](std::string_view s, size_t from, size_t to) {
    out.append(s.data() + from, to - from);
  };
  size_t i = 0;
  while (i < norm.size()) {
    std::string_view rest(norm.data() + i, norm.size() - i);
    if (!in_token &&
        (StartsWith(rest, "http://") || StartsWith(rest, "https://") || StartsWith(rest, "www."))) {
      whole_token("url");
      while (i < norm.size()) {
        char32_t c;
        size_t next = DecodeAt(norm, i, &c);
        if (KindOf(c) == Kind::kSpace) break;
        i = next;
      }
      continue;
    }
    if (rest[0] == '@' && rest.size() > 1) {
      size_t next;
      if (MentionChar(norm, i + 1, &next)) {
        whole_token("@user");
        i = next;
        while (i < norm.size() && MentionChar(norm, i, &next)) i = next;
        continue;
      }
    }
    if (rest[0] == '<' && StartsWith(rest, "<lf>")) {
      boundary();
      i += 4;
      continue;
    }
    char32_t c;
    size_t next = DecodeAt(norm, i, &c);
    switch (KindOf(c)) {
      case Kind::kDrop:
        break;
      case Kind::kSpace:
        boundary();
        break;
      case Kind::kDigit:
        if (!in_token) boundary();
        append(norm, i, next);
        in_token = true;
        last_digit = true;
        break;
      case Kind::kLetter: {
        if (!in_token) boundary();
        size_t end = next;
        size_t count = RunLength(norm, c, &end);
        for (size_t k = 0; k < Kept(count, max_repeat); ++k) append(norm, i, next);
        in_token = true;
        last_digit = false;
        next = end;
        break;
      }
      case Kind::kSymbol: {
        // 3.5 and 1,000 stay whole (Normalize keeps their separators).
        if ((c == '.' || c == ',') && in_token && last_digit && next < norm.size() &&
            norm[next] >= '0' && norm[next] <= '9') {
          append(norm, i, next);
          last_digit = false;
          break;
        }
        size_t end = next;
        size_t count = RunLength(norm, c, &end);
        for (size_t k = 0; k < Kept(count, max_repeat); ++k) {
          boundary();
          append(norm, i, next);
        }
        boundary();
        next = end;
        break;
      }
    }
    i = next;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// --- ModerationClassifier -----------------------------------------------------------

ModerationClassifier::ModerationClassifier() = default;
ModerationClassifier::~ModerationClassifier() = default;

bool ModerationClassifier::quantized() const { return ft_->isQuant(); }

Status ModerationClassifier::Load(const std::string& path,
                                  std::unique_ptr<ModerationClassifier>* out,
                                  const ClassifierTextOptions& text) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no classifier model");
  uint64_t size = fs::file_size(path, ec);
  if (ec) return Status::Io(path + ": " + ec.message());
  std::vector<std::string> labels;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Io(path + ": cannot be read");
    std::string err = WalkModelFile(in, size, &labels);
    if (!err.empty()) return Status::Invalid(path + ": not a classifier model (" + err + ")");
  }
  auto c = std::unique_ptr<ModerationClassifier>(new ModerationClassifier());
  c->text_ = text;
  c->ft_ = std::make_unique<fasttext::FastText>();
  try {
    c->ft_->loadModel(path);
  } catch (const std::exception& e) {
    return Status::Invalid(path + ": not a classifier model (" + e.what() + ")");
  }
  c->nlabels_ = static_cast<int32_t>(labels.size());
  for (int32_t i = 0; i < c->nlabels_; ++i) {
    const std::string& l = labels[static_cast<size_t>(i)];
    if (l == std::string(kLabelPrefix) + "ok") c->ok_ = i;
    if (l == std::string(kLabelPrefix) + "offensive") c->offensive_ = i;
    if (l == std::string(kLabelPrefix) + "hate") c->hate_ = i;
  }
  if (c->ok_ < 0 || (c->offensive_ < 0 && c->hate_ < 0))
    return Status::Invalid(path + ": not a classifier model (it lacks the labels ok and offensive or hate)");
  if (Status st = ReadModelCard(ModelCardPath(path), &c->card_); !st.ok() && !st.IsNotFound()) return st;
  *out = std::move(c);
  return Status::Ok();
}

ClassifierScores ModerationClassifier::Score(std::string_view text) const {
  return ScorePreprocessed(ClassifierText(text, text_));
}

ClassifierScores ModerationClassifier::ScorePreprocessed(std::string_view classifier_text) const {
  ClassifierScores s;
  if (classifier_text.empty()) return s;
  // fastText reads words from a stream; the newline ends the line (its </s>
  // token, as in training).
  std::string line;
  line.reserve(classifier_text.size() + 1);
  line.append(classifier_text);
  line.push_back('\n');
  std::istringstream in(std::move(line));
  std::vector<int32_t> words, labels;
  fasttext::Predictions predictions;
  try {
    ft_->getDictionary()->getLine(in, words, labels);
    ft_->predict(nlabels_, words, predictions, 0.0);
  } catch (const std::exception&) {
    return s;
  }
  double ok = 0;
  for (const auto& [log_p, id] : predictions) {
    double p = std::exp(static_cast<double>(log_p));
    if (id == ok_) ok = p;
    if (id == offensive_) s.offensive = p;
    if (id == hate_) s.hate = p;
  }
  s.not_ok = std::clamp(1.0 - ok, 0.0, 1.0);
  return s;
}

// --- Training and evaluation ------------------------------------------------------

void SplitHoldout(const std::vector<LabeledComment>& data, double holdout_share, uint32_t seed,
                  const ClassifierTextOptions& text, std::vector<size_t>* train,
                  std::vector<size_t>* test) {
  std::vector<std::string> texts;
  texts.reserve(data.size());
  for (const LabeledComment& c : data) texts.push_back(ClassifierText(c.text, text));
  SplitPreprocessed(data, texts, holdout_share, seed, train, test);
}

ThresholdPoint NotOkAt(const std::vector<LabeledComment>& data,
                       const std::vector<ClassifierScores>& scores, double threshold) {
  ThresholdPoint p;
  p.threshold = threshold;
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i) {
    bool gold = data[i].label != "ok";
    bool flagged = scores[i].not_ok >= threshold;
    if (gold && flagged) ++p.tp;
    if (!gold && flagged) ++p.fp;
    if (gold && !flagged) ++p.fn;
    if (!gold && !flagged) ++p.tn;
  }
  FillPoint(&p);
  return p;
}

ThresholdPoint BestNotOkThreshold(const std::vector<LabeledComment>& data,
                                  const std::vector<ClassifierScores>& scores) {
  // One pass per threshold would be 91 passes; bucket the scores instead.
  constexpr int kSteps = 91;  // 0.05 … 0.95
  std::array<size_t, kSteps + 1> pos{}, neg{};  // comments whose score reaches step k (first k)
  size_t total_pos = 0, total_neg = 0;
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i) {
    bool gold = data[i].label != "ok";
    (gold ? total_pos : total_neg)++;
    // Highest step k with 0.05 + 0.01 k <= score (rounded to avoid 0.3 < 0.3).
    double x = (scores[i].not_ok - 0.05) * 100.0 + 1e-9;
    if (x < 0) continue;
    int k = std::min(kSteps - 1, static_cast<int>(std::floor(x)));
    (gold ? pos : neg)[static_cast<size_t>(k)]++;
  }
  ThresholdPoint best;
  best.threshold = 0.5;
  bool have = false;
  size_t tp = 0, fp = 0;
  for (int k = kSteps - 1; k >= 0; --k) {  // from the highest threshold down
    tp += pos[static_cast<size_t>(k)];
    fp += neg[static_cast<size_t>(k)];
    ThresholdPoint p;
    p.threshold = std::round((0.05 + 0.01 * k) * 100.0) / 100.0;
    p.tp = tp;
    p.fp = fp;
    p.fn = total_pos - tp;
    p.tn = total_neg - fp;
    FillPoint(&p);
    if (!have || p.f1 > best.f1 + 1e-12) {
      best = p;
      have = true;
    }
  }
  return best;
}

double NotOkRocAuc(const std::vector<LabeledComment>& data,
                   const std::vector<ClassifierScores>& scores) {
  // Mann-Whitney: sort by score; each not-ok comment counts the ok comments
  // below it, plus half of those tied with it.
  std::vector<std::pair<double, bool>> v;  // (not_ok, gold not ok)
  for (size_t i = 0; i < data.size() && i < scores.size(); ++i)
    v.emplace_back(scores[i].not_ok, data[i].label != "ok");
  std::sort(v.begin(), v.end());
  double pairs_won = 0;
  size_t neg_below = 0, pos = 0, neg = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i, tied_pos = 0, tied_neg = 0;
    for (; j < v.size() && v[j].first == v[i].first; ++j) (v[j].second ? tied_pos : tied_neg)++;
    pairs_won += static_cast<double>(tied_pos) *
                 (static_cast<double>(neg_below) + 0.5 * static_cast<double>(tied_neg));
    neg_below += tied_neg;
    pos += tied_pos;
    neg += tied_neg;
    i = j;
  }
  if (pos == 0 || neg == 0) return 0;
  return pairs_won / (static_cast<double>(pos) * static_cast<double>(neg));
}

EvalReport EvaluateScores(const std::vector<LabeledComment>& data,
                          const std::vector<ClassifierScores>& scores, double threshold) {
  EvalReport r;
  r.test = std::min(data.size(), scores.size());
  r.threshold = threshold;
  ThresholdPoint main = NotOkAt(data, scores, threshold);
  r.tp = main.tp;
  r.fp = main.fp;
  r.fn = main.fn;
  r.tn = main.tn;
  r.precision = main.precision;
  r.recall = main.recall;
  r.f1 = main.f1;
  for (double t : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) r.fixed.push_back(NotOkAt(data, scores, t));
  r.best = BestNotOkThreshold(data, scores);
  r.roc_auc = NotOkRocAuc(data, scores);

  // Per label: flagged share, and the three-way label (highest probability).
  for (const char* label : kLabels) {
    GroupStats g;
    g.name = label;
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < r.test; ++i) {
      const ClassifierScores& s = scores[i];
      double ok = 1.0 - s.not_ok;
      const char* predicted = ok >= s.offensive && ok >= s.hate ? "ok"
                              : s.offensive >= s.hate         ? "offensive"
                                                              : "hate";
      bool gold = data[i].label == label, pred = std::strcmp(predicted, label) == 0;
      if (gold) {
        ++g.support;
        if (s.not_ok >= threshold) ++g.flagged;
      }
      if (gold && pred) ++tp;
      if (!gold && pred) ++fp;
      if (gold && !pred) ++fn;
    }
    if (g.support == 0) continue;
    g.flagged_share = Ratio(static_cast<double>(g.flagged), static_cast<double>(g.support));
    g.precision = Ratio(static_cast<double>(tp), static_cast<double>(tp + fp));
    g.recall = Ratio(static_cast<double>(tp), static_cast<double>(tp + fn));
    g.f1 = F1(g.precision, g.recall);
    r.per_label.push_back(g);
  }
  // Per target: how many of the comments attacking it are flagged.
  for (const char* target : {"religion", "origin", "gender"}) {
    GroupStats g;
    g.name = target;
    for (size_t i = 0; i < r.test; ++i) {
      if (data[i].target != target) continue;
      ++g.support;
      if (scores[i].not_ok >= threshold) ++g.flagged;
    }
    if (g.support == 0) continue;
    g.flagged_share = Ratio(static_cast<double>(g.flagged), static_cast<double>(g.support));
    g.recall = g.flagged_share;
    r.per_target.push_back(g);
  }
  return r;
}

Status Evaluate(const ModerationClassifier& classifier, const std::vector<LabeledComment>& data,
                EvalReport* report, double threshold) {
  if (!report) return Status::Invalid("Evaluate: no report");
  std::vector<ClassifierScores> scores;
  scores.reserve(data.size());
  for (const LabeledComment& c : data) scores.push_back(classifier.Score(c.text));
  *report = EvaluateScores(data, scores, threshold);
  return Status::Ok();
}

Status TrainClassifier(const std::vector<LabeledComment>& data, const TrainOptions& options,
                       const std::string& model_out_path, EvalReport* report) {
  const auto started = std::chrono::steady_clock::now();
  if (options.epochs < 1 || options.lr <= 0 || options.dim < 1 || options.word_ngrams < 1 ||
      options.minn < 0 || options.maxn < 0 || (options.maxn > 0 && (options.minn < 1 || options.minn > options.maxn)) ||
      options.threads < 1 || options.bucket < 0 || options.min_count < 1 || options.quantize_cutoff < 0 ||
      !(options.holdout_share >= 0 && options.holdout_share < 1))
    return Status::Invalid("training options out of range");
  if ((options.maxn > 0 || options.word_ngrams > 1) && options.bucket == 0)
    return Status::Invalid("character or word n-grams need hash buckets (bucket > 0)");
  if (model_out_path.empty()) return Status::Invalid("no model path");
  for (const LabeledComment& c : data)
    if (!IsLabel(c.label)) return Status::Invalid("unknown label \"" + c.label + "\"");

  std::vector<std::string> texts;
  texts.reserve(data.size());
  for (const LabeledComment& c : data) texts.push_back(ClassifierText(c.text, options.text));
  std::vector<size_t> train, test;
  SplitPreprocessed(data, texts, options.holdout_share, options.seed, &train, &test);
  bool has_ok = false, has_not_ok = false;
  for (size_t i : train) (data[i].label == "ok" ? has_ok : has_not_ok) = true;
  if (!has_ok || !has_not_ok)
    return Status::Invalid("training needs comments labeled ok and offensive or hate");

  TempDir tmp;
  if (Status st = tmp.Create(); !st.ok()) return st;
  const std::string train_file = (tmp.path() / "train.txt").string();
  size_t tokens = 0;
  {
    // fastText reads the file in order and lowers the learning rate as it
    // goes, so the lines are shuffled (the data comes grouped by dataset).
    std::vector<size_t> order = train;
    std::mt19937 rng(options.seed ^ 0x9E3779B9u);
    Shuffle(&order, &rng);
    std::ofstream f(train_file, std::ios::binary);
    for (size_t i : order) {
      if (texts[i].empty()) continue;
      f << kLabelPrefix << data[i].label << ' ' << texts[i] << '\n';
      tokens += 1 + static_cast<size_t>(std::count(texts[i].begin(), texts[i].end(), ' '));
    }
    f.close();
    if (!f) return Status::Io("cannot write the training file in " + tmp.path().string());
  }

  fasttext::Args args;
  args.input = train_file;
  args.output = (tmp.path() / "model").string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.lr = options.lr;
  args.dim = options.dim;
  args.epoch = options.epochs;
  args.wordNgrams = options.word_ngrams;
  args.minn = options.maxn > 0 ? options.minn : 0;
  args.maxn = options.maxn;
  const size_t bucket = std::min(static_cast<size_t>(options.bucket), std::max<size_t>(10000, 4 * tokens));
  args.bucket = options.maxn > 0 || options.word_ngrams > 1 ? static_cast<int>(bucket) : 0;
  args.minCount = options.min_count;
  args.minCountLabel = 0;
  args.thread = options.threads;
  args.seed = static_cast<int>(options.seed & 0x7FFFFFFF);
  args.verbose = 0;
  fasttext::FastText ft;
  try {
    ft.train(args);
    const int64_t rows = static_cast<int64_t>(ft.getDictionary()->nwords()) + args.bucket;
    if (options.quantize && (options.quantize_cutoff == 0 || rows > options.quantize_cutoff)) {
      fasttext::Args q = args;
      q.qout = false;
      q.qnorm = true;
      q.cutoff = static_cast<size_t>(options.quantize_cutoff);
      q.retrain = options.quantize_cutoff > 0;
      q.dsub = 2;
      ft.quantize(q);
    }
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("fastText training failed: ") + e.what());
  }

  // Write beside the destination, then rename: a running site that reloads
  // never reads half a model.
  fs::path out(model_out_path);
  std::error_code ec;
  if (out.has_parent_path()) {
    fs::create_directories(out.parent_path(), ec);
    if (ec) return Status::Io(out.parent_path().string() + ": " + ec.message());
  }
  const std::string partial = model_out_path + ".partial-" + std::to_string(getpid());
  try {
    ft.saveModel(partial);
  } catch (const std::exception& e) {
    fs::remove(partial, ec);
    return Status::Io(std::string("cannot save the model: ") + e.what());
  }
  std::unique_ptr<ModerationClassifier> saved;
  if (Status st = ModerationClassifier::Load(partial, &saved, options.text); !st.ok()) {
    fs::remove(partial, ec);
    return Status::Io("the saved model does not read back (disk full?): " + st.message());
  }
  fs::rename(partial, out, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Io(model_out_path + ": " + ec.message());
  }
  const double train_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (report) {
    std::vector<LabeledComment> held;
    std::vector<ClassifierScores> scores;
    held.reserve(test.size());
    scores.reserve(test.size());
    for (size_t i : test) {
      held.push_back(data[i]);
      scores.push_back(saved->ScorePreprocessed(texts[i]));
    }
    *report = EvaluateScores(held, scores, 0.5);
    report->train = train.size();
    report->train_seconds = train_seconds;
    report->model_bytes = fs::file_size(out, ec);
  }
  return Status::Ok();
}

}  // namespace qalam
