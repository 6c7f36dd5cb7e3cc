#include "facilities/facility_service.h"

#include <algorithm>
#include <utility>

#include "accounts/tokens.h"
#include "core/time.h"
#include "facilities/changes.h"
#include "facilities/facility_store.h"
#include "store/change_feed.h"

namespace warmcity::facilities {

namespace {

std::optional<int64_t> id_of(const std::optional<areas::AreaRef>& ref) {
  return ref ? std::optional<int64_t>(ref->id) : std::nullopt;
}

Status not_yours() {
  return Status::PermissionDenied("only an admin or a keeper of this facility may edit it");
}

// The stored facility `id` when `by` may edit it and `kind_ok` accepts it.
Result<Facility> editable(store::Connection& c, int64_t id, const Editor& by,
                          Status (*kind_ok)(const Facility&)) {
  Result<Facility> f = get_facility(c, id);
  if (!f.ok()) return f.status();
  if (!by.may_edit(*f)) return not_yours();
  if (Status s = kind_ok(*f); !s.ok()) return s;
  return f;
}

}  // namespace

bool Editor::keeps(const std::optional<int64_t>& org) const {
  return org && std::find(organisation_ids.begin(), organisation_ids.end(), *org) !=
                    organisation_ids.end();
}

Status FacilityService::audit(store::Connection& c, const Editor& by, std::string action,
                              std::string subject_id, std::string detail, int64_t now) {
  accounts::AuditEntry entry;
  entry.actor_user_id = by.user_id;
  entry.action = std::move(action);
  entry.subject_type = "facility";
  entry.subject_id = std::move(subject_id);
  entry.detail_json = std::move(detail);
  entry.client_address = by.client_address;
  return accounts::append_audit(c, entry, now);
}

Result<std::shared_ptr<const Snapshot>> FacilityService::load_snapshot(store::Connection& c) {
  // Rows come in ascending id order: straight into the base layer.
  EntryReader reader;
  Layer::Builder base(0);
  Status loaded = for_each_indexed_facility(c, [&](const Facility& f) {
    Result<Entry> e = reader.read(f);
    if (!e.ok()) return e.status();
    base.add(*e);
    return Status::Ok();
  });
  if (!loaded.ok()) return loaded;
  return Snapshot::of(base.finish());
}

Result<std::unique_ptr<FacilityService>> FacilityService::open(store::Database& db,
                                                               accounts::AuditLog& audit,
                                                               Locator locate) {
  Result<std::shared_ptr<const Snapshot>> snapshot = load_snapshot(db.reader());
  if (!snapshot.ok()) return snapshot.status();
  Result<std::vector<Occupancy>> reports = load_occupancy(db.reader());
  if (!reports.ok()) return reports.status();
  return std::unique_ptr<FacilityService>(
      new FacilityService(db, audit, std::move(locate), std::move(*snapshot),
                          std::make_unique<OccupancyBoard>(*reports)));
}

void FacilityService::derive_area(Facility& f) const {
  areas::Location where = locate_ ? locate_(f.lat, f.lon) : areas::Location{};
  f.subdistrict_id = id_of(where.subdistrict);
  f.community_id = id_of(where.community);
  f.grid_id = id_of(where.grid);
}

Status FacilityService::save(store::Connection& c, const Facility* before, Facility& after,
                             const Editor& by) const {
  FieldChanges changes;
  if (Status s = record(c, before, after, by, changes); !s.ok()) return s;
  if (changes.names.empty()) return Status::Ok();  // nothing changed
  if (Status s = store::record_change(c, kFacilitiesTopic, after.id); !s.ok()) return s;
  return audit(c, by, before ? "facility.update" : "facility.create", std::to_string(after.id),
               accounts::AuditDetail().add_strings("fields", changes.names).str(),
               after.updated_at);
}

Status FacilityService::record(store::Connection& c, const Facility* before, Facility& after,
                               const Editor& by, FieldChanges& changes) const {
  changes = diff(before, after);
  if (before && changes.names.empty()) return Status::Ok();  // nothing to record
  const int64_t now = core::now_unix();
  after.updated_at = now;
  after.updated_by = by.user_id;
  if (!before) after.created_at = now;
  Status written = before ? update_facility(c, after) : insert_facility(c, after);
  if (written.code() == Code::kConflict) {  // the only foreign key a caller sets
    return Status::Unprocessable("unknown keeper organisation",
                                 {{"keeper_org_id", "names no organisation"}});
  }
  if (!written.ok()) return written;
  return insert_change(c, {0, after.id, now, by.user_id, changes.json});
}

void FacilityService::create(Facility f, Editor by, Done done) {
  if (!by.may_edit(f)) {
    return done(Status::PermissionDenied(
        "a keeper may only create facilities kept by one of their organisations"));
  }
  derive_area(f);
  auto saved = std::make_shared<Facility>(std::move(f));
  db_.submit([this, saved,
              by = std::move(by)](store::Connection& c) { return save(c, nullptr, *saved, by); },
             [this, saved, done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               publish(*saved);
               done(*saved);
             });
}

void FacilityService::update(int64_t id, Patch patch, Editor by, Done done) {
  auto saved = std::make_shared<Facility>();
  db_.submit(
      [this, id, saved, patch = std::move(patch), by = std::move(by)](store::Connection& c) {
        Result<Facility> before = get_facility(c, id);
        if (!before.ok()) return before.status();
        if (!by.may_edit(*before)) return not_yours();
        Result<Facility> after = apply_patch(*before, patch);
        if (!after.ok()) return after.status();
        if (!by.may_edit(*after)) return not_yours();
        derive_area(*after);
        *saved = std::move(*after);
        return save(c, &*before, *saved, by);
      },
      [this, saved, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        publish(*saved);
        done(*saved);
      });
}

void FacilityService::record_occupancy(
    std::shared_ptr<Occupancy> report,
    std::function<Result<Facility>(store::Connection&, Occupancy&)> check, OccupancyDone done) {
  db_.submit(
      [report, check = std::move(check)](store::Connection& c) {
        Result<Facility> lot = check(c, *report);
        if (!lot.ok()) return lot.status();
        if (Status s = check_free_spaces(*lot, report->free_spaces); !s.ok()) return s;
        if (Status s = upsert_occupancy(c, *report); !s.ok()) return s;
        return store::record_change(c, kOccupancyTopic, report->facility_id);
      },
      [this, report, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        {
          std::lock_guard<std::mutex> lock(follow_mu_);
          occupancy_->set(*report);
        }
        done(*report);
      });
}

void FacilityService::report_free_spaces(int64_t id, int64_t free_spaces, Editor by,
                                         OccupancyDone done) {
  auto report = std::make_shared<Occupancy>(Occupancy{id, free_spaces, 0, by.user_id});
  record_occupancy(
      report,
      [by = std::move(by)](store::Connection& c, Occupancy& r) -> Result<Facility> {
        Result<Facility> lot = get_facility(c, r.facility_id);
        if (!lot.ok()) return lot.status();
        if (!by.may_edit(*lot)) {
          return Status::PermissionDenied(
              "only an admin or a keeper of this lot may report its free spaces");
        }
        r.reported_at = core::now_unix();
        return lot;
      },
      std::move(done));
}

void FacilityService::report_free_spaces_from_gate(std::string token, int64_t free_spaces,
                                                   OccupancyDone done) {
  auto report = std::make_shared<Occupancy>(Occupancy{0, free_spaces, 0, 0});
  std::string hash = accounts::hash_token(token);
  record_occupancy(
      report,
      [hash = std::move(hash)](store::Connection& c, Occupancy& r) -> Result<Facility> {
        Result<std::optional<GateToken>> gate = find_live_gate_token(c, hash);
        if (!gate.ok()) return gate.status();
        if (!*gate) return Status::Unauthenticated("unknown or revoked gate token");
        Result<Facility> lot = get_facility(c, (*gate)->facility_id);
        if (!lot.ok()) return lot.status();
        if (Status s = check_gate_holds(c, **gate, *lot); !s.ok()) return s;
        r.facility_id = (*gate)->facility_id;
        r.reported_by = (*gate)->created_by;
        r.reported_at = core::now_unix();
        if (Status s = touch_gate_token(c, (*gate)->id, r.reported_at); !s.ok()) return s;
        return lot;
      },
      std::move(done));
}

void FacilityService::issue_gate_token(int64_t facility_id, std::string label, Editor by,
                                       GateDone done) {
  auto issued = std::make_shared<IssuedGate>();
  issued->record.facility_id = facility_id;
  issued->record.label = std::move(label);
  issued->record.created_by = by.user_id;
  issued->token = accounts::new_token();
  db_.submit(
      [issued, by = std::move(by)](store::Connection& c) {
        Result<Facility> f = editable(c, issued->record.facility_id, by, check_gate_kind);
        if (!f.ok()) return f.status();
        issued->record.keeper_org_id = f->keeper_org_id;
        issued->record.created_at = core::now_unix();
        Status s = insert_gate_token(c, issued->record, accounts::hash_token(issued->token));
        if (!s.ok()) return s;
        return audit(c, by, "facility.gate_token_issue", std::to_string(f->id),
                     accounts::AuditDetail()
                         .add("gate_token_id", issued->record.id)
                         .add("label", issued->record.label)
                         .str(),
                     issued->record.created_at);
      },
      [issued, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*issued));
      });
}

void FacilityService::revoke_gate_token(int64_t facility_id, int64_t token_id, Editor by,
                                        StatusDone done) {
  db_.submit(
      [facility_id, token_id, by = std::move(by)](store::Connection& c) {
        Result<Facility> f = editable(c, facility_id, by, check_gate_kind);
        if (!f.ok()) return f.status();
        const int64_t now = core::now_unix();
        if (Status s = mark_gate_token_revoked(c, facility_id, token_id, now); !s.ok()) return s;
        return audit(c, by, "facility.gate_token_revoke", std::to_string(facility_id),
                     accounts::AuditDetail().add("gate_token_id", token_id).str(), now);
      },
      std::move(done));
}

void FacilityService::add_notice(Notice n, Editor by, NoticeDone done) {
  auto notice = std::make_shared<Notice>(std::move(n));
  notice->created_by = by.user_id;
  db_.submit(
      [notice, by = std::move(by)](store::Connection& c) {
        Result<Facility> f = editable(c, notice->facility_id, by, check_notice_kind);
        if (!f.ok()) return f.status();
        notice->created_at = core::now_unix();
        if (Status s = insert_notice(c, *notice); !s.ok()) return s;
        return audit(c, by, "facility.notice_add", std::to_string(f->id),
                     accounts::AuditDetail().add("notice_id", notice->id).str(),
                     notice->created_at);
      },
      [notice, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(*notice);
      });
}

void FacilityService::remove_notice(int64_t facility_id, int64_t notice_id, Editor by,
                                    StatusDone done) {
  db_.submit(
      [facility_id, notice_id, by = std::move(by)](store::Connection& c) {
        Result<Facility> f = editable(c, facility_id, by, check_notice_kind);
        if (!f.ok()) return f.status();
        if (Status s = delete_notice(c, facility_id, notice_id); !s.ok()) return s;
        return audit(c, by, "facility.notice_delete", std::to_string(facility_id),
                     accounts::AuditDetail().add("notice_id", notice_id).str(), core::now_unix());
      },
      std::move(done));
}

void FacilityService::set_receptions(int64_t id, std::vector<Reception> schedule, Editor by,
                                     StatusDone done) {
  db_.submit(
      [id, schedule = std::move(schedule), by = std::move(by)](store::Connection& c) {
        Result<Facility> f = editable(c, id, by, check_reception_kind);
        if (!f.ok()) return f.status();
        if (Status s = replace_receptions(c, id, schedule); !s.ok()) return s;
        return audit(
            c, by, "facility.receptions_set", std::to_string(id),
            accounts::AuditDetail().add("count", static_cast<int64_t>(schedule.size())).str(),
            core::now_unix());
      },
      std::move(done));
}

Status FacilityService::reload_snapshot() {
  std::lock_guard<std::mutex> lock(follow_mu_);
  return reload_snapshot_locked();
}

Status FacilityService::reload_snapshot_locked() {
  Result<std::shared_ptr<const Snapshot>> next = load_snapshot(db_.reader());
  if (!next.ok()) return next.status();
  index_->replace(std::move(*next));
  return Status::Ok();
}

Status FacilityService::follow(const std::vector<int64_t>& ids) {
  std::lock_guard<std::mutex> lock(follow_mu_);
  for (int64_t id : ids) {
    if (id == 0) {
      if (Status s = reload_snapshot_locked(); !s.ok()) return s;
      continue;
    }
    Result<Facility> f = get(id);
    if (f.ok()) {
      publish_locked(*f);
    } else if (f.status().code() == Code::kNotFound) {
      index_->put(id, std::nullopt);
    } else {
      return f.status();
    }
  }
  return Status::Ok();
}

Status FacilityService::follow_occupancy(const std::vector<int64_t>&) {
  std::lock_guard<std::mutex> lock(follow_mu_);
  // The board holds one row per lot: reading them all is as cheap as picking.
  Result<std::vector<Occupancy>> rows = load_occupancy(db_.reader());
  if (!rows.ok()) return rows.status();
  for (const Occupancy& o : *rows) occupancy_->set(o);
  return Status::Ok();
}

void FacilityService::publish(const Facility& f) {
  std::lock_guard<std::mutex> lock(follow_mu_);
  publish_locked(f);
}

void FacilityService::publish_locked(const Facility& f) {
  std::optional<Entry> entry;
  if (indexed(f)) {
    Result<Entry> e = EntryReader().read(f);
    if (e.ok()) entry = std::move(*e);
  }
  index_->put(f.id, std::move(entry));
}

}  // namespace warmcity::facilities
