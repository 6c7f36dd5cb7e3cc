#include "eldercare/errand_store.h"

#include <nlohmann/json.hpp>

namespace warmcity::eldercare {

namespace {

using nlohmann::json;

constexpr const char* kErrandColumns =
    "r.id, r.elder_id, r.community_id, r.kind, r.work, r.note, r.state, r.team_id, "
    "r.assign_reason, r.received_at, r.received_by, r.due_at, r.assigned_at, r.started_at, "
    "r.delivered_at, r.delivered_to, r.substitutions, r.receipt_fen, r.advanced_fen, "
    "r.returned_fen, r.paid_by, r.settled_at, r.settled_by, r.worker_confirmed_by, "
    "r.worker_confirmed_at, r.volunteer_confirmed_by, r.volunteer_confirmed_at, "
    "r.volunteer_minutes, r.cancelled_at, r.cancel_reason, r.updated_at";

std::string errand_dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string errand_work_text(const ErrandWork& w) {
  json out = json::object();
  if (w.kind == "shopping") {
    json lines = json::array();
    for (const ShoppingLine& l : w.lines) {
      lines.push_back({{"text", l.text}, {"quantity", l.quantity}, {"budget_fen", l.budget_fen}});
    }
    out["lines"] = std::move(lines);
  } else if (w.kind == "medicine") {
    out = {{"pharmacy", w.pharmacy}, {"what", w.what}};
  } else {
    out = {{"text", w.text}};
  }
  return errand_dump(out);
}

std::string errand_text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

int64_t errand_int_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : 0;
}

ErrandWork errand_work_of(const std::string& kind, const std::string& text) {
  ErrandWork w;
  w.kind = kind;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return w;
  if (j.contains("lines") && j["lines"].is_array()) {
    for (const json& l : j["lines"]) {
      if (l.is_object()) {
        w.lines.push_back({errand_text_of(l, "text"), errand_int_of(l, "quantity"),
                           errand_int_of(l, "budget_fen")});
      }
    }
  }
  w.pharmacy = errand_text_of(j, "pharmacy");
  w.what = errand_text_of(j, "what");
  w.text = errand_text_of(j, "text");
  return w;
}

std::string errand_substitutions_text(const std::vector<Substitution>& subs) {
  json out = json::array();
  for (const Substitution& s : subs) {
    out.push_back({{"original", s.original},
                   {"replacement", s.replacement},
                   {"confirmed_by", s.confirmed_by},
                   {"confirmed_at", s.confirmed_at},
                   {"recorded_by", s.recorded_by}});
  }
  return errand_dump(out);
}

std::vector<Substitution> errand_substitutions_of(const std::string& text) {
  std::vector<Substitution> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& s : j) {
    if (!s.is_object()) continue;
    out.push_back({errand_text_of(s, "original"), errand_text_of(s, "replacement"),
                   errand_text_of(s, "confirmed_by"), errand_int_of(s, "confirmed_at"),
                   errand_int_of(s, "recorded_by")});
  }
  return out;
}

Errand read_errand_row(const store::Statement& s) {
  Errand e;
  e.id = s.column_int64(0);
  e.elder_id = s.column_int64(1);
  e.community_id = s.column_int64_opt(2);
  e.work = errand_work_of(s.column_text(3), s.column_text(4));
  e.note = s.column_text(5);
  e.state = parse_errand_state(s.column_text(6)).value_or(ErrandState::kReceived);
  e.team_id = s.column_int64_opt(7);
  e.assign_reason = s.column_text(8);
  e.received_at = s.column_int64(9);
  e.received_by = s.column_int64(10);
  e.due_at = s.column_int64(11);
  e.assigned_at = s.column_int64_opt(12);
  e.started_at = s.column_int64_opt(13);
  e.delivered_at = s.column_int64_opt(14);
  e.delivered_to = s.column_text(15);
  e.substitutions = errand_substitutions_of(s.column_text(16));
  if (!s.column_is_null(21)) {
    e.settlement = Settlement{s.column_int64(17), s.column_int64(18), s.column_int64(19),
                              s.column_text(20),  s.column_int64(21), s.column_int64(22)};
  }
  e.worker_confirmed_by = s.column_int64_opt(23);
  e.worker_confirmed_at = s.column_int64_opt(24);
  e.volunteer_confirmed_by = s.column_int64_opt(25);
  e.volunteer_confirmed_at = s.column_int64_opt(26);
  e.volunteer_minutes = s.column_int64_opt(27);
  e.cancelled_at = s.column_int64_opt(28);
  e.cancel_reason = s.column_text(29);
  e.updated_at = s.column_int64(30);
  return e;
}

// The phases a queue holds (errand_phase), each an index range of its own.
std::vector<int> errand_queue_phases(ErrandQueue q) {
  switch (q) {
    case ErrandQueue::kAll:
      return {0, 1, 2};
    case ErrandQueue::kOpen:
      return {0, 1};
    case ErrandQueue::kToday:
    case ErrandQueue::kOverdue:
      break;
  }
  return {0};
}

// The filter's conditions but the access and the phase, each " AND …",
// appended to `sql` and `binds`. `due` is how the due time is named:
// "+r.due_at" keeps SQLite's planner from walking errands_due (phase,
// due_at) when another index narrows better and gives the list's order.
void add_errand_conditions(const ErrandFilter& f, const char* due, std::string& sql,
                           std::vector<int64_t>& binds) {
  const std::pair<const std::optional<int64_t>&, const char*> equal[] = {
      {f.elder_id, "r.elder_id"}, {f.team_id, "r.team_id"}, {f.community_id, "r.community_id"}};
  for (const auto& [v, column] : equal) {
    if (!v) continue;
    sql += std::string(" AND ") + column + " = ?";
    binds.push_back(*v);
  }
  if (f.queue == ErrandQueue::kToday || f.queue == ErrandQueue::kOverdue) {
    sql += std::string(" AND ") + due + " < ?";
    binds.push_back(f.until);
  }
  if (f.before_id) {
    sql += " AND r.id < ?";
    binds.push_back(*f.before_id);
  }
}

// The ids of a list's page, newest first, as a UNION ALL of arms, one per
// way in and per phase of the queue. The ways are the access condition
// (ErrandFilter's in_areas and member): errands received in one of the
// areas (the grid, community or sub-district the errand holds:
// errands_grid, errands_community, errands_subdistrict), or assigned to one
// of `member_teams` (errands_team), a way per area and column and per team
// (each an equality, so both engines walk the index in order); without
// one, the one way is the filter itself. Each arm reads only index entries (the due time aside) in
// the list's order and stops at the limit, so a list costs the rows it
// shows, not the history of its areas or team. The only list an arm per
// phase would not serve is every errand of everyone: one arm, by id.
std::string errand_ids(const ErrandFilter& f, const std::vector<int64_t>& member_teams,
                       std::vector<int64_t>& binds) {
  std::vector<std::pair<std::string, std::vector<int64_t>>> ways;
  for (int64_t area : f.in_areas.value_or(std::vector<int64_t>{})) {
    for (const char* column : {"r.grid_id", "r.community_id", "r.subdistrict_id"}) {
      ways.push_back({std::string(column) + " = ?", {area}});
    }
  }
  for (int64_t team : member_teams) ways.push_back({"r.team_id = ?", {team}});
  if (f.member && ways.empty()) ways.push_back({"1 = 0", {}});  // on no team, no areas
  const bool equal = f.elder_id || f.team_id || f.community_id;
  const bool narrowed = !ways.empty() || equal;
  if (equal && ways.size() > 1) {
    // Her history, a team's or a community's queue: that index narrows, and
    // the access is checked on its rows (an arm per way would walk them all
    // for each way that holds none of them).
    std::string any;
    std::vector<int64_t> any_binds;
    for (const auto& [way, way_binds] : ways) {
      any += (any.empty() ? "(" : " OR ") + way;
      any_binds.insert(any_binds.end(), way_binds.begin(), way_binds.end());
    }
    ways = {{any + ")", std::move(any_binds)}};
  }
  if (ways.empty()) ways.push_back({"1 = 1", {}});
  std::vector<int> phases = errand_queue_phases(f.queue);
  if (!narrowed && f.queue == ErrandQueue::kAll) phases = {-1};  // no phase condition
  std::string sql;
  int arm = 0;
  for (const auto& [way, way_binds] : ways) {
    for (int phase : phases) {
      sql += std::string(arm == 0 ? "" : " UNION ALL ") +
             "SELECT id FROM (SELECT r.id FROM errands r WHERE " + way;
      if (phase >= 0) sql += " AND r.phase = " + std::to_string(phase);
      binds.insert(binds.end(), way_binds.begin(), way_binds.end());
      add_errand_conditions(f, narrowed ? "+r.due_at" : "r.due_at", sql, binds);
      sql += " ORDER BY r.id DESC LIMIT ?) a" + std::to_string(arm++);
      binds.push_back(f.limit);
    }
  }
  return sql;
}

}  // namespace

Result<Errand> get_errand(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kErrandColumns + " FROM errands r WHERE r.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no errand with that id");
  return read_errand_row(*s);
}

Result<std::vector<Errand>> list_errands(store::Connection& c, const ErrandFilter& f) {
  std::string sql = std::string("SELECT ") + kErrandColumns + " FROM errands r WHERE ";
  std::vector<int64_t> teams;  // the member's: an arm each (an IN list is no ordered walk)
  if (f.member) {
    auto t = c.prepare(
        "SELECT id FROM elder_teams WHERE worker_user_id = ?1 OR "
        "volunteer_user_id = ?1 ORDER BY id");
    if (!t.ok()) return t.status();
    t->bind(1, *f.member);
    Result<std::vector<int64_t>> got =
        store::collect<int64_t>(*t, [](const store::Statement& r) { return r.column_int64(0); });
    if (!got.ok()) return got.status();
    teams = std::move(*got);
  }
  std::vector<int64_t> binds;
  sql += "r.id IN (" + errand_ids(f, teams, binds) + ")";
  sql += " ORDER BY r.id DESC LIMIT ?";
  binds.push_back(f.limit);
  auto s = c.prepare(sql);
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < binds.size(); ++i) s->bind(static_cast<int>(i + 1), binds[i]);
  return store::collect<Errand>(*s, read_errand_row);
}

Status insert_errand(store::Connection& c, Errand& e) {
  auto s = c.prepare(
      "INSERT INTO errands (elder_id, community_id, kind, work, note, state, phase, team_id, "
      "assign_reason, received_at, received_by, due_at, assigned_at, updated_at, grid_id, "
      "subdistrict_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "(SELECT grid_id FROM elders WHERE id = ?1), (SELECT subdistrict_id FROM elders WHERE id = "
      "?1)) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, e.elder_id)
      .bind(2, e.community_id)
      .bind(3, e.work.kind)
      .bind(4, errand_work_text(e.work));
  s->bind(5, e.note).bind(6, errand_state_name(e.state)).bind(7, errand_phase(e));
  s->bind(8, e.team_id).bind(9, e.assign_reason).bind(10, e.received_at);
  s->bind(11, e.received_by).bind(12, e.due_at).bind(13, e.assigned_at).bind(14, e.updated_at);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  e.id = *id;
  return Status::Ok();
}

Status update_errand(store::Connection& c, const Errand& e) {
  auto s = c.prepare(
      "UPDATE errands SET state = ?, phase = ?, team_id = ?, assign_reason = ?, assigned_at = ?, "
      "started_at = ?, delivered_at = ?, delivered_to = ?, substitutions = ?, receipt_fen = ?, "
      "advanced_fen = ?, returned_fen = ?, paid_by = ?, settled_at = ?, settled_by = ?, "
      "worker_confirmed_by = ?, worker_confirmed_at = ?, volunteer_confirmed_by = ?, "
      "volunteer_confirmed_at = ?, volunteer_minutes = ?, cancelled_at = ?, cancel_reason = ?, "
      "updated_at = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, errand_state_name(e.state)).bind(2, errand_phase(e)).bind(3, e.team_id);
  s->bind(4, e.assign_reason).bind(5, e.assigned_at).bind(6, e.started_at);
  s->bind(7, e.delivered_at)
      .bind(8, e.delivered_to)
      .bind(9, errand_substitutions_text(e.substitutions));
  if (const std::optional<Settlement>& st = e.settlement) {
    s->bind(10, st->receipt_fen).bind(11, st->advanced_fen).bind(12, st->returned_fen);
    s->bind(13, st->paid_by).bind(14, st->settled_at).bind(15, st->settled_by);
  } else {
    for (int i = 10; i <= 15; ++i) s->bind_null(i);
  }
  s->bind(16, e.worker_confirmed_by).bind(17, e.worker_confirmed_at);
  s->bind(18, e.volunteer_confirmed_by).bind(19, e.volunteer_confirmed_at);
  s->bind(20, e.volunteer_minutes).bind(21, e.cancelled_at).bind(22, e.cancel_reason);
  s->bind(23, e.updated_at).bind(24, e.id);
  return s->run();
}

Status insert_errand_event(store::Connection& c, const ErrandEvent& e) {
  auto s = c.prepare(
      "INSERT INTO errand_events (errand_id, at, actor_user_id, step, detail) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, e.errand_id).bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.step);
  s->bind(5, e.detail_json);
  return s->run();
}

Result<std::vector<ErrandEvent>> list_errand_events(store::Connection& c, int64_t errand_id) {
  auto s = c.prepare(
      "SELECT id, errand_id, at, actor_user_id, step, detail FROM errand_events "
      "WHERE errand_id = ? ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, errand_id);
  return store::collect<ErrandEvent>(*s, [](const store::Statement& r) {
    return ErrandEvent{r.column_int64(0), r.column_int64(1), r.column_int64(2),
                       r.column_int64(3), r.column_text(4),  r.column_text(5)};
  });
}

}  // namespace warmcity::eldercare
