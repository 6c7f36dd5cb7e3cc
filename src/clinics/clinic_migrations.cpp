// The free clinics' tables (module "clinics"), in the SQL both engines run.
// Nothing is deleted but a session's doctors, which an edit replaces as a
// whole, and a person's health notes when they delete their account
// (clinic_store.h forget_health_notes); a cancelled session keeps its rows
// (its activity says cancelled).
//
// clinic_sessions: one row per clinic session, keyed by its activity
//   (activities.id: the title, place, organiser and status are the
//   activity's; the slots are its occurrences, seq 1…n, created detached so
//   an edit of the series never moves a slot). filing_number: the health
//   authority's filing number (备案号) of the free clinic, 1–40 characters.
//   slot_minutes: how long each slot was made (5–240); places_per_slot: the
//   places each slot was made with (1–500; one slot edited alone keeps its
//   own capacity on its occurrence). created_by/created_at: who made the
//   session and when; updated_at: the last edit of the filing number or the
//   doctors.
// clinic_doctors: the doctors who see residents at a session, in the order
//   the organiser gave them (seq 1, 2, …): their department (科室, e.g.
//   中医科), name, professional title (职称, e.g. 主任医师) and practising
//   licence number (6–30 of digits, ASCII letters and '-'). Public: a
//   resident may check who sees them. Replaced as a whole by an edit.
// clinic_health_notes: the health note a person gave with a booking on a
//   clinic's slot (one per sign-up, written in the sign-up's own write job,
//   so neither exists without the other): note, 1–500 characters, what the
//   doctor should know — sensitive personal data, read only by the clinic's
//   own staff (never by admins) and by its own person, every staff read
//   audited. The consent it was given with: consent_at (when),
//   consent_recorded_by (the user who recorded it: the resident themselves,
//   or the staff member who took the call) and consent_version (the wording
//   agreed to: 'clinic-health-note-v1', the staff of this clinic read the
//   note for this clinic only).
#include "clinics/clinic_tables.h"

namespace warmcity::clinics {

std::vector<store::Migration> clinic_migrations() {
  return {{"clinics", 1, R"SQL(
    CREATE TABLE clinic_sessions (
      activity_id BIGINT PRIMARY KEY REFERENCES activities(id),
      filing_number TEXT NOT NULL CHECK (length(filing_number) BETWEEN 1 AND 40),
      slot_minutes BIGINT NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
      places_per_slot BIGINT NOT NULL CHECK (places_per_slot BETWEEN 1 AND 500),
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    {{check_domains:clinic_sessions}};
    CREATE TABLE clinic_doctors (
      id {{id}},
      activity_id BIGINT NOT NULL REFERENCES clinic_sessions(activity_id),
      seq BIGINT NOT NULL CHECK (seq BETWEEN 1 AND 30),
      department TEXT NOT NULL CHECK (length(department) BETWEEN 1 AND 30),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 30),
      licence_number TEXT NOT NULL CHECK (length(licence_number) BETWEEN 6 AND 30),
      UNIQUE (activity_id, seq)
    );
    {{check_domains:clinic_doctors}};
    CREATE TABLE clinic_health_notes (
      signup_id BIGINT PRIMARY KEY REFERENCES activity_signups(id),
      note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
      consent_at BIGINT NOT NULL,
      consent_recorded_by BIGINT NOT NULL,
      consent_version TEXT NOT NULL CHECK (consent_version IN ('clinic-health-note-v1'))
    );
    {{check_domains:clinic_health_notes}};
  )SQL"}};
}

}  // namespace warmcity::clinics
