// Markdown bodies (content/markdown.h): any input renders without a crash,
// and the HTML holds nothing that runs (html_safety.h) whatever the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/markdown.h"
#include "content/markdown_limits.h"
#include "fuzz_check.h"
#include "html_safety.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string markdown(reinterpret_cast<const char*>(data), size);
  (void)qalam::CheckMarkdownLimits(markdown);  // Exercised for crashes; rendering takes any input.
  const std::string html = qalam::RenderMarkdown(markdown);
  const std::string problem = qalam::fuzz::CheckHtml(html);
  QALAM_FUZZ_CHECK(problem.empty(), problem + "\n--- html:\n" + html);
  (void)qalam::MarkdownToText(markdown);
  return 0;
}
