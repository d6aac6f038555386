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

// The indexed word closest to `word` (normalized): fewest edits, then the
// most common; "" when none is near.
std::string Correct(Store& store, const QueryTerm& word) {
  const size_t len = CountCodePoints(word.exact);
  if (len < 3) return "";
  const int max_edits = len <= 4 ? 1 : 2;
  std::vector<SimilarTerm> similar;
  if (!store.SimilarTerms(word.exact, max_edits, &similar).ok()) return "";
  const SimilarTerm* best = nullptr;
  for (const SimilarTerm& t : similar) {
    if (t.edits == 0) continue;
    if (!best || t.edits < best->edits || (t.edits == best->edits && t.articles > best->articles)) best = &t;
  }
  return best ? best->term : "";
}

}  // namespace

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
                 int64_t now, SearchResult* out) {
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

  // "Did you mean": for each plain word that the index does not hold at all.
  if (out->total < kTooFew && !parsed.words.empty()) {
    std::string corrected;
    bool changed = false;
    for (const std::string& raw : parsed.raw_words) {
      ParsedQuery one;
      std::string replacement = raw;
      if (ParseQuery(raw, analyzer, &one).ok() && one.words.size() == 1) {
        SearchRequest probe;
        probe.match = TermMatch(one.words[0]);
        probe.now = now;
        probe.limit = 1;
        std::vector<SearchHit> ignored;
        int64_t hits = 0;
        if (store.Search(probe, &ignored, &hits).ok() && hits == 0) {
          std::string fix = Correct(store, one.words[0]);
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
  if (text.empty() || !IsValidUtf8(text) || CountCodePoints(text) > kMaxQueryChars) return Status::Ok();
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
  int64_t total = 0;
  return store.Search(request, out, &total);
}

}  // namespace qalam
