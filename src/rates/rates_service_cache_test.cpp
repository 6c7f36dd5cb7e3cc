// A RatesService that keeps its ranked months (rates_cache.h) against one
// that keeps nothing, on one database changed at random between the
// questions: appeals submitted, taken through their steps, called back,
// closed, relocated (a changed grid written with its event, as every change
// to a grouping column must be), sometimes rolled up. The whole report (the
// CSV's rows) and every page of every order, at several times of asking,
// must be the same.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "appeals/test_world.h"
#include "core/time.h"
#include "rates/rates_page.h"
#include "rates/rates_service.h"
#include "rates/rates_store.h"
#include "rates/rollup.h"

namespace warmcity::appeals::testing {
namespace {

using rates::Dimension;
using rates::Order;
using rates::Rate;

class RatesCache : public AppealsWorld {
 protected:
  Result<Appeal> step(int64_t id, StepRequest req, const Caller& by) {
    return wait_for<Appeal>([&](auto d) { service_->take_step(id, std::move(req), by, d); });
  }
  Status relocate(int64_t id, int64_t cell) {
    const std::string ids = std::to_string(id);
    return sql("UPDATE appeals SET subdistrict_id = " + std::to_string(1000 + cell / 4) +
               ", community_id = " + std::to_string(2000 + cell / 2) +
               ", grid_id = " + std::to_string(3000 + cell) + " WHERE id = " + ids +
               "; INSERT INTO appeal_events (appeal_id, at, actor_role, action, public, detail) "
               "VALUES (" +
               ids + ", " + std::to_string(core::now_unix()) + ", 'system', 'relocate', 0, '{}')");
  }

  // One random change (a refused step writes nothing and is fine).
  void act(std::mt19937& rng, std::vector<int64_t>& ids) {
    if (ids.empty() || rng() % 4 == 0) {
      Result<Appeal> a = submit("roads", "路面塌陷");
      ASSERT_TRUE(a.ok()) << a.status().message();
      ids.push_back(a->id);
      if (rng() % 5 != 0) {
        ASSERT_TRUE(relocate(a->id, rng() % 12).ok());
      }
      return;
    }
    const int64_t id = ids[rng() % ids.size()];
    Result<Appeal> a = service_->get(id);
    ASSERT_TRUE(a.ok()) << a.status().message();
    const unsigned dice = rng() % 20;
    if (dice == 0) {
      ASSERT_TRUE(relocate(id, rng() % 12).ok());
      return;
    }
    if (dice == 1) {
      ASSERT_TRUE(db_->write([](store::Connection& c) { return rates::roll_up(c, 7); }).ok());
      return;
    }
    const Satisfaction answers[] = {Satisfaction::kSatisfied, Satisfaction::kBasicallySatisfied,
                                    Satisfaction::kDissatisfied};
    Result<Appeal> r = *a;
    switch (a->state) {
      case State::kSubmitted:
        r = step(id, {.step = Step::kAccept}, worker_);
        break;
      case State::kAccepted:
        r = step(id, {.step = Step::kDispatch, .org_id = 7}, worker_);
        break;
      case State::kDispatched:
        r = step(id, {.step = Step::kStart}, dept_);
        break;
      case State::kInProgress:
        r = step(id, {.step = Step::kReply, .note = "已处理", .outcome = "solved"}, dept_);
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
        r = step(id, {.step = Step::kClose}, worker_);
        break;
      default:
        break;
    }
    ASSERT_TRUE(r.ok()) << r.status().message();
  }

  static std::string text(const rates::Row& r) {
    auto num = [](const std::optional<double>& v) { return v ? std::to_string(*v) : "null"; };
    auto whole = [](const auto& v) { return v ? std::to_string(*v) : "null"; };
    return whole(r.rank) + "|" + whole(r.id) + "|" + r.name + "|" +
           std::to_string(r.valid_callbacks) + "|" + std::to_string(r.contacted) + "|" +
           std::to_string(r.solved) + "|" + std::to_string(r.satisfied) + "|" +
           std::to_string(r.basically_satisfied) + "|" + std::to_string(r.dissatisfied) + "|" +
           num(r.response_rate) + "|" + num(r.resolution_rate) + "|" + num(r.satisfaction_rate) +
           "|" + num(r.composite) + "|" + std::to_string(r.submitted) + "|" +
           std::to_string(r.responded) + "|" + std::to_string(r.resolved) + "|" +
           num(r.mean_response_hours) + "|" + num(r.mean_resolution_hours) + "|" +
           std::to_string(r.response_overdue) + "|" + std::to_string(r.resolution_overdue);
  }
  static std::vector<std::string> texts(const std::vector<rates::Row>& rows) {
    std::vector<std::string> out;
    for (const rates::Row& r : rows) out.push_back(text(r));
    return out;
  }

  // Every page of `q` from `s`, as text, with each page's count and cursor.
  static std::vector<std::string> pages(const rates::RatesService& s, const rates::Month& month,
                                        Dimension by, int64_t now, rates::PageQuery q) {
    std::vector<std::string> out;
    for (int n = 0; n < 100; ++n) {
      auto p = s.page(month, by, now, q);
      EXPECT_TRUE(p.ok()) << p.status().message();
      if (!p.ok()) break;
      out.push_back("selected " + std::to_string(p->selected) + " next " +
                    p->next_cursor.value_or("none") + " total " + text(p->total));
      for (const rates::Row& r : p->rows) out.push_back(text(r));
      if (!p->next_cursor) break;
      q.cursor = p->next_cursor;
    }
    return out;
  }

  void expect_cached_equal_fresh(const rates::RatesService& cached) {
    const rates::RatesService fresh(*db_, weights_, {.max_rows = 0});
    const int64_t now = core::now_unix();
    const rates::Month month = rates::month_of(now);
    for (Dimension by : {Dimension::kDepartment, Dimension::kSubdistrict, Dimension::kCommunity,
                         Dimension::kGrid}) {
      // Now, once the response deadlines passed, once every deadline passed.
      for (int64_t at : {now, now + 3 * 86400, now + 60 * 86400}) {
        SCOPED_TRACE(std::string(rates::dimension_name(by)) + " at " + std::to_string(at));
        auto a = cached.report(month, by, at);
        auto b = fresh.report(month, by, at);
        ASSERT_TRUE(a.ok() && b.ok());
        EXPECT_EQ(texts(a->rows), texts(b->rows));
        EXPECT_EQ(text(a->total), text(b->total));
        for (Order order : {Order::kRank, Order::kWorst}) {
          for (Rate rate : {Rate::kComposite, Rate::kResolution}) {
            for (int64_t min : {0, 2}) {
              const rates::PageQuery q{
                  .order = order, .rate = rate, .min_callbacks = min, .limit = 3};
              EXPECT_EQ(pages(cached, month, by, at, q), pages(fresh, month, by, at, q));
            }
          }
        }
      }
    }
  }

  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  const rates::Weights weights_{};
};

TEST_F(RatesCache, KeptMonthsAnswerAsAFreshServiceAfterRandomChanges) {
  ASSERT_TRUE(create("roads", 7).ok());
  const rates::RatesService cached(*db_, weights_);
  std::mt19937 rng(20261205);
  std::vector<int64_t> ids;
  for (int i = 0; i < 240; ++i) {
    act(rng, ids);
    if (HasFatalFailure()) return;
    if (i % 20 == 19) {
      expect_cached_equal_fresh(cached);
      if (HasFatalFailure()) return;
      // Asked again with nothing changed: answered from what was kept.
      const uint64_t computed = cached.cache().computations();
      expect_cached_equal_fresh(cached);
      EXPECT_EQ(cached.cache().computations(), computed);
    }
  }
  ASSERT_GT(count("SELECT COUNT(*) FROM appeal_events WHERE action = 'callback'"), 10);
  ASSERT_GT(count("SELECT COUNT(*) FROM appeal_events WHERE action = 'relocate'"), 10);
}

// The rows' names: a chunk of ids dense in its range is read as the range
// (rates_store.cpp group_names), a sparse one as a list; either way every id
// that names an area gets its name, once, and the rest are left out.
TEST_F(RatesCache, GroupNamesOfDenseAndSparseIds) {
  std::string values;
  auto add = [&](int64_t id) {
    values += (values.empty() ? "(" : ", (") + std::to_string(id) +
              ", 'subdistrict', NULL, '区域 " + std::to_string(id) + "', '{}', 0, 0)";
  };
  for (int64_t id = 50000; id < 51200; ++id) {
    if (id % 7 != 3) add(id);  // a few missing inside the range
  }
  for (int64_t id : {90001, 95000, 99999}) add(id);
  ASSERT_TRUE(sql("INSERT INTO areas (id, level, parent_id, name, boundary, created_at, "
                  "updated_at) VALUES " +
                  values)
                  .ok());
  std::vector<int64_t> asked;
  for (int64_t id = 51199; id >= 50000; --id) asked.push_back(id);  // in rank order, not sorted
  asked.push_back(50010);                                           // twice
  for (int64_t id : {90001, 95000, 99999, 123456789}) asked.push_back(id);
  Result<std::map<int64_t, std::string>> names =
      rates::group_names(db_->reader(), Dimension::kGrid, asked);
  ASSERT_TRUE(names.ok()) << names.status().message();
  std::map<int64_t, std::string> want;
  for (int64_t id = 50000; id < 51200; ++id) {
    if (id % 7 != 3) want[id] = "区域 " + std::to_string(id);
  }
  for (int64_t id : {90001, 95000, 99999}) want[id] = "区域 " + std::to_string(id);
  EXPECT_EQ(*names, want);
}

}  // namespace
}  // namespace warmcity::appeals::testing
