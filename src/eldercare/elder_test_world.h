// Test-only: what the ElderService tests share — a fake locator (grid 30 of
// community 20 of sub-district 10 west of lon 111.11, grid 31 of community
// 21 east of it up to 111.12, no grid beyond) and a fixture with the service
// on a scratch SQLite database, its clock fixed.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "eldercare/elder_service.h"
#include "eldercare/eldercare.h"
#include "store/test_util.h"

namespace warmcity::eldercare::test_world {

inline areas::Location fake_locate(double, double lon) {
  areas::Location l;
  if (lon > 111.12) return l;
  l.subdistrict = areas::AreaRef{10, "滨河"};
  if (lon < 111.11) {
    l.community = areas::AreaRef{20, "生态园"};
    l.grid = areas::AreaRef{30, "生态园第一网格"};
  } else {
    l.community = areas::AreaRef{21, "后瓦"};
    l.grid = areas::AreaRef{31, "后瓦第一网格"};
  }
  return l;
}

// Waits for a service call's Done<R> (the service answers on the writer's
// thread): wait<ElderView>([&](auto d) { service->create(in, by, d); }).
template <class R, class Call>
Result<R> wait(Call call) {
  std::promise<Result<R>> p;
  call([&p](Result<R> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

// 张桂兰 of 交通路 12 号, at a point of grid 30 (fake_locate), her consent
// recorded: the elder most tests record.
inline ElderInput zhang_guilan() {
  ElderInput in;
  in.name = "张桂兰";
  in.phones = std::vector<std::string>{"13812345678"};
  in.address = "交通路 12 号";
  in.lat = 37.51;
  in.lon = 111.105;
  in.birth_date = "1941-03-08";
  in.consent = ConsentInput{"consent", ""};
  return in;
}

class ElderServiceFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("elders.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto service = ElderService::open(*db_, fake_locate, [] { return int64_t{1777600000}; });
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
  }
  void TearDown() override { db_->stop(); }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> service_;
};

}  // namespace warmcity::eldercare::test_world
