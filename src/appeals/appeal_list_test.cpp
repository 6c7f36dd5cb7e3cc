// The list reads the staff screens and Open311 run (AppealService::list and
// supervision), on a real database: every filter with no value, one value
// and several (a placeholder list each, padded to a power of two), filters
// together, the cursor; and the store's writes that both engines spell the
// same way: ids from RETURNING, a second follow that changes nothing, the
// append-only history.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "appeals/appeal_store.h"
#include "appeals/test_world.h"

namespace warmcity::appeals {
namespace {

class AppealList : public testing::AppealsWorld {
 protected:
  void SetUp() override {
    AppealsWorld::SetUp();
    ASSERT_TRUE(create("roads", 7).ok());
    ASSERT_TRUE(create("lights", std::nullopt).ok());  // 8 has nobody to act: no default
    for (int i = 0; i < 6; ++i) {
      Result<Appeal> a = submit(i % 2 == 0 ? "roads" : "lights", "诉求 " + std::to_string(i));
      ASSERT_TRUE(a.ok()) << a.status().message();
      ids_.push_back(a->id);
    }
    // ids_[0..5]: states, organisations and areas set by hand.
    set(0, "state = 'accepted', assigned_org_id = 7, community_id = 100");
    set(1, "state = 'closed', assigned_org_id = 8, grid_id = 200");
    set(2, "state = 'dispatched', assigned_org_id = 7, subdistrict_id = 300");
    set(3, "assigned_org_id = 8");
    set(4, "state = 'closed', community_id = 101");
  }
  void set(int i, const std::string& columns) {
    ASSERT_TRUE(
        sql("UPDATE appeals SET " + columns + " WHERE id = " + std::to_string(ids_[i])).ok());
  }
  // The ids `f` lists, in the order listed.
  std::vector<int64_t> listed(const AppealFilter& f) {
    Result<std::vector<Appeal>> rows = service_->list(f);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<int64_t> out;
    if (rows.ok()) {
      for (const Appeal& a : *rows) out.push_back(a.id);
    }
    return out;
  }
  // ids_ at these positions, newest first (the lists' order).
  std::vector<int64_t> at(std::vector<int> positions) {
    std::vector<int64_t> out;
    for (int p : positions) out.push_back(ids_[p]);
    std::sort(out.rbegin(), out.rend());
    return out;
  }
  int64_t category_id(const std::string& code) { return service_->category(code)->id; }

  std::vector<int64_t> ids_;
};

TEST_F(AppealList, EachFilterTakesNoneOneOrSeveralValues) {
  ASSERT_EQ(ids_.size(), 6u);
  EXPECT_EQ(listed({}), at({0, 1, 2, 3, 4, 5}));

  EXPECT_EQ(listed({.states = {State::kClosed}}), at({1, 4}));
  EXPECT_EQ(listed({.states = {State::kSubmitted, State::kAccepted, State::kDispatched}}),
            at({0, 2, 3, 5}));

  EXPECT_EQ(listed({.category_ids = {category_id("lights")}}), at({1, 3, 5}));
  EXPECT_EQ(listed({.category_ids = {category_id("roads"), category_id("lights")}}),
            at({0, 1, 2, 3, 4, 5}));

  EXPECT_EQ(listed({.assigned_org_ids = {7}}), at({0, 2}));
  EXPECT_EQ(listed({.assigned_org_ids = {7, 8}}), at({0, 1, 2, 3}));
  EXPECT_EQ(listed({.assigned_org_ids = {-1}}), at({}));  // a department of no organisation

  EXPECT_EQ(listed({.area_ids = {100}}), at({0}));
  EXPECT_EQ(listed({.area_ids = {100, 200, 300}}), at({0, 1, 2}));  // community, grid, sub-district

  EXPECT_EQ(listed({.reporter_user_id = resident_.user_id}), at({0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(listed({.reporter_user_id = 999}), at({}));

  EXPECT_EQ(listed({.ids = {ids_[3]}}), at({3}));
  EXPECT_EQ(listed({.ids = {ids_[0], ids_[2], ids_[4], ids_[5], ids_[1]}}), at({0, 1, 2, 4, 5}));
}

TEST_F(AppealList, FiltersCombineAndTheCursorPages) {
  ASSERT_EQ(ids_.size(), 6u);
  EXPECT_EQ(listed({.states = {State::kClosed}, .assigned_org_ids = {7, 8}}), at({1}));
  EXPECT_EQ(listed({.states = {State::kAccepted, State::kClosed},
                    .category_ids = {category_id("roads")},
                    .area_ids = {100, 101}}),
            at({0, 4}));
  const std::vector<int64_t> all = at({0, 1, 2, 3, 4, 5});
  std::vector<int64_t> paged;
  AppealFilter f{.assigned_org_ids = {7, 8}, .limit = 3};
  for (int page = 0; page < 3; ++page) {
    std::vector<int64_t> rows = listed(f);
    if (rows.empty()) break;
    paged.insert(paged.end(), rows.begin(), rows.end());
    f.before_id = rows.back();
  }
  EXPECT_EQ(paged, at({0, 1, 2, 3}));
  Result<Appeal> oldest = service_->get(ids_[0]);
  ASSERT_TRUE(oldest.ok());
  const int64_t submitted = oldest->submitted_at;
  EXPECT_EQ(listed({.submitted_from = submitted}), all);
  EXPECT_EQ(listed({.submitted_until = submitted}), at({}));
}

TEST_F(AppealList, SupervisionByOrganisationsAndAreasWithItsCursor) {
  ASSERT_EQ(ids_.size(), 6u);
  const int64_t now = 2'000'000'000;
  // Nearly due in order 2, 0, 3, 1; 4 not yet; 5's clock stopped.
  set(2, "due_at = " + std::to_string(now + 10) + ", nearly_at = " + std::to_string(now - 40));
  set(0, "due_at = " + std::to_string(now - 5) + ", nearly_at = " + std::to_string(now - 30));
  set(3, "due_at = " + std::to_string(now + 50) + ", nearly_at = " + std::to_string(now - 30));
  set(1, "due_at = " + std::to_string(now + 90) + ", nearly_at = " + std::to_string(now));
  set(4, "due_at = " + std::to_string(now + 99) + ", nearly_at = " + std::to_string(now + 1));
  set(5, "due_at = NULL, nearly_at = NULL");
  auto supervised = [&](const std::vector<int64_t>& orgs, const std::vector<int64_t>& areas,
                        std::optional<SupervisionCursor> after = std::nullopt, int limit = 10) {
    Result<std::vector<Appeal>> rows = service_->supervision(now, orgs, areas, after, limit);
    EXPECT_TRUE(rows.ok()) << rows.status().message();
    std::vector<int64_t> out;
    if (rows.ok()) {
      for (const Appeal& a : *rows) out.push_back(a.id);
    }
    return out;
  };
  const int64_t first_of_two = std::min(ids_[0], ids_[3]);
  const int64_t second_of_two = std::max(ids_[0], ids_[3]);
  const std::vector<int64_t> all = {ids_[2], first_of_two, second_of_two, ids_[1]};
  EXPECT_EQ(supervised({}, {}), all);
  EXPECT_EQ(supervised({7}, {}), (std::vector<int64_t>{ids_[2], ids_[0]}));
  EXPECT_EQ(supervised({7, 8}, {}), all);
  EXPECT_EQ(supervised({-1}, {}), std::vector<int64_t>{});
  EXPECT_EQ(supervised({}, {200}), std::vector<int64_t>{ids_[1]});
  EXPECT_EQ(supervised({}, {100, 200, 300}), (std::vector<int64_t>{ids_[2], ids_[0], ids_[1]}));
  EXPECT_EQ(supervised({8}, {200}), std::vector<int64_t>{ids_[1]});
  // The cursor (nearly_at, id) continues after a tie on nearly_at.
  EXPECT_EQ(supervised({}, {}, SupervisionCursor{now - 30, first_of_two}, 2),
            (std::vector<int64_t>{second_of_two, ids_[1]}));
}

TEST_F(AppealList, IdsComeFromTheInsertAndASecondFollowChangesNothing) {
  ASSERT_EQ(ids_.size(), 6u);
  for (size_t i = 1; i < ids_.size(); ++i) EXPECT_GT(ids_[i], ids_[i - 1]);
  Result<std::vector<Event>> events = service_->events(ids_[5], false);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_GT(events->front().id, 0);
  EXPECT_EQ(events->front().appeal_id, ids_[5]);
  EXPECT_GT(service_->category("lights")->id, service_->category("roads")->id);

  bool first = false, again = true;
  Status followed = db_->write([&](store::Connection& c) {
    Result<bool> one = add_follower(c, ids_[5], 42, 1);
    if (!one.ok()) return one.status();
    Result<bool> two = add_follower(c, ids_[5], 42, 2);
    if (!two.ok()) return two.status();
    first = *one;
    again = *two;
    return Status::Ok();
  });
  ASSERT_TRUE(followed.ok()) << followed.message();
  EXPECT_TRUE(first);
  EXPECT_FALSE(again);
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT count(*) FROM appeal_followers WHERE user_id = 42"),
            1);
}

TEST_F(AppealList, TheHistoryRefusesUpdateAndDelete) {
  ASSERT_EQ(ids_.size(), 6u);
  const std::string count = "SELECT count(*) FROM appeal_events";
  const int64_t before = store::testing_util::query_int(db_->reader(), count);
  ASSERT_GT(before, 0);
  EXPECT_FALSE(sql("UPDATE appeal_events SET note = 'rewritten'").ok());
  EXPECT_FALSE(sql("DELETE FROM appeal_events WHERE appeal_id = " + std::to_string(ids_[0])).ok());
  EXPECT_EQ(store::testing_util::query_int(db_->reader(), count), before);
  EXPECT_EQ(store::testing_util::query_int(
                db_->reader(), "SELECT count(*) FROM appeal_events WHERE note = 'rewritten'"),
            0);
}

}  // namespace
}  // namespace warmcity::appeals
