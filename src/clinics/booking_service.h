// BookingService: booking a free clinic's slot with an optional health note
// (docs/clinics.md "Booking a slot"): the booking, the caller's own booking,
// the door list with the notes. HTTP-free.
//
// A booking is the activities' sign-up (activities/signup_service.h): the
// same places, line, refusals and who-may; the health note and its consent
// are written by a SignupHook inside the sign-up's own write job, so neither
// is kept without the other. A slot that is no clinic's is kNotFound.
//
// Who reads a note: its own person (my_booking) and the clinic's staff (the
// organiser staff of the session's organiser) in the door list, never an
// admin (their door list says the notes are hidden). Every door list read is
// audited (personal_data.read, the fields read) before it is answered.
// Lifetime: REQUIRES db to outlive the service. `done` runs once, on the
// writer's answerer thread (or at once on the caller's thread).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "accounts/caller.h"
#include "activities/signup_service.h"
#include "clinics/clinic.h"
#include "store/database.h"

namespace warmcity::clinics {

// A booking as answered: the sign-up (nullopt: none) and its note.
struct Booking {
  std::optional<activities::SignupRecord> signup;
  std::optional<std::string> health_note;
};
using BookingDone = std::function<void(Result<Booking>)>;

// The slot's door list and, for the clinic's staff, the notes by sign-up id
// (nullopt: hidden from the caller, an admin).
struct ClinicDoorList {
  activities::DoorList list;
  std::optional<std::map<int64_t, std::string>> notes;
};

class BookingService {
 public:
  // `now` (unix seconds) defaults to core::now_unix(); the sign-ups are
  // made by a SignupService on the same database and clock.
  explicit BookingService(store::Database& db, std::function<int64_t()> now = nullptr);

  int64_t now() const;

  void book(int64_t occurrence_id, BookingRequest in, accounts::Caller by, BookingDone done);
  // The caller's latest sign-up on the slot and its note, both possibly none.
  Result<Booking> my_booking(int64_t occurrence_id, const accounts::Caller& by);
  void door_list(int64_t occurrence_id, const accounts::Caller& by,
                 std::function<void(Result<ClinicDoorList>)> done);

 private:
  store::Database& db_;
  std::function<int64_t()> now_;
  activities::SignupService signups_;
};

}  // namespace warmcity::clinics
