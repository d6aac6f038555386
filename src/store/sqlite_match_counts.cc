#include "store/sqlite_match_counts.h"

#include <cstring>
#include <memory>

#include "store/sqlite_fts.h"

namespace qalam::sqlite {
namespace {

// What is the same for every row of one query.
struct IndexWide {
  std::vector<int64_t> header;  // rows, words, then rows holding each phrase
  bool sent = false;            // in the first row's blob
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* n) {
  ++*static_cast<int64_t*>(n);
  return SQLITE_OK;
}

template <typename T>
void Append(std::string* out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));  // Little-endian on every machine Qalam targets.
  out->append(bytes, sizeof(T));
}

template <typename T>
bool Read(std::string_view* in, T* v) {
  if (in->size() < sizeof(T)) return false;
  std::memcpy(v, in->data(), sizeof(T));
  in->remove_prefix(sizeof(T));
  return true;
}

void Counts(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int nval, sqlite3_value** args) {
  const int phrases = api->xPhraseCount(fts);
  int wanted = nval > 0 ? sqlite3_value_int(args[0]) : phrases;
  if (wanted < 0 || wanted > phrases) wanted = phrases;
  const int columns = api->xColumnCount(fts);
  auto* wide = static_cast<IndexWide*>(api->xGetAuxdata(fts, 0));
  int rc = SQLITE_OK;
  if (!wide) {
    auto made = std::make_unique<IndexWide>();
    sqlite3_int64 rows = 0, words = 0;
    rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &words);
    made->header = {rows, words};
    for (int i = 0; rc == SQLITE_OK && i < wanted; ++i) {
      int64_t holding = 0;
      rc = api->xQueryPhrase(fts, i, &holding, CountRow);
      made->header.push_back(holding);
    }
    if (rc == SQLITE_OK) {
      wide = made.release();
      rc = api->xSetAuxdata(fts, wide, [](void* p) { delete static_cast<IndexWide*>(p); });
    }
  }
  int row_words = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &row_words);
  thread_local std::vector<int32_t> hits;
  hits.assign(static_cast<size_t>(wanted) * columns, 0);
  int instances = 0;
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase < wanted) ++hits[static_cast<size_t>(phrase) * columns + column];
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  // One buffer per thread, reused row after row: a common word matches
  // thousands of articles.
  thread_local std::string blob;
  blob.clear();
  const bool first = !wide->sent;
  Append(&blob, static_cast<uint8_t>(first));
  if (first) {
    for (int64_t v : wide->header) Append(&blob, v);
    wide->sent = true;
  }
  Append(&blob, static_cast<int32_t>(row_words));
  for (int32_t h : hits) Append(&blob, h);
  sqlite3_result_blob(ctx, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}

}  // namespace

bool RegisterMatchCounts(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  return api && api->xCreateFunction(api, "qalam_counts", nullptr, Counts, nullptr) == SQLITE_OK;
}

bool ParseMatchCounts(std::string_view blob, size_t phrases, IndexStats* stats, IndexMatch* match) {
  uint8_t has_header = 0;
  if (!Read(&blob, &has_header)) return false;
  if (has_header) {
    int64_t rows = 0, words = 0;
    if (!Read(&blob, &rows) || !Read(&blob, &words)) return false;
    stats->articles = rows;
    stats->tokens = words;
    stats->feature_articles.resize(phrases);
    for (size_t i = 0; i < phrases; ++i) {
      if (!Read(&blob, &stats->feature_articles[i])) return false;
    }
  }
  if (!Read(&blob, &match->tokens)) return false;
  match->hits.resize(phrases);
  for (auto& per_field : match->hits) {
    for (int32_t& h : per_field) {
      if (!Read(&blob, &h)) return false;
    }
  }
  return blob.empty();
}

}  // namespace qalam::sqlite
