// SQL for the elder-care tables (migration module "eldercare"):
//   elders        one row per elder (elder.h); phones, categories, emergency
//                 contacts and needs as JSON text
//   elder_phones  the caller-ID form of every phone of every elder
//                 (elder.h's caller_id_form), the index of the phone lookup
//   elder_events  the elder's history, append-only: who created, corrected
//                 (detail {"fields": {name: {"old": …, "new": …}}}) or closed
//                 the record, when
// Every function runs on the connection it is given: the writer's inside a
// write job, or the calling thread's reader. Prepared statements only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/elder.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct ElderEvent {
  int64_t id = 0;
  int64_t elder_id = 0;
  int64_t at = 0;
  int64_t actor_user_id = 0;
  std::string action;  // create, correct, close
  std::string detail_json = "{}";
};

struct ElderFilter {
  // Elders lying in one of these areas (grid, community or sub-district);
  // nullopt: anywhere. REQUIRES: not an empty list.
  std::optional<std::vector<int64_t>> in_areas;
  // Elders paired with a team this user is on (its worker or its volunteer).
  std::optional<int64_t> team_member;
  std::optional<int64_t> community_id;
  std::optional<std::string> risk_tier;
  std::optional<std::string> category;
  bool closed = false;  // the closed records instead of the open ones
  std::optional<int64_t> before_id;
  int limit = 50;
};

// kNotFound when there is no such elder.
Result<Elder> get_elder(store::Connection& c, int64_t id);
// Newest first.
Result<std::vector<Elder>> list_elders(store::Connection& c, const ElderFilter& f);
// The open elders one of whose phones has this caller-ID form.
Result<std::vector<int64_t>> elders_with_phone(store::Connection& c, const std::string& form);

// Inserts `e` and its phones (its id is set).
Status insert_elder(store::Connection& c, Elder& e);
// Overwrites every column but id and created_at, and the phones.
Status update_elder(store::Connection& c, const Elder& e);

Status insert_event(store::Connection& c, const ElderEvent& e);
// Oldest first.
Result<std::vector<ElderEvent>> list_events(store::Connection& c, int64_t elder_id);

}  // namespace warmcity::eldercare
