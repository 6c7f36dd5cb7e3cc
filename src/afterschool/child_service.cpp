// Children, guardians and enrolments (child_service.h).
#include "afterschool/child_service.h"

#include <utility>

#include "afterschool/afterschool_access.h"
#include "afterschool/programme.h"
#include "afterschool/programme_store.h"
#include "core/time.h"

namespace warmcity::afterschool {

using accounts::audit_entry;
using accounts::AuditDetail;

namespace {

// The child's day at the programme: here, gone, or expected on a session.
Result<std::optional<ChildToday>> child_today_at(store::Connection& c, int64_t child_id,
                                                 const EnrolmentRow& e,
                                                 const std::vector<AttendanceToday>& rows,
                                                 const std::string& day,
                                                 const core::Calendar& cal) {
  ChildToday t;
  t.programme_id = e.programme_id;
  t.programme_name = e.programme_name;
  for (const AttendanceToday& a : rows)
    if (a.programme_id == e.programme_id) t.attendance = a;
  if (t.attendance) {
    t.state = t.attendance->checked_out_at ? "gone" : "here";
  } else {
    if (e.status != "active") return std::optional<ChildToday>();
    Result<std::optional<Programme>> p = find_programme(c, e.programme_id);
    if (!p.ok()) return p.status();
    if (!*p || (*p)->status != "active") return std::optional<ChildToday>();
    if (!session_day(**p, *core::parse_date(day), cal).open) return std::optional<ChildToday>();
    t.state = "expected";
  }
  Result<bool> alert = late_alert_on(c, child_id, e.programme_id, day);
  if (!alert.ok()) return alert.status();
  t.late_alert = *alert;
  return std::optional<ChildToday>(std::move(t));
}

}  // namespace

ChildService::ChildService(store::Database& db, accounts::AuditLog& audit,
                           photos::PhotoStore photos, CalendarSource calendar,
                           std::function<int64_t()> now)
    : db_(db),
      audit_(audit),
      calendar_(std::move(calendar)),
      now_(std::move(now)),
      photos_(std::move(photos)) {}

ChildService::ChildService(store::Database& db, accounts::AuditLog& audit, CalendarSource calendar,
                           std::function<int64_t()> now)
    : db_(db), audit_(audit), calendar_(std::move(calendar)), now_(std::move(now)) {}

int64_t ChildService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate ChildService::today() const { return core::local_date_of(now()); }

std::shared_ptr<const core::Calendar> ChildService::calendar() const {
  if (calendar_) {
    if (std::shared_ptr<const core::Calendar> c = calendar_()) return c;
  }
  static const std::shared_ptr<const core::Calendar> none = std::make_shared<core::Calendar>();
  return none;
}

void ChildService::create(ChildFields f, Caller by, FamilyDone<ChildRecord> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  if (!by.is_resident()) return done(Status::PermissionDenied("only residents add their children"));
  submit_family_job<ChildRecord>(
      db_,
      [this, f = std::move(f), by](store::Connection& c, ChildRecord& out) -> Status {
        std::optional<std::string> file;
        if (f.photo) {
          Result<std::string> saved = photos_.save(*f.photo);
          if (!saved.ok()) return saved.status();
          file = std::move(*saved);
        }
        const int64_t t = now();
        Result<int64_t> id = insert_child(c, f, file, by.user_id, t);
        if (!id.ok()) return id.status();
        if (Status s = insert_guardian(c, *id, by.user_id, f.relation, by.user_id, t); !s.ok())
          return s;
        Result<ChildRecord> made = load_child_record(c, *id);
        if (!made.ok()) return made.status();
        out = std::move(*made);
        return accounts::append_audit(
            c,
            audit_entry(by, "child.create", "child", std::to_string(*id),
                        AuditDetail()
                            .add("relation", f.relation)
                            .add("consent_version", kChildConsentVersion)
                            .add("health_notes", f.health_notes.has_value())
                            .add("has_photo", file.has_value())
                            .str()),
            t);
      },
      std::move(done));
}

Result<MyChild> ChildService::my_child(store::Connection& c, int64_t id,
                                       const core::Calendar& cal) {
  MyChild m;
  Result<ChildRecord> record = load_child_record(c, id);
  if (!record.ok()) return record.status();
  m.record = std::move(*record);
  Result<std::vector<PickupAdultRow>> adults = pickup_adults_of_child(c, id);
  if (!adults.ok()) return adults.status();
  m.pickup_adults = std::move(*adults);
  Result<std::vector<EnrolmentRow>> enrolments = enrolments_of(c, id);
  if (!enrolments.ok()) return enrolments.status();
  m.enrolments = std::move(*enrolments);
  const std::string day = core::format_date(today());
  Result<std::vector<AttendanceToday>> rows = attendance_on(c, id, day);
  if (!rows.ok()) return rows.status();
  for (const EnrolmentRow& e : m.enrolments) {
    Result<std::optional<ChildToday>> t = child_today_at(c, id, e, *rows, day, cal);
    if (!t.ok()) return t.status();
    if (*t) m.today.push_back(std::move(**t));
  }
  Result<int64_t> late = late_pickups_in_month(c, id, day.substr(0, 7));
  if (!late.ok()) return late.status();
  m.late_pickups_this_month = *late;
  return m;
}

Result<std::vector<MyChild>> ChildService::my_children(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (!by.is_resident()) return Status::PermissionDenied("only residents have children here");
  store::Connection& c = db_.reader();
  Result<std::vector<int64_t>> ids = children_of_guardian(c, by.user_id);
  if (!ids.ok()) return ids.status();
  const std::shared_ptr<const core::Calendar> cal = calendar();
  std::vector<MyChild> out;
  for (int64_t id : *ids) {
    Result<MyChild> m = my_child(c, id, *cal);
    if (!m.ok()) return m.status();
    out.push_back(std::move(*m));
  }
  return out;
}

void ChildService::read(int64_t id, Caller by, FamilyDone<ChildRecord> done) {
  Result<ChildReader> reader = require_child_reader(db_.reader(), by, id);
  if (!reader.ok()) return done(reader.status());
  if (*reader == ChildReader::kGuardian) return done(load_child_record(db_.reader(), id));
  // A staff member's read: checked again and audited in one job.
  submit_family_job<ChildRecord>(
      db_,
      [this, id, by](store::Connection& c, ChildRecord& out) -> Status {
        Result<ChildReader> again = require_child_reader(c, by, id);
        if (!again.ok()) return again.status();
        Result<ChildRecord> record = load_child_record(c, id);
        if (!record.ok()) return record.status();
        out = std::move(*record);
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "child", std::to_string(id),
                        AuditDetail()
                            .add_strings("fields", {"name", "school", "grade", "birth_date",
                                                    "health_notes", "guardians"})
                            .add("view", "full")
                            .add("purpose", "afterschool_child")
                            .str()),
            now());
      },
      std::move(done));
}

void ChildService::update(int64_t id, ChildPatch p, Caller by, FamilyDone<ChildRecord> done) {
  submit_family_job<ChildRecord>(
      db_,
      [this, id, p = std::move(p), by](store::Connection& c, ChildRecord& out) -> Status {
        if (Status s = require_guardian(c, by, id); !s.ok()) return s;
        std::optional<std::optional<std::string>> file;
        if (p.photo) {
          file.emplace();
          if (*p.photo) {
            Result<std::string> saved = photos_.save(**p.photo);
            if (!saved.ok()) return saved.status();
            *file = std::move(*saved);
          }
        }
        const int64_t t = now();
        if (Status s = update_child(c, id, p, file, t); !s.ok()) return s;
        Result<ChildRecord> record = load_child_record(c, id);
        if (!record.ok()) return record.status();
        out = std::move(*record);
        std::vector<std::string> changed;
        if (p.name) changed.push_back("name");
        if (p.school) changed.push_back("school");
        if (p.grade) changed.push_back("grade");
        if (p.health_notes) changed.push_back("health_notes");
        if (p.photo) changed.push_back("photo");
        return accounts::append_audit(
            c,
            audit_entry(by, "child.update", "child", std::to_string(id),
                        AuditDetail().add_strings("changed", changed).str()),
            t);
      },
      std::move(done));
}

void ChildService::add_guardian(int64_t id, GuardianInvite g, Caller by,
                                FamilyDone<std::vector<GuardianRow>> done) {
  submit_family_job<std::vector<GuardianRow>>(
      db_,
      [this, id, g = std::move(g), by](store::Connection& c,
                                       std::vector<GuardianRow>& out) -> Status {
        if (Status s = require_guardian(c, by, id); !s.ok()) return s;
        Result<std::optional<int64_t>> user = resident_with_phone(c, g.phone);
        if (!user.ok()) return user.status();
        if (!*user)
          return Status::NotFound(
              "no_account: no resident account has that phone; ask them to sign in once");
        Result<bool> already = is_guardian(c, **user, id);
        if (!already.ok()) return already.status();
        if (*already) return Status::Conflict("already_guardian: they are a guardian already");
        const int64_t t = now();
        if (Status s = insert_guardian(c, id, **user, g.relation, by.user_id, t); !s.ok()) return s;
        Result<std::vector<GuardianRow>> all = guardians_of(c, id);
        if (!all.ok()) return all.status();
        out = std::move(*all);
        return accounts::append_audit(
            c,
            audit_entry(by, "child.guardian_add", "child", std::to_string(id),
                        AuditDetail().add("user_id", **user).add("relation", g.relation).str()),
            t);
      },
      std::move(done));
}

void ChildService::enrol(int64_t child_id, int64_t programme_id, Caller by,
                         FamilyDone<EnrolmentRow> done) {
  submit_family_job<EnrolmentRow>(
      db_,
      [this, child_id, programme_id, by](store::Connection& c, EnrolmentRow& out) -> Status {
        if (Status s = require_guardian(c, by, child_id); !s.ok()) return s;
        Result<std::optional<Programme>> p = find_programme(c, programme_id);
        if (!p.ok()) return p.status();
        if (!*p) return Status::NotFound("no such programme");
        if ((*p)->status != "active")
          return Status::Conflict("programme_closed: the programme takes no children");
        Result<bool> enrolled = is_enrolled(c, child_id, programme_id);
        if (!enrolled.ok()) return enrolled.status();
        if (*enrolled) return Status::Conflict("already_enrolled: the child is enrolled already");
        Result<int64_t> taken = enrolled_count(c, programme_id);
        if (!taken.ok()) return taken.status();
        if (*taken >= (*p)->capacity)
          return Status::Conflict("full: the programme has no place left");
        const int64_t t = now();
        Result<int64_t> id = insert_enrolment(c, child_id, programme_id, by.user_id, t);
        if (!id.ok()) return id.status();
        Result<std::optional<EnrolmentRow>> row = find_enrolment(c, *id);
        if (!row.ok()) return row.status();
        out = std::move(**row);
        return accounts::append_audit(
            c,
            audit_entry(by, "enrolment.create", "afterschool_enrolment", std::to_string(*id),
                        AuditDetail()
                            .add("child_id", child_id)
                            .add("programme_id", programme_id)
                            .add("consent_version", kEnrolmentConsentVersion)
                            .str()),
            t);
      },
      std::move(done));
}

void ChildService::withdraw(int64_t enrolment_id, Caller by, FamilyDone<EnrolmentRow> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  submit_family_job<EnrolmentRow>(
      db_,
      [this, enrolment_id, by](store::Connection& c, EnrolmentRow& out) -> Status {
        Result<std::optional<EnrolmentRow>> row = find_enrolment(c, enrolment_id);
        if (!row.ok()) return row.status();
        if (!*row) return Status::NotFound("no such enrolment");
        Result<bool> guardian = is_guardian(c, by.user_id, (*row)->child_id);
        if (!guardian.ok()) return guardian.status();
        if (!*guardian) {
          Status organiser = require_programme_organiser(c, by, (*row)->programme_id);
          if (!organiser.ok())
            return Status::PermissionDenied(
                "only the child's guardians and the programme's organiser may withdraw it");
        }
        if ((*row)->status != "active") {
          out = std::move(**row);
          return Status::Ok();
        }
        const int64_t t = now();
        if (Status s = withdraw_enrolment(c, enrolment_id, by.user_id, t); !s.ok()) return s;
        Result<std::optional<EnrolmentRow>> fresh = find_enrolment(c, enrolment_id);
        if (!fresh.ok()) return fresh.status();
        out = std::move(**fresh);
        return accounts::append_audit(
            c,
            audit_entry(by, "enrolment.withdraw", "afterschool_enrolment",
                        std::to_string(enrolment_id),
                        AuditDetail()
                            .add("child_id", out.child_id)
                            .add("programme_id", out.programme_id)
                            .add("by", *guardian ? "guardian" : "organiser")
                            .str()),
            t);
      },
      std::move(done));
}

void ChildService::photo(int64_t id, Caller by, FamilyDone<FamilyPhoto> done) {
  Result<ChildReader> reader = require_child_reader(db_.reader(), by, id);
  if (!reader.ok()) return done(reader.status());
  if (*reader == ChildReader::kGuardian) {
    Result<std::optional<ChildRow>> child = find_child(db_.reader(), id);
    if (!child.ok()) return done(child.status());
    if (!*child) return done(Status::NotFound("no such child"));
    if (!(*child)->photo_file) return done(Status::NotFound("this child has no photo"));
    return photos_.send(*(*child)->photo_file, std::move(done));
  }
  // A staff member: checked again and audited in one job, then read on the
  // photos' thread.
  auto file = std::make_shared<std::string>();
  db_.submit(
      [this, id, by, file](store::Connection& c) -> Status {
        Result<ChildReader> again = require_child_reader(c, by, id);
        if (!again.ok()) return again.status();
        Result<std::optional<ChildRow>> child = find_child(c, id);
        if (!child.ok()) return child.status();
        if (!*child) return Status::NotFound("no such child");
        if (!(*child)->photo_file) return Status::NotFound("this child has no photo");
        *file = *(*child)->photo_file;
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "child", std::to_string(id),
                        AuditDetail()
                            .add_strings("fields", {"photo"})
                            .add("view", "full")
                            .add("purpose", "afterschool_child_photo")
                            .str()),
            now());
      },
      [this, file, done = std::move(done)](const Status& s) mutable {
        if (!s.ok()) return done(s);
        photos_.send(*file, std::move(done));
      });
}

}  // namespace warmcity::afterschool
