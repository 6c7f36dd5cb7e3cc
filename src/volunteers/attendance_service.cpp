// Check-in and check-out of a shift's sign-up (shift_service.h), the
// check-out writing the hours ledger's record in the same job.
#include <algorithm>
#include <memory>
#include <utility>

#include "activities/activity_store.h"
#include "core/time.h"
#include "store/turn.h"
#include "volunteers/ledger_write.h"
#include "volunteers/shift_access.h"
#include "volunteers/shift_service.h"

namespace warmcity::volunteers {

namespace {

constexpr int64_t kShiftRecordMaxMinutes = 1440;  // volunteer_records.minutes
constexpr size_t kShiftPlaceMax = 200;            // volunteer_records.place, in code points

Status attendance_bad_at(std::string message) {
  return Status::Unprocessable("invalid: at", {{"at", std::move(message)}});
}

// The first `max` code points of UTF-8 text.
std::string shift_first_code_points(const std::string& text, size_t max) {
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == max) return text.substr(0, i);
  }
  return text;
}

// Where the service took place: the venue's name and address, or the
// activity's own address.
std::string shift_place_of(const activities::ActivityRecord& a) {
  std::string place = a.address;
  if (a.venue_id) {
    place = a.venue_name;
    if (!a.venue_address.empty()) place += (place.empty() ? "" : " ") + a.venue_address;
  }
  return shift_first_code_points(place, kShiftPlaceMax);
}

// The sign-up, its shift, and when the act counts (now, or staff's `at`),
// once the caller is shown to be the one who may: the sign-up's volunteer
// with the right code, or the shift's staff. A wrong code is counted here and
// its refusal left in `refusal` (the job then commits the count).
struct AttendanceAct {
  SignupRow signup;
  ShiftRow shift;
  int64_t at = 0;
  std::optional<int64_t> by;  // the staff member; none when the code was used
  Status refusal;
};

Result<AttendanceAct> attendance_act_of(store::Connection& c, int64_t signup_id,
                                        const Attendance& a, const Caller& by, int64_t now) {
  AttendanceAct act;
  Result<std::optional<SignupRow>> g = load_signup(c, signup_id);
  if (!g.ok()) return g.status();
  if (!*g) return Status::NotFound("no volunteer sign-up " + std::to_string(signup_id));
  act.signup = std::move(**g);
  Result<std::optional<ShiftRow>> s = load_shift(c, act.signup.shift_id);
  if (!s.ok()) return s.status();
  if (!*s) return Status::NotFound("no volunteer shift " + std::to_string(act.signup.shift_id));
  act.shift = std::move(**s);
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (a.code) {
    if (act.signup.volunteer_user_id != by.user_id)
      return Status::PermissionDenied("only the signed-up volunteer may use the shift's code");
  } else {
    if (Status st = require_shift_staff(c, by, act.shift); !st.ok()) return st;
    act.by = by.user_id;
  }
  if (act.signup.status != "signed") return Status::Conflict("cancelled: the sign-up is cancelled");
  act.at = now;
  if (a.at) {
    if (*a.at > now) return attendance_bad_at("not in the future");
    if (core::format_date(core::local_date_of(*a.at)) != act.shift.date)
      return attendance_bad_at("an instant on the shift's day " + act.shift.date);
    act.at = *a.at;
  }
  return act;
}

// The code way's last check, after the state's: too many wrong codes, or
// this one wrong (counted).
Status attendance_check_code(store::Connection& c, const Attendance& a, AttendanceAct& act) {
  if (!a.code) return Status::Ok();
  if (act.signup.code_failures >= kMaxCodeFailures)
    return Status::ResourceExhausted("too_many_codes: too many wrong codes for this sign-up");
  if (*a.code == act.shift.code) return Status::Ok();
  if (Status s = add_code_failure(c, act.signup.id); !s.ok()) return s;
  act.refusal = Status::PermissionDenied("wrong_code: that is not the shift's code");
  return Status::Ok();
}

void attendance_answer(std::shared_ptr<AttendanceAct> out, const SignupDone& done,
                       const Status& s) {
  if (!s.ok()) return done(s);
  if (!out->refusal.ok()) return done(out->refusal);
  done(std::move(out->signup));
}

// The turn of the sign-up's shift (shift_service.cpp's shift_turn), so a
// check-in reads another instance's cancellation of the shift once it has
// committed. An unknown sign-up takes none (attendance_act_of answers 404).
Status attendance_shift_turn(store::Connection& c, int64_t signup_id) {
  Result<std::optional<SignupRow>> g = load_signup(c, signup_id);
  if (!g.ok()) return g.status();
  if (!*g) return Status::Ok();
  return store::wait_turn(c, "volunteer_shift:" + std::to_string((*g)->shift_id));
}

Status attendance_reload(store::Connection& c, AttendanceAct& act) {
  Result<std::optional<SignupRow>> fresh = load_signup(c, act.signup.id);
  if (!fresh.ok()) return fresh.status();
  if (!*fresh) return Status::Internal("sign-up vanished");
  act.signup = std::move(**fresh);
  return Status::Ok();
}

}  // namespace

void ShiftService::check_in(int64_t signup_id, Attendance a, Caller by, SignupDone done) {
  auto out = std::make_shared<AttendanceAct>();
  db_.submit(
      [this, signup_id, a = std::move(a), by, out](store::Connection& c) -> Status {
        if (Status st = attendance_shift_turn(c, signup_id); !st.ok()) return st;
        Result<AttendanceAct> act = attendance_act_of(c, signup_id, a, by, now());
        if (!act.ok()) return act.status();
        *out = std::move(*act);
        const ShiftRow& s = out->shift;
        if (out->signup.checked_in_at)
          return Status::Conflict("checked_in: the volunteer has checked in already");
        if (s.status == "cancelled")
          return Status::Conflict("shift_cancelled: the shift is cancelled");
        if (a.at) {
          if (!check_in_open(out->at, s.starts_at, s.ends_at))
            return attendance_bad_at("from 60 minutes before the shift's start to its end");
        } else if (out->at < s.starts_at - kCheckInEarlySeconds) {
          return Status::Conflict("too_early: check-in opens 60 minutes before the start");
        } else if (out->at > s.ends_at) {
          return Status::Conflict("shift_over: the shift has ended");
        }
        if (Status st = attendance_check_code(c, a, *out); !st.ok() || !out->refusal.ok())
          return st;
        if (Status st = set_checked_in(c, signup_id, out->at, out->by); !st.ok()) return st;
        return attendance_reload(c, *out);
      },
      [out, done = std::move(done)](const Status& s) { attendance_answer(out, done, s); });
}

void ShiftService::check_out(int64_t signup_id, Attendance a, Caller by, SignupDone done) {
  auto out = std::make_shared<AttendanceAct>();
  db_.submit(
      [this, signup_id, a = std::move(a), by, out](store::Connection& c) -> Status {
        Result<AttendanceAct> act = attendance_act_of(c, signup_id, a, by, now());
        if (!act.ok()) return act.status();
        *out = std::move(*act);
        const ShiftRow& s = out->shift;
        const SignupRow& g = out->signup;
        if (!g.checked_in_at)
          return Status::Conflict("not_checked_in: the volunteer has not checked in");
        if (g.checked_out_at)
          return Status::Conflict("checked_out: the volunteer has checked out already");
        if (out->at < *g.checked_in_at) {
          if (a.at) return attendance_bad_at("not before the check-in");
          out->at = *g.checked_in_at;
        }
        if (Status st = attendance_check_code(c, a, *out); !st.ok() || !out->refusal.ok())
          return st;
        const int64_t minutes =
            std::min(counted_minutes(*g.checked_in_at, out->at, s.starts_at, s.ends_at),
                     kShiftRecordMaxMinutes);
        Result<activities::ActivityRecord> activity = activities::load_activity(c, s.activity_id);
        if (!activity.ok()) return activity.status();
        Result<std::string> organiser = organisation_name(c, s.organiser_org_id);
        if (!organiser.ok()) return organiser.status();
        NewRecord r;
        r.volunteer_id = g.volunteer_id;
        r.organiser_org_id = s.organiser_org_id;
        r.organiser_name = *organiser;
        r.service_date = s.date;
        r.place = shift_place_of(*activity);
        r.content = s.title;
        r.minutes = minutes;
        r.source = "shift";
        r.source_id = g.id;
        r.state = "submitted";
        r.created_by = by.user_id;
        r.created_at = now();
        Result<int64_t> record = insert_record(c, r);
        if (!record.ok()) return record.status();
        if (Status st = set_checked_out(c, signup_id, out->at, out->by, minutes, *record); !st.ok())
          return st;
        return attendance_reload(c, *out);
      },
      [out, done = std::move(done)](const Status& s) { attendance_answer(out, done, s); });
}

}  // namespace warmcity::volunteers
