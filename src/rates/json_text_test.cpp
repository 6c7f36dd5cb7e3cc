// json_text.h writes what nlohmann::json's dump() writes for the same value
// (integral values, tiny and huge numbers, the layout of fixed and exponent
// forms); rates' rounded fractions and hours and random doubles read back as
// the same double as nlohmann's text; names in Chinese, with quotes, control characters and
// invalid UTF-8.
#include "rates/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace warmcity::rates {
namespace {

std::string theirs(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
std::string number(double v) {
  std::string out;
  append_json_number(out, v);
  return out;
}
std::string text(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonText, NumbersAsNlohmannWritesThem) {
  for (double v : {0.0,
                   -0.0,
                   1.0,
                   -1.0,
                   0.725,
                   0.74,
                   0.1,
                   0.333333,
                   1e-6,
                   1e-5,
                   0.0001,
                   0.001,
                   5.913715,
                   141.531146,
                   12.5,
                   100.0,
                   123456789.0,
                   1e14,
                   1e15,
                   9.99e14,
                   1e16,
                   1.5e17,
                   1e300,
                   5e-324,
                   2.2250738585072014e-308,
                   -3.25e-7,
                   std::numeric_limits<double>::max()}) {
    EXPECT_EQ(number(v), theirs(v)) << v;
  }
  std::mt19937_64 rng(15);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 20000; ++i) {
    const double fraction = std::round(unit(rng) * 1e6) / 1e6;
    const double hours = std::round(unit(rng) * 1e4 * 1e6) / 1e6;
    const double any = std::ldexp(unit(rng), static_cast<int>(rng() % 200) - 100);
    // nlohmann's grisu2 sometimes spells a double longer than it must
    // ("4977.0215690000005" for 4977.021569): the text may differ, the
    // double read back may not.
    for (double v : {fraction, hours, any, -any}) {
      EXPECT_EQ(std::stod(number(v)), v) << number(v);
      EXPECT_EQ(std::stod(number(v)), std::stod(theirs(v))) << number(v);
    }
  }
  EXPECT_EQ(number(std::nan("")), "null");
  std::string out;
  append_json_number(out, std::optional<double>());
  EXPECT_EQ(out, "null");
}

TEST(JsonText, StringsAsNlohmannWritesThem) {
  for (const std::string& s :
       std::vector<std::string>{"", "网格04413", "区住建局", "a \"quoted\" name", "back\\slash",
                                "tab\there", "line\nbreak", std::string("nul\0in", 6), "\x7f",
                                "bad \xff utf-8", "（未派至部门）", "=1+2"}) {
    EXPECT_EQ(text(s), theirs(s)) << s;
  }
}

}  // namespace
}  // namespace warmcity::rates
