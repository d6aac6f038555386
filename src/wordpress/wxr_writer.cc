#include "wordpress/wxr_writer.h"

#include "core/text.h"

#include <libxml/xmlwriter.h>

#include <string_view>

namespace qalam::wp {
namespace {

constexpr const char* kWpNs = "http://wordpress.org/export/1.2/";
constexpr const char* kExcerptNs = "http://wordpress.org/export/1.2/excerpt/";
constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kWfwNs = "http://wellformedweb.org/CommentAPI/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
const xmlChar* X(const std::string& s) { return X(s.c_str()); }

int WriteToStream(void* context, const char* buffer, int len) {
  auto* out = static_cast<std::ostream*>(context);
  out->write(buffer, len);
  return out->good() ? len : -1;
}

int CloseStream(void* context) {
  static_cast<std::ostream*>(context)->flush();
  return 0;
}

}  // namespace

struct WxrWriter::Impl {
  std::ostream& out;
  xmlTextWriterPtr w = nullptr;
  bool failed = false;

  explicit Impl(std::ostream& o) : out(o) {
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateIO(WriteToStream, CloseStream, &out, nullptr);
    if (buffer) w = xmlNewTextWriter(buffer);  // Owns the buffer from now on.
    if (w) {
      xmlTextWriterSetIndent(w, 1);
      xmlTextWriterSetIndentString(w, X("\t"));
    }
  }
  ~Impl() {
    if (w) xmlFreeTextWriter(w);
  }

  void Check(int rc) {
    if (rc < 0) failed = true;
  }
  Status Result(const char* what) {
    if (!w) return Status::Io("cannot start the XML writer");
    if (failed || !out.good()) return Status::Io(std::string("cannot write the export (") + what + ")");
    return Status::Ok();
  }

  void Start(const char* prefix, const char* name) {
    Check(prefix ? xmlTextWriterStartElementNS(w, X(prefix), X(name), nullptr)
                 : xmlTextWriterStartElement(w, X(name)));
  }
  void EndElement() { Check(xmlTextWriterEndElement(w)); }
  // <prefix:name>text</prefix:name>, the text escaped.
  void Text(const char* prefix, const char* name, const std::string& text) {
    Start(prefix, name);
    const std::string clean = XmlChars(text);
    if (!clean.empty()) Check(xmlTextWriterWriteString(w, X(clean)));
    EndElement();
  }
  // <prefix:name><![CDATA[text]]></prefix:name>; "]]>" split across two sections.
  void Cdata(const char* prefix, const char* name, const std::string& text) {
    Start(prefix, name);
    CdataBody(text);
    EndElement();
  }
  void CdataBody(const std::string& text) {
    const std::string clean = XmlChars(text);
    size_t from = 0;
    while (true) {
      size_t at = clean.find("]]>", from);
      if (at == std::string::npos) {
        Check(xmlTextWriterWriteCDATA(w, X(clean.substr(from))));
        break;
      }
      Check(xmlTextWriterWriteCDATA(w, X(clean.substr(from, at + 2 - from))));
      from = at + 2;  // The ">" starts the next section.
    }
  }
  void Meta(const char* element, const WxrMeta& m) {
    Start("wp", element);
    Cdata("wp", "meta_key", m.key);
    Cdata("wp", "meta_value", m.value);
    EndElement();
  }
};

WxrWriter::WxrWriter(std::ostream& out) : impl_(std::make_unique<Impl>(out)) {}
WxrWriter::~WxrWriter() = default;

Status WxrWriter::Begin(const WxrSite& site) {
  Impl& i = *impl_;
  if (!i.w) return i.Result("start");
  i.Check(xmlTextWriterStartDocument(i.w, "1.0", "UTF-8", nullptr));
  // A comment may not hold "--": the format is named in words.
  i.Check(xmlTextWriterWriteComment(
      i.w, X(" A WordPress eXtended RSS (WXR 1.2) export, written by Qalam (qalam export, format wxr). ")));
  i.Start(nullptr, "rss");
  i.Check(xmlTextWriterWriteAttribute(i.w, X("version"), X("2.0")));
  i.Check(xmlTextWriterWriteAttribute(i.w, X("xmlns:excerpt"), X(kExcerptNs)));
  i.Check(xmlTextWriterWriteAttribute(i.w, X("xmlns:content"), X(kContentNs)));
  i.Check(xmlTextWriterWriteAttribute(i.w, X("xmlns:wfw"), X(kWfwNs)));
  i.Check(xmlTextWriterWriteAttribute(i.w, X("xmlns:dc"), X(kDcNs)));
  i.Check(xmlTextWriterWriteAttribute(i.w, X("xmlns:wp"), X(kWpNs)));
  i.Start(nullptr, "channel");
  i.Text(nullptr, "title", site.title);
  i.Text(nullptr, "link", site.link);
  i.Text(nullptr, "description", site.description);
  i.Text(nullptr, "language", site.language);
  i.Text("wp", "wxr_version", "1.2");
  i.Text("wp", "base_site_url", site.base_site_url);
  i.Text("wp", "base_blog_url", site.base_blog_url);
  return i.Result("channel");
}

Status WxrWriter::Author(const WxrAuthor& a) {
  Impl& i = *impl_;
  i.Start("wp", "author");
  i.Text("wp", "author_id", std::to_string(a.id));
  i.Cdata("wp", "author_login", a.login);
  i.Cdata("wp", "author_email", a.email);
  i.Cdata("wp", "author_display_name", a.display_name);
  i.Cdata("wp", "author_first_name", a.first_name);
  i.Cdata("wp", "author_last_name", a.last_name);
  i.EndElement();
  return i.Result("author");
}

Status WxrWriter::Term(const WxrTerm& t) {
  Impl& i = *impl_;
  if (t.taxonomy == "category") {
    i.Start("wp", "category");
    i.Text("wp", "term_id", std::to_string(t.id));
    i.Cdata("wp", "category_nicename", t.slug);
    i.Cdata("wp", "category_parent", t.parent_slug);
    i.Cdata("wp", "cat_name", t.name);
    if (!t.description.empty()) i.Cdata("wp", "category_description", t.description);
  } else if (t.taxonomy == "post_tag") {
    i.Start("wp", "tag");
    i.Text("wp", "term_id", std::to_string(t.id));
    i.Cdata("wp", "tag_slug", t.slug);
    i.Cdata("wp", "tag_name", t.name);
    if (!t.description.empty()) i.Cdata("wp", "tag_description", t.description);
  } else {
    i.Start("wp", "term");
    i.Text("wp", "term_id", std::to_string(t.id));
    i.Cdata("wp", "term_taxonomy", t.taxonomy);
    i.Cdata("wp", "term_slug", t.slug);
    i.Cdata("wp", "term_parent", t.parent_slug);
    i.Cdata("wp", "term_name", t.name);
  }
  for (const WxrMeta& m : t.meta) i.Meta("termmeta", m);
  i.EndElement();
  return i.Result("term");
}

Status WxrWriter::Item(const WxrItem& item, const std::string& pub_date) {
  Impl& i = *impl_;
  i.Start(nullptr, "item");
  i.Text(nullptr, "title", item.title);
  i.Text(nullptr, "link", item.link);
  if (!pub_date.empty()) i.Text(nullptr, "pubDate", pub_date);
  i.Cdata("dc", "creator", item.creator);
  i.Start(nullptr, "guid");
  i.Check(xmlTextWriterWriteAttribute(i.w, X("isPermaLink"), X("false")));
  const std::string guid = XmlChars(item.guid);
  if (!guid.empty()) i.Check(xmlTextWriterWriteString(i.w, X(guid)));
  i.EndElement();
  i.Text(nullptr, "description", "");
  i.Cdata("content", "encoded", item.content);
  i.Cdata("excerpt", "encoded", item.excerpt);
  i.Text("wp", "post_id", std::to_string(item.id));
  i.Cdata("wp", "post_date", item.post_date);
  i.Cdata("wp", "post_date_gmt", item.post_date_gmt);
  if (!item.post_modified_gmt.empty()) i.Cdata("wp", "post_modified_gmt", item.post_modified_gmt);
  i.Cdata("wp", "comment_status", item.comment_status.empty() ? "open" : item.comment_status);
  i.Cdata("wp", "ping_status", "closed");
  i.Cdata("wp", "post_name", item.post_name);
  i.Cdata("wp", "status", item.status);
  i.Text("wp", "post_parent", std::to_string(item.parent));
  i.Text("wp", "menu_order", std::to_string(item.menu_order));
  i.Cdata("wp", "post_type", item.post_type);
  i.Cdata("wp", "post_password", item.post_password);
  i.Text("wp", "is_sticky", item.sticky ? "1" : "0");
  if (!item.attachment_url.empty()) i.Cdata("wp", "attachment_url", item.attachment_url);
  for (const WxrItemTerm& t : item.terms) {
    i.Start(nullptr, "category");
    i.Check(xmlTextWriterWriteAttribute(i.w, X("domain"), X(XmlChars(t.domain))));
    i.Check(xmlTextWriterWriteAttribute(i.w, X("nicename"), X(XmlChars(t.nicename))));
    i.CdataBody(t.name);
    i.EndElement();
  }
  for (const WxrMeta& m : item.meta) i.Meta("postmeta", m);
  for (const WxrComment& c : item.comments) {
    i.Start("wp", "comment");
    i.Text("wp", "comment_id", std::to_string(c.id));
    i.Cdata("wp", "comment_author", c.author);
    i.Cdata("wp", "comment_author_email", c.author_email);
    i.Cdata("wp", "comment_author_url", c.author_url);
    i.Cdata("wp", "comment_author_IP", c.author_ip);
    i.Cdata("wp", "comment_date", c.date);
    i.Cdata("wp", "comment_date_gmt", c.date_gmt);
    i.Cdata("wp", "comment_content", c.content);
    i.Cdata("wp", "comment_approved", c.approved);
    i.Cdata("wp", "comment_type", c.type);
    i.Text("wp", "comment_parent", std::to_string(c.parent));
    i.Text("wp", "comment_user_id", std::to_string(c.user_id));
    for (const WxrMeta& m : c.meta) i.Meta("commentmeta", m);
    i.EndElement();
  }
  i.EndElement();
  return i.Result("item");
}

Status WxrWriter::End() {
  Impl& i = *impl_;
  if (!i.w) return i.Result("end");
  i.Check(xmlTextWriterEndDocument(i.w));  // Closes channel and rss.
  i.Check(xmlTextWriterFlush(i.w));
  i.out.flush();
  return i.Result("end");
}

}  // namespace qalam::wp
