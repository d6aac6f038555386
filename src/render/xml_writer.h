// XmlWriter: an XML document written into memory through libxml2's
// xmlTextWriter, for feeds and sitemaps. Text and attribute values are
// escaped by libxml2; characters XML 1.0 cannot hold (invalid UTF-8, the
// C0 controls but tab, LF and CR, U+FFFE, U+FFFF) are dropped first, as in
// wordpress/wxr_writer. Elements are named with their prefix ("dc:creator");
// namespaces are declared as attributes ("xmlns:dc") on the root.
#pragma once
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/text.h"

namespace qalam {

class XmlWriter {
 public:
  // Starts the document (<?xml version="1.0" encoding="UTF-8"?>).
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  void Start(const char* name);
  void Attribute(const char* name, std::string_view value);
  void End();
  // <name>text</name>.
  void Element(const char* name, std::string_view text);
  void Text(std::string_view text);
  // <name><![CDATA[text]]></name>, "]]>" split across two sections.
  void Cdata(const char* name, std::string_view text);
  // Ends every open element and the document; the bytes, or Io when
  // libxml2 failed.
  Status Finish(std::string* out);

 private:
  struct Impl;
  Impl* impl_;
};


}  // namespace qalam
