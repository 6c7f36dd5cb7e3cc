// RatesService: a month's rates per group, from the month aggregates
// (rollup.h: the sums per group, with what is not yet rolled up) and the
// month's appeals still open (their overdue counts depend on now), with
// each group's display name. Equal to rates.h's compute() over the raw
// facts (rates_store.h); rollup_property_test.cpp checks it.
//
// report(), figures() and name_rows() read on the calling thread's reader
// connection; they write nothing. Lifetime: REQUIRES `db` to outlive the service.
// Threads: any method from any thread.
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

  // The rows of `month` grouped `by`, at `now` (overdue counts), ranked
  // and named (name_rows()).
  Result<Report> report(const Month& month, Dimension by, int64_t now) const;
  // The same rows without their names (a page names only its own rows).
  Result<Report> figures(const Month& month, Dimension by, int64_t now) const;
  // Names `rows`: a row's group's name; "#<id>" when the id names nothing;
  // empty for the row without a group (the caller words it and the total).
  Status name_rows(Dimension by, std::vector<Row>& rows) const;

 private:
  store::Database& db_;
  Weights weights_;
};

}  // namespace warmcity::rates
