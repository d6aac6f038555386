#include "services/importer.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "arabic/dates.h"
#include "content/text_hygiene.h"
#include "core/files.h"
#include "core/line_reader.h"
#include "core/text.h"
#include "content/markdown.h"
#include "content/markdown_limits.h"
#include "media/image.h"
#include "services/article_text.h"
#include "services/comments.h"
#include "services/media_library.h"
#include "services/related.h"
#include "services/site_layout_lines.h"
#include "services/site_settings.h"

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

// A one-line field (a title, a name, a section): Text, with bidi controls,
// invisible and control characters removed as from a comment.
std::string Line(const json& v, const char* field, bool required) {
  std::string s = moderation::CleanLineText(Text(v, field, required));
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
    // Names, tags and highlights: one line each (Line).
    std::string s = moderation::CleanLineText(item.get<std::string>());
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

// `ids` (when given) gets each saved article's number by its interchange id.
Status SaveBatch(Store& store, const arabic::AnalyzerOptions& analyzer, std::vector<Article>* batch,
                 ImportSummary* summary, std::map<std::string, Id>* ids = nullptr) {
  if (batch->empty()) return Status::Ok();
  for (Article& a : *batch) PrepareArticle(&a, analyzer);
  std::vector<SaveResult> results;
  std::set<std::string> changes;
  Status st = store.SaveArticles(batch, &results, &changes);
  if (!st.ok()) return st;
  for (size_t i = 0; ids && i < results.size() && i < batch->size(); ++i) {
    if (!(*batch)[i].external_id.empty()) (*ids)[(*batch)[i].external_id] = results[i].id;
  }
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

Status ParseJson(const std::string& line, json* obj) {
  try {
    *obj = json::parse(line);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number too large.
    std::string what = e.what();
    // nlohmann's message starts "[json.exception.parse_error.101] parse error at ...".
    size_t p = what.find("] ");
    return Status::Invalid("not valid JSON: " + (p == std::string::npos ? what : what.substr(p + 2)));
  }
  if (!obj->is_object()) return Status::Invalid("not a JSON object");
  return Status::Ok();
}

std::string StableHash(const std::string& s) {
  return std::to_string(std::hash<std::string>{}(s)) + "-" + std::to_string(s.size());
}

// A comment of a line's "comments" (docs/ARTICLE-FORMAT.md).
ImportedComment ParseComment(const json& c, const std::string& timezone, int64_t now) {
  if (!c.is_object()) throw LineError{"comments must be an array of objects"};
  ImportedComment ic;
  const json id = Field(c, "id");
  ic.old_id = id.is_number_integer() ? std::to_string(id.get<int64_t>()) : Text(id, "comments.id", true);
  const json parent = Field(c, "parent");
  ic.old_parent_id =
      parent.is_number_integer() ? std::to_string(parent.get<int64_t>()) : Text(parent, "comments.parent", false);
  Comment& out = ic.comment;
  out.name = Text(Field(c, "name"), "comments.name", true);
  out.email = AsciiLower(Text(Field(c, "email"), "comments.email", false));
  if (!out.email.empty()) out.email_hash = CommentService::EmailHash(out.email);
  out.body = moderation::CleanCommentText(Text(Field(c, "body"), "comments.body", true));
  if (out.body.empty()) throw LineError{"empty comments.body"};
  std::string state = Text(Field(c, "state"), "comments.state", false);
  if (!state.empty() && !ParseCommentState(state, &out.state)) {
    throw LineError{"comments.state must be pending, approved, rejected or spam (got \"" + state + "\")"};
  }
  out.created_at = Time(Field(c, "created_at"), "comments.created_at", timezone);
  if (out.created_at == 0) out.created_at = now;
  if (out.state != CommentState::kPending) out.decided_at = out.created_at;
  ic.hash = StableHash(c.dump());
  return ic;
}

Status ParseArticleObject(const json& obj, const std::string& timezone, int64_t now, Article* out,
                          std::vector<ImportedComment>* comments) {
  try {
    Article a;
    const json id = Field(obj, "id");
    if (id.is_number_integer()) {
      a.external_id = std::to_string(id.get<int64_t>());
    } else {
      a.external_id = Text(id, "id", false);
    }
    a.title = Line(Field(obj, "title"), "title", true);
    a.body_markdown = Text(Field(obj, "body"), "body", true);
    // Checked before anything renders it (content/markdown_limits.h).
    if (MarkdownLimitCheck check = CheckMarkdownLimits(a.body_markdown); !check.ok()) throw LineError{check.English()};
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
      p.name = Line(Field(writer, "name"), "writer.name", true);
      p.bio = Text(Field(writer, "bio"), "writer.bio", false);
      a.writer = p;
    } else if (!writer.is_null()) {
      a.writer = Person{0, Line(writer, "writer", true), "", ""};
    }
    if (std::string editor = Line(Field(obj, "editor"), "editor", false); !editor.empty()) {
      a.editor = Person{0, editor, "", ""};
    }
    // Co-writers, translators and contributors: lists of names, in order.
    for (const auto& [field, role] : {std::pair{"co_writers", ContributorRole::kWriter},
                                      std::pair{"translators", ContributorRole::kTranslator},
                                      std::pair{"contributors", ContributorRole::kContributor}}) {
      for (std::string& name : TextList(Field(obj, field), field)) {
        a.contributors.push_back(Contributor{role, Person{0, std::move(name), "", ""}});
      }
    }
    if (a.contributors.size() > kMaxContributors) {
      throw LineError{"co_writers, translators and contributors name more than " +
                      std::to_string(kMaxContributors) + " people"};
    }
    const json source = Field(obj, "source");
    if (source.is_object()) {
      Source s;
      s.name = Line(Field(source, "name"), "source.name", true);
      s.url = Url(Field(source, "url"), "source.url");
      a.source = s;
      // The republished piece's own address, and whether it is canonical.
      a.original_url = Url(Field(source, "article_url"), "source.article_url");
      a.canonical_original = Bool(Field(source, "canonical"), "source.canonical");
      if (a.canonical_original && a.original_url.empty()) {
        throw LineError{"source.canonical needs source.article_url"};
      }
    } else if (!source.is_null()) {
      a.source = Source{0, Line(source, "source", true), "", ""};
    }
    if (std::string section = Line(Field(obj, "section"), "section", false); !section.empty()) {
      a.section = Section{0, section, "", ""};
    }
    std::set<std::string> seen_tags;
    for (std::string& t : TextList(Field(obj, "tags"), "tags")) {
      if (seen_tags.insert(t).second) a.tags.push_back(Tag{0, std::move(t), "", ""});
    }
    a.highlights = TextList(Field(obj, "highlights"), "highlights");
    const json related = Field(obj, "related");
    if (!related.is_null()) {
      if (!related.is_array()) throw LineError{"related must be an array of {title, url}"};
      for (const json& r : related) {
        if (!r.is_object()) throw LineError{"related must be an array of {title, url}"};
        RelatedLink link;
        link.title = Line(Field(r, "title"), "related.title", true);
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
    // Where it is on the desk: in review, scheduled (a draft with its time)
    // or in the trash (since when).
    std::string workflow = Text(Field(obj, "workflow"), "workflow", false);
    if (!workflow.empty() && (!ParseWorkflow(workflow, &a.workflow) || a.workflow == Workflow::kNone)) {
      throw LineError{"workflow must be \"review\", \"scheduled\" or \"trashed\" (got \"" + workflow + "\")"};
    }
    a.scheduled_at = Time(Field(obj, "scheduled_at"), "scheduled_at", timezone);
    a.trashed_at = Time(Field(obj, "trashed_at"), "trashed_at", timezone);
    if ((a.workflow == Workflow::kScheduled) != (a.scheduled_at != 0)) {
      throw LineError{"scheduled_at goes with workflow \"scheduled\", and it with scheduled_at"};
    }
    if (a.workflow == Workflow::kScheduled && a.status != ArticleStatus::kDraft) {
      throw LineError{"a scheduled article is a draft until its time"};
    }
    if (a.trashed_at != 0 && a.workflow != Workflow::kTrashed) throw LineError{"trashed_at needs workflow \"trashed\""};
    if (a.workflow == Workflow::kTrashed && a.trashed_at == 0) a.trashed_at = now;
    const json image = Field(obj, "image");
    if (!image.is_null()) {
      if (!image.is_object()) throw LineError{"image must be {file, alt, caption?}"};
      MediaItem ref;
      ref.hash = Text(Field(image, "file"), "image.file", true);
      a.image_alt = Text(Field(image, "alt"), "image.alt", true);
      a.image_caption = Text(Field(image, "caption"), "image.caption", false);
      a.image = std::move(ref);
    }
    // Dated notices: corrections, updates, clarifications, editor's notes.
    const json notices = Field(obj, "notices");
    if (!notices.is_null()) {
      const char* shape = "notices must be an array of {kind, text, date, placement?}";
      if (!notices.is_array()) throw LineError{shape};
      for (const json& n : notices) {
        if (!n.is_object()) throw LineError{shape};
        ArticleNotice notice;
        const std::string kind = Text(Field(n, "kind"), "notices.kind", true);
        if (!ParseNoticeKind(kind, &notice.kind)) {
          throw LineError{"notices.kind must be \"correction\", \"update\", \"clarification\" or \"editors_note\" (got \"" +
                          kind + "\")"};
        }
        const std::string placement = Text(Field(n, "placement"), "notices.placement", false);
        if (!placement.empty() && !ParseNoticePlacement(placement, &notice.placement)) {
          throw LineError{"notices.placement must be \"top\" or \"bottom\" (got \"" + placement + "\")"};
        }
        notice.text = Text(Field(n, "text"), "notices.text", true);
        // Markdown rendered with every page: the body's bounds.
        if (MarkdownLimitCheck check = CheckMarkdownLimits(notice.text); !check.ok()) {
          throw LineError{check.English("notices.text")};
        }
        notice.at = Time(Field(n, "date"), "notices.date", timezone);
        if (notice.at == 0) throw LineError{"notices.date is required"};
        a.notices.push_back(std::move(notice));
      }
      if (a.kind == ArticleKind::kPage && !a.notices.empty()) throw LineError{"a page has no notices"};
    }
    const json seo = Field(obj, "seo");
    if (!seo.is_null()) {
      if (!seo.is_object()) throw LineError{"seo must be {title?, description?}"};
      a.seo_title = Text(Field(seo, "title"), "seo.title", false);
      a.seo_description = Text(Field(seo, "description"), "seo.description", false);
    }
    const json list = Field(obj, "comments");
    if (!list.is_null()) {
      if (!list.is_array()) throw LineError{"comments must be an array of objects"};
      std::vector<ImportedComment> parsed;
      for (const json& c : list) parsed.push_back(ParseComment(c, timezone, now));
      if (comments) *comments = std::move(parsed);
    }
    a.body_html = RenderMarkdown(a.body_markdown);
    *out = std::move(a);
  } catch (const LineError& e) {
    return Status::Invalid(e.reason);
  } catch (const json::exception& e) {
    return Status::Invalid(e.what());
  }
  return Status::Ok();
}

}  // namespace

Status ParseArticleLine(const std::string& line, const std::string& timezone, int64_t now,
                        Article* out, std::vector<ImportedComment>* comments) {
  json obj;
  if (Status st = ParseJson(line, &obj); !st.ok()) return st;
  return ParseArticleObject(obj, timezone, now, out, comments);
}

Status ImportArticles(Store& store, std::istream& in, ImportSummary* summary) {
  return ImportArticles(store, in, ArticleImportOptions{}, summary);
}

namespace {

// The name media/image.h gives a variant: 16 hex digits (of its image's
// variant key; before it, of the variant's own bytes), "-", its width, ".",
// its extension.
bool IsVariantName(const std::string& name) {
  static const std::regex kName("[0-9a-f]{16}-[0-9]{1,5}(x[0-9]{1,5})?\\.(jpg|png|webp|gif)");
  return std::regex_match(name, kName);
}

// Whether `bytes` are the variant `v` says: an image of its type, width and
// height (the header alone is read).
bool IsTheVariant(const std::string& bytes, const MediaVariant& v) {
  ProcessedImage header;
  if (!PlanImage(bytes, ImageLimits{}, &header).ok()) return false;
  return MimeType(header.type) == v.mime && header.width == v.width && header.height == v.height;
}

// One import of JSON lines: two kinds of batch (plain articles through
// SaveArticles, as always; articles with desk state, images or comments
// through SaveImportBatch), flushed in the file's order.
class LineImporter {
 public:
  LineImporter(Store& store, const ArticleImportOptions& options, ImportSummary* summary)
      : store_(store), options_(options), summary_(summary) {}

  Status Run(std::istream& in) {
    if (Status st = LoadSettings(); !st.ok()) return st;
    std::string line;
    size_t number = 0;
    for (LineRead read; (read = ReadBoundedLine(in, kMaxImportLineBytes, &line)) != LineRead::kEnd;) {
      ++number;
      if (read == LineRead::kTooLong) {
        ++summary_->lines;
        summary_->errors.push_back(ImportError{
            number, "line longer than " + std::to_string(kMaxImportLineBytes) + " bytes (8 MiB), not read"});
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (Trim(line).empty()) continue;
      ++summary_->lines;
      json obj;
      Status parsed = ParseJson(line, &obj);
      if (parsed.ok() && obj.size() == 1 && obj.contains("settings")) {
        parsed = ApplySettings(obj["settings"], number);
        if (!parsed.ok() && !parsed.IsInvalid()) return parsed;
      } else if (parsed.ok() && obj.size() == 1 && obj.contains("media")) {
        parsed = ImportMedia(obj["media"]);
        if (!parsed.ok() && !parsed.IsInvalid()) return parsed;
      } else if (parsed.ok() && obj.size() == 1 && (obj.contains("home") || obj.contains("menu"))) {
        parsed = ApplyLayout(obj, number);
        if (!parsed.ok() && !parsed.IsInvalid()) return parsed;
      } else if (parsed.ok()) {
        parsed = AddArticle(obj, number);
        if (!parsed.ok() && !parsed.IsInvalid()) return parsed;
      }
      if (!parsed.ok()) summary_->errors.push_back(ImportError{number, parsed.message()});
    }
    if (Status st = FlushPlain(); !st.ok()) return st;
    if (Status st = FlushDesk(); !st.ok()) return st;
    return RefreshAutoRelated(store_);
  }

 private:
  Status LoadSettings() {
    Settings settings;
    if (Status st = store_.LoadSettings(&settings); !st.ok()) return st;
    timezone_ = settings.timezone();
    analyzer_ = SearchAnalyzer(settings);
    return Status::Ok();
  }

  // A whole-site export's settings: each checked as `qalam settings` checks
  // it; unknown or invalid ones are reported and left as they are.
  Status ApplySettings(const json& values, size_t number) {
    if (!values.is_object()) return Status::Invalid("settings must be an object of strings");
    if (Status st = FlushPlain(); !st.ok()) return st;
    if (Status st = FlushDesk(); !st.ok()) return st;
    Settings current;
    if (Status st = store_.LoadSettings(&current); !st.ok()) return st;
    std::map<std::string, std::string> changed;
    for (const auto& [key, value] : values.items()) {
      std::string canonical;
      Status valid = value.is_string() ? ValidateSetting(key, value.get<std::string>(), &canonical)
                                       : Status::Invalid(key + " must be a string");
      if (!valid.ok()) {
        summary_->warnings.push_back(ImportError{number, "setting left as it is: " + valid.message()});
        continue;
      }
      if (key == "site_url") origin_ = "jsonl:" + canonical;
      if (current.Get(key) != canonical) changed[key] = canonical;
    }
    bool index_failed = false;
    if (!changed.empty()) {
      if (Status st = SiteSettings(store_).Save(current, changed, 0, options_.now, &index_failed); !st.ok()) {
        return st;
      }
    }
    summary_->settings_changed += changed.size();
    return LoadSettings();
  }

  // A home or menu line of a whole-site export: what it names found among
  // the articles imported so far (flushed first), then saved as the desk
  // saves it unless it is already so.
  Status ApplyLayout(const json& obj, size_t number) {
    if (Status st = FlushPlain(); !st.ok()) return st;
    if (Status st = FlushDesk(); !st.ok()) return st;
    LayoutApplied applied;
    Status st = obj.contains("home") ? ApplyHomeLine(store_, obj["home"], ids_, options_.now, &applied)
                                     : ApplyMenuLine(store_, obj["menu"], ids_, options_.now, &applied);
    for (const std::string& w : applied.left_out) {
      summary_->warnings.push_back(ImportError{number, w + ": left out"});
    }
    if (applied.changed) ++summary_->layouts_changed;
    return st;
  }

  // A media line: its variants' files copied as they are (each checked to
  // be the image its line names), then the item recorded with the same hash.
  Status ImportMedia(const json& m) {
    MediaItem item;
    try {
      if (!m.is_object()) return Status::Invalid("media must be an object");
      item.hash = m.at("hash").get<std::string>();
      item.mime = m.at("mime").get<std::string>();
      item.width = m.at("width").get<int>();
      item.height = m.at("height").get<int>();
      item.alt = Trim(ToNfc(m.value("alt", std::string())));
      if (item.alt.empty()) item.alt = "صورة";
      // The image's own caption and credit (media/image_credit.h), one line each.
      item.caption = Excerpt(OneLine(m.value("caption", std::string())), kMediaCaptionMaxChars);
      item.credit = Excerpt(OneLine(m.value("credit", std::string())), kMediaCreditMaxChars);
      if (std::string at = m.value("created_at", std::string()); !at.empty()) {
        if (Status st = ParseIsoDateTime(at, timezone_, &item.created_at); !st.ok()) {
          return Status::Invalid("media.created_at: " + st.message());
        }
      }
      for (const json& v : m.at("variants")) {
        item.variants.push_back(MediaVariant{v.at("width").get<int>(), v.at("height").get<int>(),
                                             v.at("mime").get<std::string>(), v.at("file").get<std::string>(), ""});
      }
      if (m.contains("crops")) {
        for (const json& v : m.at("crops")) {
          item.crops.push_back(MediaVariant{v.at("width").get<int>(), v.at("height").get<int>(),
                                            v.at("mime").get<std::string>(), v.at("file").get<std::string>(),
                                            v.at("aspect").get<std::string>()});
        }
      }
    } catch (const json::exception& e) {
      return Status::Invalid(std::string("media: ") + e.what());
    }
    if (item.hash.size() != 64 || item.variants.empty()) return Status::Invalid("media: no hash or no variants");
    if (options_.site_media_dir.empty()) return Status::Invalid("media: this site keeps no media");
    namespace fs = std::filesystem;
    const fs::path dest_dir(options_.site_media_dir);
    std::error_code ec;
    fs::create_directories(dest_dir, ec);
    std::vector<const MediaVariant*> files;
    for (const MediaVariant& v : item.variants) files.push_back(&v);
    for (const MediaVariant& v : item.crops) files.push_back(&v);
    for (const MediaVariant* file : files) {
      const MediaVariant& v = *file;
      if (!IsVariantName(v.file)) return Status::Invalid("media: " + v.file + " is not a media file name");
      const fs::path dest = dest_dir / v.file;
      if (fs::exists(dest)) continue;  // The same name holds the same image.
      if (options_.media_dir.empty()) {
        return Status::Invalid("media " + v.file + " is not in this site's media folder: import with "
                               "--media-dir OLD_SITE/media");
      }
      std::string bytes;
      if (!ReadWholeFile((fs::path(options_.media_dir) / v.file).string(), &bytes)) {
        return Status::Invalid("media " + v.file + " is not in " + options_.media_dir);
      }
      if (!IsTheVariant(bytes, v)) {
        return Status::Invalid("media " + v.file + " in " + options_.media_dir + " is not the " + v.mime + " of " +
                               std::to_string(v.width) + "×" + std::to_string(v.height) + " its line names");
      }
      const fs::path tmp = dest_dir / ("." + v.file + ".tmp");
      {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.good()) return Status::Io("cannot write " + tmp.string());
      }
      fs::rename(tmp, dest, ec);
      if (ec) return Status::Io("cannot write " + dest.string() + ": " + ec.message());
    }
    bool created = false;
    if (Status st = store_.SaveMedia(&item, &created); !st.ok()) return st;
    ++(created ? summary_->media_created : summary_->media_unchanged);
    media_[item.hash] = item.id;
    for (const MediaVariant& v : item.variants) media_[v.file] = item.id;
    return Status::Ok();
  }

  Status AddArticle(const json& obj, size_t number) {
    Article a;
    std::vector<ImportedComment> comments;
    if (Status st = ParseArticleObject(obj, timezone_, 0, &a, &comments); !st.ok()) return st;
    // Undated things of the desk are dated now (articles are dated by the store).
    if (a.workflow == Workflow::kTrashed && a.trashed_at == 0) a.trashed_at = options_.now;
    for (ImportedComment& c : comments) {
      if (c.comment.created_at == 0) c.comment.created_at = options_.now;
    }
    // A newsroom reply names its account by email: linked to the account
    // with that email here, or to a new disabled writer account (no
    // password, no role beyond writer), as the WordPress import does.
    if (const json list = Field(obj, "comments"); list.is_array() && list.size() == comments.size()) {
      for (size_t k = 0; k < comments.size(); ++k) {
        const json user = Field(list[k], "user");
        if (!user.is_object()) continue;
        const std::string email = AsciiLower(Trim(user.value("email", std::string())));
        if (email.find('@') == std::string::npos) continue;
        if (Status st = StaffAccount(email, Trim(ToNfc(user.value("name", std::string()))),
                                     &comments[k].comment.user_id);
            !st.ok()) {
          return st;
        }
      }
    }
    const bool desk = obj.contains("image") || obj.contains("workflow") || obj.contains("comments");
    if (!desk) {
      if (Status st = FlushDesk(); !st.ok()) return st;
      plain_.push_back(std::move(a));
      return plain_.size() >= kBatchSize ? FlushPlain() : Status::Ok();
    }
    if (Status st = FlushPlain(); !st.ok()) return st;
    if (a.image) {
      auto found = media_.find(a.image->hash);
      if (found != media_.end()) {
        a.image_id = found->second;
      } else {
        summary_->warnings.push_back(ImportError{
            number, "image " + a.image->hash + " is not among this file's media: imported without it"});
        a.image_alt.clear();
      }
      a.image.reset();
    }
    ImportedArticle ia;
    if (a.external_id.empty()) return Status::Invalid("a line with image, workflow or comments needs an id");
    ia.old_id = a.external_id;
    json rest = obj;
    rest.erase("comments");
    ia.hash = StableHash(rest.dump() + "\xff" + std::to_string(a.image_id));
    ia.comments = std::move(comments);
    PrepareArticle(&a, analyzer_);
    ia.article = std::move(a);
    desk_.articles.push_back(std::move(ia));
    return desk_.articles.size() >= kBatchSize ? FlushDesk() : Status::Ok();
  }

  Status StaffAccount(const std::string& email, const std::string& name, Id* id) {
    if (auto known = staff_.find(email); known != staff_.end()) {
      *id = known->second;
      return Status::Ok();
    }
    User u;
    if (store_.GetUserByEmail(email, &u).ok()) {
      *id = staff_[email] = u.id;
      return Status::Ok();
    }
    u = User{};
    u.email = email;
    u.name = name.empty() ? email : name;
    u.role = Role::kWriter;
    u.disabled = true;
    u.created_at = options_.now;
    if (Status st = store_.CreateUser(&u); !st.ok()) return st;
    *id = staff_[email] = u.id;
    return Status::Ok();
  }

  Status FlushPlain() { return SaveBatch(store_, analyzer_, &plain_, summary_, &ids_); }

  Status FlushDesk() {
    if (desk_.articles.empty()) return Status::Ok();
    desk_.origin = origin_;
    ImportBatchResult result;
    std::set<std::string> changes;
    if (Status st = store_.SaveImportBatch(&desk_, &result, &changes); !st.ok()) return st;
    summary_->created += result.articles_created;
    summary_->updated += result.articles_updated;
    summary_->unchanged += result.articles_unchanged;
    summary_->comments_created += result.comments_created;
    summary_->comments_updated += result.comments_updated;
    summary_->comments_unchanged += result.comments_unchanged;
    for (size_t i = 0; i < result.article_ids.size() && i < desk_.articles.size(); ++i) {
      ids_[desk_.articles[i].old_id] = result.article_ids[i];
    }
    for (const std::string& p : result.problems) summary_->warnings.push_back(ImportError{0, p});
    desk_.articles.clear();
    return Status::Ok();
  }

  Store& store_;
  const ArticleImportOptions& options_;
  ImportSummary* summary_;
  std::string timezone_;
  arabic::AnalyzerOptions analyzer_;
  std::string origin_ = "jsonl";
  std::map<std::string, Id> media_;  // By hash and by each variant's file name.
  std::map<std::string, Id> staff_;  // Accounts by email.
  std::map<std::string, Id> ids_;    // Articles imported so far, by interchange id.
  std::vector<Article> plain_;
  ImportBatch desk_;
};

}  // namespace

Status ImportArticles(Store& store, std::istream& in, const ArticleImportOptions& options,
                      ImportSummary* summary) {
  return LineImporter(store, options, summary).Run(in);
}

}  // namespace qalam
