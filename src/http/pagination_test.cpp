#include "http/pagination.h"

#include <gtest/gtest.h>

namespace warmcity::http {
namespace {

TEST(Cursor, RoundTrips) {
  for (int64_t id : {1LL, 35LL, 36LL, 123456789LL, (1LL << 53)}) {
    EXPECT_EQ(decode_cursor(encode_cursor(id)), id);
  }
  EXPECT_FALSE(decode_cursor("12"));
  EXPECT_FALSE(decode_cursor("c1."));
  EXPECT_FALSE(decode_cursor("c1.A!"));
}

TEST(Page, ParsesAndBoundsLimitAndCursor) {
  Request r;
  r.query = "limit=20&cursor=" + encode_cursor(99);
  auto p = parse_page(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->limit, 20);
  EXPECT_EQ(p->before_id, 99);

  r.query = "limit=0";
  EXPECT_EQ(parse_page(r).status().code(), Code::kUnprocessable);
  r.query = "limit=201";
  EXPECT_EQ(parse_page(r).status().code(), Code::kUnprocessable);
  r.query = "limit=5x&cursor=zzz";
  EXPECT_EQ(parse_page(r).status().field_errors().size(), 2u);
  r.query = "";
  EXPECT_EQ(parse_page(r, 30)->limit, 30);
}

}  // namespace
}  // namespace warmcity::http
