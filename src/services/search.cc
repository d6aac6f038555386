#include "services/search.h"

#include <algorithm>

#include "arabic/dates.h"
#include "core/text.h"
#include "core/utf8.h"
#include "services/article_text.h"
#include "services/search_query.h"
#include "services/search_ranking.h"
#include "services/search_snippet.h"

namespace qalam {
namespace {

// Below this many results for all the words, articles with any of them are
// shown instead (they include the all-words ones, ranked first by BM25).
constexpr int64_t kTooFew = 3;
// The recency boost: at most +20% for an article published today.
constexpr double kRecencyWeight = 0.2;

Status ParseDay(const std::string& day, const std::string& tz, bool end, int64_t* out) {
  *out = 0;
  if (day.empty()) return Status::Ok();
  if (day.size() != 10 || !ParseIsoDateTime(day, tz, out).ok()) {
    return Status::Invalid("التاريخ «" + day + "» غير صالح؛ اكتبه بالشكل 2024-01-31.");
  }
  if (end) *out += 86400;  // Through the end of that day.
  return Status::Ok();
}

std::string Utf8(const std::u32string& cps) {
  std::string out;
  for (char32_t c : cps) AppendUtf8(out, c);
  return out;
}

// Levenshtein distance, giving up (returning limit + 1) past `limit`.
int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The indexed word closest to `word` (normalized): fewest edits, then the
// most common; "" when none is near.
std::string Correct(const Vocabulary& vocabulary, const QueryTerm& word) {
  const size_t len = CountCodePoints(word.exact);
  if (len < 3) return "";
  const int max_edits = len <= 4 ? 1 : 2;
  const Vocabulary::Near* best = nullptr;
  std::vector<Vocabulary::Near> similar = vocabulary.Similar(word.exact, max_edits);
  for (const Vocabulary::Near& t : similar) {
    if (t.edits == 0) continue;
    if (!best || t.edits < best->edits || (t.edits == best->edits && t.articles > best->articles)) best = &t;
  }
  return best ? best->word : "";
}

// Relevance order re-ranks at most the best K by BM25 with the recency
// boost (K = max(kMaxRerank, 4 × the results asked for)), reading dates for
// those K only: an article outside them is never lifted in by recency, which
// for a word in thousands of articles changes little (bench/RESULTS.md: the
// same top 10 for 996 of 1,000 queries) and saves a lookup per match.
constexpr int64_t kMaxRerank = 400;

struct Ranked {
  Id id = 0;
  double bm25 = 0;
  double score = 0;
  int64_t published_at = 0;
};

bool Unfiltered(const IndexQuery& q) {
  return q.section.empty() && q.tag.empty() && q.writer.empty() && q.source.empty() && q.from == 0 && q.to == 0;
}

// The page [offset, offset + limit) of what `query` matches, by relevance
// (with the recency boost) or newest first; *total counts every match.
Status RankPage(Store& store, IndexQuery query, bool by_date, double recency, int64_t now, int64_t offset,
                int64_t limit, std::vector<Ranked>* page, int64_t* total) {
  page->clear();
  const bool unfiltered = Unfiltered(query);
  query.with_dates = by_date || !unfiltered;
  std::vector<IndexMatch> matches;
  IndexStats stats;
  Status st = store.MatchIndex(query, &matches, &stats);
  if (!st.ok()) return st;
  *total = static_cast<int64_t>(matches.size());
  std::vector<Ranked> ranked;
  ranked.reserve(matches.size());
  const Bm25 bm25(stats);
  for (const IndexMatch& m : matches) ranked.push_back({m.id, bm25.Score(m), 0.0, m.published_at});
  const int64_t need = offset + limit;
  if (!by_date && unfiltered) {
    const size_t k = static_cast<size_t>(std::max(kMaxRerank, 4 * need));
    if (ranked.size() > k) {
      std::partial_sort(ranked.begin(), ranked.begin() + k, ranked.end(), [](const Ranked& a, const Ranked& b) {
        return a.bm25 != b.bm25 ? a.bm25 > b.bm25 : a.id < b.id;
      });
      ranked.resize(k);
    }
    std::vector<Id> ids;
    for (const Ranked& r : ranked) ids.push_back(r.id);
    std::vector<int64_t> dates;
    if (!(st = store.GetPublishedTimes(ids, &dates)).ok()) return st;
    for (size_t i = 0; i < ranked.size(); ++i) ranked[i].published_at = dates[i];
  }
  for (Ranked& r : ranked) r.score = WithRecency(r.bm25, r.published_at, now, recency);
  if (by_date) {
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
    });
  } else {
    std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.published_at != b.published_at ? a.published_at > b.published_at : a.id > b.id;
    });
  }
  for (int64_t i = offset; i < need && i < static_cast<int64_t>(ranked.size()); ++i) page->push_back(ranked[i]);
  return Status::Ok();
}

// The page's articles as results, with their snippets.
Status ToHits(Store& store, const std::vector<Ranked>& page, const IndexQuery& query,
              const arabic::AnalyzerOptions& analyzer, std::vector<SearchHit>* hits) {
  hits->clear();
  std::vector<Id> ids;
  for (const Ranked& r : page) ids.push_back(r.id);
  std::vector<IndexedArticle> articles;
  if (Status st = store.GetIndexedArticles(ids, &articles); !st.ok()) return st;
  size_t next = 0;
  for (const Ranked& r : page) {
    if (next >= articles.size() || articles[next].id != r.id) continue;  // gone meanwhile
    const IndexedArticle& a = articles[next++];
    SearchHit h;
    h.id = a.id;
    h.external_id = a.external_id;
    h.title = a.title;
    h.slug = a.slug;
    h.snippet = MakeSnippet(a, query, analyzer);
    h.score = r.score;
    h.published_at = a.published_at;
    h.section_name = a.section_name;
    hits->push_back(std::move(h));
  }
  return Status::Ok();
}

// True when the index holds `term` at all.
Status Holds(Store& store, const QueryTerm& term, bool* holds) {
  IndexQuery probe;
  probe.clauses.push_back(WordClause(term));
  probe.max_matches = 1;
  std::vector<IndexMatch> found;
  Status st = store.MatchIndex(probe, &found, nullptr);
  *holds = !found.empty();
  return st;
}

}  // namespace

std::vector<Vocabulary::Near> Vocabulary::Similar(const std::string& word, int max_edits) const {
  std::vector<Near> out;
  const std::u32string want = DecodeUtf8(word);
  const size_t lo = want.size() > static_cast<size_t>(max_edits) ? want.size() - max_edits : 0;
  for (size_t len = lo; len <= want.size() + max_edits && len < by_length_.size(); ++len) {
    for (const auto& [cps, articles] : by_length_[len]) {
      int edits = EditDistance(want, cps, max_edits);
      if (edits <= max_edits) out.push_back({Utf8(cps), articles, edits});
    }
  }
  return out;
}

Status Vocabulary::Load(Store& store, std::shared_ptr<const Vocabulary>* out) {
  std::vector<std::pair<std::string, int64_t>> words;
  Status st = store.LoadVocabulary(&words);
  if (!st.ok()) return st;
  auto v = std::make_shared<Vocabulary>();
  for (auto& [word, articles] : words) {
    std::u32string cps = DecodeUtf8(word);
    if (v->by_length_.size() <= cps.size()) v->by_length_.resize(cps.size() + 1);
    v->by_length_[cps.size()].emplace_back(std::move(cps), articles);
  }
  *out = std::move(v);
  return Status::Ok();
}

Status VocabularyCache::Get(Store& store, std::shared_ptr<const Vocabulary>* out) {
  std::lock_guard lock(mu_);
  if (!vocabulary_) {
    Status st = Vocabulary::Load(store, &vocabulary_);
    if (!st.ok()) return st;
  }
  *out = vocabulary_;
  return Status::Ok();
}

void VocabularyCache::Invalidate() {
  std::lock_guard lock(mu_);
  vocabulary_.reset();
}

Status RunSearch(Store& store, const Settings& settings, const SearchOptions& options,
                 int64_t now, SearchResult* out, VocabularyCache* vocabulary_cache) {
  *out = SearchResult();
  if (options.limit < 1 || options.limit > kMaxSearchLimit) {
    return Status::Invalid("عدد النتائج المطلوب يجب أن يكون بين 1 و" + std::to_string(kMaxSearchLimit) + ".");
  }
  if (options.offset < 0 || options.offset > kMaxSearchOffset) {
    return Status::Invalid("موضع النتائج المطلوب خارج الحدود.");
  }
  const arabic::AnalyzerOptions analyzer = SearchAnalyzer(settings);
  ParsedQuery parsed;
  Status st = ParseQuery(options.query, analyzer, &parsed);
  if (!st.ok()) return st;

  IndexQuery query = BuildIndexQuery(parsed, /*all=*/true);
  query.section = options.section;
  query.tag = options.tag;
  query.writer = options.writer;
  query.source = options.source;
  if (!(st = ParseDay(options.from, settings.timezone(), false, &query.from)).ok()) return st;
  if (!(st = ParseDay(options.to, settings.timezone(), true, &query.to)).ok()) return st;
  if (query.from && query.to && query.from >= query.to) {
    return Status::Invalid("بداية الفترة بعد نهايتها.");
  }
  const double recency = settings.Get("search_recency") == "off" ? 0.0 : kRecencyWeight;
  std::vector<Ranked> page;
  st = RankPage(store, query, options.by_date, recency, now, options.offset, options.limit, &page, &out->total);
  if (!st.ok()) return st;
  const size_t parts = parsed.words.size() + parsed.phrases.size();
  if (out->total < kTooFew && parts > 1) {
    IndexQuery any = query;
    any.all = false;
    std::vector<Ranked> any_page;
    int64_t any_total = 0;
    st = RankPage(store, any, options.by_date, recency, now, options.offset, options.limit, &any_page, &any_total);
    if (!st.ok()) return st;
    if (any_total > out->total) {
      page = std::move(any_page);
      out->total = any_total;
      out->matched_all = false;
      query = std::move(any);
    }
  }
  if (!(st = ToHits(store, page, query, analyzer, &out->hits)).ok()) return st;

  // "Did you mean": for each plain word that the index does not hold at all
  // (at most kMaxCorrections of them), the nearest word it does hold.
  if (out->total < kTooFew && !parsed.words.empty()) {
    std::shared_ptr<const Vocabulary> vocabulary;
    std::string corrected;
    bool changed = false;
    size_t tried = 0;
    for (const std::string& raw : parsed.raw_words) {
      ParsedQuery one;
      std::string replacement = raw;
      if (tried < kMaxCorrections && ParseQuery(raw, analyzer, &one).ok() && one.words.size() == 1 &&
          !one.words[0].stop) {
        bool holds = true;
        if (Holds(store, one.words[0], &holds).ok() && !holds) {
          ++tried;
          if (!vocabulary) {
            st = vocabulary_cache ? vocabulary_cache->Get(store, &vocabulary)
                                  : Vocabulary::Load(store, &vocabulary);
            if (!st.ok()) return st;
          }
          std::string fix = Correct(*vocabulary, one.words[0]);
          if (!fix.empty()) {
            replacement = fix;
            changed = true;
          }
        }
      }
      corrected += (corrected.empty() ? "" : " ") + replacement;
    }
    if (changed) out->suggestion = corrected;
  }
  return Status::Ok();
}

Status SuggestTitles(Store& store, const Settings& settings, const std::string& typed,
                     int64_t now, size_t limit, std::vector<SearchHit>* out) {
  out->clear();
  const arabic::AnalyzerOptions analyzer = SearchAnalyzer(settings);
  std::string text = Trim(typed);
  // One typed letter matches half the index: wait for the second.
  if (CountCodePoints(text) < 2 || !IsValidUtf8(text) || CountCodePoints(text) > kMaxQueryChars) {
    return Status::Ok();
  }
  std::vector<arabic::Token> tokens = arabic::Analyze(text, analyzer);
  if (tokens.empty()) return Status::Ok();
  // Complete words as terms; the one being typed as a prefix of a stem.
  const bool last_complete = text.back() == ' ';
  IndexQuery query;
  query.title_only = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const arabic::Token& t = tokens[i];
    if (i + 1 == tokens.size() && !last_complete) {
      const std::string& stem = CountCodePoints(t.stem) >= 2 ? t.stem : t.exact;
      query.clauses.push_back(IndexClause{{{IndexToken{stem, /*exact=*/false, /*prefix=*/true}}}});
    } else if (!t.stop) {
      query.clauses.push_back(WordClause({t.stem, t.exact, t.stop}));
    }
  }
  if (query.clauses.empty()) return Status::Ok();
  std::vector<Ranked> page;
  int64_t total = 0;
  Status st = RankPage(store, query, false, kRecencyWeight, now, 0, static_cast<int64_t>(limit), &page, &total);
  if (!st.ok()) return st;
  return ToHits(store, page, query, analyzer, out);
}

}  // namespace qalam
