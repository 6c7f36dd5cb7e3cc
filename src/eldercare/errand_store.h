// SQL for the errands (migration module "errands", errand_migrations.cpp):
//   errands        one row per errand (errand.h); the work and the
//                  substitutions as JSON text; `phase` (errand_phase) follows
//                  the team, community, grid or sub-district in the queues'
//                  indexes; the grid and sub-district (v2) are the elder's
//                  when the errand was received, as the community is
//   errand_events  the errand's history, append-only: who took which step,
//                  when, with what (detail JSON)
// Every function runs on the connection it is given. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/errand.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct ErrandEvent {
  int64_t id = 0;
  int64_t errand_id = 0;
  int64_t at = 0;
  int64_t actor_user_id = 0;
  std::string step;  // "create" or a step name
  std::string detail_json = "{}";
};

enum class ErrandQueue {
  kAll,      // every errand, closed ones too
  kOpen,     // not cancelled and not complete (phase 0 or 1)
  kToday,    // undelivered and due before `until` (the end of the local day)
  kOverdue,  // undelivered and due before `until` (now)
};

struct ErrandFilter {
  std::optional<int64_t> elder_id;
  std::optional<int64_t> team_id;
  std::optional<int64_t> community_id;
  ErrandQueue queue = ErrandQueue::kAll;
  int64_t until = 0;  // kToday, kOverdue
  // Who may see them (OR-ed): errands received in one of `in_areas` (the
  // grid, community or sub-district the errand holds: her areas when it was
  // received; REQUIRES: not empty when set), and the errands assigned to a
  // team `member` is on. Neither set: every errand. A pre-filter: the
  // caller's view of each errand is decided on the elder as she is now.
  std::optional<std::vector<int64_t>> in_areas;
  std::optional<int64_t> member;
  std::optional<int64_t> before_id;
  int limit = 50;
};

// kNotFound when there is no such errand.
Result<Errand> get_errand(store::Connection& c, int64_t id);
// Newest first.
Result<std::vector<Errand>> list_errands(store::Connection& c, const ErrandFilter& f);
// Inserts `e` (its id is set).
Status insert_errand(store::Connection& c, Errand& e);
// Overwrites every column that a step changes.
Status update_errand(store::Connection& c, const Errand& e);

Status insert_errand_event(store::Connection& c, const ErrandEvent& e);
// Oldest first.
Result<std::vector<ErrandEvent>> list_errand_events(store::Connection& c, int64_t errand_id);

}  // namespace warmcity::eldercare
