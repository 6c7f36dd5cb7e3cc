#include "appeals/appeal_store.h"

#include <nlohmann/json.hpp>

#include "appeals/appeals.h"
#include "appeals/tracking_code.h"

namespace warmcity::appeals {

namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "id, tracking_code, category_id, channel, state, description, attributes, lat, lon, "
    "address, subdistrict_id, community_id, grid_id, photos, reporter_user_id, anonymous, "
    "contact_name, contact_phone, assigned_org_id, assigned_area_id, submitted_at, response_due, "
    "resolution_due, accepted_at, replied_at, closed_at, reply_outcome, callback_contacted, "
    "callback_solved, satisfaction, merged_into, followers, reopen_count, clock_start, due_at, "
    "nearly_at, escalation, updated_at";

std::string select(const std::string& rest) {
  return std::string("SELECT ") + kColumns + " FROM appeals " + rest;
}

std::string photos_json(const std::vector<Photo>& photos) {
  json out = json::array();
  for (const Photo& p : photos) {
    out.push_back({{"sha256", p.sha256}, {"media_type", p.media_type}, {"bytes", p.bytes}});
  }
  return out.dump();
}

std::vector<Photo> photos_of(const std::string& text) {
  std::vector<Photo> out;
  if (text == "[]") return out;  // most appeals: no parse on the list paths
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_array()) return out;
  for (const json& p : doc) {
    if (!p.is_object()) continue;
    out.push_back({p.value("sha256", ""), p.value("media_type", ""), p.value("bytes", 0)});
  }
  return out;
}

std::optional<bool> bool_opt(const store::Statement& s, int col) {
  auto v = s.column_int64_opt(col);
  return v ? std::optional<bool>(*v != 0) : std::nullopt;
}

std::optional<int64_t> int_of(const std::optional<bool>& b) {
  return b ? std::optional<int64_t>(*b ? 1 : 0) : std::nullopt;
}

Appeal read_row(const store::Statement& s) {
  Appeal a;
  a.id = s.column_int64(0);
  a.tracking_code = s.column_text(1);
  a.category_id = s.column_int64(2);
  a.channel = parse_channel(s.column_text(3)).value_or(Channel::kWeb);
  a.state = parse_state(s.column_text(4)).value_or(State::kSubmitted);
  a.description = s.column_text(5);
  a.attributes_json = s.column_text(6);
  if (!s.column_is_null(7)) a.lat = s.column_double(7);
  if (!s.column_is_null(8)) a.lon = s.column_double(8);
  a.address = s.column_text_opt(9);
  a.subdistrict_id = s.column_int64_opt(10);
  a.community_id = s.column_int64_opt(11);
  a.grid_id = s.column_int64_opt(12);
  a.photos = photos_of(s.column_text(13));
  a.reporter_user_id = s.column_int64_opt(14);
  a.anonymous = s.column_int64(15) != 0;
  if (!s.column_is_null(17)) a.contact = Contact{s.column_text(16), s.column_text(17)};
  a.assigned_org_id = s.column_int64_opt(18);
  a.assigned_area_id = s.column_int64_opt(19);
  a.submitted_at = s.column_int64(20);
  a.response_due = s.column_int64(21);
  a.resolution_due = s.column_int64(22);
  a.accepted_at = s.column_int64_opt(23);
  a.replied_at = s.column_int64_opt(24);
  a.closed_at = s.column_int64_opt(25);
  a.reply_outcome = s.column_text_opt(26);
  a.callback_contacted = bool_opt(s, 27);
  a.callback_solved = bool_opt(s, 28);
  if (auto sat = s.column_text_opt(29)) a.satisfaction = parse_satisfaction(*sat);
  a.merged_into = s.column_int64_opt(30);
  a.followers = s.column_int64(31);
  a.reopen_count = s.column_int64(32);
  a.clock_start = s.column_int64_opt(33);
  a.due_at = s.column_int64_opt(34);
  a.nearly_at = s.column_int64_opt(35);
  a.escalation = static_cast<int>(s.column_int64(36));
  a.updated_at = s.column_int64(37);
  return a;
}

// Binds the mutable columns state … updated_at as parameters 1..22.
void bind_mutable(store::Statement& s, const Appeal& a) {
  s.bind(1, state_name(a.state)).bind(2, a.assigned_org_id).bind(3, a.assigned_area_id);
  s.bind(4, a.resolution_due).bind(5, a.accepted_at).bind(6, a.replied_at);
  s.bind(7, a.closed_at).bind(8, a.reply_outcome).bind(9, int_of(a.callback_contacted));
  s.bind(10, int_of(a.callback_solved));
  if (a.satisfaction) {
    s.bind(11, satisfaction_name(*a.satisfaction));
  } else {
    s.bind_null(11);
  }
  s.bind(12, a.merged_into).bind(13, a.followers).bind(14, a.reopen_count);
  s.bind(15, a.clock_start).bind(16, a.due_at).bind(17, a.nearly_at).bind(18, a.escalation);
  s.bind(19, a.updated_at).bind(20, a.subdistrict_id).bind(21, a.community_id);
  s.bind(22, a.grid_id);
}

std::string ids_json(const std::vector<int64_t>& ids) { return json(ids).dump(); }

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"appeals", 1, R"SQL(
    CREATE TABLE appeal_categories (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      group_name TEXT NOT NULL DEFAULT '',
      department_org_id INTEGER REFERENCES organisations(id),
      response_hours INTEGER NOT NULL CHECK (response_hours BETWEEN 1 AND 720),
      resolution_days INTEGER NOT NULL CHECK (resolution_days BETWEEN 1 AND 60),
      attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes)),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE appeals (
      id INTEGER PRIMARY KEY,
      tracking_code TEXT NOT NULL UNIQUE,
      category_id INTEGER NOT NULL REFERENCES appeal_categories(id),
      channel TEXT NOT NULL CHECK (channel IN
        ('web', 'phone', 'liaison_station', 'representative_visit', 'open311')),
      state TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'dispatched', 'returned',
        'in_progress', 'replied', 'callback', 'closed')),
      description TEXT NOT NULL,
      attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
      lat REAL CHECK (lat BETWEEN -90 AND 90),
      lon REAL CHECK (lon BETWEEN -180 AND 180),
      address TEXT,
      subdistrict_id INTEGER,
      community_id INTEGER,
      grid_id INTEGER,
      photos TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(photos)),
      reporter_user_id INTEGER,
      anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
      contact_name TEXT,
      contact_phone TEXT,
      assigned_org_id INTEGER REFERENCES organisations(id),
      assigned_area_id INTEGER REFERENCES areas(id),
      submitted_at INTEGER NOT NULL,
      response_due INTEGER NOT NULL,
      resolution_due INTEGER NOT NULL,
      accepted_at INTEGER,
      replied_at INTEGER,
      closed_at INTEGER,
      reply_outcome TEXT CHECK (reply_outcome IN ('solved', 'not_solvable')),
      callback_contacted INTEGER,
      callback_solved INTEGER,
      satisfaction TEXT CHECK (satisfaction IN
        ('satisfied', 'basically_satisfied', 'dissatisfied')),
      merged_into INTEGER REFERENCES appeals(id),
      followers INTEGER NOT NULL DEFAULT 0,
      reopen_count INTEGER NOT NULL DEFAULT 0,
      clock_start INTEGER,
      due_at INTEGER,
      nearly_at INTEGER,
      escalation INTEGER NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 2),
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX appeals_org ON appeals(assigned_org_id, id) WHERE assigned_org_id IS NOT NULL;
    CREATE INDEX appeals_reporter ON appeals(reporter_user_id, id)
      WHERE reporter_user_id IS NOT NULL;
    CREATE INDEX appeals_submitted ON appeals(submitted_at);
    CREATE INDEX appeals_open_category ON appeals(category_id, submitted_at)
      WHERE state != 'closed';
    CREATE INDEX appeals_supervision ON appeals(nearly_at, id) WHERE due_at IS NOT NULL;
    CREATE INDEX appeals_escalate_overdue ON appeals(due_at)
      WHERE due_at IS NOT NULL AND escalation = 1;
    CREATE TABLE appeal_events (
      id INTEGER PRIMARY KEY,
      appeal_id INTEGER NOT NULL REFERENCES appeals(id),
      at INTEGER NOT NULL,
      actor_user_id INTEGER,
      actor_role TEXT NOT NULL,
      action TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT,
      note TEXT NOT NULL DEFAULT '',
      public INTEGER NOT NULL CHECK (public IN (0, 1)),
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    );
    CREATE INDEX appeal_events_appeal ON appeal_events(appeal_id, id);
    CREATE TRIGGER appeal_events_no_update BEFORE UPDATE ON appeal_events
      BEGIN SELECT RAISE(ABORT, 'appeal events are append-only'); END;
    CREATE TRIGGER appeal_events_no_delete BEFORE DELETE ON appeal_events
      BEGIN SELECT RAISE(ABORT, 'appeal events are append-only'); END;
    CREATE TABLE appeal_followers (
      appeal_id INTEGER NOT NULL REFERENCES appeals(id),
      user_id INTEGER NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (appeal_id, user_id)
    ) WITHOUT ROWID;
  )SQL"},
          // Photos come one request each after the appeal: whoever submitted
          // it holds this token (its SHA-256 is kept) for an hour.
          {"appeals", 2, R"SQL(
    CREATE TABLE appeal_photo_tokens (
      appeal_id INTEGER PRIMARY KEY REFERENCES appeals(id),
      token_hash TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
  )SQL"},
          // A step's note is published only when staff tick 公开; the event
          // itself (the state change) follows public as before. Earlier
          // events keep what they showed: their note was public with them.
          {"appeals", 3, R"SQL(
    ALTER TABLE appeal_events ADD COLUMN note_public INTEGER NOT NULL DEFAULT 1
      CHECK (note_public IN (0, 1));
  )SQL"}};
}

Status insert_photo_token(store::Connection& c, int64_t appeal_id, std::string_view token_hash,
                          int64_t expires_at) {
  auto s = c.prepare(
      "INSERT INTO appeal_photo_tokens (appeal_id, token_hash, expires_at) VALUES (?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id).bind(2, token_hash).bind(3, expires_at);
  return s->run();
}

Result<std::optional<PhotoToken>> find_photo_token(store::Connection& c, int64_t appeal_id) {
  auto s = c.prepare("SELECT token_hash, expires_at FROM appeal_photo_tokens WHERE appeal_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PhotoToken>();
  return std::optional<PhotoToken>(PhotoToken{s->column_text(0), s->column_int64(1)});
}

Status set_photos(store::Connection& c, int64_t appeal_id, const std::vector<Photo>& photos,
                  int64_t now) {
  auto s = c.prepare("UPDATE appeals SET photos = ?, updated_at = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, photos_json(photos)).bind(2, now).bind(3, appeal_id);
  return s->run();
}

Result<Appeal> get_appeal(store::Connection& c, int64_t id) {
  auto s = c.prepare(select("WHERE id = ?"));
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no appeal with id " + std::to_string(id));
  return read_row(*s);
}

Result<Appeal> get_appeal_by_code(store::Connection& c, const std::string& tracking_code) {
  auto s = c.prepare(select("WHERE tracking_code = ?"));
  if (!s.ok()) return s.status();
  s->bind(1, tracking_code);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no appeal with that tracking code");
  return read_row(*s);
}

Status insert_appeal(store::Connection& c, Appeal& a) {
  auto s = c.prepare(
      "INSERT INTO appeals (state, assigned_org_id, assigned_area_id, resolution_due, "
      "accepted_at, replied_at, closed_at, reply_outcome, callback_contacted, callback_solved, "
      "satisfaction, merged_into, followers, reopen_count, clock_start, due_at, nearly_at, "
      "escalation, updated_at, subdistrict_id, community_id, grid_id, tracking_code, "
      "category_id, channel, description, attributes, lat, lon, address, photos, "
      "reporter_user_id, anonymous, contact_name, contact_phone, submitted_at, response_due) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  bind_mutable(*s, a);
  s->bind(24, a.category_id).bind(25, channel_name(a.channel)).bind(26, a.description);
  s->bind(27, a.attributes_json).bind(28, a.lat).bind(29, a.lon).bind(30, a.address);
  s->bind(31, photos_json(a.photos)).bind(32, a.reporter_user_id).bind(33, a.anonymous ? 1 : 0);
  if (a.contact) {
    s->bind(34, a.contact->name).bind(35, a.contact->phone);
  } else {
    s->bind_null(34).bind_null(35);
  }
  s->bind(36, a.submitted_at).bind(37, a.response_due);
  for (int attempt = 0;; ++attempt) {
    a.tracking_code = new_tracking_code();
    s->bind(23, a.tracking_code);
    Status r = s->run();
    if (r.ok()) break;
    // A collision of random codes (or a bad category, which callers check
    // first): draw again a few times before giving up.
    if (r.code() != Code::kConflict || attempt >= 4) return r;
  }
  a.id = c.last_insert_rowid();
  return Status::Ok();
}

Status update_appeal(store::Connection& c, const Appeal& a) {
  auto s = c.prepare(
      "UPDATE appeals SET state = ?, assigned_org_id = ?, assigned_area_id = ?, "
      "resolution_due = ?, accepted_at = ?, replied_at = ?, closed_at = ?, reply_outcome = ?, "
      "callback_contacted = ?, callback_solved = ?, satisfaction = ?, merged_into = ?, "
      "followers = ?, reopen_count = ?, clock_start = ?, due_at = ?, nearly_at = ?, "
      "escalation = ?, updated_at = ?, subdistrict_id = ?, community_id = ?, grid_id = ? "
      "WHERE id = ?");
  if (!s.ok()) return s.status();
  bind_mutable(*s, a);
  s->bind(23, a.id);
  return s->run();
}

Status insert_event(store::Connection& c, Event& e) {
  auto s = c.prepare(
      "INSERT INTO appeal_events (appeal_id, at, actor_user_id, actor_role, action, from_state, "
      "to_state, note, public, detail, note_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, e.appeal_id).bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.actor_role);
  s->bind(5, e.action);
  if (e.from_state) {
    s->bind(6, state_name(*e.from_state));
  } else {
    s->bind_null(6);
  }
  if (e.to_state) {
    s->bind(7, state_name(*e.to_state));
  } else {
    s->bind_null(7);
  }
  s->bind(8, e.note).bind(9, e.is_public ? 1 : 0).bind(10, e.detail_json);
  s->bind(11, e.note_public ? 1 : 0);
  if (Status r = s->run(); !r.ok()) return r;
  e.id = c.last_insert_rowid();
  return Status::Ok();
}

Result<std::vector<Event>> list_events(store::Connection& c, int64_t appeal_id, bool public_only) {
  auto s = c.prepare(
      "SELECT id, appeal_id, at, actor_user_id, actor_role, action, from_state, to_state, note, "
      "public, detail, note_public FROM appeal_events WHERE appeal_id = ? "
      "AND (public = 1 OR ? = 0) "
      "ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id).bind(2, public_only ? 1 : 0);
  return store::collect<Event>(*s, [public_only](const store::Statement& r) {
    Event e;
    e.id = r.column_int64(0);
    e.appeal_id = r.column_int64(1);
    e.at = r.column_int64(2);
    e.actor_user_id = r.column_int64_opt(3);
    e.actor_role = r.column_text(4);
    e.action = r.column_text(5);
    if (auto f = r.column_text_opt(6)) e.from_state = parse_state(*f);
    if (auto t = r.column_text_opt(7)) e.to_state = parse_state(*t);
    e.note = r.column_text(8);
    e.is_public = r.column_int64(9) != 0;
    e.detail_json = r.column_text(10);
    e.note_public = r.column_int64(11) != 0;
    if (public_only && !e.note_public) e.note.clear();  // an internal note never leaves staff
    return e;
  });
}

namespace {

// An appeal in one of the areas of the JSON array ?N (lies in it or is assigned to it).
std::string in_areas(int n) {
  const std::string each = " IN (SELECT value FROM json_each(?" + std::to_string(n) + "))";
  return "(?" + std::to_string(n) + " IS NULL OR subdistrict_id" + each + " OR community_id" +
         each + " OR grid_id" + each + " OR assigned_area_id" + each + ")";
}

}  // namespace

Result<std::vector<Appeal>> list_appeals(store::Connection& c, const AppealFilter& f) {
  // NULL parameters switch a filter off; lists travel as JSON arrays.
  auto s = c.prepare(
      select("WHERE id < ?1 "
             "AND (?2 IS NULL OR state IN (SELECT value FROM json_each(?2))) "
             "AND (?3 IS NULL OR category_id IN (SELECT value FROM json_each(?3))) "
             "AND (?4 IS NULL OR assigned_org_id IN (SELECT value FROM json_each(?4))) "
             "AND (?5 IS NULL OR reporter_user_id = ?5) "
             "AND (?6 IS NULL OR id IN (SELECT value FROM json_each(?6))) "
             "AND (?7 IS NULL OR submitted_at >= ?7) AND (?8 IS NULL OR submitted_at < ?8) "
             "AND " +
             in_areas(10) + " ORDER BY id DESC LIMIT ?9"));
  if (!s.ok()) return s.status();
  s->bind(1, f.before_id.value_or(INT64_MAX));
  if (f.states.empty()) {
    s->bind_null(2);
  } else {
    std::vector<std::string> names;
    for (State st : f.states) names.emplace_back(state_name(st));
    s->bind(2, json(names).dump());
  }
  auto list = [&s](int index, const std::vector<int64_t>& ids) {
    if (ids.empty()) {
      s->bind_null(index);
    } else {
      s->bind(index, ids_json(ids));
    }
  };
  list(3, f.category_ids);
  list(4, f.assigned_org_ids);
  s->bind(5, f.reporter_user_id);
  list(6, f.ids);
  s->bind(7, f.submitted_from).bind(8, f.submitted_until).bind(9, f.limit);
  list(10, f.area_ids);
  return store::collect<Appeal>(*s, read_row);
}

Result<std::vector<Appeal>> supervision_list(store::Connection& c, int64_t now,
                                             const std::vector<int64_t>& assigned_org_ids,
                                             const std::vector<int64_t>& area_ids,
                                             const std::optional<SupervisionCursor>& after,
                                             int limit) {
  auto s = c.prepare(
      select("WHERE due_at IS NOT NULL AND nearly_at <= ?1 AND (nearly_at, id) > (?2, ?3) "
             "AND (?4 IS NULL OR assigned_org_id IN (SELECT value FROM json_each(?4))) AND " +
             in_areas(6) + " ORDER BY nearly_at, id LIMIT ?5"));
  if (!s.ok()) return s.status();
  s->bind(1, now).bind(2, after ? after->nearly_at : INT64_MIN).bind(3, after ? after->id : 0);
  if (assigned_org_ids.empty()) {
    s->bind_null(4);
  } else {
    s->bind(4, ids_json(assigned_org_ids));
  }
  s->bind(5, limit);
  if (area_ids.empty()) {
    s->bind_null(6);
  } else {
    s->bind(6, ids_json(area_ids));
  }
  return store::collect<Appeal>(*s, read_row);
}

Result<std::vector<Appeal>> due_for_escalation(store::Connection& c, int64_t now, int limit) {
  std::vector<Appeal> out;
  for (const char* where :
       {"WHERE due_at IS NOT NULL AND escalation = 1 AND due_at <= ?1 LIMIT ?2",
        "WHERE due_at IS NOT NULL AND escalation = 0 AND nearly_at <= ?1 LIMIT ?2"}) {
    auto s = c.prepare(select(where));
    if (!s.ok()) return s.status();
    s->bind(1, now).bind(2, limit - static_cast<int>(out.size()));
    auto rows = store::collect<Appeal>(*s, read_row);
    if (!rows.ok()) return rows.status();
    for (Appeal& a : *rows) out.push_back(std::move(a));
    if (static_cast<int>(out.size()) >= limit) break;
  }
  return out;
}

Result<std::vector<Appeal>> open_near(store::Connection& c, int64_t category_id, int64_t since,
                                      double lat, double lon, double dlat, double dlon) {
  auto s = c.prepare(
      select("WHERE category_id = ?1 AND state != 'closed' AND submitted_at >= ?2 "
             "AND merged_into IS NULL AND lat BETWEEN ?3 AND ?4 AND lon BETWEEN ?5 AND ?6 "
             "ORDER BY id DESC LIMIT 200"));
  if (!s.ok()) return s.status();
  s->bind(1, category_id).bind(2, since).bind(3, lat - dlat).bind(4, lat + dlat);
  s->bind(5, lon - dlon).bind(6, lon + dlon);
  return store::collect<Appeal>(*s, read_row);
}

Result<bool> add_follower(store::Connection& c, int64_t appeal_id, int64_t user_id, int64_t at) {
  auto s = c.prepare(
      "INSERT INTO appeal_followers (appeal_id, user_id, at) VALUES (?, ?, ?) "
      "ON CONFLICT DO NOTHING");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id).bind(2, user_id).bind(3, at);
  if (Status r = s->run(); !r.ok()) return r;
  return c.changes() > 0;
}

}  // namespace warmcity::appeals
