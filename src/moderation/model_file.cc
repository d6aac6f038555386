// Checking a fastText model file before fastText reads it
// (moderation/classifier_internal.h).
#include <fasttext/fasttext.h>

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "moderation/classifier_internal.h"

namespace qalam::classifier_internal {
namespace {

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

}  // namespace

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

}  // namespace qalam::classifier_internal
