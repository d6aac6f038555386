#include "render/content_api.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>

#include "arabic/dates.h"
#include "content/markdown.h"
#include "core/change_keys.h"
#include "core/embedded.h"
#include "core/text.h"
#include "render/theme.h"

namespace qalam {

using nlohmann::json;

namespace {

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

ApiError BadParameter(const std::string& field, const std::string& message, const std::string& message_ar) {
  return ApiError{400, "invalid_parameter", message, message_ar, field};
}

ApiError NotFound(const std::string& what) {
  return ApiError{404, "not_found", "No such " + what + ".", "لم نجد ما تطلبه.", ""};
}

// Only the parameters an endpoint knows: anything else is a 400, so that a
// typo is not silently ignored (and the cache is not filled with variants).
bool OnlyKnown(const std::map<std::string, std::string>& params, std::initializer_list<const char*> known,
               ApiError* error) {
  for (const auto& param : params) {
    const std::string& name = param.first;  // Not a structured binding: clang 14 cannot capture one.
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) {
      *error = ApiError{400, "unknown_parameter", "Unknown parameter \"" + name + "\".",
                        "المعامل \"" + name + "\" غير معروف.", name};
      return false;
    }
  }
  return true;
}

std::string Param(const std::map<std::string, std::string>& params, const char* name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

bool ParsePerPage(const std::map<std::string, std::string>& params, int64_t* out, ApiError* error) {
  auto it = params.find("per_page");
  if (it == params.end()) {
    *out = kApiDefaultPerPage;
    return true;
  }
  const std::string& v = it->second;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  if (ec != std::errc() || p != v.data() + v.size() || *out < 1 || *out > kApiMaxPerPage) {
    *error = BadParameter("per_page", "per_page must be a whole number from 1 to 100.",
                          "يجب أن يكون per_page عددًا صحيحًا من 1 إلى 100.");
    return false;
  }
  return true;
}

bool ParseInt(const std::string& s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

ApiError BadCursor() {
  return ApiError{400, "invalid_cursor",
                  "The cursor is not one this API gave for these filters; start again without it.",
                  "المؤشر cursor غير صالح لهذه المرشحات؛ ابدأ من جديد بدونه.", "cursor"};
}

// A path segment of an address: "/article/" + slug.
std::string Url(const std::string& site, const char* kind, const std::string& slug) {
  return site + "/" + kind + "/" + PercentEncode(slug);
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += (out.empty() ? "?" : "&") + name + "=" + PercentEncode(value);
  }
  return out;
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

// --- errors

std::string ApiErrorJson(const ApiError& e) {
  json err = {{"code", e.code}, {"message", e.message}, {"message_ar", e.message_ar}};
  if (!e.field.empty()) err["field"] = e.field;
  return Dump({{"error", err}});
}

RenderedPage ApiErrorPage(const ApiError& e) {
  RenderedPage page;
  page.status = e.status;
  page.content_type = kApiContentType;
  page.html = ApiErrorJson(e);
  return page;
}

// --- the cursor

std::string Base64UrlEncode(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* out) {
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  // Leftover bits must be the zero padding of the last character, and a
  // length of 1 mod 4 is never an encoding.
  return text.size() % 4 != 1 && (acc & ((1u << bits) - 1)) == 0;
}

// "1|FINGERPRINT|KEY|KEY…|CHECK": the keys never hold '|' unescaped (a
// name may: it is escaped as "\|" and "\\").
namespace {
std::string EscapeKey(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}
bool SplitKeys(const std::string& s, std::vector<std::string>* parts) {
  parts->assign(1, "");
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      if (++i == s.size()) return false;
      parts->back() += s[i];
    } else if (s[i] == '|') {
      parts->emplace_back();
    } else {
      parts->back() += s[i];
    }
  }
  return true;
}
}  // namespace

std::string EncodeCursor(const std::vector<std::string>& keys, const std::string& fingerprint) {
  std::string body = "1|" + EscapeKey(fingerprint);
  for (const std::string& k : keys) body += "|" + EscapeKey(k);
  return Base64UrlEncode(body + "|" + ShortHash(body));
}

bool DecodeCursor(std::string_view cursor, const std::string& fingerprint, size_t key_count,
                  std::vector<std::string>* keys) {
  std::string raw;
  if (cursor.empty() || cursor.size() > 2048 || !Base64UrlDecode(cursor, &raw)) return false;
  const size_t bar = raw.rfind('|');
  if (bar == std::string::npos || ShortHash(std::string_view(raw).substr(0, bar)) != raw.substr(bar + 1)) {
    return false;
  }
  std::vector<std::string> parts;
  if (!SplitKeys(raw.substr(0, bar), &parts) || parts.size() != key_count + 2 || parts[0] != "1" ||
      parts[1] != fingerprint) {
    return false;
  }
  keys->assign(parts.begin() + 2, parts.end());
  return true;
}

// --- the list's query

std::string ArticleListRequest::Fingerprint() const {
  // The filters as given, each named: two requests with the same filters
  // share their cursors, whatever per_page or fields they ask.
  const std::string all = "section=" + section + "&tag=" + tag + "&writer=" + writer + "&source=" + source +
                          "&since=" + std::to_string(since) + "&until=" + std::to_string(until) +
                          "&updated_since=" + std::to_string(updated_since);
  return ShortHash(all);
}

const std::vector<std::string>& ArticleFields() {
  static const std::vector<std::string> fields = {
      "id",        "title",    "slug",   "url",        "published_at", "updated_at",     "editor",
      "writer",    "writers",  "source", "section",    "tags",         "highlights",     "body_html",
      "body_text", "featured_image",     "related",    "comment_count", "seo",
      "notices",   "contributors"};
  return fields;
}

bool ParseFields(const std::string& text, bool list, std::vector<std::string>* out, ApiError* error) {
  out->clear();
  if (text.empty()) {
    for (const std::string& f : ArticleFields()) {
      if (!list || (f != "body_html" && f != "body_text")) out->push_back(f);
    }
    return true;
  }
  std::set<std::string> asked;
  for (size_t start = 0; start <= text.size();) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string name = Trim(std::string_view(text).substr(start, comma - start));
    const auto& all = ArticleFields();
    if (std::find(all.begin(), all.end(), name) == all.end()) {
      *error = ApiError{400, "unknown_field",
                        "Unknown field \"" + name + "\" in fields; known fields are listed in docs/API.md.",
                        "الحقل \"" + name + "\" غير معروف في fields.", "fields"};
      return false;
    }
    asked.insert(name);
    start = comma + 1;
  }
  for (const std::string& f : ArticleFields()) {
    if (asked.count(f)) out->push_back(f);
  }
  return true;
}

bool ParseArticleListRequest(const std::map<std::string, std::string>& params, const std::string& timezone,
                             ArticleListRequest* out, ApiError* error) {
  *out = ArticleListRequest{};
  if (!OnlyKnown(params, {"section", "tag", "writer", "source", "since", "until", "updated_since", "per_page",
                          "cursor", "fields"},
                 error)) {
    return false;
  }
  out->section = Param(params, "section");
  out->tag = Param(params, "tag");
  out->writer = Param(params, "writer");
  out->source = Param(params, "source");
  struct Time {
    const char* name;
    std::string* text;
    int64_t* value;
  };
  for (const Time& t : {Time{"since", &out->since_text, &out->since}, Time{"until", &out->until_text, &out->until},
                        Time{"updated_since", &out->updated_since_text, &out->updated_since}}) {
    *t.text = Param(params, t.name);
    if (t.text->empty()) continue;
    if (!ParseIsoDateTime(*t.text, timezone, t.value).ok()) {
      *error = BadParameter(t.name,
                            std::string(t.name) + " must be an ISO 8601 date or time (2024-05-01, "
                                                  "2024-05-01T09:30, 2024-05-01T09:30:00+03:00).",
                            "يجب أن يكون " + std::string(t.name) + " تاريخًا أو وقتًا بصيغة ISO 8601.");
      return false;
    }
  }
  if (!ParsePerPage(params, &out->per_page, error)) return false;
  out->fields_text = Param(params, "fields");
  if (!ParseFields(out->fields_text, true, &out->fields, error)) return false;
  if (auto it = params.find("cursor"); it != params.end()) {
    std::vector<std::string> keys;
    int64_t time = 0, id = 0;
    if (!DecodeCursor(it->second, out->Fingerprint(), 2, &keys) || !ParseInt(keys[0], &time) ||
        !ParseInt(keys[1], &id)) {
      *error = BadCursor();
      return false;
    }
    out->after = std::make_pair(time, id);
  }
  return true;
}

// --- the documents

struct ContentApi::Context {
  Settings settings;
  std::string site;  // site_url, no trailing slash
  std::string tz;
  int64_t now = 0;
  std::set<std::string> keys{keys::kGlobal};

  std::string Time(int64_t t) const { return FormatIsoDateTime(t, tz); }
  std::string Media(const std::string& file) const { return site + "/media/" + file; }

  RenderedPage Done(const json& body) {
    RenderedPage page;
    page.content_type = kApiContentType;
    page.html = Dump(body);
    page.keys = std::move(keys);
    return page;
  }
};

namespace {

// The portrait's URL: the smallest original-format variant of at least
// 320 px, as the writer's page shows it.
json PortraitUrl(const std::optional<MediaItem>& m, const std::string& site) {
  if (!m) return nullptr;
  std::string src;
  for (const MediaVariant& v : m->variants) {
    if (v.mime == "image/webp") continue;
    if (src.empty() || v.width <= 320) src = site + "/media/" + v.file;
  }
  return src.empty() ? json(nullptr) : json(src);
}

json FeaturedImage(const Article& a, const std::string& site) {
  if (!a.image || a.image->variants.empty()) return nullptr;
  json sizes = json::array();
  for (const MediaVariant& v : a.image->variants) {
    sizes.push_back({{"url", site + "/media/" + v.file}, {"width", v.width}, {"height", v.height}, {"type", v.mime}});
  }
  // The page's src.
  const MediaVariant* largest = LargestOwnFormat(a.image->variants);
  // The 1:1, 4:3 and 16:9 crops search engines ask for (none for images
  // stored before crops existed).
  json crops = json::array();
  for (const MediaVariant& c : a.image->crops) {
    crops.push_back({{"url", site + "/media/" + c.file}, {"width", c.width}, {"height", c.height},
                     {"type", c.mime}, {"aspect", c.aspect}});
  }
  return {{"url", site + "/media/" + largest->file},
          {"width", largest->width},
          {"height", largest->height},
          {"alt", a.image_alt.empty() ? a.image->alt : a.image_alt},
          // The article's caption, else the image's own; the image's credit
          // (media/image_credit.h), as the page shows them.
          {"caption", NullIfEmpty(a.image_caption.empty() ? a.image->caption : a.image_caption)},
          {"credit", NullIfEmpty(a.image->credit)},
          {"sizes", sizes},
          {"crops", crops}};
}

}  // namespace

// Everything an article carries, limited to `fields`; its keys are those
// its page carries (render/pages.cc, FillArticle).
static json ArticleJson(ContentApi::Context& ctx, const ApiArticle& item, const std::vector<std::string>& fields) {
  const Article& a = item.article;
  ctx.keys.insert(keys::Article(a.id));
  if (a.writer) ctx.keys.insert(keys::Person(a.writer->id));
  for (const Contributor& c : a.contributors) ctx.keys.insert(keys::Person(c.person.id));
  if (a.editor) ctx.keys.insert(keys::Person(a.editor->id));
  if (a.source) ctx.keys.insert(keys::SourceInfo(a.source->id));
  const std::string& site = ctx.site;
  json out = json::object();
  for (const std::string& f : fields) {
    if (f == "id") {
      out[f] = a.id;
    } else if (f == "title") {
      out[f] = a.title;
    } else if (f == "slug") {
      out[f] = a.slug;
    } else if (f == "url") {
      out[f] = Url(site, "article", a.slug);
    } else if (f == "published_at") {
      out[f] = ctx.Time(a.published_at);
    } else if (f == "updated_at") {
      out[f] = ctx.Time(a.updated_at ? a.updated_at : a.published_at);
    } else if (f == "editor") {
      out[f] = a.editor ? json{{"name", a.editor->name}, {"slug", a.editor->slug}} : json(nullptr);
    } else if (f == "writer" || f == "writers" || f == "contributors") {
      auto person = [&](const Person& p, const std::optional<MediaItem>& photo) {
        return json{{"name", p.name},
                    {"slug", p.slug},
                    {"url", Url(site, "writer", p.slug)},
                    {"bio", NullIfEmpty(p.bio)},
                    {"image", PortraitUrl(photo, site)}};
      };
      auto photo_of = [&](const Person& p) -> std::optional<MediaItem> {
        auto it = item.contributor_photos.find(p.id);
        if (it == item.contributor_photos.end()) return std::nullopt;
        return it->second;
      };
      if (f == "writer") {
        out[f] = a.writer ? person(*a.writer, item.writer_photo) : json(nullptr);
      } else if (f == "writers") {
        // The byline in order: the writer, then the co-writers.
        json list = json::array();
        if (a.writer) list.push_back(person(*a.writer, item.writer_photo));
        for (const Contributor& c : a.contributors) {
          if (c.role == ContributorRole::kWriter) list.push_back(person(c.person, photo_of(c.person)));
        }
        out[f] = std::move(list);
      } else {
        // Everyone beyond the writer, each with their role.
        json list = json::array();
        for (const Contributor& c : a.contributors) {
          json p = person(c.person, photo_of(c.person));
          p["role"] = ToString(c.role);
          list.push_back(std::move(p));
        }
        out[f] = std::move(list);
      }
    } else if (f == "source") {
      out[f] = a.source ? json{{"name", a.source->name},
                               {"url", NullIfEmpty(a.source->url)},
                               {"slug", a.source->slug},
                               {"page_url", Url(site, "source", a.source->slug)},
                               {"article_url", NullIfEmpty(a.original_url)},
                               {"canonical", a.canonical_original}}
                        : json(nullptr);
    } else if (f == "section") {
      out[f] = a.section ? json{{"name", a.section->name},
                                {"slug", a.section->slug},
                                {"url", Url(site, "section", a.section->slug)}}
                         : json(nullptr);
    } else if (f == "tags") {
      json tags = json::array();
      for (const Tag& t : a.tags) tags.push_back({{"name", t.name}, {"slug", t.slug}, {"url", Url(site, "tag", t.slug)}});
      out[f] = tags;
    } else if (f == "highlights") {
      out[f] = a.highlights;
    } else if (f == "body_html") {
      out[f] = a.body_html;
    } else if (f == "body_text") {
      out[f] = MarkdownToText(a.body_markdown);
    } else if (f == "featured_image") {
      out[f] = FeaturedImage(a, site);
    } else if (f == "related") {
      // As the page shows them: curated links first, then the automatic
      // ones they do not already name.
      json related = json::array();
      std::set<Id> shown{a.id};
      for (const RelatedLink& r : a.related) {
        json url = nullptr;
        json id = nullptr;
        if (r.target_id) {
          if (!shown.insert(r.target_id).second) continue;
          id = r.target_id;
          url = Url(site, "article", r.target_slug);
        } else if (!r.url.empty()) {
          url = r.url[0] == '/' ? site + r.url : r.url;
        }
        related.push_back({{"id", id}, {"title", r.title}, {"url", url}});
      }
      for (const ArticleSummary& s : item.auto_related) {
        if (!shown.insert(s.id).second) continue;
        related.push_back({{"id", s.id}, {"title", s.title}, {"url", Url(site, "article", s.slug)}});
      }
      out[f] = related;
    } else if (f == "comment_count") {
      out[f] = item.comment_count;
    } else if (f == "notices") {
      // Dated notices as the page shows them (corrections, updates, …).
      json notices = json::array();
      for (const ArticleNotice& n : a.notices) {
        notices.push_back({{"kind", ToString(n.kind)},
                           {"label", NoticeKindName(n.kind)},
                           {"text", n.text},
                           {"text_html", RenderMarkdown(n.text)},
                           {"date", ctx.Time(n.at)},
                           {"placement", ToString(n.placement)}});
      }
      out[f] = notices;
    } else if (f == "seo") {
      // What search engines and social previews are shown, as the page
      // says it: the SEO title and description, else the title and the
      // first highlight; the canonical address.
      const std::string own = Url(site, "article", a.slug);
      out[f] = {{"title", a.seo_title.empty() ? a.title : a.seo_title},
                {"description", a.seo_description.empty() ? (a.highlights.empty() ? "" : a.highlights.front())
                                                          : a.seo_description},
                {"canonical_url", a.source && a.canonical_original && !a.original_url.empty() ? a.original_url : own}};
    }
  }
  return out;
}

RenderedPage ContentApi::Render(const std::string& path, const std::map<std::string, std::string>& params,
                                int64_t now) {
  Context ctx;
  if (!store_.LoadSettings(&ctx.settings).ok()) {
    return ApiErrorPage({500, "server_error", "The site's settings cannot be read.", "تعذّر قراءة إعدادات الموقع.", ""});
  }
  ctx.site = ctx.settings.site_url();
  while (!ctx.site.empty() && ctx.site.back() == '/') ctx.site.pop_back();
  ctx.tz = ctx.settings.timezone();
  ctx.now = now;

  std::vector<std::string> parts;  // After /api/v1.
  const std::string prefix = "/api/v1";
  if (path.compare(0, prefix.size(), prefix) != 0) return ApiErrorPage(NotFound("endpoint"));
  for (size_t start = prefix.size() + 1; start <= path.size();) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!parts.empty() && parts.back().empty() && parts.size() > 1) parts.pop_back();
  for (const std::string& p : parts) {
    if (p.empty()) return ApiErrorPage(NotFound("endpoint"));
  }

  static const std::map<std::string, NamedKind> kNames = {{"writers", NamedKind::kPerson},
                                                          {"sections", NamedKind::kSection},
                                                          {"tags", NamedKind::kTag},
                                                          {"sources", NamedKind::kSource}};
  const size_t n = parts.size();
  if (n == 1 && parts[0] == "articles") return Articles(ctx, params);
  if (n == 2 && parts[0] == "articles") {
    int64_t id = 0;
    if (!ParsePositive(parts[1], &id)) return ApiErrorPage(NotFound("article"));
    return OneArticle(ctx, id, "", params);
  }
  if (n == 3 && parts[0] == "articles" && parts[1] == "by-slug") return OneArticle(ctx, 0, parts[2], params);
  if (auto it = n >= 1 ? kNames.find(parts[0]) : kNames.end(); it != kNames.end()) {
    if (n == 1) return Names(ctx, it->second, params);
    if (n == 2) return OneName(ctx, it->second, parts[1], params);
  }
  if (n == 1 && parts[0] == "breaking") return Breaking(ctx, params);
  if (n == 1 && parts[0] == "pages") return Pages(ctx, params);
  if (n == 2 && parts[0] == "pages") return OnePage(ctx, parts[1], params);
  if (n == 1 && parts[0] == "openapi.json") {
    ApiError error;
    if (!OnlyKnown(params, {}, &error)) return ApiErrorPage(error);
    for (const EmbeddedFile& f : EmbeddedFiles()) {
      if (f.path == "docs/openapi.json") {
        RenderedPage page;
        page.content_type = kApiContentType;
        page.html = std::string(f.bytes);
        return page;  // No keys: it changes only with the binary.
      }
    }
  }
  return ApiErrorPage(NotFound("endpoint"));
}

RenderedPage ContentApi::Articles(Context& ctx, const std::map<std::string, std::string>& params) {
  ArticleListRequest req;
  ApiError error;
  if (!ParseArticleListRequest(params, ctx.tz, &req, &error)) return ApiErrorPage(error);
  ApiArticleFilter filter;
  // Each filter's slug to its id; the list carries the key of what it is a
  // list of (an article joining or leaving the tag's list records tag:ID),
  // the whole site's (home) when no name narrows it.
  bool owned = false;
  auto unknown = [](const char* field) {
    return ApiErrorPage(BadParameter(field, std::string("No ") + field + " has this slug.",
                                     "لا يوجد " + std::string(field) + " بهذا المعرّف (slug)."));
  };
  if (!req.section.empty()) {
    Section s;
    if (!store_.GetSectionBySlug(req.section, &s).ok()) return unknown("section");
    filter.section_id = s.id;
    ctx.keys.insert(keys::Section(s.id));
    owned = true;
  }
  if (!req.tag.empty()) {
    Tag t;
    if (!store_.GetTagBySlug(req.tag, &t).ok()) return unknown("tag");
    filter.tag_id = t.id;
    ctx.keys.insert(keys::Tag(t.id));
    owned = true;
  }
  if (!req.writer.empty()) {
    Person p;
    if (!store_.GetPersonBySlug(req.writer, &p).ok()) return unknown("writer");
    filter.writer_id = p.id;
    ctx.keys.insert(keys::Writer(p.id));
    owned = true;
  }
  if (!req.source.empty()) {
    Source s;
    if (!store_.GetSourceBySlug(req.source, &s).ok()) return unknown("source");
    filter.source_id = s.id;
    ctx.keys.insert(keys::Source(s.id));
    owned = true;
  }
  if (!owned) ctx.keys.insert(keys::kHome);
  filter.since = req.since;
  filter.until = req.until;
  filter.updated_since = req.updated_since;
  filter.after = req.after;
  filter.limit = req.per_page + 1;  // One more says whether there is a next page.
  const bool bodies = std::find_if(req.fields.begin(), req.fields.end(), [](const std::string& f) {
                        return f == "body_html" || f == "body_text";
                      }) != req.fields.end();
  std::vector<ApiArticle> items;
  if (!store_.ListApiArticles(filter, bodies, &items).ok()) {
    return ApiErrorPage({500, "server_error", "The articles cannot be read now.", "تعذّر قراءة المقالات الآن.", ""});
  }
  const bool more = items.size() > static_cast<size_t>(req.per_page);
  if (more) items.resize(req.per_page);
  json list = json::array();
  for (const ApiArticle& item : items) list.push_back(ArticleJson(ctx, item, req.fields));
  json next = nullptr;
  if (more) {
    const Article& last = items.back().article;
    const std::string cursor =
        EncodeCursor({std::to_string(last.published_at), std::to_string(last.id)}, req.Fingerprint());
    next = ctx.site + "/api/v1/articles" +
           QueryString({{"section", req.section},
                        {"tag", req.tag},
                        {"writer", req.writer},
                        {"source", req.source},
                        {"since", req.since_text},
                        {"until", req.until_text},
                        {"updated_since", req.updated_since_text},
                        {"per_page", params.count("per_page") ? std::to_string(req.per_page) : ""},
                        {"fields", req.fields_text},
                        {"cursor", cursor}});
  }
  return ctx.Done({{"articles", list}, {"next", next}});
}

RenderedPage ContentApi::OneArticle(Context& ctx, Id id, const std::string& slug,
                                    const std::map<std::string, std::string>& params) {
  ApiError error;
  std::vector<std::string> fields;
  if (!OnlyKnown(params, {"fields"}, &error) || !ParseFields(Param(params, "fields"), false, &fields, &error)) {
    return ApiErrorPage(error);
  }
  ApiArticle item;
  Status st = store_.GetApiArticle(id, slug, &item);
  if (st.IsNotFound()) return ApiErrorPage(NotFound("article"));
  if (!st.ok()) {
    return ApiErrorPage({500, "server_error", "The article cannot be read now.", "تعذّر قراءة المقال الآن.", ""});
  }
  return ctx.Done(ArticleJson(ctx, item, fields));
}

namespace {

const char* ListName(NamedKind kind) {
  switch (kind) {
    case NamedKind::kPerson: return "writers";
    case NamedKind::kSection: return "sections";
    case NamedKind::kTag: return "tags";
    case NamedKind::kSource: return "sources";
  }
  return "";
}

// The reader's page of a name, and its filter in /api/v1/articles.
const char* PagePrefix(NamedKind kind) {
  switch (kind) {
    case NamedKind::kPerson: return "writer";
    case NamedKind::kSection: return "section";
    case NamedKind::kTag: return "tag";
    case NamedKind::kSource: return "source";
  }
  return "";
}

}  // namespace

// A writer, section, tag or source; its keys are those of its page.
static json NameJson(ContentApi::Context& ctx, Store& store, NamedKind kind, const NamedItem& n) {
  const std::string prefix = PagePrefix(kind);
  json out = {{"name", n.name}, {"slug", n.slug}, {"article_count", n.articles}};
  const std::string page = Url(ctx.site, prefix.c_str(), n.slug);
  if (kind == NamedKind::kSource) {
    out["url"] = NullIfEmpty(n.extra);  // The source's own site.
    out["page_url"] = page;
  } else {
    out["url"] = page;
  }
  if (kind == NamedKind::kSection || kind == NamedKind::kTag) out["description"] = NullIfEmpty(n.extra);
  if (kind == NamedKind::kPerson) {
    out["bio"] = NullIfEmpty(n.extra);
    std::optional<MediaItem> photo;
    MediaItem m;
    if (n.photo_id && store.GetMedia(n.photo_id, &m).ok()) photo = std::move(m);
    out["image"] = PortraitUrl(photo, ctx.site);
  }
  out["articles_url"] = ctx.site + "/api/v1/articles?" + prefix + "=" + PercentEncode(n.slug);
  switch (kind) {
    case NamedKind::kPerson:
      ctx.keys.insert(keys::Person(n.id));
      ctx.keys.insert(keys::Writer(n.id));
      break;
    case NamedKind::kSource:
      ctx.keys.insert(keys::SourceInfo(n.id));
      ctx.keys.insert(keys::Source(n.id));
      break;
    case NamedKind::kSection:
      ctx.keys.insert(keys::Section(n.id));  // Renames record global.
      break;
    case NamedKind::kTag:
      ctx.keys.insert(keys::Tag(n.id));
      break;
  }
  return out;
}

RenderedPage ContentApi::Names(Context& ctx, NamedKind kind, const std::map<std::string, std::string>& params) {
  ApiError error;
  int64_t per_page = 0;
  if (!OnlyKnown(params, {"per_page", "cursor"}, &error) || !ParsePerPage(params, &per_page, &error)) {
    return ApiErrorPage(error);
  }
  const std::string fingerprint = ListName(kind);
  std::string after_name;
  int64_t after_id = 0;
  if (auto it = params.find("cursor"); it != params.end()) {
    std::vector<std::string> keys;
    if (!DecodeCursor(it->second, fingerprint, 2, &keys) || !ParseInt(keys[1], &after_id)) {
      return ApiErrorPage(BadCursor());
    }
    after_name = keys[0];
  }
  std::vector<NamedItem> items;
  if (!store_.ListApiNames(kind, after_name, after_id, per_page + 1, &items).ok()) {
    return ApiErrorPage({500, "server_error", "The list cannot be read now.", "تعذّر قراءة القائمة الآن.", ""});
  }
  // Counts move with every published article (home); a new name joins.
  ctx.keys.insert(keys::kHome);
  const bool more = items.size() > static_cast<size_t>(per_page);
  if (more) items.resize(per_page);
  json list = json::array();
  for (const NamedItem& n : items) list.push_back(NameJson(ctx, store_, kind, n));
  json next = nullptr;
  if (more) {
    next = ctx.site + "/api/v1/" + ListName(kind) +
           QueryString({{"per_page", params.count("per_page") ? std::to_string(per_page) : ""},
                        {"cursor", EncodeCursor({items.back().name, std::to_string(items.back().id)}, fingerprint)}});
  }
  return ctx.Done({{ListName(kind), list}, {"next", next}});
}

RenderedPage ContentApi::OneName(Context& ctx, NamedKind kind, const std::string& slug,
                                 const std::map<std::string, std::string>& params) {
  ApiError error;
  if (!OnlyKnown(params, {}, &error)) return ApiErrorPage(error);
  NamedItem n;
  Status st = store_.GetApiName(kind, slug, &n);
  if (st.IsNotFound()) return ApiErrorPage(NotFound(PagePrefix(kind)));
  if (!st.ok()) return ApiErrorPage({500, "server_error", "It cannot be read now.", "تعذّرت القراءة الآن.", ""});
  return ctx.Done(NameJson(ctx, store_, kind, n));
}

RenderedPage ContentApi::Breaking(Context& ctx, const std::map<std::string, std::string>& params) {
  ApiError error;
  if (!OnlyKnown(params, {}, &error)) return ApiErrorPage(error);
  std::vector<BreakingItem> items;
  if (!store_.ListBreaking(ctx.now, &items).ok()) {
    return ApiErrorPage({500, "server_error", "Breaking news cannot be read now.", "تعذّرت قراءة الأخبار العاجلة.", ""});
  }
  json list = json::array();
  int64_t expires = 0;
  for (const BreakingItem& b : items) {
    json link = b.link.empty() ? json(nullptr) : json(b.link[0] == '/' ? ctx.site + b.link : b.link);
    list.push_back({{"id", b.id}, {"text", b.text}, {"link", link}, {"urgent", b.urgent}});
    if (b.until && (expires == 0 || b.until < expires)) expires = b.until;
  }
  // Read anew when the next item ends or starts (Store::BreakingDue
  // purges it then too, a poll later).
  int64_t next_start = 0;
  if (!store_.NextBreakingStart(ctx.now, &next_start).ok()) {
    return ApiErrorPage({500, "server_error", "Breaking news cannot be read now.", "تعذّرت قراءة الأخبار العاجلة.", ""});
  }
  if (next_start && (expires == 0 || next_start < expires)) expires = next_start;
  ctx.keys.insert(keys::kBreaking);  // ForBreaking.
  RenderedPage page = ctx.Done({{"items", list}});
  page.expires_at = expires;
  return page;
}

static json PageJson(ContentApi::Context& ctx, const Article& a, bool bodies) {
  ctx.keys.insert(keys::Article(a.id));
  json out = {{"id", a.id},
              {"title", a.title},
              {"slug", a.slug},
              {"url", Url(ctx.site, "page", a.slug)},
              {"published_at", ctx.Time(a.published_at)},
              {"updated_at", ctx.Time(a.updated_at ? a.updated_at : a.published_at)}};
  if (bodies) {
    out["body_html"] = a.body_html;
    out["body_text"] = MarkdownToText(a.body_markdown);
  }
  return out;
}

RenderedPage ContentApi::Pages(Context& ctx, const std::map<std::string, std::string>& params) {
  ApiError error;
  int64_t per_page = 0;
  if (!OnlyKnown(params, {"per_page", "cursor"}, &error) || !ParsePerPage(params, &per_page, &error)) {
    return ApiErrorPage(error);
  }
  int64_t after = 0;
  if (auto it = params.find("cursor"); it != params.end()) {
    std::vector<std::string> keys;
    if (!DecodeCursor(it->second, "pages", 1, &keys) || !ParseInt(keys[0], &after)) return ApiErrorPage(BadCursor());
  }
  std::vector<Article> pages;
  if (!store_.ListApiPages(after, per_page + 1, &pages).ok()) {
    return ApiErrorPage({500, "server_error", "The pages cannot be read now.", "تعذّرت قراءة الصفحات الآن.", ""});
  }
  ctx.keys.insert(keys::kPages);
  const bool more = pages.size() > static_cast<size_t>(per_page);
  if (more) pages.resize(per_page);
  json list = json::array();
  for (const Article& a : pages) list.push_back(PageJson(ctx, a, false));
  json next = nullptr;
  if (more) {
    next = ctx.site + "/api/v1/pages" +
           QueryString({{"per_page", params.count("per_page") ? std::to_string(per_page) : ""},
                        {"cursor", EncodeCursor({std::to_string(pages.back().id)}, "pages")}});
  }
  return ctx.Done({{"pages", list}, {"next", next}});
}

RenderedPage ContentApi::OnePage(Context& ctx, const std::string& slug,
                                 const std::map<std::string, std::string>& params) {
  ApiError error;
  if (!OnlyKnown(params, {}, &error)) return ApiErrorPage(error);
  Article a;
  Status st = store_.GetArticleBySlug(slug, &a);
  if (st.ok() && (a.status != ArticleStatus::kPublished || a.kind != ArticleKind::kPage)) {
    st = Status::NotFound(slug);
  }
  if (st.IsNotFound()) return ApiErrorPage(NotFound("page"));
  if (!st.ok()) return ApiErrorPage({500, "server_error", "The page cannot be read now.", "تعذّرت قراءة الصفحة الآن.", ""});
  return ctx.Done(PageJson(ctx, a, true));
}

}  // namespace qalam
