#include "render/pages.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>

#include "arabic/dates.h"
#include "arabic/lists.h"
#include "arabic/plural.h"
#include "core/change_keys.h"
#include "arabic/slug.h"
#include "content/markdown.h"
#include "content/text_hygiene.h"
#include "core/text.h"
#include "render/content_api.h"
#include "render/home_page.h"
#include "render/share_links.h"
#include "render/site_identity.h"

namespace qalam {

using moderation::CommentToHtml;

using kainjow::mustache::data;
using kainjow::mustache::mustache;

namespace {

// An image as structured data names it: its address alone, or with a
// caption or a credit an ImageObject (schema.org caption, creditText).
nlohmann::json LdImage(const std::string& url, const std::string& caption, const std::string& credit) {
  if (caption.empty() && credit.empty()) return url;
  nlohmann::json image = {{"@type", "ImageObject"}, {"url", url}, {"contentUrl", url}};
  if (!caption.empty()) image["caption"] = caption;
  if (!credit.empty()) image["creditText"] = credit;
  return image;
}

// The article's sharing links (render/share_links.h) for the template.
data ShareView(const ShareLinks& links) {
  data d{data::type::object};
  d.set("url", links.url);
  d.set("whatsapp", links.whatsapp);
  d.set("telegram", links.telegram);
  d.set("x", links.x);
  d.set("facebook", links.facebook);
  return d;
}

std::string Url(const char* kind, const std::string& slug) {
  return std::string("/") + kind + "/" + PercentEncode(slug);
}

std::string RenderTemplate(const std::string& text, const data& d, Status* st) {
  mustache tmpl(text);
  if (!tmpl.is_valid()) {
    *st = Status::Invalid("template error: " + tmpl.error_message());
    return "";
  }
  return tmpl.render(d);
}

// A list's thumbnail of an article's featured image: every size of its
// original format as srcset (WebP's too, for <picture>), the smallest at
// least 480 pixels wide as src; the template gives `sizes` for its card.
// Empty when the image has no size yet.
data ThumbView(const MediaItem& m) {
  data d{data::type::object};
  std::string webp, original;
  const MediaVariant* src = nullptr;
  for (const MediaVariant& v : m.variants) {  // Smallest first.
    const std::string entry = "/media/" + v.file + " " + std::to_string(v.width) + "w";
    if (v.mime == "image/webp") {
      webp += (webp.empty() ? "" : ", ") + entry;
      continue;
    }
    original += (original.empty() ? "" : ", ") + entry;
    if (!src || src->width < 480) src = &v;
  }
  if (!src) return d;
  d.set("src", "/media/" + src->file);
  d.set("srcset", original);
  if (!webp.empty()) d.set("webp_srcset", webp);
  d.set("width", std::to_string(src->width));
  d.set("height", std::to_string(src->height));
  return d;
}

}  // namespace

PageRenderer::PageRenderer(Store& store, const Theme& theme)
    : store_(store), theme_(theme), api_(std::make_unique<ContentApi>(store)) {}
PageRenderer::~PageRenderer() = default;

void PageRenderer::SetMostRead(std::vector<MostReadArticle> list) {
  auto snapshot = std::make_shared<const std::vector<MostReadArticle>>(std::move(list));
  std::lock_guard<std::mutex> lock(most_read_mu_);
  most_read_ = std::move(snapshot);
}

std::shared_ptr<const std::vector<MostReadArticle>> PageRenderer::MostRead() const {
  std::lock_guard<std::mutex> lock(most_read_mu_);
  return most_read_;
}

struct PageRenderer::Context {
  Settings settings;
  DateStyle style;
  int64_t now = 0;
  data view{data::type::object};  // The page template's data.
  std::string title;              // <title>; the site name is appended.
  std::string description;
  std::string canonical_path;
  std::string og_type = "website";
  // The address search engines should credit (absolute); empty: the
  // site's own, canonical_path. A republished piece may name its original.
  std::string canonical_url;
  // The preview image of social networks (og:image, twitter:image).
  struct PreviewImage {
    std::string url;  // Absolute.
    int width = 0, height = 0;
    std::string alt;
  };
  std::optional<PreviewImage> preview_image;
  // og:title when it differs from the page's title (an article's SEO title).
  std::string og_title;
  // article:published_time and the like, (property, content) pairs.
  std::vector<std::pair<std::string, std::string>> og_extra;
  std::string json_ld;
  bool noindex = false;
  int status = 200;
  std::set<std::string> keys{keys::kGlobal};
  int64_t expires_at = 0;
  std::string location;  // A 301 to this path instead of a page.
  // The feed named in the head (<link rel="alternate">): the site's, or a
  // list's own; its title ("" for the site's name).
  std::string feed_path = "/feed";
  std::string feed_title;
  // Featured images of the articles a list shows (LoadThumbs), by article
  // id: each summary of them carries its thumbnail.
  std::map<Id, MediaItem> thumbs;

  // Reads the featured images of `ids` in one batch.
  Status LoadThumbs(Store& store, const std::vector<Id>& ids) {
    std::map<Id, MediaItem> more;
    Status st = store.GetFeaturedImages(ids, &more);
    if (!st.ok()) return st;
    thumbs.merge(more);
    return Status::Ok();
  }
  void SetThumb(Id id, data* d) const {
    auto it = thumbs.find(id);
    if (it == thumbs.end()) return;
    data image = ThumbView(it->second);
    if (image.get("src")) d->set("image", image);
  }

  // A number as readers see it: in the site's digits.
  std::string Number(int64_t n) const { return LocalDigits(std::to_string(n), style.digits); }
  // A list's pager: "صفحة 2 من 6" in the site's digits, and the addresses
  // of the pages before and after (`url` of a page number).
  template <typename UrlOf>
  data Pager(int64_t page, int64_t pages, UrlOf url) const {
    data pager{data::type::object};
    pager.set("page", Number(page));
    pager.set("pages", Number(pages));
    if (page > 1) pager.set("prev", url(page - 1));
    if (page < pages) pager.set("next", url(page + 1));
    return pager;
  }

  data Date(int64_t t) const {
    data d{data::type::object};
    d.set("iso", FormatIsoDateTime(t, style.timezone));
    d.set("text", FormatArabicDate(t, style));
    return d;
  }
  // The date and the time of day (an article of a news section).
  data DateTime(int64_t t) const {
    data d{data::type::object};
    d.set("iso", FormatIsoDateTime(t, style.timezone));
    d.set("text", FormatArabicDateTime(t, style));
    return d;
  }
  // A notice as the article page and the corrections page show it: its
  // kind, date and time, and its text as HTML (safe-mode Markdown).
  data Notice(const ArticleNotice& n) const {
    data d{data::type::object};
    d.set("kind", ToString(n.kind));
    d.set("kind_name", NoticeKindName(n.kind));
    d.set("date", DateTime(n.at ? n.at : now));
    d.set("html", RenderMarkdown(n.text));
    return d;
  }
  data Summary(const ArticleSummary& s) const {
    data d{data::type::object};
    d.set("title", s.title);
    d.set("url", Url("article", s.slug));
    d.set("date", Date(s.published_at));
    if (!s.first_highlight.empty()) d.set("excerpt", Excerpt(s.first_highlight, 220));
    if (!s.section_slug.empty()) {
      data sec{data::type::object};
      sec.set("name", s.section_name);
      sec.set("url", Url("section", s.section_slug));
      d.set("section", sec);
    }
    if (!s.writer_name.empty()) d.set("writer", s.writer_name);
    SetThumb(s.id, &d);
    return d;
  }
  data Summaries(const std::vector<ArticleSummary>& items) const {
    data list{data::type::list};
    for (const auto& s : items) list.push_back(Summary(s));
    return list;
  }
};

namespace {

// The site's organization as structured data names it: its name and, when
// the desk set one (publisher_logo), its logo's largest original-format size.
nlohmann::json Publisher(Store& store, const Settings& settings) {
  nlohmann::json org = {{"@type", "Organization"}, {"name", settings.site_name()}, {"url", settings.site_url() + "/"}};
  const std::string& logo_id = settings.Get("publisher_logo");
  MediaItem logo;
  if (!logo_id.empty() && store.GetMedia(std::atoll(logo_id.c_str()), &logo).ok()) {
    if (const MediaVariant* best = LargestOwnFormat(logo.variants)) {
      org["logo"] = {{"@type", "ImageObject"},
                     {"url", settings.site_url() + "/media/" + best->file},
                     {"width", best->width},
                     {"height", best->height}};
    }
  }
  return org;
}

// home → section (when it has one) → the page itself, as BreadcrumbList.
nlohmann::json Breadcrumbs(const Settings& settings, const std::optional<Section>& section,
                           const std::string& name, const std::string& url) {
  nlohmann::json items = nlohmann::json::array();
  auto add = [&](const std::string& n, const std::string& u) {
    items.push_back({{"@type", "ListItem"}, {"position", items.size() + 1}, {"name", n}, {"item", u}});
  };
  add("الرئيسية", settings.site_url() + "/");
  if (section) add(section->name, settings.site_url() + Url("section", section->slug));
  if (!name.empty()) add(name, url);
  return {{"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", items}};
}

}  // namespace

Status PageRenderer::LoadCommon(Context& ctx, int64_t now) {
  Status st = store_.LoadSettings(&ctx.settings);
  if (!st.ok()) return st;
  ctx.now = now;
  ctx.style = MakeDateStyle(ctx.settings.Get("date_style"), ctx.settings.Get("digits"),
                            ctx.settings.Get("hijri"), ctx.settings.timezone());
  return Status::Ok();
}

Status PageRenderer::Render(const std::string& path, int page, int64_t now, RenderedPage* out) {
  Context ctx;
  Status st = LoadCommon(ctx, now);
  if (!st.ok()) return st;

  std::vector<std::string> parts;
  for (size_t start = 1; start <= path.size();) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  std::string template_name;
  if (parts.empty() && page == 1) {
    st = RenderHome(ctx);
    template_name = "home";
  } else if (parts.size() == 2 && parts[0] == "article" && page >= 1) {
    // ?page=N of an article pages its comments.
    st = RenderArticle(ctx, parts[1], page);
    template_name = "article";
  } else if (parts.size() == 2 && parts[0] == "page" && page == 1) {
    st = RenderStaticPage(ctx, parts[1]);
    template_name = "page";
  } else if (parts.size() == 1 && parts[0] == "corrections") {
    st = RenderCorrections(ctx, page);
    template_name = "corrections";
  } else if ((parts.size() == 2 && (parts[0] == "tag" || parts[0] == "section" ||
                                    parts[0] == "writer" || parts[0] == "source")) ||
             (parts.size() == 1 && parts[0] == "latest")) {
    st = RenderList(ctx, parts[0], parts.size() == 2 ? parts[1] : "", page);
    template_name = "list";
  } else {
    st = Status::NotFound(path);
  }
  if (st.IsNotFound()) {
    *out = NotFound(now);
    return Status::Ok();
  }
  if (!st.ok()) return st;
  if (!ctx.location.empty()) {
    // Kept like a page (it names the article's key): a change of kind
    // purges it.
    *out = RenderedPage{};
    out->status = 301;
    out->location = ctx.location;
    out->keys = std::move(ctx.keys);
    return Status::Ok();
  }
  return Finish(ctx, template_name, out);
}

Status PageRenderer::RenderHome(Context& ctx) {
  ctx.keys.insert(keys::kHome);
  ctx.description = ctx.settings.Get("site_description");
  ctx.view.set("site_name", ctx.settings.site_name());
  ctx.canonical_path = "/";
  {
    // The site and its search box, for search engines' sitelinks.
    const std::string site = ctx.settings.site_url();
    nlohmann::json website = {
        {"@context", "https://schema.org"},
        {"@type", "WebSite"},
        {"name", ctx.settings.site_name()},
        {"url", site + "/"},
        {"inLanguage", "ar"},
        {"publisher", Publisher(store_, ctx.settings)},
        {"potentialAction",
         {{"@type", "SearchAction"},
          {"target", {{"@type", "EntryPoint"}, {"urlTemplate", site + "/search?q={search_term_string}"}}},
          {"query-input", "required name=search_term_string"}}},
    };
    if (!ctx.description.empty()) website["description"] = ctx.description;
    ctx.json_ld = website.dump();
  }
  HomeLayout layout;
  Status st = store_.GetHomeLayout(&layout);
  if (!st.ok()) return st;
  return FillHome(ctx, layout);
}

static bool PortraitView(Store& store, Id photo_id, data* out);

// --- the front page as the desk laid it out (render/home_page.h decides
// what goes where; this turns it into the template's view)

Status PageRenderer::FillHome(Context& ctx, const HomeLayout& layout) {
  HomePlan plan;
  Status st = PlanHome(store_, layout, ctx.now, &plan);
  if (!st.ok()) return st;
  // The page is rendered anew when the first pin expires.
  if (plan.pin_expires && (ctx.expires_at == 0 || plan.pin_expires < ctx.expires_at)) {
    ctx.expires_at = plan.pin_expires;
  }
  if (!(st = ctx.LoadThumbs(store_, plan.shown)).ok()) return st;
  data& v = ctx.view;
  v.set("pinned", ctx.Summaries(plan.pinned));
  v.set("has_pinned", !plan.pinned.empty());
  if (plan.lead) v.set("lead", ctx.Summary(*plan.lead));
  v.set("featured", ctx.Summaries(plan.featured));
  v.set("has_featured", !plan.featured.empty());
  v.set("latest", ctx.Summaries(plan.latest));
  v.set("has_latest", !plan.latest.empty());
  v.set("empty", plan.empty);
  data blocks{data::type::list};
  for (const HomeBlock& b : plan.sections) {
    data d{data::type::object};
    d.set("name", b.section.name);
    d.set("url", Url("section", b.section.slug));
    d.set("items", ctx.Summaries(b.items));
    blocks.push_back(d);
  }
  v.set("sections", blocks);
  if (plan.opinion_section) {
    // «مقالات الرأي»: each piece under its writer's name and portrait.
    data pieces{data::type::list};
    for (const HomeOpinion& o : plan.opinion) {
      data d = ctx.Summary(o.article);
      if (o.writer_id) {
        ctx.keys.insert(keys::Person(o.writer_id));
        d.set("writer_url", Url("writer", o.writer_slug));
        data photo;
        if (PortraitView(store_, o.writer_photo, &photo)) d.set("portrait", photo);
      }
      pieces.push_back(d);
    }
    data opinion{data::type::object};
    opinion.set("url", Url("section", plan.opinion_section->slug));
    opinion.set("name", plan.opinion_section->name);
    opinion.set("items", pieces);
    v.set("opinion", opinion);
  }
  return Status::Ok();
}

Status PageRenderer::RenderHomePreview(const HomeLayout& layout, int64_t now, RenderedPage* out) {
  Context ctx;
  Status st = LoadCommon(ctx, now);
  if (!st.ok()) return st;
  st = RenderHome(ctx);  // The page's head and structured data as readers get them.
  if (!st.ok()) return st;
  ctx.view = data{data::type::object};
  ctx.view.set("site_name", ctx.settings.site_name());
  ctx.noindex = true;
  if (!(st = FillHome(ctx, layout)).ok()) return st;
  ctx.view.set("preview", true);
  st = Finish(ctx, "home", out);
  out->keys.clear();  // Never cached.
  out->expires_at = 0;
  return st;
}

Status PageRenderer::RenderArticle(Context& ctx, const std::string& slug, int comment_page) {
  Article a;
  Status st = store_.GetArticleBySlug(slug, &a);
  if (!st.ok()) return st;
  if (a.status != ArticleStatus::kPublished) return Status::NotFound(slug);
  if (a.kind == ArticleKind::kPage) {
    ctx.keys.insert(keys::Article(a.id));
    ctx.location = Url("page", a.slug);
    return Status::Ok();
  }
  st = FillArticle(ctx, a);
  if (!st.ok()) return st;
  return FillComments(ctx, a, comment_page);
}

// A static page ("من نحن"): its title and body only; no byline, date,
// section, tags, comments, sharing or related articles.
Status PageRenderer::RenderStaticPage(Context& ctx, const std::string& slug) {
  Article a;
  Status st = store_.GetArticleBySlug(slug, &a);
  if (!st.ok()) return st;
  if (a.status != ArticleStatus::kPublished) return Status::NotFound(slug);
  if (a.kind != ArticleKind::kPage) {
    ctx.keys.insert(keys::Article(a.id));
    ctx.location = Url("article", a.slug);
    return Status::Ok();
  }
  FillStaticPage(ctx, a);
  return Status::Ok();
}

void PageRenderer::FillStaticPage(Context& ctx, const Article& a) {
  if (a.id) ctx.keys.insert(keys::Article(a.id));
  ctx.title = a.title;
  ctx.description = Excerpt(a.highlights.empty() ? ctx.settings.Get("site_description") : a.highlights.front(), 300);
  ctx.canonical_path = Url("page", a.slug);
  ctx.view.set("title", a.title);
  ctx.view.set("body_html", a.body_html);
  nlohmann::json ld = {
      {"@context", "https://schema.org"},
      {"@type", "WebPage"},
      {"name", a.title},
      {"inLanguage", "ar"},
      {"url", ctx.settings.site_url() + ctx.canonical_path},
      {"publisher", Publisher(store_, ctx.settings)},
  };
  if (!a.seo_title.empty()) ctx.og_title = a.seo_title;
  if (!a.seo_description.empty()) ctx.description = Excerpt(a.seo_description, 300);
  ctx.json_ld = ld.dump();
}

// Approved comments in reading order (replies under their comment), a page
// of top-level ones at a time; the form is the same for every reader (its
// anti-forgery token comes from /api/comment-token through comments.js).
Status PageRenderer::FillComments(Context& ctx, const Article& a, int page) {
  constexpr int64_t kPerPage = 30;
  constexpr int kMaxDepth = 3;
  const bool newest = ctx.settings.Get("comment_order") != "oldest";
  std::vector<Comment> comments;
  int64_t top_total = 0, count = 0;
  Status st = store_.ListApprovedComments(a.id, newest, (page - 1) * kPerPage, kPerPage, &comments, &top_total);
  if (!st.ok()) return st;
  if (page > 1 && comments.empty()) return Status::NotFound("no such comment page");
  if (!(st = store_.CountApprovedComments(a.id, &count)).ok()) return st;
  data list{data::type::list};
  for (const Comment& c : comments) {
    data d{data::type::object};
    d.set("id", std::to_string(c.id));
    d.set("name", c.name);
    d.set("date", ctx.Date(c.created_at));
    d.set("html", CommentToHtml(c.body));
    d.set("depth", std::to_string(std::min(c.depth, kMaxDepth)));
    if (c.depth < kMaxDepth) d.set("can_reply", true);
    if (c.user_id) d.set("staff", true);
    list.push_back(d);
  }
  data& v = ctx.view;
  v.set("article_id", std::to_string(a.id));
  v.set("comment_max", ctx.settings.Get("comment_max_chars"));
  v.set("comments", list);
  v.set("has_comments", count > 0);
  v.set("comment_count", ctx.Number(count));
  const std::string base = Url("article", a.slug);
  if (page > 1) {
    v.set("comments_prev", page == 2 ? base + "#comments-list" : base + "?page=" + std::to_string(page - 1) + "#comments-list");
    ctx.canonical_path = base + "?page=" + std::to_string(page);
    ctx.title += " - التعليقات، صفحة " + ctx.Number(page);
    if (!ctx.og_title.empty()) ctx.og_title += " - التعليقات، صفحة " + ctx.Number(page);
  }
  if (page * kPerPage < top_total) v.set("comments_next", base + "?page=" + std::to_string(page + 1) + "#comments-list");
  return Status::Ok();
}

Status PageRenderer::RenderPreview(const Article& article, int64_t now, RenderedPage* out) {
  Context ctx;
  Status st = LoadCommon(ctx, now);
  if (!st.ok()) return st;
  Article a = article;
  if (a.published_at == 0) a.published_at = now;
  // Names typed in the form carry no slug yet: link where saving would.
  if (a.writer && a.writer->slug.empty()) a.writer->slug = MakeSlug(a.writer->name);
  if (a.source && a.source->slug.empty()) a.source->slug = MakeSlug(a.source->name);
  if (a.section && a.section->slug.empty()) a.section->slug = MakeSlug(a.section->name);
  for (Tag& t : a.tags) {
    if (t.slug.empty()) t.slug = MakeSlug(t.name);
  }
  ctx.noindex = true;
  if (a.kind == ArticleKind::kPage) {
    FillStaticPage(ctx, a);
    ctx.view.set("preview", true);
    return Finish(ctx, "page", out);
  }
  st = FillArticle(ctx, a);
  if (!st.ok()) return st;
  ctx.view.set("preview", true);
  return Finish(ctx, "article", out);
}

// Image URLs: the variants of one format as a srcset, the largest as src.
static data ImageView(const MediaItem& m, const std::string& alt) {
  data d{data::type::object};
  std::string webp, original, src;
  int width = 0, height = 0;
  for (const MediaVariant& v : m.variants) {
    const std::string entry = "/media/" + v.file + " " + std::to_string(v.width) + "w";
    if (v.mime == "image/webp") {
      webp += (webp.empty() ? "" : ", ") + entry;
    } else {
      original += (original.empty() ? "" : ", ") + entry;
      src = "/media/" + v.file;
      width = v.width;
      height = v.height;
    }
  }
  if (src.empty()) return d;
  d.set("src", src);
  d.set("srcset", original);
  if (!webp.empty()) d.set("webp_srcset", webp);
  d.set("width", std::to_string(width));
  d.set("height", std::to_string(height));
  d.set("alt", alt.empty() ? m.alt : alt);
  d.set("sizes", "(min-width: 60rem) 48rem, 100vw");
  return d;
}

// A writer's portrait: a small original-format variant and its srcset.
// «بقلم: أ وب» and the like: the role's label, and each name with its page
// and the glue ICU's Arabic list puts before it, the text after the last
// in `tail`.
static data PeopleLine(ContributorRole role, const std::vector<const Person*>& people) {
  const std::vector<std::string> glue = ArabicListGlue(people.size());
  data names{data::type::list};
  for (size_t i = 0; i < people.size(); ++i) {
    data n{data::type::object};
    n.set("glue", glue[i]);
    n.set("name", people[i]->name);
    n.set("url", Url("writer", people[i]->slug));
    names.push_back(n);
  }
  data line{data::type::object};
  line.set("label", ContributorRoleLabel(role));
  line.set("role", ToString(role));
  line.set("names", names);
  line.set("tail", glue.empty() ? std::string() : glue.back());
  return line;
}

static bool PortraitView(Store& store, Id photo_id, data* out) {
  MediaItem m;
  if (!photo_id || !store.GetMedia(photo_id, &m).ok()) return false;
  std::string src, srcset;
  for (const MediaVariant& v : m.variants) {
    if (v.mime == "image/webp") continue;
    if (src.empty() || v.width <= 320) src = "/media/" + v.file;
    srcset += std::string(srcset.empty() ? "" : ", ") + "/media/" + v.file + " " + std::to_string(v.width) + "w";
  }
  if (src.empty()) return false;
  *out = data{data::type::object};
  out->set("src", src);
  out->set("srcset", srcset);
  return true;
}

Status PageRenderer::FillArticle(Context& ctx, const Article& a) {
  Status st;
  if (a.id) ctx.keys.insert(keys::Article(a.id));
  ctx.title = a.title;
  ctx.description = Excerpt(a.seo_description.empty() ? (a.highlights.empty() ? "" : a.highlights.front())
                                                      : a.seo_description,
                            300);
  if (!a.seo_title.empty()) ctx.og_title = a.seo_title;
  ctx.canonical_path = Url("article", a.slug);
  // A republished piece whose source asks to be the canonical address.
  if (a.source && a.canonical_original && !a.original_url.empty()) ctx.canonical_url = a.original_url;
  ctx.og_type = "article";
  ctx.og_extra.emplace_back("article:published_time", FormatIsoDateTime(a.published_at, ctx.style.timezone));
  ctx.og_extra.emplace_back("article:modified_time",
                            FormatIsoDateTime(a.updated_at ? a.updated_at : a.published_at, ctx.style.timezone));
  if (a.section) ctx.og_extra.emplace_back("article:section", a.section->name);
  for (const Tag& t : a.tags) ctx.og_extra.emplace_back("article:tag", t.name);

  data& v = ctx.view;
  v.set("title", a.title);
  // News shows the time as well as the date; a section may ask for the
  // date alone (opinion). An article without a section is news.
  const bool show_time = !a.section || a.section->show_time;
  auto when = [&](int64_t t) { return show_time ? ctx.DateTime(t) : ctx.Date(t); };
  v.set("published", when(a.published_at));
  v.set("updated", when(a.updated_at ? a.updated_at : a.published_at));
  // The trail readers see, as the BreadcrumbList below names it.
  {
    data crumbs{data::type::object};
    if (a.section) {
      data section{data::type::object};
      section.set("name", a.section->name);
      section.set("url", Url("section", a.section->slug));
      crumbs.set("section", section);
    }
    crumbs.set("title", a.title);
    v.set("breadcrumbs", crumbs);
  }
  // Notices at the top or the bottom, in the order the desk keeps them.
  {
    data top{data::type::list}, bottom{data::type::list};
    for (const ArticleNotice& n : a.notices) {
      (n.placement == NoticePlacement::kBottom ? bottom : top).push_back(ctx.Notice(n));
    }
    v.set("has_notices_top", top.is_non_empty_list());
    v.set("has_notices_bottom", bottom.is_non_empty_list());
    v.set("notices_top", top);
    v.set("notices_bottom", bottom);
  }
  if (a.editor) {
    ctx.keys.insert(keys::Person(a.editor->id));
    v.set("editor", a.editor->name);
  }
  data tags{data::type::list};
  for (const Tag& t : a.tags) {
    data d{data::type::object};
    d.set("name", t.name);
    d.set("url", Url("tag", t.slug));
    tags.push_back(d);
  }
  v.set("tags", tags);
  v.set("has_tags", !a.tags.empty());
  data highlights{data::type::list};
  for (const std::string& h : a.highlights) highlights.push_back(h);
  v.set("highlights", highlights);
  v.set("has_highlights", !a.highlights.empty());
  // The first writer's portrait, read once for `writer` and the byline.
  data writer_photo;
  const bool writer_has_photo = a.writer && PortraitView(store_, a.writer->photo_id, &writer_photo);
  if (a.writer) {
    ctx.keys.insert(keys::Person(a.writer->id));
    data w{data::type::object};
    w.set("name", a.writer->name);
    w.set("url", Url("writer", a.writer->slug));
    if (!a.writer->bio.empty()) w.set("bio", a.writer->bio);
    if (writer_has_photo) w.set("photo", writer_photo);
    v.set("writer", w);
  }
  // The byline «بقلم: فلان وفلان» with each writer's portrait and bio, then
  // «ترجمة: …» and «شارك في الإعداد: …», each name a link to its page.
  {
    std::vector<const Person*> writers;
    if (a.writer) writers.push_back(&*a.writer);
    for (const Contributor& c : a.contributors) {
      ctx.keys.insert(keys::Person(c.person.id));
      if (c.role == ContributorRole::kWriter) writers.push_back(&c.person);
    }
    if (!writers.empty()) {
      data byline = PeopleLine(ContributorRole::kWriter, writers);
      data photos{data::type::list}, bios{data::type::list};
      for (const Person* p : writers) {
        const bool first = a.writer && p == &*a.writer;
        data photo;
        if (first ? writer_has_photo : PortraitView(store_, p->photo_id, &photo)) {
          photos.push_back(first ? writer_photo : photo);
        }
        if (p->bio.empty()) continue;
        data b{data::type::object};
        b.set("bio", p->bio);
        if (writers.size() > 1) b.set("name", p->name);
        bios.push_back(b);
      }
      byline.set("photos", photos);
      v.set("byline", byline);
      v.set("bios", bios);
    }
    data credits{data::type::list};
    for (ContributorRole role : {ContributorRole::kTranslator, ContributorRole::kContributor}) {
      std::vector<const Person*> people;
      for (const Contributor& c : a.contributors) {
        if (c.role == role) people.push_back(&c.person);
      }
      if (!people.empty()) credits.push_back(PeopleLine(role, people));
    }
    v.set("has_credits", credits.is_non_empty_list());
    v.set("credits", credits);
  }
  v.set("body_html", a.body_html);
  v.set("share", ShareView(MakeShareLinks(ctx.settings.site_url() + ctx.canonical_path, a.title)));
  // The featured image: on the page, and as the preview social networks
  // show (its 16:9 crop, else its largest size) and the images structured
  // data names (its 1:1, 4:3 and 16:9 crops, else its largest size).
  nlohmann::json ld_images = nlohmann::json::array();
  if (a.image) {
    data image = ImageView(*a.image, a.image_alt);
    // The article's own caption, else the image's; the credit is the image's.
    const std::string& caption = a.image_caption.empty() ? a.image->caption : a.image_caption;
    if (!caption.empty()) image.set("caption", caption);
    if (!a.image->credit.empty()) image.set("credit", a.image->credit);
    image.set("has_figcaption", !caption.empty() || !a.image->credit.empty());
    if (image.get("src")) v.set("image", image);
    const std::string media = ctx.settings.site_url() + "/media/";
    const MediaVariant* preview = LargestOwnFormat(a.image->variants);
    for (const MediaVariant& c : a.image->crops) {
      ld_images.push_back(LdImage(media + c.file, caption, a.image->credit));
      if (c.aspect == "16:9") preview = &c;
    }
    if (ld_images.empty() && preview) ld_images.push_back(LdImage(media + preview->file, caption, a.image->credit));
    if (preview) {
      ctx.preview_image = Context::PreviewImage{media + preview->file, preview->width, preview->height,
                                                a.image_alt.empty() ? a.image->alt : a.image_alt};
    }
  }
  if (a.source) {
    ctx.keys.insert(keys::SourceInfo(a.source->id));
    data s{data::type::object};
    s.set("name", a.source->name);
    s.set("url", Url("source", a.source->slug));
    // The piece's own address at its source, else the source's.
    if (!a.original_url.empty()) {
      s.set("origin", a.original_url);
    } else if (!a.source->url.empty()) {
      s.set("origin", a.source->url);
    }
    v.set("source", s);
  }

  std::vector<ArticleSummary> automatic;
  if (a.id) st = store_.GetAutoRelated(a.id, &automatic);
  if (!st.ok()) return st;
  {
    // Every related article's thumbnail in one read.
    std::vector<Id> ids;
    for (const RelatedLink& r : a.related) {
      if (r.target_id) ids.push_back(r.target_id);
    }
    for (const ArticleSummary& s : automatic) ids.push_back(s.id);
    if (!(st = ctx.LoadThumbs(store_, ids)).ok()) return st;
  }
  // Curated links first, then the automatic ones they do not already name.
  data related{data::type::list};
  std::set<Id> shown{a.id};
  for (const RelatedLink& r : a.related) {
    data d{data::type::object};
    d.set("title", r.title);
    if (r.target_id) {
      if (!shown.insert(r.target_id).second) continue;
      d.set("url", Url("article", r.target_slug));
      ctx.SetThumb(r.target_id, &d);
    } else if (!r.url.empty()) {
      d.set("url", r.url);
      d.set("external", r.url[0] != '/');
    }
    related.push_back(d);
  }
  for (const ArticleSummary& s : automatic) {
    if (!shown.insert(s.id).second) continue;
    data d{data::type::object};
    d.set("title", s.title);
    d.set("url", Url("article", s.slug));
    ctx.SetThumb(s.id, &d);
    related.push_back(d);
  }
  v.set("has_related", related.is_non_empty_list());
  v.set("related", related);
  v.set("comment_terms", ctx.settings.Get("comment_terms"));

  nlohmann::json ld = {
      {"@context", "https://schema.org"},
      {"@type", "NewsArticle"},
      {"headline", a.title},
      {"inLanguage", "ar"},
      {"datePublished", FormatIsoDateTime(a.published_at, ctx.style.timezone)},
      {"dateModified",
       FormatIsoDateTime(a.updated_at ? a.updated_at : a.published_at, ctx.style.timezone)},
      {"mainEntityOfPage", ctx.canonical_url.empty() ? ctx.settings.site_url() + ctx.canonical_path : ctx.canonical_url},
      {"url", ctx.settings.site_url() + ctx.canonical_path},
      {"publisher", Publisher(store_, ctx.settings)},
  };
  if (!ld_images.empty()) ld["image"] = ld_images;
  if (!ctx.description.empty()) ld["description"] = ctx.description;
  // schema.org: the writers as `author` (a list), translators as
  // `translator`, the others as `contributor`.
  {
    auto person = [&](const Person& p) {
      return nlohmann::json{{"@type", "Person"},
                            {"name", p.name},
                            {"url", ctx.settings.site_url() + Url("writer", p.slug)}};
    };
    nlohmann::json authors = nlohmann::json::array(), translators = nlohmann::json::array(),
                   contributors = nlohmann::json::array();
    if (a.writer) authors.push_back(person(*a.writer));
    for (const Contributor& c : a.contributors) {
      (c.role == ContributorRole::kWriter ? authors
       : c.role == ContributorRole::kTranslator ? translators
                                                : contributors)
          .push_back(person(c.person));
    }
    if (!authors.empty()) ld["author"] = authors;
    if (!translators.empty()) ld["translator"] = translators;
    if (!contributors.empty()) ld["contributor"] = contributors;
  }
  if (a.editor) ld["editor"] = {{"@type", "Person"}, {"name", a.editor->name}};
  if (a.section) ld["articleSection"] = a.section->name;
  // Corrections and clarifications set the record straight: schema.org's
  // CorrectionComment, each with its text and date.
  {
    nlohmann::json corrections = nlohmann::json::array();
    for (const ArticleNotice& n : a.notices) {
      if (!NoticeListed(n.kind)) continue;
      corrections.push_back({{"@type", "CorrectionComment"},
                             {"text", Trim(MarkdownToText(n.text))},
                             {"datePublished", FormatIsoDateTime(n.at ? n.at : ctx.now, ctx.style.timezone)}});
    }
    if (!corrections.empty()) ld["correction"] = corrections;
  }
  if (!a.tags.empty()) {
    std::string kw;
    for (const Tag& t : a.tags) kw += (kw.empty() ? "" : "، ") + t.name;
    ld["keywords"] = kw;
  }
  if (a.source) {
    nlohmann::json based = {{"@type", "CreativeWork"}, {"publisher", {{"@type", "Organization"}, {"name", a.source->name}}}};
    if (!a.original_url.empty()) {
      based["url"] = a.original_url;
    } else if (!a.source->url.empty()) {
      based["url"] = a.source->url;
    }
    ld["isBasedOn"] = based;
  }
  // The article and its trail (home → section → article): one script, an
  // array of two documents.
  nlohmann::json docs = nlohmann::json::array();
  docs.push_back(std::move(ld));
  docs.push_back(Breadcrumbs(ctx.settings, a.section, a.title, ctx.settings.site_url() + ctx.canonical_path));
  ctx.json_ld = docs.dump();
  return Status::Ok();
}

Status PageRenderer::RenderList(Context& ctx, const std::string& kind, const std::string& slug,
                              int page) {
  // What the list belongs to: its heading, the keys it is built from, its address.
  ListKind list_kind = ListKind::kAll;
  Id owner = 0;
  std::string heading, intro, base_path, label;
  std::optional<Section> section;  // A section's list: its breadcrumb trail.
  Status st;
  auto own = [&](ListKind k, Id id, const std::string& name, const char* kind_label,
                 std::string key, const std::string& owner_slug) {
    list_kind = k;
    owner = id;
    heading = name;
    label = kind_label;
    ctx.keys.insert(std::move(key));
    base_path = Url(kind.c_str(), owner_slug);
  };
  if (kind == "latest") {
    ctx.keys.insert(keys::kHome);
    heading = "آخر المقالات";
    base_path = "/latest";
  } else if (kind == "tag") {
    Tag t;
    if (!(st = store_.GetTagBySlug(slug, &t)).ok()) return st;
    own(ListKind::kTag, t.id, t.name, "وسم", keys::Tag(t.id), t.slug);
    intro = t.description;
  } else if (kind == "section") {
    Section c;
    if (!(st = store_.GetSectionBySlug(slug, &c)).ok()) return st;
    own(ListKind::kSection, c.id, c.name, "قسم", keys::Section(c.id), c.slug);
    intro = c.description;
    section = c;
  } else if (kind == "writer") {
    Person p;
    if (!(st = store_.GetPersonBySlug(slug, &p)).ok()) return st;
    own(ListKind::kWriter, p.id, p.name, "الكاتب", keys::Writer(p.id), p.slug);
    ctx.keys.insert(keys::Person(p.id));
    intro = p.bio;
    ctx.og_type = "profile";
    data photo;
    if (PortraitView(store_, p.photo_id, &photo)) ctx.view.set("photo", photo);
  } else {
    Source s;
    if (!(st = store_.GetSourceBySlug(slug, &s)).ok()) return st;
    own(ListKind::kSource, s.id, s.name, "المصدر", keys::Source(s.id), s.slug);
    ctx.keys.insert(keys::SourceInfo(s.id));
    if (!s.url.empty()) ctx.view.set("origin", s.url);
  }
  if (!label.empty()) ctx.view.set("label", label);
  const int size = ctx.settings.GetInt("page_size");
  ArticlePage items;
  st = store_.ListArticles(list_kind, owner, static_cast<int64_t>(page - 1) * size, size, &items);
  if (!st.ok()) return st;
  const int64_t pages = std::max<int64_t>(1, (items.total + size - 1) / size);
  if (page > pages) return Status::NotFound(base_path);
  // A writer with no published article still has a page (their bio); other
  // lists without articles do not exist for readers.
  if (items.total == 0 && kind != "writer" && kind != "latest") return Status::NotFound(base_path);
  if (kind != "latest") {
    ctx.feed_path = base_path + "/feed";
    ctx.feed_title = heading;
  }

  ctx.title = page > 1 ? heading + " - صفحة " + ctx.Number(page) : heading;
  ctx.description = intro.empty() ? heading + ": " + ctx.settings.site_name() : Excerpt(intro, 300);
  ctx.canonical_path = page > 1 ? base_path + "?page=" + std::to_string(page) : base_path;
  if (section) ctx.json_ld = Breadcrumbs(ctx.settings, section, "", "").dump();
  {
    std::vector<Id> ids;
    for (const ArticleSummary& s : items.items) ids.push_back(s.id);
    if (!(st = ctx.LoadThumbs(store_, ids)).ok()) return st;
  }
  data& v = ctx.view;
  v.set("heading", heading);
  if (!intro.empty()) v.set("intro", intro);
  v.set("items", ctx.Summaries(items.items));
  v.set("count", ctx.Number(items.total));
  v.set("empty", items.total == 0);
  if (pages > 1) {
    v.set("pager", ctx.Pager(page, pages, [&base_path](int64_t n) {
      return n == 1 ? base_path : base_path + "?page=" + std::to_string(n);
    }));
  }
  return Status::Ok();
}

// The corrections page: corrections and clarifications of published
// articles, newest first, paginated like the lists (an empty first page
// says so; a page past the last is a 404).
Status PageRenderer::RenderCorrections(Context& ctx, int page) {
  ctx.keys.insert(keys::kCorrections);
  const std::string heading = "التصحيحات";
  const std::string base_path = "/corrections";
  const int size = ctx.settings.GetInt("page_size");
  std::vector<CorrectionEntry> entries;
  int64_t total = 0;
  Status st = store_.ListCorrections(static_cast<int64_t>(page - 1) * size, size, &entries, &total);
  if (!st.ok()) return st;
  const int64_t pages = std::max<int64_t>(1, (total + size - 1) / size);
  if (page > pages) return Status::NotFound(base_path);
  ctx.title = page > 1 ? heading + " - صفحة " + ctx.Number(page) : heading;
  ctx.description = heading + ": " + ctx.settings.site_name();
  ctx.canonical_path = page > 1 ? base_path + "?page=" + std::to_string(page) : base_path;
  data& v = ctx.view;
  v.set("heading", heading);
  data items{data::type::list};
  for (const CorrectionEntry& e : entries) {
    data d{data::type::object};
    d.set("notice", ctx.Notice(e.notice));
    d.set("title", e.title);
    d.set("url", Url("article", e.slug));
    items.push_back(d);
  }
  v.set("items", items);
  v.set("empty", total == 0);
  if (pages > 1) {
    v.set("pager", ctx.Pager(page, pages, [&base_path](int64_t n) {
      return n == 1 ? base_path : base_path + "?page=" + std::to_string(n);
    }));
  }
  return Status::Ok();
}

namespace {

// The desk's menus, logo, icon and footer line in the layout
// (render/site_identity.h); the keys of what they show join *keys.
Status FillIdentity(Store& store, const Settings& settings, const std::vector<Section>& sections,
                    std::set<std::string>* keys, data* layout, data* menu, data* footer) {
  auto links = [](const std::vector<MenuLink>& items, const char* name_field) {
    data list{data::type::list};
    for (const MenuLink& l : items) {
      data d{data::type::object};
      d.set(name_field, l.name);
      d.set("url", l.url);
      list.push_back(d);
    }
    return list;
  };
  // A saved menu replaces the theme's default one: the header's fixed
  // الرئيسية and الأحدث and its sections, the footer's pages and التصحيحات.
  bool saved = false;
  std::vector<MenuLink> items;
  Status st = ResolveMenu(store, MenuName::kHeader, sections, keys, &saved, &items);
  if (!st.ok()) return st;
  if (saved) {
    *menu = links(items, "name");
    layout->set("header_menu_saved", true);
  }
  if (!(st = ResolveMenu(store, MenuName::kFooter, sections, keys, &saved, &items)).ok()) return st;
  if (saved) {
    *footer = links(items, "title");
    layout->set("footer_menu_saved", true);
  }
  // The logo, shown about 48 pixels high (up to 320 wide on a phone, twice
  // that on dense screens), and its dark variant when there is one.
  IdentityImage logo, dark, icon;
  if (LoadIdentityImage(store, settings, "logo", 640, &logo)) {
    data d{data::type::object};
    d.set("src", logo.url);
    d.set("width", std::to_string(logo.width));
    d.set("height", std::to_string(logo.height));
    if (LoadIdentityImage(store, settings, "logo_dark", 640, &dark)) {
      d.set("dark_src", dark.url);
      d.set("dark_width", std::to_string(dark.width));
      d.set("dark_height", std::to_string(dark.height));
    }
    layout->set("logo", d);
  }
  // The icon: the smallest size (320 pixels; browsers scale it down) for the
  // tab and the phone's home screen, in place of the theme's icon.svg.
  if (LoadIdentityImage(store, settings, "favicon", 180, &icon)) {
    layout->set("icon", icon.url);
    layout->set("icon_type", icon.mime);
    layout->set("apple_touch_icon", icon.url);
  }
  const std::string& footer_text = settings.Get("footer_text");
  if (!footer_text.empty()) layout->set("footer_text", footer_text);
  return Status::Ok();
}

}  // namespace

Status PageRenderer::Finish(Context& ctx, const std::string& template_name, RenderedPage* out) {
  // The ticker and the section menu are on every page. The ticker is
  // named by its own key, which a breaking change soft-purges: open pages
  // get it live (/live), cached ones show it late by at most the
  // ticker_refresh_seconds setting. An item's start or end is such a
  // change too (Store::BreakingDue), so a page does not expire by them.
  // Urgent items come first (Store::ListBreaking).
  ctx.keys.insert(keys::kTicker);
  std::vector<BreakingItem> breaking;
  Status st = store_.ListBreaking(ctx.now, &breaking);
  if (!st.ok()) return st;
  data ticker{data::type::list};
  for (const BreakingItem& b : breaking) {
    data d{data::type::object};
    d.set("text", b.text);
    if (!b.link.empty()) d.set("link", b.link);
    d.set("urgent", b.urgent);
    ticker.push_back(d);
  }
  std::vector<Section> sections;
  st = store_.ListSections(&sections);
  if (!st.ok()) return st;
  data menu{data::type::list};
  for (const Section& s : sections) {
    data d{data::type::object};
    d.set("name", s.name);
    d.set("url", Url("section", s.slug));
    menu.push_back(d);
  }

  // The footer menu, on every page (key global): published pages marked
  // for it, by title.
  std::vector<ArticleSummary> footer_pages;
  if (!(st = store_.ListFooterPages(&footer_pages)).ok()) return st;
  data footer{data::type::list};
  for (const ArticleSummary& p : footer_pages) {
    data d{data::type::object};
    d.set("title", p.title);
    d.set("url", Url("page", p.slug));
    footer.push_back(d);
  }

  // «الأكثر قراءة» on the home page and article pages, from the snapshot.
  const bool preview = ctx.view.get("preview") != nullptr;
  if (template_name == "home" || template_name == "article") {
    ctx.keys.insert(kMostReadKey);
    auto most_read = MostRead();
    data items{data::type::list};
    int64_t rank = 0;
    for (const MostReadArticle& m : *most_read) {
      data d{data::type::object};
      d.set("rank", ctx.Number(++rank));
      d.set("title", m.article.title);
      d.set("url", Url("article", m.article.slug));
      items.push_back(d);
    }
    ctx.view.set("most_read", items);
    ctx.view.set("has_most_read", !most_read->empty());
  }

  std::string content = RenderTemplate(theme_.Template(template_name), ctx.view, &st);
  if (!st.ok()) return st;

  const std::string site_name = ctx.settings.site_name();
  data layout{data::type::object};
  // The desk's menus, logo, icon and footer line (render/site_identity.h).
  if (!(st = FillIdentity(store_, ctx.settings, sections, &ctx.keys, &layout, &menu, &footer)).ok()) return st;
  layout.set("site_name", site_name);
  layout.set("title", ctx.title.empty() ? site_name : ctx.title + " - " + site_name);
  layout.set("og_title", !ctx.og_title.empty() ? ctx.og_title : ctx.title.empty() ? site_name : ctx.title);
  if (!ctx.og_title.empty()) layout.set("title", ctx.og_title + " - " + site_name);
  layout.set("description", ctx.description);
  layout.set("canonical", ctx.canonical_url.empty() ? ctx.settings.site_url() + ctx.canonical_path : ctx.canonical_url);
  layout.set("og_url", ctx.settings.site_url() + ctx.canonical_path);
  layout.set("twitter_card", ctx.preview_image ? "summary_large_image" : "summary");
  if (ctx.preview_image) {
    data image{data::type::object};
    image.set("url", ctx.preview_image->url);
    image.set("width", std::to_string(ctx.preview_image->width));
    image.set("height", std::to_string(ctx.preview_image->height));
    image.set("alt", ctx.preview_image->alt);
    layout.set("og_image", image);
  }
  data og_extra{data::type::list};
  for (const auto& [property, content] : ctx.og_extra) {
    data d{data::type::object};
    d.set("property", property);
    d.set("content", content);
    og_extra.push_back(d);
  }
  layout.set("og_extra", og_extra);
  layout.set("og_type", ctx.og_type);
  layout.set("noindex", ctx.noindex);
  layout.set("feed_rss", ctx.feed_path);
  layout.set("feed_atom", ctx.feed_path + "/atom");
  layout.set("feed_title", ctx.feed_title.empty() ? site_name : ctx.feed_title + " - " + site_name);
  if (!ctx.json_ld.empty()) {
    // Inside <script> no "<" may appear ("</script>", "<!--"); JSON strings
    // may spell it \u003c.
    std::string ld;
    for (char c : ctx.json_ld) {
      if (c == '<') ld += "\\u003c"; else ld += c;
    }
    layout.set("json_ld", ld);
  }
  layout.set("stylesheet", theme_.AssetUrl("style.css"));
  layout.set("live_js", theme_.AssetUrl("live.js"));  // The ticker, live (/live).
  if (!layout.get("icon")) layout.set("icon", theme_.AssetUrl("icon.svg"));
  if (template_name == "article") {
    layout.set("comments_js", theme_.AssetUrl("comments.js"));
    layout.set("share_js", theme_.AssetUrl("share.js"));
    // The view beacon (POST /api/view): readers' pages, not the desk's preview.
    // (A theme without views.js counts nothing.)
    if (const std::string views_js = theme_.AssetUrl("views.js"); !preview && !views_js.empty()) {
      layout.set("views_js", views_js);
    }
  }
  // Embeds (content/embeds.h) may be in any body: articles and pages.
  if (template_name == "article" || template_name == "page") layout.set("embeds_js", theme_.AssetUrl("embeds.js"));
  layout.set("menu", menu);
  layout.set("footer_pages", footer);
  layout.set("has_footer_pages", !footer_pages.empty());
  layout.set("breaking", ticker);
  layout.set("has_breaking", !breaking.empty());
  layout.set("content", content);
  out->html = RenderTemplate(theme_.Template("layout"), layout, &st);
  if (!st.ok()) return st;
  out->status = ctx.status;
  out->keys = std::move(ctx.keys);
  out->expires_at = ctx.expires_at;
  return Status::Ok();
}

namespace {

// A search address keeping the filters; `page` 1 is left out.
std::string SearchUrl(const SearchPageData& d, const std::string& query, int page) {
  std::string url = "/search?q=" + PercentEncode(query);
  auto add = [&](const char* name, const std::string& v) {
    if (!v.empty()) url += std::string("&") + name + "=" + PercentEncode(v);
  };
  add("section", d.section);
  add("tag", d.tag);
  add("writer", d.writer);
  add("source", d.source);
  add("from", d.from);
  add("to", d.to);
  if (d.by_date) url += "&sort=date";
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

}  // namespace

Status PageRenderer::RenderCommentPage(const CommentPageData& d, int64_t now, RenderedPage* out) {
  Context ctx;
  Status st = LoadCommon(ctx, now);
  if (!st.ok()) return st;
  ctx.title = d.title;
  ctx.noindex = true;
  ctx.status = d.status;
  data& v = ctx.view;
  v.set("heading", d.title);
  v.set(d.kind, true);
  v.set("message", d.message);
  v.set("article_id", std::to_string(d.article_id));
  v.set("article_title", d.article_title);
  v.set("article_url", d.article_url);
  v.set("parent_id", d.parent_id ? std::to_string(d.parent_id) : "");
  v.set("comment_id", std::to_string(d.comment_id));
  v.set("name", d.name);
  v.set("email", d.email);
  v.set("body", d.body);
  v.set("token", d.token);
  v.set("comment_terms", ctx.settings.Get("comment_terms"));
  v.set("comment_max", ctx.settings.Get("comment_max_chars"));
  for (const auto& [key, value] : {std::pair{"error_name", d.error_name}, {"error_email", d.error_email},
                                   {"error_body", d.error_body}, {"error_form", d.error_form},
                                   {"comment_excerpt", d.comment_excerpt}}) {
    if (!value.empty()) v.set(key, value);
  }
  st = Finish(ctx, "comment", out);
  out->keys.clear();  // Never cached.
  return st;
}

Status PageRenderer::RenderSearch(const SearchPageData& d, int64_t now, RenderedPage* out) {
  Context ctx;
  Status st = LoadCommon(ctx, now);
  if (!st.ok()) return st;
  ctx.title = d.query.empty() ? "البحث" : "بحث: " + d.query;
  ctx.description = "البحث في " + ctx.settings.site_name();
  ctx.canonical_path = "/search";
  ctx.noindex = true;
  data& v = ctx.view;
  v.set("query", d.query);
  v.set("from", d.from);
  v.set("to", d.to);
  v.set("by_date", d.by_date);
  v.set("filtered", d.by_date || !d.section.empty() || !d.tag.empty() || !d.writer.empty() ||
                        !d.source.empty() || !d.from.empty() || !d.to.empty());
  for (const auto& [name, value] : {std::pair{"tag", d.tag}, {"writer", d.writer}, {"source", d.source}}) {
    if (!value.empty()) {
      data f{data::type::object};
      f.set("value", value);
      v.set(std::string("filter_") + name, f);
    }
  }
  std::vector<Section> sections;
  if (!(st = store_.ListSections(&sections)).ok()) return st;
  data options{data::type::list};
  for (const Section& s : sections) {
    data o{data::type::object};
    o.set("name", s.name);
    o.set("slug", s.slug);
    o.set("selected", s.slug == d.section);
    options.push_back(o);
  }
  v.set("sections", options);
  if (!d.error.empty()) v.set("error", d.error);
  const bool searched = !d.query.empty() && d.error.empty();
  v.set("searched", searched);
  if (searched) {
    v.set("count", ctx.Number(d.total));
    v.set("none", d.total == 0);
    v.set("partial", !d.matched_all);
    if (!d.suggestion.empty()) {
      data sug{data::type::object};
      sug.set("text", d.suggestion);
      sug.set("url", SearchUrl(d, d.suggestion, 1));
      v.set("suggestion", sug);
    }
    std::vector<Id> ids;
    for (const SearchHit& h : d.hits) ids.push_back(h.id);
    if (!(st = ctx.LoadThumbs(store_, ids)).ok()) return st;
    data results{data::type::list};
    for (const SearchHit& h : d.hits) {
      data r{data::type::object};
      r.set("title", h.title);
      r.set("url", Url("article", h.slug));
      ctx.SetThumb(h.id, &r);
      r.set("snippet", h.snippet);
      r.set("date", ctx.Date(h.published_at));
      if (!h.section_name.empty()) r.set("section", h.section_name);
      results.push_back(r);
    }
    v.set("results", results);
    const int64_t pages = std::max<int64_t>(1, (d.total + d.page_size - 1) / d.page_size);
    if (pages > 1) {
      v.set("pager", ctx.Pager(d.page, pages, [&d](int64_t n) { return SearchUrl(d, d.query, static_cast<int>(n)); }));
    }
  }
  st = Finish(ctx, "search", out);
  out->status = d.error.empty() ? 200 : 400;
  return st;
}

RenderedPage PageRenderer::NotFound(int64_t now) {
  Context ctx;
  RenderedPage page;
  if (LoadCommon(ctx, now).ok()) {
    ctx.status = 404;
    ctx.title = "الصفحة غير موجودة";
    ctx.canonical_path = "/";
    ctx.view.set("heading", "الصفحة غير موجودة");
    ctx.view.set("message", "عذرًا، لم نجد الصفحة التي تبحث عنها. ربما نُقلت أو حُذفت، أو أن الرابط غير صحيح.");
    ArticlePage latest;
    if (store_.ListArticles(ListKind::kAll, 0, 0, 5, &latest).ok()) {
      ctx.view.set("suggestions", ctx.Summaries(latest.items));
      ctx.view.set("has_suggestions", !latest.items.empty());
    }
    if (Finish(ctx, "error", &page).ok()) return page;
  }
  page = ServerError();
  page.status = 404;
  return page;
}

RenderedPage PageRenderer::ServerError() {
  // Must not depend on the store: it is what we show when the store fails.
  RenderedPage page;
  page.status = 500;
  page.html =
      "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>خطأ في الخادم</title><link rel=\"stylesheet\" href=\"" +
      theme_.AssetUrl("style.css") +
      "\"></head><body><main class=\"page error-page\"><h1>حدث خطأ في الخادم</h1>"
      "<p>عذرًا، تعذّر عرض هذه الصفحة الآن. حاول مرة أخرى بعد قليل.</p>"
      "<p><a href=\"/\">العودة إلى الصفحة الرئيسية</a></p></main></body></html>";
  return page;
}

}  // namespace qalam
