// DutyService: a session day's duty confirmed by the programme's organiser
// (docs/afterschool.md "Duty and volunteer hours"). HTTP-free.
//
// day() reads a day's duty for the organiser's desk (who cannot read the
// roster: it holds the children): whether it has a session and when it
// ends, the duty adults with their staff-list role, the confirmation.
//
// confirm() is one write job: who may (the organiser's staff or an admin:
// "who organises records"), the programme (kNotFound), a session that day
// (409 no_session), the session over (409 session_not_over before the
// day's end_time), somebody on duty (409 no_duty), not confirmed already
// (409 already_confirmed); then the confirmation row, the hook (the
// volunteers' hours, duty_confirmation.h) and the audit row
// afterschool.duty.confirm, committed together or not at all. The day's
// duty list is fixed from then on (ProgrammeService::set_duty refuses it).
// Lifetime: REQUIRES db and audit to outlive the service. `done` runs once,
// on the writer's answerer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/audit.h"
#include "accounts/caller.h"
#include "afterschool/day_clock.h"
#include "afterschool/duty_confirmation.h"
#include "afterschool/duty_store.h"
#include "afterschool/programme.h"
#include "afterschool/programme_store.h"
#include "core/time.h"
#include "store/database.h"

namespace warmcity::afterschool {

// A confirmation as answered: the row, the day's duty adults and those of
// them listed as volunteers (user ids).
struct DutyConfirmationView {
  DutyConfirmation confirmation;
  std::vector<int64_t> duty;
  std::vector<int64_t> volunteers;
};

// A day's duty as the organiser's desk shows it.
struct DutyDay {
  std::string date;  // YYYY-MM-DD
  SessionDay day;
  int64_t ends_at = 0;            // the session's end, unix seconds (the day's end_time)
  bool session_over = false;      // now >= ends_at
  std::vector<StaffMember> duty;  // the day's duty adults, by user id
  std::optional<DutyConfirmation> confirmation;
};

using DutyConfirmDone = std::function<void(Status, DutyConfirmationView)>;

class DutyService {
 public:
  DutyService(store::Database& db, accounts::AuditLog& audit, DayClock clock,
              DutyConfirmedHook on_confirmed = nullptr);

  // Programme staff, organiser staff, admins (kNotFound: no programme).
  Result<DutyDay> day(int64_t programme_id, core::LocalDate date, const accounts::Caller& by);
  void confirm(int64_t programme_id, core::LocalDate date, accounts::Caller by,
               DutyConfirmDone done);

 private:
  store::Database& db_;
  accounts::AuditLog& audit_;
  DayClock clock_;
  DutyConfirmedHook on_confirmed_;
};

}  // namespace warmcity::afterschool
