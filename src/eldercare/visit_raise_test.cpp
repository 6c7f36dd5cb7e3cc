// VisitRaiseService: an errand or an appeal raised from a visit, the link
// kept and shown with the visit; the appeal's link runs in the appeal's own
// job and checks her record again there.
#include "eldercare/visit_raise.h"

#include <gtest/gtest.h>

#include <future>

#include "accounts/accounts.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using test_world::wait;

class VisitRaiseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    for (auto& m : errand_migrations()) all.push_back(std::move(m));
    for (auto& m : visit_migrations()) all.push_back(std::move(m));
    for (auto& m : visit_raise_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("raise.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto elders =
        ElderService::open(*db_, test_world::fake_locate, [] { return int64_t{1777600000}; });
    ASSERT_TRUE(elders.ok());
    elders_ = std::move(*elders);
    auto errands = ErrandService::open(*db_, *elders_);
    ASSERT_TRUE(errands.ok());
    errands_ = std::move(*errands);
    auto visits = VisitService::open(*db_, {}, [] { return int64_t{1777600000}; });
    ASSERT_TRUE(visits.ok());
    visits_ = std::move(*visits);
    // The fake appeals module: the appeal is id 4242, its row the link alone.
    raise_ = VisitRaiseService::open(
        *db_, *errands_,
        [this](std::string body, AppealDefaults d, Caller, RaiseLink link, Done<int64_t> done) {
          seen_body_ = body;
          seen_ = d;
          if (close_first_) {
            ASSERT_TRUE(wait<ElderView>([&](auto cb) {
                          elders_->close(elder_, {"moved_out", ""}, worker_, cb);
                        }).ok());
          }
          auto id = std::make_shared<int64_t>(4242);
          db_->submit([link, id](store::Connection& c) { return link(c, *id); },
                      [id, done](const Status& s) {
                        if (!s.ok()) return done(s);
                        done(*id);
                      });
        });
    Result<ElderView> e =
        wait<ElderView>([&](auto d) { elders_->create(test_world::zhang_guilan(), worker_, d); });
    ASSERT_TRUE(e.ok()) << e.status().message();
    elder_ = e->elder.id;
    Result<RecordedVisit> v = wait<RecordedVisit>([&](auto d) {
      visits_->record(elder_, {std::nullopt, "home", "concern", "楼道灯坏了"}, worker_, d);
    });
    ASSERT_TRUE(v.ok()) << v.status().message();
    visit_ = v->visit.visit.id;
  }
  void TearDown() override { db_->stop(); }

  Result<VisitRaise> errand(const Caller& by) {
    ErrandInput in{{"task", {}, "", "", "交电费"}, ""};
    return wait<VisitRaise>([&](auto d) { raise_->raise_errand(visit_, std::move(in), by, d); });
  }
  Result<VisitRaise> appeal(const Caller& by) {
    return wait<VisitRaise>([&](auto d) { raise_->raise_appeal(visit_, "{}", by, d); });
  }
  int64_t links() {
    auto s = db_->reader().prepare("SELECT count(*) FROM visit_raises");
    EXPECT_TRUE(s.ok());
    Result<bool> row = s->step();
    EXPECT_TRUE(row.ok() && *row);
    return s->column_int64(0);
  }

  store::testing_util::ScratchDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ElderService> elders_;
  std::unique_ptr<ErrandService> errands_;
  std::unique_ptr<VisitService> visits_;
  std::unique_ptr<VisitRaiseService> raise_;
  const Caller worker_{2, "worker", {30}, "127.0.0.1"};
  const Caller masked_{3, "worker", {10}, "127.0.0.1"};
  int64_t elder_ = 0, visit_ = 0;
  bool close_first_ = false;
  std::string seen_body_;
  AppealDefaults seen_;
};

TEST_F(VisitRaiseTest, AnErrandIsMadeForHerAndTheVisitShowsIt) {
  Result<VisitRaise> r = errand(worker_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->kind, "errand");
  EXPECT_EQ(r->visit_id, visit_);
  EXPECT_EQ(r->raised_by, worker_.user_id);
  Result<ErrandDetail> made =
      wait<ErrandDetail>([&](auto d) { errands_->read(r->target_id, worker_, d); });
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->view.errand.elder_id, elder_);
  Result<ElderVisits> list =
      wait<ElderVisits>([&](auto d) { visits_->list(elder_, std::nullopt, 10, worker_, d); });
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->visits.size(), 1u);
  ASSERT_EQ(list->visits[0].raised.size(), 1u);
  EXPECT_EQ(list->visits[0].raised[0].target_id, r->target_id);
}

// Her as the contact, never her home as the place: appeals are public.
// The errand and its link commit together: a link that cannot be written
// leaves no errand behind (a retry would otherwise make a second one).
TEST_F(VisitRaiseTest, AnErrandAndItsLinkCommitTogether) {
  // The link's table gone: its INSERT fails inside the errand's job.
  ASSERT_TRUE(
      db_->write([](store::Connection& c) { return c.exec("DROP TABLE visit_raises"); }).ok());
  EXPECT_FALSE(errand(worker_).ok());
  auto s = db_->reader().prepare("SELECT count(*) FROM errands");
  ASSERT_TRUE(s.ok());
  Result<bool> row = s->step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(s->column_int64(0), 0);
}

TEST_F(VisitRaiseTest, AnAppealGetsHerAsContactAndItsLinkInItsJob) {
  Result<VisitRaise> r = appeal(worker_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->kind, "appeal");
  EXPECT_EQ(r->target_id, 4242);
  EXPECT_EQ(seen_body_, "{}");
  EXPECT_EQ(seen_.contact_name, "张桂兰");
  EXPECT_EQ(seen_.contact_phone, "13812345678");
  EXPECT_EQ(links(), 1);
}

TEST_F(VisitRaiseTest, HerRecordClosedMeanwhileRollsTheAppealBack) {
  close_first_ = true;
  Result<VisitRaise> r = appeal(worker_);
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_EQ(links(), 0);
  EXPECT_EQ(errand(worker_).status().code(), Code::kConflict);
}

TEST_F(VisitRaiseTest, RefusedAsRecordingAVisitIs) {
  EXPECT_EQ(errand(masked_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(appeal(masked_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(wait<VisitRaise>([&](auto d) { raise_->raise_appeal(999, "{}", worker_, d); })
                .status()
                .code(),
            Code::kNotFound);
  auto bare = VisitRaiseService::open(*db_, *errands_, nullptr);
  EXPECT_EQ(wait<VisitRaise>([&](auto d) { bare->raise_appeal(visit_, "{}", worker_, d); })
                .status()
                .code(),
            Code::kUnavailable);
  EXPECT_EQ(links(), 0);
}

}  // namespace
}  // namespace warmcity::eldercare
