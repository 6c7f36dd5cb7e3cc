#include "http/pagination.h"

#include <charconv>

namespace warmcity::http {

namespace {
constexpr std::string_view kPrefix = "c1.";
}

std::string encode_cursor(int64_t last_id) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string digits;
  uint64_t v = static_cast<uint64_t>(last_id);
  do {
    digits.insert(digits.begin(), kDigits[v % 36]);
    v /= 36;
  } while (v);
  return std::string(kPrefix) + digits;
}

std::optional<int64_t> decode_cursor(std::string_view cursor) {
  if (cursor.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  cursor.remove_prefix(kPrefix.size());
  if (cursor.empty() || cursor.size() > 12) return std::nullopt;
  int64_t v = 0;
  for (char c : cursor) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v * 36 + d;
  }
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

Result<Page> parse_page(const Request& request, int default_limit, int max_limit) {
  Page page;
  page.limit = default_limit;
  std::vector<FieldError> errors;
  if (auto limit = request.query_param("limit")) {
    int v = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), v);
    if (ec != std::errc() || end != limit->data() + limit->size() || v < 1 || v > max_limit) {
      errors.push_back({"limit", "must be a whole number from 1 to " + std::to_string(max_limit)});
    } else {
      page.limit = v;
    }
  }
  if (auto cursor = request.query_param("cursor")) {
    page.before_id = decode_cursor(*cursor);
    if (!page.before_id) errors.push_back({"cursor", "is not a cursor this list gave out"});
  }
  if (!errors.empty()) return Status::Unprocessable("bad list parameters", std::move(errors));
  return page;
}

}  // namespace warmcity::http
