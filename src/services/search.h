// Search as a reader uses it: the query language (search_query.h), filters,
// "all words" first and "any word" when that finds too little, snippets with
// the matched words marked, and "هل تقصد" from the index's own vocabulary.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/settings.h"
#include "core/status.h"
#include "services/search_snippet.h"
#include "store/store.h"

namespace qalam {

struct SearchOptions {
  std::string query;
  std::string section, tag, writer, source;  // Slugs; "" for any.
  std::string from, to;                       // YYYY-MM-DD, inclusive; "" for open.
  bool by_date = false;
  int64_t offset = 0;
  int64_t limit = 10;
};

struct SearchResult {
  int64_t total = 0;
  std::vector<SearchHit> hits;  // snippet is HTML: escaped text, <mark> around matches.
  bool matched_all = true;      // False when showing articles with any of the words.
  std::string suggestion;       // A corrected query when a word matched nothing.
};

// The index's words for "هل تقصد", held in memory: reading them is a pass
// over the whole index. Thread-safe; Invalidate() after writes.
class Vocabulary {
 public:
  struct Near {
    std::string word;
    int64_t articles = 0;
    int edits = 0;
  };
  // The words within `max_edits` code-point edits of `word`.
  std::vector<Near> Similar(const std::string& word, int max_edits) const;
  static Status Load(Store& store, std::shared_ptr<const Vocabulary>* out);

 private:
  // Words by their length in code points, as code points.
  std::vector<std::vector<std::pair<std::u32string, int64_t>>> by_length_;
};

class VocabularyCache {
 public:
  // The cached vocabulary, loaded first when missing or invalidated.
  Status Get(Store& store, std::shared_ptr<const Vocabulary>* out);
  void Invalidate();

 private:
  std::mutex mu_;
  std::shared_ptr<const Vocabulary> vocabulary_;
};

constexpr int64_t kMaxSearchLimit = 50;
constexpr size_t kMaxCorrections = 3;
constexpr int64_t kMaxSearchOffset = 10000;

// Invalid (with an Arabic message) for a bad query, filter or range.
// `vocabulary` (optional) caches the index's words between searches.
Status RunSearch(Store& store, const Settings& settings, const SearchOptions& options,
                 int64_t now, SearchResult* out, VocabularyCache* vocabulary = nullptr);

// Titles matching what has been typed so far (the last word as a prefix).
Status SuggestTitles(Store& store, const Settings& settings, const std::string& typed,
                     int64_t now, size_t limit, std::vector<SearchHit>* out);

// Search as one server offers it to readers (web/search_routes.cc): the
// functions above on its store, with the vocabulary for "هل تقصد" kept
// between searches until the next write (Invalidate).
class SearchService {
 public:
  explicit SearchService(Store& store) : store_(store) {}

  Status Run(const Settings& settings, const SearchOptions& options, int64_t now, SearchResult* out) {
    return RunSearch(store_, settings, options, now, out, &vocabulary_);
  }
  Status Suggest(const Settings& settings, const std::string& typed, int64_t now, size_t limit,
                 std::vector<SearchHit>* out) {
    return SuggestTitles(store_, settings, typed, now, limit, out);
  }
  // The index changed: read its words again when next needed.
  void Invalidate() { vocabulary_.Invalidate(); }

 private:
  Store& store_;
  VocabularyCache vocabulary_;
};

}  // namespace qalam
