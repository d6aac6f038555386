#include "content/figures.h"

#include "content/html_attr.h"
#include "core/text.h"

namespace qalam {

void SplitImageTitle(std::string_view title, std::string* caption, std::string* credit) {
  const std::string t = Trim(title);
  caption->clear();
  credit->clear();
  if (t.rfind("| ", 0) == 0 || t == "|") {
    *credit = Trim(std::string_view(t).substr(1));
    return;
  }
  const size_t bar = t.rfind(" | ");
  if (bar == std::string::npos) {
    *caption = t;
    return;
  }
  *caption = Trim(std::string_view(t).substr(0, bar));
  *credit = Trim(std::string_view(t).substr(bar + 3));
}

std::string FigureHtml(const FigureImage& image) {
  std::string html = "<figure class=\"figure\"><img src=\"" + HtmlUrlAttr(image.url) + "\" alt=\"" +
                     HtmlEscape(image.alt) + "\" loading=\"lazy\" decoding=\"async\">";
  if (!image.caption.empty() || !image.credit.empty()) {
    html += "<figcaption>";
    if (!image.caption.empty()) html += "<span class=\"caption\">" + HtmlEscape(image.caption) + "</span>";
    if (!image.caption.empty() && !image.credit.empty()) html += " ";
    if (!image.credit.empty()) html += "<span class=\"credit\">" + HtmlEscape(image.credit) + "</span>";
    html += "</figcaption>";
  }
  html += "</figure>";
  return html;
}

std::string GalleryHtml(const std::vector<FigureImage>& images) {
  std::string html = "<div class=\"gallery\" role=\"group\" aria-label=\"معرض صور\">";
  for (const FigureImage& image : images) html += FigureHtml(image);
  html += "</div>";
  return html;
}

}  // namespace qalam
