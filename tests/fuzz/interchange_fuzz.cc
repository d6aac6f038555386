// The interchange format (docs/ARTICLE-FORMAT.md): one line parses into an
// article or is refused with a reason; the same input as a whole file
// imports into a site without the store failing (bad lines are counted in
// the summary, never an error of the import as a whole).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "fuzz_site.h"
#include "services/importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  static qalam::Store& store = qalam::fuzz::FuzzSite("");
  std::istringstream lines(input);
  std::string line;
  while (std::getline(lines, line)) {
    qalam::Article article;
    std::vector<qalam::ImportedComment> comments;
    qalam::Status st = qalam::ParseArticleLine(line, "Asia/Riyadh", 1700000000, &article, &comments);
    QALAM_FUZZ_CHECK(st.ok() || st.IsInvalid(), st.message());
  }
  std::istringstream in(input);
  qalam::ImportSummary summary;
  qalam::Status st = qalam::ImportArticles(store, in, &summary);
  QALAM_FUZZ_CHECK(st.ok(), st.message());
  return 0;
}
