// Booking a free clinic's slot (booking_service.h), on SQLite and on
// PostgreSQL: the note and its consent written in the booking's own job (a
// failing booking leaves no note, a failing note leaves no booking), a note
// without consent refused, a slot that is no clinic's 404, who reads the
// notes (the clinic's staff yes, an admin never, other staff 403, a
// resident only their own through my-booking), every door list audited;
// a deleted account's notes deleted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clinics/clinic_store.h"
#include "clinics/clinics_test_world.h"

namespace warmcity::clinics {
namespace {

using activities::SignupRecord;
class BookingTest : public ClinicWorld {
 protected:
  // forget_health_notes in a write job, as the account deletion runs it;
  // how many notes went (-1 on a failure).
  int64_t forget(int64_t user_id, const std::optional<std::string>& phone) {
    int64_t n = -1;
    Status s = db_->write([&](store::Connection& c) -> Status {
      Result<int64_t> r = forget_health_notes(c, user_id, phone);
      if (!r.ok()) return r.status();
      n = *r;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message();
    return n;
  }
};

TEST_F(BookingTest, AResidentBooksWithANoteAndItsConsentInOneJob) {
  const std::vector<int64_t> slots = made();
  Result<Booking> b = book(slots[0], resident(), noted("高血压十年，想问降压药"));
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_TRUE(b->signup);
  EXPECT_EQ(b->signup->status, "confirmed");
  EXPECT_EQ(b->signup->phone, "13900000010");
  EXPECT_EQ(*b->health_note, "高血压十年，想问降压药");
  Result<std::optional<HealthNote>> n = health_note_of(db_->reader(), b->signup->id);
  ASSERT_TRUE(n.ok() && *n);
  EXPECT_EQ((*n)->note, "高血压十年，想问降压药");
  EXPECT_EQ((*n)->consent_at, kClinicNow);
  EXPECT_EQ((*n)->consent_recorded_by, 10);
  EXPECT_EQ((*n)->consent_version, "clinic-health-note-v1");
  // Without a note: a booking and no note row.
  Result<Booking> plain = book(slots[0], resident(11));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_FALSE(plain->health_note);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_health_notes"), 1);
  EXPECT_EQ(count("SELECT taken FROM activity_occurrences WHERE id = " + std::to_string(slots[0])),
            2);
}

TEST_F(BookingTest, StaffBookACallerAndRecordTheConsentGivenOnThePhone) {
  const std::vector<int64_t> slots = made();
  Result<Booking> b = book(slots[1], clinic_staff(), caller("13912345678", "糖尿病，想查眼底"));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_TRUE(b->signup->by_staff());
  Result<std::optional<HealthNote>> n = health_note_of(db_->reader(), b->signup->id);
  ASSERT_TRUE(n.ok() && *n);
  EXPECT_EQ((*n)->consent_recorded_by, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'activity.signup_by_staff'"), 1);
  Result<Booking> admin_booked = book(slots[1], admin(), caller("13912345679"));
  ASSERT_TRUE(admin_booked.ok()) << admin_booked.status().message();
  EXPECT_EQ(book(slots[1], other_staff(), caller("13912345670", "x")).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_health_notes"), 1);
}

TEST_F(BookingTest, AFullSlotPutsThePersonInLineWithTheirNote) {
  const std::vector<int64_t> slots = made(session(1, 9 * 60, 1));
  ASSERT_TRUE(book(slots[0], resident(11)).ok());
  Result<Booking> b = book(slots[0], resident(), noted("腰疼"));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->signup->status, "waiting");
  EXPECT_EQ(b->signup->position, 1);
  EXPECT_EQ(text("SELECT note FROM clinic_health_notes WHERE signup_id = " +
                 std::to_string(b->signup->id)),
            "腰疼");
  Result<ClinicSession> s = clinics_->get(session_id_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->slots[0].taken, 1);
  EXPECT_EQ(s->slots[0].waiting, 1);
}

TEST_F(BookingTest, AFailingBookingLeavesNoNote) {
  const std::vector<int64_t> slots = made();
  ASSERT_TRUE(book(slots[0], resident(), noted("第一次")).ok());
  Result<Booking> twice = book(slots[0], resident(), noted("第二次"));
  EXPECT_EQ(twice.status().code(), Code::kConflict);
  EXPECT_EQ(twice.status().message().rfind("already_signed_up", 0), 0u);
  // No phone on the account: 422 phone, nothing written.
  Result<Booking> no_phone = book(slots[1], resident(14), noted("头晕"));
  EXPECT_EQ(no_phone.status().code(), Code::kUnprocessable);
  // A slot that has begun.
  now_ = activities::occurrence_start(clinic_day("2026-06-01"), 9 * 60) + 60;
  Result<Booking> started = book(slots[0], resident(11), noted("迟到"));
  EXPECT_EQ(started.status().message().rfind("occurrence_started", 0), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_health_notes"), 1);
  EXPECT_EQ(text("SELECT note FROM clinic_health_notes"), "第一次");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups"), 1);
}

TEST_F(BookingTest, ACancelledSlotIsNotBooked) {
  const std::vector<int64_t> slots = made();
  std::promise<Status> p;
  activities_->cancel_occurrence(slots[2], "医生不足", clinic_staff(),
                                 [&p](Status s, activities::ActivityWritten) { p.set_value(s); });
  ASSERT_TRUE(p.get_future().get().ok());
  Result<Booking> b = book(slots[2], resident(), noted("x"));
  EXPECT_EQ(b.status().message().rfind("occurrence_cancelled", 0), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_health_notes"), 0);
}

TEST_F(BookingTest, AFailingNoteLeavesNoBooking) {
  // The sign-up's hook refuses: the sign-up, its event and its place go too.
  const std::vector<int64_t> slots = made();
  std::promise<Result<SignupRecord>> p;
  signups_->sign_up(
      slots[0], {}, resident(), [&p](Result<SignupRecord> r) { p.set_value(std::move(r)); },
      [](store::Connection& c, const SignupRecord& r, int64_t at) -> Status {
        HealthNote n;
        n.signup_id = r.id;
        n.note = std::string(501, 'x');  // the table's CHECK refuses it
        n.consent_at = at;
        n.consent_recorded_by = 10;
        return insert_health_note(c, n);
      });
  EXPECT_FALSE(p.get_future().get().ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signup_events"), 0);
  EXPECT_EQ(count("SELECT taken FROM activity_occurrences WHERE id = " + std::to_string(slots[0])),
            0);
}

TEST_F(BookingTest, ANoteWithoutConsentIsRefusedBeforeAnythingIsWritten) {
  made();
  Result<BookingRequest> in =
      read_booking(nlohmann::json{{"health_note", "高血压"}, {"consent", false}});
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().field_errors().front().field, "consent");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups"), 0);
}

TEST_F(BookingTest, ASlotThatIsNoClinicsIsNotFound) {
  made();
  activities::ActivityFields plain = session().activity;
  plain.title = "太极拳";
  plain.start_minute = 15 * 60;
  std::promise<std::pair<Status, activities::ActivityWritten>> p;
  activities_->create(plain, clinic_staff(), [&p](Status s, activities::ActivityWritten w) {
    p.set_value({s, std::move(w)});
  });
  auto [status, written] = p.get_future().get();
  ASSERT_TRUE(status.ok()) << status.message();
  const int64_t taichi = written.occurrences.front().id;
  EXPECT_EQ(book(taichi, resident(), noted("x")).status().code(), Code::kNotFound);
  EXPECT_EQ(book(999, resident()).status().code(), Code::kNotFound);
  EXPECT_EQ(bookings_->my_booking(taichi, resident()).status().code(), Code::kNotFound);
  EXPECT_EQ(door(taichi, clinic_staff()).status().code(), Code::kNotFound);
  EXPECT_EQ(book(taichi, Caller{}).status().code(), Code::kUnauthenticated);
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups"), 0);
}

TEST_F(BookingTest, TheClinicsStaffReadTheNotesAndAnAdminNever) {
  const std::vector<int64_t> slots = made(session(1, 9 * 60, 1));
  Result<Booking> first = book(slots[0], resident(), noted("高血压十年"));
  ASSERT_TRUE(first.ok());
  Result<Booking> second = book(slots[0], clinic_staff(), caller("13912345678"));
  ASSERT_TRUE(second.ok());
  Result<ClinicDoorList> staff = door(slots[0], clinic_staff());
  ASSERT_TRUE(staff.ok()) << staff.status().message();
  ASSERT_EQ(staff->list.confirmed.size(), 1u);
  ASSERT_EQ(staff->list.waiting.size(), 1u);
  ASSERT_TRUE(staff->notes);
  EXPECT_EQ(staff->notes->size(), 1u);
  EXPECT_EQ(staff->notes->at(first->signup->id), "高血压十年");
  Result<ClinicDoorList> by_admin = door(slots[0], admin());
  ASSERT_TRUE(by_admin.ok()) << by_admin.status().message();
  EXPECT_EQ(by_admin->list.confirmed.size(), 1u);
  EXPECT_FALSE(by_admin->notes);
  EXPECT_EQ(door(slots[0], other_staff()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(door(slots[0], resident()).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(door(slots[0], Caller{}).status().code(), Code::kUnauthenticated);
  // Each read audited with the fields read: the notes only when shown.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'personal_data.read'"), 2);
  const std::string by_staff = text(
      "SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = 2");
  EXPECT_NE(by_staff.find("health_note"), std::string::npos) << by_staff;
  EXPECT_NE(by_staff.find("clinic_door_list"), std::string::npos) << by_staff;
  const std::string by_admin_detail = text(
      "SELECT detail FROM audit_log WHERE action = 'personal_data.read' AND actor_user_id = 1");
  EXPECT_EQ(by_admin_detail.find("health_note"), std::string::npos) << by_admin_detail;
  EXPECT_NE(by_admin_detail.find("\"name\""), std::string::npos) << by_admin_detail;
}

TEST_F(BookingTest, AResidentReadsOnlyTheirOwnBooking) {
  const std::vector<int64_t> slots = made();
  Result<Booking> mine = book(slots[0], resident(), noted("想问降压药"));
  ASSERT_TRUE(mine.ok());
  Result<Booking> read = bookings_->my_booking(slots[0], resident());
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_TRUE(read->signup);
  EXPECT_EQ(read->signup->id, mine->signup->id);
  EXPECT_EQ(*read->health_note, "想问降压药");
  Result<Booking> other = bookings_->my_booking(slots[0], resident(11));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->signup);
  EXPECT_FALSE(other->health_note);
  Result<Booking> elsewhere = bookings_->my_booking(slots[1], resident());
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_FALSE(elsewhere->signup);
  EXPECT_EQ(bookings_->my_booking(slots[0], Caller{}).status().code(), Code::kUnauthenticated);
  // A staff member's own booking lookup shows nothing of the resident's.
  Result<Booking> staff = bookings_->my_booking(slots[0], clinic_staff());
  ASSERT_TRUE(staff.ok());
  EXPECT_FALSE(staff->signup);
}

TEST_F(BookingTest, ADeletedAccountTakesItsHealthNotesAndLeavesTheBookings) {
  const std::vector<int64_t> slots = made();
  // Hers: booked with her account, and by staff for her phone on the line.
  ASSERT_TRUE(book(slots[0], resident(), noted("高血压十年")).ok());
  ASSERT_TRUE(book(slots[1], clinic_staff(), caller("13900000010", "腰疼")).ok());
  // Another person's note stays.
  ASSERT_TRUE(book(slots[0], resident(11), noted("眼睛花")).ok());
  EXPECT_EQ(forget(10, std::string("13900000010")), 2);
  EXPECT_EQ(text("SELECT note FROM clinic_health_notes"), "眼睛花");
  EXPECT_EQ(count("SELECT COUNT(*) FROM activity_signups"), 3);
  // Without a phone only the account's own.
  ASSERT_TRUE(book(slots[2], resident(11), noted("咳嗽")).ok());
  EXPECT_EQ(forget(11, std::nullopt), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM clinic_health_notes"), 0);
}

}  // namespace
}  // namespace warmcity::clinics
