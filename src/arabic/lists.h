// Lists of names joined as Arabic joins them ("and" lists by ICU's
// ListFormatter for "ar", from CLDR): «أحمد وسلمى», «أحمد وسلمى وعلي».
#pragma once
#include <string>
#include <vector>

namespace qalam {

// The whole list as text: «أ وب وج»; "" for none.
std::string JoinArabicList(const std::vector<std::string>& items);

// The glue around n items, for markup that wraps each item (a link per
// name): n + 1 pieces, the text before the first item, between each pair,
// and after the last, so that glue[0] + item0 + glue[1] + item1 + … +
// glue[n] is JoinArabicList's text. Empty for n == 0.
std::vector<std::string> ArabicListGlue(size_t n);

}  // namespace qalam
