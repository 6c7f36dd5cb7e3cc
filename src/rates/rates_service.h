// RatesService: a month's rates per group, from the month aggregates
// (rollup.h: the sums per group, with what is not yet rolled up) and the
// month's appeals still open (their overdue counts depend on now), with
// each group's display name. Equal to rates.h's compute() over the raw
// facts (rates_store.h); rollup_property_test.cpp checks it.
//
// The ranked month (ranked_month.h) is kept in a MonthCache (rates_cache.h)
// until the roll-up's stamp moves, so a report's pages, the CSV and the
// same page asked again read only the stamp, the page's names and the time
// of asking; rates_cache_test.cpp checks the answers equal an uncached
// service's after random changes.
//
// report(), figures(), page() and name_rows() read on the calling thread's
// reader connection; they write nothing. Lifetime: REQUIRES `db` to outlive
// the service. Threads: any method from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "rates/rates.h"
#include "rates/rates_cache.h"
#include "rates/rates_page.h"
#include "store/database.h"

namespace warmcity::rates {

struct Report {
  std::vector<Row> rows;  // as compute() orders them
  Row total;              // the district's total row (id null)
};

// A page of a report (rates_page.h), its rows named, and the whole report's total.
struct ReportPage {
  std::vector<Row> rows;
  size_t selected = 0;
  std::optional<std::string> next_cursor;
  Row total;
};

class RatesService {
 public:
  // cache.max_rows 0: nothing kept, every report computed afresh.
  RatesService(store::Database& db, Weights weights, MonthCache::Limits cache = {})
      : db_(db), weights_(weights), cache_(cache) {}

  const Weights& weights() const { return weights_; }

  // The rows of `month` grouped `by`, at `now` (overdue counts), ranked
  // and named (name_rows()).
  Result<Report> report(const Month& month, Dimension by, int64_t now) const;
  // The same rows without their names.
  Result<Report> figures(const Month& month, Dimension by, int64_t now) const;
  // The page `q` of that report, its rows named.
  // REQUIRES: q.cursor is absent or cursor_fits() it.
  Result<ReportPage> page(const Month& month, Dimension by, int64_t now, const PageQuery& q) const;
  // Names `rows`: a row's group's name; "#<id>" when the id names nothing;
  // empty for the row without a group (the caller words it and the total).
  Status name_rows(Dimension by, std::vector<Row>& rows) const;

  const MonthCache& cache() const { return cache_; }

 private:
  // The ranked month, kept or computed.
  Result<MonthCache::Value> ranked(const Month& month, Dimension by) const;

  store::Database& db_;
  Weights weights_;
  mutable MonthCache cache_;
};

}  // namespace warmcity::rates
