// Placeholders for a variable list of values, in the shared SQL dialect.
//
// Neither json_each (SQLite) nor ANY($1::bigint[]) (PostgreSQL) runs on both
// engines, so a list is bound one value per placeholder:
//   "… WHERE id IN (" + store::placeholders(ids.size()) + ")"
// REQUIRES: n >= 1 — `IN ()` is a syntax error on PostgreSQL, so the caller
// decides what an empty list means before building the query.
#pragma once

#include <cstddef>
#include <string>

namespace warmcity::store {

// The length a list of n >= 1 values is padded to, by repeating its last
// value (IN does not mind): the next power of two. A few statement texts then
// serve every length, so the connections' prepared-statement caches, keyed by
// the text, stay small.
inline size_t padded_length(size_t n) {
  size_t p = 1;
  while (p < n) p *= 2;
  return p;
}

inline std::string placeholders(size_t n) {
  std::string out;
  out.reserve(n * 3);
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace warmcity::store
