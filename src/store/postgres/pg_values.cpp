#include "store/postgres/pg_values.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace warmcity::store {
namespace {

constexpr char kPgHexDigits[] = "0123456789abcdef";

int pg_hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int64_t pg_saturate(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (v <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(v);  // truncates towards zero
}

}  // namespace

void append_pg_int64(int64_t value, std::string& out) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

void append_pg_double(double value, std::string& out) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
  } else {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, end);
  }
}

void append_pg_bytea(std::string_view bytes, std::string& out) {
  const size_t at = out.size();
  out.resize(at + 2 + 2 * bytes.size());
  char* p = out.data() + at;
  *p++ = '\\';
  *p++ = 'x';
  for (unsigned char b : bytes) {
    *p++ = kPgHexDigits[b >> 4];
    *p++ = kPgHexDigits[b & 0xf];
  }
}

int64_t parse_pg_int64(std::string_view text) {
  if (text.empty()) return 0;
  if (text == "t") return 1;
  if (text == "f") return 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc() && ptr == end) return value;
  if (ec == std::errc() && *ptr == '.') {
    // NUMERIC with a fraction: the digits after the point only cut it.
    bool digits = true;
    for (const char* q = ptr + 1; q < end; ++q) digits = digits && *q >= '0' && *q <= '9';
    if (digits) return value;
  }
  return pg_saturate(parse_pg_double(text));
}

double parse_pg_double(std::string_view text) {
  if (text.empty()) return 0;
  if (text == "t") return 1;
  if (text == "f") return 0;
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    return text[0] == '-' ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity();
  }
  return ec == std::errc() ? value : 0;
}

std::string decode_pg_bytea(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) {
    return std::string(text);
  }
  std::string out((text.size() - 2) / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = pg_hex_value(text[2 + 2 * i]);
    const int lo = pg_hex_value(text[3 + 2 * i]);
    if (hi < 0 || lo < 0) return std::string(text);
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

}  // namespace warmcity::store
