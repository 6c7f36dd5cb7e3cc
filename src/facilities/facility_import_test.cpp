#include "facilities/facility_import.h"

#include <gtest/gtest.h>

#include "core/csv.h"
#include "facilities/facility_formats.h"

namespace warmcity::facilities {
namespace {

const char kHeader[] =
    "kind,name,address,lon,lat,keeper_org_id,contact_phone,opening_hours,amenities\r\n";

// No organisation exists but 7.
Result<std::vector<int64_t>> only_seven(const std::vector<int64_t>& ids) {
  std::vector<int64_t> missing;
  for (int64_t id : ids) {
    if (id != 7) missing.push_back(id);
  }
  return missing;
}

ImportPlan plan(std::string_view body, ImportFormat format = ImportFormat::kCsv) {
  ImportOptions o;
  o.format = format;
  Result<ImportPlan> p = plan_import(body, o, only_seven);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(*p) : ImportPlan{};
}

TEST(FacilityImportCsv, ReadsGoodRowsWithQuotedCellsAndAmenities) {
  std::string body = std::string(kHeader) +
                     "love_station,\"滨河驿站, 东\",滨河路1号,111.14,37.52,7,13812345678,"
                     "\"Mo-Su 08:00-20:00\",\"{\"\"hot_water\"\": true, \"\"seats\"\": 6}\"\r\n"
                     "toilet,凤山公厕,凤山路,111.15,37.53,,,,\r\n";
  ImportPlan p = plan(body);
  ASSERT_TRUE(p.errors.empty()) << p.errors[0].field << ": " << p.errors[0].message;
  ASSERT_EQ(p.valid.size(), 2u);
  EXPECT_EQ(p.rows, 2u);
  const Facility& f = p.valid[0].facility;
  EXPECT_EQ(f.kind, Kind::kLoveStation);
  EXPECT_EQ(f.name, "滨河驿站, 东");
  EXPECT_DOUBLE_EQ(f.lon, 111.14);
  EXPECT_EQ(f.keeper_org_id, 7);
  EXPECT_NE(f.amenities_json.find("\"seats\":6"), std::string::npos);
  EXPECT_EQ(p.valid[1].line, 3u);
  EXPECT_FALSE(p.valid[1].facility.keeper_org_id);
  EXPECT_EQ(p.encoding, core::TextEncoding::kUtf8);
}

TEST(FacilityImportCsv, ReportsEveryBadRowWithItsPhysicalLine) {
  std::string body = std::string(kHeader) +
                     "toilet,\"two\nline name\",路,111.1,37.5,,,,\n"  // lines 2-3, fine
                     "spaceship,x,路,111.1,37.5,,,Mo-Zz 25:00,\n"     // line 4: kind, hours
                     "toilet,x,路,abc,95,,,,\n"                       // line 5: lon, lat
                     "toilet,x,路,111.1,37.5,9,,,\n"                  // line 6: keeper
                     "love_station,x,路,111.1,37.5,,,,\"{\"\"jetpack\"\":1}\"\n"  // line 7: amenity
                     "toilet,x,路\n"                                              // line 8: short
                     "toilet,x,路,111.1,37.5,,,,{broken\n";                       // line 9: JSON
  ImportPlan p = plan(body);
  EXPECT_EQ(p.rows, 7u);
  EXPECT_EQ(p.valid.size(), 1u);
  EXPECT_EQ(p.invalid_rows, 6u);
  auto has = [&](size_t line, const std::string& field) {
    for (const RowError& e : p.errors) {
      if (e.line == line && e.field == field) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(4, "kind"));
  EXPECT_TRUE(has(5, "lon"));
  EXPECT_TRUE(has(5, "lat"));
  EXPECT_TRUE(has(6, "keeper_org_id"));
  EXPECT_TRUE(has(4, "opening_hours"));
  EXPECT_TRUE(has(7, "amenities.jetpack"));
  EXPECT_TRUE(has(8, "row"));
  EXPECT_TRUE(has(9, "amenities"));
  for (size_t i = 1; i < p.errors.size(); ++i) EXPECT_LE(p.errors[i - 1].line, p.errors[i].line);
  EXPECT_NE(import_problem_detail(p).find("6 of 7 rows"), std::string::npos);
}

TEST(FacilityImportCsv, Gb18030BomAndHeaderProblems) {
  // 暖城 in GB18030, detected.
  ImportPlan gb = plan("kind,name,address,lon,lat\ntoilet,\xC5\xAF\xB3\xC7,x,111.1,37.5\n");
  ASSERT_EQ(gb.valid.size(), 1u);
  EXPECT_EQ(gb.valid[0].facility.name, "暖城");
  EXPECT_EQ(gb.encoding, core::TextEncoding::kGb18030);
  // A BOM before the header and the export's read-only columns.
  ImportPlan bom =
      plan("\xEF\xBB\xBFid,kind,name,address,lon,lat,created_at\n5,toilet,a,b,111,37,x\n");
  EXPECT_EQ(bom.valid.size(), 1u);
  // Unknown, repeated and missing columns: the file cannot be read.
  ImportPlan bad = plan("kind,name,name,colour\n");
  EXPECT_TRUE(bad.unreadable);
  EXPECT_EQ(bad.errors.front().line, 1u);
  EXPECT_GE(bad.errors.size(), 5u);  // colour, name twice, address, lon, lat
  ImportPlan latin = plan("kind,name,address,lon,lat\ntoilet,Caf\xE9 1,x,111,37\n");
  EXPECT_TRUE(latin.unreadable);
  EXPECT_EQ(latin.errors.front().field, "encoding");
  EXPECT_EQ(latin.errors.front().line, 2u);
  EXPECT_TRUE(plan("").unreadable);
}

// Found by fuzz/import_files: a header's errors were not capped.
TEST(FacilityImportCsv, AnUnreadableHeaderReportsAtMostTheCap) {
  std::string header = "kind,name,address,lon,lat";
  for (int i = 0; i < 600; ++i) header += ",c" + std::to_string(i);
  ImportPlan bad = plan(header + "\n");
  EXPECT_TRUE(bad.unreadable);
  EXPECT_EQ(bad.error_count, 600u);
  EXPECT_EQ(bad.errors.size(), kMaxReportedImportErrors);
}

TEST(FacilityImportGeoJson, PointsPropertiesAndErrorsByFeatureIndex) {
  std::string body = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","geometry":{"type":"Point","coordinates":[111.14,37.52]},
     "properties":{"id":3,"kind":"toilet","name":"公厕","address":"路","amenities":{"wheelchair":true}}},
    {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},
     "properties":{"kind":"toilet","name":"x","address":"路"}},
    {"type":"Feature","geometry":{"type":"Point","coordinates":[111.14,37.52]},
     "properties":{"kind":"toilet","name":"","address":"路","lat":1}}
  ]})";
  ImportPlan p = plan(body, ImportFormat::kGeoJson);
  ASSERT_EQ(p.valid.size(), 1u);
  EXPECT_EQ(p.valid[0].facility.name, "公厕");
  EXPECT_EQ(p.invalid_rows, 2u);
  ASSERT_GE(p.errors.size(), 2u);
  EXPECT_EQ(p.errors[0].line, 1u);
  EXPECT_EQ(p.errors[0].field, "geometry");
  EXPECT_EQ(p.errors[1].line, 2u);
  EXPECT_EQ(p.errors[1].field, "properties.lat");

  ImportOptions o;
  o.format = ImportFormat::kGeoJson;
  EXPECT_EQ(plan_import("[1]", o, only_seven).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(plan_import(R"({"type":"Feature"})", o, only_seven).status().code(),
            Code::kUnprocessable);
}

TEST(FacilityImportCsv, AnExportImportsAgainAndFormulasStayText) {
  Facility f;
  f.id = 12;
  f.kind = Kind::kToilet;
  f.name = "=HYPERLINK(\"http://x\")";
  f.address = "路, 1 号";
  f.lat = 37.5;
  f.lon = 111.1;
  f.amenities_json = R"({"wheelchair":false,"baby_change":true,"sections":"all_gender"})";
  f.suspended = true;
  f.suspended_reason = "维修";
  std::string body;
  core::append_csv_record(body, csv_export_header());
  const std::vector<std::string> record = csv_export_record(f);
  EXPECT_EQ(record[2], "'=HYPERLINK(\"http://x\")");
  core::append_csv_record(body, record);
  ImportPlan p = plan(body);
  ASSERT_EQ(p.valid.size(), 1u) << (p.errors.empty()
                                        ? ""
                                        : p.errors[0].field + ": " + p.errors[0].message);
  const Facility& back = p.valid[0].facility;
  EXPECT_EQ(back.name, f.name);
  EXPECT_EQ(back.address, f.address);
  EXPECT_EQ(back.amenities_json, f.amenities_json);
  EXPECT_TRUE(back.suspended);
  EXPECT_EQ(back.suspended_reason, "维修");
}

TEST(FacilityImport, ReportsProgress) {
  std::string body = "kind,name,address,lon,lat\n";
  for (int i = 0; i < 2500; ++i) body += "toilet,t" + std::to_string(i) + ",路,111.1,37.5\n";
  ImportOptions o;
  std::vector<size_t> seen;
  o.progress = [&](size_t checked, size_t total) {
    EXPECT_EQ(total, 2500u);
    seen.push_back(checked);
  };
  ASSERT_TRUE(plan_import(body, o, only_seven).ok());
  EXPECT_EQ(seen, (std::vector<size_t>{1000, 2000, 2500}));
  seen.clear();
  body.resize(body.find("t2000,"));  // 2000 rows: the end is reported once
  body.resize(body.rfind('\n') + 1);
  o.progress = [&](size_t checked, size_t) { seen.push_back(checked); };
  ASSERT_TRUE(plan_import(body, o, only_seven).ok());
  EXPECT_EQ(seen, (std::vector<size_t>{1000, 2000}));
}

}  // namespace
}  // namespace warmcity::facilities
