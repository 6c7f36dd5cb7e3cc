// Grid teams: forming them, pairing an elder, the team on duty now and why,
// and a team member's view of her elder.
#include <gtest/gtest.h>

#include <future>

#include "accounts/accounts.h"
#include "core/time.h"
#include "eldercare/elder_service.h"
#include "eldercare/eldercare.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

// Grids 30 and 32 of community 20, grid 31 of community 21.
areas::Location locate(double, double lon) {
  areas::Location l;
  l.subdistrict = areas::AreaRef{10, "滨河"};
  l.community = areas::AreaRef{20, "生态园"};
  l.grid = areas::AreaRef{lon < 111.11 ? 30 : 32, "网格"};
  return l;
}

Result<GridRef> grid_of(int64_t id) {
  if (id == 30 || id == 32) return GridRef{id, 20};
  if (id == 31) return GridRef{31, 21};
  return Status::Unprocessable("not a grid");
}

// Users 2 and 5 are workers, 3 and 6 volunteers, 4 a resident.
Result<std::optional<std::string>> role_of(store::Connection&, int64_t id) {
  switch (id) {
    case 2:
    case 5:
      return std::optional<std::string>("worker");
    case 3:
    case 6:
      return std::optional<std::string>("volunteer");
    case 4:
      return std::optional<std::string>("resident");
    default:
      return std::optional<std::string>();
  }
}

class TeamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("teams.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto service = ElderService::open(*db_, locate);
    ASSERT_TRUE(service.ok());
    service_ = std::move(*service);
    service_->use_teams({grid_of, role_of, nullptr});
  }
  void TearDown() override { db_->stop(); }
  template <class T, class Call>
  Result<T> wait(Call call) {
    std::promise<Result<T>> p;
    call([&p](Result<T> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  Result<Team> team(TeamInput in, const Caller& by) {
    return wait<Team>([&](auto d) { service_->create_team(std::move(in), by, d); });
  }
  int64_t elder(double lon = 111.105) {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{"13812345678"};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = lon;
    in.birth_date = "1941-03-08";
    in.consent = ConsentInput{"consent", ""};
    return wait<ElderView>([&](auto d) { service_->create(std::move(in), admin_, d); })->elder.id;
  }
  // Instants in the district's week: Monday 2026-06-01.
  static int64_t at(int day, int hour) {
    return core::local_midnight_unix({2026, 6, day}) + hour * 3600;
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> service_;
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller grid_worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller volunteer_{3, "volunteer", {}, "127.0.0.1"};
  const Caller other_volunteer_{6, "volunteer", {}, "127.0.0.1"};
};

TEST_F(TeamTest, FormingChecksGridRolesRotaAndCaller) {
  Result<Team> t = team({30, "梁俊连组", 2, 3, "13903580001", "Mo-Fr 08:30-17:30"}, grid_worker_);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->community_id, 20);
  auto field = [&](TeamInput in) {
    Result<Team> r = team(std::move(in), admin_);
    return r.ok() ? std::string("ok") : r.status().field_errors().at(0).field;
  };
  EXPECT_EQ(field({99, "组", 2, 3, "13903580001", "Mo-Fr 08:30-17:30"}), "grid_id");
  EXPECT_EQ(field({30, "组", 3, 6, "13903580001", "Mo-Fr 08:30-17:30"}), "worker_user_id");
  EXPECT_EQ(field({30, "组", 2, 4, "13903580001", "Mo-Fr 08:30-17:30"}), "volunteer_user_id");
  EXPECT_EQ(field({30, "组", 2, 2, "13903580001", "Mo-Fr 08:30-17:30"}), "volunteer_user_id");
  EXPECT_EQ(field({30, "组", 2, 3, "12345", "Mo-Fr 08:30-17:30"}), "phone");
  EXPECT_EQ(field({30, "组", 2, 3, "13903580001", "weekdays"}), "rota");
  EXPECT_EQ(field({30, "组", 2, 5, "13903580001", "Sa,Su 09:00-12:00"}), "ok");  // two workers
  EXPECT_EQ(team({31, "组", 2, 3, "13903580001", "24/7"}, grid_worker_).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(service_->teams(std::nullopt, admin_)->size(), 2u);
  EXPECT_EQ(service_->teams(21, admin_)->size(), 0u);
  EXPECT_EQ(service_->teams(std::nullopt, Caller{9, "worker", {31}, ""})->size(), 0u);
}

TEST_F(TeamTest, TheTeamOnDutyAndWhy) {
  const int64_t id = elder();
  EXPECT_EQ(service_->on_duty(id, admin_, at(1, 10))->reason, "none_on_duty");
  const int64_t weekdays =
      team({30, "梁俊连组", 2, 3, "13903580001", "Mo-Fr 08:30-17:30"}, admin_)->id;
  const int64_t weekends =
      team({32, "周末组", 5, 6, "13903580002", "Sa,Su 09:00-17:00"}, admin_)->id;
  Result<OnDuty> unpaired = service_->on_duty(id, admin_, at(1, 10));
  EXPECT_EQ(unpaired->reason, "no_team_paired");
  EXPECT_EQ(unpaired->team->id, weekdays);
  // Paired with the weekday team: it on Monday, the weekend team on Saturday.
  ASSERT_TRUE(wait<ElderView>([&](auto d) { service_->pair(id, weekdays, grid_worker_, d); }).ok());
  Result<OnDuty> monday = service_->on_duty(id, admin_, at(1, 10));
  EXPECT_EQ(monday->reason, "her_team");
  EXPECT_EQ(monday->team->id, weekdays);
  Result<OnDuty> saturday = service_->on_duty(id, admin_, at(6, 10));
  EXPECT_EQ(saturday->reason, "her_team_off_duty");
  EXPECT_EQ(saturday->team->id, weekends);
  EXPECT_EQ(saturday->her_team_id, weekdays);
  EXPECT_EQ(service_->on_duty(id, admin_, at(1, 20))->reason, "none_on_duty");
  EXPECT_EQ(service_->on_duty(id, Caller{9, "worker", {31}, ""}, at(1, 10)).status().code(),
            Code::kPermissionDenied);
}

TEST_F(TeamTest, PairingOpensTheRecordToTheTeamOnly) {
  const int64_t id = elder();
  const int64_t t = team({30, "梁俊连组", 2, 3, "13903580001", "24/7"}, admin_)->id;
  auto view = [&](const Caller& by) {
    return wait<ElderView>([&](auto d) { service_->read(id, by, d); });
  };
  auto listed = [&](const Caller& by) {
    Result<std::vector<ElderView>> r =
        wait<std::vector<ElderView>>([&](auto d) { service_->list({}, by, d); });
    std::vector<int64_t> ids;
    for (const ElderView& v : r.value()) ids.push_back(v.elder.id);
    return ids;
  };
  EXPECT_EQ(view(volunteer_).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(listed(volunteer_).empty());
  Result<ElderView> paired =
      wait<ElderView>([&](auto d) { service_->pair(id, t, grid_worker_, d); });
  ASSERT_TRUE(paired.ok());
  EXPECT_EQ(paired->elder.team_id, t);
  EXPECT_EQ(view(volunteer_)->view, View::kFull);
  EXPECT_EQ(view(other_volunteer_).status().code(), Code::kPermissionDenied);
  // A volunteer lists her team's elders, and the other volunteer none.
  EXPECT_EQ(listed(volunteer_), std::vector<int64_t>{id});
  EXPECT_TRUE(listed(other_volunteer_).empty());
  // A team of another community is refused; unpairing closes the record again.
  const int64_t elsewhere = team({31, "后瓦组", 5, 6, "13903580002", "24/7"}, admin_)->id;
  Result<ElderView> refused =
      wait<ElderView>([&](auto d) { service_->pair(id, elsewhere, admin_, d); });
  EXPECT_EQ(refused.status().code(), Code::kUnprocessable);
  ASSERT_TRUE(wait<ElderView>([&](auto d) { service_->pair(id, std::nullopt, admin_, d); }).ok());
  EXPECT_EQ(view(volunteer_).status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(listed(volunteer_).empty());
  Result<ElderExport> out =
      wait<ElderExport>([&](auto d) { service_->export_record(id, admin_, d); });
  ASSERT_EQ(out->history.size(), 3u);
  EXPECT_EQ(out->history[1].action, "pair");
}

}  // namespace
}  // namespace warmcity::eldercare
