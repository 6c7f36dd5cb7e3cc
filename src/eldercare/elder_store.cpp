#include "eldercare/elder_store.h"

#include <cstdint>

#include <nlohmann/json.hpp>

#include "store/sql_list.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::json;

// The elder's columns and her team's members (a LEFT JOIN on elder_teams t).
constexpr const char* kColumns =
    "e.id, e.name, e.phones, e.address, e.lat, e.lon, e.grid_id, e.community_id, "
    "e.subdistrict_id, e.birth_date, e.categories, e.risk_tier, e.emergency_contacts, e.needs, "
    "e.consent_basis, e.consent_note, e.consent_by, e.consent_at, e.health_basis, e.health_note, "
    "e.health_by, e.health_at, e.closed, e.closed_reason, e.closed_note, e.closed_at, "
    "e.created_at, e.updated_at, e.team_id, t.worker_user_id, t.volunteer_user_id";
constexpr const char* kFrom = " FROM elders e LEFT JOIN elder_teams t ON t.id = e.team_id";

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string contacts_text(const std::vector<Contact>& contacts) {
  json out = json::array();
  for (const Contact& c : contacts) {
    out.push_back({{"name", c.name}, {"relation", c.relation}, {"phone", c.phone}});
  }
  return dump(out);
}

std::vector<Contact> contacts_of(const std::string& text) {
  std::vector<Contact> out;
  json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& c : j) {
    if (!c.is_object()) continue;
    out.push_back({c.value("name", ""), c.value("relation", ""), c.value("phone", "")});
  }
  return out;
}

std::string needs_text(const Needs& n) {
  return dump({{"diet", n.diet},
               {"mobility", n.mobility},
               {"hearing", n.hearing},
               {"medicines", n.medicines}});
}

std::optional<Needs> needs_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  json j = json::parse(*text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Needs n{j.value("diet", ""), j.value("mobility", ""), j.value("hearing", ""), {}};
  if (j.contains("medicines") && j["medicines"].is_array()) {
    for (const json& m : j["medicines"]) {
      if (m.is_string()) n.medicines.push_back(m.get<std::string>());
    }
  }
  return n;
}

std::vector<std::string> strings_of(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

Elder read_row(const store::Statement& s) {
  Elder e;
  e.id = s.column_int64(0);
  e.name = s.column_text(1);
  e.phones = strings_of(s.column_text(2));
  e.address = s.column_text(3);
  e.lat = s.column_double(4);
  e.lon = s.column_double(5);
  e.grid_id = s.column_int64(6);
  e.community_id = s.column_int64_opt(7);
  e.subdistrict_id = s.column_int64_opt(8);
  e.birth_date = s.column_text(9);
  e.categories = strings_of(s.column_text(10));
  e.risk_tier = s.column_text(11);
  e.emergency_contacts = contacts_of(s.column_text(12));
  e.needs = needs_of(s.column_text_opt(13));
  e.consent = {s.column_text(14), s.column_text(15), s.column_int64(16), s.column_int64(17)};
  if (!s.column_is_null(18)) {
    e.health_consent =
        Consent{s.column_text(18), s.column_text(19), s.column_int64(20), s.column_int64(21)};
  }
  e.closed = s.column_int64(22) == 1;
  e.closed_reason = s.column_text(23);
  e.closed_note = s.column_text(24);
  e.closed_at = s.column_int64(25);
  e.created_at = s.column_int64(26);
  e.updated_at = s.column_int64(27);
  e.team_id = s.column_int64_opt(28);
  if (e.team_id) e.team_members = {s.column_int64(29), s.column_int64(30)};
  return e;
}

// Binds the columns from name to team_id as parameters 1..28.
void bind_fields(store::Statement& s, const Elder& e) {
  s.bind(1, e.name).bind(2, dump(e.phones)).bind(3, e.address).bind(4, e.lat).bind(5, e.lon);
  s.bind(6, e.grid_id).bind(7, e.community_id).bind(8, e.subdistrict_id).bind(9, e.birth_date);
  s.bind(10, dump(e.categories))
      .bind(11, e.risk_tier)
      .bind(12, contacts_text(e.emergency_contacts));
  if (e.needs) {
    s.bind(13, needs_text(*e.needs));
  } else {
    s.bind_null(13);
  }
  s.bind(14, e.consent.basis).bind(15, e.consent.note).bind(16, e.consent.recorded_by);
  s.bind(17, e.consent.recorded_at);
  if (e.health_consent) {
    s.bind(18, e.health_consent->basis).bind(19, e.health_consent->note);
    s.bind(20, e.health_consent->recorded_by).bind(21, e.health_consent->recorded_at);
  } else {
    s.bind_null(18).bind(19, "").bind_null(20).bind_null(21);
  }
  s.bind(22, e.closed ? 1 : 0);
  if (e.closed) {
    s.bind(23, e.closed_reason).bind(24, e.closed_note).bind(25, e.closed_at);
  } else {
    s.bind_null(23).bind(24, "").bind_null(25);
  }
  s.bind(26, e.created_at).bind(27, e.updated_at).bind(28, e.team_id);
}

Status write_phones(store::Connection& c, const Elder& e) {
  auto del = c.prepare("DELETE FROM elder_phones WHERE elder_id = ?");
  if (!del.ok()) return del.status();
  del->bind(1, e.id);
  if (Status s = del->run(); !s.ok()) return s;
  for (const std::string& phone : e.phones) {
    std::optional<std::string> form = caller_id_form(phone);
    if (!form) continue;
    auto ins = c.prepare(
        "INSERT INTO elder_phones (phone, elder_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
    if (!ins.ok()) return ins.status();
    ins->bind(1, *form).bind(2, e.id);
    if (Status s = ins->run(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Result<Elder> get_elder(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + kFrom + " WHERE e.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no elder with that id");
  return read_row(*s);
}

Result<std::vector<Elder>> list_elders(store::Connection& c, const ElderFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + kFrom +
                    " WHERE e.id < ?1 AND e.closed = ?2 AND "
                    "(CAST(?3 AS BIGINT) IS NULL OR e.community_id = ?3) AND "
                    "(CAST(?4 AS TEXT) IS NULL OR e.risk_tier = ?4) AND "
                    "(CAST(?5 AS TEXT) IS NULL OR e.categories LIKE ?5) AND "
                    "(CAST(?7 AS BIGINT) IS NULL OR t.worker_user_id = ?7 OR "
                    "t.volunteer_user_id = ?7)";
  std::vector<int64_t> areas;
  if (f.in_areas) {
    areas = *f.in_areas;
    areas.resize(store::padded_length(areas.size()), areas.back());
    std::string list;
    for (size_t i = 0; i < areas.size(); ++i) {
      list += (i == 0 ? "?" : ", ?") + std::to_string(8 + i);
    }
    sql += " AND (e.grid_id IN (" + list + ") OR e.community_id IN (" + list +
           ") OR e.subdistrict_id IN (" + list + "))";
  }
  sql += " ORDER BY e.id DESC LIMIT ?6";
  auto s = c.prepare(sql);
  if (!s.ok()) return s.status();
  s->bind(1, f.before_id.value_or(INT64_MAX)).bind(2, f.closed ? 1 : 0).bind(3, f.community_id);
  s->bind(4, f.risk_tier);
  if (f.category) {
    s->bind(5, "%\"" + *f.category + "\"%");
  } else {
    s->bind_null(5);
  }
  s->bind(6, f.limit).bind(7, f.team_member);
  for (size_t i = 0; i < areas.size(); ++i) s->bind(static_cast<int>(8 + i), areas[i]);
  return store::collect<Elder>(*s, read_row);
}

Result<std::vector<int64_t>> elders_with_phone(store::Connection& c, const std::string& form) {
  auto s = c.prepare(
      "SELECT p.elder_id FROM elder_phones p JOIN elders e ON e.id = p.elder_id "
      "WHERE p.phone = ? AND e.closed = 0 ORDER BY p.elder_id");
  if (!s.ok()) return s.status();
  s->bind(1, form);
  return store::collect<int64_t>(*s, [](const store::Statement& r) { return r.column_int64(0); });
}

Status insert_elder(store::Connection& c, Elder& e) {
  auto s = c.prepare(
      "INSERT INTO elders (name, phones, address, lat, lon, grid_id, community_id, "
      "subdistrict_id, birth_date, categories, risk_tier, emergency_contacts, needs, "
      "consent_basis, consent_note, consent_by, consent_at, health_basis, health_note, "
      "health_by, health_at, closed, closed_reason, closed_note, closed_at, created_at, "
      "updated_at, team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  bind_fields(*s, e);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  e.id = *id;
  return write_phones(c, e);
}

Status update_elder(store::Connection& c, const Elder& e) {
  auto s = c.prepare(
      "UPDATE elders SET name = ?, phones = ?, address = ?, lat = ?, lon = ?, grid_id = ?, "
      "community_id = ?, subdistrict_id = ?, birth_date = ?, categories = ?, risk_tier = ?, "
      "emergency_contacts = ?, needs = ?, consent_basis = ?, consent_note = ?, consent_by = ?, "
      "consent_at = ?, health_basis = ?, health_note = ?, health_by = ?, health_at = ?, "
      "closed = ?, closed_reason = ?, closed_note = ?, closed_at = ?, created_at = ?, "
      "updated_at = ?, team_id = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  bind_fields(*s, e);
  s->bind(29, e.id);
  if (Status r = s->run(); !r.ok()) return r;
  if (c.changes() != 1) return Status::NotFound("no elder with that id");
  return write_phones(c, e);
}

Status insert_event(store::Connection& c, const ElderEvent& e) {
  auto s = c.prepare(
      "INSERT INTO elder_events (elder_id, at, actor_user_id, action, detail) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, e.elder_id).bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.action);
  s->bind(5, e.detail_json);
  return s->run();
}

Result<std::vector<ElderEvent>> list_events(store::Connection& c, int64_t elder_id) {
  auto s = c.prepare(
      "SELECT id, elder_id, at, actor_user_id, action, detail FROM elder_events "
      "WHERE elder_id = ? ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, elder_id);
  return store::collect<ElderEvent>(*s, [](const store::Statement& r) {
    return ElderEvent{r.column_int64(0), r.column_int64(1), r.column_int64(2),
                      r.column_int64(3), r.column_text(4),  r.column_text(5)};
  });
}

}  // namespace warmcity::eldercare
