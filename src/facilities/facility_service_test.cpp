#include "facilities/facility_service.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "facilities/facility_json.h"
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
  // The ids offered at the centre at `at`, open or not.
  std::vector<int64_t> nearby_ids(int64_t at) {
    NearbyQuery q;
    q.lat = 37.52;
    q.lon = 111.14;
    q.at = at;
    std::vector<int64_t> out;
    for (const Hit& h : service_->snapshot()->nearby(q, calendar_)) out.push_back(h.id);
    return out;
  }
  core::Calendar calendar_;

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
  EXPECT_EQ(nearby_ids(*core::parse_rfc3339("2026-01-14T22:00:00+08:00")),
            std::vector<int64_t>{f->id});
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

TEST_F(FacilityServiceTest, ASuspensionUntilATimeLapsesWithoutAnEdit) {
  const int64_t until = *core::parse_rfc3339("2026-03-01T08:00:00+08:00");
  Result<Facility> f = create(station(), admin_);
  ASSERT_TRUE(f.ok());
  Patch suspend;
  suspend.suspended = true;
  suspend.suspended_reason = std::optional<std::string>("供暖检修");
  suspend.suspended_until = std::optional<int64_t>(until);
  Result<Facility> saved = update(f->id, suspend, admin_);
  ASSERT_TRUE(saved.ok());
  EXPECT_TRUE(nearby_ids(until - 1).empty());
  EXPECT_EQ(nearby_ids(until), std::vector<int64_t>{f->id});
  EXPECT_TRUE(suspended_at(*saved, until - 1));
  EXPECT_FALSE(suspended_at(*saved, until));
  // As GET /{id} shows it, before and after; the stored row says suspended.
  EXPECT_EQ(facility_json(*saved, until - 1)["status"], "suspended");
  EXPECT_EQ(facility_json(*saved, until - 1)["suspended_reason"], "供暖检修");
  EXPECT_EQ(facility_json(*saved, until)["status"], "active");
  EXPECT_TRUE(facility_json(*saved, until)["suspended_until"].is_null());
  EXPECT_EQ(facility_json(*saved, kAsStored)["status"], "suspended");
  // Loaded again at start-up, the suspension still ends by itself.
  reopen();
  EXPECT_TRUE(nearby_ids(until - 1).empty());
  EXPECT_EQ(nearby_ids(until + 1), std::vector<int64_t>{f->id});
  // Without an end it stays out of the index.
  Patch forever;
  forever.suspended_until = std::optional<std::optional<int64_t>>(std::optional<int64_t>());
  ASSERT_TRUE(update(f->id, forever, admin_).ok());
  EXPECT_TRUE(nearby_ids(until + 1).empty());
  reopen();
  EXPECT_EQ(service_->snapshot()->size(), 0u);
}

// The list's optional filters: none, kind, community, both; newest first.
TEST_F(FacilityServiceTest, ListFiltersByKindAndCommunity) {
  auto make = [this](Kind kind, std::optional<int64_t> community) {
    Facility f;
    f.kind = kind;
    f.name = "设施";
    f.address = "路";
    f.lat = 37.52;
    f.lon = 111.14;
    const int64_t id = create(std::move(f));
    // The Locator is null here: set the community as stored.
    EXPECT_TRUE(db_->write([id, community](store::Connection& c) {
                     auto s = c.prepare("UPDATE facilities SET community_id = ? WHERE id = ?");
                     if (!s.ok()) return s.status();
                     s->bind(1, community).bind(2, id);
                     return s->run();
                   })
                    .ok());
    return id;
  };
  const int64_t toilet = make(Kind::kToilet, 5);
  const int64_t canteen = make(Kind::kCanteen, 5);
  const int64_t other = make(Kind::kToilet, 6);
  auto ids = [this](ListFilter f) {
    std::vector<int64_t> out;
    Result<std::vector<Facility>> rows = service_->list(f);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    if (rows.ok()) {
      for (const Facility& r : *rows) out.push_back(r.id);
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<int64_t>{other, canteen, toilet}));
  EXPECT_EQ(ids({Kind::kToilet, std::nullopt, std::nullopt, 50}),
            (std::vector<int64_t>{other, toilet}));
  EXPECT_EQ(ids({std::nullopt, 5, std::nullopt, 50}), (std::vector<int64_t>{canteen, toilet}));
  EXPECT_EQ(ids({Kind::kToilet, 5, std::nullopt, 50}), (std::vector<int64_t>{toilet}));
  EXPECT_TRUE(ids({Kind::kParking, std::nullopt, std::nullopt, 50}).empty());
  EXPECT_EQ(ids({std::nullopt, std::nullopt, other, 1}), (std::vector<int64_t>{canteen}));
}

}  // namespace
}  // namespace warmcity::facilities
