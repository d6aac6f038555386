// The WordPress export reader (wordpress/wxr.h) on any file: it reads or
// refuses with a position and a message, never crashes or hangs (libxml2's
// reader, no DTD, no external entities), and every item's content converts.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz_check.h"
#include "wordpress/content.h"
#include "wordpress/wxr.h"

namespace {

const std::string& ScratchFile() {
  static const std::string path = [] {
    char pattern[] = "/tmp/qalam-fuzz-wxr-XXXXXX";
    const int fd = mkstemp(pattern);
    QALAM_FUZZ_CHECK(fd >= 0, "mkstemp");
    close(fd);
    static std::string removed = pattern;
    std::atexit([] { std::remove(removed.c_str()); });
    return std::string(pattern);
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = ScratchFile();
  FILE* f = std::fopen(path.c_str(), "wb");
  QALAM_FUZZ_CHECK(f != nullptr, "fopen");
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  qalam::wp::WxrHandler handler;
  size_t items = 0;
  handler.on_item = [&items](qalam::wp::WxrItem&& item) {
    ++items;
    (void)qalam::wp::ConvertContent(item.content, {});
    (void)qalam::wp::ExcerptToHighlights(item.excerpt);
    return qalam::Status::Ok();
  };
  qalam::wp::WxrError error;
  qalam::Status st = qalam::wp::ReadWxr(path, handler, &error);
  QALAM_FUZZ_CHECK(st.ok() || st.IsInvalid(), st.message());
  if (!st.ok()) QALAM_FUZZ_CHECK(!error.message.empty(), "a refusal without a message");
  return 0;
}
