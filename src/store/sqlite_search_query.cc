#include "store/sqlite_search_query.h"

namespace qalam::sqlite {
namespace {

// A quoted FTS5 string: the query tokenizer splits it on spaces, so several
// tokens in one string are a phrase.
std::string Quote(const std::string& tokens) {
  std::string out = "\"";
  for (char c : tokens) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string Feature(const IndexFeature& feature) {
  std::string tokens;
  bool prefix = false;
  for (const IndexToken& t : feature) {
    tokens += (tokens.empty() ? "" : " ") + (t.exact ? "=" + t.text : t.text);
    prefix = t.prefix;  // FTS5 takes a prefix on a phrase's last token only.
  }
  return Quote(tokens) + (prefix ? "*" : "");
}

std::string Clause(const IndexClause& clause) {
  if (clause.features.size() == 1) return Feature(clause.features[0]);
  std::string any;
  for (const IndexFeature& f : clause.features) any += (any.empty() ? "" : " OR ") + Feature(f);
  return "(" + any + ")";
}

}  // namespace

std::string Fts5Expression(const IndexQuery& query) {
  std::string positive;
  const char* op = query.all ? " AND " : " OR ";
  for (const IndexClause& c : query.clauses) positive += (positive.empty() ? "" : op) + Clause(c);
  std::string negative;
  for (const IndexClause& c : query.excluded) negative += (negative.empty() ? "" : " OR ") + Clause(c);
  std::string expression = negative.empty() ? positive : "(" + positive + ") NOT (" + negative + ")";
  return query.title_only ? "title : (" + expression + ")" : expression;
}

}  // namespace qalam::sqlite
