// StampedCache: answers computed from the appeals at a rollup stamp
// (rollup.h rollup_stamp(): the last appeal event that is not an
// escalation), kept until a later stamp is asked for. Every change to what
// the month reports and the appeals' counts read is written with such an
// event, so a later one gives a new stamp and the next request computes
// again; a roll-up alone changes no answer. MonthCache (rates_cache.h) keeps
// the ranked months of the rates, AppealService the month counts.
//
// get() gives the value computed at `stamp` or later; otherwise it
// computes it, once: concurrent callers asking for the same key and stamp
// wait for that computation (each computation holds a slow-work thread;
// sixteen dashboards asking at once should not cost sixteen). A result the
// computation marks not to keep (the stamp moved while it read) is given to
// its callers but not kept.
// Bounded: at most `max_rows` rows in all (each value counts `rows_of(value)`,
// at least 1) and `max_months` values, the least recently used dropped first
// (a value larger than max_rows alone is not kept). max_rows 0 keeps
// nothing (every get() computes). Thread-safe. Header-only (a template).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/status.h"
#include "rates/rollup.h"

namespace warmcity::rates {

template <class Key, class T>
class StampedCache {
 public:
  using Value = std::shared_ptr<const T>;
  struct Computed {
    Value value;
    bool keep = true;  // false: the stamp moved while it was read
  };
  using Compute = std::function<Result<Computed>()>;
  using RowsOf = std::function<size_t(const T&)>;

  struct Limits {
    size_t max_rows = 60'000;  // about four months of a city's grids (~300 bytes a row)
    size_t max_months = 32;
  };

  StampedCache(Limits limits, RowsOf rows_of) : limits_(limits), rows_of_(std::move(rows_of)) {}
  StampedCache(const StampedCache&) = delete;
  StampedCache& operator=(const StampedCache&) = delete;

  Result<Value> get(const Key& key, const RollupStamp& stamp, const Compute& compute) {
    std::promise<Result<Value>> promise;
    std::optional<std::shared_future<Result<Value>>> kept;
    uint64_t computation = 0;
    {
      std::lock_guard lock(mu_);
      auto it = slots_.find(key);
      // Stamps only grow (events are never deleted).
      if (it != slots_.end() && it->second.stamp.last_event >= stamp.last_event) {
        it->second.used = ++clock_;
        ++shared_;
        kept = it->second.value;
      } else {
        computation = ++computations_;
        if (limits_.max_rows > 0) {
          slots_[key] = Slot{.stamp = stamp,
                             .value = promise.get_future().share(),
                             .computation = computation,
                             .used = ++clock_};
        }
      }
    }
    if (kept) return kept->get();  // waits while another caller computes it

    Result<Computed> computed = Status::Internal("the answer was not computed");
    try {
      computed = compute();
    } catch (const std::exception& e) {
      computed = Status::Internal(std::string("computing the answer failed: ") + e.what());
    }
    Result<Value> out = computed.ok() ? Result<Value>(computed->value) : computed.status();
    promise.set_value(out);
    std::lock_guard lock(mu_);
    auto it = slots_.find(key);
    if (it != slots_.end() && it->second.computation == computation) {
      if (computed.ok() && computed->keep) {
        it->second.rows = std::max<size_t>(1, rows_of_(*computed->value));
        trim();
      } else {
        slots_.erase(it);  // a failure or a moving stamp: the next caller computes again
      }
    }
    return out;
  }

  // Values kept or being computed; the computations run; the get()s
  // answered by a value kept or being computed (for tests).
  size_t size() const {
    std::lock_guard lock(mu_);
    return slots_.size();
  }
  uint64_t computations() const {
    std::lock_guard lock(mu_);
    return computations_;
  }
  uint64_t shared() const {
    std::lock_guard lock(mu_);
    return shared_;
  }

 private:
  struct Slot {
    RollupStamp stamp;
    std::shared_future<Result<Value>> value;
    uint64_t computation = 0;  // which get() computes it
    uint64_t used = 0;         // when last asked for (LRU)
    size_t rows = 0;           // 0 until computed
  };

  // REQUIRES: mu_ held. Drops the least recently used computed values until
  // the limits hold.
  void trim() {
    while (true) {
      size_t rows = 0, values = 0;
      auto oldest = slots_.end();
      for (auto it = slots_.begin(); it != slots_.end(); ++it) {
        if (it->second.rows == 0) continue;  // being computed
        rows += it->second.rows;
        ++values;
        if (oldest == slots_.end() || it->second.used < oldest->second.used) oldest = it;
      }
      if (oldest == slots_.end() || (rows <= limits_.max_rows && values <= limits_.max_months)) {
        return;
      }
      slots_.erase(oldest);
    }
  }

  const Limits limits_;
  const RowsOf rows_of_;
  mutable std::mutex mu_;
  std::map<Key, Slot> slots_;  // guarded by mu_
  uint64_t clock_ = 0;         // guarded by mu_
  uint64_t computations_ = 0;  // guarded by mu_
  uint64_t shared_ = 0;        // guarded by mu_
};

}  // namespace warmcity::rates
