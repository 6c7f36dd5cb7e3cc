// Errands: the state machine and the amounts (pure), then ErrandService on a
// scratch SQLite database (the fake locator of elder_service_test: grid 30
// of community 20 of sub-district 10). How fast the queues answer at 10,000
// elders and 200,000 errands is a benchmark (bench/eldercare).
#include "eldercare/errand.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "accounts/accounts.h"
#include "core/time.h"
#include "eldercare/elder_store.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "eldercare/errand_service.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using S = ErrandState;
using T = ErrandStep;
using test_world::wait;
using test_world::zhang_guilan;

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

class ErrandServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : migrations()) all.push_back(std::move(m));
    for (auto& m : errand_migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({dir_.file("errands.db")}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    auto elders = ElderService::open(*db_, test_world::fake_locate, [this] { return now_; });
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
  int64_t elder() {
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { elders_->create(zhang_guilan(), grid_worker_, d); });
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
  // Moves the elder out of the grid worker's areas (to grid 31 of community 21).
  void move_away(int64_t elder_id) {
    ASSERT_TRUE(db_->write([elder_id](store::Connection& c) {
                     Result<store::Statement> st = c.prepare(
                         "UPDATE elders SET grid_id = 31, community_id = 21, subdistrict_id = 11 "
                         "WHERE id = ?1");
                     return st.ok() ? st->bind(1, elder_id).run() : st.status();
                   })
                    .ok());
  }
  Result<ErrandPage> list(const ErrandQuery& q) {
    return wait<ErrandPage>([&](auto d) { errands_->list(q, grid_worker_, d); });
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

// ErrandOptions::on_complete runs once, inside the job of the confirmation
// that makes the errand complete (it sees the errand already written as
// complete on the job's connection), with the facts the hours ledger needs;
// when it fails, that confirmation is rolled back whole and may be taken again.
TEST_F(ErrandServiceTest, OnCompleteRunsOnceInsideTheLastConfirmation) {
  std::vector<CompletedErrand> seen;
  std::vector<int64_t> phase_inside;
  bool fail = true;
  ErrandOptions options;
  options.on_complete = [&](store::Connection& c, const CompletedErrand& done) -> Status {
    phase_inside.push_back(store::testing_util::query_int(
        c, "SELECT phase FROM errands WHERE id = " + std::to_string(done.errand_id)));
    if (fail) return Status::Unavailable("the ledger is away");
    seen.push_back(done);
    return Status::Ok();
  };
  open_errands(options);
  const int64_t id = elder();
  const int64_t always = team("24/7");
  ASSERT_TRUE(wait<ElderView>([&](auto d) { elders_->pair(id, always, grid_worker_, d); }).ok());
  Result<Errand> e = create(id, grid_worker_);
  ASSERT_TRUE(e.ok());
  ASSERT_TRUE(step(e->id, take(T::kStart), volunteer_).ok());
  ErrandStepInput deliver = take(T::kDeliver);
  deliver.delivered_to = "张桂兰";
  now_ += 2 * 3600;
  const int64_t delivered = now_ - 3600;  // told after the fact
  deliver.delivered_at = delivered;
  deliver.volunteer_minutes = 50;
  ASSERT_TRUE(step(e->id, deliver, volunteer_).ok());
  ErrandStepInput settle = take(T::kSettle);
  settle.settlement = {3200, 5000, 1800, "cash", 0, 0};
  ASSERT_TRUE(step(e->id, settle, grid_worker_).ok());
  ASSERT_TRUE(step(e->id, take(T::kConfirm), volunteer_).ok());
  EXPECT_TRUE(phase_inside.empty());  // not complete yet: not called
  const std::string events =
      "SELECT COUNT(*) FROM errand_events WHERE errand_id = " + std::to_string(e->id);
  const int64_t events_before = store::testing_util::query_int(db_->reader(), events);

  // The hook fails: the worker's confirmation is not kept, nor its event.
  now_ += 60;
  Result<Errand> r = step(e->id, take(T::kConfirm), grid_worker_);
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  ASSERT_EQ(phase_inside, std::vector<int64_t>{2});  // ran after the errand was written
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT phase FROM errands WHERE id = " + std::to_string(e->id)),
            1);
  EXPECT_EQ(store::testing_util::query_int(db_->reader(), events), events_before);

  fail = false;
  r = step(e->id, take(T::kConfirm), grid_worker_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(errand_complete(*r));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].errand_id, e->id);
  EXPECT_EQ(seen[0].volunteer_user_id, volunteer_.user_id);
  EXPECT_EQ(seen[0].volunteer_minutes, 50);
  EXPECT_EQ(seen[0].delivered_on, core::format_date(core::local_date_of(delivered)));
  EXPECT_EQ(seen[0].community_id, 20);
  EXPECT_EQ(seen[0].confirmed_by, grid_worker_.user_id);
  EXPECT_EQ(seen[0].confirmed_at, now_);
  EXPECT_EQ(store::testing_util::query_int(db_->reader(), events), events_before + 1);
  // Confirming again is refused and calls nothing.
  EXPECT_EQ(step(e->id, take(T::kConfirm), grid_worker_).status().code(), Code::kConflict);
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(phase_inside.size(), 2u);
}

// Every list list_errands answers is its definition, whatever way in: 60
// elders in 6 grids (1000–1005) of 3 communities (100–102) of 2
// sub-districts (10, 11), a team per grid (worker 100 + t, volunteer
// 200 + t), 600 errands in every phase with due times around now. Each
// filter's rows are compared with a filter over what was written.
// The store finds a worker's errands by the areas they were received in; who
// sees one is decided by where the elder lives now. Errands of an elder who
// moved away are read and hidden — and must not end the page early.
TEST_F(ErrandServiceTest, AMovedEldersErrandsDoNotCutAPageShort) {
  const int64_t stays = elder();
  const int64_t moves = elder();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(create(stays, grid_worker_).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(create(moves, grid_worker_).ok());  // the newest
  move_away(moves);
  ErrandQuery q;
  q.limit = 1;
  Result<ErrandPage> page = list(q);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->items.size(), 1u);  // hers, found past the three hidden ones
  EXPECT_EQ(page->items[0].errand.elder_id, stays);
  ASSERT_TRUE(page->next_before_id);
  q.before_id = page->next_before_id;
  page = list(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].errand.elder_id, stays);
  EXPECT_FALSE(page->next_before_id);  // nothing older
}

// Past kMaxListRounds reads a page comes back short (here empty) but says
// where to go on, and going on finds what she may see: the writer's thread is
// never held by one list for long.
TEST_F(ErrandServiceTest, AListReadsOnSoFarAndSaysWhereToGoOn) {
  const int64_t stays = elder();
  const int64_t moves = elder();
  ASSERT_TRUE(create(stays, grid_worker_).ok());
  const int hidden = 2 * kMaxListRounds + 4;  // more than kMaxListRounds reads of 2 rows
  for (int i = 0; i < hidden; ++i) ASSERT_TRUE(create(moves, grid_worker_).ok());
  move_away(moves);
  ErrandQuery q;
  q.limit = 1;
  Result<ErrandPage> page = list(q);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
  ASSERT_TRUE(page->next_before_id);
  int pages = 1;
  while (page->items.empty() && page->next_before_id && pages < 5) {
    q.before_id = page->next_before_id;
    page = list(q);
    ASSERT_TRUE(page.ok());
    ++pages;
  }
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].errand.elder_id, stays);
  EXPECT_EQ(pages, 2);
}

TEST_F(ErrandServiceTest, ListsAreTheirDefinition) {
  struct Row {
    int64_t id, elder, team, grid, community, subdistrict, phase, due;
  };
  std::vector<Row> rows;
  ASSERT_TRUE(db_->write([&](store::Connection& c) {
                   for (int t = 0; t < 6; ++t) {
                     Team team{0,       1000 + t,      100 + t / 2, "组", 100 + t,
                               200 + t, "13903580001", "24/7",      0,    1};
                     if (Status s = insert_team(c, team); !s.ok()) return s;
                   }
                   std::vector<Elder> elders;
                   for (int i = 0; i < 60; ++i) {
                     Elder e;
                     e.name = "测试";
                     e.phones = {"139" + std::to_string(10000000 + i)};
                     e.address = "x";
                     e.grid_id = 1000 + i % 6;
                     e.community_id = 100 + i % 6 / 2;
                     e.subdistrict_id = 10 + i % 6 / 4;
                     e.team_id = 1 + i % 6;
                     e.birth_date = "1941-01-01";
                     e.consent = {"consent", "", 1, 0};
                     if (Status s = insert_elder(c, e); !s.ok()) return s;
                     elders.push_back(e);
                   }
                   for (int k = 0; k < 600; ++k) {
                     const Elder& elder = elders[(k * 7) % 60];
                     Errand e;
                     e.elder_id = elder.id;
                     e.community_id = elder.community_id;
                     e.work = {"task", {}, "", "", "交水费"};
                     e.team_id = k % 13 == 0 ? std::nullopt : elder.team_id;
                     e.state = k % 13 == 0 ? S::kReceived : static_cast<S>(1 + k % 5);
                     if (e.state == S::kSettled && k % 2 == 0) {
                       e.settlement = Settlement{100, 100, 0, "cash", now_, 2};
                       e.worker_confirmed_by = e.volunteer_confirmed_by = 2;
                       e.worker_confirmed_at = e.volunteer_confirmed_at = now_;
                     }
                     e.received_at = e.updated_at = now_ - (600 - k) * 60;
                     e.due_at = now_ + (k % 11 - 5) * 36000;
                     if (Status s = insert_errand(c, e); !s.ok()) return s;
                     if (Status s = update_errand(c, e); !s.ok()) return s;
                     rows.push_back({e.id, e.elder_id, e.team_id.value_or(0), elder.grid_id,
                                     *elder.community_id, *elder.subdistrict_id, errand_phase(e),
                                     e.due_at});
                   }
                   return Status::Ok();
                 })
                  .ok());
  auto expected = [&](const ErrandFilter& f) {
    std::vector<int64_t> ids;
    for (auto r = rows.rbegin(); r != rows.rend(); ++r) {
      const bool undelivered_before = r->phase == 0 && r->due < f.until;
      const bool in_queue = f.queue == ErrandQueue::kAll    ? true
                            : f.queue == ErrandQueue::kOpen ? r->phase < 2
                                                            : undelivered_before;
      auto in = [&](int64_t area) {
        return f.in_areas && std::count(f.in_areas->begin(), f.in_areas->end(), area) > 0;
      };
      const bool member =
          f.member && r->team > 0 && (*f.member == 99 + r->team || *f.member == 199 + r->team);
      const bool access = (!f.in_areas && !f.member) || in(r->grid) || in(r->community) ||
                          in(r->subdistrict) || member;
      if (in_queue && access && (!f.elder_id || *f.elder_id == r->elder) &&
          (!f.team_id || *f.team_id == r->team) &&
          (!f.community_id || *f.community_id == r->community) &&
          (!f.before_id || r->id < *f.before_id) && ids.size() < static_cast<size_t>(f.limit)) {
        ids.push_back(r->id);
      }
    }
    return ids;
  };
  using Areas = std::optional<std::vector<int64_t>>;
  const std::vector<std::pair<Areas, std::optional<int64_t>>> access = {
      {std::nullopt, std::nullopt},  {Areas{{1001}}, std::nullopt},
      {Areas{{101}}, 101},           {Areas{{11}}, std::nullopt},
      {Areas{{1000, 102}}, 999},     {std::nullopt, 203},
      {Areas{{1005, 100, 10}}, 100}, {std::nullopt, 999}};
  int checked = 0;
  for (ErrandQueue q :
       {ErrandQueue::kAll, ErrandQueue::kOpen, ErrandQueue::kToday, ErrandQueue::kOverdue}) {
    for (const auto& [areas, member] : access) {
      for (int narrow = 0; narrow < 4; ++narrow) {
        for (int page = 0; page < 2; ++page) {
          ErrandFilter f;
          f.queue = q;
          f.until = q == ErrandQueue::kToday ? now_ + 5 * 3600 : now_;
          f.in_areas = areas;
          f.member = member;
          if (narrow == 1) f.team_id = 3;
          if (narrow == 2) f.community_id = 101;
          if (narrow == 3) f.elder_id = rows[40].elder;
          f.limit = page == 0 ? 7 : 1000;
          if (page == 1) f.before_id = rows[350].id;
          Result<std::vector<Errand>> got = list_errands(db_->reader(), f);
          ASSERT_TRUE(got.ok()) << got.status().message();
          std::vector<int64_t> ids;
          for (const Errand& e : *got) ids.push_back(e.id);
          EXPECT_EQ(ids, expected(f)) << "queue " << static_cast<int>(q) << ", access "
                                      << checked % 8 << ", narrow " << narrow << ", page " << page;
          checked += !ids.empty();
        }
      }
    }
  }
  EXPECT_GT(checked, 100);  // most lists hold something
}

// errands v2 holds the grid and sub-district her errands were received in:
// rows written under v1 get them from her record.
TEST(ErrandMigrationTest, V2BackfillsTheAreas) {
  store::testing_util::ScratchDir dir;
  std::vector<store::Migration> v1 = accounts::migrations();
  for (auto& m : migrations()) v1.push_back(std::move(m));
  std::vector<store::Migration> v2 = v1;
  v1.push_back(errand_migrations().front());
  for (auto& m : errand_migrations()) v2.push_back(std::move(m));
  {
    auto db = store::Database::open({dir.file("e.db")}, v1);
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE((*db)
                    ->write([](store::Connection& c) {
                      Elder e;
                      e.name = "测试";
                      e.phones = {"13910000000"};
                      e.address = "x";
                      e.grid_id = 30;
                      e.community_id = 20;
                      e.subdistrict_id = 10;
                      e.birth_date = "1941-01-01";
                      e.consent = {"consent", "", 1, 0};
                      if (Status s = insert_elder(c, e); !s.ok()) return s;
                      return c.exec(
                          "INSERT INTO errands (elder_id, community_id, kind, work, state, phase, "
                          "received_at, received_by, due_at, updated_at) VALUES (1, 20, 'task', "
                          "'{\"text\": \"x\"}', 'received', 0, 0, 1, 0, 0)");
                    })
                    .ok());
  }
  auto db = store::Database::open({dir.file("e.db")}, v2);
  ASSERT_TRUE(db.ok()) << db.status().message();
  store::Connection& r = (*db)->reader();
  EXPECT_EQ(store::testing_util::query_int(r, "SELECT grid_id FROM errands WHERE id = 1"), 30);
  EXPECT_EQ(store::testing_util::query_int(r, "SELECT subdistrict_id FROM errands WHERE id = 1"),
            10);
  ErrandFilter f;
  f.in_areas = std::vector<int64_t>{10};
  Result<std::vector<Errand>> listed = list_errands(r, f);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
}

}  // namespace
}  // namespace warmcity::eldercare
