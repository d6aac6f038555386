// multipart/form-data request bodies (RFC 7578), as browsers send file
// uploads. Parts point into the body; nothing is copied.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qalam {

struct FormPart {
  std::string name;          // The form field's name.
  std::string filename;      // Set for file fields (may be empty when none was chosen).
  bool is_file = false;
  std::string content_type;  // As the browser declared it: never trusted for files.
  std::string_view data;
};

// The boundary of a "multipart/form-data; boundary=…" content type; empty
// when it is not one.
std::string MultipartBoundary(std::string_view content_type);

// Splits `body` at `boundary`. False when the body is malformed (no
// closing boundary, a part without its blank line, more than `max_parts`).
bool ParseMultipart(std::string_view body, const std::string& boundary, std::vector<FormPart>* out,
                    size_t max_parts = 64);

}  // namespace qalam
