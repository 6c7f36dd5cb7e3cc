#include "rates/rates_cache.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <utility>

namespace warmcity::rates {

namespace {

// Stamps only grow (events are never deleted).
bool at_or_after(const RollupStamp& a, const RollupStamp& b) {
  return a.last_event >= b.last_event;
}

}  // namespace

Result<MonthCache::Value> MonthCache::get(int64_t month, Dimension by, const RollupStamp& stamp,
                                          const Compute& compute) {
  const Key key{month, by};
  std::promise<Result<Value>> promise;
  std::optional<std::shared_future<Result<Value>>> kept;
  uint64_t computation = 0;
  {
    std::lock_guard lock(mu_);
    auto it = slots_.find(key);
    if (it != slots_.end() && at_or_after(it->second.stamp, stamp)) {
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

  Result<Computed> computed = Status::Internal("the rates report was not computed");
  try {
    computed = compute();
  } catch (const std::exception& e) {
    computed = Status::Internal(std::string("the rates report failed: ") + e.what());
  }
  Result<Value> out = computed.ok() ? Result<Value>(computed->value) : computed.status();
  promise.set_value(out);
  std::lock_guard lock(mu_);
  auto it = slots_.find(key);
  if (it != slots_.end() && it->second.computation == computation) {
    if (computed.ok() && computed->keep) {
      it->second.rows = std::max<size_t>(1, computed->value->rows().size());
      trim();
    } else {
      slots_.erase(it);  // a failure or a moving stamp: the next caller computes again
    }
  }
  return out;
}

void MonthCache::trim() {
  while (true) {
    size_t rows = 0, months = 0;
    auto oldest = slots_.end();
    for (auto it = slots_.begin(); it != slots_.end(); ++it) {
      if (it->second.rows == 0) continue;  // being computed
      rows += it->second.rows;
      ++months;
      if (oldest == slots_.end() || it->second.used < oldest->second.used) oldest = it;
    }
    if (oldest == slots_.end() || (rows <= limits_.max_rows && months <= limits_.max_months)) {
      return;
    }
    slots_.erase(oldest);
  }
}

size_t MonthCache::size() const {
  std::lock_guard lock(mu_);
  return slots_.size();
}

uint64_t MonthCache::computations() const {
  std::lock_guard lock(mu_);
  return computations_;
}

uint64_t MonthCache::shared() const {
  std::lock_guard lock(mu_);
  return shared_;
}

}  // namespace warmcity::rates
