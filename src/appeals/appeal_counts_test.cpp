// The month's counts (AppealService::counts, appeal_counts.h) on a real
// database: for every dimension and visibility the cells equal a count over
// the raw rows; the month starts at 00:00 district time (+08:00), not UTC;
// a month without appeals has no cells; unknown dimensions are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "appeals/appeal_counts.h"
#include "appeals/test_world.h"
#include "core/time.h"
#include "rates/rates.h"

namespace warmcity::appeals {
namespace {

// 2026-06-01T00:00:00+08:00 and 2026-07-01T00:00:00+08:00.
constexpr int64_t kJune = 1780243200;
constexpr int64_t kJuly = 1782835200;

using Cell = std::tuple<std::string, std::optional<int64_t>, State, int64_t>;

std::vector<Cell> cells_of(const std::vector<CountCell>& cells) {
  std::vector<Cell> out;
  for (const CountCell& c : cells) out.emplace_back(c.key, c.id, c.state, c.count);
  return out;
}

class AppealCounts : public testing::AppealsWorld {
 protected:
  void SetUp() override {
    AppealsWorld::SetUp();
    ASSERT_EQ(*core::parse_rfc3339("2026-06-01T00:00:00+08:00"), kJune);
    ASSERT_EQ(*core::parse_rfc3339("2026-07-01T00:00:00+08:00"), kJuly);
    ASSERT_TRUE(create("roads", 7).ok());
    ASSERT_TRUE(create("lights", std::nullopt).ok());
    // 24 appeals spread over the end of May, June and the start of July,
    // with states, channels, organisations and areas varied by position.
    const char* states[] = {"submitted", "accepted", "dispatched", "closed", "in_progress"};
    const char* channels[] = {"web", "phone", "liaison_station"};
    for (int i = 0; i < 24; ++i) {
      Result<Appeal> a = submit(i % 3 == 0 ? "lights" : "roads", "诉求 " + std::to_string(i));
      ASSERT_TRUE(a.ok()) << a.status().message();
      const int64_t at = kJune - 2 * 86400 + int64_t{i} * 150000;  // May 30 … July 10
      std::string set = "submitted_at = " + std::to_string(at) + ", state = '" + states[i % 5] +
                        "', channel = '" + channels[i % 3] + "'";
      if (i % 4 != 3) set += ", community_id = " + std::to_string(100 + i % 2);
      if (i % 4 == 0) set += ", subdistrict_id = 300, grid_id = 200";
      if (i % 2 == 0) set += ", assigned_org_id = " + std::to_string(7 + i % 3 / 2);
      ASSERT_TRUE(sql("UPDATE appeals SET " + set + " WHERE id = " + std::to_string(a->id)).ok());
    }
  }

  std::vector<CountCell> counted(const CountQuery& q) {
    Result<std::vector<CountCell>> cells = service_->counts(q);
    EXPECT_TRUE(cells.ok()) << cells.status().message();
    return cells.ok() ? *cells : std::vector<CountCell>{};
  }

  // The same cells counted here from every raw row.
  std::vector<Cell> recounted(const CountQuery& q) {
    Result<std::vector<Appeal>> all = service_->list({.limit = 1000});
    EXPECT_TRUE(all.ok());
    std::map<std::tuple<bool, int64_t, std::string, State>, int64_t> n;
    for (const Appeal& a : *all) {
      if (a.submitted_at < q.from || a.submitted_at >= q.until) continue;
      if (!q.assigned_org_ids.empty() &&
          std::find(q.assigned_org_ids.begin(), q.assigned_org_ids.end(),
                    a.assigned_org_id.value_or(-2)) == q.assigned_org_ids.end()) {
        continue;
      }
      if (!q.area_ids.empty()) {
        bool in = false;
        for (int64_t id : q.area_ids) {
          in = in || a.subdistrict_id == id || a.community_id == id || a.grid_id == id ||
               a.assigned_area_id == id;
        }
        if (!in) continue;
      }
      std::string key;
      std::optional<int64_t> id;
      switch (q.by) {
        case CountBy::kState:
          key = std::string(state_name(a.state));
          break;
        case CountBy::kChannel:
          key = std::string(channel_name(a.channel));
          break;
        case CountBy::kCategory:
          id = a.category_id;
          break;
        case CountBy::kSubdistrict:
          id = a.subdistrict_id;
          break;
        case CountBy::kCommunity:
          id = a.community_id;
          break;
        case CountBy::kGrid:
          id = a.grid_id;
          break;
      }
      // Grouped by state, the key sorts nothing (states in workflow order).
      n[{!id.has_value(), id.value_or(0), q.by == CountBy::kState ? "" : key, a.state}] += 1;
    }
    std::vector<Cell> out;
    for (const auto& [k, count] : n) {
      const auto& [null_id, id, key, state] = k;
      std::string text = q.by == CountBy::kState ? std::string(state_name(state)) : key;
      const bool by_id = q.by != CountBy::kState && q.by != CountBy::kChannel;
      out.emplace_back(text, by_id && !null_id ? std::optional<int64_t>(id) : std::nullopt, state,
                       count);
    }
    return out;
  }
};

TEST_F(AppealCounts, EveryDimensionEqualsACountOverTheRawRows) {
  for (CountBy by : {CountBy::kState, CountBy::kCategory, CountBy::kChannel, CountBy::kSubdistrict,
                     CountBy::kCommunity, CountBy::kGrid}) {
    for (const CountQuery& scope :
         {CountQuery{}, CountQuery{.assigned_org_ids = {7}}, CountQuery{.assigned_org_ids = {7, 8}},
          CountQuery{.assigned_org_ids = {-1}}, CountQuery{.area_ids = {100}},
          CountQuery{.area_ids = {101, 200}}}) {
      CountQuery q = scope;
      q.by = by;
      q.from = kJune;
      q.until = kJuly;
      SCOPED_TRACE(std::string(count_by_name(by)) + " orgs " +
                   std::to_string(q.assigned_org_ids.size()) + " areas " +
                   std::to_string(q.area_ids.size()));
      EXPECT_EQ(cells_of(counted(q)), recounted(q));
    }
  }
}

TEST_F(AppealCounts, TheJuneCountsAreWhatTheFixtureMade) {
  // Appeals 2 … 18 fall in June (at = May 30 + i × 150,000 s).
  std::vector<CountCell> cells = counted({.by = CountBy::kState, .from = kJune, .until = kJuly});
  int64_t total = 0;
  for (const CountCell& c : cells) total += c.count;
  EXPECT_EQ(total, 17);
  ASSERT_FALSE(cells.empty());
  EXPECT_EQ(cells.front().state, State::kSubmitted);  // workflow order
  EXPECT_EQ(cells.front().key, "submitted");
  EXPECT_EQ(cells.back().state, State::kClosed);
  // The areas' null group (no community) comes last.
  std::vector<CountCell> areas =
      counted({.by = CountBy::kCommunity, .from = kJune, .until = kJuly});
  ASSERT_FALSE(areas.empty());
  EXPECT_EQ(areas.front().id, 100);
  EXPECT_FALSE(areas.back().id.has_value());
}

TEST_F(AppealCounts, TheMonthStartsAtMidnightInTheDistrict) {
  // The fixture's appeals out of the way (1970), then two either side of
  // the boundary.
  ASSERT_TRUE(sql("UPDATE appeals SET submitted_at = 0").ok());
  Result<Appeal> june = submit("roads", "六月的第一个诉求");
  Result<Appeal> may = submit("roads", "五月的最后一个诉求");
  ASSERT_TRUE(june.ok() && may.ok());
  // 2026-05-31T16:30Z is 00:30 on 1 June in the district; 15:59:59Z is still May.
  const int64_t june_at = *core::parse_rfc3339("2026-05-31T16:30:00Z");
  const int64_t may_at = *core::parse_rfc3339("2026-05-31T15:59:59Z");
  ASSERT_TRUE(sql("UPDATE appeals SET submitted_at = " + std::to_string(june_at) +
                  " WHERE id = " + std::to_string(june->id) + ";" +
                  "UPDATE appeals SET submitted_at = " + std::to_string(may_at) +
                  " WHERE id = " + std::to_string(may->id))
                  .ok());
  const int64_t may_from = *core::parse_rfc3339("2026-05-01T00:00:00+08:00");
  std::vector<CountCell> in_june = counted({.by = CountBy::kState, .from = kJune, .until = kJuly});
  ASSERT_EQ(in_june.size(), 1u);
  EXPECT_EQ(in_june[0].count, 1);
  std::vector<CountCell> in_may =
      counted({.by = CountBy::kState, .from = may_from, .until = kJune});
  ASSERT_EQ(in_may.size(), 1u);
  EXPECT_EQ(in_may[0].count, 1);
}

TEST_F(AppealCounts, AMonthWithoutAppealsHasNoCells) {
  const int64_t from = *core::parse_rfc3339("2031-02-01T00:00:00+08:00");
  const int64_t until = *core::parse_rfc3339("2031-03-01T00:00:00+08:00");
  for (CountBy by : {CountBy::kState, CountBy::kCategory, CountBy::kCommunity}) {
    EXPECT_TRUE(counted({.by = by, .from = from, .until = until}).empty());
  }
}

// A whole month's counts are kept between requests (AppealService::counts),
// and the next appeal's event makes the next request count again.
TEST_F(AppealCounts, AKeptMonthFollowsTheNextAppeal) {
  const rates::Month month = rates::month_of(service_->now());
  const CountQuery q{.by = CountBy::kState, .from = month.from, .until = month.until};
  auto submitted = [&] {
    int64_t n = 0;
    for (const CountCell& c : counted(q)) n += c.state == State::kSubmitted ? c.count : 0;
    return n;
  };
  CountQuery org7 = q;
  org7.by = CountBy::kCategory;
  org7.assigned_org_ids = {7};
  const int64_t before = submitted();
  const std::vector<Cell> org7_before = cells_of(counted(org7));
  EXPECT_EQ(submitted(), before);  // asked again: the same
  Result<Appeal> roads = submit("roads", "又一件");
  ASSERT_TRUE(roads.ok());
  EXPECT_EQ(submitted(), before + 1);
  ASSERT_TRUE(submit("lights", "再一件").ok());
  EXPECT_EQ(submitted(), before + 2);
  EXPECT_EQ(cells_of(counted(q)), recounted(q));
  // A department's month, kept by its own key, follows its appeals too: one
  // assigned to it (with its event, as every change to a count's column is).
  EXPECT_EQ(cells_of(counted(org7)), org7_before);
  const std::string id = std::to_string(roads->id);
  ASSERT_TRUE(sql("UPDATE appeals SET assigned_org_id = 7 WHERE id = " + id +
                  "; INSERT INTO appeal_events (appeal_id, at, actor_role, action, public, detail) "
                  "VALUES (" +
                  id + ", " + std::to_string(service_->now()) + ", 'system', 'dispatch', 0, '{}')")
                  .ok());
  EXPECT_NE(cells_of(counted(org7)), org7_before);
  EXPECT_EQ(cells_of(counted(org7)), recounted(org7));
}

TEST_F(AppealCounts, DimensionsByName) {
  EXPECT_EQ(parse_count_by("state"), CountBy::kState);
  EXPECT_EQ(parse_count_by("category"), CountBy::kCategory);
  EXPECT_EQ(parse_count_by("channel"), CountBy::kChannel);
  EXPECT_EQ(parse_count_by("area"), CountBy::kCommunity);
  EXPECT_EQ(parse_count_by("subdistrict"), CountBy::kSubdistrict);
  EXPECT_EQ(parse_count_by("grid"), CountBy::kGrid);
  EXPECT_EQ(parse_count_by("department"), std::nullopt);
  EXPECT_EQ(parse_count_by("State"), std::nullopt);
  EXPECT_EQ(parse_count_by(""), std::nullopt);
  EXPECT_EQ(count_by_name(CountBy::kCommunity), "community");
}

}  // namespace
}  // namespace warmcity::appeals
