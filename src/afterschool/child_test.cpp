// A child's bodies (child.h), pure: every field's rule with its 422 naming
// the field, the separate consent, unknown fields; ages from birth dates.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "afterschool/child.h"
#include "afterschool/child_json.h"

namespace warmcity::afterschool {
namespace {

using nlohmann::json;

const core::LocalDate kToday{2026, 9, 14};

json child_good() {
  return {{"name", "张小明"},
          {"school", "凤山小学"},
          {"grade", "三年级"},
          {"birth_date", "2017-03-01"},
          {"health_notes", "花生过敏"},
          {"relation", "母亲"},
          {"consent", true}};
}

std::string child_refused(const json& body) {
  Result<ChildFields> f = read_child(body, kToday);
  EXPECT_FALSE(f.ok()) << body.dump();
  if (f.ok()) return "";
  EXPECT_EQ(f.status().code(), Code::kUnprocessable);
  return f.status().field_errors().empty() ? "" : f.status().field_errors().front().field;
}

std::string child_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

json child_with(json j, const std::string& field, json value) {
  j[field] = std::move(value);
  return j;
}

json child_without(json j, const std::string& field) {
  j.erase(field);
  return j;
}

TEST(FamilyChildRules, AGoodChildIsRead) {
  Result<ChildFields> f = read_child(child_with(child_good(), "name", "  张小明 "), kToday);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->name, "张小明");
  EXPECT_EQ(f->school, "凤山小学");
  EXPECT_EQ(f->grade, "三年级");
  EXPECT_EQ(f->birth_date, (core::LocalDate{2017, 3, 1}));
  EXPECT_EQ(f->health_notes, "花生过敏");
  EXPECT_EQ(f->relation, "母亲");
  Result<ChildFields> none = read_child(child_with(child_good(), "health_notes", nullptr), kToday);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->health_notes);
  Result<ChildFields> blank = read_child(child_with(child_good(), "health_notes", "  "), kToday);
  ASSERT_TRUE(blank.ok());
  EXPECT_FALSE(blank->health_notes);
}

TEST(FamilyChildRules, EveryFieldIsChecked) {
  EXPECT_EQ(child_refused(child_without(child_good(), "name")), "name");
  EXPECT_EQ(child_refused(child_with(child_good(), "name", "   ")), "name");
  EXPECT_EQ(child_refused(child_with(child_good(), "name", std::string(31 * 3, 'a'))), "name");
  EXPECT_EQ(child_refused(child_with(child_good(), "name", 12)), "name");
  EXPECT_EQ(child_refused(child_without(child_good(), "school")), "school");
  EXPECT_EQ(child_refused(child_with(child_good(), "school", std::string(61, 'x'))), "school");
  EXPECT_EQ(child_refused(child_without(child_good(), "grade")), "grade");
  EXPECT_EQ(child_refused(child_with(child_good(), "grade", json::array())), "grade");
  EXPECT_EQ(child_refused(child_with(child_good(), "health_notes", std::string(501, 'x'))),
            "health_notes");
  EXPECT_EQ(child_refused(child_with(child_good(), "health_notes", false)), "health_notes");
  EXPECT_EQ(child_refused(child_without(child_good(), "relation")), "relation");
  EXPECT_EQ(child_refused(child_with(child_good(), "relation", std::string(21, 'x'))), "relation");
  EXPECT_EQ(child_refused(child_with(child_good(), "nickname", "明明")), "nickname");
}

TEST(FamilyChildRules, TheBirthDateIsADatePastAndTheChild3To17) {
  EXPECT_EQ(child_refused(child_without(child_good(), "birth_date")), "birth_date");
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", "2017/03/01")), "birth_date");
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", "2017-02-30")), "birth_date");
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", 20170301)), "birth_date");
  Result<ChildFields> future =
      read_child(child_with(child_good(), "birth_date", "2026-09-15"), kToday);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.status().field_errors().front().message, "must not be in the future");
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", "2024-01-01")),
            "birth_date");                                                                     // 2
  EXPECT_TRUE(read_child(child_with(child_good(), "birth_date", "2023-09-14"), kToday).ok());  // 3
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", "2023-09-15")), "birth_date");
  EXPECT_TRUE(read_child(child_with(child_good(), "birth_date", "2008-09-15"), kToday).ok());  // 17
  EXPECT_EQ(child_refused(child_with(child_good(), "birth_date", "2008-09-14")),
            "birth_date");  // 18
}

TEST(FamilyChildRules, TheSeparateConsentMustBeTrue) {
  EXPECT_EQ(child_refused(child_without(child_good(), "consent")), "consent");
  EXPECT_EQ(child_refused(child_with(child_good(), "consent", false)), "consent");
  EXPECT_EQ(child_refused(child_with(child_good(), "consent", "true")), "consent");
  EXPECT_EQ(child_refused(child_with(child_good(), "consent", 1)), "consent");
}

TEST(FamilyChildRules, AgesFromBirthDates) {
  EXPECT_EQ(age_on({2017, 3, 1}, {2026, 9, 14}), 9);
  EXPECT_EQ(age_on({2017, 9, 14}, {2026, 9, 14}), 9);
  EXPECT_EQ(age_on({2017, 9, 15}, {2026, 9, 14}), 8);
  EXPECT_EQ(age_on({2016, 2, 29}, {2026, 2, 28}), 9);
  EXPECT_EQ(age_on({2016, 2, 29}, {2026, 3, 1}), 10);
  EXPECT_EQ(age_on({2026, 9, 15}, {2026, 9, 14}), -1);
}

TEST(FamilyChildRules, APatchChangesWhatIsPresent) {
  Result<ChildPatch> p = read_child_patch({{"grade", "四年级"}, {"health_notes", nullptr}});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->grade, "四年级");
  EXPECT_FALSE(p->name);
  ASSERT_TRUE(p->health_notes);
  EXPECT_FALSE(*p->health_notes);
  Result<ChildPatch> notes = read_child_patch({{"health_notes", "哮喘"}});
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(**notes->health_notes, "哮喘");
  EXPECT_FALSE(read_child_patch(json::object()).ok());
  EXPECT_EQ(child_field(read_child_patch({{"name", ""}}).status()), "name");
  EXPECT_EQ(child_field(read_child_patch({{"health_notes", 3}}).status()), "health_notes");
  EXPECT_EQ(child_field(read_child_patch({{"birth_date", "2017-03-01"}}).status()),
            "birth_date");  // not editable
}

TEST(FamilyChildRules, APhotoIsAPictureOrNullToRemoveIt) {
  // A 1×1 PNG as a data URL.
  const std::string png =
      "data:image/"
      "png;base64,"
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII"
      "=";
  Result<ChildFields> with = read_child(child_with(child_good(), "photo", png), kToday);
  ASSERT_TRUE(with.ok()) << with.status().message();
  ASSERT_TRUE(with->photo);
  EXPECT_EQ(with->photo->type, photos::ImageType::kPng);
  Result<ChildFields> without = read_child(child_with(child_good(), "photo", nullptr), kToday);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->photo);
  EXPECT_EQ(child_refused(child_with(child_good(), "photo", "not a picture")), "photo");
  EXPECT_EQ(child_refused(child_with(child_good(), "photo", 7)), "photo");
  Result<ChildPatch> give = read_child_patch({{"photo", png}});
  ASSERT_TRUE(give.ok()) << give.status().message();
  ASSERT_TRUE(give->photo);
  EXPECT_TRUE(*give->photo);
  Result<ChildPatch> drop = read_child_patch({{"photo", nullptr}});
  ASSERT_TRUE(drop.ok());
  ASSERT_TRUE(drop->photo);
  EXPECT_FALSE(*drop->photo);
  EXPECT_EQ(child_field(read_child_patch({{"photo", "aGVsbG8="}}).status()), "photo");
  EXPECT_EQ(child_field(read_child_patch({{"photo", json::array()}}).status()), "photo");
}

TEST(FamilyChildRules, AGuardianInviteNeedsAPhoneAndARelation) {
  Result<GuardianInvite> g = read_guardian_invite({{"phone", "13900000011"}, {"relation", "父亲"}});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->phone, "13900000011");
  EXPECT_EQ(child_field(read_guardian_invite({{"phone", "12345"}, {"relation", "父亲"}}).status()),
            "phone");
  EXPECT_EQ(
      child_field(read_guardian_invite({{"phone", 13900000011LL}, {"relation", "父亲"}}).status()),
      "phone");
  EXPECT_EQ(child_field(read_guardian_invite({{"phone", "13900000011"}}).status()), "relation");
}

TEST(FamilyChildRules, AnEnrolmentNeedsAProgrammeAndConsent) {
  Result<int64_t> id = read_enrolment({{"programme_id", 7}, {"consent", true}});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, 7);
  EXPECT_EQ(child_field(read_enrolment({{"programme_id", 7}}).status()), "consent");
  EXPECT_EQ(child_field(read_enrolment({{"programme_id", 7}, {"consent", false}}).status()),
            "consent");
  EXPECT_EQ(child_field(read_enrolment({{"programme_id", "7"}, {"consent", true}}).status()),
            "programme_id");
  EXPECT_EQ(child_field(read_enrolment({{"programme_id", 0}, {"consent", true}}).status()),
            "programme_id");
  EXPECT_EQ(child_field(read_enrolment({{"consent", true}}).status()), "programme_id");
}

TEST(FamilyChildRules, TheChildViewAndAGuardiansDay) {
  MyChild m;
  m.record.child = {5, "张小明", "凤山小学",    "三年级", "2017-03-01", "花生过敏",
                    0, 10,       1'789'375'200, 0,        "abc.png"};
  m.record.guardians = {{10, "张妈妈", "母亲", "13900000010"}};
  m.enrolments = {{3, 5, 1, "凤山四点半课堂", "active", 1'789'375'200, std::nullopt}};
  ChildToday here{
      1, "凤山四点半课堂", "gone",
      AttendanceToday{1, 1'789'375'200, "from_school", 1'789'382'400, "code", "张奶奶", "奶奶"},
      true};
  ChildToday expected{2, "龙山四点半课堂", "expected", std::nullopt, false};
  m.today = {here, expected};
  m.late_pickups_this_month = 2;
  const nlohmann::ordered_json j = my_child_json(m, kToday);
  EXPECT_EQ(j.at("age"), 9);
  EXPECT_EQ(j.at("birth_date"), "2017-03-01");
  EXPECT_EQ(j.at("has_photo"), true);  // whether there is one, never its file name
  EXPECT_EQ(j.dump().find("abc.png"), std::string::npos);
  EXPECT_EQ(j.at("guardians").dump(),
            R"([{"user_id":10,"display_name":"张妈妈","relation":"母亲","phone":"13900000010"}])");
  EXPECT_EQ(j.at("created_at"), "2026-09-14T16:40:00+08:00");
  EXPECT_EQ(j.at("enrolments")[0].at("status"), "active");
  EXPECT_TRUE(j.at("enrolments")[0].at("withdrawn_at").is_null());
  EXPECT_EQ(
      j.at("today")[0].dump(),
      R"({"programme_id":1,"programme_name":"凤山四点半课堂","state":"gone","checked_in_at":"2026-09-14T16:40:00+08:00",)"
      R"("brought_by":"from_school","checked_out_at":"2026-09-14T18:40:00+08:00",)"
      R"("picked_up_by":{"name":"张奶奶","relation":"奶奶","method":"code"},)"
      R"("late_alert":true})");
  EXPECT_EQ(
      j.at("today")[1].dump(),
      R"({"programme_id":2,"programme_name":"龙山四点半课堂","state":"expected","checked_in_at":null,"brought_by":null,)"
      R"("checked_out_at":null,"picked_up_by":null,"late_alert":false})");
  EXPECT_EQ(j.at("late_pickups_this_month"), 2);
  EXPECT_TRUE(j.at("pickup_adults").empty());
}

TEST(FamilyChildRules, ARefusalNamesItsCodeAndField) {
  auto body = [](const Status& s) { return json::parse(family_problem(s).body); };
  json full = body(Status::Conflict("full: the programme has no place left"));
  EXPECT_EQ(full.at("error"), "full");
  EXPECT_EQ(full.at("status"), 409);
  json none = body(Status::NotFound("no_account: ask them to sign in once"));
  EXPECT_EQ(none.at("error"), "no_account");
  json bad =
      body(Status::Unprocessable("some fields are not valid", {{"consent", "must be true"}}));
  EXPECT_EQ(bad.at("error"), "invalid");
  EXPECT_EQ(bad.at("field"), "consent");
  EXPECT_FALSE(body(Status::NotFound("no such child")).contains("error"));
}

}  // namespace
}  // namespace warmcity::afterschool
