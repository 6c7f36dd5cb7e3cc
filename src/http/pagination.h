// Bounded lists: `limit` and an opaque `cursor` for every list route.
//
// Lists are ordered by id descending (newest first); the cursor names the
// last id the client has seen. Clients must treat it as opaque text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace warmcity::http {

struct Page {
  int limit = 50;
  std::optional<int64_t> before_id;  // from the cursor: only ids below this
};

// Reads ?limit= (1..max_limit, default_limit when absent) and ?cursor=.
// kUnprocessable naming the parameter when either is malformed.
Result<Page> parse_page(const Request& request, int default_limit = 50, int max_limit = 200);

std::string encode_cursor(int64_t last_id);
std::optional<int64_t> decode_cursor(std::string_view cursor);

}  // namespace warmcity::http
