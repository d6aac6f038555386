// Images standing alone in an article body (docs/ARTICLE-FORMAT.md,
// "Figures and galleries"): a figure with its caption and credit, and a
// gallery of several figures.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qalam {

struct FigureImage {
  std::string url;
  std::string alt;
  std::string caption;
  std::string credit;
};

// An image's Markdown title as caption and credit: "CAPTION", or
// "CAPTION | CREDIT" split at the last " | ", or "| CREDIT" for a credit
// alone. Both trimmed.
void SplitImageTitle(std::string_view title, std::string* caption, std::string* credit);

// <figure class="figure"><img src alt loading="lazy" decoding="async">
// <figcaption><span class="caption">…</span> <span class="credit">…</span>
// </figcaption></figure>, the figcaption only with a caption or a credit.
// Every text escaped; an unsafe address (content/html_attr.h) gives src="".
std::string FigureHtml(const FigureImage& image);

// <div class="gallery" role="group" aria-label="معرض صور"> holding one
// FigureHtml per image.
std::string GalleryHtml(const std::vector<FigureImage>& images);

}  // namespace qalam
