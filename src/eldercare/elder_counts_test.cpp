// The elders' counts (elder_counts.h) on a scratch SQLite database with a
// fake locator: grid 30 of community 20 west of lon 111.11, grid 31 of
// community 21 east of it, both in sub-district 10. Every count is checked
// against a recount of the records the service lists.
#include "eldercare/elder_counts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <map>

#include "accounts/accounts.h"
#include "eldercare/elder_service.h"
#include "eldercare/elder_test_world.h"
#include "eldercare/eldercare.h"
#include "store/test_util.h"

namespace warmcity::eldercare {
namespace {

using test_world::wait;

constexpr double kWest = 111.105, kEast = 111.115;

class ElderCountsTest : public test_world::ElderServiceFixture {
 protected:
  static ElderInput elder(double lon, std::vector<std::string> categories, std::string tier) {
    ElderInput in;
    in.name = "张桂兰";
    in.phones = std::vector<std::string>{"13812345678"};
    in.address = "交通路 12 号";
    in.lat = 37.51;
    in.lon = lon;
    in.birth_date = "1941-03-08";
    in.categories = std::move(categories);
    in.risk_tier = std::move(tier);
    in.consent = ConsentInput{"consent", ""};
    return in;
  }
  int64_t create(ElderInput in) {
    Result<ElderView> v =
        wait<ElderView>([&](auto d) { service_->create(std::move(in), admin_, d); });
    EXPECT_TRUE(v.ok()) << v.status().message();
    return v.ok() ? v->elder.id : 0;
  }
  // The counts a recount of the open records the admin lists gives.
  std::vector<CommunityCount> recount(std::optional<int64_t> community_id = std::nullopt) {
    ElderQuery q;
    q.limit = 100000;
    q.community_id = community_id;
    Result<std::vector<ElderView>> all =
        wait<std::vector<ElderView>>([&](auto d) { service_->list(q, admin_, d); });
    EXPECT_TRUE(all.ok());
    std::map<int64_t, CommunityCount> by;  // -1: no community
    for (const ElderView& v : *all) {
      CommunityCount& c = by[v.elder.community_id.value_or(-1)];
      c.community_id = v.elder.community_id;
      ++c.total;
      ++c.tiers[std::find(kRiskTiers.begin(), kRiskTiers.end(), v.elder.risk_tier) -
                kRiskTiers.begin()];
      const auto& codes = category_codes();
      for (const std::string& cat : v.elder.categories) {
        ++c.categories[std::find(codes.begin(), codes.end(), cat) - codes.begin()];
      }
    }
    std::vector<CommunityCount> out;
    for (auto& [id, c] : by) out.push_back(c);
    return out;
  }
  static void expect_same(const std::vector<CommunityCount>& got,
                          const std::vector<CommunityCount>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].community_id, want[i].community_id) << i;
      EXPECT_EQ(got[i].total, want[i].total) << i;
      EXPECT_EQ(got[i].tiers, want[i].tiers) << i;
      EXPECT_EQ(got[i].categories, want[i].categories) << i;
    }
  }
  std::vector<CommunityCount> counts(const Caller& by, std::optional<int64_t> community = {}) {
    Result<std::vector<CommunityCount>> r = service_->counts(community, by);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : std::vector<CommunityCount>{};
  }

  const Caller admin_{1, "admin", {}, "127.0.0.1"};
  const Caller district_worker_{2, "worker", {}, "127.0.0.1"};
  const Caller subdistrict_worker_{3, "worker", {10}, "127.0.0.1"};
  const Caller east_worker_{4, "worker", {21}, "127.0.0.1"};
  const Caller west_grid_worker_{5, "worker", {30}, "127.0.0.1"};
};

TEST_F(ElderCountsTest, VocabulariesMatchTheRecord) {
  EXPECT_EQ(category_codes().size(), kCategoryCount);
  for (std::string_view t : kRiskTiers) EXPECT_TRUE(is_risk_tier(t)) << t;
  EXPECT_EQ(parse_elder_count_by("tier"), ElderCountBy::kTier);
  EXPECT_EQ(parse_elder_count_by("category"), ElderCountBy::kCategory);
  EXPECT_EQ(parse_elder_count_by("community"), ElderCountBy::kCommunity);
  EXPECT_EQ(parse_elder_count_by("area"), std::nullopt);
  EXPECT_EQ(parse_elder_count_by(""), std::nullopt);
}

TEST_F(ElderCountsTest, NoEldersNoRows) {
  EXPECT_TRUE(counts(admin_).empty());
  EXPECT_EQ(total_of({}).total, 0);
}

TEST_F(ElderCountsTest, CountsEqualARecountThroughCreateCorrectAndClose) {
  // "disabled" and "severely_disabled" share a suffix: each counts only itself.
  const int64_t a = create(elder(kWest, {"living_alone", "disabled"}, "high"));
  create(elder(kWest, {"severely_disabled"}, "high"));
  create(elder(kWest, {}, "general"));
  const int64_t d = create(elder(kEast, {"empty_nest", "subsistence_allowance"}, "priority"));
  create(elder(kEast, {"left_behind", "lost_only_child", "extreme_poverty"}, "general"));
  std::vector<CommunityCount> now = counts(admin_);
  expect_same(now, recount());
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[0].community_id, 20);
  EXPECT_EQ(now[0].total, 3);
  EXPECT_EQ(now[0].tiers, (std::array<int64_t, 3>{2, 0, 1}));
  EXPECT_EQ(now[0].categories, (std::array<int64_t, 8>{1, 0, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(now[1].categories, (std::array<int64_t, 8>{0, 1, 1, 0, 0, 1, 1, 1}));
  const CommunityCount sum = total_of(now);
  EXPECT_EQ(sum.total, 5);
  EXPECT_EQ(sum.tiers, (std::array<int64_t, 3>{2, 1, 2}));

  // A correction of her tier, her categories and her home is counted at once.
  ElderInput fix;
  fix.risk_tier = "priority";
  fix.categories = std::vector<std::string>{"empty_nest"};
  fix.lat = 37.51;
  fix.lon = kEast;
  ASSERT_TRUE(wait<ElderView>([&](auto cb) { service_->correct(a, fix, admin_, cb); }).ok());
  now = counts(admin_);
  expect_same(now, recount());
  EXPECT_EQ(now[0].total, 2);
  EXPECT_EQ(now[1].total, 3);
  EXPECT_EQ(now[1].categories[1], 2);  // empty_nest
  EXPECT_EQ(now[0].categories[0], 0);  // living_alone left with her

  // A closed record counts no more.
  ASSERT_TRUE(wait<ElderView>([&](auto cb) { service_->close(d, {"died", ""}, admin_, cb); }).ok());
  now = counts(admin_);
  expect_same(now, recount());
  EXPECT_EQ(total_of(now).total, 4);
  EXPECT_EQ(total_of(now).categories[7], 0);  // subsistence_allowance was hers

  // One community.
  expect_same(counts(admin_, 21), recount(21));
  EXPECT_EQ(counts(admin_, 21).size(), 1u);
  EXPECT_TRUE(counts(admin_, 99).empty());
}

TEST_F(ElderCountsTest, EachCallerCountsTheElders_HerListShows) {
  create(elder(kWest, {"living_alone"}, "high"));
  create(elder(kEast, {"empty_nest"}, "general"));
  create(elder(kEast, {"empty_nest"}, "general"));
  EXPECT_EQ(total_of(counts(district_worker_)).total, 3);
  EXPECT_EQ(total_of(counts(subdistrict_worker_)).total, 3);
  const std::vector<CommunityCount> east = counts(east_worker_);
  ASSERT_EQ(east.size(), 1u);
  EXPECT_EQ(east[0].community_id, 21);
  EXPECT_EQ(east[0].total, 2);
  const std::vector<CommunityCount> grid = counts(west_grid_worker_);
  ASSERT_EQ(grid.size(), 1u);
  EXPECT_EQ(grid[0].community_id, 20);
  // Asking for another community answers nothing, not its numbers.
  EXPECT_TRUE(counts(east_worker_, 20).empty());
  for (const char* role : {"volunteer", "resident", "keeper", "department", ""}) {
    const Caller who{9, role, {}, "127.0.0.1"};
    EXPECT_EQ(service_->counts(std::nullopt, who).status().code(), Code::kPermissionDenied) << role;
  }
}

// The count at 10,000 open elders in 14 communities, on the reader, as the
// route runs it: an admin's (every elder) and a sub-district worker's (an
// area list) add up. How fast it answers is a benchmark, not a test
// (bench/eldercare: eldercare_bench --benchmark_filter=Counts).
TEST_F(ElderCountsTest, CountsAddUpAtTenThousandElders) {
  ASSERT_TRUE(db_->write([](store::Connection& c) {
                   const std::vector<std::string>& codes = category_codes();
                   for (int i = 0; i < 10000; ++i) {
                     Elder e;
                     e.name = "测试老人";
                     e.phones = {"139" + std::to_string(10000000 + i)};
                     e.address = "离石区交通路 " + std::to_string(i) + " 号";
                     e.grid_id = 100 + i % 42;
                     e.community_id = 200 + i % 14;
                     e.subdistrict_id = 300 + i % 3;
                     e.birth_date = "1941-01-01";
                     e.risk_tier = std::string(kRiskTiers[i % 3]);
                     e.categories = {codes[i % 8], codes[(i / 8) % 8]};
                     e.consent = {"consent", "本人口头同意，社区办公室", 1, 0};
                     if (Status s = insert_elder(c, e); !s.ok()) return s;
                   }
                   return Status::Ok();
                 })
                  .ok());
  const Caller subdistrict{3, "worker", {301}, "127.0.0.1"};
  Result<std::vector<CommunityCount>> all = service_->counts(std::nullopt, admin_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 14u);
  EXPECT_EQ(total_of(*all).total, 10000);
  Result<std::vector<CommunityCount>> third = service_->counts(std::nullopt, subdistrict);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(total_of(*third).total, 3333);
}

}  // namespace
}  // namespace warmcity::eldercare
