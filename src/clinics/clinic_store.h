// The free clinics' rows (clinic_migrations.cpp), read and written in the
// caller's connection (reads on a reader, writes inside the caller's write
// job). The activity and its occurrences (the slots) are read through the
// activities' own store (activities/activity_store.h). SQL both engines run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "activities/activity_store.h"
#include "clinics/clinic.h"
#include "core/status.h"
#include "store/connection.h"

namespace warmcity::clinics {

// A clinic_sessions row.
struct ClinicRow {
  int64_t activity_id = 0;
  std::string filing_number;
  int64_t slot_minutes = 0;
  int64_t places_per_slot = 0;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A session as its view shows it: the activity, the clinic's row, the
// doctors in their order and every slot in time order.
struct ClinicSession {
  activities::ActivityRecord activity;
  ClinicRow clinic;
  std::vector<Doctor> doctors;
  std::vector<activities::OccurrenceRecord> slots;
};

// A clinic_health_notes row: the note and the consent it was given with.
struct HealthNote {
  int64_t signup_id = 0;
  std::string note;
  int64_t consent_at = 0;
  int64_t consent_recorded_by = 0;
  std::string consent_version = kConsentVersion;
};

Status insert_clinic(store::Connection& c, const ClinicRow& row);
// Sets the filing number (when given) and updated_at.
Status update_clinic(store::Connection& c, int64_t activity_id,
                     const std::optional<std::string>& filing_number, int64_t now);
// Replaces the session's doctors by `doctors` (seq 1…n in that order).
Status replace_doctors(store::Connection& c, int64_t activity_id,
                       const std::vector<Doctor>& doctors);

// nullopt when the activity is no clinic session.
Result<std::optional<ClinicRow>> load_clinic(store::Connection& c, int64_t activity_id);
Result<std::vector<Doctor>> doctors_of(store::Connection& c, int64_t activity_id);
// The whole session; nullopt when `activity_id` is no clinic session.
Result<std::optional<ClinicSession>> load_session(store::Connection& c, int64_t activity_id);
// The session (activity id) whose slot the occurrence is; nullopt when the
// occurrence is unknown or no clinic's.
Result<std::optional<int64_t>> clinic_of_occurrence(store::Connection& c, int64_t occurrence_id);

// The sessions with a slot starting in [from, until) (in a community, when
// given), by their first slot's start, at most `limit`.
Result<std::vector<int64_t>> sessions_in_window(store::Connection& c, int64_t from, int64_t until,
                                                std::optional<int64_t> community_id, int limit);

// The sessions of the organisers `orgs` (every organiser's when nullopt),
// newest first (by activity id), at most `limit`.
Result<std::vector<int64_t>> sessions_of_organisers(store::Connection& c,
                                                    const std::optional<std::vector<int64_t>>& orgs,
                                                    int limit);

Status insert_health_note(store::Connection& c, const HealthNote& note);
// The note of one sign-up (nullopt: none).
Result<std::optional<HealthNote>> health_note_of(store::Connection& c, int64_t signup_id);
// The notes of every sign-up on the occurrence, by sign-up id.
Result<std::map<int64_t, std::string>> health_notes_on(store::Connection& c, int64_t occurrence_id);

// Inside a resident's account deletion (accounts/resident_service.h): deletes
// the health notes of every sign-up that is theirs — made with their account
// (`user_id`) or by staff for their phone — and returns how many. The
// sign-ups stay (the clinic's places and records); the sensitive note goes.
Result<int64_t> forget_health_notes(store::Connection& c, int64_t user_id,
                                    const std::optional<std::string>& phone);

}  // namespace warmcity::clinics
