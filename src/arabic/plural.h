// Counted nouns in Arabic by ICU's plural rules ("ar": zero, one, two, few,
// many, other), with the site's digits: 0 قرارات → «لا قرارات», 1 → «قرار
// واحد», 2 → «قراران», 3–10 → «5 قرارات», 11–99 → «12 قرارًا», 100 → «100 قرار».
#pragma once
#include <cstdint>
#include <string>

#include "arabic/dates.h"

namespace qalam {

// Each form is the whole phrase; "{n}" stands for the number.
struct CountedNoun {
  std::string zero, one, two, few, many, other;
};

std::string Count(int64_t n, const CountedNoun& noun, Digits digits);

// ASCII digits of `text` as the site writes them (Arabic-Indic or as they are).
std::string LocalDigits(const std::string& text, Digits digits);

}  // namespace qalam
