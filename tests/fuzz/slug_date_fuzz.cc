// Slugs (arabic/slug.h) and ISO 8601 dates (arabic/dates.h). A slug is
// never longer than asked, holds no character a URL path must escape but
// letters, and is idempotent; a date that parses formats back to the same
// instant.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "arabic/dates.h"
#include "arabic/slug.h"
#include "core/text.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string slug = qalam::MakeSlug(input, 40);
  QALAM_FUZZ_CHECK(qalam::IsValidUtf8(slug), "slug is not UTF-8");
  for (char c : slug) {
    const unsigned char u = static_cast<unsigned char>(c);
    QALAM_FUZZ_CHECK(u >= 0x80 || std::isalnum(u) || c == '-', "slug holds '" + std::string(1, c) + "'");
  }
  QALAM_FUZZ_CHECK(slug.empty() || (slug.front() != '-' && slug.back() != '-'), "slug " + slug);
  QALAM_FUZZ_CHECK(qalam::MakeSlug(slug, 40) == slug, "MakeSlug is not idempotent: " + slug);
  for (const char* zone : {"UTC", "Asia/Riyadh", "America/New_York"}) {
    int64_t when = 0;
    if (qalam::ParseIsoDateTime(input, zone, &when).ok()) {
      int64_t again = -1;
      const std::string written = qalam::FormatIsoDateTime(when, zone);
      QALAM_FUZZ_CHECK(qalam::ParseIsoDateTime(written, zone, &again).ok() && again == when,
                       input + " → " + written);
    }
  }
  return 0;
}
