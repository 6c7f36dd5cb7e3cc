#include "eldercare/visit_store.h"

#include <utility>

namespace warmcity::eldercare {

namespace {

constexpr const char* kVisitColumns =
    "id, elder_id, grid_id, community_id, team_id, visited_by, visited_at, how, outcome, "
    "findings, recorded_at, escalation, escalation_deadline, resolved_at";

Visit read_visit(const store::Statement& s) {
  Visit v;
  v.id = s.column_int64(0);
  v.elder_id = s.column_int64(1);
  v.grid_id = s.column_int64(2);
  v.community_id = s.column_int64_opt(3);
  v.team_id = s.column_int64_opt(4);
  v.visited_by = s.column_int64(5);
  v.visited_at = s.column_int64(6);
  v.how = s.column_text(7);
  v.outcome = s.column_text(8);
  v.findings = s.column_text(9);
  v.recorded_at = s.column_int64(10);
  v.escalation = s.column_text(11);
  v.escalation_deadline = s.column_int64_opt(12);
  v.resolved_at = s.column_int64_opt(13);
  return v;
}

// The elder columns a due list reads, from `e` (elders), `t` (elder_teams)
// and `d` (visit_due); read_due_elder reads them from column `at` on.
constexpr const char* kDueColumns =
    "e.id, e.name, e.grid_id, e.community_id, e.subdistrict_id, e.risk_tier, e.created_at, "
    "e.team_id, t.worker_user_id, t.volunteer_user_id, d.last_seen_at, d.change_at";
constexpr const char* kDueJoins =
    " LEFT JOIN visit_due d ON d.elder_id = e.id LEFT JOIN elder_teams t ON t.id = e.team_id";

DueElder read_due_elder(const store::Statement& s) {
  DueElder d;
  Elder& e = d.elder;
  e.id = s.column_int64(0);
  e.name = s.column_text(1);
  e.grid_id = s.column_int64(2);
  e.community_id = s.column_int64_opt(3);
  e.subdistrict_id = s.column_int64_opt(4);
  e.risk_tier = s.column_text(5);
  e.created_at = s.column_int64(6);
  e.team_id = s.column_int64_opt(7);
  if (e.team_id) e.team_members = {s.column_int64(8), s.column_int64(9)};
  d.last_seen_at = s.column_int64_opt(10);
  d.change_at = s.column_int64_opt(11);
  return d;
}

Status read_visit_steps(store::Connection& c, Visit& v) {
  auto s = c.prepare(
      "SELECT id, visit_id, kind, result, contact_index, note, at, by_user_id FROM visit_steps "
      "WHERE visit_id = ? ORDER BY id");
  if (!s.ok()) return s.status();
  s->bind(1, v.id);
  Result<std::vector<StepRecord>> steps = store::collect<StepRecord>(*s, [](const auto& r) {
    StepRecord out;
    out.id = r.column_int64(0);
    out.visit_id = r.column_int64(1);
    out.step.kind = r.column_text(2);
    out.step.result = r.column_text(3);
    if (!r.column_is_null(4)) out.step.contact_index = static_cast<int>(r.column_int64(4));
    out.note = r.column_text(5);
    out.at = r.column_int64(6);
    out.by_user_id = r.column_int64(7);
    return out;
  });
  if (!steps.ok()) return steps.status();
  v.steps = std::move(*steps);
  return Status::Ok();
}

// Where a due list's rows come from: the team's elders or the community's.
// `table` may carry SQLite's unary-plus hint ("+e": no index on that column).
std::string due_scope_condition(const DueScope& scope, const char* table) {
  return std::string(table) + (scope.team_id ? ".team_id = ?1" : ".community_id = ?1");
}

}  // namespace

Result<Visit> get_visit(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kVisitColumns + " FROM visits WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no visit with that id");
  Visit v = read_visit(*s);
  if (Status st = read_visit_steps(c, v); !st.ok()) return st;
  return v;
}

Result<std::vector<Visit>> list_visits(store::Connection& c, int64_t elder_id,
                                       std::optional<int64_t> before_id, int limit) {
  auto s = c.prepare(std::string("SELECT ") + kVisitColumns +
                     " FROM visits WHERE elder_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR id < ?2)"
                     " ORDER BY id DESC LIMIT ?3");
  if (!s.ok()) return s.status();
  s->bind(1, elder_id).bind(2, before_id).bind(3, limit);
  Result<std::vector<Visit>> visits = store::collect<Visit>(*s, read_visit);
  if (!visits.ok()) return visits;
  for (Visit& v : *visits) {
    if (v.escalation == "none") continue;
    if (Status st = read_visit_steps(c, v); !st.ok()) return st;
  }
  return visits;
}

Status insert_visit(store::Connection& c, Visit& v) {
  auto s = c.prepare(
      "INSERT INTO visits (elder_id, grid_id, community_id, team_id, visited_by, visited_at, how, "
      "outcome, findings, recorded_at, escalation, escalation_deadline) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, v.elder_id).bind(2, v.grid_id).bind(3, v.community_id).bind(4, v.team_id);
  s->bind(5, v.visited_by).bind(6, v.visited_at).bind(7, v.how).bind(8, v.outcome);
  s->bind(9, v.findings).bind(10, v.recorded_at).bind(11, v.escalation);
  s->bind(12, v.escalation_deadline);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  v.id = *id;
  if (!saw_elder(v.outcome)) return Status::Ok();
  auto due = c.prepare(
      "INSERT INTO visit_due (elder_id, last_seen_at) VALUES (?1, ?2) "
      "ON CONFLICT (elder_id) DO UPDATE SET last_seen_at = CASE WHEN visit_due.last_seen_at IS "
      "NULL OR visit_due.last_seen_at < excluded.last_seen_at THEN excluded.last_seen_at "
      "ELSE visit_due.last_seen_at END");
  if (!due.ok()) return due.status();
  due->bind(1, v.elder_id).bind(2, v.visited_at);
  return due->run();
}

Status insert_step(store::Connection& c, StepRecord& r) {
  auto s = c.prepare(
      "INSERT INTO visit_steps (visit_id, kind, contact_index, result, note, at, by_user_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  const std::optional<int64_t> index =
      r.step.contact_index ? std::optional<int64_t>(*r.step.contact_index) : std::nullopt;
  s->bind(1, r.visit_id).bind(2, r.step.kind).bind(3, index).bind(4, r.step.result);
  s->bind(5, r.note).bind(6, r.at).bind(7, r.by_user_id);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  r.id = *id;
  return Status::Ok();
}

Status resolve_escalation(store::Connection& c, int64_t visit_id, int64_t at) {
  auto s = c.prepare(
      "UPDATE visits SET escalation = 'resolved', resolved_at = ? WHERE id = ? AND "
      "escalation = 'open'");
  if (!s.ok()) return s.status();
  s->bind(1, at).bind(2, visit_id);
  return s->run();
}

Status insert_change(store::Connection& c, const ChangeRecord& r) {
  auto s = c.prepare(
      "INSERT INTO visit_changes (elder_id, kind, note, reported_at, reported_by) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, r.elder_id).bind(2, r.kind).bind(3, r.note).bind(4, r.reported_at);
  s->bind(5, r.reported_by);
  if (Status st = s->run(); !st.ok()) return st;
  auto due = c.prepare(
      "INSERT INTO visit_due (elder_id, change_at) VALUES (?1, ?2) "
      "ON CONFLICT (elder_id) DO UPDATE SET change_at = CASE WHEN visit_due.change_at IS "
      "NULL OR visit_due.change_at < excluded.change_at THEN excluded.change_at "
      "ELSE visit_due.change_at END");
  if (!due.ok()) return due.status();
  due->bind(1, r.elder_id).bind(2, r.reported_at);
  return due->run();
}

Result<DueElder> due_facts(store::Connection& c, const Elder& e) {
  auto s = c.prepare("SELECT last_seen_at, change_at FROM visit_due WHERE elder_id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, e.id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  DueElder d;
  d.elder = e;
  if (*row) {
    d.last_seen_at = s->column_int64_opt(0);
    d.change_at = s->column_int64_opt(1);
  }
  return d;
}

Result<std::vector<DueElder>> due_elders(store::Connection& c, const DueScope& scope,
                                         const VisitRules& rules, int64_t before, int limit) {
  // Due from before `before` by the interval: the day of her base plus the
  // interval starts before `before` (a midnight), i.e. the base lies before
  // `before` less the interval.
  auto s = c.prepare(std::string("SELECT ") + kDueColumns + " FROM elders e" + kDueJoins +
                     " WHERE e.closed = 0 AND " + due_scope_condition(scope, "e") +
                     " AND (COALESCE(d.last_seen_at, e.created_at) < CASE e.risk_tier"
                     " WHEN 'high' THEN CAST(?2 AS BIGINT) WHEN 'priority' THEN CAST(?3 AS BIGINT)"
                     " ELSE CAST(?4 AS BIGINT) END"
                     " OR d.change_at > COALESCE(d.last_seen_at, -1))"
                     // The most urgent first, so that a cut list keeps them: a
                     // reported change at its time, else her base plus her
                     // tier's interval.
                     " ORDER BY CASE WHEN d.change_at > COALESCE(d.last_seen_at, -1)"
                     " THEN d.change_at ELSE COALESCE(d.last_seen_at, e.created_at) +"
                     " CASE e.risk_tier WHEN 'high' THEN CAST(?6 AS BIGINT)"
                     " WHEN 'priority' THEN CAST(?7 AS BIGINT) ELSE CAST(?8 AS BIGINT) END END,"
                     " e.id LIMIT ?5");
  if (!s.ok()) return s.status();
  s->bind(1, scope.team_id ? *scope.team_id : scope.community_id.value_or(0));
  s->bind(2, before - rules.high_days * 86400).bind(3, before - rules.priority_days * 86400);
  s->bind(4, before - rules.general_days * 86400).bind(5, limit);
  s->bind(6, int64_t{rules.high_days} * 86400).bind(7, int64_t{rules.priority_days} * 86400);
  s->bind(8, int64_t{rules.general_days} * 86400);
  return store::collect<DueElder>(*s, read_due_elder);
}

Result<std::vector<OpenEscalation>> open_escalations(store::Connection& c, const DueScope& scope,
                                                     int64_t before, int limit) {
  auto s = c.prepare(std::string("SELECT ") + kDueColumns +
                     ", v.id, v.visited_at, v.escalation_deadline FROM visits v"
                     " JOIN elders e ON e.id = v.elder_id" +
                     kDueJoins + " WHERE v.escalation = 'open' AND " +
                     // A team's: of the elders paired with it now (a re-pairing
                     // hands the open escalation over), read from the few open
                     // ones (partial index visits_open; "+e" keeps SQLite from
                     // walking every visit of the team's elders instead); a
                     // community's: of the visits made there (visits_open_community).
                     due_scope_condition(scope, scope.team_id ? "+e" : "v") +
                     " AND v.escalation_deadline < ?2 ORDER BY v.escalation_deadline, v.id"
                     " LIMIT ?3");
  if (!s.ok()) return s.status();
  s->bind(1, scope.team_id ? *scope.team_id : scope.community_id.value_or(0));
  s->bind(2, before).bind(3, limit);
  return store::collect<OpenEscalation>(*s, [](const store::Statement& r) {
    OpenEscalation o;
    o.who = read_due_elder(r);
    o.visit_id = r.column_int64(12);
    o.visited_at = r.column_int64(13);
    o.deadline = r.column_int64(14);
    return o;
  });
}

Result<std::vector<RateRow>> visit_rates(store::Connection& c, int64_t from, int64_t to,
                                         std::optional<int64_t> community_id) {
  auto s = c.prepare(
      "SELECT e.community_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM visits v"
      " WHERE v.elder_id = e.id AND v.visited_at >= ?1 AND v.visited_at < ?2"
      " AND v.outcome <> 'nobody_answers') THEN 1 ELSE 0 END)"
      " FROM elders e WHERE e.created_at < ?2 AND (e.closed = 0 OR e.closed_at >= ?1)"
      " AND (CAST(?3 AS BIGINT) IS NULL OR e.community_id = ?3)"
      " GROUP BY e.community_id ORDER BY e.community_id");
  if (!s.ok()) return s.status();
  s->bind(1, from).bind(2, to).bind(3, community_id);
  return store::collect<RateRow>(*s, [](const store::Statement& r) {
    return RateRow{r.column_int64_opt(0), r.column_int64(1), r.column_int64(2)};
  });
}

}  // namespace warmcity::eldercare
