// A page of a rates report (GET /api/v1/rates?limit=&cursor=&order=&rate=
// &min_callbacks=): which rows, in which order, and the cursor to the next
// page. A grid report has a row per grid (15,000 in a city, 5 MB of JSON);
// the dashboard asks for the 50 that need attention most. Pure functions.
//
// Orders:
//  - rank (default): as rank() lists the report (ranked rows by rank, then
//    the unranked ones by id, the row without a group last);
//  - worst: only rows with a group and a value of `rate` (valid callbacks
//    > 0), lowest `rate` first (rounded to 6 decimals, as the ranking
//    compares), then more valid callbacks first, then by id.
// Either order keeps only the rows with at least `min_callbacks` valid
// callbacks (0: every row). Every row keeps its rank in the whole report.
//
// Cursors are keyset: the sort key of the last row given, so a page follows
// the row it names even if rows before it changed; paging a report that does
// not change gives every selected row exactly once. A cursor names its order
// and rate and is refused by another.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rates/rates.h"

namespace warmcity::rates {

enum class Order { kRank, kWorst };
enum class Rate { kComposite, kResponse, kResolution, kSatisfaction };

std::optional<Order> parse_order(std::string_view name);  // "rank", "worst"
std::optional<Rate> parse_rate(std::string_view name);    // "composite", "response", …

struct PageQuery {
  Order order = Order::kRank;
  Rate rate = Rate::kComposite;
  int64_t min_callbacks = 0;
  size_t limit = 200;
  std::optional<std::string> cursor = {};  // as next_cursor gave it
};

struct Page {
  std::vector<Row> rows;                   // at most `limit`, in the order
  size_t selected = 0;                     // rows the order selects, over all pages
  std::optional<std::string> next_cursor;  // none: this is the last page
};

// Whether `cursor` could have come from a page of `order` and `rate`.
bool cursor_fits(std::string_view cursor, Order order, Rate rate);

// The rows of a report in one order and rate, sorted once, to be paged many
// times (a cached month, rates_cache.h). Holds indices into the rows it was
// built from, not the rows.
class OrderedRows {
 public:
  // The page's rows as indices into the rows given to the constructor.
  struct Selection {
    std::vector<size_t> rows;
    size_t selected = 0;
    std::optional<std::string> next_cursor;
  };

  OrderedRows(const std::vector<Row>& rows, Order order, Rate rate);
  // The page `q` of those rows. REQUIRES: q.order and q.rate are this's;
  // q.cursor is absent or cursor_fits() it; `rows` are the constructor's.
  Selection select(const std::vector<Row>& rows, const PageQuery& q) const;

 private:
  using Key = std::array<int64_t, 4>;  // a row's place in the order, smallest first
  Order order_;
  Rate rate_;
  std::vector<std::pair<Key, size_t>> keyed_;  // every row the order lists, sorted
};

// The page of `rows` (a report's rows as rank() orders them): OrderedRows
// used once. REQUIRES: q.cursor is absent or cursor_fits() it.
Page page_of(const std::vector<Row>& rows, const PageQuery& q);

}  // namespace warmcity::rates
