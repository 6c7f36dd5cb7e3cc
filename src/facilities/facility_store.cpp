#include "facilities/facility_store.h"

#include "facilities/facilities.h"

namespace warmcity::facilities {

namespace {

constexpr const char* kColumns =
    "id, kind, name, address, lat, lon, subdistrict_id, community_id, grid_id, keeper_org_id, "
    "contact_phone, opening_hours, amenities, status, suspended_reason, suspended_until, "
    "created_at, updated_at, updated_by";

Facility read_row(const store::Statement& s) {
  Facility f;
  f.id = s.column_int64(0);
  f.kind = parse_kind(s.column_text(1)).value_or(Kind::kServiceCentre);
  f.name = s.column_text(2);
  f.address = s.column_text(3);
  f.lat = s.column_double(4);
  f.lon = s.column_double(5);
  f.subdistrict_id = s.column_int64_opt(6);
  f.community_id = s.column_int64_opt(7);
  f.grid_id = s.column_int64_opt(8);
  f.keeper_org_id = s.column_int64_opt(9);
  f.contact_phone = s.column_text_opt(10);
  f.opening_hours = s.column_text_opt(11);
  f.amenities_json = s.column_text(12);
  f.suspended = s.column_text(13) == "suspended";
  f.suspended_reason = s.column_text_opt(14);
  f.suspended_until = s.column_int64_opt(15);
  f.created_at = s.column_int64(16);
  f.updated_at = s.column_int64(17);
  f.updated_by = s.column_int64_opt(18);
  return f;
}

// Binds the columns from kind to updated_by as parameters 1..18.
void bind_fields(store::Statement& s, const Facility& f) {
  s.bind(1, kind_name(f.kind)).bind(2, f.name).bind(3, f.address).bind(4, f.lat).bind(5, f.lon);
  s.bind(6, f.subdistrict_id).bind(7, f.community_id).bind(8, f.grid_id);
  s.bind(9, f.keeper_org_id).bind(10, f.contact_phone).bind(11, f.opening_hours);
  s.bind(12, f.amenities_json).bind(13, f.suspended ? "suspended" : "active");
  s.bind(14, f.suspended_reason).bind(15, f.suspended_until);
  s.bind(16, f.created_at).bind(17, f.updated_at).bind(18, f.updated_by);
}

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"facilities", 1, R"SQL(
    CREATE TABLE facilities (
      id {{id}},
      kind TEXT NOT NULL CHECK (kind IN ('service_centre', 'liaison_station', 'love_station',
        'canteen', 'toilet', 'parking', 'venue', 'clinic_site', 'afterschool_site')),
      name TEXT NOT NULL,
      address TEXT NOT NULL,
      lat DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
      lon DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
      subdistrict_id BIGINT,
      community_id BIGINT,
      grid_id BIGINT,
      keeper_org_id BIGINT REFERENCES organisations(id),
      contact_phone TEXT,
      opening_hours TEXT,
      amenities TEXT NOT NULL DEFAULT '{}' {{json_check:amenities}},
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      suspended_reason TEXT,
      suspended_until BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      updated_by BIGINT
    );
    CREATE INDEX facilities_kind ON facilities(kind, id);
    CREATE INDEX facilities_community ON facilities(community_id, id);
    CREATE INDEX facilities_keeper ON facilities(keeper_org_id);
    CREATE TABLE facility_changes (
      id {{id}},
      facility_id BIGINT NOT NULL REFERENCES facilities(id),
      at BIGINT NOT NULL,
      user_id BIGINT NOT NULL,
      fields TEXT NOT NULL {{json_check:fields}}
    );
    CREATE INDEX facility_changes_facility ON facility_changes(facility_id, id);
  )SQL"},
          {"facilities", 2, R"SQL(
    CREATE TABLE facility_occupancy (
      facility_id BIGINT NOT NULL PRIMARY KEY REFERENCES facilities(id),
      free_spaces BIGINT NOT NULL CHECK (free_spaces >= 0),
      reported_at BIGINT NOT NULL,
      reported_by BIGINT NOT NULL
    );
  )SQL"},
          {"facilities", 3, R"SQL(
    CREATE TABLE facility_notices (
      id {{id}},
      facility_id BIGINT NOT NULL REFERENCES facilities(id),
      text TEXT NOT NULL,
      valid_from BIGINT NOT NULL,
      valid_until BIGINT NOT NULL CHECK (valid_until > valid_from),
      created_at BIGINT NOT NULL,
      created_by BIGINT NOT NULL
    );
    CREATE INDEX facility_notices_facility ON facility_notices(facility_id, valid_until);
    CREATE TABLE facility_receptions (
      facility_id BIGINT NOT NULL REFERENCES facilities(id),
      representative TEXT NOT NULL,
      weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      from_minute BIGINT NOT NULL CHECK (from_minute BETWEEN 0 AND 1439),
      until_minute BIGINT NOT NULL CHECK (until_minute > from_minute AND until_minute <= 1440)
    );
    CREATE INDEX facility_receptions_facility ON facility_receptions(facility_id);
  )SQL"},
          {"facilities", 4, R"SQL(
    CREATE TABLE facility_gate_tokens (
      id {{id}},
      facility_id BIGINT NOT NULL REFERENCES facilities(id),
      label TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      last_used_at BIGINT,
      revoked_at BIGINT
    );
    CREATE INDEX facility_gate_tokens_facility ON facility_gate_tokens(facility_id, id);
  )SQL"},
          // A gate token holds only under the keeper organisation it was issued
          // under (gate_tokens.h). Tokens issued before this are taken to be
          // the lot's present keeper's.
          {"facilities", 5, R"SQL(
    ALTER TABLE facility_gate_tokens ADD COLUMN keeper_org_id BIGINT REFERENCES organisations(id);
    UPDATE facility_gate_tokens SET keeper_org_id =
      (SELECT keeper_org_id FROM facilities WHERE facilities.id = facility_gate_tokens.facility_id);
  )SQL"},
          // Receptions keep the order they were given in (stations.h); rows
          // stored before this all have position 0.
          {"facilities", 6, R"SQL(
    ALTER TABLE facility_receptions ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
  )SQL"}};
}

Result<Facility> get_facility(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM facilities WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no facility with id " + std::to_string(id));
  return read_row(*s);
}

Result<std::vector<Facility>> list_facilities(store::Connection& c, const ListFilter& f) {
  // NULL parameters switch a filter off.
  auto s =
      c.prepare(std::string("SELECT ") + kColumns +
                " FROM facilities WHERE id < ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2) AND "
                "(CAST(?3 AS BIGINT) IS NULL OR community_id = ?3) ORDER BY id DESC LIMIT ?4");
  if (!s.ok()) return s.status();
  s->bind(1, f.before_id.value_or(INT64_MAX));
  if (f.kind) {
    s->bind(2, kind_name(*f.kind));
  } else {
    s->bind_null(2);
  }
  s->bind(3, f.community_id).bind(4, f.limit);
  return store::collect<Facility>(*s, read_row);
}

Status for_each_indexed_facility(store::Connection& c,
                                 const std::function<Status(const Facility&)>& each) {
  auto s = c.prepare(std::string("SELECT ") + kColumns +
                     " FROM facilities WHERE status = 'active' OR suspended_until IS NOT NULL "
                     "ORDER BY id");
  if (!s.ok()) return s.status();
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    if (Status done = each(read_row(*s)); !done.ok()) return done;
  }
}

Status insert_facility(store::Connection& c, Facility& f) {
  auto s = c.prepare(
      "INSERT INTO facilities (kind, name, address, lat, lon, subdistrict_id, community_id, "
      "grid_id, keeper_org_id, contact_phone, opening_hours, amenities, status, "
      "suspended_reason, suspended_until, created_at, updated_at, updated_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  bind_fields(*s, f);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  f.id = *id;
  return Status::Ok();
}

Status update_facility(store::Connection& c, const Facility& f) {
  auto s = c.prepare(
      "UPDATE facilities SET kind = ?, name = ?, address = ?, lat = ?, lon = ?, "
      "subdistrict_id = ?, community_id = ?, grid_id = ?, keeper_org_id = ?, contact_phone = ?, "
      "opening_hours = ?, amenities = ?, status = ?, suspended_reason = ?, suspended_until = ?, "
      "created_at = ?, updated_at = ?, updated_by = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  bind_fields(*s, f);
  s->bind(19, f.id);
  return s->run();
}

Status delete_new_facilities(store::Connection& c, const std::vector<int64_t>& ids) {
  for (const char* sql : {"DELETE FROM facility_changes WHERE facility_id = ?",
                          "DELETE FROM facilities WHERE id = ?"}) {
    for (int64_t id : ids) {
      auto s = c.prepare(sql);
      if (!s.ok()) return s.status();
      s->bind(1, id);
      if (Status r = s->run(); !r.ok()) return r;
    }
  }
  return Status::Ok();
}

Status insert_change(store::Connection& c, const Change& change) {
  auto s = c.prepare(
      "INSERT INTO facility_changes (facility_id, at, user_id, fields) VALUES (?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, change.facility_id).bind(2, change.at).bind(3, change.user_id);
  s->bind(4, change.fields_json);
  return s->run();
}

Result<std::vector<Change>> list_changes(store::Connection& c, int64_t facility_id,
                                         std::optional<int64_t> before_id, int limit) {
  auto s = c.prepare(
      "SELECT id, facility_id, at, user_id, fields FROM facility_changes "
      "WHERE facility_id = ? AND id < ? ORDER BY id DESC LIMIT ?");
  if (!s.ok()) return s.status();
  s->bind(1, facility_id).bind(2, before_id.value_or(INT64_MAX)).bind(3, limit);
  return store::collect<Change>(*s, [](const store::Statement& r) {
    return Change{r.column_int64(0), r.column_int64(1), r.column_int64(2), r.column_int64(3),
                  r.column_text(4)};
  });
}

}  // namespace warmcity::facilities
