#include "areas/area_store.h"

#include "core/time.h"

namespace warmcity::areas {

namespace {

constexpr const char* kListColumns = "id, level, parent_id, name, code, '', created_at, updated_at";
constexpr const char* kAllColumns =
    "id, level, parent_id, name, code, boundary, created_at, updated_at";

AreaRecord read_row(const store::Statement& s) {
  AreaRecord a;
  a.id = s.column_int64(0);
  a.level = parse_level(s.column_text(1)).value_or(Level::kSubdistrict);
  a.parent_id = s.column_int64_opt(2);
  a.name = s.column_text(3);
  a.code = s.column_text_opt(4);
  a.boundary = s.column_text(5);
  a.created_at = s.column_int64(6);
  a.updated_at = s.column_int64(7);
  return a;
}

Result<std::vector<AreaRecord>> read_all(store::Statement& s) {
  std::vector<AreaRecord> out;
  while (true) {
    auto row = s.step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(read_row(s));
  }
  return out;
}

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"areas", 1, R"SQL(
    CREATE TABLE areas (
      id {{id}},
      level TEXT NOT NULL CHECK (level IN ('subdistrict', 'community', 'grid')),
      parent_id BIGINT REFERENCES areas (id) ON DELETE RESTRICT,
      name TEXT NOT NULL,
      code TEXT UNIQUE,
      boundary TEXT NOT NULL {{json_check:boundary}},
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK ((level = 'subdistrict') = (parent_id IS NULL))
    );
    CREATE INDEX areas_parent ON areas (parent_id);
    CREATE INDEX areas_level ON areas (level, id);
  )SQL"}};
}

Result<std::vector<AreaRecord>> list_areas(store::Connection& c, const AreaQuery& q) {
  auto stmt =
      c.prepare(std::string("SELECT ") + kListColumns +
                " FROM areas WHERE id < ?1 AND (CAST(?2 AS TEXT) IS NULL OR level = ?2) AND "
                "(CAST(?3 AS BIGINT) IS NULL OR parent_id = ?3) ORDER BY id DESC LIMIT ?4");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, q.before_id.value_or(INT64_MAX)).bind(4, q.limit).bind(3, q.parent_id);
  if (q.level) {
    stmt->bind(2, level_name(*q.level));
  } else {
    stmt->bind_null(2);
  }
  return read_all(*stmt);
}

Result<std::vector<AreaRecord>> all_areas(store::Connection& c) {
  auto stmt = c.prepare(std::string("SELECT ") + kAllColumns + " FROM areas ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  return read_all(*stmt);
}

Result<AreaRecord> get_area(store::Connection& c, int64_t id) {
  auto stmt = c.prepare(std::string("SELECT ") + kAllColumns + " FROM areas WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no area with id " + std::to_string(id));
  return read_row(*stmt);
}

Result<std::optional<std::pair<int64_t, Level>>> find_by_code(store::Connection& c,
                                                              const std::string& code) {
  auto stmt = c.prepare("SELECT id, level FROM areas WHERE code = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, code);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::pair<int64_t, Level>>();
  auto level = parse_level(stmt->column_text(1)).value_or(Level::kSubdistrict);
  return std::optional<std::pair<int64_t, Level>>(std::make_pair(stmt->column_int64(0), level));
}

std::optional<Level> parent_level(Level level) {
  if (level == Level::kGrid) return Level::kCommunity;
  if (level == Level::kCommunity) return Level::kSubdistrict;
  return std::nullopt;
}

Status check_parent(store::Connection& c, Level level, std::optional<int64_t> parent_id) {
  auto fail = [](std::string m) {
    return Status::Unprocessable("the parent is not valid", {{"parent_id", std::move(m)}});
  };
  std::optional<Level> want = parent_level(level);
  if (!want) return parent_id ? fail("a sub-district has no parent") : Status::Ok();
  std::string want_name(level_name(*want));
  if (!parent_id) return fail("a " + std::string(level_name(level)) + " needs a " + want_name);
  auto parent = get_area(c, *parent_id);
  if (!parent.ok()) {
    return parent.status().code() == Code::kNotFound ? fail("no area with that id")
                                                     : parent.status();
  }
  if (parent->level != *want) return fail("must name a " + want_name);
  return Status::Ok();
}

Status check_code_free(store::Connection& c, const std::optional<std::string>& code, int64_t self) {
  if (!code) return Status::Ok();
  auto found = find_by_code(c, *code);
  if (!found.ok()) return found.status();
  if (*found && (*found)->first != self) {
    return Status::Conflict("the code " + *code + " is already used by area " +
                            std::to_string((*found)->first));
  }
  return Status::Ok();
}

Status insert_area(store::Connection& c, AreaRecord& a) {
  auto stmt = c.prepare(
      "INSERT INTO areas (level, parent_id, name, code, boundary, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!stmt.ok()) return stmt.status();
  a.created_at = a.updated_at = core::now_unix();
  stmt->bind(1, level_name(a.level)).bind(2, a.parent_id).bind(3, a.name).bind(4, a.code);
  stmt->bind(5, a.boundary).bind(6, a.created_at).bind(7, a.updated_at);
  Result<int64_t> id = stmt->returning_id();
  if (!id.ok()) return id.status();
  a.id = *id;
  return Status::Ok();
}

Status update_area(store::Connection& c, AreaRecord& a) {
  auto stmt = c.prepare(
      "UPDATE areas SET parent_id = ?, name = ?, code = ?, boundary = ?, updated_at = ? "
      "WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  a.updated_at = core::now_unix();
  stmt->bind(1, a.parent_id)
      .bind(2, a.name)
      .bind(3, a.code)
      .bind(4, a.boundary)
      .bind(5, a.updated_at)
      .bind(6, a.id);
  if (Status s = stmt->run(); !s.ok()) return s;
  if (c.changes() == 0) return Status::NotFound("no area with id " + std::to_string(a.id));
  return Status::Ok();
}

Result<int64_t> count_children(store::Connection& c, int64_t id) {
  auto stmt = c.prepare("SELECT count(*) FROM areas WHERE parent_id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row.ok()) return row.status();
  return *row ? stmt->column_int64(0) : int64_t{0};
}

Status delete_area(store::Connection& c, int64_t id) {
  auto children = count_children(c, id);
  if (!children.ok()) return children.status();
  if (*children > 0) {
    return Status::Conflict("area " + std::to_string(id) + " still holds " +
                            std::to_string(*children) + " areas; delete them first");
  }
  auto stmt = c.prepare("DELETE FROM areas WHERE id = ?");
  if (!stmt.ok()) return stmt.status();
  stmt->bind(1, id);
  if (Status s = stmt->run(); !s.ok()) return s;
  if (c.changes() == 0) return Status::NotFound("no area with id " + std::to_string(id));
  return Status::Ok();
}

}  // namespace warmcity::areas
