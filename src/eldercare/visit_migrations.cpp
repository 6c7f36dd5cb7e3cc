// The visits' tables (module "visits", after "eldercare"), in the SQL both
// engines run; what each holds: visit_store.h.
#include "eldercare/eldercare.h"

namespace warmcity::eldercare {

std::vector<store::Migration> visit_migrations() {
  return {{"visits", 1, R"SQL(
    CREATE TABLE visits (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      grid_id BIGINT NOT NULL,
      community_id BIGINT,
      team_id BIGINT REFERENCES elder_teams(id),
      visited_by BIGINT NOT NULL,
      visited_at BIGINT NOT NULL,
      how TEXT NOT NULL CHECK (how IN ('home', 'phone', 'video')),
      outcome TEXT NOT NULL CHECK (outcome IN ('seen_well', 'concern', 'nobody_answers')),
      findings TEXT NOT NULL DEFAULT '',
      recorded_at BIGINT NOT NULL,
      escalation TEXT NOT NULL DEFAULT 'none' CHECK (escalation IN ('none', 'open', 'resolved')),
      escalation_deadline BIGINT,
      resolved_at BIGINT,
      CHECK ((outcome = 'nobody_answers') = (escalation <> 'none'))
    );
    -- Covering for the visit rate (outcome read from the index).
    CREATE INDEX visits_elder ON visits(elder_id, visited_at, outcome);
    CREATE INDEX visits_open_community ON visits(community_id, escalation_deadline)
      WHERE escalation = 'open';
    CREATE INDEX visits_open_team ON visits(team_id, escalation_deadline)
      WHERE escalation = 'open';
    CREATE TABLE visit_steps (
      id {{id}},
      visit_id BIGINT NOT NULL REFERENCES visits(id),
      kind TEXT NOT NULL CHECK (kind IN ('contact', 'duty_phone', 'resolved')),
      contact_index BIGINT,
      result TEXT NOT NULL CHECK (result IN ('reached', 'not_reached', 'found_well',
                                             'found_needing_help', 'other')),
      note TEXT NOT NULL DEFAULT '',
      at BIGINT NOT NULL,
      by_user_id BIGINT NOT NULL,
      CHECK ((kind = 'contact') = (contact_index IS NOT NULL))
    );
    CREATE INDEX visit_steps_visit ON visit_steps(visit_id, id);
    {{append_only:visit_steps}};
    CREATE TABLE visit_changes (
      id {{id}},
      elder_id BIGINT NOT NULL REFERENCES elders(id),
      kind TEXT NOT NULL CHECK (kind IN ('fall', 'hospital_stay', 'bereavement', 'other')),
      note TEXT NOT NULL DEFAULT '',
      reported_at BIGINT NOT NULL,
      reported_by BIGINT NOT NULL
    );
    CREATE INDEX visit_changes_elder ON visit_changes(elder_id, id);
    {{append_only:visit_changes}};
    CREATE TABLE visit_due (
      elder_id BIGINT PRIMARY KEY REFERENCES elders(id),
      last_seen_at BIGINT,
      change_at BIGINT
    );
    CREATE INDEX elders_team ON elders(team_id, id);
  )SQL"},
          // Every open escalation by deadline, for a team's (those of the
          // elders paired with it now, so not by the visit's team_id, whose
          // index goes): a few rows, where the team's elders' visits are
          // thousands.
          {"visits", 2, R"SQL(
    CREATE INDEX visits_open ON visits(escalation_deadline, id) WHERE escalation = 'open';
    DROP INDEX visits_open_team;
  )SQL"}};
}

}  // namespace warmcity::eldercare
