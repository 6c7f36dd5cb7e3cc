#include "appeals/category_store.h"

#include <functional>

namespace warmcity::appeals {

namespace {

constexpr const char* kCategoryColumns =
    "id, code, name_zh, name_en, group_name, department_org_id, response_hours, "
    "resolution_days, attributes, active, created_at, updated_at";

Category category_of_row(const store::Statement& s) {
  Category c;
  c.id = s.column_int64(0);
  c.code = s.column_text(1);
  c.name_zh = s.column_text(2);
  c.name_en = s.column_text(3);
  c.group = s.column_text(4);
  c.department_org_id = s.column_int64_opt(5);
  c.response_hours = static_cast<int>(s.column_int64(6));
  c.resolution_days = static_cast<int>(s.column_int64(7));
  auto attributes = attributes_from_json(s.column_text(8));
  if (attributes.ok()) c.attributes = std::move(*attributes);
  c.active = s.column_int64(9) != 0;
  c.created_at = s.column_int64(10);
  c.updated_at = s.column_int64(11);
  return c;
}

Result<Category> one(store::Connection& c, const std::string& where,
                     const std::function<void(store::Statement&)>& bind) {
  auto s = c.prepare(std::string("SELECT ") + kCategoryColumns + " FROM appeal_categories WHERE " +
                     where);
  if (!s.ok()) return s.status();
  bind(*s);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such appeal category");
  return category_of_row(*s);
}

// Binds name_zh … updated_at as parameters 1..10.
void bind_fields(store::Statement& s, const Category& c) {
  s.bind(1, c.name_zh).bind(2, c.name_en).bind(3, c.group).bind(4, c.department_org_id);
  s.bind(5, c.response_hours).bind(6, c.resolution_days);
  s.bind(7, attributes_to_json(c.attributes)).bind(8, c.active ? 1 : 0);
  s.bind(9, c.created_at).bind(10, c.updated_at);
}

}  // namespace

Result<Category> get_category(store::Connection& c, const std::string& code) {
  return one(c, "code = ?", [&code](store::Statement& s) { s.bind(1, code); });
}

Result<Category> get_category_by_id(store::Connection& c, int64_t id) {
  return one(c, "id = ?", [id](store::Statement& s) { s.bind(1, id); });
}

Result<std::vector<Category>> list_categories(store::Connection& c, bool include_inactive) {
  auto s = c.prepare(std::string("SELECT ") + kCategoryColumns +
                     " FROM appeal_categories WHERE active <> 0 OR ? <> 0 "
                     "ORDER BY group_name, code, id");
  if (!s.ok()) return s.status();
  s->bind(1, include_inactive ? 1 : 0);
  return store::collect<Category>(*s, category_of_row);
}

Status insert_category(store::Connection& c, Category& cat) {
  auto s = c.prepare(
      "INSERT INTO appeal_categories (name_zh, name_en, group_name, department_org_id, "
      "response_hours, resolution_days, attributes, active, created_at, updated_at, code) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  if (!s.ok()) return s.status();
  bind_fields(*s, cat);
  s->bind(11, cat.code);
  Result<int64_t> id = s->returning_id();
  if (!id.ok()) return id.status();
  cat.id = *id;
  return Status::Ok();
}

Status update_category_row(store::Connection& c, const Category& cat) {
  auto s = c.prepare(
      "UPDATE appeal_categories SET name_zh = ?, name_en = ?, group_name = ?, "
      "department_org_id = ?, response_hours = ?, resolution_days = ?, attributes = ?, "
      "active = ?, created_at = ?, updated_at = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  bind_fields(*s, cat);
  s->bind(11, cat.id);
  return s->run();
}

}  // namespace warmcity::appeals
