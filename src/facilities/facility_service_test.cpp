#include "facilities/facility_service.h"

#include <gtest/gtest.h>

#include "facilities/service_test_fixture.h"

namespace warmcity::facilities {
namespace {

using store::testing_util::query_int;

class FacilityServiceTest : public ServiceTest {
 protected:
  Locator locator() const override {
    return [](double, double) {
      areas::Location where;
      where.community = areas::AreaRef{42, "生态园社区"};
      return where;
    };
  }
  Result<Facility> update(int64_t id, Patch p, Editor by) {
    std::promise<Result<Facility>> done;
    service_->update(id, std::move(p), std::move(by),
                     [&done](Result<Facility> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  int64_t count(const std::string& sql) { return query_int(db_->reader(), sql); }

  static Facility station() {
    Facility f;
    f.kind = Kind::kLoveStation;
    f.name = "滨河爱心驿站";
    f.address = "滨河北路 1 号";
    f.lat = 37.52;
    f.lon = 111.14;
    f.keeper_org_id = 7;
    f.opening_hours = "24/7";
    return f;
  }
};

TEST_F(FacilityServiceTest, CreateDerivesAreaRecordsChangeAndAuditAndPublishes) {
  Result<Facility> f = create(station(), keeper_);
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->community_id, 42);
  EXPECT_FALSE(f->grid_id);
  EXPECT_EQ(f->updated_by, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_changes"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'facility.create'"), 1);
  ASSERT_EQ(service_->snapshot()->size(), 1u);
  EXPECT_EQ(service_->snapshot()->id(0), f->id);
}

TEST_F(FacilityServiceTest, KeepersTouchOnlyTheirOwn) {
  EXPECT_EQ(create(station(), other_keeper_).status().code(), Code::kPermissionDenied);
  Result<Facility> f = create(station(), admin_);
  ASSERT_TRUE(f.ok());
  Patch rename;
  rename.name = "新名字";
  EXPECT_EQ(update(f->id, rename, other_keeper_).status().code(), Code::kPermissionDenied);
  Patch hand_over;
  hand_over.keeper_org_id = std::optional<int64_t>(8);
  EXPECT_EQ(update(f->id, hand_over, keeper_).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(update(f->id, rename, keeper_).ok());
  EXPECT_EQ(update(999, rename, admin_).status().code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_changes"), 2);
}

TEST_F(FacilityServiceTest, UnknownOrganisationIsAFieldError) {
  Facility f = station();
  f.keeper_org_id = 99;
  Result<Facility> r = create(f, admin_);
  ASSERT_EQ(r.status().code(), Code::kUnprocessable);
  EXPECT_EQ(r.status().field_errors().at(0).field, "keeper_org_id");
}

TEST_F(FacilityServiceTest, UpdatesReachTheSnapshotAndNoOpsWriteNothing) {
  Result<Facility> f = create(station(), admin_);
  ASSERT_TRUE(f.ok());
  Patch suspend;
  suspend.suspended = true;
  suspend.suspended_reason = std::optional<std::string>("维修");
  ASSERT_TRUE(update(f->id, suspend, admin_).ok());
  EXPECT_EQ(service_->snapshot()->size(), 0u);
  EXPECT_TRUE(update(f->id, suspend, admin_).ok());  // nothing changed
  EXPECT_EQ(count("SELECT COUNT(*) FROM facility_changes"), 2);
  Patch resume;
  resume.suspended = false;
  Result<Facility> back = update(f->id, resume, admin_);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->suspended_reason);
  EXPECT_EQ(service_->snapshot()->size(), 1u);
  Patch no_reason;
  no_reason.suspended = true;
  EXPECT_EQ(update(f->id, no_reason, admin_).status().code(), Code::kUnprocessable);
}

}  // namespace
}  // namespace warmcity::facilities
