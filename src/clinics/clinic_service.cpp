// Free clinic sessions (clinic_service.h).
#include "clinics/clinic_service.h"

#include <nlohmann/json.hpp>

#include "activities/new_activity.h"
#include "core/time.h"

namespace warmcity::clinics {

using activities::ActivityFields;
using activities::Clash;
using activities::VenueRecord;

namespace {

constexpr int kListLimit = 100;
constexpr int kDeskLimit = 200;

Status clinic_not_found(int64_t id) {
  return Status::NotFound("no clinic session " + std::to_string(id));
}

std::string clinic_audit_detail(const ClinicSession& s, size_t skipped) {
  return nlohmann::json{{"title", s.activity.title},
                        {"organiser_org_id", s.activity.organiser_org_id},
                        {"filing_number", s.clinic.filing_number},
                        {"slots", s.slots.size()},
                        {"skipped", skipped},
                        {"doctors", s.doctors.size()}}
      .dump();
}

Result<ClinicSession> clinic_reload(store::Connection& c, int64_t id) {
  Result<std::optional<ClinicSession>> s = load_session(c, id);
  if (!s.ok()) return s.status();
  if (!*s) return clinic_not_found(id);
  return std::move(**s);
}

// The sessions of `ids`, in that order.
Result<std::vector<ClinicSession>> clinic_reload_all(store::Connection& c,
                                                     const std::vector<int64_t>& ids) {
  std::vector<ClinicSession> out;
  for (int64_t id : ids) {
    Result<ClinicSession> s = clinic_reload(c, id);
    if (!s.ok()) return s.status();
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace

ClinicService::ClinicService(store::Database& db, accounts::AuditLog& audit,
                             CalendarSource calendar, std::function<int64_t()> now)
    : db_(db), audit_(audit), calendar_(std::move(calendar)), now_(std::move(now)) {}

int64_t ClinicService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate ClinicService::today() const { return core::local_date_of(now()); }

std::shared_ptr<const core::Calendar> ClinicService::calendar() const {
  if (calendar_) {
    if (std::shared_ptr<const core::Calendar> c = calendar_()) return c;
  }
  static const std::shared_ptr<const core::Calendar> none = std::make_shared<core::Calendar>();
  return none;
}

Result<ClinicSession> ClinicService::get(int64_t id) { return clinic_reload(db_.reader(), id); }

Result<std::vector<ClinicSession>> ClinicService::list(int64_t from, int64_t until,
                                                       std::optional<int64_t> community_id) {
  store::Connection& c = db_.reader();
  Result<std::vector<int64_t>> ids = sessions_in_window(c, from, until, community_id, kListLimit);
  if (!ids.ok()) return ids.status();
  return clinic_reload_all(c, *ids);
}

Result<std::vector<ClinicSession>> ClinicService::organiser_sessions(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  std::optional<std::vector<int64_t>> orgs;
  if (!by.is_admin()) {
    Result<std::vector<activities::Organiser>> mine = activities::organisers_of(c, by);
    if (!mine.ok()) return mine.status();
    if (mine->empty()) return Status::PermissionDenied("only organiser staff and admins");
    orgs.emplace();
    for (const activities::Organiser& o : *mine) orgs->push_back(o.id);
  }
  Result<std::vector<int64_t>> ids = sessions_of_organisers(c, orgs, kDeskLimit);
  if (!ids.ok()) return ids.status();
  return clinic_reload_all(c, *ids);
}

void ClinicService::create(ClinicFields f, Caller by, ClinicDone done) {
  auto out = std::make_shared<ClinicWritten>();
  db_.submit(
      [this, f = std::move(f), by, out](store::Connection& c) mutable -> Status {
        Result<int64_t> organiser =
            activities::organiser_for_new(c, by, f.activity.organiser_org_id, "clinic sessions");
        if (!organiser.ok()) return organiser.status();
        Result<std::optional<VenueRecord>> venue = activities::place_of_new(c, f.activity);
        if (!venue.ok()) return venue.status();
        if (*venue)
          if (Status s = activities::hold_venue(c, (*venue)->id); !s.ok()) return s;
        const std::shared_ptr<const core::Calendar> cal = calendar();
        const std::string date = core::format_date(f.activity.first_date);
        std::vector<std::pair<int64_t, int64_t>> planned;
        for (const auto& [starts, ends] :
             slot_times(f.activity.first_date, f.activity.start_minute, f.slot_minutes, f.slots)) {
          if (*venue) {
            Result<std::optional<Clash>> clash =
                activities::clash_of(c, **venue, date, starts, ends, {}, *cal);
            if (!clash.ok()) return clash.status();
            if (*clash) {
              (f.activity.skip_clashes ? out->skipped : out->clashes).push_back(std::move(**clash));
              continue;
            }
          }
          planned.emplace_back(starts, ends);
        }
        if (!out->clashes.empty()) return Status::Conflict("clash");
        if (planned.empty()) {
          out->clashes = std::move(out->skipped);
          out->skipped.clear();
          return Status::Conflict("clash");
        }
        const int64_t t = now();
        Result<int64_t> id = activities::insert_activity(c, f.activity, *organiser, by.user_id, t);
        if (!id.ok()) return id.status();
        int64_t seq = 0;
        for (const auto& [starts, ends] : planned) {
          Result<int64_t> oid =
              activities::insert_occurrence(c, *id, ++seq, f.activity.first_date, starts, ends,
                                            f.places_per_slot(), t, /*detached=*/true);
          if (!oid.ok()) return oid.status();
        }
        ClinicRow row{*id, f.filing_number, f.slot_minutes, f.places_per_slot(), by.user_id, t, t};
        if (Status s = insert_clinic(c, row); !s.ok()) return s;
        if (Status s = replace_doctors(c, *id, f.doctors); !s.ok()) return s;
        Result<ClinicSession> made = clinic_reload(c, *id);
        if (!made.ok()) return made.status();
        out->session = std::move(*made);
        return audit_.append_job(
            accounts::audit_entry(by, "clinic.create", "activity", std::to_string(*id),
                                  clinic_audit_detail(out->session, out->skipped.size())))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

void ClinicService::update(int64_t id, ClinicPatch p, Caller by, ClinicDone done) {
  auto out = std::make_shared<ClinicWritten>();
  db_.submit(
      [this, id, p = std::move(p), by, out](store::Connection& c) -> Status {
        Result<std::optional<ClinicRow>> row = load_clinic(c, id);
        if (!row.ok()) return row.status();
        if (!*row) return clinic_not_found(id);
        Result<activities::ActivityRecord> a = activities::load_activity(c, id);
        if (!a.ok()) return a.status();
        if (Status s = activities::require_organiser(c, by, a->organiser_org_id); !s.ok()) return s;
        if (a->status == "cancelled") return Status::Conflict("activity_cancelled");
        const int64_t t = now();
        if (Status s = update_clinic(c, id, p.filing_number, t); !s.ok()) return s;
        if (p.doctors)
          if (Status s = replace_doctors(c, id, *p.doctors); !s.ok()) return s;
        Result<ClinicSession> fresh = clinic_reload(c, id);
        if (!fresh.ok()) return fresh.status();
        out->session = std::move(*fresh);
        nlohmann::json detail = {{"filing_number", out->session.clinic.filing_number},
                                 {"doctors", out->session.doctors.size()},
                                 {"changed_filing_number", p.filing_number.has_value()},
                                 {"changed_doctors", p.doctors.has_value()}};
        return audit_.append_job(accounts::audit_entry(by, "clinic.update", "activity",
                                                       std::to_string(id), detail.dump()))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

}  // namespace warmcity::clinics
