// The dashboard's counts of errands (errand_counts.h) and due visits
// (visit_counts.h) on a scratch SQLite database: each equals a recount —
// the errands through list_errands, the due visits through the due lists
// VisitService gives — through create, step and cancel, visits and reported
// changes, at the +08:00 month and day boundaries; the callers' scope.
#include "eldercare/errand_counts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <map>

#include "accounts/accounts.h"
#include "core/local_month.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "eldercare/errand_service.h"
#include "eldercare/visit_counts.h"
#include "eldercare/visit_service.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using T = ErrandStep;
using test_world::wait;

constexpr int64_t kJune = 1780243200;  // 2026-06-01T00:00:00+08:00
constexpr int64_t kJuly = 1782835200;  // 2026-07-01T00:00:00+08:00

class CareCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    for (auto& m : errand_migrations()) all.push_back(std::move(m));
    for (auto& m : errand_count_migrations()) all.push_back(std::move(m));
    for (auto& m : visit_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("care.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto elders = ElderService::open(*db_, test_world::fake_locate, [this] { return now_; });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    auto errands = ErrandService::open(*db_, *elders_);
    ASSERT_TRUE(errands.ok());
    errands_ = std::move(*errands);
    auto visits = VisitService::open(*db_, {}, [this] { return now_; });
    ASSERT_TRUE(visits.ok());
    visits_ = std::move(*visits);
  }
  void TearDown() override { db_->stop(); }

  // An elder in community 20 (lon < 111.11) or 21.
  int64_t elder(double lon, const std::string& tier = "general") {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{"13812345678"};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = lon;
    in.birth_date = "1941-03-08";
    in.risk_tier = tier;
    in.consent = ConsentInput{"consent", ""};
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { elders_->create(std::move(in), admin_, d); });
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v->elder.id : 0;
  }
  int64_t team(int64_t grid, int64_t community) {
    Team t{0,      grid, community, "组", worker_.user_id, volunteer_.user_id, "13903580001",
           "24/7", 0,    1};
    EXPECT_TRUE(db_->write([&t](store::Connection& c) { return insert_team(c, t); }).ok());
    return t.id;
  }
  int64_t errand(int64_t elder_id) {
    ErrandInput in{{"task", {}, "", "", "交水费"}, ""};
    Result<Errand> e =
        wait<Errand>([&](auto d) { errands_->create(elder_id, std::move(in), admin_, d); });
    EXPECT_TRUE(e.ok()) << e.status().message();
    return e.ok() ? e->id : 0;
  }
  void step(int64_t id, T t, const Caller& by) {
    ErrandStepInput in;
    in.step = t;
    in.delivered_to = "张桂兰";
    in.settlement = {3200, 5000, 1800, "cash", 0, 0};
    in.reason = "她的女儿已买好";
    Result<Errand> r = wait<Errand>([&](auto d) { errands_->step(id, std::move(in), by, d); });
    EXPECT_TRUE(r.ok()) << r.status().message();
  }

  // The counts by a recount of every errand (list_errands) in the month at now_.
  std::vector<ErrandCount> recount_errands(int64_t from, int64_t to) {
    ErrandFilter all;
    all.limit = 10000;
    Result<std::vector<Errand>> rows = list_errands(db_->reader(), all);
    EXPECT_TRUE(rows.ok());
    std::map<std::pair<bool, int64_t>, ErrandCount> by;
    for (const Errand& e : *rows) {
      const bool in_month = e.received_at >= from && e.received_at < to;
      const bool late = errand_overdue(e, now_);
      if (!in_month && !late) continue;
      ErrandCount& c = by[{!e.community_id, e.community_id.value_or(0)}];
      c.community_id = e.community_id;
      c.overdue += late ? 1 : 0;
      if (!in_month) continue;
      const std::string_view state =
          errand_complete(e) ? std::string_view("complete") : errand_state_name(e.state);
      const auto at = std::find(kErrandCountStates.begin(), kErrandCountStates.end(), state);
      ++c.total;
      ++c.states[static_cast<size_t>(at - kErrandCountStates.begin())];
    }
    std::vector<ErrandCount> out;
    for (auto& [key, c] : by) out.push_back(c);
    return out;
  }
  std::vector<ErrandCount> count(const std::string& month, const Caller& by,
                                 std::optional<int64_t> community = std::nullopt) {
    const core::Month m = *core::parse_month(month);
    Result<std::optional<std::vector<int64_t>>> scope = count_scope(by, "counts");
    EXPECT_TRUE(scope.ok());
    if (*scope && (*scope)->empty()) return {};
    Result<std::vector<ErrandCount>> rows =
        count_errands(db_->reader(), {m.from, m.until, now_, community, std::move(*scope)});
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    return rows.ok() ? *rows : std::vector<ErrandCount>{};
  }
  void expect_recount(const std::string& month, const std::string& label) {
    const core::Month m = *core::parse_month(month);
    const std::vector<ErrandCount> want = recount_errands(m.from, m.until);
    const std::vector<ErrandCount> got = count(month, admin_);
    ASSERT_EQ(got.size(), want.size()) << label;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].community_id, want[i].community_id) << label;
      EXPECT_EQ(got[i].total, want[i].total) << label;
      EXPECT_EQ(got[i].states, want[i].states) << label;
      EXPECT_EQ(got[i].overdue, want[i].overdue) << label;
    }
  }

  // The due lists of one community, counted: {due today, overdue elders,
  // overdue escalations}.
  std::array<int64_t, 3> listed(int64_t community) {
    std::array<int64_t, 3> n{};
    for (const bool today : {true, false}) {
      DueQuery q;
      q.scope.community_id = community;
      q.today = today;
      q.overdue = !today;
      q.limit = 500;
      Result<DueList> r = wait<DueList>([&](auto d) { visits_->due(q, admin_, d); });
      EXPECT_TRUE(r.ok());
      for (const DueItem& i : r->items) {
        if (today && !i.visit_id) ++n[0];  // the counts leave open escalations due today out
        if (!today) ++n[i.visit_id ? 2 : 1];
      }
    }
    return n;
  }
  void expect_due_recount(const std::string& label) {
    Result<std::vector<VisitCount>> rows =
        count_due_visits(db_->reader(), {.now = now_}, visits_->rules());
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    for (const int64_t community : {20, 21}) {
      const auto row = std::find_if(rows->begin(), rows->end(), [&](const VisitCount& r) {
        return r.community_id == community;
      });
      const std::array<int64_t, 3> got =
          row == rows->end()
              ? std::array<int64_t, 3>{}
              : std::array<int64_t, 3>{row->due_today, row->overdue, row->escalations_overdue};
      EXPECT_EQ(got, listed(community)) << label << " community " << community;
    }
  }
  void visit(int64_t elder_id, const std::string& outcome) {
    VisitInput in{std::nullopt, "phone", outcome, ""};
    ASSERT_TRUE(wait<RecordedVisit>([&](auto d) {
                  visits_->record(elder_id, std::move(in), admin_, d);
                }).ok());
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> elders_;
  std::unique_ptr<ErrandService> errands_;
  std::unique_ptr<VisitService> visits_;
  int64_t now_ = kJune - 86400;  // 31 May, 00:00 +08:00
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller volunteer_{5, "volunteer", {}, "127.0.0.1"};
};

TEST_F(CareCountsTest, ErrandsEqualARecountThroughTheirSteps) {
  const int64_t a = elder(111.105);  // community 20
  const int64_t b = elder(111.115);  // community 21
  EXPECT_TRUE(count("2026-05", admin_).empty());
  team(30, 20);  // on duty around the clock for community 20
  const int64_t may = errand(a);
  now_ = kJune - 1;  // 31 May 23:59:59 +08:00: still May
  const int64_t late_may = errand(b);
  now_ = kJune;  // 1 June 00:00:00 +08:00: June
  const int64_t june1 = errand(a);
  const int64_t june2 = errand(a);
  const int64_t june3 = errand(b);
  expect_recount("2026-05", "created, May");
  expect_recount("2026-06", "created, June");
  std::vector<ErrandCount> june = count("2026-06", admin_);
  ASSERT_EQ(june.size(), 2u);
  EXPECT_EQ(june[0].community_id, 20);
  EXPECT_EQ(june[0].total, 2);
  EXPECT_EQ(june[0].states[1], 2);                  // assigned to the team on duty
  EXPECT_EQ(june[1].states[0], 1);                  // community 21 has no team: received
  EXPECT_EQ(count("2026-05", admin_)[1].total, 1);  // 23:59:59 counts in May

  step(june1, T::kStart, volunteer_);
  step(june1, T::kDeliver, volunteer_);
  step(june1, T::kSettle, worker_);
  expect_recount("2026-06", "settled");
  EXPECT_EQ(count("2026-06", admin_)[0].states[4], 1);
  step(june1, T::kConfirm, worker_);
  step(june1, T::kConfirm, volunteer_);
  step(june2, T::kCancel, worker_);
  expect_recount("2026-06", "complete and cancelled");
  june = count("2026-06", admin_);
  EXPECT_EQ(june[0].states[5], 1);  // complete
  EXPECT_EQ(june[0].states[6], 1);  // cancelled
  EXPECT_EQ(june[0].total, 2);

  // Two days on: May's errands and June's undelivered ones are overdue; a
  // May errand counts as overdue in June's row of its community.
  now_ = kJune + 49 * 3600;
  expect_recount("2026-06", "overdue");
  june = count("2026-06", admin_);
  EXPECT_EQ(june[0].overdue, 1);  // `may` (june1 and june2 are closed)
  EXPECT_EQ(june[1].overdue, 2);  // late_may and june3
  step(may, T::kStart, volunteer_);
  step(may, T::kDeliver, volunteer_);
  expect_recount("2026-06", "delivered: no longer overdue");
  EXPECT_EQ(count("2026-06", admin_)[0].overdue, 0);
  expect_recount("2026-05", "May after the steps");
  (void)late_may;
  (void)june3;

  // One community; a worker of grid 30 counts the errands of its elders only.
  EXPECT_EQ(count("2026-06", admin_, 21).size(), 1u);
  std::vector<ErrandCount> mine = count("2026-06", worker_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].community_id, 20);
  EXPECT_TRUE(count("2026-06", Caller{7, "worker", {99}, ""}).empty());
  EXPECT_EQ(count_scope(volunteer_, "counts").status().code(), Code::kPermissionDenied);
  EXPECT_EQ(count_scope(Caller{8, "resident", {}, ""}, "counts").status().code(),
            Code::kPermissionDenied);
  EXPECT_FALSE(count_scope(Caller{9, "worker", {}, ""}, "counts")->has_value());  // district
}

TEST_F(CareCountsTest, DueVisitsEqualTheDueLists) {
  now_ = kJune + 10 * 3600;  // 1 June 10:00 +08:00
  const int64_t high = elder(111.105, "high");
  const int64_t priority = elder(111.105, "priority");
  const int64_t other = elder(111.115, "high");
  expect_due_recount("opened");     // nothing due for a week
  now_ = kJune + 7 * 86400 + 3600;  // 8 June 01:00: the high-tier first visits are due today
  expect_due_recount("due today");
  now_ = kJune + 8 * 86400;  // 9 June 00:00: and overdue now
  expect_due_recount("overdue at midnight");
  now_ -= 1;
  expect_due_recount("one second before midnight");
  now_ += 1;
  visit(high, "seen_well");
  visit(other, "nobody_answers");  // an escalation: overdue in 30 minutes
  expect_due_recount("visited");
  ASSERT_TRUE(wait<ElderDue>([&](auto d) {
                visits_->report_change(priority, {"fall", ""}, admin_, d);
              }).ok());
  expect_due_recount("a fall reported");
  now_ += 86400;  // the change's day has passed; the escalation's clock too
  expect_due_recount("a day on");
  Result<std::vector<VisitCount>> rows =
      count_due_visits(db_->reader(), {.now = now_}, visits_->rules());
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].elders, 2);
  EXPECT_EQ((*rows)[0].overdue, 1);  // the fall
  EXPECT_EQ((*rows)[1].escalations_overdue, 1);
  EXPECT_EQ((*rows)[1].overdue, 1);  // nobody answered: she is still due
  // Scoped to grid 30: community 21 drops out.
  rows = count_due_visits(db_->reader(), {.now = now_, .in_areas = std::vector<int64_t>{30}},
                          visits_->rules());
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].community_id, 20);
}

}  // namespace
}  // namespace warmcity::eldercare
