// The month's minutes summed in C++ (counts_store.cpp) on both engines:
// the rules by hand on a small world (a day's first and last second, a
// volunteer in a team twice on one day, in two teams of one community, a
// left volunteer, a correction, a submitted record), then the whole answer
// against the joins in SQL it replaced (counts_oracle.h) on a seeded world
// of shared memberships, corrections, both states and outcomes.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "volunteers/counts_oracle.h"
#include "volunteers/counts_store.h"
#include "volunteers/ledger_write.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

constexpr int64_t kDay = 86400;
const int64_t kMay = core::local_midnight_unix({2026, 5, 1});

// Every number of the answer, in its order, one line each.
std::string describe(const MonthCounts& m) {
  std::ostringstream out;
  out << "month " << m.month << "\n";
  const auto outcomes = [&out](const OutcomeTotals& o) {
    for (const auto& [kind, tenths] : o) out << " " << kind << "=" << tenths;
  };
  for (const TeamCount& t : m.teams) {
    out << "team " << t.id << " " << t.name << " community "
        << (t.community_id ? std::to_string(*t.community_id) : "-") << " volunteers "
        << t.volunteers << " minutes " << t.minutes << " rank " << t.rank;
    outcomes(t.outcomes);
    out << "\n";
  }
  for (const CommunityCount& c : m.communities) {
    out << "community " << c.id << " " << c.name << " minutes " << c.minutes;
    outcomes(c.outcomes);
    out << "\n";
  }
  for (const OutcomeKind& k : m.kinds) out << "kind " << k.code << "\n";
  return out.str();
}

class CountsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("counts_store.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    fengshan_ = seed_community(*db_, "凤山社区");
    hewan_ = seed_community(*db_, "河湾社区");
    xiguan_ = seed_community(*db_, "西关社区");
    organiser_ = seed_organisation(*db_, "community", "凤山社区居委会", fengshan_);
    xiguan_org_ = seed_organisation(*db_, "community", "西关社区居委会", xiguan_);
    sunset_ = seed_team(*db_, "夕阳红", fengshan_);
    dandelion_ = seed_team(*db_, "蒲公英", fengshan_);
    // A grid's team counts for the grid's community; a team with no area
    // for its parent organisation's.
    river_ = seed_team(*db_, "河湾网格队", seed_area(*db_, "grid", "河湾一网格", hewan_));
    west_ = seed_team(*db_, "西关志愿队");
    seed_team_facts(*db_, west_, xiguan_org_, "王队长", "13900000009");
    nowhere_ = seed_team(*db_, "无社区队");
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // A membership row as given (seed_team_member, in one job for many).
  struct Member {
    int64_t volunteer, team, joined_at;
    std::optional<int64_t> left_at;
  };
  void members(const std::vector<Member>& rows) {
    Status s = db_->write([&](store::Connection& c) -> Status {
      for (const Member& m : rows) {
        Result<store::Statement> st = c.prepare(
            "INSERT INTO volunteer_team_members (team_org_id, volunteer_id, joined_at, left_at) "
            "VALUES (?, ?, ?, ?)");
        if (!st.ok()) return st.status();
        st->bind(1, m.team).bind(2, m.volunteer).bind(3, m.joined_at).bind(4, m.left_at);
        if (Status r = st->run(); !r.ok()) return r;
      }
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }

  NewRecord ledger(int64_t volunteer, const std::string& date, int64_t minutes,
                   const std::string& state = "confirmed") const {
    NewRecord r;
    r.volunteer_id = volunteer;
    r.organiser_org_id = organiser_;
    r.organiser_name = "凤山社区居委会";
    r.service_date = date;
    r.content = "清理小广告";
    r.minutes = minutes;
    r.source = "manual";
    r.state = state;
    r.created_at = kMay;
    return r;
  }
  // Inserts the records in one job; their ids.
  std::vector<int64_t> write(const std::vector<NewRecord>& rows) {
    std::vector<int64_t> ids;
    Status s = db_->write([&](store::Connection& c) -> Status {
      for (const NewRecord& r : rows) {
        Result<int64_t> id = insert_record(c, r);
        if (!id.ok()) return id.status();
        ids.push_back(*id);
      }
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return ids;
  }
  NewRecord correction(int64_t of, int64_t volunteer, const std::string& date,
                       int64_t minutes) const {
    NewRecord r = ledger(volunteer, date, minutes);
    r.source = "correction";
    r.corrects_id = of;
    r.reason = "签退时间记错";
    return r;
  }

  void outcome(int64_t occurrence, const std::string& kind, int64_t tenths,
               std::optional<int64_t> team) {
    Status s = db_->write([&](store::Connection& c) -> Status {
      Result<store::Statement> st = c.prepare(
          "INSERT INTO volunteer_outcomes (occurrence_id, kind_code, quantity_tenths, "
          "team_org_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, 1, 0)");
      if (!st.ok()) return st.status();
      st->bind(1, occurrence).bind(2, kind).bind(3, tenths).bind(4, team);
      return st->run();
    });
    ASSERT_TRUE(s.ok()) << s.message();
  }
  // An occurrence of an activity by `organiser` on `date`, in `community`.
  int64_t occurrence(int64_t organiser, const std::string& date, std::optional<int64_t> community) {
    const SeedOccurrence o = seed_occurrence(*db_, organiser, date);
    Status s = db_->write([&](store::Connection& c) -> Status {
      Result<store::Statement> st =
          c.prepare("UPDATE activities SET community_id = ? WHERE id = ?");
      if (!st.ok()) return st.status();
      st->bind(1, community).bind(2, o.activity_id);
      return st->run();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return o.occurrence_id;
  }

  // The answer now and the joins' answer, both read on the reader.
  void expect_as_the_joins(core::LocalDate first) {
    Result<MonthCounts> now = month_counts(db_->reader(), first);
    Result<MonthCounts> joins = counts_oracle::old_month_counts(db_->reader(), first);
    ASSERT_TRUE(now.ok()) << now.status().message();
    ASSERT_TRUE(joins.ok()) << joins.status().message();
    EXPECT_EQ(describe(*now), describe(*joins)) << core::format_date(first);
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  int64_t fengshan_ = 0, hewan_ = 0, xiguan_ = 0, organiser_ = 0, xiguan_org_ = 0;
  int64_t sunset_ = 0, dandelion_ = 0, river_ = 0, west_ = 0, nowhere_ = 0;
};

const TeamCount& team_of(const MonthCounts& m, int64_t id) {
  for (const TeamCount& t : m.teams) {
    if (t.id == id) return t;
  }
  static const TeamCount kNone;
  ADD_FAILURE() << "no team " << id;
  return kNone;
}

TEST_F(CountsStoreTest, ADayCountsForTheTeamsOfThatDayEachTeamAndCommunityOnce) {
  const int64_t a = seed_volunteer(*db_, SeedVolunteer{.name = "甲"});
  const int64_t b = seed_volunteer(*db_, SeedVolunteer{.name = "乙", .status = "left"});
  const int64_t c = seed_volunteer(*db_, SeedVolunteer{.name = "丙"});
  members({
      // 甲 left 夕阳红 at noon on 10 May and rejoined at three; in 蒲公英 too.
      {a, sunset_, 0, kMay + 9 * kDay + 12 * 3600},
      {a, sunset_, kMay + 9 * kDay + 15 * 3600, std::nullopt},
      {a, dandelion_, 0, std::nullopt},
      // 乙 (left the volunteers) joined 河湾网格队 as 5 May ended.
      {b, river_, kMay + 5 * kDay, std::nullopt},
      // 丙 left 西关志愿队 as 20 May began.
      {c, west_, 0, kMay + 19 * kDay},
  });
  const std::vector<int64_t> ids = write({
      ledger(a, "2026-05-10", 60), ledger(b, "2026-05-05", 30),  // not yet in 河湾网格队
      ledger(b, "2026-05-06", 45), ledger(c, "2026-05-20", 20),
      ledger(c, "2026-05-21", 25),                // gone
      ledger(c, "2026-05-19", 100, "submitted"),  // not confirmed
      ledger(a, "2026-04-30", 500),               // April
  });
  write({correction(ids[3], c, "2026-05-20", -5)});

  Result<MonthCounts> m = month_counts(db_->reader(), {2026, 5, 1});
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(team_of(*m, sunset_).minutes, 60);  // once, though held twice that day
  EXPECT_EQ(team_of(*m, sunset_).volunteers, 1);
  EXPECT_EQ(team_of(*m, dandelion_).minutes, 60);
  EXPECT_EQ(team_of(*m, river_).minutes, 45);
  EXPECT_EQ(team_of(*m, river_).volunteers, 0);  // 乙 left the volunteers
  EXPECT_EQ(team_of(*m, west_).minutes, 15);     // 20 with its correction
  EXPECT_EQ(team_of(*m, west_).volunteers, 1);
  EXPECT_EQ(team_of(*m, nowhere_).minutes, 0);
  ASSERT_EQ(m->teams.size(), 5u);
  EXPECT_EQ(m->teams[0].name, "夕阳红");  // 60 and 60 share the first place, by name
  EXPECT_EQ(m->teams[1].name, "蒲公英");
  EXPECT_EQ(m->teams[1].rank, 1);
  EXPECT_EQ(m->teams[2].rank, 3);
  EXPECT_EQ(m->teams[4].rank, 5);
  std::map<int64_t, int64_t> community;
  for (const CommunityCount& k : m->communities) community[k.id] = k.minutes;
  EXPECT_EQ(community, (std::map<int64_t, int64_t>{{fengshan_, 60}, {hewan_, 45}, {xiguan_, 15}}));
  expect_as_the_joins({2026, 5, 1});
  expect_as_the_joins({2026, 4, 1});
}

TEST_F(CountsStoreTest, EveryMonthAsTheJoinsInSqlCountedIt) {
  // 40 volunteers (one in eight left), one to three memberships each over
  // March–July, starting and ending on a day's first second half the time;
  // 500 records (one in six submitted) and 40 corrections; outcomes by
  // teams, by organisations that are no team and by none.
  std::mt19937 rng(20);
  const auto pick = [&rng](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  const std::vector<int64_t> teams{sunset_, dandelion_, river_, west_, nowhere_};
  const int64_t march = core::local_midnight_unix({2026, 3, 1});
  std::vector<int64_t> volunteers;
  std::vector<Member> rows;
  for (int i = 0; i < 40; ++i) {
    const int64_t v = seed_volunteer(
        *db_, SeedVolunteer{.name = "志愿者" + std::to_string(i),
                            .status = i % 8 == 7 ? std::string("left") : std::string("active")});
    volunteers.push_back(v);
    std::vector<int64_t> open;  // the teams they are still in (one row each)
    for (int64_t k = pick(1, 3); k > 0; --k) {
      const int64_t team = teams[static_cast<size_t>(pick(0, 4))];
      const int64_t joined = march + pick(-20, 240) * (kDay / 2);
      std::optional<int64_t> left;
      if (pick(0, 1) == 1 || std::find(open.begin(), open.end(), team) != open.end())
        left = joined + pick(0, 80) * (kDay / 2);
      else
        open.push_back(team);
      rows.push_back({v, team, joined, left});
    }
  }
  rows.push_back({volunteers[0], organiser_, 0, std::nullopt});  // an organisation, no team
  members(rows);
  std::vector<NewRecord> records;
  for (int i = 0; i < 500; ++i) {
    const std::string date = core::format_date(core::local_date_of(march + pick(0, 136) * kDay));
    records.push_back(ledger(volunteers[static_cast<size_t>(pick(0, 39))], date, pick(1, 600),
                             pick(0, 5) == 0 ? "submitted" : "confirmed"));
  }
  const std::vector<int64_t> ids = write(records);
  std::vector<NewRecord> corrections;
  for (int i = 0; i < 40; ++i) {
    const size_t k = static_cast<size_t>(pick(0, 499));
    if (records[k].state != "confirmed") continue;
    corrections.push_back(correction(ids[k], records[k].volunteer_id, records[k].service_date,
                                     -pick(1, records[k].minutes)));
  }
  write(corrections);
  const std::vector<std::optional<int64_t>> outcome_teams{sunset_,  river_,     west_,
                                                          nowhere_, organiser_, std::nullopt};
  const std::vector<std::string> kinds{"ads_removed", "rubbish_m3", "trees_planted"};
  for (int i = 0; i < 12; ++i) {
    const std::string date =
        core::format_date(core::local_date_of(march + pick(0, 136) * kDay + 3600));
    const std::optional<int64_t> community =
        pick(0, 1) == 1 ? std::optional<int64_t>(hewan_) : std::nullopt;
    const int64_t occ = occurrence(pick(0, 1) == 1 ? organiser_ : xiguan_org_, date, community);
    for (int64_t k = pick(1, 3); k > 0; --k) {
      outcome(occ, kinds[static_cast<size_t>(pick(0, 2))], pick(0, 200),
              outcome_teams[static_cast<size_t>(pick(0, 5))]);
    }
  }

  for (int month = 2; month <= 8; ++month) expect_as_the_joins({2026, month, 1});
}

}  // namespace
}  // namespace warmcity::volunteers
