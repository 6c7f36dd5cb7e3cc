#include "core/calendar_holder.h"

#include <cassert>
#include <utility>

namespace warmcity::core {

CalendarHolder::CalendarHolder() : current_(std::make_shared<const Calendar>()) {}

CalendarHolder::CalendarHolder(std::shared_ptr<const Calendar> initial)
    : current_(std::move(initial)) {
  assert(current_.load() != nullptr);
}

std::shared_ptr<const Calendar> CalendarHolder::get() const {
  return current_.load(std::memory_order_acquire);
}

void CalendarHolder::set(std::shared_ptr<const Calendar> calendar) {
  assert(calendar != nullptr);
  current_.store(std::move(calendar), std::memory_order_release);
}

}  // namespace warmcity::core
