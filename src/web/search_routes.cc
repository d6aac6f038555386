// The search routes of SiteHandler: the reader's search page and the JSON
// API. Neither is cached (each query is its own page) and neither sets a
// cookie; bad input gets a clear answer, never a 500.
#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "arabic/dates.h"
#include "core/text.h"
#include "services/search.h"
#include "services/search_query.h"
#include "web/query_string.h"
#include "web/site_handler.h"

namespace qalam {
namespace {

HttpReply Json(int status, const nlohmann::json& body) {
  HttpReply r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.cache_control = "no-cache";
  r.body = std::make_shared<const std::string>(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return r;
}

HttpReply JsonError(int status, const std::string& message) {
  return Json(status, {{"error", message}});
}

// An integer parameter within [lo, hi], or `fallback` when absent.
bool IntParam(const std::map<std::string, std::string>& params, const char* name, int64_t fallback,
              int64_t lo, int64_t hi, int64_t* out) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) {
    *out = fallback;
    return true;
  }
  const std::string& v = it->second;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && p == v.data() + v.size() && *out >= lo && *out <= hi;
}

std::string Param(const std::map<std::string, std::string>& params, const char* name) {
  auto it = params.find(name);
  return it == params.end() ? "" : Trim(it->second);
}

SearchOptions OptionsFrom(const std::map<std::string, std::string>& params) {
  SearchOptions o;
  o.query = Param(params, "q");
  o.section = Param(params, "section");
  o.tag = Param(params, "tag");
  o.writer = Param(params, "writer");
  o.source = Param(params, "source");
  o.from = Param(params, "from");
  o.to = Param(params, "to");
  o.by_date = Param(params, "sort") == "date";
  return o;
}

}  // namespace

HttpReply SiteHandler::SearchPage(std::string_view query) {
  std::map<std::string, std::string> params;
  SearchPageData data;
  const int64_t now = clock_();
  Settings settings;
  if (!settings_.Load(&settings).ok()) {
    HttpReply r;
    r.status = 500;
    r.body = std::make_shared<const std::string>(renderer_.ServerError().html);
    return r;
  }
  int64_t page = 1;
  if (!ParseQueryString(query, &params)) {
    data.error = "عنوان البحث غير صالح.";
  } else {
    SearchOptions options = OptionsFrom(params);
    data.query = options.query;
    data.section = options.section;
    data.tag = options.tag;
    data.writer = options.writer;
    data.source = options.source;
    data.from = options.from;
    data.to = options.to;
    data.by_date = options.by_date;
    if (!IntParam(params, "page", 1, 1, kMaxSearchOffset / data.page_size, &page)) {
      data.error = "رقم الصفحة غير صالح.";
    } else if (!options.query.empty()) {
      options.limit = data.page_size;
      options.offset = (page - 1) * data.page_size;
      SearchResult result;
      Status st = search_.Run(settings, options, now, &result);
      if (st.IsInvalid()) {
        data.error = st.message();
      } else if (!st.ok()) {
        spdlog::error("search failed for {}: {}", options.query, st.message());
        data.error = "تعذّر البحث الآن، حاول بعد قليل.";
      } else {
        data.total = result.total;
        data.hits = std::move(result.hits);
        data.matched_all = result.matched_all;
        data.suggestion = result.suggestion;
      }
    }
  }
  data.page = static_cast<int>(page);
  RenderedPage rendered;
  Status st = renderer_.RenderSearch(data, now, &rendered);
  if (!st.ok()) rendered = renderer_.ServerError();
  HttpReply r;
  r.status = rendered.status;
  r.cache_control = "no-cache";
  r.body = std::make_shared<const std::string>(std::move(rendered.html));
  return r;
}

HttpReply SiteHandler::SearchApi(std::string_view query) {
  std::map<std::string, std::string> params;
  if (!ParseQueryString(query, &params)) return JsonError(400, "عنوان الطلب غير صالح.");
  SearchOptions options = OptionsFrom(params);
  if (!IntParam(params, "limit", 10, 1, kMaxSearchLimit, &options.limit)) {
    return JsonError(400, "limit يجب أن يكون عددًا بين 1 و" + std::to_string(kMaxSearchLimit) + ".");
  }
  if (!IntParam(params, "offset", 0, 0, kMaxSearchOffset, &options.offset)) {
    return JsonError(400, "offset يجب أن يكون عددًا بين 0 و" + std::to_string(kMaxSearchOffset) + ".");
  }
  Settings settings;
  Status st = settings_.Load(&settings);
  SearchResult result;
  if (st.ok()) st = search_.Run(settings, options, clock_(), &result);
  if (st.IsInvalid()) return JsonError(400, st.message());
  if (!st.ok()) {
    spdlog::error("search failed for {}: {}", options.query, st.message());
    return JsonError(503, "تعذّر البحث الآن، حاول بعد قليل.");
  }
  nlohmann::json results = nlohmann::json::array();
  const std::string site = settings.site_url();
  for (const SearchHit& h : result.hits) {
    results.push_back({{"id", h.external_id.empty() ? std::to_string(h.id) : h.external_id},
                       {"title", h.title},
                       {"url", site + "/article/" + PercentEncode(h.slug)},
                       {"snippet", h.snippet},
                       {"score", h.score},
                       {"published_at", FormatIsoDateTime(h.published_at, settings.timezone())}});
  }
  nlohmann::json body = {{"total", result.total}, {"results", results},
                         {"matched", result.matched_all ? "all" : "any"}};
  if (!result.suggestion.empty()) body["suggestion"] = result.suggestion;
  return Json(200, body);
}

HttpReply SiteHandler::SuggestApi(std::string_view query) {
  std::map<std::string, std::string> params;
  if (!ParseQueryString(query, &params)) return JsonError(400, "عنوان الطلب غير صالح.");
  std::string typed = params.count("q") ? params["q"] : "";
  if (CountCodePoints(typed) > kMaxQueryChars) return JsonError(400, "النص أطول من المسموح.");
  Settings settings;
  std::vector<SearchHit> hits;
  Status st = settings_.Load(&settings);
  if (st.ok()) st = search_.Suggest(settings, typed, clock_(), 8, &hits);
  if (!st.ok()) {
    // A half-typed word can make an expression FTS5 refuses: suggest nothing.
    return Json(200, {{"suggestions", nlohmann::json::array()}});
  }
  nlohmann::json suggestions = nlohmann::json::array();
  for (const SearchHit& h : hits) {
    suggestions.push_back({{"title", h.title}, {"url", "/article/" + PercentEncode(h.slug)}});
  }
  return Json(200, {{"suggestions", suggestions}});
}

}  // namespace qalam
