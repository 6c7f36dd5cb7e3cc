#include "accounts/organisation_store.h"

#include <algorithm>
#include <iterator>

#include "accounts/id_chunks.h"

namespace warmcity::accounts {

namespace {

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

Status set_organisation_area(store::Connection& conn, int64_t id, std::optional<int64_t> area_id) {
  auto stmt = conn.prepare("UPDATE organisations SET area_id = ? WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, area_id).bind(2, id);
  return stmt->run();
}

Result<int64_t> insert_organisation(store::Connection& conn, std::string_view kind,
                                    std::string_view name, std::optional<int64_t> area_id,
                                    int64_t now) {
  auto stmt = conn.prepare(
      "INSERT INTO organisations (kind, name, created_at, area_id) VALUES (?, ?, ?, ?) "
      "RETURNING id");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, kind).bind(2, name).bind(3, now).bind(4, area_id);
  return stmt->returning_id();
}

Result<std::vector<Organisation>> list_organisations_page(store::Connection& conn,
                                                          const std::optional<std::string>& kind,
                                                          std::optional<int64_t> before_id,
                                                          int limit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM organisations WHERE 1 = 1 " +
                    (before_id ? "AND id < ? " : "") + (kind ? "AND kind = ? " : "") +
                    "ORDER BY id DESC LIMIT ?";
  auto stmt = conn.prepare(sql);
  if (!stmt.ok()) return stmt.status();
  int i = 1;
  if (before_id) stmt->bind(i++, *before_id);
  if (kind) stmt->bind(i++, *kind);
  stmt->bind(i, limit);
  return store::collect<Organisation>(*stmt, read_organisation);
}

Result<std::vector<Organisation>> find_organisations(store::Connection& conn,
                                                     const std::vector<int64_t>& ids) {
  std::vector<Organisation> out;
  for (const IdChunk& chunk : id_chunks(ids)) {
    auto stmt =
        conn.prepare(std::string("SELECT ") + kColumns + " FROM organisations WHERE id IN (" +
                     chunk.placeholders + ") ORDER BY id");
    if (!stmt.ok()) return stmt.status();
    for (size_t i = 0; i < chunk.values.size(); ++i) {
      stmt->bind(static_cast<int>(i + 1), chunk.values[i]);
    }
    auto found = store::collect<Organisation>(*stmt, read_organisation);
    if (!found.ok()) return found.status();
    out.insert(out.end(), std::make_move_iterator(found->begin()),
               std::make_move_iterator(found->end()));
  }
  return out;
}

Result<std::vector<int64_t>> missing_organisations(store::Connection& conn,
                                                   const std::vector<int64_t>& ids) {
  auto found = find_organisations(conn, ids);
  if (!found.ok()) return found.status();
  std::vector<int64_t> present;  // ascending: the groups come in id order
  for (const Organisation& o : *found) present.push_back(o.id);
  std::vector<int64_t> missing;
  for (int64_t id : ids) {
    if (!std::binary_search(present.begin(), present.end(), id) &&
        std::find(missing.begin(), missing.end(), id) == missing.end()) {
      missing.push_back(id);
    }
  }
  return missing;
}

}  // namespace warmcity::accounts
