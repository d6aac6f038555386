// multipart/form-data bodies (web/multipart.h). The input's first line is
// the Content-Type header, the rest the body. Every part must point inside
// the body; never more parts than asked for.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "web/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string content_type = newline == std::string::npos ? input : input.substr(0, newline);
  const std::string body = newline == std::string::npos ? "" : input.substr(newline + 1);
  std::string boundary = qalam::MultipartBoundary(content_type);
  if (boundary.empty()) boundary = "b";  // Still split the body at something.
  std::vector<qalam::FormPart> parts;
  if (qalam::ParseMultipart(body, boundary, &parts, 8)) {
    QALAM_FUZZ_CHECK(parts.size() <= 8, "more parts than max_parts");
    for (const auto& part : parts) {
      QALAM_FUZZ_CHECK(part.data.data() >= body.data() &&
                           part.data.data() + part.data.size() <= body.data() + body.size(),
                       "a part points outside the body");
    }
  }
  return 0;
}
