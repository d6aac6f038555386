#include "wordpress/wxr.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

#include "core/text.h"

namespace qalam::wp {
namespace {

// ---------------------------------------------------------------------------
// Names. Elements are told apart by namespace URI and local name, never by
// prefix: an export may bind `wp` to anything, or bind another prefix to the
// WordPress namespace, and an element whose `wp:` prefix is bound to some
// other URI is not a WordPress field (namespace-edge-cases.xml has all three).

enum class Ns {
  kRss,      // No namespace: RSS 2.0's own elements (<channel>, <item>, <title>, …).
  kWp,       // http(s)://wordpress.org/export/N.N/
  kExcerpt,  // http(s)://wordpress.org/export/N.N/excerpt/
  kContent,  // http://purl.org/rss/1.0/modules/content/
  kDc,       // http://purl.org/dc/elements/1.1/
  kOther,
};

// WordPress writes http://; WordPress.com exports (the theme unit test data
// among them) write https://. Both are the WordPress namespace.
constexpr std::string_view kWpHost = "wordpress.org/export/";
constexpr std::string_view kContentUri = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcUri = "http://purl.org/dc/elements/1.1/";

std::string_view View(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool StripPrefix(std::string_view prefix, std::string_view* s) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

// "N.N/" at the start of `rest` (any version: which versions a file may
// declare is the wp:wxr_version check's business, not the namespace's):
// true, with `rest` moved past it.
bool StripVersion(std::string_view* rest) {
  std::string_view s = *rest;
  auto digits = [&s]() {
    size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    s.remove_prefix(n);
    return n > 0;
  };
  if (!digits() || s.empty() || s[0] != '.') return false;
  s.remove_prefix(1);
  if (!digits() || s.empty() || s[0] != '/') return false;
  s.remove_prefix(1);
  *rest = s;
  return true;
}

Ns Classify(std::string_view uri) {
  if (uri.empty()) return Ns::kRss;
  if (uri == kContentUri) return Ns::kContent;
  if (uri == kDcUri) return Ns::kDc;
  std::string_view rest = uri;
  if (StripPrefix("http://", &rest) || StripPrefix("https://", &rest)) {
    if (StripPrefix(kWpHost, &rest) && StripVersion(&rest)) {
      if (rest.empty()) return Ns::kWp;
      if (rest == "excerpt/") return Ns::kExcerpt;
    }
  }
  return Ns::kOther;
}

// NFC, with ASCII (always NFC, and most of an export) let through as it is.
std::string Nfc(std::string s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return ToNfc(s);
  }
  return s;
}

bool IsKnownVersion(std::string_view v) { return v == "1.0" || v == "1.1" || v == "1.2"; }

// ---------------------------------------------------------------------------
// The file, read by us rather than by libxml2: we know its size (for
// progress), tell a missing file from an unreadable one, and libxml2 never
// opens a path or an address by itself (nor un-gzips, which would make byte
// counts disagree with the file size).

struct FileSource {
  FILE* file = nullptr;
  int read_errno = 0;  // Set when a read fails mid-file.

  ~FileSource() {
    if (file) std::fclose(file);
  }

  static int Read(void* ctx, char* buffer, int len) {
    auto* self = static_cast<FileSource*>(ctx);
    size_t n = std::fread(buffer, 1, static_cast<size_t>(len), self->file);
    if (n == 0 && std::ferror(self->file)) {
      self->read_errno = errno ? errno : EIO;
      return -1;
    }
    return static_cast<int>(n);
  }
  // The FILE is closed by the destructor, whatever libxml2 does.
  static int Close(void*) { return 0; }
};

Status OpenFile(const std::string& path, FileSource* source, uint64_t* size) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound(path + ": no such file");
    return Status::Io(path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) return Status::Io(path + ": not a regular file");
  source->file = std::fopen(path.c_str(), "rb");
  if (!source->file) return Status::Io(path + ": " + std::strerror(errno));
  *size = static_cast<uint64_t>(st.st_size);
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// The reader. A recursive descent over xmlTextReader: each Read* function is
// called with the reader on an element's start and returns with it on that
// element's end (or still on the start when the element is empty, <x/>), so
// the caller's loop simply reads on.

struct ReaderDeleter {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

class WxrReader {
 public:
  WxrReader(const WxrHandler& handler, WxrError* error) : handler_(handler), error_(error) {}

  Status Run(const std::string& path);

 private:
  // Moves to the next node; an end of file is an error here (only Run's
  // last read may meet it).
  Status Next();
  int Type() const { return xmlTextReaderNodeType(reader_.get()); }
  int Depth() const { return xmlTextReaderDepth(reader_.get()); }
  bool IsEmpty() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
  Ns NodeNs() const { return Classify(View(xmlTextReaderConstNamespaceUri(reader_.get()))); }
  std::string_view LocalName() const { return View(xmlTextReaderConstLocalName(reader_.get())); }
  std::string Attribute(const char* name) const;

  // Calls `child` on each child element of the current element; `child`
  // returns with the reader on that child's end.
  template <typename F>
  Status ForEachChild(F&& child);
  // The current element's text: its text and CDATA children joined, NFC.
  // Child elements are skipped.
  Status Text(std::string* out);
  Status TrimmedText(std::string* out);
  Status Integer(int64_t* out);
  Status Skip() { return Text(nullptr); }

  Status ReadRoot();
  Status ReadChannel();
  Status ReadAuthor();
  Status ReadTerm(std::string_view kind);
  Status ReadItem();
  Status ReadItemTerm(WxrItem* item);
  Status ReadMeta(std::vector<WxrMeta>* meta);
  Status ReadComment(WxrComment* comment);
  // Hands the site over before the first author, term or item; `what` names
  // that first thing for the error when the export has no WXR version ("":
  // the channel has ended).
  Status SendSite(std::string_view what);
  void Progress();

  // A problem with the export's content at the current node.
  Status Invalid(std::string message);
  // The 1-based column of the start tag `<qname` on `line` of the file (1
  // when not found).
  int StartTagColumn(int line, std::string_view qname) const;
  // libxml2's own error, as reported to OnXmlError.
  Status XmlFailure();
  static void OnXmlError(void* ctx, xmlErrorPtr e);

  const WxrHandler& handler_;
  WxrError* error_;
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader_;
  FileSource source_;
  std::string path_;
  uint64_t size_ = 0;
  WxrSite site_;
  bool site_sent_ = false;
  bool channel_seen_ = false;
  bool root_closed_ = false;  // The reader is past </rss>.
  // The first error libxml2 reported (warnings are not kept: they leave the
  // document readable, e.g. a namespace URI that is not a valid URI).
  bool xml_failed_ = false;
  WxrError xml_error_;
};

// Whether libxml2's report `e` means the document cannot be read as a WXR.
// Fatal errors (not well-formed) do. So do namespace errors such as an
// unbound prefix: the document is well-formed XML 1.0, but we could no
// longer tell a `wp:` field from another element. A namespace name that is
// not a valid URI is raised at error level but is only a warning by
// libxml2's own code (XML_WAR_NS_URI): the prefix is still bound to that
// string, so matching by URI still works (namespace-edge-cases.xml).
bool IsFailure(const xmlError& e) {
  if (e.level == XML_ERR_FATAL) return true;
  if (e.level != XML_ERR_ERROR) return false;
  return e.code != XML_WAR_NS_URI && e.code != XML_WAR_NS_URI_RELATIVE;
}

void WxrReader::OnXmlError(void* ctx, xmlErrorPtr e) {
  auto* self = static_cast<WxrReader*>(ctx);
  if (e == nullptr || !IsFailure(*e) || self->xml_failed_) return;
  self->xml_failed_ = true;
  self->xml_error_.line = e->line > 0 ? e->line : 1;
  self->xml_error_.column = e->int2 > 0 ? e->int2 : 1;
  std::string message = e->message ? e->message : "XML error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // libxml2's streaming reader reports a file cut short inside its root as
  // "Extra content at the end of the document" (the tree parser says
  // "Premature end of data"): say what happened.
  if (e->code == XML_ERR_DOCUMENT_END && !self->root_closed_) {
    message =
        "Premature end of data: the file ends before its elements are closed (" + message + ")";
  }
  self->xml_error_.message = std::move(message);
}

Status WxrReader::XmlFailure() {
  if (source_.read_errno != 0) {
    return Status::Io(path_ + ": " + std::strerror(source_.read_errno));
  }
  WxrError e = xml_error_;
  if (!xml_failed_) {
    // libxml2 stopped without a report (it should not): say where.
    e.line = xmlTextReaderGetParserLineNumber(reader_.get());
    e.column = xmlTextReaderGetParserColumnNumber(reader_.get());
    e.message = "XML error";
  }
  std::string message = std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
  if (error_) *error_ = std::move(e);
  return Status::Invalid(std::move(message));
}

Status WxrReader::Invalid(std::string message) {
  // The current node's line is exact (that of its start tag, also when the
  // reader is on its end); libxml2 keeps no column on nodes, so the column
  // is where its start tag begins on that line.
  WxrError e;
  xmlNodePtr node = xmlTextReaderCurrentNode(reader_.get());
  e.line = node ? static_cast<int>(xmlGetLineNo(node)) : 0;
  if (e.line <= 0) e.line = std::max(1, xmlTextReaderGetParserLineNumber(reader_.get()));
  e.column = StartTagColumn(e.line, View(xmlTextReaderConstName(reader_.get())));
  e.message = "not a WordPress export: " + std::move(message);
  std::string status = std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
  if (error_) *error_ = std::move(e);
  return Status::Invalid(std::move(status));
}

int WxrReader::StartTagColumn(int line, std::string_view qname) const {
  // Only on the way out with an error, so a second pass over the file is
  // fine. Columns count characters, as libxml2's do.
  std::ifstream in(path_, std::ios::binary);
  std::string text;
  for (int n = 0; n < line && std::getline(in, text); ++n) {
  }
  if (!in && text.empty()) return 1;
  const std::string tag = "<" + std::string(qname);
  size_t at = text.find(tag);
  while (at != std::string::npos && at + tag.size() < text.size() &&
         !std::strchr(" \t\r/>", text[at + tag.size()])) {
    at = text.find(tag, at + 1);
  }
  if (at == std::string::npos) return 1;
  return static_cast<int>(CountCodePoints(std::string_view(text).substr(0, at))) + 1;
}

Status WxrReader::Next() {
  const int r = xmlTextReaderRead(reader_.get());
  if (r == 1 && !xml_failed_) return Status::Ok();
  if (r == 0 && !xml_failed_) {
    // The reader reports the end of a document it has finished; an
    // unfinished one gives a fatal error first. Defensive.
    return Invalid("the file ends inside an element");
  }
  return XmlFailure();
}

std::string WxrReader::Attribute(const char* name) const {
  xmlChar* v = xmlTextReaderGetAttribute(reader_.get(), reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

template <typename F>
Status WxrReader::ForEachChild(F&& child) {
  if (IsEmpty()) return Status::Ok();
  const int depth = Depth();
  while (true) {
    if (Status s = Next(); !s.ok()) return s;
    const int type = Type();
    if (type == XML_READER_TYPE_END_ELEMENT && Depth() == depth) return Status::Ok();
    if (type == XML_READER_TYPE_ELEMENT) {
      if (Status s = child(); !s.ok()) return s;
    }
  }
}

Status WxrReader::Text(std::string* out) {
  if (out) out->clear();
  if (IsEmpty()) return Status::Ok();
  const int depth = Depth();
  while (true) {
    if (Status s = Next(); !s.ok()) return s;
    const int type = Type();
    if (type == XML_READER_TYPE_END_ELEMENT && Depth() == depth) break;
    if (!out || Depth() != depth + 1) continue;
    // Whitespace-only text is reported as (significant) whitespace: it is
    // text all the same (the newlines around a CDATA section are content).
    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
        type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      out->append(View(xmlTextReaderConstValue(reader_.get())));
    }
  }
  if (out) *out = Nfc(std::move(*out));
  return Status::Ok();
}

Status WxrReader::TrimmedText(std::string* out) {
  if (Status s = Text(out); !s.ok()) return s;
  *out = Trim(*out);
  return Status::Ok();
}

Status WxrReader::Integer(int64_t* out) {
  const std::string name(LocalName());
  std::string text;
  if (Status s = TrimmedText(&text); !s.ok()) return s;
  *out = 0;
  if (text.empty()) return Status::Ok();  // WordPress writes empty parents.
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  if (ec != std::errc() || ptr != end) {
    return Invalid("wp:" + name + " \"" + text + "\" is not a whole number");
  }
  return Status::Ok();
}

Status WxrReader::Run(const std::string& path) {
  path_ = path;
  if (Status s = OpenFile(path, &source_, &size_); !s.ok()) return s;
  // XML_PARSE_NONET: nothing is ever fetched from the network. Neither
  // XML_PARSE_NOENT nor XML_PARSE_DTDLOAD: no entity is substituted and no
  // external DTD or entity is loaded (and a DOCTYPE is refused anyway, as
  // WordPress's importer does). No XML_PARSE_HUGE: libxml2's default limits
  // stay (a text node or CDATA section of at most 10 MB, bounded names and
  // depth), far above any real post, and what keeps a hostile file from
  // taking the memory that streaming saves. No fixture needs more.
  reader_.reset(xmlReaderForIO(&FileSource::Read, &FileSource::Close, &source_, path.c_str(),
                               nullptr, XML_PARSE_NONET));
  if (!reader_) return Status::Io(path + ": cannot start the XML reader");
  xmlTextReaderSetStructuredErrorHandler(reader_.get(), &WxrReader::OnXmlError, this);
  return ReadRoot();
}

Status WxrReader::ReadRoot() {
  // Up to the root element: comments and processing instructions are let
  // by; a DOCTYPE is refused, as WordPress's importer refuses it (a real
  // export never has one, and it is how entity attacks come in).
  while (true) {
    if (Status s = Next(); !s.ok()) return s;
    if (Type() == XML_READER_TYPE_DOCUMENT_TYPE) return Invalid("the file has a DOCTYPE");
    if (Type() == XML_READER_TYPE_ELEMENT) break;
  }
  if (NodeNs() != Ns::kRss || LocalName() != "rss") {
    return Invalid("the root element is <" + std::string(LocalName()) + ">, not <rss>");
  }
  Status s = ForEachChild([this]() {
    if (NodeNs() == Ns::kRss && LocalName() == "channel" && !channel_seen_) {
      channel_seen_ = true;
      return ReadChannel();
    }
    return Skip();
  });
  if (!s.ok()) return s;
  root_closed_ = true;
  if (!channel_seen_) return Invalid("no <channel> in <rss>");
  // Read to the end, so that a file broken after its root is refused too.
  while (true) {
    const int r = xmlTextReaderRead(reader_.get());
    if (xml_failed_ || r < 0) return XmlFailure();
    if (r == 0) break;
  }
  if (handler_.on_progress) handler_.on_progress(size_, size_);
  return Status::Ok();
}

Status WxrReader::SendSite(std::string_view what) {
  if (site_sent_) return Status::Ok();
  if (site_.wxr_version.empty()) {
    return Invalid("missing WXR version number (no wp:wxr_version " +
                   (what.empty() ? std::string("in <channel>") : "before " + std::string(what)) +
                   ")");
  }
  site_sent_ = true;
  return handler_.on_site ? handler_.on_site(site_) : Status::Ok();
}

Status WxrReader::ReadChannel() {
  Status s = ForEachChild([this]() -> Status {
    const Ns ns = NodeNs();
    const std::string_view name = LocalName();
    if (ns == Ns::kRss) {
      if (name == "item") {
        if (Status s = SendSite("the first <item>"); !s.ok()) return s;
        return ReadItem();
      }
      if (name == "title") return Text(&site_.title);
      if (name == "link") return TrimmedText(&site_.link);
      if (name == "description") return Text(&site_.description);
      if (name == "language") return TrimmedText(&site_.language);
    } else if (ns == Ns::kWp) {
      if (name == "wxr_version") {
        if (Status s = TrimmedText(&site_.wxr_version); !s.ok()) return s;
        if (!IsKnownVersion(site_.wxr_version)) {
          return Invalid("invalid WXR version number \"" + site_.wxr_version +
                         "\" (1.0, 1.1 or 1.2 expected)");
        }
        return Status::Ok();
      }
      if (name == "base_site_url") return TrimmedText(&site_.base_site_url);
      if (name == "base_blog_url") return TrimmedText(&site_.base_blog_url);
      if (name == "author") {
        if (Status s = SendSite("the first wp:author"); !s.ok()) return s;
        return ReadAuthor();
      }
      if (name == "category" || name == "tag" || name == "term") {
        if (Status s = SendSite("the first wp:" + std::string(name)); !s.ok()) return s;
        return ReadTerm(name);
      }
    }
    return Skip();
  });
  if (!s.ok()) return s;
  return SendSite("");  // With the reader on </channel>: its start tag is the place.
}

Status WxrReader::ReadAuthor() {
  WxrAuthor a;
  Status s = ForEachChild([this, &a]() {
    if (NodeNs() != Ns::kWp) return Skip();
    const std::string_view name = LocalName();
    if (name == "author_id") return Integer(&a.id);
    if (name == "author_login") return TrimmedText(&a.login);
    if (name == "author_email") return TrimmedText(&a.email);
    if (name == "author_display_name") return Text(&a.display_name);
    if (name == "author_first_name") return Text(&a.first_name);
    if (name == "author_last_name") return Text(&a.last_name);
    return Skip();
  });
  if (!s.ok()) return s;
  return handler_.on_author ? handler_.on_author(a) : Status::Ok();
}

Status WxrReader::ReadTerm(std::string_view kind) {
  // wp:category and wp:tag name their fields after themselves; wp:term
  // (WXR 1.1+, any taxonomy) says its taxonomy. term_id is common to all.
  WxrTerm t;
  std::string prefix;
  if (kind == "category") {
    t.taxonomy = "category";
  } else if (kind == "tag") {
    t.taxonomy = "post_tag";
    prefix = "tag_";
  } else {
    prefix = "term_";
  }
  Status s = ForEachChild([this, &t, &prefix, kind]() {
    if (NodeNs() != Ns::kWp) return Skip();
    const std::string_view name = LocalName();
    if (name == "term_id") return Integer(&t.id);
    if (name == "termmeta") return ReadMeta(&t.meta);
    if (kind == "category") {
      if (name == "category_nicename") return TrimmedText(&t.slug);
      if (name == "category_parent") return TrimmedText(&t.parent_slug);
      if (name == "cat_name") return Text(&t.name);
      if (name == "category_description") return Text(&t.description);
      return Skip();
    }
    if (name.substr(0, prefix.size()) != prefix) return Skip();
    const std::string_view field = name.substr(prefix.size());
    if (field == "slug") return TrimmedText(&t.slug);
    if (field == "name") return Text(&t.name);
    if (field == "description") return Text(&t.description);
    if (kind == "term" && field == "taxonomy") return TrimmedText(&t.taxonomy);
    if (kind == "term" && field == "parent") return TrimmedText(&t.parent_slug);
    return Skip();
  });
  if (!s.ok()) return s;
  return handler_.on_term ? handler_.on_term(t) : Status::Ok();
}

Status WxrReader::ReadMeta(std::vector<WxrMeta>* meta) {
  WxrMeta m;
  Status s = ForEachChild([this, &m]() {
    if (NodeNs() != Ns::kWp) return Skip();
    if (LocalName() == "meta_key") return Text(&m.key);
    if (LocalName() == "meta_value") return Text(&m.value);
    return Skip();
  });
  if (!s.ok()) return s;
  meta->push_back(std::move(m));
  return Status::Ok();
}

Status WxrReader::ReadItemTerm(WxrItem* item) {
  WxrItemTerm t;
  t.domain = Trim(Nfc(Attribute("domain")));
  if (t.domain.empty()) t.domain = "category";
  t.nicename = Trim(Nfc(Attribute("nicename")));
  if (Status s = Text(&t.name); !s.ok()) return s;
  item->terms.push_back(std::move(t));
  return Status::Ok();
}

Status WxrReader::ReadComment(WxrComment* c) {
  return ForEachChild([this, c]() {
    if (NodeNs() != Ns::kWp) return Skip();
    const std::string_view name = LocalName();
    if (name == "comment_id") return Integer(&c->id);
    if (name == "comment_author") return Text(&c->author);
    if (name == "comment_author_email") return TrimmedText(&c->author_email);
    if (name == "comment_author_url") return TrimmedText(&c->author_url);
    if (name == "comment_author_IP") return TrimmedText(&c->author_ip);
    if (name == "comment_date") return TrimmedText(&c->date);
    if (name == "comment_date_gmt") return TrimmedText(&c->date_gmt);
    if (name == "comment_content") return Text(&c->content);
    if (name == "comment_approved") return TrimmedText(&c->approved);
    if (name == "comment_type") return TrimmedText(&c->type);
    if (name == "comment_parent") return Integer(&c->parent);
    if (name == "comment_user_id") return Integer(&c->user_id);
    if (name == "commentmeta") return ReadMeta(&c->meta);
    return Skip();
  });
}

Status WxrReader::ReadItem() {
  WxrItem item;
  Status s = ForEachChild([this, &item]() -> Status {
    const Ns ns = NodeNs();
    const std::string_view name = LocalName();
    switch (ns) {
      case Ns::kRss:
        if (name == "title") return Text(&item.title);
        if (name == "link") return TrimmedText(&item.link);
        if (name == "guid") return TrimmedText(&item.guid);
        if (name == "category") return ReadItemTerm(&item);
        return Skip();
      case Ns::kDc:
        if (name == "creator") return TrimmedText(&item.creator);
        return Skip();
      case Ns::kContent:
        if (name == "encoded") return Text(&item.content);
        return Skip();
      case Ns::kExcerpt:
        if (name == "encoded") return Text(&item.excerpt);
        return Skip();
      case Ns::kWp:
        break;
      case Ns::kOther:
        return Skip();
    }
    if (name == "post_id") return Integer(&item.id);
    if (name == "post_date") return TrimmedText(&item.post_date);
    if (name == "post_date_gmt") return TrimmedText(&item.post_date_gmt);
    if (name == "post_modified_gmt") return TrimmedText(&item.post_modified_gmt);
    if (name == "comment_status") return TrimmedText(&item.comment_status);
    if (name == "post_name") return TrimmedText(&item.post_name);
    if (name == "status") return TrimmedText(&item.status);
    if (name == "post_type") return TrimmedText(&item.post_type);
    if (name == "post_password") return Text(&item.post_password);
    if (name == "attachment_url") return TrimmedText(&item.attachment_url);
    if (name == "post_parent") return Integer(&item.parent);
    if (name == "menu_order") return Integer(&item.menu_order);
    if (name == "is_sticky") {
      std::string v;
      if (Status s = TrimmedText(&v); !s.ok()) return s;
      item.sticky = v == "1";
      return Status::Ok();
    }
    if (name == "postmeta") return ReadMeta(&item.meta);
    if (name == "comment") {
      item.comments.emplace_back();
      return ReadComment(&item.comments.back());
    }
    return Skip();
  });
  if (!s.ok()) return s;
  if (handler_.on_item) {
    if (Status r = handler_.on_item(std::move(item)); !r.ok()) return r;
  }
  Progress();
  return Status::Ok();
}

void WxrReader::Progress() {
  if (!handler_.on_progress) return;
  const long consumed = xmlTextReaderByteConsumed(reader_.get());
  uint64_t done = consumed > 0 ? static_cast<uint64_t>(consumed) : 0;
  if (done > size_) done = size_;
  handler_.on_progress(done, size_);
}

}  // namespace

Status ReadWxr(const std::string& path, const WxrHandler& handler, WxrError* error) {
  // libxml2's global state is set up once, before concurrent reads (the
  // importer may read on several threads) would race to do it.
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  WxrReader reader(handler, error);
  return reader.Run(path);
}

bool LooksLikeXml(const std::string& head) {
  size_t i = 0;
  // A UTF-8 byte order mark may precede the declaration.
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
    ++i;
  return i < head.size() && head[i] == '<';
}

}  // namespace qalam::wp
