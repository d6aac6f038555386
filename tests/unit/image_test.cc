// Image uploads: sniffing, variants, limits and metadata stripping. Every
// fixture is made here with libvips itself.
#include "media/image.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <vips/vips.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace qalam {
namespace {

// --- Fixture helpers ----------------------------------------------------------

struct Img {
  VipsImage* p = nullptr;
  Img() = default;
  explicit Img(VipsImage* i) : p(i) {}
  Img(const Img&) = delete;
  Img& operator=(const Img&) = delete;
  Img(Img&& o) noexcept : p(o.p) { o.p = nullptr; }
  Img& operator=(Img&& o) noexcept {
    std::swap(p, o.p);
    return *this;
  }
  ~Img() {
    if (p) g_object_unref(p);
  }
  VipsImage* get() const { return p; }
};

std::string VipsErr() {
  char* e = vips_error_buffer_copy();
  std::string s = e ? e : "";
  g_free(e);
  return s;
}

#define VIPS_OK(call) ASSERT_EQ(0, (call)) << VipsErr()

// A width×height 8-bit sRGB image: a horizontal ramp in red, a vertical one
// in green, blue fixed; different sizes give different pixels.
void MakeRgb(int width, int height, Img* out) {
  VipsImage *gx = nullptr, *gy = nullptr, *r = nullptr, *g = nullptr, *rg = nullptr,
            *rgb = nullptr, *u = nullptr, *srgb = nullptr;
  VIPS_OK(vips_grey(&gx, width, height, nullptr));
  Img hold_gx(gx);
  VipsImage* rotated = nullptr;
  VIPS_OK(vips_grey(&gy, height, width, nullptr));
  Img hold_gy(gy);
  VIPS_OK(vips_rot(gy, &rotated, VIPS_ANGLE_D90, nullptr));
  Img hold_rot(rotated);
  VIPS_OK(vips_linear1(gx, &r, 255.0, 0.0, nullptr));
  Img hold_r(r);
  VIPS_OK(vips_linear1(rotated, &g, 255.0, 0.0, nullptr));
  Img hold_g(g);
  VIPS_OK(vips_bandjoin2(r, g, &rg, nullptr));
  Img hold_rg(rg);
  VIPS_OK(vips_bandjoin_const1(rg, &rgb, 90.0, nullptr));
  Img hold_rgb(rgb);
  VIPS_OK(vips_cast_uchar(rgb, &u, nullptr));
  Img hold_u(u);
  VIPS_OK(vips_copy(u, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr));
  *out = Img(srgb);
}

// A flat image of one colour.
void MakeFlat(int width, int height, std::vector<double> colour, Img* out) {
  VipsImage *black = nullptr, *lin = nullptr, *u = nullptr, *srgb = nullptr;
  VIPS_OK(vips_black(&black, width, height, "bands", static_cast<int>(colour.size()), nullptr));
  Img hold_black(black);
  std::vector<double> ones(colour.size(), 1.0);
  VIPS_OK(vips_linear(black, &lin, ones.data(), colour.data(), static_cast<int>(colour.size()),
                      nullptr));
  Img hold_lin(lin);
  VIPS_OK(vips_cast_uchar(lin, &u, nullptr));
  Img hold_u(u);
  VIPS_OK(vips_copy(u, &srgb, "interpretation",
                    colour.size() >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W,
                    nullptr));
  *out = Img(srgb);
}

// Saves without stripping, so fixtures keep the metadata they were given.
void Encode(VipsImage* img, const std::string& format, std::string* out) {
  void* buf = nullptr;
  size_t len = 0;
  int rc = -1;
  if (format == "jpeg") {
    rc = vips_jpegsave_buffer(img, &buf, &len, "Q", 90, nullptr);
  } else if (format == "png") {
    rc = vips_pngsave_buffer(img, &buf, &len, nullptr);
  } else if (format == "webp") {
    rc = vips_webpsave_buffer(img, &buf, &len, nullptr);
  } else if (format == "gif") {
    rc = vips_gifsave_buffer(img, &buf, &len, nullptr);
  }
  ASSERT_EQ(0, rc) << format << ": " << VipsErr();
  out->assign(static_cast<const char*>(buf), len);
  g_free(buf);
}

void Load(const std::string& bytes, Img* out) {
  VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  ASSERT_NE(nullptr, img) << VipsErr();
  *out = Img(img);
}

std::string Blake2bHex(const std::string& bytes) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

void PutBe32(std::string* s, uint32_t v) {
  s->push_back(static_cast<char>(v >> 24));
  s->push_back(static_cast<char>(v >> 16));
  s->push_back(static_cast<char>(v >> 8));
  s->push_back(static_cast<char>(v));
}

void PngChunk(std::string* png, const char* type, const std::string& data) {
  PutBe32(png, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  png->append(body);
  PutBe32(png, static_cast<uint32_t>(
                   crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size())));
}

// A tiny, well-formed PNG whose header claims width×height pixels.
std::string PngClaiming(uint32_t width, uint32_t height) {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string ihdr;
  PutBe32(&ihdr, width);
  PutBe32(&ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no filter, no interlace
  PngChunk(&png, "IHDR", ihdr);
  // One deflated row of zeros is all the pixel data there is.
  std::string raw(1 + 3 * 16, '\0');
  uLongf len = compressBound(raw.size());
  std::string z(len, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
           raw.size());
  z.resize(len);
  PngChunk(&png, "IDAT", z);
  PngChunk(&png, "IEND", "");
  return png;
}

bool Contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

// Every metadata block a saver could write, by its marker in the bytes.
void ExpectNoMetadataBytes(const ImageVariant& v) {
  SCOPED_TRACE(v.file_name);
  for (std::string_view marker :
       {"Exif", "EXIF", "http://ns.adobe.com/xap/1.0/", "x:xmpmeta", "Photoshop 3.0", "8BIM",
        "ICC_PROFILE", "ICCP", "iCCP", "eXIf", "tEXt", "zTXt", "iTXt", "XMP ",
        "Qalam test camera"}) {
    EXPECT_FALSE(Contains(v.bytes, marker)) << "found " << marker;
  }
}

void ExpectNoMetadataFields(const ImageVariant& v) {
  SCOPED_TRACE(v.file_name);
  Img img;
  ASSERT_NO_FATAL_FAILURE(Load(v.bytes, &img));
  for (const char* field : {VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_IPTC_NAME,
                            VIPS_META_ICC_NAME, VIPS_META_IMAGEDESCRIPTION}) {
    EXPECT_EQ(0u, vips_image_get_typeof(img.get(), field)) << "field " << field;
  }
  gchar** fields = vips_image_get_fields(img.get());
  for (gchar** f = fields; *f; ++f) {
    std::string name = *f;
    EXPECT_NE(0u, name.rfind("exif-", 0)) << "field " << name;
  }
  g_strfreev(fields);
}

class ImageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitImageLibrary("image_test").ok()); }
};

// --- Sniffing -------------------------------------------------------------

TEST_F(ImageTest, SniffsEachTypeByItsBytes) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(40, 30, &img));
  struct Case {
    const char* format;
    ImageType type;
    const char* mime;
    const char* ext;
  } cases[] = {{"jpeg", ImageType::kJpeg, "image/jpeg", "jpg"},
               {"png", ImageType::kPng, "image/png", "png"},
               {"webp", ImageType::kWebp, "image/webp", "webp"},
               {"gif", ImageType::kGif, "image/gif", "gif"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.format);
    std::string bytes;
    ASSERT_NO_FATAL_FAILURE(Encode(img.get(), c.format, &bytes));
    ImageType t = ImageType::kGif;
    ASSERT_TRUE(SniffImageType(bytes, &t));
    EXPECT_EQ(c.type, t);
    EXPECT_STREQ(c.mime, MimeType(t));
    EXPECT_STREQ(c.ext, Extension(t));
    // Too short to hold the format's header: not an image.
    EXPECT_FALSE(SniffImageType(std::string_view(bytes).substr(0, 3), &t));
  }
}

TEST_F(ImageTest, SniffRejectsWhatIsNotAnAcceptedImage) {
  ImageType t;
  const std::string not_images[] = {
      "",
      "hello",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>",
      "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
      "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
      "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj",
      "GIF8",                                 // truncated GIF signature
      std::string("\xFF\xD8", 2),             // truncated JPEG
      std::string("\x89PNG\r\n\x1A\n", 8),    // PNG signature, no IHDR
      "RIFF\x10\0\0\0WAVEfmt ",              // RIFF, but not WebP
      "BM\x36\0\0\0\0\0\0\0\x36\0\0\0",       // BMP
      "II*\0\x08\0\0\0",                       // TIFF
  };
  for (const std::string& bytes : not_images) {
    EXPECT_FALSE(SniffImageType(bytes, &t)) << bytes;
  }
}

// --- Variants ---------------------------------------------------------------

const std::regex kNameRe("^[0-9a-f]{16}-[0-9]+\\.(jpg|png|webp)$");

TEST_F(ImageTest, LargeJpegGivesEveryWidthInJpegAndWebp) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(2000, 1000, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));

  ProcessedImage out;
  Status st = ProcessImage(jpeg, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ImageType::kJpeg, out.type);
  EXPECT_EQ(2000, out.width);
  EXPECT_EQ(1000, out.height);
  EXPECT_EQ(Blake2bHex(jpeg), out.original_hash);

  const int widths[] = {320, 640, 1024, 1600};
  ASSERT_EQ(8u, out.variants.size());
  for (size_t i = 0; i < out.variants.size(); ++i) {
    const ImageVariant& v = out.variants[i];
    SCOPED_TRACE(v.file_name);
    int w = widths[i / 2];
    EXPECT_EQ(w, v.width);
    EXPECT_EQ(w / 2, v.height);
    EXPECT_EQ(i % 2 == 0 ? "image/jpeg" : "image/webp", v.mime);
    EXPECT_TRUE(std::regex_match(v.file_name, kNameRe));
    std::string ext = i % 2 == 0 ? ".jpg" : ".webp";
    // Named by the original and the processing, so known before decoding.
    EXPECT_EQ(out.variant_key + "-" + std::to_string(w) + ext, v.file_name);

    // The bytes are what they say, at the size they say.
    ImageType t;
    ASSERT_TRUE(SniffImageType(v.bytes, &t));
    EXPECT_STREQ(v.mime.c_str(), MimeType(t));
    Img back;
    ASSERT_NO_FATAL_FAILURE(Load(v.bytes, &back));
    EXPECT_EQ(w, vips_image_get_width(back.get()));
    EXPECT_EQ(w / 2, vips_image_get_height(back.get()));
    EXPECT_EQ(3, vips_image_get_bands(back.get()));
  }

  // Same input, same names; the names are of the original, not of the call.
  ProcessedImage again;
  ASSERT_TRUE(ProcessImage(jpeg, ImageLimits{}, &again).ok());
  ASSERT_EQ(out.variants.size(), again.variants.size());
  for (size_t i = 0; i < out.variants.size(); ++i) {
    EXPECT_EQ(out.variants[i].file_name, again.variants[i].file_name);
    EXPECT_EQ(out.variants[i].bytes, again.variants[i].bytes);
  }
  EXPECT_EQ(out.original_hash, again.original_hash);
}

TEST_F(ImageTest, SmallPngGivesOnlyItsOwnSize) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(200, 100, &img));
  std::string png;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "png", &png));

  ProcessedImage out;
  Status st = ProcessImage(png, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ImageType::kPng, out.type);
  EXPECT_EQ(200, out.width);
  EXPECT_EQ(100, out.height);
  ASSERT_EQ(2u, out.variants.size());
  EXPECT_EQ("image/png", out.variants[0].mime);
  EXPECT_EQ("image/webp", out.variants[1].mime);
  for (const ImageVariant& v : out.variants) {
    EXPECT_EQ(200, v.width);
    EXPECT_EQ(100, v.height);
    EXPECT_TRUE(std::regex_match(v.file_name, kNameRe)) << v.file_name;
    EXPECT_NE(std::string::npos, v.file_name.find("-200."));
  }
  // PNG is lossless: the pixels come through unchanged.
  Img back;
  ASSERT_NO_FATAL_FAILURE(Load(out.variants[0].bytes, &back));
  double diff = 0;
  VipsImage* d = nullptr;
  VIPS_OK(vips_subtract(back.get(), img.get(), &d, nullptr));
  Img hold(d);
  VipsImage* a = nullptr;
  VIPS_OK(vips_abs(d, &a, nullptr));
  Img hold_a(a);
  VIPS_OK(vips_max(a, &diff, nullptr));
  EXPECT_EQ(0.0, diff);
}

TEST_F(ImageTest, MidSizeImageGetsTheWidthsBelowItAndItsOwn) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(800, 600, &img));
  std::string webp;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "webp", &webp));
  ProcessedImage out;
  Status st = ProcessImage(webp, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ImageType::kWebp, out.type);
  // WebP stays WebP, so one variant per width.
  ASSERT_EQ(3u, out.variants.size());
  const int widths[] = {320, 640, 800};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(widths[i], out.variants[i].width);
    EXPECT_EQ(widths[i] * 3 / 4, out.variants[i].height);
    EXPECT_EQ("image/webp", out.variants[i].mime);
  }
}

TEST_F(ImageTest, GifBecomesPngAndWebp) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(120, 80, &img));
  std::string gif;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "gif", &gif));
  ProcessedImage out;
  Status st = ProcessImage(gif, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(ImageType::kGif, out.type);
  ASSERT_EQ(2u, out.variants.size());
  EXPECT_EQ("image/png", out.variants[0].mime);
  EXPECT_TRUE(out.variants[0].file_name.ends_with("-120.png")) << out.variants[0].file_name;
  EXPECT_EQ("image/webp", out.variants[1].mime);
  EXPECT_EQ(80, out.variants[1].height);
}

TEST_F(ImageTest, OddColourSpacesComeOutAs8BitSrgbOrGrey) {
  // Grey JPEG, CMYK JPEG, 16-bit PNG and a PNG with alpha.
  Img grey, rgb, cmyk, rgb16, rgba;
  ASSERT_NO_FATAL_FAILURE(MakeFlat(300, 200, {120}, &grey));
  ASSERT_NO_FATAL_FAILURE(MakeFlat(300, 200, {200, 100, 50}, &rgb));
  VipsImage* t = nullptr;
  VIPS_OK(vips_icc_transform(rgb.get(), &t, "cmyk", "input_profile", "srgb", nullptr));
  cmyk = Img(t);
  VIPS_OK(vips_colourspace(rgb.get(), &t, VIPS_INTERPRETATION_RGB16, nullptr));
  rgb16 = Img(t);
  VIPS_OK(vips_bandjoin_const1(rgb.get(), &t, 128.0, nullptr));
  rgba = Img(t);

  struct Case {
    const char* name;
    VipsImage* img;
    const char* format;
    int bands;
  } cases[] = {{"grey", grey.get(), "jpeg", 1},
               {"cmyk", cmyk.get(), "jpeg", 3},
               {"rgb16", rgb16.get(), "png", 3},
               {"rgba", rgba.get(), "png", 4}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string bytes;
    ASSERT_NO_FATAL_FAILURE(Encode(c.img, c.format, &bytes));
    ProcessedImage out;
    Status st = ProcessImage(bytes, ImageLimits{}, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_FALSE(out.variants.empty());
    for (const ImageVariant& v : out.variants) {
      Img back;
      ASSERT_NO_FATAL_FAILURE(Load(v.bytes, &back));
      EXPECT_EQ(VIPS_FORMAT_UCHAR, vips_image_get_format(back.get())) << v.file_name;
      if (v.mime != "image/webp" || c.bands != 1) {  // WebP has no grey: it comes back RGB
        EXPECT_EQ(c.bands, vips_image_get_bands(back.get())) << v.file_name;
      }
      ExpectNoMetadataFields(v);
    }
  }
}

TEST_F(ImageTest, ThreadsProcessAtOnceWithTheSameResults) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(700, 500, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  ProcessedImage alone;
  ASSERT_TRUE(ProcessImage(jpeg, ImageLimits{}, &alone).ok());

  constexpr int kThreads = 4;
  std::vector<ProcessedImage> outs(kThreads);
  std::vector<Status> statuses(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Every other thread sends a broken file, so errors interleave too.
      std::string_view in = i % 2 ? std::string_view(jpeg).substr(0, jpeg.size() / 2) : jpeg;
      statuses[i] = ProcessImage(in, ImageLimits{}, &outs[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    SCOPED_TRACE(i);
    if (i % 2) {
      EXPECT_TRUE(statuses[i].IsInvalid());
      continue;
    }
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].message();
    ASSERT_EQ(alone.variants.size(), outs[i].variants.size());
    for (size_t v = 0; v < alone.variants.size(); ++v)
      EXPECT_EQ(alone.variants[v].file_name, outs[i].variants[v].file_name);
  }
}

// --- Refusals ---------------------------------------------------------------

void ExpectInvalid(const Status& st, std::string_view arabic_part) {
  EXPECT_TRUE(st.IsInvalid()) << st.message();
  EXPECT_NE(std::string::npos, st.message().find(arabic_part)) << st.message();
}

TEST_F(ImageTest, RefusesTooLargeFileSayingTheLimit) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(64, 64, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  jpeg.append(1024 * 1024, 'x');  // bytes after the end of the image
  ImageLimits limits;
  limits.max_bytes = 1024 * 1024;
  ProcessedImage out;
  Status st = ProcessImage(jpeg, limits, &out);
  ExpectInvalid(st, "الحد الأقصى 1 ميغابايت");
  EXPECT_TRUE(out.variants.empty());

  std::string big(10 * 1024 * 1024 + 1, '\0');
  ExpectInvalid(ProcessImage(big, ImageLimits{}, &out), "10 ميغابايت");
}

TEST_F(ImageTest, RefusesUnknownTypesNamingTheAcceptedOnes) {
  ProcessedImage out;
  for (std::string bytes :
       {std::string("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
        std::string("<html><body>hi</body></html>"), std::string("just some text"),
        std::string()}) {
    ExpectInvalid(ProcessImage(bytes, ImageLimits{}, &out), "JPEG وPNG وWebP وGIF");
  }
}

TEST_F(ImageTest, RefusesCorruptAndTruncatedFiles) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(600, 400, &img));
  std::string jpeg, png;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "png", &png));

  // A JPEG's signature and first segment, then garbage.
  std::string garbage = jpeg.substr(0, 20);
  std::srand(7);
  for (int i = 0; i < 20000; ++i) garbage.push_back(static_cast<char>(std::rand()));
  // A valid header, then the data cut off half way.
  std::string half_jpeg = jpeg.substr(0, jpeg.size() / 2);
  std::string half_png = png.substr(0, png.size() / 2);
  // (Not here: a JPEG whose entropy-coded data is overwritten but whose
  // markers are intact. libjpeg only warns about that, and refusing on
  // warnings would refuse many real cameras' files; it decodes to garbage
  // pixels, which is harmless.)

  struct Case {
    const char* name;
    const std::string* bytes;
  } cases[] = {{"header then garbage", &garbage},
               {"half a JPEG", &half_jpeg},
               {"half a PNG", &half_png}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ProcessedImage out;
    ExpectInvalid(ProcessImage(*c.bytes, ImageLimits{}, &out), "تالف");
    EXPECT_TRUE(out.variants.empty());
  }
  // Nothing left over in libvips's error buffer for the next caller.
  EXPECT_STREQ("", vips_error_buffer());
}

TEST_F(ImageTest, RefusesHugeDeclaredDimensionsBeforeDecoding) {
  std::string bomb = PngClaiming(100000, 100000);
  ImageType t;
  ASSERT_TRUE(SniffImageType(bomb, &t));
  ProcessedImage out;
  Status st = ProcessImage(bomb, ImageLimits{}, &out);
  ExpectInvalid(st, "أبعاد الصورة كبيرة جدًا");
  EXPECT_NE(std::string::npos, st.message().find("12000")) << st.message();

  // One side is enough.
  ExpectInvalid(ProcessImage(PngClaiming(12001, 10), ImageLimits{}, &out), "أبعاد");
  ImageLimits small;
  small.max_pixels_side = 500;
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(600, 100, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  ExpectInvalid(ProcessImage(jpeg, small, &out), "أبعاد");
}

// --- Plans: names and sizes from the header alone ----------------------------

// What PlanImage promises from the header is exactly what is made, for odd
// aspects, tiny and upright-turned images, in every format.
TEST_F(ImageTest, PlanFromTheHeaderIsExactlyWhatIsMade) {
  struct Case {
    int width, height;
    const char* format;
    int orientation;
  } cases[] = {{1203, 797, "jpeg", 1}, {333, 1000, "png", 1}, {1601, 3, "jpeg", 1},
               {2000, 1333, "webp", 1}, {1200, 801, "jpeg", 6}, {7, 5, "png", 1}, {999, 641, "gif", 1}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.width) + "x" + std::to_string(c.height) + " " + c.format);
    Img img;
    ASSERT_NO_FATAL_FAILURE(MakeRgb(c.width, c.height, &img));
    VipsImage* t = nullptr;
    VIPS_OK(vips_copy(img.get(), &t, nullptr));
    Img tagged(t);
    if (c.orientation != 1) vips_image_set_int(tagged.get(), VIPS_META_ORIENTATION, c.orientation);
    std::string bytes;
    ASSERT_NO_FATAL_FAILURE(Encode(tagged.get(), c.format, &bytes));

    ProcessedImage plan;
    ASSERT_TRUE(PlanImage(bytes, ImageLimits{}, &plan).ok());
    ASSERT_FALSE(plan.variants.empty());
    for (const ImageVariant& v : plan.variants) EXPECT_TRUE(v.bytes.empty());
    ProcessedImage made;
    ASSERT_TRUE(ProcessImage(bytes, ImageLimits{}, &made).ok());
    EXPECT_EQ(plan.original_hash, made.original_hash);
    EXPECT_EQ(plan.variant_key, made.variant_key);
    EXPECT_EQ(plan.width, made.width);
    EXPECT_EQ(plan.height, made.height);
    ASSERT_EQ(plan.variants.size(), made.variants.size());
    for (size_t i = 0; i < plan.variants.size(); ++i) {
      const ImageVariant& p = plan.variants[i];
      SCOPED_TRACE(p.file_name);
      EXPECT_EQ(p.file_name, made.variants[i].file_name);
      EXPECT_EQ(p.mime, made.variants[i].mime);
      Img back;
      ASSERT_NO_FATAL_FAILURE(Load(made.variants[i].bytes, &back));
      EXPECT_EQ(p.width, vips_image_get_width(back.get()));
      EXPECT_EQ(p.height, vips_image_get_height(back.get()));
      // The aspect is kept to within a pixel of rounding.
      EXPECT_NEAR(static_cast<double>(p.width) / p.height, static_cast<double>(plan.width) / plan.height,
                  static_cast<double>(plan.width) / plan.height * (1.0 / p.height + 1.0 / p.width) + 1e-9);
    }

    // The crops too: planned names and sizes are what is made; none under
    // 50,000 pixels (the 1601×3 and 7×5 images have none).
    const size_t crops = c.width * c.height < 50000 ? 0 : 3;
    ASSERT_EQ(crops, plan.crops.size());
    for (const ImageVariant& p : plan.crops) EXPECT_GE(p.width * p.height, 50000) << p.file_name;
    ASSERT_EQ(plan.crops.size(), made.crops.size());
    for (size_t i = 0; i < plan.crops.size(); ++i) {
      const ImageVariant& p = plan.crops[i];
      SCOPED_TRACE(p.file_name);
      EXPECT_EQ(p.file_name, made.crops[i].file_name);
      Img back;
      ASSERT_NO_FATAL_FAILURE(Load(made.crops[i].bytes, &back));
      EXPECT_EQ(p.width, vips_image_get_width(back.get()));
      EXPECT_EQ(p.height, vips_image_get_height(back.get()));
    }

    // Made later from the plan alone: the same bytes as made at once.
    ASSERT_TRUE(MakeVariants(bytes, ImageLimits{}, &plan).ok());
    for (size_t i = 0; i < plan.variants.size(); ++i) EXPECT_EQ(plan.variants[i].bytes, made.variants[i].bytes);
    for (size_t i = 0; i < plan.crops.size(); ++i) EXPECT_EQ(plan.crops[i].bytes, made.crops[i].bytes);
  }
}

// Google's Article documentation asks for 1:1, 4:3 and 16:9 images at
// least 1200 px wide: a large photo gets all three at 1200, in its own
// format, named apart from the sizes of srcset.
TEST_F(ImageTest, CropsAreSquareFourThreeAndWideAt1200) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(3000, 2000, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  ProcessedImage out;
  ASSERT_TRUE(ProcessImage(jpeg, ImageLimits{}, &out).ok());
  ASSERT_EQ(3u, out.crops.size());
  const struct {
    const char* aspect;
    int width, height;
  } want[] = {{"1:1", 1067, 1067}, {"4:3", 1200, 900}, {"16:9", 1200, 675}};
  // The largest variant is 1600×1067: a square is as tall as it, 1067.
  for (size_t i = 0; i < 3; ++i) {
    const ImageVariant& c = out.crops[i];
    SCOPED_TRACE(c.file_name);
    EXPECT_EQ(want[i].aspect, c.aspect);
    EXPECT_EQ("image/jpeg", c.mime);
    EXPECT_EQ(out.variant_key + "-" + std::to_string(c.width) + "x" + std::to_string(c.height) + ".jpg",
              c.file_name);
    Img back;
    ASSERT_NO_FATAL_FAILURE(Load(c.bytes, &back));
    EXPECT_EQ(c.width, vips_image_get_width(back.get()));
    EXPECT_EQ(c.height, vips_image_get_height(back.get()));
    EXPECT_EQ(want[i].width, c.width);
    EXPECT_EQ(want[i].height, c.height);
  }
  for (const ImageVariant& v : out.variants) EXPECT_TRUE(v.aspect.empty());
}

// Different processing gives different names: a cached old variant is
// never taken for a new one.
TEST_F(ImageTest, TheVariantKeyChangesWithTheProcessing) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(800, 600, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  ProcessedImage a, b, c;
  ASSERT_TRUE(PlanImage(jpeg, ImageLimits{}, &a).ok());
  ImageLimits lower;
  lower.webp_quality = 60;
  ASSERT_TRUE(PlanImage(jpeg, lower, &b).ok());
  ImageLimits widths;
  widths.widths = {480, 960};
  ASSERT_TRUE(PlanImage(jpeg, widths, &c).ok());
  ImageLimits effort;
  effort.webp_effort = 4;
  ProcessedImage d;
  ASSERT_TRUE(PlanImage(jpeg, effort, &d).ok());
  EXPECT_NE(a.variant_key, d.variant_key);
  EXPECT_NE(a.variant_key, b.variant_key);
  EXPECT_NE(a.variant_key, c.variant_key);
  EXPECT_NE(b.variant_key, c.variant_key);
  EXPECT_EQ(a.original_hash, b.original_hash);
}

// A file whose header is fine but whose pixels are cut off passes the plan
// and fails when the variants are made, leaving no bytes.
TEST_F(ImageTest, BrokenPixelsPassThePlanAndFailTheMaking) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(600, 400, &img));
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(img.get(), "jpeg", &jpeg));
  const std::string half = jpeg.substr(0, jpeg.size() / 2);
  ProcessedImage plan;
  ASSERT_TRUE(PlanImage(half, ImageLimits{}, &plan).ok());
  ExpectInvalid(MakeVariants(half, ImageLimits{}, &plan), "تالف");
  for (const ImageVariant& v : plan.variants) EXPECT_TRUE(v.bytes.empty());
  // A plan asking for more than the original holds is refused, not stretched.
  ProcessedImage bigger;
  ASSERT_TRUE(PlanImage(jpeg, ImageLimits{}, &bigger).ok());
  bigger.variants.back().width = 4000;
  EXPECT_FALSE(MakeVariants(jpeg, ImageLimits{}, &bigger).ok());
  EXPECT_STREQ("", vips_error_buffer());
}

// --- Orientation and metadata -------------------------------------------------

TEST_F(ImageTest, ExifOrientationSixTurnsTheImageUpright) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeRgb(2000, 1000, &img));
  VipsImage* t = nullptr;
  VIPS_OK(vips_copy(img.get(), &t, nullptr));
  Img tagged(t);
  vips_image_set_int(tagged.get(), VIPS_META_ORIENTATION, 6);
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(Encode(tagged.get(), "jpeg", &jpeg));
  {
    Img check;
    ASSERT_NO_FATAL_FAILURE(Load(jpeg, &check));
    ASSERT_EQ(6, vips_image_get_orientation(check.get()));  // the fixture is what we meant
  }

  ProcessedImage out;
  Status st = ProcessImage(jpeg, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(1000, out.width);
  EXPECT_EQ(2000, out.height);
  // Widths up to the upright width (1000), which is below 1024.
  const int widths[] = {320, 640, 1000};
  ASSERT_EQ(6u, out.variants.size());
  for (size_t i = 0; i < out.variants.size(); ++i) {
    const ImageVariant& v = out.variants[i];
    EXPECT_EQ(widths[i / 2], v.width);
    EXPECT_EQ(widths[i / 2] * 2, v.height);
    Img back;
    ASSERT_NO_FATAL_FAILURE(Load(v.bytes, &back));
    EXPECT_EQ(v.width, vips_image_get_width(back.get()));
    EXPECT_EQ(1, vips_image_get_orientation(back.get()));  // no tag left to rotate twice
  }
}

// A JPEG carrying EXIF with a GPS position and a camera name, XMP, IPTC and
// a Display P3 ICC profile.
void MakeJpegWithEverything(std::string* out) {
  Img img;
  ASSERT_NO_FATAL_FAILURE(MakeFlat(1200, 800, {200, 100, 50}, &img));
  VipsImage* t = nullptr;
  VIPS_OK(vips_icc_transform(img.get(), &t, "p3", "input_profile", "srgb", nullptr));
  Img p3(t);
  VIPS_OK(vips_copy(p3.get(), &t, nullptr));
  Img tagged(t);
  VipsImage* im = tagged.get();
  vips_image_set_string(im, "exif-ifd0-Make", "Qalam test camera");
  vips_image_set_string(im, "exif-ifd3-GPSLatitudeRef", "N");
  vips_image_set_string(im, "exif-ifd3-GPSLatitude", "31/1 46/1 3000/100");
  vips_image_set_string(im, "exif-ifd3-GPSLongitudeRef", "E");
  vips_image_set_string(im, "exif-ifd3-GPSLongitude", "35/1 13/1 1200/100");
  static const char kXmp[] =
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
      "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
      "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"31,46.5N\" "
      "exif:Make=\"Qalam test camera\"/></rdf:RDF></x:xmpmeta>";
  vips_image_set_blob_copy(im, VIPS_META_XMP_NAME, kXmp, sizeof kXmp - 1);
  // IPTC as JPEG carries it: a Photoshop resource block (8BIM, id 0x0404,
  // empty name, length) around an IPTC-IIM record, 2:116 copyright notice.
  std::string iptc("Photoshop 3.0\0" "8BIM\x04\x04\0\0", 20);
  std::string record("\x1C\x02\x74\x00\x11" "Qalam test camera", 22);
  PutBe32(&iptc, static_cast<uint32_t>(record.size()));
  iptc += record;
  vips_image_set_blob_copy(im, VIPS_META_IPTC_NAME, iptc.data(), iptc.size());
  ASSERT_NO_FATAL_FAILURE(Encode(im, "jpeg", out));

  // The fixture really carries all of it.
  Img back;
  ASSERT_NO_FATAL_FAILURE(Load(*out, &back));
  ASSERT_NE(0u, vips_image_get_typeof(back.get(), VIPS_META_EXIF_NAME));
  ASSERT_NE(0u, vips_image_get_typeof(back.get(), "exif-ifd3-GPSLatitude"));
  ASSERT_NE(0u, vips_image_get_typeof(back.get(), VIPS_META_XMP_NAME));
  ASSERT_NE(0u, vips_image_get_typeof(back.get(), VIPS_META_IPTC_NAME));
  ASSERT_NE(0u, vips_image_get_typeof(back.get(), VIPS_META_ICC_NAME));
  ASSERT_TRUE(Contains(*out, "Exif"));
  ASSERT_TRUE(Contains(*out, "Qalam test camera"));
  ASSERT_TRUE(Contains(*out, "ICC_PROFILE"));
}

TEST_F(ImageTest, StripsAllMetadataIncludingGpsAndConvertsToSrgb) {
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(MakeJpegWithEverything(&jpeg));

  // The stored pixels are P3 numbers, not the sRGB colour they stand for.
  Img raw;
  ASSERT_NO_FATAL_FAILURE(Load(jpeg, &raw));
  double* px = nullptr;
  int n = 0;
  VIPS_OK(vips_getpoint(raw.get(), &px, &n, 600, 400, nullptr));
  ASSERT_EQ(3, n);
  const double want[3] = {200, 100, 50};
  double raw_off = std::abs(px[0] - want[0]) + std::abs(px[1] - want[1]) + std::abs(px[2] - want[2]);
  g_free(px);
  ASSERT_GT(raw_off, 15.0);

  ProcessedImage out;
  Status st = ProcessImage(jpeg, ImageLimits{}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(8u, out.variants.size());  // 320, 640, 1024 and its own 1200
  for (const ImageVariant& v : out.variants) {
    ExpectNoMetadataBytes(v);
    ExpectNoMetadataFields(v);
    // Converted to sRGB: the colour is back to what it was made as.
    Img back;
    ASSERT_NO_FATAL_FAILURE(Load(v.bytes, &back));
    VIPS_OK(vips_getpoint(back.get(), &px, &n, v.width / 2, v.height / 2, nullptr));
    ASSERT_EQ(3, n);
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(want[b], px[b], 6.0) << v.file_name << " band " << b;
    g_free(px);
  }
}

TEST_F(ImageTest, StripsMetadataFromPngAndWebpToo) {
  // The same metadata, carried by a PNG (eXIf, iTXt, iCCP) and by a WebP
  // (EXIF, XMP, ICCP chunks): save the loaded rich JPEG without stripping.
  std::string jpeg;
  ASSERT_NO_FATAL_FAILURE(MakeJpegWithEverything(&jpeg));
  Img rich;
  ASSERT_NO_FATAL_FAILURE(Load(jpeg, &rich));
  for (const char* format : {"png", "webp"}) {
    SCOPED_TRACE(format);
    std::string bytes;
    ASSERT_NO_FATAL_FAILURE(Encode(rich.get(), format, &bytes));
    {
      Img check;
      ASSERT_NO_FATAL_FAILURE(Load(bytes, &check));
      ASSERT_NE(0u, vips_image_get_typeof(check.get(), VIPS_META_EXIF_NAME));
      ASSERT_NE(0u, vips_image_get_typeof(check.get(), "exif-ifd3-GPSLatitude"));
      ASSERT_NE(0u, vips_image_get_typeof(check.get(), VIPS_META_XMP_NAME));
      ASSERT_NE(0u, vips_image_get_typeof(check.get(), VIPS_META_ICC_NAME));
    }
    ProcessedImage out;
    Status st = ProcessImage(bytes, ImageLimits{}, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_FALSE(out.variants.empty());
    for (const ImageVariant& v : out.variants) {
      ExpectNoMetadataBytes(v);
      ExpectNoMetadataFields(v);
    }
  }
}

}  // namespace
}  // namespace qalam
