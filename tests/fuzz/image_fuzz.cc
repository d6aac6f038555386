// Uploaded files (media/image.h, media/image_credit.h): the type is judged
// by magic numbers alone; a file that sniffs as an image is planned from its
// header (libvips) within the limits, or refused; photo credits read from
// IPTC and XMP blocks are one line of at most 200 characters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.h"
#include "fuzz_check.h"
#include "media/image.h"
#include "media/image_credit.h"

namespace {

void CheckCredit(const std::string& credit) {
  QALAM_FUZZ_CHECK(qalam::IsValidUtf8(credit), "credit is not UTF-8");
  QALAM_FUZZ_CHECK(credit.find('\n') == std::string::npos, "credit of several lines");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  QALAM_FUZZ_CHECK(qalam::InitImageLibrary((*argv)[0]).ok(), "libvips");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckCredit(qalam::IptcCredit(bytes));
  CheckCredit(qalam::XmpCredit(bytes));
  qalam::ImageType type;
  if (!qalam::SniffImageType(bytes, &type)) return 0;
  qalam::ImageLimits limits;
  limits.max_pixels_side = 4096;
  qalam::ProcessedImage plan;
  if (qalam::PlanImage(bytes, limits, &plan).ok()) {
    QALAM_FUZZ_CHECK(plan.width > 0 && plan.height > 0, "a plan without a size");
    QALAM_FUZZ_CHECK(plan.width <= limits.max_pixels_side && plan.height <= limits.max_pixels_side,
                     "a plan over the limit");
  }
  CheckCredit(qalam::ReadImageCredit(bytes));
  return 0;
}
