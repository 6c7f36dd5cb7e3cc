// A submission's rows as the write path writes them (appeal_store.h): the
// appeal's INSERT returns no id, the photo token and the event name their
// appeal by its tracking code, so a write job that holds back statements
// returning no rows sends all three at once on PostgreSQL. On SQLite
// (appeal_store_tests) and on PostgreSQL (appeal_store_pg_tests, the same
// executable with WARMCITY_TEST_ENGINE=postgres): the rows belong together, a taken code
// fails its own job alone (the jobs around it in the same batch commit) and
// is told apart from other failures.
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "appeals/appeal_store.h"
#include "appeals/appeals.h"
#include "appeals/tracking_code.h"
#include "store/job_runs.h"
#include "store/postgres/pg_test_util.h"
#include "store/test_util.h"

namespace warmcity::appeals {
namespace {

constexpr char kTaken[] = "ABCDEFGH";

class AppealStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string location = scratch_.where("appeals.db");
    std::vector<store::Migration> all = accounts::migrations();
    for (auto& m : areas::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    auto db = store::Database::open({location}, all);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->write([](store::Connection& c) {
                     return c.exec(
                         "INSERT INTO appeal_categories (id, code, name_zh, name_en, "
                         "response_hours, resolution_days, created_at, updated_at) "
                         "VALUES (1, 'roads', '道路', 'Roads', 24, 5, 0, 0)");
                   })
                    .ok());
  }
  void TearDown() override {
    if (db_) db_->stop();
  }

  // One submission's three writes, as AppealService::submit makes them.
  static Status write_submission(store::Connection& c, Appeal& a, Event& e) {
    c.defer_rowless_statements();
    if (Status s = insert_appeal(c, a); !s.ok()) return s;
    if (Status s = insert_photo_token_of(c, a.tracking_code, "hash-" + a.description, 99);
        !s.ok()) {
      return s;
    }
    e.at = a.submitted_at;
    e.actor_role = "anonymous";
    e.action = "submit";
    e.to_state = State::kSubmitted;
    e.is_public = true;
    e.detail_json = "{}";
    return insert_event_of(c, a.tracking_code, e);
  }
  static std::shared_ptr<Appeal> new_appeal(const std::string& description,
                                            const std::string& code = "") {
    auto a = std::make_shared<Appeal>();
    a->category_id = 1;
    a->channel = Channel::kWeb;
    a->state = State::kSubmitted;
    a->description = description;
    a->attributes_json = "{}";
    a->anonymous = true;
    a->submitted_at = a->updated_at = 1000;
    a->response_due = 2000;
    a->tracking_code = code;
    return a;
  }
  // Submits one submission's job without waiting, Replayable as
  // AppealService's; its Status arrives in the future.
  std::future<Status> submit(std::shared_ptr<Appeal> a) {
    auto done = std::make_shared<std::promise<Status>>();
    std::future<Status> out = done->get_future();
    db_->submit(store::Replayable{[a](store::Connection& c) {
                  Event e;
                  return write_submission(c, *a, e);
                }},
                [done](const Status& s) { done->set_value(s); });
    return out;
  }
  int64_t count(const std::string& sql) {
    return store::testing_util::query_int(db_->reader(), sql);
  }

  store::pg_testing::ScratchWhere scratch_;  // dropped after db_ is gone
  std::unique_ptr<store::Database> db_;
};

TEST_F(AppealStore, ASubmissionsRowsNameTheSameAppeal) {
  auto a = new_appeal("坑洼");
  Event e;
  ASSERT_TRUE(db_->write([&](store::Connection& c) { return write_submission(c, *a, e); }).ok());
  EXPECT_EQ(a->tracking_code.size(), kTrackingCodeLength);
  EXPECT_GT(a->id, 0) << "written by the time the job's done is called";
  const std::string id = std::to_string(a->id);
  EXPECT_EQ(count("SELECT id FROM appeals WHERE tracking_code = '" + a->tracking_code + "'"),
            a->id);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_photo_tokens WHERE appeal_id = " + id +
                  " AND token_hash = 'hash-坑洼' AND expires_at = 99"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events WHERE appeal_id = " + id +
                  " AND action = 'submit' AND to_state = 'submitted'"),
            1);
}

TEST_F(AppealStore, ATakenCodeFailsItsOwnJobAlone) {
  ASSERT_TRUE(submit(new_appeal("first", kTaken)).get().ok());
  // Back to back, so that the writer usually takes them into one transaction.
  auto before = new_appeal("before");
  auto taken = new_appeal("taken", kTaken);
  auto after = new_appeal("after");
  std::future<Status> b = submit(before), t = submit(taken), f = submit(after);
  EXPECT_TRUE(b.get().ok());
  const Status refused = t.get();
  EXPECT_EQ(refused.code(), Code::kConflict) << refused.message();
  EXPECT_TRUE(tracking_code_taken(refused)) << refused.message();
  EXPECT_TRUE(f.get().ok());
  EXPECT_EQ(count("SELECT count(*) FROM appeals"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM appeals WHERE description = 'taken'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_photo_tokens"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events"), 3);
  // Each row with its own appeal: the taken code's rows went with their job.
  EXPECT_EQ(count("SELECT count(*) FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id "
                  "JOIN appeal_photo_tokens t ON t.appeal_id = a.id "
                  "WHERE t.token_hash = 'hash-' || a.description"),
            3);
  // Drawn again, it goes in.
  taken->tracking_code.clear();
  EXPECT_TRUE(submit(taken).get().ok());
  EXPECT_NE(taken->tracking_code, kTaken);
}

TEST_F(AppealStore, OtherFailuresAreNotATakenCode) {
  Event e;
  e.at = 1;
  e.actor_role = "anonymous";
  e.action = "submit";
  e.detail_json = "{}";
  // No appeal has this code: the event has no appeal.
  const Status none =
      db_->write([&](store::Connection& c) { return insert_event_of(c, "ZZZZZZZZ", e); });
  EXPECT_FALSE(none.ok());
  EXPECT_FALSE(tracking_code_taken(none)) << none.message();
  // An unknown category: a conflict, but not the code's.
  auto a = new_appeal("no such category");
  a->category_id = 999;
  const Status fk = submit(a).get();
  EXPECT_EQ(fk.code(), Code::kConflict) << fk.message();
  EXPECT_FALSE(tracking_code_taken(fk)) << fk.message();
  EXPECT_EQ(count("SELECT count(*) FROM appeals"), 0);
}

// The notes Open311's list shows for a page of appeals, read in one go, are
// what each appeal's public trail shows last: a published note, never an
// internal one or one kept from the public, and an empty note does not hide
// an earlier one. 200 appeals: more than one chunk of ids.
TEST_F(AppealStore, LatestPublicNotesOfAPage) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 200; ++i) {
    auto a = new_appeal("appeal " + std::to_string(i), "C" + std::to_string(1000000 + i));
    ASSERT_TRUE(submit(a).get().ok());
    ids.push_back(a->id);
    auto event = [&](bool is_public, bool note_public, const std::string& note) {
      Event e;
      e.appeal_id = a->id;
      e.at = 2000;
      e.actor_role = "staff";
      e.action = "note";
      e.note = note;
      e.is_public = is_public;
      e.note_public = note_public;
      e.detail_json = "{}";
      return db_->write([&](store::Connection& c) { return insert_event(c, e); });
    };
    if (i % 3 == 0) {
      ASSERT_TRUE(event(true, true, "公开 " + std::to_string(i)).ok());
    } else if (i % 3 == 1) {
      ASSERT_TRUE(event(true, false, "未公开").ok());
    }
    ASSERT_TRUE(event(false, false, "内部").ok());
    ASSERT_TRUE(event(true, true, "").ok());
  }
  ids.push_back(ids.back() + 1000);  // no such appeal: no note
  Result<std::map<int64_t, std::string>> notes = latest_public_notes(db_->reader(), ids);
  ASSERT_TRUE(notes.ok()) << notes.status().message();
  EXPECT_EQ(notes->size(), 67u);
  for (int i = 0; i < 200; ++i) {
    Result<std::vector<Event>> trail = list_events(db_->reader(), ids[i], true);
    ASSERT_TRUE(trail.ok());
    std::string last;
    for (const Event& e : *trail) {
      if (!e.note.empty()) last = e.note;
    }
    auto it = notes->find(ids[i]);
    EXPECT_EQ(it == notes->end() ? std::string() : it->second, last) << i;
    if (i % 3 == 0) {
      EXPECT_EQ(last, "公开 " + std::to_string(i));
    }
  }
  EXPECT_TRUE(latest_public_notes(db_->reader(), {})->empty());
}

}  // namespace
}  // namespace warmcity::appeals
