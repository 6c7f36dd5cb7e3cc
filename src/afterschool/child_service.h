// ChildService: children, their guardians and enrolments
// (docs/afterschool.md "Children and guardians"). HTTP-free.
//
// Who (afterschool_access.h): a resident adds a child and becomes its first
// guardian; guardians read and edit their children, add guardians, enrol
// and withdraw; the staff of a programme the child is actively enrolled in
// read it — each such read audited (personal_data.read, purpose
// afterschool_child) in one write job before the answer; the organiser's
// staff (or an admin) of its programme withdraw an enrolment; nobody else,
// admins included, reads a child. The child's photo (optional) is given and
// removed by its guardians with the child's body and read by the child's
// readers (a staff read audited, purpose afterschool_child_photo); it is
// kept as pickup_photos.h says.
//
// Reads run on the calling thread's reader; every write (and every audited
// read) is one write job on the single writer that checks who asks, acts
// and appends its audit row (child.create, child.update,
// child.guardian_add, enrolment.create, enrolment.withdraw); `done` runs
// after the commit. An enrolment checks the programme (open, 409
// programme_closed), the child (409 already_enrolled) and the places
// (afterschool_programmes.capacity, 409 full) inside its job.
// Lifetime: REQUIRES db and audit to outlive the service.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "afterschool/child.h"
#include "afterschool/child_store.h"
#include "afterschool/pickup_photos.h"
#include "afterschool/pickup_store.h"
#include "core/calendar.h"
#include "photos/photo_store.h"
#include "store/database.h"

namespace warmcity::afterschool {

using accounts::Caller;

template <class T>
using FamilyDone = std::function<void(Result<T>)>;

// Runs `job` as one write job on `db`, its result landing in a T; `done`
// gets that T after the commit, or the job's refusal. The families'
// services' writes (and audited reads) all go through here.
template <class T>
void submit_family_job(store::Database& db, std::function<Status(store::Connection&, T&)> job,
                       FamilyDone<T> done) {
  auto out = std::make_shared<T>();
  db.submit([job = std::move(job), out](store::Connection& c) { return job(c, *out); },
            [out, done = std::move(done)](const Status& s) {
              if (!s.ok()) return done(s);
              done(std::move(*out));
            });
}

// A child's day at one programme, for its guardians.
struct ChildToday {
  int64_t programme_id = 0;
  std::string programme_name;
  std::string state;  // expected | here | gone
  std::optional<AttendanceToday> attendance;
  bool late_alert = false;
};

// One entry of GET /my-children.
struct MyChild {
  ChildRecord record;
  std::vector<PickupAdultRow> pickup_adults;
  std::vector<EnrolmentRow> enrolments;
  std::vector<ChildToday> today;
  int64_t late_pickups_this_month = 0;
};

class ChildService {
 public:
  using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;
  // `photos` keeps the children's photos; `now` (unix seconds) defaults to
  // core::now_unix(); `calendar` (the official holidays, for whether a
  // programme has a session today) to a calendar that knows no year.
  ChildService(store::Database& db, accounts::AuditLog& audit, photos::PhotoStore photos,
               CalendarSource calendar = nullptr, std::function<int64_t()> now = nullptr);
  // Without a photo store (the demo): a photo given is refused (kUnavailable).
  ChildService(store::Database& db, accounts::AuditLog& audit, CalendarSource calendar = nullptr,
               std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;

  // Residents only (kPermissionDenied for others).
  void create(ChildFields f, Caller by, FamilyDone<ChildRecord> done);
  // The caller's children with their guardians, pickup adults, enrolments
  // and today; by id.
  Result<std::vector<MyChild>> my_children(const Caller& by);
  // A guardian's read on this thread; a staff member's in an audited job.
  void read(int64_t id, Caller by, FamilyDone<ChildRecord> done);
  void update(int64_t id, ChildPatch p, Caller by, FamilyDone<ChildRecord> done);
  // kNotFound "no_account" when no resident has that phone; kConflict
  // "already_guardian".
  void add_guardian(int64_t id, GuardianInvite g, Caller by,
                    FamilyDone<std::vector<GuardianRow>> done);
  // kNotFound for an unknown programme.
  void enrol(int64_t child_id, int64_t programme_id, Caller by, FamilyDone<EnrolmentRow> done);
  // A withdrawn enrolment answers as it is.
  void withdraw(int64_t enrolment_id, Caller by, FamilyDone<EnrolmentRow> done);
  // The child's photo, for its readers (require_child_reader); a staff
  // member's read checked again and audited in one job. kNotFound when the
  // child has none.
  void photo(int64_t id, Caller by, FamilyDone<FamilyPhoto> done);

  // Runs `task` on the photos' slow-work thread (reading a body that carries
  // a photo); false when that queue is full: answer 503.
  [[nodiscard]] bool post_slow(std::function<void()> task) {
    return photos_.post_slow(std::move(task));
  }

 private:
  std::shared_ptr<const core::Calendar> calendar() const;
  Result<MyChild> my_child(store::Connection& c, int64_t id, const core::Calendar& cal);

  store::Database& db_;
  accounts::AuditLog& audit_;
  CalendarSource calendar_;
  std::function<int64_t()> now_;
  FamilyPhotos photos_;
};

}  // namespace warmcity::afterschool
