// What visits raised (module "visit_raises", after "visits"), in the SQL
// both engines run; what the table holds: visit_raise_store.h. The target is
// an errand or an appeal (no foreign key: two tables, two modules).
#include "eldercare/visit_raise.h"

namespace warmcity::eldercare {

std::vector<store::Migration> visit_raise_migrations() {
  return {{"visit_raises", 1, R"SQL(
    CREATE TABLE visit_raises (
      id {{id}},
      visit_id BIGINT NOT NULL REFERENCES visits(id),
      kind TEXT NOT NULL CHECK (kind IN ('errand', 'appeal')),
      target_id BIGINT NOT NULL,
      raised_by BIGINT NOT NULL,
      raised_at BIGINT NOT NULL,
      UNIQUE (kind, target_id)
    );
    CREATE INDEX visit_raises_visit ON visit_raises(visit_id, id);
    {{append_only:visit_raises}};
  )SQL"}};
}

}  // namespace warmcity::eldercare
