// Counts of the due visits for the dashboard (issue #16: overdue visits per
// community): per community, the open elders, those whose visit is due today
// and those whose visit is overdue now, and the open escalations past their
// clock — the numbers GET /api/v1/visits/due lists (when=today, when=overdue)
// without listing anyone, so not a personal-data read and not audited.
//
// Due and overdue are visit.h's rules, said in SQL (exact: +08:00 has no
// daylight saving, so a local day is 86,400 seconds): with M the start of
// today (00:00 +08:00), E = M + 1 day and I her tier's interval in seconds,
//   overdue by interval  COALESCE(last_seen_at, created_at) < M − I
//   due by today         COALESCE(last_seen_at, created_at) < E − I
//   a change pending     change_at > COALESCE(last_seen_at, −1): due now,
//                        overdue once change_at + change_seconds ≤ now.
// An elder counts once (the earlier deadline wins); an open escalation counts
// apart, in the community of the visit that opened it (as the due list).
//
// Scope as the errands' counts (count_scope, errand_counts.h): the elders a
// caller's elder list shows. One SQL aggregate; HTTP-free.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "eldercare/visit.h"
#include "store/connection.h"

namespace warmcity::eldercare {

struct VisitCount {
  std::optional<int64_t> community_id = std::nullopt;
  int64_t elders = 0;               // open elders
  int64_t due_today = 0;            // due before tonight, not yet overdue
  int64_t overdue = 0;              // elders whose visit is overdue now
  int64_t escalations_overdue = 0;  // open escalations past their clock
};

struct VisitCountFilter {
  int64_t now = 0;
  std::optional<int64_t> community_id = std::nullopt;
  // Elders lying in one of these areas; nullopt: everywhere. REQUIRES: not empty.
  std::optional<std::vector<int64_t>> in_areas = std::nullopt;
};

// The communities with open elders or overdue escalations, by id, null last.
Result<std::vector<VisitCount>> count_due_visits(store::Connection& c, const VisitCountFilter& f,
                                                 const VisitRules& rules);

// The sum of `rows` (community_id null).
VisitCount visit_total_of(const std::vector<VisitCount>& rows);

}  // namespace warmcity::eldercare
