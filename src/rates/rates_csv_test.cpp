#include "rates/rates_csv.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace warmcity::rates
