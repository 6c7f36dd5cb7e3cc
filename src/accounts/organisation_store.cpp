#include "accounts/organisation_store.h"

#include <algorithm>
#include <array>

namespace warmcity::accounts {

namespace {

constexpr std::array<std::string_view, 6> kKinds = {"department",  "keeper", "community",
                                                    "subdistrict", "grid",   "volunteer_team"};

constexpr char kColumns[] = "id, kind, name, created_at, area_id";

Organisation read_organisation(const store::Statement& s) {
  return Organisation{s.column_int64(0), s.column_text(1), s.column_text(2), s.column_int64(3),
                      s.column_int64_opt(4)};
}

}  // namespace

Result<std::optional<Organisation>> find_organisation(store::Connection& conn, int64_t id) {
  auto stmt = conn.prepare(std::string("SELECT ") + kColumns + " FROM organisations WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Organisation>();
  return std::optional<Organisation>(read_organisation(*stmt));
}

bool kind_serves_area(std::string_view kind) {
  return kind == "community" || kind == "subdistrict" || kind == "grid";
}

Status set_organisation_area(store::Connection& conn, int64_t id, std::optional<int64_t> area_id) {
  auto stmt = conn.prepare("UPDATE organisations SET area_id = ? WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, area_id).bind(2, id);
  return stmt->run();
}

bool is_organisation_kind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

std::string_view organisation_kinds_text() {
  return "department, keeper, community, subdistrict, grid, volunteer_team";
}

Result<int64_t> insert_organisation(store::Connection& conn, std::string_view kind,
                                    std::string_view name, std::optional<int64_t> area_id,
                                    int64_t now) {
  auto stmt = conn.prepare(
      "INSERT INTO organisations (kind, name, created_at, area_id) VALUES (?, ?, ?, ?)");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, kind).bind(2, name).bind(3, now).bind(4, area_id);
  if (Status s = stmt->run(); !s.ok()) return s;
  return conn.last_insert_rowid();
}

Result<std::vector<Organisation>> list_organisations_page(store::Connection& conn,
                                                          const std::optional<std::string>& kind,
                                                          std::optional<int64_t> before_id,
                                                          int limit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM organisations WHERE 1 " +
                    (before_id ? "AND id < ? " : "") + (kind ? "AND kind = ? " : "") +
                    "ORDER BY id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int i = 1;
  if (before_id) stmt->bind(i++, *before_id);
  if (kind) stmt->bind(i++, *kind);
  stmt->bind(i, limit);
  std::vector<Organisation> out;
  for (;;) {
    auto row = stmt->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(read_organisation(*stmt));
  }
  return out;
}

Result<std::vector<Organisation>> find_organisations(store::Connection& conn,
                                                     const std::vector<int64_t>& ids) {
  std::vector<int64_t> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<Organisation> out;
  for (int64_t id : sorted) {
    auto org = find_organisation(conn, id);
    if (!org.ok()) return org.status();
    if (*org) out.push_back(std::move(**org));
  }
  return out;
}

Result<std::vector<int64_t>> missing_organisations(store::Connection& conn,
                                                   const std::vector<int64_t>& ids) {
  auto found = find_organisations(conn, ids);
  if (!found.ok()) return found.status();
  std::vector<int64_t> missing;
  for (int64_t id : ids) {
    bool present = std::any_of(found->begin(), found->end(),
                               [&](const Organisation& o) { return o.id == id; });
    if (!present && std::find(missing.begin(), missing.end(), id) == missing.end()) {
      missing.push_back(id);
    }
  }
  return missing;
}

}  // namespace warmcity::accounts
