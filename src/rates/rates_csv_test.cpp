#include "rates/rates_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace warmcity::rates {
namespace {

TEST(Csv, QuotesOnlyWhatRfc4180Needs) {
  EXPECT_EQ(csv_field("城管局"), "城管局");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_record({"a", "", "b,c"}), "a,,\"b,c\"\r\n");
}

TEST(Csv, BomHeaderRowsTotalAndNoFormulas) {
  Row r;
  r.id = 7;
  r.name = "=HYPERLINK(\"x\")";
  r.rank = 1;
  r.valid_callbacks = 4;
  r.response_rate = 1.0;
  r.resolution_rate = 0.75;
  r.satisfaction_rate = 0.725;
  r.composite = 0.765;
  std::string csv = rates_csv({r}, Row{});
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("排名/rank,编号/id,名称/name,"), std::string::npos);
  EXPECT_NE(csv.find("\r\n1,7,\"'=HYPERLINK(\"\"x\"\")\",4,0,0,0,0,0,100.00,75.00,72.50,76.50,"),
            std::string::npos);
  EXPECT_NE(csv.find("\r\n,,合计 (total),0,"), std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

// The rates' two decimals (std::to_chars) are what printf's "%.2f" wrote,
// halfway cases included.
TEST(Csv, RatesWithTwoDecimalsAsPrintfWroteThem) {
  std::mt19937_64 rng(20261207);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values = {0.0, 1.0, 0.125, 0.00125, 0.00005, 0.99995, 0.5, 1.0 / 3};
  for (int i = 0; i < 5000; ++i) values.push_back(unit(rng));
  for (int i = 0; i < 1000; ++i) values.push_back(static_cast<double>(rng() % 100001) / 100000);
  for (double v : values) {
    Row r;
    r.response_rate = v;
    const std::string csv = rates_csv({r}, Row{});
    // The row's tenth field: rank, id, name and six counts come first.
    size_t at = csv.find("\r\n") + 2;
    for (int field = 0; field < 9; ++field) at = csv.find(',', at) + 1;
    const std::string got = csv.substr(at, csv.find(',', at) - at);
    char want[64];
    std::snprintf(want, sizeof want, "%.2f", v * 100);
    ASSERT_EQ(got, want) << v;
  }
}

}  // namespace
}  // namespace warmcity::rates
