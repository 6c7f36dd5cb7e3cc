#include "accounts/id_chunks.h"

#include <algorithm>

#include "store/sql_list.h"

namespace warmcity::accounts {

std::vector<IdChunk> id_chunks(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<IdChunk> out;
  for (size_t at = 0; at < ids.size(); at += kIdChunk) {
    const size_t n = std::min(kIdChunk, ids.size() - at);
    const size_t padded = store::padded_length(n);
    IdChunk chunk;
    chunk.placeholders = store::placeholders(padded);
    chunk.values.assign(ids.begin() + static_cast<std::ptrdiff_t>(at),
                        ids.begin() + static_cast<std::ptrdiff_t>(at + n));
    chunk.values.resize(padded, chunk.values.back());
    out.push_back(std::move(chunk));
  }
  return out;
}

}  // namespace warmcity::accounts
