#include "services/site_export.h"

#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "arabic/dates.h"
#include "core/text.h"
#include "services/site_layout_lines.h"
#include "wordpress/wxr_writer.h"

namespace qalam {
namespace {

using ojson = nlohmann::ordered_json;

std::string Iso(int64_t t, const std::string& timezone) { return FormatIsoDateTime(t, timezone); }

ojson MediaJson(const MediaItem& m, const std::string& timezone) {
  ojson variants = ojson::array();
  for (const MediaVariant& v : m.variants) {
    variants.push_back({{"file", v.file}, {"width", v.width}, {"height", v.height}, {"mime", v.mime}});
  }
  ojson j = {{"hash", m.hash}, {"mime", m.mime}, {"width", m.width}, {"height", m.height}, {"alt", m.alt}};
  if (!m.caption.empty()) j["caption"] = m.caption;
  if (!m.credit.empty()) j["credit"] = m.credit;
  if (m.created_at) j["created_at"] = Iso(m.created_at, timezone);
  j["variants"] = std::move(variants);
  if (!m.crops.empty()) {
    ojson crops = ojson::array();
    for (const MediaVariant& v : m.crops) {
      crops.push_back(
          {{"file", v.file}, {"width", v.width}, {"height", v.height}, {"mime", v.mime}, {"aspect", v.aspect}});
    }
    j["crops"] = std::move(crops);
  }
  return j;
}

// Every item of the media library, oldest first.
Status AllMedia(Store& store, std::vector<MediaItem>* out) {
  constexpr int64_t kPage = 200;
  int64_t total = 0;
  for (int64_t offset = 0;; offset += kPage) {
    std::vector<MediaItem> page;
    if (Status st = store.ListMedia(offset, kPage, &page, &total); !st.ok()) return st;
    out->insert(out->end(), page.begin(), page.end());
    if (page.size() < static_cast<size_t>(kPage)) break;
  }
  std::sort(out->begin(), out->end(), [](const MediaItem& a, const MediaItem& b) { return a.id < b.id; });
  return Status::Ok();
}

// "YYYY-MM-DD HH:MM:SS" in `timezone`, as WordPress writes post_date.
std::string WpTime(int64_t t, const std::string& timezone) {
  if (t == 0) return "0000-00-00 00:00:00";
  std::string iso = FormatIsoDateTime(t, timezone);
  iso.resize(19);
  iso[10] = ' ';
  return iso;
}

std::string Rfc822(int64_t t) {
  if (t == 0) return "";
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// A slug as WordPress stores post_name and term slugs: percent-encoded
// UTF-8 with lower-case hex digits.
std::string WpSlug(const std::string& slug) {
  std::string s = PercentEncode(slug);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      s[i + 1] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 1])));
      s[i + 2] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + 2])));
    }
  }
  return s;
}

std::string Paragraphs(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& t : texts) {
    if (!out.empty()) out += "\n";
    out += "<p>" + HtmlEscape(t) + "</p>";
  }
  return out;
}

// A comment's plain text as the HTML WordPress keeps: a paragraph per
// blank-line-separated block.
std::string CommentHtml(const std::string& body) {
  std::vector<std::string> paragraphs;
  size_t from = 0;
  while (from <= body.size()) {
    size_t at = body.find("\n\n", from);
    std::string p = Trim(body.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (!p.empty()) paragraphs.push_back(p);
    if (at == std::string::npos) break;
    from = at + 2;
  }
  return Paragraphs(paragraphs);
}

const char* WpCommentApproved(CommentState s) {
  switch (s) {
    case CommentState::kApproved: return "1";
    case CommentState::kPending: return "0";
    case CommentState::kSpam: return "spam";
    case CommentState::kRejected: return "trash";  // WordPress has no other place for it.
    case CommentState::kTrash: return "trash";
  }
  return "0";
}

// The site's own addresses in rendered HTML made absolute, so that a reader
// of the export (WordPress, or Qalam's import) knows they are on this site.
std::string AbsoluteAddresses(std::string html, const std::string& site_url) {
  for (const char* attr : {"src=\"/", "href=\"/"}) {
    const std::string from = attr;
    const std::string to = from.substr(0, from.size() - 1) + site_url + "/";
    for (size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size())) {
      if (html.compare(at + from.size(), 1, "/") == 0) continue;  // "//host": not a path.
      html.replace(at, from.size(), to);
    }
  }
  return html;
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string InterchangeId(const Article& a) {
  return a.external_id.empty() ? "qalam:" + std::to_string(a.id) : a.external_id;
}

std::string ArticleToLine(const Article& a, const std::string& timezone,
                          const std::vector<Comment>* comments, const std::map<Id, User>* staff) {
  ojson j;
  j["id"] = InterchangeId(a);
  j["title"] = a.title;
  j["slug"] = a.slug;
  j["status"] = ToString(a.status);
  if (a.published_at) j["published_at"] = Iso(a.published_at, timezone);
  if (a.updated_at) j["updated_at"] = Iso(a.updated_at, timezone);
  if (a.writer) {
    ojson w = {{"name", a.writer->name}};
    if (!a.writer->bio.empty()) w["bio"] = a.writer->bio;
    j["writer"] = std::move(w);
  }
  for (const auto& [field, role] : {std::pair{"co_writers", ContributorRole::kWriter},
                                    std::pair{"translators", ContributorRole::kTranslator},
                                    std::pair{"contributors", ContributorRole::kContributor}}) {
    std::vector<std::string> names;
    for (const Contributor& c : a.contributors) {
      if (c.role == role) names.push_back(c.person.name);
    }
    if (!names.empty()) j[field] = names;
  }
  if (a.editor) j["editor"] = a.editor->name;
  if (a.source) {
    ojson s = {{"name", a.source->name}};
    if (!a.source->url.empty()) s["url"] = a.source->url;
    if (!a.original_url.empty()) s["article_url"] = a.original_url;
    if (a.canonical_original) s["canonical"] = true;
    j["source"] = std::move(s);
  }
  if (a.section) j["section"] = a.section->name;
  if (!a.tags.empty()) {
    ojson tags = ojson::array();
    for (const Tag& t : a.tags) tags.push_back(t.name);
    j["tags"] = std::move(tags);
  }
  if (!a.highlights.empty()) j["highlights"] = a.highlights;
  if (!a.related.empty()) {
    ojson related = ojson::array();
    for (const RelatedLink& r : a.related) {
      ojson link = {{"title", r.title}};
      if (!r.url.empty()) link["url"] = r.url;
      related.push_back(std::move(link));
    }
    j["related"] = std::move(related);
  }
  j["body"] = a.body_markdown;
  j["kind"] = ToString(a.kind);
  if (a.kind == ArticleKind::kPage) j["in_footer"] = a.in_footer;
  if (a.kind == ArticleKind::kArticle) j["pinned"] = a.pinned;
  if (a.pinned && a.pinned_until) j["pinned_until"] = Iso(a.pinned_until, timezone);
  if (a.image_id && a.image) {
    j["image"] = {{"file", a.image->hash}, {"alt", a.image_alt}};
    if (!a.image_caption.empty()) j["image"]["caption"] = a.image_caption;
  }
  if (!a.notices.empty()) {
    ojson notices = ojson::array();
    for (const ArticleNotice& n : a.notices) {
      notices.push_back({{"kind", ToString(n.kind)}, {"text", n.text}, {"date", Iso(n.at, timezone)},
                         {"placement", ToString(n.placement)}});
    }
    j["notices"] = std::move(notices);
  }
  if (!a.seo_title.empty() || !a.seo_description.empty()) {
    ojson seo = ojson::object();
    if (!a.seo_title.empty()) seo["title"] = a.seo_title;
    if (!a.seo_description.empty()) seo["description"] = a.seo_description;
    j["seo"] = std::move(seo);
  }
  if (a.workflow != Workflow::kNone) j["workflow"] = ToString(a.workflow);
  if (a.scheduled_at) j["scheduled_at"] = Iso(a.scheduled_at, timezone);
  if (a.trashed_at) j["trashed_at"] = Iso(a.trashed_at, timezone);
  if (comments) {
    ojson list = ojson::array();
    for (const Comment& c : *comments) {
      ojson cj = {{"id", std::to_string(c.id)}};
      if (c.parent_id) cj["parent"] = std::to_string(c.parent_id);
      cj["name"] = c.name;
      if (!c.email.empty()) cj["email"] = c.email;
      cj["body"] = c.body;
      cj["state"] = ToString(c.state);
      cj["created_at"] = Iso(c.created_at, timezone);
      if (c.user_id && staff) {
        if (auto u = staff->find(c.user_id); u != staff->end()) {
          cj["user"] = {{"name", u->second.name}, {"email", u->second.email}};
        }
      }
      list.push_back(std::move(cj));
    }
    j["comments"] = std::move(list);
  }
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

Status ExportJsonLines(Store& store, std::ostream& out, const SiteExportOptions& options,
                       SiteExportSummary* summary) {
  Settings settings;
  if (Status st = store.LoadSettings(&settings); !st.ok()) return st;
  const std::string tz = settings.timezone();
  ojson values = ojson::object();
  for (const SettingSpec& spec : SettingSpecs()) values[spec.key] = settings.Get(spec.key);
  summary->settings = static_cast<int64_t>(values.size());
  out << ojson{{"settings", values}}.dump() << "\n";

  std::vector<MediaItem> media;
  if (Status st = AllMedia(store, &media); !st.ok()) return st;
  for (const MediaItem& m : media) {
    out << ojson{{"media", MediaJson(m, tz)}}.dump() << "\n";
    ++summary->media;
  }

  std::vector<Id> ids;
  if (Status st = store.ListAllArticleIds(&ids); !st.ok()) return st;
  std::map<Id, User> staff;  // The accounts of the newsroom's replies.
  std::map<Id, std::string> interchange;  // What the layout and menu lines name.
  for (Id id : ids) {
    Article a;
    if (Status st = store.GetArticleById(id, &a); !st.ok()) {
      if (st.IsNotFound()) continue;  // Emptied from the trash meanwhile.
      return st;
    }
    std::vector<Comment> comments;
    if (options.comments) {
      if (Status st = store.ListArticleComments(id, &comments); !st.ok()) return st;
      summary->comments += static_cast<int64_t>(comments.size());
      for (const Comment& c : comments) {
        if (c.user_id == 0 || staff.count(c.user_id)) continue;
        User u;
        if (store.GetUserById(c.user_id, &u).ok()) staff.emplace(c.user_id, std::move(u));
      }
    }
    out << ArticleToLine(a, tz, options.comments ? &comments : nullptr, &staff) << "\n";
    interchange[a.id] = InterchangeId(a);
    ++(a.kind == ArticleKind::kPage ? summary->pages : summary->articles);
    if (!out) return Status::Io("cannot write the export");
  }
  // After the articles they name, so that an import has them by then.
  std::vector<std::string> layout;
  if (Status st = LayoutLines(store, interchange, &layout); !st.ok()) return st;
  for (const std::string& line : layout) out << line << "\n";
  summary->layouts = static_cast<int64_t>(layout.size());
  out.flush();
  return out ? Status::Ok() : Status::Io("cannot write the export");
}

Status ExportWxr(Store& store, std::ostream& out, const SiteExportOptions& options,
                 SiteExportSummary* summary) {
  Settings settings;
  if (Status st = store.LoadSettings(&settings); !st.ok()) return st;
  const std::string tz = settings.timezone();
  const std::string site_url = TrimSlash(settings.site_url());

  std::vector<Id> ids;
  if (Status st = store.ListAllArticleIds(&ids); !st.ok()) return st;
  std::vector<MediaItem> media;
  if (Status st = AllMedia(store, &media); !st.ok()) return st;

  // A first pass for the channel's authors and terms, which WXR lists
  // before the items. Articles are read again one at a time below.
  std::map<Id, Person> writers;
  std::map<std::string, Section> sections;  // By name: an item names its terms by name.
  std::map<std::string, Tag> tags;
  std::map<Id, Id> media_parent;  // A featured image's first article.
  for (Id id : ids) {
    Article a;
    if (Status st = store.GetArticleById(id, &a); !st.ok()) {
      if (st.IsNotFound()) continue;
      return st;
    }
    if (a.writer) writers.emplace(a.writer->id, *a.writer);
    if (a.section) sections.emplace(a.section->name, *a.section);
    for (const Tag& t : a.tags) tags.emplace(t.name, t);
    if (a.image_id) media_parent.emplace(a.image_id, a.id);
  }
  // Attachments are numbered after every article, so that no two items
  // share a post_id.
  const int64_t attachment_base = ids.empty() ? 0 : ids.back();

  wp::WxrWriter writer(out);
  wp::WxrSite site;
  site.title = settings.site_name();
  site.link = site_url;
  site.description = settings.Get("site_description");
  site.language = "ar";
  site.base_site_url = site_url;
  site.base_blog_url = site_url;
  if (Status st = writer.Begin(site); !st.ok()) return st;
  for (const auto& [id, p] : writers) {
    wp::WxrAuthor author;
    author.id = id;
    author.login = p.slug;
    author.display_name = p.name;
    if (Status st = writer.Author(author); !st.ok()) return st;
    ++summary->writers;
  }
  // WordPress's term 1 is its default category ("Uncategorized"), which its
  // importers (and Qalam's) drop: terms are numbered from 2.
  int64_t term_id = 2;
  for (const auto& [name, s] : sections) {
    wp::WxrTerm t;
    t.id = term_id++;
    t.taxonomy = "category";
    t.slug = WpSlug(s.slug);
    t.name = s.name;
    if (Status st = writer.Term(t); !st.ok()) return st;
    ++summary->sections;
  }
  for (const auto& [name, tag] : tags) {
    wp::WxrTerm t;
    t.id = term_id++;
    t.taxonomy = "post_tag";
    t.slug = WpSlug(tag.slug);
    t.name = tag.name;
    if (Status st = writer.Term(t); !st.ok()) return st;
    ++summary->tags;
  }

  for (Id id : ids) {
    Article a;
    if (Status st = store.GetArticleById(id, &a); !st.ok()) {
      if (st.IsNotFound()) continue;
      return st;
    }
    const bool page = a.kind == ArticleKind::kPage;
    wp::WxrItem item;
    item.id = a.id;
    item.title = a.title;
    item.link = site_url + (page ? "/page/" : "/article/") + PercentEncode(a.slug);
    item.guid = site_url + "/?p=" + std::to_string(a.id);
    item.creator = a.writer ? a.writer->slug : "";
    item.content = AbsoluteAddresses(a.body_html, site_url);
    item.excerpt = Paragraphs(a.highlights);
    item.post_name = WpSlug(a.slug);
    item.post_type = page ? "page" : "post";
    item.sticky = a.pinned;
    const DeskState state = DeskStateOf(a.status, a.workflow);
    int64_t date = a.published_at;
    switch (state) {
      case DeskState::kPublished: item.status = "publish"; break;
      case DeskState::kScheduled:
        item.status = "future";
        date = a.scheduled_at;
        break;
      case DeskState::kReview: item.status = "pending"; break;
      case DeskState::kTrashed:
        item.status = "trash";
        item.meta.push_back({"_wp_trash_meta_status", a.status == ArticleStatus::kPublished ? "publish" : "draft"});
        item.meta.push_back({"_wp_trash_meta_time", std::to_string(a.trashed_at)});
        item.meta.push_back({"_wp_desired_post_slug", item.post_name});
        break;
      case DeskState::kDraft: item.status = "draft"; break;
    }
    item.post_date = WpTime(date, tz);
    item.post_date_gmt = WpTime(date, "UTC");
    if (a.updated_at) item.post_modified_gmt = WpTime(a.updated_at, "UTC");
    if (a.section) item.terms.push_back({"category", WpSlug(a.section->slug), a.section->name});
    for (const Tag& t : a.tags) item.terms.push_back({"post_tag", WpSlug(t.slug), t.name});
    if (a.image_id) item.meta.push_back({"_thumbnail_id", std::to_string(attachment_base + a.image_id)});
    if (options.comments) {
      std::vector<Comment> comments;
      if (Status st = store.ListArticleComments(a.id, &comments); !st.ok()) return st;
      for (const Comment& c : comments) {
        wp::WxrComment wc;
        wc.id = c.id;
        wc.author = c.name;
        wc.author_email = c.email;
        wc.date = WpTime(c.created_at, tz);
        wc.date_gmt = WpTime(c.created_at, "UTC");
        wc.content = CommentHtml(c.body);
        wc.approved = WpCommentApproved(c.state);
        wc.type = "comment";
        wc.parent = c.parent_id;
        item.comments.push_back(std::move(wc));
      }
      summary->comments += static_cast<int64_t>(comments.size());
    }
    if (Status st = writer.Item(item, a.published_at ? Rfc822(a.published_at) : ""); !st.ok()) return st;
    ++(page ? summary->pages : summary->articles);
  }

  // The media library as attachments: the largest variant in the
  // original's format, at its /media address.
  for (const MediaItem& m : media) {
    if (m.variants.empty()) continue;
    const MediaVariant* best = &m.variants.back();
    for (const MediaVariant& v : m.variants) {
      if (v.mime == m.mime) best = &v;
    }
    wp::WxrItem item;
    item.id = attachment_base + m.id;
    item.title = m.alt;
    item.attachment_url = site_url + "/media/" + best->file;
    item.link = item.attachment_url;
    item.guid = item.attachment_url;
    item.post_type = "attachment";
    item.status = "inherit";
    item.post_name = WpSlug(m.hash.substr(0, 16));
    item.post_date = WpTime(m.created_at, tz);
    item.post_date_gmt = WpTime(m.created_at, "UTC");
    if (auto p = media_parent.find(m.id); p != media_parent.end()) item.parent = p->second;
    item.meta.push_back({"_wp_attachment_image_alt", m.alt});
    if (Status st = writer.Item(item); !st.ok()) return st;
    ++summary->media;
  }
  return writer.End();
}

}  // namespace qalam
