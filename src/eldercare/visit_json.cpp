#include "eldercare/visit_json.h"

#include <cmath>
#include <string>

#include "core/phone.h"
#include "core/time.h"

namespace warmcity::eldercare {

namespace {

using nlohmann::ordered_json;

ordered_json opt_id(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}
ordered_json opt_visit_time(const std::optional<int64_t>& v) {
  return v ? ordered_json(core::format_rfc3339(*v)) : ordered_json(nullptr);
}

const char* due_state_name(DueWhen w) {
  switch (w) {
    case DueWhen::kToday:
      return "today";
    case DueWhen::kOverdue:
      return "overdue";
    case DueWhen::kNotYet:
      break;
  }
  return "not_yet";
}

}  // namespace

ordered_json raise_json(const VisitRaise& r) {
  return {{"kind", r.kind},
          {"id", r.target_id},
          {"href", std::string(r.kind == "errand" ? "/api/v1/errands/" : "/api/v1/appeals/") +
                       std::to_string(r.target_id)},
          {"visit_id", r.visit_id},
          {"raised_by", r.raised_by},
          {"raised_at", core::format_rfc3339(r.raised_at)}};
}

ordered_json raised_json(const std::vector<VisitRaise>& raised) {
  ordered_json out = ordered_json::array();
  for (const VisitRaise& r : raised) out.push_back(raise_json(r));
  return out;
}

ordered_json visit_json(const VisitView& view) {
  const Visit& v = view.visit;
  const bool full = view.view == View::kFull;
  ordered_json out = {{"id", v.id},
                      {"elder_id", v.elder_id},
                      {"team_id", opt_id(v.team_id)},
                      {"grid_id", v.grid_id},
                      {"community_id", opt_id(v.community_id)},
                      {"visited_by", v.visited_by},
                      {"visited_at", core::format_rfc3339(v.visited_at)},
                      {"how", v.how},
                      {"outcome", v.outcome},
                      {"findings", full ? ordered_json(v.findings) : ordered_json(nullptr)},
                      {"recorded_at", core::format_rfc3339(v.recorded_at)},
                      {"raised", raised_json(view.raised)}};
  if (v.escalation == "none") {
    out["escalation"] = nullptr;
    return out;
  }
  ordered_json steps = ordered_json::array();
  for (const StepRecord& s : v.steps) {
    steps.push_back({{"kind", s.step.kind},
                     {"contact_index", s.step.contact_index ? ordered_json(*s.step.contact_index)
                                                            : ordered_json(nullptr)},
                     {"result", s.step.result},
                     {"note", full ? ordered_json(s.note) : ordered_json(nullptr)},
                     {"at", core::format_rfc3339(s.at)},
                     {"by", s.by_user_id}});
  }
  out["escalation"] = {{"state", v.escalation},
                       {"deadline", opt_visit_time(v.escalation_deadline)},
                       {"overdue", view.escalation_overdue},
                       {"resolved_at", opt_visit_time(v.resolved_at)},
                       {"steps", std::move(steps)},
                       {"next_steps", view.next_steps}};
  return out;
}

ordered_json due_json(const Due& d, int64_t now) {
  return {{"due_from", core::format_rfc3339(d.from)},
          {"deadline", core::format_rfc3339(d.deadline)},
          {"reason", d.reason},
          {"state", due_state_name(due_when(d, now))}};
}

ordered_json due_item_json(const DueItem& i, int64_t now) {
  const Elder& e = i.elder;
  const bool full = i.view == View::kFull;
  return {{"elder",
           {{"id", e.id},
            {"view", full ? "full" : "masked"},
            {"name", full ? e.name : core::mask_name(e.name)},
            {"risk_tier", e.risk_tier},
            {"grid_id", e.grid_id},
            {"community_id", opt_id(e.community_id)},
            {"team_id", opt_id(e.team_id)}}},
          {"due", due_json(i.due, now)},
          {"overdue", i.overdue},
          {"last_seen_at", opt_visit_time(i.last_seen_at)},
          {"visit_id", opt_id(i.visit_id)}};
}

ordered_json rate_json(const MonthRate& r) {
  const double rate =
      r.elders == 0 ? 0.0
                    : std::round(static_cast<double>(r.visited) * 10000.0 / r.elders) / 10000.0;
  return {{"community_id", opt_id(r.community_id)},
          {"elders", r.elders},
          {"visited", r.visited},
          {"rate", rate}};
}

}  // namespace warmcity::eldercare
