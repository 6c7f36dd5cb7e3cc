// RankedMonth: a month's report by one dimension as far as it does not
// depend on the time of asking — every group's row from the month
// aggregates (rollup.h), ranked, and the due times of the month's appeals
// still open. The overdue counts of those appeals depend on now: row_at()
// and total_at() add them for the `now` asked, so one RankedMonth serves
// every request until the aggregates or the open appeals change
// (rates_cache.h). Rows are unnamed (names are read per page).
// Immutable once built except for its orders, sorted on first use
// (thread-safe).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "rates/rates.h"
#include "rates/rates_page.h"
#include "rates/rates_store.h"
#include "rates/rollup.h"

namespace warmcity::rates {

class RankedMonth {
 public:
  // `sums`: month_rates() for the month and dimension `by`; `open`:
  // open_submissions_between() for the month.
  RankedMonth(const std::map<int64_t, RateSums>& sums, const std::vector<SubmissionFact>& open,
              Dimension by, const Weights& w);

  // The rows as compute() orders them, without the open appeals' overdue.
  const std::vector<Row>& rows() const { return rows_; }
  // Row i (of rows()) and the district's total, with the overdue at `now`.
  Row row_at(size_t i, int64_t now) const;
  Row total_at(int64_t now) const;
  // rows() in `order` and `rate`, sorted once.
  const OrderedRows& ordered(Order order, Rate rate) const;

 private:
  // The due times of a group's open appeals (not yet accepted / replied), sorted.
  struct Open {
    std::vector<int64_t> response_due, resolution_due;
  };
  static Row with_overdue(Row r, const Open& open, int64_t now);

  std::vector<Row> rows_;
  std::vector<Open> open_;  // beside rows_
  Row total_;
  Open total_open_;
  // By order and rate (a cursor names both): built on first use.
  mutable std::array<std::once_flag, 8> sorted_once_;
  mutable std::array<std::unique_ptr<OrderedRows>, 8> sorted_;
};

}  // namespace warmcity::rates
