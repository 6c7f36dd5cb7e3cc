#include "eldercare/visit.h"

#include <algorithm>

#include "core/time.h"

namespace warmcity::eldercare {

namespace {

constexpr std::string_view kVisitHows[] = {"home", "phone", "video"};
constexpr std::string_view kVisitOutcomes[] = {"seen_well", "concern", "nobody_answers"};
constexpr std::string_view kChangeKinds[] = {"fall", "hospital_stay", "bereavement", "other"};

template <size_t N>
bool visit_code_in(const std::string_view (&codes)[N], std::string_view code) {
  return std::find(std::begin(codes), std::end(codes), code) != std::end(codes);
}

int contacts_called(const std::vector<Step>& done) {
  return static_cast<int>(
      std::count_if(done.begin(), done.end(), [](const Step& s) { return s.kind == "contact"; }));
}

bool has_step(const std::vector<Step>& done, std::string_view kind) {
  return std::any_of(done.begin(), done.end(), [&](const Step& s) { return s.kind == kind; });
}

}  // namespace

bool is_visit_how(std::string_view code) { return visit_code_in(kVisitHows, code); }
bool is_visit_outcome(std::string_view code) { return visit_code_in(kVisitOutcomes, code); }
bool saw_elder(std::string_view outcome) { return outcome == "seen_well" || outcome == "concern"; }
bool is_change_kind(std::string_view code) { return visit_code_in(kChangeKinds, code); }

int64_t interval_days(const VisitRules& rules, std::string_view tier) {
  if (tier == "high") return rules.high_days;
  if (tier == "priority") return rules.priority_days;
  return rules.general_days;
}

int64_t end_of_local_day(int64_t t) {
  const core::LocalDate day = core::local_date_of(t);
  return core::local_midnight_unix(core::civil_from_days(core::days_from_civil(day) + 1));
}

Due due_of(const VisitRules& rules, const DueFacts& f) {
  const int64_t base = f.last_seen_at.value_or(f.opened_at);
  const core::LocalDate day = core::civil_from_days(
      core::days_from_civil(core::local_date_of(base)) + interval_days(rules, f.tier));
  Due d;
  d.from = core::local_midnight_unix(day);
  d.deadline = end_of_local_day(d.from);
  d.reason = f.last_seen_at ? "interval" : "first_visit";
  if (f.change_at && (!f.last_seen_at || *f.change_at > *f.last_seen_at)) {
    const int64_t deadline = *f.change_at + rules.change_seconds;
    d.from = std::min(d.from, *f.change_at);
    if (deadline <= d.deadline) {
      d.deadline = deadline;
      d.reason = "change";
    }
  }
  return d;
}

DueWhen due_when(const Due& d, int64_t now) {
  if (d.deadline <= now) return DueWhen::kOverdue;
  if (d.from < end_of_local_day(now)) return DueWhen::kToday;
  return DueWhen::kNotYet;
}

bool is_step_kind(std::string_view code) {
  return code == "contact" || code == "duty_phone" || code == "resolved";
}

std::vector<std::string> step_results(std::string_view kind) {
  if (kind == "contact" || kind == "duty_phone") return {"reached", "not_reached"};
  if (kind == "resolved") return {"found_well", "found_needing_help", "other"};
  return {};
}

std::vector<std::string> next_steps(int contacts, const std::vector<Step>& done) {
  if (has_step(done, "resolved")) return {};
  std::vector<std::string> out;
  const bool duty_called = has_step(done, "duty_phone");
  if (!duty_called && contacts_called(done) < contacts) out.push_back("contact");
  if (!duty_called && contacts_called(done) >= contacts) out.push_back("duty_phone");
  const bool reached = std::any_of(done.begin(), done.end(), [](const Step& s) {
    return s.kind == "contact" && s.result == "reached";
  });
  if (reached || duty_called) out.push_back("resolved");
  return out;
}

Status check_step(int contacts, const std::vector<Step>& done, Step& step) {
  const std::vector<std::string> next = next_steps(contacts, done);
  if (std::find(next.begin(), next.end(), step.kind) == next.end()) {
    if (next.empty()) return Status::Conflict("the escalation is resolved: no step follows");
    std::string allowed;
    for (const std::string& k : next) allowed += (allowed.empty() ? "" : ", ") + k;
    return Status::Conflict("a " + step.kind + " step does not come now: next is " + allowed);
  }
  step.contact_index.reset();
  if (step.kind == "contact") step.contact_index = contacts_called(done);
  return Status::Ok();
}

}  // namespace warmcity::eldercare
