#include "core/files.h"

#include <fstream>
#include <iterator>

namespace qalam {

bool ReadWholeFile(const std::string& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  // A regular file: its size, then one read (an image is read this way for
  // each of thousands of attachments). Anything else (a pipe): as it comes.
  const std::streamoff size = in.tellg();
  if (size >= 0 && in.seekg(0).good()) {
    bytes->resize(static_cast<size_t>(size));
    in.read(bytes->data(), size);
    if (in.gcount() != size) return false;
    // Grown since its size was taken: the rest too.
    bytes->append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
  }
  in.clear();
  bytes->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace qalam
