// A session day's duty confirmed (duty_service.h).
#include "afterschool/duty_service.h"

#include <memory>
#include <utility>

#include <nlohmann/json.hpp>

#include "afterschool/afterschool_access.h"
#include "afterschool/programme_service.h"
#include "afterschool/programme_store.h"

namespace warmcity::afterschool {

namespace {

// The place a ledger record names: the site, and its address when known.
std::string duty_place(const ProgrammeView& v) {
  if (v.site_address.empty()) return v.site_name;
  return v.site_name + "（" + v.site_address + "）";
}

// The session's end on the day, unix seconds.
int64_t session_ends_at(const Programme& p, core::LocalDate date) {
  return core::local_midnight_unix(date) + int64_t{end_minute(p)} * 60;
}

}  // namespace

DutyService::DutyService(store::Database& db, accounts::AuditLog& audit, DayClock clock,
                         DutyConfirmedHook on_confirmed)
    : db_(db), audit_(audit), clock_(std::move(clock)), on_confirmed_(std::move(on_confirmed)) {}

Result<DutyDay> DutyService::day(int64_t programme_id, core::LocalDate date,
                                 const accounts::Caller& by) {
  store::Connection& c = db_.reader();
  if (Status s = require_staff_or_organiser(c, by, programme_id); !s.ok()) return s;
  Result<std::optional<Programme>> p = find_programme(c, programme_id);
  if (!p.ok()) return p.status();
  if (!*p) return Status::NotFound("no after-school programme " + std::to_string(programme_id));
  DutyDay out;
  out.date = core::format_date(date);
  out.day = session_day(**p, date, *clock_.calendar());
  out.ends_at = session_ends_at(**p, date);
  out.session_over = clock_.now() >= out.ends_at;
  Result<std::vector<StaffMember>> members = duty_members_of_day(c, programme_id, out.date);
  if (!members.ok()) return members.status();
  out.duty = std::move(*members);
  Result<std::optional<DutyConfirmation>> confirmed =
      find_duty_confirmation(c, programme_id, out.date);
  if (!confirmed.ok()) return confirmed.status();
  out.confirmation = std::move(*confirmed);
  return out;
}

void DutyService::confirm(int64_t programme_id, core::LocalDate date, accounts::Caller by,
                          DutyConfirmDone done) {
  auto out = std::make_shared<DutyConfirmationView>();
  db_.submit(
      [this, programme_id, date, by, out](store::Connection& c) -> Status {
        if (Status s = require_programme_organiser(c, by, programme_id); !s.ok()) return s;
        Result<ProgrammeView> v = programme_view(c, programme_id);
        if (!v.ok()) return v.status();
        const Programme& p = v->programme;
        if (!session_day(p, date, *clock_.calendar()).open)
          return Status::Conflict("no_session: the programme has no session that day");
        const int64_t now = clock_.now();
        if (now < session_ends_at(p, date))
          return Status::Conflict("session_not_over: the day's duty is confirmed after " +
                                  p.end_time);
        const std::string day = core::format_date(date);
        Result<std::optional<DutyConfirmation>> before =
            find_duty_confirmation(c, programme_id, day);
        if (!before.ok()) return before.status();
        if (*before) return Status::Conflict("already_confirmed: the day's duty is confirmed");
        Result<std::vector<StaffMember>> members = duty_members_of_day(c, programme_id, day);
        if (!members.ok()) return members.status();
        if (members->empty()) return Status::Conflict("no_duty: nobody is on duty that day");
        std::vector<int64_t> duty;
        std::vector<int64_t> volunteers;
        for (const StaffMember& m : *members) {
          duty.push_back(m.user_id);
          if (m.role == "volunteer") volunteers.push_back(m.user_id);
        }
        const int64_t minutes = end_minute(p) - start_minute(p);
        if (minutes <= 0) return Status::Internal("the programme's session has no length");

        const DutyConfirmation row{0,
                                   programme_id,
                                   day,
                                   minutes,
                                   static_cast<int64_t>(duty.size()),
                                   static_cast<int64_t>(volunteers.size()),
                                   by.user_id,
                                   "",
                                   now};
        if (Result<int64_t> id = insert_duty_confirmation(c, row); !id.ok()) return id.status();
        // Read back as every reader sees it (its id, the confirmer's name).
        Result<std::optional<DutyConfirmation>> saved =
            find_duty_confirmation(c, programme_id, day);
        if (!saved.ok()) return saved.status();
        if (!*saved) return Status::Internal("the duty confirmation just written is not there");
        out->confirmation = std::move(**saved);
        const DutyConfirmation& d = out->confirmation;
        out->duty = duty;
        out->volunteers = volunteers;
        if (on_confirmed_ && !volunteers.empty()) {
          ConfirmedDuty facts{d.id, programme_id, p.name,     p.organiser_org_id, duty_place(*v),
                              day,  minutes,      volunteers, by.user_id,         now};
          if (Status s = on_confirmed_(c, facts); !s.ok()) return s;
        }
        nlohmann::json detail = {{"date", day},
                                 {"adults", d.adults},
                                 {"volunteers", d.volunteers},
                                 {"minutes", minutes}};
        return audit_.append_job(
            accounts::audit_entry(by, "afterschool.duty.confirm", "afterschool_programme",
                                  std::to_string(programme_id), detail.dump()))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

}  // namespace warmcity::afterschool
