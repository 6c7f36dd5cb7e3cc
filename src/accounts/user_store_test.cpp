// user_store and organisation_store on the shared SQL dialect: usernames in
// any ASCII case, a user's organisations read by a second query (none, one,
// many; pages larger than one IN group), organisations by a list of ids.
#include "accounts/user_store.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accounts/id_chunks.h"
#include "accounts/organisation_store.h"
#include "accounts/test_db.h"

namespace warmcity::accounts {
namespace {

class UserStoreTest : public testing_util::AccountsDbTest {
 protected:
  int64_t add_organisation(const std::string& name) {
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto r = insert_organisation(c, "grid", name, std::nullopt, 0);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return id;
  }

  Result<int64_t> add_user(const std::string& username, std::vector<int64_t> orgs = {}) {
    UserRecord u;
    u.username = username;
    u.display_name = username;
    u.role = "worker";
    u.password_hash = "x";
    u.organisation_ids = std::move(orgs);
    int64_t id = 0;
    Status s = db_->write([&](store::Connection& c) -> Status {
      auto r = accounts::insert_user(c, u, 100);
      if (!r.ok()) return r.status();
      id = *r;
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return id;
  }
};

TEST_F(UserStoreTest, UsernamesMatchInAnyAsciiCase) {
  auto id = add_user("li.ming");
  ASSERT_TRUE(id.ok()) << id.status().message();
  for (const char* typed : {"li.ming", "LI.MING", "Li.Ming"}) {
    auto found = find_user_by_username(db_->reader(), typed);
    ASSERT_TRUE(found.ok()) << found.status().message();
    ASSERT_TRUE(found->has_value()) << typed;
    EXPECT_EQ((*found)->id, *id);
    EXPECT_EQ((*found)->username, "li.ming");
  }
  auto other = find_user_by_username(db_->reader(), "li.min");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  // Only ASCII letters fold: U+212A KELVIN SIGN is not a k.
  ASSERT_TRUE(add_user("kate").ok());
  auto kelvin = find_user_by_username(db_->reader(),
                                      "\xE2\x84\xAA"
                                      "ate");
  ASSERT_TRUE(kelvin.ok());
  EXPECT_FALSE(kelvin->has_value());
}

TEST_F(UserStoreTest, UsernameTakenInAnotherCaseIsAConflict) {
  ASSERT_TRUE(add_user("wang").ok());
  auto again = add_user("WANG");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kConflict);
  EXPECT_EQ(count("SELECT count(*) FROM users"), 1);
}

TEST_F(UserStoreTest, OrganisationsOfNoneOneAndMany) {
  int64_t a = add_organisation("a"), b = add_organisation("b"), c = add_organisation("c");
  auto none = add_user("none");
  auto one = add_user("one", {b});
  auto many = add_user("many", {c, a, b, a});  // order and repeats do not matter
  ASSERT_TRUE(none.ok() && one.ok() && many.ok());

  auto by_id = [&](int64_t id) {
    auto u = find_user_by_id(db_->reader(), id);
    EXPECT_TRUE(u.ok() && u->has_value());
    return (*u)->organisation_ids;
  };
  EXPECT_EQ(by_id(*none), std::vector<int64_t>{});
  EXPECT_EQ(by_id(*one), std::vector<int64_t>{b});
  EXPECT_EQ(by_id(*many), (std::vector<int64_t>{a, b, c}));

  auto page = list_users_page(db_->reader(), std::nullopt, std::nullopt, 10);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0].id, *many);  // newest first
  EXPECT_EQ((*page)[0].organisation_ids, (std::vector<int64_t>{a, b, c}));
  EXPECT_EQ((*page)[1].organisation_ids, std::vector<int64_t>{b});
  EXPECT_EQ((*page)[2].organisation_ids, std::vector<int64_t>{});

  // Replacing the memberships, also with a repeat, keeps one row each.
  ASSERT_TRUE(db_->write([&](store::Connection& conn) {
                   return set_memberships(conn, *none, {c, c});
                 })
                  .ok());
  EXPECT_EQ(by_id(*none), std::vector<int64_t>{c});
}

TEST_F(UserStoreTest, PageLargerThanOneIdGroupGetsEveryonesOrganisations) {
  int64_t a = add_organisation("a"), b = add_organisation("b");
  const int n = static_cast<int>(kIdChunk) * 2 + 5;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(add_user("user" + std::to_string(i),
                         i % 2 ? std::vector<int64_t>{a} : std::vector<int64_t>{a, b})
                    .ok());
  }
  auto page = list_users_page(db_->reader(), std::nullopt, std::nullopt, n + 10);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->size(), static_cast<size_t>(n));
  for (const UserRecord& u : *page) {
    const int i = std::stoi(u.username.substr(4));
    EXPECT_EQ(u.organisation_ids, i % 2 ? std::vector<int64_t>{a} : (std::vector<int64_t>{a, b}))
        << u.username;
  }
}

TEST_F(UserStoreTest, OrganisationsByListOfIds) {
  std::vector<int64_t> all;
  for (int i = 0; i < static_cast<int>(kIdChunk) + 3; ++i) {
    all.push_back(add_organisation("o" + std::to_string(i)));
  }
  auto empty = find_organisations(db_->reader(), {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());

  auto one = find_organisations(db_->reader(), {all[4]});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].name, "o4");

  const int64_t nowhere = all.back() + 1000;
  auto some = find_organisations(db_->reader(), {all[7], nowhere, all[2], all[7]});
  ASSERT_TRUE(some.ok());
  ASSERT_EQ(some->size(), 2u);
  EXPECT_EQ((*some)[0].id, all[2]);  // id order, each once
  EXPECT_EQ((*some)[1].id, all[7]);

  std::vector<int64_t> reversed(all.rbegin(), all.rend());
  auto every = find_organisations(db_->reader(), reversed);
  ASSERT_TRUE(every.ok());
  ASSERT_EQ(every->size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ((*every)[i].id, all[i]);

  auto missing = missing_organisations(db_->reader(), {nowhere, all[0], nowhere + 1, nowhere});
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(*missing, (std::vector<int64_t>{nowhere, nowhere + 1}));
}

TEST(IdChunks, GroupsArePaddedToPowersOfTwoAndDropRepeats) {
  EXPECT_TRUE(id_chunks({}).empty());

  auto one = id_chunks({5, 5});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].placeholders, "?");
  EXPECT_EQ(one[0].values, std::vector<int64_t>{5});

  auto three = id_chunks({9, 2, 4});
  ASSERT_EQ(three.size(), 1u);
  EXPECT_EQ(three[0].placeholders, "?, ?, ?, ?");
  EXPECT_EQ(three[0].values, (std::vector<int64_t>{2, 4, 9, 9}));

  std::vector<int64_t> ids;
  for (int64_t i = 1; i <= static_cast<int64_t>(kIdChunk) + 1; ++i) ids.push_back(i);
  auto two = id_chunks(ids);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].values.size(), kIdChunk);
  EXPECT_EQ(two[0].values.front(), 1);
  EXPECT_EQ(two[1].values, std::vector<int64_t>{static_cast<int64_t>(kIdChunk) + 1});
}

}  // namespace
}  // namespace warmcity::accounts
