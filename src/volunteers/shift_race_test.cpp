// The shift's turn (shift_service.cpp's shift_turn) between two instances on
// one PostgreSQL database: instance b holds the turn of a shift while it
// cancels it or takes its last place, uncommitted; instance a's sign-up or
// check-in waits for b's commit and then reads it. Without the turn a read
// the shift as it was and wrote past b's cancel or capacity. SQLite: one
// process serves a file, so there is no second instance to race (skipped).
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "http/problem.h"
#include "store/turn.h"
#include "volunteers/shift_service.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

const int64_t kNine = core::local_midnight_unix({2026, 5, 30}) + 9 * 3600;

class ShiftRaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!scratch_.postgres()) GTEST_SKIP() << "one process serves a SQLite file";
    ASSERT_TRUE(scratch_.ok());
    auto a = open_volunteers_test_db(scratch_.where("race.db"));
    ASSERT_TRUE(a.ok()) << a.status().message();
    a_ = std::move(*a);
    auto b = open_volunteers_test_db(scratch_.where("race.db"));
    ASSERT_TRUE(b.ok()) << b.status().message();
    b_ = std::move(*b);
    audit_ = std::make_unique<accounts::AuditLog>(*a_);
    service_ = std::make_unique<ShiftService>(*a_, *audit_, [this] { return now_; });
    const int64_t community = seed_community(*a_, "凤山社区");
    organiser_ = seed_organisation(*a_, "community", "凤山社区居委会", community);
    staff_ = seed_user(*a_, "worker", "居委会干部");
    seed_membership(*a_, staff_, organiser_);
    occurrence_ = seed_occurrence(*a_, organiser_, "2026-05-30", 9 * 60, 120).occurrence_id;
    first_ = seed_volunteer(*a_, SeedVolunteer{.name = "张三"});
    second_ = seed_volunteer(*a_, SeedVolunteer{.name = "李四"});
  }
  void TearDown() override {
    if (release_) release_->set_value();
    if (b_done_.valid()) {
      EXPECT_TRUE(b_done_.get().ok());
    }
  }

  Caller staff() const { return caller_as(staff_, "worker", {organiser_}); }

  int64_t shift(int64_t capacity) {
    std::promise<Result<ShiftView>> p;
    service_->create(occurrence_,
                     NewShift{"清理小广告", 9 * 60, 11 * 60, capacity, std::nullopt, false,
                              std::nullopt, std::nullopt},
                     staff(), [&p](Result<ShiftView> v) { p.set_value(std::move(v)); });
    Result<ShiftView> v = p.get_future().get();
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v->shift.id : 0;
  }

  // Instance b takes the shift's turn, does `work` and keeps its transaction
  // open until the test ends (TearDown) or release() is called.
  template <class Work>
  void b_holds(int64_t shift_id, Work work) {
    release_.emplace();
    std::shared_future<void> go = release_->get_future().share();
    auto held = std::make_shared<std::promise<void>>();
    std::future<void> holding = held->get_future();
    auto done = std::make_shared<std::promise<Status>>();
    b_done_ = done->get_future();
    b_->submit(
        [shift_id, work, go, held](store::Connection& c) -> Status {
          Status s = store::wait_turn(c, "volunteer_shift:" + std::to_string(shift_id));
          if (s.ok()) s = work(c);
          held->set_value();
          go.wait();
          return s;
        },
        [done](const Status& s) { done->set_value(s); });
    holding.wait();
  }
  Status release() {
    release_->set_value();
    release_.reset();
    return b_done_.get();
  }

  // a's answer: not before b's commit (waiting 300 ms can only pass wrongly,
  // never fail wrongly), then its refusal code, or "" when it was done.
  std::string after_b(std::future<Result<SignupRow>> answer) {
    EXPECT_EQ(answer.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    EXPECT_TRUE(release().ok());
    Result<SignupRow> r = answer.get();
    return r.ok() ? "" : http::refusal_code(r.status().message());
  }
  std::future<Result<SignupRow>> sign_up(int64_t shift_id, int64_t volunteer) {
    auto p = std::make_shared<std::promise<Result<SignupRow>>>();
    service_->sign_up(shift_id, SignupFor{volunteer, {}}, staff(),
                      [p](Result<SignupRow> r) { p->set_value(std::move(r)); });
    return p->get_future();
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> a_, b_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<ShiftService> service_;
  std::optional<std::promise<void>> release_;
  std::future<Status> b_done_;
  int64_t now_ = kNine - 86400;
  int64_t organiser_ = 0, staff_ = 0, occurrence_ = 0, first_ = 0, second_ = 0;
};

TEST_F(ShiftRaceTest, ASignUpWaitsForAnotherInstancesCancel) {
  const int64_t id = shift(10);
  b_holds(id, [&](store::Connection& c) -> Status {
    if (Status s = cancel_shift_row(c, id, "暴雨预警", staff_, now_); !s.ok()) return s;
    return cancel_open_signups(c, id, now_).status();
  });
  EXPECT_EQ(after_b(sign_up(id, first_)), "shift_cancelled");
}

TEST_F(ShiftRaceTest, ASignUpWaitsForAnotherInstancesLastPlace) {
  const int64_t id = shift(1);
  b_holds(id, [&](store::Connection& c) -> Status {
    return insert_signup(c, id, first_, staff_, now_).status();
  });
  EXPECT_EQ(after_b(sign_up(id, second_)), "full");
}

TEST_F(ShiftRaceTest, ACheckInWaitsForAnotherInstancesCancel) {
  const int64_t id = shift(10);
  Result<SignupRow> g = sign_up(id, first_).get();
  ASSERT_TRUE(g.ok()) << g.status().message();
  b_holds(id, [&](store::Connection& c) -> Status {
    if (Status s = cancel_shift_row(c, id, "暴雨预警", staff_, now_); !s.ok()) return s;
    return cancel_open_signups(c, id, now_).status();
  });
  now_ = kNine;
  auto p = std::make_shared<std::promise<Result<SignupRow>>>();
  service_->check_in(g->id, {}, staff(), [p](Result<SignupRow> r) { p->set_value(std::move(r)); });
  EXPECT_EQ(after_b(p->get_future()), "cancelled");
  EXPECT_EQ(count_of(*a_, "SELECT COUNT(*) FROM volunteer_signups WHERE id = " +
                              std::to_string(g->id) + " AND checked_in_at IS NULL"),
            1);
}

}  // namespace
}  // namespace warmcity::volunteers
