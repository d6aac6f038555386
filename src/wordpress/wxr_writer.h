// A writer of WordPress export files (WXR 1.2), on libxml2's xmlTextWriter:
// what `qalam export --format wxr` writes, read back by wordpress/wxr.h and
// by WordPress's own importer. Pure: it is given the plain structs of
// wordpress/wxr.h and writes them, converting nothing.
//
// Output is UTF-8. Text that XML 1.0 cannot hold (control characters other
// than tab and line breaks, invalid UTF-8) is dropped rather than written
// into a file no reader accepts. Content, excerpts, names and meta values
// are written as CDATA, as WordPress writes them; a "]]>" inside one is
// split across two CDATA sections, so any text stays data. An element the
// reader would join (wordpress/wxr.h: "an element's value is its own text
// and CDATA children joined") reads back as the text given.
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "core/status.h"
#include "wordpress/wxr.h"

namespace qalam::wp {

class WxrWriter {
 public:
  // Writes to `out`, which must outlive the writer.
  explicit WxrWriter(std::ostream& out);
  ~WxrWriter();
  WxrWriter(const WxrWriter&) = delete;
  WxrWriter& operator=(const WxrWriter&) = delete;

  // The document's start and the channel's own fields (site.wxr_version is
  // written as "1.2" whatever it holds). Call first, once.
  Status Begin(const WxrSite& site);
  // Then authors, then terms (taxonomy "category" or "post_tag"; others as
  // wp:term), then items, in that order, as WordPress writes them.
  Status Author(const WxrAuthor& author);
  Status Term(const WxrTerm& term);
  // An item with its terms, meta and comments. item.post_date_gmt and the
  // comments' dates are "YYYY-MM-DD HH:MM:SS"; pubDate is written from
  // `pub_date` (RFC 822), empty for none.
  Status Item(const WxrItem& item, const std::string& pub_date = "");
  // Closes the channel and the document and flushes `out`.
  Status End();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qalam::wp
