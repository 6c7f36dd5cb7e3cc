// Clashes of an occurrence at a venue (docs/activities.md "Clashes"): the
// venue closed at some moment of [starts_at, ends_at) by its opening hours
// (core/opening_hours, the official calendar's holidays and make-up days
// included; hours unknown or `unknown` at that time are no clash), or
// another scheduled occurrence at the same venue overlapping in time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "activities/activity_store.h"
#include "core/calendar.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::activities {

struct Clash {
  std::string date;                    // YYYY-MM-DD
  std::string reason;                  // "venue_closed" or "venue_booked"
  std::optional<int64_t> activity_id;  // venue_booked: the other activity
  std::string title;                   // venue_booked: its title
};

// Whether the hours say closed at some moment of [from, until). A venue
// without hours, or with hours that do not parse, is never closed.
bool venue_closed_during(const std::optional<std::string>& opening_hours, int64_t from,
                         int64_t until, const core::Calendar& calendar);

// What the venue's other occurrences leave aside: the occurrences of
// `except_activity` (a series never clashes with itself) and the occurrence
// `except_occurrence`.
struct ClashScope {
  std::optional<int64_t> except_activity;
  std::optional<int64_t> except_occurrence;
};

// The clash of one dated occurrence at `venue`, or nullopt.
Result<std::optional<Clash>> clash_of(store::Connection& c, const VenueRecord& venue,
                                      const std::string& date, int64_t starts_at, int64_t ends_at,
                                      const ClashScope& scope, const core::Calendar& calendar);

}  // namespace warmcity::activities
