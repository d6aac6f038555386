// The reader's search query language (services/search_query.h) and search
// itself over a small site: any query parses or is refused with a message
// (Invalid), and a search never fails otherwise (an FTS5 syntax error, a
// store error), so a reader never sees a 500 for what they typed.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/settings.h"
#include "fuzz_check.h"
#include "fuzz_site.h"
#include "services/article_text.h"
#include "services/search.h"
#include "services/search_query.h"

namespace {

constexpr char kSite[] =
    R"J({"id": "f-1", "title": "تداعيات أزمة كازاخستان على أوكرانيا", "published_at": "2022-01-15", "writer": {"name": "محمد السعيد"}, "section": "آراء", "tags": ["كازاخستان"], "body": "انتهت أحداث كازاخستان «الدامية» والاحتجاجات في المدن.\n\nما ضاعف من «الفزع الغربي»."})J"
    "\n"
    R"J({"id": "f-2", "title": "Election results \"2022\"", "published_at": "2022-02-01", "section": "أخبار", "body": "The vote - counted; OR NOT AND NEAR(a b) * ^ : {x} [y]"})J"
    "\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  static qalam::Store& store = qalam::fuzz::FuzzSite(kSite);
  static qalam::SearchService search(store);
  const qalam::Settings settings;
  qalam::ParsedQuery parsed;
  if (qalam::ParseQuery(query, qalam::SearchAnalyzer(settings), &parsed).ok()) {
    (void)qalam::BuildIndexQuery(parsed, true);
    (void)qalam::BuildIndexQuery(parsed, false);
  }
  qalam::SearchOptions options;
  options.query = query;
  qalam::SearchResult result;
  qalam::Status st = search.Run(settings, options, 1700000000, &result);
  QALAM_FUZZ_CHECK(st.ok() || st.IsInvalid(), st.message());
  for (const auto& hit : result.hits) (void)hit;
  std::vector<qalam::SearchHit> titles;
  st = search.Suggest(settings, query, 1700000000, 5, &titles);
  QALAM_FUZZ_CHECK(st.ok() || st.IsInvalid(), st.message());
  return 0;
}
