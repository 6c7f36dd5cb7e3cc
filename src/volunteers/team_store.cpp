// The volunteer teams' SQL (team_store.h).
#include "volunteers/team_store.h"

namespace warmcity::volunteers {

namespace {

// The community is the team organisation's area when it is a community, or
// the community of its grid; failing that (POST /organisations gives an area
// only to community, sub-district and grid organisations), the same of its
// parent organisation's area.
constexpr char kTeamSelect[] =
    "SELECT o.id, o.name, "
    "CASE WHEN a.level = 'community' THEN a.id WHEN a.level = 'grid' THEN ga.id "
    " WHEN pa.level = 'community' THEN pa.id WHEN pa.level = 'grid' THEN pga.id END, "
    "CASE WHEN a.level = 'community' THEN a.name WHEN a.level = 'grid' THEN ga.name "
    " WHEN pa.level = 'community' THEN pa.name WHEN pa.level = 'grid' THEN pga.name END, "
    "t.parent_org_id, po.name, "
    "(SELECT count(*) FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id "
    " WHERE m.team_org_id = o.id AND m.left_at IS NULL AND v.status = 'active'), "
    "t.responsible_person, t.contact_phone "
    "FROM organisations o "
    "LEFT JOIN volunteer_teams t ON t.org_id = o.id "
    "LEFT JOIN organisations po ON po.id = t.parent_org_id "
    "LEFT JOIN areas a ON a.id = o.area_id "
    "LEFT JOIN areas ga ON ga.id = a.parent_id "
    "LEFT JOIN areas pa ON pa.id = po.area_id "
    "LEFT JOIN areas pga ON pga.id = pa.parent_id "
    "WHERE o.kind = 'volunteer_team'";

TeamItem team_from(const store::Statement& s) {
  TeamItem t;
  t.id = s.column_int64(0);
  t.name = s.column_text(1);
  if (!s.column_is_null(2)) t.community = NamedRef{s.column_int64(2), s.column_text(3)};
  if (!s.column_is_null(4)) t.parent = NamedRef{s.column_int64(4), s.column_text(5)};
  t.volunteers = s.column_int64(6);
  t.responsible_person = s.column_text(7);
  t.contact_phone = s.column_text(8);
  return t;
}

}  // namespace

Result<std::vector<TeamItem>> list_teams(store::Connection& c) {
  Result<store::Statement> s = c.prepare(std::string(kTeamSelect) + " ORDER BY o.name, o.id");
  if (!s.ok()) return s.status();
  return store::collect<TeamItem>(*s, team_from);
}

Result<std::optional<TeamItem>> find_team(store::Connection& c, int64_t team_id) {
  Result<store::Statement> s = c.prepare(std::string(kTeamSelect) + " AND o.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, team_id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<TeamItem>();
  return std::optional<TeamItem>(team_from(*s));
}

Result<bool> organisation_exists(store::Connection& c, int64_t org_id) {
  Result<store::Statement> s = c.prepare("SELECT 1 FROM organisations WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, org_id);
  return s->step();
}

Status save_team_facts(store::Connection& c, int64_t team_id, std::optional<int64_t> parent_org_id,
                       const std::string& responsible_person, const std::string& contact_phone,
                       int64_t by, int64_t now) {
  Result<store::Statement> u = c.prepare(
      "UPDATE volunteer_teams SET parent_org_id = ?, responsible_person = ?, contact_phone = ?, "
      "updated_by = ?, updated_at = ? WHERE org_id = ?");
  if (!u.ok()) return u.status();
  u->bind(1, parent_org_id).bind(2, responsible_person).bind(3, contact_phone);
  u->bind(4, by).bind(5, now).bind(6, team_id);
  if (Status s = u->run(); !s.ok()) return s;
  if (c.changes() > 0) return Status::Ok();
  Result<store::Statement> i = c.prepare(
      "INSERT INTO volunteer_teams (org_id, parent_org_id, responsible_person, contact_phone, "
      "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
  if (!i.ok()) return i.status();
  i->bind(1, team_id).bind(2, parent_org_id).bind(3, responsible_person).bind(4, contact_phone);
  i->bind(5, by).bind(6, now);
  return i->run();
}

}  // namespace warmcity::volunteers
