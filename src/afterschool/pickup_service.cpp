// Pickup adults and their codes (pickup_service.h).
#include "afterschool/pickup_service.h"

#include <algorithm>
#include <utility>

#include "afterschool/afterschool_access.h"
#include "core/time.h"

namespace warmcity::afterschool {

using accounts::audit_entry;
using accounts::AuditDetail;

namespace {

constexpr char kNotYourChild[] = "each must be a child you guard";

Status pickup_not_found(int64_t id) {
  return Status::NotFound("no pickup adult " + std::to_string(id));
}

// The adult, when `by` guards one of its children.
Result<PickupAdultRow> pickup_of_guardian(store::Connection& c, const Caller& by, int64_t id) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  Result<std::optional<PickupAdultRow>> a = find_pickup_adult(c, id);
  if (!a.ok()) return a.status();
  if (!*a) return pickup_not_found(id);
  Result<bool> guards = guards_child_of_adult(c, id, by.user_id);
  if (!guards.ok()) return guards.status();
  if (!*guards)
    return Status::PermissionDenied("only a guardian of this adult's children may do this");
  return std::move(**a);
}

// Every child is one `by` guards: another family's child 403, an unknown
// (or erased) one 422 child_ids.
Status pickup_require_children(store::Connection& c, const Caller& by,
                               const std::vector<int64_t>& child_ids) {
  for (int64_t child : child_ids) {
    Status s = require_guardian(c, by, child);
    if (s.code() == Code::kNotFound)
      return Status::Unprocessable(
          "no such child",
          {{"child_ids", std::string(kNotYourChild) + " (" + std::to_string(child) + ")"}});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// The adult's children after an edit by `by`: `wanted` (children `by`
// guards) plus the links to children `by` does not guard, which only their
// own guardians change.
Result<std::vector<int64_t>> pickup_new_links(store::Connection& c, const Caller& by,
                                              const PickupAdultRow& a,
                                              const std::vector<int64_t>& wanted) {
  std::vector<int64_t> out = wanted;
  for (int64_t child : a.child_ids) {
    Result<bool> mine = is_guardian(c, by.user_id, child);
    if (!mine.ok()) return mine.status();
    if (!*mine && std::find(out.begin(), out.end(), child) == out.end()) out.push_back(child);
  }
  return out;
}

Result<PickupAdultRow> pickup_reload(store::Connection& c, int64_t id) {
  Result<std::optional<PickupAdultRow>> a = find_pickup_adult(c, id);
  if (!a.ok()) return a.status();
  if (!*a) return pickup_not_found(id);
  return std::move(**a);
}

}  // namespace

PickupService::PickupService(store::Database& db, accounts::AuditLog& audit,
                             photos::PhotoStore photos, std::function<int64_t()> now)
    : db_(db), audit_(audit), now_(std::move(now)), photos_(std::move(photos)) {}

int64_t PickupService::now() const { return now_ ? now_() : core::now_unix(); }

core::LocalDate PickupService::today() const { return core::local_date_of(now()); }

void PickupService::create(PickupAdultFields f, Caller by, FamilyDone<AdultWithCode> done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  if (!by.is_resident())
    return done(Status::PermissionDenied("only residents name their children's pickup adults"));
  submit_family_job<AdultWithCode>(
      db_,
      [this, f = std::move(f), by](store::Connection& c, AdultWithCode& out) -> Status {
        if (Status s = pickup_require_children(c, by, f.child_ids); !s.ok()) return s;
        std::optional<std::string> file;
        if (f.photo) {
          Result<std::string> saved = photos_.save(*f.photo);
          if (!saved.ok()) return saved.status();
          file = std::move(*saved);
        }
        const int64_t t = now();
        const std::string code = accounts::new_code();
        Result<int64_t> id = insert_pickup_adult(c, f, file, by.user_id, code, t);
        if (!id.ok()) return id.status();
        Result<PickupAdultRow> made = pickup_reload(c, *id);
        if (!made.ok()) return made.status();
        out.adult = std::move(*made);
        out.code = code;
        return accounts::append_audit(
            c,
            audit_entry(by, "pickup_adult.create", "pickup_adult", std::to_string(*id),
                        AuditDetail()
                            .add_ints("child_ids", f.child_ids)
                            .add("relation", f.relation)
                            .add("has_photo", file.has_value())
                            .str()),
            t);
      },
      std::move(done));
}

Result<std::vector<PickupAdultRow>> PickupService::mine(const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  if (!by.is_resident())
    return Status::PermissionDenied("only residents name their children's pickup adults");
  return pickup_adults_of_guardian(db_.reader(), by.user_id);
}

void PickupService::update(int64_t id, PickupAdultPatch p, Caller by,
                           FamilyDone<PickupAdultRow> done) {
  submit_family_job<PickupAdultRow>(
      db_,
      [this, id, p = std::move(p), by](store::Connection& c, PickupAdultRow& out) -> Status {
        Result<PickupAdultRow> a = pickup_of_guardian(c, by, id);
        if (!a.ok()) return a.status();
        if (a->revoked_at) return Status::Conflict("revoked: this adult was revoked; add anew");
        if (p.child_ids)
          if (Status s = pickup_require_children(c, by, *p.child_ids); !s.ok()) return s;
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
        if (Status s = update_pickup_adult(c, id, p, file, t); !s.ok()) return s;
        if (p.child_ids) {
          Result<std::vector<int64_t>> links = pickup_new_links(c, by, *a, *p.child_ids);
          if (!links.ok()) return links.status();
          if (Status s = link_children(c, id, *links); !s.ok()) return s;
        }
        Result<PickupAdultRow> fresh = pickup_reload(c, id);
        if (!fresh.ok()) return fresh.status();
        out = std::move(*fresh);
        std::vector<std::string> changed;
        if (p.name) changed.push_back("name");
        if (p.relation) changed.push_back("relation");
        if (p.phone) changed.push_back("phone");
        if (p.valid_until) changed.push_back("valid_until");
        if (p.photo) changed.push_back("photo");
        if (p.child_ids) changed.push_back("child_ids");
        return accounts::append_audit(
            c,
            audit_entry(by, "pickup_adult.update", "pickup_adult", std::to_string(id),
                        AuditDetail().add_strings("changed", changed).str()),
            t);
      },
      std::move(done));
}

void PickupService::revoke(int64_t id, Caller by, FamilyDone<PickupAdultRow> done) {
  submit_family_job<PickupAdultRow>(
      db_,
      [this, id, by](store::Connection& c, PickupAdultRow& out) -> Status {
        Result<PickupAdultRow> a = pickup_of_guardian(c, by, id);
        if (!a.ok()) return a.status();
        if (a->revoked_at) {
          out = std::move(*a);
          return Status::Ok();
        }
        const int64_t t = now();
        if (Status s = revoke_pickup_adult(c, id, t); !s.ok()) return s;
        Result<PickupAdultRow> fresh = pickup_reload(c, id);
        if (!fresh.ok()) return fresh.status();
        out = std::move(*fresh);
        return accounts::append_audit(
            c,
            audit_entry(by, "pickup_adult.revoke", "pickup_adult", std::to_string(id),
                        AuditDetail().add_ints("child_ids", out.child_ids).str()),
            t);
      },
      std::move(done));
}

void PickupService::new_code(int64_t id, Caller by, FamilyDone<AdultWithCode> done) {
  submit_family_job<AdultWithCode>(
      db_,
      [this, id, by](store::Connection& c, AdultWithCode& out) -> Status {
        Result<PickupAdultRow> a = pickup_of_guardian(c, by, id);
        if (!a.ok()) return a.status();
        if (a->revoked_at) return Status::Conflict("revoked: this adult was revoked; add anew");
        const int64_t t = now();
        const std::string code = accounts::new_code();
        if (Status s = set_pickup_code(c, id, code, t); !s.ok()) return s;
        Result<PickupAdultRow> fresh = pickup_reload(c, id);
        if (!fresh.ok()) return fresh.status();
        out.adult = std::move(*fresh);
        out.code = code;
        return accounts::append_audit(
            c, audit_entry(by, "pickup_adult.new_code", "pickup_adult", std::to_string(id), "{}"),
            t);
      },
      std::move(done));
}

void PickupService::photo(int64_t id, Caller by, FamilyDone<PickupPhoto> done) {
  auto file = std::make_shared<std::string>();
  // The file is read on the photos' thread, never the writer's.
  auto send = [this, file](FamilyDone<PickupPhoto> reply) {
    photos_.send(*file, std::move(reply));
  };
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  store::Connection& r = db_.reader();
  Result<std::optional<PickupAdultRow>> a = find_pickup_adult(r, id);
  if (!a.ok()) return done(a.status());
  if (!*a) return done(pickup_not_found(id));
  Result<bool> guards = guards_child_of_adult(r, id, by.user_id);
  if (!guards.ok()) return done(guards.status());
  if (*guards) {
    if (!(*a)->photo_file) return done(Status::NotFound("this adult has no photo"));
    *file = *(*a)->photo_file;
    return send(std::move(done));
  }
  // A staff member: checked again and audited in one job, then read.
  db_.submit(
      [this, id, by, file](store::Connection& c) -> Status {
        Result<bool> staff = staff_of_adults_child(c, id, by.user_id);
        if (!staff.ok()) return staff.status();
        if (!*staff)
          return Status::PermissionDenied(
              "only the guardians of this adult's children and the staff of their programmes "
              "see the photo");
        Result<PickupAdultRow> adult = pickup_reload(c, id);
        if (!adult.ok()) return adult.status();
        if (!adult->photo_file) return Status::NotFound("this adult has no photo");
        *file = *adult->photo_file;
        return accounts::append_audit(
            c,
            audit_entry(by, "personal_data.read", "pickup_adult", std::to_string(id),
                        AuditDetail()
                            .add_strings("fields", {"photo"})
                            .add("view", "full")
                            .add("purpose", "afterschool_pickup_photo")
                            .str()),
            now());
      },
      [send, done = std::move(done)](const Status& s) mutable {
        if (!s.ok()) return done(s);
        send(std::move(done));
      });
}

}  // namespace warmcity::afterschool
