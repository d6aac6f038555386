#include "services/search.h"

#include <algorithm>

#include "arabic/dates.h"
#include "core/text.h"
#include "services/search_query.h"

namespace qalam {
namespace {

// Below this many results for all the words, articles with any of them are
// shown instead (they include the all-words ones, ranked first by BM25).
constexpr int64_t kTooFew = 3;
// The recency boost: at most +20% for an article published today.
constexpr double kRecencyWeight = 0.2;

arabic::AnalyzerOptions OptionsFor(const Settings& settings) {
  arabic::AnalyzerOptions options;
  options.fold_teh_marbuta = settings.Get("search_teh_marbuta") != "keep";
  return options;
}

Status ParseDay(const std::string& day, const std::string& tz, bool end, int64_t* out) {
  *out = 0;
  if (day.empty()) return Status::Ok();
  if (day.size() != 10 || !ParseIsoDateTime(day, tz, out).ok()) {
    return Status::Invalid("التاريخ «" + day + "» غير صالح؛ اكتبه بالشكل 2024-01-31.");
  }
  if (end) *out += 86400;  // Through the end of that day.
  return Status::Ok();
}

std::u32string CodePoints(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string Utf8(const std::u32string& cps) {
  std::string out;
  for (char32_t c : cps) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
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

}  // namespace

std::vector<Vocabulary::Near> Vocabulary::Similar(const std::string& word, int max_edits) const {
  std::vector<Near> out;
  const std::u32string want = CodePoints(word);
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
    std::u32string cps = CodePoints(word);
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

std::string SnippetHtml(const std::string& raw) {
  std::string out = HtmlEscape(raw);
  std::string html;
  html.reserve(out.size() + 32);
  for (char c : out) {
    if (c == '\x01') {
      html += "<mark>";
    } else if (c == '\x02') {
      html += "</mark>";
    } else {
      html += c;
    }
  }
  return html;
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
  const arabic::AnalyzerOptions analyzer = OptionsFor(settings);
  ParsedQuery parsed;
  Status st = ParseQuery(options.query, analyzer, &parsed);
  if (!st.ok()) return st;

  SearchRequest request;
  request.section = options.section;
  request.tag = options.tag;
  request.writer = options.writer;
  request.source = options.source;
  if (!(st = ParseDay(options.from, settings.timezone(), false, &request.from)).ok()) return st;
  if (!(st = ParseDay(options.to, settings.timezone(), true, &request.to)).ok()) return st;
  if (request.from && request.to && request.from >= request.to) {
    return Status::Invalid("بداية الفترة بعد نهايتها.");
  }
  request.by_date = options.by_date;
  request.recency_weight = settings.Get("search_recency") == "off" ? 0.0 : kRecencyWeight;
  request.now = now;
  request.offset = options.offset;
  request.limit = options.limit;

  request.match = BuildMatch(parsed, /*all=*/true);
  st = store.Search(request, &out->hits, &out->total);
  if (!st.ok()) return st;
  const size_t parts = parsed.words.size() + parsed.phrases.size();
  if (out->total < kTooFew && parts > 1) {
    SearchResult any;
    request.match = BuildMatch(parsed, /*all=*/false);
    st = store.Search(request, &any.hits, &any.total);
    if (!st.ok()) return st;
    if (any.total > out->total) {
      out->hits = std::move(any.hits);
      out->total = any.total;
      out->matched_all = false;
    }
  }
  for (SearchHit& h : out->hits) h.snippet = SnippetHtml(h.snippet);

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
        SearchRequest probe;
        probe.match = TermMatch(one.words[0]);
        probe.now = now;
        probe.limit = 1;
        probe.count = false;
        std::vector<SearchHit> found;
        int64_t hits = 0;
        if (store.Search(probe, &found, &hits).ok() && hits == 0) {
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
  const arabic::AnalyzerOptions analyzer = OptionsFor(settings);
  std::string text = Trim(typed);
  // One typed letter matches half the index: wait for the second.
  if (CountCodePoints(text) < 2 || !IsValidUtf8(text) || CountCodePoints(text) > kMaxQueryChars) {
    return Status::Ok();
  }
  std::vector<arabic::Token> tokens = arabic::Analyze(text, analyzer);
  if (tokens.empty()) return Status::Ok();
  // Complete words as terms; the one being typed as a prefix of a stem.
  const bool last_complete = text.back() == ' ';
  std::string match;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const arabic::Token& t = tokens[i];
    std::string part;
    if (i + 1 == tokens.size() && !last_complete) {
      std::string stem = CountCodePoints(t.stem) >= 2 ? t.stem : t.exact;
      part = "\"" + stem + "\"*";
    } else if (t.stop) {
      continue;
    } else {
      part = TermMatch({t.stem, t.exact, t.stop});
    }
    match += (match.empty() ? "" : " AND ") + part;
  }
  if (match.empty()) return Status::Ok();
  SearchRequest request;
  request.match = "title : (" + match + ")";
  request.recency_weight = kRecencyWeight;
  request.now = now;
  request.limit = static_cast<int64_t>(limit);
  request.count = false;
  int64_t total = 0;
  return store.Search(request, out, &total);
}

}  // namespace qalam
