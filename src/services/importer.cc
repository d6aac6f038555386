#include "services/importer.h"

#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "arabic/dates.h"
#include "core/text.h"
#include "content/markdown.h"
#include "services/article_text.h"
#include "services/related.h"

namespace qalam {
namespace {

using nlohmann::json;

constexpr size_t kBatchSize = 500;

struct LineError {
  std::string reason;
};

std::string Text(const json& v, const char* field, bool required) {
  if (v.is_null()) {
    if (required) throw LineError{std::string("missing ") + field};
    return "";
  }
  if (!v.is_string()) throw LineError{std::string(field) + " must be a string"};
  std::string s = Trim(ToNfc(v.get<std::string>()));
  if (required && s.empty()) throw LineError{std::string("empty ") + field};
  return s;
}

json Field(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() ? json() : *it;
}

// Addresses in articles must be http(s) or site-relative: never javascript:.
std::string Url(const json& v, const char* field) {
  std::string url = Text(v, field, false);
  if (url.empty()) return url;
  bool ok = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
            (url[0] == '/' && url.rfind("//", 0) != 0 && url.rfind("/\\", 0) != 0);
  if (!ok || url.find_first_of(" \t\r\n\"<>") != std::string::npos) {
    throw LineError{std::string(field) + " must be an http(s) address or a path on this site"};
  }
  return url;
}

std::vector<std::string> TextList(const json& v, const char* field) {
  std::vector<std::string> out;
  if (v.is_null()) return out;
  if (!v.is_array()) throw LineError{std::string(field) + " must be an array of strings"};
  for (const json& item : v) {
    if (!item.is_string()) throw LineError{std::string(field) + " must be an array of strings"};
    std::string s = Trim(ToNfc(item.get<std::string>()));
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

bool Bool(const json& v, const char* field) {
  if (v.is_null()) return false;
  if (!v.is_boolean()) throw LineError{std::string(field) + " must be true or false"};
  return v.get<bool>();
}

int64_t Time(const json& v, const char* field, const std::string& timezone) {
  std::string s = Text(v, field, false);
  if (s.empty()) return 0;
  int64_t t = 0;
  Status st = ParseIsoDateTime(s, timezone, &t);
  if (!st.ok()) throw LineError{std::string(field) + ": " + st.message()};
  return t;
}

Status SaveBatch(Store& store, const arabic::AnalyzerOptions& analyzer, std::vector<Article>* batch,
                 ImportSummary* summary) {
  if (batch->empty()) return Status::Ok();
  for (Article& a : *batch) PrepareArticle(&a, analyzer);
  std::vector<SaveResult> results;
  std::set<std::string> changes;
  Status st = store.SaveArticles(batch, &results, &changes);
  if (!st.ok()) return st;
  for (const SaveResult& r : results) {
    if (r.created) {
      ++summary->created;
    } else if (r.changed) {
      ++summary->updated;
    } else {
      ++summary->unchanged;
    }
  }
  batch->clear();
  return Status::Ok();
}

}  // namespace

Status ParseArticleLine(const std::string& line, const std::string& timezone, int64_t now,
                        Article* out) {
  json obj;
  try {
    obj = json::parse(line);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's message starts "[json.exception.parse_error.101] parse error at ...".
    size_t p = what.find("] ");
    return Status::Invalid("not valid JSON: " + (p == std::string::npos ? what : what.substr(p + 2)));
  }
  if (!obj.is_object()) return Status::Invalid("not a JSON object");
  try {
    Article a;
    const json id = Field(obj, "id");
    if (id.is_number_integer()) {
      a.external_id = std::to_string(id.get<int64_t>());
    } else {
      a.external_id = Text(id, "id", false);
    }
    a.title = Text(Field(obj, "title"), "title", true);
    a.body_markdown = Text(Field(obj, "body"), "body", true);
    a.slug = Text(Field(obj, "slug"), "slug", false);
    std::string status = Text(Field(obj, "status"), "status", false);
    if (!status.empty() && !ParseArticleStatus(status, &a.status)) {
      throw LineError{"status must be \"published\" or \"draft\" (got \"" + status + "\")"};
    }
    a.published_at = Time(Field(obj, "published_at"), "published_at", timezone);
    a.updated_at = Time(Field(obj, "updated_at"), "updated_at", timezone);
    if (a.published_at == 0 && a.status == ArticleStatus::kPublished) a.published_at = now;

    const json writer = Field(obj, "writer");
    if (writer.is_object()) {
      Person p;
      p.name = Text(Field(writer, "name"), "writer.name", true);
      p.bio = Text(Field(writer, "bio"), "writer.bio", false);
      a.writer = p;
    } else if (!writer.is_null()) {
      a.writer = Person{0, Text(writer, "writer", true), "", ""};
    }
    if (std::string editor = Text(Field(obj, "editor"), "editor", false); !editor.empty()) {
      a.editor = Person{0, editor, "", ""};
    }
    const json source = Field(obj, "source");
    if (source.is_object()) {
      Source s;
      s.name = Text(Field(source, "name"), "source.name", true);
      s.url = Url(Field(source, "url"), "source.url");
      a.source = s;
    } else if (!source.is_null()) {
      a.source = Source{0, Text(source, "source", true), "", ""};
    }
    if (std::string section = Text(Field(obj, "section"), "section", false); !section.empty()) {
      a.section = Section{0, section, ""};
    }
    std::set<std::string> seen_tags;
    for (std::string& t : TextList(Field(obj, "tags"), "tags")) {
      if (seen_tags.insert(t).second) a.tags.push_back(Tag{0, std::move(t), ""});
    }
    a.highlights = TextList(Field(obj, "highlights"), "highlights");
    const json related = Field(obj, "related");
    if (!related.is_null()) {
      if (!related.is_array()) throw LineError{"related must be an array of {title, url}"};
      for (const json& r : related) {
        if (!r.is_object()) throw LineError{"related must be an array of {title, url}"};
        RelatedLink link;
        link.title = Text(Field(r, "title"), "related.title", true);
        link.url = Url(Field(r, "url"), "related.url");
        a.related.push_back(std::move(link));
      }
    }
    // A static page, in the footer menu or not; an article pinned at the
    // top of the home page, until a time or not.
    std::string kind = Text(Field(obj, "kind"), "kind", false);
    if (!kind.empty() && !ParseArticleKind(kind, &a.kind)) {
      throw LineError{"kind must be \"article\" or \"page\" (got \"" + kind + "\")"};
    }
    a.in_footer = Bool(Field(obj, "in_footer"), "in_footer");
    a.pinned = Bool(Field(obj, "pinned"), "pinned");
    a.pinned_until = Time(Field(obj, "pinned_until"), "pinned_until", timezone);
    if (a.kind == ArticleKind::kPage && a.pinned) throw LineError{"a page cannot be pinned"};
    if (a.kind != ArticleKind::kPage && a.in_footer) throw LineError{"in_footer is for pages (kind \"page\")"};
    if (a.pinned_until != 0 && !a.pinned) throw LineError{"pinned_until needs pinned: true"};
    a.body_html = RenderMarkdown(a.body_markdown);
    *out = std::move(a);
  } catch (const LineError& e) {
    return Status::Invalid(e.reason);
  } catch (const json::exception& e) {
    return Status::Invalid(e.what());
  }
  return Status::Ok();
}

Status ImportArticles(Store& store, std::istream& in, ImportSummary* summary) {
  Settings settings;
  Status st = store.LoadSettings(&settings);
  if (!st.ok()) return st;
  const std::string timezone = settings.timezone();
  const arabic::AnalyzerOptions analyzer = SearchAnalyzer(settings);
  // Undated published articles are left at 0: the store dates them when new
  // and keeps their date when already stored, so a re-import changes nothing.
  const int64_t now = 0;

  std::vector<Article> batch;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty()) continue;
    ++summary->lines;
    Article a;
    Status parsed = ParseArticleLine(line, timezone, now, &a);
    if (!parsed.ok()) {
      summary->errors.push_back(ImportError{number, parsed.message()});
      continue;
    }
    batch.push_back(std::move(a));
    if (batch.size() >= kBatchSize) {
      st = SaveBatch(store, analyzer, &batch, summary);
      if (!st.ok()) return st;
    }
  }
  st = SaveBatch(store, analyzer, &batch, summary);
  if (!st.ok()) return st;
  return RefreshAutoRelated(store);
}

}  // namespace qalam
