// The hours ledger's records (record.h, record_service.h): the pure rules,
// then the service on both engines — a manual record's life (submitted,
// confirmed, corrected by new records, never edited), its refusals, who
// reads whose records and the audit of those reads.
#include "volunteers/record.h"

#include <gtest/gtest.h>

#include "volunteers/record_test_world.h"

namespace warmcity::volunteers {
namespace {

using ledger_testing::LedgerWorld;

TEST(RecordRulesTest, ACorrectionChangesAndKeepsTheTotalWithinADay) {
  EXPECT_TRUE(check_correction(120, -120).empty());  // down to 0
  EXPECT_TRUE(check_correction(120, 30).empty());
  EXPECT_TRUE(check_correction(0, 1440).empty());
  ASSERT_EQ(check_correction(120, 0).size(), 1u);
  EXPECT_EQ(check_correction(120, 0)[0].field, "minutes");
  EXPECT_EQ(check_correction(120, -121)[0].field, "minutes");  // below 0
  EXPECT_NE(check_correction(120, -121)[0].message.find("at least -120"), std::string::npos);
  EXPECT_EQ(check_correction(1400, 41)[0].field, "minutes");  // above a day
  EXPECT_EQ(check_correction(0, 1441)[0].field, "minutes");
}

TEST(RecordRulesTest, AServiceDateIsADateNotInTheFuture) {
  EXPECT_TRUE(check_service_date("2026-06-01", "2026-06-01").empty());
  EXPECT_TRUE(check_service_date("2025-12-31", "2026-06-01").empty());
  EXPECT_EQ(check_service_date("2026-06-02", "2026-06-01")[0].field, "service_date");
  EXPECT_EQ(check_service_date("2026-02-30", "2026-06-01")[0].field, "service_date");
  EXPECT_EQ(check_service_date("tomorrow", "2026-06-01")[0].field, "service_date");
}

TEST(RecordRulesTest, AnOrganiserNameIsKeptToSixtyCharacters) {
  EXPECT_EQ(organiser_name_of("凤山社区"), "凤山社区");
  std::string long_name;
  for (int i = 0; i < 70; ++i) long_name += "社";
  EXPECT_EQ(organiser_name_of(long_name).size(), 60u * 3);
  EXPECT_EQ(organiser_name_of("ab\xff"), "ab");  // bad UTF-8 cut off
}

using RecordServiceTest = LedgerWorld;

TEST_F(RecordServiceTest, AManualRecordIsSubmittedConfirmedAndCorrectedByNewRecords) {
  Result<Record> r = create(manual(120), staff_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->state, "submitted");
  EXPECT_EQ(r->source, "manual");
  EXPECT_EQ(r->organiser_org_id, community_);
  EXPECT_EQ(r->organiser_name, "凤山社区居委会");
  EXPECT_EQ(r->created_by, staff_.user_id);
  EXPECT_EQ(r->created_at, now_);
  EXPECT_FALSE(r->confirmed_by);
  EXPECT_EQ(audits("volunteer.record_create"), 1);
  EXPECT_EQ(of_volunteer(volunteer_, leader_)->total_minutes, 0);  // not confirmed yet

  // A submitted record is not corrected; a confirmed one is not confirmed again.
  EXPECT_EQ(correct(r->id, -10, staff_).status().code(), Code::kConflict);
  now_ += 60;
  Result<Record> c = confirm(r->id, staff_);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->state, "confirmed");
  EXPECT_EQ(c->confirmed_by, staff_.user_id);
  EXPECT_EQ(c->confirmed_at, now_);
  Result<Record> again = confirm(r->id, staff_);
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(again.status().message().rfind("not_submitted:", 0), 0u);
  EXPECT_EQ(audits("volunteer.record_confirm"), 1);
  EXPECT_EQ(of_volunteer(volunteer_, leader_)->total_minutes, 120);

  Result<Record> down = correct(r->id, -30, staff_);
  ASSERT_TRUE(down.ok()) << down.status().message();
  EXPECT_EQ(down->source, "correction");
  EXPECT_EQ(down->state, "confirmed");
  EXPECT_EQ(down->corrects_id, r->id);
  EXPECT_EQ(down->minutes, -30);
  EXPECT_EQ(down->reason, "签退时间记错");
  EXPECT_EQ(down->service_date, r->service_date);
  EXPECT_EQ(down->organiser_org_id, community_);
  EXPECT_EQ(down->confirmed_by, staff_.user_id);
  EXPECT_EQ(down->created_by, staff_.user_id);
  // The corrected total never goes below 0 (120 − 30 − 91 < 0), nor a
  // correction corrects a correction.
  Result<Record> below = correct(r->id, -91, staff_);
  EXPECT_EQ(below.status().code(), Code::kUnprocessable);
  ASSERT_FALSE(below.status().field_errors().empty());
  EXPECT_EQ(below.status().field_errors()[0].field, "minutes");
  EXPECT_TRUE(correct(r->id, -90, staff_).ok());  // down to exactly 0
  Result<Record> of_correction = correct(down->id, 10, staff_);
  EXPECT_EQ(of_correction.status().code(), Code::kConflict);
  EXPECT_EQ(of_correction.status().message().rfind("corrects_correction:", 0), 0u);
  EXPECT_EQ(audits("volunteer.record_correct"), 2);

  // The original is unchanged and names its corrections.
  Result<VolunteerRecords> all = of_volunteer(volunteer_, leader_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total_minutes, 0);
  ASSERT_EQ(all->items.size(), 3u);
  const Record& original = all->items.back();  // same date: the lowest id last
  EXPECT_EQ(original.id, r->id);
  EXPECT_EQ(original.minutes, 120);
  ASSERT_EQ(original.corrections.size(), 2u);
  EXPECT_EQ(original.corrections[0], down->id);
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 3);
}

TEST_F(RecordServiceTest, AManualRecordIsRefusedWithItsReason) {
  auto code = [&](RecordInput in, const accounts::Caller& by) {
    return create(std::move(in), by).status().code();
  };
  auto field = [&](RecordInput in) {
    Result<Record> r = create(std::move(in), staff_);
    return r.status().field_errors().empty() ? std::string("<none>")
                                             : r.status().field_errors()[0].field;
  };
  EXPECT_EQ(code(manual(), other_staff_), Code::kPermissionDenied);  // another organiser's staff
  EXPECT_EQ(code(manual(), leader_), Code::kPermissionDenied);       // a team is no organiser here
  EXPECT_EQ(code(manual(), resident_), Code::kPermissionDenied);
  EXPECT_EQ(code(manual(), ledger_testing::LedgerWorld::anonymous()), Code::kUnauthenticated);
  EXPECT_TRUE(create(manual(), admin_).ok());  // admins organise for any organiser
  RecordInput in = manual();
  in.organiser_org_id = 9999;
  EXPECT_EQ(field(in), "organiser_org_id");
  in.organiser_org_id = seed_organisation(*db_, "keeper", "某停车场");
  EXPECT_EQ(field(in), "organiser_org_id");  // a keeper organises no service
  in = manual();
  in.volunteer_id = 9999;
  EXPECT_EQ(field(in), "volunteer_id");
  EXPECT_EQ(field(manual(60, "2026-06-02")), "service_date");  // tomorrow in the district
  EXPECT_TRUE(create(manual(60, "2026-06-01"), staff_).ok());  // today
  EXPECT_EQ(count_of(*db_, "SELECT COUNT(*) FROM volunteer_records"), 2);
  // Unknown records.
  EXPECT_EQ(confirm(9999, staff_).status().code(), Code::kNotFound);
  EXPECT_EQ(correct(9999, 5, staff_).status().code(), Code::kNotFound);
}

TEST_F(RecordServiceTest, OnlyTheOrganisersStaffConfirmAndCorrect) {
  Result<Record> r = create(manual(), staff_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(confirm(r->id, other_staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm(r->id, leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(confirm(r->id, me_).status().code(), Code::kPermissionDenied);  // the volunteer
  EXPECT_EQ(confirm(r->id, LedgerWorld::anonymous()).status().code(), Code::kUnauthenticated);
  ASSERT_TRUE(confirm(r->id, admin_).ok());
  EXPECT_EQ(correct(r->id, 5, other_staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(correct(r->id, 5, me_).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(correct(r->id, 5, staff_).ok());
  EXPECT_EQ(audits("volunteer.record_confirm"), 1);
  EXPECT_EQ(audits("volunteer.record_correct"), 1);
}

TEST_F(RecordServiceTest, AVolunteersRecordsAreReadByTheirTeamAndThemselvesAndAudited) {
  const Record a = confirmed(120);
  ASSERT_TRUE(create(manual(45, "2026-04-10"), staff_).ok());  // submitted: listed, not counted
  ASSERT_TRUE(correct(a.id, -20, staff_).ok());

  Result<VolunteerRecords> by_leader = of_volunteer(volunteer_, leader_);
  ASSERT_TRUE(by_leader.ok()) << by_leader.status().message();
  EXPECT_EQ(by_leader->total_minutes, 100);
  ASSERT_EQ(by_leader->items.size(), 3u);
  EXPECT_EQ(by_leader->items[0].service_date, "2026-05-30");  // newest first
  EXPECT_EQ(by_leader->items[2].service_date, "2026-04-10");
  EXPECT_EQ(audits("personal_data.read"), 1);
  EXPECT_NE(last_audit_detail("personal_data.read").find("\"purpose\":\"volunteer\""),
            std::string::npos);
  ASSERT_TRUE(of_volunteer(volunteer_, admin_).ok());
  EXPECT_EQ(audits("personal_data.read"), 2);

  // The volunteer reads their own, unaudited, both ways.
  Result<VolunteerRecords> own = mine(me_);
  ASSERT_TRUE(own.ok()) << own.status().message();
  EXPECT_EQ(own->volunteer_id, volunteer_);
  EXPECT_EQ(own->total_minutes, 100);
  EXPECT_EQ(own->items.size(), 3u);
  EXPECT_TRUE(of_volunteer(volunteer_, me_).ok());
  EXPECT_EQ(audits("personal_data.read"), 2);

  // A period: from..to inclusive.
  Result<VolunteerRecords> april = mine(me_, Period{"2026-04-01", "2026-04-30"});
  ASSERT_TRUE(april.ok());
  EXPECT_EQ(april->items.size(), 1u);
  EXPECT_EQ(april->total_minutes, 0);
  EXPECT_EQ(mine(me_, Period{"2026-05-30", ""})->total_minutes, 100);

  // Nobody else.
  EXPECT_EQ(of_volunteer(volunteer_, staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_volunteer(volunteer_, resident_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_volunteer(volunteer_, LedgerWorld::anonymous()).status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(of_volunteer(9999, admin_).status().code(), Code::kNotFound);
  EXPECT_EQ(mine(resident_).status().code(), Code::kNotFound);  // no volunteer
  EXPECT_EQ(mine(LedgerWorld::anonymous()).status().code(), Code::kUnauthenticated);
  // The leader of a team the volunteer is not in reads nothing of theirs.
  EXPECT_EQ(of_volunteer(stranger_volunteer_, leader_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(audits("personal_data.read"), 2);
}

TEST_F(RecordServiceTest, AnOrganisersListIsTheirsByStateAndAudited) {
  const Record a = confirmed(60);
  Result<Record> b = create(manual(30), staff_);
  ASSERT_TRUE(b.ok());
  RecordInput elsewhere = manual(15);
  elsewhere.organiser_org_id = other_org_;
  elsewhere.volunteer_id = stranger_volunteer_;
  ASSERT_TRUE(create(elsewhere, other_staff_).ok());

  Result<std::vector<Record>> all = of_organiser(community_, staff_);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, b->id);  // newest first
  Result<std::vector<Record>> submitted = of_organiser(community_, staff_, "submitted");
  ASSERT_EQ(submitted->size(), 1u);
  EXPECT_EQ((*submitted)[0].id, b->id);
  EXPECT_EQ(of_organiser(community_, staff_, "confirmed")->at(0).id, a.id);
  EXPECT_EQ(audits("personal_data.read"), 3);
  EXPECT_NE(last_audit_detail("personal_data.read").find("\"ids\":[" + std::to_string(volunteer_)),
            std::string::npos);

  EXPECT_EQ(of_organiser(community_, other_staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_organiser(community_, resident_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(of_organiser(community_, LedgerWorld::anonymous()).status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(of_organiser(other_org_, admin_)->size(), 1u);
  // The records with no organiser are the admins'.
  EXPECT_EQ(of_organiser(std::nullopt, staff_).status().code(), Code::kPermissionDenied);
  Result<std::vector<Record>> none = of_organiser(std::nullopt, admin_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(audits("personal_data.read"), 4);  // an empty list names nobody
}

}  // namespace
}  // namespace warmcity::volunteers
