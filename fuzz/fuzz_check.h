// FUZZ_CHECK: the invariant check of the fuzz targets. Unlike assert it is
// never compiled out (the replay executables build with NDEBUG), and it
// aborts, which both libFuzzer and ctest report as a failure, after printing
// what did not hold and where.
//
// REQUIRES: nothing. Thread-safety: the targets are single-threaded.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
