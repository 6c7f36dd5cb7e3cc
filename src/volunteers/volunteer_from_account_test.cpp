// volunteer_from_account (volunteer_from_account.h) and the volunteer number
// (volunteer_number.h), on both engines; also proves the shared seeds of
// volunteers_test_db.h.
#include "volunteers/volunteer_from_account.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "volunteers/volunteer_number.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

class FromAccountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("from_account.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
  }

  Result<int64_t> from_account(int64_t user_id, int64_t now = 1'780'000'000) {
    Result<int64_t> out = Status::Internal("not run");
    Status s = db_->write([&](store::Connection& c) -> Status {
      out = volunteer_from_account(c, user_id, now);
      return out.ok() ? Status::Ok() : out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  std::string text_of(const std::string& sql) {
    Result<store::Statement> q = db_->reader().prepare(sql);
    EXPECT_TRUE(q.ok());
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return q->column_is_null(0) ? "<null>" : q->column_text(0);
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(FromAccountTest, MakesOneVolunteerFromTheAccountAndKeepsIt) {
  const int64_t user = seed_user(*db_, "volunteer", "王队员", std::string("13912345678"));
  Result<int64_t> first = from_account(user);
  ASSERT_TRUE(first.ok()) << first.status().message();
  const std::string where = " FROM volunteers WHERE id = " + std::to_string(*first);
  EXPECT_EQ(text_of("SELECT name" + where), "王队员");
  EXPECT_EQ(text_of("SELECT phone" + where), "13912345678");
  EXPECT_EQ(text_of("SELECT id_type" + where), "<null>");
  EXPECT_EQ(text_of("SELECT id_number" + where), "<null>");
  EXPECT_EQ(text_of("SELECT birth_date" + where), "<null>");
  EXPECT_EQ(text_of("SELECT status" + where), "active");
  EXPECT_EQ(text_of("SELECT user_id" + where), std::to_string(user));
  EXPECT_EQ(text_of("SELECT created_at" + where), "1780000000");
  EXPECT_TRUE(is_volunteer_no(text_of("SELECT volunteer_no" + where)));
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteer_team_members"), 0);

  Result<int64_t> again = from_account(user, 1'790'000'000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteers"), 1);
}

TEST_F(FromAccountTest, AnswersAnExistingRegistration) {
  const int64_t team = seed_team(*db_, "夕阳红志愿队", seed_community(*db_, "凤山社区"));
  const int64_t user = seed_user(*db_, "resident", "李阿姨", std::string("13900000011"));
  const int64_t v =
      seed_volunteer(*db_, SeedVolunteer{.name = "李红梅",
                                         .id_type = std::string("resident_id"),
                                         .id_number = std::string("14220019800101002X"),
                                         .user_id = user,
                                         .team_id = team});
  ASSERT_NE(v, 0);
  Result<int64_t> got = from_account(user);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, v);
  EXPECT_EQ(text_of("SELECT name FROM volunteers WHERE id = " + std::to_string(v)), "李红梅");
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteer_team_members WHERE left_at IS NULL"), 1);
}

TEST_F(FromAccountTest, InvalidPhoneAndLongNameAreNotCopied) {
  const std::string long_name(45, 'a');
  const int64_t user = seed_user(*db_, "worker", long_name, std::string("12345"));
  Result<int64_t> got = from_account(user);
  ASSERT_TRUE(got.ok()) << got.status().message();
  const std::string where = " FROM volunteers WHERE id = " + std::to_string(*got);
  EXPECT_EQ(text_of("SELECT name" + where), std::string(40, 'a'));
  EXPECT_EQ(text_of("SELECT phone" + where), "<null>");

  const int64_t chinese = seed_user(
      *db_, "worker",
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十甲乙",
      std::nullopt);
  Result<int64_t> cut = from_account(chinese);
  ASSERT_TRUE(cut.ok()) << cut.status().message();
  EXPECT_EQ(text_of("SELECT name FROM volunteers WHERE id = " + std::to_string(*cut)),
            "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
}

TEST_F(FromAccountTest, UnknownUserIsNotFound) {
  Result<int64_t> got = from_account(9999);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Code::kNotFound);
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM volunteers"), 0);
}

TEST_F(FromAccountTest, NumbersAreDistinctAndWellShaped) {
  std::set<std::string> seen;
  for (int i = 0; i < 30; ++i) {
    const int64_t user = seed_user(*db_, "volunteer", "队员" + std::to_string(i));
    Result<int64_t> v = from_account(user);
    ASSERT_TRUE(v.ok());
    const std::string no =
        text_of("SELECT volunteer_no FROM volunteers WHERE id = " + std::to_string(*v));
    EXPECT_TRUE(is_volunteer_no(no)) << no;
    seen.insert(no);
  }
  EXPECT_EQ(seen.size(), 30u);
  EXPECT_FALSE(is_volunteer_no("V1234567"));
  EXPECT_FALSE(is_volunteer_no("X12345678"));
  EXPECT_FALSE(is_volunteer_no("V1234567a"));
  EXPECT_TRUE(is_volunteer_no("V00000001"));
}

TEST_F(FromAccountTest, SeedsMakeAnOccurrenceAndATeamStaff) {
  const int64_t org = seed_organisation(*db_, "community", "凤山社区居委会");
  const SeedOccurrence o = seed_occurrence(*db_, org, "2026-05-30", 9 * 60, 120);
  ASSERT_NE(o.occurrence_id, 0);
  EXPECT_EQ(o.ends_at - o.starts_at, 7200);
  EXPECT_EQ(text_of("SELECT local_date FROM activity_occurrences WHERE id = " +
                    std::to_string(o.occurrence_id)),
            "2026-05-30");
  const int64_t team = seed_team(*db_, "蒲公英志愿队");
  const int64_t leader = seed_user(*db_, "volunteer", "队长");
  seed_membership(*db_, leader, team);
  seed_team_facts(*db_, team, org, "张队长", "0358-8221234");
  EXPECT_EQ(count_of(*db_, "SELECT count(*) FROM memberships WHERE organisation_id = " +
                               std::to_string(team)),
            1);
  const int64_t v = seed_volunteer(*db_, SeedVolunteer{.team_id = team});
  EXPECT_TRUE(is_volunteer_no(
      text_of("SELECT volunteer_no FROM volunteers WHERE id = " + std::to_string(v))));
}

}  // namespace
}  // namespace warmcity::volunteers
