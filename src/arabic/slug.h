// URL slugs that keep Arabic: "تداعيات أزمة كازاخستان" becomes
// "تداعيات-أزمة-كازاخستان". Tashkeel and tatweel are dropped, Latin is
// lower-cased, anything that is not a letter or digit becomes one hyphen.
#pragma once
#include <string>

namespace qalam {

// At most max_chars code points, cut at a hyphen where possible. Returns ""
// when the text has no letter or digit at all.
std::string MakeSlug(const std::string& text, size_t max_chars = 80);

}  // namespace qalam
