// RosterService: a programme's roster on a day for its staff
// (docs/afterschool.md "The day": GET …/roster and …/roster.csv). HTTP-free.
//
// One write job: who may (the programme's staff), on today's roster the
// programme's late alerts raised first (alert_store.h: the children still
// here 30 minutes after the end), the roster read in the same transaction,
// and the read audited (personal_data.read, purpose afterschool_roster,
// the fields and the children read) before it is answered.
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/caller.h"
#include "afterschool/alert_store.h"
#include "afterschool/day_clock.h"
#include "afterschool/duty_store.h"
#include "afterschool/programme.h"
#include "afterschool/programme_service.h"
#include "afterschool/programme_store.h"
#include "afterschool/roster_store.h"
#include "core/status.h"
#include "core/time.h"
#include "store/database.h"

namespace warmcity::afterschool {

struct Roster {
  ProgrammeView programme;
  std::string date;  // YYYY-MM-DD
  SessionDay day;
  DayStaffing staffing;
  std::vector<StaffMember> staff;                     // the programme's staff list
  std::vector<int64_t> duty;                          // user ids on duty that day
  std::optional<DutyConfirmation> duty_confirmation;  // once the organiser confirmed it
  core::LocalDate today;                              // for the re-checks due
  std::vector<OpenAlert> alerts;                      // open late alerts, oldest first
  std::vector<RosterChild> children;
};

enum class RosterFormat { kJson, kCsv };

class RosterService {
 public:
  RosterService(store::Database& db, DayClock clock);

  // `date` nullopt: today. The format is recorded in the audit entry.
  void roster(int64_t programme_id, std::optional<core::LocalDate> date, RosterFormat format,
              accounts::Caller by, std::function<void(Result<Roster>)> done);

 private:
  store::Database& db_;
  DayClock clock_;
};

}  // namespace warmcity::afterschool
