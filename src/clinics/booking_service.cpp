// Booking a free clinic's slot (booking_service.h).
#include "clinics/booking_service.h"

#include <utility>
#include <vector>

#include "accounts/audit.h"
#include "activities/organiser_access.h"
#include "activities/signup_store.h"
#include "clinics/clinic_store.h"
#include "core/time.h"

namespace warmcity::clinics {

using accounts::Caller;
using activities::SignupRecord;

namespace {

Status booking_slot_not_found(int64_t id) {
  return Status::NotFound("no clinic slot " + std::to_string(id));
}

// NotFound unless the occurrence is a clinic's slot.
Status booking_require_slot(store::Connection& c, int64_t occurrence_id) {
  Result<std::optional<int64_t>> session = clinic_of_occurrence(c, occurrence_id);
  if (!session.ok()) return session.status();
  if (!*session) return booking_slot_not_found(occurrence_id);
  return Status::Ok();
}

}  // namespace

BookingService::BookingService(store::Database& db, std::function<int64_t()> now)
    : db_(db), now_(now), signups_(db, std::move(now)) {}

int64_t BookingService::now() const { return now_ ? now_() : core::now_unix(); }

void BookingService::book(int64_t occurrence_id, BookingRequest in, Caller by, BookingDone done) {
  if (!by.signed_in()) return done(Status::Unauthenticated("sign in first"));
  if (Status s = booking_require_slot(db_.reader(), occurrence_id); !s.ok()) return done(s);
  std::optional<std::string> note = in.health_note;
  // In the sign-up's own job: the slot is still a clinic's, and the note
  // with its consent (recorded by the caller: the person or the staff
  // member who took the call).
  activities::SignupHook with_note = [note, recorder = by.user_id](store::Connection& c,
                                                                   const SignupRecord& r,
                                                                   int64_t at) -> Status {
    if (Status s = booking_require_slot(c, r.occurrence_id); !s.ok()) return s;
    if (!note) return Status::Ok();
    HealthNote n;
    n.signup_id = r.id;
    n.note = *note;
    n.consent_at = at;
    n.consent_recorded_by = recorder;
    return insert_health_note(c, n);
  };
  signups_.sign_up(
      occurrence_id, std::move(in.signup), std::move(by),
      [note, done = std::move(done)](Result<SignupRecord> r) {
        if (!r.ok()) return done(r.status());
        done(Booking{std::move(*r), note});
      },
      std::move(with_note));
}

Result<Booking> BookingService::my_booking(int64_t occurrence_id, const Caller& by) {
  if (!by.signed_in()) return Status::Unauthenticated("sign in first");
  store::Connection& c = db_.reader();
  if (Status s = booking_require_slot(c, occurrence_id); !s.ok()) return s;
  Result<std::optional<SignupRecord>> r =
      activities::latest_signup_of(c, occurrence_id, by.user_id);
  if (!r.ok()) return r.status();
  Booking b;
  if (!*r) return b;
  b.signup = std::move(**r);
  Result<std::optional<HealthNote>> n = health_note_of(c, b.signup->id);
  if (!n.ok()) return n.status();
  if (*n) b.health_note = std::move((*n)->note);
  return b;
}

void BookingService::door_list(int64_t occurrence_id, const Caller& by,
                               std::function<void(Result<ClinicDoorList>)> done) {
  store::Connection& c = db_.reader();
  if (Status s = booking_require_slot(c, occurrence_id); !s.ok()) return done(s);
  Result<std::optional<activities::OccurrenceFacts>> f =
      activities::get_occurrence_facts(c, occurrence_id);
  if (!f.ok()) return done(f.status());
  if (!*f) return done(booking_slot_not_found(occurrence_id));
  if (Status s = activities::require_organiser(c, by, (*f)->organiser_org_id); !s.ok())
    return done(s);
  Result<std::vector<SignupRecord>> rows = activities::signups_of(c, occurrence_id);
  if (!rows.ok()) return done(rows.status());
  auto out = std::make_shared<ClinicDoorList>();
  std::vector<int64_t> shown;
  out->list = activities::door_list_of(std::move(*rows), shown);
  // The notes are for the clinic's own staff: an admin never reads them.
  std::vector<std::string> fields = {"name", "phone"};
  if (!by.is_admin()) {
    Result<std::map<int64_t, std::string>> notes = health_notes_on(c, occurrence_id);
    if (!notes.ok()) return done(notes.status());
    std::map<int64_t, std::string> kept;
    for (int64_t id : shown)
      if (auto it = notes->find(id); it != notes->end()) kept.emplace(id, std::move(it->second));
    if (!kept.empty()) fields.push_back("health_note");
    out->notes = std::move(kept);
  }
  // What was read, of whom: audited before the answer.
  accounts::AuditEntry e = accounts::audit_entry(by, "personal_data.read", "activity_occurrence",
                                                 std::to_string(occurrence_id),
                                                 accounts::AuditDetail()
                                                     .add_strings("fields", fields)
                                                     .add("view", "masked")
                                                     .add("purpose", "clinic_door_list")
                                                     .add_ints("signup_ids", shown)
                                                     .str());
  db_.submit([e = std::move(e),
              at = now()](store::Connection& w) { return accounts::append_audit(w, e, at); },
             [out, done = std::move(done)](const Status& s) {
               if (!s.ok()) return done(s);
               done(std::move(*out));
             });
}

}  // namespace warmcity::clinics
