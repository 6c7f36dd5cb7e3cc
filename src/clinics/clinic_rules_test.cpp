// A free clinic's bodies (clinic.h), pure: every refusal names its field, a
// doctor's as doctors[i].field; the sales fields refused as "a free clinic
// sells nothing"; the slots end by 24:00; a health note needs consent.
#include "clinics/clinic.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace warmcity::clinics {
namespace {

using nlohmann::json;

const core::LocalDate kToday{2026, 12, 6};

json good_session() {
  return json::parse(R"({
    "title": "社区义诊：中医、口腔",
    "address": "凤山社区服务中心",
    "filing_number": "吕卫义诊备〔2026〕18号",
    "date": "2026-12-20",
    "start_time": "08:30",
    "slot_minutes": 30,
    "slots": 8,
    "places_per_slot": 6,
    "doctors": [
      {"department": "中医科", "name": "王建国", "title": "主任医师", "licence_number": "110141100000123"},
      {"department": "口腔科", "name": "李红", "title": "主治医师", "licence_number": "A-2019-77881"}
    ]
  })");
}

// The fields a refusal names, in order.
std::vector<std::string> fields_of(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.field_errors()) out.push_back(e.field);
  return out;
}

bool names(const Status& s, const std::string& field) {
  for (const FieldError& e : s.field_errors())
    if (e.field == field) return true;
  return false;
}

std::string message_of(const Status& s, const std::string& field) {
  for (const FieldError& e : s.field_errors())
    if (e.field == field) return e.message;
  return "";
}

TEST(ClinicRules, AGoodSessionIsOneActivityOfItsSlots) {
  Result<ClinicFields> f = read_clinic(good_session(), kToday);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->activity.title, "社区义诊：中医、口腔");
  EXPECT_EQ(f->activity.series.repeat, "none");
  EXPECT_EQ(f->activity.capacity, 6);
  EXPECT_EQ(f->places_per_slot(), 6);
  EXPECT_EQ(f->activity.start_minute, 8 * 60 + 30);
  EXPECT_EQ(f->activity.duration_minutes, 240);
  EXPECT_EQ(f->slots, 8);
  EXPECT_EQ(f->slot_minutes, 30);
  EXPECT_EQ(core::format_date(f->activity.first_date), "2026-12-20");
  ASSERT_EQ(f->doctors.size(), 2u);
  EXPECT_EQ(f->doctors[1].licence_number, "A-2019-77881");
  EXPECT_EQ(f->filing_number, "吕卫义诊备〔2026〕18号");
}

TEST(ClinicRules, EveryBadFieldIsNamed) {
  json b = good_session();
  b["title"] = "   ";
  b["filing_number"] = std::string(41, '9');
  b["date"] = "2026-12-05";
  b["start_time"] = "8:30";
  b["slot_minutes"] = 4;
  b["slots"] = 41;
  b["places_per_slot"] = 501;
  b["colour"] = "red";
  Result<ClinicFields> f = read_clinic(b, kToday);
  ASSERT_EQ(f.status().code(), Code::kUnprocessable);
  for (const char* field : {"title", "filing_number", "date", "start_time", "slot_minutes", "slots",
                            "places_per_slot", "colour"})
    EXPECT_TRUE(names(f.status(), field)) << field;
}

TEST(ClinicRules, RequiredFieldsAndWrongTypes) {
  Result<ClinicFields> none = read_clinic(json::object(), kToday);
  ASSERT_FALSE(none.ok());
  for (const char* field : {"title", "venue_id", "filing_number", "date", "start_time",
                            "slot_minutes", "slots", "places_per_slot", "doctors"})
    EXPECT_TRUE(names(none.status(), field)) << field;
  json b = good_session();
  b["slots"] = "8";
  b["places_per_slot"] = 6.5;
  b["skip_clashes"] = "yes";
  b["doctors"] = "王建国";
  Result<ClinicFields> typed = read_clinic(b, kToday);
  ASSERT_FALSE(typed.ok());
  for (const char* field : {"slots", "places_per_slot", "skip_clashes", "doctors"})
    EXPECT_TRUE(names(typed.status(), field)) << field;
}

TEST(ClinicRules, APlaceIsAVenueOrAnAddress) {
  json both = good_session();
  both["venue_id"] = 7;
  EXPECT_TRUE(names(read_clinic(both, kToday).status(), "address"));
  json neither = good_session();
  neither.erase("address");
  EXPECT_TRUE(names(read_clinic(neither, kToday).status(), "venue_id"));
  json venue = good_session();
  venue.erase("address");
  venue["venue_id"] = 7;
  Result<ClinicFields> f = read_clinic(venue, kToday);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->activity.venue_id, 7);
}

TEST(ClinicRules, TheDateFromTodayTo365DaysAhead) {
  json b = good_session();
  b["date"] = "2026-12-06";
  EXPECT_TRUE(read_clinic(b, kToday).ok());
  b["date"] = "2027-12-06";
  EXPECT_TRUE(read_clinic(b, kToday).ok());
  b["date"] = "2027-12-07";
  EXPECT_TRUE(names(read_clinic(b, kToday).status(), "date"));
  b["date"] = "2026-02-30";
  EXPECT_TRUE(names(read_clinic(b, kToday).status(), "date"));
}

TEST(ClinicRules, TheLastSlotEndsBy24) {
  json b = good_session();
  b["start_time"] = "20:00";
  b["slot_minutes"] = 30;
  b["slots"] = 8;  // 20:00 + 4 h = 24:00
  EXPECT_TRUE(read_clinic(b, kToday).ok());
  b["slots"] = 9;
  Result<ClinicFields> f = read_clinic(b, kToday);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(fields_of(f.status()), std::vector<std::string>{"slots"});
  EXPECT_NE(message_of(f.status(), "slots").find("24:00"), std::string::npos);
}

TEST(ClinicRules, ABadDoctorIsNamedByIndexAndField) {
  json b = good_session();
  b["doctors"][1]["licence_number"] = "12345";  // too short
  b["doctors"][0]["title"] = " ";               // blank
  b["doctors"].push_back({{"department", "眼科"},
                          {"name", "赵"},
                          {"title", "医师"},
                          {"licence_number", "AB_123456"}});  // '_' is not allowed
  b["doctors"].push_back(json::array());
  b["doctors"].push_back({{"department", "眼科"},
                          {"name", "钱"},
                          {"title", "医师"},
                          {"licence_number", "123456"},
                          {"phone", "13900000000"}});
  Result<ClinicFields> f = read_clinic(b, kToday);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(
      fields_of(f.status()),
      (std::vector<std::string>{"doctors[0].title", "doctors[1].licence_number",
                                "doctors[2].licence_number", "doctors[3]", "doctors[4].phone"}));
  json empty = good_session();
  empty["doctors"] = json::array();
  EXPECT_EQ(fields_of(read_clinic(empty, kToday).status()), std::vector<std::string>{"doctors"});
  json many = good_session();
  many["doctors"] = json::array();
  for (int i = 0; i < 31; ++i) many["doctors"].push_back(good_session()["doctors"][0]);
  EXPECT_EQ(fields_of(read_clinic(many, kToday).status()), std::vector<std::string>{"doctors"});
  many["doctors"].erase(many["doctors"].begin());
  EXPECT_TRUE(read_clinic(many, kToday).ok());
}

TEST(ClinicRules, AFreeClinicSellsNothing) {
  for (const char* field : {"price", "fee", "products", "medicines", "sales"}) {
    json b = good_session();
    b[field] = field == std::string("price") ? json(0) : json("降压药");
    Result<ClinicFields> f = read_clinic(b, kToday);
    ASSERT_FALSE(f.ok()) << field;
    EXPECT_EQ(fields_of(f.status()), std::vector<std::string>{field});
    EXPECT_EQ(message_of(f.status(), field), "a free clinic sells nothing");
    json patch = {{field, 1}};
    EXPECT_EQ(message_of(read_clinic_patch(patch).status(), field), "a free clinic sells nothing");
    json booking = {{field, 1}};
    EXPECT_EQ(message_of(read_booking(booking).status(), field), "a free clinic sells nothing");
  }
}

TEST(ClinicRules, APatchCarriesFilingNumberOrDoctors) {
  Result<ClinicPatch> empty = read_clinic_patch(json::object());
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->filing_number || empty->doctors);
  Result<ClinicPatch> p = read_clinic_patch(
      {{"filing_number", " 吕卫义诊备19号 "}, {"doctors", good_session()["doctors"]}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p->filing_number, "吕卫义诊备19号");
  EXPECT_EQ(p->doctors->size(), 2u);
  EXPECT_TRUE(names(read_clinic_patch({{"filing_number", ""}}).status(), "filing_number"));
  EXPECT_TRUE(names(read_clinic_patch({{"doctors", json::array()}}).status(), "doctors"));
  EXPECT_TRUE(names(read_clinic_patch({{"title", "改名"}}).status(), "title"));
  json bad = {{"doctors", good_session()["doctors"]}};
  bad["doctors"][0].erase("department");
  EXPECT_TRUE(names(read_clinic_patch(bad).status(), "doctors[0].department"));
}

TEST(ClinicRules, AHealthNoteNeedsConsent) {
  Result<BookingRequest> plain = read_booking(json::object());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->health_note);
  Result<BookingRequest> noted =
      read_booking({{"health_note", " 高血压十年，想问降压药 "}, {"consent", true}});
  ASSERT_TRUE(noted.ok());
  EXPECT_EQ(*noted->health_note, "高血压十年，想问降压药");
  EXPECT_EQ(fields_of(read_booking({{"health_note", "高血压"}}).status()),
            std::vector<std::string>{"consent"});
  EXPECT_EQ(fields_of(read_booking({{"health_note", "高血压"}, {"consent", false}}).status()),
            std::vector<std::string>{"consent"});
  EXPECT_TRUE(
      names(read_booking({{"health_note", "高血压"}, {"consent", "yes"}}).status(), "consent"));
  EXPECT_TRUE(
      names(read_booking({{"health_note", "  "}, {"consent", true}}).status(), "health_note"));
  EXPECT_TRUE(
      names(read_booking({{"health_note", std::string(501, 'a')}, {"consent", true}}).status(),
            "health_note"));
  EXPECT_TRUE(read_booking({{"health_note", std::string(500, 'a')}, {"consent", true}}).ok());
  EXPECT_TRUE(
      names(read_booking({{"health_note", 12}, {"consent", true}}).status(), "health_note"));
  Result<BookingRequest> null_note = read_booking({{"health_note", nullptr}});
  ASSERT_TRUE(null_note.ok());
  EXPECT_FALSE(null_note->health_note);
  Result<BookingRequest> staff = read_booking({{"name", "张桂兰"}, {"phone", "13912345678"}});
  ASSERT_TRUE(staff.ok());
  EXPECT_EQ(*staff->signup.name, "张桂兰");
  EXPECT_TRUE(names(read_booking({{"birth_date", "1950-01-01"}}).status(), "birth_date"));
}

TEST(ClinicRules, LicenceNumbersAndSlotTimes) {
  EXPECT_TRUE(is_licence_number("110141100000123"));
  EXPECT_TRUE(is_licence_number("A-2019-77881"));
  EXPECT_FALSE(is_licence_number("12345"));
  EXPECT_FALSE(is_licence_number(std::string(31, '1')));
  EXPECT_FALSE(is_licence_number("１２３４５６"));
  EXPECT_FALSE(is_licence_number("123 456"));
  const auto slots = slot_times(core::LocalDate{2026, 12, 20}, 8 * 60 + 30, 30, 3);
  ASSERT_EQ(slots.size(), 3u);
  const int64_t first = activities::occurrence_start(core::LocalDate{2026, 12, 20}, 510);
  EXPECT_EQ(slots[0].first, first);
  EXPECT_EQ(slots[0].second, first + 1800);
  EXPECT_EQ(slots[2].first, first + 3600);
  EXPECT_EQ(slots[2].second, first + 5400);
  EXPECT_EQ(core::format_rfc3339(slots[0].first), "2026-12-20T08:30:00+08:00");
}

}  // namespace
}  // namespace warmcity::clinics
