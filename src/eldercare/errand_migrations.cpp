// The errand tables (module "errands"), in the SQL both engines run; the
// {{…}} tokens are expanded per engine (store/schema_sql.h). What each
// column holds: errand.h and errand_store.h.
#include "eldercare/eldercare.h"

namespace warmcity::eldercare {

std::vector<store::Migration> errand_migrations() {
  return {{"errands", 1, R"SQL(
    CREATE TABLE errands (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      community_id BIGINT,
      kind TEXT NOT NULL CHECK (kind IN ('shopping', 'medicine', 'task')),
      work TEXT NOT NULL {{json_check:work}},
      note TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL
        CHECK (state IN ('received', 'assigned', 'doing', 'delivered', 'settled', 'cancelled')),
      phase BIGINT NOT NULL CHECK (phase IN (0, 1, 2)),
      team_id BIGINT REFERENCES elder_teams(id),
      assign_reason TEXT NOT NULL DEFAULT '',
      received_at BIGINT NOT NULL,
      received_by BIGINT NOT NULL,
      due_at BIGINT NOT NULL,
      assigned_at BIGINT,
      started_at BIGINT,
      delivered_at BIGINT,
      delivered_to TEXT NOT NULL DEFAULT '',
      substitutions TEXT NOT NULL DEFAULT '[]' {{json_check:substitutions}},
      receipt_fen BIGINT CHECK (receipt_fen >= 0),
      advanced_fen BIGINT CHECK (advanced_fen >= 0),
      returned_fen BIGINT CHECK (returned_fen >= 0),
      paid_by TEXT CHECK (paid_by IN ('cash', 'wechat', 'alipay', 'card', 'other')),
      settled_at BIGINT,
      settled_by BIGINT,
      worker_confirmed_by BIGINT,
      worker_confirmed_at BIGINT,
      volunteer_confirmed_by BIGINT,
      volunteer_confirmed_at BIGINT,
      volunteer_minutes BIGINT CHECK (volunteer_minutes BETWEEN 0 AND 1440),
      cancelled_at BIGINT,
      cancel_reason TEXT NOT NULL DEFAULT '',
      updated_at BIGINT NOT NULL
    );
    CREATE INDEX errands_team ON errands(team_id, phase, id);
    CREATE INDEX errands_community ON errands(community_id, phase, id);
    CREATE INDEX errands_elder ON errands(elder_id, id);
    CREATE INDEX errands_due ON errands(phase, due_at);
    CREATE TABLE errand_events (
      id {{id}},
      errand_id BIGINT NOT NULL REFERENCES errands(id),
      at BIGINT NOT NULL,
      actor_user_id BIGINT NOT NULL,
      step TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}' {{json_check:detail}}
    );
    CREATE INDEX errand_events_errand ON errand_events(errand_id, id);
    {{append_only:errand_events}};
  )SQL"},
          // The grid and sub-district an errand was received in (its community
          // is held since v1), for a worker's list by her areas: one index
          // range per area and phase instead of a scan joined to elders.
          {"errands", 2, R"SQL(
    ALTER TABLE errands ADD COLUMN grid_id BIGINT;
    ALTER TABLE errands ADD COLUMN subdistrict_id BIGINT;
    UPDATE errands SET
      grid_id = (SELECT e.grid_id FROM elders e WHERE e.id = errands.elder_id),
      subdistrict_id = (SELECT e.subdistrict_id FROM elders e WHERE e.id = errands.elder_id);
    CREATE INDEX errands_grid ON errands(grid_id, phase, id);
    CREATE INDEX errands_subdistrict ON errands(subdistrict_id, phase, id);
  )SQL"}};
}

}  // namespace warmcity::eldercare
