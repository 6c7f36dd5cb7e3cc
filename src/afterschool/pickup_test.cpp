// A pickup adult's bodies and code (pickup_adult.h), pure: every field's
// rule with its 422 naming the field — an adult by birth date, a phone that
// is a phone, a photo that is a picture, 1–10 children — and the code's
// stored form.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "afterschool/pickup_adult.h"
#include "afterschool/pickup_json.h"

namespace warmcity::afterschool {
namespace {

using nlohmann::json;

const core::LocalDate kPickupToday{2026, 9, 14};

// A 1×1 PNG as base64.
constexpr char kPngBase64[] =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=";

json pickup_good() {
  return {{"name", "张奶奶"},           {"relation", "奶奶"},          {"phone", "13800000001"},
          {"birth_date", "1958-04-02"}, {"valid_until", "2027-01-20"}, {"child_ids", {1, 2}}};
}

json pickup_with(json j, const std::string& field, json value) {
  j[field] = std::move(value);
  return j;
}

json pickup_without(json j, const std::string& field) {
  j.erase(field);
  return j;
}

std::string pickup_refused(const json& body) {
  Result<PickupAdultFields> f = read_pickup_adult(body, kPickupToday);
  EXPECT_FALSE(f.ok()) << body.dump();
  if (f.ok()) return "";
  EXPECT_EQ(f.status().code(), Code::kUnprocessable);
  return f.status().field_errors().empty() ? "" : f.status().field_errors().front().field;
}

// "field: message; …" of a refusal, for failure messages.
std::string pickup_errors(const Status& s) {
  std::string out = s.message();
  for (const FieldError& e : s.field_errors()) out += "; " + e.field + ": " + e.message;
  return out;
}

std::string pickup_field(const Status& s) {
  return s.field_errors().empty() ? "" : s.field_errors().front().field;
}

TEST(FamilyPickupRules, AGoodAdultIsRead) {
  Result<PickupAdultFields> f = read_pickup_adult(pickup_good(), kPickupToday);
  ASSERT_TRUE(f.ok()) << pickup_errors(f.status());
  EXPECT_EQ(f->name, "张奶奶");
  EXPECT_EQ(f->relation, "奶奶");
  EXPECT_EQ(f->phone, "13800000001");
  EXPECT_EQ(f->birth_date, (core::LocalDate{1958, 4, 2}));
  EXPECT_EQ(f->valid_until, (core::LocalDate{2027, 1, 20}));
  EXPECT_FALSE(f->photo);
  EXPECT_EQ(f->child_ids, (std::vector<int64_t>{1, 2}));
  Result<PickupAdultFields> open =
      read_pickup_adult(pickup_with(pickup_good(), "valid_until", nullptr), kPickupToday);
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->valid_until);
  Result<PickupAdultFields> landline =
      read_pickup_adult(pickup_with(pickup_good(), "phone", "0358-8221234"), kPickupToday);
  EXPECT_TRUE(landline.ok());
}

TEST(FamilyPickupRules, APickupAdultMustBeAnAdult) {
  Result<PickupAdultFields> minor =
      read_pickup_adult(pickup_with(pickup_good(), "birth_date", "2008-09-15"), kPickupToday);
  ASSERT_FALSE(minor.ok());
  EXPECT_EQ(pickup_field(minor.status()), "birth_date");
  EXPECT_NE(minor.status().field_errors().front().message.find("must be an adult"),
            std::string::npos);
  EXPECT_TRUE(
      read_pickup_adult(pickup_with(pickup_good(), "birth_date", "2008-09-14"), kPickupToday)
          .ok());  // 18 today
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "birth_date", "2030-01-01")), "birth_date");
  EXPECT_TRUE(
      read_pickup_adult(pickup_with(pickup_good(), "birth_date", "1946-02-28"), kPickupToday)
          .ok());  // before 1970: a grandmother's
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "birth_date", "1950-02-29")), "birth_date");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "birth_date", "1850-01-01")), "birth_date");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "birth_date", "1958-4-2")), "birth_date");
  EXPECT_EQ(pickup_refused(pickup_without(pickup_good(), "birth_date")), "birth_date");
}

TEST(FamilyPickupRules, EveryFieldIsChecked) {
  EXPECT_EQ(pickup_refused(pickup_without(pickup_good(), "name")), "name");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "name", " ")), "name");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "relation", std::string(21, 'x'))),
            "relation");
  EXPECT_EQ(pickup_refused(pickup_without(pickup_good(), "phone")), "phone");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "phone", "not a phone")), "phone");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "phone", "+8613800000001")), "phone");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "phone", 13800000001LL)), "phone");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "valid_until", "2026-09-13")), "valid_until");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "valid_until", true)), "valid_until");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "photo", "not a picture")), "photo");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "photo", 5)), "photo");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "code", "123456")), "code");
}

TEST(FamilyPickupRules, OneToTenDistinctChildren) {
  EXPECT_EQ(pickup_refused(pickup_without(pickup_good(), "child_ids")), "child_ids");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "child_ids", json::array())), "child_ids");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "child_ids", {1, 1})), "child_ids");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "child_ids", {"1"})), "child_ids");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "child_ids", {0})), "child_ids");
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "child_ids", 1)), "child_ids");
  EXPECT_EQ(
      pickup_refused(pickup_with(pickup_good(), "child_ids", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})),
      "child_ids");
  EXPECT_TRUE(
      read_pickup_adult(pickup_with(pickup_good(), "child_ids", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
                        kPickupToday)
          .ok());
}

TEST(FamilyPickupRules, APhotoIsAPicture) {
  Result<PickupAdultFields> plain =
      read_pickup_adult(pickup_with(pickup_good(), "photo", kPngBase64), kPickupToday);
  ASSERT_TRUE(plain.ok()) << pickup_errors(plain.status());
  ASSERT_TRUE(plain->photo);
  EXPECT_EQ(plain->photo->type, photos::ImageType::kPng);
  Result<PickupAdultFields> url = read_pickup_adult(
      pickup_with(pickup_good(), "photo", std::string("data:image/png;base64,") + kPngBase64),
      kPickupToday);
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_TRUE(url->photo);
  EXPECT_EQ(pickup_refused(pickup_with(pickup_good(), "photo",
                                       std::string("data:image/jpeg;base64,") + kPngBase64)),
            "photo");
}

TEST(FamilyPickupRules, APatchChangesWhatIsPresent) {
  Result<PickupAdultPatch> p = read_pickup_adult_patch(
      {{"phone", "13800000002"}, {"valid_until", nullptr}, {"photo", nullptr}}, kPickupToday);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->phone, "13800000002");
  ASSERT_TRUE(p->valid_until);
  EXPECT_FALSE(*p->valid_until);
  ASSERT_TRUE(p->photo);
  EXPECT_FALSE(*p->photo);
  EXPECT_FALSE(p->name);
  EXPECT_FALSE(p->child_ids);
  EXPECT_FALSE(read_pickup_adult_patch(json::object(), kPickupToday).ok());
  EXPECT_EQ(pickup_field(read_pickup_adult_patch({{"phone", "110"}}, kPickupToday).status()),
            "phone");
  EXPECT_EQ(
      pickup_field(read_pickup_adult_patch({{"birth_date", "1958-04-02"}}, kPickupToday).status()),
      "birth_date");  // not editable
  EXPECT_EQ(
      pickup_field(read_pickup_adult_patch({{"child_ids", json::array()}}, kPickupToday).status()),
      "child_ids");
}

TEST(FamilyPickupRules, TheCodeIsStoredSaltedAndBoundToTheAdult) {
  const std::string h = pickup_code_hash("salt", 7, "123456");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, pickup_code_hash("salt", 7, "123456"));
  EXPECT_NE(h, pickup_code_hash("salt", 8, "123456"));
  EXPECT_NE(h, pickup_code_hash("other", 7, "123456"));
  EXPECT_NE(h, pickup_code_hash("salt", 7, "123457"));
  EXPECT_EQ(h.find("123456"), std::string::npos);
}

TEST(FamilyPickupRules, TheViewNeverShowsTheCodeAndTheAnswerThatMadeItShowsItOnce) {
  PickupAdultRow a;
  a.id = 7;
  a.name = "张奶奶";
  a.relation = "奶奶";
  a.phone = "13800000001";
  a.birth_date = "1958-04-02";
  a.valid_until = "2026-09-13";
  a.photo_file = "ab.png";
  a.code_set_at = 1'789'375'200;
  a.child_ids = {1, 2};
  const nlohmann::ordered_json v = pickup_adult_json(a, kPickupToday);
  EXPECT_EQ(v.dump(),
            R"({"id":7,"name":"张奶奶","relation":"奶奶","phone":"13800000001",)"
            R"("birth_date":"1958-04-02","valid_until":"2026-09-13","has_photo":true,)"
            R"("child_ids":[1,2],"revoked_at":null,"code_set_at":"2026-09-14T16:40:00+08:00",)"
            R"("active":false})");  // valid until yesterday
  a.valid_until.reset();
  EXPECT_TRUE(pickup_adult_json(a, kPickupToday).at("active").get<bool>());
  a.revoked_at = 1'789'375'260;
  EXPECT_FALSE(pickup_adult_json(a, kPickupToday).at("active").get<bool>());
  const nlohmann::ordered_json made = adult_with_code_json({a, "042917"}, kPickupToday);
  EXPECT_EQ(made.at("code"), "042917");
  EXPECT_FALSE(made.at("adult").contains("code"));
  EXPECT_EQ(made.at("adult").dump().find("042917"), std::string::npos);
}

}  // namespace
}  // namespace warmcity::afterschool
