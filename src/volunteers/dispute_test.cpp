// Disputes of the hours ledger's records (dispute_service.h) on both
// engines: raised by the record's volunteer only, one open at a time,
// answered once by the organiser's staff — with a correction written in the
// same job, or not at all when that correction is refused.
#include "volunteers/dispute_service.h"

#include <gtest/gtest.h>

#include "volunteers/record_test_world.h"

namespace warmcity::volunteers {
namespace {

using ledger_testing::wait_for;

class DisputeServiceTest : public ledger_testing::LedgerWorld {
 protected:
  Result<Dispute> raise(int64_t record_id, const accounts::Caller& by,
                        std::string text = "我那天干了三个小时") {
    return wait_for<Dispute>([&](auto d) { disputes_->raise(record_id, text, by, d); });
  }
  Result<Dispute> answer(int64_t id, DisputeAnswer in, const accounts::Caller& by) {
    return wait_for<Dispute>([&](auto d) { disputes_->answer(id, std::move(in), by, d); });
  }
  Result<std::vector<Dispute>> list(std::optional<int64_t> org, const accounts::Caller& by,
                                    std::string state = "") {
    return wait_for<std::vector<Dispute>>(
        [&](auto d) { disputes_->list(org, std::move(state), by, d); });
  }
};

TEST_F(DisputeServiceTest, TheVolunteerDisputesAndTheOrganiserAnswersWithACorrection) {
  const Record r = confirmed(120);
  EXPECT_EQ(raise(r.id, leader_).status().code(), Code::kPermissionDenied);  // their team leader
  EXPECT_EQ(raise(r.id, staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(raise(r.id, admin_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(raise(r.id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(raise(9999, me_).status().code(), Code::kNotFound);
  Result<Dispute> d = raise(r.id, me_);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->state, "open");
  EXPECT_EQ(d->record_id, r.id);
  EXPECT_EQ(d->volunteer_id, volunteer_);
  EXPECT_EQ(d->raised_at, now_);
  Result<Dispute> twice = raise(r.id, me_);
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_EQ(twice.status().message().rfind("dispute_open:", 0), 0u);
  EXPECT_EQ(audits("volunteer.dispute_raise"), 1);

  // The record names its open dispute.
  EXPECT_EQ(mine(me_)->items[0].dispute->id, d->id);
  EXPECT_EQ(mine(me_)->items[0].dispute->state, "open");

  // Only the organiser's staff list and answer.
  EXPECT_EQ(list(community_, other_staff_).status().code(), Code::kPermissionDenied);
  Result<std::vector<Dispute>> open = list(community_, staff_, "open");
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].text, "我那天干了三个小时");
  EXPECT_EQ(audits("personal_data.read"), 1);
  EXPECT_TRUE(list(community_, staff_, "answered")->empty());
  EXPECT_EQ(answer(d->id, {"好的", std::nullopt}, other_staff_).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(answer(d->id, {"好的", std::nullopt}, me_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(answer(9999, {"好的", std::nullopt}, staff_).status().code(), Code::kNotFound);

  // A correction that is refused leaves the dispute open and writes nothing.
  Result<Dispute> bad = answer(d->id, {"改", CorrectionInput{-121, "多减了"}}, staff_);
  EXPECT_EQ(bad.status().code(), Code::kUnprocessable);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 1);
  EXPECT_EQ(list(community_, staff_, "open")->size(), 1u);

  now_ += 3600;
  Result<Dispute> done = answer(d->id, {"核实后补记60分钟", CorrectionInput{60, "漏记"}}, staff_);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->state, "answered");
  EXPECT_EQ(done->answer, "核实后补记60分钟");
  EXPECT_EQ(done->answered_by, staff_.user_id);
  EXPECT_EQ(done->answered_at, now_);
  ASSERT_TRUE(done->correction_id);
  Result<VolunteerRecords> after = mine(me_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total_minutes, 180);
  const Record& correction = after->items[0];
  EXPECT_EQ(correction.id, *done->correction_id);
  EXPECT_EQ(correction.corrects_id, r.id);
  EXPECT_EQ(correction.source_id, d->id);  // the dispute it answers
  EXPECT_EQ(correction.reason, "漏记");
  EXPECT_EQ(after->items[1].dispute->state, "answered");
  EXPECT_EQ(audits("volunteer.dispute_answer"), 1);
  EXPECT_EQ(audits("volunteer.record_correct"), 1);

  // Answered once; a new dispute may then be raised.
  Result<Dispute> again = answer(d->id, {"再答", std::nullopt}, staff_);
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(again.status().message().rfind("not_open:", 0), 0u);
  Result<Dispute> second = raise(r.id, me_, "还是不对");
  ASSERT_TRUE(second.ok());
  Result<Dispute> plain = answer(second->id, {"已核实，无误", std::nullopt}, staff_);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->correction_id);
  EXPECT_EQ(list(community_, staff_, "answered")->size(), 2u);
  EXPECT_EQ(list(community_, admin_)->size(), 2u);
}

TEST_F(DisputeServiceTest, ASubmittedRecordIsDisputedButNotCorrected) {
  Result<Record> r = create(manual(30), staff_);
  ASSERT_TRUE(r.ok());
  Result<Dispute> d = raise(r->id, me_);
  ASSERT_TRUE(d.ok());
  Result<Dispute> with = answer(d->id, {"补记", CorrectionInput{30, "漏记"}}, staff_);
  EXPECT_EQ(with.status().code(), Code::kConflict);
  EXPECT_EQ(with.status().message().rfind("not_confirmed:", 0), 0u);
  EXPECT_TRUE(answer(d->id, {"确认后即计入", std::nullopt}, staff_).ok());
}

}  // namespace
}  // namespace warmcity::volunteers
