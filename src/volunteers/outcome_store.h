// The outcome kinds' and outcomes' rows (volunteer_outcome_kinds,
// volunteer_outcomes in volunteer_migrations.cpp), read and written in the
// caller's connection. SQL both engines run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace warmcity::volunteers {

struct OutcomeKind {
  std::string code;      // [a-z_]{2,30}
  std::string name;      // 1–20
  std::string unit;      // 1–10
  int64_t decimals = 0;  // 0 or 1
  bool active = true;
};

// One outcome of an occurrence: a quantity of a kind, in tenths of its
// unit, by a team or none.
struct OutcomeLine {
  std::string kind;
  int64_t tenths = 0;
  std::optional<int64_t> team_id;
  // Joined from the kind.
  std::string name;
  std::string unit;
};

// Every kind, by code.
Result<std::vector<OutcomeKind>> outcome_kinds(store::Connection& c);
// nullopt when there is no such kind.
Result<std::optional<OutcomeKind>> load_outcome_kind(store::Connection& c, const std::string& code);
Status insert_outcome_kind(store::Connection& c, const OutcomeKind& k, int64_t now);
Status save_outcome_kind(store::Connection& c, const OutcomeKind& k);

// The occurrence's outcomes, in the order they were recorded.
Result<std::vector<OutcomeLine>> outcomes_of(store::Connection& c, int64_t occurrence_id);
// Replaces the occurrence's outcomes by `lines` (their kind, tenths, team).
Status replace_outcomes(store::Connection& c, int64_t occurrence_id,
                        const std::vector<OutcomeLine>& lines, int64_t by, int64_t now);

}  // namespace warmcity::volunteers
