#include "appeals/appeal_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>
#include <variant>

#include "accounts/id_chunks.h"
#include "appeals/tracking_code.h"
#include "store/job_runs.h"
#include "store/sql_list.h"

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

}  // namespace

Status insert_photo_token_of(store::Connection& c, std::string_view tracking_code,
                             std::string_view token_hash, int64_t expires_at) {
  auto s = c.prepare(
      "INSERT INTO appeal_photo_tokens (appeal_id, token_hash, expires_at) "
      "VALUES ((SELECT id FROM appeals WHERE tracking_code = ?), ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, tracking_code).bind(2, token_hash).bind(3, expires_at);
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
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  bind_mutable(*s, a);
  if (a.tracking_code.empty()) a.tracking_code = new_tracking_code();
  s->bind(23, a.tracking_code);
  s->bind(24, a.category_id).bind(25, channel_name(a.channel)).bind(26, a.description);
  s->bind(27, a.attributes_json).bind(28, a.lat).bind(29, a.lon).bind(30, a.address);
  s->bind(31, photos_json(a.photos)).bind(32, a.reporter_user_id).bind(33, a.anonymous ? 1 : 0);
  if (a.contact) {
    s->bind(34, a.contact->name).bind(35, a.contact->phone);
  } else {
    s->bind_null(34).bind_null(35);
  }
  s->bind(36, a.submitted_at).bind(37, a.response_due);
  return store::run_returning_id_into(c, *s, &a.id);
}

bool tracking_code_taken(const Status& s) {
  // SQLite: "UNIQUE constraint failed: appeals.tracking_code"; PostgreSQL:
  // "duplicate key value violates unique constraint \"appeals_tracking_code_key\"".
  return s.code() == Code::kConflict &&
         (s.message().find("appeals.tracking_code") != std::string::npos ||
          s.message().find("appeals_tracking_code_key") != std::string::npos);
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

namespace {

// Binds an event's columns after its appeal's (parameter 1).
void bind_event(store::Statement& s, const Event& e) {
  s.bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.actor_role).bind(5, e.action);
  if (e.from_state) {
    s.bind(6, state_name(*e.from_state));
  } else {
    s.bind_null(6);
  }
  if (e.to_state) {
    s.bind(7, state_name(*e.to_state));
  } else {
    s.bind_null(7);
  }
  s.bind(8, e.note).bind(9, e.is_public ? 1 : 0).bind(10, e.detail_json);
  s.bind(11, e.note_public ? 1 : 0);
}

}  // namespace

Status insert_event(store::Connection& c, Event& e) {
  auto s = c.prepare(
      "INSERT INTO appeal_events (appeal_id, at, actor_user_id, actor_role, action, from_state, "
      "to_state, note, public, detail, note_public) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, e.appeal_id);
  bind_event(*s, e);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  e.id = *id;
  return Status::Ok();
}

Status insert_event_of(store::Connection& c, std::string_view tracking_code, Event& e) {
  auto s = c.prepare(
      "INSERT INTO appeal_events (appeal_id, at, actor_user_id, actor_role, action, from_state, "
      "to_state, note, public, detail, note_public) "
      "VALUES ((SELECT id FROM appeals WHERE tracking_code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, tracking_code);
  bind_event(*s, e);
  return s->run();
}

Result<std::vector<Event>> list_events(store::Connection& c, int64_t appeal_id, bool public_only) {
  auto s = c.prepare(
      "SELECT id, appeal_id, at, actor_user_id, actor_role, action, from_state, to_state, note, "
      "public, detail, note_public FROM appeal_events WHERE appeal_id = ? "
      "AND (public <> 0 OR ? = 0) "
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

Result<std::map<int64_t, std::string>> latest_public_notes(store::Connection& c,
                                                           const std::vector<int64_t>& appeal_ids) {
  std::map<int64_t, std::string> out;
  for (const accounts::IdChunk& chunk : accounts::id_chunks(appeal_ids)) {
    auto s = c.prepare(
        "SELECT appeal_id, note FROM appeal_events WHERE appeal_id IN (" + chunk.placeholders +
        ") AND public <> 0 AND note_public <> 0 AND note <> '' ORDER BY appeal_id, id");
    if (!s.ok()) return s.status();
    for (size_t i = 0; i < chunk.values.size(); ++i) {
      s->bind(static_cast<int>(i + 1), chunk.values[i]);
    }
    while (true) {
      Result<bool> row = s->step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out[s->column_int64(0)] = s->column_text(1);  // the later event overwrites
    }
  }
  return out;
}

namespace {

// The filters a list asks for as " AND …" terms, with their values in
// placeholder order. A variable list is `col IN (?, …)` (store/sql_list.h),
// which both engines plan as an index lookup, as they did the fixed forms.
// Each list is padded (store::padded_length) so that a few statement texts
// serve every length.
class Where {
 public:
  std::string sql;

  Where& term(std::string_view clause, int64_t value) {
    sql += " AND ";
    sql += clause;
    values_.emplace_back(value);
    return *this;
  }
  Where& in(std::string_view column, const std::vector<int64_t>& ids) {
    sql += " AND ";
    return in_list(column, ids);
  }
  // The same, kept off any index on `column` (SQLite's unary "+", an identity
  // on PostgreSQL): for a term that the list's own order (the primary key,
  // appeals_supervision) serves better than that index, whose rows would all
  // be read and sorted.
  Where& in_unindexed(std::string_view column, const std::vector<int64_t>& ids) {
    sql += " AND +";
    return in_list(column, ids);
  }
  Where& in(std::string_view column, const std::vector<std::string>& texts) {
    sql += " AND ";
    return in_list(column, texts);
  }
  // An appeal that lies in, or is assigned to, one of the areas.
  Where& in_areas(const std::vector<int64_t>& ids) {
    sql += " AND (";
    in_list("subdistrict_id", ids);
    sql += " OR ";
    in_list("community_id", ids);
    sql += " OR ";
    in_list("grid_id", ids);
    sql += " OR ";
    in_list("assigned_area_id", ids);
    sql += ")";
    return *this;
  }
  // Binds the values from parameter `first` on; returns the next index.
  int bind(store::Statement& s, int first) const {
    for (const auto& v : values_) {
      if (const int64_t* i = std::get_if<int64_t>(&v)) {
        s.bind(first++, *i);
      } else {
        s.bind(first++, std::get<std::string>(v));
      }
    }
    return first;
  }

 private:
  template <class T>
  Where& in_list(std::string_view column, const std::vector<T>& list) {
    const size_t n = store::padded_length(list.size());
    sql += column;
    sql += " IN (" + store::placeholders(n) + ")";
    for (size_t i = 0; i < n; ++i) values_.emplace_back(list[std::min(i, list.size() - 1)]);
    return *this;
  }

  std::vector<std::variant<int64_t, std::string>> values_;
};

}  // namespace

Result<std::vector<Appeal>> list_appeals(store::Connection& c, const AppealFilter& f) {
  Where w;
  if (!f.states.empty()) {
    std::vector<std::string> names;
    for (State st : f.states) names.emplace_back(state_name(st));
    w.in("state", names);
  }
  if (!f.category_ids.empty()) w.in("category_id", f.category_ids);
  // One organisation: appeals_org (assigned_org_id, id) walks it in id order.
  if (f.assigned_org_ids.size() == 1) w.in("assigned_org_id", f.assigned_org_ids);
  if (f.assigned_org_ids.size() > 1) w.in_unindexed("assigned_org_id", f.assigned_org_ids);
  if (f.reporter_user_id) w.term("reporter_user_id = ?", *f.reporter_user_id);
  if (!f.ids.empty()) w.in("id", f.ids);
  if (f.submitted_from) w.term("submitted_at >= ?", *f.submitted_from);
  if (f.submitted_until) w.term("submitted_at < ?", *f.submitted_until);
  if (!f.area_ids.empty()) w.in_areas(f.area_ids);
  auto s = c.prepare(select("WHERE id < ?" + w.sql + " ORDER BY id DESC LIMIT ?"));
  if (!s.ok()) return s.status();
  s->bind(1, f.before_id.value_or(INT64_MAX));
  s->bind(w.bind(*s, 2), f.limit);
  return store::collect<Appeal>(*s, read_row);
}

Result<std::vector<Appeal>> supervision_list(store::Connection& c, int64_t now,
                                             const std::vector<int64_t>& assigned_org_ids,
                                             const std::vector<int64_t>& area_ids,
                                             const std::optional<SupervisionCursor>& after,
                                             int limit) {
  Where w;
  if (!assigned_org_ids.empty()) w.in_unindexed("assigned_org_id", assigned_org_ids);
  if (!area_ids.empty()) w.in_areas(area_ids);
  auto s =
      c.prepare(select("WHERE due_at IS NOT NULL AND nearly_at <= ? AND (nearly_at, id) > (?, ?)" +
                       w.sql + " ORDER BY nearly_at, id LIMIT ?"));
  if (!s.ok()) return s.status();
  s->bind(1, now).bind(2, after ? after->nearly_at : INT64_MIN).bind(3, after ? after->id : 0);
  s->bind(w.bind(*s, 4), limit);
  return store::collect<Appeal>(*s, read_row);
}

Result<std::vector<Appeal>> due_for_escalation(store::Connection& c, int64_t now, int limit) {
  std::vector<Appeal> out;
  for (const char* where :
       {"WHERE due_at IS NOT NULL AND escalation = 1 AND due_at <= ?1 ORDER BY due_at, id LIMIT ?2",
        "WHERE due_at IS NOT NULL AND escalation = 0 AND nearly_at <= ?1 "
        "ORDER BY nearly_at, id LIMIT ?2"}) {
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
      select("WHERE category_id = ?1 AND state <> 'closed' AND submitted_at >= ?2 "
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
      "ON CONFLICT (appeal_id, user_id) DO NOTHING");
  if (!s.ok()) return s.status();
  s->bind(1, appeal_id).bind(2, user_id).bind(3, at);
  if (Status r = s->run(); !r.ok()) return r;
  return c.changes() > 0;
}

}  // namespace warmcity::appeals
