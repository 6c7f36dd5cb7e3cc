// ProgrammeService: after-school programmes (docs/afterschool.md
// "Programmes"): create and edit a programme, read one and the list, its
// session days, the desk's list, the staff list and the day's duty.
// HTTP-free.
//
// Reads run on the calling thread's reader. Each write is one write job that
// checks who asks (afterschool_access.h), checks what it refers to (the
// site, the staff's users), saves, and appends its audit row
// (afterschool.programme.create, afterschool.programme.update,
// afterschool.staff.set). `done` runs on the writer's answerer thread after
// the commit.
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
#include "afterschool/programme.h"
#include "afterschool/programme_store.h"
#include "core/calendar.h"
#include "store/database.h"

namespace warmcity::afterschool {

using accounts::Caller;

// A programme as the public sees it: the programme, its organiser and site,
// and the children enrolled now.
struct ProgrammeView {
  Programme programme;
  std::string organiser_name;
  std::string site_name;
  std::string site_address;
  std::optional<int64_t> community_id;
  int64_t enrolled = 0;
  std::string my_part;  // the desk's list: organiser | staff | admin; else ""
};

struct DayView {
  std::string date;
  SessionDay day;
};

// A staff list entry as shown (recheck_due_on, recheck_due as of today).
struct StaffView {
  StaffMember member;
  std::string recheck_due_on;
  bool recheck_due = false;
};

// The programme's view read on `c` (inside the caller's job): kNotFound for
// an unknown id. For the other parts that show a programme (the roster).
Result<ProgrammeView> programme_view(store::Connection& c, int64_t id);

using ProgrammeDone = std::function<void(Status, ProgrammeView)>;
using StaffDone = std::function<void(Status, std::vector<StaffView>)>;
using DutyDone = std::function<void(Status, DayStaffing)>;

class ProgrammeService {
 public:
  using CalendarSource = std::function<std::shared_ptr<const core::Calendar>()>;
  ProgrammeService(store::Database& db, accounts::AuditLog& audit,
                   CalendarSource calendar = nullptr, std::function<int64_t()> now = nullptr);

  int64_t now() const;
  core::LocalDate today() const;  // the district date of now()

  // kNotFound for an unknown id.
  Result<ProgrammeView> get(int64_t id);
  // Active programmes (at sites in the community, when given), by name, at
  // most 200.
  Result<std::vector<ProgrammeView>> list(std::optional<int64_t> community_id);
  // `days` days from `from`; kNotFound for an unknown id.
  Result<std::vector<DayView>> days(int64_t id, core::LocalDate from, int days);
  // The programmes `by` organises or is on the staff of (admins: all), with
  // my_part; kUnauthenticated anonymous, kPermissionDenied for a caller who
  // is neither organiser staff nor on any staff list.
  Result<std::vector<ProgrammeView>> desk_list(const Caller& by);
  // The staff list (programme staff, organiser staff, admins).
  Result<std::vector<StaffView>> staff(int64_t id, const Caller& by);

  void create(ProgrammeFields f, Caller by, ProgrammeDone done);
  void update(int64_t id, ProgrammePatch p, Caller by, ProgrammeDone done);
  // Replaces the staff list (organiser staff, admins); 422 staff[i].user_id
  // for a user who does not exist, is disabled or is a resident.
  void set_staff(int64_t id, std::vector<StaffEntry> staff, Caller by, StaffDone done);
  // The day's duty adults (programme staff, organiser staff, admins); 422
  // user_ids for one not on the staff list, 409 no_session on a day without
  // a session, 409 duty_confirmed once the organiser confirmed the day
  // (duty_service.h); answers the day's staffing.
  void set_duty(int64_t id, core::LocalDate date, std::vector<int64_t> user_ids, Caller by,
                DutyDone done);

 private:
  std::shared_ptr<const core::Calendar> calendar() const;

  store::Database& db_;
  accounts::AuditLog& audit_;
  CalendarSource calendar_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::afterschool
