#include "core/csv.h"

#include <gtest/gtest.h>

namespace warmcity::core {
namespace {

std::vector<std::string> fields(std::initializer_list<const char*> f) {
  return {f.begin(), f.end()};
}

TEST(Csv, ReadsQuotesCommasDoubledQuotesAndLineBreaks) {
  auto r = read_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\r\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].fields, fields({"a", "b", "c"}));
  EXPECT_EQ((*r)[1].fields, fields({"x, y", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ((*r)[1].line, 2u);
  EXPECT_EQ((*r)[2].line, 4u);  // the quoted line break counts
  EXPECT_EQ((*r)[2].fields, fields({"last", "", ""}));
}

TEST(Csv, LfOnlyNoFinalBreakAndBlankLinesDropped) {
  auto r = read_csv("a,b\n\n1,2\n\n3,4");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].line, 3u);
  EXPECT_EQ((*r)[2].line, 5u);
  EXPECT_EQ((*r)[2].fields, fields({"3", "4"}));
}

TEST(Csv, ReportsTheLineOfBrokenQuoting) {
  size_t line = 0;
  auto open = read_csv("a,b\n1,2\n\"never\nends,3\n", &line);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(line, 3u);
  EXPECT_EQ(open.status().field_errors()[0].field, "csv");
  auto stray = read_csv("a,b\nx,y\"z\n", &line);
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(line, 2u);
  auto after = read_csv("a,b\n\"x\"y,z\n", &line);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(line, 2u);
}

TEST(Csv, WritesWhatItReads) {
  std::string out;
  append_csv_record(out, fields({"plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""}));
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\r\n");
  auto back = read_csv(out);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ((*back)[0].fields, fields({"plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""}));
}

// What a spreadsheet would run as a formula gets an apostrophe; other text stays.
TEST(Csv, DefusesFormulas) {
  for (const char* f : {"=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"}) {
    EXPECT_TRUE(csv_formula_like(f)) << f;
    EXPECT_EQ(csv_defused(f), std::string("'") + f);
  }
  EXPECT_FALSE(csv_formula_like(""));
  EXPECT_EQ(csv_defused("张桂兰"), "张桂兰");
  EXPECT_EQ(csv_defused("a=b"), "a=b");
}

}  // namespace
}  // namespace warmcity::core
