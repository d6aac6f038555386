#include "services/search_query.h"

#include "core/text.h"

namespace qalam {
namespace {

std::vector<QueryTerm> Terms(const std::string& text, const arabic::AnalyzerOptions& options) {
  std::vector<QueryTerm> out;
  for (const arabic::Token& t : arabic::Analyze(text, options)) out.push_back({t.stem, t.exact, t.stop});
  return out;
}

}  // namespace

IndexClause WordClause(const QueryTerm& t) {
  IndexClause c;
  c.features.push_back({IndexToken{t.stem}});
  if (t.exact != t.stem && !t.stop) c.features.push_back({IndexToken{t.exact, /*exact=*/true}});
  return c;
}

IndexClause PhraseClause(const std::vector<QueryTerm>& phrase) {
  IndexFeature feature;
  for (const QueryTerm& t : phrase) {
    const bool as_stem = t.stop || t.exact == t.stem;
    feature.push_back(IndexToken{as_stem ? t.stem : t.exact, !as_stem});
  }
  return IndexClause{{feature}};
}

Status ParseQuery(const std::string& text, const arabic::AnalyzerOptions& options,
                  ParsedQuery* out) {
  *out = ParsedQuery();
  const std::string q = Trim(text);
  if (q.empty()) return Status::Invalid("اكتب ما تبحث عنه.");
  if (!IsValidUtf8(q)) return Status::Invalid("عبارة البحث ليست نصًا صالحًا.");
  if (CountCodePoints(q) > kMaxQueryChars) {
    return Status::Invalid("عبارة البحث أطول من المسموح (" + std::to_string(kMaxQueryChars) +
                           " حرفًا).");
  }
  // Lex: quoted phrases ("…" or «…»), words, each maybe led by '-'.
  const std::string kOpen = "«", kClose = "»";
  size_t i = 0;
  std::vector<QueryTerm> plain_stops;
  while (i < q.size()) {
    if (q[i] == ' ' || q[i] == '\t') {
      ++i;
      continue;
    }
    bool excluded = false;
    if (q[i] == '-' && i + 1 < q.size() && q[i + 1] != ' ') {
      excluded = true;
      ++i;
    }
    std::string close;
    if (q[i] == '"') {
      close = "\"";
      ++i;
    } else if (q.compare(i, kOpen.size(), kOpen) == 0) {
      close = kClose;
      i += kOpen.size();
    }
    if (!close.empty()) {
      size_t end = q.find(close, i);
      if (end == std::string::npos) {
        return Status::Invalid("علامات التنصيص غير متوازنة: أغلق العبارة بعلامة تنصيص ثانية.");
      }
      std::vector<QueryTerm> phrase = Terms(q.substr(i, end - i), options);
      if (!phrase.empty()) (excluded ? out->excluded_phrases : out->phrases).push_back(phrase);
      i = end + close.size();
      continue;
    }
    size_t end = i;
    while (end < q.size() && q[end] != ' ' && q[end] != '\t' && q[end] != '"' &&
           q.compare(end, kOpen.size(), kOpen) != 0) {
      ++end;
    }
    std::string raw = q.substr(i, end - i);
    i = end;
    if (raw.find(kClose) != std::string::npos) {
      return Status::Invalid("علامات التنصيص غير متوازنة: أغلق العبارة بعلامة تنصيص ثانية.");
    }
    for (QueryTerm& t : Terms(raw, options)) {
      if (excluded) {
        if (!t.stop) out->excluded_words.push_back(t);
      } else if (t.stop) {
        plain_stops.push_back(t);
      } else {
        out->words.push_back(t);
      }
    }
    if (!excluded) out->raw_words.push_back(raw);
  }
  // A query of stop words only searches for them rather than for nothing.
  if (out->words.empty() && out->phrases.empty()) out->words = plain_stops;
  size_t terms = out->words.size() + out->excluded_words.size();
  for (const auto& p : out->phrases) terms += p.size();
  for (const auto& p : out->excluded_phrases) terms += p.size();
  if (terms > kMaxQueryTerms) {
    return Status::Invalid("عبارة البحث تحوي كلمات أكثر من المسموح (" +
                           std::to_string(kMaxQueryTerms) + " كلمة).");
  }
  if (out->words.empty() && out->phrases.empty()) {
    return Status::Invalid(out->excluded_words.empty() && out->excluded_phrases.empty()
                               ? "اكتب ما تبحث عنه."
                               : "أضف كلمة واحدة على الأقل للبحث عنها، لا كلمات مستبعدة فقط.");
  }
  return Status::Ok();
}

IndexQuery BuildIndexQuery(const ParsedQuery& q, bool all) {
  IndexQuery query;
  query.all = all;
  for (const QueryTerm& t : q.words) query.clauses.push_back(WordClause(t));
  for (const auto& p : q.phrases) query.clauses.push_back(PhraseClause(p));
  for (const QueryTerm& t : q.excluded_words) query.excluded.push_back(WordClause(t));
  for (const auto& p : q.excluded_phrases) query.excluded.push_back(PhraseClause(p));
  return query;
}

}  // namespace qalam
