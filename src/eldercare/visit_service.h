// VisitService: visits to the elders (探访关爱) — recording them, the
// changes that make one due within a day, the escalation after nobody
// answered, the due lists and the monthly visit rate. HTTP-free. The rules
// (intervals, due and overdue, the steps' order) are visit.h's.
//
// Every call but rate() is ONE write job on the store's single writer, reads
// included, so that the audit entry of a personal-data read
// ("personal_data.read", purpose "visits" for an elder's visits, subject
// "elder_list" with purpose "visits_due" for a due list) is durable before
// the answer. Writes keep the row, the elder's history event and the audit
// entry in one job (record_change, service_jobs.h): "elder.visit",
// "elder.change_report", "elder.visit_step".
//
// Who (elder_access.h):
//   record a visit, report a change, add an escalation step: View::kFull —
//     admins, the workers of her grid or community, her team's two members;
//   read her visits: View::kFull, or kMasked without the findings and notes;
//   due lists: each elder in the caller's view, those it sees none of left
//     out (a volunteer: only with team_id, of a team she is on);
//   rate(): admins and workers (aggregates, no personal data).
// A closed record takes no visits or changes (kConflict).
//
// The visit rate (探访率) of a community for a month: of the elders whose
// record was open at some moment of the month (opened before its end, not
// closed before its start), the share with at least one visit that saw them
// (seen_well or concern) in the month, both counted in one SQL aggregate.
//
// Lifetime: REQUIRES `db` to outlive the service. `done` runs once, on the
// writer thread (or at once on the caller's thread when refused before
// queueing).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "eldercare/elder_access.h"
#include "eldercare/elder_service.h"
#include "eldercare/visit.h"
#include "eldercare/visit_raise_store.h"
#include "eldercare/visit_store.h"
#include "store/database.h"

namespace warmcity::eldercare {

struct VisitInput {
  std::optional<int64_t> visited_at;  // default: now; not in the future
  std::string how;                    // is_visit_how
  std::string outcome;                // is_visit_outcome
  std::string findings;
};

struct ChangeInput {
  std::string kind;  // is_change_kind
  std::string note;
};

struct StepInput {
  std::string kind;    // is_step_kind
  std::string result;  // one of step_results(kind)
  std::string note;
};

// A visit as one caller sees it, with the escalation's next steps and what
// was raised from it (visit_raise.h), oldest first.
struct VisitView {
  Visit visit;
  View view = View::kMasked;
  std::vector<std::string> next_steps;
  bool escalation_overdue = false;
  std::vector<VisitRaise> raised;
};

// The elder's due visit after a call.
struct ElderDue {
  int64_t elder_id = 0;
  Due due;
};

struct RecordedVisit {
  VisitView visit;
  ElderDue next;
};

struct ElderVisits {
  View view = View::kMasked;
  ElderDue due;
  std::vector<VisitView> visits;
};

struct DueQuery {
  DueScope scope;
  bool today = true;    // due today (not yet overdue)
  bool overdue = true;  // overdue (open escalations past their clock included)
  int limit = 200;
};

// One row of a due list: an elder's due visit, or an open escalation.
struct DueItem {
  Elder elder;  // the fields due_elders() reads
  View view = View::kMasked;
  Due due;
  bool overdue = false;
  std::optional<int64_t> last_seen_at;
  std::optional<int64_t> visit_id;  // an escalation's visit
};

struct DueList {
  std::vector<DueItem> items;
  bool truncated = false;  // more rows than `limit`
};

struct MonthRate {
  std::optional<int64_t> community_id;
  int64_t elders = 0;
  int64_t visited = 0;
};

// The elder, when `by` may record a visit for her (View::kFull: admins, the
// workers of her grid or community, her team's members); kNotFound,
// kPermissionDenied. Her record may be closed: the caller decides.
Result<Elder> visit_recordable(store::Connection& c, int64_t elder_id, const Caller& by);

class VisitService {
 public:
  static Result<std::unique_ptr<VisitService>> open(store::Database& db, VisitRules rules = {},
                                                    std::function<int64_t()> now = nullptr);

  // kNotFound, kPermissionDenied, kConflict (closed), kUnprocessable
  // (visited_at in the future or more than 30 days ago; a visit may precede
  // her record: the visit that opened it).
  void record(int64_t elder_id, VisitInput in, Caller by, Done<RecordedVisit> done);
  // Her visits newest first, `limit` at most, before `before_id`; and her due visit.
  void list(int64_t elder_id, std::optional<int64_t> before_id, int limit, Caller by,
            Done<ElderVisits> done);
  void report_change(int64_t elder_id, ChangeInput in, Caller by, Done<ElderDue> done);
  // kNotFound (no visit), kConflict (no escalation, or a step out of order
  // or after it was resolved: visit.h), kUnprocessable (a result the kind
  // does not take).
  void add_step(int64_t visit_id, StepInput in, Caller by, Done<VisitView> done);
  // kNotFound for an unknown team; a volunteer not on the team or asking by
  // community: kPermissionDenied.
  void due(DueQuery q, Caller by, Done<DueList> done);
  // The month [from, to) (local midnights), read on the calling thread.
  Result<std::vector<MonthRate>> rate(int64_t from, int64_t to, std::optional<int64_t> community_id,
                                      const Caller& by) const;

  const VisitRules& rules() const { return rules_; }
  int64_t now() const;

 private:
  VisitService(store::Database& db, VisitRules rules, std::function<int64_t()> now)
      : db_(db), rules_(rules), now_(std::move(now)) {}

  VisitView view_of_visit(Visit v, View view, int contacts, int64_t at) const;

  store::Database& db_;
  VisitRules rules_;
  std::function<int64_t()> now_;
};

}  // namespace warmcity::eldercare
