// A programme's roster on a day (docs/afterschool.md "The day": GET
// …/roster): the children enrolled now and those who attended that day,
// with their guardians and pickup adults, the day's attendance and their late pickups in the
// day's month. SQL both engines run, four statements whatever the number
// of children (the set is one subquery by the enrolments' and the
// attendance's indexes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "afterschool/day.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::afterschool {

struct RosterGuardian {
  int64_t user_id = 0;
  std::string display_name;
  std::string relation;
  std::optional<std::string> phone;
};

// A pickup adult linked to the child (no phone, no code: the check-out
// asks them), for the staff to choose the adult whose photo they compare.
struct RosterAdult {
  int64_t id = 0;
  std::string name;
  std::string relation;
  bool has_photo = false;
  bool active = false;  // not revoked, valid on the roster's day
};

struct RosterChild {
  int64_t id = 0;
  std::string name;
  std::string school;
  std::string grade;
  std::optional<std::string> health_notes;
  bool has_photo = false;  // the child's photo, for the staff's check at the door
  std::vector<RosterGuardian> guardians;
  std::vector<RosterAdult> pickup_adults;  // by id
  std::optional<Attendance> attendance;    // nullopt: expected
  int64_t late_pickups_this_month = 0;
};

// By name (then id). `day` YYYY-MM-DD; the month is the day's.
Result<std::vector<RosterChild>> roster_children(store::Connection& c, int64_t programme_id,
                                                 const std::string& day);

}  // namespace warmcity::afterschool
