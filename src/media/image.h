// Image processing for newsroom media uploads, on libvips (C API).
//
// An upload is judged by its first bytes (never by its name or declared
// type), checked for size and for its declared dimensions before it is
// decoded, decoded with the loader of that one type only, turned upright by
// its EXIF orientation, converted to sRGB, stripped of every piece of
// metadata (EXIF with any GPS location, XMP, IPTC, comments, the ICC profile)
// and written out as a set of variants. A variant is named by the hash of
// the original and of the processing (ImageLimits), so that the names,
// widths and heights of all variants are known from the header alone
// (PlanImage), before any pixel is decoded: an import can store the
// original now and make the variants later (MakeVariants) under the names
// its pages already use.
//
// Everything works on memory buffers: nothing is written to disc.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace qalam {

enum class ImageType { kJpeg, kPng, kWebp, kGif };

// Judges the type by the file's first bytes (magic numbers), never by name or
// declared type. False for anything else (SVG, HTML, PDF, text, empty or too
// short to hold the format's header).
bool SniffImageType(std::string_view bytes, ImageType* out);
const char* MimeType(ImageType t);   // "image/jpeg", "image/png", "image/webp", "image/gif"
const char* Extension(ImageType t);  // "jpg", "png", "webp", "gif"

struct ImageVariant {
  int width = 0, height = 0;
  std::string mime;       // "image/jpeg", "image/png" or "image/webp"
  // The image's variant key (see ProcessedImage), "-", the width, ".", the
  // extension; e.g. "3fa2c19d0b7e4a11-640.webp".
  std::string file_name;
  std::string bytes;      // Empty in a plan (PlanImage).
  // A crop's aspect ("1:1", "4:3", "16:9"; see ProcessedImage::crops),
  // empty for a size of the whole image. A crop is named
  // "KEY-WIDTHxHEIGHT.EXT".
  std::string aspect;
};

struct ProcessedImage {
  ImageType type = ImageType::kJpeg;
  int width = 0, height = 0;   // of the original, after auto-rotation
  std::string original_hash;   // BLAKE2b-256 of the uploaded bytes, 64 hex digits (dedupe)
  // The first 16 hex digits of the BLAKE2b hash of original_hash and of the
  // ImageLimits that shape the variants: the same original made the same
  // way always has the same names, and a change of quality or widths gives
  // new ones (the old names stay cached forever: they are immutable).
  std::string variant_key;
  // For each width of ImageLimits::widths not larger than the original, plus
  // the original's own width capped at the largest of `widths` (so an image
  // smaller than every width still has one size): one variant in the
  // original's format (JPEG stays JPEG, PNG stays PNG, WebP stays WebP, GIF
  // becomes its first frame as PNG) and one in WebP (for a WebP original the
  // two are one). Sorted by width ascending; at each width the original's
  // format comes first.
  std::vector<ImageVariant> variants;
  // The crops search engines ask for (Google's Article documentation: 1:1,
  // 4:3 and 16:9, at least 1200 px wide): one per ImageLimits::crop_aspects,
  // in the original's format, cut where libvips finds the most interest
  // (VIPS_INTERESTING_ATTENTION) from the largest variant, crop_width wide
  // or as wide as that variant allows; none that would be under
  // crop_min_pixels. Apart from `variants` so that no srcset mixes shapes.
  std::vector<ImageVariant> crops;
};

struct ImageLimits {
  size_t max_bytes = 10 * 1024 * 1024;
  // Decompression bombs are refused from the header's dimensions, before the
  // pixels are decoded.
  int max_pixels_side = 12000;
  std::vector<int> widths = {320, 640, 1024, 1600};
  int jpeg_quality = 82;
  int webp_quality = 80;
  // libwebp's effort (0–6; libvips's default is 4). 2 takes half the time of
  // 4 for files within a few percent of its size (bench/RESULTS.md,
  // "Image sizes"): WebP was more than half of all the work of an image.
  int webp_effort = 2;
  // The crops' aspects (width:height) and their width.
  std::vector<std::pair<int, int>> crop_aspects = {{1, 1}, {4, 3}, {16, 9}};
  int crop_width = 1200;
  // A crop smaller than this (width × height) is not made: Google takes no
  // image under 50,000 pixels, and structured data then names the largest
  // size instead.
  int crop_min_pixels = 50000;
};

// Decodes, auto-rotates by EXIF orientation, converts to sRGB and strips ALL
// metadata (EXIF incl. GPS, XMP, IPTC, the ICC profile), makes the variants.
// Status::Invalid with an Arabic message, fit to show the person who uploaded
// the file, when it is too large, of a type not accepted, corrupt or
// truncated, or of dimensions too large. Never throws. Calls
// InitImageLibrary itself if it was not called.
// PlanImage, then MakeVariants.
Status ProcessImage(std::string_view bytes, const ImageLimits& limits, ProcessedImage* out);

// Everything of ProcessImage's result but the variants' bytes, from the
// header alone (about a millisecond for a photo): the size and type checks,
// the hashes, and each variant's name, width, height and type. A file whose
// pixels are broken past its header passes here and fails in MakeVariants.
Status PlanImage(std::string_view bytes, const ImageLimits& limits, ProcessedImage* out);

// Decodes `bytes` once and fills in the bytes of every variant in
// `plan->variants`, each at exactly its planned width, height and type (the
// plan may come from PlanImage or from a stored item). Same errors as
// ProcessImage; on error `plan` keeps no bytes.
Status MakeVariants(std::string_view bytes, const ImageLimits& limits, ProcessedImage* plan);

// Starts libvips. Call once at program start; safe to call more than once
// (only the first call does anything) and from any thread. Afterwards
// ProcessImage may run on several threads at once. It also sets libvips up
// for a server with one thread per core: no operation cache, one worker
// thread per pipeline, and the loaders libvips marks untrusted (ImageMagick,
// SVG, PDF...) blocked.
Status InitImageLibrary(const char* argv0);

}  // namespace qalam
