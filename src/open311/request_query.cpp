#include "open311/request_query.h"

#include <charconv>
#include <optional>

#include "core/time.h"

namespace warmcity::open311 {

namespace {

std::optional<int> small_int(std::string_view text, int min, int max) {
  int v = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), v);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

// The parameter, or nullopt when absent or empty (the spec's optional rule).
std::optional<std::string> param(const http::Request& req, std::string_view name) {
  std::optional<std::string> v = req.query_param(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

Result<int64_t> parse_w3c_datetime(std::string text) {
  // "2026-11-01T00:00:00 08:00": a '+' sent unencoded in a query decodes as a space.
  if (text.size() > 19 && text[10] == 'T') {
    const size_t space = text.find(' ', 19);
    if (space != std::string::npos) text[space] = '+';
  }
  if (text.size() < 20 || text[10] != 'T') {
    return Status::InvalidArgument("a date-time with a zone, e.g. 2026-11-01T00:00:00+08:00");
  }
  return core::parse_rfc3339(text);
}

Result<RequestQuery> parse_request_query(const http::Request& req, int64_t now) {
  RequestQuery q;
  std::vector<FieldError> errors;
  if (std::optional<std::string> ids = param(req, "service_request_id")) {
    q.ids = split_list(*ids);
    if (q.ids.size() > kMaxIds) {
      errors.push_back({"service_request_id", "at most 100 ids at once"});
    }
  }
  if (std::optional<std::string> codes = param(req, "service_code")) {
    q.service_codes = split_list(*codes);
  }
  if (std::optional<std::string> status = param(req, "status")) {
    q.open = q.closed = false;
    for (const std::string& s : split_list(*status)) {
      if (s == "open") {
        q.open = true;
      } else if (s == "closed") {
        q.closed = true;
      } else {
        errors.push_back({"status", "unknown status '" + s + "': use open, closed"});
      }
    }
  }
  std::optional<int64_t> start, end;
  for (const char* name : {"start_date", "end_date"}) {
    std::optional<std::string> text = param(req, name);
    if (!text) continue;
    Result<int64_t> t = parse_w3c_datetime(*text);
    if (!t.ok()) {
      errors.push_back({name, "not a W3C date-time with a zone (" + t.status().message() +
                                  "), e.g. 2026-11-01T00:00:00+08:00"});
    } else {
      (std::string_view(name) == "start_date" ? start : end) = *t;
    }
  }
  if (start && end) {
    if (*end < *start) {
      errors.push_back({"end_date", "is before start_date"});
    } else if (*end - *start > kMaxSpanSeconds) {
      errors.push_back({"end_date", "the range may not span more than 90 days"});
    }
    q.from = *start;
    q.until = *end + 1;
  } else if (start) {
    q.from = *start;
    q.until = *start + kMaxSpanSeconds + 1;
  } else if (end) {
    q.from = *end - kMaxSpanSeconds;
    q.until = *end + 1;
  } else {
    q.from = now - kMaxSpanSeconds;
    q.until = now + 1;
  }
  if (std::optional<std::string> page = param(req, "page")) {
    std::optional<int> v = small_int(*page, 1, kMaxPage);
    if (!v) errors.push_back({"page", "a whole number from 1"});
    q.page = v.value_or(1);
  }
  if (std::optional<std::string> size = param(req, "page_size")) {
    std::optional<int> v = small_int(*size, 1, kMaxPageSize);
    if (!v) errors.push_back({"page_size", "a whole number from 1 to 1000"});
    q.page_size = v.value_or(kMaxPageSize);
  }
  if (static_cast<int64_t>(q.page - 1) * q.page_size > kMaxSkipped) {
    errors.push_back({"page", "at most 100,000 requests before the page; narrow the dates"});
  }
  if (!errors.empty()) return Status::Unprocessable("bad query parameters", std::move(errors));
  return q;
}

}  // namespace warmcity::open311
