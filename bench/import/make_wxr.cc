// make_wxr: a WordPress export (WXR 1.2) and its uploads/ folder for
// bench/import, built from the SaudiNewsNet articles (read where they are,
// never copied into the repo).
//
//   make_wxr --snn saudinewsnet.jsonl.gz --posts 10000 --comments 50000
//            --images 2000 --out DIR/export.xml --uploads DIR/uploads [--seed 1]
//
// The file is what WordPress's export_wp() writes: the channel, ~50
// wp:author with e-mails, wp:category (one nested) and wp:tag, then items in
// ID order: posts (post_type post) with Arabic titles and bodies from the
// corpus, about 60% classic-editor HTML (paragraphs as blank-line separated
// text, as wpautop expects, some <strong>, [caption] images) and 40%
// Gutenberg blocks (wp:paragraph, wp:heading, wp:list, wp:image, wp:quote);
// categories and tags, manual excerpts on some, _thumbnail_id to an
// attachment, <img> to /wp-content/uploads/… in some bodies (some as a
// WordPress size, -1024x683), links to other posts (a few to later posts, so
// the importer's linking pass runs), threaded comments (replies, approved,
// pending, spam, a few in the trash, some by staff) whose text is short
// sentences taken from the corpus; and attachment items (one per image,
// right after the post it belongs to, with alt text and metadata).
// Statuses are mostly publish, with some draft, pending, future, private
// and trash; three sticky posts.
//
// Images are JPEGs made with libvips: a random low-resolution colour field
// blown up to photo size plus grain, so each one is different (distinct
// content hashes) and compresses like a photo (~150-300 KB at 1200×800).
// Sizes: 70% 1200×800, 15% 1600×1067, 10% 800×600, 5% 800×1200 (portrait).
// An image already in --uploads is kept (the run script shares one folder
// between sizes). Everything is deterministic for a given --seed.
#include <vips/vips.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/text.h"

namespace {

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "make_wxr: " << message << "\n";
  std::exit(2);
}

struct Article {
  std::string source, title, text;
  std::vector<std::string> paragraphs;
};

// Control characters XML 1.0 does not allow (the corpus has a few).
std::string XmlSafe(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t'; }),
          s.end());
  return s;
}

bool IsSpace(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string Trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && IsSpace(s[a])) ++a;
  while (b > a && IsSpace(s[b - 1])) --b;
  return s.substr(a, b - a);
}

// Number of UTF-8 code points.
size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> Split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t at = 0;
  while (true) {
    size_t next = text.find(sep, at);
    std::string part = Trim(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (!part.empty()) out.push_back(part);
    if (next == std::string::npos) break;
    at = next + sep.size();
  }
  return out;
}

std::vector<Article> LoadCorpus(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) Die("cannot open " + path);
  gzbuffer(gz, 1 << 20);
  std::vector<Article> out;
  std::string line;
  char buf[1 << 16];
  auto flush = [&] {
    if (Trim(line).empty()) return;
    nlohmann::json o = nlohmann::json::parse(line);
    Article a;
    a.source = o.value("source", "");
    a.title = Trim(XmlSafe(o.value("title", "")));
    a.text = XmlSafe(o.value("text", ""));
    a.paragraphs = Split(a.text, "\n");
    a.text.clear();
    if (!a.title.empty() && !a.paragraphs.empty()) out.push_back(std::move(a));
  };
  while (gzgets(gz, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      flush();
      line.clear();
    }
  }
  flush();
  gzclose(gz);
  return out;
}

// Short sentences (4-30 words, no digits-only noise) that read like reader
// comments.
std::vector<std::string> CommentSentences(const std::vector<Article>& corpus, size_t want) {
  std::vector<std::string> out;
  for (size_t i = 0; i < corpus.size() && out.size() < want; i += 3) {
    for (const std::string& p : corpus[i].paragraphs) {
      for (std::string s : Split(p, ".")) {
        size_t words = std::count(s.begin(), s.end(), ' ') + 1;
        if (words < 4 || words > 30) continue;
        out.push_back(s);
      }
    }
  }
  if (out.empty()) Die("no sentences for comments");
  return out;
}

// CDATA as WordPress's wxr_cdata() writes it: "]]>" split across sections.
std::string Cdata(const std::string& s) {
  std::string out = "<![CDATA[";
  size_t at = 0;
  while (true) {
    size_t end = s.find("]]>", at);
    if (end == std::string::npos) {
      out.append(s, at, std::string::npos);
      break;
    }
    out.append(s, at, end - at);
    out += "]]]]><![CDATA[>";
    at = end + 3;
  }
  return out + "]]>";
}

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// sanitize_title(), roughly: punctuation out, spaces to dashes, at most ~80
// bytes cut on a character boundary, then percent-encoded.
std::string Slug(const std::string& title) {
  std::string s;
  bool dash = false;
  for (size_t i = 0; i < title.size();) {
    unsigned char c = title[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    std::string ch = title.substr(i, len);
    i += len;
    bool keep = len > 1 ? (ch != "،" && ch != "؛" && ch != "؟" && ch != "«" && ch != "»" && ch != "“" &&
                           ch != "”" && ch != "–" && ch != "—")
                        : std::isalnum(c);
    if (keep) {
      if (dash && !s.empty()) s += '-';
      dash = false;
      s += len == 1 ? std::string(1, static_cast<char>(std::tolower(c))) : ch;
      if (s.size() > 80) break;
    } else {
      dash = true;
    }
  }
  return PercentEncode(s.empty() ? "post" : s);
}

struct Writer {
  std::string login, email, display, first, last;
};

struct Term {
  int id;
  std::string slug, name, parent;
};

std::string Date(int64_t t) {
  time_t tt = static_cast<time_t>(t);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string RfcDate(int64_t t) {
  time_t tt = static_cast<time_t>(t);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

struct Image {
  int64_t wp_id = 0;
  int width = 0, height = 0;
  std::string file;  // "2015/07/snn-photo-00001.jpg"
  std::string alt;
  int64_t parent = 0;  // wp id of its post
};

// One photo-like JPEG: a random 8×6 colour field resized up (smooth
// blobs), plus Gaussian grain, as sRGB JPEG Q 85.
void MakeJpeg(std::mt19937_64& rng, int width, int height, const std::string& path) {
  const int gw = 8, gh = 6;
  std::vector<unsigned char> small(gw * gh * 3);
  for (unsigned char& b : small) b = static_cast<unsigned char>(rng() % 256);
  VipsImage* base = vips_image_new_from_memory_copy(small.data(), small.size(), gw, gh, 3, VIPS_FORMAT_UCHAR);
  if (!base) Die("vips: " + std::string(vips_error_buffer()));
  VipsImage* big = nullptr;
  if (vips_resize(base, &big, static_cast<double>(width) / gw, "vscale", static_cast<double>(height) / gh,
                  "kernel", VIPS_KERNEL_CUBIC, nullptr) != 0)
    Die("vips resize: " + std::string(vips_error_buffer()));
  VipsImage* noise = nullptr;
  if (vips_gaussnoise(&noise, vips_image_get_width(big), vips_image_get_height(big), "sigma", 9.0, "mean", 0.0,
                      "seed", static_cast<int>(rng() % 1000000), nullptr) != 0)
    Die("vips gaussnoise: " + std::string(vips_error_buffer()));
  VipsImage* sum = nullptr;
  VipsImage* out = nullptr;
  VipsImage* cropped = nullptr;
  if (vips_add(big, noise, &sum, nullptr) != 0 || vips_cast_uchar(sum, &out, nullptr) != 0 ||
      vips_crop(out, &cropped, 0, 0, std::min(width, vips_image_get_width(out)),
                std::min(height, vips_image_get_height(out)), nullptr) != 0)
    Die("vips: " + std::string(vips_error_buffer()));
  vips_image_set_int(cropped, "interpretation", VIPS_INTERPRETATION_sRGB);
  const std::string tmp = path + ".tmp";
  if (vips_jpegsave(cropped, tmp.c_str(), "Q", 85, nullptr) != 0)
    Die("vips jpegsave: " + std::string(vips_error_buffer()));
  std::filesystem::rename(tmp, path);
  for (VipsImage* i : {base, big, noise, sum, out, cropped}) g_object_unref(i);
}

int64_t Arg(const std::map<std::string, std::string>& args, const std::string& k, int64_t def) {
  auto it = args.find(k);
  return it == args.end() ? def : std::stoll(it->second);
}

}  // namespace

int main(int argc, char** argv) {
  if (VIPS_INIT(argv[0])) Die("cannot start libvips");
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0) Die("bad argument " + k);
    args[k.substr(2)] = argv[i + 1];
  }
  if (argc % 2 == 0 || !args.count("snn") || !args.count("out") || !args.count("uploads")) {
    std::cerr << "usage: make_wxr --snn FILE.jsonl.gz --out export.xml --uploads DIR [--posts 10000] "
                 "[--comments 50000] [--images 2000] [--seed 1]\n";
    return 2;
  }
  const int64_t posts = Arg(args, "posts", 10000);
  const int64_t comments = Arg(args, "comments", 50000);
  const int64_t images = Arg(args, "images", 2000);
  const uint64_t seed = static_cast<uint64_t>(Arg(args, "seed", 1));
  const std::string out_path = args["out"], uploads = args["uploads"];
  const std::string site = "http://akhbar.example.test";

  std::vector<Article> corpus = LoadCorpus(args["snn"]);
  std::vector<std::string> sentences = CommentSentences(corpus, 200000);
  std::cerr << "make_wxr: " << corpus.size() << " articles, " << sentences.size() << " comment sentences\n";

  std::mt19937_64 rng(seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };

  // Writers: 50 Arabic names, logins and e-mails.
  const std::vector<std::string> firsts = {"محمد", "عبدالله", "فهد", "سارة", "نورة", "خالد", "ريم", "سلطان",
                                           "هند", "يوسف", "منى", "تركي", "لمى", "ماجد", "عبير", "بندر"};
  const std::vector<std::string> lasts = {"العتيبي", "القحطاني", "الدوسري", "الشمري", "الغامدي", "الزهراني",
                                          "الحربي", "المطيري", "السبيعي", "العنزي", "الشهري", "المالكي"};
  std::vector<Writer> writers;
  for (int i = 0; i < 50; ++i) {
    Writer w;
    w.first = firsts[(i * 7) % firsts.size()];
    w.last = lasts[(i * 5 + i / 12) % lasts.size()];
    w.display = w.first + " " + w.last;
    char login[32];
    std::snprintf(login, sizeof login, "writer%02d", i + 1);
    w.login = login;
    w.email = w.login + "@akhbar.example.test";
    writers.push_back(w);
  }

  // Categories (term 1 is WordPress's default) and tags.
  std::vector<Term> categories = {
      {1, PercentEncode("غير-مصنف"), "غير مصنف", ""},   {2, "local", "محليات", ""},
      {3, "economy", "اقتصاد", ""},                        {4, "sports", "رياضة", ""},
      {5, "football", "كرة القدم", "sports"},              {6, "world", "دولية", ""},
      {7, PercentEncode("ثقافة"), "ثقافة", ""},            {8, "tech", "تقنية", ""},
      {9, "health", "صحة", ""},                            {10, "opinion", "رأي", ""},
      {11, "politics", "سياسة", ""},                       {12, PercentEncode("منوعات"), "منوعات", ""}};
  std::map<std::string, int> by_source = {{"arreyadi", 4}, {"arriyadiyah", 4}, {"aleqtisadiya", 3},
                                          {"aawsat", 6},   {"was", 2},         {"sabq", 2}};
  std::vector<Term> tags;
  {
    std::map<std::string, int> seen;
    for (size_t i = 0; i < corpus.size() && tags.size() < 400; i += 37) {
      for (const std::string& w : Split(corpus[i].title, " ")) {
        if (CodePoints(w) < 5 || w.find_first_of("0123456789:«»\"'()،,.-") != std::string::npos) continue;
        if (seen[w]++) continue;
        tags.push_back({static_cast<int>(100 + tags.size()), PercentEncode(w), w, ""});
        break;
      }
    }
  }

  if (auto dir = std::filesystem::path(out_path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) Die("cannot write " + out_path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
         "<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->\n"
         "\t<!-- generator=\"WordPress/6.1.9\" created=\"2026-12-07 09:00\" -->\n"
         "<rss version=\"2.0\"\n\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
         "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
         "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
         "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n>\n\n<channel>\n"
         "\t<title>أخبار المملكة</title>\n\t<link>" << site << "</link>\n"
         "\t<description>أخبار محلية ودولية على مدار الساعة</description>\n"
         "\t<pubDate>Mon, 07 Dec 2026 09:00:00 +0000</pubDate>\n\t<language>ar</language>\n"
         "\t<wp:wxr_version>1.2</wp:wxr_version>\n\t<wp:base_site_url>" << site << "</wp:base_site_url>\n"
         "\t<wp:base_blog_url>" << site << "</wp:base_blog_url>\n\n";
  for (size_t i = 0; i < writers.size(); ++i) {
    const Writer& w = writers[i];
    out << "\t<wp:author><wp:author_id>" << i + 1 << "</wp:author_id><wp:author_login>" << Cdata(w.login)
        << "</wp:author_login><wp:author_email>" << Cdata(w.email) << "</wp:author_email><wp:author_display_name>"
        << Cdata(w.display) << "</wp:author_display_name><wp:author_first_name>" << Cdata(w.first)
        << "</wp:author_first_name><wp:author_last_name>" << Cdata(w.last) << "</wp:author_last_name></wp:author>\n";
  }
  for (const Term& c : categories) {
    out << "\t<wp:category>\n\t\t<wp:term_id>" << c.id << "</wp:term_id>\n\t\t<wp:category_nicename>"
        << Cdata(c.slug) << "</wp:category_nicename>\n\t\t<wp:category_parent>" << Cdata(c.parent)
        << "</wp:category_parent>\n\t\t<wp:cat_name>" << Cdata(c.name) << "</wp:cat_name>\n\t</wp:category>\n";
  }
  for (const Term& t : tags) {
    out << "\t<wp:tag>\n\t\t<wp:term_id>" << t.id << "</wp:term_id>\n\t\t<wp:tag_slug>" << Cdata(t.slug)
        << "</wp:tag_slug>\n\t\t<wp:tag_name>" << Cdata(t.name) << "</wp:tag_name>\n\t</wp:tag>\n";
  }
  out << "\n\t<generator>https://wordpress.org/?v=6.1.9</generator>\n\n";

  // Plan the IDs: post k has ID post_id[k]; image j belongs to post
  // j * posts / images and follows it.
  std::vector<int64_t> post_id(posts);
  std::vector<int64_t> post_image(posts, -1);
  std::vector<Image> imgs(images);
  int64_t next_id = 10;
  for (int64_t j = 0, k = 0; k < posts; ++k) {
    post_id[k] = next_id++;
    while (j < images && j * posts / images == k) {
      post_image[k] = j;  // its featured image (the last one, if several)
      imgs[j].wp_id = next_id++;
      imgs[j].parent = post_id[k];
      ++j;
    }
  }
  const int64_t t0 = 1420070400;  // 2015-01-01 00:00 UTC
  const int64_t step = std::max<int64_t>(60, (3 * 365 * 86400) / std::max<int64_t>(posts, 1));
  auto post_time = [&](int64_t k) { return t0 + k * step + static_cast<int64_t>(k * 7919 % 600); };
  std::vector<std::string> links(posts), slugs(posts);
  {
    std::map<std::string, int> used;
    for (int64_t k = 0; k < posts; ++k) {
      const Article& a = corpus[k % corpus.size()];
      std::string slug = Slug(a.title);
      if (int n = ++used[slug]; n > 1) slug += "-" + std::to_string(n);
      slugs[k] = slug;
      std::string d = Date(post_time(k) + 3 * 3600);
      links[k] = site + "/" + d.substr(0, 4) + "/" + d.substr(5, 2) + "/" + slug + "/";
    }
  }
  std::mt19937_64 image_rng(seed * 7 + 1);
  for (int64_t j = 0; j < images; ++j) {
    Image& im = imgs[j];
    int64_t k = j * posts / images;
    int r = static_cast<int>(image_rng() % 100);
    im.width = r < 70 ? 1200 : r < 85 ? 1600 : 800;
    im.height = r < 70 ? 800 : r < 85 ? 1067 : r < 95 ? 600 : 1200;
    std::string d = Date(post_time(k) + 3 * 3600);
    char name[64];
    std::snprintf(name, sizeof name, "/snn-photo-%05lld.jpg", static_cast<long long>(j + 1));
    im.file = d.substr(0, 4) + "/" + d.substr(5, 2) + name;
    const Article& a = corpus[(k * 13 + 5) % corpus.size()];
    im.alt = a.title;
  }
  // Comments over posts, multinomially (a Poisson-like spread, ~5 a post).
  std::vector<int> comment_count(posts, 0);
  for (int64_t c = 0; c < comments && posts > 0; ++c) ++comment_count[pick(posts)];

  int64_t comment_id = 1, made_comments = 0, made_images = 0;
  int64_t next_image = 0;  // imgs are in post order
  const std::vector<std::string> commenters = {"أبو فهد", "مواطن", "سعد", "أم خالد", "قارئ", "ناصر", "هيفاء",
                                               "عبدالرحمن", "متابع", "جواهر", "صالح", "غادة"};
  for (int64_t k = 0; k < posts; ++k) {
    const Article& a = corpus[k % corpus.size()];
    const int64_t id = post_id[k];
    const int64_t t = post_time(k);
    const Writer& w = writers[(k * 31 + k / 97) % writers.size()];
    std::string title = a.title;
    if (k >= static_cast<int64_t>(corpus.size())) title += " (" + std::to_string(k / corpus.size() + 1) + ")";
    // Status.
    int r = static_cast<int>(rng() % 1000);
    std::string status = r < 950 ? "publish" : r < 970 ? "draft" : r < 980 ? "pending" : r < 988 ? "future"
                         : r < 994 ? "private" : "trash";
    // Body.
    const bool blocks = chance(0.4);
    std::vector<std::string> paras = a.paragraphs;
    if (k >= static_cast<int64_t>(corpus.size()) && paras.size() > 1) std::rotate(paras.begin(), paras.begin() + 1, paras.end());
    int64_t inline_img = chance(0.15) && images > 0 ? static_cast<int64_t>(pick(images)) : -1;
    int64_t link_to = -1;
    if (k > 0 && chance(0.03)) link_to = static_cast<int64_t>(pick(k));
    else if (k + 1 < posts && chance(0.01)) link_to = k + 1 + static_cast<int64_t>(pick(posts - k - 1));
    std::string body;
    for (size_t p = 0; p < paras.size(); ++p) {
      std::string text = qalam::HtmlEscape(paras[p]);
      if (p == 0 && chance(0.3)) {
        size_t sp = text.find(' ', text.size() / 4);
        if (sp != std::string::npos) text = "<strong>" + text.substr(0, sp) + "</strong>" + text.substr(sp);
      }
      if (p == 1 && link_to >= 0) text += " <a href=\"" + links[link_to] + "\">" + qalam::HtmlEscape(corpus[link_to % corpus.size()].title) + "</a>";
      if (blocks) {
        if (p == 2 && paras.size() > 4 && chance(0.3)) body += "<!-- wp:heading -->\n<h2>" + qalam::HtmlEscape(title.substr(0, title.find(' ', 20))) + "</h2>\n<!-- /wp:heading -->\n\n";
        body += "<!-- wp:paragraph -->\n<p>" + text + "</p>\n<!-- /wp:paragraph -->\n\n";
        if (p == 0 && inline_img >= 0) {
          const Image& im = imgs[inline_img];
          body += "<!-- wp:image {\"id\":" + std::to_string(im.wp_id) + ",\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"" +
                  site + "/wp-content/uploads/" + im.file + "\" alt=\"" + qalam::HtmlEscape(im.alt) + "\" class=\"wp-image-" +
                  std::to_string(im.wp_id) + "\"/><figcaption class=\"wp-element-caption\">" + qalam::HtmlEscape(im.alt) +
                  "</figcaption></figure>\n<!-- /wp:image -->\n\n";
        }
        if (p == 3 && chance(0.2)) body += "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>" + qalam::HtmlEscape(sentences[pick(sentences.size())]) + "</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->\n\n";
        if (p == 4 && chance(0.2)) {
          body += "<!-- wp:list -->\n<ul>";
          for (int li = 0; li < 3; ++li) body += "<!-- wp:list-item -->\n<li>" + qalam::HtmlEscape(sentences[pick(sentences.size())]) + "</li>\n<!-- /wp:list-item -->";
          body += "</ul>\n<!-- /wp:list -->\n\n";
        }
      } else {
        body += text + "\n\n";
        if (p == 0 && inline_img >= 0) {
          const Image& im = imgs[inline_img];
          // As the classic editor inserts a "large" size with a caption.
          std::string file = im.file;
          if (im.width > 1024) {
            int h = im.height * 1024 / im.width;
            file = file.substr(0, file.size() - 4) + "-1024x" + std::to_string(h) + ".jpg";
          }
          body += "[caption id=\"attachment_" + std::to_string(im.wp_id) + "\" align=\"aligncenter\" width=\"1024\"]<img class=\"size-large wp-image-" +
                  std::to_string(im.wp_id) + "\" src=\"" + site + "/wp-content/uploads/" + file + "\" alt=\"" + qalam::HtmlEscape(im.alt) +
                  "\" width=\"1024\" /> " + qalam::HtmlEscape(im.alt) + "[/caption]\n\n";
        }
      }
    }
    while (!body.empty() && body.back() == '\n') body.pop_back();
    std::string excerpt;
    if (chance(0.3)) {
      std::vector<std::string> s = Split(paras[0], ".");
      if (!s.empty()) excerpt = s[0] + ".";
    }
    const std::string date = Date(t + 3 * 3600), date_gmt = Date(t);
    out << "\t<item>\n\t\t<title>" << Cdata(title) << "</title>\n\t\t<link>" << links[k] << "</link>\n\t\t<pubDate>"
        << RfcDate(t) << "</pubDate>\n\t\t<dc:creator>" << Cdata(w.login) << "</dc:creator>\n\t\t<guid isPermaLink=\"false\">"
        << site << "/?p=" << id << "</guid>\n\t\t<description></description>\n\t\t<content:encoded>" << Cdata(body)
        << "</content:encoded>\n\t\t<excerpt:encoded>" << Cdata(excerpt) << "</excerpt:encoded>\n\t\t<wp:post_id>" << id
        << "</wp:post_id>\n\t\t<wp:post_date>" << Cdata(date) << "</wp:post_date>\n\t\t<wp:post_date_gmt>"
        << Cdata(status == "draft" || status == "pending" ? "0000-00-00 00:00:00" : date_gmt)
        << "</wp:post_date_gmt>\n\t\t<wp:post_modified>" << Cdata(date) << "</wp:post_modified>\n\t\t<wp:post_modified_gmt>"
        << Cdata(date_gmt) << "</wp:post_modified_gmt>\n\t\t<wp:comment_status>" << Cdata("open")
        << "</wp:comment_status>\n\t\t<wp:ping_status>" << Cdata("open") << "</wp:ping_status>\n\t\t<wp:post_name>"
        << Cdata(status == "trash" ? slugs[k] + "__trashed" : slugs[k]) << "</wp:post_name>\n\t\t<wp:status>" << Cdata(status)
        << "</wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type>"
        << Cdata("post") << "</wp:post_type>\n\t\t<wp:post_password>" << Cdata("") << "</wp:post_password>\n\t\t<wp:is_sticky>"
        << (k == 3 || k == 5 || k == 8 ? 1 : 0) << "</wp:is_sticky>\n";
    // Categories: by the newspaper when it says, else one at random; a
    // second one sometimes; WordPress's default now and then.
    std::vector<int> cats;
    if (chance(0.03)) {
      cats.push_back(0);
    } else {
      auto s = by_source.find(a.source);
      cats.push_back(s != by_source.end() ? s->second - 1 : 1 + static_cast<int>(pick(categories.size() - 1)));
      if (cats[0] == 3 && chance(0.5)) cats[0] = 4;  // football under sports
      if (chance(0.2)) {
        int c2 = 1 + static_cast<int>(pick(categories.size() - 1));
        if (c2 != cats[0]) cats.push_back(c2);
      }
    }
    for (int c : cats) {
      out << "\t\t<category domain=\"category\" nicename=\"" << categories[c].slug << "\">" << Cdata(categories[c].name) << "</category>\n";
    }
    int ntags = static_cast<int>(pick(5));
    std::vector<size_t> used_tags;
    for (int i = 0; i < ntags && !tags.empty(); ++i) {
      size_t ti = pick(tags.size());
      if (std::find(used_tags.begin(), used_tags.end(), ti) != used_tags.end()) continue;
      used_tags.push_back(ti);
      out << "\t\t<category domain=\"post_tag\" nicename=\"" << tags[ti].slug << "\">" << Cdata(tags[ti].name) << "</category>\n";
    }
    auto meta = [&](const std::string& key, const std::string& value) {
      out << "\t\t<wp:postmeta>\n\t\t<wp:meta_key>" << Cdata(key) << "</wp:meta_key>\n\t\t<wp:meta_value>" << Cdata(value)
          << "</wp:meta_value>\n\t\t</wp:postmeta>\n";
    };
    meta("_edit_last", "1");
    if (post_image[k] >= 0) meta("_thumbnail_id", std::to_string(imgs[post_image[k]].wp_id));
    if (status == "trash") {
      meta("_wp_trash_meta_status", "publish");
      meta("_wp_trash_meta_time", std::to_string(t + 86400));
      meta("_wp_desired_post_slug", slugs[k]);
    }
    // Comments: ~25% replies to an earlier comment of the same post.
    std::vector<int64_t> ids;
    for (int c = 0; c < comment_count[k]; ++c) {
      const int64_t cid = comment_id++;
      int64_t parent = !ids.empty() && chance(0.25) ? ids[pick(ids.size())] : 0;
      ids.push_back(cid);
      int s = static_cast<int>(rng() % 100);
      std::string approved = s < 78 ? "1" : s < 90 ? "0" : s < 98 ? "spam" : "trash";
      bool staff = parent != 0 && chance(0.1);
      const Writer& sw = writers[pick(writers.size())];
      std::string name = staff ? sw.display : commenters[pick(commenters.size())];
      std::string email = staff ? sw.email : "reader" + std::to_string(pick(20000)) + "@mail.example.test";
      std::string text = sentences[pick(sentences.size())];
      if (chance(0.3)) text += ".\n\n" + sentences[pick(sentences.size())];
      if (approved == "spam") text += " http://spam.example.test/offer" + std::to_string(cid);
      int64_t ct = t + 600 + c * 1800 + static_cast<int64_t>(pick(1200));
      out << "\t\t<wp:comment>\n\t\t\t<wp:comment_id>" << cid << "</wp:comment_id>\n\t\t\t<wp:comment_author>" << Cdata(name)
          << "</wp:comment_author>\n\t\t\t<wp:comment_author_email>" << Cdata(email)
          << "</wp:comment_author_email>\n\t\t\t<wp:comment_author_url></wp:comment_author_url>\n\t\t\t<wp:comment_author_IP>"
          << Cdata("198.51.100." + std::to_string(cid % 250 + 1)) << "</wp:comment_author_IP>\n\t\t\t<wp:comment_date>"
          << Cdata(Date(ct + 3 * 3600)) << "</wp:comment_date>\n\t\t\t<wp:comment_date_gmt>" << Cdata(Date(ct))
          << "</wp:comment_date_gmt>\n\t\t\t<wp:comment_content>" << Cdata(text) << "</wp:comment_content>\n\t\t\t<wp:comment_approved>"
          << Cdata(approved) << "</wp:comment_approved>\n\t\t\t<wp:comment_type>" << Cdata("comment")
          << "</wp:comment_type>\n\t\t\t<wp:comment_parent>" << parent << "</wp:comment_parent>\n\t\t\t<wp:comment_user_id>"
          << (staff ? static_cast<int64_t>(&sw - writers.data()) + 1 : 0) << "</wp:comment_user_id>\n";
      if (approved == "trash") {
        out << "\t\t\t<wp:commentmeta>\n\t\t\t<wp:meta_key>" << Cdata("_wp_trash_meta_status") << "</wp:meta_key>\n\t\t\t<wp:meta_value>"
            << Cdata("1") << "</wp:meta_value>\n\t\t\t</wp:commentmeta>\n";
      }
      out << "\t\t</wp:comment>\n";
      ++made_comments;
    }
    out << "\t</item>\n";
    // The post's attachments.
    for (; next_image < images && imgs[next_image].parent == id; ++next_image) {
      const int64_t j = next_image;
      const Image& im = imgs[j];
      const std::string url = site + "/wp-content/uploads/" + im.file;
      std::string base = im.file.substr(im.file.rfind('/') + 1);
      base = base.substr(0, base.size() - 4);
      out << "\t<item>\n\t\t<title>" << Cdata(base) << "</title>\n\t\t<link>" << links[k] << base << "/</link>\n\t\t<pubDate>"
          << RfcDate(t) << "</pubDate>\n\t\t<dc:creator>" << Cdata(w.login) << "</dc:creator>\n\t\t<guid isPermaLink=\"false\">"
          << url << "</guid>\n\t\t<description></description>\n\t\t<content:encoded>" << Cdata("")
          << "</content:encoded>\n\t\t<excerpt:encoded>" << Cdata(chance(0.5) ? im.alt : "") << "</excerpt:encoded>\n\t\t<wp:post_id>"
          << im.wp_id << "</wp:post_id>\n\t\t<wp:post_date>" << Cdata(date) << "</wp:post_date>\n\t\t<wp:post_date_gmt>"
          << Cdata(date_gmt) << "</wp:post_date_gmt>\n\t\t<wp:comment_status>" << Cdata("open")
          << "</wp:comment_status>\n\t\t<wp:ping_status>" << Cdata("closed") << "</wp:ping_status>\n\t\t<wp:post_name>"
          << Cdata(base) << "</wp:post_name>\n\t\t<wp:status>" << Cdata("inherit") << "</wp:status>\n\t\t<wp:post_parent>" << id
          << "</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type>" << Cdata("attachment")
          << "</wp:post_type>\n\t\t<wp:post_password>" << Cdata("") << "</wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n"
          << "\t\t<wp:attachment_url>" << Cdata(url) << "</wp:attachment_url>\n";
      meta("_wp_attached_file", im.file);
      meta("_wp_attachment_metadata", "a:3:{s:5:\"width\";i:" + std::to_string(im.width) + ";s:6:\"height\";i:" +
                                          std::to_string(im.height) + ";s:4:\"file\";s:" + std::to_string(im.file.size()) +
                                          ":\"" + im.file + "\";}");
      meta("_wp_attachment_image_alt", im.alt);
      out << "\t</item>\n";
    }
  }
  out << "</channel>\n</rss>\n";
  out.close();
  if (!out) Die("cannot write " + out_path);

  // The images, made only when missing.
  std::mt19937_64 pixels(seed * 1000003 + 17);
  for (int64_t j = 0; j < images; ++j) {
    std::mt19937_64 one(pixels() ^ static_cast<uint64_t>(j));
    const std::filesystem::path p = std::filesystem::path(uploads) / imgs[j].file;
    if (std::filesystem::exists(p) && std::filesystem::file_size(p) > 0) continue;
    std::filesystem::create_directories(p.parent_path());
    MakeJpeg(one, imgs[j].width, imgs[j].height, p.string());
    ++made_images;
  }
  std::cerr << "make_wxr: wrote " << out_path << " (" << std::filesystem::file_size(out_path) / (1024 * 1024) << " MB): "
            << posts << " posts, " << made_comments << " comments, " << images << " attachments; " << made_images
            << " images made in " << uploads << "\n";
  vips_shutdown();
  return 0;
}
