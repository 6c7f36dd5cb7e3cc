// SQL for the visits (migration module "visits", visit_migrations.cpp):
//   visits         one row per visit: who (visited_by, the elder's team and
//                  areas at the time), when, how, outcome, findings; for
//                  "nobody answers" the escalation's state and deadline
//   visit_steps    the escalation's steps, append-only
//   visit_changes  the changes reported on an elder (fall …), append-only
//   visit_due      per elder, what her due visit rests on: her last visit
//                  that saw her and her last reported change
// Runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/elder.h"
#include "eldercare/visit.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct StepRecord {
  int64_t id = 0;
  int64_t visit_id = 0;
  Step step;
  std::string note;
  int64_t at = 0;
  int64_t by_user_id = 0;
};

struct Visit {
  int64_t id = 0;
  int64_t elder_id = 0;
  int64_t grid_id = 0;
  std::optional<int64_t> community_id;
  std::optional<int64_t> team_id;
  int64_t visited_by = 0;
  int64_t visited_at = 0;
  std::string how;
  std::string outcome;
  std::string findings;
  int64_t recorded_at = 0;
  std::string escalation = "none";  // none, open, resolved
  std::optional<int64_t> escalation_deadline;
  std::optional<int64_t> resolved_at;
  std::vector<StepRecord> steps;  // read with the visit (oldest first)
};

struct ChangeRecord {
  int64_t elder_id = 0;
  std::string kind;  // is_change_kind
  std::string note;
  int64_t reported_at = 0;
  int64_t reported_by = 0;
};

// An elder as a due list shows her: enough to decide the caller's view
// (elder_access.h) and to compute her due visit.
struct DueElder {
  Elder elder;  // id, name, areas, risk tier, created_at, team and its members
  std::optional<int64_t> last_seen_at;
  std::optional<int64_t> change_at;
};

// An open escalation with its elder.
struct OpenEscalation {
  DueElder who;
  int64_t visit_id = 0;
  int64_t visited_at = 0;
  int64_t deadline = 0;
};

// Where a due list looks: the elders paired with a team, or living in a
// community (exactly one set).
struct DueScope {
  std::optional<int64_t> team_id;
  std::optional<int64_t> community_id;
};

// kNotFound when there is no such visit. Its steps included.
Result<Visit> get_visit(store::Connection& c, int64_t id);
// An elder's visits, newest first (by id), at most `limit`, before `before_id`.
Result<std::vector<Visit>> list_visits(store::Connection& c, int64_t elder_id,
                                       std::optional<int64_t> before_id, int limit);
// Inserts the visit (its id set) and, when it saw the elder, moves her
// last_seen_at forward.
Status insert_visit(store::Connection& c, Visit& v);
Status insert_step(store::Connection& c, StepRecord& s);
// Sets the visit's escalation to resolved at `at`.
Status resolve_escalation(store::Connection& c, int64_t visit_id, int64_t at);
// Records the change and makes it her last one.
Status insert_change(store::Connection& c, const ChangeRecord& r);
// What her due visit rests on (nothing recorded: both nullopt).
Result<DueElder> due_facts(store::Connection& c, const Elder& e);

// The open elders of `scope` whose visit is due before `before` by the
// tiers' intervals (day arithmetic as visit.h), or who have a change not yet
// followed by a visit that saw them. The most urgent first (a change's time,
// else her base plus her tier's interval; then by id), at most `limit`.
Result<std::vector<DueElder>> due_elders(store::Connection& c, const DueScope& scope,
                                         const VisitRules& rules, int64_t before, int limit);
// The open escalations whose deadline is before `before` (every open one:
// INT64_MAX), by deadline, at most `limit`: a team's are those of the elders
// paired with it now (a re-pairing hands them over), a community's those of
// the visits made there.
Result<std::vector<OpenEscalation>> open_escalations(store::Connection& c, const DueScope& scope,
                                                     int64_t before, int limit);

// One community's visit rate for a month (visit_service.h defines it).
struct RateRow {
  std::optional<int64_t> community_id;
  int64_t elders = 0;
  int64_t visited = 0;
};
// Aggregated in SQL over [from, to): every community, or one.
Result<std::vector<RateRow>> visit_rates(store::Connection& c, int64_t from, int64_t to,
                                         std::optional<int64_t> community_id);

}  // namespace warmcity::eldercare
