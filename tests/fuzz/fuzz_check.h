// What a fuzz target does when a property fails: says which and aborts, so
// libFuzzer saves the input as a crash (scripts/fuzz.sh).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>

#define QALAM_FUZZ_CHECK(cond, what)                                              \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      std::fprintf(stderr, "fuzz check failed: %s: %s\n", #cond, std::string(what).c_str()); \
      std::abort();                                                                \
    }                                                                              \
  } while (0)
