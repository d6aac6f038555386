#include "services/wordpress_import.h"

#include <array>
#include <tuple>
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <thread>
#include <tuple>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unordered_map>

#include "arabic/dates.h"
#include "content/markdown.h"
#include "content/markdown_limits.h"
#include "content/text_hygiene.h"
#include "core/files.h"
#include "core/parallel.h"
#include "core/text.h"
#include "services/article_text.h"
#include "services/comments.h"
#include "services/old_addresses.h"
#include "services/related.h"
#include "wordpress/content.h"

namespace qalam {
namespace {

constexpr size_t kBatchArticles = 200;
constexpr size_t kImageCaptionChars = 300;  // As the desk allows.
constexpr size_t kSeoTitleChars = 120;        // As the desk allows.
constexpr size_t kSeoDescriptionChars = 300;
constexpr const char* kUploads = "/wp-content/uploads/";

// What the first pass keeps of an attachment.
struct Attachment {
  std::string url;
  std::string alt;      // _wp_attachment_image_alt, else its caption, else its title.
  std::string caption;  // Its caption (the attachment's excerpt), as text.
  std::string link;     // Its attachment page.
  int64_t parent = 0;
  int64_t menu_order = 0;  // Its place in the post's gallery.
};

// A 64-bit FNV-1a hash of what was imported, as hex: equal for equal input.
class Hasher {
 public:
  Hasher& Add(const std::string& s) {
    for (unsigned char c : s) Byte(c);
    Byte(0xff);
    return *this;
  }
  Hasher& Add(int64_t v) { return Add(std::to_string(v)); }
  std::string Hex() const {
    static const char* kDigits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 0; i < 16; ++i) out[15 - i] = kDigits[(h_ >> (4 * i)) & 0xf];
    return out;
  }

 private:
  void Byte(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  uint64_t h_ = 1469598103934665603ull;
};

std::string MetaValue(const std::vector<wp::WxrMeta>& meta, const std::string& key) {
  for (const wp::WxrMeta& m : meta) {
    if (m.key == key) return m.value;
  }
  return "";
}

int64_t ToInt(const std::string& s) {
  int64_t v = 0;
  return ParsePositive(Trim(s), &v) ? v : 0;
}

// A WordPress time, "YYYY-MM-DD HH:MM:SS": the GMT one exactly, else the
// local one in the site's time zone; 0 when neither is a date.
int64_t WordPressTime(const std::string& gmt, const std::string& local, const std::string& timezone) {
  auto parse = [](std::string s, const std::string& tz, bool utc) -> int64_t {
    s = Trim(s);
    if (s.size() < 10 || s.rfind("0000-00-00", 0) == 0) return 0;
    if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
    if (utc) s += "Z";
    int64_t t = 0;
    return ParseIsoDateTime(s, tz, &t).ok() ? t : 0;
  };
  int64_t t = parse(gmt, "UTC", true);
  return t ? t : parse(local, timezone, false);
}

// The percent-decoded form of a slug WordPress stored percent-encoded.
std::string DecodeSlug(const std::string& s) {
  std::string out;
  if (!PercentDecode(s, &out) || !IsValidUtf8(out)) return s;
  return ToNfc(out);
}

// The desk role of a WordPress user: from the role that can do most
// (administrator → admin, editor → chief editor, author → editor,
// contributor → writer); none for a user who could not write
// (subscriber) or with only roles of plugins.
std::optional<Role> DeskRole(const std::vector<std::string>& roles) {
  std::optional<Role> best;
  auto consider = [&](Role r) {
    if (!best || static_cast<int>(r) < static_cast<int>(*best)) best = r;  // kAdmin first.
  };
  for (const std::string& r : roles) {
    if (r == "administrator") consider(Role::kAdmin);
    if (r == "editor") consider(Role::kChiefEditor);
    if (r == "author") consider(Role::kEditor);
    if (r == "contributor") consider(Role::kWriter);
  }
  return best;
}

std::string RoleNames(const std::vector<std::string>& roles) {
  std::string out;
  for (const std::string& r : roles) out += (out.empty() ? "" : "+") + r;
  return out.empty() ? "(none)" : out;
}

// How WordPress's comment_approved values read in the report.
std::string CommentStateName(const std::string& approved) {
  if (approved == "1") return "approved";
  if (approved == "0" || approved.empty()) return "pending";
  if (approved == "post-trashed") return "on a trashed post (its state before the trash)";
  return approved;
}

bool IsImageUrl(const std::string& url) {
  std::string lower = AsciiLower(url);
  size_t q = lower.find_first_of("?#");
  if (q != std::string::npos) lower.resize(q);
  for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
    const size_t n = std::char_traits<char>::length(ext);
    if (lower.size() > n && lower.compare(lower.size() - n, n, ext) == 0) return true;
  }
  return false;
}

// "photo-300x200.jpg" → "photo.jpg": the original of a size WordPress made.
std::string OriginalOfSize(const std::string& url) {
  size_t dot = url.rfind('.');
  size_t dash = url.rfind('-', dot);
  if (dot == std::string::npos || dash == std::string::npos) return "";
  std::string dims = url.substr(dash + 1, dot - dash - 1);
  size_t x = dims.find('x');
  if (x == std::string::npos || x == 0 || x + 1 == dims.size() ||
      !std::all_of(dims.begin(), dims.begin() + x, ::isdigit) ||
      !std::all_of(dims.begin() + x + 1, dims.end(), ::isdigit)) {
    return "";
  }
  return url.substr(0, dash) + url.substr(dot);
}

// The path under uploads/ of an address containing /wp-content/uploads/,
// percent-decoded; "" otherwise or when it would climb out of the folder.
std::string UploadsPath(const std::string& url) {
  size_t at = url.find(kUploads);
  if (at == std::string::npos) return "";
  std::string rest = url.substr(at + std::char_traits<char>::length(kUploads));
  size_t q = rest.find_first_of("?#");
  if (q != std::string::npos) rest.resize(q);
  std::string decoded;
  if (PercentDecode(rest, &decoded) && IsValidUtf8(decoded)) rest = decoded;
  if (rest.empty() || rest.find("..") != std::string::npos || rest[0] == '/') return "";
  return ToNfc(rest);
}

uint64_t FileSize(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

class Importer {
 public:
  Importer(Store& store, MediaLibrary* media, const std::string& path,
           const WordPressImportOptions& options, WordPressReport* report)
      : store_(store), media_(media), path_(path), options_(options), report_(report) {}

  Status Run() {
    Settings settings;
    if (Status st = store_.LoadSettings(&settings); !st.ok()) return st;
    timezone_ = settings.timezone();
    analyzer_ = SearchAnalyzer(settings);
    progress_.bytes_total = FileSize(path_);
    if (Status st = FirstPass(); !st.ok()) return st;
    if (Status st = LoadMappings(); !st.ok()) return st;
    if (Status st = ImportAuthors(); !st.ok()) return st;
    progress_.phase = "images";
    if (Status st = MakeAttachmentImages(); !st.ok()) return st;
    progress_.phase = "importing";
    if (Status st = SecondPass(false); !st.ok()) return st;
    if (!deferred_.empty()) {
      // Posts that link to posts later in the file: their links are
      // rewritten now that every post has its address here.
      if (Status st = SecondPass(true); !st.ok()) return st;
    }
    if (Status st = ImportLeftoverAttachments(); !st.ok()) return st;
    if (Status st = SaveSiteAddresses(); !st.ok()) return st;
    Report();
    if (options_.dry_run) return Status::Ok();
    // Related articles move only when articles did.
    if (!articles_written_) return Status::Ok();
    return RefreshAutoRelated(store_);
  }

 private:
  // --- the first pass: check the whole file, learn what links to what

  Status FirstPass() {
    progress_.phase = "checking";
    wp::WxrHandler h;
    h.on_site = [&](const wp::WxrSite& site) {
      // The site's address: its <link>, else (old exports) wp:base_blog_url.
      const std::string& address = !site.link.empty() ? site.link : site.base_blog_url;
      origin_ = SiteOrigin(address);
      folder_ = SiteFolder(address);
      host_ = SiteHost(address);
      report_->origin = origin_;
      report_->wxr_version = site.wxr_version;
      return Status::Ok();
    };
    h.on_author = [&](const wp::WxrAuthor& a) {
      authors_.push_back(a);
      return Status::Ok();
    };
    h.on_term = [&](const wp::WxrTerm& t) {
      if (t.taxonomy == "category") {
        // WordPress's default category is term 1 ("Uncategorized", «غير مصنف»).
        if (t.id == 1) default_category_ = t.slug;
        category_parent_[t.slug] = t.parent_slug;
        category_name_[t.slug] = t.name;
      } else if (t.taxonomy == "post_tag") {
        tag_name_[t.slug] = t.name;
      }
      return Status::Ok();
    };
    h.on_item = [&](wp::WxrItem&& item) {
      if (item.post_type == "attachment") {
        Attachment a;
        a.url = !item.attachment_url.empty() ? item.attachment_url : item.guid;
        a.alt = Trim(MetaValue(item.meta, "_wp_attachment_image_alt"));
        a.caption = Trim(wp::HtmlToPlainText(item.excerpt));
        if (a.alt.empty()) a.alt = a.caption;
        if (a.alt.empty()) a.alt = wp::HtmlToPlainText(item.title);
        a.link = item.link;
        a.parent = item.parent;
        a.menu_order = item.menu_order;
        if (IsImageUrl(a.url)) {
          attachment_by_url_[a.url] = item.id;
          // Where the site kept its files (its own host, or a CDN's).
          if (std::string host = SiteHost(a.url); !host.empty()) upload_hosts_.insert(host);
          ++progress_.images_total;
        }
        attachments_[item.id] = std::move(a);
      } else if (item.post_type == "post" || item.post_type == "page") {
        if (std::string key = OldAddressKey(item.link); !key.empty()) post_by_key_[key] = item.id;
        ++progress_.posts_total;
        progress_.comments_total += static_cast<int64_t>(item.comments.size());
      } else if (item.post_type == "nav_menu_item") {
        if (MetaValue(item.meta, "_menu_item_object") == "page") {
          menu_pages_.insert(ToInt(MetaValue(item.meta, "_menu_item_object_id")));
        }
      }
      return Status::Ok();
    };
    h.on_progress = [&](uint64_t done, uint64_t total) {
      progress_.bytes_done = done;
      progress_.bytes_total = total;
      Tick();
    };
    wp::WxrError error;
    return wp::ReadWxr(path_, h, &error);
  }

  Status LoadMappings() {
    for (const char* kind : {"article", "comment", "media", "user"}) {
      std::vector<ImportedObject> objects;
      if (Status st = store_.LoadImported(origin_, kind, &objects); !st.ok()) return st;
      auto& map = mapped_[kind];
      map.reserve(objects.size());
      for (const ImportedObject& o : objects) map[o.old_id] = KnownOf(o);
    }
    return Status::Ok();
  }

  // --- authors: writers by display name, and disabled desk accounts

  Status ImportAuthors() {
    std::vector<ImportedObject> objects;
    for (const wp::WxrAuthor& a : authors_) {
      // Names, titles, terms and highlights are one line each, cleaned as
      // comments are (bidi overrides, invisible and control characters).
      std::string name = moderation::CleanLineText(wp::HtmlToPlainText(a.display_name));
      if (name.empty()) name = moderation::CleanLineText(a.first_name + " " + a.last_name);
      if (name.empty()) name = moderation::CleanLineText(a.login);
      if (name.empty()) name = a.login;
      author_name_[a.login] = name;
      author_login_by_id_[a.id] = a.login;
      std::optional<Role> role = Role::kWriter;
      if (auto user = options_.users.find(a.login); user != options_.users.end()) {
        author_bio_[a.login] = wp::HtmlToPlainText(user->second.description);
        role = DeskRole(user->second.roles);
        Map("author role " + RoleNames(user->second.roles) + " → " +
                (role ? std::string(ToString(*role)) : std::string("no desk account")),
            1);
      } else if (!options_.users.empty()) {
        Problem(a.id, "author", "author " + a.login + " is not in --users: made a writer");
      }
      const std::string email = AsciiLower(Trim(a.email));
      auto known = mapped_["user"].find(a.login);
      if (known != mapped_["user"].end()) {
        user_by_login_[a.login] = known->second.new_id;
        ++report_->accounts.unchanged;
        continue;
      }
      if (!role) {
        Problem(a.id, "author", "author " + a.login + " had no role that writes: no desk account made");
        continue;
      }
      if (email.empty() || email.find('@') == std::string::npos) {
        Problem(a.id, "author", "author " + a.login + " has no email address: no desk account made");
        continue;
      }
      User existing;
      if (store_.GetUserByEmail(email, &existing).ok()) {
        // Someone already on the desk: linked, never changed.
        user_by_login_[a.login] = existing.id;
        objects.push_back(ImportedObject{origin_, "user", a.login, existing.id, ""});
        ++report_->accounts.unchanged;
        continue;
      }
      if (options_.dry_run) {
        ++report_->accounts.created;
        continue;
      }
      User u;
      u.email = email;
      u.name = name;
      // An export carries no roles: without --users every account starts as
      // a writer, the least a desk account can do. Every account is
      // disabled until an admin enables it and sends its one-time link: no
      // WordPress password is imported.
      u.role = *role;
      u.disabled = true;
      u.created_at = options_.now;
      if (Status st = store_.CreateUser(&u); !st.ok()) {
        Problem(a.id, "author", "author " + a.login + ": " + st.message());
        continue;
      }
      user_by_login_[a.login] = u.id;
      objects.push_back(ImportedObject{origin_, "user", a.login, u.id, ""});
      ++report_->accounts.created;
    }
    Map(options_.users.empty() ? "author → writer and disabled desk account (role: writer; --users maps roles)"
                               : "author → writer and disabled desk account",
        static_cast<int64_t>(authors_.size()));
    if (options_.dry_run || objects.empty()) return Status::Ok();
    return store_.SaveImported(objects);
  }

  // --- media

  // Where an image of the old site is under --media-dir: the path under
  // wp-content/uploads, or, for the export of a Qalam site (`qalam export
  // --format wxr`), the file name of its /media/FILE address on that site
  // (--media-dir is then the old site's DIR/media). "" otherwise.
  std::string MediaPath(const std::string& url) const {
    if (std::string rel = UploadsPath(url); !rel.empty()) return rel;
    const std::string host = SiteHost(url);
    if (host.empty() || host != host_) return "";
    const std::string key = OldAddressKey(url);
    const std::string prefix = folder_ + "/media/";
    if (key.rfind(prefix, 0) != 0) return "";
    std::string file = key.substr(prefix.size());
    if (file.empty() || file.find('/') != std::string::npos || file.find("..") != std::string::npos) return "";
    return file;
  }

  // The media item of an attachment, imported on first need; 0 when it
  // cannot be had (reported).
  Id EnsureAttachment(int64_t wp_id) {
    auto it = attachments_.find(wp_id);
    if (it == attachments_.end()) return 0;
    return EnsureImage(it->second.url, it->second.alt, wp_id);
  }

  Id EnsureImage(const std::string& url, const std::string& alt, int64_t wp_id) {
    const std::string key = wp_id ? "a" + std::to_string(wp_id) : "u" + url;
    if (auto done = media_done_.find(key); done != media_done_.end()) return done->second;
    Id id = ImportImage(url, alt, wp_id);
    media_done_[key] = id;
    return id;
  }

  // What importing one image gave; made without touching the importer's
  // state, so that images can be made on several threads.
  struct ImageOutcome {
    Id id = 0;
    bool created = false;
    bool found = false;
    bool no_source = false;  // Neither --media-dir nor --fetch-media given.
    std::vector<WordPressProblem> problems;
    std::vector<MediaVariant> variants;
    std::string mime;
  };

  ImageOutcome MakeImage(const std::string& url, const std::string& alt_in, int64_t wp_id) const {
    ImageOutcome out;
    auto problem = [&](std::string message) {
      out.problems.push_back(WordPressProblem{wp_id, "attachment", std::move(message)});
    };
    std::string bytes;
    const std::string rel = MediaPath(url);
    out.found = !rel.empty() && !options_.media_dir.empty() && ReadWholeFile(options_.media_dir + "/" + rel, &bytes);
    if (!out.found && options_.fetch) {
      Status st = options_.fetch(url, &bytes);
      out.found = st.ok();
      if (!out.found) problem("image " + url + " could not be fetched: " + st.message());
    } else if (!out.found && options_.media_dir.empty()) {
      out.no_source = true;  // Reported once for all (Report).
    } else if (!out.found) {
      problem("image " + url + " is not in the media folder" + (rel.empty() ? "" : " (looked for " + rel + ")"));
    }
    if (!out.found || options_.dry_run) return out;
    if (!media_) {
      problem("image " + url + ": this site keeps no media");
      return out;
    }
    std::string alt = alt_in.empty() ? "صورة" : alt_in;
    if (CountCodePoints(alt) > kMediaAltMaxChars) alt = Excerpt(alt, kMediaAltMaxChars - 1);
    MediaItem item;
    // The variants are made later (MediaLibrary::AddForLater): they are
    // nearly all of an import's work, and the pages need only their names.
    if (Status st = media_->AddForLater(bytes, alt, 0, options_.now, &item, &out.created); !st.ok()) {
      problem("image " + url + " was refused: " + st.message());
      return out;
    }
    out.id = item.id;
    out.variants = std::move(item.variants);
    out.mime = item.mime;
    return out;
  }

  // Records what MakeImage gave under the attachment's (or address's) old ID.
  Id RecordImage(const std::string& old_id, ImageOutcome&& out) {
    for (WordPressProblem& p : out.problems) Problem(p.wp_id, p.kind, p.message);
    if (out.no_source && !quiet_) {
      if (without_source_ == 0) first_without_source_ = old_id;
      ++without_source_;
    }
    ++progress_.images_done;
    if (!out.found) return 0;
    if (options_.dry_run) {
      ++report_->images.created;
      return 0;
    }
    if (out.id == 0) return 0;
    if (out.created) {
      ++report_->images.created;
    } else {
      ++report_->images.unchanged;
    }
    ImportedObject o{origin_, "media", old_id, out.id, ""};
    mapped_["media"][old_id] = KnownOf(o);
    pending_media_.push_back(o);
    media_variant_[out.id] = out.variants.empty() ? "" : out.variants.back().file;
    for (const MediaVariant& v : out.variants) {
      if (v.width <= 1024 && v.mime == out.mime) media_variant_[out.id] = v.file;
    }
    return out.id;
  }

  Id ImportImage(const std::string& url, const std::string& alt_in, int64_t wp_id) {
    const std::string old_id = wp_id ? std::to_string(wp_id) : url;
    auto& mapped = mapped_["media"];
    if (auto m = mapped.find(old_id); m != mapped.end()) {
      ++report_->images.unchanged;
      ++progress_.images_done;
      return m->second.new_id;
    }
    if (!IsImageUrl(url)) return 0;
    return RecordImage(old_id, MakeImage(url, alt_in, wp_id));
  }

  // Every image attachment not imported before, read, checked and stored
  // (its variants are made later: MediaLibrary::AddForLater) on all cores
  // before the posts that use them, which need only the result.
  Status MakeAttachmentImages() {
    if (options_.dry_run || !media_) return Status::Ok();
    std::vector<int64_t> todo;
    for (const auto& [wp_id, a] : attachments_) {
      if (IsImageUrl(a.url) && !mapped_["media"].count(std::to_string(wp_id))) todo.push_back(wp_id);
    }
    if (todo.size() < 2) return Status::Ok();
    std::vector<ImageOutcome> outcomes(todo.size());
    const int64_t before = progress_.images_done;
    ParallelFor(
        todo.size(), std::min(std::thread::hardware_concurrency(), 8u),
        [&](size_t i) {
          const Attachment& a = attachments_.at(todo[i]);
          outcomes[i] = MakeImage(a.url, a.alt, todo[i]);
        },
        [&](size_t done) {
          progress_.images_done = before + static_cast<int64_t>(done);
          Tick();
        },
        std::chrono::milliseconds(100));
    progress_.images_done = before;  // RecordImage counts each below.
    for (size_t i = 0; i < todo.size(); ++i) {
      const std::string old_id = std::to_string(todo[i]);
      media_done_["a" + old_id] = RecordImage(old_id, std::move(outcomes[i]));
    }
    return FlushMedia();
  }

  // Qalam's address of an image met in content; "" to leave it out.
  std::string ImageAddress(const std::string& address, int64_t post_id) {
    // "photo.jpg?w=604" (WordPress.com's resizing) is photo.jpg.
    const std::string url = address.substr(0, address.find_first_of("?#"));
    int64_t wp_id = 0;
    if (auto a = attachment_by_url_.find(url); a != attachment_by_url_.end()) {
      wp_id = a->second;
    } else if (std::string original = OriginalOfSize(url); !original.empty()) {
      if (auto o = attachment_by_url_.find(original); o != attachment_by_url_.end()) wp_id = o->second;
    }
    Id id = 0;
    if (wp_id) {
      id = EnsureAttachment(wp_id);
    } else if (!MediaPath(url).empty() || upload_hosts_.count(SiteHost(url))) {
      id = EnsureImage(url, "", 0);
    } else {
      Problem(post_id, "post", "image " + url + " is not on the old site: left out");
      return "";
    }
    if (options_.dry_run) return url;
    if (id == 0) return "";
    if (media_variant_.find(id) == media_variant_.end()) {
      MediaItem item;
      if (store_.GetMedia(id, &item).ok() && !item.variants.empty()) {
        std::string file = item.variants.back().file;
        for (const MediaVariant& v : item.variants) {
          if (v.width <= 1024 && v.mime == item.mime) file = v.file;
        }
        media_variant_[id] = file;
      } else {
        media_variant_[id] = "";
      }
    }
    const std::string& file = media_variant_[id];
    return file.empty() ? "" : "/media/" + file;
  }

  // The images attached to a post, as its [gallery] without ids shows them:
  // by menu order, then by ID (WordPress's default order).
  std::vector<int64_t> AttachedImages(int64_t post_id) const {
    std::vector<std::pair<int64_t, int64_t>> found;  // (menu order, ID)
    for (const auto& [wp_id, a] : attachments_) {
      if (a.parent == post_id && IsImageUrl(a.url)) found.emplace_back(a.menu_order, wp_id);
    }
    std::sort(found.begin(), found.end());
    std::vector<int64_t> ids;
    for (const auto& f : found) ids.push_back(f.second);
    return ids;
  }

  Status ImportLeftoverAttachments() {
    // Images in the library but used by no post still move with the site.
    for (const auto& [wp_id, a] : attachments_) {
      if (IsImageUrl(a.url)) EnsureAttachment(wp_id);
    }
    return FlushMedia();
  }

  Status FlushMedia() {
    if (options_.dry_run || pending_media_.empty()) return Status::Ok();
    Status st = store_.SaveImported(pending_media_);
    pending_media_.clear();
    return st;
  }

  // --- the second pass: posts and pages with their comments

  Status SecondPass(bool deferred_only) {
    // The second look at a post counts and reports nothing twice.
    quiet_ = deferred_only;
    progress_.phase = deferred_only ? "linking" : "importing";
    wp::WxrHandler h;
    h.on_item = [&](wp::WxrItem&& item) -> Status {
      if (item.post_type != "post" && item.post_type != "page") {
        if (!deferred_only && item.post_type != "attachment") {
          Map("skipped: " + (item.post_type.empty() ? std::string("(no type)") : item.post_type), 1);
        }
        return Status::Ok();
      }
      if (deferred_only && deferred_.count(item.id) == 0) return Status::Ok();
      if (!deferred_only) ++progress_.posts_done;
      return AddItem(std::move(item), deferred_only);
    };
    h.on_progress = [&](uint64_t done, uint64_t total) {
      progress_.bytes_done = done;
      progress_.bytes_total = total;
      Tick();
    };
    wp::WxrError error;
    Status read = wp::ReadWxr(path_, h, &error);
    Status flushed = read.ok() ? Flush() : Status::Ok();
    quiet_ = false;
    if (!read.ok()) return Status::Io("the export changed while it was read: " + read.message());
    return flushed;
  }

  Status AddItem(wp::WxrItem&& item, bool second_time) {
    const bool page = item.post_type == "page";
    const char* what = page ? "page" : "post";
    if (item.status == "auto-draft" || item.status == "inherit") {
      Map(std::string("skipped: ") + what + " status " + item.status, 1);
      return Status::Ok();
    }
    ImportedArticle ia;
    ia.old_id = std::to_string(item.id);
    Article& a = ia.article;
    a.external_id = "wp:" + origin_ + ":" + ia.old_id;
    a.kind = page ? ArticleKind::kPage : ArticleKind::kArticle;
    a.title = moderation::CleanLineText(wp::HtmlToPlainText(item.title));
    if (a.title.empty()) {
      a.title = page ? "صفحة بلا عنوان" : "مقال بلا عنوان";
      Problem(item.id, what, "no title: called «" + a.title + "»");
    }
    std::string slug = item.post_name;
    if (item.status == "trash") {
      std::string desired = MetaValue(item.meta, "_wp_desired_post_slug");
      if (!desired.empty()) slug = desired;
    }
    a.slug = DecodeSlug(slug);
    const int64_t date = WordPressTime(item.post_date_gmt, item.post_date, timezone_);
    MapStatus(item, what, date, &a);

    // Content.
    wp::ContentOptions copts;
    bool unresolved_link = false;
    copts.image_url = [&](const std::string& url) { return ImageAddress(url, item.id); };
    copts.link_url = [&](const std::string& url) { return LinkAddress(url, &unresolved_link); };
    copts.attachment_url = [&](int64_t id) {
      auto it = attachments_.find(id);
      return it == attachments_.end() ? std::string() : it->second.url;
    };
    copts.attachment_alt = [&](int64_t id) {
      auto it = attachments_.find(id);
      return it == attachments_.end() ? std::string() : it->second.alt;
    };
    copts.attachment_caption = [&](int64_t id) {
      auto it = attachments_.find(id);
      return it == attachments_.end() ? std::string() : it->second.caption;
    };
    copts.attached_images = [&] { return AttachedImages(item.id); };
    wp::ConvertedContent converted = wp::ConvertContent(item.content, copts);
    for (const wp::ContentProblem& p : converted.problems) {
      Problem(item.id, what, p.kind + ": " + p.detail);
    }
    if (unresolved_link && !second_time) deferred_.insert(item.id);
    a.body_markdown = Trim(converted.markdown);
    if (a.body_markdown.empty()) a.body_markdown = a.title;
    // Refused before anything renders it (content/markdown_limits.h).
    if (MarkdownLimitCheck check = CheckMarkdownLimits(a.body_markdown); !check.ok()) {
      Problem(item.id, what, check.English() + ": not imported");
      Map(std::string("skipped: ") + what + " past the body's bounds", 1);
      return Status::Ok();
    }
    for (const std::string& h : wp::ExcerptToHighlights(item.excerpt)) {
      if (std::string line = moderation::CleanLineText(h); !line.empty()) a.highlights.push_back(std::move(line));
    }

    if (!page) {
      if (auto name = author_name_.find(item.creator); name != author_name_.end()) {
        a.writer = Person{0, name->second, "", author_bio_[item.creator]};
      } else if (!item.creator.empty()) {
        a.writer = Person{0, wp::HtmlToPlainText(item.creator), "", ""};
      }
      MapTerms(item, &a);
    }
    if (auto user = user_by_login_.find(item.creator); user != user_by_login_.end()) {
      a.author_id = user->second;
    }
    if (int64_t thumb = ToInt(MetaValue(item.meta, "_thumbnail_id")); thumb != 0) {
      Id image = EnsureAttachment(thumb);
      if (image != 0) {
        a.image_id = image;
        a.image_alt = attachments_[thumb].alt;
        a.image_caption = attachments_[thumb].caption;
        if (CountCodePoints(a.image_caption) > kImageCaptionChars) a.image_caption = Excerpt(a.image_caption, kImageCaptionChars - 1);
      } else if (attachments_.count(thumb) == 0) {
        Problem(item.id, what, "featured image " + std::to_string(thumb) + " is not in the export");
      }
    }
    // What an SEO plugin (Yoast, Rank Math) showed search engines. A value
    // that is a template (Yoast's %%title%%, Rank Math's %title%) is the
    // plugin's default, not the editor's words: Qalam's own default (the
    // title, the first highlight) does that job.
    for (const auto& [keys, field, limit] :
         {std::tuple{std::array{"_yoast_wpseo_title", "rank_math_title"}, &a.seo_title, kSeoTitleChars},
          std::tuple{std::array{"_yoast_wpseo_metadesc", "rank_math_description"}, &a.seo_description,
                     kSeoDescriptionChars}}) {
      for (const char* key : keys) {
        std::string value = Trim(wp::HtmlToPlainText(MetaValue(item.meta, key)));
        if (value.empty()) continue;
        if (value.find('%') != std::string::npos) {
          Map(std::string("skipped: SEO plugin template in ") + key, 1);
          continue;
        }
        if (CountCodePoints(value) > limit) value = Excerpt(value, limit - 1);
        *field = value;
        Map(std::string(key) + " → SEO field", 1);
        break;
      }
    }
    if (page) {
      a.in_footer = a.status == ArticleStatus::kPublished &&
                    (menu_pages_.empty() || menu_pages_.count(item.id) > 0);
    } else if (item.sticky) {
      a.pinned = a.status == ArticleStatus::kPublished;
      Map("sticky post → pinned on the home page", 1);
    }

    // Comments, parents first where the export allows.
    std::vector<wp::WxrComment> comments = std::move(item.comments);
    std::stable_sort(comments.begin(), comments.end(),
                     [](const wp::WxrComment& x, const wp::WxrComment& y) { return x.id < y.id; });
    for (const wp::WxrComment& c : comments) {
      if (!second_time) ++progress_.comments_done;
      if (c.type == "pingback" || c.type == "trackback") {
        Map("skipped: comment type " + c.type, 1);
        continue;
      }
      ia.comments.push_back(MapComment(c));
    }
    if (a.status == ArticleStatus::kPublished || a.workflow == Workflow::kTrashed) {
      // Addresses are recorded for every post; only a public one answers.
    }
    AddAddresses(item, page, &ia.old_paths);
    // An old address that is this article's own address here (the export
    // of a Qalam site: /article/slug) must not redirect to itself.
    for (const char* prefix : {"/article/", "/page/"}) {
      const std::string own = std::string(prefix) + a.slug;
      std::erase(ia.old_paths, own);
    }

    Hasher hash;
    hash.Add(a.title).Add(a.slug).Add(ToString(a.status)).Add(a.published_at).Add(a.body_markdown)
        .Add(ToString(a.workflow)).Add(a.scheduled_at).Add(a.trashed_at).Add(a.image_id)
        .Add(a.image_alt).Add(a.author_id).Add(ToString(a.kind)).Add(a.in_footer ? 1 : 0)
        .Add(a.pinned ? 1 : 0);
    // Only when there is one: a post imported before captions keeps its hash.
    if (!a.image_caption.empty()) hash.Add("caption").Add(a.image_caption);
    if (!a.seo_title.empty()) hash.Add("seo_title").Add(a.seo_title);
    if (!a.seo_description.empty()) hash.Add("seo_description").Add(a.seo_description);
    for (const std::string& h : a.highlights) hash.Add(h);
    if (a.writer) hash.Add("w" + a.writer->name).Add(a.writer->bio);
    for (const Contributor& c : a.contributors) hash.Add("p" + c.person.name);
    if (a.section) hash.Add("c" + a.section->name);
    for (const Tag& t : a.tags) hash.Add("t" + t.name);
    ia.hash = hash.Hex();
    CountArticle(ia, page);
    // An article imported before as it is now is left as stored: rendering
    // and analyzing it again would only be thrown away (the store compares
    // the hash and keeps the stored article).
    if (auto known = mapped_["article"].find(ia.old_id);
        known == mapped_["article"].end() || !SameHash(known->second, ia.hash)) {
      a.body_html = RenderMarkdown(a.body_markdown);
      PrepareArticle(&a, analyzer_);
    }
    batch_.articles.push_back(std::move(ia));
    if (batch_.articles.size() >= kBatchArticles) return Flush();
    return Status::Ok();
  }

  void MapStatus(const wp::WxrItem& item, const char* what, int64_t date, Article* a) {
    const std::string& s = item.status;
    a->status = ArticleStatus::kDraft;
    a->published_at = date;
    std::string to;
    if (s == "publish" && item.post_password.empty()) {
      a->status = ArticleStatus::kPublished;
      to = "published";
    } else if (s == "publish") {
      to = "draft (it had a password; Qalam has no password-protected pages)";
      Problem(item.id, what, "protected by a password on WordPress: kept on the desk as a draft");
    } else if (s == "future") {
      a->workflow = Workflow::kScheduled;
      a->scheduled_at = date;
      to = "scheduled at its date";
    } else if (s == "private") {
      to = "draft (private: kept on the desk, never public)";
    } else if (s == "trash") {
      a->workflow = Workflow::kTrashed;
      a->trashed_at = ToInt(MetaValue(item.meta, "_wp_trash_meta_time"));
      if (a->trashed_at == 0) a->trashed_at = options_.now;
      to = "the trash";
    } else {
      to = "draft";
    }
    if (a->status != ArticleStatus::kPublished && a->workflow != Workflow::kScheduled) {
      a->published_at = 0;
    }
    Map(std::string(what) + " status " + (s.empty() ? "(none)" : s) + " → " + to, 1);
  }

  void MapTerms(const wp::WxrItem& item, Article* a) {
    std::set<std::string> seen;
    std::vector<std::string> co_authors;
    // WXR 1.0 lists each category twice, once bare (no domain, no slug):
    // like WordPress, the bare one counts only when it is alone.
    std::set<std::string> with_slug;
    for (const wp::WxrItemTerm& t : item.terms) {
      if (!t.nicename.empty()) with_slug.insert(t.name);
    }
    for (const wp::WxrItemTerm& t : item.terms) {
      std::string name = moderation::CleanLineText(wp::HtmlToPlainText(t.name));
      if (name.empty() || (t.nicename.empty() && with_slug.count(t.name))) continue;
      if (t.domain == "tag") {
        if (seen.insert(name).second) a->tags.push_back(Tag{0, name, "", ""});
        tag_names_.insert({t.nicename, name});
      } else if (t.domain == "category") {
        if (t.nicename == "uncategorized" || (!t.nicename.empty() && t.nicename == default_category_)) {
          Map("category «" + name + "» (WordPress's default) → no section", 1);
          continue;
        }
        if (!a->section) {
          a->section = Section{0, name, "", ""};
          section_names_.insert({t.nicename, name});
          Map("first category → section", 1);
        } else if (seen.insert(name).second) {
          a->tags.push_back(Tag{0, name, "", ""});
          tag_from_category_.insert({t.nicename, name});
          Map("further category → tag", 1);
        }
      } else if (t.domain == "post_tag") {
        if (seen.insert(name).second) a->tags.push_back(Tag{0, name, "", ""});
        tag_names_.insert({t.nicename, name});
      } else if (t.domain == "author") {
        // Co-Authors Plus: one term per byline author, in order, named by
        // the user's login (nicename "cap-LOGIN"); a guest author's login
        // is no user's, and its name is what the export holds.
        auto known = author_name_.find(t.name);
        const std::string display = known != author_name_.end() ? known->second : name;
        if (std::find(co_authors.begin(), co_authors.end(), display) == co_authors.end()) {
          co_authors.push_back(display);
        }
      }
    }
    // The plugin's first author is the byline's; the others write with them.
    if (!co_authors.empty() && co_authors.size() <= kMaxContributors) {
      if (!a->writer || a->writer->name != co_authors[0]) {
        a->writer = Person{0, co_authors[0], "", ""};
        for (const auto& [login, display] : author_name_) {
          if (display == co_authors[0]) a->writer->bio = author_bio_[login];
        }
      }
      for (size_t i = 1; i < co_authors.size(); ++i) {
        a->contributors.push_back(Contributor{ContributorRole::kWriter, Person{0, co_authors[i], "", ""}});
      }
      if (co_authors.size() > 1) Map("Co-Authors Plus author → co-writer", co_authors.size() - 1);
    } else if (co_authors.size() > kMaxContributors) {
      Problem(item.id, "post", "more than " + std::to_string(kMaxContributors) +
                                   " Co-Authors Plus authors: the post's own author only");
    }
  }

  ImportedComment MapComment(const wp::WxrComment& c) {
    ImportedComment ic;
    ic.old_id = std::to_string(c.id);
    ic.old_parent_id = c.parent ? std::to_string(c.parent) : "";
    Comment& out = ic.comment;
    out.name = wp::HtmlToPlainText(c.author);
    if (out.name.empty()) out.name = "قارئ";
    out.email = AsciiLower(Trim(c.author_email));
    out.email_hash = out.email.empty() ? "" : CommentService::EmailHash(out.email);
    if (!c.author_ip.empty()) out.address_hash = CommentService::AddressHash(c.author_ip);
    std::string text;
    for (const std::string& p : wp::ExcerptToHighlights(c.content)) {
      if (!text.empty()) text += "\n\n";
      text += p;
    }
    out.body = moderation::CleanCommentText(text);
    std::string approved = c.approved;
    if (approved == "post-trashed") approved = MetaValue(c.meta, "_wp_trash_meta_status");
    if (approved == "1") {
      out.state = CommentState::kApproved;
    } else if (approved == "spam") {
      out.state = CommentState::kSpam;
    } else if (approved == "trash") {
      out.state = CommentState::kTrash;
    } else {
      out.state = CommentState::kPending;
    }
    Map("comment " + CommentStateName(c.approved) + " → " + ToString(out.state), 1);
    out.created_at = WordPressTime(c.date_gmt, c.date, timezone_);
    if (out.created_at == 0) out.created_at = options_.now;
    if (out.state != CommentState::kPending) out.decided_at = out.created_at;
    out.decision = "";
    if (c.user_id) {
      if (auto login = author_login_by_id_.find(c.user_id); login != author_login_by_id_.end()) {
        if (auto user = user_by_login_.find(login->second); user != user_by_login_.end()) {
          out.user_id = user->second;
          Map("comment by a WordPress user → linked to their desk account", 1);
        }
      }
    }
    Hasher hash;
    hash.Add(ic.old_parent_id).Add(out.name).Add(out.email).Add(out.body).Add(ToString(out.state))
        .Add(out.created_at).Add(out.user_id).Add(out.address_hash);
    ic.hash = hash.Hex();
    if (quiet_) return ic;
    if (auto known = mapped_["comment"].find(ic.old_id); known != mapped_["comment"].end()) {
      if (SameHash(known->second, ic.hash)) ++report_->comments.unchanged; else ++report_->comments.updated;
    } else {
      ++report_->comments.created;
    }
    return ic;
  }

  void CountArticle(const ImportedArticle& ia, bool page) {
    WordPressReport::Counts& counts = page ? report_->pages : report_->articles;
    auto known = mapped_["article"].find(ia.old_id);
    if (quiet_) {
      // The second look at a post whose links waited: counted the first time.
    } else if (known == mapped_["article"].end()) {
      ++counts.created;
    } else if (SameHash(known->second, ia.hash)) {
      ++counts.unchanged;
    } else {
      ++counts.updated;
    }
  }

  // Qalam's address for a link in content: the old site's own posts lead
  // to their article here; other addresses on the old site become paths
  // (their old addresses answer 301); the rest stay as they are.
  std::string LinkAddress(const std::string& url, bool* unresolved) {
    const std::string host = SiteHost(url);
    if (!host.empty() && host != host_) return "";
    if (host.empty() && (url.empty() || url[0] != '/')) return "";
    const std::string key = OldAddressKey(url);
    if (key.empty()) return "";
    if (auto post = post_by_key_.find(key); post != post_by_key_.end()) {
      auto it = address_of_post_.find(post->second);
      if (it != address_of_post_.end()) return it->second;
      // Imported by an earlier run: its address as it is now.
      if (auto m = mapped_["article"].find(std::to_string(post->second)); m != mapped_["article"].end()) {
        Article target;
        if (store_.GetArticleById(m->second.new_id, &target).ok()) {
          std::string address = std::string(target.kind == ArticleKind::kPage ? "/page/" : "/article/") +
                                PercentEncode(target.slug);
          address_of_post_[post->second] = address;
          return address;
        }
      }
      *unresolved = true;
    }
    return SitePath(url);
  }

  void AddAddresses(const wp::WxrItem& item, bool page, std::vector<std::string>* paths) {
    auto add = [&](const std::string& url) {
      std::string key = OldAddressKey(url);
      if (!key.empty() && key != "/" && key != folder_) paths->push_back(std::move(key));
    };
    add(item.link);
    const std::string base = folder_.empty() ? "/" : folder_ + "/";
    add(base + "?p=" + std::to_string(item.id));
    if (page) add(base + "?page_id=" + std::to_string(item.id));
    if (SiteHost(item.guid) == host_) add(item.guid);
    // Old slugs and dates WordPress itself still redirects (_wp_old_slug,
    // _wp_old_date): the link with the old slug and the old date.
    const std::string link_key = OldAddressKey(item.link);
    std::vector<std::string> slugs{item.post_name};
    std::vector<std::string> dates;
    for (const wp::WxrMeta& m : item.meta) {
      if (m.key == "_wp_old_slug" && !m.value.empty()) slugs.push_back(m.value);
      if (m.key == "_wp_old_date" && m.value.size() >= 10) dates.push_back(m.value.substr(0, 10));
    }
    const size_t last = link_key.rfind('/');
    if (last == std::string::npos || item.post_name.empty()) return;
    const std::string head = link_key.substr(0, last + 1);
    const std::string current_slug = DecodeSlug(item.post_name);
    if (link_key.substr(last + 1) != current_slug) return;  // Not a /…/slug permalink.
    std::vector<std::string> heads{head};
    if (item.post_date.size() >= 10) {
      const std::string y = item.post_date.substr(0, 4), m = item.post_date.substr(5, 2),
                        d = item.post_date.substr(8, 2);
      for (const std::string& old : dates) {
        std::string h = head;
        for (auto [from, to] : {std::pair{"/" + y + "/" + m + "/" + d + "/",
                                          "/" + old.substr(0, 4) + "/" + old.substr(5, 2) + "/" + old.substr(8, 2) + "/"},
                                std::pair{"/" + y + "/" + m + "/",
                                          "/" + old.substr(0, 4) + "/" + old.substr(5, 2) + "/"}}) {
          if (size_t at = h.find(from); at != std::string::npos) {
            h.replace(at, from.size(), to);
            break;
          }
        }
        if (h != head) heads.push_back(h);
      }
    }
    for (const std::string& h : heads) {
      for (const std::string& s : slugs) {
        std::string key = h + DecodeSlug(s);
        if (key != link_key) paths->push_back(key);
      }
    }
  }

  Status Flush() {
    if (Status st = FlushMedia(); !st.ok()) return st;
    if (batch_.articles.empty()) return Status::Ok();
    batch_.origin = origin_;
    if (!options_.dry_run) {
      ImportBatchResult result;
      std::set<std::string> changes;
      if (Status st = store_.SaveImportBatch(&batch_, &result, &changes); !st.ok()) return st;
      if (result.articles_created + result.articles_updated > 0) articles_written_ = true;
      for (const std::string& p : result.problems) Problem(0, "", p);
      for (const ImportedArticle& ia : batch_.articles) {
        const Article& a = ia.article;
        address_of_post_[ToInt(ia.old_id)] =
            std::string(a.kind == ArticleKind::kPage ? "/page/" : "/article/") + PercentEncode(a.slug);
        mapped_["article"][ia.old_id] = KnownOf(ImportedObject{origin_, "article", ia.old_id, a.id, ia.hash});
        report_->addresses += static_cast<int64_t>(ia.old_paths.size());
      }
    }
    batch_.articles.clear();
    return Status::Ok();
  }

  // Categories, tags, authors, feeds and attachment pages.
  Status SaveSiteAddresses() {
    ImportBatch batch;
    batch.origin = origin_;
    const std::string f = folder_;
    auto category_path = [&](std::string slug) {
      std::string path = DecodeSlug(slug);
      std::set<std::string> seen{slug};
      for (std::string p = category_parent_[slug]; !p.empty() && seen.insert(p).second;
           p = category_parent_[p]) {
        path = DecodeSlug(p) + "/" + path;
      }
      return path;
    };
    auto add = [&](const std::string& path, const std::string& kind, const std::string& name) {
      batch.addresses.push_back(OldAddress{OldAddressKey(path), kind, 0, name, origin_});
    };
    for (const auto& [slug, name] : section_names_) {
      add(f + "/category/" + category_path(slug), "section", name);
      add(f + "/category/" + category_path(slug) + "/feed", "feed:section", name);
      add(f + "/?cat=" + slug, "section", name);
    }
    for (const auto& [slug, name] : tag_from_category_) {
      if (section_names_.count(slug)) continue;
      add(f + "/category/" + category_path(slug), "tag", name);
      add(f + "/category/" + category_path(slug) + "/feed", "feed:tag", name);
    }
    for (const auto& [slug, name] : tag_names_) {
      add(f + "/tag/" + DecodeSlug(slug), "tag", name);
      add(f + "/tag/" + DecodeSlug(slug) + "/feed", "feed:tag", name);
      add(f + "/?tag=" + slug, "tag", name);
    }
    std::set<std::string> writers;
    for (const auto& [login, name] : author_name_) {
      if (!writers.insert(name).second) continue;
      add(f + "/author/" + login, "person", name);
      add(f + "/author/" + login + "/feed", "feed:person", name);
    }
    for (const char* feed : {"/feed", "/feed/rss2", "/feed/atom", "/feed/rdf", "/comments/feed",
                             "/?feed=rss2", "/?feed=atom", "/?feed=rss", "/?feed=comments-rss2"}) {
      batch.addresses.push_back(OldAddress{OldAddressKey(f + feed), "feed", 0, "", origin_});
    }
    for (const auto& [wp_id, a] : attachments_) {
      Id media = 0;
      if (auto m = mapped_["media"].find(std::to_string(wp_id)); m != mapped_["media"].end()) {
        media = m->second.new_id;
      }
      std::string kind = "media";
      Id target = media;
      if (a.parent) {
        if (auto p = mapped_["article"].find(std::to_string(a.parent)); p != mapped_["article"].end()) {
          kind = "article";
          target = p->second.new_id;
        }
      }
      if (target == 0) continue;
      for (const std::string& url : {a.link, f + "/?attachment_id=" + std::to_string(wp_id)}) {
        std::string key = OldAddressKey(url);
        if (!key.empty() && key != "/" && key != f) {
          batch.addresses.push_back(OldAddress{key, kind, target, "", origin_});
        }
      }
    }
    report_->addresses += static_cast<int64_t>(batch.addresses.size());
    if (options_.dry_run) return Status::Ok();
    ImportBatchResult result;
    std::set<std::string> changes;
    if (Status st = store_.SaveImportBatch(&batch, &result, &changes); !st.ok()) return st;
    for (const std::string& p : result.problems) Problem(0, "address", p);
    report_->addresses -= static_cast<int64_t>(result.problems.size());
    return Status::Ok();
  }

  void Report() {
    if (without_source_ > 0) {
      Problem(0, "", std::to_string(without_source_) + " images not imported (the first: attachment " +
                         first_without_source_ + "): give --media-dir or --fetch-media");
    }
  }

  void Problem(int64_t wp_id, const std::string& kind, const std::string& message) {
    if (quiet_) return;
    if (kind.empty()) {
      // The store's own problems name their item first ("comment 19: …").
      report_->problems.push_back(WordPressProblem{0, "", message});
      return;
    }
    report_->problems.push_back(WordPressProblem{wp_id, kind, message});
  }
  void Map(const std::string& line, int64_t n) {
    if (!quiet_) report_->mapped[line] += n;
  }
  void Tick() {
    if (options_.progress) options_.progress(progress_);
  }

  Store& store_;
  MediaLibrary* media_;
  const std::string path_;
  const WordPressImportOptions& options_;
  WordPressReport* report_;
  std::string timezone_;
  arabic::AnalyzerOptions analyzer_;
  WordPressProgress progress_;

  std::string origin_, folder_, host_;
  std::vector<wp::WxrAuthor> authors_;
  std::map<std::string, std::string> category_parent_, category_name_, tag_name_;
  std::map<int64_t, Attachment> attachments_;
  std::unordered_map<std::string, int64_t> attachment_by_url_;
  std::set<std::string> upload_hosts_;
  std::unordered_map<std::string, int64_t> post_by_key_;
  std::set<int64_t> menu_pages_;
  std::string default_category_;

  // What is known of each object imported before (by kind, then old ID):
  // its new id and a digest of its hash. Not whole ImportedObjects: at
  // 50,000 posts with 250,000 comments those were most of the memory.
  struct Known {
    Id new_id = 0;
    size_t hash = 0;  // std::hash of ImportedObject::hash: compared within this run only.
  };
  static Known KnownOf(const ImportedObject& o) { return Known{o.new_id, std::hash<std::string>{}(o.hash)}; }
  static bool SameHash(const Known& k, const std::string& hash) { return k.hash == std::hash<std::string>{}(hash); }
  std::map<std::string, std::unordered_map<std::string, Known>> mapped_;
  std::map<std::string, std::string> author_name_, author_bio_;
  std::map<int64_t, std::string> author_login_by_id_;
  std::map<std::string, Id> user_by_login_;
  std::map<std::string, Id> media_done_;
  std::map<Id, std::string> media_variant_;
  std::vector<ImportedObject> pending_media_;
  std::map<int64_t, std::string> address_of_post_;
  std::set<int64_t> deferred_;
  bool quiet_ = false;
  bool articles_written_ = false;
  int64_t without_source_ = 0;
  std::string first_without_source_;
  std::map<std::string, std::string> section_names_, tag_from_category_, tag_names_;
  ImportBatch batch_;
};

}  // namespace

Status ImportWordPress(Store& store, MediaLibrary* media, const std::string& path,
                       const WordPressImportOptions& options, WordPressReport* report) {
  Importer importer(store, media, path, options, report);
  return importer.Run();
}

}  // namespace qalam
