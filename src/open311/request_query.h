// The query of GET requests.[format], read by the spec's rules:
//   service_request_id  comma-delimited ids; when given, every other filter
//                       is ignored ("this overrides all other arguments")
//   service_code        comma-delimited codes; default: all
//   status              comma-delimited, each open | closed; default: both
//   start_date,         W3C date-times with Z or an ±HH:MM offset. Neither:
//   end_date            the most recent 90 days. Only start: 90 days from it;
//                       only end: the 90 days up to it. Both: at most 90 days
//                       apart, end not before start. end_date is inclusive.
//   page, page_size     warmcity's paging extension: page from 1, page_size
//                       1–1000 (default 1000, the spec's default volume); the
//                       pages before it hold at most 100,000 requests
// A '+' of an offset that arrived unencoded (and so decoded as a space) is
// read as '+'. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/message.h"

namespace warmcity::open311 {

inline constexpr int64_t kMaxSpanSeconds = 90 * 86400;
inline constexpr int kMaxPageSize = 1000;
inline constexpr int kMaxPage = 100000;
inline constexpr int64_t kMaxSkipped = 100000;  // requests on the pages before `page`
inline constexpr size_t kMaxIds = 100;

struct RequestQuery {
  std::vector<std::string> ids;  // service_request_id
  std::vector<std::string> service_codes;
  bool open = true;    // include open requests
  bool closed = true;  // include closed requests
  int64_t from = 0;    // requested_datetime >= from
  int64_t until = 0;   // requested_datetime < until
  int page = 1;
  int page_size = kMaxPageSize;
};

// kUnprocessable with one field error per bad parameter (the edge answers
// 400 with one error entry each).
Result<RequestQuery> parse_request_query(const http::Request& req, int64_t now);

// "a, b,,c" → {"a", "b", "c"}.
std::vector<std::string> split_list(std::string_view text);

// A W3C / RFC 3339 date-time with a zone; kInvalidArgument otherwise.
Result<int64_t> parse_w3c_datetime(std::string text);

}  // namespace warmcity::open311
