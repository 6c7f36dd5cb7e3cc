// Category checks and attribute answers in Open311's datatypes.
#include "appeals/category.h"

#include <gtest/gtest.h>

namespace warmcity::appeals {
namespace {

Category parking() {
  Category c;
  c.code = "parking";
  c.name_zh = "乱停车";
  c.name_en = "Illegal parking";
  c.group = "城市管理";
  c.response_hours = 24;
  c.resolution_days = 5;
  Result<std::vector<Attribute>> a = attributes_from_json(R"([
    {"code": "plate", "datatype": "string", "required": false, "order": 2, "description": "车牌"},
    {"code": "count", "datatype": "number", "required": true, "order": 1, "description": "几辆车"},
    {"code": "seen_at", "datatype": "datetime", "order": 3, "description": "发现时间"},
    {"code": "blocks", "datatype": "multivaluelist", "order": 4, "description": "堵了什么",
     "values": [{"key": "fire_lane", "name": "消防通道"}, {"key": "gate", "name": "小区门口"}]},
    {"code": "often", "datatype": "singlevaluelist", "order": 5, "description": "经常吗",
     "values": [{"key": "yes", "name": "经常"}, {"key": "no", "name": "偶尔"}]},
    {"code": "more", "datatype": "text", "order": 6, "description": "补充"}
  ])");
  EXPECT_TRUE(a.ok()) << a.status().message();
  if (a.ok()) c.attributes = *a;
  return c;
}

std::vector<std::string> fields(const Status& s) {
  std::vector<std::string> out;
  for (const FieldError& e : s.field_errors()) out.push_back(e.field);
  return out;
}

TEST(Category, EnglishQuestionsAndValueNamesRoundTripAndMayBeMissing) {
  Result<std::vector<Attribute>> a = attributes_from_json(R"([
    {"code": "often", "datatype": "singlevaluelist", "description": "经常吗",
     "description_en": "Does it happen often?",
     "values": [{"key": "yes", "name": "经常", "name_en": "Often"}, {"key": "no", "name": "偶尔"}]},
    {"code": "more", "datatype": "text", "description": "补充"}
  ])");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ((*a)[0].description_en, "Does it happen often?");
  EXPECT_EQ((*a)[0].values[0].name_en, "Often");
  EXPECT_EQ((*a)[0].values[1].name_en, "");  // readers fall back to the Chinese
  EXPECT_EQ((*a)[1].description_en, "");
  Result<std::vector<Attribute>> again = attributes_from_json(attributes_to_json(*a));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)[0].description_en, "Does it happen often?");
  EXPECT_EQ((*again)[0].values[0].name_en, "Often");
}

TEST(Category, EnglishLabelsAreChecked) {
  Category c = parking();
  c.attributes[0].description_en = std::string(201, 'x');
  c.attributes[3].values[0].name_en = std::string(65, 'x');
  EXPECT_EQ(fields(check_category(c)),
            (std::vector<std::string>{"attributes[0].description_en",
                                      "attributes[3].values[0].name_en"}));
  Result<std::vector<Attribute>> wrong = attributes_from_json(
      R"([{"code": "a", "datatype": "string", "description": "问", "description_en": 5},
          {"code": "b", "datatype": "singlevaluelist", "description": "问",
           "values": [{"key": "k", "name": "名", "name_en": false}]}])");
  EXPECT_EQ(fields(wrong.status()),
            (std::vector<std::string>{"attributes[0].description_en", "attributes[1].values[0]"}));
}

TEST(Category, StrandedIsNotACode) {
  Category c = parking();
  c.code = "stranded";
  EXPECT_EQ(fields(check_category(c)), (std::vector<std::string>{"code"}));
}

TEST(Category, AttributesSortByOrderAndRoundTrip) {
  Category c = parking();
  ASSERT_EQ(c.attributes.size(), 6u);
  EXPECT_EQ(c.attributes[0].code, "count");
  EXPECT_TRUE(check_category(c).ok()) << check_category(c).message();
  Result<std::vector<Attribute>> again = attributes_from_json(attributes_to_json(c.attributes));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 6u);
  EXPECT_EQ((*again)[3].values[0].name, "消防通道");
  EXPECT_EQ((*again)[3].datatype, Datatype::kMultiValueList);
}

TEST(Category, BadDefinitionsNameTheField) {
  Category c = parking();
  c.code = "Bad Code";
  c.response_hours = 0;
  c.attributes[0].values.push_back({"x", "y", ""});  // a number with values
  c.attributes[1].code = "count";                    // repeated
  EXPECT_EQ(fields(check_category(c)),
            (std::vector<std::string>{"code", "response_hours", "attributes[0].values",
                                      "attributes[1].code"}));
  Result<std::vector<Attribute>> bad =
      attributes_from_json(R"([{"code": "x", "datatype": "color", "description": "?"}])");
  EXPECT_EQ(fields(bad.status()), std::vector<std::string>{"attributes[0].datatype"});
  Category list = parking();
  list.attributes[4].values.clear();
  EXPECT_EQ(fields(check_category(list)), std::vector<std::string>{"attributes[4].values"});
}

TEST(Category, GoodAnswersAreStoredTyped) {
  Result<std::string> out = check_answers(parking(), {{"count", {"3"}},
                                                      {"plate", {"晋J12345"}},
                                                      {"seen_at", {"2026-05-01T08:00:00+08:00"}},
                                                      {"blocks", {"fire_lane", "gate"}},
                                                      {"often", {"yes"}}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, R"({"blocks":["fire_lane","gate"],"count":3.0,"often":"yes","plate":"晋J12345",)"
                  R"("seen_at":"2026-05-01T08:00:00+08:00"})");
}

TEST(Category, BadAnswersNameTheAttribute) {
  Result<std::string> out = check_answers(parking(), {{"plate", {std::string(256, 'x')}},
                                                      {"seen_at", {"yesterday"}},
                                                      {"blocks", {"fire_lane", "fire_lane"}},
                                                      {"often", {"sometimes"}},
                                                      {"colour", {"red"}}});
  EXPECT_EQ(out.status().code(), Code::kUnprocessable);
  EXPECT_EQ(
      fields(out.status()),
      (std::vector<std::string>{"attributes.blocks", "attributes.colour", "attributes.often",
                                "attributes.plate", "attributes.seen_at", "attributes.count"}));
  EXPECT_EQ(fields(check_answers(parking(), {{"count", {"many"}}}).status()),
            std::vector<std::string>{"attributes.count"});
  EXPECT_EQ(fields(check_answers(parking(), {{"count", {"1", "2"}}}).status()),
            std::vector<std::string>{"attributes.count"});
  EXPECT_TRUE(check_answers(parking(), {{"count", {"1e2"}}}).ok());
}

}  // namespace
}  // namespace warmcity::appeals
