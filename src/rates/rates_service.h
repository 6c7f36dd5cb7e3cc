// RatesService: a month's rates per group, from the month aggregates
// (rollup.h: the sums per group, with what is not yet rolled up) and the
// month's appeals still open (their overdue counts depend on now), with
// each group's display name. Equal to rates.h's compute() over the raw
// facts (rates_store.h); rollup_property_test.cpp checks it.
//
// report() reads on the calling thread's reader connection; it writes
// nothing. Lifetime: REQUIRES `db` to outlive the service.
// Threads: report() from any thread.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "rates/rates.h"
#include "store/database.h"

namespace warmcity::rates {

struct Report {
  std::vector<Row> rows;  // as compute() orders them
  Row total;              // the district's total row (id null)
};

class RatesService {
 public:
  RatesService(store::Database& db, Weights weights) : db_(db), weights_(weights) {}

  const Weights& weights() const { return weights_; }

  // The rows of `month` grouped `by`, at `now` (overdue counts). A row's
  // name is its group's name; "#<id>" when the id names nothing; empty for
  // the row without a group and for the total (the caller words those).
  Result<Report> report(const Month& month, Dimension by, int64_t now) const;

 private:
  store::Database& db_;
  Weights weights_;
};

}  // namespace warmcity::rates
