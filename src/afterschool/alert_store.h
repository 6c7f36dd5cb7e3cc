// Late alerts' rows (afterschool_alerts): raised once per programme, child
// and day for a child still here once the session's end_time is 30 minutes
// past, resolved by the check-out, notified when the guardians' messages
// are handed to the SMS sender. SQL both engines run; call inside a write
// job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/alert.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

// Raises an alert (raised_at `now`) for every child checked in on `day` and
// not checked out, in the programmes whose end_time is `cutoff` or earlier
// (late_cutoff(now)); only the programme `programme_id` when given. An
// alert already raised stays as it was. Answers how many were raised.
Result<int64_t> raise_late_alerts(store::Connection& c, const std::string& day,
                                  const std::string& cutoff, int64_t now,
                                  std::optional<int64_t> programme_id = std::nullopt);

// At the check-out: resolves the child's open alert of the day; with none
// and `past_late` (the check-out comes 30 minutes or more after the end),
// records one raised and resolved now. Answers whether the pickup is late.
Result<bool> settle_alert(store::Connection& c, int64_t programme_id, int64_t child_id,
                          const std::string& day, int64_t now, bool past_late);

// The open alerts of `day` whose guardians were not yet told, one row per
// guardian with a phone.
Result<std::vector<LateAlertRow>> alerts_to_notify(store::Connection& c, const std::string& day);
// Marks them told (notified_at `now`); answers how many alerts.
Result<int64_t> mark_notified(store::Connection& c, const std::string& day, int64_t now);

// A programme's open alerts on `day`, with the child's name, oldest first.
struct OpenAlert {
  int64_t child_id = 0;
  std::string name;
  int64_t raised_at = 0;
};
Result<std::vector<OpenAlert>> open_alerts_of(store::Connection& c, int64_t programme_id,
                                              const std::string& day);

}  // namespace warmcity::afterschool
