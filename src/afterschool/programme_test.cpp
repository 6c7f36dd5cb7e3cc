// A programme's pure rules (programme.h): the body of a new programme and
// of its edit, field by field; the staff list and the duty bodies; the
// session days against an official calendar; the staffing rule; when a
// background check is due again.
#include "afterschool/programme.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace warmcity::afterschool {
namespace {

using nlohmann::json;

json programme_body() {
  return {{"name", "龙凤社区四点半课堂"}, {"site_id", 601},          {"weekdays", {5, 1, 3}},
          {"start_time", "16:30"},        {"end_time", "18:30"},     {"capacity", 40},
          {"term_start", "2026-09-01"},   {"term_end", "2027-01-22"}};
}

// The first field a refusal names ("" when it is no 422).
std::string refused_field(const Status& s) {
  if (s.code() != Code::kUnprocessable || s.field_errors().empty()) return "";
  return s.field_errors().front().field;
}

template <typename T>
std::string refused(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : refused_field(r.status());
}

TEST(afterschool_programme_body, AValidBodyWithDefaults) {
  Result<ProgrammeFields> f = read_programme(programme_body());
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->name, "龙凤社区四点半课堂");
  EXPECT_EQ(f->site_id, 601);
  EXPECT_EQ(f->weekdays, "135");  // ascending digits
  EXPECT_EQ(f->start_time, "16:30");
  EXPECT_EQ(f->capacity, 40);
  EXPECT_FALSE(f->organiser_org_id.has_value());
  EXPECT_FALSE(f->on_makeup_days);
  EXPECT_EQ(f->staffing.min_adults, 2);
  EXPECT_EQ(f->staffing.base_children, 25);
  EXPECT_EQ(f->staffing.per_extra_children, 20);
}

TEST(afterschool_programme_body, TheOptionalFields) {
  json b = programme_body();
  b["organiser_org_id"] = 2;
  b["on_makeup_days"] = true;
  b["staffing"] = {{"min_adults", 3}, {"per_extra_children", 10}};
  b["name"] = "  四点半课堂  ";
  Result<ProgrammeFields> f = read_programme(b);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->organiser_org_id, 2);
  EXPECT_TRUE(f->on_makeup_days);
  EXPECT_EQ(f->staffing.min_adults, 3);
  EXPECT_EQ(f->staffing.base_children, 25);
  EXPECT_EQ(f->staffing.per_extra_children, 10);
  EXPECT_EQ(f->name, "四点半课堂");
}

TEST(afterschool_programme_body, EveryRequiredFieldIsNamedWhenMissing) {
  for (const char* field : {"name", "site_id", "weekdays", "start_time", "end_time", "capacity",
                            "term_start", "term_end"}) {
    json b = programme_body();
    b.erase(field);
    EXPECT_EQ(refused(read_programme(b)), field) << field;
  }
}

TEST(afterschool_programme_body, EveryBadValueIsNamed) {
  const std::vector<std::pair<const char*, json>> bad = {
      {"name", ""},
      {"name", "   "},
      {"name", std::string(61, 'x')},
      {"name", 5},
      {"site_id", "601"},
      {"site_id", 0},
      {"site_id", 1.5},
      {"weekdays", json::array()},
      {"weekdays", {0}},
      {"weekdays", {8}},
      {"weekdays", {1, 1}},
      {"weekdays", {1, 2, 3, 4, 5, 6, 7, 1}},
      {"weekdays", "12345"},
      {"weekdays", {"1"}},
      {"start_time", "4:30"},
      {"start_time", "24:00"},
      {"start_time", "16:60"},
      {"start_time", 1630},
      {"end_time", "18-30"},
      {"capacity", 0},
      {"capacity", 501},
      {"capacity", "40"},
      {"term_start", "2026-9-1"},
      {"term_start", "2026-02-30"},
      {"term_end", "someday"},
      {"on_makeup_days", "yes"},
      {"organiser_org_id", 0},
      {"organiser_org_id", "1"},
      {"staffing", 2},
  };
  for (const auto& [field, value] : bad) {
    json b = programme_body();
    b[field] = value;
    EXPECT_EQ(refused(read_programme(b)), field) << field << " = " << value.dump();
  }
}

TEST(afterschool_programme_body, TheStaffingRuleFieldsAreNamedInside) {
  const std::vector<std::pair<const char*, json>> bad = {{"min_adults", 0},
                                                         {"min_adults", 11},
                                                         {"base_children", 0},
                                                         {"base_children", 201},
                                                         {"per_extra_children", 0},
                                                         {"per_extra_children", 201},
                                                         {"per_extra_children", "20"},
                                                         {"unknown", 1}};
  for (const auto& [field, value] : bad) {
    json b = programme_body();
    b["staffing"] = {{field, value}};
    EXPECT_EQ(refused(read_programme(b)), std::string("staffing.") + field) << field;
  }
}

TEST(afterschool_programme_body, TheRulesAcrossFields) {
  json b = programme_body();
  b["end_time"] = "16:30";
  EXPECT_EQ(refused(read_programme(b)), "end_time");
  b["end_time"] = "16:00";
  EXPECT_EQ(refused(read_programme(b)), "end_time");
  b = programme_body();
  b["term_end"] = "2026-08-31";
  EXPECT_EQ(refused(read_programme(b)), "term_end");
  b["term_end"] = "2027-10-06";  // 400 days after 2026-09-01 is 2027-10-06
  EXPECT_TRUE(read_programme(b).ok());
  b["term_end"] = "2027-10-07";
  EXPECT_EQ(refused(read_programme(b)), "term_end");
  b["term_end"] = "2026-09-01";  // a one-day term
  EXPECT_TRUE(read_programme(b).ok());
}

TEST(afterschool_programme_body, UnknownFieldsAreRefused) {
  json b = programme_body();
  b["price"] = 100;
  EXPECT_EQ(refused(read_programme(b)), "price");
  json p = {{"name", "新名字"}, {"colour", "red"}};
  EXPECT_EQ(refused(read_programme_patch(p)), "colour");
}

TEST(afterschool_programme_patch, AnyFieldAndStatus) {
  Result<ProgrammePatch> p = read_programme_patch(
      {{"capacity", 50}, {"status", "closed"}, {"weekdays", {2, 4}}, {"on_makeup_days", true}});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->capacity, 50);
  EXPECT_EQ(p->status, "closed");
  EXPECT_EQ(p->weekdays, "24");
  EXPECT_EQ(p->on_makeup_days, true);
  EXPECT_FALSE(p->name.has_value());
  EXPECT_EQ(patched_fields(*p),
            (std::vector<std::string>{"weekdays", "capacity", "on_makeup_days", "status"}));
  Result<ProgrammePatch> empty = read_programme_patch(json::object());
  EXPECT_TRUE(empty.ok());
}

TEST(afterschool_programme_patch, BadValues) {
  EXPECT_EQ(refused(read_programme_patch({{"status", "paused"}})), "status");
  EXPECT_EQ(refused(read_programme_patch({{"status", 1}})), "status");
  EXPECT_EQ(refused(read_programme_patch({{"organiser_org_id", 0}})), "organiser_org_id");
  EXPECT_EQ(refused(read_programme_patch({{"organiser_org_id", "2"}})), "organiser_org_id");
  EXPECT_EQ(refused(read_programme_patch({{"name", " "}})), "name");
  EXPECT_EQ(refused(read_programme_patch({{"capacity", 0}})), "capacity");
  EXPECT_EQ(refused(read_programme_patch({{"weekdays", {9}}})), "weekdays");
  EXPECT_EQ(refused(read_programme_patch({{"start_time", "x"}})), "start_time");
  EXPECT_EQ(refused(read_programme_patch({{"term_end", "2026-13-01"}})), "term_end");
  EXPECT_EQ(refused(read_programme_patch({{"staffing", {{"min_adults", 20}}}})),
            "staffing.min_adults");
}

TEST(afterschool_programme_patch, AppliedAndCheckedAsAWhole) {
  Programme p;
  p.start_time = "16:30";
  p.end_time = "18:30";
  p.term_start = "2026-09-01";
  p.term_end = "2027-01-22";
  ProgrammePatch later_start;
  later_start.start_time = "19:00";
  EXPECT_EQ(refused(apply_patch(p, later_start)), "end_time");
  ProgrammePatch early_end;
  early_end.term_end = "2026-08-01";
  EXPECT_EQ(refused(apply_patch(p, early_end)), "term_end");
  ProgrammePatch both;
  both.start_time = "15:00";
  both.capacity = 12;
  Result<Programme> q = apply_patch(p, both);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->start_time, "15:00");
  EXPECT_EQ(q->capacity, 12);
  EXPECT_EQ(q->end_time, "18:30");
}

TEST(afterschool_programme_staff_body, ValidListAndEveryBadEntry) {
  const core::LocalDate today = *core::parse_date("2026-09-14");
  Result<std::vector<StaffEntry>> ok = read_staff_list(
      {{"staff",
        {{{"user_id", 4}, {"role", "volunteer"}, {"background_checked_on", "2026-09-14"}},
         {{"user_id", 5}, {"role", "staff"}, {"background_checked_on", "2025-01-02"}}}}},
      today);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].role, "volunteer");
  EXPECT_TRUE(read_staff_list({{"staff", json::array()}}, today).ok());

  EXPECT_EQ(refused(read_staff_list(json::object(), today)), "staff");
  EXPECT_EQ(refused(read_staff_list({{"staff", 4}}, today)), "staff");
  EXPECT_EQ(refused(read_staff_list({{"staff", json::array()}, {"extra", 1}}, today)), "extra");
  json many = json::array();
  for (int i = 1; i <= 51; ++i)
    many.push_back({{"user_id", i}, {"role", "staff"}, {"background_checked_on", "2026-01-01"}});
  EXPECT_EQ(refused(read_staff_list({{"staff", many}}, today)), "staff");

  const json good = {{"user_id", 4}, {"role", "staff"}, {"background_checked_on", "2026-01-01"}};
  const std::vector<std::pair<std::string, json>> bad = {
      {"user_id", 0},
      {"user_id", "4"},
      {"role", "teacher"},
      {"role", nullptr},
      {"background_checked_on", "2026-09-15"},  // in the future
      {"background_checked_on", "2026/01/01"},
      {"note", "x"}};
  for (const auto& [field, value] : bad) {
    json entry = good;
    entry[field] = value;
    json list = json::array({good, entry});
    list[0]["user_id"] = 5;
    EXPECT_EQ(refused(read_staff_list({{"staff", list}}, today)), "staff[1]." + field) << field;
  }
  EXPECT_EQ(refused(read_staff_list({{"staff", {good, good}}}, today)), "staff[1].user_id");
  EXPECT_EQ(refused(read_staff_list({{"staff", {7}}}, today)), "staff[0]");
}

TEST(afterschool_programme_duty_body, UserIds) {
  Result<std::vector<int64_t>> ok = read_duty({{"user_ids", {4, 5}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->size(), 2u);
  EXPECT_TRUE(read_duty({{"user_ids", json::array()}}).ok());
  EXPECT_EQ(refused(read_duty(json::object())), "user_ids");
  EXPECT_EQ(refused(read_duty({{"user_ids", 4}})), "user_ids");
  EXPECT_EQ(refused(read_duty({{"user_ids", {4, 4}}})), "user_ids");
  EXPECT_EQ(refused(read_duty({{"user_ids", {"4"}}})), "user_ids");
  EXPECT_EQ(refused(read_duty({{"user_ids", {0}}})), "user_ids");
  EXPECT_EQ(refused(read_duty({{"user_ids", {4}}, {"date", "2026-09-14"}})), "date");
}

// Autumn 2026 as the State Council would have it: National Day, and two
// make-up school days.
core::Calendar autumn() {
  Result<core::Calendar> c = core::Calendar::parse(
      "year 2026\n"
      "2026-10-01 holiday 国庆节\n"
      "2026-10-02 holiday 国庆节\n"
      "2026-10-03 holiday 国庆节\n"
      "2026-09-27 workday 国庆节调休\n"
      "2026-10-10 workday\n");
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : core::Calendar();
}

Programme weekday_programme() {
  Programme p;
  p.weekdays = "12345";
  p.term_start = "2026-09-01";
  p.term_end = "2027-01-22";
  return p;
}

SessionDay day_of(const Programme& p, const char* date, const core::Calendar& c) {
  return session_day(p, *core::parse_date(date), c);
}

TEST(afterschool_session_days, TheContractsCases) {
  const core::Calendar cal = autumn();
  Programme p = weekday_programme();
  SessionDay monday = day_of(p, "2026-09-14", cal);
  EXPECT_TRUE(monday.open);
  EXPECT_EQ(monday.reason, "");
  SessionDay holiday = day_of(p, "2026-10-01", cal);  // a Thursday, but National Day
  EXPECT_FALSE(holiday.open);
  EXPECT_EQ(holiday.reason, "holiday");
  EXPECT_EQ(holiday.holiday_name, "国庆节");
  SessionDay saturday = day_of(p, "2026-09-19", cal);
  EXPECT_FALSE(saturday.open);
  EXPECT_EQ(saturday.reason, "weekday");
  SessionDay makeup = day_of(p, "2026-09-27", cal);  // a Sunday school day
  EXPECT_FALSE(makeup.open);
  EXPECT_EQ(makeup.reason, "makeup_day");
  EXPECT_EQ(day_of(p, "2026-08-31", cal).reason, "outside_term");
  EXPECT_EQ(day_of(p, "2027-01-25", cal).reason, "outside_term");
  EXPECT_TRUE(day_of(p, "2026-09-01", cal).open);                   // the term's first day
  EXPECT_TRUE(day_of(p, "2027-01-22", cal).open);                   // its last, a Friday
  EXPECT_EQ(day_of(p, "2026-10-01", core::Calendar()).reason, "");  // unknown year: a weekday

  p.on_makeup_days = true;
  EXPECT_TRUE(day_of(p, "2026-09-27", cal).open);
  EXPECT_TRUE(day_of(p, "2026-10-10", cal).open);
  EXPECT_FALSE(day_of(p, "2026-10-01", cal).open);  // a holiday stays a holiday
  EXPECT_EQ(day_of(p, "2026-10-11", cal).reason, "weekday");

  // Outside the term wins over a holiday.
  p.term_end = "2026-09-30";
  EXPECT_EQ(day_of(p, "2026-10-01", cal).reason, "outside_term");
}

TEST(afterschool_session_days, AWeekendProgramme) {
  const core::Calendar cal = autumn();
  Programme p = weekday_programme();
  p.weekdays = "67";
  EXPECT_TRUE(day_of(p, "2026-09-19", cal).open);
  EXPECT_EQ(day_of(p, "2026-09-14", cal).reason, "weekday");
  // A make-up Sunday is a school day: a Saturday-and-Sunday programme
  // skips it unless it runs on make-up days.
  EXPECT_EQ(day_of(p, "2026-09-27", cal).reason, "makeup_day");
  EXPECT_EQ(day_of(p, "2026-10-03", cal).reason, "holiday");
}

TEST(afterschool_staffing_rule, AdultsNeeded) {
  const Staffing s;
  EXPECT_EQ(adults_needed(s, 0), 2);
  EXPECT_EQ(adults_needed(s, 1), 2);
  EXPECT_EQ(adults_needed(s, 25), 2);
  EXPECT_EQ(adults_needed(s, 26), 3);
  EXPECT_EQ(adults_needed(s, 45), 3);
  EXPECT_EQ(adults_needed(s, 46), 4);
  EXPECT_EQ(adults_needed(s, 65), 4);
  EXPECT_EQ(adults_needed(s, 66), 5);
  const Staffing small{1, 10, 5};
  EXPECT_EQ(adults_needed(small, 10), 1);
  EXPECT_EQ(adults_needed(small, 11), 2);
  EXPECT_EQ(adults_needed(small, 15), 2);
  EXPECT_EQ(adults_needed(small, 16), 3);
  const Staffing one_each{3, 1, 1};
  EXPECT_EQ(adults_needed(one_each, 4), 6);
}

TEST(afterschool_staffing_rule, MinutesOfTheDay) {
  Programme p;
  p.start_time = "16:30";
  p.end_time = "18:30";
  EXPECT_EQ(start_minute(p), 16 * 60 + 30);
  EXPECT_EQ(end_minute(p), 18 * 60 + 30);
}

TEST(afterschool_background_check, DueAYearLater) {
  EXPECT_EQ(recheck_due_on("2025-09-14"), "2026-09-14");
  EXPECT_EQ(recheck_due_on("2024-02-29"), "2025-02-28");
  const core::LocalDate today = *core::parse_date("2026-09-14");
  EXPECT_TRUE(recheck_due("2025-09-14", today));  // the day has come
  EXPECT_TRUE(recheck_due("2025-01-01", today));
  EXPECT_FALSE(recheck_due("2025-09-15", today));
  EXPECT_FALSE(recheck_due("2026-09-14", today));
}

}  // namespace
}  // namespace warmcity::afterschool
