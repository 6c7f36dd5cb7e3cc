// An organiser's ledger lists (records_of_organiser, record_store.h) on
// both engines, now that the page's ids are read first: the same records in
// the same order with the same corrections and latest disputes (the same
// JSON) as the one join it replaced (kept here as it was), on a ledger of
// 1,400 records of four organisers (two past the page of 500, one the
// records with no organisation), both states, corrections on the page and
// below it, and records disputed once or twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "volunteers/ledger_write.h"
#include "volunteers/record_json.h"
#include "volunteers/record_store.h"
#include "volunteers/volunteers_test_db.h"

namespace warmcity::volunteers {
namespace {

// records_of_organiser as it was before migration 3 (bench/README.md
// "Volunteers"): every record of the organiser joined, then sorted.
Result<std::vector<Record>> old_records_of_organiser(store::Connection& c,
                                                     std::optional<int64_t> organiser_org_id,
                                                     const std::string& state) {
  const std::string of = organiser_org_id ? "r.organiser_org_id = ?" : "r.organiser_org_id IS NULL";
  Result<store::Statement> s = c.prepare(
      "SELECT r.id, r.volunteer_id, r.organiser_org_id, r.organiser_name, r.service_date, "
      "r.place, r.content, r.minutes, r.source, r.source_id, r.state, r.confirmed_by, "
      "r.confirmed_at, r.corrects_id, r.reason, r.created_by, r.created_at, d.id, d.state, "
      "d.text, d.answer, d.answered_at, v.volunteer_no, v.name "
      "FROM volunteer_records r JOIN volunteers v ON v.id = r.volunteer_id "
      "LEFT JOIN volunteer_disputes d ON d.id = "
      "(SELECT MAX(x.id) FROM volunteer_disputes x WHERE x.record_id = r.id) WHERE " +
      of + " AND (? = '' OR r.state = ?) ORDER BY r.id DESC LIMIT " + std::to_string(kMaxListed));
  if (!s.ok()) return s.status();
  int i = 1;
  if (organiser_org_id) s->bind(i++, *organiser_org_id);
  s->bind(i, state);
  s->bind(i + 1, state);
  Result<std::vector<Record>> rows = store::collect<Record>(*s, [](store::Statement& q) {
    Record r;
    r.id = q.column_int64(0);
    r.volunteer_id = q.column_int64(1);
    r.organiser_org_id = q.column_int64_opt(2);
    r.organiser_name = q.column_text(3);
    r.service_date = q.column_text(4);
    r.place = q.column_text(5);
    r.content = q.column_text(6);
    r.minutes = q.column_int64(7);
    r.source = q.column_text(8);
    r.source_id = q.column_int64_opt(9);
    r.state = q.column_text(10);
    r.confirmed_by = q.column_int64_opt(11);
    r.confirmed_at = q.column_int64_opt(12);
    r.corrects_id = q.column_int64_opt(13);
    r.reason = q.column_text_opt(14);
    r.created_by = q.column_int64_opt(15);
    r.created_at = q.column_int64(16);
    if (!q.column_is_null(17)) {
      r.dispute = DisputeRef{q.column_int64(17), q.column_text(18), q.column_text(19),
                             q.column_text_opt(20), q.column_int64_opt(21)};
    }
    r.volunteer_no = q.column_text(22);
    r.volunteer_name = q.column_text(23);
    return r;
  });
  if (!rows.ok() || rows->empty()) return rows;
  const std::string corr_of =
      organiser_org_id ? "organiser_org_id = ?" : "organiser_org_id IS NULL";
  Result<store::Statement> corr = c.prepare("SELECT corrects_id, id FROM volunteer_records WHERE " +
                                            corr_of + " AND corrects_id >= ? ORDER BY id");
  if (!corr.ok()) return corr.status();
  int64_t low = INT64_MAX;
  for (const Record& r : *rows) low = std::min(low, r.id);
  i = 1;
  if (organiser_org_id) corr->bind(i++, *organiser_org_id);
  corr->bind(i, low);
  std::map<int64_t, Record*> by_id;
  for (Record& r : *rows) by_id[r.id] = &r;
  while (true) {
    Result<bool> row = corr->step();
    if (!row.ok()) return row.status();
    if (!*row) return rows;
    if (auto it = by_id.find(corr->column_int64(0)); it != by_id.end())
      it->second->corrections.push_back(corr->column_int64(1));
  }
}

std::string json_of(const std::vector<Record>& records) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const Record& r : records) items.push_back(record_json(r));
  return items.dump();
}

class OrganiserRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    auto db = open_volunteers_test_db(scratch_.where("organiser_records.db"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const int64_t area = seed_community(*db_, "凤山社区");
    community_ = seed_organisation(*db_, "community", "凤山社区居委会", area);
    team_ = seed_team(*db_, "夕阳红志愿队", area);
    other_ = seed_organisation(*db_, "department", "区文明办");
    idle_ = seed_organisation(*db_, "department", "区民政局");
    for (int i = 0; i < 12; ++i)
      volunteers_.push_back(
          seed_volunteer(*db_, SeedVolunteer{.name = "志愿" + std::to_string(i)}));
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // Runs `job` in one write job (a test failure when it fails).
  void write(const std::function<Status(store::Connection&)>& job) {
    Status s = db_->write(job);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  int64_t community_ = 0, team_ = 0, other_ = 0, idle_ = 0;
  std::vector<int64_t> volunteers_;
};

TEST_F(OrganiserRecordsTest, TheNewestPageAsTheJoinOfEveryRecordGaveIt) {
  std::mt19937 rng(500);
  const auto pick = [&rng](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  // 45 % the community's, 40 % the team's, 10 % no organisation's, 5 % the
  // department's; one in seven submitted.
  const auto organiser_at = [&](int64_t roll) -> std::optional<int64_t> {
    if (roll < 45) return community_;
    if (roll < 85) return team_;
    if (roll < 95) return std::nullopt;
    return other_;
  };
  std::vector<NewRecord> made;
  std::vector<int64_t> ids;
  const auto add = [&](store::Connection& c, NewRecord r) -> Status {
    Result<int64_t> id = insert_record(c, r);
    if (!id.ok()) return id.status();
    made.push_back(std::move(r));
    ids.push_back(*id);
    return Status::Ok();
  };
  const auto plain = [&](store::Connection& c) -> Status {
    NewRecord r;
    r.volunteer_id = volunteers_[static_cast<size_t>(pick(0, 11))];
    r.organiser_org_id = organiser_at(pick(0, 99));
    r.organiser_name = r.organiser_org_id ? "组织" + std::to_string(*r.organiser_org_id) : "社区";
    r.service_date = core::format_date(
        core::LocalDate{2026, static_cast<int>(pick(1, 5)), static_cast<int>(pick(1, 28))});
    r.place = "凤山路";
    r.content = "清理小广告";
    r.minutes = pick(1, 600);
    r.source = "manual";
    r.state = pick(0, 6) == 0 ? "submitted" : "confirmed";
    if (r.state == "confirmed") {
      r.confirmed_by = 1;
      r.confirmed_at = 1'780'000'000 + pick(0, 1000);
    }
    r.created_by = 1;
    r.created_at = 1'780'000'000;
    return add(c, std::move(r));
  };
  // A correction of a confirmed record made so far, as the service writes
  // it (its organiser, date, place and content); one in ten under another
  // organiser, which no list attaches to the record.
  const auto correction = [&](store::Connection& c) -> Status {
    const size_t k = static_cast<size_t>(pick(0, static_cast<int64_t>(made.size()) - 1));
    if (made[k].state != "confirmed" || made[k].corrects_id) return Status::Ok();
    NewRecord r = made[k];
    if (pick(0, 9) == 0) r.organiser_org_id = other_;
    r.minutes = -pick(1, made[k].minutes);
    r.source = "correction";
    r.corrects_id = ids[k];
    r.reason = "签退时间记错";
    return add(c, std::move(r));
  };
  write([&](store::Connection& c) -> Status {
    for (int i = 0; i < 1400; ++i) {
      if (Status s = i % 15 == 14 ? correction(c) : plain(c); !s.ok()) return s;
    }
    return Status::Ok();
  });
  // Disputes: answered ones, some disputed again (the open one is the
  // latest), and open ones.
  write([&](store::Connection& c) -> Status {
    for (int i = 0; i < 90; ++i) {
      const size_t k = static_cast<size_t>(pick(0, static_cast<int64_t>(ids.size()) - 1));
      for (int round = 0; round < (i % 3 == 0 ? 2 : 1); ++round) {
        const bool answered = i < 60 && round == 0;
        Result<store::Statement> s = c.prepare(
            "INSERT INTO volunteer_disputes (record_id, volunteer_id, text, raised_by, raised_at, "
            "state, answer, answered_by, answered_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING");
        if (!s.ok()) return s.status();
        s->bind(1, ids[k]).bind(2, made[k].volunteer_id).bind(3, "时长不对" + std::to_string(i));
        s->bind(4, int64_t{1'780'100'000} + i).bind(5, answered ? "answered" : "open");
        s->bind(6, answered ? std::optional<std::string>("已核实") : std::nullopt);
        s->bind(7, answered ? std::optional<int64_t>(1) : std::nullopt);
        s->bind(8, answered ? std::optional<int64_t>(1'780'200'000 + i) : std::nullopt);
        if (Status st = s->run(); !st.ok()) return st;
      }
    }
    return Status::Ok();
  });

  for (std::optional<int64_t> org :
       {std::optional<int64_t>(community_), std::optional<int64_t>(team_),
        std::optional<int64_t>(other_), std::optional<int64_t>(idle_), std::optional<int64_t>()}) {
    for (const std::string& state : std::vector<std::string>{"", "submitted", "confirmed"}) {
      const std::string what =
          (org ? std::to_string(*org) : std::string("none")) + " state '" + state + "'";
      Result<std::vector<Record>> now = records_of_organiser(db_->reader(), org, state);
      Result<std::vector<Record>> joined = old_records_of_organiser(db_->reader(), org, state);
      ASSERT_TRUE(now.ok()) << now.status().message();
      ASSERT_TRUE(joined.ok()) << joined.status().message();
      EXPECT_EQ(json_of(*now), json_of(*joined)) << what;
      // The page by itself: the organiser's newest ids of that state.
      std::vector<int64_t> expected;
      for (size_t k = ids.size(); k-- > 0 && expected.size() < size_t{kMaxListed};) {
        if (made[k].organiser_org_id == org && (state.empty() || made[k].state == state))
          expected.push_back(ids[k]);
      }
      std::vector<int64_t> got;
      for (const Record& r : *now) got.push_back(r.id);
      EXPECT_EQ(got, expected) << what;
    }
  }
  // The two busiest run past the page; corrections and disputes are on it.
  Result<std::vector<Record>> all = records_of_organiser(db_->reader(), community_, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), size_t{kMaxListed});
  EXPECT_EQ(records_of_organiser(db_->reader(), team_, "")->size(), size_t{kMaxListed});
  EXPECT_TRUE(std::any_of(all->begin(), all->end(),
                          [](const Record& r) { return !r.corrections.empty(); }));
  EXPECT_TRUE(std::any_of(all->begin(), all->end(),
                          [](const Record& r) { return r.dispute && r.dispute->state == "open"; }));
}

}  // namespace
}  // namespace warmcity::volunteers
