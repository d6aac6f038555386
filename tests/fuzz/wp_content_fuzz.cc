// The WordPress content converter (wordpress/content.h), Qalam's HTML
// sanitizer: any post content converts, and the Markdown it makes renders
// to HTML holding nothing that runs, and without raw HTML (the converter
// escapes text so that it never becomes any).
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/markdown.h"
#include "fuzz_check.h"
#include "html_safety.h"
#include "wordpress/content.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string html(reinterpret_cast<const char*>(data), size);
  qalam::wp::ContentOptions options;
  options.attachment_url = [](int64_t id) {
    return id % 3 == 0 ? std::string() : "https://old.example/wp-content/uploads/" + std::to_string(id) + ".jpg";
  };
  options.attachment_alt = [](int64_t id) { return id % 2 ? "<b>alt</b> *" + std::to_string(id) : ""; };
  options.attachment_caption = [](int64_t id) { return id % 2 ? "" : "[caption](javascript:x) " + std::to_string(id); };
  options.attached_images = [] { return std::vector<int64_t>{1, 2, 4}; };
  const qalam::wp::ConvertedContent converted = qalam::wp::ConvertContent(html, options);
  const std::string rendered = qalam::RenderMarkdown(converted.markdown);
  const std::string problem = qalam::fuzz::CheckHtml(rendered);
  QALAM_FUZZ_CHECK(problem.empty(), problem + "\n--- markdown:\n" + converted.markdown + "\n--- html:\n" + rendered);
  // cmark writes this comment where it dropped raw HTML; the same words in
  // the text would be escaped ("&lt;!--").
  QALAM_FUZZ_CHECK(rendered.find("<!-- raw HTML omitted -->") == std::string::npos,
                   "the converter let raw HTML through:\n" + converted.markdown);
  const std::string text = qalam::wp::HtmlToPlainText(html);
  QALAM_FUZZ_CHECK(text.find('\n') == std::string::npos, "HtmlToPlainText kept a line break");
  (void)qalam::wp::ExcerptToHighlights(html);
  return 0;
}
