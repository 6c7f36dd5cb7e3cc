// CalendarHolder: the process-wide current Calendar, swappable at run time.
//
// Owns: one shared_ptr<const Calendar>. An admin loading next year's calendar
// builds a new Calendar (Calendar::with_year / merged) and set()s it; readers
// that already hold the old one keep using it until they drop it.
//
// Thread-safety: get() and set() may be called concurrently from any thread.
// get() is a single atomic shared_ptr load (no mutex on the read path); keep
// the returned pointer for the duration of one request rather than calling
// get() per query.
// REQUIRES: set() is given a non-null pointer.
#pragma once

#include <atomic>
#include <memory>

#include "core/calendar.h"

namespace warmcity::core {

class CalendarHolder {
 public:
  CalendarHolder();  // holds an empty Calendar
  explicit CalendarHolder(std::shared_ptr<const Calendar> initial);

  CalendarHolder(const CalendarHolder&) = delete;
  CalendarHolder& operator=(const CalendarHolder&) = delete;

  std::shared_ptr<const Calendar> get() const;
  void set(std::shared_ptr<const Calendar> calendar);

 private:
  std::atomic<std::shared_ptr<const Calendar>> current_;
};

}  // namespace warmcity::core
