#include "core/line_reader.h"

namespace qalam {

LineRead ReadBoundedLine(std::istream& in, size_t max_bytes, std::string* line) {
  line->clear();
  if (!in.good()) return LineRead::kEnd;
  bool any = false, too_long = false;
  // The line a chunk at a time; past the bound, chunks are only read.
  char chunk[16384];
  for (;;) {
    in.getline(chunk, sizeof chunk);
    const std::streamsize got = in.gcount();  // with the '\n', when one was read
    const bool full = in.fail() && !in.eof();  // the chunk filled before a '\n'
    const bool newline = !in.fail() && !in.eof();
    const size_t stored = static_cast<size_t>(got) - (newline ? 1 : 0);
    if (got > 0) any = true;
    if (!too_long && line->size() + stored > max_bytes) {
      too_long = true;
      line->clear();
      line->shrink_to_fit();
    }
    if (!too_long) line->append(chunk, stored);
    if (!full) break;
    in.clear(in.rdstate() & ~std::ios::failbit);
  }
  // A read that ended the stream without a byte fails it, as std::getline.
  if (!any) return LineRead::kEnd;
  if (in.fail() && in.eof()) in.clear(std::ios::eofbit);
  return too_long ? LineRead::kTooLong : LineRead::kLine;
}

}  // namespace qalam
