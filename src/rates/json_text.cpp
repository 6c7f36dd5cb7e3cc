#include "rates/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace warmcity::rates {

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
    return;
  }
  // The shortest digits, as d.ddde±x; then laid out as nlohmann's
  // format_buffer does (its min_exp -4, max_exp 15).
  char sci[40];
  const auto r = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific);
  std::string_view text(sci, r.ptr - sci);
  if (text.front() == '-') {
    out += '-';
    text.remove_prefix(1);
  }
  const size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point after n digits
  if (k <= n && n <= 15) {
    out += digits;
    out.append(n - k, '0');
    out += ".0";
  } else if (0 < n && n <= 15) {
    out.append(digits, 0, n);
    out += '.';
    out.append(digits, n);
  } else if (-4 < n && n <= 0) {
    out += "0.";
    out.append(-n, '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    const int x = n - 1;
    out += x < 0 ? '-' : '+';
    const int a = std::abs(x);
    if (a < 10) out += '0';
    out += std::to_string(a);
  }
}

void append_json_number(std::string& out, const std::optional<double>& v) {
  if (v) {
    append_json_number(out, *v);
  } else {
    out += "null";
  }
}

void append_json_string(std::string& out, std::string_view s) {
  bool plain = core::utf8_length(s).has_value();
  for (char c : s) {
    plain = plain && static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
  }
  if (!plain) {
    out += nlohmann::json(std::string(s))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

}  // namespace warmcity::rates
