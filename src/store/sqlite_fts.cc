#include "store/sqlite_fts.h"

#include <cstring>
#include <sstream>

#include "arabic/analyzer.h"

namespace qalam::sqlite {
namespace {

struct QalamTokenizer {
  arabic::AnalyzerOptions options;
};

int Create(void*, const char** args, int nargs, Fts5Tokenizer** out) {
  auto* t = new QalamTokenizer();
  for (int i = 0; i + 1 < nargs; i += 2) {
    if (std::strcmp(args[i], "teh") == 0) t->options.fold_teh_marbuta = std::strcmp(args[i + 1], "0") != 0;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* t) { delete reinterpret_cast<QalamTokenizer*>(t); }

int Tokenize(Fts5Tokenizer* self, void* ctx, int flags, const char* text, int length,
             int (*emit)(void*, int, const char*, int, int, int)) {
  const auto* t = reinterpret_cast<QalamTokenizer*>(self);
  std::string_view input(text ? text : "", static_cast<size_t>(length));
  if (flags & FTS5_TOKENIZE_QUERY) {
    // Already analyzed: tokens separated by spaces.
    size_t i = 0;
    while (i < input.size()) {
      while (i < input.size() && input[i] == ' ') ++i;
      size_t start = i;
      while (i < input.size() && input[i] != ' ') ++i;
      if (i > start) {
        int rc = emit(ctx, 0, input.data() + start, static_cast<int>(i - start),
                      static_cast<int>(start), static_cast<int>(i));
        if (rc != SQLITE_OK) return rc;
      }
    }
    return SQLITE_OK;
  }
  std::string exact;
  for (const arabic::Token& tok : arabic::Analyze(input, t->options)) {
    const int b = static_cast<int>(tok.begin), e = static_cast<int>(tok.end);
    int rc = emit(ctx, 0, tok.stem.data(), static_cast<int>(tok.stem.size()), b, e);
    if (rc == SQLITE_OK && !tok.stop && tok.exact != tok.stem) {
      exact = "=" + tok.exact;
      rc = emit(ctx, FTS5_TOKEN_COLOCATED, exact.data(), static_cast<int>(exact.size()), b, e);
    }
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

bool RegisterQalamTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api) return false;
  static fts5_tokenizer tokenizer = {Create, Delete, Tokenize};
  return api->xCreateTokenizer(api, "qalam", nullptr, &tokenizer, nullptr) == SQLITE_OK;
}

bool TokenizeWith(sqlite3* db, const std::string& spec, const std::string& text,
                  std::vector<std::string>* tokens) {
  fts5_api* api = Fts5Api(db);
  if (!api) return false;
  std::vector<std::string> words;
  std::istringstream in(spec);
  for (std::string w; in >> w;) words.push_back(w);
  if (words.empty()) return false;
  void* user = nullptr;
  fts5_tokenizer impl;
  if (api->xFindTokenizer(api, words[0].c_str(), &user, &impl) != SQLITE_OK) return false;
  std::vector<const char*> args;
  for (size_t i = 1; i < words.size(); ++i) args.push_back(words[i].c_str());
  Fts5Tokenizer* tok = nullptr;
  if (impl.xCreate(user, args.data(), static_cast<int>(args.size()), &tok) != SQLITE_OK) return false;
  tokens->clear();
  auto emit = [](void* ctx, int flags, const char* p, int n, int, int) {
    if (!(flags & FTS5_TOKEN_COLOCATED)) static_cast<std::vector<std::string>*>(ctx)->emplace_back(p, static_cast<size_t>(n));
    return SQLITE_OK;
  };
  int rc = impl.xTokenize(tok, tokens, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()), emit);
  impl.xDelete(tok);
  return rc == SQLITE_OK;
}

}  // namespace qalam::sqlite
