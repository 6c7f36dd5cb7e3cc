// Sign-ups, the waitlist and the door (signup_service.h), on SQLite and on
// PostgreSQL: the line in order, a cancellation offering the first in line,
// accept, decline and lapse passing the place on, a raised capacity offered
// at once, no-shows only after the start and never permanent, check-in by
// code, age limits, one active sign-up per phone, who may do what, and 200
// sign-ups racing for 20 places.
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
#include "core/phone.h"

namespace warmcity::activities {
namespace {

using accounts::Caller;

constexpr int64_t kNow = 1'780'000'000;
constexpr int64_t kStart = kNow + 86'400;  // 2026-05-30 04:26:40 +08:00

// --- the body's rules (pure) ---------------------------------------------

TEST(SignupRules, AgeCountsWholeYearsOnTheDay) {
  EXPECT_EQ(age_on("1960-06-02", "2026-06-01"), 65);
  EXPECT_EQ(age_on("1960-06-02", "2026-06-02"), 66);
  EXPECT_EQ(age_on("2000-02-29", "2026-02-28"), 25);
  EXPECT_EQ(age_on("2000-02-29", "2026-03-01"), 26);
}

TEST(SignupRules, BirthDateWithinTheLimits) {
  AgeLimits elders{60, std::nullopt};
  EXPECT_TRUE(birth_date_refusal(std::nullopt, elders, "2026-06-02").has_value());
  EXPECT_TRUE(birth_date_refusal("1966-06-03", elders, "2026-06-02").has_value());   // 59
  EXPECT_FALSE(birth_date_refusal("1966-06-02", elders, "2026-06-02").has_value());  // 60
  AgeLimits kids{6, 12};
  EXPECT_TRUE(birth_date_refusal("2013-06-01", kids, "2026-06-02").has_value());   // 13
  EXPECT_FALSE(birth_date_refusal("2014-06-03", kids, "2026-06-02").has_value());  // 11
  EXPECT_TRUE(birth_date_refusal("2014-13-03", kids, "2026-06-02").has_value());
  EXPECT_FALSE(birth_date_refusal(std::nullopt, AgeLimits{}, "2026-06-02").has_value());
  EXPECT_TRUE(birth_date_refusal("2027-01-01", AgeLimits{}, "2026-06-02").has_value());
}

TEST(SignupRules, NamePhoneAndCode) {
  std::string why;
  EXPECT_EQ(signup_name("  王阿姨 ", &why), "王阿姨");
  EXPECT_FALSE(signup_name("   ", &why).has_value());
  EXPECT_FALSE(signup_name("王\n阿姨", &why).has_value());
  EXPECT_FALSE(signup_name(std::string(41, 'a'), &why).has_value());
  EXPECT_TRUE(signup_name(std::string(40, 'a'), &why).has_value());
  EXPECT_TRUE(is_signup_phone("13812345678"));
  EXPECT_FALSE(is_signup_phone("12812345678"));
  EXPECT_FALSE(is_signup_phone("0358-8221234"));
  EXPECT_FALSE(is_signup_phone("1381234567"));
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(is_door_code(new_door_code()));
  EXPECT_FALSE(is_door_code("12345a"));
  EXPECT_EQ(first_chars("王阿姨你好", 3), "王阿姨");
}

// --- the service on both engines ------------------------------------------

class SignupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    const std::string where = scratch_.where("signups.db");
    auto db = open_activities_test_db(where);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    const std::string start = std::to_string(kStart);
    const std::string end = std::to_string(kStart + 3600);
    Status s = db_->write([&](store::Connection& c) -> Status {
      return c.exec(
          "INSERT INTO organisations (id, kind, name, created_at) VALUES "
          "(1, 'community', '凤山社区', 0), (2, 'community', '龙山社区', 0);"
          "INSERT INTO users (id, username, display_name, role, password_hash, phone, "
          "created_at, updated_at) VALUES "
          "(1, 'admin', '管理员', 'admin', 'x', NULL, 0, 0),"
          "(2, 'fengshan', '凤山社工', 'department', 'x', NULL, 0, 0),"
          "(3, 'longshan', '龙山社工', 'department', 'x', NULL, 0, 0),"
          "(10, 'r10', '张大爷', 'resident', 'x', '13900000010', 0, 0),"
          "(11, 'r11', '李阿姨', 'resident', 'x', '13900000011', 0, 0),"
          "(12, 'r12', '王奶奶', 'resident', 'x', '13900000012', 0, 0),"
          "(13, 'r13', '赵叔', 'resident', 'x', '13900000013', 0, 0),"
          "(14, 'r14', '没手机', 'resident', 'x', NULL, 0, 0);"
          "INSERT INTO memberships (user_id, organisation_id) VALUES (2, 1), (3, 2);"
          "INSERT INTO activities (id, title, organiser_org_id, address, capacity, age_min, "
          "offer_window_minutes, first_date, start_minute, duration_minutes, created_by, "
          "created_at, updated_at) VALUES "
          "(1, '太极拳', 1, '凤山广场', 2, NULL, 60, '2026-05-30', 266, 60, 1, 0, 0),"
          "(2, '老年合唱', 1, '凤山广场', 10, 60, 60, '2026-05-30', 266, 60, 1, 0, 0),"
          "(3, '广场舞', 1, '凤山广场', 20, NULL, 60, '2026-05-30', 266, 60, 1, 0, 0);"
          "INSERT INTO activity_occurrences (id, activity_id, seq, local_date, starts_at, ends_at, "
          "capacity, updated_at) VALUES "
          "(1, 1, 1, '2026-05-30', " +
          start + ", " + end +
          ", 2, 0),"
          "(2, 2, 1, '2026-05-30', " +
          start + ", " + end +
          ", 10, 0),"
          "(3, 3, 1, '2026-05-30', " +
          start + ", " + end + ", 20, 0)");
    });
    ASSERT_TRUE(s.ok()) << s.message();
    service_ = std::make_unique<SignupService>(*db_, [this] { return now_.load(); });
  }

  static Caller resident(int64_t id) { return Caller{id, "resident", {}, "127.0.0.1"}; }
  static Caller admin() { return Caller{1, "admin", {}, "127.0.0.1"}; }
  static Caller organiser() { return Caller{2, "department", {1}, "127.0.0.1"}; }
  static Caller other_staff() { return Caller{3, "department", {2}, "127.0.0.1"}; }

  template <class Start>
  static Result<SignupRecord> wait(Start start) {
    auto p = std::make_shared<std::promise<Result<SignupRecord>>>();
    std::future<Result<SignupRecord>> f = p->get_future();
    start([p](Result<SignupRecord> r) { p->set_value(std::move(r)); });
    return f.get();
  }

  Result<SignupRecord> join(int64_t occ, const Caller& by, SignupRequest in = {}) {
    return wait([&](SignupDone d) { service_->sign_up(occ, in, by, std::move(d)); });
  }
  Result<SignupRecord> staff_join(int64_t occ, const std::string& phone,
                                  const Caller& by = organiser()) {
    return join(occ, by, SignupRequest{"王阿姨", phone, std::nullopt});
  }
  Result<SignupRecord> cancel(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->cancel(id, by, std::move(d)); });
  }
  Result<SignupRecord> accept(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->accept(id, by, std::move(d)); });
  }
  Result<SignupRecord> decline(int64_t id, const Caller& by) {
    return wait([&](SignupDone d) { service_->decline(id, by, std::move(d)); });
  }
  Result<SignupRecord> check_in(int64_t occ, const std::string& code, const Caller& by) {
    return wait([&](SignupDone d) { service_->check_in(occ, code, by, std::move(d)); });
  }
  Result<SignupRecord> attendance(int64_t id, const std::string& a, const Caller& by) {
    return wait([&](SignupDone d) { service_->set_attendance(id, a, by, std::move(d)); });
  }
  std::vector<Offer> sweep(int64_t at) {
    auto p = std::make_shared<std::promise<Result<std::vector<Offer>>>>();
    auto f = p->get_future();
    service_->sweep(at, [p](Result<std::vector<Offer>> r) { p->set_value(std::move(r)); });
    Result<std::vector<Offer>> r = f.get();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(*r) : std::vector<Offer>{};
  }
  Result<DoorList> door(int64_t occ, const Caller& by) {
    auto p = std::make_shared<std::promise<Result<DoorList>>>();
    auto f = p->get_future();
    service_->door_list(occ, by, [p](Result<DoorList> r) { p->set_value(std::move(r)); });
    return f.get();
  }

  SignupRecord now_of(int64_t id) {
    Result<std::optional<SignupRecord>> r = get_signup(db_->reader(), id);
    EXPECT_TRUE(r.ok() && *r);
    return r.ok() && *r ? **r : SignupRecord{};
  }
  int64_t count(const std::string& sql) {
    auto q = db_->reader().prepare(sql);
    EXPECT_TRUE(q.ok()) << q.status().message();
    Result<bool> row = q->step();
    EXPECT_TRUE(row.ok() && *row);
    return q->column_int64(0);
  }
  std::vector<std::string> events_of(int64_t id) {
    auto q = db_->reader().prepare(
        "SELECT kind FROM activity_signup_events WHERE signup_id = ? ORDER BY id");
    EXPECT_TRUE(q.ok());
    q->bind(1, id);
    auto r = store::collect<std::string>(*q, [](store::Statement& s) { return s.column_text(0); });
    return r.ok() ? *r : std::vector<std::string>{};
  }
  int64_t taken(int64_t occ) {
    return count("SELECT taken FROM activity_occurrences WHERE id = " + std::to_string(occ));
  }

  ScratchWhere scratch_;
  std::unique_ptr<store::Database> db_;
  std::atomic<int64_t> now_{kNow};
  std::unique_ptr<SignupService> service_;
};

#define ASSERT_OK_RESULT(r) ASSERT_TRUE((r).ok()) << (r).status().message()

TEST_F(SignupTest, TheLineKeepsItsOrder) {
  auto a = join(1, resident(10));
  auto b = join(1, resident(11));
  auto c = join(1, resident(12));
  auto d = join(1, resident(13));
  ASSERT_OK_RESULT(a);
  ASSERT_OK_RESULT(b);
  ASSERT_OK_RESULT(c);
  ASSERT_OK_RESULT(d);
  EXPECT_EQ(a->status, "confirmed");
  EXPECT_EQ(b->status, "confirmed");
  EXPECT_EQ(c->status, "waiting");
  EXPECT_EQ(c->position, 1);
  EXPECT_EQ(d->status, "waiting");
  EXPECT_EQ(d->position, 2);
  EXPECT_EQ(a->name, "张大爷");  // from the account
  EXPECT_EQ(a->phone, "13900000010");
  EXPECT_FALSE(a->by_staff());
  std::set<std::string> codes{a->code, b->code, c->code, d->code};
  EXPECT_EQ(codes.size(), 4u);
  for (const std::string& code : codes) EXPECT_TRUE(is_door_code(code));
  EXPECT_EQ(events_of(a->id), std::vector<std::string>{"joined"});
  EXPECT_EQ(events_of(c->id), std::vector<std::string>{"waitlisted"});
  EXPECT_EQ(taken(1), 2);
  Result<std::optional<SignupRecord>> mine = service_->my_signup(1, resident(13));
  ASSERT_TRUE(mine.ok() && *mine);
  EXPECT_EQ((*mine)->id, d->id);
  EXPECT_EQ((*mine)->position, 2);
  mine = service_->my_signup(1, resident(14));
  ASSERT_TRUE(mine.ok());
  EXPECT_FALSE(mine->has_value());
  EXPECT_EQ(service_->my_signup(999, resident(14)).status().code(), Code::kNotFound);
}

TEST_F(SignupTest, CancelOffersTheFirstInLineWhoAccepts) {
  auto a = join(1, resident(10));
  join(1, resident(11));
  auto c = join(1, resident(12));
  auto d = join(1, resident(13));
  ASSERT_OK_RESULT(d);
  auto cancelled = cancel(a->id, resident(10));
  ASSERT_OK_RESULT(cancelled);
  EXPECT_EQ(cancelled->status, "cancelled");
  SignupRecord offered = now_of(c->id);
  EXPECT_EQ(offered.status, "offered");
  ASSERT_TRUE(offered.offer_expires_at);
  EXPECT_EQ(*offered.offer_expires_at, kNow + 3600);
  EXPECT_EQ(now_of(d->id).position, 1);
  EXPECT_EQ(taken(1), 2);
  // Nobody else may accept it; its person may.
  EXPECT_EQ(accept(c->id, resident(13)).status().code(), Code::kNotFound);
  EXPECT_EQ(accept(c->id, organiser()).status().code(), Code::kNotFound);
  EXPECT_EQ(accept(d->id, resident(13)).status().code(), Code::kConflict);  // not offered
  auto ok = accept(c->id, resident(12));
  ASSERT_OK_RESULT(ok);
  EXPECT_EQ(ok->status, "confirmed");
  EXPECT_FALSE(ok->offer_expires_at.has_value());
  EXPECT_EQ(events_of(c->id), (std::vector<std::string>{"waitlisted", "offered", "accepted"}));
  EXPECT_EQ(events_of(a->id), (std::vector<std::string>{"joined", "cancelled"}));
  EXPECT_EQ(cancel(a->id, resident(10)).status().code(), Code::kConflict);  // not active
  EXPECT_EQ(taken(1), 2);
  // The person's cancellation is no staff act: no audit row.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_cancel'"), 0);
}

TEST_F(SignupTest, DeclinePassesThePlaceToTheNext) {
  auto a = join(1, resident(10));
  join(1, resident(11));
  auto c = join(1, resident(12));
  auto d = join(1, resident(13));
  ASSERT_OK_RESULT(cancel(a->id, resident(10)));
  EXPECT_EQ(decline(c->id, resident(13)).status().code(), Code::kNotFound);
  auto declined = decline(c->id, resident(12));
  ASSERT_OK_RESULT(declined);
  EXPECT_EQ(declined->status, "lapsed");
  EXPECT_EQ(now_of(d->id).status, "offered");
  EXPECT_EQ(taken(1), 2);
  EXPECT_EQ(decline(c->id, resident(12)).status().code(), Code::kConflict);
  // The decliner may sign up again, at the end of the line.
  auto again = join(1, resident(12));
  ASSERT_OK_RESULT(again);
  EXPECT_EQ(again->status, "waiting");
  EXPECT_EQ(again->position, 1);
}

TEST_F(SignupTest, AnOfferLapsesBySweepToTheNextAndAcceptingLateIsRefused) {
  auto a = join(1, resident(10));
  join(1, resident(11));
  auto c = join(1, resident(12));
  auto d = join(1, resident(13));
  ASSERT_OK_RESULT(cancel(a->id, resident(10)));
  EXPECT_TRUE(sweep(kNow + 3599).empty());
  now_ = kNow + 3600;
  Result<SignupRecord> late = accept(c->id, resident(12));
  EXPECT_EQ(late.status().code(), Code::kConflict);
  EXPECT_NE(late.status().message().find("offer_expired"), std::string::npos);
  std::vector<Offer> next = sweep(kNow + 3600);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].signup_id, d->id);
  EXPECT_EQ(now_of(c->id).status, "lapsed");
  EXPECT_EQ(now_of(d->id).status, "offered");
  ASSERT_OK_RESULT(accept(d->id, resident(13)));
  EXPECT_EQ(taken(1), 2);
}

// A caller staff signed up has no account to answer with: the organiser's
// staff and admins answer the offer for them, audited; others get 404.
TEST_F(SignupTest, StaffAnswerTheOfferOfACallerTheySignedUp) {
  auto a = join(1, resident(10));
  auto b = join(1, resident(11));
  auto c = staff_join(1, "13800000001");
  auto d = staff_join(1, "13800000002");
  ASSERT_OK_RESULT(d);
  ASSERT_OK_RESULT(cancel(a->id, resident(10)));
  ASSERT_EQ(now_of(c->id).status, "offered");
  Result<DoorList> list = door(1, organiser());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->offered.size(), 1u);
  ASSERT_TRUE(list->offered[0].offer_expires_at);
  EXPECT_EQ(*list->offered[0].offer_expires_at, kNow + 3600);
  EXPECT_EQ(accept(c->id, resident(12)).status().code(), Code::kNotFound);
  EXPECT_EQ(accept(c->id, other_staff()).status().code(), Code::kNotFound);
  EXPECT_EQ(decline(c->id, other_staff()).status().code(), Code::kNotFound);
  auto ok = accept(c->id, organiser());
  ASSERT_OK_RESULT(ok);
  EXPECT_EQ(ok->status, "confirmed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_signup.accept' AND "
                  "subject_id = '" +
                  std::to_string(c->id) + "' AND actor_user_id = 2"),
            1);
  ASSERT_OK_RESULT(cancel(b->id, resident(11)));
  ASSERT_EQ(now_of(d->id).status, "offered");
  auto no = decline(d->id, admin());
  ASSERT_OK_RESULT(no);
  EXPECT_EQ(no->status, "lapsed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity_signup.decline' AND "
                  "subject_id = '" +
                  std::to_string(d->id) + "' AND actor_user_id = 1"),
            1);
  EXPECT_EQ(taken(1), 1);
  // A resident's own offer stays theirs: staff may not answer it.
  auto e = join(1, resident(13));
  ASSERT_OK_RESULT(e);
  EXPECT_EQ(e->status, "confirmed");
  auto f = join(1, resident(12));
  ASSERT_OK_RESULT(cancel(e->id, resident(13)));
  ASSERT_EQ(now_of(f->id).status, "offered");
  EXPECT_EQ(accept(f->id, organiser()).status().code(), Code::kNotFound);
}

// A resident without a display name is listed at the door by the masked
// phone, never the full one.
TEST_F(SignupTest, ANamelessResidentIsListedByTheMaskedPhone) {
  Status s = db_->write([](store::Connection& conn) {
    return conn.exec("UPDATE users SET display_name = ' ' WHERE id = 13");
  });
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_OK_RESULT(join(1, resident(13)));
  Result<DoorList> list = door(1, organiser());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->confirmed.size(), 1u);
  EXPECT_EQ(list->confirmed[0].name, core::mask_phone("13900000013"));
  EXPECT_EQ(list->confirmed[0].name.find("13900000013"), std::string::npos);
}

// An offer outliving the start (the date was moved earlier after it was
// made) can no longer be accepted.
TEST_F(SignupTest, AcceptingAfterTheStartIsRefused) {
  auto a = join(1, resident(10));
  join(1, resident(11));
  auto c = join(1, resident(12));
  ASSERT_OK_RESULT(cancel(a->id, resident(10)));
  ASSERT_EQ(now_of(c->id).status, "offered");
  Status s = db_->write([](store::Connection& conn) {
    return conn.exec("UPDATE activity_occurrences SET starts_at = " + std::to_string(kNow + 600) +
                     " WHERE id = 1");
  });
  ASSERT_TRUE(s.ok()) << s.message();
  now_ = kNow + 601;
  Result<SignupRecord> late = accept(c->id, resident(12));
  EXPECT_EQ(late.status().code(), Code::kConflict);
  EXPECT_NE(late.status().message().find("occurrence_started"), std::string::npos);
}

TEST_F(SignupTest, RaisedCapacityIsOfferedToTheLine) {
  join(1, resident(10));
  join(1, resident(11));
  auto c = join(1, resident(12));
  auto d = join(1, resident(13));
  Status s = db_->write([](store::Connection& conn) -> Status {
    if (Status h = hold_occurrence(conn, 1); !h.ok()) return h;
    if (Status e = conn.exec("UPDATE activity_occurrences SET capacity = 3 WHERE id = 1"); !e.ok())
      return e;
    Result<std::vector<Offer>> made = offer_free_places(conn, 1, kNow);
    return made.ok() ? Status::Ok() : made.status();
  });
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(now_of(c->id).status, "offered");
  EXPECT_EQ(now_of(d->id).status, "waiting");
  EXPECT_EQ(now_of(d->id).position, 1);
  EXPECT_EQ(taken(1), 3);
}

TEST_F(SignupTest, NoShowOnlyAfterTheStartAndAlwaysClearable) {
  auto a = staff_join(1, "13800000001");
  ASSERT_OK_RESULT(a);
  EXPECT_TRUE(a->by_staff());
  Result<SignupRecord> early = attendance(a->id, "no_show", organiser());
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_EQ(attendance(a->id, "no_show", other_staff()).status().code(), Code::kPermissionDenied);
  now_ = kStart + 60;
  auto marked = attendance(a->id, "no_show", organiser());
  ASSERT_OK_RESULT(marked);
  EXPECT_EQ(marked->attendance, "no_show");
  auto cleared = attendance(a->id, "", organiser());
  ASSERT_OK_RESULT(cleared);
  EXPECT_EQ(cleared->attendance, "");
  auto came = attendance(a->id, "attended", admin());
  ASSERT_OK_RESULT(came);
  EXPECT_EQ(came->attendance, "attended");
  EXPECT_EQ(events_of(a->id),
            (std::vector<std::string>{"joined", "no_show", "cleared", "attended"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.attendance'"), 3);
  EXPECT_EQ(attendance(a->id, "late", organiser()).status().code(), Code::kUnprocessable);
  // A cancelled sign-up after the start: the line no longer moves.
  EXPECT_EQ(cancel(a->id, organiser()).status().code(), Code::kConflict);
}

TEST_F(SignupTest, CheckInByCodeWithinItsWindow) {
  auto a = staff_join(1, "13800000001");
  staff_join(1, "13800000002");
  auto c = staff_join(1, "13800000003");
  ASSERT_OK_RESULT(c);
  EXPECT_EQ(c->status, "waiting");
  Result<SignupRecord> early = check_in(1, a->code, organiser());
  EXPECT_EQ(early.status().code(), Code::kConflict);
  EXPECT_NE(early.status().message().find("check_in_closed"), std::string::npos);
  now_ = kStart - 3600;
  EXPECT_EQ(check_in(1, a->code, other_staff()).status().code(), Code::kPermissionDenied);
  auto in = check_in(1, a->code, organiser());
  ASSERT_OK_RESULT(in);
  EXPECT_EQ(in->id, a->id);
  EXPECT_EQ(in->attendance, "attended");
  ASSERT_OK_RESULT(check_in(1, a->code, organiser()));  // twice: still attended, one event
  EXPECT_EQ(events_of(a->id), (std::vector<std::string>{"joined", "attended"}));
  const std::set<std::string> used{a->code, now_of(a->id + 1).code, c->code};
  std::string unknown;
  for (const char* code : {"000000", "000001", "000002", "000003"}) {
    if (!used.count(code)) {
      unknown = code;
      break;
    }
  }
  Result<SignupRecord> none = check_in(1, unknown, organiser());
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_NE(none.status().message().find("unknown_code"), std::string::npos);
  EXPECT_EQ(check_in(1, c->code, organiser()).status().code(), Code::kConflict);  // waiting
  EXPECT_EQ(check_in(999, a->code, organiser()).status().code(), Code::kNotFound);
}

TEST_F(SignupTest, AgeLimitsAskForABirthDate) {
  Result<SignupRecord> none = join(2, resident(10));
  ASSERT_EQ(none.status().code(), Code::kUnprocessable);
  EXPECT_EQ(none.status().field_errors().at(0).field, "birth_date");
  Result<SignupRecord> young = join(2, resident(10), SignupRequest{{}, {}, "1970-01-01"});
  ASSERT_EQ(young.status().code(), Code::kUnprocessable);
  EXPECT_EQ(young.status().field_errors().at(0).field, "birth_date");
  auto old = join(2, resident(10), SignupRequest{{}, {}, "1950-01-01"});
  ASSERT_OK_RESULT(old);
  EXPECT_EQ(old->status, "confirmed");
  // Exactly 60 on the occurrence's date (2026-05-30).
  ASSERT_OK_RESULT(join(2, resident(11), SignupRequest{{}, {}, "1966-05-30"}));
  EXPECT_EQ(join(2, resident(12), SignupRequest{{}, {}, "1966-05-31"}).status().code(),
            Code::kUnprocessable);
  // birth_date is never stored.
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups WHERE occurrence_id = 2"), 2);
}

TEST_F(SignupTest, OneActiveSignUpPerPhone) {
  auto a = join(1, resident(10));
  ASSERT_OK_RESULT(a);
  Result<SignupRecord> twice = staff_join(1, "13900000010");
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_NE(twice.status().message().find("already_signed_up"), std::string::npos);
  EXPECT_EQ(join(1, resident(10)).status().code(), Code::kConflict);
  ASSERT_OK_RESULT(cancel(a->id, organiser()));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_cancel'"), 1);
  auto again = staff_join(1, "13900000010");
  ASSERT_OK_RESULT(again);
  EXPECT_EQ(again->status, "confirmed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_by_staff'"), 1);
}

TEST_F(SignupTest, WhoMaySignUpAndWhen) {
  Result<SignupRecord> nophone = join(1, resident(14));
  ASSERT_EQ(nophone.status().code(), Code::kUnprocessable);
  EXPECT_EQ(nophone.status().field_errors().at(0).field, "phone");
  EXPECT_EQ(staff_join(1, "13800000001", other_staff()).status().code(), Code::kPermissionDenied);
  ASSERT_OK_RESULT(staff_join(1, "13800000001", admin()));
  Result<SignupRecord> bad = join(1, organiser(), SignupRequest{"", "12345", std::nullopt});
  ASSERT_EQ(bad.status().code(), Code::kUnprocessable);
  EXPECT_EQ(bad.status().field_errors().size(), 2u);
  EXPECT_EQ(
      join(1, resident(10), SignupRequest{"别人", std::nullopt, std::nullopt}).status().code(),
      Code::kUnprocessable);
  EXPECT_EQ(join(999, resident(10)).status().code(), Code::kNotFound);
  EXPECT_EQ(join(1, Caller{}).status().code(), Code::kUnauthenticated);
  Status s = db_->write([](store::Connection& c) {
    return c.exec("UPDATE activity_occurrences SET status = 'cancelled' WHERE id = 3");
  });
  ASSERT_TRUE(s.ok());
  Result<SignupRecord> off = join(3, resident(10));
  EXPECT_EQ(off.status().code(), Code::kConflict);
  EXPECT_NE(off.status().message().find("occurrence_cancelled"), std::string::npos);
  now_ = kStart;
  Result<SignupRecord> started = join(1, resident(10));
  EXPECT_EQ(started.status().code(), Code::kConflict);
  EXPECT_NE(started.status().message().find("occurrence_started"), std::string::npos);
}

TEST_F(SignupTest, OthersNeitherSeeNorCancel) {
  auto a = join(1, resident(10));
  ASSERT_OK_RESULT(a);
  EXPECT_EQ(cancel(a->id, resident(11)).status().code(), Code::kNotFound);
  EXPECT_EQ(cancel(a->id, other_staff()).status().code(), Code::kNotFound);
  EXPECT_EQ(cancel(424242, resident(10)).status().code(), Code::kNotFound);
  Result<std::vector<MySignup>> theirs = service_->mine(resident(11), true);
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->empty());
  Result<std::vector<MySignup>> mine = service_->mine(resident(10), true);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].occurrence.title, "太极拳");
  EXPECT_FALSE((*mine)[0].venue_name.has_value());  // at an address, no venue
  EXPECT_EQ((*mine)[0].address, "凤山广场");
  EXPECT_TRUE(service_->mine(resident(10), false)->empty());
}

TEST_F(SignupTest, TheDoorListIsForTheOrganiserAndAuditedFirst) {
  join(1, resident(10));
  staff_join(1, "13800000001");
  auto c = join(1, resident(12));
  ASSERT_OK_RESULT(c);
  EXPECT_EQ(door(1, other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(door(999, organiser()).status().code(), Code::kNotFound);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read'"), 0);
  Result<DoorList> list = door(1, organiser());
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read' AND "
            "subject_type = 'activity_occurrence' AND subject_id = '1' AND actor_user_id = 2"),
      1);
  EXPECT_EQ(list->confirmed.size(), 2u);
  ASSERT_EQ(list->waiting.size(), 1u);
  EXPECT_EQ(list->waiting[0].position, 1);
  EXPECT_EQ(list->cancelled, 0);
}

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

#ifdef WARMCITY_ACTIVITIES_TEST_POSTGRES
// Two instances on one PostgreSQL database (two Database objects, each with
// its own writer) racing sign-ups and cancellations on one occurrence of 2
// places: never more places held than it has, the count agrees, and nobody is
// left waiting beside a free place.
TEST_F(SignupTest, TwoInstancesRacingOnOneOccurrenceNeverOverbook) {
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
#endif

}  // namespace
}  // namespace warmcity::activities
