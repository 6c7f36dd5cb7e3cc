#include "rates/rates_page.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace warmcity::rates {
namespace {

// A row of group `id` (none: the row without a group) with `callbacks`
// valid callbacks of which `solved` solved, all contacted and satisfied.
Row row(std::optional<int64_t> id, int64_t callbacks, int64_t solved) {
  Row r;
  r.id = id;
  r.valid_callbacks = r.contacted = r.satisfied = callbacks;
  r.solved = solved;
  fill_rates(r, Weights{});
  return r;
}

std::vector<std::optional<int64_t>> ids(const std::vector<Row>& rows) {
  std::vector<std::optional<int64_t>> out;
  for (const Row& r : rows) out.push_back(r.id);
  return out;
}

// Every page of `q` in turn, concatenated.
std::vector<Row> all_pages(const std::vector<Row>& rows, PageQuery q, size_t* pages = nullptr) {
  std::vector<Row> out;
  q.cursor.reset();
  size_t n = 0;
  while (true) {
    Page p = page_of(rows, q);
    ++n;
    EXPECT_LE(p.rows.size(), q.limit);
    out.insert(out.end(), p.rows.begin(), p.rows.end());
    if (!p.next_cursor) break;
    EXPECT_TRUE(cursor_fits(*p.next_cursor, q.order, q.rate)) << *p.next_cursor;
    q.cursor = p.next_cursor;
    if (n > rows.size() + 1) {
      ADD_FAILURE() << "paging does not end";
      break;
    }
  }
  if (pages) *pages = n;
  return out;
}

// Ranked: 5 (4/4 solved), 2 and 7 tied (1/2; 7 has more callbacks), 3
// (0/1); unranked 4 (no callbacks); the row without a group last.
std::vector<Row> report() {
  std::vector<Row> rows{row(7, 4, 2), row(5, 4, 4), row(3, 1, 0),
                        row(2, 2, 1), row(4, 0, 0), row(std::nullopt, 3, 0)};
  rank(rows);
  return rows;
}

TEST(RatesPage, RankOrderPagesTheWholeReportOnce) {
  const std::vector<Row> rows = report();
  ASSERT_EQ(ids(rows), (std::vector<std::optional<int64_t>>{5, 7, 2, 3, 4, std::nullopt}));
  for (size_t limit = 1; limit <= 7; ++limit) {
    size_t pages = 0;
    std::vector<Row> got = all_pages(rows, PageQuery{.limit = limit}, &pages);
    EXPECT_EQ(ids(got), ids(rows)) << limit;
    EXPECT_EQ(pages, (rows.size() + limit - 1) / limit) << limit;
  }
  Page first = page_of(rows, PageQuery{.limit = 2});
  EXPECT_EQ(first.selected, 6u);
  EXPECT_EQ(first.rows[1].rank, 2);  // ranks are the whole report's
  Page last = page_of(rows, PageQuery{.limit = 6});
  EXPECT_FALSE(last.next_cursor);
}

TEST(RatesPage, WorstFirstWithAMinimumOfCallbacks) {
  const std::vector<Row> rows = report();
  // Composite: 3 is lowest (nothing solved), then 7 and 2 (tied: 7 has
  // more callbacks), then 5. 4 has no rate, the row without a group is never listed.
  Page p = page_of(rows, PageQuery{.order = Order::kWorst});
  EXPECT_EQ(ids(p.rows), (std::vector<std::optional<int64_t>>{3, 7, 2, 5}));
  EXPECT_EQ(p.selected, 4u);
  EXPECT_EQ(p.rows[0].rank, 4);
  // At least 2 valid callbacks: 3 (one) is left out.
  p = page_of(rows, PageQuery{.order = Order::kWorst, .min_callbacks = 2});
  EXPECT_EQ(ids(p.rows), (std::vector<std::optional<int64_t>>{7, 2, 5}));
  // The minimum applies to the rank order too.
  p = page_of(rows, PageQuery{.min_callbacks = 3});
  EXPECT_EQ(ids(p.rows), (std::vector<std::optional<int64_t>>{5, 7, std::nullopt}));
  // By another rate: response is 1 for every row with callbacks: by callbacks, then id.
  p = page_of(rows, PageQuery{.order = Order::kWorst, .rate = Rate::kResponse});
  EXPECT_EQ(ids(p.rows), (std::vector<std::optional<int64_t>>{5, 7, 2, 3}));
  for (size_t limit = 1; limit <= 4; ++limit) {
    PageQuery q{.order = Order::kWorst, .limit = limit};
    EXPECT_EQ(ids(all_pages(rows, q)), (std::vector<std::optional<int64_t>>{3, 7, 2, 5}));
  }
}

TEST(RatesPage, AKeysetCursorFollowsItsRowWhenRowsBeforeItChange) {
  std::vector<Row> rows = report();
  Page p = page_of(rows, PageQuery{.limit = 2});  // 5, 7
  ASSERT_TRUE(p.next_cursor);
  // Group 5 is gone before the next page is asked for: the page still
  // starts after 7, not one row later.
  rows.erase(rows.begin());
  Page next = page_of(rows, PageQuery{.limit = 2, .cursor = p.next_cursor});
  EXPECT_EQ(ids(next.rows), (std::vector<std::optional<int64_t>>{2, 3}));
}

TEST(RatesPage, CursorsAreChecked) {
  Page p = page_of(report(), PageQuery{.order = Order::kWorst, .limit = 1});
  ASSERT_TRUE(p.next_cursor);
  EXPECT_TRUE(cursor_fits(*p.next_cursor, Order::kWorst, Rate::kComposite));
  EXPECT_FALSE(cursor_fits(*p.next_cursor, Order::kRank, Rate::kComposite));
  EXPECT_FALSE(cursor_fits(*p.next_cursor, Order::kWorst, Rate::kSatisfaction));
  for (const char* bad :
       {"", "r", "rc", "rc.", "rc.0.1.2", "rc.0.1.2.3.4", "rc.3.0.0.1", "rc.-1.0.0.1", "rc.0.x.0.1",
        "rc.0.1.2.3 ", "c1.abc", "rc.0..2.3", "rc.0.99999999999999999999.0.1"}) {
    EXPECT_FALSE(cursor_fits(bad, Order::kRank, Rate::kComposite)) << bad;
  }
  EXPECT_TRUE(cursor_fits("rc.0.-740000.-4.17", Order::kRank, Rate::kComposite));
  EXPECT_EQ(parse_order("worst"), Order::kWorst);
  EXPECT_EQ(parse_order("best"), std::nullopt);
  EXPECT_EQ(parse_rate("satisfaction"), Rate::kSatisfaction);
  EXPECT_EQ(parse_rate("Composite"), std::nullopt);
}

// Random reports: every order's pages together are its selection, each row once.
TEST(RatesPage, RandomReportsPageCompletely) {
  std::mt19937 gen(15);
  for (int round = 0; round < 200; ++round) {
    std::vector<Row> rows;
    const int n = static_cast<int>(gen() % 40);
    for (int id = 1; id <= n; ++id) {
      const int64_t callbacks = gen() % 5;
      rows.push_back(row(id, callbacks, callbacks ? gen() % (callbacks + 1) : 0));
    }
    if (gen() % 2) rows.push_back(row(std::nullopt, gen() % 3, 0));
    rank(rows);
    for (Order order : {Order::kRank, Order::kWorst}) {
      PageQuery q{
          .order = order, .min_callbacks = static_cast<int64_t>(gen() % 3), .limit = 1 + gen() % 7};
      const Page whole = page_of(
          rows,
          PageQuery{.order = order, .min_callbacks = q.min_callbacks, .limit = rows.size() + 1});
      std::vector<Row> paged = all_pages(rows, q);
      EXPECT_EQ(ids(paged), ids(whole.rows));
      EXPECT_EQ(paged.size(), whole.selected);
      std::set<std::optional<int64_t>> once;
      for (const Row& r : paged) EXPECT_TRUE(once.insert(r.id).second);
    }
  }
}

}  // namespace
}  // namespace warmcity::rates
