// The volunteers' SQL (volunteer_store.h).
#include "volunteers/volunteer_store.h"

#include <map>
#include <utility>

#include <nlohmann/json.hpp>

namespace warmcity::volunteers {

namespace {

constexpr char kVolunteerColumns[] =
    "v.id, v.volunteer_no, v.user_id, v.name, v.phone, v.id_type, v.id_number, v.birth_date, "
    "v.gender, v.skills, v.availability, v.trainings, v.insurance_until, v.public_name, "
    "v.guardian_name, v.guardian_phone, v.guardian_relation, v.guardian_recorded_by, "
    "v.guardian_recorded_at, v.status, v.created_by, v.created_at, v.updated_at";

std::vector<std::string> skills_from_text(const std::string& text) {
  std::vector<std::string> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

std::vector<Training> trainings_from_text(const std::string& text) {
  std::vector<Training> out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& t : j) {
    if (!t.is_object()) continue;
    out.push_back({t.value("name", ""), t.value("completed_on", "")});
  }
  return out;
}

std::string skills_text(const std::vector<std::string>& skills) {
  return nlohmann::json(skills).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string trainings_text(const std::vector<Training>& trainings) {
  nlohmann::json out = nlohmann::json::array();
  for (const Training& t : trainings)
    out.push_back({{"name", t.name}, {"completed_on", t.completed_on}});
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

VolunteerRow volunteer_from(const store::Statement& s) {
  VolunteerRow v;
  v.id = s.column_int64(0);
  v.volunteer_no = s.column_text(1);
  v.user_id = s.column_int64_opt(2);
  v.name = s.column_text(3);
  v.phone = s.column_text_opt(4);
  v.id_type = s.column_text_opt(5);
  v.id_number = s.column_text_opt(6);
  v.birth_date = s.column_text_opt(7);
  v.gender = s.column_text_opt(8);
  v.skills = skills_from_text(s.column_text(9));
  v.availability = s.column_text(10);
  v.trainings = trainings_from_text(s.column_text(11));
  v.insurance_until = s.column_text_opt(12);
  v.public_name = s.column_int64(13) != 0;
  if (!s.column_is_null(14)) {
    v.guardian = GuardianConsent{s.column_text(14), s.column_text(15), s.column_text(16),
                                 s.column_int64_opt(17), s.column_int64_opt(18)};
  }
  v.status = s.column_text(19);
  v.created_by = s.column_int64_opt(20);
  v.created_at = s.column_int64(21);
  v.updated_at = s.column_int64(22);
  return v;
}

// The memberships of the volunteers the inner query selects, by volunteer.
Result<std::map<int64_t, std::vector<TeamLink>>> links_where(store::Connection& c,
                                                             const std::string& volunteers_sql,
                                                             int64_t param) {
  Result<store::Statement> s = c.prepare(
      "SELECT m.volunteer_id, m.team_org_id, o.name, m.joined_at, m.left_at "
      "FROM volunteer_team_members m JOIN organisations o ON o.id = m.team_org_id "
      "WHERE m.volunteer_id IN (" +
      volunteers_sql + ") ORDER BY m.volunteer_id, m.joined_at, m.id");
  if (!s.ok()) return s.status();
  s->bind(1, param);
  std::map<int64_t, std::vector<TeamLink>> out;
  while (true) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out[s->column_int64(0)].push_back(
        {s->column_int64(1), s->column_text(2), s->column_int64(3), s->column_int64_opt(4)});
  }
}

void bind_guardian(store::Statement& s, int first, const std::optional<GuardianConsent>& g) {
  if (!g) {
    for (int i = 0; i < 5; ++i) s.bind_null(first + i);
    return;
  }
  s.bind(first, g->guardian_name).bind(first + 1, g->guardian_phone);
  s.bind(first + 2, g->relation).bind(first + 3, g->recorded_by).bind(first + 4, g->recorded_at);
}

// A LIKE pattern matching `text` anywhere, its wildcards escaped with '\'.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace

Result<std::optional<VolunteerRow>> find_volunteer(store::Connection& c, int64_t id) {
  Result<store::Statement> s =
      c.prepare(std::string("SELECT ") + kVolunteerColumns + " FROM volunteers v WHERE v.id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<VolunteerRow>();
  VolunteerRow v = volunteer_from(*s);
  Result<std::map<int64_t, std::vector<TeamLink>>> links = links_where(c, "?", id);
  if (!links.ok()) return links.status();
  v.teams = std::move((*links)[id]);
  return std::optional<VolunteerRow>(std::move(v));
}

Result<std::optional<int64_t>> volunteer_with_identity(store::Connection& c,
                                                       const std::string& id_type,
                                                       const std::string& id_number) {
  Result<store::Statement> s =
      c.prepare("SELECT id FROM volunteers WHERE id_type = ? AND id_number = ?");
  if (!s.ok()) return s.status();
  s->bind(1, id_type).bind(2, id_number);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(s->column_int64(0));
}

Result<bool> user_exists(store::Connection& c, int64_t user_id) {
  Result<store::Statement> s = c.prepare("SELECT 1 FROM users WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, user_id);
  return s->step();
}

Result<int64_t> insert_volunteer(store::Connection& c, const VolunteerFields& f,
                                 const std::string& volunteer_no, int64_t by, int64_t now) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteers (volunteer_no, user_id, name, phone, id_type, id_number, "
      "birth_date, gender, skills, availability, trainings, insurance_until, public_name, "
      "guardian_name, guardian_phone, guardian_relation, guardian_recorded_by, "
      "guardian_recorded_at, status, created_by, created_at, updated_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_no).bind(2, f.user_id).bind(3, f.name).bind(4, f.phone);
  s->bind(5, f.id_type).bind(6, f.id_number).bind(7, f.birth_date).bind(8, f.gender);
  s->bind(9, skills_text(f.skills)).bind(10, f.availability).bind(11, trainings_text(f.trainings));
  s->bind(12, f.insurance_until).bind(13, int64_t{f.public_name ? 1 : 0});
  std::optional<GuardianConsent> g = f.guardian;
  if (g) {
    g->recorded_by = by;
    g->recorded_at = now;
  }
  bind_guardian(*s, 14, g);
  s->bind(19, by).bind(20, now).bind(21, now);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  if (Status m = insert_membership(c, *id, f.team_id, by, now); !m.ok()) return m;
  return *id;
}

Status update_volunteer(store::Connection& c, const VolunteerRow& v, int64_t now) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteers SET user_id = ?, name = ?, phone = ?, id_type = ?, id_number = ?, "
      "birth_date = ?, gender = ?, skills = ?, availability = ?, trainings = ?, "
      "insurance_until = ?, public_name = ?, guardian_name = ?, guardian_phone = ?, "
      "guardian_relation = ?, guardian_recorded_by = ?, guardian_recorded_at = ?, status = ?, "
      "updated_at = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  s->bind(1, v.user_id).bind(2, v.name).bind(3, v.phone).bind(4, v.id_type);
  s->bind(5, v.id_number).bind(6, v.birth_date).bind(7, v.gender);
  s->bind(8, skills_text(v.skills)).bind(9, v.availability).bind(10, trainings_text(v.trainings));
  s->bind(11, v.insurance_until).bind(12, int64_t{v.public_name ? 1 : 0});
  bind_guardian(*s, 13, v.guardian);
  s->bind(18, v.status).bind(19, now).bind(20, v.id);
  return s->run();
}

Result<bool> is_current_member(store::Connection& c, int64_t volunteer_id, int64_t team_id) {
  Result<store::Statement> s = c.prepare(
      "SELECT 1 FROM volunteer_team_members WHERE volunteer_id = ? AND team_org_id = ? AND "
      "left_at IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, volunteer_id).bind(2, team_id);
  return s->step();
}

Status insert_membership(store::Connection& c, int64_t volunteer_id, int64_t team_id, int64_t by,
                         int64_t now) {
  Result<store::Statement> s = c.prepare(
      "INSERT INTO volunteer_team_members (team_org_id, volunteer_id, joined_at, joined_by) "
      "VALUES (?, ?, ?, ?)");
  if (!s.ok()) return s.status();
  s->bind(1, team_id).bind(2, volunteer_id).bind(3, now).bind(4, by);
  return s->run();
}

Result<bool> end_membership(store::Connection& c, int64_t volunteer_id, int64_t team_id, int64_t by,
                            int64_t now) {
  Result<store::Statement> s = c.prepare(
      "UPDATE volunteer_team_members SET left_at = ?, left_by = ? WHERE volunteer_id = ? AND "
      "team_org_id = ? AND left_at IS NULL");
  if (!s.ok()) return s.status();
  s->bind(1, now).bind(2, by).bind(3, volunteer_id).bind(4, team_id);
  if (Status r = s->run(); !r.ok()) return r;
  return c.changes() > 0;
}

Result<std::vector<VolunteerRow>> team_volunteers(store::Connection& c,
                                                  const TeamVolunteerQuery& q) {
  std::string sql = std::string("SELECT ") + kVolunteerColumns +
                    " FROM volunteers v JOIN volunteer_team_members m ON m.volunteer_id = v.id "
                    "WHERE m.team_org_id = ? AND m.left_at IS NULL";
  if (q.status) sql += " AND v.status = ?";
  if (q.q) sql += " AND (v.name LIKE ? ESCAPE '\\' OR v.volunteer_no LIKE ? ESCAPE '\\')";
  sql += " ORDER BY v.name, v.id LIMIT ?";
  Result<store::Statement> s = c.prepare(sql);
  if (!s.ok()) return s.status();
  int i = 1;
  s->bind(i++, q.team_id);
  if (q.status) s->bind(i++, *q.status);
  if (q.q) {
    const std::string pattern = contains_pattern(*q.q);
    std::string upper = pattern;
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    s->bind(i++, pattern);
    s->bind(i++, upper);
  }
  s->bind(i, q.limit);
  Result<std::vector<VolunteerRow>> rows = store::collect<VolunteerRow>(*s, volunteer_from);
  if (!rows.ok()) return rows.status();
  Result<std::map<int64_t, std::vector<TeamLink>>> links = links_where(
      c,
      "SELECT volunteer_id FROM volunteer_team_members WHERE team_org_id = ? AND left_at IS NULL",
      q.team_id);
  if (!links.ok()) return links.status();
  for (VolunteerRow& v : *rows) v.teams = std::move((*links)[v.id]);
  return rows;
}

}  // namespace warmcity::volunteers
