#include "media/image_credit.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <vips/vips.h>

#include <cstdint>
#include <memory>

#include "core/text.h"
#include "media/image.h"

namespace qalam {

namespace {

constexpr size_t kMaxCredit = 200;

// One line of at most kMaxCredit code points; text that is not UTF-8 is
// read as Latin-1 (IPTC written without its character set often is).
std::string Clean(std::string_view raw) {
  std::string text;
  if (IsValidUtf8(raw)) {
    text = std::string(raw);
  } else {
    for (unsigned char c : raw) {
      if (c < 0x80) {
        text += static_cast<char>(c);
      } else {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  }
  text = OneLine(text);
  if (CountCodePoints(text) > kMaxCredit) text = Excerpt(text, kMaxCredit);
  return text;
}

uint32_t Be(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

// The IIM stream inside a Photoshop "8BIM" resource block (resource 0x0404),
// or the block itself when it is IIM already.
std::string_view IimOf(std::string_view block) {
  static constexpr std::string_view kPhotoshop("Photoshop 3.0\0", 14);
  if (block.substr(0, kPhotoshop.size()) == kPhotoshop) block.remove_prefix(kPhotoshop.size());
  if (block.substr(0, 4) != "8BIM") return block;
  size_t at = 0;
  while (at + 12 <= block.size() && block.substr(at, 4) == "8BIM") {
    const uint32_t id = Be(block, at + 4, 2);
    size_t name = static_cast<unsigned char>(block[at + 6]) + 1;  // Pascal string, padded to even
    if (name % 2) ++name;
    const size_t size_at = at + 6 + name;
    if (size_at + 4 > block.size()) break;
    const size_t size = Be(block, size_at, 4);
    const size_t data = size_at + 4;
    if (data + size > block.size()) break;
    if (id == 0x0404) return block.substr(data, size);
    at = data + size + (size % 2);
  }
  return {};
}

struct XmlDocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XPathContextFree {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};

std::string FirstText(xmlXPathContext* ctx, const char* path) {
  std::unique_ptr<xmlXPathObject, XPathObjectFree> found(xmlXPathEvalExpression(BAD_CAST path, ctx));
  if (!found || !found->nodesetval) return "";
  for (int i = 0; i < found->nodesetval->nodeNr; ++i) {
    xmlChar* content = xmlNodeGetContent(found->nodesetval->nodeTab[i]);
    if (!content) continue;
    std::string text = Clean(reinterpret_cast<const char*>(content));
    xmlFree(content);
    if (!text.empty()) return text;
  }
  return "";
}

// libvips writes an EXIF string as "VALUE (VALUE, ASCII, N components, M
// bytes)": the value is what comes before the last such parenthesis.
std::string ExifValue(VipsImage* img, const char* field) {
  if (!vips_image_get_typeof(img, field)) return "";
  const char* s = nullptr;
  if (vips_image_get_string(img, field, &s) != 0 || !s) return "";
  std::string_view v(s);
  const size_t open = v.rfind(" (");
  if (open != std::string_view::npos && v.size() > 7 && v.substr(v.size() - 7) == " bytes)") v = v.substr(0, open);
  return Clean(v);
}

std::string Blob(VipsImage* img, const char* field) {
  if (!vips_image_get_typeof(img, field)) return "";
  const void* data = nullptr;
  size_t size = 0;
  if (vips_image_get_blob(img, field, &data, &size) != 0 || !data) return "";
  return std::string(static_cast<const char*>(data), size);
}

}  // namespace

std::string IptcCredit(std::string_view iptc) {
  const std::string_view iim = IimOf(iptc);
  std::string credit, byline, copyright;
  size_t at = 0;
  while (at + 5 <= iim.size()) {
    if (iim[at] != 0x1C) {
      ++at;  // Padding between datasets.
      continue;
    }
    const int record = static_cast<unsigned char>(iim[at + 1]);
    const int dataset = static_cast<unsigned char>(iim[at + 2]);
    size_t size = Be(iim, at + 3, 2);
    size_t data = at + 5;
    if (size & 0x8000) {  // Extended length: the next (size & 0x7FFF) bytes hold it.
      const int n = static_cast<int>(size & 0x7FFF);
      if (n > 4 || data + n > iim.size()) break;
      size = Be(iim, data, n);
      data += n;
    }
    if (data + size > iim.size()) break;
    if (record == 2) {
      const std::string value = Clean(iim.substr(data, size));
      if (dataset == 110 && credit.empty()) credit = value;
      if (dataset == 80 && byline.empty()) byline = value;
      if (dataset == 116 && copyright.empty()) copyright = value;
    }
    at = data + size;
  }
  if (!credit.empty()) return credit;
  if (!byline.empty()) return byline;
  return copyright;
}

std::string XmpCredit(std::string_view xmp) {
  // A JPEG's APP1 may keep its "http://ns.adobe.com/xap/1.0/\0" prefix.
  const size_t start = xmp.find('<');
  if (start == std::string_view::npos || xmp.size() > (1u << 24)) return "";
  xmp.remove_prefix(start);
  // No network, no entities, no DTD: the packet is untrusted.
  std::unique_ptr<xmlDoc, XmlDocFree> doc(xmlReadMemory(xmp.data(), static_cast<int>(xmp.size()), nullptr, nullptr,
                                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) return "";
  std::unique_ptr<xmlXPathContext, XPathContextFree> ctx(xmlXPathNewContext(doc.get()));
  if (!ctx) return "";
  xmlXPathRegisterNs(ctx.get(), BAD_CAST "photoshop", BAD_CAST "http://ns.adobe.com/photoshop/1.0/");
  xmlXPathRegisterNs(ctx.get(), BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
  xmlXPathRegisterNs(ctx.get(), BAD_CAST "rdf", BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
  for (const char* path : {"//@photoshop:Credit | //photoshop:Credit", "//dc:creator//rdf:li | //@dc:creator",
                           "//dc:rights//rdf:li | //@dc:rights"}) {
    std::string text = FirstText(ctx.get(), path);
    if (!text.empty()) return text;
  }
  return "";
}

std::string ReadImageCredit(std::string_view bytes) {
  ImageType type;
  if (!SniffImageType(bytes, &type)) return "";
  if (!InitImageLibrary(nullptr).ok()) return "";
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL,
                                              nullptr);
  if (!img) {
    vips_error_clear();
    return "";
  }
  std::unique_ptr<VipsImage, void (*)(VipsImage*)> owned(img, [](VipsImage* p) { g_object_unref(p); });
  std::string credit = IptcCredit(Blob(img, "iptc-data"));
  if (credit.empty()) credit = XmpCredit(Blob(img, "xmp-data"));
  if (credit.empty()) credit = ExifValue(img, "exif-ifd0-Artist");
  if (credit.empty()) credit = ExifValue(img, "exif-ifd0-Copyright");
  vips_error_clear();
  return credit;
}

}  // namespace qalam
