// The fuzz targets' check on HTML Qalam makes from untrusted text (Markdown
// bodies, comments, WordPress content): parsed as a browser would (gumbo),
// it may hold only the elements and attributes Qalam's renderers write, and
// no address that runs or embeds anything (javascript:, data:, vbscript:…).
// Returns "" when safe, else what is wrong, for the crash report.
#pragma once
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>

namespace qalam::fuzz {

inline std::string UrlScheme(std::string_view url) {
  // As a browser reads it (the URL standard): leading spaces and controls
  // skipped, tabs and newlines anywhere removed, then a letter and letters,
  // digits, '+', '-', '.' up to a ':', case folded. Anything else before the
  // first ':' makes the address relative (no scheme).
  std::string s;
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  for (; i < url.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == ':') return s;
    const bool ok = std::isalpha(c) || (!s.empty() && (std::isdigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) return "";
    s += static_cast<char>(std::tolower(c));
  }
  return "";
}

inline std::string CheckNode(const GumboNode* node) {
  static const std::set<std::string> kElements = {
      "html", "head", "body", "p", "a", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol",
      "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "img", "table", "thead", "tbody", "tr",
      "th", "td", "figure", "figcaption", "div", "span", "button", "mark", "sup", "section", "bdi"};
  static const std::set<std::string> kUrlAttributes = {"href", "src", "srcset", "action", "formaction",
                                                       "data-embed-src", "poster", "xlink:href", "background"};
  static const std::set<std::string> kSchemes = {"", "http", "https", "mailto", "tel"};
  if (node->type != GUMBO_NODE_ELEMENT) return "";
  const GumboElement& e = node->v.element;
  std::string tag = e.tag == GUMBO_TAG_UNKNOWN ? "?" : gumbo_normalized_tagname(e.tag);
  if (!kElements.count(tag)) return "element <" + tag + ">";
  for (unsigned i = 0; i < e.attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(e.attributes.data[i]);
    std::string name = attr->name;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name.rfind("on", 0) == 0) return "attribute " + name + " on <" + tag + ">";
    if (name == "style" || name == "srcdoc" || name == "http-equiv") return "attribute " + name;
    if (kUrlAttributes.count(name) && !kSchemes.count(UrlScheme(attr->value))) {
      return "address " + std::string(attr->value) + " in " + name + " of <" + tag + ">";
    }
  }
  for (unsigned i = 0; i < e.children.length; ++i) {
    std::string problem = CheckNode(static_cast<const GumboNode*>(e.children.data[i]));
    if (!problem.empty()) return problem;
  }
  return "";
}

inline std::string CheckHtml(const std::string& html) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string problem = CheckNode(out->root);
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return problem;
}

}  // namespace qalam::fuzz
