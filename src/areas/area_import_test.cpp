#include "areas/area_import.h"

#include <gtest/gtest.h>

#include <map>

#include "areas/test_shapes.h"

namespace warmcity::areas {
namespace {

using nlohmann::json;
using testing_util::collection;
using testing_util::feature;
using testing_util::square;

class ImportPlanTest : public ::testing::Test {
 protected:
  Result<ImportPlan> plan(const json& doc) { return plan_import(doc.dump(), lookup); }

  std::map<std::string, Level> existing = {{"LS-FS", Level::kSubdistrict}};
  CodeLookup lookup = [this](const std::string& code) -> Result<std::optional<Level>> {
    auto it = existing.find(code);
    if (it == existing.end()) return std::optional<Level>();
    return std::optional<Level>(it->second);
  };
};

TEST_F(ImportPlanTest, ParentsMayBeEarlierFeaturesOrExistingAreas) {
  auto r = plan(collection({
      feature("subdistrict", "滨河", "LS-BH", "", square(0, 0, 10, 10)),
      feature("community", "生态园", "LS-BH-STY", "LS-BH", square(0, 0, 5, 5)),
      feature("grid", "生态园一网格", "LS-BH-STY-1", "LS-BH-STY", square(0, 0, 2, 2)),
      feature("community", "高家沟", "LS-FS-GJG", "LS-FS", square(20, 0, 25, 5)),
  }));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->invalid.empty());
  ASSERT_EQ(r->features.size(), 4u);
  EXPECT_EQ(r->features[2].level, Level::kGrid);
  EXPECT_EQ(r->features[2].parent_code, "LS-BH-STY");
  EXPECT_EQ(r->features[3].index, 3u);
}

TEST_F(ImportPlanTest, ReportsEveryErrorOfEveryFeature) {
  json point = {{"type", "Point"}, {"coordinates", {111.14, 37.52}}};
  json no_name = feature("community", "", "C2", "LS-FS", square(0, 0, 1, 1));
  no_name["properties"].erase("name");
  auto r = plan(collection({
      feature("subdistrict", "滨河", "LS-BH", "", square(0, 0, 10, 10)),
      feature("community", "生态园", "C1", "LS-BH", point),
      no_name,
      feature("grid", "网格", "G1", "NOPE", square(0, 0, 1, 1)),
      feature("grid", "网格", "G2", "C1", square(0, 0, 1, 1)),
      feature("grid", "网格", "G3", "LS-BH", square(0, 0, 1, 1)),
      feature("town", "镇", "LS-BH", "", square(0, 0, 1, 1)),
      feature("subdistrict", "凤山", "LS-FS", "", square(0, 0, 1, 1)),
      json{{"type", "Feature"}},
      json(42),
  }));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->features.size(), 1u);
  std::map<std::string, std::string> errors;
  for (const SkippedFeature& f : r->invalid) {
    for (const FieldError& e : f.errors) errors[e.field] = e.message;
  }
  EXPECT_EQ(errors["features[1].geometry"], "boundary must be a Polygon or MultiPolygon");
  EXPECT_EQ(errors["features[2].properties.name"], "is required");
  EXPECT_EQ(errors["features[3].properties.parent_code"],
            "no area and no earlier feature has the code NOPE");
  EXPECT_EQ(errors["features[4].properties.parent_code"], "names features[1], which is not valid");
  EXPECT_EQ(errors["features[5].properties.parent_code"], "must name a community");
  EXPECT_EQ(errors["features[6].properties.level"], "must be one of subdistrict, community, grid");
  EXPECT_EQ(errors["features[6].properties.code"], "the code LS-BH is also used by features[0]");
  EXPECT_EQ(errors["features[7].properties.code"], "an area with the code LS-FS exists already");
  EXPECT_EQ(errors["features[8].properties"], "must be an object with level and name");
  EXPECT_EQ(errors["features[8].geometry"], "is required");
  EXPECT_EQ(errors["features[9]"], "must be a GeoJSON Feature");
  EXPECT_EQ(r->invalid.size(), 9u);

  Status refused = import_problem(*r);
  EXPECT_EQ(refused.code(), Code::kUnprocessable);
  EXPECT_EQ(refused.field_errors().size(), 11u);
  EXPECT_EQ(refused.field_errors()[0].field, "features[1].geometry");
  EXPECT_NE(refused.message().find("9 of 10 features"), std::string::npos);
}

TEST_F(ImportPlanTest, ASubdistrictHasNoParentAndOthersNeedOne) {
  auto r = plan(collection({
      feature("subdistrict", "滨河", "S1", "LS-FS", square(0, 0, 1, 1)),
      feature("community", "交通路", "C1", "", square(0, 0, 1, 1)),
  }));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->invalid.size(), 2u);
  EXPECT_EQ(r->invalid[0].errors[0].message, "a sub-district has no parent");
  EXPECT_EQ(r->invalid[1].errors[0].message, "a community needs the code of its subdistrict");
}

TEST_F(ImportPlanTest, RefusesWhatIsNotAFeatureCollection) {
  auto malformed = plan_import("{\"type\": ", lookup);
  EXPECT_EQ(malformed.status().code(), Code::kInvalidArgument);
  auto point = plan(json{{"type", "Point"}, {"coordinates", {1, 2}}});
  EXPECT_EQ(point.status().code(), Code::kUnprocessable);
  EXPECT_EQ(point.status().field_errors()[0].field, "type");
  auto no_features = plan(json{{"type", "FeatureCollection"}, {"features", 3}});
  EXPECT_EQ(no_features.status().field_errors()[0].field, "features");
  auto empty = plan(collection(json::array()));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->features.empty());
}

}  // namespace
}  // namespace warmcity::areas
