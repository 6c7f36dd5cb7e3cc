// What the routes of the activities and of what is built on them (the free
// clinics, src/clinics) share: the numbers a query parameter carries, and
// the roles a route for organiser staff names (each route's own rules then
// narrow it to the organiser's staff: organiser_access.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "http/router.h"

namespace warmcity::activities {

// A whole number min..max written in plain digits (and '-'), nothing else;
// nullopt otherwise.
std::optional<int64_t> whole_param(std::string_view s, int64_t min, int64_t max);
// A finite decimal number min..max; nullopt otherwise.
std::optional<double> real_param(std::string_view s, double min, double max);

// A window of days from a query: ?from=YYYY-MM-DD (default `today`) and
// &days=1..max_days (default `default_days`). A bad value adds its field's
// error to `errors` (the route answers 422 with all of them) and keeps the
// default.
struct DateWindow {
  core::LocalDate from;
  int64_t days = 0;
};
DateWindow date_window_param(const http::Request& req, core::LocalDate today, int64_t default_days,
                             int64_t max_days, std::vector<FieldError>& errors);

// Every staff role (worker, volunteer, keeper, department, admin): who may
// call a route that organiser staff use.
http::Access organiser_staff_roles();

}  // namespace warmcity::activities
