// DayService: the day of after-school care (docs/afterschool.md "The day"):
// a programme's staff check a child in and out, today (district date), on
// a session day, for a child actively enrolled. HTTP-free.
//
// Each act is one write job on the single writer: who may (the programme's
// staff: afterschool_access.h), the day, the child, the attendance and the
// checks are read in the job that writes, so the answer holds for the act.
// The check-out records who took the child (a pickup adult or a proxy, by
// name and relation), how (code, phone, proxy), when and which staff member;
// it settles the day's late alert (alert_store.h) in the same job.
//
// Codes: the 6 digits must be the current code of an active adult (not
// revoked, valid_until not past) linked to the child (pickup_adult.h's
// pickup_code_hash); a wrong code is counted on the attendance (committed,
// then refused 403 pickup_refused); once kMaxCodeFailures are counted the
// child's codes are refused for the day (429 too_many_codes).
//
// A child checked in and withdrawn since may still be checked out (the
// attendance holds); a child with no attendance today is not_enrolled or
// not_checked_in.
//
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "accounts/caller.h"
#include "afterschool/day.h"
#include "afterschool/day_clock.h"
#include "core/status.h"
#include "store/database.h"

namespace warmcity::afterschool {

using accounts::Caller;

struct CheckInRequest {
  int64_t child_id = 0;
  std::string brought_by;                 // from_school | adult
  std::optional<std::string> adult_name;  // 1–30, with adult
};

struct CheckOutRequest {
  int64_t child_id = 0;
  PickupMethod method = PickupMethod::kCode;
  std::string code;             // code: 6 digits
  std::string phone;            // phone
  bool visual_check = false;    // phone: true (the reader refuses anything else)
  int64_t pickup_adult_id = 0;  // phone: the adult whose photo was compared (0: not said)
  int64_t proxy_id = 0;         // proxy
};

using AttendanceDone = std::function<void(Result<Attendance>)>;

class DayService {
 public:
  DayService(store::Database& db, DayClock clock);

  void check_in(int64_t programme_id, CheckInRequest in, Caller by, AttendanceDone done);
  void check_out(int64_t programme_id, CheckOutRequest in, Caller by, AttendanceDone done);

 private:
  store::Database& db_;
  DayClock clock_;
};

}  // namespace warmcity::afterschool
