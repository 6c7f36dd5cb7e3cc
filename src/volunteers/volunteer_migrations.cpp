// The volunteers' tables (module "volunteers"), in the SQL both engines run.
// Dates are district dates 'YYYY-MM-DD', moments unix seconds (UTC).
//
// volunteers: a person who volunteers (personal data): volunteer_no ('V' + 8
//   digits, made by the server, unique), user_id (their account, at most one
//   volunteer per user, or null), name, phone, id_type resident_id | passport
//   | other with id_number (both null only for a volunteer made from a team
//   member's account by the ledger), birth_date (null likewise), gender,
//   skills and trainings (JSON arrays), availability, insurance_until (the
//   last day the accident insurance covers), public_name (1: the name may be
//   shown in public rankings), a minor's guardian consent (guardian_name,
//   guardian_phone, guardian_relation, guardian_recorded_by/_at), status
//   active | left.
// volunteer_teams: the certificate facts of a team (an organisation of kind
//   volunteer_team, org_id): the organisation it belongs to (parent_org_id),
//   its responsible person and contact phone.
// volunteer_team_members: a volunteer in a team from joined_at until left_at
//   (null: still a member); a volunteer who rejoins gets a new row.
// volunteer_shifts: volunteer work on an activity occurrence: title,
//   starts_at..ends_at, capacity, min_age, risky (accident insurance valid on
//   the day required), training (a training's name required, or null),
//   team_org_id (the team that runs it, or null), code: the six digits read
//   out or shown at the place to check in and out with (a place code shown
//   to the organiser again and again, so kept as it is, not hashed), status
//   active | cancelled; a cancelled shift's cancel_reason, cancelled_by and
//   cancelled_at (migration 2).
// volunteer_signups: a volunteer on a shift: status signed | cancelled, who
//   signed them up and when, the check-in and check-out (when; by: the staff
//   member's user id, null when the volunteer used the code), code_failures,
//   minutes counted and the ledger record the check-out wrote.
// volunteer_outcome_kinds: what a day's work achieved, as data: code, name,
//   unit, decimals (0 or 1), active. Seeded with four.
// volunteer_outcomes: an occurrence's outcomes: kind, quantity in tenths of
//   the unit, the team (or null), who recorded them and when. Replaced as a
//   whole per occurrence.
// volunteer_records: the hours ledger (志愿服务记录), never updated but by its
//   one confirmation and never deleted (since v5 the database refuses any
//   other change, {{guard_updates}}): the volunteer, the organiser
//   (organiser_org_id, or null, and organiser_name as it was), service_date,
//   place, content, minutes (negative only in a correction), source shift |
//   errand | duty (v4) | manual | correction with source_id, state submitted
//   | confirmed (confirmed_by, confirmed_at), corrects_id and reason (a
//   correction), created_by (null: written by the platform), created_at. A
//   shift's, an errand's or a duty day's record is written once per
//   volunteer (unique index).
// volunteer_disputes: a volunteer disputes a record: text, raised_at, state
//   open | answered, the organiser's answer (by, at) and the correction it
//   wrote (correction_id, or null). One open dispute per record.
// volunteer_certificates: a certificate (志愿服务记录证明), written once:
//   number (unique), the volunteer and the team (ids, and the printed facts
//   as they were: volunteer_name, id_number_masked, volunteer_no,
//   issuer_name, responsible_person, contact_phone, handler_name), the period
//   period_from..period_to, minutes, content (JSON: a line per organiser),
//   issued_on, note, request_id; superseded_by/superseded_at when reissued,
//   its only change (since v5 the database refuses any other change and
//   any delete, {{guard_updates}}).
// volunteer_certificate_requests: a volunteer asks a team for a
//   certificate over a period: state open | answered, the certificate.
#include "volunteers/volunteer_tables.h"

namespace warmcity::volunteers {

std::vector<store::Migration> volunteer_migrations() {
  return {{"volunteers",
           1,
           R"SQL(
    CREATE TABLE volunteers (
      id {{id}},
      volunteer_no TEXT NOT NULL UNIQUE CHECK (length(volunteer_no) = 9),
      user_id BIGINT UNIQUE REFERENCES users(id),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      phone TEXT CHECK (phone IS NULL OR length(phone) BETWEEN 3 AND 20),
      id_type TEXT CHECK (id_type IS NULL OR id_type IN ('resident_id', 'passport', 'other')),
      id_number TEXT CHECK (id_number IS NULL OR length(id_number) BETWEEN 1 AND 40),
      birth_date TEXT CHECK (birth_date IS NULL OR length(birth_date) = 10),
      gender TEXT CHECK (gender IS NULL OR gender IN ('female', 'male')),
      skills TEXT NOT NULL DEFAULT '[]' {{json_check:skills}},
      availability TEXT NOT NULL DEFAULT '' CHECK (length(availability) <= 200),
      trainings TEXT NOT NULL DEFAULT '[]' {{json_check:trainings}},
      insurance_until TEXT CHECK (insurance_until IS NULL OR length(insurance_until) = 10),
      public_name BIGINT NOT NULL DEFAULT 0 CHECK (public_name IN (0, 1)),
      guardian_name TEXT CHECK (guardian_name IS NULL OR length(guardian_name) BETWEEN 1 AND 40),
      guardian_phone TEXT,
      guardian_relation TEXT CHECK (guardian_relation IS NULL OR length(guardian_relation) BETWEEN 1 AND 10),
      guardian_recorded_by BIGINT,
      guardian_recorded_at BIGINT,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
      created_by BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    {{check_domains:volunteers}};
    CREATE UNIQUE INDEX volunteers_identity ON volunteers (id_type, id_number);
    CREATE INDEX volunteers_name ON volunteers (name, id);
    CREATE TABLE volunteer_teams (
      org_id BIGINT PRIMARY KEY REFERENCES organisations(id),
      parent_org_id BIGINT REFERENCES organisations(id),
      responsible_person TEXT NOT NULL DEFAULT '' CHECK (length(responsible_person) <= 40),
      contact_phone TEXT NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 20),
      updated_by BIGINT,
      updated_at BIGINT NOT NULL
    );
    {{check_domains:volunteer_teams}};
    CREATE TABLE volunteer_team_members (
      id {{id}},
      team_org_id BIGINT NOT NULL REFERENCES organisations(id),
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      joined_at BIGINT NOT NULL,
      joined_by BIGINT,
      left_at BIGINT,
      left_by BIGINT
    );
    CREATE UNIQUE INDEX volunteer_team_members_current
      ON volunteer_team_members (team_org_id, volunteer_id) WHERE left_at IS NULL;
    CREATE INDEX volunteer_team_members_volunteer ON volunteer_team_members (volunteer_id, team_org_id);
    CREATE TABLE volunteer_shifts (
      id {{id}},
      occurrence_id BIGINT NOT NULL REFERENCES activity_occurrences(id),
      title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
      starts_at BIGINT NOT NULL,
      ends_at BIGINT NOT NULL,
      capacity BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 500),
      min_age BIGINT NOT NULL CHECK (min_age BETWEEN 0 AND 100),
      risky BIGINT NOT NULL DEFAULT 0 CHECK (risky IN (0, 1)),
      training TEXT CHECK (training IS NULL OR length(training) BETWEEN 1 AND 40),
      team_org_id BIGINT REFERENCES organisations(id),
      code TEXT NOT NULL CHECK (length(code) = 6),
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
      created_by BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      CHECK (ends_at > starts_at)
    );
    {{check_domains:volunteer_shifts}};
    CREATE INDEX volunteer_shifts_occurrence ON volunteer_shifts (occurrence_id, id);
    CREATE INDEX volunteer_shifts_team ON volunteer_shifts (team_org_id, starts_at);
    CREATE TABLE volunteer_signups (
      id {{id}},
      shift_id BIGINT NOT NULL REFERENCES volunteer_shifts(id),
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      status TEXT NOT NULL CHECK (status IN ('signed', 'cancelled')),
      signed_by BIGINT NOT NULL,
      signed_at BIGINT NOT NULL,
      cancelled_at BIGINT,
      checked_in_at BIGINT,
      checked_in_by BIGINT,
      checked_out_at BIGINT,
      checked_out_by BIGINT,
      code_failures BIGINT NOT NULL DEFAULT 0,
      minutes BIGINT,
      record_id BIGINT
    );
    {{check_domains:volunteer_signups}};
    CREATE UNIQUE INDEX volunteer_signups_current
      ON volunteer_signups (shift_id, volunteer_id) WHERE status = 'signed';
    CREATE INDEX volunteer_signups_volunteer ON volunteer_signups (volunteer_id, id);
    CREATE TABLE volunteer_outcome_kinds (
      code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 30),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
      unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 10),
      decimals BIGINT NOT NULL CHECK (decimals IN (0, 1)),
      active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at BIGINT NOT NULL
    ) {{without_rowid}};
    INSERT INTO volunteer_outcome_kinds (code, name, unit, decimals, active, created_at) VALUES
      ('ads_removed', '清理小广告', '处', 0, 1, 0),
      ('rubbish_m3', '清运垃圾', '立方米', 1, 1, 0),
      ('sewage_spots', '整治污水点', '处', 0, 1, 0),
      ('trees_planted', '植树', '棵', 0, 1, 0);
    CREATE TABLE volunteer_outcomes (
      id {{id}},
      occurrence_id BIGINT NOT NULL REFERENCES activity_occurrences(id),
      kind_code TEXT NOT NULL REFERENCES volunteer_outcome_kinds(code),
      quantity_tenths BIGINT NOT NULL CHECK (quantity_tenths >= 0),
      team_org_id BIGINT REFERENCES organisations(id),
      recorded_by BIGINT NOT NULL,
      recorded_at BIGINT NOT NULL
    );
    {{check_domains:volunteer_outcomes}};
    CREATE INDEX volunteer_outcomes_occurrence ON volunteer_outcomes (occurrence_id, id);
    CREATE TABLE volunteer_records (
      id {{id}},
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      organiser_org_id BIGINT REFERENCES organisations(id),
      organiser_name TEXT NOT NULL CHECK (length(organiser_name) <= 60),
      service_date TEXT NOT NULL CHECK (length(service_date) = 10),
      place TEXT NOT NULL DEFAULT '' CHECK (length(place) <= 200),
      content TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 200),
      minutes BIGINT NOT NULL CHECK (minutes BETWEEN -1440 AND 1440),
      source TEXT NOT NULL CHECK (source IN ('shift', 'errand', 'manual', 'correction')),
      source_id BIGINT,
      state TEXT NOT NULL CHECK (state IN ('submitted', 'confirmed')),
      confirmed_by BIGINT,
      confirmed_at BIGINT,
      corrects_id BIGINT REFERENCES volunteer_records(id),
      reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200),
      created_by BIGINT,
      created_at BIGINT NOT NULL
    );
    {{check_domains:volunteer_records}};
    CREATE UNIQUE INDEX volunteer_records_source
      ON volunteer_records (source, source_id, volunteer_id) WHERE source IN ('shift', 'errand');
    CREATE INDEX volunteer_records_volunteer ON volunteer_records (volunteer_id, service_date, id);
    CREATE INDEX volunteer_records_organiser ON volunteer_records (organiser_org_id, state, id);
    CREATE INDEX volunteer_records_date ON volunteer_records (service_date, state);
    CREATE INDEX volunteer_records_corrects ON volunteer_records (corrects_id);
    CREATE TABLE volunteer_disputes (
      id {{id}},
      record_id BIGINT NOT NULL REFERENCES volunteer_records(id),
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      raised_by BIGINT NOT NULL,
      raised_at BIGINT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'answered')),
      answer TEXT CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 500),
      answered_by BIGINT,
      answered_at BIGINT,
      correction_id BIGINT REFERENCES volunteer_records(id)
    );
    {{check_domains:volunteer_disputes}};
    CREATE UNIQUE INDEX volunteer_disputes_open ON volunteer_disputes (record_id) WHERE state = 'open';
    CREATE INDEX volunteer_disputes_record ON volunteer_disputes (record_id, id);
    CREATE TABLE volunteer_certificate_requests (
      id {{id}},
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      team_org_id BIGINT NOT NULL REFERENCES organisations(id),
      period_from TEXT NOT NULL CHECK (length(period_from) = 10),
      period_to TEXT NOT NULL CHECK (length(period_to) = 10),
      state TEXT NOT NULL CHECK (state IN ('open', 'answered')),
      requested_by BIGINT NOT NULL,
      requested_at BIGINT NOT NULL,
      certificate_id BIGINT,
      answered_at BIGINT
    );
    {{check_domains:volunteer_certificate_requests}};
    CREATE INDEX volunteer_certificate_requests_team
      ON volunteer_certificate_requests (team_org_id, state, id);
    CREATE INDEX volunteer_certificate_requests_volunteer
      ON volunteer_certificate_requests (volunteer_id, id);
    CREATE TABLE volunteer_certificates (
      id {{id}},
      number TEXT NOT NULL UNIQUE CHECK (length(number) = 15),
      volunteer_id BIGINT NOT NULL REFERENCES volunteers(id),
      team_org_id BIGINT NOT NULL REFERENCES organisations(id),
      period_from TEXT NOT NULL CHECK (length(period_from) = 10),
      period_to TEXT NOT NULL CHECK (length(period_to) = 10),
      minutes BIGINT NOT NULL CHECK (minutes >= 0),
      volunteer_name TEXT NOT NULL,
      id_number_masked TEXT NOT NULL DEFAULT '',
      volunteer_no TEXT NOT NULL,
      content TEXT NOT NULL {{json_check:content}},
      issuer_name TEXT NOT NULL,
      responsible_person TEXT NOT NULL DEFAULT '',
      contact_phone TEXT NOT NULL DEFAULT '',
      handler_user_id BIGINT NOT NULL,
      handler_name TEXT NOT NULL,
      issued_on TEXT NOT NULL CHECK (length(issued_on) = 10),
      note TEXT NOT NULL,
      request_id BIGINT REFERENCES volunteer_certificate_requests(id),
      superseded_by BIGINT REFERENCES volunteer_certificates(id),
      superseded_at BIGINT,
      created_at BIGINT NOT NULL
    );
    {{check_domains:volunteer_certificates}};
    CREATE INDEX volunteer_certificates_volunteer ON volunteer_certificates (volunteer_id, id);
    CREATE INDEX volunteer_certificates_team ON volunteer_certificates (team_org_id, id);
  )SQL",
           {"volunteer_outcome_kinds"}},
          // A shift cancelled by the organiser's staff: why (1–200, checked by
          // the service), by whom and when; all null while it is active.
          {"volunteers", 2, R"SQL(
    ALTER TABLE volunteer_shifts ADD COLUMN cancel_reason TEXT;
    ALTER TABLE volunteer_shifts ADD COLUMN cancelled_by BIGINT;
    ALTER TABLE volunteer_shifts ADD COLUMN cancelled_at BIGINT;
  )SQL"},
          // The ledger's reads at a district's scale (bench/README.md
          // "Volunteers"): an organiser's newest records of any state by id;
          // its corrections alone, read from the index alone (with id, else
          // PostgreSQL's planner took volunteer_records_corrects and read
          // every correction's row); the month's confirmed records with their
          // volunteer and minutes from the index (the month's counts), which
          // replaces volunteer_records_date (its first two columns); the
          // volunteers who are not active (the counts too).
          {"volunteers", 3, R"SQL(
    CREATE INDEX volunteer_records_organiser_id ON volunteer_records (organiser_org_id, id);
    CREATE INDEX volunteer_records_organiser_corrections
      ON volunteer_records (organiser_org_id, corrects_id, id) WHERE corrects_id IS NOT NULL;
    CREATE INDEX volunteer_records_month
      ON volunteer_records (service_date, state, volunteer_id, minutes);
    DROP INDEX volunteer_records_date;
    CREATE INDEX volunteers_status ON volunteers (status, id);
  )SQL"},
          // After-school duty adds records by itself (duty_feed.h): source
          // 'duty', source_id the session day's confirmation
          // (afterschool_duty_confirmations), once per volunteer like a
          // shift's or an errand's.
          {"volunteers", 4, R"SQL(
    {{change_check:volunteer_records.source:source IN ('shift', 'errand', 'manual', 'correction') => source IN ('shift', 'errand', 'duty', 'manual', 'correction')}};
    DROP INDEX volunteer_records_source;
    CREATE UNIQUE INDEX volunteer_records_source
      ON volunteer_records (source, source_id, volunteer_id) WHERE source IN ('shift', 'errand', 'duty');
  )SQL"},
          // The database keeps the ledger's history (issue #20), whatever
          // code or hand-run SQL asks ({{guard_updates}}): a record is never
          // deleted and changes only by its one confirmation (state submitted
          // to confirmed, confirmed_by and confirmed_at set, every other
          // column as it was); a certificate is never deleted and changes
          // only by its one supersession (superseded_by and superseded_at
          // set once, every other column as it was). A later migration that
          // adds a column to either table replaces its guard, or the column
          // may change freely.
          {"volunteers", 5, R"SQL(
    {{guard_updates:volunteer_records:OLD.state = 'submitted' AND NEW.state = 'confirmed'
      AND NEW.confirmed_by IS NOT NULL AND NEW.confirmed_at IS NOT NULL
      AND NEW.id IS NOT DISTINCT FROM OLD.id
      AND NEW.volunteer_id IS NOT DISTINCT FROM OLD.volunteer_id
      AND NEW.organiser_org_id IS NOT DISTINCT FROM OLD.organiser_org_id
      AND NEW.organiser_name IS NOT DISTINCT FROM OLD.organiser_name
      AND NEW.service_date IS NOT DISTINCT FROM OLD.service_date
      AND NEW.place IS NOT DISTINCT FROM OLD.place
      AND NEW.content IS NOT DISTINCT FROM OLD.content
      AND NEW.minutes IS NOT DISTINCT FROM OLD.minutes
      AND NEW.source IS NOT DISTINCT FROM OLD.source
      AND NEW.source_id IS NOT DISTINCT FROM OLD.source_id
      AND NEW.corrects_id IS NOT DISTINCT FROM OLD.corrects_id
      AND NEW.reason IS NOT DISTINCT FROM OLD.reason
      AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by
      AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at}};
    {{guard_updates:volunteer_certificates:OLD.superseded_by IS NULL
      AND NEW.superseded_by IS NOT NULL AND NEW.superseded_at IS NOT NULL
      AND NEW.id IS NOT DISTINCT FROM OLD.id
      AND NEW.number IS NOT DISTINCT FROM OLD.number
      AND NEW.volunteer_id IS NOT DISTINCT FROM OLD.volunteer_id
      AND NEW.team_org_id IS NOT DISTINCT FROM OLD.team_org_id
      AND NEW.period_from IS NOT DISTINCT FROM OLD.period_from
      AND NEW.period_to IS NOT DISTINCT FROM OLD.period_to
      AND NEW.minutes IS NOT DISTINCT FROM OLD.minutes
      AND NEW.volunteer_name IS NOT DISTINCT FROM OLD.volunteer_name
      AND NEW.id_number_masked IS NOT DISTINCT FROM OLD.id_number_masked
      AND NEW.volunteer_no IS NOT DISTINCT FROM OLD.volunteer_no
      AND NEW.content IS NOT DISTINCT FROM OLD.content
      AND NEW.issuer_name IS NOT DISTINCT FROM OLD.issuer_name
      AND NEW.responsible_person IS NOT DISTINCT FROM OLD.responsible_person
      AND NEW.contact_phone IS NOT DISTINCT FROM OLD.contact_phone
      AND NEW.handler_user_id IS NOT DISTINCT FROM OLD.handler_user_id
      AND NEW.handler_name IS NOT DISTINCT FROM OLD.handler_name
      AND NEW.issued_on IS NOT DISTINCT FROM OLD.issued_on
      AND NEW.note IS NOT DISTINCT FROM OLD.note
      AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
      AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at}};
  )SQL"}};
}

}  // namespace warmcity::volunteers
