// Internal to AppealService: applying one workflow step to a stored appeal
// inside its write job — the step-specific rules (dispatch target, reply
// outcome, callback answers, merge target, the new clock) and the event
// rows. The legality check (workflow.h) has already passed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "appeals/appeal.h"
#include "appeals/appeal_service.h"
#include "core/calendar.h"
#include "store/connection.h"

namespace warmcity::appeals {

struct StepContext {
  store::Connection& conn;
  const Caller& by;
  int64_t now;
  const core::Calendar& calendar;
};

// The actor_role of an event: the caller's role, "anonymous" or "system".
std::string actor_role(const Caller& by);

// Appends the audit entry of a change by `by` to appeal `appeal_id`.
Status audit_appeal(store::Connection& c, const Caller& by, std::string action, int64_t appeal_id,
                    std::string detail, int64_t now);

// Whether the step's event is public when its note is not published: the
// state change of every step but return and callback shows on the tracking
// page and to the reporter.
bool public_by_default(Step step);

// Who sees a step's event and its note. The note is internal unless the
// staff member ticks 公开 (`requested` true), except a reply's, which is the
// answer to the reporter and always public; a published note makes its event
// public too. kUnprocessable (field "public") for `public: false` on a reply.
struct Publicity {
  bool event = false;
  bool note = false;
};
Result<Publicity> publicity(Step step, std::optional<bool> requested);

// Changes `a` (and, for merge, the kept appeal) per the step, writes the
// rows and appends `a`'s event. kUnprocessable for bad step fields.
Status apply_step(const StepContext& ctx, Appeal& a, const StepRequest& req);

// Restarts the resolution clock from `ctx.now` (重办) by the system: new
// resolution deadline, reopen_count + 1, event "reopen". REQUIRES: a.state
// is callback.
Status reopen_by_system(const StepContext& ctx, Appeal& a);

}  // namespace warmcity::appeals
