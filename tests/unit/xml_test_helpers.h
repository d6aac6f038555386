// Reading what the feed and sitemap builders write back through libxml2:
// the document must parse, and XPath (with the namespaces the builders
// declare) picks out what a test checks.
#pragma once
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <string>
#include <vector>

namespace qalam::testing_xml {

class Doc {
 public:
  explicit Doc(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "doc.xml", nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc_) return;
    ctx_ = xmlXPathNewContext(doc_);
    for (auto [prefix, uri] : std::initializer_list<std::pair<const char*, const char*>>{
             {"atom", "http://www.w3.org/2005/Atom"},
             {"content", "http://purl.org/rss/1.0/modules/content/"},
             {"dc", "http://purl.org/dc/elements/1.1/"},
             {"media", "http://search.yahoo.com/mrss/"},
             {"sm", "http://www.sitemaps.org/schemas/sitemap/0.9"},
             {"image", "http://www.google.com/schemas/sitemap-image/1.1"},
             {"news", "http://www.google.com/schemas/sitemap-news/0.9"}}) {
      xmlXPathRegisterNs(ctx_, reinterpret_cast<const xmlChar*>(prefix), reinterpret_cast<const xmlChar*>(uri));
    }
  }
  ~Doc() {
    if (ctx_) xmlXPathFreeContext(ctx_);
    if (doc_) xmlFreeDoc(doc_);
  }
  bool ok() const { return doc_ != nullptr; }
  // The string values of every node `xpath` selects, in document order.
  std::vector<std::string> All(const std::string& xpath) const {
    std::vector<std::string> out;
    if (!ctx_) return out;
    xmlXPathObjectPtr r = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx_);
    if (!r) {
      ADD_FAILURE() << "bad XPath " << xpath;
      return out;
    }
    if (r->nodesetval) {
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) {
        xmlChar* s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        out.emplace_back(s ? reinterpret_cast<const char*>(s) : "");
        xmlFree(s);
      }
    }
    xmlXPathFreeObject(r);
    return out;
  }
  // The one value `xpath` selects; "<none>" or "<many>" otherwise.
  std::string One(const std::string& xpath) const {
    std::vector<std::string> all = All(xpath);
    return all.size() == 1 ? all[0] : all.empty() ? "<none>" : "<many>";
  }

 private:
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr ctx_ = nullptr;
};

}  // namespace qalam::testing_xml
