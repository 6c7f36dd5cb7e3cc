// Who sees a step's note: internal unless ticked 公开, a reply's always
// public; and the public readers (tracking page, reporter, Open311) get the
// event without an unpublished note. A dispatch to nobody is refused.
#include "appeals/steps.h"

#include <gtest/gtest.h>

#include "appeals/test_world.h"

namespace warmcity::appeals {
namespace {

TEST(Publicity, NotesAreInternalUnlessTicked) {
  for (Step s : {Step::kAccept, Step::kDispatch, Step::kStart, Step::kClose, Step::kReopen}) {
    Publicity quiet = *publicity(s, std::nullopt);
    EXPECT_TRUE(quiet.event) << step_name(s);  // the state change shows …
    EXPECT_FALSE(quiet.note) << step_name(s);  // … its note does not
    EXPECT_FALSE(publicity(s, false)->note);
    Publicity ticked = *publicity(s, true);
    EXPECT_TRUE(ticked.event && ticked.note) << step_name(s);
  }
}

TEST(Publicity, InternalStepsStayInternalUnlessTheirNoteIsPublished) {
  for (Step s : {Step::kReturn, Step::kCallback}) {
    Publicity quiet = *publicity(s, std::nullopt);
    EXPECT_FALSE(quiet.event || quiet.note) << step_name(s);
    Publicity ticked = *publicity(s, true);
    EXPECT_TRUE(ticked.event && ticked.note) << step_name(s);
  }
}

TEST(Publicity, AReplyIsAlwaysPublic) {
  Publicity reply = *publicity(Step::kReply, std::nullopt);
  EXPECT_TRUE(reply.event && reply.note);
  EXPECT_TRUE(publicity(Step::kReply, true)->note);
  Result<Publicity> hidden = publicity(Step::kReply, false);
  ASSERT_EQ(hidden.status().code(), Code::kUnprocessable);
  EXPECT_EQ(hidden.status().field_errors()[0].field, "public");
}

using StepNotes = testing::AppealsWorld;

TEST_F(StepNotes, PublicReadersGetOnlyPublishedNotes) {
  ASSERT_TRUE(create("roads", 7).ok());
  Result<Appeal> a = submit("roads", "路灯不亮");
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto step = [&](StepRequest req, const Caller& by) {
    return testing::wait_for<Appeal>(
        [&](auto d) { service_->take_step(a->id, std::move(req), by, d); });
  };
  ASSERT_TRUE(step({.step = Step::kAccept, .note = "内部：先核实"}, worker_).ok());
  ASSERT_TRUE(
      step({.step = Step::kDispatch, .note = "已转区住建局", .is_public = true}, worker_).ok());
  ASSERT_TRUE(step({.step = Step::kStart, .note = "明早去看"}, dept_).ok());
  Result<Appeal> hidden_reply = step(
      {.step = Step::kReply, .note = "已修好", .is_public = false, .outcome = "solved"}, dept_);
  EXPECT_EQ(hidden_reply.status().code(), Code::kUnprocessable);
  ASSERT_TRUE(step({.step = Step::kReply, .note = "已修好", .outcome = "solved"}, dept_).ok());

  std::vector<Event> staff = *service_->events(a->id, false);
  std::vector<Event> outside = *service_->events(a->id, true);
  ASSERT_EQ(staff.size(), 5u);  // submit, accept, dispatch, start, reply
  ASSERT_EQ(outside.size(), 5u);
  const std::vector<std::string> staff_notes = {"", "内部：先核实", "已转区住建局", "明早去看",
                                                "已修好"};
  const std::vector<std::string> public_notes = {"", "", "已转区住建局", "", "已修好"};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(staff[i].note, staff_notes[i]) << i;
    EXPECT_EQ(outside[i].note, public_notes[i]) << i;
  }
  EXPECT_FALSE(staff[1].note_public);
  EXPECT_TRUE(staff[2].note_public);
}

TEST_F(StepNotes, DispatchToAnOrganisationWithNobodyIsRefusedNamingIt) {
  ASSERT_TRUE(create("roads", 7).ok());
  Result<Appeal> a = submit("roads", "井盖丢了");
  ASSERT_TRUE(a.ok()) << a.status().message();
  auto step = [&](StepRequest req) {
    return testing::wait_for<Appeal>(
        [&](auto d) { service_->take_step(a->id, std::move(req), worker_, d); });
  };
  ASSERT_TRUE(step({.step = Step::kAccept}).ok());
  Result<Appeal> nobody = step({.step = Step::kDispatch, .org_id = 8});  // 区城管局: nobody
  ASSERT_EQ(nobody.status().code(), Code::kUnprocessable);
  EXPECT_EQ(nobody.status().field_errors()[0].field, "org_id");
  EXPECT_NE(nobody.status().field_errors()[0].message.find("「区城管局」"), std::string::npos);
  // The category's default loses its only user: the default dispatch is refused too.
  ASSERT_TRUE(sql("UPDATE users SET disabled = 1 WHERE id = 70").ok());
  Result<Appeal> stranded = step({.step = Step::kDispatch});
  ASSERT_EQ(stranded.status().code(), Code::kUnprocessable);
  EXPECT_NE(stranded.status().field_errors()[0].message.find("区住建局"), std::string::npos);
  EXPECT_EQ(service_->get(a->id)->state, State::kAccepted);  // nothing written
  ASSERT_TRUE(sql("UPDATE users SET disabled = 0 WHERE id = 70").ok());
  EXPECT_EQ(step({.step = Step::kDispatch})->assigned_org_id, 7);
}

}  // namespace
}  // namespace warmcity::appeals
