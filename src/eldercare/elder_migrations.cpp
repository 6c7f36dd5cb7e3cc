// The elder-care tables (module "eldercare"), in the SQL both engines run;
// the {{…}} tokens are expanded per engine (store/schema_sql.h). What each
// table is for: elder_store.h.
#include "eldercare/eldercare.h"

namespace warmcity::eldercare {

std::vector<store::Migration> migrations() {
  return {{"eldercare", 1, R"SQL(
    CREATE TABLE elders (
      id {{id}},
      name TEXT NOT NULL,
      phones TEXT NOT NULL {{json_check:phones}},
      address TEXT NOT NULL,
      lat DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
      lon DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
      grid_id BIGINT NOT NULL,
      community_id BIGINT,
      subdistrict_id BIGINT,
      birth_date TEXT NOT NULL,
      categories TEXT NOT NULL DEFAULT '[]' {{json_check:categories}},
      risk_tier TEXT NOT NULL CHECK (risk_tier IN ('high', 'priority', 'general')),
      emergency_contacts TEXT NOT NULL DEFAULT '[]' {{json_check:emergency_contacts}},
      needs TEXT,  -- JSON when held, NULL otherwise (no json check: it refuses NULL on PostgreSQL)
      consent_basis TEXT NOT NULL
        CHECK (consent_basis IN ('consent', 'guardian_consent', 'legal_duty')),
      consent_note TEXT NOT NULL DEFAULT '',
      consent_by BIGINT NOT NULL,
      consent_at BIGINT NOT NULL,
      health_basis TEXT CHECK (health_basis IN ('consent', 'guardian_consent')),
      health_note TEXT NOT NULL DEFAULT '',
      health_by BIGINT,
      health_at BIGINT,
      closed BIGINT NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
      closed_reason TEXT CHECK (closed_reason IN ('moved_out', 'died')),
      closed_note TEXT NOT NULL DEFAULT '',
      closed_at BIGINT,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (needs IS NULL OR health_basis IS NOT NULL)
    );
    CREATE INDEX elders_grid ON elders(grid_id, id);
    CREATE INDEX elders_community ON elders(community_id, id);
    CREATE INDEX elders_subdistrict ON elders(subdistrict_id, id);
    CREATE TABLE elder_phones (
      phone TEXT NOT NULL,
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      PRIMARY KEY (phone, elder_id)
    ) {{without_rowid}};
    CREATE INDEX elder_phones_elder ON elder_phones(elder_id);
    CREATE TABLE elder_events (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      at BIGINT NOT NULL,
      actor_user_id BIGINT NOT NULL,
      action TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}' {{json_check:detail}}
    );
    CREATE INDEX elder_events_elder ON elder_events(elder_id, id);
    {{append_only:elder_events}};
  )SQL"},
          // Red proxy cards (card_store.h).
          {"eldercare", 2, R"SQL(
    CREATE TABLE elder_cards (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      number TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL CHECK (state IN ('active', 'revoked')),
      committee_phone TEXT NOT NULL,
      team_phone TEXT NOT NULL,
      issued_at BIGINT NOT NULL,
      issued_by BIGINT NOT NULL,
      revoked_at BIGINT,
      revoked_by BIGINT,
      revoked_reason TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX elder_cards_active ON elder_cards(elder_id) WHERE state = 'active';
  )SQL"},
          // Grid teams (team_store.h) and the team an elder is paired with.
          {"eldercare", 3, R"SQL(
    CREATE TABLE elder_teams (
      id {{id}},
      grid_id BIGINT NOT NULL,
      community_id BIGINT,
      name TEXT NOT NULL,
      worker_user_id BIGINT NOT NULL,
      volunteer_user_id BIGINT NOT NULL,
      phone TEXT NOT NULL,
      rota TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      created_by BIGINT NOT NULL,
      CHECK (worker_user_id <> volunteer_user_id)
    );
    CREATE INDEX elder_teams_community ON elder_teams(community_id, id);
    ALTER TABLE elders ADD COLUMN team_id BIGINT REFERENCES elder_teams(id);
  )SQL"},
          // The dashboard's counts (elder_counts.h): every column they read, so
          // the count never reads the records themselves.
          {"eldercare", 4, R"SQL(
    CREATE INDEX elders_counts
      ON elders(closed, community_id, risk_tier, categories, grid_id, subdistrict_id);
  )SQL"}};
}

}  // namespace warmcity::eldercare
