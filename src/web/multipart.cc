#include "web/multipart.h"

#include "core/text.h"

namespace qalam {

namespace {

// The value of `key` in a header's parameters ("form-data; name="x"; filename="y"").
bool HeaderParam(std::string_view header, std::string_view key, std::string* out) {
  size_t i = 0;
  while (i < header.size()) {
    size_t semi = header.find(';', i);
    if (semi == std::string_view::npos) semi = header.size();
    std::string_view param = header.substr(i, semi - i);
    while (!param.empty() && (param.front() == ' ' || param.front() == '\t')) param.remove_prefix(1);
    if (param.size() > key.size() && param.substr(0, key.size()) == key && param[key.size()] == '=') {
      std::string_view value = param.substr(key.size() + 1);
      if (value.size() >= 2 && value.front() == '"') {
        // Quoted: up to the closing quote (browsers escape quotes in names as %22).
        size_t close = header.find('"', (value.data() - header.data()) + 1);
        if (close == std::string_view::npos) return false;
        *out = std::string(header.substr((value.data() - header.data()) + 1,
                                         close - (value.data() - header.data()) - 1));
        return true;
      }
      *out = Trim(value);
      return true;
    }
    i = semi + 1;
  }
  return false;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return AsciiLower(a) == AsciiLower(b);
}

}  // namespace

std::string MultipartBoundary(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  if (!EqualsNoCase(Trim(content_type.substr(0, semi)), "multipart/form-data")) return "";
  if (semi == std::string_view::npos) return "";
  std::string boundary;
  if (!HeaderParam(content_type.substr(semi + 1), "boundary", &boundary)) return "";
  if (boundary.empty() || boundary.size() > 70) return "";
  return boundary;
}

bool ParseMultipart(std::string_view body, const std::string& boundary, std::vector<FormPart>* out,
                    size_t max_parts) {
  out->clear();
  const std::string delimiter = "--" + boundary;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return false;
  pos += delimiter.size();
  const std::string next_delimiter = "\r\n" + delimiter;
  while (true) {
    if (body.substr(pos, 2) == "--") return true;  // The closing delimiter.
    if (body.substr(pos, 2) != "\r\n") return false;
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return false;
    FormPart part;
    bool has_disposition = false;
    for (size_t line = pos; line < headers_end;) {
      size_t eol = body.find("\r\n", line);
      if (eol == std::string_view::npos || eol > headers_end) eol = headers_end;
      std::string_view header = body.substr(line, eol - line);
      const size_t colon = header.find(':');
      if (colon != std::string_view::npos) {
        std::string_view name = header.substr(0, colon);
        std::string_view value = header.substr(colon + 1);
        if (EqualsNoCase(name, "content-disposition")) {
          has_disposition = HeaderParam(value, "name", &part.name);
          part.is_file = HeaderParam(value, "filename", &part.filename);
        } else if (EqualsNoCase(name, "content-type")) {
          part.content_type = Trim(value);
        }
      }
      line = eol + 2;
    }
    if (!has_disposition) return false;
    const size_t data_start = headers_end + 4;
    const size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) return false;
    part.data = body.substr(data_start, data_end - data_start);
    if (out->size() >= max_parts) return false;
    out->push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

}  // namespace qalam
