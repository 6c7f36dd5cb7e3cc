#include <gtest/gtest.h>

#include "facilities/amenities.h"
#include "facilities/amenities_json.h"

namespace warmcity::facilities {
namespace {

using nlohmann::json;

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const FieldError& e : errors) out.push_back(e.field);
  return out;
}

TEST(Amenities, LoveStationFillsDefaultsAndSetsFlags) {
  std::vector<FieldError> errors;
  auto a = read_amenities(Kind::kLoveStation, json{{"heating", true}, {"seats", 6}}, errors);
  ASSERT_TRUE(a) << errors.front().message;
  EXPECT_EQ(a->json,
            R"({"drinking_water":false,"hot_water":false,"heating":true,"cooling":false,)"
            R"("microwave":false,"charging":false,"first_aid":false,"toilet":false,"seats":6})");
  EXPECT_EQ(a->flags, *amenity_flag(Kind::kLoveStation, "heating"));
  EXPECT_FALSE(amenity_flag(Kind::kLoveStation, "seats"));  // not a boolean
  EXPECT_FALSE(amenity_flag(Kind::kToilet, "heating"));
}

TEST(Amenities, LoveStationRejectsWrongTypesAndUnknownKeys) {
  std::vector<FieldError> errors;
  auto a = read_amenities(Kind::kLoveStation,
                          json{{"heating", "yes"}, {"seats", -1}, {"sauna", true}}, errors);
  EXPECT_FALSE(a);
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"amenities.sauna", "amenities.heating", "amenities.seats"}));
}

TEST(Amenities, ToiletSections) {
  std::vector<FieldError> errors;
  auto a =
      read_amenities(Kind::kToilet, json{{"sections", "all_gender"}, {"wheelchair", true}}, errors);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->json, R"({"wheelchair":true,"baby_change":false,"sections":"all_gender"})");
  EXPECT_FALSE(read_amenities(Kind::kToilet, json{{"sections", "unisex"}}, errors));
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"amenities.sections"});
}

TEST(Amenities, ParkingNeedsCapacityAndBoundsTheRest) {
  std::vector<FieldError> errors;
  auto a = read_amenities(Kind::kParking,
                          json{{"capacity", 40}, {"fee_fen_per_hour", 0}, {"rules", "夜间开放"}},
                          errors);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->capacity, 40);
  EXPECT_EQ(a->json,
            R"({"capacity":40,"fee_fen_per_hour":0,"max_stay_minutes":null,"rules":"夜间开放"})");
  errors.clear();
  EXPECT_FALSE(read_amenities(
      Kind::kParking,
      json{{"fee_fen_per_hour", -1}, {"max_stay_minutes", 0}, {"rules", std::string(501, 'x')}},
      errors));
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"amenities.capacity", "amenities.fee_fen_per_hour",
                                      "amenities.max_stay_minutes", "amenities.rules"}));
}

TEST(Amenities, OtherKindsHaveNone) {
  std::vector<FieldError> errors;
  auto a = read_amenities(Kind::kCanteen, json::object(), errors);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->json, "{}");
  EXPECT_FALSE(read_amenities(Kind::kCanteen, json{{"heating", true}}, errors));
  EXPECT_FALSE(read_amenities(Kind::kCanteen, json::array(), errors));
  EXPECT_EQ(errors.back().field, "amenities");
}

TEST(Amenities, StoredTextReadsBack) {
  auto a = amenities_from_text(Kind::kLoveStation, R"({"hot_water":true})");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->flags, *amenity_flag(Kind::kLoveStation, "hot_water"));
  EXPECT_FALSE(amenities_from_text(Kind::kParking, "{}").ok());
}

}  // namespace
}  // namespace warmcity::facilities
