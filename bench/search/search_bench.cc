// search_bench: the evaluation of issue 4 (Arabic search), printed as text.
// bench/search/run builds it and runs it with the shared corpora's paths.
//
//   1. Relevance of related articles: precision@5 against the ANT corpus's
//      sections, by content only, for our analyzer and for FTS5's
//      `unicode61 remove_diacritics 2` (plus variants, and the production
//      weights for information).
//   2. Variants: does searching one spelling find the articles holding the
//      other (bench/search/variant_pairs.tsv), through RunSearch for ours and
//      a plain FTS5 MATCH on a unicode61 table for the baseline; and the
//      token-level recall of each stemmer.
//   3. Speed: import rates (ANT, SaudiNewsNet), query latency over 1,000
//      queries on ANT + SaudiNewsNet, one edit reindexed, RefreshAutoRelated.
//
// Reads the corpora at run time, never copies them; works in --tmp.
// For development: --reuse-ant / --reuse-combined reopen the sites of an
// earlier run in the same --tmp, --queries-only stops after the query
// latency, and SEARCH_BENCH_DUMP=FILE writes every query's total and hit ids
// (to compare the results of two builds).
#include <sqlite3.h>
#include <sys/resource.h>
#include <unicode/uchar.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <functional>
#include <thread>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "arabic/analyzer.h"
#include "arabic/dates.h"
#include "arabic/term_weights.h"
#include "core/settings.h"
#include "core/text.h"
#include "content/markdown.h"
#include "services/article_text.h"
#include "services/importer.h"
#include "services/related.h"
#include "services/search.h"
#include "services/search_query.h"
#include "store/sqlite_fts.h"
#include "store/open_store.h"
#include "store/store.h"

namespace qalam {
namespace {

using Steady = std::chrono::steady_clock;
using arabic::AnalyzerOptions;

constexpr const char* kBaselineSpec = "unicode61 remove_diacritics 2";
// kTermsPerArticle: as the services give the store (services/article_text.h).

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}
double Ms(Steady::time_point since) { return Seconds(since) * 1000.0; }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "search_bench: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& st, const std::string& what) {
  if (!st.ok()) Die(what + ": " + st.message());
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank.
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}
double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

// CPU used by other processes while a phase ran: all cores' busy time from
// /proc/stat less this process's own, as a share of all cores' time.
struct CpuMeter {
  long long busy0 = 0, total0 = 0;
  double self0 = 0;
  static void Read(long long* busy, long long* total) {
    std::ifstream in("/proc/stat");
    std::string cpu;
    long long v[10] = {0};
    in >> cpu;
    for (long long& x : v) in >> x;
    *total = 0;
    for (long long x : v) *total += x;
    *busy = *total - v[3] - v[4];  // less idle and iowait
  }
  static double Self() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
  }
  void Start() {
    Read(&busy0, &total0);
    self0 = Self();
  }
  double OtherPercent() const {
    long long busy, total;
    Read(&busy, &total);
    const double hz = 100.0;  // USER_HZ
    double other = (busy - busy0) / hz - (Self() - self0);
    double all = (total - total0) / hz;
    return all > 0 ? std::max(0.0, 100.0 * other / all) : 0;
  }
};

// --- sites ------------------------------------------------------------------------------

std::unique_ptr<Store> NewSite(const std::string& dir) {
  std::filesystem::remove_all(dir);
  std::unique_ptr<Store> store;
  Check(OpenStore(dir, StoreOptions{.create = true}, &store), "create site " + dir);
  // The defaults CreateSite saves, without its welcome articles.
  for (const SettingSpec& spec : SettingSpecs()) {
    Check(store->SaveSetting(spec.key, spec.default_value), "setting " + spec.key);
  }
  return store;
}

struct ImportRun {
  ImportSummary summary;
  double seconds = 0;
};

ImportRun Import(Store& store, std::istream& in) {
  ImportRun run;
  auto t0 = Steady::now();
  Check(ImportArticles(store, in, &run.summary), "import");
  run.seconds = Seconds(t0);
  return run;
}

// SaudiNewsNet's gzip JSON lines as interchange lines (in memory only):
// title, body = text, writer = author, source = source, published_at =
// date_extracted; lines with an empty title or text are left out.
std::string SaudiNewsNetAsInterchange(const std::string& path, size_t* kept, size_t* skipped) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) Die("cannot open " + path);
  gzbuffer(gz, 1 << 20);
  std::string out, line;
  char buf[1 << 16];
  *kept = *skipped = 0;
  auto flush = [&] {
    if (Trim(line).empty()) return;
    nlohmann::json o = nlohmann::json::parse(line);
    auto text = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string title = text("title"), body = text("text"), author = text("author");
    if (Trim(title).empty() || Trim(body).empty()) {
      ++*skipped;
      return;
    }
    nlohmann::json a;
    a["id"] = text("id");
    a["title"] = title;
    a["body"] = body;
    if (!Trim(author).empty()) a["writer"] = author;
    if (!text("source").empty()) a["source"] = text("source");
    std::string date = text("date_extracted");
    if (date.size() == 19 && date[10] == ' ') date[10] = 'T';
    if (!date.empty()) a["published_at"] = date;
    out += a.dump();
    out += '\n';
    ++*kept;
  };
  while (gzgets(gz, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      flush();
      line.clear();
    }
  }
  flush();
  gzclose(gz);
  return out;
}

// --- the articles as stored, read back through SQL --------------------------------------

struct Doc {
  Id id = 0;
  std::string external_id, title, slug, body;
  std::vector<std::string> highlights;
  int64_t published_at = 0;
  Id section_id = 0;
};

sqlite3* OpenDb(const std::string& path, bool readonly) {
  sqlite3* db = nullptr;
  int flags = readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) Die("cannot open " + path);
  sqlite3_busy_timeout(db, 10000);
  return db;
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    Die(sql.substr(0, 80) + ": " + msg);
  }
}

std::string Col(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, i)) : "";
}

std::vector<Doc> ReadDocs(const std::string& site_dir) {
  sqlite3* db = OpenDb(site_dir + "/qalam.db", true);
  std::vector<Doc> docs;
  std::unordered_map<Id, size_t> at;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT id, coalesce(external_id, ''), title, slug, body_md, published_at, "
                     "coalesce(section_id, 0) FROM articles WHERE status = 'published' ORDER BY id",
                     -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) {
    Doc d;
    d.id = sqlite3_column_int64(q, 0);
    d.external_id = Col(q, 1);
    d.title = Col(q, 2);
    d.slug = Col(q, 3);
    d.body = Col(q, 4);
    d.published_at = sqlite3_column_int64(q, 5);
    d.section_id = sqlite3_column_int64(q, 6);
    at[d.id] = docs.size();
    docs.push_back(std::move(d));
  }
  sqlite3_finalize(q);
  sqlite3_prepare_v2(db, "SELECT article_id, text FROM article_highlights ORDER BY article_id, position",
                     -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) {
    auto it = at.find(sqlite3_column_int64(q, 0));
    if (it != at.end()) docs[it->second].highlights.push_back(Col(q, 1));
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  return docs;
}

std::map<Id, std::string> SectionNames(const std::string& site_dir) {
  sqlite3* db = OpenDb(site_dir + "/qalam.db", true);
  std::map<Id, std::string> out;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, name FROM sections", -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) out[sqlite3_column_int64(q, 0)] = Col(q, 1);
  sqlite3_finalize(q);
  sqlite3_close(db);
  return out;
}

std::string JoinHighlights(const Doc& d) {
  std::string h;
  for (const std::string& s : d.highlights) h += (h.empty() ? "" : "\n") + s;
  return h;
}

// The FTS5 baseline: the same articles in a table tokenized by unicode61.
sqlite3* BuildBaselineIndex(const std::vector<Doc>& docs, const std::string& path, double* seconds) {
  std::filesystem::remove(path);
  sqlite3* db = OpenDb(path, false);
  Exec(db, "PRAGMA journal_mode = OFF");
  Exec(db, "PRAGMA synchronous = OFF");
  Exec(db, std::string("CREATE VIRTUAL TABLE base USING fts5(title, highlights, body, tokenize = '") +
               kBaselineSpec + "')");
  auto t0 = Steady::now();
  Exec(db, "BEGIN");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO base(rowid, title, highlights, body) VALUES(?1, ?2, ?3, ?4)", -1,
                     &ins, nullptr);
  for (const Doc& d : docs) {
    std::string h = JoinHighlights(d);
    sqlite3_bind_int64(ins, 1, d.id);
    sqlite3_bind_text(ins, 2, d.title.data(), static_cast<int>(d.title.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 3, h.data(), static_cast<int>(h.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 4, d.body.data(), static_cast<int>(d.body.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) Die(std::string("baseline insert: ") + sqlite3_errmsg(db));
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  Exec(db, "COMMIT");
  if (seconds) *seconds = Seconds(t0);
  return db;
}

// --- 1. relevance of related articles ---------------------------------------------------

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

TermLists OurTerms(const std::vector<Doc>& docs, AnalyzerOptions::Stemmer stemmer) {
  AnalyzerOptions options;
  options.stemmer = stemmer;
  TermLists out;
  for (const Doc& d : docs) out[d.id] = arabic::TopTerms(d.title, d.highlights, d.body, kTermsPerArticle, options);
  return out;
}

// The baseline's term lists, built as TopTerms builds ours: counts over
// title ×3, highlights ×2, body ×1, one-letter tokens and numbers left out,
// the 40 heaviest (ties by term). No stop list, unless `stop_list` (then our
// list, looked up on each token's normalized form).
TermLists BaselineTerms(sqlite3* db, const std::vector<Doc>& docs, bool stop_list) {
  TermLists out;
  std::vector<std::string> tokens;
  for (const Doc& d : docs) {
    std::unordered_map<std::string, int> weights;
    auto add = [&](const std::string& text, int weight) {
      if (!sqlite::TokenizeWith(db, kBaselineSpec, text, &tokens)) Die("TokenizeWith failed");
      for (const std::string& t : tokens) {
        if (CountCodePoints(t) < 2 || AllDigits(t)) continue;
        if (stop_list && arabic::IsStopWord(arabic::Normalize(t))) continue;
        weights[t] += weight;
      }
    };
    add(d.title, 3);
    for (const std::string& h : d.highlights) add(h, 2);
    add(d.body, 1);
    std::vector<std::pair<std::string, int>> v(weights.begin(), weights.end());
    auto heavier = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    size_t n = std::min(kTermsPerArticle, v.size());
    std::partial_sort(v.begin(), v.begin() + n, v.end(), heavier);
    v.resize(n);
    out[d.id] = std::move(v);
  }
  return out;
}

struct Precision {
  double p5 = 0;            // Relevant in the top 5 / 5 (missing places count as misses).
  double p_returned = 0;    // Relevant / returned, over articles with at least one.
  double full_lists = 0;    // Share of articles with 5 related.
  size_t articles = 0;
  std::map<Id, double> p5_by_section;
  double macro_p5 = 0;      // Mean of the sections' p@5.
};

// Over every article of `section_of`, or only those of `subset` when given.
Precision Evaluate(const std::map<Id, std::vector<Id>>& related, const std::map<Id, Id>& section_of,
                   const std::set<Id>* subset = nullptr) {
  Precision p;
  double sum = 0, sum_ret = 0;
  size_t with_any = 0, full = 0;
  std::map<Id, std::pair<double, size_t>> by_section;
  for (const auto& [id, section] : section_of) {
    if (section == 0 || (subset && !subset->count(id))) continue;
    ++p.articles;
    auto it = related.find(id);
    size_t relevant = 0, returned = 0;
    if (it != related.end()) {
      for (size_t k = 0; k < it->second.size() && k < 5; ++k) {
        ++returned;
        auto s = section_of.find(it->second[k]);
        if (s != section_of.end() && s->second == section) ++relevant;
      }
    }
    double prec = relevant / 5.0;
    sum += prec;
    by_section[section].first += prec;
    ++by_section[section].second;
    if (returned) {
      ++with_any;
      sum_ret += static_cast<double>(relevant) / static_cast<double>(returned);
    }
    if (returned == 5) ++full;
  }
  p.p5 = p.articles ? sum / p.articles : 0;
  p.p_returned = with_any ? sum_ret / with_any : 0;
  p.full_lists = p.articles ? static_cast<double>(full) / p.articles : 0;
  double macro = 0;
  for (auto& [s, v] : by_section) {
    p.p5_by_section[s] = v.first / v.second;
    macro += v.first / v.second;
  }
  p.macro_p5 = by_section.empty() ? 0 : macro / by_section.size();
  return p;
}

// "More like this" through FTS5 BM25: the article's 15 heaviest terms ORed,
// the best five other articles by bm25 (title 10, highlights 4, body 1).
std::map<Id, std::vector<Id>> MoreLikeThis(sqlite3* db, const std::string& table,
                                           const TermLists& terms, const std::vector<Id>& sample,
                                           double* ms_per_query) {
  std::string sql = "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 ORDER BY bm25(" +
                    table + ", 10.0, 4.0, 1.0) LIMIT 6";
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
  std::map<Id, std::vector<Id>> out;
  auto t0 = Steady::now();
  for (Id id : sample) {
    auto it = terms.find(id);
    if (it == terms.end()) continue;
    std::string match;
    size_t n = 0;
    for (const auto& [term, w] : it->second) {
      if (n++ == 15) break;
      std::string quoted = "\"";
      for (char c : term) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      quoted += "\"";
      match += (match.empty() ? "" : " OR ") + quoted;
    }
    // Both indexes take query tokens as given: stems for ours (the qalam
    // tokenizer passes queries through), words for unicode61.
    if (match.empty()) continue;
    sqlite3_bind_text(q, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    std::vector<Id>& list = out[id];
    while (sqlite3_step(q) == SQLITE_ROW) {
      Id other = sqlite3_column_int64(q, 0);
      if (other != id && list.size() < 5) list.push_back(other);
    }
    sqlite3_reset(q);
  }
  *ms_per_query = sample.empty() ? 0 : Ms(t0) / sample.size();
  sqlite3_finalize(q);
  return out;
}

void RelevanceSection(Store& store, const std::string& site_dir, const std::vector<Doc>& docs,
                      sqlite3* base_db, size_t mlt_sample) {
  std::printf("\n== 1. Related articles: precision@5 against the ANT sections ==\n");
  std::vector<RelatednessFeatures> features;
  Check(store.LoadRelatednessFeatures(&features), "features");
  std::map<Id, Id> section_of;
  for (const auto& f : features) section_of[f.id] = f.section_id;
  const auto names = SectionNames(site_dir);

  // Chance: the p@5 of five articles drawn at random.
  {
    std::map<Id, size_t> sizes;
    size_t n = 0;
    for (auto& [id, s] : section_of) {
      if (s) ++sizes[s], ++n;
    }
    double chance = 0;
    for (auto& [s, k] : sizes) chance += (double(k) / n) * (double(k - 1) / (n - 1));
    std::printf("articles with a section: %zu in %zu sections; p@5 by chance: %.3f\n", n, sizes.size(),
                chance);
  }

  auto t0 = Steady::now();
  TermLists ours = OurTerms(docs, AnalyzerOptions::Stemmer::kLight);
  double ours_s = Seconds(t0);
  // The term lists the store keeps must be these very lists.
  {
    ArticleTermLists interned;
    Check(store.LoadArticleTerms(&interned), "LoadArticleTerms");
    TermLists stored;
    for (const auto& [id, list] : interned.lists) {
      for (const auto& [term, weight] : list) stored[id].emplace_back(interned.terms[term], weight);
    }
    size_t differ = 0;
    for (auto& [id, list] : ours) {
      auto it = stored.find(id);
      std::vector<std::pair<std::string, int>> a = list, b = it == stored.end() ? decltype(a){} : it->second;
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      if (a != b) ++differ;
    }
    std::printf("our term lists (TopTerms, light stemmer, 40 terms): %.2f s; differ from the store's "
                "article_terms for %zu of %zu articles\n",
                ours_s, differ, ours.size());
  }
  t0 = Steady::now();
  TermLists base = BaselineTerms(base_db, docs, false);
  std::printf("baseline term lists (TokenizeWith \"%s\", no stop list): %.2f s\n", kBaselineSpec,
              Seconds(t0));
  TermLists base_stop = BaselineTerms(base_db, docs, true);
  TermLists snowball = OurTerms(docs, AnalyzerOptions::Stemmer::kSnowball);
  TermLists combined = OurTerms(docs, AnalyzerOptions::Stemmer::kCombined);

  const RelatedWeights content_only{1.0, 0.0, 0.0, 0.0};
  struct Row {
    std::string name;
    Precision p;
  };
  std::vector<Row> rows;
  auto run = [&](const std::string& name, const TermLists& terms, const RelatedWeights& w) {
    auto t = Steady::now();
    auto related = ComputeAutoRelated(features, terms, kAutoRelatedCount, w);
    double s = Seconds(t);
    rows.push_back({name, Evaluate(related, section_of)});
    std::printf("  computed %-52s in %.2f s\n", name.c_str(), s);
  };
  run("(a) qalam analyzer (light stemmer), content only", ours, content_only);
  run("(b) unicode61 remove_diacritics 2, content only", base, content_only);
  run("    unicode61 + our stop list, content only", base_stop, content_only);
  run("    qalam analyzer, Snowball stemmer, content only", snowball, content_only);
  run("    qalam analyzer, combined stemmer, content only", combined, content_only);
  run("    production weights (default), qalam analyzer", ours, RelatedWeights{});
  run("    production weights (default), unicode61", base, RelatedWeights{});
  {
    std::map<Id, std::vector<Id>> stored;
    Check(store.LoadAutoRelated(&stored), "LoadAutoRelated");
    rows.push_back({"    production: the lists stored by the import", Evaluate(stored, section_of)});
  }
  if (mlt_sample > 0) {
    std::vector<Id> ids;
    for (auto& [id, s] : section_of) {
      if (s) ids.push_back(id);
    }
    std::mt19937 rng(7);
    std::shuffle(ids.begin(), ids.end(), rng);
    if (ids.size() > mlt_sample) ids.resize(mlt_sample);
    std::sort(ids.begin(), ids.end());
    const std::set<Id> sample(ids.begin(), ids.end());
    sqlite3* site_db = OpenDb(site_dir + "/qalam.db", true);
    if (!sqlite::RegisterQalamTokenizer(site_db)) Die("cannot register the qalam tokenizer");
    double ms_ours = 0, ms_base = 0;
    auto mlt_ours = MoreLikeThis(site_db, "article_search", ours, ids, &ms_ours);
    auto mlt_base = MoreLikeThis(base_db, "base", base, ids, &ms_base);
    sqlite3_close(site_db);
    char name[160];
    std::snprintf(name, sizeof name, "    BM25 more-like-this, qalam index (%zu sampled, %.1f ms each)",
                  ids.size(), ms_ours);
    rows.push_back({name, Evaluate(mlt_ours, section_of, &sample)});
    std::snprintf(name, sizeof name, "    BM25 more-like-this, unicode61 index (same sample, %.1f ms each)",
                  ms_base);
    rows.push_back({name, Evaluate(mlt_base, section_of, &sample)});
    // Our content-only lists on the same sample, to compare like with like.
    auto related = ComputeAutoRelated(features, ours, kAutoRelatedCount, content_only);
    auto related_b = ComputeAutoRelated(features, base, kAutoRelatedCount, content_only);
    rows.push_back({"    (a) on the same sample", Evaluate(related, section_of, &sample)});
    rows.push_back({"    (b) on the same sample", Evaluate(related_b, section_of, &sample)});
  }

  std::printf("\n%-70s %7s %9s %7s %9s\n", "related articles by", "p@5", "macro p@5", "full", "p@ret");
  for (const Row& r : rows) {
    std::printf("%-70s %7.3f %9.3f %6.1f%% %9.3f\n", r.name.c_str(), r.p.p5, r.p.macro_p5,
                100 * r.p.full_lists, r.p.p_returned);
  }
  std::printf("(p@5: same-section articles among the five shown / 5, a missing place counting as a miss;"
              " macro: mean over sections; full: share of articles with five related; p@ret: "
              "same-section / shown)\n");
  std::printf("\np@5 by section (content only): %-12s %7s %7s %7s\n", "section", "size", "(a)", "(b)");
  std::map<Id, size_t> sizes;
  for (auto& [id, s] : section_of) {
    if (s) ++sizes[s];
  }
  for (auto& [s, k] : sizes) {
    std::printf("  %-40s %7zu %7.3f %7.3f\n", names.count(s) ? names.at(s).c_str() : "?", k,
                rows[0].p.p5_by_section[s], rows[1].p.p5_by_section[s]);
  }
}

// The server keeps one VocabularyCache per site (web/search_routes.cc); so
// does each phase here (a new one per site).
VocabularyCache* SharedVocabulary(bool fresh = false) {
  static VocabularyCache* cache = new VocabularyCache();
  if (fresh) cache->Invalidate();
  return cache;
}

// --- 2. variants ------------------------------------------------------------------------

struct Pair {
  std::string query, variant, group;
};

std::vector<Pair> ReadPairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<Pair> out;
  std::string line, group = "?";
  bool first_comment = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (first_comment) {
        first_comment = false;  // The file's description.
        continue;
      }
      group = Trim(line.substr(1));
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({ToNfc(Trim(line.substr(0, tab))), ToNfc(Trim(line.substr(tab + 1))), group});
  }
  return out;
}

// Whole words as a reader sees them: runs of letters, marks (tashkeel) and
// digits (tatweel is a letter); a '.', ',', '٫' or '٬' between two digits
// stays inside a number (2.5, ٢٫٥).
void ForEachWord(const std::string& text, const std::function<void(std::string_view)>& f) {
  auto decode = [&](size_t i, UChar32* cp) -> size_t {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    UChar32 v = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < text.size(); ++k) v = (v << 6) | (text[i + k] & 0x3F);
    *cp = v;
    return static_cast<size_t>(len);
  };
  auto is_word = [](UChar32 c) {
    int32_t mask = U_GET_GC_MASK(c);
    return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
  };
  size_t i = 0, start = std::string::npos;
  UChar32 prev = 0;
  while (i < text.size()) {
    UChar32 c;
    size_t len = decode(i, &c);
    bool word = is_word(c);
    if (!word && start != std::string::npos && (c == '.' || c == ',' || c == 0x066B || c == 0x066C) &&
        u_isdigit(prev) && i + len < text.size()) {
      UChar32 next;
      decode(i + len, &next);
      word = u_isdigit(next);
    }
    if (word) {
      if (start == std::string::npos) start = i;
    } else if (start != std::string::npos) {
      f(std::string_view(text).substr(start, i - start));
      start = std::string::npos;
    }
    prev = c;
    i += len;
  }
  if (start != std::string::npos) f(std::string_view(text).substr(start));
}

std::string Day(int64_t t, const std::string& tz) { return FormatIsoDateTime(t, tz).substr(0, 10); }

struct DirectionResult {
  size_t pairs = 0, found_ours = 0, found_base = 0;
  size_t articles = 0, articles_ours = 0, articles_base = 0;
  size_t synthetic = 0;
  std::map<std::string, std::array<size_t, 3>> by_group;  // pairs, ours, base
  std::string misses_ours, misses_base;
};

void VariantsSection(Store& store, const std::string& site_dir, std::vector<Doc> docs,
                     const std::string& pairs_path, const std::string& tmp) {
  std::printf("\n== 2. Variants: bench/search/variant_pairs.tsv ==\n");
  const std::vector<Pair> pairs = ReadPairs(pairs_path);
  Settings settings;
  Check(store.LoadSettings(&settings), "settings");
  const std::string tz = settings.timezone();

  // Token level: stem(query) == stem(variant), for each stemmer.
  {
    sqlite3* mem = OpenDb(":memory:", false);
    struct Way {
      const char* name;
      int found = 0;
      std::string misses;
    } ways[] = {{"LightStem (qalam default)", 0, ""}, {"SnowballStem", 0, ""}, {"combined (Snowball of light)", 0, ""},
                {"unicode61 remove_diacritics 2", 0, ""}};
    for (const Pair& p : pairs) {
      for (int w = 0; w < 4; ++w) {
        std::vector<std::string> a, b;
        if (w < 3) {
          AnalyzerOptions o;
          o.stemmer = w == 0 ? AnalyzerOptions::Stemmer::kLight
                      : w == 1 ? AnalyzerOptions::Stemmer::kSnowball
                               : AnalyzerOptions::Stemmer::kCombined;
          for (const auto& t : arabic::Analyze(p.query, o)) a.push_back(t.stem);
          for (const auto& t : arabic::Analyze(p.variant, o)) b.push_back(t.stem);
        } else {
          sqlite::TokenizeWith(mem, kBaselineSpec, p.query, &a);
          sqlite::TokenizeWith(mem, kBaselineSpec, p.variant, &b);
        }
        if (a == b && !a.empty()) {
          ++ways[w].found;
        } else {
          ways[w].misses += " " + p.query + "/" + p.variant;
        }
      }
    }
    sqlite3_close(mem);
    std::printf("token level, stem(query) == stem(variant), %zu pairs:\n", pairs.size());
    for (const Way& w : ways) {
      std::printf("  %-32s %.3f (%d of %zu)\n    missed:%s\n", w.name, double(w.found) / pairs.size(),
                  w.found, pairs.size(), w.misses.c_str());
    }
  }

  // Which articles hold each form as a whole word.
  std::unordered_map<std::string, std::set<Id>> holders;
  for (const Pair& p : pairs) holders[p.query], holders[p.variant];
  for (const Doc& d : docs) {
    auto look = [&](std::string_view w) {
      auto it = holders.find(std::string(w));
      if (it != holders.end()) it->second.insert(d.id);
    };
    ForEachWord(d.title, look);
    for (const auto& h : d.highlights) ForEachWord(h, look);
    ForEachWord(d.body, look);
  }

  // A synthetic article for each constructed variant no corpus article holds
  // without the query form: "نص للقياس يذكر <variant> هنا".
  std::map<std::string, Id> synthetic;
  {
    std::vector<Article> extra;
    std::set<std::string> seen;
    for (const Pair& p : pairs) {
      std::set<Id> only;
      std::set_difference(holders[p.variant].begin(), holders[p.variant].end(), holders[p.query].begin(),
                          holders[p.query].end(), std::inserter(only, only.end()));
      if (!only.empty() || !seen.insert(p.variant).second) continue;
      Article a;
      a.external_id = "bench-variant-" + std::to_string(extra.size() + 1);
      a.title = "مقال للقياس";
      a.body_markdown = "نص للقياس يذكر " + p.variant + " هنا.";
      a.body_html = RenderMarkdown(a.body_markdown);
      Check(ParseIsoDateTime("2020-01-15T12:00", tz, &a.published_at), "date");
      PrepareArticle(&a);
      extra.push_back(std::move(a));
    }
    if (!extra.empty()) {
      std::vector<SaveResult> results;
      std::set<std::string> changes;
      Check(store.SaveArticles(&extra, &results, &changes), "save synthetic articles");
      for (size_t i = 0; i < extra.size(); ++i) {
        std::string variant = extra[i].body_markdown.substr(std::strlen("نص للقياس يذكر "));
        variant = variant.substr(0, variant.size() - std::strlen(" هنا."));
        synthetic[variant] = results[i].id;
        Doc d;
        d.id = results[i].id;
        d.title = extra[i].title;
        d.body = extra[i].body_markdown;
        d.published_at = extra[i].published_at;
        docs.push_back(d);
        holders[variant].insert(d.id);
      }
    }
  }
  std::map<Id, const Doc*> by_id;
  for (const Doc& d : docs) by_id[d.id] = &d;

  double base_build = 0;
  sqlite3* base = BuildBaselineIndex(docs, tmp + "/variants-baseline.db", &base_build);
  sqlite3_stmt* bq = nullptr;
  sqlite3_prepare_v2(base, "SELECT rowid FROM base WHERE base MATCH ?1", -1, &bq, nullptr);
  auto baseline_results = [&](const std::string& word) {
    std::set<Id> ids;
    std::string quoted = "\"";
    for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    sqlite3_bind_text(bq, 1, quoted.data(), static_cast<int>(quoted.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(bq) == SQLITE_ROW) ids.insert(sqlite3_column_int64(bq, 0));
    sqlite3_reset(bq);
    return ids;
  };
  // Ours: RunSearch for the word, filtered to the candidate's day (so that
  // the whole result set can be paged through), looking for its id.
  size_t searches = 0;
  double search_ms = 0;
  auto ours_finds = [&](const std::string& word, const Doc& d) {
    SearchOptions o;
    o.query = word;
    o.from = o.to = Day(d.published_at, tz);
    o.limit = kMaxSearchLimit;
    for (o.offset = 0;; o.offset += o.limit) {
      SearchResult r;
      auto t0 = Steady::now();
      Status st = RunSearch(store, settings, o, /*now=*/1700000000, &r, SharedVocabulary());
      search_ms += Ms(t0);
      ++searches;
      if (!st.ok()) return false;
      for (const auto& h : r.hits) {
        if (h.id == d.id) return true;
      }
      if (o.offset + o.limit >= r.total) return false;
    }
  };

  constexpr size_t kPerPair = 20;
  auto run = [&](bool forward) {
    DirectionResult res;
    for (const Pair& p : pairs) {
      const std::string& q = forward ? p.query : p.variant;
      const std::string& v = forward ? p.variant : p.query;
      std::vector<Id> only;
      std::set_difference(holders[v].begin(), holders[v].end(), holders[q].begin(), holders[q].end(),
                          std::back_inserter(only));
      bool synth = false;
      if (only.empty()) continue;  // Reverse direction only: nothing to find.
      if (forward && synthetic.count(v) && only.size() == 1 && only[0] == synthetic[v]) synth = true;
      // An even sample of the candidates, the same for both.
      std::vector<Id> sample;
      for (size_t k = 0; k < std::min(kPerPair, only.size()); ++k) {
        sample.push_back(only[k * only.size() / std::min(kPerPair, only.size())]);
      }
      std::set<Id> base_hits = baseline_results(q);
      size_t ours_n = 0, base_n = 0;
      for (Id id : sample) {
        if (ours_finds(q, *by_id[id])) ++ours_n;
        if (base_hits.count(id)) ++base_n;
      }
      ++res.pairs;
      res.synthetic += synth;
      res.articles += sample.size();
      res.articles_ours += ours_n;
      res.articles_base += base_n;
      auto& g = res.by_group[p.group];
      ++g[0];
      if (ours_n) {
        ++res.found_ours;
        ++g[1];
      } else {
        res.misses_ours += " " + q + "→" + v;
      }
      if (base_n) {
        ++res.found_base;
        ++g[2];
      } else {
        res.misses_base += " " + q + "→" + v;
      }
    }
    return res;
  };
  auto t0 = Steady::now();
  DirectionResult fwd = run(true);
  DirectionResult rev = run(false);
  std::printf("document level (%zu articles; baseline FTS5 table built in %.2f s), %zu RunSearch calls, "
              "%.1f ms each on average, in %.1f s\n",
              docs.size(), base_build, searches, searches ? search_ms / searches : 0.0, Seconds(t0));
  std::printf("A pair is found when searching the query word finds at least one of the articles that "
              "hold the variant as a whole word and not the query form (up to %zu such articles "
              "tested per pair, evenly spread; a synthetic article when the corpus has none).\n",
              kPerPair);
  for (auto [res, name] : {std::pair{&fwd, "query → variant"}, std::pair{&rev, "variant → query"}}) {
    std::printf("\n%s: %zu pairs (%zu with a synthetic article), %zu articles tested\n", name, res->pairs,
                res->synthetic, res->articles);
    std::printf("  %-34s pairs %.3f (%zu/%zu)   articles %.3f (%zu/%zu)\n", "qalam (RunSearch)",
                double(res->found_ours) / res->pairs, res->found_ours, res->pairs,
                double(res->articles_ours) / res->articles, res->articles_ours, res->articles);
    std::printf("  %-34s pairs %.3f (%zu/%zu)   articles %.3f (%zu/%zu)\n", "unicode61 (FTS5 MATCH)",
                double(res->found_base) / res->pairs, res->found_base, res->pairs,
                double(res->articles_base) / res->articles, res->articles_base, res->articles);
    std::printf("  qalam missed:%s\n  unicode61 missed:%s\n", res->misses_ours.c_str(),
                res->misses_base.c_str());
    if (res == &fwd) {
      std::printf("  by group (pairs found, qalam / unicode61):\n");
      std::vector<std::string> order;
      for (const Pair& p : pairs) {
        if (std::find(order.begin(), order.end(), p.group) == order.end()) order.push_back(p.group);
      }
      for (const std::string& g : order) {
        auto it = res->by_group.find(g);
        if (it == res->by_group.end()) continue;
        std::printf("    %-60s %2zu/%-2zu  %2zu/%-2zu\n", g.c_str(), it->second[1], it->second[0],
                    it->second[2], it->second[0]);
      }
    }
  }
  sqlite3_finalize(bq);
  sqlite3_close(base);
}

// --- 3. speed ---------------------------------------------------------------------------

struct Query {
  std::string text;
  std::string kind;
};

// Queries drawn from titles: 1, 2 or 3 consecutive words as typed (stop words
// included; the parser drops them), or a quoted phrase of 2–3 words.
std::vector<Query> DrawQueries(const std::vector<Doc>& docs, size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Query> out;
  std::uniform_int_distribution<size_t> pick_doc(0, docs.size() - 1);
  std::uniform_real_distribution<double> u(0, 1);
  while (out.size() < n) {
    const Doc& d = docs[pick_doc(rng)];
    std::vector<std::string> words;
    for (const auto& t : arabic::Analyze(d.title)) words.push_back(d.title.substr(t.begin, t.end - t.begin));
    double r = u(rng);
    size_t len;
    std::string kind;
    bool phrase = false;
    if (r < 0.35) {
      len = 1, kind = "1 word";
    } else if (r < 0.65) {
      len = 2, kind = "2 words";
    } else if (r < 0.80) {
      len = 3, kind = "3 words";
    } else {
      len = u(rng) < 0.5 ? 2 : 3, kind = "phrase", phrase = true;
    }
    if (words.size() < len) continue;
    size_t start = std::uniform_int_distribution<size_t>(0, words.size() - len)(rng);
    std::string q;
    bool content = false;
    for (size_t k = 0; k < len; ++k) {
      q += (k ? " " : "") + words[start + k];
      content |= !arabic::IsStopWord(arabic::Normalize(words[start + k]));
    }
    if (!content) continue;
    if (phrase) q = "\"" + q + "\"";
    out.push_back({q, kind});
  }
  return out;
}

// A word of a title with one letter replaced: the "هل تقصد" path.
std::vector<Query> DrawTypos(const std::vector<Doc>& docs, size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  const std::u32string letters = U"ابتثجحخدذرسشصضطظعغفقكلمنهوي";
  std::vector<Query> out;
  while (out.size() < n) {
    const Doc& d = docs[std::uniform_int_distribution<size_t>(0, docs.size() - 1)(rng)];
    std::vector<std::string> words;
    for (const auto& t : arabic::Analyze(d.title)) {
      if (!t.stop && CountCodePoints(t.exact) >= 5) words.push_back(t.exact);
    }
    if (words.empty()) continue;
    std::string w = words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(rng)];
    // Decode, replace one letter in the middle, encode.
    std::u32string cp;
    for (size_t i = 0; i < w.size();) {
      unsigned char c = w[i];
      int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t v = len == 1 ? c : c & (0xFF >> (len + 1));
      for (int k = 1; k < len; ++k) v = (v << 6) | (w[i + k] & 0x3F);
      cp.push_back(v);
      i += len;
    }
    size_t at = std::uniform_int_distribution<size_t>(1, cp.size() - 2)(rng);
    cp[at] = letters[std::uniform_int_distribution<size_t>(0, letters.size() - 1)(rng)];
    std::string s;
    for (char32_t c : cp) {
      if (c < 0x80) {
        s += static_cast<char>(c);
      } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    out.push_back({s, "typo"});
  }
  return out;
}

struct Timed {
  Query q;
  double ms = 0;
  int64_t total = 0;
  bool matched_all = true;
  bool suggested = false;
};

// Runs the queries in order, stopping after `budget_s` seconds (0: no limit).
std::vector<Timed> RunQueries(Store& store, const Settings& settings, const std::vector<Query>& queries,
                              int64_t now, double budget_s = 0, const SearchOptions& base = {}) {
  std::vector<Timed> out;
  auto start = Steady::now();
  for (const Query& q : queries) {
    if (budget_s > 0 && Seconds(start) > budget_s) break;
    SearchOptions o = base;
    o.query = q.text;
    o.limit = 10;
    SearchResult r;
    auto t0 = Steady::now();
    Status st = RunSearch(store, settings, o, now, &r, SharedVocabulary());
    double ms = Ms(t0);
    if (!st.ok()) Die("query «" + q.text + "»: " + st.message());
    out.push_back({q, ms, r.total, r.matched_all, !r.suggestion.empty()});
    if (static FILE* dump = std::getenv("SEARCH_BENCH_DUMP") ? std::fopen(std::getenv("SEARCH_BENCH_DUMP"), "w") : nullptr; dump) {
      std::fprintf(dump, "%s\t%lld", q.text.c_str(), static_cast<long long>(r.total));
      for (const auto& h : r.hits) std::fprintf(dump, " %lld", static_cast<long long>(h.id));
      std::fprintf(dump, "\n");
      std::fflush(dump);
    }
  }
  return out;
}

void PrintLatency(const char* label, const std::vector<Timed>& runs) {
  if (runs.empty()) return;
  std::vector<double> ms;
  for (const auto& t : runs) ms.push_back(t.ms);
  std::printf("  %-22s n=%-5zu p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  max %8.2f ms  mean %8.2f ms\n",
              label, ms.size(), Percentile(ms, 50), Percentile(ms, 90), Percentile(ms, 99),
              *std::max_element(ms.begin(), ms.end()), Mean(ms));
}

void PrintLatencyDetail(const std::vector<Timed>& runs) {
  PrintLatency("all", runs);
  for (const char* kind : {"1 word", "2 words", "3 words", "phrase"}) {
    std::vector<Timed> sub;
    for (const auto& t : runs) {
      if (t.q.kind == kind) sub.push_back(t);
    }
    PrintLatency(kind, sub);
  }
  size_t any = 0, sugg = 0;
  std::vector<double> totals;
  for (const auto& t : runs) {
    any += !t.matched_all;
    sugg += t.suggested;
    totals.push_back(double(t.total));
  }
  std::printf("  results: median total %.0f, p90 %.0f, max %.0f; %zu fell back to any word; %zu got "
              "a suggestion\n",
              Percentile(totals, 50), Percentile(totals, 90), *std::max_element(totals.begin(), totals.end()),
              any, sugg);
  std::printf("  by number of matching articles (total):\n");
  const int64_t bounds[] = {0, 10, 100, 1000, 5000, 1000000000};
  for (size_t b = 0; b + 1 < std::size(bounds); ++b) {
    std::vector<Timed> sub;
    for (const auto& t : runs) {
      if (t.total >= bounds[b] && t.total < bounds[b + 1]) sub.push_back(t);
    }
    char label[64];
    std::snprintf(label, sizeof label, "  %lld–%lld", static_cast<long long>(bounds[b]),
                  static_cast<long long>(bounds[b + 1] - 1));
    PrintLatency(label, sub);
  }
  auto slow = runs;
  std::sort(slow.begin(), slow.end(), [](const Timed& a, const Timed& b) { return a.ms > b.ms; });
  std::printf("  slowest:\n");
  for (size_t i = 0; i < 10 && i < slow.size(); ++i) {
    std::printf("    %8.2f ms  total %6lld  %-8s %s%s%s\n", slow[i].ms, static_cast<long long>(slow[i].total),
                slow[i].q.kind.c_str(), slow[i].q.text.c_str(), slow[i].matched_all ? "" : "  (any word)",
                slow[i].suggested ? "  (suggestion)" : "");
  }
}

// Planner statistics (ANALYZE) on a site's database: changes query plans
// only, never results.
double AnalyzeDb(const std::string& site_dir) {
  sqlite3* db = OpenDb(site_dir + "/qalam.db", false);
  if (!sqlite::RegisterQalamTokenizer(db)) Die("cannot register the qalam tokenizer");
  auto t = Steady::now();
  Exec(db, "ANALYZE");
  double s = Seconds(t);
  sqlite3_close(db);
  return s;
}

struct SpeedArgs {
  std::string tmp, ant_path, snn_path;
  ImportRun ant_alone;
  double ant_parse_s = 0, ant_refresh_s = 0, ant_reindex_s = 0;
  size_t queries = 1000;
  double shipped_budget_s = 300;
  bool reuse = false, analyze = false, queries_only = false;
};

void SpeedSection(const SpeedArgs& args) {
  std::printf("\n== 3. Speed ==\n");
  SharedVocabulary(/*fresh=*/true);  // Another site from here on.
  std::printf("import path: ImportArticles (parse + NFC + Markdown, SaveArticles in batches of 500 "
              "which puts each article in the FTS5 index and stores its term list, then "
              "RefreshAutoRelated)\n");
  const ImportRun& ant_alone = args.ant_alone;
  if (ant_alone.summary.created) {
    std::printf("ANT alone, new site: %zu lines, %zu created, %zu skipped: %.2f s = %.0f articles/s "
                "(%.0f lines/s)\n",
                ant_alone.summary.lines, ant_alone.summary.created, ant_alone.summary.errors.size(),
                ant_alone.seconds, ant_alone.summary.created / ant_alone.seconds,
                ant_alone.summary.lines / ant_alone.seconds);
    std::printf("  of which: parsing the lines (ParseArticleLine, timed apart) %.2f s; RefreshAutoRelated "
                "(timed apart, same work) %.2f s; so SaveArticles ≈ %.2f s = %.0f articles/s\n",
                args.ant_parse_s, args.ant_refresh_s,
                ant_alone.seconds - args.ant_parse_s - args.ant_refresh_s,
                ant_alone.summary.created / (ant_alone.seconds - args.ant_parse_s - args.ant_refresh_s));
    std::printf("ANT alone: RebuildSearchIndex (`qalam search reindex`: FTS5 + term lists) %.2f s = %.0f "
                "articles/s\n",
                args.ant_reindex_s, ant_alone.summary.created / args.ant_reindex_s);
  }

  const std::string dir = args.tmp + "/combined";
  std::unique_ptr<Store> store;
  if (args.reuse) {
    Check(OpenStore(dir, StoreOptions{}, &store), "open " + dir);
  } else {
    store = NewSite(dir);
    size_t kept = 0, skipped = 0;
    auto t0 = Steady::now();
    std::string snn = SaudiNewsNetAsInterchange(args.snn_path, &kept, &skipped);
    std::printf("SaudiNewsNet: %zu articles read (%zu left out: empty title or text), turned into "
                "interchange lines in memory in %.2f s (not counted)\n",
                kept, skipped, Seconds(t0));
    ImportRun snn_run;
    {
      std::istringstream in(std::move(snn));
      snn_run = Import(*store, in);
    }
    std::printf("SaudiNewsNet, new site: %zu created, %zu errors: %.2f s = %.0f articles/s\n",
                snn_run.summary.created, snn_run.summary.errors.size(), snn_run.seconds,
                snn_run.summary.created / snn_run.seconds);
    for (size_t i = 0; i < std::min<size_t>(3, snn_run.summary.errors.size()); ++i) {
      std::printf("    error line %zu: %s\n", snn_run.summary.errors[i].line,
                  snn_run.summary.errors[i].reason.c_str());
    }
    ImportRun ant_run;
    {
      std::ifstream in(args.ant_path);
      ant_run = Import(*store, in);
    }
    std::printf("ANT onto the SaudiNewsNet site: %zu created: %.2f s = %.0f articles/s\n",
                ant_run.summary.created, ant_run.seconds, ant_run.summary.created / ant_run.seconds);
  }
  int64_t published = 0, drafts = 0;
  Check(store->CountArticles(&published, &drafts), "count");
  std::printf("combined site: %lld published articles; qalam.db %.0f MB\n",
              static_cast<long long>(published),
              std::filesystem::file_size(dir + "/qalam.db") / 1048576.0);

  // RefreshAutoRelated on its own (nothing changed: the whole computation, no writes).
  {
    std::vector<double> s;
    size_t changed_first = 0;
    for (int i = 0; i < 3; ++i) {
      auto t = Steady::now();
      size_t changed = 0;
      Check(RefreshAutoRelated(*store, &changed), "refresh");
      s.push_back(Seconds(t));
      if (i == 0) changed_first = changed;
    }
    std::sort(s.begin(), s.end());
    std::printf("RefreshAutoRelated over %lld articles: median %.0f ms (of 3: %.0f %.0f %.0f); lists changed "
                "by the first: %zu\n",
                static_cast<long long>(published), s[1] * 1000, s[0] * 1000, s[1] * 1000, s[2] * 1000,
                changed_first);
    std::vector<RelatednessFeatures> f;
    ArticleTermLists terms;
    std::map<Id, std::vector<Id>> stored;
    auto t = Steady::now();
    Check(store->LoadRelatednessFeatures(&f), "features");
    double f_ms = Ms(t);
    t = Steady::now();
    Check(store->LoadArticleTerms(&terms), "terms");
    double t_ms = Ms(t);
    t = Steady::now();
    Check(store->LoadAutoRelated(&stored), "related");
    double r_ms = Ms(t);
    t = Steady::now();
    auto fresh = ComputeAutoRelated(f, terms);
    double c_ms = Ms(t);
    std::printf("  its parts: LoadRelatednessFeatures %.0f ms, LoadArticleTerms %.0f ms, LoadAutoRelated "
                "%.0f ms, ComputeAutoRelated %.0f ms\n",
                f_ms, t_ms, r_ms, c_ms);
  }

  Settings settings;
  Check(store->LoadSettings(&settings), "settings");
  std::vector<Doc> docs = ReadDocs(dir);
  const int64_t now = 1700000000;
  const auto queries = DrawQueries(docs, args.queries, 42);
  std::printf("\nqueries: %zu drawn from the titles of both corpora (35%% one word, 30%% two, 15%% three, "
              "20%% a quoted phrase of 2–3 words; words as written, stop words included), run one at a "
              "time through RunSearch (limit 10, the site's default settings)\n",
              queries.size());

  // The measured run, the database as the import leaves it.
  {
    RunQueries(*store, settings, DrawQueries(docs, 100, 99), now, args.shipped_budget_s);  // Warm-up.
    CpuMeter cpu;
    cpu.Start();
    auto runs = RunQueries(*store, settings, queries, now, args.shipped_budget_s);
    std::printf("\nquery latency, %zu queries after 100 warm-up queries%s; other processes' CPU during the "
                "run: %.0f%%\n",
                runs.size(), runs.size() < queries.size() ? " (stopped by the time budget)" : "",
                cpu.OtherPercent());
    PrintLatencyDetail(runs);
  }
  if (args.queries_only) return;
  if (args.analyze) {
    double analyze_s = AnalyzeDb(dir);
    store.reset();
    Check(OpenStore(dir, StoreOptions{}, &store), "reopen " + dir);
    CpuMeter cpu;
    cpu.Start();
    auto runs = RunQueries(*store, settings, queries, now, args.shipped_budget_s);
    std::printf("\nthe same after ANALYZE (%.1f s; planner statistics change plans, not results); other "
                "CPU %.0f%%\n",
                analyze_s, cpu.OtherPercent());
    PrintLatencyDetail(runs);
  }
  {
    std::shared_ptr<const Vocabulary> v;
    auto t = Steady::now();
    Check(Vocabulary::Load(*store, &v), "vocabulary");
    std::printf("Vocabulary::Load (the \"هل تقصد\" word list, read once and cached until a write): %.0f ms\n",
                Ms(t));
  }
  // A filter that leaves few results (one day): RunSearch then looks for
  // corrections, probing each word unfiltered.
  {
    std::mt19937 rng(8);
    std::vector<Timed> runs;
    for (int i = 0; i < 100; ++i) {
      const Doc& d = docs[std::uniform_int_distribution<size_t>(0, docs.size() - 1)(rng)];
      std::vector<std::string> words;
      for (const auto& t : arabic::Analyze(d.title)) {
        if (!t.stop) words.push_back(d.title.substr(t.begin, t.end - t.begin));
      }
      if (words.empty()) continue;
      SearchOptions o;
      o.from = o.to = Day(d.published_at, settings.timezone());
      auto r = RunQueries(*store, settings,
                          {{words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(rng)], "1 word"}},
                          now, 0, o);
      runs.push_back(r[0]);
    }
    std::printf("\none title word filtered to its article's day:\n");
    PrintLatency("one day", runs);
    std::vector<Timed> few;
    for (const auto& t : runs) {
      if (t.total < 3) few.push_back(t);
    }
    PrintLatency("  of which total < 3", few);
  }
  // Misspelled words: the "هل تقصد" path.
  {
    auto typos = RunQueries(*store, settings, DrawTypos(docs, 30, 5), now);
    std::printf("misspelled single words, one letter replaced (cached vocabulary, as the server has it):\n");
    PrintLatency("typo", typos);
    std::vector<Timed> with;
    for (auto& t : typos) {
      if (t.suggested) with.push_back(t);
    }
    PrintLatency("  with a suggestion", with);
  }
  // Suggestions as one types.
  {
    std::mt19937 rng(11);
    std::vector<double> ms;
    for (int i = 0; i < 300; ++i) {
      const Doc& d = docs[std::uniform_int_distribution<size_t>(0, docs.size() - 1)(rng)];
      std::vector<arabic::Token> toks = arabic::Analyze(d.title);
      if (toks.size() < 2) continue;
      // The first word and the first 3 letters of the second, as typed.
      std::string typed = d.title.substr(0, toks[1].begin);
      std::string second = d.title.substr(toks[1].begin, toks[1].end - toks[1].begin);
      size_t cut = 0;
      for (int k = 0; k < 3 && cut < second.size(); ++k) {
        unsigned char c = second[cut];
        cut += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      }
      typed += second.substr(0, cut);
      std::vector<SearchHit> hits;
      auto t = Steady::now();
      Check(SuggestTitles(*store, settings, typed, now, 8, &hits), "suggest");
      ms.push_back(Ms(t));
    }
    std::printf("SuggestTitles (first word + 3 letters of the second, limit 8): n=%zu p50 "
                "%.2f ms p99 %.2f ms max %.2f ms\n",
                ms.size(), Percentile(ms, 50), Percentile(ms, 99), *std::max_element(ms.begin(), ms.end()));
  }

  // One edited article: SaveArticles of the changed article (updates its
  // FTS5 row and term list in the same transaction).
  {
    std::mt19937 rng(3);
    std::vector<double> save_ms;
    for (int i = 0; i < 30; ++i) {
      const Doc& d = docs[std::uniform_int_distribution<size_t>(0, docs.size() - 1)(rng)];
      Article a;
      Check(store->GetArticleBySlug(d.slug, &a), "get " + d.slug);
      a.body_markdown += "\n\nتحديث رقم " + std::to_string(i + 1) + ": أضيفت هذه الفقرة بعد النشر.";
      a.body_html = RenderMarkdown(a.body_markdown);
      std::vector<SaveResult> results;
      std::set<std::string> changes;
      auto t = Steady::now();
      PrepareArticle(&a);  // Search text and terms, as the store computed them before issue 11.
      std::vector<Article> one{a};
      Check(store->SaveArticles(&one, &results, &changes), "save");
      save_ms.push_back(Ms(t));
      if (results.empty() || !results[0].changed) Die("the edit was not saved as a change");
    }
    std::printf("\nedit of one article: SaveArticles of the changed article (row, FTS5 delete + insert, "
                "term list, change keys), 30 edits: p50 %.2f ms, p90 %.2f ms, max %.2f ms\n",
                Percentile(save_ms, 50), Percentile(save_ms, 90), *std::max_element(save_ms.begin(), save_ms.end()));
    SearchOptions o;
    o.query = "\"أضيفت هذه الفقرة بعد النشر\"";
    SearchResult r;
    Check(RunSearch(*store, settings, o, now, &r), "search edited");
    std::printf("  a search for the added sentence right after finds %lld articles (30 edited)\n",
                static_cast<long long>(r.total));
    // The same edit as `qalam import` makes it: one line through ImportArticles
    // (SaveArticles, then RefreshAutoRelated over the whole site).
    std::vector<double> import_ms;
    for (int i = 0; i < 3; ++i) {
      const Doc& d = docs[std::uniform_int_distribution<size_t>(0, docs.size() - 1)(rng)];
      nlohmann::json line;
      line["id"] = d.external_id;
      line["title"] = d.title;
      line["body"] = d.body + "\n\nتحديث عبر الاستيراد رقم " + std::to_string(i + 1);
      std::istringstream in(line.dump() + "\n");
      ImportRun run = Import(*store, in);
      import_ms.push_back(run.seconds * 1000);
    }
    std::printf("  the same kind of edit as a one-line `qalam import` (ImportArticles: save, then "
                "RefreshAutoRelated over the site): %.0f, %.0f, %.0f ms\n",
                import_ms[0], import_ms[1], import_ms[2]);
  }
}

}  // namespace
}  // namespace qalam

int main(int argc, char** argv) {
  using namespace qalam;
  std::string ant, snn, pairs, tmp;
  size_t queries = 1000, mlt = 1000;
  bool relevance = true, variants = true, speed = true, reuse = false, reuse_combined = false;
  double shipped_budget = 300;
  bool analyze = false, queries_only = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + a);
      return argv[++i];
    };
    if (a == "--ant") {
      ant = value();
    } else if (a == "--snn") {
      snn = value();
    } else if (a == "--pairs") {
      pairs = value();
    } else if (a == "--tmp") {
      tmp = value();
    } else if (a == "--queries") {
      queries = std::stoul(value());
    } else if (a == "--mlt-sample") {
      mlt = std::stoul(value());
    } else if (a == "--reuse-ant") {  // Development: the ANT site of an earlier run in --tmp.
      reuse = true;
    } else if (a == "--reuse-combined") {  // Development: the combined site of an earlier run.
      reuse_combined = true;
    } else if (a == "--queries-only") {  // Development: stop the speed section after the queries.
      queries_only = true;
    } else if (a == "--analyze") {  // Also measure the queries again after ANALYZE.
      analyze = true;
    } else if (a == "--shipped-budget") {  // Seconds at most for the 1,000 queries.
      shipped_budget = std::stod(value());
    } else if (a == "--only") {
      std::string which = value();
      relevance = which.find("relevance") != std::string::npos;
      variants = which.find("variants") != std::string::npos;
      speed = which.find("speed") != std::string::npos;
    } else {
      Die("unknown argument " + a +
          " (usage: search_bench --ant FILE --snn FILE.gz --pairs TSV --tmp DIR [--queries N] "
          "[--mlt-sample N] [--only relevance,variants,speed])");
    }
  }
  if (ant.empty() || snn.empty() || pairs.empty() || tmp.empty()) Die("--ant, --snn, --pairs and --tmp are required");
  std::filesystem::create_directories(tmp);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("search_bench: sqlite %s, %u hardware threads\n", sqlite3_libversion(),
              std::thread::hardware_concurrency());

  auto t_all = Steady::now();
  const std::string ant_dir = tmp + "/ant";
  std::unique_ptr<Store> store;
  ImportRun ant_run;
  if (reuse) {
    Check(OpenStore(ant_dir, StoreOptions{}, &store), "open " + ant_dir);
    ant_run.seconds = 1;
  } else {
    store = NewSite(ant_dir);
    std::ifstream in(ant);
    if (!in) Die("cannot read " + ant);
    ant_run = Import(*store, in);
  }
  std::printf("ANT imported: %zu lines, %zu created, %zu skipped, in %.2f s\n", ant_run.summary.lines,
              ant_run.summary.created, ant_run.summary.errors.size(), ant_run.seconds);
  std::vector<Doc> docs = ReadDocs(ant_dir);
  SpeedArgs speed_args;
  speed_args.tmp = tmp;
  speed_args.ant_path = ant;
  speed_args.snn_path = snn;
  speed_args.ant_alone = ant_run;
  speed_args.queries = queries;
  speed_args.shipped_budget_s = shipped_budget;
  speed_args.reuse = reuse_combined;
  speed_args.analyze = analyze;
  speed_args.queries_only = queries_only;
  if (!reuse) {
    // The parts of the import, timed apart: parsing alone, and the refresh
    // of related articles (the same computation as at the end of the import).
    Settings settings;
    Check(store->LoadSettings(&settings), "settings");
    std::ifstream in(ant);
    std::string line;
    auto t = Steady::now();
    while (std::getline(in, line)) {
      Article a;
      if (!Trim(line).empty()) (void)ParseArticleLine(line, settings.timezone(), 0, &a);
    }
    speed_args.ant_parse_s = Seconds(t);
    t = Steady::now();
    Check(RefreshAutoRelated(*store), "refresh");
    speed_args.ant_refresh_s = Seconds(t);
    size_t count = 0;
    t = Steady::now();
    Check(RebuildSearchIndex(*store, AnalyzerOptions{}, &count), "reindex");
    speed_args.ant_reindex_s = Seconds(t);
    std::printf("ANT: parse alone %.2f s, RefreshAutoRelated alone %.2f s, RebuildSearchIndex %.2f s\n",
                speed_args.ant_parse_s, speed_args.ant_refresh_s, speed_args.ant_reindex_s);
  }
  if (relevance) {
    double build = 0;
    sqlite3* base = BuildBaselineIndex(docs, tmp + "/baseline.db", &build);
    std::printf("baseline FTS5 table (%s) over the same %zu articles built in %.2f s = %.0f articles/s\n",
                kBaselineSpec, docs.size(), build, docs.size() / build);
    RelevanceSection(*store, ant_dir, docs, base, mlt);
    sqlite3_close(base);
  }
  if (variants) VariantsSection(*store, ant_dir, docs, pairs, tmp);
  store.reset();
  if (speed) SpeedSection(speed_args);
  std::printf("\nsearch_bench: done in %.0f s\n", Seconds(t_all));
  return 0;
}
