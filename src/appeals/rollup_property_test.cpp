// The month aggregates (rates/rollup.h) against a recount of the raw rows,
// on SQLite (rollup_tests) and on PostgreSQL (rollup_pg_tests, the same
// executable with WARMCITY_TEST_ENGINE=postgres): random workflows over several months —
// submissions on two channels in located areas, accept, dispatch to one
// department or the other (a reassignment after a return), start, reply,
// callback satisfied or not (the system reopens after 不满意), close,
// reopen, merge, and relocations (a changed area written with its event) —
// with the rates of every dimension and the counts of every dimension of
// every month compared with the recount as they go, then the aggregates
// rolled up in full compared with the migration's fill of the same rows.
// The district's month boundary (00:00 +08:00) on its own.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "accounts/accounts.h"
#include "appeals/appeal_counts.h"
#include "appeals/appeal_service.h"
#include "appeals/appeals.h"
#include "rates/rates.h"
#include "rates/rates_service.h"
#include "rates/rates_store.h"
#include "rates/rollup.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::appeals {
namespace {

// 2026-05-01, 06-01, 07-01 and 08-01 at 00:00 +08:00.
constexpr int64_t kMay = 1777564800;
constexpr int64_t kJune = 1780243200;
constexpr int64_t kJuly = 1782835200;

template <class T, class Call>
Result<T> wait_for(Call call) {
  std::promise<Result<T>> p;
  call([&p](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : migrations()) all.push_back(std::move(m));
  return all;
}

class Rollup : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    open_db();
    ASSERT_TRUE(
        sql("INSERT INTO organisations (id, kind, name, created_at) VALUES "
            "(7, 'department', '区住建局', 0), (8, 'department', '区城管局', 0);"
            "INSERT INTO users (id, username, display_name, role, password_hash, "
            "created_at, updated_at) VALUES (70, 'zhujian', '住建', 'department', 'x', 0, 0), "
            "(80, 'chengguan', '城管', 'department', 'x', 0, 0);"
            "INSERT INTO memberships (user_id, organisation_id) VALUES (70, 7), (80, 8)")
            .ok());
    start_service();
    Category c;
    c.code = "roads";
    c.name_zh = "道路";
    c.name_en = "Roads";
    c.department_org_id = 7;
    ASSERT_TRUE(wait_for<Category>([&](auto d) { service_->create_category(c, admin_, d); }).ok());
  }
  void TearDown() override { stop(); }

  std::string location() const { return scratch_.where("rollup.db"); }
  void open_db() {
    auto db = store::Database::open({location()}, all_migrations());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }
  void start_service() {
    audit_ = std::make_unique<accounts::AuditLog>(*db_);
    Config config;
    config.photo_dir = scratch_.dir().file("photos");
    config.sweep_interval_s = 0;
    config.now = [this] { return clock_.load(); };
    // Three sub-districts, each of two communities, each of two grids, by
    // the latitude's third decimal; a point south of 37.5 lies in none.
    auto locate = [](double lat, double) {
      areas::Location l;
      if (lat < 37.5) return l;
      const int64_t cell = static_cast<int64_t>((lat - 37.5) * 1000 + 0.5) % 12;
      l.subdistrict = areas::AreaRef{1000 + cell / 4, "街道"};
      l.community = areas::AreaRef{2000 + cell / 2, "社区"};
      l.grid = areas::AreaRef{3000 + cell, "网格"};
      return l;
    };
    auto s = AppealService::open(*db_, *audit_, config, locate, nullptr);
    ASSERT_TRUE(s.ok()) << s.status().message();
    service_ = std::move(*s);
  }
  void stop() {
    if (service_) service_->stop();
    service_.reset();
    if (db_) db_->stop();
    db_.reset();
  }

  Status sql(const std::string& text) {
    return db_->write([text](store::Connection& c) { return c.exec(text); });
  }
  int64_t query_int(const std::string& text) {
    return store::testing_util::query_int(db_->reader(), text);
  }

  Result<Appeal> submit(std::mt19937& rng) {
    NewAppeal in;
    in.category_code = "roads";
    in.description = "路面塌陷";
    in.lat = 37.49 + (rng() % 14) / 1000.0;
    in.lon = 111.14;
    in.contact = Contact{"王阿姨", "13812345678"};
    const bool phone = rng() % 3 == 0;
    in.channel = phone ? Channel::kPhone : Channel::kWeb;
    return wait_for<Appeal>(
        [&](auto d) { service_->submit(std::move(in), phone ? worker_ : resident_, d); });
  }
  Result<Appeal> step(int64_t id, StepRequest req, const Caller& by) {
    return wait_for<Appeal>([&](auto d) { service_->take_step(id, std::move(req), by, d); });
  }
  // A relocation: the appeal's areas changed, written with its event, as
  // every change to a grouping column must be.
  Status relocate(int64_t id, int64_t cell) {
    const std::string ids = std::to_string(id);
    return sql("UPDATE appeals SET subdistrict_id = " + std::to_string(1000 + cell / 4) +
               ", community_id = " + std::to_string(2000 + cell / 2) +
               ", grid_id = " + std::to_string(3000 + cell) + " WHERE id = " + ids +
               "; INSERT INTO appeal_events (appeal_id, at, actor_role, action, public, detail) "
               "VALUES (" +
               ids + ", " + std::to_string(clock_.load()) + ", 'system', 'relocate', 0, '{}')");
  }

  // One random action on one random appeal (or a new one). Refused steps
  // (not legal from the appeal's state) write nothing and are fine.
  void act(std::mt19937& rng, std::vector<int64_t>& ids) {
    clock_ += 60 + rng() % (7 * 3600);
    if (ids.empty() || rng() % 4 == 0) {
      Result<Appeal> a = submit(rng);
      ASSERT_TRUE(a.ok()) << a.status().message();
      ids.push_back(a->id);
      return;
    }
    const int64_t id = ids[rng() % ids.size()];
    Result<Appeal> a = service_->get(id);
    ASSERT_TRUE(a.ok()) << a.status().message();
    const Caller& dept = a->assigned_org_id == 8 ? dept8_ : dept7_;
    const int64_t other_org = a->assigned_org_id == 7 ? 8 : 7;
    const Satisfaction answers[] = {Satisfaction::kSatisfied, Satisfaction::kBasicallySatisfied,
                                    Satisfaction::kDissatisfied};
    const unsigned dice = rng() % 20;
    Result<Appeal> r = *a;  // closed: nothing to do
    if (dice == 0) {
      ASSERT_TRUE(relocate(id, rng() % 12).ok());
      return;
    }
    if (dice == 1) {
      r = step(id, {.step = Step::kMerge, .into_id = ids[rng() % ids.size()]}, worker_);
      return;  // often refused (closed, itself): nothing written
    }
    switch (a->state) {
      case State::kSubmitted:
        r = step(id, {.step = Step::kAccept}, worker_);
        break;
      case State::kAccepted:
        r = step(id, {.step = Step::kDispatch, .org_id = 7 + int64_t(rng() % 2)}, worker_);
        break;
      case State::kDispatched:
        r = dice < 5 ? step(id, {.step = Step::kReturn, .note = "不归我们管"}, dept)
                     : step(id, {.step = Step::kStart}, dept);
        break;
      case State::kReturned:  // a reassignment: to the other department
        r = step(id, {.step = Step::kDispatch, .org_id = other_org}, worker_);
        break;
      case State::kInProgress:
        r = step(id,
                 {.step = Step::kReply,
                  .note = "已处理",
                  .outcome = dice < 16 ? "solved" : "not_solvable"},
                 dept);
        break;
      case State::kReplied:
        r = step(id,
                 {.step = Step::kCallback,
                  .contacted = dice != 2,
                  .solved = dice % 3 != 0,
                  .satisfaction = answers[rng() % 3]},
                 worker_);
        break;
      case State::kCalledBack:
        r = dice < 4 ? step(id, {.step = Step::kReopen, .note = "又坏了"}, worker_)
                     : step(id, {.step = Step::kClose}, worker_);
        break;
      case State::kClosed:
        break;
    }
    ASSERT_TRUE(r.ok()) << state_name(a->state) << ": " << r.status().message();
  }

  // The rates and counts of every month from May to August, every
  // dimension, equal to the recount of the raw rows at the clock's now.
  void expect_equal_to_recount() {
    rates::RatesService service(*db_, weights_);
    const int64_t now = clock_.load();
    for (const char* month_text : {"2026-05", "2026-06", "2026-07", "2026-08"}) {
      const rates::Month month = *rates::parse_month(month_text);
      store::Connection& c = db_->reader();
      auto callbacks = rates::callbacks_between(c, month.from, month.until);
      auto submissions = rates::submissions_between(c, month.from, month.until);
      ASSERT_TRUE(callbacks.ok() && submissions.ok());
      for (rates::Dimension by : {rates::Dimension::kDepartment, rates::Dimension::kSubdistrict,
                                  rates::Dimension::kCommunity, rates::Dimension::kGrid}) {
        SCOPED_TRACE(std::string(month_text) + " by " + std::string(rates::dimension_name(by)));
        auto report = service.report(month, by, now);
        ASSERT_TRUE(report.ok()) << report.status().message();
        const std::vector<rates::Row> want =
            rates::compute(by, *callbacks, *submissions, weights_, now);
        ASSERT_EQ(report->rows.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) expect_same_row(report->rows[i], want[i]);
        expect_same_row(report->total, rates::total(*callbacks, *submissions, weights_, now));
      }
      for (CountBy by : {CountBy::kState, CountBy::kCategory, CountBy::kChannel,
                         CountBy::kSubdistrict, CountBy::kCommunity, CountBy::kGrid}) {
        SCOPED_TRACE(std::string(month_text) + " counts by " + std::string(count_by_name(by)));
        auto cells = service_->counts({.by = by, .from = month.from, .until = month.until});
        ASSERT_TRUE(cells.ok()) << cells.status().message();
        EXPECT_EQ(cells_of(*cells), recount(by, month));
      }
    }
  }

  static void expect_same_row(const rates::Row& got, const rates::Row& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.rank, want.rank);
    EXPECT_EQ(std::tie(got.valid_callbacks, got.contacted, got.solved, got.satisfied,
                       got.basically_satisfied, got.dissatisfied),
              std::tie(want.valid_callbacks, want.contacted, want.solved, want.satisfied,
                       want.basically_satisfied, want.dissatisfied));
    EXPECT_EQ(std::tie(got.submitted, got.responded, got.resolved, got.response_overdue,
                       got.resolution_overdue),
              std::tie(want.submitted, want.responded, want.resolved, want.response_overdue,
                       want.resolution_overdue));
    EXPECT_EQ(got.response_rate, want.response_rate);
    EXPECT_EQ(got.resolution_rate, want.resolution_rate);
    EXPECT_EQ(got.satisfaction_rate, want.satisfaction_rate);
    EXPECT_EQ(got.composite, want.composite);
    EXPECT_EQ(got.mean_response_hours, want.mean_response_hours);
    EXPECT_EQ(got.mean_resolution_hours, want.mean_resolution_hours);
  }

  using Cell = std::tuple<std::string, int64_t, std::string, int64_t>;  // key, id (-1 null)
  static std::vector<Cell> cells_of(const std::vector<CountCell>& cells) {
    std::vector<Cell> out;
    for (const CountCell& c : cells) {
      out.emplace_back(c.key, c.id.value_or(-1), std::string(state_name(c.state)), c.count);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<Cell> recount(CountBy by, const rates::Month& month) {
    const std::map<CountBy, std::string> column = {{CountBy::kState, "state"},
                                                   {CountBy::kCategory, "category_id"},
                                                   {CountBy::kChannel, "channel"},
                                                   {CountBy::kSubdistrict, "subdistrict_id"},
                                                   {CountBy::kCommunity, "community_id"},
                                                   {CountBy::kGrid, "grid_id"}};
    const bool text = by == CountBy::kState || by == CountBy::kChannel;
    auto s = db_->reader().prepare("SELECT " + column.at(by) +
                                   ", state, COUNT(*) FROM appeals WHERE submitted_at >= ? AND "
                                   "submitted_at < ? GROUP BY " +
                                   column.at(by) + ", state");
    EXPECT_TRUE(s.ok());
    s->bind(1, month.from).bind(2, month.until);
    std::vector<Cell> out;
    while (*s->step()) {
      out.emplace_back(text ? s->column_text(0) : "",
                       text ? -1 : s->column_int64_opt(0).value_or(-1), s->column_text(1),
                       s->column_int64(2));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The stored aggregates' non-empty rows, as text.
  std::vector<std::string> stored_aggregates() {
    std::vector<std::string> out;
    auto s = db_->reader().prepare(
        "SELECT month, dim, group_id, group_key, state, appeals FROM appeal_month_counts "
        "WHERE appeals <> 0 ORDER BY month, dim, group_id, group_key, state");
    EXPECT_TRUE(s.ok());
    while (*s->step()) {
      std::string row;
      for (int i = 0; i < 6; ++i) row += s->column_text(i) + "|";
      out.push_back(row);
    }
    auto r = db_->reader().prepare(
        "SELECT month, dim, group_id, submitted, responded, resolved, response_seconds, "
        "resolution_seconds, response_late, resolution_late, callbacks, contacted, solved, "
        "satisfied, basically_satisfied, dissatisfied FROM appeal_month_rates "
        "ORDER BY month, dim, group_id");
    EXPECT_TRUE(r.ok());
    while (*r->step()) {
      std::string row = "rates|";
      bool any = false;
      for (int i = 0; i < 16; ++i) {
        row += r->column_text(i) + "|";
        any = any || (i >= 3 && r->column_int64(i) != 0);
      }
      if (any) out.push_back(row);
    }
    return out;
  }

  store::pg_testing::ScratchWhere scratch_;  // dropped after db_ is gone
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<accounts::AuditLog> audit_;
  std::unique_ptr<AppealService> service_;
  std::atomic<int64_t> clock_{kMay + 20 * 86400};
  const rates::Weights weights_{};
  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller worker_{2, "worker", {}, "127.0.0.1"};
  const Caller dept7_{70, "department", {7}, "127.0.0.1"};
  const Caller dept8_{80, "department", {8}, "127.0.0.1"};
  const Caller resident_{5, "resident", {}, "127.0.0.1"};
};

TEST_F(Rollup, RandomWorkflowsEqualTheRecountAndTheMigrationsFill) {
  std::mt19937 rng(20261205);
  std::vector<int64_t> ids;
  for (int i = 0; i < 640; ++i) {
    act(rng, ids);
    if (HasFatalFailure()) return;
    if (i % 64 == 63) {
      expect_equal_to_recount();
      if (HasFatalFailure()) return;
    }
  }
  ASSERT_GT(clock_.load(), kJuly + 86400) << "the walk should cross two month boundaries";
  ASSERT_GT(query_int("SELECT COUNT(*) FROM appeal_events WHERE action = 'callback'"), 20);
  ASSERT_GT(query_int("SELECT COUNT(*) FROM appeal_events WHERE action = 'reopen'"), 2);
  ASSERT_GT(query_int("SELECT COUNT(*) FROM appeals WHERE merged_into IS NOT NULL"), 2);
  ASSERT_GT(query_int("SELECT COUNT(*) FROM appeal_events WHERE action = 'return'"), 2);
  // Reads add what is pending; now roll everything up and read again.
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(db_->write([](store::Connection& c) { return rates::roll_up(c, 50); }).ok());
  }
  EXPECT_EQ(query_int("SELECT event_id FROM appeal_rollup_mark"),
            query_int("SELECT MAX(id) FROM appeal_events"));
  expect_equal_to_recount();
  const std::vector<std::string> kept_up = stored_aggregates();
  ASSERT_FALSE(kept_up.empty());

  // The same rows as an existing database migrating to appeal_counts v3:
  // the fill gives the same aggregates.
  service_->stop();
  service_.reset();
  ASSERT_TRUE(sql("DROP TABLE appeal_month_rates; DROP TABLE appeal_month_counts; "
                  "DROP TABLE appeal_rollup_callbacks; DROP TABLE appeal_rollup; "
                  "DROP TABLE appeal_rollup_mark; DROP INDEX appeals_month_open; "
                  "DELETE FROM schema_migrations WHERE module = 'appeal_counts' AND version = 3")
                  .ok());
  db_->stop();
  db_.reset();
  open_db();
  start_service();
  EXPECT_EQ(stored_aggregates(), kept_up);
  expect_equal_to_recount();
}

TEST_F(Rollup, TheMonthTurnsAtMidnightInTheDistrict) {
  std::mt19937 rng(7);
  // 2026-05-31T23:59:59+08:00 (15:59:59 UTC) is May's; one second later June's.
  clock_ = kJune - 1;
  Result<Appeal> may = submit(rng);
  clock_ = kJune;
  Result<Appeal> june = submit(rng);
  ASSERT_TRUE(may.ok() && june.ok());
  for (int64_t id : {may->id, june->id}) {
    ASSERT_TRUE(step(id, {.step = Step::kAccept}, worker_).ok());
    ASSERT_TRUE(step(id, {.step = Step::kDispatch}, worker_).ok());
    ASSERT_TRUE(step(id, {.step = Step::kStart}, dept7_).ok());
    ASSERT_TRUE(step(id, {.step = Step::kReply, .note = "好了", .outcome = "solved"}, dept7_).ok());
  }
  // Both called back on either side of midnight on 1 July, district time.
  clock_ = kJuly - 1;
  ASSERT_TRUE(step(may->id,
                   {.step = Step::kCallback,
                    .contacted = true,
                    .solved = true,
                    .satisfaction = Satisfaction::kSatisfied},
                   worker_)
                  .ok());
  clock_ = kJuly;
  ASSERT_TRUE(step(june->id,
                   {.step = Step::kCallback,
                    .contacted = true,
                    .solved = true,
                    .satisfaction = Satisfaction::kSatisfied},
                   worker_)
                  .ok());
  rates::RatesService rates(*db_, weights_);
  auto month = [](const char* text) { return *rates::parse_month(text); };
  auto counted = [&](const char* m) {
    auto cells =
        service_->counts({.by = CountBy::kState, .from = month(m).from, .until = month(m).until});
    EXPECT_TRUE(cells.ok());
    int64_t n = 0;
    for (const CountCell& c : *cells) n += c.count;
    return n;
  };
  EXPECT_EQ(counted("2026-05"), 1);
  EXPECT_EQ(counted("2026-06"), 1);
  auto total = [&](const char* m) {
    return rates.report(month(m), rates::Dimension::kDepartment, clock_.load())->total;
  };
  EXPECT_EQ(total("2026-05").submitted, 1);
  EXPECT_EQ(total("2026-06").submitted, 1);
  EXPECT_EQ(total("2026-06").valid_callbacks, 1);  // the May appeal's, at 23:59:59 on 30 June
  EXPECT_EQ(total("2026-07").valid_callbacks, 1);  // the June appeal's, at 00:00 on 1 July
  expect_equal_to_recount();
}

}  // namespace
}  // namespace warmcity::appeals
