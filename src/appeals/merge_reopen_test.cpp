// The steps a dispatcher takes that the usual path never reaches, through
// AppealService::take_step on a real database: a staff reopen after a
// satisfied callback, a merge from each open state that allows one
// (accepted, dispatched, returned, in progress), and every merge refusal of
// steps.cpp (no target, into itself, unknown target, closed target), each
// of which must leave both appeals as they were.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "appeals/steps.h"
#include "appeals/test_world.h"

namespace warmcity::appeals {
namespace {

class MergeReopen : public testing::AppealsWorld {
 protected:
  void SetUp() override {
    AppealsWorld::SetUp();
    ASSERT_TRUE(create("roads", 7).ok());
  }
  Result<Appeal> step(int64_t id, StepRequest req, const Caller& by) {
    return testing::wait_for<Appeal>(
        [&](auto d) { service_->take_step(id, std::move(req), by, d); });
  }
  int64_t count(const std::string& query) {
    return store::testing_util::query_int(db_->reader(), query);
  }
  int64_t events_of(int64_t id) {
    return count("SELECT count(*) FROM appeal_events WHERE appeal_id = " + std::to_string(id));
  }
  // A new appeal taken by the usual steps to `state` (submitted, accepted,
  // dispatched, returned, in_progress, replied, called_back).
  int64_t appeal_in(State state, const std::string& description) {
    Result<Appeal> a = submit("roads", description);
    EXPECT_TRUE(a.ok()) << a.status().message();
    if (!a.ok()) return 0;
    const int64_t id = a->id;
    auto must = [&](StepRequest req, const Caller& by) {
      Result<Appeal> r = step(id, std::move(req), by);
      EXPECT_TRUE(r.ok()) << step_name(req.step) << ": " << r.status().message();
    };
    if (state == State::kSubmitted) return id;
    must({.step = Step::kAccept}, worker_);
    if (state == State::kAccepted) return id;
    must({.step = Step::kDispatch}, worker_);  // to 区住建局, the category's department
    if (state == State::kDispatched) return id;
    if (state == State::kReturned) {
      must({.step = Step::kReturn, .note = "不归我们管"}, dept_);
      return id;
    }
    must({.step = Step::kStart}, dept_);
    if (state == State::kInProgress) return id;
    must({.step = Step::kReply, .note = "已修好", .outcome = "solved"}, dept_);
    if (state == State::kReplied) return id;
    must({.step = Step::kCallback,
          .contacted = true,
          .solved = true,
          .satisfaction = Satisfaction::kSatisfied},
         admin_);
    return id;
  }
};

TEST_F(MergeReopen, StaffReopenAfterASatisfiedCallback) {
  const int64_t id = appeal_in(State::kCalledBack, "路灯不亮");
  ASSERT_NE(id, 0);
  Result<Appeal> before = service_->get(id);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->state, State::kCalledBack);  // satisfied: the system did not reopen it
  ASSERT_EQ(before->reopen_count, 0);
  // The department may not reopen it; nothing is written.
  const int64_t events = events_of(id);
  Result<Appeal> refused = step(id, {.step = Step::kReopen}, dept_);
  EXPECT_EQ(refused.status().code(), Code::kPermissionDenied) << refused.status().message();
  EXPECT_EQ(events_of(id), events);

  Result<Appeal> reopened = step(id, {.step = Step::kReopen, .note = "居民来电说又坏了"}, worker_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(reopened->state, State::kDispatched);
  EXPECT_EQ(reopened->reopen_count, 1);
  EXPECT_EQ(reopened->assigned_org_id, 7);  // back to the department that had it
  ASSERT_TRUE(reopened->clock_start.has_value());
  EXPECT_GE(*reopened->clock_start, before->updated_at);  // the resolution clock restarted
  EXPECT_GT(reopened->resolution_due, *reopened->clock_start);
  EXPECT_EQ(reopened->due_at, reopened->resolution_due);
  EXPECT_EQ(service_->get(id)->state, State::kDispatched);  // stored, not only answered

  std::vector<Event> log = *service_->events(id, false);
  ASSERT_FALSE(log.empty());
  const Event& last = log.back();
  EXPECT_EQ(last.action, "reopen");
  EXPECT_EQ(last.actor_role, "worker");  // a person, not the system
  EXPECT_EQ(last.actor_user_id, worker_.user_id);
  EXPECT_EQ(last.from_state, State::kCalledBack);
  EXPECT_EQ(last.to_state, State::kDispatched);
  EXPECT_EQ(last.note, "居民来电说又坏了");
  EXPECT_FALSE(last.note_public);  // internal unless ticked
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'appeal.reopen' AND "
                  "subject_id = '" +
                  std::to_string(id) + "'"),
            1);
  // The department works it again.
  EXPECT_EQ(step(id, {.step = Step::kStart}, dept_)->state, State::kInProgress);
}

TEST_F(MergeReopen, MergeFromEveryOpenStateThatAllowsIt) {
  const int64_t kept = appeal_in(State::kSubmitted, "井盖丢了");
  ASSERT_NE(kept, 0);
  const std::vector<State> states = {State::kAccepted, State::kDispatched, State::kReturned,
                                     State::kInProgress};
  int64_t followers = service_->get(kept)->followers;
  for (State s : states) {
    const std::string name(state_name(s));
    const int64_t dup = appeal_in(s, "井盖丢了（重复）" + name);
    ASSERT_NE(dup, 0) << name;
    ASSERT_EQ(service_->get(dup)->state, s) << name;
    const int64_t kept_events = events_of(kept);
    Result<Appeal> merged = step(dup, {.step = Step::kMerge, .into_id = kept}, worker_);
    ASSERT_TRUE(merged.ok()) << name << ": " << merged.status().message();
    EXPECT_EQ(merged->state, State::kClosed) << name;
    EXPECT_EQ(merged->merged_into, kept) << name;
    EXPECT_TRUE(merged->closed_at.has_value()) << name;
    EXPECT_FALSE(merged->due_at.has_value()) << name;  // a closed appeal runs no clock
    followers += 1;  // the merged appeal's reporter, and it had no followers of its own
    EXPECT_EQ(service_->get(kept)->followers, followers) << name;
    EXPECT_EQ(service_->get(kept)->state, State::kSubmitted) << name;  // kept as it was
    // One event on each: "merge" on the merged one, "merged_from" on the kept one.
    std::vector<Event> mine = *service_->events(dup, false);
    ASSERT_FALSE(mine.empty()) << name;
    EXPECT_EQ(mine.back().action, "merge") << name;
    EXPECT_EQ(mine.back().from_state, s) << name;
    EXPECT_EQ(mine.back().to_state, State::kClosed) << name;
    EXPECT_NE(mine.back().detail_json.find("\"into_id\":" + std::to_string(kept)),
              std::string::npos)
        << mine.back().detail_json;
    EXPECT_EQ(events_of(kept), kept_events + 1) << name;
    std::vector<Event> theirs = *service_->events(kept, false);
    EXPECT_EQ(theirs.back().action, "merged_from") << name;
    EXPECT_NE(theirs.back().detail_json.find("\"from_id\":" + std::to_string(dup)),
              std::string::npos)
        << theirs.back().detail_json;
    // Merged once is closed: no second merge.
    EXPECT_EQ(step(dup, {.step = Step::kMerge, .into_id = kept}, worker_).status().code(),
              Code::kConflict)
        << name;
  }
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'appeal.merge'"),
            static_cast<int64_t>(states.size()));
}

TEST_F(MergeReopen, MergeRefusalsWriteNothing) {
  const int64_t dup = appeal_in(State::kDispatched, "垃圾没人收");
  const int64_t merged_away = appeal_in(State::kAccepted, "垃圾没人收（二）");
  const int64_t closed = appeal_in(State::kCalledBack, "垃圾没人收（三）");
  ASSERT_TRUE(dup && merged_away && closed);
  ASSERT_EQ(step(closed, {.step = Step::kClose}, worker_)->state, State::kClosed);
  // merged_away is merged into dup: closed by a merge, so no target either.
  ASSERT_TRUE(step(merged_away, {.step = Step::kMerge, .into_id = dup}, worker_).ok());

  struct Case {
    std::string what;
    std::optional<int64_t> into;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"no target", std::nullopt, "the appeal to merge into is required"},
      {"into itself", dup, "an appeal cannot be merged into itself"},
      {"unknown target", 999999, "no such appeal"},
      {"closed target", closed, "the appeal to merge into is closed"},
      {"merged target", merged_away, "the appeal to merge into is closed"},
  };
  ASSERT_FALSE(cases.empty());
  const Appeal before = *service_->get(dup);
  const int64_t dup_events = events_of(dup);
  const int64_t closed_followers = service_->get(closed)->followers;
  const int64_t merges = count("SELECT count(*) FROM audit_log WHERE action = 'appeal.merge'");
  for (const Case& c : cases) {
    Result<Appeal> r = step(dup, {.step = Step::kMerge, .into_id = c.into}, worker_);
    ASSERT_EQ(r.status().code(), Code::kUnprocessable) << c.what << ": " << r.status().message();
    ASSERT_EQ(r.status().field_errors().size(), 1u) << c.what;
    EXPECT_EQ(r.status().field_errors()[0].field, "into_id") << c.what;
    EXPECT_EQ(r.status().field_errors()[0].message, c.message) << c.what;
    const Appeal after = *service_->get(dup);
    EXPECT_EQ(after.state, before.state) << c.what;
    EXPECT_FALSE(after.merged_into.has_value()) << c.what;
    EXPECT_FALSE(after.closed_at.has_value()) << c.what;
    EXPECT_EQ(events_of(dup), dup_events) << c.what;
  }
  EXPECT_EQ(service_->get(closed)->followers, closed_followers);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'appeal.merge'"), merges);
  // A closed appeal cannot be merged away itself, and the department may not merge.
  EXPECT_EQ(step(closed, {.step = Step::kMerge, .into_id = dup}, worker_).status().code(),
            Code::kConflict);
  EXPECT_EQ(step(dup, {.step = Step::kMerge, .into_id = closed}, dept_).status().code(),
            Code::kPermissionDenied);
}

}  // namespace
}  // namespace warmcity::appeals
