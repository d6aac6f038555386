// A count of readers' views as the desk writes it: ICU's Arabic plural form
// with the number grouped by thousands in the site's digits («مشاهدة واحدة»,
// «مشاهدتان», «3 مشاهدات», «1,234 مشاهدةً», «١٬٢٣٤ مشاهدةً»).
#pragma once
#include <cstdint>
#include <string>

#include "arabic/dates.h"

namespace qalam {

std::string ViewsPhrase(int64_t n, Digits digits);

}  // namespace qalam
