// The day of after-school care (day_service.h).
#include "afterschool/day_service.h"

#include <memory>
#include <utility>
#include <vector>

#include "afterschool/afterschool_access.h"
#include "afterschool/alert_store.h"
#include "afterschool/day_store.h"
#include "afterschool/pickup_adult.h"
#include "afterschool/programme.h"
#include "afterschool/programme_store.h"
#include "afterschool/proxy_store.h"

namespace warmcity::afterschool {

namespace {

Status day_pickup_refused(const char* what) {
  return Status::PermissionDenied(std::string("pickup_refused: ") + what);
}

// The programme, its staff member calling, and today a session day of it.
Result<Programme> staff_programme(store::Connection& c, const Caller& by, int64_t programme_id) {
  if (Status s = require_programme_staff(c, by, programme_id); !s.ok()) return s;
  Result<std::optional<Programme>> p = find_programme(c, programme_id);
  if (!p.ok()) return p.status();
  if (!*p) return Status::NotFound("no such programme");
  return std::move(**p);
}

// `otherwise` for a child actively enrolled in the programme; else 404 for
// a child unknown (or erased), 409 not_enrolled. The child is looked up only
// then: an active enrolment is a child not erased (forget.h withdraws them).
Status not_enrolled_or(store::Connection& c, int64_t child_id, int64_t programme_id,
                       Status otherwise) {
  Result<bool> enrolled = is_enrolled(c, child_id, programme_id);
  if (!enrolled.ok()) return enrolled.status();
  if (*enrolled) return otherwise;
  Result<bool> known = child_known(c, child_id);
  if (!known.ok()) return known.status();
  if (!*known) return Status::NotFound("no such child");
  return Status::Conflict("not_enrolled: the child is not enrolled in this programme");
}

// The adult whose current code `code` is, among the child's active adults.
const PickupAdultFacts* adult_by_code(const std::vector<PickupAdultFacts>& adults,
                                      const std::string& code, core::LocalDate today) {
  for (const PickupAdultFacts& a : adults)
    if (adult_active(a, today) && pickup_code_hash(a.code_salt, a.id, code) == a.code_hash)
      return &a;
  return nullptr;
}

const PickupAdultFacts* adult_by_phone(const std::vector<PickupAdultFacts>& adults,
                                       const std::string& phone, core::LocalDate today) {
  for (const PickupAdultFacts& a : adults)
    if (adult_active(a, today) && a.phone == phone) return &a;
  return nullptr;
}

void taken_by_adult(Attendance& a, const PickupAdultFacts& adult) {
  a.pickup_adult_id = adult.id;
  a.pickup_name = adult.name;
  a.pickup_relation = adult.relation;
}

// Who takes the child, checked by the request's method: fills the
// attendance's pickup fields. `counted` is set when a wrong code was
// counted (the job then commits and the refusal is answered after).
Status check_pickup(store::Connection& c, const CheckOutRequest& in, Attendance& a,
                    core::LocalDate today, int64_t now, bool& counted) {
  a.pickup_method = std::string(pickup_method_name(in.method));
  if (in.method == PickupMethod::kProxy) {
    Result<std::optional<Proxy>> p = find_proxy(c, in.proxy_id);
    if (!p.ok()) return p.status();
    if (!*p) return Status::NotFound("no such proxy");
    const Proxy& proxy = **p;
    if (proxy.child_id != a.child_id || proxy.day != a.day)
      return day_pickup_refused("not a proxy for this child today");
    if (!proxy.confirmed_at)
      return Status::PermissionDenied("proxy_unconfirmed: a guardian has not confirmed the proxy");
    if (proxy.used_at) return Status::Conflict("proxy_used: the proxy was used already");
    if (Status s = use_proxy(c, proxy.id, now); !s.ok()) return s;
    a.pickup_proxy_id = proxy.id;
    a.pickup_name = proxy.name;
    a.pickup_relation = proxy.relation;
    return Status::Ok();
  }
  if (in.method == PickupMethod::kCode)
    if (Status s = codes_left(a); !s.ok()) return s;
  Result<std::vector<PickupAdultFacts>> adults = pickup_adults_of(c, a.child_id);
  if (!adults.ok()) return adults.status();
  if (in.method == PickupMethod::kCode) {
    const PickupAdultFacts* adult = adult_by_code(*adults, in.code, today);
    if (adult == nullptr) {
      counted = true;
      return add_code_failure(c, a.id);
    }
    taken_by_adult(a, *adult);
    return Status::Ok();
  }
  const PickupAdultFacts* adult = adult_by_phone(*adults, in.phone, today);
  if (adult == nullptr)
    return day_pickup_refused("not the phone of an adult authorised for this child");
  if (in.pickup_adult_id != 0 && adult->id != in.pickup_adult_id)
    return day_pickup_refused("not the phone of the adult whose photo was compared");
  if (!adult->has_photo)
    return Status::Conflict("no_photo: this adult has no photo to compare; use the code");
  taken_by_adult(a, *adult);
  return Status::Ok();
}

}  // namespace

DayService::DayService(store::Database& db, DayClock clock) : db_(db), clock_(std::move(clock)) {}

void DayService::check_in(int64_t programme_id, CheckInRequest in, Caller by, AttendanceDone done) {
  const int64_t now = clock_.now();
  const core::LocalDate today = core::local_date_of(now);
  auto out = std::make_shared<Attendance>();
  db_.submit(
      [programme_id, in = std::move(in), by = std::move(by), now, today, out,
       calendar = clock_.calendar()](store::Connection& c) -> Status {
        Result<Programme> p = staff_programme(c, by, programme_id);
        if (!p.ok()) return p.status();
        if (p->status != "active" || !session_day(*p, today, *calendar).open)
          return Status::Conflict("no_session: the programme has no session today");
        const std::string day = core::format_date(today);
        Result<std::optional<Attendance>> a = find_attendance(c, programme_id, day, in.child_id);
        if (!a.ok()) return a.status();
        if (Status s = not_enrolled_or(c, in.child_id, programme_id, Status::Ok()); !s.ok())
          return s;
        if (*a) return Status::Conflict("already_checked_in: the child is checked in today");
        Attendance& row = *out;
        row.programme_id = programme_id;
        row.child_id = in.child_id;
        row.day = day;
        row.checked_in_at = now;
        row.checked_in_by = by.user_id;
        row.brought_by = in.brought_by;
        if (in.brought_by == "adult") row.brought_by_name = in.adult_name;
        Result<int64_t> id = insert_attendance(c, row);
        if (!id.ok()) return id.status();
        row.id = *id;
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void DayService::check_out(int64_t programme_id, CheckOutRequest in, Caller by,
                           AttendanceDone done) {
  const int64_t now = clock_.now();
  const core::LocalDate today = core::local_date_of(now);
  auto out = std::make_shared<Attendance>();
  // A wrong code is counted and committed; the refusal is answered after.
  auto refusal = std::make_shared<Status>();
  db_.submit(
      [programme_id, in = std::move(in), by = std::move(by), now, today, out,
       refusal](store::Connection& c) -> Status {
        Result<Programme> p = staff_programme(c, by, programme_id);
        if (!p.ok()) return p.status();
        const std::string day = core::format_date(today);
        // The attendance first: a child here today is known (one query less).
        Result<std::optional<Attendance>> found =
            find_attendance(c, programme_id, day, in.child_id);
        if (!found.ok()) return found.status();
        if (!*found) return not_enrolled_or(c, in.child_id, programme_id, check_out_state(nullptr));
        Attendance& a = **found;
        if (Status s = check_out_state(&a); !s.ok()) return s;
        bool counted = false;
        if (Status s = check_pickup(c, in, a, today, now, counted); !s.ok()) return s;
        if (counted) {
          *refusal = day_pickup_refused("not the code of an adult authorised for this child");
          return Status::Ok();
        }
        const bool past_late = now >= late_from(today, end_minute(*p));
        Result<bool> late = settle_alert(c, programme_id, in.child_id, day, now, past_late);
        if (!late.ok()) return late.status();
        a.checked_out_at = now;
        a.checked_out_by = by.user_id;
        a.late = *late;
        if (Status s = write_check_out(c, a); !s.ok()) return s;
        *out = std::move(a);
        return Status::Ok();
      },
      [out, refusal, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        if (!refusal->ok()) return done(*refusal);
        done(std::move(*out));
      });
}

}  // namespace warmcity::afterschool
