#include "open311/request_query.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace warmcity::open311 {
namespace {

http::Request get(std::string query) {
  http::Request r;
  r.path = "/open311/v2/requests.json";
  r.query = std::move(query);
  return r;
}

const int64_t kNow = *core::parse_rfc3339("2026-11-26T12:00:00+08:00");

TEST(RequestQuery, DefaultsToTheLast90DaysAnd1000) {
  auto q = parse_request_query(get(""), kNow);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->from, kNow - 90 * 86400);
  EXPECT_EQ(q->until, kNow + 1);
  EXPECT_EQ(q->page_size, 1000);
  EXPECT_TRUE(q->open && q->closed);
}

TEST(RequestQuery, DatesStatusAndLists) {
  auto q = parse_request_query(
      get("start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-11-02T00:00:00Z&status=closed&"
          "service_code=fire,+parking&service_request_id=A,B"),
      kNow);
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->from, *core::parse_rfc3339("2026-10-31T16:00:00Z"));
  EXPECT_EQ(q->until, *core::parse_rfc3339("2026-11-02T00:00:01Z"));
  EXPECT_FALSE(q->open);
  EXPECT_TRUE(q->closed);
  EXPECT_EQ(q->service_codes, (std::vector<std::string>{"fire", "parking"}));
  EXPECT_EQ(q->ids, (std::vector<std::string>{"A", "B"}));
}

TEST(RequestQuery, AnUnencodedPlusIsReadAsPlus) {
  auto q = parse_request_query(get("start_date=2026-11-01T00:00:00+08:00"), kNow);
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q->from, *core::parse_rfc3339("2026-11-01T00:00:00+08:00"));
  EXPECT_EQ(q->until, q->from + 90 * 86400 + 1);
}

TEST(RequestQuery, RefusesBadInput) {
  for (const char* bad :
       {"status=pending", "start_date=2026-11-01", "start_date=2026-11-01T00:00:00",
        "end_date=yesterday", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
        "start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "page=0", "page_size=1001",
        "page_size=ten"}) {
    auto q = parse_request_query(get(bad), kNow);
    EXPECT_FALSE(q.ok()) << bad;
    if (!q.ok()) {
      EXPECT_FALSE(q.status().field_errors().empty()) << bad;
    }
  }
}

TEST(RequestQuery, PagesUpTo100000RequestsDeep) {
  auto q = parse_request_query(get("page=102&page_size=1000"), kNow);
  EXPECT_FALSE(q.ok());
  q = parse_request_query(get("page=101&page_size=1000"), kNow);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->page, 101);  // 100 pages of 1000 before it
}

TEST(RequestQuery, EmptyParametersAreAbsent) {
  auto q = parse_request_query(get("status=&service_code=&start_date="), kNow);
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->open && q->closed);
  EXPECT_TRUE(q->service_codes.empty());
}

}  // namespace
}  // namespace warmcity::open311
