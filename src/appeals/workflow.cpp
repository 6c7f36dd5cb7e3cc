#include "appeals/workflow.h"

#include <algorithm>

#include "appeals/name_table.h"

namespace warmcity::appeals {

namespace {

constexpr NameTable<State, 8> kStates = {{
    {State::kSubmitted, "submitted"},
    {State::kAccepted, "accepted"},
    {State::kDispatched, "dispatched"},
    {State::kReturned, "returned"},
    {State::kInProgress, "in_progress"},
    {State::kReplied, "replied"},
    {State::kCalledBack, "callback"},
    {State::kClosed, "closed"},
}};

constexpr NameTable<Step, 9> kSteps = {{
    {Step::kAccept, "accept"},
    {Step::kDispatch, "dispatch"},
    {Step::kReturn, "return"},
    {Step::kStart, "start"},
    {Step::kReply, "reply"},
    {Step::kCallback, "callback"},
    {Step::kClose, "close"},
    {Step::kReopen, "reopen"},
    {Step::kMerge, "merge"},
}};

bool holds(const std::vector<Party>& parties, const std::vector<Party>& any_of) {
  return std::any_of(any_of.begin(), any_of.end(), [&](Party p) {
    return std::find(parties.begin(), parties.end(), p) != parties.end();
  });
}

}  // namespace

std::string_view state_name(State s) { return name_in(kStates, s); }
std::optional<State> parse_state(std::string_view name) { return parse_in(kStates, name); }
bool is_open(State s) { return s != State::kClosed; }
std::string_view step_name(Step s) { return name_in(kSteps, s); }
std::optional<Step> parse_step(std::string_view name) { return parse_in(kSteps, name); }

const std::vector<Transition>& transitions() {
  using enum State;
  using enum Party;
  static const std::vector<Transition> kTable = {
      {kSubmitted, Step::kAccept, kAccepted, {kDispatcher}},
      {kAccepted, Step::kDispatch, kDispatched, {kDispatcher}},
      {kReturned, Step::kDispatch, kDispatched, {kDispatcher}},
      {kDispatched, Step::kStart, kInProgress, {kAssignee}},
      {kDispatched, Step::kReturn, kReturned, {kAssignee}},
      {kInProgress, Step::kReturn, kReturned, {kAssignee}},
      {kInProgress, Step::kReply, kReplied, {kAssignee}},
      {kReplied, Step::kCallback, kCalledBack, {kReporter, kDispatcher}},
      {kCalledBack, Step::kClose, kClosed, {kDispatcher}},
      {kCalledBack, Step::kReopen, kDispatched, {kDispatcher, kSystem}},
      {kSubmitted, Step::kMerge, kClosed, {kDispatcher}},
      {kAccepted, Step::kMerge, kClosed, {kDispatcher}},
      {kDispatched, Step::kMerge, kClosed, {kDispatcher}},
      {kReturned, Step::kMerge, kClosed, {kDispatcher}},
      {kInProgress, Step::kMerge, kClosed, {kDispatcher}},
  };
  return kTable;
}

const Transition* find_transition(State from, Step step) {
  for (const Transition& t : transitions()) {
    if (t.from == from && t.step == step) return &t;
  }
  return nullptr;
}

std::vector<Step> allowed_steps(State from, const std::vector<Party>& parties) {
  std::vector<Step> out;
  for (const Transition& t : transitions()) {
    if (t.from == from && holds(parties, t.by)) out.push_back(t.step);
  }
  return out;
}

std::vector<Party> parties_of(std::string_view role, bool member_of_assigned_org,
                              bool serves_assigned_area, bool is_reporter) {
  std::vector<Party> out;
  if (role == "admin" || role == "worker") out.push_back(Party::kDispatcher);
  const bool org_member = member_of_assigned_org && (role == "department" || role == "worker");
  if (org_member || (serves_assigned_area && role == "worker")) out.push_back(Party::kAssignee);
  if (is_reporter) out.push_back(Party::kReporter);
  return out;
}

std::optional<Refusal> check_step(State from, Step step, const std::vector<Party>& parties) {
  const Transition* t = find_transition(from, step);
  if (!t) return Refusal::kIllegalHere;
  if (!holds(parties, t->by)) return Refusal::kNotYourStep;
  return std::nullopt;
}

std::string steps_text(const std::vector<Step>& steps) {
  if (steps.empty()) return "none";
  std::string out;
  for (Step s : steps) {
    if (!out.empty()) out += ", ";
    out += step_name(s);
  }
  return out;
}

}  // namespace warmcity::appeals
