// Who a photo is credited to, read from its IPTC, XMP or EXIF before the
// metadata is stripped (media/image_credit.h). The fixtures are made here:
// small JPEGs written by libvips with the metadata blocks set on them.
#include "media/image_credit.h"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <cstring>
#include <string>
#include <vector>

#include "media/image.h"

namespace qalam {
namespace {

// One IIM dataset: 0x1C, record 2, the dataset number, a 2-byte length.
std::string Dataset(int number, const std::string& value) {
  std::string d = {'\x1c', '\x02', static_cast<char>(number), static_cast<char>(value.size() >> 8),
                   static_cast<char>(value.size() & 0xff)};
  return d + value;
}

// IIM wrapped as Photoshop writes APP13: "Photoshop 3.0\0", then an 8BIM
// resource 0x0404 with an empty (padded) name.
std::string PhotoshopBlock(const std::string& iim) {
  std::string b("Photoshop 3.0\0", 14);
  b += "8BIM";
  b += std::string("\x04\x04\x00\x00", 4);
  const uint32_t n = static_cast<uint32_t>(iim.size());
  b += static_cast<char>(n >> 24);
  b += static_cast<char>(n >> 16);
  b += static_cast<char>(n >> 8);
  b += static_cast<char>(n);
  b += iim;
  if (iim.size() % 2) b += '\0';
  return b;
}

std::string Xmp(const std::string& description) {
  return "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
         description + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
}

constexpr const char* kNs =
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"";

struct Field {
  const char* name;
  std::string blob;     // for "iptc-data", "xmp-data"
  std::string text;     // for "exif-ifd0-…"
};

// A 64×48 JPEG carrying the given metadata.
std::string Jpeg(const std::vector<Field>& fields) {
  EXPECT_TRUE(InitImageLibrary(nullptr).ok());
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, 64, 48, "bands", 3, nullptr), 0);
  VipsImage* img = nullptr;
  EXPECT_EQ(vips_copy(black, &img, nullptr), 0);
  g_object_unref(black);
  for (const Field& f : fields) {
    if (!f.blob.empty()) {
      void* copy = g_malloc(f.blob.size());
      memcpy(copy, f.blob.data(), f.blob.size());
      vips_image_set_blob(img, f.name, reinterpret_cast<VipsCallbackFn>(g_free), copy, f.blob.size());
    } else {
      vips_image_set_string(img, f.name, f.text.c_str());
    }
  }
  void* out = nullptr;
  size_t len = 0;
  EXPECT_EQ(vips_jpegsave_buffer(img, &out, &len, nullptr), 0) << vips_error_buffer();
  g_object_unref(img);
  std::string bytes(static_cast<const char*>(out), len);
  g_free(out);
  return bytes;
}

TEST(ImageCredit, IptcCreditFirstThenBylineThenCopyright) {
  const std::string all = Dataset(80, "مصوّر الوكالة") + Dataset(116, "© وكالة الأنباء") + Dataset(110, "رويترز");
  EXPECT_EQ(IptcCredit(all), "رويترز");
  EXPECT_EQ(IptcCredit(PhotoshopBlock(all)), "رويترز");
  EXPECT_EQ(IptcCredit(PhotoshopBlock(Dataset(116, "© وكالة الأنباء") + Dataset(80, "أحمد علي"))), "أحمد علي");
  EXPECT_EQ(IptcCredit(PhotoshopBlock(Dataset(116, "© وكالة الأنباء"))), "© وكالة الأنباء");
  // Latin-1 written without its character set is read as Latin-1.
  EXPECT_EQ(IptcCredit(Dataset(110, "Jos\xe9")), "José");
  // Truncated or empty blocks name no one, and never read past their end.
  EXPECT_EQ(IptcCredit(""), "");
  EXPECT_EQ(IptcCredit(Dataset(110, "رويترز").substr(0, 8)), "");
  EXPECT_EQ(IptcCredit(PhotoshopBlock(Dataset(110, "رويترز")).substr(0, 30)), "");
}

TEST(ImageCredit, XmpCreditThenCreatorThenRights) {
  EXPECT_EQ(XmpCredit(Xmp(std::string("<rdf:Description") + kNs +
                          " photoshop:Credit=\"أ ف ب\"><dc:creator><rdf:Seq><rdf:li>سارة</rdf:li></rdf:Seq>"
                          "</dc:creator></rdf:Description>")),
            "أ ف ب");
  EXPECT_EQ(XmpCredit(Xmp(std::string("<rdf:Description") + kNs +
                          "><dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">© الخليج</rdf:li></rdf:Alt></dc:rights>"
                          "<dc:creator><rdf:Seq><rdf:li>سارة محمود</rdf:li></rdf:Seq></dc:creator></rdf:Description>")),
            "سارة محمود");
  EXPECT_EQ(XmpCredit(Xmp(std::string("<rdf:Description") + kNs +
                          "><dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">© الخليج</rdf:li></rdf:Alt></dc:rights>"
                          "</rdf:Description>")),
            "© الخليج");
  EXPECT_EQ(XmpCredit("<not xml"), "");
  // An entity from outside is never fetched nor expanded.
  EXPECT_EQ(XmpCredit("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" +
                      Xmp(std::string("<rdf:Description") + kNs + " photoshop:Credit=\"&e;\"/>")).find("root"),
            std::string::npos);
}

TEST(ImageCredit, ReadFromAJpegsMetadataBeforeItIsStripped) {
  const std::string iptc = Jpeg({{"iptc-data", PhotoshopBlock(Dataset(110, "رويترز")), ""}});
  EXPECT_EQ(ReadImageCredit(iptc), "رويترز");
  const std::string xmp = Jpeg({{"xmp-data", Xmp(std::string("<rdf:Description") + kNs + " photoshop:Credit=\"أ ف ب\"/>"), ""}});
  EXPECT_EQ(ReadImageCredit(xmp), "أ ف ب");
  // IPTC before XMP when both are there.
  const std::string both = Jpeg({{"iptc-data", PhotoshopBlock(Dataset(80, "أحمد علي")), ""},
                                 {"xmp-data", Xmp(std::string("<rdf:Description") + kNs + " photoshop:Credit=\"أ ف ب\"/>"), ""}});
  EXPECT_EQ(ReadImageCredit(both), "أحمد علي");
  // EXIF Artist as the last resort.
  const std::string exif = Jpeg({{"exif-ifd0-Artist", "", "Mahmoud Zein"}});
  EXPECT_EQ(ReadImageCredit(exif), "Mahmoud Zein");
  EXPECT_EQ(ReadImageCredit(Jpeg({})), "");
  EXPECT_EQ(ReadImageCredit("not an image"), "");

  // The variants keep none of it.
  ProcessedImage processed;
  ASSERT_TRUE(ProcessImage(both, ImageLimits{}, &processed).ok());
  for (const ImageVariant& v : processed.variants) EXPECT_EQ(ReadImageCredit(v.bytes), "") << v.file_name;
}

}  // namespace
}  // namespace qalam
