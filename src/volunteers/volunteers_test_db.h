// The volunteers' unit tests' scratch database and its seeds, written once
// for every part of the module (docs/volunteers.md): the accounts', areas',
// facilities', activities' and volunteers' migrations applied to a SQLite
// file or, with WARMCITY_TEST_ENGINE=postgres (volunteers_pg_tests), a fresh
// PostgreSQL database. Every seed inserts without an explicit id (so the
// PostgreSQL sequences stay right) and answers the new row's id; a failure
// is a test failure (ADD_FAILURE) and the id 0. Include only in tests.
//
//   ScratchWhere scratch;                      // ASSERT_TRUE(scratch.ok())
//   auto db = open_volunteers_test_db(scratch.where("v.db"));
//   int64_t leader = seed_user(**db, "volunteer", "队长", "13900000001");
//   int64_t team = seed_team(**db, "夕阳红志愿队", seed_community(**db, "凤山社区"));
//   seed_membership(**db, leader, team);
//   int64_t v = seed_volunteer(**db, SeedVolunteer{.name = "张三", .team_id = team});
//   SeedOccurrence o = seed_occurrence(**db, team, "2026-05-30", 9 * 60, 120);
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/caller.h"
#include "activities/activity_tables.h"
#include "areas/areas.h"
#include "core/time.h"
#include "facilities/facilities.h"
#include "store/database.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"
#include "volunteers/volunteer_tables.h"

namespace warmcity::volunteers {

using store::pg_testing::ScratchWhere;

inline Result<std::unique_ptr<store::Database>> open_volunteers_test_db(const std::string& where) {
  std::vector<store::Migration> all = accounts::migrations();
  for (auto& m : areas::migrations()) all.push_back(std::move(m));
  for (auto& m : facilities::migrations()) all.push_back(std::move(m));
  for (auto& m : activities::activity_migrations()) all.push_back(std::move(m));
  for (auto& m : volunteer_migrations()) all.push_back(std::move(m));
  return store::Database::open({where}, all);
}

namespace test_seed {

// Runs `sql` with `bind` on the writer and answers the RETURNING id (0 and a
// test failure when it fails).
template <class Bind>
int64_t insert_returning(store::Database& db, const std::string& sql, Bind bind) {
  int64_t id = 0;
  Status s = db.write([&](store::Connection& c) -> Status {
    Result<store::Statement> st = c.prepare(sql);
    if (!st.ok()) return st.status();
    bind(*st);
    Result<int64_t> made = st->returning_id();
    if (!made.ok()) return made.status();
    id = *made;
    return Status::Ok();
  });
  if (!s.ok()) ADD_FAILURE() << "seed failed: " << s.message() << " in " << sql;
  return id;
}

}  // namespace test_seed

// A user: `role` resident | worker | volunteer | keeper | department | admin;
// username "seed<n>", password hash "x" (no sign-in), phone or null.
inline int64_t seed_user(store::Database& db, const std::string& role,
                         const std::string& display_name,
                         std::optional<std::string> phone = std::nullopt, bool disabled = false) {
  static int counter = 0;
  const std::string username = "seed" + std::to_string(++counter) + role;
  return test_seed::insert_returning(
      db,
      "INSERT INTO users (username, display_name, role, password_hash, phone, disabled, "
      "created_at, updated_at) VALUES (?, ?, ?, 'x', ?, ?, 0, 0) RETURNING id",
      [&](store::Statement& s) {
        s.bind(1, username).bind(2, display_name).bind(3, role).bind(4, phone);
        s.bind(5, int64_t{disabled ? 1 : 0});
      });
}

// An area: a sub-district (no parent), a community or a grid (a parent).
inline int64_t seed_area(store::Database& db, const std::string& level, const std::string& name,
                         std::optional<int64_t> parent_id = std::nullopt) {
  return test_seed::insert_returning(
      db,
      "INSERT INTO areas (level, parent_id, name, boundary, created_at, updated_at) "
      "VALUES (?, ?, ?, '{}', 0, 0) RETURNING id",
      [&](store::Statement& s) { s.bind(1, level).bind(2, parent_id).bind(3, name); });
}

// A community area under a new sub-district of its own.
inline int64_t seed_community(store::Database& db, const std::string& name) {
  const int64_t sub = seed_area(db, "subdistrict", name + "街道");
  return seed_area(db, "community", name, sub);
}

// An organisation of `kind` (department, community, volunteer_team, …)
// serving `area_id` (or none).
inline int64_t seed_organisation(store::Database& db, const std::string& kind,
                                 const std::string& name,
                                 std::optional<int64_t> area_id = std::nullopt) {
  return test_seed::insert_returning(
      db,
      "INSERT INTO organisations (kind, name, area_id, created_at) VALUES (?, ?, ?, 0) "
      "RETURNING id",
      [&](store::Statement& s) { s.bind(1, kind).bind(2, name).bind(3, area_id); });
}

// A volunteer team: an organisation of kind volunteer_team (no
// volunteer_teams row: its certificate facts are unset until a PUT).
inline int64_t seed_team(store::Database& db, const std::string& name,
                         std::optional<int64_t> community_area_id = std::nullopt) {
  return seed_organisation(db, "volunteer_team", name, community_area_id);
}

// The team's certificate facts (a volunteer_teams row).
inline void seed_team_facts(store::Database& db, int64_t team_id,
                            std::optional<int64_t> parent_org_id,
                            const std::string& responsible_person,
                            const std::string& contact_phone) {
  Status s = db.write([&](store::Connection& c) -> Status {
    Result<store::Statement> st = c.prepare(
        "INSERT INTO volunteer_teams (org_id, parent_org_id, responsible_person, contact_phone, "
        "updated_at) VALUES (?, ?, ?, ?, 0)");
    if (!st.ok()) return st.status();
    st->bind(1, team_id).bind(2, parent_org_id).bind(3, responsible_person).bind(4, contact_phone);
    return st->run();
  });
  if (!s.ok()) ADD_FAILURE() << "seed_team_facts: " << s.message();
}

// `user_id` becomes a member of `org_id` (a team's staff when not a resident).
inline void seed_membership(store::Database& db, int64_t user_id, int64_t org_id) {
  Status s = db.write([&](store::Connection& c) -> Status {
    Result<store::Statement> st =
        c.prepare("INSERT INTO memberships (user_id, organisation_id) VALUES (?, ?)");
    if (!st.ok()) return st.status();
    st->bind(1, user_id).bind(2, org_id);
    return st->run();
  });
  if (!s.ok()) ADD_FAILURE() << "seed_membership: " << s.message();
}

// A volunteer row as given (no rule checked: the seeds make any state a test
// needs). volunteer_no "" → "V" + the id's 8 digits after the insert;
// team_id → also an active member of that team from created_at.
struct SeedVolunteer {
  std::string name = "志愿者";
  std::optional<std::string> phone = std::string("13900000000");
  std::optional<std::string> id_type{};    // resident_id | passport | other
  std::optional<std::string> id_number{};  // unique with id_type
  std::optional<std::string> birth_date = std::string("1980-01-01");
  std::optional<std::string> gender{};
  std::string skills = "[]";     // JSON array of strings
  std::string trainings = "[]";  // JSON array of {name, completed_on}
  std::optional<std::string> insurance_until{};
  bool public_name = false;
  std::optional<int64_t> user_id{};
  std::string status = "active";
  std::string volunteer_no{};
  std::optional<int64_t> team_id{};
  int64_t created_at = 0;
};

inline void seed_team_member(store::Database& db, int64_t volunteer_id, int64_t team_id,
                             int64_t joined_at = 0, std::optional<int64_t> left_at = std::nullopt) {
  test_seed::insert_returning(db,
                              "INSERT INTO volunteer_team_members (team_org_id, volunteer_id, "
                              "joined_at, left_at) VALUES (?, ?, ?, ?) RETURNING id",
                              [&](store::Statement& s) {
                                s.bind(1, team_id).bind(2, volunteer_id).bind(3, joined_at);
                                s.bind(4, left_at);
                              });
}

inline int64_t seed_volunteer(store::Database& db, const SeedVolunteer& v) {
  static int counter = 0;
  // A unique provisional number until the id is known (9 characters).
  const std::string provisional_no =
      v.volunteer_no.empty() ? "T" + std::to_string(10'000'000 + (++counter % 9'000'000))
                             : v.volunteer_no;
  const int64_t id = test_seed::insert_returning(
      db,
      "INSERT INTO volunteers (volunteer_no, user_id, name, phone, id_type, id_number, "
      "birth_date, gender, skills, trainings, insurance_until, public_name, status, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      [&](store::Statement& s) {
        s.bind(1, provisional_no).bind(2, v.user_id).bind(3, v.name).bind(4, v.phone);
        s.bind(5, v.id_type).bind(6, v.id_number).bind(7, v.birth_date).bind(8, v.gender);
        s.bind(9, v.skills).bind(10, v.trainings).bind(11, v.insurance_until);
        s.bind(12, int64_t{v.public_name ? 1 : 0}).bind(13, v.status);
        s.bind(14, v.created_at).bind(15, v.created_at);
      });
  if (id == 0) return 0;
  if (v.volunteer_no.empty()) {
    std::string digits = std::to_string(id);
    digits.insert(0, 8 - std::min<size_t>(8, digits.size()), '0');
    Status s = db.write([&](store::Connection& c) -> Status {
      Result<store::Statement> st =
          c.prepare("UPDATE volunteers SET volunteer_no = ? WHERE id = ?");
      if (!st.ok()) return st.status();
      st->bind(1, "V" + digits).bind(2, id);
      return st->run();
    });
    if (!s.ok()) ADD_FAILURE() << "seed_volunteer number: " << s.message();
  }
  if (v.team_id) seed_team_member(db, id, *v.team_id, v.created_at);
  return id;
}

// An activity (one occurrence, no repeat) organised by `organiser_org_id` on
// `date` (YYYY-MM-DD, district time) from `start_minute` (minutes after
// midnight) for `duration_minutes`, at `address`.
struct SeedOccurrence {
  int64_t activity_id = 0;
  int64_t occurrence_id = 0;
  int64_t starts_at = 0;  // unix seconds
  int64_t ends_at = 0;
};

inline SeedOccurrence seed_occurrence(store::Database& db, int64_t organiser_org_id,
                                      const std::string& date, int start_minute = 9 * 60,
                                      int duration_minutes = 120,
                                      const std::string& title = "清理小广告",
                                      const std::string& address = "凤山路1号",
                                      int64_t created_by = 1) {
  SeedOccurrence out;
  Result<core::LocalDate> day = core::parse_date(date);
  if (!day.ok()) {
    ADD_FAILURE() << "seed_occurrence: bad date " << date;
    return out;
  }
  out.starts_at = core::local_midnight_unix(*day) + int64_t{start_minute} * 60;
  out.ends_at = out.starts_at + int64_t{duration_minutes} * 60;
  out.activity_id = test_seed::insert_returning(
      db,
      "INSERT INTO activities (title, organiser_org_id, address, capacity, first_date, "
      "start_minute, duration_minutes, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, 100, ?, ?, ?, ?, 0, 0) RETURNING id",
      [&](store::Statement& s) {
        s.bind(1, title).bind(2, organiser_org_id).bind(3, address).bind(4, date);
        s.bind(5, int64_t{start_minute}).bind(6, int64_t{duration_minutes}).bind(7, created_by);
      });
  if (out.activity_id == 0) return out;
  out.occurrence_id = test_seed::insert_returning(
      db,
      "INSERT INTO activity_occurrences (activity_id, seq, local_date, starts_at, ends_at, "
      "capacity, updated_at) VALUES (?, 1, ?, ?, ?, 100, 0) RETURNING id",
      [&](store::Statement& s) {
        s.bind(1, out.activity_id).bind(2, date).bind(3, out.starts_at).bind(4, out.ends_at);
      });
  return out;
}

// A caller as the routes would see them (memberships as given).
inline accounts::Caller caller_as(int64_t user_id, const std::string& role,
                                  std::vector<int64_t> organisation_ids = {}) {
  return accounts::Caller{user_id, role, std::move(organisation_ids), "127.0.0.1"};
}
inline accounts::Caller anonymous_caller() { return accounts::Caller{0, "", {}, "127.0.0.1"}; }

// One number from the database (the first column of the first row; a test
// failure and 0 when there is none).
inline int64_t count_of(store::Database& db, const std::string& sql) {
  Result<store::Statement> q = db.reader().prepare(sql);
  if (!q.ok()) {
    ADD_FAILURE() << q.status().message();
    return 0;
  }
  Result<bool> row = q->step();
  if (!row.ok() || !*row) {
    ADD_FAILURE() << "no row: " << sql;
    return 0;
  }
  return q->column_int64(0);
}

}  // namespace warmcity::volunteers
