#include "eldercare/team_store.h"

#include "store/sql_list.h"

namespace warmcity::eldercare {

namespace {

constexpr const char* kColumns =
    "id, grid_id, community_id, name, worker_user_id, volunteer_user_id, phone, rota, "
    "created_at, created_by";
constexpr int kMaxTeams = 500;

Team read_row(const store::Statement& s) {
  return Team{s.column_int64(0), s.column_int64(1), s.column_int64_opt(2), s.column_text(3),
              s.column_int64(4), s.column_int64(5), s.column_text(6),      s.column_text(7),
              s.column_int64(8), s.column_int64(9)};
}

}  // namespace

Result<Team> get_team(store::Connection& c, int64_t id) {
  auto s = c.prepare(std::string("SELECT ") + kColumns + " FROM elder_teams WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no team with that id");
  return read_row(*s);
}

Result<std::vector<Team>> list_teams(store::Connection& c, const TeamFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM elder_teams WHERE (CAST(?1 AS BIGINT) IS NULL OR community_id = ?1)";
  std::vector<int64_t> areas;
  if (f.in_areas) {
    areas = *f.in_areas;
    areas.resize(store::padded_length(areas.size()), areas.back());
    std::string list;
    for (size_t i = 0; i < areas.size(); ++i) {
      list += (i == 0 ? "?" : ", ?") + std::to_string(3 + i);
    }
    sql += " AND (grid_id IN (" + list + ") OR community_id IN (" + list + "))";
  }
  sql += " ORDER BY id LIMIT ?2";
  auto s = c.prepare(sql);
  if (!s.ok()) return s.status();
  s->bind(1, f.community_id).bind(2, kMaxTeams);
  for (size_t i = 0; i < areas.size(); ++i) s->bind(static_cast<int>(3 + i), areas[i]);
  return store::collect<Team>(*s, read_row);
}

Status insert_team(store::Connection& c, Team& t) {
  auto s = c.prepare(
      "INSERT INTO elder_teams (grid_id, community_id, name, worker_user_id, volunteer_user_id, "
      "phone, rota, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, t.grid_id).bind(2, t.community_id).bind(3, t.name).bind(4, t.worker_user_id);
  s->bind(5, t.volunteer_user_id).bind(6, t.phone).bind(7, t.rota).bind(8, t.created_at);
  s->bind(9, t.created_by);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  t.id = *id;
  return Status::Ok();
}

}  // namespace warmcity::eldercare
