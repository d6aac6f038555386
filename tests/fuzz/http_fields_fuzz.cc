// What a request's target and headers carry: query strings and form bodies
// (web/query_string.h), cookies (web/cookies.h) and HTTP dates
// (core/http_date.h). A query string that parses holds only valid UTF-8;
// a date that parses writes back as itself.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "core/http_date.h"
#include "core/text.h"
#include "fuzz_check.h"
#include "web/cookies.h"
#include "web/query_string.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> fields;
  if (qalam::ParseQueryString(input, &fields)) {
    for (const auto& [name, value] : fields) {
      QALAM_FUZZ_CHECK(qalam::IsValidUtf8(name) && qalam::IsValidUtf8(value), "invalid UTF-8 accepted");
    }
  }
  for (const auto& [name, value] : qalam::ParseCookies(input)) {
    QALAM_FUZZ_CHECK(name.find(';') == std::string::npos && value.find(';') == std::string::npos,
                     "a cookie kept its separator");
  }
  int64_t when = 0;
  if (qalam::ParseHttpDate(input, &when)) {
    int64_t again = -1;
    QALAM_FUZZ_CHECK(qalam::ParseHttpDate(qalam::FormatHttpDate(when), &again) && again == when,
                     "a parsed date does not write back: " + qalam::FormatHttpDate(when));
  }
  return 0;
}
