#include "appeals/steps.h"

#include "accounts/audit.h"
#include "accounts/org_actors.h"
#include "appeals/appeal_store.h"
#include "appeals/category_store.h"
#include "appeals/category_targets.h"
#include "appeals/deadlines.h"
#include "core/utf8.h"
#include "rates/rollup.h"

namespace warmcity::appeals {

namespace {

Status bad(const std::string& field, const std::string& message) {
  return Status::Unprocessable("invalid step", {{field, message}});
}

void set_clock(Appeal& a, const std::optional<Clock>& clock) {
  a.clock_start = clock ? std::optional<int64_t>(clock->start) : std::nullopt;
  a.due_at = clock ? std::optional<int64_t>(clock->due) : std::nullopt;
  a.nearly_at = clock ? std::optional<int64_t>(clock->nearly) : std::nullopt;
  a.escalation = 0;
}

Status append(const StepContext& ctx, Appeal& a, std::string action, State from, Publicity shown,
              std::string note, std::string detail, bool by_system) {
  Event e;
  e.appeal_id = a.id;
  e.at = ctx.now;
  if (!by_system) e.actor_user_id = ctx.by.user_id;
  e.actor_role = by_system ? "system" : actor_role(ctx.by);
  e.action = std::move(action);
  e.from_state = from;
  e.to_state = a.state;
  e.note = std::move(note);
  e.is_public = shown.event;
  e.note_public = shown.note;
  e.detail_json = std::move(detail);
  return insert_event(ctx.conn, e);
}

Status dispatch(const StepContext& ctx, Appeal& a, const StepRequest& req) {
  if (req.org_id && req.area_id) return bad("org_id", "give org_id or area_id, not both");
  a.assigned_org_id.reset();
  a.assigned_area_id.reset();
  if (req.org_id) {
    a.assigned_org_id = req.org_id;
  } else if (req.area_id) {
    a.assigned_area_id = req.area_id;
  } else {
    Result<Category> cat = get_category_by_id(ctx.conn, a.category_id);
    if (!cat.ok()) return cat.status();
    if (cat->department_org_id) {
      a.assigned_org_id = cat->department_org_id;
    } else if (a.grid_id || a.community_id) {
      a.assigned_area_id = a.grid_id ? a.grid_id : a.community_id;
    } else {
      return bad("org_id", "the category names no department and the appeal no area: give one");
    }
  }
  // Nobody there could start or reply: refuse rather than strand the case
  // (category_targets.h), whether the target was named or the default.
  if (a.assigned_org_id) {
    Result<std::optional<TargetProblem>> p = check_target(ctx.conn, *a.assigned_org_id);
    if (!p.ok()) return p.status();
    if (*p) return Status::Unprocessable("invalid step", {target_error(**p, TargetUse::kDispatch)});
  } else if (a.assigned_area_id) {
    // An area's appeal reaches only the workers serving it or an area
    // containing it (assignee_areas): dispatchers cannot start it.
    Result<int64_t> workers = accounts::area_workers(ctx.conn, assignee_areas(a));
    if (!workers.ok()) return workers.status();
    if (*workers == 0) {
      return bad(req.area_id ? "area_id" : "org_id",
                 "no active worker serves this area or an area containing the appeal's place: "
                 "nobody could start it; dispatch it to an organisation or another area");
    }
  }
  return Status::Ok();
}

Status merge(const StepContext& ctx, Appeal& a, const StepRequest& req, std::string& detail) {
  if (!req.into_id) return bad("into_id", "the appeal to merge into is required");
  if (*req.into_id == a.id) return bad("into_id", "an appeal cannot be merged into itself");
  Result<Appeal> kept = get_appeal(ctx.conn, *req.into_id);
  if (!kept.ok()) {
    return kept.status().code() == Code::kNotFound ? bad("into_id", "no such appeal")
                                                   : kept.status();
  }
  if (!is_open(kept->state) || kept->merged_into) {
    return bad("into_id", "the appeal to merge into is closed");
  }
  a.merged_into = kept->id;
  a.closed_at = ctx.now;
  kept->followers += 1 + a.followers;
  kept->updated_at = ctx.now;
  if (Status s = update_appeal(ctx.conn, *kept); !s.ok()) return s;
  detail =
      accounts::AuditDetail().add("into_id", kept->id).add("into_code", kept->tracking_code).str();
  return append(ctx, *kept, "merged_from", kept->state, {true, true}, "",
                accounts::AuditDetail().add("from_id", a.id).str(), false);
}

Status reply(const StepContext& ctx, Appeal& a, const StepRequest& req, std::string& detail) {
  if (!req.outcome || (*req.outcome != "solved" && *req.outcome != "not_solvable")) {
    return bad("outcome", "solved or not_solvable");
  }
  if (req.note.empty()) {
    return bad("note", *req.outcome == "solved" ? "the reply to the reporter is required"
                                                : "the reason it cannot be solved is required");
  }
  a.reply_outcome = req.outcome;
  a.replied_at = ctx.now;
  detail = accounts::AuditDetail().add("outcome", *req.outcome).str();
  return Status::Ok();
}

Status callback(Appeal& a, const StepRequest& req, std::string& detail) {
  std::vector<FieldError> errors;
  if (!req.contacted) errors.push_back({"contacted", "true or false is required"});
  if (!req.solved) errors.push_back({"solved", "true or false is required"});
  if (!req.satisfaction) {
    errors.push_back({"satisfaction", "satisfied, basically_satisfied or dissatisfied"});
  }
  if (!errors.empty()) return Status::Unprocessable("invalid callback", std::move(errors));
  a.callback_contacted = req.contacted;
  a.callback_solved = req.solved;
  a.satisfaction = req.satisfaction;
  detail = accounts::AuditDetail()
               .add("contacted", *req.contacted)
               .add("solved", *req.solved)
               .add("satisfaction", satisfaction_name(*req.satisfaction))
               .str();
  return Status::Ok();
}

// Step-specific changes before the state moves; `detail` describes them.
Status prepare(const StepContext& ctx, Appeal& a, const StepRequest& req, std::string& detail) {
  switch (req.step) {
    case Step::kAccept:
      a.accepted_at = ctx.now;
      return Status::Ok();
    case Step::kDispatch: {
      Status s = dispatch(ctx, a, req);
      if (!s.ok()) return s;
      accounts::AuditDetail d;
      if (a.assigned_org_id) d.add("org_id", *a.assigned_org_id);
      if (a.assigned_area_id) d.add("area_id", *a.assigned_area_id);
      detail = d.str();
      return Status::Ok();
    }
    case Step::kReturn:
      if (req.note.empty()) return bad("note", "the reason for returning it is required");
      return Status::Ok();
    case Step::kStart:
    case Step::kClose:
      if (req.step == Step::kClose) a.closed_at = ctx.now;
      return Status::Ok();
    case Step::kReply:
      return reply(ctx, a, req, detail);
    case Step::kCallback:
      return callback(a, req, detail);
    case Step::kReopen:
      return Status::Ok();
    case Step::kMerge:
      return merge(ctx, a, req, detail);
  }
  return Status::Ok();
}

// The clock after entering a.state (deadlines.h): the resolution clock
// starts at acceptance and restarts at a reopen.
Status restart_clock(const StepContext& ctx, Appeal& a, Step step) {
  if (step == Step::kReopen) {
    Result<Category> cat = get_category_by_id(ctx.conn, a.category_id);
    if (!cat.ok()) return cat.status();
    a.resolution_due = ctx.calendar.add_working_days(ctx.now, cat->resolution_days);
    a.reopen_count += 1;
    set_clock(a, make_clock(ctx.now, a.resolution_due));
    return Status::Ok();
  }
  if (step == Step::kAccept) {
    set_clock(a, make_clock(a.submitted_at, a.resolution_due));
  } else if (!clock_for(a.state, a.submitted_at, {a.response_due, a.resolution_due}, 0)) {
    if (a.due_at) set_clock(a, std::nullopt);
  }  // otherwise the running clock goes on
  return Status::Ok();
}

Status finish(const StepContext& ctx, Appeal& a, Step step, State from, Publicity shown,
              std::string note, std::string detail, bool by_system) {
  const Transition* t = find_transition(from, step);
  if (!t) return Status::Internal("no transition for a checked step");
  a.state = t->to;
  a.updated_at = ctx.now;
  if (Status s = restart_clock(ctx, a, step); !s.ok()) return s;
  if (Status s = update_appeal(ctx.conn, a); !s.ok()) return s;
  if (Status s = append(ctx, a, std::string(step_name(step)), from, shown, std::move(note),
                        std::move(detail), by_system);
      !s.ok()) {
    return s;
  }
  // The month aggregates (rates/rollup.h) catch up in the step's own job:
  // this step and whatever was submitted or changed since the last one.
  return rates::roll_up(ctx.conn);
}

}  // namespace

Status apply_step(const StepContext& ctx, Appeal& a, const StepRequest& req) {
  if (!core::utf8_length(req.note) || *core::utf8_length(req.note) > 2000) {
    return bad("note", "at most 2000 characters of valid UTF-8");
  }
  Result<Publicity> shown = publicity(req.step, req.is_public);
  if (!shown.ok()) return shown.status();
  const State from = a.state;
  std::string detail = "{}";
  if (Status s = prepare(ctx, a, req, detail); !s.ok()) return s;
  return finish(ctx, a, req.step, from, *shown, req.note, std::move(detail), false);
}

Status reopen_by_system(const StepContext& ctx, Appeal& a) {
  // The reason is a key (appeal_json: "reason"); each client words it in
  // its own language.
  return finish(ctx, a, Step::kReopen, a.state, {true, true}, "",
                R"({"reason":"dissatisfied_callback"})", true);
}

Status audit_appeal(store::Connection& c, const Caller& by, std::string action, int64_t appeal_id,
                    std::string detail, int64_t now) {
  return accounts::append_audit(c,
                                {by.user_id, std::move(action), "appeal", std::to_string(appeal_id),
                                 std::move(detail), by.client_address},
                                now);
}

std::string actor_role(const Caller& by) { return by.role.empty() ? "anonymous" : by.role; }

bool public_by_default(Step step) { return step != Step::kReturn && step != Step::kCallback; }

Result<Publicity> publicity(Step step, std::optional<bool> requested) {
  if (step == Step::kReply) {
    if (requested == false) {
      return bad("public", "a reply is the answer to the reporter and is always public");
    }
    return Publicity{true, true};
  }
  const bool note = requested.value_or(false);
  return Publicity{public_by_default(step) || note, note};
}

}  // namespace warmcity::appeals
