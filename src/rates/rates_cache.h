// MonthCache: the ranked months (ranked_month.h) most recently asked for,
// so that the pages of a report, and the same page asked again, do not each
// read and rank every group (a city's 14,000 grids). A RankedMonth is kept
// with the stamp it was computed at (rollup_stamp(): the last event that is
// not an escalation): every change to what a report reads is written with
// such an appeal event, so a later one gives a new stamp and the next
// request computes the month again (a roll-up alone changes no answer).
//
// get() gives the month computed at `stamp` or later; otherwise it
// computes it, once: concurrent callers asking for the same month and
// stamp wait for that computation (each computation holds a slow-work
// thread; sixteen dashboards asking at once should not cost sixteen).
// A result the computation marks not to keep (the stamp moved while it
// read) is given to its callers but not kept.
// Bounded: at most `max_rows` rows in all and `max_months` months, the
// least recently used dropped first (a month larger than max_rows alone is
// not kept). max_rows 0 keeps nothing (every get() computes).
// Thread-safe.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>

#include "core/status.h"
#include "rates/ranked_month.h"
#include "rates/rates.h"
#include "rates/rollup.h"

namespace warmcity::rates {

class MonthCache {
 public:
  using Value = std::shared_ptr<const RankedMonth>;
  struct Computed {
    Value value;
    bool keep = true;  // false: the stamp moved while it was read
  };
  using Compute = std::function<Result<Computed>()>;

  struct Limits {
    size_t max_rows = 60'000;  // about four months of a city's grids (~300 bytes a row)
    size_t max_months = 32;
  };

  explicit MonthCache(Limits limits) : limits_(limits) {}
  MonthCache(const MonthCache&) = delete;
  MonthCache& operator=(const MonthCache&) = delete;

  // The month `month` (Month::from) by `by` at `stamp` or later.
  Result<Value> get(int64_t month, Dimension by, const RollupStamp& stamp, const Compute& compute);

  // Months kept or being computed; the computations run; the get()s
  // answered by a month kept or being computed (for tests).
  size_t size() const;
  uint64_t computations() const;
  uint64_t shared() const;

 private:
  using Key = std::pair<int64_t, Dimension>;
  struct Slot {
    RollupStamp stamp;
    std::shared_future<Result<Value>> value;
    uint64_t computation = 0;  // which get() computes it
    uint64_t used = 0;         // when last asked for (LRU)
    size_t rows = 0;           // 0 until computed
  };
  // REQUIRES: mu_ held. Drops the least recently used computed months until
  // the limits hold.
  void trim();

  const Limits limits_;
  mutable std::mutex mu_;
  std::map<Key, Slot> slots_;  // guarded by mu_
  uint64_t clock_ = 0;         // guarded by mu_
  uint64_t computations_ = 0;  // guarded by mu_
  uint64_t shared_ = 0;        // guarded by mu_
};

}  // namespace warmcity::rates
