#include "eldercare/visit_service.h"

#include <algorithm>
#include <climits>
#include <utility>

#include "core/time.h"
#include "eldercare/elder_store.h"
#include "eldercare/service_jobs.h"
#include "eldercare/team_store.h"

namespace warmcity::eldercare {

namespace {

constexpr const char* kVisitRecordRule =
    "only admins, the workers of the elder's grid or community and her team record visits";
constexpr int64_t kVisitClockSkew = 300;  // a visit "now" on a device a little ahead
constexpr int64_t kVisitBackdateLimit = 30 * 86400;

Result<ElderDue> elder_due(store::Connection& c, const Elder& e, const VisitRules& rules) {
  Result<DueElder> facts = due_facts(c, e);
  if (!facts.ok()) return facts.status();
  return ElderDue{
      e.id, due_of(rules, {e.risk_tier, e.created_at, facts->last_seen_at, facts->change_at})};
}

std::string visit_audit_detail(const Visit& v) {
  return accounts::AuditDetail()
      .add("visit_id", v.id)
      .add("how", v.how)
      .add("outcome", v.outcome)
      .str();
}

// What the elder's visits in `views` raised (visit_raise.h), onto each view.
Status attach_raised(store::Connection& c, int64_t elder_id, std::vector<VisitView>& views) {
  if (views.empty()) return Status::Ok();
  int64_t lo = views.front().visit.id, hi = lo;
  for (const VisitView& v : views) {
    lo = std::min(lo, v.visit.id);
    hi = std::max(hi, v.visit.id);
  }
  Result<std::vector<VisitRaise>> raised = visit_raises_of(c, elder_id, lo, hi);
  if (!raised.ok()) return raised.status();
  for (VisitRaise& r : *raised) {
    for (VisitView& v : views) {
      if (v.visit.id == r.visit_id) v.raised.push_back(r);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Elder> visit_recordable(store::Connection& c, int64_t elder_id, const Caller& by) {
  Result<Elder> e = get_elder(c, elder_id);
  if (!e.ok()) return e.status();
  const View v = view_of(*e, by);
  if (v == View::kNone) return Status::PermissionDenied(kNoAccess);
  if (v != View::kFull) return Status::PermissionDenied(kVisitRecordRule);
  return e;
}

Result<std::unique_ptr<VisitService>> VisitService::open(store::Database& db, VisitRules rules,
                                                         std::function<int64_t()> now) {
  if (rules.high_days < 1 || rules.priority_days < 1 || rules.general_days < 1 ||
      rules.change_seconds < 60 || rules.escalation_seconds < 60) {
    return Status::InvalidArgument(
        "visit intervals are at least a day, the change and escalation clocks a minute");
  }
  return std::unique_ptr<VisitService>(new VisitService(db, rules, std::move(now)));
}

int64_t VisitService::now() const { return now_ ? now_() : core::now_unix(); }

VisitView VisitService::view_of_visit(Visit v, View view, int contacts, int64_t at) const {
  VisitView out;
  out.view = view;
  if (v.escalation == "open") {
    std::vector<Step> done;
    for (const StepRecord& s : v.steps) done.push_back(s.step);
    out.next_steps = next_steps(contacts, done);
    out.escalation_overdue = v.escalation_deadline && *v.escalation_deadline <= at;
  }
  if (view != View::kFull) {
    v.findings.clear();
    for (StepRecord& s : v.steps) s.note.clear();
  }
  out.visit = std::move(v);
  return out;
}

void VisitService::record(int64_t elder_id, VisitInput in, Caller by, Done<RecordedVisit> done) {
  auto out = std::make_shared<RecordedVisit>();
  db_.submit(
      [this, elder_id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = visit_recordable(c, elder_id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is closed: it takes no visits");
        const int64_t at = now();
        const int64_t when = in.visited_at.value_or(at);
        if (when > at + kVisitClockSkew) {
          return Status::Unprocessable("the visit is not valid",
                                       {{"visited_at", "a visit is recorded after it happened"}});
        }
        if (when < at - kVisitBackdateLimit) {
          return Status::Unprocessable(
              "the visit is not valid",
              {{"visited_at", "a visit is recorded within 30 days of it"}});
        }
        Visit v;
        v.elder_id = e->id;
        v.grid_id = e->grid_id;
        v.community_id = e->community_id;
        v.team_id = e->team_id;
        v.visited_by = by.user_id;
        v.visited_at = when;
        v.how = in.how;
        v.outcome = in.outcome;
        v.findings = in.findings;
        v.recorded_at = at;
        if (v.outcome == "nobody_answers") {
          v.escalation = "open";
          v.escalation_deadline = when + rules_.escalation_seconds;
        }
        if (Status s = insert_visit(c, v); !s.ok()) return s;
        if (Status s = record_change(c, by, e->id, "visit", visit_audit_detail(v), at); !s.ok())
          return s;
        Result<ElderDue> due = elder_due(c, *e, rules_);
        if (!due.ok()) return due.status();
        const int contacts = static_cast<int>(e->emergency_contacts.size());
        *out = {view_of_visit(std::move(v), View::kFull, contacts, at), *due};
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void VisitService::list(int64_t elder_id, std::optional<int64_t> before_id, int limit, Caller by,
                        Done<ElderVisits> done) {
  auto out = std::make_shared<ElderVisits>();
  db_.submit(
      [this, elder_id, before_id, limit, by, out](store::Connection& c) {
        Result<Elder> e = get_elder(c, elder_id);
        if (!e.ok()) return e.status();
        const View v = view_of(*e, by);
        if (v == View::kNone) return Status::PermissionDenied(kNoAccess);
        Result<std::vector<Visit>> visits = list_visits(c, elder_id, before_id, limit);
        if (!visits.ok()) return visits.status();
        Result<ElderDue> due = elder_due(c, *e, rules_);
        if (!due.ok()) return due.status();
        const int64_t at = now();
        if (Status s = audit_read(c, by, *e, v, at, "visits"); !s.ok()) return s;
        out->view = v;
        out->due = *due;
        const int contacts = static_cast<int>(e->emergency_contacts.size());
        for (Visit& visit : *visits) {
          out->visits.push_back(view_of_visit(std::move(visit), v, contacts, at));
        }
        return attach_raised(c, elder_id, out->visits);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void VisitService::report_change(int64_t elder_id, ChangeInput in, Caller by, Done<ElderDue> done) {
  auto out = std::make_shared<ElderDue>();
  db_.submit(
      [this, elder_id, in = std::move(in), by, out](store::Connection& c) {
        Result<Elder> e = visit_recordable(c, elder_id, by);
        if (!e.ok()) return e.status();
        if (e->closed) return Status::Conflict("the record is closed: it takes no changes");
        const int64_t at = now();
        if (Status s = insert_change(c, {e->id, in.kind, in.note, at, by.user_id}); !s.ok()) {
          return s;
        }
        // The note may say more than the kind (health): the history and the
        // audit log keep the kind only; the note stays in visit_changes.
        const std::string detail = accounts::AuditDetail().add("kind", in.kind).str();
        if (Status s = record_change(c, by, e->id, "change_report", detail, at); !s.ok()) return s;
        Result<ElderDue> due = elder_due(c, *e, rules_);
        if (!due.ok()) return due.status();
        *out = *due;
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void VisitService::add_step(int64_t visit_id, StepInput in, Caller by, Done<VisitView> done) {
  const std::vector<std::string> results = step_results(in.kind);
  if (std::find(results.begin(), results.end(), in.result) == results.end()) {
    std::string allowed;
    for (const std::string& r : results) allowed += (allowed.empty() ? "" : ", ") + r;
    return done(Status::Unprocessable(
        "the step is not valid",
        {{"result", results.empty() ? "the kind is unknown" : "one of " + allowed}}));
  }
  auto out = std::make_shared<VisitView>();
  db_.submit(
      [this, visit_id, in = std::move(in), by, out](store::Connection& c) {
        Result<Visit> v = get_visit(c, visit_id);
        if (!v.ok()) return v.status();
        Result<Elder> e = visit_recordable(c, v->elder_id, by);
        if (!e.ok()) return e.status();
        if (v->escalation == "none") {
          return Status::Conflict("somebody answered this visit: it has no escalation");
        }
        std::vector<Step> steps;
        for (const StepRecord& s : v->steps) steps.push_back(s.step);
        const int contacts = static_cast<int>(e->emergency_contacts.size());
        StepRecord r;
        r.visit_id = v->id;
        r.step = {in.kind, in.result, std::nullopt};
        if (Status s = check_step(contacts, steps, r.step); !s.ok()) return s;
        const int64_t at = now();
        r.note = in.note;
        r.at = at;
        r.by_user_id = by.user_id;
        if (Status s = insert_step(c, r); !s.ok()) return s;
        if (r.step.kind == "resolved") {
          if (Status s = resolve_escalation(c, v->id, at); !s.ok()) return s;
          v->escalation = "resolved";
          v->resolved_at = at;
        }
        v->steps.push_back(std::move(r));
        const std::string detail = accounts::AuditDetail()
                                       .add("visit_id", v->id)
                                       .add("kind", in.kind)
                                       .add("result", in.result)
                                       .str();
        if (Status s = record_change(c, by, e->id, "visit_step", detail, at); !s.ok()) return s;
        std::vector<VisitView> one{view_of_visit(std::move(*v), View::kFull, contacts, at)};
        if (Status s = attach_raised(c, e->id, one); !s.ok()) return s;
        *out = std::move(one.front());
        return Status::Ok();
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

void VisitService::due(DueQuery q, Caller by, Done<DueList> done) {
  auto out = std::make_shared<DueList>();
  db_.submit(
      [this, q, by, out](store::Connection& c) {
        if (by.role == "volunteer" && !q.scope.team_id) {
          return Status::PermissionDenied("a volunteer lists the visits of her own team");
        }
        if (q.scope.team_id) {
          Result<Team> t = get_team(c, *q.scope.team_id);
          if (!t.ok()) return t.status();
          if (by.role == "volunteer" && t->worker_user_id != by.user_id &&
              t->volunteer_user_id != by.user_id) {
            return Status::PermissionDenied("a volunteer lists the visits of her own team");
          }
        }
        const int64_t at = now();
        Result<std::vector<DueElder>> elders =
            due_elders(c, q.scope, rules_, end_of_local_day(at), q.limit + 1);
        if (!elders.ok()) return elders.status();
        Result<std::vector<OpenEscalation>> open =
            open_escalations(c, q.scope, q.today ? INT64_MAX : at + 1, q.limit + 1);
        if (!open.ok()) return open.status();
        out->truncated = elders->size() > static_cast<size_t>(q.limit) ||
                         open->size() > static_cast<size_t>(q.limit);
        auto keep = [&](DueElder& d, const Due& due, std::optional<int64_t> visit_id) {
          const DueWhen when = due_when(due, at);
          if (when == DueWhen::kNotYet) return;
          if (when == DueWhen::kToday ? !q.today : !q.overdue) return;
          const View v = view_of(d.elder, by);
          if (v == View::kNone) return;
          out->items.push_back(
              {std::move(d.elder), v, due, when == DueWhen::kOverdue, d.last_seen_at, visit_id});
        };
        for (OpenEscalation& o : *open) {
          keep(o.who, Due{o.visited_at, o.deadline, "escalation"}, o.visit_id);
        }
        for (DueElder& d : *elders) {
          const Due due =
              due_of(rules_, {d.elder.risk_tier, d.elder.created_at, d.last_seen_at, d.change_at});
          keep(d, due, std::nullopt);
        }
        std::stable_sort(
            out->items.begin(), out->items.end(),
            [](const DueItem& a, const DueItem& b) { return a.due.deadline < b.due.deadline; });
        if (out->items.size() > static_cast<size_t>(q.limit)) {
          out->items.resize(static_cast<size_t>(q.limit));
          out->truncated = true;
        }
        std::vector<int64_t> ids;
        for (const DueItem& i : out->items) ids.push_back(i.elder.id);
        if (ids.empty()) return Status::Ok();
        return accounts::append_audit(
            c,
            entry(by, "personal_data.read", "elder_list", "",
                  accounts::AuditDetail().add_ints("ids", ids).add("purpose", "visits_due").str()),
            at);
      },
      [out, done = std::move(done)](const Status& s) {
        if (!s.ok()) return done(s);
        done(std::move(*out));
      });
}

Result<std::vector<MonthRate>> VisitService::rate(int64_t from, int64_t to,
                                                  std::optional<int64_t> community_id,
                                                  const Caller& by) const {
  if (by.role != "admin" && by.role != "worker") {
    return Status::PermissionDenied("the visit rate is for admins and workers");
  }
  Result<std::vector<RateRow>> rows = visit_rates(db_.reader(), from, to, community_id);
  if (!rows.ok()) return rows.status();
  std::vector<MonthRate> out;
  for (const RateRow& r : *rows) out.push_back({r.community_id, r.elders, r.visited});
  return out;
}

}  // namespace warmcity::eldercare
