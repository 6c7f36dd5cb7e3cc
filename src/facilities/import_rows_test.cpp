#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/wait_for.h"
#include "facilities/service_test_fixture.h"

namespace warmcity::facilities {
namespace {

using store::testing_util::query_int;

class ImportRowsTest : public ServiceTest {
 protected:
  static std::vector<Facility> toilets(size_t n) {
    std::vector<Facility> rows(n);
    for (size_t i = 0; i < n; ++i) {
      rows[i].kind = Kind::kToilet;
      rows[i].name = "公厕 " + std::to_string(i);
      rows[i].address = "路";
      rows[i].lat = 37.52 + i * 1e-5;
      rows[i].lon = 111.14;
      rows[i].amenities_json = R"({"baby_change":false,"sections":"men_women","wheelchair":false})";
    }
    return rows;
  }
  Result<std::vector<int64_t>> import(std::vector<Facility> rows, const Editor& by,
                                      std::vector<size_t>* progress = nullptr) {
    ImportCounts counts{"csv", rows.size() + 1, 1};
    return core::wait_for<std::vector<int64_t>>([&](auto done) {
      service_->import(
          std::move(rows), counts, by,
          [progress](size_t written, size_t) {
            if (progress) progress->push_back(written);
          },
          std::move(done));
    });
  }
  int64_t count(const std::string& sql) { return query_int(db_->reader(), sql); }
};

TEST_F(ImportRowsTest, WritesInChunksWithOneAuditEntryAndRebuildsTheSnapshot) {
  std::vector<size_t> progress;
  Result<std::vector<int64_t>> ids = import(toilets(kImportChunk * 2 + 7), admin_, &progress);
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_EQ(ids->size(), kImportChunk * 2 + 7);
  EXPECT_EQ(progress, (std::vector<size_t>{kImportChunk, kImportChunk * 2, kImportChunk * 2 + 7}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM facilities"), int64_t(kImportChunk * 2 + 7));
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_changes"), int64_t(kImportChunk * 2 + 7));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.import'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.create'"), 0);
  auto detail =
      db_->reader().prepare("SELECT detail FROM audit_log WHERE action = 'facility.import'");
  ASSERT_TRUE(detail.ok()) << detail.status().message();
  Result<bool> row = detail->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(nlohmann::json::parse(detail->column_text(0)).value("imported", int64_t{0}),
            int64_t(kImportChunk * 2 + 7));
  EXPECT_EQ(service_->snapshot()->size(), kImportChunk * 2 + 7);
}

TEST_F(ImportRowsTest, AFailedChunkUndoesTheChunksBeforeIt) {
  std::vector<Facility> rows = toilets(kImportChunk + 3);
  rows.back().keeper_org_id = 99;  // no such organisation: the second chunk fails
  Result<std::vector<int64_t>> ids = import(std::move(rows), admin_);
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().code(), Code::kUnprocessable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facilities"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_changes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.import'"), 0);
  EXPECT_EQ(service_->snapshot()->size(), 0u);
}

TEST_F(ImportRowsTest, AKeeperImportsOnlyTheirOwnAndNothingEmptyStillAudits) {
  std::vector<Facility> rows = toilets(2);
  rows[0].keeper_org_id = 7;
  rows[1].keeper_org_id = 8;
  EXPECT_EQ(import(rows, keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facilities"), 0);
  Result<std::vector<int64_t>> none = import({}, admin_);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.import'"), 1);
}

}  // namespace
}  // namespace warmcity::facilities
