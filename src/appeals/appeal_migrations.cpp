// The appeals tables' migrations (module "appeals" v1–v3; v4 is
// resident_migrations(), resident_appeals.h; "appeal_counts" the month
// reports' indexes: v1 the counts', v2 the rates' callbacks; v3 the month
// aggregates of rates/rollup.h, with their fill; "appeal_inserts" what makes
// a submission cheaper: v1 the CHECKs as PostgreSQL domains, v2 one index
// fewer), in the SQL both engines run:
// the {{…}} tokens are expanded per engine by the store (store/schema_sql.h).
// What each table and index is for: appeal_store.h.
#include "appeals/appeals.h"
#include "rates/rollup.h"

namespace warmcity::appeals {

std::vector<store::Migration> migrations() {
  return {{"appeals", 1, R"SQL(
    CREATE TABLE appeal_categories (
      id {{id}},
      code TEXT NOT NULL UNIQUE,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      group_name TEXT NOT NULL DEFAULT '',
      department_org_id BIGINT REFERENCES organisations(id),
      response_hours BIGINT NOT NULL CHECK (response_hours BETWEEN 1 AND 720),
      resolution_days BIGINT NOT NULL CHECK (resolution_days BETWEEN 1 AND 60),
      attributes TEXT NOT NULL DEFAULT '[]' {{json_check:attributes}},
      active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE appeals (
      id {{id}},
      tracking_code TEXT NOT NULL UNIQUE,
      category_id BIGINT NOT NULL REFERENCES appeal_categories(id),
      channel TEXT NOT NULL CHECK (channel IN
        ('web', 'phone', 'liaison_station', 'representative_visit', 'open311')),
      state TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'dispatched', 'returned',
        'in_progress', 'replied', 'callback', 'closed')),
      description TEXT NOT NULL,
      attributes TEXT NOT NULL DEFAULT '{}' {{json_check:attributes}},
      lat DOUBLE PRECISION CHECK (lat BETWEEN -90 AND 90),
      lon DOUBLE PRECISION CHECK (lon BETWEEN -180 AND 180),
      address TEXT,
      subdistrict_id BIGINT,
      community_id BIGINT,
      grid_id BIGINT,
      photos TEXT NOT NULL DEFAULT '[]' {{json_check:photos}},
      reporter_user_id BIGINT,
      anonymous BIGINT NOT NULL CHECK (anonymous IN (0, 1)),
      contact_name TEXT,
      contact_phone TEXT,
      assigned_org_id BIGINT REFERENCES organisations(id),
      assigned_area_id BIGINT REFERENCES areas(id),
      submitted_at BIGINT NOT NULL,
      response_due BIGINT NOT NULL,
      resolution_due BIGINT NOT NULL,
      accepted_at BIGINT,
      replied_at BIGINT,
      closed_at BIGINT,
      reply_outcome TEXT CHECK (reply_outcome IN ('solved', 'not_solvable')),
      callback_contacted BIGINT,
      callback_solved BIGINT,
      satisfaction TEXT CHECK (satisfaction IN
        ('satisfied', 'basically_satisfied', 'dissatisfied')),
      merged_into BIGINT REFERENCES appeals(id),
      followers BIGINT NOT NULL DEFAULT 0,
      reopen_count BIGINT NOT NULL DEFAULT 0,
      clock_start BIGINT,
      due_at BIGINT,
      nearly_at BIGINT,
      escalation BIGINT NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 2),
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX appeals_org ON appeals(assigned_org_id, id) WHERE assigned_org_id IS NOT NULL;
    CREATE INDEX appeals_reporter ON appeals(reporter_user_id, id)
      WHERE reporter_user_id IS NOT NULL;
    CREATE INDEX appeals_submitted ON appeals(submitted_at);
    CREATE INDEX appeals_open_category ON appeals(category_id, submitted_at)
      WHERE state <> 'closed';
    CREATE INDEX appeals_supervision ON appeals(nearly_at, id) WHERE due_at IS NOT NULL;
    CREATE INDEX appeals_escalate_overdue ON appeals(due_at)
      WHERE due_at IS NOT NULL AND escalation = 1;
    CREATE TABLE appeal_events (
      id {{id}},
      appeal_id BIGINT NOT NULL REFERENCES appeals(id),
      at BIGINT NOT NULL,
      actor_user_id BIGINT,
      actor_role TEXT NOT NULL,
      action TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT,
      note TEXT NOT NULL DEFAULT '',
      public BIGINT NOT NULL CHECK (public IN (0, 1)),
      detail TEXT NOT NULL DEFAULT '{}' {{json_check:detail}}
    );
    CREATE INDEX appeal_events_appeal ON appeal_events(appeal_id, id);
    {{append_only:appeal_events}};
    CREATE TABLE appeal_followers (
      appeal_id BIGINT NOT NULL REFERENCES appeals(id),
      user_id BIGINT NOT NULL,
      at BIGINT NOT NULL,
      PRIMARY KEY (appeal_id, user_id)
    ) {{without_rowid}};
  )SQL"},
          // Photos come one request each after the appeal: whoever submitted
          // it holds this token (its SHA-256 is kept) for an hour.
          {"appeals", 2, R"SQL(
    CREATE TABLE appeal_photo_tokens (
      appeal_id BIGINT PRIMARY KEY REFERENCES appeals(id),
      token_hash TEXT NOT NULL,
      expires_at BIGINT NOT NULL
    );
  )SQL"},
          // A step's note is published only when staff tick 公开; the event
          // itself (the state change) follows public as before. Earlier
          // events keep what they showed: their note was public with them.
          {"appeals", 3, R"SQL(
    ALTER TABLE appeal_events ADD COLUMN note_public BIGINT NOT NULL DEFAULT 1
      CHECK (note_public IN (0, 1));
  )SQL"},
          // The month's counts (appeal_counts.h): every column the GROUP BY
          // and its visibility terms read, after the month's range, so both
          // engines answer from the index alone. A module of its own because
          // the app lists "appeals" v4 (resident_migrations()) after these.
          {"appeal_counts", 1, R"SQL(
    CREATE INDEX appeals_month_counts ON appeals(submitted_at, state, category_id, channel,
      subdistrict_id, community_id, grid_id, assigned_org_id, assigned_area_id);
  )SQL"},
          // The three rates' callbacks of a month (rates_store.cpp's
          // callbacks_between): a month's range of callback events alone, with
          // the appeal and event ids the query groups and joins by. Without it
          // the query walked every event (10–12 s at 1,000,000 appeals).
          {"appeal_counts", 2, R"SQL(
    CREATE INDEX appeal_events_callbacks ON appeal_events(at, appeal_id, id)
      WHERE action = 'callback';
  )SQL"},
          // The month aggregates the rates and the counts read (rates/rollup.h),
          // filled here from the raw rows; kept up by rates::roll_up.
          {"appeal_counts", 3, rates::rollup_migration_sql()},
          // On PostgreSQL the single-column CHECKs of appeals and their
          // events become domains' (store/schema_sql.h): the same rules,
          // compiled once per connection instead of at every INSERT (an
          // appeal's INSERT went from ~150 to ~50 µs of server time, its
          // event's from ~33 to ~17). SQLite keeps its table checks.
          {"appeal_inserts", 1, R"SQL(
    {{check_domains:appeals}};
    {{check_domains:appeal_events}};
  )SQL"},
          // appeals_month_counts leads with submitted_at: every query by
          // submitted_at (the rates' months, the counts, lists with a date
          // range, open_near) is a range search of it or of another index on
          // both engines, and a submission has one index fewer to write.
          {"appeal_inserts", 2, "DROP INDEX appeals_submitted;"}};
}

}  // namespace warmcity::appeals
