// The month's counts of the volunteers (docs/volunteers.md "Counts"): per
// team and per community, the confirmed minutes of the records whose service
// date is in the month and the outcomes of the month's occurrences, read in
// the caller's connection (one SQL, both engines): the month's confirmed
// records and the memberships once, summed per team and community here;
// the outcomes by SQL aggregates. Public numbers only: no volunteer's name
// or id leaves this file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/connection.h"
#include "volunteers/outcome_store.h"

namespace warmcity::volunteers {

using OutcomeTotals = std::map<std::string, int64_t>;  // kind code → tenths

struct TeamCount {
  int64_t id = 0;
  std::string name;
  std::optional<int64_t> community_id;  // as the teams' list says (team_store.cpp)
  int64_t volunteers = 0;               // active volunteers who were members during the month
  int64_t minutes = 0;                  // confirmed, by the volunteer's teams on the service date
  int64_t rank = 0;                     // by minutes, ties sharing a rank (1, 1, 3 …)
  OutcomeTotals outcomes;               // by the team given on the outcome
};

struct CommunityCount {
  int64_t id = 0;
  std::string name;
  int64_t minutes = 0;  // each record once per community, through its teams
  OutcomeTotals
      outcomes;  // by the team's community, else the activity's, else its organiser's area
};

struct MonthCounts {
  std::string month;                        // YYYY-MM
  std::vector<TeamCount> teams;             // by rank, then name
  std::vector<CommunityCount> communities;  // by name
  std::vector<OutcomeKind> kinds;
};

// Competition ranks of `minutes` (any order): 1 + how many have more.
std::vector<int64_t> shared_ranks(const std::vector<int64_t>& minutes);

// "YYYY-MM" as the month's first day; nullopt otherwise.
std::optional<core::LocalDate> parse_month(std::string_view text);

// The counts of the month beginning on `first` (its day is 1).
Result<MonthCounts> month_counts(store::Connection& c, core::LocalDate first);

}  // namespace warmcity::volunteers
