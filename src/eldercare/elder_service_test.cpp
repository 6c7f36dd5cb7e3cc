// ElderService on a scratch SQLite database with a fake locator: grid 30 of
// community 20 of sub-district 10 west of lon 111.11, grid 31 of community
// 21 east of it up to 111.12, no grid beyond.
#include "eldercare/elder_service.h"

#include <gtest/gtest.h>

#include <future>

#include "accounts/accounts.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using store::testing_util::query_int;
using test_world::wait;

class ElderServiceTest : public test_world::ElderServiceFixture {
 protected:
  static ElderInput zhang(double lon = 111.105) {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{"13812345678"};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = lon;
    in.birth_date = "1941-03-08";
    in.categories = std::vector<std::string>{"living_alone"};
    in.risk_tier = "high";
    in.consent = ConsentInput{"consent", "本人同意"};
    return in;
  }
  Result<ElderView> create(ElderInput in, const Caller& by) {
    return wait<ElderView>([&](auto d) { service_->create(std::move(in), by, d); });
  }
  int64_t count(const std::string& sql) { return query_int(db_->reader(), sql); }

  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller grid_worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller subdistrict_worker_{3, "worker", {10}, "127.0.0.1"};
  const Caller other_worker_{4, "worker", {21}, "127.0.0.1"};
};

TEST_F(ElderServiceTest, CreateDerivesAreasAndRecordsConsent) {
  Result<ElderView> made = create(zhang(), grid_worker_);
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ(made->elder.grid_id, 30);
  EXPECT_EQ(made->elder.community_id, 20);
  EXPECT_EQ(made->elder.subdistrict_id, 10);
  EXPECT_EQ(made->elder.consent.recorded_by, 2);
  EXPECT_EQ(made->elder.consent.recorded_at, 1777600000);
  EXPECT_EQ(count("SELECT count(*) FROM elder_phones WHERE phone = '13812345678'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM elder_events WHERE action = 'create'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'elder.create'"), 1);
}

TEST_F(ElderServiceTest, RefusesOutsideEveryGridAndOtherAreas) {
  Result<ElderView> outside = create(zhang(111.13), admin_);
  ASSERT_EQ(outside.status().code(), Code::kUnprocessable);
  EXPECT_EQ(outside.status().field_errors()[0].field, "lat");
  EXPECT_EQ(create(zhang(), other_worker_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(create(zhang(), subdistrict_worker_).status().code(), Code::kPermissionDenied);
  ElderInput partial;
  partial.name = "李";
  Result<ElderView> missing = create(partial, admin_);
  EXPECT_EQ(missing.status().code(), Code::kUnprocessable);
  EXPECT_EQ(count("SELECT count(*) FROM elders"), 0);
}

TEST_F(ElderServiceTest, HealthDetailsOnlyWithHealthConsent) {
  ElderInput in = zhang();
  in.needs = std::optional<Needs>(Needs{"低盐", "", "", {"硝苯地平"}});
  Result<ElderView> refused = create(in, admin_);
  ASSERT_EQ(refused.status().code(), Code::kUnprocessable);
  EXPECT_EQ(refused.status().field_errors()[0].field, "needs");
  in.health_consent = std::optional<ConsentInput>(ConsentInput{"consent", ""});
  Result<ElderView> made = create(in, admin_);
  ASSERT_TRUE(made.ok()) << made.status().message();
  ASSERT_TRUE(made->elder.needs);
  // Withdrawn: the health details go with it.
  ElderInput withdraw;
  withdraw.health_consent = std::optional<ConsentInput>();
  Result<ElderView> after = wait<ElderView>(
      [&](auto d) { service_->correct(made->elder.id, withdraw, grid_worker_, d); });
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_FALSE(after->elder.needs);
  EXPECT_FALSE(after->elder.health_consent);
  EXPECT_EQ(count("SELECT count(*) FROM elders WHERE needs IS NOT NULL"), 0);
}

TEST_F(ElderServiceTest, ReadsAreAuditedAndScoped) {
  const int64_t id = create(zhang(), admin_)->elder.id;
  auto read = [&](const Caller& by) {
    return wait<ElderView>([&](auto d) { service_->read(id, by, d); });
  };
  EXPECT_EQ(read(grid_worker_)->view, View::kFull);
  EXPECT_EQ(read(subdistrict_worker_)->view, View::kMasked);
  EXPECT_EQ(read(other_worker_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(wait<ElderView>([&](auto d) { service_->read(999, admin_, d); }).status().code(),
            Code::kNotFound);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'personal_data.read' AND "
                  "subject_type = 'elder' AND subject_id = '" +
                  std::to_string(id) + "'"),
            2);
  auto list = [&](const Caller& by) {
    return wait<std::vector<ElderView>>([&](auto d) { service_->list({}, by, d); });
  };
  EXPECT_EQ(list(grid_worker_)->size(), 1u);
  EXPECT_EQ(list(other_worker_)->size(), 0u);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE subject_type = 'elder_list'"), 1);
}

TEST_F(ElderServiceTest, CorrectionsKeepHistoryAndCloseKeepsTheRecord) {
  const int64_t id = create(zhang(), admin_)->elder.id;
  ElderInput fix;
  fix.name = "张桂芝";
  fix.phones = std::vector<std::string>{"13987654321"};
  ASSERT_TRUE(wait<ElderView>([&](auto d) { service_->correct(id, fix, grid_worker_, d); }).ok());
  EXPECT_EQ(wait<ElderView>([&](auto d) { service_->correct(id, fix, subdistrict_worker_, d); })
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT count(*) FROM elder_phones WHERE phone = '13812345678'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM elder_phones WHERE phone = '13987654321'"), 1);
  ElderInput away = zhang(111.115);  // into another community's grid
  EXPECT_EQ(wait<ElderView>([&](auto d) { service_->correct(id, away, grid_worker_, d); })
                .status()
                .code(),
            Code::kPermissionDenied);
  Result<ElderView> closed = wait<ElderView>([&](auto d) {
    service_->close(id, {"moved_out", "随女儿去太原"}, grid_worker_, d);
  });
  ASSERT_TRUE(closed.ok());
  EXPECT_TRUE(closed->elder.closed);
  EXPECT_EQ(wait<ElderView>([&](auto d) {
              service_->close(id, {"died", ""}, admin_, d);
            })
                .status()
                .code(),
            Code::kConflict);
  EXPECT_EQ(wait<ElderView>([&](auto d) { service_->correct(id, fix, admin_, d); }).status().code(),
            Code::kConflict);
  Result<ElderExport> out =
      wait<ElderExport>([&](auto d) { service_->export_record(id, grid_worker_, d); });
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->history.size(), 3u);
  EXPECT_EQ(out->history[1].action, "correct");
  EXPECT_NE(out->history[1].detail_json.find("张桂兰"), std::string::npos);
  EXPECT_EQ(out->history[2].action, "close");
  EXPECT_EQ(wait<ElderExport>([&](auto d) { service_->export_record(id, subdistrict_worker_, d); })
                .status()
                .code(),
            Code::kPermissionDenied);
  ElderQuery closed_ones;
  closed_ones.closed = true;
  EXPECT_EQ(
      wait<std::vector<ElderView>>([&](auto d) { service_->list(closed_ones, admin_, d); })->size(),
      1u);
}

}  // namespace
}  // namespace warmcity::eldercare
