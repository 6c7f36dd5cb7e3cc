// The programmes' service and routes (programme_service.h,
// programme_routes.h), on SQLite and on PostgreSQL: who may create and edit
// a programme, its site, the public views and session days, the desk's list,
// the staff list with its background checks, the day's duty and staffing;
// the routes' answers to bad input, unknown ids and roles that may not call
// them.
#include "afterschool/programme_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "afterschool/programme_store.h"
#include "afterschool/programme_test_world.h"

namespace warmcity::afterschool {
namespace {

using nlohmann::json;
using ProgrammeServiceTest = ProgrammeWorld;
using ProgrammeRoutesTest = ProgrammeWorld;

std::string field_of(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

StaffEntry staff_entry(int64_t user, const char* role = "staff",
                       const char* checked = "2026-03-01") {
  return {user, role, checked};
}

TEST_F(ProgrammeServiceTest, TheOrganisersStaffCreateAProgramme) {
  Made m = create(fields(), organiser());
  ASSERT_TRUE(m.first.ok()) << m.first.message();
  const ProgrammeView& v = m.second;
  EXPECT_GT(v.programme.id, 0);
  EXPECT_EQ(v.programme.organiser_org_id, 1);
  EXPECT_EQ(v.organiser_name, "龙凤社区居委会");
  EXPECT_EQ(v.site_name, "龙凤社区四点半课堂");
  EXPECT_EQ(v.site_address, "龙凤路8号");
  EXPECT_EQ(v.community_id, 101);
  EXPECT_EQ(v.programme.status, "active");
  EXPECT_EQ(v.programme.created_by, 2);
  EXPECT_EQ(v.programme.created_at, kProgrammeNow);
  EXPECT_EQ(v.enrolled, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.programme.create' "
                  "AND actor_user_id = 2 AND subject_id = '" +
                  std::to_string(v.programme.id) + "'"),
            1);
  Result<ProgrammeView> again = service_->get(v.programme.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->programme.name, "龙凤社区四点半课堂");
  EXPECT_EQ(again->programme.staffing.base_children, 25);
}

TEST_F(ProgrammeServiceTest, WhoMayCreate) {
  EXPECT_EQ(create(fields(), resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(create(fields(), anonymous()).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(create(fields(), caller(5)).first.code(), Code::kPermissionDenied);  // no organiser
  ProgrammeFields theirs = fields();
  theirs.organiser_org_id = 1;
  EXPECT_EQ(create(theirs, other_organiser()).first.code(), Code::kPermissionDenied);
  // Admins and the staff of several organisers name the organiser.
  Made unnamed = create(fields(), admin());
  EXPECT_EQ(unnamed.first.code(), Code::kUnprocessable);
  EXPECT_EQ(field_of(unnamed.first), "organiser_org_id");
  EXPECT_EQ(field_of(create(fields(), caller(8)).first), "organiser_org_id");
  ProgrammeFields team = fields();
  team.organiser_org_id = 2;
  Made by_both = create(team, caller(8));
  ASSERT_TRUE(by_both.first.ok()) << by_both.first.message();
  EXPECT_EQ(by_both.second.programme.organiser_org_id, 2);
  Made by_admin = create(team, admin());
  ASSERT_TRUE(by_admin.first.ok()) << by_admin.first.message();
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_programmes"), 2);
}

TEST_F(ProgrammeServiceTest, TheSiteMustBeAnAfterschoolSite) {
  ProgrammeFields f = fields();
  f.site_id = 602;  // a venue
  Made venue = create(f, organiser());
  EXPECT_EQ(venue.first.code(), Code::kUnprocessable);
  EXPECT_EQ(field_of(venue.first), "site_id");
  f.site_id = 999;
  EXPECT_EQ(field_of(create(f, organiser()).first), "site_id");
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_programmes"), 0);
}

TEST_F(ProgrammeServiceTest, EditAndClose) {
  const int64_t id = made();
  ProgrammePatch p;
  p.capacity = 30;
  p.site_id = 603;
  p.staffing = Staffing{3, 20, 10};
  Made edited = update(id, p, organiser());
  ASSERT_TRUE(edited.first.ok()) << edited.first.message();
  EXPECT_EQ(edited.second.programme.capacity, 30);
  EXPECT_EQ(edited.second.site_name, "龙山社区四点半课堂");
  EXPECT_EQ(edited.second.community_id, 102);
  EXPECT_EQ(edited.second.programme.staffing.min_adults, 3);
  EXPECT_EQ(edited.second.programme.name, "龙凤社区四点半课堂");
  ProgrammePatch close;
  close.status = "closed";
  now_ += 60;
  Made closed = update(id, close, admin());
  ASSERT_TRUE(closed.first.ok()) << closed.first.message();
  EXPECT_EQ(closed.second.programme.status, "closed");
  EXPECT_EQ(closed.second.programme.updated_at, kProgrammeNow + 60);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.programme.update'"),
            2);
}

TEST_F(ProgrammeServiceTest, HandedToAnotherOrganiser) {
  const int64_t id = made();
  ProgrammePatch to_team;
  to_team.organiser_org_id = 2;
  // The community's worker does not organise for the team; the team's
  // worker does not organise this programme.
  EXPECT_EQ(update(id, to_team, organiser()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id, to_team, other_organiser()).first.code(), Code::kPermissionDenied);
  Made moved = update(id, to_team, caller(8));  // staff of both
  ASSERT_TRUE(moved.first.ok()) << moved.first.message();
  EXPECT_EQ(moved.second.programme.organiser_org_id, 2);
  EXPECT_EQ(moved.second.organiser_name, "青年志愿者队");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.programme.update' "
                  "AND detail LIKE '%\"changed\":[\"organiser_org_id\"]%'"),
            1);
  // Now the team's worker edits it, the community's not.
  ProgrammePatch p;
  p.capacity = 20;
  EXPECT_TRUE(update(id, p, other_organiser()).first.ok());
  EXPECT_EQ(update(id, p, organiser()).first.code(), Code::kPermissionDenied);
}

TEST_F(ProgrammeServiceTest, EditRefusals) {
  const int64_t id = made();
  ProgrammePatch p;
  p.capacity = 30;
  EXPECT_EQ(update(id, p, other_organiser()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id, p, resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(update(id, p, anonymous()).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(update(id + 100, p, organiser()).first.code(), Code::kNotFound);
  EXPECT_EQ(update(id + 100, p, admin()).first.code(), Code::kNotFound);
  ProgrammePatch venue;
  venue.site_id = 602;
  EXPECT_EQ(field_of(update(id, venue, organiser()).first), "site_id");
  ProgrammePatch late;
  late.start_time = "19:00";
  EXPECT_EQ(field_of(update(id, late, organiser()).first), "end_time");
  Result<ProgrammeView> unchanged = service_->get(id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->programme.capacity, 40);
  EXPECT_EQ(unchanged->programme.site_id, 601);
  EXPECT_EQ(service_->get(id + 100).status().code(), Code::kNotFound);
}

TEST_F(ProgrammeServiceTest, ThePublicListAndEnrolled) {
  const int64_t a = made();
  ProgrammeFields other = fields();
  other.site_id = 603;
  other.name = "龙山社区四点半课堂";
  const int64_t b = made(other);
  ProgrammeFields closing = fields();
  closing.name = "暑期班";
  const int64_t c = made(closing);
  ProgrammePatch close;
  close.status = "closed";
  ASSERT_TRUE(update(c, close, organiser()).first.ok());
  enrol_children(a, 3);

  Result<std::vector<ProgrammeView>> all = service_->list(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  std::vector<int64_t> ids = {(*all)[0].programme.id, (*all)[1].programme.id};
  EXPECT_NE(std::find(ids.begin(), ids.end(), a), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), b), ids.end());
  Result<std::vector<ProgrammeView>> longfeng = service_->list(101);
  ASSERT_TRUE(longfeng.ok());
  ASSERT_EQ(longfeng->size(), 1u);
  EXPECT_EQ((*longfeng)[0].programme.id, a);
  EXPECT_EQ((*longfeng)[0].enrolled, 3);
  EXPECT_TRUE(service_->list(999)->empty());
}

TEST_F(ProgrammeServiceTest, SessionDaysOfAProgramme) {
  const int64_t id = made();
  Result<std::vector<DayView>> days = service_->days(id, programme_day("2026-09-26"), 7);
  ASSERT_TRUE(days.ok()) << days.status().message();
  ASSERT_EQ(days->size(), 7u);
  EXPECT_EQ((*days)[0].date, "2026-09-26");
  EXPECT_EQ((*days)[0].day.reason, "weekday");     // Saturday
  EXPECT_EQ((*days)[1].day.reason, "makeup_day");  // Sunday, a make-up school day
  EXPECT_TRUE((*days)[2].day.open);                // Monday
  EXPECT_EQ((*days)[5].day.reason, "holiday");     // Thursday 10-01
  EXPECT_EQ((*days)[5].day.holiday_name, "国庆节");
  EXPECT_EQ(service_->days(id + 100, programme_day("2026-09-26"), 7).status().code(),
            Code::kNotFound);
}

TEST_F(ProgrammeServiceTest, TheDesksList) {
  const int64_t a = made();
  ProgrammeFields team = fields();
  team.organiser_org_id = 2;
  team.name = "青年志愿者课堂";
  Made theirs = create(team, other_organiser());
  ASSERT_TRUE(theirs.first.ok());
  ASSERT_TRUE(
      set_staff(theirs.second.programme.id, {staff_entry(4)}, other_organiser()).first.ok());

  Result<std::vector<ProgrammeView>> mine = service_->desk_list(organiser());
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].programme.id, a);
  EXPECT_EQ((*mine)[0].my_part, "organiser");
  Result<std::vector<ProgrammeView>> staffed = service_->desk_list(caller(4));
  ASSERT_TRUE(staffed.ok()) << staffed.status().message();
  ASSERT_EQ(staffed->size(), 1u);
  EXPECT_EQ((*staffed)[0].my_part, "staff");
  Result<std::vector<ProgrammeView>> all = service_->desk_list(admin());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].my_part, "admin");
  Result<std::vector<ProgrammeView>> both = service_->desk_list(caller(8));
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->size(), 2u);
  EXPECT_EQ(service_->desk_list(resident()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->desk_list(caller(5)).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->desk_list(anonymous()).status().code(), Code::kUnauthenticated);
}

TEST_F(ProgrammeServiceTest, TheStaffList) {
  const int64_t id = made();
  StaffSet set = set_staff(
      id, {staff_entry(5, "staff", "2025-09-14"), staff_entry(4, "volunteer", "2026-03-01")},
      organiser());
  ASSERT_TRUE(set.first.ok()) << set.first.message();
  ASSERT_EQ(set.second.size(), 2u);
  EXPECT_EQ(set.second[0].member.user_id, 4);
  EXPECT_EQ(set.second[0].member.display_name, "刘老师");
  EXPECT_EQ(set.second[0].member.role, "volunteer");
  EXPECT_EQ(set.second[0].recheck_due_on, "2027-03-01");
  EXPECT_FALSE(set.second[0].recheck_due);
  EXPECT_EQ(set.second[1].recheck_due_on, "2026-09-14");
  EXPECT_TRUE(set.second[1].recheck_due);  // its day has come: flagged
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'afterschool.staff.set'"), 1);

  // Programme staff, the organiser's staff and admins read it.
  for (const Caller& by : {caller(4), organiser(), admin()}) {
    Result<std::vector<StaffView>> list = service_->staff(id, by);
    ASSERT_TRUE(list.ok()) << by.user_id << ": " << list.status().message();
    EXPECT_EQ(list->size(), 2u);
  }
  EXPECT_EQ(service_->staff(id, resident()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->staff(id, other_organiser()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(service_->staff(id, anonymous()).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(service_->staff(id + 100, organiser()).status().code(), Code::kNotFound);

  // Replaced as a whole.
  StaffSet one = set_staff(id, {staff_entry(4)}, admin());
  ASSERT_TRUE(one.first.ok());
  EXPECT_EQ(one.second.size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_staff"), 1);
}

TEST_F(ProgrammeServiceTest, StaffListRefusals) {
  const int64_t id = made();
  // Only the organiser's staff and admins set it: not the programme's staff.
  ASSERT_TRUE(set_staff(id, {staff_entry(4)}, organiser()).first.ok());
  EXPECT_EQ(set_staff(id, {staff_entry(5)}, caller(4)).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(set_staff(id, {staff_entry(5)}, other_organiser()).first.code(),
            Code::kPermissionDenied);
  EXPECT_EQ(set_staff(id, {staff_entry(5)}, resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(set_staff(id, {staff_entry(5)}, anonymous()).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(set_staff(id + 100, {staff_entry(5)}, organiser()).first.code(), Code::kNotFound);
  // A resident, a disabled user, no such user: named by their place.
  for (int64_t bad : {int64_t{10}, int64_t{7}, int64_t{999}}) {
    StaffSet s = set_staff(id, {staff_entry(5), staff_entry(bad)}, organiser());
    EXPECT_EQ(s.first.code(), Code::kUnprocessable) << bad;
    EXPECT_EQ(field_of(s.first), "staff[1].user_id") << bad;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_staff WHERE user_id = 4"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_staff"), 1);
}

TEST_F(ProgrammeServiceTest, DutyAndTheDaysStaffing) {
  const int64_t id = made();
  ASSERT_TRUE(
      set_staff(id,
                {staff_entry(4, "volunteer", "2026-03-01"), staff_entry(5, "staff", "2026-01-10"),
                 staff_entry(8, "staff", "2025-09-01")},  // due since 2026-09-01
                organiser())
          .first.ok());
  // Programme staff set it; nobody enrolled yet: 2 needed.
  Duty d = set_duty(id, "2026-09-14", {4, 5}, caller(4));
  ASSERT_TRUE(d.first.ok()) << d.first.message();
  EXPECT_EQ(d.second.children, 0);
  EXPECT_EQ(d.second.required, 2);
  EXPECT_EQ(d.second.on_duty, 2);
  EXPECT_TRUE(d.second.met);
  // 26 enrolled: 3 needed; the adult whose re-check is due does not count.
  enrol_children(id, 26);
  Duty due = set_duty(id, "2026-09-14", {4, 5, 8}, organiser());
  ASSERT_TRUE(due.first.ok()) << due.first.message();
  EXPECT_EQ(due.second.children, 26);
  EXPECT_EQ(due.second.required, 3);
  EXPECT_EQ(due.second.on_duty, 2);
  EXPECT_FALSE(due.second.met);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty WHERE day = '2026-09-14'"), 3);

  // Once any child has arrived, the children here now count.
  Result<std::optional<Programme>> p = find_programme(db_->reader(), id);
  ASSERT_TRUE(p.ok() && p->has_value());
  Result<int64_t> enrolled = children_of_day(db_->reader(), id, "2026-09-14");
  ASSERT_TRUE(enrolled.ok());
  EXPECT_EQ(*enrolled, 26);
  const std::vector<int64_t> kids = enrol_children(id, 2);
  attend(id, kids[0], "2026-09-14");
  attend(id, kids[1], "2026-09-14", /*out=*/true);
  Result<int64_t> here = children_of_day(db_->reader(), id, "2026-09-14");
  ASSERT_TRUE(here.ok());
  EXPECT_EQ(*here, 1);
  Result<DayStaffing> s =
      staffing_of_day(db_->reader(), **p, "2026-09-14", 46, programme_day("2026-09-14"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->required, 4);
  EXPECT_EQ(s->on_duty, 2);
  // Before the check fell due the third adult counted.
  Result<DayStaffing> earlier =
      staffing_of_day(db_->reader(), **p, "2026-09-14", 45, programme_day("2026-08-31"));
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->required, 3);
  EXPECT_EQ(earlier->on_duty, 3);
  EXPECT_TRUE(earlier->met);
}

TEST_F(ProgrammeServiceTest, DutyRefusals) {
  const int64_t id = made();
  ASSERT_TRUE(set_staff(id, {staff_entry(4)}, organiser()).first.ok());
  Duty not_listed = set_duty(id, "2026-09-14", {4, 5}, caller(4));
  EXPECT_EQ(not_listed.first.code(), Code::kUnprocessable);
  EXPECT_EQ(field_of(not_listed.first), "user_ids");
  Duty holiday = set_duty(id, "2026-10-01", {4}, caller(4));
  EXPECT_EQ(holiday.first.code(), Code::kConflict);
  EXPECT_EQ(holiday.first.message().rfind("no_session", 0), 0u);
  EXPECT_EQ(set_duty(id, "2026-09-27", {4}, caller(4)).first.code(), Code::kConflict);
  EXPECT_EQ(set_duty(id, "2026-09-14", {4}, caller(5)).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(set_duty(id, "2026-09-14", {4}, resident()).first.code(), Code::kPermissionDenied);
  EXPECT_EQ(set_duty(id, "2026-09-14", {4}, other_organiser()).first.code(),
            Code::kPermissionDenied);
  EXPECT_EQ(set_duty(id, "2026-09-14", {4}, anonymous()).first.code(), Code::kUnauthenticated);
  EXPECT_EQ(set_duty(id + 100, "2026-09-14", {4}, organiser()).first.code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty"), 0);
  // A make-up day is a session day for a programme that runs on them.
  ProgrammePatch makeup;
  makeup.on_makeup_days = true;
  ASSERT_TRUE(update(id, makeup, organiser()).first.ok());
  EXPECT_TRUE(set_duty(id, "2026-09-27", {4}, caller(4)).first.ok());
}

TEST_F(ProgrammeServiceTest, ANewStaffListEndsTheDutyOfThoseLeft) {
  const int64_t id = made();
  ASSERT_TRUE(set_staff(id, {staff_entry(4), staff_entry(5)}, organiser()).first.ok());
  ASSERT_TRUE(set_duty(id, "2026-09-14", {4, 5}, caller(4)).first.ok());
  ASSERT_TRUE(set_duty(id, "2026-09-15", {4, 5}, caller(4)).first.ok());
  now_ += core::kSecondsPerDay;  // Tuesday 09-15
  ASSERT_TRUE(set_staff(id, {staff_entry(4)}, organiser()).first.ok());
  // Monday's record stays; from today on user 5 is off duty.
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty WHERE user_id = 5"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM afterschool_duty WHERE user_id = 5 AND day = "
                  "'2026-09-14'"),
            1);
}

// The routes: the JSON, bad input, roles the router refuses.
TEST_F(ProgrammeRoutesTest, CreateReadAndTheView) {
  http::Response made =
      call(http::Method::kPost, "/api/v1/afterschool-programmes", 2, body().dump());
  ASSERT_EQ(made.status, 201) << made.body;
  json v = json_of(made);
  EXPECT_EQ(v["name"], "龙凤社区四点半课堂");
  EXPECT_EQ(v["organiser"], json({{"id", 1}, {"name", "龙凤社区居委会"}}));
  EXPECT_EQ(v["site"],
            json({{"id", 601}, {"name", "龙凤社区四点半课堂"}, {"address", "龙凤路8号"}}));
  EXPECT_EQ(v["community_id"], 101);
  EXPECT_EQ(v["weekdays"], json({1, 2, 3, 4, 5}));
  EXPECT_EQ(v["start_time"], "16:30");
  EXPECT_EQ(v["end_time"], "18:30");
  EXPECT_EQ(v["capacity"], 40);
  EXPECT_EQ(v["enrolled"], 0);
  EXPECT_EQ(v["places_left"], 40);
  EXPECT_EQ(v["term_start"], "2026-09-01");
  EXPECT_EQ(v["on_makeup_days"], false);
  EXPECT_EQ(v["staffing"],
            json({{"min_adults", 2}, {"base_children", 25}, {"per_extra_children", 20}}));
  EXPECT_EQ(v["status"], "active");
  EXPECT_EQ(v["created_at"], "2026-09-14T09:00:00+08:00");
  EXPECT_FALSE(v.contains("my_part"));
  const int64_t id = v["id"].get<int64_t>();
  enrol_children(id, 5);
  http::Response read =
      call(http::Method::kGet, "/api/v1/afterschool-programmes/" + std::to_string(id), 0);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json_of(read)["enrolled"], 5);
  EXPECT_EQ(json_of(read)["places_left"], 35);
  http::Response list =
      call(http::Method::kGet, "/api/v1/afterschool-programmes?community_id=101", 0);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json_of(list)["items"].size(), 1u);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/afterschool-programmes?community_id=x", 0).status,
            422);

  http::Response edited =
      call(http::Method::kPut, "/api/v1/afterschool-programmes/" + std::to_string(id), 2,
           json({{"status", "closed"}, {"capacity", 10}}).dump());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(json_of(edited)["status"], "closed");
  EXPECT_EQ(json_of(edited)["places_left"], 5);
  EXPECT_TRUE(
      json_of(call(http::Method::kGet, "/api/v1/afterschool-programmes", 0))["items"].empty());
}

TEST_F(ProgrammeRoutesTest, BadInputAndUnknownIds) {
  const std::string root = "/api/v1/afterschool-programmes";
  EXPECT_EQ(call(http::Method::kPost, root, 2, "{not json").status, 400);
  EXPECT_EQ(call(http::Method::kPost, root, 2, "[1]").status, 400);
  json wrong = body();
  wrong["capacity"] = "forty";
  http::Response r = call(http::Method::kPost, root, 2, wrong.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "capacity");
  json venue = body();
  venue["site_id"] = 602;
  r = call(http::Method::kPost, root, 2, venue.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "site_id");
  json unknown = body();
  unknown["fee"] = 0;
  EXPECT_EQ(json_of(call(http::Method::kPost, root, 2, unknown.dump()))["field"], "fee");

  EXPECT_EQ(call(http::Method::kGet, root + "/999", 0).status, 404);
  EXPECT_EQ(call(http::Method::kGet, root + "/abc", 0).status, 404);
  EXPECT_EQ(call(http::Method::kPut, root + "/999", 2, json({{"capacity", 5}}).dump()).status, 404);
  EXPECT_EQ(call(http::Method::kGet, root + "/999/days", 0).status, 404);
  EXPECT_EQ(call(http::Method::kGet, root + "/999/staff", 2).status, 404);
  EXPECT_EQ(
      call(http::Method::kPut, root + "/999/staff", 2, json({{"staff", json::array()}}).dump())
          .status,
      404);
  EXPECT_EQ(call(http::Method::kPut, root + "/999/days/2026-09-14/duty", 2,
                 json({{"user_ids", json::array()}}).dump())
                .status,
            404);

  const std::string one = root + "/" + std::to_string(made());
  EXPECT_EQ(call(http::Method::kPut, one, 2, "{").status, 400);
  EXPECT_EQ(json_of(call(http::Method::kPut, one, 2, json({{"status", "gone"}}).dump()))["field"],
            "status");
  r = call(http::Method::kGet, one + "/days?days=63", 0);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "days");
  EXPECT_EQ(json_of(call(http::Method::kGet, one + "/days?from=tomorrow", 0))["field"], "from");
  r = call(http::Method::kPut, one + "/staff", 2,
           json({{"staff", json::array({json{{"user_id", 4},
                                             {"role", "boss"},
                                             {"background_checked_on", "2026-01-01"}}})}})
               .dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "staff[0].role");
  r = call(http::Method::kPut, one + "/staff", 2,
           json({{"staff", json::array({json{{"user_id", 10},
                                             {"role", "staff"},
                                             {"background_checked_on", "2026-01-01"}}})}})
               .dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "staff[0].user_id");
  r = call(http::Method::kPut, one + "/days/2026-9-14/duty", 2, json({{"user_ids", {4}}}).dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json_of(r)["field"], "date");
  EXPECT_EQ(call(http::Method::kPut, one + "/days/2026-09-14/duty", 2, "{\"user_ids\": [").status,
            400);
}

TEST_F(ProgrammeRoutesTest, DaysStaffAndDuty) {
  const std::string one = "/api/v1/afterschool-programmes/" + std::to_string(made());
  http::Response days = call(http::Method::kGet, one + "/days", 0);
  ASSERT_EQ(days.status, 200) << days.body;
  json items = json_of(days)["items"];
  ASSERT_EQ(items.size(), 14u);  // from today (2026-09-14), 14 days
  EXPECT_EQ(items[0], json({{"date", "2026-09-14"}, {"open", true}, {"reason", nullptr}}));
  EXPECT_EQ(items[5]["reason"], "weekday");
  days = call(http::Method::kGet, one + "/days?from=2026-10-01&days=1", 0);
  EXPECT_EQ(json_of(days)["items"][0], json({{"date", "2026-10-01"},
                                             {"open", false},
                                             {"reason", "holiday"},
                                             {"holiday_name", "国庆节"}}));

  http::Response staff =
      call(http::Method::kPut, one + "/staff", 2,
           json({{"staff",
                  {{{"user_id", 4}, {"role", "volunteer"}, {"background_checked_on", "2025-09-14"}},
                   {{"user_id", 5}, {"role", "staff"}, {"background_checked_on", "2026-02-01"}}}}})
               .dump());
  ASSERT_EQ(staff.status, 200) << staff.body;
  json list = json_of(staff)["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], json({{"user_id", 4},
                           {"display_name", "刘老师"},
                           {"role", "volunteer"},
                           {"background_checked_on", "2025-09-14"},
                           {"recheck_due_on", "2026-09-14"},
                           {"recheck_due", true}}));
  EXPECT_EQ(call(http::Method::kGet, one + "/staff", 4).status, 200);

  http::Response duty = call(http::Method::kPut, one + "/days/2026-09-14/duty", 5,
                             json({{"user_ids", {4, 5}}}).dump());
  ASSERT_EQ(duty.status, 200) << duty.body;
  EXPECT_EQ(json_of(duty),
            json({{"children", 0}, {"required", 2}, {"on_duty", 1}, {"met", false}}));
  http::Response closed =
      call(http::Method::kPut, one + "/days/2026-10-02/duty", 5, json({{"user_ids", {5}}}).dump());
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(json_of(closed)["error"], "no_session");
  http::Response stranger =
      call(http::Method::kPut, one + "/days/2026-09-15/duty", 5, json({{"user_ids", {6}}}).dump());
  EXPECT_EQ(stranger.status, 422);
  EXPECT_EQ(json_of(stranger)["field"], "user_ids");

  http::Response desk = call(http::Method::kGet, "/api/v1/organiser-afterschool-programmes", 5);
  ASSERT_EQ(desk.status, 200) << desk.body;
  ASSERT_EQ(json_of(desk)["items"].size(), 1u);
  EXPECT_EQ(json_of(desk)["items"][0]["my_part"], "staff");
}

TEST_F(ProgrammeRoutesTest, RolesThatMayNotCall) {
  const std::string root = "/api/v1/afterschool-programmes";
  const std::string one = root + "/" + std::to_string(made());
  // Anonymous callers: 401 for everything but the public reads.
  EXPECT_EQ(call(http::Method::kPost, root, 0, body().dump()).status, 401);
  EXPECT_EQ(call(http::Method::kPut, one, 0, json({{"capacity", 5}}).dump()).status, 401);
  EXPECT_EQ(call(http::Method::kGet, one + "/staff", 0).status, 401);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/organiser-afterschool-programmes", 0).status, 401);
  EXPECT_EQ(call(http::Method::kGet, one, 0).status, 200);
  EXPECT_EQ(call(http::Method::kGet, root, 0).status, 200);
  EXPECT_EQ(call(http::Method::kGet, one + "/days", 0).status, 200);
  // Residents: 403.
  EXPECT_EQ(call(http::Method::kPost, root, 10, body().dump()).status, 403);
  EXPECT_EQ(call(http::Method::kPut, one, 10, json({{"capacity", 5}}).dump()).status, 403);
  EXPECT_EQ(call(http::Method::kGet, one + "/staff", 10).status, 403);
  EXPECT_EQ(
      call(http::Method::kPut, one + "/staff", 10, json({{"staff", json::array()}}).dump()).status,
      403);
  EXPECT_EQ(call(http::Method::kPut, one + "/days/2026-09-14/duty", 10,
                 json({{"user_ids", json::array()}}).dump())
                .status,
            403);
  EXPECT_EQ(call(http::Method::kGet, "/api/v1/organiser-afterschool-programmes", 10).status, 403);
  // Another organiser's staff: 403 on this programme.
  EXPECT_EQ(call(http::Method::kPut, one, 3, json({{"capacity", 5}}).dump()).status, 403);
  EXPECT_EQ(call(http::Method::kGet, one + "/staff", 3).status, 403);
  EXPECT_EQ(
      call(http::Method::kPut, one + "/staff", 3, json({{"staff", json::array()}}).dump()).status,
      403);
  EXPECT_EQ(call(http::Method::kPut, one + "/days/2026-09-14/duty", 3,
                 json({{"user_ids", json::array()}}).dump())
                .status,
            403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action <> 'afterschool.programme.create'"),
            0);
}

}  // namespace
}  // namespace warmcity::afterschool
