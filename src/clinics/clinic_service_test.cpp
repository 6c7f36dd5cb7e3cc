// Free clinic sessions (clinic_service.h), on SQLite and on PostgreSQL: a
// session is one activity with one detached occurrence per slot, its doctors
// in order, audited; who may create; clashes checked for every slot (refused,
// skipped, or nothing made when every slot clashes); an edit of the series
// never moves a slot; reading, listing and editing a session.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clinics/clinics_test_world.h"

namespace warmcity::clinics {
namespace {

using ClinicServiceTest = ClinicWorld;

std::string first_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

TEST_F(ClinicServiceTest, ASessionIsOneActivityWithADetachedOccurrencePerSlot) {
  Written w = create(session(4, 9 * 60, 3), clinic_staff());
  ASSERT_TRUE(w.first.ok()) << w.first.message();
  const ClinicSession& s = w.second.session;
  EXPECT_EQ(s.activity.repeat, "none");
  EXPECT_EQ(s.activity.capacity, 3);
  EXPECT_EQ(s.activity.first_date, "2026-06-01");
  EXPECT_EQ(s.activity.start_minute, 9 * 60);
  EXPECT_EQ(s.activity.duration_minutes, 120);
  EXPECT_EQ(s.activity.organiser_org_id, 1);
  EXPECT_EQ(s.activity.community_id, 101);  // the venue's
  EXPECT_EQ(s.clinic.filing_number, "吕卫义诊备〔2026〕18号");
  EXPECT_EQ(s.clinic.slot_minutes, 30);
  EXPECT_EQ(s.clinic.places_per_slot, 3);
  EXPECT_EQ(s.clinic.created_by, 2);
  ASSERT_EQ(s.slots.size(), 4u);
  const int64_t first = activities::occurrence_start(clinic_day("2026-06-01"), 9 * 60);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.slots[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(s.slots[i].starts_at, first + static_cast<int64_t>(i) * 1800);
    EXPECT_EQ(s.slots[i].ends_at - s.slots[i].starts_at, 1800);
    EXPECT_EQ(s.slots[i].capacity, 3);
    EXPECT_TRUE(s.slots[i].detached);
    EXPECT_EQ(s.slots[i].status, "scheduled");
  }
  ASSERT_EQ(s.doctors.size(), 3u);
  EXPECT_EQ(s.doctors[0].name, "王建国");
  EXPECT_EQ(s.doctors[1].department, "口腔科");
  EXPECT_EQ(s.doctors[2].licence_number, "140100-2020-9");
  EXPECT_TRUE(w.second.skipped.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.create' AND "
                  "subject_id = '" +
                  std::to_string(s.activity.id) + "'"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_occurrences WHERE detached = 1"), 4);
}

TEST_F(ClinicServiceTest, WhoMayCreate) {
  EXPECT_EQ(create(session(), resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(create(session(), Caller{}).first.code(), Code::kUnauthenticated);
  ClinicFields named = session();
  named.activity.organiser_org_id = 1;
  EXPECT_EQ(create(named, other_staff()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(first_field(create(session(), admin()).first), "organiser_org_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 0);
  Written by_admin = create(named, admin());
  ASSERT_TRUE(by_admin.first.ok()) << by_admin.first.message();
  EXPECT_EQ(by_admin.second.session.activity.organiser_org_id, 1);
  // Another organiser's staff hold clinics for their own organiser.
  Written own = create(session(2, 14 * 60), other_staff());
  ASSERT_TRUE(own.first.ok()) << own.first.message();
  EXPECT_EQ(own.second.session.activity.organiser_org_id, 2);
}

TEST_F(ClinicServiceTest, ThePlaceMustBeAVenueInItsCommunity) {
  ClinicFields toilet = session();
  toilet.activity.venue_id = 502;
  EXPECT_EQ(first_field(create(toilet, clinic_staff()).first), "venue_id");
  ClinicFields elsewhere = session();
  elsewhere.activity.community_id = 102;
  EXPECT_EQ(first_field(create(elsewhere, clinic_staff()).first), "community_id");
  ClinicFields subdistrict = session();
  subdistrict.activity.community_id = 100;
  EXPECT_EQ(first_field(create(subdistrict, clinic_staff()).first), "community_id");
  ClinicFields street = session();
  street.activity.venue_id.reset();
  street.activity.address = "凤山路口";
  street.activity.community_id = 102;
  Written w = create(street, clinic_staff());
  ASSERT_TRUE(w.first.ok()) << w.first.message();
  EXPECT_EQ(w.second.session.activity.community_id, 102);
  EXPECT_FALSE(w.second.session.activity.venue_id);
}

TEST_F(ClinicServiceTest, EverySlotIsCheckedForClashes) {
  // The venue closes at 21:00: of four slots from 20:00 the last two clash.
  Written late = create(session(4, 20 * 60), clinic_staff());
  EXPECT_EQ(late.first.code(), Code::kConflict);
  EXPECT_EQ(late.first.message(), "clash");
  ASSERT_EQ(late.second.clashes.size(), 2u);
  EXPECT_EQ(late.second.clashes[0].reason, "venue_closed");
  EXPECT_EQ(late.second.clashes[0].date, "2026-06-01");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_sessions"), 0);
  ClinicFields skip = session(4, 20 * 60);
  skip.activity.skip_clashes = true;
  Written skipped = create(skip, clinic_staff());
  ASSERT_TRUE(skipped.first.ok()) << skipped.first.message();
  EXPECT_EQ(skipped.second.session.slots.size(), 2u);
  EXPECT_EQ(skipped.second.skipped.size(), 2u);
  EXPECT_EQ(skipped.second.session.slots[1].seq, 2);
  // Another session overlapping those hours clashes with it (venue_booked).
  Written booked = create(session(2, 20 * 60 + 15), clinic_staff());
  EXPECT_EQ(booked.first.code(), Code::kConflict);
  ASSERT_EQ(booked.second.clashes.size(), 2u);
  EXPECT_EQ(booked.second.clashes[0].reason, "venue_booked");
  EXPECT_EQ(booked.second.clashes[0].activity_id, skipped.second.session.activity.id);
  // Every slot clashes: nothing is made, even with skip_clashes.
  ClinicFields saturday = session(2);
  saturday.activity.first_date = saturday.activity.series.first = clinic_day("2026-06-06");
  saturday.activity.skip_clashes = true;
  Written closed = create(saturday, clinic_staff());
  EXPECT_EQ(closed.first.code(), Code::kConflict);
  EXPECT_EQ(closed.second.clashes.size(), 2u);
  EXPECT_TRUE(closed.second.skipped.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM activities"), 1);
}

TEST_F(ClinicServiceTest, AnEditOfTheSeriesNeverMovesASlot) {
  const std::vector<int64_t> slots = made();
  std::promise<Status> p;
  activities::SeriesPatch later;
  later.start_minute = 14 * 60;
  later.capacity = 9;
  activities_->update(session_id_, later, clinic_staff(),
                      [&p](Status s, activities::ActivityWritten) { p.set_value(s); });
  ASSERT_TRUE(p.get_future().get().ok());
  Result<ClinicSession> s = clinics_->get(session_id_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  ASSERT_EQ(s->slots.size(), 4u);
  EXPECT_EQ(s->slots[0].starts_at, activities::occurrence_start(clinic_day("2026-06-01"), 540));
  EXPECT_EQ(s->slots[0].capacity, 2);
  EXPECT_EQ(s->slots[0].revision, 0);
}

TEST_F(ClinicServiceTest, GetIsOnlyForAClinic) {
  made();
  Result<ClinicSession> s = clinics_->get(session_id_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->doctors.size(), 3u);
  EXPECT_EQ(clinics_->get(session_id_ + 1).status().code(), Code::kNotFound);
  // An ordinary activity is no clinic.
  activities::ActivityFields plain = session().activity;
  plain.title = "太极拳";
  plain.start_minute = 15 * 60;
  std::promise<Status> p;
  activities_->create(plain, clinic_staff(),
                      [&p](Status st, activities::ActivityWritten) { p.set_value(st); });
  ASSERT_TRUE(p.get_future().get().ok());
  EXPECT_EQ(clinics_->get(session_id_ + 1).status().code(), Code::kNotFound);
}

TEST_F(ClinicServiceTest, TheListHoldsTheSessionsWithASlotInTheWindow) {
  made(session(2, 9 * 60));
  const int64_t monday = session_id_;
  ClinicFields street = session(2, 10 * 60);
  street.activity.venue_id.reset();
  street.activity.address = "龙山广场";
  street.activity.community_id = 102;
  street.activity.first_date = street.activity.series.first = clinic_day("2026-06-03");
  made(street);
  const int64_t wednesday = session_id_;
  const int64_t june1 = core::local_midnight_unix(clinic_day("2026-06-01"));
  auto ids = [&](int64_t from, int64_t days, std::optional<int64_t> community) {
    Result<std::vector<ClinicSession>> l =
        clinics_->list(from, from + days * core::kSecondsPerDay, community);
    EXPECT_TRUE(l.ok()) << l.status().message();
    std::vector<int64_t> out;
    if (l.ok())
      for (const ClinicSession& s : *l) out.push_back(s.activity.id);
    return out;
  };
  EXPECT_EQ(ids(june1, 14, std::nullopt), (std::vector<int64_t>{monday, wednesday}));
  EXPECT_EQ(ids(june1, 1, std::nullopt), (std::vector<int64_t>{monday}));
  EXPECT_EQ(ids(june1 + core::kSecondsPerDay, 14, std::nullopt), (std::vector<int64_t>{wednesday}));
  EXPECT_EQ(ids(june1, 14, 101), (std::vector<int64_t>{monday}));
  EXPECT_EQ(ids(june1, 14, 102), (std::vector<int64_t>{wednesday}));
  EXPECT_TRUE(ids(june1 - 7 * core::kSecondsPerDay, 7, std::nullopt).empty());
}

TEST_F(ClinicServiceTest, TheDeskListsTheOrganisersOwnSessionsNewestFirst) {
  made(session(2, 9 * 60));
  const int64_t first = session_id_;
  made(session(2, 14 * 60));
  const int64_t second = session_id_;
  Written theirs = create(session(1, 17 * 60), other_staff());
  ASSERT_TRUE(theirs.first.ok()) << theirs.first.message();
  auto ids = [](const Result<std::vector<ClinicSession>>& r) {
    std::vector<int64_t> out;
    if (r.ok())
      for (const ClinicSession& s : *r) out.push_back(s.activity.id);
    return out;
  };
  Result<std::vector<ClinicSession>> mine = clinics_->organiser_sessions(clinic_staff());
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  EXPECT_EQ(ids(mine), (std::vector<int64_t>{second, first}));
  EXPECT_EQ(mine->front().slots.size(), 2u);
  EXPECT_EQ(ids(clinics_->organiser_sessions(other_staff())),
            (std::vector<int64_t>{theirs.second.session.activity.id}));
  EXPECT_EQ(ids(clinics_->organiser_sessions(admin())),
            (std::vector<int64_t>{theirs.second.session.activity.id, second, first}));
  EXPECT_EQ(clinics_->organiser_sessions(resident()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(clinics_->organiser_sessions(Caller{}).status().code(), Code::kUnauthenticated);
}

TEST_F(ClinicServiceTest, StaffEditTheFilingNumberAndTheDoctorsAudited) {
  made();
  ClinicPatch p;
  p.filing_number = "吕卫义诊备〔2026〕19号";
  Written w = update(session_id_, p, clinic_staff());
  ASSERT_TRUE(w.first.ok()) << w.first.message();
  EXPECT_EQ(w.second.session.clinic.filing_number, "吕卫义诊备〔2026〕19号");
  EXPECT_EQ(w.second.session.doctors.size(), 3u);  // untouched
  ClinicPatch doctors;
  doctors.doctors = std::vector<Doctor>{{"眼科", "孙丽", "副主任医师", "EYE-000123"}};
  w = update(session_id_, doctors, admin());
  ASSERT_TRUE(w.first.ok()) << w.first.message();
  ASSERT_EQ(w.second.session.doctors.size(), 1u);
  EXPECT_EQ(w.second.session.doctors[0].name, "孙丽");
  EXPECT_EQ(w.second.session.clinic.filing_number, "吕卫义诊备〔2026〕19号");
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_doctors"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.update'"), 2);
  EXPECT_EQ(update(session_id_, p, other_staff()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(update(session_id_, p, resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(update(session_id_, p, Caller{}).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(update(session_id_ + 7, p, clinic_staff()).first.code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'clinic.update'"), 2);
}

TEST_F(ClinicServiceTest, ACancelledSessionIsNotEdited) {
  made();
  std::promise<Status> p;
  activities_->cancel(session_id_, "医生临时有事", clinic_staff(),
                      [&p](Status s, activities::ActivityWritten) { p.set_value(s); });
  ASSERT_TRUE(p.get_future().get().ok());
  ClinicPatch patch;
  patch.filing_number = "新号";
  Written w = update(session_id_, patch, clinic_staff());
  EXPECT_EQ(w.first.code(), Code::kConflict);
  EXPECT_EQ(w.first.message(), "activity_cancelled");
  Result<ClinicSession> s = clinics_->get(session_id_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->activity.status, "cancelled");
  EXPECT_EQ(s->slots[0].status, "cancelled");
  Result<std::vector<ClinicSession>> listed =
      clinics_->list(core::local_midnight_unix(clinic_day("2026-06-01")),
                     core::local_midnight_unix(clinic_day("2026-06-02")), std::nullopt);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);  // listed, as cancelled
  EXPECT_EQ(listed->front().activity.status, "cancelled");
}

}  // namespace
}  // namespace warmcity::clinics
