// A programme's roster on a day (roster_service.h).
#include "afterschool/roster_service.h"

#include <memory>
#include <utility>

#include "accounts/audit.h"
#include "afterschool/afterschool_access.h"
#include "afterschool/alert.h"

namespace warmcity::afterschool {

namespace {

Status audit_roster(store::Connection& c, const accounts::Caller& by, const Roster& r,
                    RosterFormat format, int64_t at) {
  std::vector<int64_t> ids;
  for (const RosterChild& ch : r.children) ids.push_back(ch.id);
  accounts::AuditEntry e = accounts::audit_entry(
      by, "personal_data.read", "afterschool_programme", std::to_string(r.programme.programme.id),
      accounts::AuditDetail()
          .add_strings("fields", {"name", "school", "grade", "health_notes", "guardians"})
          .add("purpose", "afterschool_roster")
          .add("date", r.date)
          .add("format", format == RosterFormat::kCsv ? "csv" : "json")
          .add_ints("child_ids", ids)
          .str());
  return accounts::append_audit(c, e, at);
}

}  // namespace

RosterService::RosterService(store::Database& db, DayClock clock)
    : db_(db), clock_(std::move(clock)) {}

void RosterService::roster(int64_t programme_id, std::optional<core::LocalDate> date,
                           RosterFormat format, accounts::Caller by,
                           std::function<void(Result<Roster>)> done) {
  const int64_t now = clock_.now();
  const core::LocalDate today = core::local_date_of(now);
  const core::LocalDate on = date.value_or(today);
  auto out = std::make_shared<Roster>();
  out->date = core::format_date(on);
  db_.submit(
      [programme_id, on, today, now, format, by = std::move(by), out,
       calendar = clock_.calendar()](store::Connection& c) -> Status {
        Roster& r = *out;
        if (Status s = require_programme_staff(c, by, programme_id); !s.ok()) return s;
        if (on == today) {
          Result<int64_t> raised =
              raise_late_alerts(c, r.date, late_cutoff(now), now, programme_id);
          if (!raised.ok()) return raised.status();
        }
        Result<ProgrammeView> p = programme_view(c, programme_id);
        if (!p.ok()) return p.status();
        r.programme = std::move(*p);
        r.day = session_day(r.programme.programme, on, *calendar);
        Result<int64_t> counted = children_of_day(c, programme_id, r.date);
        if (!counted.ok()) return counted.status();
        Result<DayStaffing> staffing =
            staffing_of_day(c, r.programme.programme, r.date, *counted, today);
        if (!staffing.ok()) return staffing.status();
        r.staffing = *staffing;
        r.today = today;
        Result<std::vector<StaffMember>> staff = staff_of(c, programme_id);
        if (!staff.ok()) return staff.status();
        r.staff = std::move(*staff);
        Result<std::vector<int64_t>> duty = duty_of_day(c, programme_id, r.date);
        if (!duty.ok()) return duty.status();
        r.duty = std::move(*duty);
        Result<std::optional<DutyConfirmation>> confirmed =
            find_duty_confirmation(c, programme_id, r.date);
        if (!confirmed.ok()) return confirmed.status();
        r.duty_confirmation = std::move(*confirmed);
        Result<std::vector<OpenAlert>> alerts = open_alerts_of(c, programme_id, r.date);
        if (!alerts.ok()) return alerts.status();
        r.alerts = std::move(*alerts);
        Result<std::vector<RosterChild>> children = roster_children(c, programme_id, r.date);
        if (!children.ok()) return children.status();
        r.children = std::move(*children);
        return audit_roster(c, by, r, format, now);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

}  // namespace warmcity::afterschool
