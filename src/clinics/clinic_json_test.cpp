// The free clinics' JSON (clinic_json.h), pure: the session view's doctors,
// departments, slots and totals; the door list with the notes for the
// clinic's staff and without any note for an admin; the problem's members.
#include "clinics/clinic_json.h"

#include <gtest/gtest.h>

#include <string>

namespace warmcity::clinics {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ClinicSession a_session() {
  ClinicSession s;
  s.activity.id = 7;
  s.activity.title = "社区义诊";
  s.activity.repeat = "none";
  s.activity.status = "active";
  s.clinic = {7, "吕卫义诊备18号", 30, 6, 2, 0, 0};
  s.doctors = {{"中医科", "王建国", "主任医师", "110141100000123"},
               {"口腔科", "李红", "主治医师", "A-2019-77881"},
               {"中医科", "赵明", "医师", "140100-2020-9"}};
  for (int i = 0; i < 3; ++i) {
    activities::OccurrenceRecord o;
    o.id = 40 + i;
    o.activity_id = 7;
    o.seq = i + 1;
    o.starts_at = 1'780'000'000 + i * 1800;
    o.ends_at = o.starts_at + 1800;
    o.capacity = 6;
    o.taken = 2 * i;
    o.waiting = i == 2 ? 3 : 0;
    o.status = i == 1 ? "cancelled" : "scheduled";
    s.slots.push_back(o);
  }
  return s;
}

TEST(ClinicJson, TheSessionView) {
  ordered_json j = session_json(a_session());
  EXPECT_EQ(j["activity"]["id"], 7);
  EXPECT_EQ(j["activity"]["title"], "社区义诊");
  EXPECT_EQ(j["filing_number"], "吕卫义诊备18号");
  EXPECT_EQ(j["slot_minutes"], 30);
  EXPECT_EQ(j["places_per_slot"], 6);
  ASSERT_EQ(j["doctors"].size(), 3u);
  EXPECT_EQ(j["doctors"][1]["licence_number"], "A-2019-77881");
  EXPECT_EQ(j["doctors"][2]["title"], "医师");
  EXPECT_EQ(j["departments"], ordered_json::parse(R"(["中医科", "口腔科"])"));
  ASSERT_EQ(j["slots"].size(), 3u);
  EXPECT_EQ(j["slots"][0]["occurrence_id"], 40);
  EXPECT_EQ(j["slots"][0]["places_left"], 6);
  EXPECT_EQ(j["slots"][1]["places_left"], 0);  // cancelled
  EXPECT_EQ(j["slots"][1]["status"], "cancelled");
  EXPECT_EQ(j["slots"][2]["places_left"], 2);
  EXPECT_EQ(j["slots"][2]["waiting"], 3);
  EXPECT_EQ(j["slots"][2]["starts_at"], "2026-05-29T05:26:40+08:00");
  EXPECT_EQ(j["places_total"], 12);  // the scheduled slots only
  EXPECT_EQ(j["places_taken"], 4);
}

TEST(ClinicJson, TheBookingView) {
  Booking none;
  EXPECT_EQ(booking_json(none).dump(), R"({"signup":null,"health_note":null})");
  Booking b;
  b.signup = activities::SignupRecord{};
  b.signup->id = 5;
  b.signup->status = "waiting";
  b.signup->position = 2;
  b.signup->code = "123456";
  b.health_note = "高血压";
  ordered_json j = booking_json(b);
  EXPECT_EQ(j["signup"]["id"], 5);
  EXPECT_EQ(j["signup"]["position"], 2);
  EXPECT_EQ(j["health_note"], "高血压");
}

ClinicDoorList a_door_list() {
  ClinicDoorList d;
  activities::SignupRecord a;
  a.id = 1;
  a.name = "张桂兰";
  a.phone = "13900000010";
  a.status = "confirmed";
  a.code = "111111";
  activities::SignupRecord b = a;
  b.id = 2;
  b.status = "waiting";
  b.position = 1;
  d.list.confirmed.push_back(a);
  d.list.waiting.push_back(b);
  d.list.cancelled = 1;
  return d;
}

TEST(ClinicJson, TheDoorListCarriesNotesForTheClinicsStaffOnly) {
  ClinicDoorList staff = a_door_list();
  staff.notes = std::map<int64_t, std::string>{{1, "高血压十年"}};
  ordered_json j = clinic_door_list_json(staff);
  EXPECT_EQ(j["confirmed"][0]["health_note"], "高血压十年");
  EXPECT_TRUE(j["waiting"][0]["health_note"].is_null());
  EXPECT_EQ(j["confirmed"][0]["phone"], "139****0010");
  EXPECT_EQ(j["health_notes_hidden"], false);
  EXPECT_EQ(j["cancelled"], 1);
  ordered_json admin = clinic_door_list_json(a_door_list());
  EXPECT_FALSE(admin["confirmed"][0].contains("health_note"));
  EXPECT_FALSE(admin["waiting"][0].contains("health_note"));
  EXPECT_EQ(admin["health_notes_hidden"], true);
}

TEST(ClinicJson, TheProblemNamesItsCodeAndField) {
  http::Response bad = clinic_problem(
      Status::Unprocessable("some fields", {{"doctors[0].name", "required"}, {"slots", "x"}}));
  EXPECT_EQ(bad.status, 422);
  json j = json::parse(bad.body);
  EXPECT_EQ(j["error"], "invalid");
  EXPECT_EQ(j["field"], "doctors[0].name");
  EXPECT_EQ(j["errors"].size(), 2u);
  std::vector<activities::Clash> clashes = {{"2026-06-01", "venue_closed", std::nullopt, ""}};
  json clash = json::parse(clinic_problem(Status::Conflict("clash"), &clashes).body);
  EXPECT_EQ(clash["error"], "clash");
  EXPECT_EQ(clash["clashes"][0]["reason"], "venue_closed");
  json twice =
      json::parse(clinic_problem(Status::Conflict("already_signed_up: this phone is in")).body);
  EXPECT_EQ(twice["error"], "already_signed_up");
  json cancelled = json::parse(clinic_problem(Status::Conflict("activity_cancelled")).body);
  EXPECT_EQ(cancelled["error"], "activity_cancelled");
  json missing = json::parse(clinic_problem(Status::NotFound("no clinic slot 9")).body);
  EXPECT_FALSE(missing.contains("error"));
  EXPECT_EQ(missing["status"], 404);
}

}  // namespace
}  // namespace warmcity::clinics
