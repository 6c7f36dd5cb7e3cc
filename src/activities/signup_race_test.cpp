// Sign-ups racing (signup_service.h), on SQLite and on PostgreSQL: 200
// sign-up jobs for 20 places on one occurrence, and on PostgreSQL two
// instances (two Database objects) racing on one database.
#include "activities/signup_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "activities/activities_test_db.h"
#include "activities/signup.h"
#include "activities/signup_test_world.h"
#include "core/phone.h"

namespace warmcity::activities {
namespace {

// 200 sign-up jobs for 20 places, submitted at once from 10 threads: exactly
// 20 confirmed, the other 180 waiting in the order their jobs committed.
TEST_F(SignupTest, TwoHundredRacingForTwentyPlaces) {
  std::mutex mu;
  std::vector<SignupRecord> answered;  // in the order the writer answered (its commit order)
  std::vector<std::string> failures;
  std::vector<std::promise<void>> all(200);
  std::vector<std::thread> threads;
  for (int t = 0; t < 10; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const int n = t * 20 + i;
        SignupRequest in{"居民" + std::to_string(n), "137" + std::to_string(10000000 + n),
                         std::nullopt};
        service_->sign_up(3, in, organiser(), [&, n](Result<SignupRecord> r) {
          {
            std::lock_guard<std::mutex> lock(mu);
            if (r.ok()) {
              answered.push_back(*r);
            } else {
              failures.push_back(r.status().message());
            }
          }
          all[n].set_value();
        });
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (auto& p : all) p.get_future().wait();
  ASSERT_TRUE(failures.empty()) << failures.front();
  ASSERT_EQ(answered.size(), 200u);
  for (size_t i = 1; i < answered.size(); ++i) EXPECT_LT(answered[i - 1].id, answered[i].id);
  int64_t confirmed = 0;
  int64_t expected_position = 0;
  for (size_t i = 0; i < answered.size(); ++i) {
    if (i < 20) {
      EXPECT_EQ(answered[i].status, "confirmed") << i;
      ++confirmed;
    } else {
      EXPECT_EQ(answered[i].status, "waiting") << i;
      EXPECT_EQ(answered[i].position, ++expected_position);
    }
  }
  EXPECT_EQ(confirmed, 20);
  EXPECT_EQ(taken(3), 20);
  Result<std::vector<SignupRecord>> rows = signups_of(db_->reader(), 3);
  ASSERT_TRUE(rows.ok());
  std::vector<int64_t> positions;
  for (const SignupRecord& r : *rows)
    if (r.status == "waiting") positions.push_back(r.position);
  ASSERT_EQ(positions.size(), 180u);
  for (size_t i = 0; i < positions.size(); ++i)
    EXPECT_EQ(positions[i], static_cast<int64_t>(i + 1));
  std::set<std::string> codes;
  for (const SignupRecord& r : *rows) codes.insert(r.code);
  EXPECT_EQ(codes.size(), 200u);
}

// Two instances on one PostgreSQL database (two Database objects, each with
// its own writer) racing sign-ups and cancellations on one occurrence of 2
// places: never more places held than it has, the count agrees, and nobody is
// left waiting beside a free place.
TEST_F(SignupTest, TwoInstancesRacingOnOneOccurrenceNeverOverbook) {
  if (!scratch_.postgres()) GTEST_SKIP() << "one SQLite file has one writer: PostgreSQL only";
  auto second_db = open_activities_test_db(scratch_.where(""));
  ASSERT_TRUE(second_db.ok()) << second_db.status().message();
  SignupService second(**second_db, [this] { return now_.load(); });
  SignupService* instances[2] = {service_.get(), &second};
  std::mutex mu;
  std::vector<SignupRecord> made;
  std::vector<std::string> failures;
  auto run = [&](int from, int to) {
    std::vector<std::promise<void>> all(to - from);
    for (int n = from; n < to; ++n) {
      SignupRequest in{"居民" + std::to_string(n), "136" + std::to_string(10000000 + n),
                       std::nullopt};
      instances[n % 2]->sign_up(1, in, organiser(), [&, n, from](Result<SignupRecord> r) {
        {
          std::lock_guard<std::mutex> lock(mu);
          if (r.ok()) {
            made.push_back(*r);
          } else {
            failures.push_back(r.status().message());
          }
        }
        all[n - from].set_value();
      });
    }
    return all;
  };
  {
    std::vector<std::promise<void>> first = run(0, 30);
    for (auto& p : first) p.get_future().wait();
  }
  ASSERT_TRUE(failures.empty()) << failures.front();
  // Cancel every third sign-up, alternately on each instance, while 20 more
  // sign up on both.
  std::vector<int64_t> to_cancel;
  for (size_t i = 0; i < made.size(); i += 3) to_cancel.push_back(made[i].id);
  std::vector<std::promise<void>> cancelled(to_cancel.size());
  for (size_t i = 0; i < to_cancel.size(); ++i) {
    instances[(i + 1) % 2]->cancel(to_cancel[i], organiser(), [&, i](Result<SignupRecord> r) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (!r.ok()) failures.push_back(r.status().message());
      }
      cancelled[i].set_value();
    });
  }
  std::vector<std::promise<void>> more = run(30, 50);
  for (auto& p : cancelled) p.get_future().wait();
  for (auto& p : more) p.get_future().wait();
  ASSERT_TRUE(failures.empty()) << failures.front();
  (*second_db)->stop();
  const int64_t held = count(
      "SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = 1 AND status IN "
      "('confirmed', 'offered')");
  const int64_t waiting =
      count("SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = 1 AND status = 'waiting'");
  EXPECT_LE(held, 2);
  EXPECT_EQ(taken(1), held);
  EXPECT_EQ(held, 2);  // 50 callers, 10 cancelled: the places are never left free
  EXPECT_TRUE(held == 2 || waiting == 0) << "someone waits beside a free place";
  EXPECT_EQ(held + waiting, 50 - static_cast<int64_t>(to_cancel.size()));
}

}  // namespace
}  // namespace warmcity::activities
