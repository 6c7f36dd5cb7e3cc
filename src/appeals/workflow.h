// The appeal workflow (接诉即办) as one explicit state machine: every state,
// every step, and which party may take each step. Nothing else in warmcity
// decides whether a step is legal.
//
//   submitted ──accept──▶ accepted ──dispatch──▶ dispatched ──start──▶ in_progress
//                                       ▲            │  return            │ return │ reply
//                         returned ─dispatch─┘◀───────┴────────────────────┘        ▼
//   closed ◀──close── callback ◀──callback── replied ◀──────────────────────────────┘
//                        │ reopen (重办; also automatic after a 不满意 callback)
//                        └──────────▶ dispatched
//   merge: any open state before replied ──▶ closed (merged into another appeal)
//
// Parties (Party), computed per caller and appeal by parties_of():
//   dispatcher  staff of the hotline centre / community: roles admin and worker
//   assignee    the dispatched-to side: a member (role department or worker) of
//               the assigned organisation; for an appeal dispatched to an area
//               (a grid), a worker whose organisations serve that area or an
//               area containing it (the grid's community, its sub-district;
//               appeal.h assignee_areas). A worker of another grid is not one,
//               and neither is a district worker (bound to no area) nor an
//               admin: they dispatch, the area's own staff do the work.
//   reporter    the signed-in user who submitted the appeal
//   system      the server itself (the automatic reopen)
// Pure functions over a constant table; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warmcity::appeals {

enum class State {
  kSubmitted,   // 已提交
  kAccepted,    // 已受理
  kDispatched,  // 已派单
  kReturned,    // 已回退 (back at the dispatcher)
  kInProgress,  // 办理中
  kReplied,     // 已答复
  kCalledBack,  // 已回访 ("callback")
  kClosed,      // 已办结
};
std::string_view state_name(State s);  // "submitted", "in_progress", …
std::optional<State> parse_state(std::string_view name);
bool is_open(State s);  // not closed

enum class Step { kAccept, kDispatch, kReturn, kStart, kReply, kCallback, kClose, kReopen, kMerge };
std::string_view step_name(Step s);  // "accept", "dispatch", "return", …
std::optional<Step> parse_step(std::string_view name);

enum class Party { kDispatcher, kAssignee, kReporter, kSystem };

struct Transition {
  State from;
  Step step;
  State to;
  std::vector<Party> by;  // any of these may take it
};

// The whole table, in a stable order.
const std::vector<Transition>& transitions();

// The transition for `step` from `from`; nullptr when the step is illegal there.
const Transition* find_transition(State from, Step step);

// The steps a caller holding `parties` may take from `from`, in table order.
std::vector<Step> allowed_steps(State from, const std::vector<Party>& parties);

// What the caller is to this appeal. `role` is the caller's role name
// ("" without a session, or for staff outside the appeal's areas);
// `member_of_assigned_org` whether the caller belongs to the assigned
// organisation; `serves_assigned_area` whether the appeal was dispatched to
// an area and the caller's organisations serve it or an area containing it
// (one of appeal.h's assignee_areas); `is_reporter` whether the caller
// submitted it.
std::vector<Party> parties_of(std::string_view role, bool member_of_assigned_org,
                              bool serves_assigned_area, bool is_reporter);

// Why `step` cannot be taken, or nullopt when it can:
//   kConflict-like ("not from this state") or kPermissionDenied-like ("not yours").
enum class Refusal { kIllegalHere, kNotYourStep };
std::optional<Refusal> check_step(State from, Step step, const std::vector<Party>& parties);

// "accept, dispatch" — for problem details.
std::string steps_text(const std::vector<Step>& steps);

}  // namespace warmcity::appeals
