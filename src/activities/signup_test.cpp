// Sign-ups, the waitlist and the door (signup_service.h), on SQLite and on
// PostgreSQL: the line in order, a cancellation offering the first in line,
// accept, decline and lapse passing the place on, a raised capacity offered
// at once, no-shows only after the start and never permanent, check-in by
// code, age limits, one active sign-up per phone, who may do what (the races:
// signup_race_test.cpp).
#include "activities/signup_service.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "activities/signup.h"
#include "activities/signup_test_world.h"
#include "core/phone.h"

namespace warmcity::activities {
namespace {

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
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_accept' AND "
                  "subject_id = '" +
                  std::to_string(c->id) + "' AND actor_user_id = 2"),
            1);
  ASSERT_OK_RESULT(cancel(b->id, resident(11)));
  ASSERT_EQ(now_of(d->id).status, "offered");
  auto no = decline(d->id, admin());
  ASSERT_OK_RESULT(no);
  EXPECT_EQ(no->status, "lapsed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_decline' AND "
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

}  // namespace
}  // namespace warmcity::activities
