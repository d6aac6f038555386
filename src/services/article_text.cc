#include "services/article_text.h"

#include "arabic/slug.h"
#include "arabic/term_weights.h"
#include "content/markdown.h"

#include <set>
#include <utility>

namespace qalam {

arabic::AnalyzerOptions SearchAnalyzer(const Settings& settings) {
  arabic::AnalyzerOptions options;
  options.fold_teh_marbuta = settings.Get("search_teh_marbuta") != "keep";
  return options;
}

std::string BaseSlug(const std::string& text, const char* fallback) {
  std::string slug = MakeSlug(text);
  return slug.empty() ? std::string(fallback) : slug;
}

std::string NameSlug(NamedKind kind, const std::string& name) { return BaseSlug(name, ToString(kind)); }

std::string SearchText(const std::string& body_markdown) { return MarkdownToText(body_markdown); }

void NormalizeContributors(Article* a) {
  std::vector<Contributor> kept;
  std::set<std::pair<ContributorRole, std::string>> seen;
  for (Contributor& c : a->contributors) {
    if (c.person.name.empty()) continue;
    if (c.role == ContributorRole::kWriter && !a->writer) {
      a->writer = Person{0, c.person.name, "", c.person.bio};
      continue;
    }
    if (c.role == ContributorRole::kWriter && a->writer && a->writer->name == c.person.name) continue;
    if (!seen.insert({c.role, c.person.name}).second) continue;
    kept.push_back(std::move(c));
  }
  a->contributors = std::move(kept);
}

void PrepareArticle(Article* a, const arabic::AnalyzerOptions& analyzer) {
  a->slug = BaseSlug(a->slug.empty() ? a->title : a->slug, "article");
  if (a->writer) a->writer->slug = BaseSlug(a->writer->name, "writer");
  if (a->editor) a->editor->slug = BaseSlug(a->editor->name, "editor");
  if (a->source) a->source->slug = BaseSlug(a->source->name, "source");
  if (a->section) a->section->slug = BaseSlug(a->section->name, "section");
  for (Tag& t : a->tags) t.slug = BaseSlug(t.name, "tag");
  NormalizeContributors(a);
  for (Contributor& c : a->contributors) c.person.slug = BaseSlug(c.person.name, "writer");
  a->search_text = SearchText(a->body_markdown);
  a->terms = arabic::TopTerms(a->title, a->highlights, a->search_text, kTermsPerArticle, analyzer);
}

IndexText IndexTextOf(const IndexSource& source, const arabic::AnalyzerOptions& analyzer) {
  IndexText out;
  out.id = source.id;
  out.stamp = source.stamp;
  out.search_text = SearchText(source.body_markdown);
  out.terms = arabic::TopTerms(source.title, source.highlights, out.search_text, kTermsPerArticle, analyzer);
  return out;
}

Status RebuildSearchIndex(Store& store, const arabic::AnalyzerOptions& analyzer, size_t* count) {
  std::vector<IndexSource> sources;
  Status st = store.LoadIndexSources(&sources);
  if (!st.ok()) return st;
  std::vector<IndexText> texts;
  texts.reserve(sources.size());
  for (const IndexSource& s : sources) texts.push_back(IndexTextOf(s, analyzer));
  return store.RebuildSearchIndex(analyzer, texts, count);
}

Status CompleteSearchIndex(Store& store, bool* rebuilt) {
  *rebuilt = false;
  bool missing = false;
  Status st = store.MissingSearchText(&missing);
  if (!st.ok() || !missing) return st;
  Settings settings;
  if (!(st = store.LoadSettings(&settings)).ok()) return st;
  size_t count = 0;
  if (!(st = RebuildSearchIndex(store, SearchAnalyzer(settings), &count)).ok()) return st;
  *rebuilt = true;
  return Status::Ok();
}

}  // namespace qalam
