#include "render/xml_writer.h"

#include <libxml/xmlwriter.h>

namespace qalam {
namespace {

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
const xmlChar* X(const std::string& s) { return X(s.c_str()); }

}  // namespace

struct XmlWriter::Impl {
  // libxml2 writes its output buffer's chunks straight into `bytes`: the
  // document is held once (a sitemap child of 50,000 URLs is ~17 MB).
  std::string bytes;
  xmlTextWriterPtr w = nullptr;
  bool failed = false;
  void Check(int rc) {
    if (rc < 0) failed = true;
  }
  static int Append(void* context, const char* buffer, int len) {
    static_cast<Impl*>(context)->bytes.append(buffer, static_cast<size_t>(len));
    return len;
  }
};

XmlWriter::XmlWriter() : impl_(new Impl) {
  xmlOutputBufferPtr out = xmlOutputBufferCreateIO(&Impl::Append, nullptr, impl_, nullptr);
  if (out) impl_->w = xmlNewTextWriter(out);  // Owns `out` from now on.
  if (!impl_->w) {
    impl_->failed = true;
    return;
  }
  impl_->Check(xmlTextWriterStartDocument(impl_->w, "1.0", "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
  if (impl_->w) xmlFreeTextWriter(impl_->w);
  delete impl_;
}

void XmlWriter::Start(const char* name) {
  if (impl_->w) impl_->Check(xmlTextWriterStartElement(impl_->w, X(name)));
}

void XmlWriter::Attribute(const char* name, std::string_view value) {
  if (impl_->w) impl_->Check(xmlTextWriterWriteAttribute(impl_->w, X(name), X(XmlChars(value))));
}

void XmlWriter::End() {
  if (impl_->w) impl_->Check(xmlTextWriterEndElement(impl_->w));
}

void XmlWriter::Text(std::string_view text) {
  const std::string clean = XmlChars(text);
  if (impl_->w && !clean.empty()) impl_->Check(xmlTextWriterWriteString(impl_->w, X(clean)));
}

void XmlWriter::Element(const char* name, std::string_view text) {
  Start(name);
  Text(text);
  End();
}

void XmlWriter::Cdata(const char* name, std::string_view text) {
  Start(name);
  const std::string clean = XmlChars(text);
  size_t from = 0;
  while (impl_->w) {
    const size_t at = clean.find("]]>", from);
    if (at == std::string::npos) {
      impl_->Check(xmlTextWriterWriteCDATA(impl_->w, X(clean.substr(from))));
      break;
    }
    impl_->Check(xmlTextWriterWriteCDATA(impl_->w, X(clean.substr(from, at + 2 - from))));
    from = at + 2;
  }
  End();
}

Status XmlWriter::Finish(std::string* out) {
  if (!impl_->w) return Status::Io("cannot start the XML writer");
  impl_->Check(xmlTextWriterEndDocument(impl_->w));
  impl_->Check(xmlTextWriterFlush(impl_->w));
  if (impl_->failed) return Status::Io("cannot write the XML document");
  *out = std::move(impl_->bytes);
  impl_->bytes.clear();
  return Status::Ok();
}

}  // namespace qalam
