#include "services/search_snippet.h"

#include <algorithm>
#include <vector>

#include "core/text.h"

namespace qalam {
namespace {

const char kEllipsis[] = "…";

// A token of the text as the index holds it: its stem always, and its exact
// form when that differs and it is not a stop word (store/sqlite_fts.h).
bool Matches(const arabic::Token& token, const IndexToken& want) {
  if (want.exact) return !token.stop && token.exact != token.stem && token.exact == want.text;
  if (want.prefix) return token.stem.compare(0, want.text.size(), want.text) == 0;
  return token.stem == want.text;
}

struct Instance {
  int position = 0;  // of its first word
  int feature = 0;
  int size = 1;      // words
};

// Every occurrence of every feature in one field, by position then feature.
std::vector<Instance> FindInstances(const std::vector<arabic::Token>& tokens,
                                    const std::vector<const IndexFeature*>& features) {
  std::vector<Instance> out;
  for (size_t p = 0; p < tokens.size(); ++p) {
    for (size_t f = 0; f < features.size(); ++f) {
      const IndexFeature& feature = *features[f];
      if (feature.empty() || p + feature.size() > tokens.size()) continue;
      bool all = true;
      for (size_t k = 0; all && k < feature.size(); ++k) all = Matches(tokens[p + k], feature[k]);
      if (all) out.push_back({static_cast<int>(p), static_cast<int>(f), static_cast<int>(feature.size())});
    }
  }
  return out;
}

// Positions where a sentence begins: the first word, and a word after a '.'
// or ':' and some space.
std::vector<int> SentenceStarts(const std::string& text, const std::vector<arabic::Token>& tokens) {
  std::vector<int> starts;
  for (size_t p = 0; p < tokens.size(); ++p) {
    if (p == 0) {
      starts.push_back(0);
      continue;
    }
    size_t i = tokens[p].begin;
    bool space = false;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' || text[i - 1] == '\r')) {
      --i;
      space = true;
    }
    if (space && i > 0 && (text[i - 1] == '.' || text[i - 1] == ':')) starts.push_back(static_cast<int>(p));
  }
  return starts;
}

// The window [start, start + words) scored; *adjusted (optional) gets the
// start that centres its matches.
int Score(const std::vector<Instance>& instances, size_t features, int size, int start, int words,
          int* adjusted) {
  std::vector<bool> seen(features, false);
  int score = 0, first = -1, last = 0;
  for (const Instance& in : instances) {
    if (in.position < start || in.position >= start + words) continue;
    score += seen[in.feature] ? 1 : 1000;
    seen[in.feature] = true;
    if (first < 0) first = in.position;
    last = in.position + in.size;
  }
  if (adjusted) {
    int a = first - (words - (last - first)) / 2;
    if (a + words > size) a = size - words;
    if (a < 0) a = 0;
    *adjusted = a;
  }
  return score;
}

struct Field {
  std::vector<arabic::Token> tokens;
  std::vector<Instance> instances;
};

}  // namespace

std::string MakeSnippet(const IndexedArticle& article, const IndexQuery& query,
                        const arabic::AnalyzerOptions& options, int words) {
  std::vector<const IndexFeature*> features;
  for (const IndexClause& c : query.clauses) {
    for (const IndexFeature& f : c.features) features.push_back(&f);
  }
  const int fields = query.title_only ? 1 : kIndexFields;
  std::vector<Field> field(fields);
  int best_score = 0, best_field = 0, best_start = 0;
  for (int i = 0; i < fields; ++i) {
    const std::string& text = article.text[i];
    field[i].tokens = arabic::Analyze(text, options);
    field[i].instances = FindInstances(field[i].tokens, features);
    const int size = static_cast<int>(field[i].tokens.size());
    const std::vector<int> starts = SentenceStarts(text, field[i].tokens);
    for (const Instance& in : field[i].instances) {
      int adjusted = 0;
      int score = Score(field[i].instances, features.size(), size, in.position, words, &adjusted);
      if (score > best_score) {
        best_score = score;
        best_field = i;
        best_start = adjusted;
      }
      if (!starts.empty() && size > words) {
        size_t j = 0;
        while (j + 1 < starts.size() && starts[j + 1] <= in.position) ++j;
        if (starts[j] < in.position) {
          score = Score(field[i].instances, features.size(), size, starts[j], words, nullptr) +
                  (starts[j] == 0 ? 120 : 100);
          if (score > best_score) {
            best_score = score;
            best_field = i;
            best_start = starts[j];
          }
        }
      }
    }
  }

  const std::string& text = article.text[best_field];
  const Field& f = field[best_field];
  const int size = static_cast<int>(f.tokens.size());
  if (size == 0) return HtmlEscape(text);
  const int end = best_start + words - 1;  // the window's last word
  const int last = std::min(end, size - 1);
  std::string out;
  size_t off = 0;
  if (best_start > 0) {
    out += kEllipsis;
    off = f.tokens[best_start].begin;
  }
  // Overlapping instances mark as one; one that begins before the window is
  // not marked.
  size_t k = 0;
  while (k < f.instances.size() && f.instances[k].position < best_start) ++k;
  while (k < f.instances.size() && f.instances[k].position <= last) {
    const int from = f.instances[k].position;
    int to = from + f.instances[k].size - 1;
    for (++k; k < f.instances.size() && f.instances[k].position <= to; ++k) {
      to = std::max(to, f.instances[k].position + f.instances[k].size - 1);
    }
    to = std::min(to, last);
    out += HtmlEscape(text.substr(off, f.tokens[from].begin - off));
    out += "<mark>";
    out += HtmlEscape(text.substr(f.tokens[from].begin, f.tokens[to].end - f.tokens[from].begin));
    out += "</mark>";
    off = f.tokens[to].end;
  }
  if (f.tokens[last].end > off) {
    out += HtmlEscape(text.substr(off, f.tokens[last].end - off));
    off = f.tokens[last].end;
  }
  if (end >= size - 1) {
    out += HtmlEscape(text.substr(off));
  } else {
    out += kEllipsis;
  }
  return out;
}

}  // namespace qalam
