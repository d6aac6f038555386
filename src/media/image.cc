#include "media/image.h"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <vips/vips.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

namespace qalam {
namespace {

// --- RAII for what libvips hands out ----------------------------------------

struct GObjectUnref {
  void operator()(VipsImage* p) const {
    if (p) g_object_unref(p);
  }
};
using ImagePtr = std::unique_ptr<VipsImage, GObjectUnref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};
using GBuffer = std::unique_ptr<void, GFree>;

// libvips keeps one error buffer for the whole process. Its text is for the
// log only (the person uploading gets an Arabic message), so take it and clear
// it, leaving nothing behind for the next call to trip over.
std::string TakeVipsError() {
  char* text = vips_error_buffer_copy();  // copies and clears
  std::string out = text ? text : "";
  g_free(text);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// --- Messages ---------------------------------------------------------------

std::string Megabytes(size_t bytes) {
  constexpr double kMiB = 1024.0 * 1024.0;
  char buf[32];
  if (bytes % (1024 * 1024) == 0) {
    std::snprintf(buf, sizeof buf, "%zu", bytes / (1024 * 1024));
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / kMiB);
    if (std::strcmp(buf, "0.0") == 0)
      std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(bytes) / kMiB);
  }
  return buf;
}

Status TooLarge(size_t limit) {
  return Status::Invalid("حجم الملف أكبر من المسموح به؛ الحد الأقصى " + Megabytes(limit) +
                         " ميغابايت.");
}

Status UnknownType() {
  return Status::Invalid(
      "نوع الملف غير مدعوم. الأنواع المقبولة للصور: JPEG وPNG وWebP وGIF.");
}

Status Corrupt() {
  return Status::Invalid(
      "تعذّرت قراءة الصورة: الملف تالف أو ناقص. جرّب حفظها من جديد ثم رفعها مرة أخرى.");
}

Status DimensionsTooLarge(int width, int height, int limit) {
  return Status::Invalid("أبعاد الصورة كبيرة جدًا (" + std::to_string(width) + "×" +
                         std::to_string(height) + " بكسل)؛ الحد الأقصى " +
                         std::to_string(limit) + " بكسل للعرض وللارتفاع.");
}

Status ProcessingFailed() {
  return Status::Io("تعذّرت معالجة الصورة بسبب خطأ داخلي. حاول مرة أخرى لاحقًا.");
}

// --- Hashing ----------------------------------------------------------------

std::string HashHex(std::string_view bytes) {
  unsigned char hash[crypto_generichash_BYTES];  // 32 bytes: BLAKE2b-256
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[sizeof hash * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

// --- libvips steps ----------------------------------------------------------

// Reads the header only (libvips loads lazily), with the loader of the sniffed
// type and no other: nothing but these four decoders ever sees an upload.
ImagePtr LoadHeader(ImageType type, std::string_view bytes) {
  void* buf = const_cast<char*>(bytes.data());  // libvips does not write to it
  VipsImage* img = nullptr;
  int rc = -1;
  switch (type) {
    case ImageType::kJpeg:
      rc = vips_jpegload_buffer(buf, bytes.size(), &img, "access", VIPS_ACCESS_SEQUENTIAL,
                                "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageType::kPng:
      rc = vips_pngload_buffer(buf, bytes.size(), &img, "access", VIPS_ACCESS_SEQUENTIAL,
                               "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageType::kWebp:
      rc = vips_webpload_buffer(buf, bytes.size(), &img, "access", VIPS_ACCESS_SEQUENTIAL,
                                "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
    case ImageType::kGif:
      rc = vips_gifload_buffer(buf, bytes.size(), &img, "access", VIPS_ACCESS_SEQUENTIAL,
                               "fail_on", VIPS_FAIL_ON_ERROR, nullptr);
      break;
  }
  if (rc != 0) {
    if (img) g_object_unref(img);
    return nullptr;
  }
  return ImagePtr(img);
}

// Runs `op` (a libvips call writing its result to the VipsImage** it is
// given) and makes the result the new `*img`.
template <typename Op>
bool Apply(ImagePtr* img, Op op) {
  VipsImage* result = nullptr;
  if (op(&result) != 0) {
    if (result) g_object_unref(result);
    return false;
  }
  img->reset(result);
  return true;
}

// The image the variants are cut from: shrunk on load to exactly width ×
// height (the aspect of the upright original, rounded), upright, in 8-bit
// sRGB (or 8-bit grey), decoded into memory, with no metadata.
ImagePtr MakeMaster(std::string_view bytes, int width, int height) {
  void* buf = const_cast<char*>(bytes.data());
  VipsImage* out = nullptr;
  // VIPS_SIZE_FORCE: exactly the planned size (PlanImage rounds the height
  // itself, so that names and sizes are known before decoding). No "export_profile":
  // with one, libvips 8.14 sends even profile-less and grey images through
  // lcms (grey comes out RGB, sRGB pixels shift); the profile is handled
  // below instead.
  // libvips 8.14.1 does not hand thumbnail_buffer's own "fail_on" on to the
  // loader (a truncated file would come out with grey rows), so it goes in
  // the loader's option string too.
  if (vips_thumbnail_buffer(buf, bytes.size(), &out, width, "height", height, "size",
                            VIPS_SIZE_FORCE, "fail_on", VIPS_FAIL_ON_ERROR, "option_string",
                            "fail_on=error", nullptr) != 0) {
    if (out) g_object_unref(out);
    return nullptr;
  }
  ImagePtr img(out);

  // An embedded profile (Display P3, Adobe RGB...): thumbnail leaves the
  // pixels in that space, so convert them to sRGB before the profile goes.
  // A CMYK image was made sRGB by thumbnail already; a profile that does not
  // fit the pixels, or that lcms cannot use, is dropped and the pixels taken
  // as sRGB, as a browser would.
  const void* icc = nullptr;
  size_t icc_len = 0;
  if (vips_image_get_typeof(img.get(), VIPS_META_ICC_NAME) &&
      vips_image_get_blob(img.get(), VIPS_META_ICC_NAME, &icc, &icc_len) == 0 &&
      vips_icc_is_compatible_profile(img.get(), icc, icc_len) &&
      !Apply(&img, [&](VipsImage** t) {
        return vips_icc_transform(img.get(), t, "srgb", "embedded", TRUE, "intent",
                                  VIPS_INTENT_RELATIVE, "depth", 8, nullptr);
      })) {
    spdlog::debug("image upload: embedded ICC profile not used: {}", TakeVipsError());
  }

  // 16-bit PNGs and other odd spaces: to 8-bit sRGB or 8-bit grey.
  VipsInterpretation interpretation = vips_image_guess_interpretation(img.get());
  VipsInterpretation want = interpretation == VIPS_INTERPRETATION_GREY16 ||
                                   interpretation == VIPS_INTERPRETATION_B_W
                               ? VIPS_INTERPRETATION_B_W
                               : VIPS_INTERPRETATION_sRGB;
  if (interpretation != want &&
      !Apply(&img, [&](VipsImage** t) { return vips_colourspace(img.get(), t, want, nullptr); }))
    return nullptr;
  if (vips_image_get_format(img.get()) != VIPS_FORMAT_UCHAR &&
      !Apply(&img, [&](VipsImage** t) { return vips_cast_uchar(img.get(), t, nullptr); }))
    return nullptr;

  // Decode now, so that a truncated or corrupt file fails here, once.
  VipsImage* mem = vips_image_copy_memory(img.get());
  if (!mem) return nullptr;
  img.reset(mem);

  // A fresh image of our own: drop every metadata field (EXIF with GPS, XMP,
  // IPTC, the profile, orientation, comments...). The savers are told to
  // strip too, but libvips 8.14.1's webpsave writes the image's EXIF fields
  // whatever it is told, so this is what keeps them out of WebP variants. It
  // also keeps the smaller variants' resizes free of colour management and
  // rotation.
  if (gchar** fields = vips_image_get_fields(img.get())) {
    for (gchar** f = fields; *f; ++f) vips_image_remove(img.get(), *f);
    g_strfreev(fields);
  }
  return img;
}

uint32_t Le32(std::string_view b, size_t at) {
  return static_cast<uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

void PutLe32(std::string* s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// libvips 8.14.1's webpsave ignores "strip" for EXIF: it writes an EXIF chunk
// (built from the image's fields, or a fresh one) whatever it is told. So
// take the metadata chunks (EXIF, XMP, ICC profile) out of the RIFF container
// ourselves, clear their flags in VP8X, and drop VP8X when nothing needs it
// any more. False when the bytes are not a WebP this understands: then they
// must not be served.
bool StripWebpMetadata(std::string* webp) {
  std::string_view in(*webp);
  if (in.size() < 12 || in.substr(0, 4) != "RIFF" || in.substr(8, 4) != "WEBP") return false;
  if (Le32(in, 4) != in.size() - 8) return false;
  std::string body;
  size_t vp8x = std::string::npos;  // offset of the VP8X chunk in `body`
  int chunks = 0, bitstreams = 0;
  size_t pos = 12;
  while (pos < in.size()) {
    if (pos + 8 > in.size()) return false;
    std::string_view fourcc = in.substr(pos, 4);
    size_t len = Le32(in, pos + 4);
    size_t padded = len + (len & 1);
    if (padded > in.size() - pos - 8) return false;
    if (fourcc != "EXIF" && fourcc != "XMP " && fourcc != "ICCP") {
      if (fourcc == "VP8X") {
        if (len < 10 || vp8x != std::string::npos) return false;
        vp8x = body.size();
      } else {
        ++chunks;
        if (fourcc == "VP8 " || fourcc == "VP8L") ++bitstreams;
      }
      body.append(in.substr(pos, 8 + padded));
    }
    pos += 8 + padded;
  }
  if (vp8x != std::string::npos) {
    constexpr unsigned char kIcc = 0x20, kExif = 0x08, kXmp = 0x04;
    unsigned char flags = static_cast<unsigned char>(body[vp8x + 8]);
    flags &= static_cast<unsigned char>(~(kIcc | kExif | kXmp));
    body[vp8x + 8] = static_cast<char>(flags);
    // Nothing extended left (no alpha, no animation): the simple format.
    if (flags == 0 && chunks == 1 && bitstreams == 1) body.erase(vp8x, 18);
  }
  std::string out = "RIFF    WEBP";
  out += body;
  PutLe32(&out, 4, static_cast<uint32_t>(out.size() - 8));
  *webp = std::move(out);
  return true;
}

bool Save(VipsImage* img, const char* mime, const ImageLimits& limits, std::string* out) {
  void* raw = nullptr;
  size_t len = 0;
  int rc = -1;
  if (std::strcmp(mime, "image/jpeg") == 0) {
    rc = vips_jpegsave_buffer(img, &raw, &len, "Q", limits.jpeg_quality, "strip", TRUE,
                              "optimize_coding", TRUE, "interlace", TRUE, nullptr);
  } else if (std::strcmp(mime, "image/png") == 0) {
    rc = vips_pngsave_buffer(img, &raw, &len, "strip", TRUE, "compression", 6, nullptr);
  } else {
    rc = vips_webpsave_buffer(img, &raw, &len, "Q", limits.webp_quality, "effort", limits.webp_effort, "strip",
                              TRUE, nullptr);
  }
  GBuffer owned(raw);
  if (rc != 0 || !raw) return false;
  out->assign(static_cast<const char*>(raw), len);
  if (std::strcmp(mime, "image/webp") == 0 && !StripWebpMetadata(out)) {
    vips_error("qalam", "webpsave wrote a container StripWebpMetadata does not know");
    return false;
  }
  return true;
}

// The widths to make for an original `width` wide (see ProcessedImage).
std::vector<int> TargetWidths(int width, const std::vector<int>& wanted) {
  std::vector<int> out;
  int largest = 0;
  for (int w : wanted) {
    if (w <= 0) continue;
    largest = std::max(largest, w);
    if (w <= width) out.push_back(w);
  }
  out.push_back(largest > 0 ? std::min(width, largest) : width);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The header's checks: size, type, readable header, dimensions. Gives the
// type and the upright width and height.
Status CheckHeader(std::string_view bytes, const ImageLimits& limits, ImageType* type, int* width, int* height) {
  if (bytes.size() > limits.max_bytes) return TooLarge(limits.max_bytes);
  if (!SniffImageType(bytes, type)) return UnknownType();
  ImagePtr header = LoadHeader(*type, bytes);
  if (!header) {
    spdlog::debug("image upload: cannot read the header: {}", TakeVipsError());
    return Corrupt();
  }
  *width = vips_image_get_width(header.get());
  *height = vips_image_get_height(header.get());
  if (*width <= 0 || *height <= 0) return Corrupt();
  if (*width > limits.max_pixels_side || *height > limits.max_pixels_side)
    return DimensionsTooLarge(*width, *height, limits.max_pixels_side);
  if (vips_image_get_orientation_swap(header.get())) std::swap(*width, *height);
  return Status::Ok();
}

// Everything in ImageLimits that shapes a variant's bytes goes into the key.
std::string VariantKey(const std::string& original_hash, const ImageLimits& limits) {
  std::string what = original_hash + "|1|q" + std::to_string(limits.jpeg_quality) + "|w" +
                     std::to_string(limits.webp_quality) + "e" + std::to_string(limits.webp_effort) + "|";
  for (int w : limits.widths) what += std::to_string(w) + ",";
  return HashHex(what).substr(0, 16);
}

Status Plan(std::string_view bytes, const ImageLimits& limits, ProcessedImage* out) {
  ImageType type;
  int width = 0, height = 0;
  if (Status st = CheckHeader(bytes, limits, &type, &width, &height); !st.ok()) return st;
  ProcessedImage result;
  result.type = type;
  result.width = width;
  result.height = height;
  result.original_hash = HashHex(bytes);
  result.variant_key = VariantKey(result.original_hash, limits);
  const char* own_mime = type == ImageType::kGif ? MimeType(ImageType::kPng) : MimeType(type);
  for (int w : TargetWidths(width, limits.widths)) {
    // The height keeps the aspect, rounded to the nearest pixel, never 0.
    const int h = w == width ? height
                             : std::max(1, static_cast<int>((static_cast<int64_t>(height) * w * 2 + width) /
                                                            (2 * static_cast<int64_t>(width))));
    // A WebP original's own format is WebP already: one variant, not two
    // identical ones.
    std::vector<const char*> mimes = {own_mime};
    if (type != ImageType::kWebp) mimes.push_back("image/webp");
    for (const char* mime : mimes) {
      ImageVariant v;
      v.width = w;
      v.height = h;
      v.mime = mime;
      const char* ext = std::strcmp(mime, "image/jpeg") == 0  ? "jpg"
                        : std::strcmp(mime, "image/png") == 0 ? "png"
                                                              : "webp";
      v.file_name = result.variant_key + "-" + std::to_string(w) + "." + ext;
      result.variants.push_back(std::move(v));
    }
  }
  // The crops, from the largest variant (the master MakeVariants decodes).
  const ImageVariant& master = result.variants.back();
  for (const auto& [aw, ah] : limits.crop_aspects) {
    if (aw <= 0 || ah <= 0) continue;
    // The largest region of this aspect in the master, then no wider than
    // crop_width; the height follows the aspect, rounded, never 0.
    int64_t cw = std::min<int64_t>(master.width, static_cast<int64_t>(master.height) * aw / ah);
    cw = std::max<int64_t>(1, std::min<int64_t>(cw, limits.crop_width));
    int64_t ch = std::max<int64_t>(1, (cw * ah * 2 + aw) / (2 * aw));
    if (ch > master.height) ch = master.height;
    if (cw * ch < limits.crop_min_pixels) continue;
    ImageVariant c;
    c.width = static_cast<int>(cw);
    c.height = static_cast<int>(ch);
    c.mime = own_mime;
    c.aspect = std::to_string(aw) + ":" + std::to_string(ah);
    const char* ext = std::strcmp(own_mime, "image/jpeg") == 0 ? "jpg" : std::strcmp(own_mime, "image/png") == 0 ? "png" : "webp";
    c.file_name = result.variant_key + "-" + std::to_string(c.width) + "x" + std::to_string(c.height) + "." + ext;
    result.crops.push_back(std::move(c));
  }
  *out = std::move(result);
  return Status::Ok();
}

Status Make(std::string_view bytes, const ImageLimits& limits, ProcessedImage* plan) {
  ImageType type;
  int width = 0, height = 0;
  if (Status st = CheckHeader(bytes, limits, &type, &width, &height); !st.ok()) return st;
  if (plan->variants.empty()) return Status::Ok();
  const ImageVariant* largest = &plan->variants.front();
  for (const ImageVariant& v : plan->variants) {
    if (v.width <= 0 || v.height <= 0 || v.width > width || v.height > height) {
      spdlog::error("image: a variant of {}×{} planned for a {}×{} original", v.width, v.height, width, height);
      return ProcessingFailed();
    }
    if (v.width > largest->width) largest = &v;
  }
  ImagePtr master = MakeMaster(bytes, largest->width, largest->height);
  if (!master) {
    spdlog::debug("image upload: cannot decode: {}", TakeVipsError());
    return Corrupt();
  }
  auto fail = [&](Status st) {
    for (ImageVariant& v : plan->variants) v.bytes.clear();
    for (ImageVariant& v : plan->crops) v.bytes.clear();
    return st;
  };
  ImagePtr sized;  // The last size made other than the master's, reused for its other format.
  for (ImageVariant& v : plan->variants) {
    VipsImage* img = master.get();
    if (v.width != vips_image_get_width(img) || v.height != vips_image_get_height(img)) {
      if (!sized || v.width != vips_image_get_width(sized.get()) || v.height != vips_image_get_height(sized.get())) {
        VipsImage* t = nullptr;
        if (vips_thumbnail_image(master.get(), &t, v.width, "height", v.height, "size", VIPS_SIZE_FORCE,
                                 "no_rotate", TRUE, nullptr) != 0) {
          if (t) g_object_unref(t);
          spdlog::error("image upload: cannot resize to {}: {}", v.width, TakeVipsError());
          return fail(ProcessingFailed());
        }
        sized.reset(t);
      }
      img = sized.get();
    }
    if (!Save(img, v.mime.c_str(), limits, &v.bytes)) {
      spdlog::error("image upload: cannot save {} at {}: {}", v.mime, v.width, TakeVipsError());
      return fail(ProcessingFailed());
    }
  }
  for (ImageVariant& c : plan->crops) {
    if (c.width <= 0 || c.height <= 0 || c.width > vips_image_get_width(master.get()) ||
        c.height > vips_image_get_height(master.get())) {
      spdlog::error("image: a crop of {}×{} planned for a master of {}×{}", c.width, c.height,
                    vips_image_get_width(master.get()), vips_image_get_height(master.get()));
      return fail(ProcessingFailed());
    }
    VipsImage* t = nullptr;
    if (vips_thumbnail_image(master.get(), &t, c.width, "height", c.height, "crop", VIPS_INTERESTING_ATTENTION,
                             "no_rotate", TRUE, nullptr) != 0) {
      if (t) g_object_unref(t);
      spdlog::error("image upload: cannot crop to {}×{}: {}", c.width, c.height, TakeVipsError());
      return fail(ProcessingFailed());
    }
    ImagePtr cropped(t);
    if (vips_image_get_width(t) != c.width || vips_image_get_height(t) != c.height ||
        !Save(t, c.mime.c_str(), limits, &c.bytes)) {
      spdlog::error("image upload: cannot save the {}×{} crop: {}", c.width, c.height, TakeVipsError());
      return fail(ProcessingFailed());
    }
  }
  // A warning libvips left (it does not always fail the call) must not stick.
  vips_error_clear();
  return Status::Ok();
}

// Runs `body` with libvips started, turning any exception into an error.
template <typename Body>
Status Guarded(Body body) {
  try {
    Status st = InitImageLibrary(nullptr);
    if (!st.ok()) {
      spdlog::error("image upload: {}", st.message());
      return ProcessingFailed();
    }
    return body();
  } catch (const std::exception& e) {
    spdlog::error("image upload: {}", e.what());
  } catch (...) {
    spdlog::error("image upload: unknown exception");
  }
  vips_error_clear();
  return ProcessingFailed();
}

bool StartsWith(std::string_view bytes, std::string_view magic, size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

}  // namespace

bool SniffImageType(std::string_view b, ImageType* out) {
  ImageType type;
  using namespace std::string_view_literals;
  if (b.size() >= 4 && StartsWith(b, "\xFF\xD8\xFF"sv)) {
    type = ImageType::kJpeg;  // SOI, then the first marker
  } else if (b.size() >= 33 && StartsWith(b, "\x89PNG\r\n\x1A\n"sv) && StartsWith(b, "IHDR", 12)) {
    type = ImageType::kPng;  // signature, then the whole IHDR chunk
  } else if (b.size() >= 20 && StartsWith(b, "RIFF") && StartsWith(b, "WEBP", 8) &&
             (StartsWith(b, "VP8 ", 12) || StartsWith(b, "VP8L", 12) ||
              StartsWith(b, "VP8X", 12))) {
    type = ImageType::kWebp;  // RIFF container, then the first chunk's header
  } else if (b.size() >= 13 && (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a"))) {
    type = ImageType::kGif;  // signature, then the logical screen descriptor
  } else {
    return false;
  }
  if (out) *out = type;
  return true;
}

const char* MimeType(ImageType t) {
  switch (t) {
    case ImageType::kJpeg: return "image/jpeg";
    case ImageType::kPng: return "image/png";
    case ImageType::kWebp: return "image/webp";
    case ImageType::kGif: return "image/gif";
  }
  return "application/octet-stream";
}

const char* Extension(ImageType t) {
  switch (t) {
    case ImageType::kJpeg: return "jpg";
    case ImageType::kPng: return "png";
    case ImageType::kWebp: return "webp";
    case ImageType::kGif: return "gif";
  }
  return "bin";
}

Status InitImageLibrary(const char* argv0) {
  static std::once_flag once;
  static Status status;
  std::call_once(once, [argv0] {
    if (sodium_init() < 0) {
      status = Status::Io("cannot start libsodium");
      return;
    }
    if (VIPS_INIT(argv0 && *argv0 ? argv0 : "qalam") != 0) {
      status = Status::Io("cannot start libvips: " + TakeVipsError());
      return;
    }
    // One thread per core already serves requests: no worker pool of
    // libvips's own, and no operation cache holding decoded uploads.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    // Only the four loaders we call may run; never ImageMagick, SVG, PDF...
    vips_block_untrusted_set(TRUE);
    // libvips warns through GLib, on stderr, up to once per row of a broken
    // upload: send its warnings to the debug log instead, so that uploads
    // cannot flood the server's output.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
        [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
          spdlog::debug("libvips: {}", message ? message : "");
        },
        nullptr);
  });
  return status;
}

Status ProcessImage(std::string_view bytes, const ImageLimits& limits, ProcessedImage* out) {
  return Guarded([&] {
    ProcessedImage image;
    Status st = Plan(bytes, limits, &image);
    if (st.ok()) st = Make(bytes, limits, &image);
    if (st.ok()) *out = std::move(image);
    return st;
  });
}

Status PlanImage(std::string_view bytes, const ImageLimits& limits, ProcessedImage* out) {
  return Guarded([&] { return Plan(bytes, limits, out); });
}

Status MakeVariants(std::string_view bytes, const ImageLimits& limits, ProcessedImage* plan) {
  return Guarded([&] { return Make(bytes, limits, plan); });
}

}  // namespace qalam
