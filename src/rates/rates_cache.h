// MonthCache: the ranked months (ranked_month.h) most recently asked for,
// so that the pages of a report, and the same page asked again, do not each
// read and rank every group (a city's 14,000 grids). A StampedCache
// (stamped_cache.h: kept until the rollup stamp moves, computed once for
// concurrent callers, bounded by rows and months) keyed by the month and
// the dimension; a month counts one row per group. Thread-safe.
#pragma once

#include <cstdint>
#include <utility>

#include "rates/ranked_month.h"
#include "rates/rates.h"
#include "rates/stamped_cache.h"

namespace warmcity::rates {

class MonthCache : public StampedCache<std::pair<int64_t, Dimension>, RankedMonth> {
 public:
  explicit MonthCache(Limits limits)
      : StampedCache(limits, [](const RankedMonth& m) { return m.rows().size(); }) {}

  // The month `month` (Month::from) by `by` at `stamp` or later.
  Result<Value> get(int64_t month, Dimension by, const RollupStamp& stamp, const Compute& compute) {
    return StampedCache::get({month, by}, stamp, compute);
  }
};

}  // namespace warmcity::rates
