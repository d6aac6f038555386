// Files compiled into the binary (the default theme, the welcome site), keyed
// by their path relative to the repository root.
#pragma once
#include <string_view>
#include <vector>

namespace qalam {

struct EmbeddedFile {
  std::string_view path;
  std::string_view bytes;
};

const std::vector<EmbeddedFile>& EmbeddedFiles();

}  // namespace qalam
