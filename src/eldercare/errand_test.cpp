// Errands: the state machine and the amounts (pure), then ErrandService on a
// scratch SQLite database (the fake locator of elder_service_test: grid 30
// of community 20 of sub-district 10), and the queue queries' time at 10,000
// elders and 200,000 errands (--gtest_filter='*QueueQuery*' --gtest_also_run_disabled_tests).
#include "eldercare/errand.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>

#include "accounts/accounts.h"
#include "eldercare/eldercare.h"
#include "eldercare/errand_service.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using S = ErrandState;
using T = ErrandStep;

TEST(ErrandTest, NamesRoundTrip) {
  for (S s : {S::kReceived, S::kAssigned, S::kDoing, S::kDelivered, S::kSettled, S::kCancelled}) {
    EXPECT_EQ(parse_errand_state(errand_state_name(s)), s);
  }
  for (T t :
       {T::kAssign, T::kStart, T::kSubstitute, T::kDeliver, T::kSettle, T::kConfirm, T::kCancel}) {
    EXPECT_EQ(parse_errand_step(errand_step_name(t)), t);
  }
  EXPECT_FALSE(parse_errand_step("settled"));
  EXPECT_FALSE(parse_errand_state(""));
}

TEST(ErrandTest, StepsInOrderOnly) {
  EXPECT_EQ(find_errand_transition(S::kReceived, T::kAssign)->to, S::kAssigned);
  EXPECT_EQ(find_errand_transition(S::kAssigned, T::kStart)->to, S::kDoing);
  EXPECT_EQ(find_errand_transition(S::kDoing, T::kDeliver)->to, S::kDelivered);
  EXPECT_EQ(find_errand_transition(S::kDelivered, T::kSettle)->to, S::kSettled);
  EXPECT_EQ(find_errand_transition(S::kSettled, T::kConfirm)->to, S::kSettled);
  EXPECT_EQ(find_errand_transition(S::kReceived, T::kDeliver), nullptr);
  EXPECT_EQ(find_errand_transition(S::kSettled, T::kSettle), nullptr);  // settling twice
  EXPECT_EQ(find_errand_transition(S::kSettled, T::kCancel), nullptr);
  EXPECT_EQ(find_errand_transition(S::kCancelled, T::kCancel), nullptr);
  for (S s : {S::kReceived, S::kAssigned, S::kDoing, S::kDelivered}) {
    EXPECT_EQ(find_errand_transition(s, T::kCancel)->to, S::kCancelled);
  }
  EXPECT_EQ(errand_steps_text(errand_steps_from(S::kDoing)), "substitute, deliver, cancel");
  EXPECT_EQ(errand_steps_text(errand_steps_from(S::kCancelled)), "none");
  // Only the errand's team confirms the account; only managers assign.
  EXPECT_EQ(find_errand_transition(S::kSettled, T::kConfirm)->by,
            std::vector<ErrandParty>{ErrandParty::kErrandTeam});
  EXPECT_EQ(find_errand_transition(S::kReceived, T::kAssign)->by,
            std::vector<ErrandParty>{ErrandParty::kManager});
}

TEST(ErrandTest, Amounts) {
  Settlement s{8650, 10000, 1350, "cash", 0, 0};
  EXPECT_TRUE(check_settlement(s).empty());
  EXPECT_EQ(balance_fen(s), 0);
  s.returned_fen = 1000;
  EXPECT_EQ(balance_fen(s), 350);  // the team still holds 3.50 yuan of hers
  s.returned_fen = 10001;
  ASSERT_EQ(check_settlement(s).size(), 1u);
  EXPECT_EQ(check_settlement(s)[0].field, "returned_fen");
  s = {-1, 0, 0, "bitcoin", 0, 0};
  const std::vector<FieldError> errors = check_settlement(s);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "receipt_fen");
  EXPECT_EQ(errors[1].field, "paid_by");
  s = {kMaxFen + 1, kMaxFen, 0, "wechat", 0, 0};
  EXPECT_EQ(check_settlement(s)[0].field, "receipt_fen");
  ErrandWork w{"shopping", {{"鸡蛋", 2, 1500}, {"挂面", 1, 600}}, "", "", ""};
  EXPECT_EQ(budget_fen(w), 2100);
}

TEST(ErrandTest, PhasesAndOverdue) {
  Errand e;
  e.due_at = 1000;
  EXPECT_EQ(errand_phase(e), 0);
  EXPECT_FALSE(errand_overdue(e, 1000));
  EXPECT_TRUE(errand_overdue(e, 1001));
  e.state = S::kDelivered;
  EXPECT_FALSE(errand_overdue(e, 5000));  // delivered late is not overdue any more
  EXPECT_EQ(errand_phase(e), 1);
  e.state = S::kSettled;
  e.worker_confirmed_at = 1;
  EXPECT_EQ(errand_phase(e), 1);
  EXPECT_FALSE(errand_complete(e));
  e.volunteer_confirmed_at = 2;
  EXPECT_TRUE(errand_complete(e));
  EXPECT_EQ(errand_phase(e), 2);
  e.state = S::kCancelled;
  EXPECT_EQ(errand_phase(e), 2);
}

areas::Location fake_locate(double, double) {
  areas::Location l;
  l.subdistrict = areas::AreaRef{10, "滨河"};
  l.community = areas::AreaRef{20, "生态园"};
  l.grid = areas::AreaRef{30, "生态园第一网格"};
  return l;
}

class ErrandServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    for (auto& m : errand_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("errands.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto elders = ElderService::open(*db_, fake_locate, [this] { return now_; });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    open_errands({});
  }
  void TearDown() override { db_->stop(); }

  void open_errands(ErrandOptions options) {
    auto errands = ErrandService::open(*db_, *elders_, options);
    ASSERT_TRUE(errands.ok());
    errands_ = std::move(*errands);
  }
  template <class R, class Call>
  Result<R> wait(Call call) {
    std::promise<Result<R>> p;
    call([&p](Result<R> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }
  int64_t elder() {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{"13812345678"};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = 111.105;
    in.birth_date = "1941-03-08";
    in.consent = ConsentInput{"consent", ""};
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { elders_->create(std::move(in), grid_worker_, d); });
    EXPECT_TRUE(v.ok());
    return v.ok() ? v->elder.id : 0;
  }
  int64_t team(const std::string& rota) {
    Team t{0, 30, 20, "组", grid_worker_.user_id, volunteer_.user_id, "13903580001", rota, 0, 1};
    EXPECT_TRUE(db_->write([&t](store::Connection& c) { return insert_team(c, t); }).ok());
    return t.id;
  }
  Result<Errand> create(int64_t elder_id, const Caller& by) {
    ErrandInput in{{"task", {}, "", "", "交水费"}, ""};
    return wait<Errand>([&](auto d) { errands_->create(elder_id, std::move(in), by, d); });
  }
  Result<Errand> step(int64_t id, ErrandStepInput in, const Caller& by) {
    return wait<Errand>([&](auto d) { errands_->step(id, std::move(in), by, d); });
  }
  static ErrandStepInput take(T t) {
    ErrandStepInput in;
    in.step = t;
    return in;
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> elders_;
  std::unique_ptr<ErrandService> errands_;
  int64_t now_ = 1777600000;
  const Caller grid_worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller volunteer_{5, "volunteer", {}, "127.0.0.1"};
  const Caller masked_{3, "worker", {10}, "127.0.0.1"};
};

TEST_F(ErrandServiceTest, DueAfterTheConfiguredTime) {
  const int64_t id = elder();
  Result<Errand> e = create(id, grid_worker_);
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->due_at, now_ + 48 * 3600);
  EXPECT_EQ(e->state, S::kReceived);  // no team at all
  EXPECT_EQ(e->assign_reason, "none_on_duty");
  open_errands({.due_seconds = 4 * 3600});
  EXPECT_EQ(create(id, grid_worker_)->due_at, now_ + 4 * 3600);
  EXPECT_FALSE(ErrandService::open(*db_, *elders_, {.due_seconds = 0}).ok());
}

TEST_F(ErrandServiceTest, AssignedToTheTeamOnDutyAndSettledByBoth) {
  const int64_t id = elder();
  const int64_t off = team("off");
  ASSERT_TRUE(wait<ElderView>([&](auto d) { elders_->pair(id, off, grid_worker_, d); }).ok());
  // Her team is off duty and no other is on: her team still gets it.
  Result<Errand> e = create(id, grid_worker_);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->team_id, off);
  EXPECT_EQ(e->assign_reason, "her_team_not_on_duty");
  const int64_t always = team("24/7");
  e = create(id, grid_worker_);
  EXPECT_EQ(e->team_id, always);
  EXPECT_EQ(e->assign_reason, "her_team_off_duty");
  EXPECT_EQ(e->state, S::kAssigned);

  // A masked viewer takes no step; out of order is a conflict naming the way.
  EXPECT_EQ(step(e->id, take(T::kStart), masked_).status().code(), Code::kPermissionDenied);
  Result<Errand> r = step(e->id, take(T::kSettle), volunteer_);
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_NE(r.status().message().find("allowed: assign, start, substitute, cancel"),
            std::string::npos);
  ASSERT_TRUE(step(e->id, take(T::kStart), volunteer_).ok());
  ErrandStepInput deliver = take(T::kDeliver);
  deliver.delivered_to = "张桂兰";
  deliver.volunteer_minutes = 45;
  ASSERT_TRUE(step(e->id, deliver, volunteer_).ok());
  ErrandStepInput settle = take(T::kSettle);
  settle.settlement = {3200, 5000, 1800, "cash", 0, 0};
  ASSERT_TRUE(step(e->id, settle, grid_worker_).ok());
  EXPECT_EQ(step(e->id, settle, grid_worker_).status().code(), Code::kConflict);
  r = step(e->id, take(T::kConfirm), volunteer_);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(errand_complete(*r));
  EXPECT_EQ(step(e->id, take(T::kConfirm), volunteer_).status().code(), Code::kConflict);
  r = step(e->id, take(T::kConfirm), grid_worker_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(errand_complete(*r));
  EXPECT_EQ(r->volunteer_minutes, 45);
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT phase FROM errands WHERE id = " + std::to_string(e->id)),
            2);
}

// Errands of 10,000 elders in 200 grids of 50 communities, a team per grid,
// 20 errands each; the newest 5% open (a fifth of them overdue). Each query
// a queue the routes ask for, on the reader, at most 50 rows. Disabled by
// default (a minute or more); run with --gtest_also_run_disabled_tests.
TEST_F(ErrandServiceTest, DISABLED_QueueQueryAt200kErrands) {
  constexpr int kElders = 10000, kGrids = 200, kErrands = 200000;
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   for (int g = 0; g < kGrids; ++g) {
                     Team t{0,         1000 + g,      100 + g / 4, "组", 10000 + g,
                            20000 + g, "13903580001", "24/7",      0,    1};
                     if (Status s = insert_team(c, t); !s.ok()) return s;
                   }
                   for (int i = 0; i < kElders; ++i) {
                     Elder e;
                     e.name = "测试";
                     e.phones = {"139" + std::to_string(10000000 + i)};
                     e.address = "x";
                     e.grid_id = 1000 + i % kGrids;
                     e.community_id = 100 + (i % kGrids) / 4;
                     e.subdistrict_id = 10;
                     e.team_id = 1 + i % kGrids;
                     e.birth_date = "1941-01-01";
                     e.consent = {"consent", "", 1, 0};
                     if (Status s = insert_elder(c, e); !s.ok()) return s;
                   }
                   for (int i = 0; i < kErrands; ++i) {
                     const int elder = i % kElders;
                     Errand e;
                     e.elder_id = 1 + elder;
                     e.community_id = 100 + (elder % kGrids) / 4;
                     e.work = {"task", {}, "", "", "交水费"};
                     e.team_id = 1 + elder % kGrids;
                     e.state = S::kAssigned;
                     e.received_at = e.updated_at = now_ - (kErrands - i) * 20;
                     e.due_at = e.received_at + 48 * 3600;
                     if (i < kErrands * 95 / 100) e.state = S::kCancelled;  // closed
                     if (Status s = insert_errand(c, e); !s.ok()) return s;
                   }
                   return Status::Ok();
                 })
                  .ok());
  store::Connection& r = db_->reader();
  std::vector<double> us;
  std::vector<double> worst(9, 0.0);
  for (int i = 0; i < 900; ++i) {
    const int g = (i * 7919) % kGrids;
    ErrandFilter f;
    f.limit = 51;
    f.until = now_;
    switch (i % 9) {
      case 0:
        f.team_id = 1 + g;
        f.queue = ErrandQueue::kOpen;
        break;
      case 1:
        f.team_id = 1 + g;
        f.queue = ErrandQueue::kOverdue;
        break;
      case 2:
        f.community_id = 100 + g / 4;
        f.queue = ErrandQueue::kOpen;
        f.in_areas = std::vector<int64_t>{100 + g / 4};
        f.member = 10000 + g;
        break;
      case 3:
        f.queue = ErrandQueue::kOverdue;  // the supervision view
        break;
      case 4:
        f.elder_id = 1 + (i * 31) % kElders;
        break;
      case 5:
        f.queue = ErrandQueue::kOpen;
        f.member = 20000 + g;  // a volunteer's queue
        break;
      case 6:  // a grid worker's list, all states
        f.in_areas = std::vector<int64_t>{1000 + g};
        f.member = 10000 + g;
        break;
      case 7:  // a sub-district worker's overdue
        f.queue = ErrandQueue::kOverdue;
        f.in_areas = std::vector<int64_t>{10};
        f.member = 30000;
        break;
      case 8:  // a volunteer on no team: nothing to find
        f.member = 99999;
        break;
    }
    const auto t0 = std::chrono::steady_clock::now();
    Result<std::vector<Errand>> rows = list_errands(r, f);
    us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    worst[i % 9] = std::max(worst[i % 9], us.back());
    ASSERT_EQ(rows->empty(), i % 9 == 8) << i % 9;
  }
  std::sort(us.begin(), us.end());
  const double p50 = us[us.size() / 2], p99 = us[us.size() * 99 / 100];
  std::printf(
      "errand queues at 10,000 elders, 200,000 errands (SQLite reader): p50 %.1f us, "
      "p99 %.1f us\n",
      p50, p99);
  for (size_t k = 0; k < worst.size(); ++k)
    std::printf("  query %zu: worst %.1f us\n", k, worst[k]);
  EXPECT_LT(p99, 10000.0);
}

}  // namespace
}  // namespace warmcity::eldercare
