// A list of ids as `IN (?, ?, …)` groups, for the shared SQL dialect.
//
// Every distinct statement text is prepared and cached per connection, so a
// list is cut into groups of at most kIdChunk ids, each padded (repeating
// its last id) to a power of two: a query over any number of ids uses at
// most eight statement texts, and no group reaches an engine's limit on
// parameters. Duplicates in the input are dropped; an empty list gives no
// group (the caller never writes `IN ()`, which PostgreSQL refuses).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace warmcity::accounts {

inline constexpr size_t kIdChunk = 128;

struct IdChunk {
  std::string placeholders;     // "?, ?, ?, ?"
  std::vector<int64_t> values;  // one per placeholder, in order
};

std::vector<IdChunk> id_chunks(std::vector<int64_t> ids);

}  // namespace warmcity::accounts
