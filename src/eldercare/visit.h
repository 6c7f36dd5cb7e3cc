// Visits (探访关爱): the pure rules — how often an elder is visited, when a
// visit falls due and when it is overdue, and the order of the steps of an
// escalation after nobody answered. No I/O; VisitService applies them.
//
// Due and overdue. An elder has a visit due from a moment and a deadline:
//   - by her tier's interval (VisitRules): her last visit that saw her
//     (outcome seen_well or concern; else the day her record was opened)
//     plus the interval gives day D (Asia/Shanghai, +08:00): the visit is
//     due from D's 00:00 and overdue once D has ended;
//   - after a reported change (fall, hospital stay, bereavement, other) not
//     yet followed by a visit that saw her: due at once, overdue 24 hours
//     (VisitRules::change_seconds) after the report.
// The earlier of the two applies. "Due today": due from before tonight's
// midnight and not overdue; "overdue": the deadline has passed.
//
// Escalation. "Nobody answers" opens an escalation whose clock runs from the
// visit's time (VisitRules::escalation_seconds, 30 minutes by default). Steps,
// in this order: call each emergency contact in turn (reached / not_reached),
// then the community duty phone (reached / not_reached), then resolved
// (found_well / found_needing_help / other). Resolving is allowed once a
// contact was reached or the duty phone was called; nothing follows it. An
// open escalation past its clock is overdue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace warmcity::eldercare {

// Configuration (VisitService's options). Defaults: high weekly, priority
// monthly, general quarterly; a change wants a visit within 24 hours; an
// escalation is to be resolved within 30 minutes.
struct VisitRules {
  int64_t high_days = 7;
  int64_t priority_days = 30;
  int64_t general_days = 91;
  int64_t change_seconds = 24 * 3600;
  int64_t escalation_seconds = 30 * 60;
};

// home, phone, video.
bool is_visit_how(std::string_view code);
// seen_well, concern, nobody_answers.
bool is_visit_outcome(std::string_view code);
// A visit that saw the elder (seen_well, concern) restarts her interval.
bool saw_elder(std::string_view outcome);
// fall, hospital_stay, bereavement, other.
bool is_change_kind(std::string_view code);

// The interval of a risk tier (elder.h's is_risk_tier) in days.
int64_t interval_days(const VisitRules& rules, std::string_view tier);

// What a due visit rests on.
struct DueFacts {
  std::string tier;
  int64_t opened_at = 0;                // the record's creation
  std::optional<int64_t> last_seen_at;  // her last visit that saw her
  std::optional<int64_t> change_at;     // her last reported change
};

struct Due {
  int64_t from = 0;      // due from this instant
  int64_t deadline = 0;  // overdue from this instant
  std::string reason;    // interval, first_visit, change
};

Due due_of(const VisitRules& rules, const DueFacts& f);

enum class DueWhen { kNotYet, kToday, kOverdue };
// Where `d` stands at `now`: overdue when its deadline has passed, today when
// it is due before the end of now's local day.
DueWhen due_when(const Due& d, int64_t now);

// The instant the local day of `t` ends (the next 00:00 +08:00).
int64_t end_of_local_day(int64_t t);

// A step of an escalation.
struct Step {
  std::string kind;                  // contact, duty_phone, resolved
  std::string result;                // reached, not_reached | found_well, found_needing_help, other
  std::optional<int> contact_index;  // contact: which of her emergency contacts (0-based)
};

bool is_step_kind(std::string_view code);
// The results a kind of step takes (empty for an unknown kind).
std::vector<std::string> step_results(std::string_view kind);

// The kinds of step that may come next after `done` (oldest first) for an
// elder with `contacts` emergency contacts: empty once resolved.
std::vector<std::string> next_steps(int contacts, const std::vector<Step>& done);
// `step` checked against the order: kConflict naming what may come next.
// On success the contact step's index is set (the next contact in turn).
Status check_step(int contacts, const std::vector<Step>& done, Step& step);

}  // namespace warmcity::eldercare
