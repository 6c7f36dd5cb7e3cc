// The state machine table: each state's steps per party, the targets, the
// refusals, who a caller is, and which areas' workers an area's appeal goes to.
#include "appeals/workflow.h"

#include <gtest/gtest.h>

#include <map>

#include "appeals/appeal.h"

namespace warmcity::appeals {
namespace {

using enum State;
using enum Step;

const std::vector<Party> kDispatcher = {Party::kDispatcher};
const std::vector<Party> kAssignee = {Party::kAssignee};
const std::vector<Party> kReporter = {Party::kReporter};

TEST(Workflow, StepsPerStateAndParty) {
  struct Row {
    State state;
    std::vector<Step> dispatcher, assignee, reporter;
  };
  const std::vector<Row> table = {
      {kSubmitted, {kAccept, kMerge}, {}, {}},        {kAccepted, {kDispatch, kMerge}, {}, {}},
      {kDispatched, {kMerge}, {kStart, kReturn}, {}}, {kReturned, {kDispatch, kMerge}, {}, {}},
      {kInProgress, {kMerge}, {kReturn, kReply}, {}}, {kReplied, {kCallback}, {}, {kCallback}},
      {kCalledBack, {kClose, kReopen}, {}, {}},       {kClosed, {}, {}, {}},
  };
  for (const Row& r : table) {
    SCOPED_TRACE(std::string(state_name(r.state)));
    EXPECT_EQ(allowed_steps(r.state, kDispatcher), r.dispatcher);
    EXPECT_EQ(allowed_steps(r.state, kAssignee), r.assignee);
    EXPECT_EQ(allowed_steps(r.state, kReporter), r.reporter);
    EXPECT_TRUE(allowed_steps(r.state, {}).empty());
  }
}

TEST(Workflow, Targets) {
  const std::map<std::pair<State, Step>, State> expected = {
      {{kSubmitted, kAccept}, kAccepted},    {{kAccepted, kDispatch}, kDispatched},
      {{kReturned, kDispatch}, kDispatched}, {{kDispatched, kStart}, kInProgress},
      {{kDispatched, kReturn}, kReturned},   {{kInProgress, kReturn}, kReturned},
      {{kInProgress, kReply}, kReplied},     {{kReplied, kCallback}, kCalledBack},
      {{kCalledBack, kClose}, kClosed},      {{kCalledBack, kReopen}, kDispatched},
      {{kSubmitted, kMerge}, kClosed},       {{kInProgress, kMerge}, kClosed},
  };
  for (const auto& [key, to] : expected) {
    const Transition* t = find_transition(key.first, key.second);
    ASSERT_NE(t, nullptr) << state_name(key.first) << " " << step_name(key.second);
    EXPECT_EQ(t->to, to);
  }
  EXPECT_EQ(find_transition(kClosed, kReopen), nullptr);
  EXPECT_EQ(find_transition(kReplied, kMerge), nullptr);
  EXPECT_EQ(find_transition(kSubmitted, kDispatch), nullptr);
}

TEST(Workflow, RefusalsTellIllegalFromNotYours) {
  EXPECT_EQ(check_step(kSubmitted, kReply, kAssignee), Refusal::kIllegalHere);
  EXPECT_EQ(check_step(kInProgress, kReply, kDispatcher), Refusal::kNotYourStep);
  EXPECT_EQ(check_step(kInProgress, kReply, kAssignee), std::nullopt);
  EXPECT_EQ(check_step(kCalledBack, kReopen, {Party::kSystem}), std::nullopt);
  EXPECT_EQ(steps_text(allowed_steps(kSubmitted, kDispatcher)), "accept, merge");
  EXPECT_EQ(steps_text({}), "none");
}

TEST(Workflow, PartiesOfACaller) {
  using V = std::vector<Party>;
  EXPECT_EQ(parties_of("admin", false, false, false), V{Party::kDispatcher});
  EXPECT_EQ(parties_of("worker", true, false, false), (V{Party::kDispatcher, Party::kAssignee}));
  EXPECT_EQ(parties_of("worker", false, true, false), (V{Party::kDispatcher, Party::kAssignee}));
  EXPECT_EQ(parties_of("department", true, false, false), V{Party::kAssignee});
  EXPECT_EQ(parties_of("department", false, false, false), V{});
  EXPECT_EQ(parties_of("department", false, true, false), V{});  // areas are workers' work
  EXPECT_EQ(parties_of("admin", false, true, false), V{Party::kDispatcher});
  EXPECT_EQ(parties_of("resident", false, false, true), V{Party::kReporter});
  EXPECT_EQ(parties_of("keeper", true, false, false), V{});
  EXPECT_EQ(parties_of("", false, false, false), V{});
}

// An area-dispatched appeal's assignees serve that area or one containing
// it, as the appeal's location tells (sub-district 1 ⊃ community 2 ⊃ grid 3).
TEST(Workflow, AssigneeAreasAreTheTargetAndWhatContainsIt) {
  using V = std::vector<int64_t>;
  Appeal a;
  a.subdistrict_id = 1;
  a.community_id = 2;
  a.grid_id = 3;
  EXPECT_EQ(assignee_areas(a), V{});  // not dispatched
  a.assigned_area_id = 3;
  EXPECT_EQ(assignee_areas(a), (V{3, 2, 1}));
  a.assigned_area_id = 2;
  EXPECT_EQ(assignee_areas(a), (V{2, 1}));
  a.assigned_area_id = 1;
  EXPECT_EQ(assignee_areas(a), V{1});
  a.assigned_area_id = 9;  // an area it does not lie in: its parents are not known here
  EXPECT_EQ(assignee_areas(a), V{9});
  a.assigned_org_id = 7;  // an organisation's appeal has no area assignees
  EXPECT_EQ(assignee_areas(a), V{});
  Appeal no_grid;  // located in a community without grids
  no_grid.subdistrict_id = 1;
  no_grid.community_id = 2;
  no_grid.assigned_area_id = 2;
  EXPECT_EQ(assignee_areas(no_grid), (V{2, 1}));
  Appeal unlocated;  // an address only
  unlocated.assigned_area_id = 3;
  EXPECT_EQ(assignee_areas(unlocated), V{3});
}

TEST(Workflow, NamesRoundTrip) {
  for (const Transition& t : transitions()) {
    EXPECT_EQ(parse_state(state_name(t.from)), t.from);
    EXPECT_EQ(parse_step(step_name(t.step)), t.step);
  }
  EXPECT_EQ(parse_state("nope"), std::nullopt);
  EXPECT_EQ(parse_step("Accept"), std::nullopt);
}

}  // namespace
}  // namespace warmcity::appeals
