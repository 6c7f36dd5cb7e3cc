// Late pickups' text messages (docs/afterschool.md "Late pickups"), pure:
// the alerts still waiting for their guardians' messages, made into one
// message per guardian phone (a mother of two children still here gets one
// message naming both). Thread-safe, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"

namespace warmcity::afterschool {

// One alert and one guardian phone to tell (a child with two guardians
// gives two).
struct LateAlertRow {
  int64_t programme_id = 0;
  std::string programme_name;
  std::string end_time;  // HH:MM
  int64_t child_id = 0;
  std::string child_name;
  std::string phone;  // the guardian's
};

struct LateMessage {
  std::string phone;
  std::string text;
};

// One message per distinct phone, in the order the phones first appear;
// rows without a phone give none.
std::vector<LateMessage> late_messages(const std::vector<LateAlertRow>& rows);

// The latest end_time ("HH:MM") whose sessions are late at `now`: now's
// district time of day less the 30 minutes; "" before 00:30 (none is).
std::string late_cutoff(int64_t now);

}  // namespace warmcity::afterschool
