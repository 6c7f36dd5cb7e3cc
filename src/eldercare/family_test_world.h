// Test-only: the world of the errand tests that reach past errands' own
// tables — receipt photos (errand_receipt_test.cpp) and family members
// (family_test.cpp): elders, errands with a photo store, teams and family
// links on a scratch SQLite database, the clock fixed, and the fake locator
// of elder_test_world.h.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "eldercare/elder_test_world.h"
#include "eldercare/errand_receipt_store.h"
#include "eldercare/errand_service.h"
#include "eldercare/family_service.h"
#include "photos/photo_store.h"

namespace warmcity::eldercare::test_world {

class ErrandWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    for (auto& m : errand_migrations()) all.push_back(std::move(m));
    for (auto& m : errand_receipt_migrations()) all.push_back(std::move(m));
    for (auto& m : family_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("errands.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto elders = ElderService::open(*db_, fake_locate, [this] { return now_; });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    auto photos = photos::PhotoStore::open(dir_.file("photos"));
    ASSERT_TRUE(photos.ok());
    ErrandOptions options;
    options.receipt_photos = *photos;
    options.family = true;
    auto errands = ErrandService::open(*db_, *elders_, std::move(options));
    ASSERT_TRUE(errands.ok());
    errands_ = std::move(*errands);
    // Users 6 and 7 are residents; the others hold their Caller's role.
    family_ = std::make_unique<FamilyService>(
        *db_,
        [](store::Connection&, int64_t id) -> Result<std::optional<std::string>> {
          if (id == 6 || id == 7) return std::optional<std::string>("resident");
          if (id == 5) return std::optional<std::string>("volunteer");
          return id < 5 ? std::optional<std::string>("worker") : std::nullopt;
        },
        [this] { return now_; });
  }
  void TearDown() override {
    errands_.reset();
    db_->stop();
  }

  // 张桂兰 in grid 30, paired with a team (always on duty) of the grid
  // worker and the volunteer.
  int64_t paired_elder() {
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { elders_->create(zhang_guilan(), grid_worker_, d); });
    EXPECT_TRUE(v.ok());
    Team t{0, 30, 20, "组", grid_worker_.user_id, volunteer_.user_id, "13903580001", "24/7", 0, 1};
    EXPECT_TRUE(db_->write([&t](store::Connection& c) { return insert_team(c, t); }).ok());
    team_id_ = t.id;
    const int64_t id = v.ok() ? v->elder.id : 0;
    EXPECT_TRUE(wait<ElderView>([&](auto d) { elders_->pair(id, t.id, grid_worker_, d); }).ok());
    return id;
  }
  Result<Errand> create(int64_t elder_id, const Caller& by) {
    ErrandInput in{{"task", {}, "", "", "交水费"}, ""};
    return wait<Errand>([&](auto d) { errands_->create(elder_id, std::move(in), by, d); });
  }
  Result<Errand> step(int64_t id, ErrandStepInput in, const Caller& by) {
    return wait<Errand>([&](auto d) { errands_->step(id, std::move(in), by, d); });
  }
  static ErrandStepInput take(ErrandStep s) {
    ErrandStepInput in;
    in.step = s;
    return in;
  }
  // An errand of hers run by her team up to delivered.
  int64_t delivered_errand(int64_t elder_id) {
    Result<Errand> e = create(elder_id, grid_worker_);
    EXPECT_TRUE(e.ok()) << e.status().message();
    if (!e.ok()) return 0;
    EXPECT_TRUE(step(e->id, take(ErrandStep::kStart), volunteer_).ok());
    ErrandStepInput deliver = take(ErrandStep::kDeliver);
    deliver.delivered_to = "张桂兰";
    EXPECT_TRUE(step(e->id, deliver, volunteer_).ok());
    return e->id;
  }
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> elders_;
  std::unique_ptr<ErrandService> errands_;
  std::unique_ptr<FamilyService> family_;
  int64_t now_ = 1777600000;
  int64_t team_id_ = 0;
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller grid_worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller masked_{3, "worker", {10}, "127.0.0.1"};
  const Caller other_area_{4, "worker", {31}, "127.0.0.1"};
  const Caller volunteer_{5, "volunteer", {}, "127.0.0.1"};
  const Caller daughter_{6, "resident", {}, "127.0.0.1"};
  const Caller stranger_{7, "resident", {}, "127.0.0.1"};
};

}  // namespace warmcity::eldercare::test_world
