#include "rates/rates_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

namespace warmcity::rates {
namespace {

// A ranked month of `groups` groups, each with one submission.
MonthCache::Value month_of_groups(int groups) {
  std::map<int64_t, RateSums> sums;
  for (int g = 1; g <= groups; ++g) sums[g].submitted = 1;
  return std::make_shared<const RankedMonth>(sums, std::vector<SubmissionFact>{}, Dimension::kGrid,
                                             Weights{});
}

MonthCache::Compute giving(MonthCache::Value v, bool keep = true) {
  return [v, keep]() -> Result<MonthCache::Computed> { return MonthCache::Computed{v, keep}; };
}

constexpr int64_t kJune = 1780243200;
constexpr int64_t kJuly = 1782835200;

TEST(MonthCache, KeepsAMonthUntilTheStampMoves) {
  MonthCache cache({});
  const MonthCache::Value a = month_of_groups(3), b = month_of_groups(4);
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {9}, giving(a)), a);
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {9}, giving(b)), a);
  EXPECT_EQ(cache.computations(), 1u);
  // An older stamp (read before the month was computed) is answered too.
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {8}, giving(b)), a);
  // A new event, then another: computed again each time.
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {10}, giving(b)), b);
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {11}, giving(a)), a);
  EXPECT_EQ(cache.computations(), 3u);
  // Another dimension or month is another entry.
  EXPECT_EQ(*cache.get(kJune, Dimension::kCommunity, {11}, giving(b)), b);
  EXPECT_EQ(*cache.get(kJuly, Dimension::kGrid, {11}, giving(b)), b);
  EXPECT_EQ(cache.computations(), 5u);
  EXPECT_EQ(cache.size(), 3u);
}

TEST(MonthCache, WhatMovedWhileReadOrFailedIsNotKept) {
  MonthCache cache({});
  const MonthCache::Value a = month_of_groups(3);
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {1}, giving(a, false)), a);
  EXPECT_EQ(cache.size(), 0u);
  auto failing = []() -> Result<MonthCache::Computed> { return Status::Unavailable("busy"); };
  EXPECT_EQ(cache.get(kJune, Dimension::kGrid, {1}, failing).status().code(), Code::kUnavailable);
  auto throwing = []() -> Result<MonthCache::Computed> { throw std::runtime_error("boom"); };
  EXPECT_EQ(cache.get(kJune, Dimension::kGrid, {1}, throwing).status().code(), Code::kInternal);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(*cache.get(kJune, Dimension::kGrid, {1}, giving(a)), a);
  EXPECT_EQ(cache.computations(), 4u);
}

TEST(MonthCache, DropsTheLeastRecentlyUsedBeyondItsRows) {
  MonthCache cache({.max_rows = 25, .max_months = 32});
  const MonthCache::Value ten = month_of_groups(10);
  cache.get(kJune, Dimension::kGrid, {1}, giving(ten));
  cache.get(kJuly, Dimension::kGrid, {1}, giving(ten));
  cache.get(kJune, Dimension::kGrid, {1}, giving(ten));  // June used last
  cache.get(kJune, Dimension::kCommunity, {1}, giving(ten));
  EXPECT_EQ(cache.size(), 2u);  // July's grids dropped
  EXPECT_EQ(cache.computations(), 3u);
  cache.get(kJune, Dimension::kGrid, {1}, giving(ten));
  EXPECT_EQ(cache.computations(), 3u);
  cache.get(kJuly, Dimension::kGrid, {1}, giving(ten));
  EXPECT_EQ(cache.computations(), 4u);
  // A month larger than the bound alone is given but not kept.
  MonthCache small({.max_rows = 5, .max_months = 32});
  small.get(kJune, Dimension::kGrid, {1}, giving(ten));
  EXPECT_EQ(small.size(), 0u);
  // max_rows 0: nothing kept.
  MonthCache none({.max_rows = 0});
  none.get(kJune, Dimension::kGrid, {1}, giving(ten));
  none.get(kJune, Dimension::kGrid, {1}, giving(ten));
  EXPECT_EQ(none.computations(), 2u);
  EXPECT_EQ(none.size(), 0u);
}

TEST(MonthCache, ConcurrentCallersWaitForOneComputation) {
  MonthCache cache({});
  const MonthCache::Value a = month_of_groups(3);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> computing{0};
  auto slow = [&]() -> Result<MonthCache::Computed> {
    ++computing;
    released.wait();
    return MonthCache::Computed{a, true};
  };
  constexpr int kCallers = 8;
  std::vector<std::future<Result<MonthCache::Value>>> answers;
  answers.push_back(std::async(std::launch::async,
                               [&] { return cache.get(kJune, Dimension::kGrid, {2}, slow); }));
  while (computing.load() == 0) std::this_thread::yield();
  for (int i = 1; i < kCallers; ++i) {
    answers.push_back(std::async(std::launch::async,
                                 [&] { return cache.get(kJune, Dimension::kGrid, {2}, slow); }));
  }
  // Every other caller has found the computation under way before it ends.
  while (cache.shared() < kCallers - 1) std::this_thread::yield();
  release.set_value();
  for (auto& f : answers) EXPECT_EQ(*f.get(), a);
  EXPECT_EQ(computing.load(), 1);
  EXPECT_EQ(cache.computations(), 1u);
}

}  // namespace
}  // namespace warmcity::rates
