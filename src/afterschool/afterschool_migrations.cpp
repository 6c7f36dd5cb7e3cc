// After-school care's tables (module "afterschool"), in the SQL both engines
// run. Dates are district dates 'YYYY-MM-DD', times of day 'HH:MM', moments
// unix seconds (UTC). Nothing about a child is deleted but by the erasure
// that follows its last guardian's account deletion (the personal fields
// blanked, erased_at set); attendance rows stay.
//
// afterschool_programmes: a programme at a facility of kind afterschool_site
//   (site_id), organised by organiser_org_id (an organisation of kind
//   department, community or volunteer_team). weekdays: the digits of its
//   weekdays in ascending order, 1 Monday … 7 Sunday ("12345"); start_time,
//   end_time; capacity: children enrolled at once; term_start..term_end;
//   on_makeup_days: 1 when it also runs on official make-up school days;
//   the staffing rule (min_adults, base_children, per_extra_children);
//   status active | closed.
// afterschool_staff: a programme's staff list (replaced as a whole):
//   user_id, role staff | volunteer, background_checked_on (a date; the
//   re-check is due a year later).
// afterschool_duty: the adults on duty on a programme's day (set by staff),
//   with their staff-list role as it was then (v4; null before).
// children: a child (sensitive personal data): name, school, grade,
//   birth_date, health_notes (allergies, conditions; may be null); the
//   separate consent to process it (consent_at, consent_by: the guardian's
//   user id, consent_version 'afterschool-children-v1'); erased_at when
//   erased; photo_sha (v2): the photo store's name of the child's photo
//   ("<sha256>.<ext>"), or null (none, removed, or the child erased).
// child_guardians: the residents who are a child's guardians, with their
//   relation (母亲, 父亲, 监护人…), who added them and when.
// afterschool_enrolments: a child in a programme, status active | withdrawn,
//   with the guardian's consent (consent_by, consent_at, consent_version
//   'afterschool-enrolment-v1').
// pickup_adults: an adult a guardian authorised (owner_user_id: the guardian
//   who added them): name, relation, phone, birth_date (18+), photo_sha (the
//   photo store's name of their photo, or null), valid_until (a date or
//   null), their one code (code_salt, code_hash: accounts::code_hash of the
//   6 digits; code_set_at), revoked_at.
// child_pickup_adults: which children an adult may take home.
// pickup_proxies: a one-off proxy for one child on one date: name, phone,
//   relation, requested_by (a guardian or a staff member), the confirmation
//   (confirmed_at, confirmed_by: the guardian in the app or the staff member
//   who took the guardian's call, confirm_channel app | phone,
//   phone_guardian_id and phone_called_at for a call), used_at.
// afterschool_attendance: one row per child, programme and day: the
//   check-in (when, by which staff member, brought_by from_school | adult,
//   brought_by_name), the check-out (when, by whom, pickup_method code |
//   phone | proxy, pickup_adult_id or pickup_proxy_id, pickup_name,
//   pickup_relation), late (1 when checked out after the late alert),
//   code_failures (wrong codes tried that day).
// afterschool_alerts: a child still here 30 minutes after closing, once per
//   programme, child and day: raised_at, notified_at (the guardians' text
//   messages handed to the SMS sender), resolved_at (checked out).
// afterschool_duty_confirmations (v3): the organiser confirms who was on
//   duty on a session day once it is over, once per programme and day: the
//   minutes of the session counted (end - start), how many adults and how
//   many volunteers were on the list, by whom and when. From then on the
//   day's duty list is fixed; the volunteers' hours ledger takes its
//   records from it (docs/afterschool.md "Duty and volunteer hours").
#include "afterschool/afterschool_tables.h"

namespace warmcity::afterschool {

std::vector<store::Migration> afterschool_migrations() {
  return {{"afterschool", 1, R"SQL(
    CREATE TABLE afterschool_programmes (
      id {{id}},
      organiser_org_id BIGINT NOT NULL REFERENCES organisations(id),
      site_id BIGINT NOT NULL REFERENCES facilities(id),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
      weekdays TEXT NOT NULL CHECK (length(weekdays) BETWEEN 1 AND 7),
      start_time TEXT NOT NULL CHECK (length(start_time) = 5),
      end_time TEXT NOT NULL CHECK (length(end_time) = 5),
      capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 500),
      term_start TEXT NOT NULL CHECK (length(term_start) = 10),
      term_end TEXT NOT NULL CHECK (length(term_end) = 10),
      on_makeup_days BIGINT NOT NULL DEFAULT 0 CHECK (on_makeup_days IN (0, 1)),
      min_adults BIGINT NOT NULL CHECK (min_adults BETWEEN 1 AND 10),
      base_children BIGINT NOT NULL CHECK (base_children BETWEEN 1 AND 200),
      per_extra_children BIGINT NOT NULL CHECK (per_extra_children BETWEEN 1 AND 200),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    {{check_domains:afterschool_programmes}};
    CREATE INDEX afterschool_programmes_site ON afterschool_programmes (site_id, id);
    CREATE INDEX afterschool_programmes_org ON afterschool_programmes (organiser_org_id, id);
    CREATE TABLE afterschool_staff (
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      user_id BIGINT NOT NULL REFERENCES users(id),
      role TEXT NOT NULL CHECK (role IN ('staff', 'volunteer')),
      background_checked_on TEXT NOT NULL CHECK (length(background_checked_on) = 10),
      added_by BIGINT NOT NULL,
      added_at BIGINT NOT NULL,
      PRIMARY KEY (programme_id, user_id)
    );
    {{check_domains:afterschool_staff}};
    CREATE INDEX afterschool_staff_user ON afterschool_staff (user_id, programme_id);
    CREATE TABLE afterschool_duty (
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      user_id BIGINT NOT NULL REFERENCES users(id),
      set_by BIGINT NOT NULL,
      set_at BIGINT NOT NULL,
      PRIMARY KEY (programme_id, day, user_id)
    );
    {{check_domains:afterschool_duty}};
    CREATE TABLE children (
      id {{id}},
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
      school TEXT NOT NULL CHECK (length(school) <= 60),
      grade TEXT NOT NULL CHECK (length(grade) <= 20),
      birth_date TEXT CHECK (birth_date IS NULL OR length(birth_date) = 10),
      health_notes TEXT CHECK (health_notes IS NULL OR length(health_notes) <= 500),
      consent_at BIGINT NOT NULL,
      consent_by BIGINT NOT NULL,
      consent_version TEXT NOT NULL CHECK (consent_version IN ('afterschool-children-v1')),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      erased_at BIGINT
    );
    {{check_domains:children}};
    CREATE TABLE child_guardians (
      child_id BIGINT NOT NULL REFERENCES children(id),
      user_id BIGINT NOT NULL REFERENCES users(id),
      relation TEXT NOT NULL CHECK (length(relation) BETWEEN 1 AND 20),
      added_by BIGINT NOT NULL,
      added_at BIGINT NOT NULL,
      PRIMARY KEY (child_id, user_id)
    );
    {{check_domains:child_guardians}};
    CREATE INDEX child_guardians_user ON child_guardians (user_id, child_id);
    CREATE TABLE afterschool_enrolments (
      id {{id}},
      child_id BIGINT NOT NULL REFERENCES children(id),
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
      consent_at BIGINT NOT NULL,
      consent_by BIGINT NOT NULL,
      consent_version TEXT NOT NULL CHECK (consent_version IN ('afterschool-enrolment-v1')),
      created_at BIGINT NOT NULL,
      withdrawn_at BIGINT,
      withdrawn_by BIGINT
    );
    {{check_domains:afterschool_enrolments}};
    CREATE INDEX afterschool_enrolments_programme ON afterschool_enrolments (programme_id, status, child_id);
    CREATE INDEX afterschool_enrolments_child ON afterschool_enrolments (child_id, programme_id);
    CREATE TABLE pickup_adults (
      id {{id}},
      owner_user_id BIGINT NOT NULL REFERENCES users(id),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
      relation TEXT NOT NULL CHECK (length(relation) BETWEEN 1 AND 20),
      phone TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 20),
      birth_date TEXT NOT NULL CHECK (length(birth_date) = 10),
      photo_sha TEXT,
      valid_until TEXT CHECK (valid_until IS NULL OR length(valid_until) = 10),
      code_salt TEXT NOT NULL,
      code_hash TEXT NOT NULL,
      code_set_at BIGINT NOT NULL,
      revoked_at BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    {{check_domains:pickup_adults}};
    CREATE INDEX pickup_adults_owner ON pickup_adults (owner_user_id, id);
    CREATE TABLE child_pickup_adults (
      child_id BIGINT NOT NULL REFERENCES children(id),
      adult_id BIGINT NOT NULL REFERENCES pickup_adults(id),
      PRIMARY KEY (child_id, adult_id)
    );
    CREATE INDEX child_pickup_adults_adult ON child_pickup_adults (adult_id, child_id);
    CREATE TABLE pickup_proxies (
      id {{id}},
      child_id BIGINT NOT NULL REFERENCES children(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
      phone TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 20),
      relation TEXT CHECK (relation IS NULL OR length(relation) <= 20),
      requested_by BIGINT NOT NULL,
      confirmed_at BIGINT,
      confirmed_by BIGINT,
      confirm_channel TEXT CHECK (confirm_channel IS NULL OR confirm_channel IN ('app', 'phone')),
      phone_guardian_id BIGINT,
      phone_called_at TEXT,
      used_at BIGINT,
      created_at BIGINT NOT NULL
    );
    {{check_domains:pickup_proxies}};
    CREATE INDEX pickup_proxies_child ON pickup_proxies (child_id, day);
    CREATE TABLE afterschool_attendance (
      id {{id}},
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      child_id BIGINT NOT NULL REFERENCES children(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      checked_in_at BIGINT NOT NULL,
      checked_in_by BIGINT NOT NULL,
      brought_by TEXT NOT NULL CHECK (brought_by IN ('from_school', 'adult')),
      brought_by_name TEXT,
      checked_out_at BIGINT,
      checked_out_by BIGINT,
      pickup_method TEXT CHECK (pickup_method IS NULL OR pickup_method IN ('code', 'phone', 'proxy')),
      pickup_adult_id BIGINT REFERENCES pickup_adults(id),
      pickup_proxy_id BIGINT REFERENCES pickup_proxies(id),
      pickup_name TEXT,
      pickup_relation TEXT,
      late BIGINT NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      code_failures BIGINT NOT NULL DEFAULT 0,
      UNIQUE (programme_id, day, child_id)
    );
    {{check_domains:afterschool_attendance}};
    CREATE INDEX afterschool_attendance_child ON afterschool_attendance (child_id, day);
    CREATE TABLE afterschool_alerts (
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      child_id BIGINT NOT NULL REFERENCES children(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      raised_at BIGINT NOT NULL,
      notified_at BIGINT,
      resolved_at BIGINT,
      PRIMARY KEY (programme_id, child_id, day)
    );
    {{check_domains:afterschool_alerts}};
    CREATE INDEX afterschool_alerts_day ON afterschool_alerts (day, programme_id);
  )SQL"},
          // A child's photo (optional), for the staff's check at the door:
          // the photo store's name of it, or null.
          {"afterschool", 2, R"SQL(
    ALTER TABLE children ADD COLUMN photo_sha TEXT;
  )SQL"},
          {"afterschool", 3, R"SQL(
    CREATE TABLE afterschool_duty_confirmations (
      id {{id}},
      programme_id BIGINT NOT NULL REFERENCES afterschool_programmes(id),
      day TEXT NOT NULL CHECK (length(day) = 10),
      minutes BIGINT NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
      adults BIGINT NOT NULL CHECK (adults >= 1),
      volunteers BIGINT NOT NULL CHECK (volunteers >= 0),
      confirmed_by BIGINT NOT NULL REFERENCES users(id),
      confirmed_at BIGINT NOT NULL
    );
    {{check_domains:afterschool_duty_confirmations}};
    CREATE UNIQUE INDEX afterschool_duty_confirmations_day
      ON afterschool_duty_confirmations (programme_id, day);
  )SQL"},
          // A duty adult's staff-list role as it was when the day's duty was
          // set (staff | volunteer; null on rows set before v4): a volunteer
          // later dropped from the staff list still gets the hours of a past
          // day the organiser confirms after.
          {"afterschool", 4, R"SQL(
    ALTER TABLE afterschool_duty ADD COLUMN role TEXT;
  )SQL"}};
}

}  // namespace warmcity::afterschool
