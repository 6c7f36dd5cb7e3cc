// What the day's services (check-in and check-out, proxies, the roster)
// share: the clock (unix seconds; null: core::now_unix(), tests set it) and
// the official calendar (null, or a null answer: one that knows no year).
// Copyable; thread-safe as its two functions are.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

#include "core/calendar.h"
#include "core/time.h"

namespace warmcity::afterschool {

struct DayClock {
  std::function<std::shared_ptr<const core::Calendar>()> calendar_of;
  std::function<int64_t()> now_of;

  int64_t now() const { return now_of ? now_of() : core::now_unix(); }
  std::shared_ptr<const core::Calendar> calendar() const {
    std::shared_ptr<const core::Calendar> c = calendar_of ? calendar_of() : nullptr;
    return c ? std::move(c) : std::make_shared<const core::Calendar>();
  }
};

}  // namespace warmcity::afterschool
