// After-school programmes (programme_service.h).
#include "afterschool/programme_service.h"

#include <map>

#include <nlohmann/json.hpp>

#include "activities/new_activity.h"
#include "activities/organiser_access.h"
#include "afterschool/afterschool_access.h"
#include "afterschool/duty_store.h"
#include "core/time.h"

namespace warmcity::afterschool {

namespace {

constexpr int kProgrammeListLimit = 200;

Status programme_not_found(int64_t id) {
  return Status::NotFound("no after-school programme " + std::to_string(id));
}

Status programme_field(const std::string& field, const std::string& message) {
  return Status::Unprocessable(message, {{field, message}});
}

// The site must be a facility of kind afterschool_site.
Status programme_check_site(store::Connection& c, int64_t site_id) {
  Result<std::optional<SiteRow>> site = find_site(c, site_id);
  if (!site.ok()) return site.status();
  if (!*site || (*site)->kind != "afterschool_site")
    return programme_field("site_id", "a facility of kind afterschool_site");
  return Status::Ok();
}

Result<std::vector<ProgrammeView>> programme_views(store::Connection& c,
                                                   const std::vector<int64_t>& ids) {
  std::vector<ProgrammeView> out;
  for (int64_t id : ids) {
    Result<ProgrammeView> v = programme_view(c, id);
    if (!v.ok()) return v.status();
    out.push_back(std::move(*v));
  }
  return out;
}

std::string programme_audit_detail(const Programme& p,
                                   const std::vector<std::string>* changed = nullptr) {
  nlohmann::json j = {{"name", p.name},
                      {"organiser_org_id", p.organiser_org_id},
                      {"site_id", p.site_id},
                      {"capacity", p.capacity},
                      {"status", p.status}};
  if (changed) j["changed"] = *changed;
  return j.dump();
}

std::vector<StaffView> programme_staff_views(const std::vector<StaffMember>& members,
                                             core::LocalDate today) {
  std::vector<StaffView> out;
  for (const StaffMember& m : members)
    out.push_back(
        {m, recheck_due_on(m.background_checked_on), recheck_due(m.background_checked_on, today)});
  return out;
}

}  // namespace

Result<ProgrammeView> programme_view(store::Connection& c, int64_t id) {
  Result<std::optional<Programme>> p = find_programme(c, id);
  if (!p.ok()) return p.status();
  if (!*p) return programme_not_found(id);
  ProgrammeView v;
  v.programme = std::move(**p);
  Result<std::string> org = organisation_name(c, v.programme.organiser_org_id);
  if (!org.ok()) return org.status();
  v.organiser_name = std::move(*org);
  Result<std::optional<SiteRow>> site = find_site(c, v.programme.site_id);
  if (!site.ok()) return site.status();
  if (*site) {
    v.site_name = (*site)->name;
    v.site_address = (*site)->address;
    v.community_id = (*site)->community_id;
  }
  Result<int64_t> enrolled = enrolled_count(c, id);
  if (!enrolled.ok()) return enrolled.status();
  v.enrolled = *enrolled;
  return v;
}

ProgrammeService::ProgrammeService(store::Database& db, accounts::AuditLog& audit,
                                   CalendarSource calendar, std::function<int64_t()> now)
    : db_(db), audit_(audit), calendar_(std::move(calendar)), now_(std::move(now)) {}

int64_t ProgrammeService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate ProgrammeService::today() const { return core::local_date_of(now()); }

std::shared_ptr<const core::Calendar> ProgrammeService::calendar() const {
  if (calendar_) {
    if (std::shared_ptr<const core::Calendar> c = calendar_()) return c;
  }
  static const std::shared_ptr<const core::Calendar> none = std::make_shared<core::Calendar>();
  return none;
}

Result<ProgrammeView> ProgrammeService::get(int64_t id) { return programme_view(db_.reader(), id); }

Result<std::vector<ProgrammeView>> ProgrammeService::list(std::optional<int64_t> community_id) {
  store::Connection& c = db_.reader();
  Result<std::vector<int64_t>> ids = active_programme_ids(c, community_id, kProgrammeListLimit);
  if (!ids.ok()) return ids.status();
  return programme_views(c, *ids);
}

Result<std::vector<DayView>> ProgrammeService::days(int64_t id, core::LocalDate from, int days) {
  Result<std::optional<Programme>> p = find_programme(db_.reader(), id);
  if (!p.ok()) return p.status();
  if (!*p) return programme_not_found(id);
  const std::shared_ptr<const core::Calendar> cal = calendar();
  std::vector<DayView> out;
  const int64_t first = core::days_from_civil(from);
  for (int i = 0; i < days; ++i) {
    const core::LocalDate d = core::civil_from_days(first + i);
    out.push_back({core::format_date(d), session_day(**p, d, *cal)});
  }
  return out;
}

Result<std::vector<ProgrammeView>> ProgrammeService::desk_list(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  // id → my_part, in the order met: organiser first, then staff.
  std::map<int64_t, std::string> part;
  std::vector<int64_t> order;
  auto add = [&](const std::vector<int64_t>& ids, const char* what) {
    for (int64_t id : ids)
      if (part.emplace(id, what).second) order.push_back(id);
  };
  if (by.is_admin()) {
    Result<std::vector<int64_t>> all =
        organisers_programme_ids(c, std::nullopt, kProgrammeListLimit);
    if (!all.ok()) return all.status();
    add(*all, "admin");
  } else {
    Result<std::vector<activities::Organiser>> mine = activities::organisers_of(c, by);
    if (!mine.ok()) return mine.status();
    std::vector<int64_t> orgs;
    for (const activities::Organiser& o : *mine) orgs.push_back(o.id);
    Result<std::vector<int64_t>> organised = organisers_programme_ids(c, orgs, kProgrammeListLimit);
    if (!organised.ok()) return organised.status();
    add(*organised, "organiser");
    Result<bool> active = is_active_non_resident(c, by.user_id);
    if (!active.ok()) return active.status();
    if (*active) {
      Result<std::vector<int64_t>> staffed =
          staff_programme_ids(c, by.user_id, kProgrammeListLimit);
      if (!staffed.ok()) return staffed.status();
      add(*staffed, "staff");
    }
    if (mine->empty() && order.empty())
      return Status::PermissionDenied("only organiser staff, programme staff and admins");
  }
  Result<std::vector<ProgrammeView>> views = programme_views(c, order);
  if (!views.ok()) return views.status();
  for (ProgrammeView& v : *views) v.my_part = part[v.programme.id];
  std::stable_sort(views->begin(), views->end(),
                   [](const ProgrammeView& a, const ProgrammeView& b) {
                     return a.programme.name < b.programme.name;
                   });
  if (views->size() > static_cast<size_t>(kProgrammeListLimit)) views->resize(kProgrammeListLimit);
  return views;
}

Result<std::vector<StaffView>> ProgrammeService::staff(int64_t id, const Caller& by) {
  store::Connection& c = db_.reader();
  if (Status s = require_staff_or_organiser(c, by, id); !s.ok()) return s;
  Result<std::vector<StaffMember>> members = staff_of(c, id);
  if (!members.ok()) return members.status();
  return programme_staff_views(*members, today());
}

void ProgrammeService::create(ProgrammeFields f, Caller by, ProgrammeDone done) {
  auto out = std::make_shared<ProgrammeView>();
  db_.submit(
      [this, f = std::move(f), by, out](store::Connection& c) -> Status {
        Result<int64_t> organiser =
            activities::organiser_for_new(c, by, f.organiser_org_id, "after-school programmes");
        if (!organiser.ok()) return organiser.status();
        if (Status s = programme_check_site(c, f.site_id); !s.ok()) return s;
        const int64_t t = now();
        Programme p;
        p.organiser_org_id = *organiser;
        p.site_id = f.site_id;
        p.name = f.name;
        p.weekdays = f.weekdays;
        p.start_time = f.start_time;
        p.end_time = f.end_time;
        p.capacity = f.capacity;
        p.term_start = f.term_start;
        p.term_end = f.term_end;
        p.on_makeup_days = f.on_makeup_days;
        p.staffing = f.staffing;
        p.status = "active";
        p.created_by = by.user_id;
        p.created_at = t;
        p.updated_at = t;
        Result<int64_t> id = insert_programme(c, p);
        if (!id.ok()) return id.status();
        Result<ProgrammeView> v = programme_view(c, *id);
        if (!v.ok()) return v.status();
        *out = std::move(*v);
        return audit_.append_job(accounts::audit_entry(by, "afterschool.programme.create",
                                                       "afterschool_programme", std::to_string(*id),
                                                       programme_audit_detail(out->programme)))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

void ProgrammeService::update(int64_t id, ProgrammePatch patch, Caller by, ProgrammeDone done) {
  auto out = std::make_shared<ProgrammeView>();
  db_.submit(
      [this, id, patch = std::move(patch), by, out](store::Connection& c) -> Status {
        if (Status s = require_programme_organiser(c, by, id); !s.ok()) return s;
        Result<std::optional<Programme>> old = find_programme(c, id);
        if (!old.ok()) return old.status();
        if (!*old) return programme_not_found(id);
        Result<Programme> p = apply_patch(**old, patch);
        if (!p.ok()) return p.status();
        // Handing the programme to another organiser: the caller organises for it too.
        if (p->organiser_org_id != (*old)->organiser_org_id)
          if (Status s = activities::require_organiser(c, by, p->organiser_org_id); !s.ok())
            return s;
        if (patch.site_id)
          if (Status s = programme_check_site(c, p->site_id); !s.ok()) return s;
        p->updated_at = now();
        if (Status s = update_programme(c, *p); !s.ok()) return s;
        Result<ProgrammeView> v = programme_view(c, id);
        if (!v.ok()) return v.status();
        *out = std::move(*v);
        const std::vector<std::string> changed = patched_fields(patch);
        return audit_.append_job(accounts::audit_entry(
            by, "afterschool.programme.update", "afterschool_programme", std::to_string(id),
            programme_audit_detail(out->programme, &changed)))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

void ProgrammeService::set_staff(int64_t id, std::vector<StaffEntry> staff, Caller by,
                                 StaffDone done) {
  auto out = std::make_shared<std::vector<StaffView>>();
  db_.submit(
      [this, id, staff = std::move(staff), by, out](store::Connection& c) -> Status {
        if (Status s = require_programme_organiser(c, by, id); !s.ok()) return s;
        std::vector<FieldError> errors;
        for (size_t i = 0; i < staff.size(); ++i) {
          Result<bool> ok = is_active_non_resident(c, staff[i].user_id);
          if (!ok.ok()) return ok.status();
          if (!*ok)
            errors.push_back({"staff[" + std::to_string(i) + "].user_id",
                              "an existing, active user who is not a resident"});
        }
        if (!errors.empty()) {
          const std::string first = errors.front().message;
          return Status::Unprocessable(first, std::move(errors));
        }
        const core::LocalDate day = today();
        if (Status s = replace_staff(c, id, staff, by.user_id, now(), core::format_date(day));
            !s.ok())
          return s;
        Result<std::vector<StaffMember>> members = staff_of(c, id);
        if (!members.ok()) return members.status();
        *out = programme_staff_views(*members, day);
        int64_t due = 0;
        for (const StaffView& v : *out) due += v.recheck_due ? 1 : 0;
        nlohmann::json detail = {{"staff", out->size()}, {"recheck_due", due}};
        return audit_.append_job(accounts::audit_entry(by, "afterschool.staff.set",
                                                       "afterschool_programme", std::to_string(id),
                                                       detail.dump()))(c);
      },
      [out, done = std::move(done)](const Status& s) { done(s, std::move(*out)); });
}

void ProgrammeService::set_duty(int64_t id, core::LocalDate date, std::vector<int64_t> user_ids,
                                Caller by, DutyDone done) {
  auto out = std::make_shared<DayStaffing>();
  db_.submit(
      [this, id, date, user_ids = std::move(user_ids), by, out](store::Connection& c) -> Status {
        if (Status s = require_staff_or_organiser(c, by, id); !s.ok()) return s;
        Result<std::optional<Programme>> p = find_programme(c, id);
        if (!p.ok()) return p.status();
        if (!*p) return programme_not_found(id);
        for (int64_t user : user_ids) {
          Result<bool> listed = is_programme_staff(c, user, id);
          if (!listed.ok()) return listed.status();
          if (!*listed)
            return programme_field("user_ids", "user " + std::to_string(user) +
                                                   " is not on the programme's staff list");
        }
        if (!session_day(**p, date, *calendar()).open)
          return Status::Conflict("no_session: the programme has no session that day");
        const std::string day = core::format_date(date);
        Result<std::optional<DutyConfirmation>> confirmed = find_duty_confirmation(c, id, day);
        if (!confirmed.ok()) return confirmed.status();
        if (*confirmed)
          return Status::Conflict("duty_confirmed: the day's duty is confirmed and fixed");
        if (Status s = replace_duty(c, id, day, user_ids, by.user_id, now()); !s.ok()) return s;
        Result<int64_t> children = children_of_day(c, id, day);
        if (!children.ok()) return children.status();
        Result<DayStaffing> staffing = staffing_of_day(c, **p, day, *children, today());
        if (!staffing.ok()) return staffing.status();
        *out = *staffing;
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) { done(s, *out); });
}

}  // namespace warmcity::afterschool
